"""Words for matching: lower case, accents folded, stemmed per language, function words known."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = [
    "fold",
    "words",
    "stem_words",
    "content_stems",
    "sentence_spans",
    "STOPWORDS",
    "FOLDED_STOPWORDS",
    "STEMMER_NAMES",
]

STEMMER_NAMES = {"fr": "french", "nl": "dutch", "en": "english"}
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-ÖØ-Ý0-9•])")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)

STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """
        a ai alors as au aux avec avoir bien c ce ces cet cette combien comment d dans de des
        donc du elle elles en est et eux faire fait faut il ils j je l la le les leur leurs lui
        ma mais me mes moi moins mon même ne nos notre nous on ont ou où par pas peut peux plus
        pour pourquoi puis qu quand que quel quelle quelles quels qui quoi sa se ses si son sont
        stp suis sur svp t ta te tes toi ton très tu un une vos votre vous y ya à ça ca être
        """.split()
    ),
    "nl": frozenset(
        """
        aan al als ben bent bij dan dat de den der des deze die dit doen door dus echt een en er
        ge goed heb hebben hebt heeft het hij hoe hoeveel hun ik in is je jij jou jouw kan krijg
        krijgt kun kunnen maar me mee men met mij mijn moet moeten na naar niet nog nu of om ons
        onze ook op over te tot u uit van veel verdien voor waar waarom wanneer want was wat we
        wel welk welke wie wij word wordt zal ze zij zijn zo zou
        """.split()
    ),
    "en": frozenset(
        """
        a about an and any are as at be been but by can could did do does for from get gets had
        has have how i i'm if im in into is it its many me much my need of on or our should so
        some than that the their them then there these they this to us was we were what what's
        whats when where which who why will with would you your
        """.split()
    ),
}
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())


def fold(text: str) -> str:
    """Lower case without accents: "Études" → "etudes"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Every language's function words as folded text gives them ("très" → "tres").
FOLDED_STOPWORDS = frozenset(fold(word) for word in _ALL_STOPWORDS)


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, accents kept, elisions cut ("l'usine" → "usine")."""
    found: list[str] = []
    for token in _WORD.findall(text.casefold().replace("’", "'")):
        found.extend(_word_parts(token))
    return found


@lru_cache(maxsize=65_536)
def _word_parts(token: str) -> tuple[str, ...]:
    # Tokens repeat: cutting each occurrence's elision anew was most of a large build's BM25.
    return tuple(part for part in _ELISION.sub("", token).split("-") if part)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(STEMMER_NAMES.get(language, "french"))


@lru_cache(maxsize=65_536)
def _folded_stem(stem: str) -> str:
    # Stems repeat: folding each occurrence anew was most of an index build's BM25 time.
    return fold(stem)


def stem_words(tokens: list[str], language: str) -> list[str]:
    """Stems of ``tokens`` in ``language``, accents folded after stemming."""
    return [_folded_stem(stem) for stem in _stemmer(language).stemWords(tokens)]


def content_stems(text: str, language: str) -> list[str]:
    """Stems of the words that carry meaning (no function words, no single letters)."""
    kept = [w for w in words(text) if w not in _ALL_STOPWORDS and (len(w) > 1 or w.isdigit())]
    return stem_words(kept, language)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; each line (a list item) ends one."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            spans.append((offset + start, offset + match.start()))
            start = match.end()
        if line[start:].strip():
            spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return [(s, e) for s, e in spans if text[s:e].strip()]
