"""Several profiles: a question goes to the job it names, follow-ups stay with the
conversation's job, and an answer never mixes two jobs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.advisor import Advisor
from advisor.settings import Settings

FICTIVE = Path(__file__).resolve().parent / "fixtures" / "testeur-de-glaces.md"


@pytest.fixture(scope="module")
def two_profiles(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Advisor:
    knowledge = tmp_path_factory.mktemp("knowledge")
    shutil.copy(seed_path, knowledge)
    shutil.copy(FICTIVE, knowledge)
    settings = Settings(knowledge_dir=knowledge, index_dir=tmp_path_factory.mktemp("index"))
    Advisor.build(settings)
    return Advisor.from_settings(settings)


def _profiles(answer) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.chunk.profile_id for p in answer.passages}


def test_a_question_naming_a_job_goes_to_its_profile(two_profiles: Advisor) -> None:
    ice = two_profiles.ask("Combien gagne un testeur de glaces ?")
    assert _profiles(ice) == {"testeur-de-glaces"}
    assert "1 111€" in ice.passages[0].chunk.text
    production = two_profiles.ask("Combien gagne un responsable de production ?")
    assert _profiles(production) == {"responsable-de-production"}


def test_aliases_from_front_matter_route_too(two_profiles: Advisor) -> None:
    answer = two_profiles.ask("How much does an ice cream taster earn?")
    assert _profiles(answer) == {"testeur-de-glaces"}


def test_follow_up_stays_with_the_conversation_profile(two_profiles: Advisor) -> None:
    answer = two_profiles.ask("Et les études ?", ["Combien gagne un testeur de glaces ?"])
    assert _profiles(answer) == {"testeur-de-glaces"}
    assert "brevet imaginaire" in answer.passages[0].chunk.text


def test_no_answer_mixes_two_jobs(two_profiles: Advisor) -> None:
    for question in ("C'est quoi les inconvénients ?", "Quelles études ?", "Une journée type ?"):
        assert len(_profiles(two_profiles.ask(question))) == 1


def test_abstention_lists_every_known_job(two_profiles: Advisor) -> None:
    answer = two_profiles.ask("Combien gagne un plombier ?")
    assert answer.abstained
    assert "Responsable de production (Manager)" in answer.text
    assert "Testeur de glaces (fictif)" in answer.text
