"""The question log's database, behind one small interface: SQLite (the embedded default, one
file, WAL mode) or PostgreSQL (several replicas on several machines), chosen by URL.

One row per answer served: the question, its language, topic and profile, whether the advisor
abstained, its top score, the quoted passage ids, the answer time, and the student's vote on it.
Never anything about who asked. Times are UTC ISO-8601 text of one fixed width, so they sort as
text and their first 10 characters are the day, in SQLite and PostgreSQL alike.

The schema is built by numbered migrations recorded in ``schema_version``; each replica applies
the missing ones at start-up, one at a time (a lock in the database).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from advisor.answering.compose import AnswerKind
from advisor.errors import AdvisorError

__all__ = [
    "LoggedAnswer",
    "Vote",
    "Entry",
    "DayCount",
    "GroupCount",
    "Totals",
    "Migration",
    "MIGRATIONS",
    "InsightsStore",
    "InsightsUnavailable",
    "SQLiteStore",
    "PostgresStore",
    "open_store",
    "iso",
    "utc_now",
]

# A writer waits this long for a lock held elsewhere, then gives up until its next try; it
# runs off the request path, so this delays only the log, never an answer.
WRITE_TIMEOUT_SECONDS = 2.0
READ_TIMEOUT_SECONDS = 5.0
# Any constant will do: it only has to be the same for every replica that migrates.
_PG_MIGRATION_LOCK = 7_317_001


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """``2026-11-25T04:50:00.123456Z``: fixed width, so text order is time order."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class InsightsUnavailable(AdvisorError):
    """The question log's database cannot be reached, is locked, or refused a statement."""


@dataclass(frozen=True)
class LoggedAnswer:
    """An answer served, as it is logged: the question and what the advisor did with it."""

    answer_id: str
    asked_at: datetime
    question: str
    language: str
    kind: AnswerKind
    topic: str | None
    profile_id: str | None
    top_score: float | None
    passage_ids: tuple[str, ...]
    answer_ms: float

    @property
    def abstained(self) -> bool:
        return self.kind is AnswerKind.ABSTAIN


@dataclass(frozen=True)
class Vote:
    """A student's "utile / pas utile" on one answer."""

    answer_id: str
    helpful: bool
    comment: str | None
    given_at: datetime


@dataclass(frozen=True)
class Entry:
    """A logged answer and its vote, if any."""

    answer: LoggedAnswer
    vote: Vote | None


@dataclass(frozen=True)
class DayCount:
    day: str  # YYYY-MM-DD, UTC
    questions: int
    abstained: int


@dataclass(frozen=True)
class GroupCount:
    """Questions of one topic or language (small talk left out)."""

    key: str | None
    questions: int
    abstained: int
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class Totals:
    questions: int  # small talk left out
    abstained: int
    small_talk: int
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


# Append only: a database records the versions it has, and applies the ones it lacks.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "answers: one row per answer served, with its vote",
        (
            """CREATE TABLE answers (
                id TEXT PRIMARY KEY,
                asked_at TEXT NOT NULL,
                question TEXT NOT NULL,
                language TEXT NOT NULL,
                kind TEXT NOT NULL,
                abstained INTEGER NOT NULL,
                topic TEXT,
                profile_id TEXT,
                top_score DOUBLE PRECISION,
                passage_ids TEXT NOT NULL,
                answer_ms DOUBLE PRECISION NOT NULL,
                helpful INTEGER,
                comment TEXT,
                voted_at TEXT
            )""",
            "CREATE INDEX answers_asked_at ON answers (asked_at)",
            "CREATE INDEX answers_abstained ON answers (abstained, asked_at)",
            "CREATE INDEX answers_helpful ON answers (helpful, voted_at)",
        ),
    ),
)

_COLUMNS = (
    "id, asked_at, question, language, kind, abstained, topic, profile_id, top_score, "
    "passage_ids, answer_ms, helpful, comment, voted_at"
)
_INSERT = (
    "INSERT INTO answers (id, asked_at, question, language, kind, abstained, topic, profile_id, "
    "top_score, passage_ids, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO NOTHING"
)
# One vote per answer: a second one changes nothing.
_VOTE = "UPDATE answers SET helpful = ?, comment = ?, voted_at = ? WHERE id = ? AND helpful IS NULL"
_COUNTS = (
    "COUNT(*), SUM(abstained), SUM(CASE WHEN helpful = 1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN helpful = 0 THEN 1 ELSE 0 END)"
)
_GROUPABLE = ("topic", "language")
# Small talk is neither answered nor unanswered: the counts per day and per group leave it out.
_SMALLTALK = AnswerKind.SMALLTALK.value


def _entry(row: Sequence[Any]) -> Entry:
    answer = LoggedAnswer(
        answer_id=row[0],
        asked_at=_parse(row[1]),
        question=row[2],
        language=row[3],
        kind=AnswerKind(row[4]),
        topic=row[6],
        profile_id=row[7],
        top_score=row[8],
        passage_ids=tuple(json.loads(row[9])),
        answer_ms=float(row[10]),
    )
    vote = None
    if row[11] is not None:
        vote = Vote(answer.answer_id, bool(row[11]), row[12], _parse(row[13]))
    return Entry(answer, vote)


class InsightsStore(Protocol):
    """What the recorder and the staff view need from a database."""

    kind: str  # "sqlite" or "postgresql"
    where: str  # where it is, for staff and logs (never a password)

    def migrate(self) -> int: ...
    def write(self, answers: Sequence[LoggedAnswer], votes: Sequence[Vote]) -> None: ...
    def purge(self, before: datetime) -> int: ...
    def vote_state(self, answer_id: str) -> Literal["unknown", "open", "voted"]: ...
    def totals(self, since: datetime) -> Totals: ...
    def per_day(self, since: datetime) -> list[DayCount]: ...
    def breakdown(self, column: str, since: datetime) -> list[GroupCount]: ...
    def abstentions(self, since: datetime, limit: int = 5000) -> list[LoggedAnswer]: ...
    def not_helpful(self, since: datetime, limit: int = 200) -> list[Entry]: ...
    def entries(self, since: datetime) -> Iterator[Entry]: ...
    def close(self) -> None: ...


class _SqlStore:
    """The SQL both databases share; subclasses connect and mark parameters."""

    kind = "sql"
    where = ""
    _errors: tuple[type[BaseException], ...] = ()

    def __init__(self) -> None:
        # The writer thread's connection, kept between batches; reads open their own.
        self._writer: Any = None
        self._writer_lock = threading.Lock()

    # -- what a backend provides
    def _connect(self, timeout: float) -> Any:
        raise NotImplementedError

    def _sql(self, statement: str) -> str:
        return statement

    @contextmanager
    def _transaction(self, conn: Any, exclusive: bool = False) -> Iterator[None]:
        raise NotImplementedError
        yield

    def _lock_migrations(self, conn: Any) -> None:
        """Held until the migration's transaction ends."""

    # -- shared
    @contextmanager
    def _failing_as_unavailable(self) -> Iterator[None]:
        try:
            yield
        except self._errors as error:
            raise InsightsUnavailable(f"{self.kind} {self.where}: {error}") from error

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        with self._failing_as_unavailable():
            conn = self._connect(READ_TIMEOUT_SECONDS)
            try:
                yield conn
            finally:
                conn.close()

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._reading() as conn:
            return list(conn.execute(self._sql(statement), tuple(params)).fetchall())

    def _writer_conn(self) -> Any:
        if self._writer is None:
            self._writer = self._connect(WRITE_TIMEOUT_SECONDS)
        return self._writer

    def _drop_writer(self) -> None:
        if self._writer is not None:
            with suppress(*self._errors):
                self._writer.close()
            self._writer = None

    @contextmanager
    def _writing(self, exclusive: bool = False) -> Iterator[Any]:
        """The writer's connection in a transaction; after a failure it connects anew."""
        with self._writer_lock:
            try:
                with self._failing_as_unavailable():
                    conn = self._writer_conn()
                    with self._transaction(conn, exclusive):
                        yield conn
            except InsightsUnavailable:
                self._drop_writer()
                raise

    def migrate(self) -> int:
        """Apply the migrations the database lacks; the schema version it is at."""
        with self._writing(exclusive=True) as conn:
            self._lock_migrations(conn)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
            current = int(row[0] or 0)
            known = MIGRATIONS[-1].version
            if current > known:
                raise InsightsUnavailable(
                    f"{self.kind} {self.where}: its schema is at version {current}, newer than "
                    f"this advisor knows ({known}): upgrade the advisor"
                )
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(
                    self._sql(
                        "INSERT INTO schema_version (version, description, applied_at) "
                        "VALUES (?, ?, ?)"
                    ),
                    (migration.version, migration.description, iso(utc_now())),
                )
            return max(current, known)

    def schema_versions(self) -> list[int]:
        return [int(r[0]) for r in self._rows("SELECT version FROM schema_version ORDER BY 1")]

    def write(self, answers: Sequence[LoggedAnswer], votes: Sequence[Vote]) -> None:
        """Answers, then votes (the answers they are about may be in the same batch)."""
        if not answers and not votes:
            return
        with self._writing() as conn:
            cursor = conn.cursor()
            if answers:
                cursor.executemany(
                    self._sql(_INSERT),
                    [
                        (
                            a.answer_id,
                            iso(a.asked_at),
                            a.question,
                            a.language,
                            a.kind,
                            int(a.abstained),
                            a.topic,
                            a.profile_id,
                            a.top_score,
                            json.dumps(list(a.passage_ids)),
                            a.answer_ms,
                        )
                        for a in answers
                    ],
                )
            if votes:
                cursor.executemany(
                    self._sql(_VOTE),
                    [(int(v.helpful), v.comment, iso(v.given_at), v.answer_id) for v in votes],
                )
            cursor.close()

    def purge(self, before: datetime) -> int:
        """Delete the answers (and their votes) asked before ``before``; how many."""
        with self._writing() as conn:
            cursor = conn.execute(
                self._sql("DELETE FROM answers WHERE asked_at < ?"), (iso(before),)
            )
            return int(cursor.rowcount or 0)

    def vote_state(self, answer_id: str) -> Literal["unknown", "open", "voted"]:
        rows = self._rows("SELECT helpful FROM answers WHERE id = ?", (answer_id,))
        if not rows:
            return "unknown"
        return "open" if rows[0][0] is None else "voted"

    def totals(self, since: datetime) -> Totals:
        row = self._rows(
            f"SELECT {_COUNTS}, SUM(CASE WHEN kind = '{_SMALLTALK}' THEN 1 ELSE 0 END) "
            "FROM answers WHERE asked_at >= ?",
            (iso(since),),
        )[0]
        small_talk = int(row[4] or 0)
        return Totals(
            questions=int(row[0] or 0) - small_talk,
            abstained=int(row[1] or 0),
            small_talk=small_talk,
            helpful=int(row[2] or 0),
            not_helpful=int(row[3] or 0),
        )

    def per_day(self, since: datetime) -> list[DayCount]:
        rows = self._rows(
            "SELECT substr(asked_at, 1, 10), COUNT(*), SUM(abstained) FROM answers "
            f"WHERE asked_at >= ? AND kind <> '{_SMALLTALK}' GROUP BY 1 ORDER BY 1",
            (iso(since),),
        )
        return [DayCount(str(r[0]), int(r[1]), int(r[2] or 0)) for r in rows]

    def breakdown(self, column: str, since: datetime) -> list[GroupCount]:
        if column not in _GROUPABLE:
            raise ValueError(f"cannot group by {column!r}")
        rows = self._rows(
            f"SELECT {column}, {_COUNTS} FROM answers WHERE asked_at >= ? "
            f"AND kind <> '{_SMALLTALK}' GROUP BY {column} ORDER BY 2 DESC, 1",
            (iso(since),),
        )
        return [
            GroupCount(r[0], int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0))
            for r in rows
        ]

    def abstentions(self, since: datetime, limit: int = 5000) -> list[LoggedAnswer]:
        """The questions the advisor could not answer, most recent first."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM answers WHERE abstained = 1 AND asked_at >= ? "
            "ORDER BY asked_at DESC LIMIT ?",
            (iso(since), limit),
        )
        return [_entry(r).answer for r in rows]

    def not_helpful(self, since: datetime, limit: int = 200) -> list[Entry]:
        """Answers voted "pas utile", most recent vote first."""
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM answers WHERE helpful = 0 AND asked_at >= ? "
            "ORDER BY voted_at DESC LIMIT ?",
            (iso(since), limit),
        )
        return [_entry(r) for r in rows]

    def entries(self, since: datetime) -> Iterator[Entry]:
        """Every logged answer since ``since``, oldest first (the CSV export)."""
        with self._reading() as conn:
            cursor = conn.execute(
                self._sql(f"SELECT {_COLUMNS} FROM answers WHERE asked_at >= ? ORDER BY asked_at"),
                (iso(since),),
            )
            while rows := cursor.fetchmany(500):
                yield from (_entry(r) for r in rows)

    def close(self) -> None:
        with self._writer_lock:
            self._drop_writer()


class SQLiteStore(_SqlStore):
    """One file, WAL mode: students' answers are written by one thread while staff read."""

    kind = "sqlite"
    _errors = (sqlite3.Error,)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.where = str(self.path)

    def _connect(self, timeout: float) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: transactions are begun explicitly (BEGIN IMMEDIATE takes the write lock
        # at once, so a locked file fails fast instead of half-way through a batch).
        conn = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextmanager
    def _transaction(self, conn: Any, exclusive: bool = False) -> Iterator[None]:
        conn.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


class PostgresStore(_SqlStore):
    """PostgreSQL through psycopg 3, for replicas on several machines."""

    kind = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__()
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        self._psycopg = psycopg
        self._errors = (psycopg.Error,)
        self.url = url
        try:
            parts = conninfo_to_dict(url)
        except psycopg.Error as error:
            raise InsightsUnavailable(f"ADVISOR_DATABASE_URL is not valid: {error}") from None
        self.where = f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/" + str(
            parts.get("dbname", "")
        )

    def _connect(self, timeout: float) -> Any:
        conn = self._psycopg.connect(
            self.url, autocommit=True, connect_timeout=max(1, int(timeout + 0.5))
        )
        # A statement blocked by a lock gives up instead of holding the writer for ever.
        conn.execute(f"SET statement_timeout = {int(timeout * 1000)}")
        conn.execute(f"SET lock_timeout = {int(timeout * 1000)}")
        return conn

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    @contextmanager
    def _transaction(self, conn: Any, exclusive: bool = False) -> Iterator[None]:
        with conn.transaction():
            yield

    def _lock_migrations(self, conn: Any) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATION_LOCK,))


def open_store(url: str) -> SQLiteStore | PostgresStore:
    """The store a database URL names: ``sqlite:///path`` or ``postgresql://…``."""
    if url.startswith("sqlite:///"):
        return SQLiteStore(Path(url.removeprefix("sqlite:///")))
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    raise InsightsUnavailable("the database URL must start with sqlite:/// or postgresql://")
