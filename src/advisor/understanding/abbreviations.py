"""Chat abbreviations spelled out ("pk" → "pourquoi", "jsp" → "je sais pas", "idk" → "I don't
know"), from ``data/abbreviations.txt``, before the models, the topics and BM25 read a question:
they know the words, not the abbreviations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from advisor.text.packaged import packaged_text

__all__ = ["Abbreviations"]

_EVERY_LANGUAGE = "all"


@dataclass(frozen=True)
class Abbreviations:
    """Per language ("all": every one), each abbreviation (lower case) and its words."""

    by_language: Mapping[str, Mapping[str, str]]

    @classmethod
    def packaged(cls) -> Abbreviations:
        text = packaged_text("abbreviations.txt")
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

    @cached_property
    def _tables(self) -> dict[str, dict[str, str]]:
        """Per language (and for any other), its abbreviations and those of every language."""
        common = self.by_language.get(_EVERY_LANGUAGE, {})
        languages = {*self.by_language, _EVERY_LANGUAGE}
        return {lang: {**common, **self.by_language.get(lang, {})} for lang in languages}

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        """Per language, its abbreviations as one pattern, the longest first."""
        patterns = {}
        for language, table in self._tables.items():
            shorts = sorted(table, key=len, reverse=True)
            alternatives = "|".join(re.escape(short) for short in shorts) or "(?!)"
            # Whole words: an apostrophe or a hyphen joins a word ("c'est" is no "c"), but
            # for an elided French article or pronoun before it ("l'unif", "d'appart").
            patterns[language] = re.compile(
                rf"(?:(?<![\w'’-])|(?<=\b[dljmnst]['’])|(?<=\bqu['’]))"
                rf"(?:{alternatives})(?![\w'’-])",
                re.IGNORECASE,
            )
        return patterns

    def spell_out(self, text: str, language: str) -> str:
        """``text`` with the abbreviations of ``language`` (and of every language) spelled out."""
        known = language if language in self._tables else _EVERY_LANGUAGE
        table, pattern = self._tables[known], self._patterns[known]
        spelled = pattern.sub(lambda m: _spelled(m, table), text)
        return " ".join(spelled.split()) if spelled != text else text


def _spelled(match: re.Match[str], table: Mapping[str, str]) -> str:
    """The words of an abbreviation found; a capital letter after a word is a letter: "permis
    C", "vitamine C" (the French "c" is "c'est" when typed "c koi" or "C bien")."""
    short = match.group()
    before = match.string[: match.start()].rstrip()
    if len(short) == 1 and short.isupper() and before and before[-1].isalnum():
        return short
    return table.get(short.lower(), short)
