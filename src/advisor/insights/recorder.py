"""Writes the question log off the request path: a bounded queue and one writer thread.

A student's answer never waits for the database: :meth:`Recorder.record` only puts the row in
the queue (or counts it as dropped when the queue is full). The writer thread writes in batches;
when the database is slow, locked or down it logs one warning, keeps its batch and tries again
later, while the queue absorbs what comes meanwhile, up to its bound.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from advisor.answering.compose import Answer
from advisor.insights.database import (
    InsightsStore,
    InsightsUnavailable,
    LoggedAnswer,
    Vote,
    utc_now,
)

__all__ = ["Recorder", "RecorderStatus", "VoteOutcome", "logged_answer", "redact"]

logger = logging.getLogger("advisor.insights")

QUEUE_CAPACITY = 10_000
BATCH = 500
# Answer ids served here lately: a vote may come before its answer is written (or on a replica
# that has not written it yet), and must not be refused for that.
RECENT_IDS = 50_000
RETRY_FIRST_SECONDS = 0.5
RETRY_MOST_SECONDS = 30.0
PURGE_EVERY_SECONDS = 24 * 3600.0
# A vote looked up in the database waits this long, at most, for the writer's first migration
# (a server just started on a new database).
READY_WAIT_SECONDS = 2.0

VoteOutcome = Literal["queued", "unknown", "voted", "unavailable"]


@dataclass(frozen=True)
class RecorderStatus:
    """For staff: is the log being written, and what was lost."""

    store: str
    queued: int
    written: int
    dropped: int
    failing: bool
    last_error: str | None
    purged: int


class Recorder:
    """Owns the queue and the writer thread; :meth:`start` and :meth:`stop` it with the app."""

    def __init__(
        self, store: InsightsStore, keep_days: int, capacity: int = QUEUE_CAPACITY
    ) -> None:
        self.store = store
        self.keep_days = keep_days
        self._queue: queue.Queue[LoggedAnswer | Vote] = queue.Queue(maxsize=capacity)
        self._recent: OrderedDict[str, bool] = OrderedDict()  # answer id → voted
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()  # the schema is there
        self._thread = threading.Thread(target=self._run, name="insights-writer", daemon=True)
        self._written = 0
        self._dropped = 0
        self._dropped_reported = 0
        self._purged = 0
        self._failing = False
        self._last_error: str | None = None

    # ------------------------------------------------------------ request side

    def record(self, answer: LoggedAnswer) -> None:
        """Queue an answer for the log; never blocks, never raises."""
        with self._lock:
            self._recent[answer.answer_id] = False
            if len(self._recent) > RECENT_IDS:
                self._recent.popitem(last=False)
        self._put(answer)

    def vote(self, vote: Vote) -> VoteOutcome:
        """Queue a vote on an answer served here lately or found in the database."""
        with self._lock:
            voted = self._recent.get(vote.answer_id)
            if voted is None:
                pass
            elif voted:
                return "voted"
            else:
                self._recent[vote.answer_id] = True
        if voted is None:
            self.wait_ready()
            try:
                state = self.store.vote_state(vote.answer_id)
            except InsightsUnavailable as error:
                logger.warning("a vote could not be checked: %s", error)
                return "unavailable"
            if state != "open":
                return state
            with self._lock:  # two clicks at once on this replica: one vote
                if self._recent.get(vote.answer_id):
                    return "voted"
                self._recent[vote.answer_id] = True
        if self._put(vote):
            return "queued"
        with self._lock:  # not queued: the student may try again
            self._recent[vote.answer_id] = False
        return "unavailable"

    def wait_ready(self, timeout: float = READY_WAIT_SECONDS) -> bool:
        """Give a writer just started a moment to create the schema, before reading."""
        return self._ready.is_set() or (self._thread.is_alive() and self._ready.wait(timeout))

    def _put(self, item: LoggedAnswer | Vote) -> bool:
        try:
            self._queue.put_nowait(item)
            return True
        except queue.Full:
            with self._lock:
                self._dropped += 1
                first = self._dropped == self._dropped_reported + 1 and not self._failing
            if first:
                logger.warning(
                    "the question log's queue is full (%d waiting): dropping entries until the "
                    "writer catches up; the count is on /admin/insights",
                    self._queue.maxsize,
                )
            return False

    def status(self) -> RecorderStatus:
        with self._lock:
            return RecorderStatus(
                store=f"{self.store.kind} {self.store.where}",
                queued=self._queue.qsize(),
                written=self._written,
                dropped=self._dropped,
                failing=self._failing,
                last_error=self._last_error,
                purged=self._purged,
            )

    # ------------------------------------------------------------ life cycle

    def start(self) -> None:
        """Start the writer (again, after :meth:`stop`: an app's lifespan may run twice)."""
        if self._thread.is_alive():
            return
        if self._thread.ident is not None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="insights-writer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the writer; it writes what is queued if the database lets it in time."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self.store.close()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued is written; False if it is not within ``timeout``."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    # ------------------------------------------------------------ writer side

    def _take(self, pending: list[LoggedAnswer | Vote]) -> None:
        """Add to ``pending`` what the queue holds, waiting a little for the first."""
        if not pending:
            try:
                pending.append(self._queue.get(timeout=0.2))
            except queue.Empty:
                return
        while len(pending) < BATCH:
            try:
                pending.append(self._queue.get_nowait())
            except queue.Empty:
                return

    def _write(self, pending: list[LoggedAnswer | Vote], next_purge: float) -> float:
        """Migrate on the first success, purge daily, write ``pending``; the next purge time."""
        if next_purge <= time.monotonic():
            self.store.migrate()
            self._ready.set()
            purged = self.store.purge(utc_now() - timedelta(days=self.keep_days))
            with self._lock:
                self._purged += purged
            next_purge = time.monotonic() + PURGE_EVERY_SECONDS
        answers = [item for item in pending if isinstance(item, LoggedAnswer)]
        votes = [item for item in pending if isinstance(item, Vote)]
        try:
            self.store.write(answers, votes)
        except (UnicodeError, ValueError):
            # A record no database can take (a lone surrogate): the batch would fail again
            # and again, and a writer that died would log nothing more.
            self._write_one_by_one(pending)
        return next_purge

    def _run(self) -> None:
        pending: list[LoggedAnswer | Vote] = []
        next_purge = 0.0  # at once: the schema and the purge come first
        delay = RETRY_FIRST_SECONDS
        while True:
            stopping = self._stop.is_set()
            self._take(pending)
            if not pending and next_purge > time.monotonic():
                if stopping:
                    return
                continue
            try:
                next_purge = self._write(pending, next_purge)
            except InsightsUnavailable as error:
                self._failed(error)
                if stopping or self._stop.wait(delay):
                    return  # stopping: what is left is lost, as the warning said
                delay = min(delay * 2, RETRY_MOST_SECONDS)
                continue
            delay = RETRY_FIRST_SECONDS
            self._succeeded(len(pending))
            for _ in pending:
                self._queue.task_done()
            pending.clear()

    def _write_one_by_one(self, pending: list[LoggedAnswer | Vote]) -> None:
        """Write each record on its own; drop (and say) those that cannot be stored."""
        for item in pending:
            answers = [item] if isinstance(item, LoggedAnswer) else []
            votes = [item] if isinstance(item, Vote) else []
            try:
                self.store.write(answers, votes)
            except (UnicodeError, ValueError) as error:
                logger.error("a record was dropped, not storable: %s", error)

    def _failed(self, error: InsightsUnavailable) -> None:
        with self._lock:
            first = not self._failing
            self._failing = True
            self._last_error = str(error)
        if first:
            logger.warning(
                "the question log cannot be written (%s): students are answered as usual; "
                "retrying, and dropping entries (counted) if %d pile up",
                error,
                self._queue.maxsize,
            )

    def _succeeded(self, count: int) -> None:
        with self._lock:
            recovered = self._failing
            self._failing = False
            self._written += count
            dropped = self._dropped - self._dropped_reported
            self._dropped_reported = self._dropped
        if recovered or dropped:
            logger.warning(
                "the question log is written again: %d entries caught up, %d dropped meanwhile",
                self._queue.qsize() + count,
                dropped,
            )


# Students sometimes type who they are: an e-mail address or a phone number never reaches the
# log. (Names cannot be told from job words; the README asks schools to tell students.)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?<![\w])\+?\d(?:[\s./-]?\d){7,}(?![\w])")


def redact(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers replaced by ``[email]``/``[phone]``."""
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


def logged_answer(
    answer_id: str, question: str, answer: Answer, answer_ms: float, asked_at: datetime
) -> LoggedAnswer:
    """What the log keeps of one answer served (nothing about who asked)."""
    return LoggedAnswer(
        answer_id=answer_id,
        asked_at=asked_at,
        question=redact(question.strip()),
        language=answer.language,
        kind=answer.kind,
        topic=answer.topic,
        profile_id=answer.profile_id,
        top_score=round(answer.passages[0].score, 4) if answer.passages else None,
        passage_ids=tuple(p.chunk.id for p in answer.passages),
        answer_ms=round(answer_ms, 2),
    )
