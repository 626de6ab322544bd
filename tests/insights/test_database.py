"""The question log's database, the same tests on SQLite and on a real PostgreSQL server:
migrations, what a row holds, one vote per answer, counts, purge, and our own error when the
database cannot be reached."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from advisor.answering.compose import AnswerKind
from advisor.insights.database import (
    MIGRATIONS,
    InsightsUnavailable,
    LoggedAnswer,
    SQLiteStore,
    Vote,
    open_store,
)

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def _answer(
    answer_id: str,
    question: str = "C'est bien payé ?",
    days_ago: float = 0,
    *,
    language: str = "fr",
    kind: str = "answer",
    topic: str | None = "salary",
) -> LoggedAnswer:
    abstained = kind == "abstain"
    return LoggedAnswer(
        answer_id=answer_id,
        asked_at=NOW - timedelta(days=days_ago),
        question=question,
        language=language,
        kind=AnswerKind(kind),
        topic=None if abstained or kind == "smalltalk" else topic,
        profile_id=None if abstained else "responsable-de-production",
        top_score=None if abstained else 2.4137,
        passage_ids=() if abstained else ("c-salary-1", "c-salary-2"),
        answer_ms=12.5,
    )


@pytest.fixture
def store(database_url: str):  # type: ignore[no-untyped-def]
    store = open_store(database_url)
    store.migrate()
    yield store
    store.close()


def test_migrations_are_recorded_once(database_url: str) -> None:
    store = open_store(database_url)
    assert store.migrate() == MIGRATIONS[-1].version
    assert store.migrate() == MIGRATIONS[-1].version  # a second replica starting: nothing to do
    assert store.schema_versions() == [m.version for m in MIGRATIONS]
    store.close()


def test_a_newer_schema_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    store.write([_answer("a1")], [])
    with store._writing() as conn:  # what a newer advisor would have left
        conn.execute(store._sql("INSERT INTO schema_version VALUES (?, ?, ?)"), (99, "future", "x"))
    with pytest.raises(InsightsUnavailable, match="newer than this advisor knows"):
        store.migrate()


def test_a_row_holds_what_the_readme_says(store) -> None:  # type: ignore[no-untyped-def]
    answer = _answer("a1", "Combien gagne un débutant ?")
    store.write([answer], [])
    [entry] = list(store.entries(NOW - timedelta(days=1)))
    assert entry.answer == answer
    assert entry.vote is None


def test_one_vote_per_answer(store) -> None:  # type: ignore[no-untyped-def]
    store.write([_answer("a1"), _answer("a2")], [])
    assert store.vote_state("a1") == "open"
    assert store.vote_state("nope") == "unknown"
    store.write([], [Vote("a1", False, "trop vague", NOW)])
    store.write([], [Vote("a1", True, "changed my mind", NOW + timedelta(minutes=1))])
    assert store.vote_state("a1") == "voted"
    [entry] = store.not_helpful(NOW - timedelta(days=1))
    assert entry.answer.answer_id == "a1"
    assert entry.vote == Vote("a1", False, "trop vague", NOW)
    assert store.totals(NOW - timedelta(days=1)).helpful == 0


def test_an_answer_and_its_vote_in_one_batch(store) -> None:  # type: ignore[no-untyped-def]
    store.write([_answer("a1")], [Vote("a1", True, None, NOW)])
    assert store.totals(NOW - timedelta(days=1)).helpful == 1


def test_a_replayed_batch_writes_nothing_twice(store) -> None:  # type: ignore[no-untyped-def]
    store.write([_answer("a1")], [])
    store.write([_answer("a1")], [])  # the writer retrying a batch that did commit
    assert store.totals(NOW - timedelta(days=1)).questions == 1


def test_counts_per_day_topic_and_language(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        [
            _answer("d0a"),
            _answer("d0b", "Welke studies?", language="nl", topic="studies"),
            _answer("d0c", "Combien gagne un boulanger ?", kind="abstain"),
            _answer("d0d", "Bonjour", kind="smalltalk"),
            _answer("d2a", "Et les horaires ?", days_ago=2, topic="typical_day"),
            _answer("d2b", "Quel temps fait-il ?", days_ago=2, kind="abstain"),
            _answer("old", days_ago=40),
        ],
        [Vote("d0a", True, None, NOW), Vote("d0c", False, "rien", NOW)],
    )
    since = NOW - timedelta(days=7)
    totals = store.totals(since)
    assert (totals.questions, totals.abstained, totals.small_talk) == (5, 2, 1)
    assert (totals.helpful, totals.not_helpful) == (1, 1)
    days = [(d.day, d.questions, d.abstained) for d in store.per_day(since)]
    assert days == [("2026-11-23", 2, 1), ("2026-11-25", 3, 1)]
    topics = {g.key: (g.questions, g.abstained, g.helpful) for g in store.breakdown("topic", since)}
    assert topics == {
        None: (2, 2, 0),
        "salary": (1, 0, 1),
        "studies": (1, 0, 0),
        "typical_day": (1, 0, 0),
    }
    languages = {g.key: g.questions for g in store.breakdown("language", since)}
    assert languages == {"fr": 4, "nl": 1}
    unanswered = [a.question for a in store.abstentions(since)]
    assert unanswered == ["Combien gagne un boulanger ?", "Quel temps fait-il ?"]
    with pytest.raises(ValueError):
        store.breakdown("question; DROP TABLE answers", since)


def test_purge_deletes_old_rows_and_their_votes(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        [_answer("new"), _answer("old", days_ago=91), _answer("older", days_ago=400)],
        [Vote("old", False, None, NOW)],
    )
    assert store.purge(NOW - timedelta(days=90)) == 2
    remaining = [e.answer.answer_id for e in store.entries(NOW - timedelta(days=1000))]
    assert remaining == ["new"]
    assert store.not_helpful(NOW - timedelta(days=1000)) == []


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "data" / "log.sqlite3")
    store.migrate()
    conn = sqlite3.connect(tmp_path / "data" / "log.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_a_database_out_of_reach_raises_our_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(InsightsUnavailable, match="sqlite"):
        SQLiteStore(folder).migrate()
    # Nothing listens on port 9 of the loopback.
    down = open_store("postgresql://advisor@127.0.0.1:9/none")
    with pytest.raises(InsightsUnavailable, match="127.0.0.1:9"):
        down.migrate()
    with pytest.raises(InsightsUnavailable):
        down.vote_state("a1")


def test_a_locked_sqlite_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    store = SQLiteStore(path)
    store.migrate()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InsightsUnavailable, match="locked"):
            store.write([_answer("a1")], [])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.write([_answer("a1")], [])  # connects anew once the lock is gone
    assert store.vote_state("a1") == "open"
