"""The plain data a profile file is read into."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Document", "Section", "Line", "OpenSection", "FAQ_HEADING"]

# A heading over questions and answers, in French, Dutch or English.
FAQ_HEADING = re.compile(
    r"questions? fréquentes|\bfaq\b|veelgestelde vragen|vaak gestelde vragen|"
    r"frequently asked|common questions|\bvos questions|questions[- ](et )?réponses|"
    r"vragen en antwoorden|\bjouw vragen|\byour questions|\bq ?& ?a\b|"
    r"\b(tu te demandes|vous vous demandez|je vraagt je|you (may|might) (be )?wonder)|"
    r"\bon nous demande|vragen die (we|wij) (vaak )?krijgen|questions (we|you) (often )?(get|ask)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One line of content, verbatim, with its 1-based line number in the source file."""

    text: str
    number: int


@dataclass(frozen=True)
class Section:
    """The content under one heading. ``heading_path`` runs from the top heading down."""

    heading_path: tuple[str, ...]
    lines: tuple[Line, ...]
    kind: str = "text"  # "text", "list" or "faq" (a question heading and its answer)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0


@dataclass
class OpenSection:
    """A section while a parser is still adding lines to it."""

    heading_path: tuple[str, ...]
    level: int
    lines: list[Line] = field(default_factory=list)
    kind: str = "text"

    def freeze(self, heading_path: tuple[str, ...] | None = None) -> Section:
        return Section(heading_path or self.heading_path, tuple(self.lines), self.kind)


@dataclass(frozen=True)
class Document:
    """A career profile: one job, in one language, read from one file."""

    profile_id: str
    title: str
    language: str
    source: str
    sections: tuple[Section, ...]
    updated: str | None = None
    aliases: tuple[str, ...] = ()
    sector: str | None = None  # the field of work, for lists of jobs ("Horeca", "Transport")
    noise: tuple[Line, ...] = ()  # lines of a scraped page left out as marketing noise
    file: str = ""  # the file's name in the knowledge folder
