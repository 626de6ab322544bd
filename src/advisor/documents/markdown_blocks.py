"""Markdown blocks that are not prose, read as the page shows them: a table's rows (its
cells apart, without pipes or the rule under its header), HTML comments (nothing), HTML tags
(their text) and code fences (their lines). Lines in → as many lines out, so every line keeps
its number for the messages staff read."""

from __future__ import annotations

import html
import re

__all__ = ["CELL_SEPARATOR", "as_page_text", "without_html"]

# Between a table row's cells, as a reader sees them apart: "Startloon · ongeveer € 3 050".
CELL_SEPARATOR = " · "
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_FENCE = re.compile(r"^(?:`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->")
# A tag's name follows `<` at once: "moins de <3 ans" and "salaire < 2 000 €" stay text.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def as_page_text(lines: list[str]) -> list[str]:
    """``lines`` with comments blanked, fence lines blanked and tables as rows of cells."""
    return _tables_as_rows(_without_fences(_without_comments(lines)))


def without_html(text: str) -> str:
    """A line without its HTML tags, entities read: "Lever à 3&nbsp;h<br>" → "Lever à 3 h"."""
    text = _TAG.sub("", _LINE_BREAK_TAG.sub(" ", text))
    return html.unescape(text).replace("\xa0", " ").strip()


def _without_comments(lines: list[str]) -> list[str]:
    """Comments are notes to other editors: ``<!-- fiche revue en mai -->``, over lines too."""
    out: list[str] = []
    open_comment = False
    for line in lines:
        if open_comment:
            end = line.find("-->")
            if end < 0:
                out.append("")
                continue
            line, open_comment = line[end + 3 :], False
        line = _COMMENT.sub("", line)
        start = line.find("<!--")
        if start >= 0:
            line, open_comment = line[:start], True
        out.append(line)
    return out


def _without_fences(lines: list[str]) -> list[str]:
    """A code fence's markers are markup; the lines inside are the page's text."""
    return ["" if _FENCE.match(line.strip()) else line for line in lines]


def _tables_as_rows(lines: list[str]) -> list[str]:
    """Each table (a header row, the rule under it, its rows) as one line per row."""
    out = list(lines)
    at = 1
    while at < len(lines):
        rule, header = lines[at].strip(), lines[at - 1].strip()
        if "-" not in rule or not _TABLE_RULE.match(rule) or "|" not in header + rule:
            at += 1
            continue
        out[at - 1], out[at] = _row(header), ""
        at += 1
        while at < len(lines) and "|" in lines[at] and lines[at].strip():
            out[at] = _row(lines[at].strip())
            at += 1
    return out


def _row(line: str) -> str:
    """ "| Startloon | ongeveer € 3 050 |" → "Startloon · ongeveer € 3 050"."""
    cells = [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(line)]
    return CELL_SEPARATOR.join(cell for cell in cells if cell)
