"""What an edit changes in a profile's text, line by line, for staff to read before publishing.

In: the published text and the edited one. Out: :class:`Hunk` objects (the changed lines with a
few unchanged ones around them, each line numbered in the text it comes from).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["LineKind", "ChangedLine", "Hunk", "text_changes"]

CONTEXT_LINES = 2


class LineKind(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True)
class ChangedLine:
    kind: LineKind
    text: str
    old_line: int | None  # its number in the published text (None: added)
    new_line: int | None  # its number in the edited text (None: removed)
    # The line in pieces, each True where it differs from the line it replaces: in a long
    # paragraph, the figure that changed is what staff must see.
    pieces: tuple[tuple[str, bool], ...] = ()


_WORDS = re.compile(r"\s+|[^\s]+")


def _pieces(text: str, other: str) -> tuple[tuple[str, bool], ...]:
    words, other_words = _WORDS.findall(text), _WORDS.findall(other)
    matcher = difflib.SequenceMatcher(None, other_words, words, autojunk=False)
    pieces: list[tuple[str, bool]] = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if j2 > j1:
            pieces.append(("".join(words[j1:j2]), tag != "equal"))
    return tuple(pieces)


@dataclass(frozen=True)
class Hunk:
    lines: tuple[ChangedLine, ...]


def _lines_of(
    opcode: tuple[str, int, int, int, int], old: list[str], new: list[str]
) -> Iterator[ChangedLine]:
    tag, i1, i2, j1, j2 = opcode
    if tag == "equal":
        for offset in range(i2 - i1):
            yield ChangedLine(LineKind.SAME, old[i1 + offset], i1 + offset + 1, j1 + offset + 1)
        return
    paired = tag == "replace" and i2 - i1 == j2 - j1  # each line replaced by one line
    for offset, index in enumerate(range(i1, i2)):
        pieces = _pieces(old[index], new[j1 + offset]) if paired else ()
        yield ChangedLine(LineKind.REMOVED, old[index], index + 1, None, pieces)
    for offset, index in enumerate(range(j1, j2)):
        pieces = _pieces(new[index], old[i1 + offset]) if paired else ()
        yield ChangedLine(LineKind.ADDED, new[index], None, index + 1, pieces)


def text_changes(old_text: str, new_text: str) -> tuple[Hunk, ...]:
    """The changed passages of ``new_text`` against ``old_text`` (none when equal)."""
    old, new = old_text.splitlines(), new_text.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple(
        Hunk(tuple(line for opcode in group for line in _lines_of(opcode, old, new)))
        for group in matcher.get_grouped_opcodes(CONTEXT_LINES)
    )
