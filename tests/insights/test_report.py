"""The staff's to-do list: unanswered questions merged by the embedding similarity of the
advisor's own models (spellings and paraphrases together, other jobs apart), the chart's
geometry, and spreadsheet-safe CSV cells."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from advisor.answering.compose import AnswerKind
from advisor.api.insights import chart_bars, csv_cell
from advisor.insights.database import DayCount, LoggedAnswer
from advisor.insights.report import QuestionGrouper, folded_key, period_start

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _asked(question: str, minutes_ago: int = 0, language: str = "fr") -> LoggedAnswer:
    return LoggedAnswer(
        answer_id=f"{question}-{minutes_ago}",
        asked_at=NOW - timedelta(minutes=minutes_ago),
        question=question,
        language=language,
        kind=AnswerKind.ABSTAIN,
        topic=None,
        profile_id=None,
        top_score=None,
        passage_ids=(),
        answer_ms=5.0,
    )


QUESTIONS = [
    _asked("Combien gagne un boulanger ?", 50),
    _asked("combien gagne un boulanger", 40),
    _asked("Combien gagne un boulangé ?", 30),
    _asked("Combien gagne un plombier ?", 20),
    _asked("Quel temps fait-il demain ?", 10),
    _asked("quel temps fait il demain", 5),
    _asked("How much does a baker earn?", 1, "en"),
]


@pytest.mark.slow
def test_the_advisors_models_merge_spellings_and_keep_other_jobs_apart(advisor: Any) -> None:
    grouper = QuestionGrouper(advisor.embedders)
    assert grouper.embedder is not None and grouper.embedder.name == "e5"
    merged = {q.text: (q.count, q.language) for q in grouper.group(QUESTIONS)}
    baker = [text for text in merged if "boulanger" in text]
    assert len(baker) == 1
    assert merged[baker[0]][0] == 3 and "boulangé" not in baker[0]
    assert merged["Combien gagne un plombier ?"] == (1, "fr")
    weather = [text for text in merged if "temps" in text]
    assert len(weather) == 1 and merged[weather[0]][0] == 2
    assert sum(count for count, _ in merged.values()) == len(QUESTIONS)


@pytest.mark.slow
def test_use_alone_still_merges_a_misspelt_job(advisor: Any) -> None:
    use = [e for e in advisor.embedders if e.name == "use"]
    merged = QuestionGrouper(use).group(QUESTIONS[:4])
    assert [(q.count, q.last_asked) for q in merged] == [
        (3, NOW - timedelta(minutes=30)),
        (1, NOW - timedelta(minutes=20)),
    ]


def test_without_a_model_the_spelling_decides() -> None:
    merged = QuestionGrouper([]).group(QUESTIONS)
    counts = {q.text: q.count for q in merged}
    assert max(counts.values()) == 3
    assert counts["Combien gagne un plombier ?"] == 1
    baker = merged[0]
    assert set(baker.variants) == {q.question for q in QUESTIONS[:3]}
    # shown as the spelling asked most once accents and case are left out, the latest of it
    assert baker.text == "combien gagne un boulanger"
    assert baker.last_asked == NOW - timedelta(minutes=30)


def test_the_most_asked_come_first_and_the_limit_holds() -> None:
    merged = QuestionGrouper([]).group(QUESTIONS, limit=2)
    assert [q.count for q in merged] == [3, 2]


def test_folded_keys() -> None:
    assert folded_key("  Combien gagne un BOULANGÉ ?! ") == "combien gagne un boulange"
    assert folded_key("?!") == ""


def test_the_period_holds_whole_utc_days() -> None:
    assert period_start(1, NOW) == datetime(2026, 11, 25, tzinfo=UTC)
    assert period_start(30, NOW) == datetime(2026, 10, 27, tzinfo=UTC)


def test_the_chart_bars_are_to_scale() -> None:
    days = [
        DayCount("2026-11-23", 0, 0),
        DayCount("2026-11-24", 10, 2),
        DayCount("2026-11-25", 5, 5),
    ]
    chart = chart_bars(days, width=344, height=140)
    empty, full, unanswered = chart.bars
    assert empty.answered_height == empty.abstained_height == 0
    plot = chart.bottom - chart.top
    assert chart.ticks[-1][1] == 10  # the axis ends at the busiest day
    assert full.answered_height == pytest.approx(plot * 8 / 10, abs=0.01)
    assert full.abstained_height == pytest.approx(plot * 2 / 10, abs=0.01)
    assert full.abstained_y + full.abstained_height == pytest.approx(full.answered_y, abs=0.02)
    assert unanswered.answered_height == 0
    assert unanswered.abstained_height == pytest.approx(plot / 2, abs=0.01)
    assert empty.x < full.x < unanswered.x and full.label == "24/11"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+32 475", "'+32 475"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2", "'-2"),
        ("C'est bien payé ?", "C'est bien payé ?"),
        (None, ""),
        (2.5, "2.5"),
    ],
)
def test_csv_cells_are_never_formulas(value: object, cell: str) -> None:
    assert csv_cell(value) == cell
