"""What staff do to the knowledge folder: preview a profile, add or replace it atomically,
delete it. Names are sanitised, sizes capped, HTML pages turned into Markdown first."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from advisor.chunking.chunker import Chunk, chunk_document
from advisor.documents import Document, is_profile_file, read_document
from advisor.documents.html import html_to_markdown
from advisor.errors import AdvisorError, KnowledgeError
from advisor.text.words import fold

__all__ = ["KnowledgeFolder", "ProfilePreview", "UploadRefused", "MAX_PROFILE_BYTES"]

MAX_PROFILE_BYTES = 1_000_000
_SAFE = re.compile(r"[^a-z0-9._-]+")
_UPLOAD_SUFFIXES = (".md", ".txt", ".html", ".htm")


class UploadRefused(AdvisorError):
    """An uploaded file cannot become a profile; the message says why."""


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

    def files(self) -> list[str]:
        return sorted(p.name for p in self.path.iterdir() if is_profile_file(p))

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
        name = self.safe_name(name)
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

    def delete(self, name: str) -> None:
        target = self.path / self.safe_name(name)
        if not target.is_file():
            raise UploadRefused(f"no profile named {name!r} in {self.path}")
        target.unlink()
