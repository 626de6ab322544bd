"""Markdown profiles: a small YAML front matter between `---` lines, then `#` headings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from advisor.documents.markdown_blocks import as_page_text, without_html
from advisor.documents.model import FAQ_HEADING, Line, OpenSection, Section
from advisor.errors import KnowledgeError

__all__ = [
    "MarkdownPage",
    "parse_markdown",
    "plain_text",
    "reads_as_markdown",
    "with_first_line_as_title",
    "FRONT_MATTER_KEYS",
]

FRONT_MATTER_KEYS = {"title", "language", "source", "updated", "aliases", "sector"}
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
# Headings written otherwise than with `#`: underlined ("Salaire" over "-------", CommonMark's
# setext headings), or a short line in bold alone between blank lines ("**Salaire**"), as
# documents exported from a word processor often have them.
_UNDERLINE = re.compile(r"^(=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(?=\S)(?P<name>[^*_]+?)(?<=\S)\s*:?\s*\1\s*:?$")
_MAX_BOLD_HEADING = 80
# Inline markup, shown as a page shows it: a link's or image's text, emphasis and code bare.
_INLINE = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <https://…>
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # **bold**, __bold__
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *italic*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # _italic_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # ~~struck~~
    (re.compile(r"`([^`]+)`"), r"\1"),  # `code`
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # \* and other escapes
)


def plain_text(line: str) -> str:
    """A Markdown line as a reader sees it: "- **Chef** : [voir](…)" → "• Chef : voir", and
    without HTML: "Lever à 3&nbsp;h<br>" → "Lever à 3 h"."""
    text = re.sub(r"^(?:>\s?)+", "", line)  # a quote's marker
    text = re.sub(r"^[-*+]\s+(?:\[[ xX]\]\s+)?", "• ", text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return without_html(text)


@dataclass(frozen=True)
class MarkdownPage:
    """A Markdown profile: its front matter and its sections."""

    meta: dict[str, Any]
    title: str
    sections: tuple[Section, ...]


def _front_matter(path: Path, lines: list[str]) -> tuple[dict[str, Any], int]:
    """Return the front matter and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise KnowledgeError(path, "front matter opened with `---` is never closed", line=1)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise KnowledgeError(path, f"broken front matter: {problem}", line=line) from None
    if not isinstance(meta, dict):
        raise KnowledgeError(path, "front matter must be `key: value` lines", line=2)
    # Other keys are a portal's own fields ("region", "tags", "author"): read past, as a
    # page's other markup is. Refused, every profile exported with them was lost to the build
    # (three of the four written for new jobs 6 were).
    meta = {str(key): value for key, value in meta.items() if str(key) in FRONT_MATTER_KEYS}
    aliases = meta.get("aliases", [])
    if isinstance(aliases, str):
        meta["aliases"] = [aliases]
    elif not isinstance(aliases, list):
        raise KnowledgeError(path, "`aliases` must be a list of job names", line=2)
    return meta, end + 1


def reads_as_markdown(lines: list[str]) -> bool:
    """True when a text file is Markdown all the same (saved as `.txt`): it opens with a front
    matter, or it has two `#` headings. A scraped page's text has no such lines."""
    if lines and lines[0].strip() == "---":
        return True
    return sum(1 for line in lines if _HEADING.match(line.strip())) >= 2


def with_first_line_as_title(lines: list[str]) -> list[str]:
    """Markdown saved as text, with neither a front matter nor a `# ` title: its first line
    is its title, as in any plain text profile."""
    first = next((at for at, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[0].strip() == "---" or _HEADING.match(lines[first].strip()):
        return lines
    return [*lines[:first], f"# {lines[first].strip()}", *lines[first + 1 :]]


def _bold_heading(lines: list[str], at: int) -> str | None:
    """The name of the bold line at ``at`` if it stands alone as a heading, else None."""
    bold = _BOLD_LINE.match(lines[at].strip())
    if bold is None or len(bold["name"]) > _MAX_BOLD_HEADING or bold["name"][-1] in ".!;,":
        return None
    before = lines[at - 1].strip() if at > 0 else ""
    after = lines[at + 1].strip() if at + 1 < len(lines) else None
    # Alone above its text: a bold line closing a paragraph, or in a run of bold lines, is
    # emphasis, not a heading.
    if before and not _HEADING.match(before):
        return None
    return bold["name"] if after is not None and not _BOLD_LINE.match(after) else None


def _bold_questions_below(lines: list[str], at: int) -> bool:
    """True when bold questions alone on their lines, two or more, are what the heading at
    ``at`` holds: an FAQ however it is named ("## Vragen die vaak terugkomen")."""
    questions = 0
    for index in range(at + 1, len(lines)):
        if _HEADING.match(lines[index].strip()):
            break
        name = _bold_heading(lines, index)
        questions += bool(name and name.endswith("?"))
    return questions >= 2


def _asks_questions(lines: list[str], at: int, level: int) -> bool:
    """True when the headings right under the heading at ``at`` (of ``level``) are two or
    more questions and nothing else: an FAQ however it is named."""
    children = []
    for line in lines[at + 1 :]:
        heading = _HEADING.match(line.strip())
        if heading is None:
            continue
        if len(heading.group(1)) <= level:
            break
        if len(heading.group(1)) == level + 1:
            children.append(heading.group(2).rstrip())
    return len(children) >= 2 and all(child.endswith("?") for child in children)


def _as_atx_headings(lines: list[str], body_start: int) -> list[str]:
    """``lines`` with underlined and bold-line headings written as `#` headings, line for
    line (a heading's underline becomes blank): a bold heading is one level below the last
    `#` heading, an underline of `=` level 1 and of `-` level 2. Bold lines are headings only
    in a page without `##` headings: under them, a bold line labels a list of its section
    ("**Voordelen**" above the upsides under "## Voor- en nadelen"; read as headings, new
    jobs 2 held out lost one question), but for a bold question under an FAQ heading, one of
    its entries."""
    out = list(lines)
    level, in_faq = 1, False
    sectioned = any((h := _HEADING.match(line.strip())) and len(h.group(1)) > 1 for line in lines)
    for at in range(body_start, len(lines)):
        text = lines[at].strip()
        if (atx := _HEADING.match(text)) is not None:
            level = len(atx.group(1))
            in_faq = bool(FAQ_HEADING.search(atx.group(2))) or _bold_questions_below(lines, at)
            continue
        underline = _UNDERLINE.match(lines[at + 1].strip()) if at + 1 < len(lines) else None
        above = lines[at - 1].strip() if at > body_start else ""
        if underline and text and not above and not _LIST_ITEM.match(text):
            level, in_faq = (1 if underline.group(1)[0] == "=" else 2), False
            out[at], out[at + 1] = f"{'#' * level} {text}", ""
            continue
        name = _bold_heading(lines, at)
        if name is None:
            continue
        if not sectioned:
            # Under a bold FAQ heading, a bold question is one of its entries.
            question = in_faq and name.endswith("?")
            in_faq = question or bool(FAQ_HEADING.search(name))
            out[at] = f"{'#' * min(level + 1 + question, 6)} {name}"
        elif in_faq and name.endswith("?"):
            # Under a `##` FAQ heading too: "**Faut-il un diplôme… ?**" and its answer.
            out[at] = f"{'#' * min(level + 1, 6)} {name}"
    return out


def parse_markdown(path: Path, lines: list[str]) -> MarkdownPage:
    """Read a Markdown profile; ``lines`` are the file's lines without line ends."""
    meta, body_start = _front_matter(path, lines)
    lines = _as_atx_headings([*lines[:body_start], *as_page_text(lines[body_start:])], body_start)
    sections: list[OpenSection] = []
    title = str(meta.get("title", "")).strip()
    current = OpenSection((title,) if title else (), 1)
    sections.append(current)
    faq_level = 0
    for number, raw in enumerate(lines[body_start:], start=body_start + 1):
        text = raw.strip()
        if not text:
            continue
        heading = _HEADING.match(text)
        if heading:
            level, name = len(heading.group(1)), plain_text(heading.group(2))
            if level == 1 and (not title or name.casefold() == title.casefold()):
                # The page's title (the front matter's, repeated as its `# ` heading): the
                # text under it presents the job.
                title = title or name
                current = OpenSection((title,), 1)
                sections.append(current)
                continue
            if faq_level and level <= faq_level:
                faq_level = 0
            parent = current.heading_path[: level - 1] or ((title,) if title else ())
            if faq_level and level > faq_level:
                # A question heading under the FAQ keeps its question as the chunk's first line.
                current = OpenSection((*parent, name), level, [Line(name, number)], "faq")
            else:
                current = OpenSection((*parent, name), level)
                if FAQ_HEADING.search(name) or _asks_questions(lines, number - 1, level):
                    faq_level = level
            sections.append(current)
            continue
        if re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", text):
            continue  # a rule between parts: nothing to read
        shown = plain_text(text)
        if not shown:
            continue  # a line of markup alone ("</details>"): nothing to read
        current.lines.append(Line(shown, number))
        if _LIST_ITEM.match(text):
            current.kind = "list" if current.kind == "text" else current.kind
    if not title:
        raise KnowledgeError(path, "no title: add `title:` to the front matter or a `# ` heading")
    kept = tuple(
        section.freeze(section.heading_path or (title,))
        for section in sections
        # A question heading with no answer under it has nothing to quote.
        if section.lines and not (section.kind == "faq" and len(section.lines) == 1)
    )
    return MarkdownPage(meta=meta, title=title, sections=kept)
