"""Texts staff start from: a new profile (its front matter and the usual sections, headed in
its language with headings the topics know), or a profile with a new question in its FAQ (an
unanswered question of the insights page, for staff to answer).

In: a title, a language and other names; or a profile's text and a question. Out: Markdown or
scraped text. Answers and sections are left empty: a profile published as it is never quotes a
placeholder sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from advisor.documents.model import FAQ_HEADING

__all__ = ["SECTION_HEADINGS", "FAQ_HEADINGS", "FaqEntry", "profile_template", "with_faq_entry"]

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class FaqEntry:
    """A profile's text with a new FAQ question; ``answer_line`` (1-based) is where its
    answer goes."""

    text: str
    answer_line: int
    question: str


# Each heading is read as its topic (tested): intro, missions, skills, studies, salary,
# conditions, career, then the questions students ask.
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Le métier en bref",
        "Missions",
        "Qualités",
        "Études et formation",
        "Salaire",
        "Conditions de travail",
        "Perspectives",
        "Questions fréquentes",
    ),
    "nl": (
        "Het beroep in het kort",
        "Taken",
        "Vaardigheden",
        "Opleiding",
        "Verloning",
        "Arbeidsomstandigheden",
        "Doorgroeimogelijkheden",
        "Veelgestelde vragen",
    ),
    "en": (
        "About the job",
        "Tasks",
        "Skills",
        "Studies",
        "Pay",
        "Working conditions",
        "Career outlook",
        "FAQ",
    ),
}
# The heading of the questions-and-answers section, the last one above.
FAQ_HEADINGS = {language: headings[-1] for language, headings in SECTION_HEADINGS.items()}


def profile_template(title: str, language: str, aliases: Sequence[str] = ()) -> str:
    """The Markdown of a new profile named ``title`` in ``language`` ("fr", "nl", "en")."""
    meta: dict[str, object] = {"title": title.strip(), "language": language}
    names = [name.strip() for name in aliases if name.strip()]
    if names:
        meta["aliases"] = names
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    sections = "\n".join(f"## {heading}\n" for heading in SECTION_HEADINGS[language])
    return f"---\n{front}\n---\n\n# {title.strip()}\n\n{sections}"


def _faq_heading_line(lines: list[str]) -> tuple[int, int] | None:
    """The index and level of a Markdown FAQ heading ("## Questions fréquentes")."""
    for index, line in enumerate(lines):
        match = _MARKDOWN_HEADING.match(line)
        if match and FAQ_HEADING.search(match.group(2)):
            return index, len(match.group(1))
    return None


def _end_of_section(lines: list[str], start: int, level: int) -> int:
    for index in range(start + 1, len(lines)):
        match = _MARKDOWN_HEADING.match(lines[index])
        if match and len(match.group(1)) <= level:
            return index
    return len(lines)


def _as_question(question: str) -> str:
    text = " ".join(question.split())
    return text if text.endswith("?") else f"{text} ?"


def with_faq_entry(
    text: str, question: str, language: str, markdown: bool, last_faq_line: int | None = None
) -> FaqEntry:
    """``text`` with a new question of its FAQ (the answer left for staff to write): in
    Markdown under the FAQ heading, as a heading one level down; in scraped text after the
    FAQ's last line (``last_faq_line``, 1-based). Without a FAQ, one is added at the end."""
    lines = text.rstrip("\n").split("\n")
    asked = _as_question(question)
    if markdown:
        found = _faq_heading_line(lines)
        if found is None:
            at, question_line = len(lines), f"### {asked}"
            block = ["", f"## {FAQ_HEADINGS[language]}", "", question_line]
        else:
            heading, level = found
            at = _end_of_section(lines, heading, level)
            while at > heading + 1 and not lines[at - 1].strip():
                at -= 1
            question_line = f"{'#' * min(level + 1, 6)} {asked}"
            block = ["", question_line]
    else:
        question_line = asked
        if last_faq_line is not None:
            at, block = last_faq_line, ["", asked]
        else:
            at, block = len(lines), ["", FAQ_HEADINGS[language], "", asked]
    # Then a blank line, the answer's empty line (where staff start typing), a blank line.
    block += ["", "", ""]
    answer_line = at + block.index(question_line) + 3  # 1-based
    new_lines = [*lines[:at], *block, *lines[at:]]
    joined = "\n".join(new_lines)
    return FaqEntry(joined if joined.endswith("\n") else joined + "\n", answer_line, asked)
