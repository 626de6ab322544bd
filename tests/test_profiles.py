"""Several profiles (the session's many jobs, the fictitious ice cream taster among them): a
question goes to the job it names, follow-ups stay with the conversation's job, and an answer
never mixes two jobs."""

from __future__ import annotations

from advisor.advisor import Advisor


def _profiles(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.chunk.profile_id for p in answer.passages}


def test_a_question_naming_a_job_goes_to_its_profile(many_jobs_advisor: Advisor) -> None:
    ice = many_jobs_advisor.ask("Combien gagne un testeur de glaces ?")
    assert _profiles(ice) == {"testeur-de-glaces"}
    assert "1 111€" in ice.passages[0].chunk.text
    production = many_jobs_advisor.ask("Combien gagne un responsable de production ?")
    assert _profiles(production) == {"responsable-de-production"}


def test_aliases_from_front_matter_route_too(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("How much does an ice cream taster earn?")
    assert _profiles(answer) == {"testeur-de-glaces"}


def test_follow_up_stays_with_the_conversation_profile(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("Et les études ?", ["Combien gagne un testeur de glaces ?"])
    assert _profiles(answer) == {"testeur-de-glaces"}
    assert "brevet imaginaire" in answer.passages[0].chunk.text


def test_no_answer_mixes_two_jobs(many_jobs_advisor: Advisor) -> None:
    for question in ("C'est quoi les inconvénients ?", "Quelles études ?", "Une journée type ?"):
        # Naming no job, they are asked back ("clarify", nothing quoted) or, when the words
        # point to one job, answered from that one alone.
        answer = many_jobs_advisor.ask(question)
        assert len(_profiles(answer)) == (0 if answer.kind == "clarify" else 1)
        page = many_jobs_advisor.ask(question, profile="testeur-de-glaces")
        assert _profiles(page) == {"testeur-de-glaces"}


def test_abstention_lists_every_known_job(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("Combien gagne un plombier ?")
    assert answer.abstained
    assert "Responsable de production (Manager)" in answer.text
    assert "Testeur de glaces (fictif)" in answer.text
