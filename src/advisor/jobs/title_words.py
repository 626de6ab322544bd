"""The words of the profiles' titles, and the words of a question that stand for them: a
student's short form of one ("archi" for "Architecte") or a word of its family
("architecture", "menuiserie" for "Menuisier").

In: the profiles' titles (profile id → title), then a question's word (folded). Out: the title
words it stands for, the one profile a short form names.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from os.path import commonprefix

from advisor.jobs.names import profiles_by_title_word, title_word_keys

__all__ = ["TitleWords", "FAMILY_STEM", "SHORT_FORM_CUT", "SHORT_FORM_LENGTH"]

# A student's short form of a title's word is its first letters, this many at least ("archi"
# for "architecte", "compta" for "comptable"), the word this many letters longer at least (a
# word one or two letters short is a typo the speller mends: "menuisie").
SHORT_FORM_LENGTH = 4
SHORT_FORM_CUT = 3
# A word of a title's word's family ("architecture" and "Architecte", "menuiserie" and
# "Menuisier", "physiotherapy" and "Physiotherapist") shares this many first letters with it
# at least, each word going on by at most these many more: "formation" and "Formateur" share
# six and are one family too, so a word any job's question uses is left out by the caller.
FAMILY_STEM = 6
_FAMILY_TITLE_TAIL = 4
_FAMILY_WORD_TAIL = 5


@dataclass(frozen=True)
class TitleWords:
    """The words of the profiles' names (see
    :func:`~advisor.jobs.names.profiles_by_title_word`) and the profiles holding each, sorted
    to find a question's word's relatives: itself, the title's words it is a short form of,
    the title's words of its family."""

    profiles_by_word: Mapping[str, frozenset[str]]
    sorted_words: tuple[str, ...]
    # Their first letters, as short as a short form may be: most words of a text begin
    # otherwise, and are ruled out at once (the lexicon reads whole passages: 10 times slower
    # without).
    starts: frozenset[str]

    @classmethod
    def of(cls, titles: Mapping[str, str]) -> TitleWords:
        """The title words of ``titles`` (profile id → title)."""
        by_word = profiles_by_title_word(titles)
        starts = frozenset(word[:SHORT_FORM_LENGTH] for word in by_word)
        return cls(by_word, tuple(sorted(by_word)), starts)

    def relatives(self, word: str, may_be_short: bool) -> list[str]:
        """The title's words ``word`` (a key of
        :func:`~advisor.jobs.names.title_word_keys`) stands for: itself if a title holds it;
        else those of its family or whose field it names ("plumbing"), and, when
        ``may_be_short`` (a word no profile uses), those it is a short form of."""
        if word in self.profiles_by_word:
            return [word]
        found = self._lengthening(word) if may_be_short else []
        if len(word) >= FAMILY_STEM:
            found += [t for t in self._starting(word[:FAMILY_STEM]) if _one_family(word, t)]
        found += [form for form in _worker_forms(word) if form in self.profiles_by_word]
        return list(dict.fromkeys(found))

    def is_short_form(self, word: str) -> bool:
        """True when ``word`` (folded, maybe plural) is the first letters of a title's word,
        a word cut short as students cut it ("archi", "archis"): not a typo to mend."""
        return any(self._lengthening(form) for form in (word, *title_word_keys(word)))

    def _lengthening(self, word: str) -> list[str]:
        """The title's words ``word`` is a short form of."""
        if len(word) < SHORT_FORM_LENGTH or word[:SHORT_FORM_LENGTH] not in self.starts:
            return []
        return [t for t in self._starting(word) if len(t) - len(word) >= SHORT_FORM_CUT]

    def short_form_owner(self, word: str) -> str | None:
        """The one profile whose title's words ``word`` (folded, maybe plural: "archis") is a
        short form of; None when none or several are."""
        owners = {
            profile
            for form in (word, *title_word_keys(word))
            for title_word in self._lengthening(form)
            for profile in self.profiles_by_word[title_word]
        }
        return owners.pop() if len(owners) == 1 else None

    def _starting(self, prefix: str) -> list[str]:
        words = self.sorted_words
        at = bisect_left(words, prefix)
        found = []
        while at < len(words) and words[at].startswith(prefix):
            found.append(words[at])
            at += 1
        return found


# The field and its worker, where they share fewer letters than a family: "plumbing" and
# "Plumber", "nursing" and "Nurse", "plomberie" and "Plombier", "coiffure" and "Coiffeur".
_FIELD_ENDINGS = (("ing", ("er", "e", "")), ("erie", ("ier", "er")), ("ure", ("eur",)))
_FIELD_STEM = 3  # "baking": "bak" + "er"


def _worker_forms(word: str) -> list[str]:
    """The names of the worker of the field ``word`` may name, by its ending."""
    forms = []
    for ending, workers in _FIELD_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= _FIELD_STEM:
            stems = [stem, stem[:-1]] if stem[-1] == stem[-2] else [stem]  # "shipping"
            forms += [base + worker for base in stems for worker in workers]
    return forms


def _one_family(word: str, title_word: str) -> bool:
    shared = len(commonprefix([word, title_word]))
    return (
        shared >= FAMILY_STEM
        and len(title_word) - shared <= _FAMILY_TITLE_TAIL
        and len(word) - shared <= _FAMILY_WORD_TAIL
    )
