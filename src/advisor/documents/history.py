"""The earlier texts of each profile: every save and every deletion staff make keeps the text it
replaces, so any of them can be read again and restored.

In: a profile's file name and the bytes being replaced. Out: :class:`SavedText` entries, newest
first. The copies live in the knowledge folder's hidden ``.history/`` folder (a hidden folder is
never read as a profile), so replicas sharing the knowledge folder share the history too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from advisor.errors import AdvisorError

__all__ = ["HISTORY_DIR", "HISTORY_KEPT", "ProfileHistory", "SavedText", "UnknownVersion"]

HISTORY_DIR = ".history"
# Per profile; a profile of 30 kB keeps at most 6 MB of history.
HISTORY_KEPT = 200
# "20261205T143320123456Z-1a2b3c4d.md": when it was replaced, the first digits of its hash.
_ENTRY = re.compile(r"(\d{8}T\d{12}Z)-([0-9a-f]{8})\.(md|markdown|txt|yaml)")


class UnknownVersion(AdvisorError):
    """A history entry that does not exist (or a name that is none)."""


@dataclass(frozen=True)
class SavedText:
    """An earlier text of a profile, as it was until ``replaced_at`` (UTC, ISO 8601)."""

    file: str
    entry: str
    replaced_at: str
    sha256_prefix: str
    size: int


def _entry_time(stamp: str) -> str:
    moment = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    return moment.isoformat(timespec="seconds")


class ProfileHistory:
    """The ``.history/<file>/`` folders of one knowledge folder."""

    def __init__(self, knowledge_dir: Path, kept: int = HISTORY_KEPT) -> None:
        self.root = knowledge_dir / HISTORY_DIR
        self.kept = kept

    @contextmanager
    def lock(self) -> Iterator[None]:
        """One edit of the folder at a time, across every process sharing it (an edit reads
        the current hash, keeps the old text and writes the new one as one step)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def keep(self, file: str, content: bytes) -> SavedText:
        """Keep ``content``, the text of ``file`` being replaced or deleted now."""
        folder = self.root / file
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        digest = hashlib.sha256(content).hexdigest()[:8]
        suffix = file.rsplit(".", 1)[-1].lower()
        entry = f"{stamp}-{digest}.{suffix}"
        descriptor, temporary = tempfile.mkstemp(prefix=".keep-", dir=folder)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, folder / entry)
        self._trim(file)
        return SavedText(file, entry, _entry_time(stamp), digest, len(content))

    def files(self) -> list[str]:
        """The files that have earlier texts (deleted ones included)."""
        if not self.root.is_dir():
            return []
        return sorted(path.name for path in self.root.iterdir() if path.is_dir())

    def entries(self, file: str) -> list[SavedText]:
        """The texts ``file`` had before, newest first."""
        folder = self.root / file
        if not folder.is_dir():
            return []
        found = []
        for path in folder.iterdir():
            match = _ENTRY.fullmatch(path.name)
            if match:
                stamp, digest, _ = match.groups()
                found.append(
                    SavedText(file, path.name, _entry_time(stamp), digest, path.stat().st_size)
                )
        return sorted(found, key=lambda saved: saved.entry, reverse=True)

    def read(self, file: str, entry: str) -> bytes:
        """The text kept as ``entry``; :class:`UnknownVersion` when there is none."""
        path = self.root / file / entry
        if not _ENTRY.fullmatch(entry) or "/" in file or not path.is_file():
            raise UnknownVersion(f"{file}: no earlier text named {entry!r}")
        return path.read_bytes()

    def _trim(self, file: str) -> None:
        for old in self.entries(file)[self.kept :]:
            (self.root / file / old.entry).unlink(missing_ok=True)
