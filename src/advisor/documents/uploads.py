"""What staff do to the knowledge folder: preview a profile, add or replace it atomically (only
over the text they started from, when they say which), delete it, restore an earlier text.
Names are sanitised, sizes capped, HTML pages turned into Markdown first; every replaced or
deleted text is kept (:class:`ProfileHistory`)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from advisor.chunking.chunker import Chunk, chunk_document
from advisor.documents import Document, is_profile_file, read_document
from advisor.documents.history import ProfileHistory, SavedText
from advisor.documents.html import html_to_markdown
from advisor.documents.loader import profile_id_of
from advisor.errors import AdvisorError, KnowledgeError
from advisor.text.words import fold

__all__ = [
    "KnowledgeFolder",
    "ProfilePreview",
    "ProfileSource",
    "StaleEdit",
    "UploadRefused",
    "MAX_PROFILE_BYTES",
]

MAX_PROFILE_BYTES = 1_000_000
_SAFE = re.compile(r"[^a-z0-9._-]+")
_UPLOAD_SUFFIXES = (".md", ".txt", ".html", ".htm")


class UploadRefused(AdvisorError):
    """An uploaded file cannot become a profile; the message says why."""


class StaleEdit(AdvisorError):
    """The profile changed since the editor opened it: saving would overwrite someone's work."""

    def __init__(self, file: str, expected: str | None, current: str | None) -> None:
        self.file = file
        self.expected = expected
        self.current = current
        now = "is absent" if current is None else f"is now {current[:12]}…"
        then = f"{expected[:12]}…" if expected else "no file"
        super().__init__(
            f"{file} changed since you opened it (you started from {then}, it {now}): open it "
            "again and apply your change to the new text"
        )


@dataclass(frozen=True)
class ProfileSource:
    """A profile file's text as stored, and its SHA-256 (what an editor sends back)."""

    file: str
    profile_id: str
    content: bytes
    sha256: str

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class ProfilePreview:
    """What a profile would be once published: its chunks and topics, or why it is refused."""

    file: str
    content: bytes
    document: Document | None
    chunks: tuple[Chunk, ...]
    error: KnowledgeError | None = None


class KnowledgeFolder:
    """The profile files of one knowledge folder."""

    def __init__(self, path: Path, max_bytes: int = MAX_PROFILE_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.history = ProfileHistory(path)

    def files(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if is_profile_file(p))

    def file_of(self, profile_id: str) -> str | None:
        """The file that is the profile ``profile_id``, if the folder has one."""
        for name in self.files():
            if profile_id_of(Path(name)) == profile_id:
                return name
        return None

    def resolve(self, name: str) -> str:
        """``name`` itself for a profile file of the folder (whatever its name), else the
        sanitised name a new file gets."""
        return name if name in self.files() else self.safe_name(name)

    def source(self, name: str) -> ProfileSource:
        """A profile file's text and hash; :class:`UploadRefused` when there is no such file."""
        name = self.resolve(name)
        path = self.path / name
        if not path.is_file():
            raise UploadRefused(f"no profile named {name!r} in {self.path}")
        content = path.read_bytes()
        return ProfileSource(
            name, profile_id_of(path), content, hashlib.sha256(content).hexdigest()
        )

    def safe_name(self, filename: str) -> str:
        """A plain file name in the folder: no path, no hidden file, a profile suffix."""
        base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
        stem, dot, suffix = base.rpartition(".")
        if not dot or f".{suffix}" not in _UPLOAD_SUFFIXES:
            raise UploadRefused(
                f"{filename!r}: only {', '.join(_UPLOAD_SUFFIXES)} files can be profiles"
            )
        stem = _SAFE.sub("-", fold(stem)).strip("-.")
        if not stem:
            raise UploadRefused(f"{filename!r} is not a usable file name")
        return f"{stem}.{suffix}"

    def prepare(self, filename: str, data: bytes) -> tuple[str, bytes]:
        """The name and bytes the profile is stored under (an HTML page becomes Markdown)."""
        if len(data) > self.max_bytes:
            raise UploadRefused(
                f"{filename!r} is {len(data):,} bytes; a profile may have {self.max_bytes:,}"
            )
        name = self.safe_name(filename)
        if name.endswith((".html", ".htm")):
            try:
                html = data.decode("utf-8")
            except UnicodeDecodeError:
                html = data.decode("latin-1")
            markdown = html_to_markdown(name, html)
            return name.rsplit(".", 1)[0] + ".md", markdown.encode("utf-8")
        return name, data

    def preview(self, filename: str, data: bytes) -> ProfilePreview:
        """Read and chunk an uploaded profile without touching the folder."""
        try:
            name, content = self.prepare(filename, data)
        except KnowledgeError as error:
            return ProfilePreview(filename, b"", None, (), error)
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / name
            path.write_bytes(content)
            try:
                document = read_document(path)
            except KnowledgeError as error:
                return ProfilePreview(
                    name, content, None, (), KnowledgeError(name, error.reason, error.line)
                )
        return ProfilePreview(name, content, document, tuple(chunk_document(document)))

    def save(self, name: str, content: bytes) -> Path:
        """Write a profile atomically: readers see the old file or the new one, whole."""
        name = self.resolve(name)
        target = self.path / name
        descriptor, temporary = tempfile.mkstemp(prefix=".upload-", dir=self.path)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target

    def save_checked(self, name: str, content: bytes, expected: str | None) -> ProfileSource:
        """Save ``content`` as ``name`` if the file's hash is still ``expected`` (``""``: only if
        there is no such file yet; ``None``: whatever is there), keeping the text it replaces;
        else :class:`StaleEdit`. Checked and written under one lock shared by every process."""
        name = self.resolve(name)
        with self.history.lock():
            current = self._current(name)
            found = current.sha256 if current else ""
            if expected is not None and expected != found:
                raise StaleEdit(name, expected, current.sha256 if current else None)
            if current is not None and current.content != content:
                self.history.keep(name, current.content)
            self.save(name, content)
        return self.source(name)

    def restore(self, name: str, entry: str, expected: str | None) -> ProfileSource:
        """Save the earlier text ``entry`` of ``name`` again (the text it replaces is kept)."""
        name = self.resolve(name)
        return self.save_checked(name, self.history.read(name, entry), expected)

    def delete(self, name: str, expected: str | None = None) -> SavedText:
        """Delete a profile file (if its hash is still ``expected``), keeping its text."""
        name = self.resolve(name)
        with self.history.lock():
            current = self._current(name)
            if current is None:
                raise UploadRefused(f"no profile named {name!r} in {self.path}")
            if expected is not None and expected != current.sha256:
                raise StaleEdit(name, expected, current.sha256)
            kept = self.history.keep(name, current.content)
            (self.path / name).unlink()
        return kept

    def _current(self, name: str) -> ProfileSource | None:
        return self.source(name) if (self.path / name).is_file() else None
