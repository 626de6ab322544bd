"""Document → chunks: one chunk per section (never crossing one), with topic and stable id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from advisor.documents.model import Document, Line, Section
from advisor.text.topics import INTRO, topic_of_heading
from advisor.text.words import sentence_spans

__all__ = ["Chunk", "chunk_document", "MAX_CHUNK_CHARS"]

MAX_CHUNK_CHARS = 1600
SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Chunk:
    """A passage the advisor may quote, verbatim, with where it comes from."""

    id: str
    profile_id: str
    profile_title: str
    heading_path: tuple[str, ...]
    topic: str
    language: str
    text: str
    source: str
    line: int
    kind: str = "text"
    file: str = ""  # the profile's file in the knowledge folder

    @property
    def section(self) -> str:
        """The heading path below the profile title, for people ("Avantages › Points +")."""
        inner = self.heading_path[1:] or self.heading_path
        return SECTION_SEPARATOR.join(inner)

    def units(self) -> list[str]:
        """The sentences and list lines of the chunk, each searchable on its own."""
        return [self.text[start:end] for start, end in sentence_spans(self.text)]

    def embedding_text(self) -> str:
        """What the models read: the headings give a short section its meaning."""
        return f"{self.profile_title}. {self.section}.\n{self.text}"


def _content_id(profile_id: str, heading_path: tuple[str, ...], text: str) -> str:
    digest = hashlib.sha256("\x1f".join((profile_id, *heading_path, text)).encode("utf-8"))
    return digest.hexdigest()[:16]


def _pieces(lines: tuple[Line, ...], limit: int) -> list[tuple[Line, ...]]:
    """Split a long section on line boundaries; a short one stays whole."""
    pieces: list[tuple[Line, ...]] = []
    current: list[Line] = []
    size = 0
    for line in lines:
        if current and size + len(line.text) > limit:
            pieces.append(tuple(current))
            current, size = [], 0
        current.append(line)
        size += len(line.text) + 1
    if current:
        pieces.append(tuple(current))
    return pieces


def _section_topic(section: Section) -> str:
    if len(section.heading_path) == 1:
        return INTRO  # the text under the page title presents the job
    return topic_of_heading(section.heading_path[1:], section.lines[0].text)


def chunk_document(document: Document, max_chars: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """Cut a document into chunks that follow its sections."""
    chunks: list[Chunk] = []
    for section in document.sections:
        topic = _section_topic(section)
        for piece in _pieces(section.lines, max_chars):
            text = "\n".join(line.text for line in piece)
            chunks.append(
                Chunk(
                    id=_content_id(document.profile_id, section.heading_path, text),
                    profile_id=document.profile_id,
                    profile_title=document.title,
                    heading_path=section.heading_path,
                    topic=topic,
                    language=document.language,
                    text=text,
                    source=document.source,
                    file=document.file,
                    line=piece[0].number,
                    kind=section.kind,
                )
            )
    return chunks
