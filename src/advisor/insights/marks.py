"""What staff decided about unanswered questions: answered by an edit of a profile (and since
which index version), or dismissed (not a gap in the knowledge: "t'es qui ?", a test).

In: a question as students typed it and the decision. Out: :class:`QuestionMark` entries, keyed
by the question's folded wording (the key the insights page merges wordings by). Kept as one JSON
file beside the profiles' history, so every replica sharing the knowledge folder sees them.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from advisor.documents.history import HISTORY_DIR
from advisor.insights.report import folded_key

__all__ = ["MarkKind", "QuestionMark", "QuestionMarks", "MARKS_FILE", "marks_of"]

MARKS_FILE = "questions.json"


class MarkKind(StrEnum):
    ANSWERED = "answered"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class QuestionMark:
    key: str
    kind: MarkKind
    question: str
    marked_at: str  # UTC, ISO 8601
    profile_id: str | None = None
    version: str | None = None  # the index version that first published the answer


class QuestionMarks:
    """The marks kept in ``path`` (a JSON object: key → mark)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def all(self) -> dict[str, QuestionMark]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        marks = {}
        for key, value in raw.items():
            try:
                marks[key] = QuestionMark(**{**value, "kind": MarkKind(value["kind"])})
            except (TypeError, KeyError, ValueError):
                continue  # a hand-edited entry that is not a mark: ignored, not fatal
        return marks

    def of(self, wordings: Iterable[str]) -> QuestionMark | None:
        """The mark of any of a question's wordings."""
        marks = self.all()
        for wording in wordings:
            found = marks.get(folded_key(wording))
            if found is not None:
                return found
        return None

    def mark(
        self,
        question: str,
        kind: MarkKind,
        profile_id: str | None = None,
        version: str | None = None,
    ) -> QuestionMark:
        key = folded_key(question)
        moment = datetime.now(UTC).isoformat(timespec="seconds")
        mark = QuestionMark(key, kind, question.strip(), moment, profile_id, version)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a+b") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            marks = {k: asdict(m) for k, m in self.all().items()}
            marks[key] = asdict(mark)
            descriptor, temporary = tempfile.mkstemp(prefix=".marks-", dir=self.path.parent)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(marks, handle, ensure_ascii=False, indent=1)
            os.replace(temporary, self.path)
        return mark


def marks_of(knowledge_dir: Path) -> QuestionMarks:
    """The marks of one knowledge folder, kept beside its profiles' history."""
    return QuestionMarks(knowledge_dir / HISTORY_DIR / MARKS_FILE)
