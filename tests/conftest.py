"""Shared fixtures: the seed profile, and one real index and Advisor built for the session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = REPO_ROOT / "knowledge"
SEED = KNOWLEDGE / "responsable-de-production.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from advisor.settings import Settings

    return Settings(knowledge_dir=KNOWLEDGE, index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def advisor(settings):  # type: ignore[no-untyped-def]
    """The real Advisor with the default models over the shipped knowledge."""
    from advisor.advisor import Advisor

    Advisor.build(settings)
    return Advisor.from_settings(settings)


@pytest.fixture()
def knowledge_copy(tmp_path: Path) -> Iterator[Path]:
    """A scratch knowledge folder holding a copy of the seed profile."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    yield folder
