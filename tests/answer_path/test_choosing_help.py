"""Helping a student choose: which passage a job's column quotes in a comparison on what the
jobs offer, over the fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path import Request
from advisor.answer_path.choosing_help import first_offering
from advisor.chunking.chunker import Chunk
from advisor.jobs.interests import text_with_headings
from advisor.retrieval.fusion import Hit
from advisor.text.words import fold


def test_a_comparison_on_an_offer_quotes_a_passage_saying_it(many_jobs_advisor: Advisor) -> None:
    path = many_jobs_advisor.answer_path()
    interests = path.vocabulary.interests
    facets = interests.asked("je veux bosser dehors")
    assert facets

    def offers(chunk: Chunk) -> bool:
        text = fold(text_with_headings(chunk))
        return any(interests.offered(facet, [text])[0] for facet in facets)

    farmer = [c for c in path.snapshot.retriever.chunks if c.profile_id == "landbouwer"]
    saying = next(c for c in farmer if offers(c))
    silent = [c for c in farmer if not offers(c)][:2]
    hits = [Hit(chunk, 1.0, {}, 0.0) for chunk in (silent[0], saying, silent[1])]
    # The best passage, unless it says nothing of the offer and a next one does.
    assert first_offering(hits, facets, interests).chunk is saying
    assert first_offering([hits[1], hits[0]], facets, interests).chunk is saying
    assert first_offering([hits[0], hits[2]], facets, interests).chunk is silent[0]
    assert first_offering(hits, (), interests).chunk is silent[0]


def test_each_column_of_a_comparison_on_an_offer_says_it(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("farmer or electrician if i wanna work outdoors")
    assert answer.kind == "compare"
    assert [c.profile_id for c in answer.columns] == ["landbouwer", "electrician"]
    interests = many_jobs_advisor.answer_path().vocabulary.interests
    outdoors = interests.asked("work outdoors")
    for column in answer.columns:
        assert column.passage is not None
        text = fold(text_with_headings(column.passage.chunk))
        assert any(interests.offered(facet, [text])[0] for facet in outdoors), column.profile_id


def test_a_comparison_on_a_topic_is_searched_without_any_jobs_name(
    many_jobs_advisor: Advisor,
) -> None:
    path = many_jobs_advisor.answer_path()

    def planned(message: str) -> str:
        understood = path.understand(Request(message), "fr")
        return fold(path.helping.plan_comparison(understood).query.text)

    # On the pay, "kiné" (no profile) would draw the passages naming physios.
    paid = planned("j'hésite entre kiné et cuisinier, ça paye comment ?")
    assert "paye" in paid and "kine" not in paid and "cuisinier" not in paid
    # Asked how they differ, the job without a profile is what a passage must name.
    differ = planned("c'est quoi la différence entre un kiné et un cuisinier ?")
    assert "kine" in differ and "cuisinier" not in differ


def test_a_task_about_what_the_student_likes_is_no_exploration(
    many_jobs_advisor: Advisor,
) -> None:
    # Writing and the climate are words of the interest file; the task is no job's.
    message = "ecris moi un article sur le rechauffement climatique pr mon cours de francais"
    path = many_jobs_advisor.answer_path()
    understood = path.understand(Request(message), "fr")
    assert not path.helping.explores(understood, None)
    answer = many_jobs_advisor.ask(message)
    assert answer.kind == "abstain" and answer.reason == "off_topic"
