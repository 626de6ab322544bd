"""Exceptions a staff member can act on: each names the file (and line) or the command to run."""

from __future__ import annotations

from pathlib import Path

__all__ = ["AdvisorError", "KnowledgeError", "IndexMissing", "IndexMismatch", "IndexCorrupt"]


class AdvisorError(Exception):
    """Base class of every error the advisor raises on purpose."""


class KnowledgeError(AdvisorError):
    """A profile file cannot be read or has no usable content."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {reason}")


class IndexMissing(AdvisorError):
    """No index has been built in the index directory yet."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        super().__init__(f"no index in {index_dir}: run `advisor index --index {index_dir}`")


class IndexMismatch(AdvisorError):
    """The index on disk was built with other models or another format than this server uses."""

    def __init__(self, index_dir: Path, built_with: str, expected: str) -> None:
        self.index_dir = index_dir
        super().__init__(
            f"the index in {index_dir} was built with {built_with}, this server uses {expected}: "
            f"run `advisor index --index {index_dir}`"
        )


class IndexCorrupt(AdvisorError):
    """The index directory exists but a file in it is missing or unreadable."""

    def __init__(self, index_dir: Path, reason: str) -> None:
        self.index_dir = index_dir
        super().__init__(f"the index in {index_dir} is unreadable ({reason}): run `advisor index`")
