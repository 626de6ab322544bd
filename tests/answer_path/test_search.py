"""The search planned and its passages: without the job's name once chosen, the job found by
the question's own words, each job named leading with its own passage; over the fictitious
profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path import Request
from advisor.answer_path.values import Found, SearchPlan
from advisor.jobs.choice import JobSource


def _search(advisor: Advisor, message: str, *history: str) -> tuple[SearchPlan, Found]:
    path = advisor.answer_path()
    understood = path.understand(Request(message, history), "fr")
    choice = path.choose_job(understood, None)
    plan = path.plan_search(understood, choice)
    return plan, path.retrieve(plan, choice)


def test_the_job_chosen_is_searched_without_its_name(many_jobs_advisor: Advisor) -> None:
    plan, found = _search(many_jobs_advisor, "pk un routier ca gagne bien ?")
    assert "routier" not in plan.text and "gagne" in plan.text
    assert plan.query.profile_ids == ("chauffeur-poids-lourd",)
    assert plan.query.topics == ("salary",)
    assert {hit.chunk.profile_id for hit in found.hits} == {"chauffeur-poids-lourd"}
    assert found.hits[0].chunk.topic == "salary"


def test_a_word_only_one_profile_holds_chooses_its_job(many_jobs_advisor: Advisor) -> None:
    plan, found = _search(many_jobs_advisor, "c quoi un tachygraphe ?")
    assert plan.query.profile_ids == ()
    assert found.choice.profile_ids == ("chauffeur-poids-lourd",)
    assert found.choice.source is JobSource.WORDS
    assert list(found.own_words) == ["chauffeur-poids-lourd"]
    assert {hit.chunk.profile_id for hit in found.hits} == {"chauffeur-poids-lourd"}
    assert "tachygraphe" in found.hits[0].chunk.text.lower()


def test_a_word_of_a_title_only_its_profile_holds_chooses_it_whatever_the_passages(
    many_jobs_advisor: Advisor,
) -> None:
    # "graphic": a word of the "Graphic designer"'s title and of its profile alone; the
    # cook's FAQ on hours and the weekend is the nearest passage.
    _, found = _search(many_jobs_advisor, "le graphic il bosse le week-end ?")
    assert found.choice.profile_ids == ("graphic-designer",)
    assert found.choice.source is JobSource.WORDS
    assert {hit.chunk.profile_id for hit in found.hits} == {"graphic-designer"}


def test_each_job_named_leads_with_its_own_passage_in_the_order_named(
    many_jobs_advisor: Advisor,
) -> None:
    _, found = _search(many_jobs_advisor, "salaire cuisinière vs avocate")
    assert found.choice.profile_ids == ("cuisinier", "advocaat")
    assert [hit.chunk.profile_id for hit in found.hits[:2]] == ["cuisinier", "advocaat"]


def test_a_follow_up_switching_job_is_searched_on_the_earlier_question(
    many_jobs_advisor: Advisor,
) -> None:
    # "et pour un routier ?" asks the cook's pay question of the truck driver.
    plan, found = _search(many_jobs_advisor, "et pour un routier ?", "combien gagne un cuisinier ?")
    assert plan.query.topics == ("salary",)
    assert found.hits[0].chunk.profile_id == "chauffeur-poids-lourd"
    assert found.hits[0].chunk.topic == "salary"


def test_a_topic_no_example_question_asks_stands_for_the_examples_vote(
    many_jobs_advisor: Advisor,
) -> None:
    examples = many_jobs_advisor.answer_path().snapshot.examples
    assert "salary" in examples.voted_topics and "self_employed" not in examples.voted_topics
    plan, found = _search(many_jobs_advisor, "graphiste, on peut se mettre à son compte ?")
    assert plan.query.topics[0] == "self_employed"
    assert plan.query.topic_shares == {"self_employed": 1.0}
    assert found.hits[0].chunk.topic == "self_employed"
    # A topic the examples know keeps their vote.
    paid, _ = _search(many_jobs_advisor, "un graphiste ça gagne combien ?")
    assert paid.query.topics[0] == "salary" and len(paid.query.topic_shares) > 1
