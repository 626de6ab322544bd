"""The writer off the request path: a full queue drops and counts, a failing or locked database
costs one warning and is caught up with, a vote never waits for its answer to be written."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from advisor.answering.compose import AnswerKind
from advisor.insights.database import (
    InsightsUnavailable,
    LoggedAnswer,
    SQLiteStore,
    Vote,
    utc_now,
)
from advisor.insights.recorder import Recorder, redact


def _answer(answer_id: str, asked_at: datetime | None = None) -> LoggedAnswer:
    return LoggedAnswer(
        answer_id=answer_id,
        asked_at=asked_at or utc_now(),
        question="C'est bien payé ?",
        language="fr",
        kind=AnswerKind.ANSWER,
        topic="salary",
        profile_id="responsable-de-production",
        top_score=2.0,
        passage_ids=("c1",),
        answer_ms=10.0,
    )


def _count(store: SQLiteStore) -> int:
    return store.totals(utc_now() - timedelta(days=1)).questions


class FlakyStore(SQLiteStore):
    """Refuses the first ``failures`` writes, as a database that is down for a while."""

    def __init__(self, path: Path, failures: int) -> None:
        super().__init__(path)
        self.failures = failures
        self.attempts = 0

    def write(self, answers: Any, votes: Any) -> None:
        self.attempts += 1
        if self.attempts <= self.failures:
            raise InsightsUnavailable("sqlite test: the database is down")
        super().write(answers, votes)


def test_a_full_queue_drops_and_counts(tmp_path: Path) -> None:
    recorder = Recorder(SQLiteStore(tmp_path / "log.sqlite3"), keep_days=90, capacity=3)
    started = time.perf_counter()
    for index in range(5):  # the writer is not running: nothing leaves the queue
        recorder.record(_answer(f"a{index}"))
    assert time.perf_counter() - started < 0.5
    status = recorder.status()
    assert (status.queued, status.dropped, status.written) == (3, 2, 0)


def test_a_failing_database_costs_one_warning_then_is_caught_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("advisor.insights.recorder.RETRY_FIRST_SECONDS", 0.05)
    store = FlakyStore(tmp_path / "log.sqlite3", failures=4)
    recorder = Recorder(store, keep_days=90)
    caplog.set_level(logging.WARNING, logger="advisor.insights")
    recorder.start()
    try:
        for index in range(50):
            recorder.record(_answer(f"a{index}"))
        assert recorder.flush(timeout=20)
    finally:
        recorder.stop()
    assert store.attempts > 4
    assert _count(store) == 50
    failures = [r for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(failures) == 1
    assert "database is down" in failures[0].getMessage()
    assert any("written again" in r.getMessage() for r in caplog.records)
    status = recorder.status()
    assert (status.written, status.dropped, status.failing) == (50, 0, False)


_HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def test_a_file_locked_by_another_process_never_blocks_and_is_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("advisor.insights.recorder.RETRY_MOST_SECONDS", 0.5)
    path = tmp_path / "log.sqlite3"
    store = SQLiteStore(path)
    store.migrate()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    recorder = Recorder(store, keep_days=90)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        recorder.start()
        slowest = 0.0
        for index in range(200):
            started = time.perf_counter()
            recorder.record(_answer(f"a{index}"))
            slowest = max(slowest, time.perf_counter() - started)
        assert slowest < 0.05
        assert not recorder.flush(timeout=3)  # nothing can be written while the lock is held
        assert recorder.status().failing
        assert "locked" in (recorder.status().last_error or "")
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=10)
    assert recorder.flush(timeout=20)
    recorder.stop()
    assert _count(store) == 200
    assert recorder.status().dropped == 0


def test_a_vote_does_not_wait_for_its_answer_to_be_written(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "log.sqlite3")
    store.migrate()
    recorder = Recorder(store, keep_days=90)  # not started: the answer stays in the queue
    recorder.record(_answer("queued-answer"))
    assert recorder.vote(Vote("queued-answer", False, None, utc_now())) == "queued"
    assert recorder.vote(Vote("queued-answer", True, None, utc_now())) == "voted"
    assert recorder.vote(Vote("never-served", True, None, utc_now())) == "unknown"
    recorder.start()
    assert recorder.flush(timeout=10)
    recorder.stop()
    assert store.vote_state("queued-answer") == "voted"
    assert store.totals(utc_now() - timedelta(days=1)).not_helpful == 1


def test_a_vote_that_finds_the_queue_full_can_be_sent_again(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "log.sqlite3")
    store.migrate()
    recorder = Recorder(store, keep_days=90, capacity=1)
    recorder.record(_answer("a1"))  # fills the queue
    assert recorder.vote(Vote("a1", True, None, utc_now())) == "unavailable"
    assert recorder.status().dropped == 1
    recorder.start()
    assert recorder.flush(timeout=10)
    assert recorder.vote(Vote("a1", True, None, utc_now())) == "queued"
    assert recorder.flush(timeout=10)
    recorder.stop()
    assert store.vote_state("a1") == "voted"


def test_the_writer_starts_again_after_a_stop(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "log.sqlite3")
    recorder = Recorder(store, keep_days=90)
    for round_number in range(2):  # an app whose lifespan runs twice
        recorder.start()
        recorder.record(_answer(f"a{round_number}"))
        assert recorder.flush(timeout=10)
        recorder.stop()
    assert _count(store) == 2


def test_a_record_the_database_cannot_store_is_dropped_and_the_rest_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = SQLiteStore(tmp_path / "log.sqlite3")
    recorder = Recorder(store, keep_days=90)
    unstorable = replace(_answer("bad"), question="\ud800 salaire")  # a lone surrogate
    recorder.record(_answer("before"))
    recorder.record(unstorable)
    recorder.record(_answer("after"))
    recorder.start()
    try:
        assert recorder.flush(timeout=10)
        recorder.record(_answer("later"))  # the writer is still alive
        assert recorder.flush(timeout=10)
    finally:
        recorder.stop()
    assert _count(store) == 3
    assert "a record was dropped, not storable" in caplog.text


def test_a_vote_on_an_answer_of_another_replica(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    other = SQLiteStore(path)
    other.migrate()
    other.write([_answer("from-elsewhere")], [])
    recorder = Recorder(SQLiteStore(path), keep_days=90)
    assert recorder.vote(Vote("from-elsewhere", True, None, utc_now())) == "queued"


def test_old_rows_are_purged_when_the_writer_starts(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "log.sqlite3")
    store.migrate()
    long_ago = datetime.now(UTC) - timedelta(days=8)
    store.write([_answer("old", long_ago), _answer("new")], [])
    recorder = Recorder(store, keep_days=7)
    recorder.start()
    deadline = time.monotonic() + 10
    while recorder.status().purged == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    recorder.stop()
    assert recorder.status().purged == 1
    assert [e.answer.answer_id for e in store.entries(long_ago - timedelta(days=1))] == ["new"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je suis marc.dupont@gmail.com", "je suis [email]"),
        ("appelle-moi au 0475 12 34 56 !", "appelle-moi au [phone] !"),
        ("mon gsm +32 475/12.34.56", "mon gsm [phone]"),
        ("entre 3 200€ et 4 500€ brut en 2026 ?", "entre 3 200€ et 4 500€ brut en 2026 ?"),
    ],
)
def test_addresses_and_phone_numbers_never_reach_the_log(text: str, expected: str) -> None:
    assert redact(text) == expected
