"""Typos: a word that is neither a French, Dutch or English word nor one of the profiles is
replaced by the closest word of the profiles or example questions ("slaire" → "salaire",
"voordellen" → "voordelen"), before topics and BM25 look at it. A real word the profiles do not
use ("apprendre", "speaking") is never "corrected": pyspellchecker's word lists say it is one."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache

from advisor.serving.runtime import release_freed_memory
from advisor.text.words import FOLDED_STOPWORDS, fold

__all__ = ["Speller", "WordList", "general_words"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_LENGTH = 4  # shorter words are too often right as they are
_MIN_SIMILARITY = 75  # rapidfuzz ratio, 0-100
_CANDIDATES = 5
_LENGTH_PENALTY = 5  # ratio points per letter of length difference
_COMPOUND_PART = 4  # the shortest word read as a part of a compound ("werk", "uren")
_COMPOUND_LENGTH = 11  # the shortest compound ("arbeidsuren"); shorter: typos ("voordellen")
_GENERAL_WORDS_PER_LANGUAGE = 150_000  # the most frequent; rarer words are not students'


def _sound(folded: str) -> str:
    """``folded`` as it sounds, where spellings differ: "ph" is "f"."""
    return folded.replace("ph", "f")


class WordList:
    """A set of words held as one sorted bytes object and where each word starts.

    The 420,000 general words as a frozenset of str took 41 MB in every worker; so, 6 MB.
    Membership is a binary search (about 20 slices), asked only of the few words of a question
    that the profiles do not use."""

    def __init__(self, words: Iterable[str]) -> None:
        encoded = sorted({word.encode("utf-8") for word in words})
        self._blob = b"".join(encoded)
        self._starts = array("Q", [0])
        for word in encoded:
            self._starts.append(self._starts[-1] + len(word))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index: int) -> bytes:
        return self._blob[self._starts[index] : self._starts[index + 1]]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = word.encode("utf-8")
        at = bisect_left(self, key)  # a sequence of bytes: bisect needs no more
        return at < len(self) and self[at] == key


@lru_cache(maxsize=1)
def general_words() -> WordList:
    """Common words of French, Dutch and English, folded (loaded once per process): students
    often leave accents out, and "controler" is as right as "contrôler"."""
    from spellchecker import SpellChecker

    words: set[str] = set()
    for language in ("fr", "nl", "en"):
        counts = SpellChecker(language=language, distance=1).word_frequency.dictionary
        common = sorted(counts, key=counts.__getitem__, reverse=True)
        words.update(fold(word) for word in common[:_GENERAL_WORDS_PER_LANGUAGE])
    kept = WordList(words)
    del words, counts, common
    release_freed_memory()
    return kept


class Speller:
    """Corrects words against a vocabulary (the profiles' words and the example questions')."""

    def __init__(
        self, vocabulary: Iterable[str], is_short_form: Callable[[str], bool] = lambda _: False
    ) -> None:
        """``vocabulary``: folded words, as :meth:`words_of` gives them; ``is_short_form``
        tells a word cut short as students cut a job's name ("archi"), kept as typed."""
        vocabulary = set(vocabulary)
        self._known = frozenset(vocabulary)
        self._is_short_form = is_short_form
        # A typo seldom touches the first letter: candidates share it ("salère" is "salaire",
        # not "galère").
        # Words are compared as they sound where spellings differ only in letters ("grafiste"
        # is "graphiste", not "garagiste"); each list holds them so, beside the words.
        self._choices: dict[str, tuple[list[str], list[str]]] = {}
        for word in sorted(vocabulary):
            if len(word) >= _MIN_LENGTH:
                sound = _sound(word)
                sounds, words = self._choices.setdefault(sound[0], ([], []))
                sounds.append(sound)
                words.append(word)

    @staticmethod
    def words_of(texts: Iterable[str]) -> set[str]:
        """The folded words of ``texts``."""
        # Each distinct word folded once: folding every occurrence took minutes on the
        # 250,000 passages of 10,000 profiles.
        return {fold(w) for w in {w for text in texts for w in _WORD.findall(text)}}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        return cls(cls.words_of(texts))

    def knows(self, folded: str) -> bool:
        """True when ``folded`` is a word of the profiles or the example questions."""
        return folded in self._known

    def correct_word(self, word: str) -> str:
        """The closest known word to ``word`` (folded), or ``word`` itself."""
        from rapidfuzz import fuzz, process

        folded = fold(word)
        if (
            len(folded) < _MIN_LENGTH
            or folded in self._known
            or folded in FOLDED_STOPWORDS
            or folded in general_words()
        ):
            return word
        if self._is_short_form(folded):
            return word  # "archi" had become "archicad", a word of the architect's page
        if self._elided(folded):
            return f"{word[0]}'{word[1:]}"
        if self._compound(folded):
            return word
        sound = _sound(folded)
        sounds, known = self._choices.get(sound[0], ([], []))
        matches = process.extract(
            sound, sounds, scorer=fuzz.ratio, score_cutoff=_MIN_SIMILARITY, limit=_CANDIDATES
        )
        if not matches:
            return word
        # The ratio favours short words ("salère" is 80% "sale", 77% "salaire"); a typo seldom
        # changes a word's length by much.
        best = max(matches, key=lambda m: m[1] - _LENGTH_PENALTY * abs(len(m[0]) - len(sound)))
        return known[best[2]]

    def _compound(self, folded: str) -> bool:
        """ "productielijnen", "werkschoenen": two known words glued, as Dutch writes them
        (with a linking "s" or "e" between: "arbeidsuren"), not a typo to correct
        ("productielijnen" had become a job's name, "productieleider")."""
        if len(folded) < _COMPOUND_LENGTH:
            return False  # "formaton" is no "form" + "aton", but "formation" mistyped
        for cut in range(_COMPOUND_PART, len(folded) - _COMPOUND_PART + 1):
            head, tail = folded[:cut], folded[cut:]
            if not self._is_word(tail):
                continue
            if self._is_word(head) or (head[-1] in "se" and self._is_word(head[:-1])):
                return True
        return False

    def _is_word(self, folded: str) -> bool:
        return len(folded) >= _COMPOUND_PART and (
            folded in self._known or folded in general_words()
        )

    def _elided(self, folded: str) -> bool:
        """ "jouvre", "jpeux": French "je" elided and glued on as students type it, before a
        known word ("j'ouvre"), not a typo to correct ("jouvre" had become "journée")."""
        rest = folded[1:]
        return (
            folded[0] == "j"
            and len(rest) >= _MIN_LENGTH - 1
            and (rest in self._known or rest in general_words())
        )

    def correct(self, text: str) -> str:
        """``text`` with its unknown words corrected; known words stay as written."""
        return _WORD.sub(lambda m: self.correct_word(m.group()), text)
