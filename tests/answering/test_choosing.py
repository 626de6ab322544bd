"""Answers that help choose (fictitious jobs): jobs side by side in the order named, jobs that
fit with a chip each, the list of the jobs known by field of work."""

from __future__ import annotations

from advisor.answering.choosing import (
    BROWSE_SHOWN,
    ComparedJob,
    JobEntry,
    comparison,
    exploration,
    job_list,
)
from advisor.answering.compose import AnswerKind
from advisor.chunking.chunker import Chunk
from advisor.retrieval.fusion import Hit


def _hit(profile_id: str, title: str, text: str) -> Hit:
    chunk = Chunk(
        id=f"{profile_id}-1",
        profile_id=profile_id,
        profile_title=title,
        heading_path=(title, "Salaire"),
        topic="salary",
        language="fr",
        text=text,
        source=f"{profile_id}.md",
        line=3,
    )
    return Hit(chunk, 1.0, {}, 0.0)


DRESSEUR = _hit("dresseur", "Dresseur de nuages", "Il nuage. Un débutant gagne 2 100 € brut.")
TESTEUR = _hit("testeur", "Testeur de glaces", "Il goûte. Un débutant gagne 1 900 € brut.")


def test_a_comparison_keeps_the_order_named_and_says_which_job_it_lacks() -> None:
    jobs = [
        ComparedJob("testeur", "testeur", "Testeur de glaces", TESTEUR),
        ComparedJob("plombier", None, None, None),
        ComparedJob("dresseur", "dresseur", "Dresseur de nuages", DRESSEUR),
    ]
    answer = comparison("combien ils gagnent ?", jobs, "fr", "salary")
    assert answer.kind is AnswerKind.COMPARE and not answer.abstained
    assert [c.profile_id for c in answer.columns] == ["testeur", None, "dresseur"]
    names = ["Testeur de glaces", "plombier", "Dresseur de nuages"]
    assert [c.job for c in answer.columns] == names
    missing = answer.columns[1]
    assert missing.passage is None and "plombier" in (missing.note or "")
    first = answer.columns[0].passage
    assert first is not None and first.highlight == "Un débutant gagne 1 900 € brut."
    assert [p.chunk.profile_id for p in answer.passages] == ["testeur", "dresseur"]
    # Its chips: the same jobs on the next topic (after the pay, the studies), asked as a
    # follow-up.
    assert answer.suggestions[0] == "Et les études ?" and len(answer.suggestions) == 2


def test_a_job_whose_profile_says_nothing_on_it_says_so() -> None:
    jobs = [
        ComparedJob("testeur", "testeur", "Testeur de glaces", TESTEUR),
        ComparedJob("dresseur", "dresseur", "Dresseur de nuages", None),
    ]
    answer = comparison("and the pay?", jobs, "en", "salary")
    assert answer.columns[1].passage is None and "nothing" in (answer.columns[1].note or "")


def test_an_exploration_offers_a_chip_per_job_in_the_students_language() -> None:
    answer = exploration("j'aime le froid", [TESTEUR, DRESSEUR], "nl")
    assert answer.kind is AnswerKind.EXPLORE
    assert [card.profile_id for card in answer.jobs] == ["testeur", "dresseur"]
    assert answer.jobs[0].question == "Wat doet een testeur de glaces?"
    assert answer.suggestions == tuple(card.question for card in answer.jobs)


def test_the_list_of_jobs_groups_by_field_and_counts_what_it_does_not_show() -> None:
    many = [JobEntry(f"job-{n}", f"Métier fictif {n:03}") for n in range(BROWSE_SHOWN + 5)]
    sectors = [
        JobEntry("b", "Boulanger fictif", "Alimentation"),
        JobEntry("a", "Zythologue", "Alimentation"),
    ]
    answer = job_list([*many, *sectors], "fr")
    assert answer.kind is AnswerKind.BROWSE
    assert answer.text.startswith(f"Je connais {BROWSE_SHOWN + 7} métiers")
    assert f"les {BROWSE_SHOWN} premiers" in answer.text
    assert len(answer.jobs) == BROWSE_SHOWN
    # Jobs with a field of work first, by field, then by title.
    assert [card.title for card in answer.jobs[:3]] == [
        "Boulanger fictif",
        "Zythologue",
        "Métier fictif 000",
    ]
    assert answer.jobs[0].sector == "Alimentation" and answer.jobs[2].sector is None
