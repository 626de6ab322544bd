"""BM25 over stemmed, accent-folded words (``bm25s``): catches exact terms the models blur."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from advisor.text import content_stems

__all__ = ["LexicalIndex"]

_WORD = re.compile(r"\S+")
_RARE = 2


class LexicalIndex:
    """A BM25 index of chunk texts; each text is stemmed in its own language."""

    def __init__(self, texts: Sequence[str], languages: Sequence[str]) -> None:
        import bm25s

        self._languages = sorted(set(languages)) or ["fr"]
        corpus = [content_stems(text, lang) for text, lang in zip(texts, languages, strict=True)]
        self._size = len(corpus)
        self._vocabulary = {stem for stems in corpus for stem in stems}
        self._names = _proper_name_stems(texts, languages)
        frequency: dict[str, int] = {}
        for stems in corpus:
            for stem in set(stems):
                frequency[stem] = frequency.get(stem, 0) + 1
        # A name few passages share says which passage is meant; "Belgique" does not.
        self._rare_names = {name for name in self._names if frequency.get(name, 0) <= _RARE}
        self._bm25 = bm25s.BM25()
        # bm25s wants at least one token per document.
        self._bm25.index([stems or ["\x00"] for stems in corpus], show_progress=False)

    def query_stems(self, question: str) -> list[str]:
        """The question's stems in every corpus language that the corpus knows."""
        stems: list[str] = []
        for language in self._languages:
            stems.extend(stem for stem in content_stems(question, language) if stem not in stems)
        return [stem for stem in stems if stem in self._vocabulary]

    def names_a_rare_name(self, question: str) -> bool:
        """True when ``question`` names a name only a few texts hold (Agoria, Indumation)."""
        return any(
            stem in self._rare_names
            for language in self._languages
            for stem in content_stems(question, language)
        )

    def names_something_indexed(self, question: str) -> bool:
        """True when ``question`` names a proper name of the texts ("c'est qui David ?") and
        every other meaningful word of it occurs in them too."""
        for language in self._languages:
            stems = content_stems(question, language)
            if (
                stems
                and any(stem in self._names for stem in stems)
                and all(stem in self._vocabulary for stem in stems)
            ):
                return True
        return False

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every chunk for ``question`` (zeros when no word is shared)."""
        stems = self.query_stems(question)
        if not stems or not self._size:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(stems), dtype=np.float32)


def _proper_name_stems(texts: Sequence[str], languages: Sequence[str]) -> set[str]:
    """Stems of the capitalised words that do not start a sentence: names (Agoria, David).

    Lines of figures ("45 ans Âge moyen") capitalise their labels, so they are skipped.
    """
    names: set[str] = set()
    for text, language in zip(texts, languages, strict=True):
        for line in text.splitlines():
            if line[:1].isdigit():
                continue
            previous = ""
            for word in _WORD.findall(line):
                if previous and previous[-1] not in ".!?:»" and word[:1].isupper():
                    names.update(content_stems(word, language))
                previous = word
    return names
