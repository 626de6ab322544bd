"""The job chosen before the search: the one named, the conversation's, the page's, or one a
follow-up's words switch to; over the fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path import Request
from advisor.jobs.choice import JobChoice, JobSource


def _choice(
    advisor: Advisor, message: str, *history: str, page: str | None = None
) -> JobChoice | None:
    path = advisor.answer_path()
    understood = path.understand(Request(message, history, page_profile=page), "fr")
    return path.choose_job(understood, page)


def test_the_job_named_comes_first_even_on_another_jobs_page(many_jobs_advisor: Advisor) -> None:
    choice = _choice(many_jobs_advisor, "combien gagne un avocat ?", page="cuisinier")
    assert choice == JobChoice(("advocaat",), JobSource.NAMED)


def test_a_follow_up_naming_none_stays_on_the_conversations_job(
    many_jobs_advisor: Advisor,
) -> None:
    choice = _choice(many_jobs_advisor, "et les horaires ?", "combien gagne un cuisinier ?")
    assert choice == JobChoice(("cuisinier",), JobSource.CONVERSATION)


def test_with_nothing_named_the_page_chooses(many_jobs_advisor: Advisor) -> None:
    choice = _choice(many_jobs_advisor, "et les horaires ?", page="cuisinier")
    assert choice == JobChoice(("cuisinier",), JobSource.PAGE)


def test_with_nothing_named_and_several_jobs_the_search_will_choose(
    many_jobs_advisor: Advisor,
) -> None:
    assert _choice(many_jobs_advisor, "c quoi un tachygraphe ?") is None


def test_a_follow_up_naming_another_jobs_theme_switches_to_that_job(
    many_jobs_advisor: Advisor,
) -> None:
    # "camion" is in many of the truck driver's passages and in no other profile.
    choice = _choice(
        many_jobs_advisor, "et pr conduire un camion ?", "combien gagne un cuisinier ?"
    )
    assert choice == JobChoice(("chauffeur-poids-lourd",), JobSource.WORDS)
    # An everyday word of many profiles switches nothing.
    stays = _choice(many_jobs_advisor, "et le week-end ?", "combien gagne un cuisinier ?")
    assert stays == JobChoice(("cuisinier",), JobSource.CONVERSATION)
