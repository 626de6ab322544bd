"""BM25 over stemmed, accent-folded words (``bm25s``): catches exact terms the models blur."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from advisor.retrieval.line_index import LineIndex
from advisor.text.words import content_stems, fold, sentence_spans, words

__all__ = ["LexicalIndex", "ChunkTerms", "TERMS_VERSION", "WHOLE_WORD_SHARE"]

_WORD = re.compile(r"\S+")
_RARE = 2
_FACTS = "lexical.json"
_TERMS = "terms.npz"
# How texts are cut into terms: saved terms of another version are made again (2, 3: an
# acronym may open a bracket, "(FIFO: first in, first out)").
TERMS_VERSION = 3
# A short stem standing for its word keeps this share of its letters at least ("bloem" of
# "bloemen"), or it is another language's stemmer cutting a word it does not know (the Dutch
# "pol" of "pollen", "regi" of "register"). Long stems are words' own ("install" of
# "installation").
WHOLE_WORD_SHARE = 0.6
_LONG_STEM = 5


class ChunkTerms:
    """Each text's stems, the stems of each line of its body and its proper-name stems,
    kept with an index version so that the next build stems only the texts that changed
    (stemming 250,000 passages took half a minute of each build at 10,000 profiles)."""

    def __init__(
        self, stems: list[list[str]], names: list[list[str]], lines: list[list[list[str]]]
    ) -> None:
        self.stems = stems
        self.names = names
        self.lines = lines

    @classmethod
    def of(
        cls, texts: Sequence[str], languages: Sequence[str], bodies: Sequence[str] | None = None
    ) -> ChunkTerms:
        """``bodies``: the part of each text whose lines may answer (the text without its
        headings); by default the whole text."""
        stems, names, lines = [], [], []
        for text, body, language in zip(texts, bodies or texts, languages, strict=True):
            stems.append(content_stems(text, language))
            names.append(sorted(_proper_name_stems([text], [language])))
            lines.append([content_stems(body[a:b], language) for a, b in sentence_spans(body)])
        return cls(stems, names, lines)

    def take(self, rows: Sequence[int]) -> ChunkTerms:
        return ChunkTerms(
            [self.stems[r] for r in rows],
            [self.names[r] for r in rows],
            [self.lines[r] for r in rows],
        )

    def save(self, path: Path) -> None:
        vocabulary = sorted({t for terms in (*self.stems, *self.names) for t in terms})
        vocabulary += sorted(
            {t for lines in self.lines for line in lines for t in line}.difference(vocabulary)
        )
        code = {term: i for i, term in enumerate(vocabulary)}
        arrays = {
            "vocabulary": np.array(vocabulary, dtype=str),
            "version": np.array(TERMS_VERSION),
        }
        for kind, lists in (("stems", self.stems), ("names", self.names)):
            arrays[kind] = np.array([code[t] for terms in lists for t in terms], dtype=np.int32)
            lengths = [len(terms) for terms in lists]
            arrays[f"{kind}_offsets"] = np.cumsum([0, *lengths], dtype=np.int64)
        every_line = [line for lines in self.lines for line in lines]
        arrays["lines"] = np.array([code[t] for line in every_line for t in line], dtype=np.int32)
        arrays["lines_offsets"] = np.cumsum([0, *map(len, every_line)], dtype=np.int64)
        arrays["lines_per_text"] = np.cumsum([0, *map(len, self.lines)], dtype=np.int64)
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # keyword arrays are fine

    @classmethod
    def load(cls, path: Path) -> ChunkTerms | None:
        """The terms saved at ``path``; None if there are none, or of another version."""
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as stored:
            if "lines" not in stored or "version" not in stored:
                return None  # saved before lines or versions were kept: stemmed again
            if int(stored["version"]) != TERMS_VERSION:
                return None  # cut otherwise: stemmed again
            vocabulary = stored["vocabulary"].tolist()
            lists = []
            for kind in ("stems", "names", "lines"):
                codes, offsets = stored[kind].tolist(), stored[f"{kind}_offsets"].tolist()
                lists.append([[vocabulary[c] for c in codes[a:b]] for a, b in pairwise(offsets)])
            per_text = stored["lines_per_text"].tolist()
        lines = [lists[2][a:b] for a, b in pairwise(per_text)]
        return cls(lists[0], lists[1], lines)


class LexicalIndex:
    """A BM25 index of chunk texts; each text is stemmed in its own language.

    Built once per index version (:meth:`build`), saved beside the vectors and loaded
    memory-mapped (:meth:`load`): stemming 280,000 passages at each start would take minutes.
    """

    def __init__(
        self,
        bm25: Any,
        size: int,
        languages: Sequence[str],
        vocabulary: set[str],
        names: set[str],
        rare_names: set[str],
        lines: LineIndex | None = None,
    ) -> None:
        self._bm25 = bm25
        self._lines = lines
        self._size = size
        self._languages = list(languages)
        self._vocabulary = vocabulary
        self._names = names
        self._rare_names = rare_names
        self.terms: ChunkTerms | None = None  # those of a build, saved with it

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        languages: Sequence[str],
        known: ChunkTerms | None = None,
        reused: Sequence[int] = (),
        bodies: Sequence[str] | None = None,
    ) -> LexicalIndex:
        """The index of ``texts``; the terms of text ``i`` are taken from ``known`` when
        ``reused[i]`` is a row of it (>= 0) rather than stemmed again. ``bodies``: the part
        of each text whose lines :meth:`line_shares` weighs (default: all of it)."""
        import bm25s

        bodies = bodies or texts
        if known is None or not len(reused):
            terms = ChunkTerms.of(texts, languages, bodies)
        else:
            fresh = [i for i, row in enumerate(reused) if row < 0]
            new = ChunkTerms.of(
                [texts[i] for i in fresh],
                [languages[i] for i in fresh],
                [bodies[i] for i in fresh],
            )
            terms = known.take([max(int(row), 0) for row in reused])
            for i, stems, found, lines in zip(fresh, new.stems, new.names, new.lines, strict=True):
                terms.stems[i], terms.names[i], terms.lines[i] = stems, found, lines
        corpus = terms.stems
        names = {name for found in terms.names for name in found}
        frequency: dict[str, int] = {}
        for stems in corpus:
            for stem in set(stems):
                frequency[stem] = frequency.get(stem, 0) + 1
        bm25 = line_index = None
        if corpus:
            bm25 = bm25s.BM25()
            # bm25s wants at least one token per document.
            bm25.index([stems or ["\x00"] for stems in corpus], show_progress=False)
            line_index = LineIndex.build(terms.lines, bm25.vocab_dict)
        index = cls(
            bm25,
            len(corpus),
            sorted(set(languages)) or ["fr"],
            set(frequency),
            names,
            # A name few passages share says which passage is meant; "Belgique" does not.
            {name for name in names if frequency.get(name, 0) <= _RARE},
            line_index,
        )
        index.terms = terms
        return index

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(folder / "bm25"))
        if self._lines is not None:
            self._lines.save(folder)
        facts = {
            "size": self._size,
            "languages": self._languages,
            "vocabulary": sorted(self._vocabulary),
            "names": sorted(self._names),
            "rare_names": sorted(self._rare_names),
        }
        (folder / _FACTS).write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
        if self.terms is not None:
            self.terms.save(folder / _TERMS)

    @staticmethod
    def saved_terms(folder: Path) -> ChunkTerms | None:
        """The terms of each text of the index saved in ``folder``, if it kept them."""
        return ChunkTerms.load(folder / _TERMS)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """The index saved in ``folder``; its large arrays stay on disk, memory-mapped."""
        import bm25s

        facts = json.loads((folder / _FACTS).read_text(encoding="utf-8"))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True) if facts["size"] else None
        return cls(
            bm25,
            facts["size"],
            facts["languages"],
            set(facts["vocabulary"]),
            set(facts["names"]),
            set(facts["rare_names"]),
            LineIndex.load(folder) if facts["size"] else None,
        )

    def query_stems(self, question: str) -> list[str]:
        """The question's stems in every corpus language that the corpus knows."""
        stems: list[str] = []
        for language in self._languages:
            stems.extend(stem for stem in content_stems(question, language) if stem not in stems)
        return [stem for stem in stems if stem in self._vocabulary]

    def whole_word_stems(self, question: str) -> list[str]:
        """The question's stems in every corpus language that the corpus knows, each long or
        keeping most of its word (:data:`WHOLE_WORD_SHARE`): the Dutch stemmer's "pol" of an
        English "pollen" is no word of a French page's "pôle"."""
        stems: list[str] = []
        for word in words(question):
            length = len(fold(word))
            for language in self._languages:
                for stem in content_stems(word, language):
                    keeps = len(stem) >= min(_LONG_STEM, WHOLE_WORD_SHARE * length)
                    if keeps and stem in self._vocabulary and stem not in stems:
                        stems.append(stem)
        return stems

    def stems_by_language(self, question: str) -> list[list[str]]:
        """The question's content stems, once per corpus language (known or not)."""
        return [content_stems(question, language) for language in self._languages]

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

    def name_stems(self, question: str, everyday: Collection[str] = ()) -> set[str]:
        """The stems of ``question`` that are proper names of the texts ("david", "agoria");
        its words among ``everyday`` (folded) are none, whatever a text capitalised ("Week")."""
        if everyday:
            question = " ".join(w for w in words(question) if fold(w) not in everyday)
        return {
            stem
            for language in self._languages
            for stem in content_stems(question, language)
            if stem in self._names
        }

    def _idf(self, stem: str) -> float:
        """BM25's weight of ``stem``; one no text holds weighs as the rarest."""
        at = self._bm25.vocab_dict.get(stem)
        indptr = self._bm25.scores["indptr"]
        frequency = 0 if at is None else int(indptr[at + 1] - indptr[at])
        return float(np.log(1 + (self._size - frequency + 0.5) / (frequency + 0.5)))

    def _full_weight(self, question: str) -> float:
        """The summed weight of the meaningful words of ``question`` (in the corpus language
        where it is least, so that a word stemmed two ways is not counted twice)."""
        if not self._size or self._bm25 is None:
            return 0.0
        totals = [
            sum(self._idf(stem) for stem in set(content_stems(question, language)))
            for language in self._languages
        ]
        return min(totals, default=0.0)

    def ceiling(self, question: str) -> float:
        """What a passage holding each meaningful word of ``question`` once would score:
        the scale of a full match. Words no passage holds count as the rarest, so a question
        sharing one common word with the texts ("faut porter un casque ?") matches weakly."""
        if self._bm25 is None:
            return 0.0
        return self._full_weight(question) / (1 + self._bm25.k1)

    def line_shares(
        self, question: str, more: str = "", rows: np.ndarray | None = None
    ) -> np.ndarray | None:
        """Per text (of ``rows``, or all), the share of the weight of the question's words
        that its best line holds (1: one line holds them all); the words of ``more`` (its
        synonyms) count too, up to 1. None when no text shares a word with it."""
        full = self._full_weight(question)
        if self._lines is None or self._bm25 is None or full <= 0:
            return None
        vocabulary = self._bm25.vocab_dict
        stems = {*self.query_stems(question), *self.query_stems(more)}
        weights = {vocabulary[s]: self._idf(s) for s in stems if s in vocabulary}
        if not weights:
            return None
        return np.minimum(self._lines.best_lines(weights, rows) / full, 1.0)

    def postings(self, stem: str, limit: int) -> np.ndarray | None:
        """The rows of the texts holding ``stem``; None when more than ``limit`` do (the
        word is common: its rows are not worth reading)."""
        at = None if self._bm25 is None else self._bm25.vocab_dict.get(stem)
        if at is None:
            return np.zeros(0, dtype=np.int64)
        indptr = self._bm25.scores["indptr"]
        start, end = int(indptr[at]), int(indptr[at + 1])
        if end - start > limit:
            return None
        return np.asarray(self._bm25.scores["indices"][start:end], dtype=np.int64)

    def scores(self, question: str) -> np.ndarray:
        """BM25 score of every chunk for ``question`` (zeros when no word is shared)."""
        stems = self.query_stems(question)
        if not stems or not self._size or self._bm25 is None:
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
                if previous and previous[-1] not in ".!?:»" and _names_something(word):
                    names.update(_stems_of_word(word, language))
                previous = word
    return names


def _names_something(word: str) -> bool:
    """True when ``word`` (not opening a sentence) is a name: capitalised, or an acronym
    opening a bracket or a quote ("(FIFO: first in, first out)"). A capitalised word opening
    a bracket mostly opens an aside ("(Manager)", "(Voir plus bas)")."""
    if word[:1].isupper():
        return True
    bare = word.lstrip("([«\"'“‘").rstrip(")]»\"'”’:;,.!?")
    return bare != word and len(bare) >= 2 and bare.isupper()


@lru_cache(maxsize=65_536)
def _stems_of_word(word: str, language: str) -> tuple[str, ...]:
    return tuple(content_stems(word, language))
