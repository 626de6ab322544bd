"""The question sets stay true to the shipped knowledge: every gold phrase is in a profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS = sorted((ROOT / "tests" / "data").glob("*.json"))
# The full sets (the shape: 120+ questions, 15+ conversations); the others probe one
# thing (scope_probe.json: questions near the edge of the scope).
FULL_SETS = [
    path for path in SETS if path.stem in {"questions", "heldout", "heldout2", "heldout3"}
]
LANGUAGES = {"fr", "nl", "en"}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def knowledge() -> str:
    return _squash(" ".join(p.read_text("utf-8") for p in (ROOT / "knowledge").glob("*.txt")))


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_gold_phrase_is_in_the_knowledge(path: Path, knowledge: str) -> None:
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if not q.get("abstain")]
    missing = [
        (item.get("q") or item["turns"][-1], gold)
        for item in [*answerable, *data["conversations"]]
        for gold in item.get("gold") or item["gold_last"]
        if _squash(gold) not in knowledge
    ]
    assert missing == []


@pytest.mark.parametrize("path", FULL_SETS, ids=lambda p: p.name)
def test_full_sets_are_large(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if not q.get("abstain")]
    assert len(answerable) >= 120 and len(data["conversations"]) >= 15
    assert len(FULL_SETS) == 4


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_question_has_a_language_and_out_of_scope_ones_are_many(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    assert all(item["lang"] in LANGUAGES for item in data["questions"])
    assert sum(bool(item.get("abstain")) for item in data["questions"]) >= 20
    texts = [item["q"] for item in data["questions"]]
    assert len(texts) == len(set(texts))
