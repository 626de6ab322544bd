"""The country the profiles are about, as students name it ("en Belgique", "in België", "in
Belgium"), from ``data/country.txt``: a question naming a topic is embedded without it, since
scraped profiles name the country in the headings of whole parts ("Où se former et travailler
en Belgique ?") and the models were drawn to them (many jobs dev hit@1 0.765 → 0.774,
sections dev 0.755 → 0.764, nothing lost on any dev set; docs/quality.md, nineteenth
session)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from advisor.errors import AdvisorError
from advisor.text.packaged import packaged_text
from advisor.text.words import fold

__all__ = ["CountryNames", "CountryFileError", "COUNTRY_FILE"]

COUNTRY_FILE = "country.txt"
# The word before the country goes with it ("en Belgique", "in Belgium", "uit België").
_BEFORE = r"(?:(?:en|in|au|aux|a|à|de|du|des|van|uit|of|for|from|across|throughout)\s+)?"
_NAME = re.compile(r"^[a-z][a-z' -]*$")
# Typed with or without accents ("België", "Belgie"): each folded letter matches its accented
# forms too.
_ACCENTED = {"a": "aàâäá", "e": "eéèêë", "i": "iîïí", "o": "oôöó", "u": "uùûüú", "c": "cç"}


class CountryFileError(AdvisorError):
    """The country names file holds a line that is not a name."""


@dataclass(frozen=True)
class CountryNames:
    """The country's names, folded (lower case, no accents)."""

    names: tuple[str, ...]

    @classmethod
    def packaged(cls) -> CountryNames:
        return cls.parse(packaged_text(COUNTRY_FILE), f"advisor/data/{COUNTRY_FILE}")

    @classmethod
    def parse(cls, text: str, source: str) -> CountryNames:
        """One name per line; ``#`` starts a comment."""
        names = []
        for number, raw in enumerate(text.splitlines(), start=1):
            name = fold(raw.split("#", 1)[0]).strip()
            if name and not _NAME.match(name):
                raise CountryFileError(f"{source}, line {number}: {raw.strip()!r} is not a name")
            if name:
                names.append(name)
        return cls(tuple(names))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        longest_first = sorted(self.names, key=len, reverse=True)
        names = "|".join(_accent_tolerant(name) for name in longest_first)
        return re.compile(rf"\b{_BEFORE}(?:{names})\b", re.IGNORECASE)

    def without(self, text: str) -> str:
        """``text`` without the country and the word before it ("how much does a chef make
        in Belgium?" → "how much does a chef make ?"); ``text`` itself when nothing else
        would be left."""
        if self._pattern is None:
            return text
        cut = re.sub(r"\s{2,}", " ", self._pattern.sub(" ", text)).strip()
        return cut if any(ch.isalnum() for ch in cut) else text


def _accent_tolerant(name: str) -> str:
    return "".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in name)
