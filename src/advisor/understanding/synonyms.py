"""The field's words across languages and registers (``data/synonyms.txt``), for BM25.

BM25 only finds the words a passage holds: "y a des meufs ?" never meets "Proportion de
femmes", nor "Hoeveel vrouwen?" a French profile. A question is also searched with the
other words of every group it names; the models, which already see past the wording, read
the question as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from advisor.text.packaged import packaged_text
from advisor.text.words import fold

__all__ = ["Synonyms"]


@dataclass(frozen=True)
class Synonyms:
    """Groups of words that mean the same thing for a career question, folded."""

    groups: tuple[tuple[str, ...], ...]

    @classmethod
    def packaged(cls) -> Synonyms:
        text = packaged_text("synonyms.txt")
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> Synonyms:
        """One group per line, its words separated by commas; ``#`` starts a comment."""
        groups = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0]
            words = tuple(dict.fromkeys(w for w in (fold(t).strip() for t in line.split(",")) if w))
            if len(words) > 1:
                groups.append(words)
        return cls(tuple(groups))

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        terms = sorted({term for group in self.groups for term in group}, key=len, reverse=True)
        alternatives = "|".join(re.escape(term) for term in terms) or "(?!)"
        return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")

    @cached_property
    def _groups_of(self) -> dict[str, list[int]]:
        groups_of: dict[str, list[int]] = {}
        for index, group in enumerate(self.groups):
            for term in group:
                groups_of.setdefault(term, []).append(index)
        return groups_of

    def named(self, question: str) -> list[tuple[str, tuple[str, ...]]]:
        """The terms ``question`` holds (folded), each with every word of its groups."""
        found = []
        for term in self._pattern.findall(fold(question)):
            words = {word: None for index in self._groups_of[term] for word in self.groups[index]}
            found.append((term, tuple(words)))
        return found

    def expand(self, question: str) -> str:
        """The words of every group ``question`` names that it does not hold itself."""
        named = self._pattern.findall(fold(question))
        held = set(named)
        extra: dict[str, None] = {}
        for term in named:
            for index in self._groups_of[term]:
                extra.update((word, None) for word in self.groups[index] if word not in held)
        return " ".join(extra)
