"""Chat abbreviations spelled out ("pk" → "pourquoi", "jsp" → "je sais pas", "idk" → "I don't
know"), from ``data/abbreviations.txt``, before the models, the topics and BM25 read a question:
they know the words, not the abbreviations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["Abbreviations"]

_EVERY_LANGUAGE = "all"


@dataclass(frozen=True)
class Abbreviations:
    """Per language ("all": every one), each abbreviation (lower case) and its words."""

    by_language: Mapping[str, Mapping[str, str]]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def packaged(cls) -> Abbreviations:
        text = resources.files("advisor").joinpath("data/abbreviations.txt").read_text("utf-8")
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> Abbreviations:
        """``[language]`` lines, then ``abbreviation = words`` lines; ``#`` starts a comment."""
        by_language: dict[str, dict[str, str]] = {}
        current: dict[str, str] | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = by_language.setdefault(line[1:-1].strip(), {})
            elif "=" in line and current is not None:
                short, words = (part.strip() for part in line.split("=", 1))
                current[short.lower()] = words
            else:
                raise ValueError(f"abbreviations, line {number}: expected 'short = words'")
        return cls(by_language)

    def _pattern(self, language: str) -> re.Pattern[str]:
        if language not in self._patterns:
            shorts = {
                *self.by_language.get(language, {}),
                *self.by_language.get(_EVERY_LANGUAGE, {}),
            }
            alternatives = "|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True))
            # Whole words: an apostrophe or a hyphen joins a word ("c'est" is no "c").
            self._patterns[language] = re.compile(
                rf"(?<![\w'’-])(?:{alternatives or '(?!)'})(?![\w'’-])", re.IGNORECASE
            )
        return self._patterns[language]

    def spell_out(self, text: str, language: str) -> str:
        """``text`` with the abbreviations of ``language`` (and of every language) spelled out."""
        own = self.by_language.get(language, {})
        common = self.by_language.get(_EVERY_LANGUAGE, {})

        def words(match: re.Match[str]) -> str:
            short = match.group().lower()
            return own.get(short, common.get(short, match.group()))

        spelled = self._pattern(language).sub(words, text)
        return " ".join(spelled.split()) if spelled != text else text
