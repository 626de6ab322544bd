"""scripts/evaluate.py scores what the advisor answered: here its scoring alone, on answers
written out (the advisor itself is measured by running the script)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _evaluate_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_off_topic_follow_ups_are_right_only_when_abstained() -> None:
    evaluate = _evaluate_script()
    asked: list[tuple[str, list[str]]] = []

    def ask(message: str, history: list[str], profile: Any, language: Any) -> dict[str, Any]:
        asked.append((message, history))
        abstained = "match" in message
        return {
            "abstained": abstained,
            "passages": [],
            "kind": "abstain" if abstained else "answer",
        }

    data = {
        "off_topic_conversations": [
            {"turns": ["combien gagne un cuisinier ?", "et qui a gagné le match ?"], "lang": "fr"},
            {"turns": ["combien gagne un cuisinier ?", "et tu manges quoi ?"], "lang": "fr"},
        ]
    }
    report = evaluate.evaluate(ask, data)
    assert [ok for _, ok in report.off_topic_followups] == [True, False]
    assert asked[0] == ("et qui a gagné le match ?", ["combien gagne un cuisinier ?"])
    assert report.as_dict()["off_topic_followups_abstained"] == 0.5
    assert report.misses == [
        "should abstain: combien gagne un cuisinier ? → et tu manges quoi ?  [got: answer]"
    ]


def test_a_gold_row_copied_from_a_markdown_table_matches_the_row_quoted() -> None:
    evaluate = _evaluate_script()
    quoted = {"section": "Salary", "text": "Intro.\nJunior developer · 0–2 years · €2,900"}
    answer = {"passages": [{"section": "Other", "text": "Nothing."}, quoted]}
    assert evaluate.gold_rank(answer, ["| Junior developer | 0–2 years | €2,900 |"]) == 2
    assert evaluate.gold_rank(answer, ["Junior developer | 0–2 years"]) == 2
    assert evaluate.gold_rank(answer, ["Senior developer | 6+ years"]) is None
