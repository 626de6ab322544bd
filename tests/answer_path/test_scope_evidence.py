"""The evidence the scope is judged on, gathered from the stages before it; over the
fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path import Request
from advisor.scope.judge import AbstentionReason, ScopeEvidence, judge_scope


def _evidence(advisor: Advisor, message: str, *history: str) -> ScopeEvidence:
    path = advisor.answer_path()
    understood = path.understand(Request(message, history), "fr")
    choice = path.choose_job(understood, None)
    plan = path.plan_search(understood, choice)
    return path.scope.scope_evidence(understood, plan, path.retrieve(plan, choice))


def test_a_follow_up_on_the_conversations_job_is_read_alone(many_jobs_advisor: Advisor) -> None:
    evidence = _evidence(many_jobs_advisor, "et les horaires ?", "combien gagne un cuisinier ?")
    assert evidence.on_the_conversations_job
    assert evidence.follow_up is not None
    assert evidence.follow_up.words_in_profile and evidence.follow_up.names_a_topic
    assert judge_scope(evidence).reason is None


def test_the_advisor_asked_about_itself_after_a_job(many_jobs_advisor: Advisor) -> None:
    evidence = _evidence(
        many_jobs_advisor, "et toi tu manges quoi ce soir ?", "combien gagne un cuisinier ?"
    )
    assert evidence.follow_up is not None and evidence.follow_up.addresses_the_advisor
    assert judge_scope(evidence).reason is AbstentionReason.OFF_TOPIC


def test_a_question_of_its_own_is_no_follow_up(many_jobs_advisor: Advisor) -> None:
    evidence = _evidence(many_jobs_advisor, "c quoi un tachygraphe ?")
    assert evidence.follow_up is None and not evidence.on_the_conversations_job
    # "tachygraphe": a word only the truck driver's profile holds names a topic of it.
    assert evidence.names_a_topic and evidence.passage_holds_own_words
    assert judge_scope(evidence).reason is None


def test_a_word_of_its_title_is_held_by_each_passage_of_the_job(many_jobs_advisor: Advisor) -> None:
    # "social" names the "Assistant social / Assistante sociale", whatever passage answers.
    evidence = _evidence(many_jobs_advisor, "faut quel age pour bosser dans le social ?")
    assert evidence.best_passage is not None
    assert "social" not in evidence.best_passage.casefold()
    assert evidence.passage_holds_own_words
    assert judge_scope(evidence).reason is None


def test_a_job_without_a_profile_is_carried_to_the_verdict(many_jobs_advisor: Advisor) -> None:
    evidence = _evidence(many_jobs_advisor, "combien gagne un boulanger ?")
    assert [(m.name, m.profile_id) for m in evidence.mentions] == [("boulanger", None)]
    verdict = judge_scope(evidence)
    assert verdict.reason is AbstentionReason.OTHER_JOB and verdict.unknown_job == "boulanger"
