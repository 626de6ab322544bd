"""Which profiles' words a text holds: the words only one profile holds, the names of jobs
a profile speaks of, the field a question asks for.

In: a text (a question, a follow-up, a job's name) and one snapshot's BM25 postings. Out: the
profiles holding its words, with the words (plain dicts of profile id → stems), or whether one
profile holds them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from advisor.answer_path.values import Snapshot, Vocabulary
from advisor.jobs.choice import (
    OWN_WORD_PASSAGES,
    JobChoice,
    JobSource,
    choose_by_field,
    common_words,
    profiles_holding_own_words,
)
from advisor.jobs.names import name_tokens, title_word_keys
from advisor.retrieval.lexical import LexicalIndex
from advisor.text.language import LANGUAGES
from advisor.text.words import FOLDED_STOPWORDS, content_stems, fold, words

__all__ = ["ProfileWords"]

# A word only one profile holds, in this many passages or more, is one of its themes even if
# an everyday word ("camion"): a follow-up naming it switches to that job. One passage may
# name a word in passing: with 1, follow-ups dev 2 fell 57 → 53 of 60 (3 and 6: the same).
_THEME_PASSAGES = 3


@dataclass(frozen=True)
class ProfileWords:
    """The words of one snapshot's profiles, as a question's words find them."""

    snapshot: Snapshot
    vocabulary: Vocabulary

    def own_word_profiles(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` no other profile holds, with the words.
        A word of every page ("weer": again, or the weather) is no job's own however few
        profiles hold it."""
        common = common_words()
        return self._profiles_owning(" ".join(w for w in words(text) if fold(w) not in common))

    def synonym_owners(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles alone holding a word of a group of ``data/synonyms.txt`` that ``text``
        names, in any language: "at the fire station" is the French firefighter's, whose page
        says "caserne"."""
        owners: dict[str, tuple[str, ...]] = {}
        for term, group in self.vocabulary.synonyms.named(text):
            holders: set[str] = set()
            for member in group:
                held = self._holders(member)
                if held is None:
                    break
                holders |= held
            else:
                if len(holders) == 1:
                    profile = holders.pop()
                    owners[profile] = (*owners.get(profile, ()), term)
        return owners

    def _holders(self, name: str) -> set[str] | None:
        """The profiles holding every word of ``name`` in one corpus language; None when a
        word of it is in too many passages to be anyone's."""
        lexical = self.snapshot.retriever.lexical
        profile_of_row = self.snapshot.index.data.columns.profile_id
        holders: set[str] = set()
        for stems in lexical.stems_by_language(name):
            held: set[str] | None = None
            for stem in stems:
                rows = lexical.postings(stem, OWN_WORD_PASSAGES)
                if rows is None:
                    return None
                found = {str(p) for p in np.unique(profile_of_row[rows])}
                held = found if held is None else held & found
            holders |= held or set()
        return holders

    def naming_a_name(
        self, own: dict[str, tuple[str, ...]], text: str
    ) -> dict[str, tuple[str, ...]]:
        """Of several profiles holding words of ``text`` no other holds, the one whose words
        hold a proper name of the texts, when only one does: "c quoi le FIFO quand on remplit
        les rayons" is the Dutch shop assistant's "FIFO", not the French truck driver's
        "rayon" (in another sense)."""
        if len(own) < 2:
            return own
        names = self.snapshot.retriever.lexical.name_stems(text)
        naming = {profile: stems for profile, stems in own.items() if names & set(stems)}
        return naming if len(naming) == 1 else own

    def theme_owners(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` in several passages, no other profile
        holding it: "camion", an everyday word, is one of the truck driver's themes."""
        lexical = self.snapshot.retriever.lexical
        themes = {
            profile: tuple(s for s in stems if _passages_holding(lexical, s) >= _THEME_PASSAGES)
            for profile, stems in self._profiles_owning(text).items()
        }
        return {profile: stems for profile, stems in themes.items() if stems}

    def _profiles_owning(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` that no other profile holds (see
        :func:`advisor.jobs.choice.profiles_holding_own_words`)."""
        snap = self.snapshot
        lexical = snap.retriever.lexical
        return profiles_holding_own_words(
            lexical.whole_word_stems(text),
            lambda stem: lexical.postings(stem, OWN_WORD_PASSAGES),
            snap.index.data.columns.profile_id,
            self.vocabulary.generic_words,
        )

    def profiles_naming(self, names: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The profiles whose passages name these jobs without a profile of their own, with
        the names: "un chef d'atelier dans un garage il touche combien" is the mechanic's
        when only the mechanic's profile speaks of the "chef d'atelier"."""
        lexical = self.snapshot.retriever.lexical
        named: dict[str, list[str]] = {}
        for name in names:
            found = [
                lexical.postings(stem, OWN_WORD_PASSAGES) for stem in lexical.query_stems(name)
            ]
            rows = min((r for r in found if r is not None), key=len, default=None)
            for profile in self._profiles_saying(name, rows if rows is not None else ()):
                named.setdefault(profile, []).append(name)
        return {profile: tuple(found_names) for profile, found_names in named.items()}

    def _profiles_saying(self, name: str, rows: Iterable[int]) -> set[str]:
        """The profiles of ``rows`` whose text holds ``name`` (a mention's words)."""
        chunks = self.snapshot.index.chunks
        wanted = f" {name} "
        return {
            chunks[int(row)].profile_id
            for row in rows
            if wanted in " " + " ".join(name_tokens(chunks[int(row)].text)) + " "
        }

    def speaks_of(self, profile_id: str, other: str) -> bool:
        """True when a passage of ``profile_id`` names the job of profile ``other``, under any
        of its names ("infirmier(ère)" on the nursing aide's page)."""
        snap = self.snapshot
        rows = np.flatnonzero(snap.index.data.columns.profile_id == profile_id)
        chunks = [snap.retriever.chunks[int(row)] for row in rows]
        return any(
            mention.profile_id == other
            for chunk in chunks
            for mention in snap.lexicon.find(chunk.text, chunk.language)
        )

    def choose_by_title_word(self, text: str) -> JobChoice | None:
        """The one profile whose title holds a word of ``text`` (see :meth:`title_word_owner`),
        when the job is otherwise unclear. None when no profile's title, or several, hold one."""
        owner = self.title_word_owner(text)
        return None if owner is None else JobChoice(tuple(owner), JobSource.WORDS)

    def title_word_owner(self, text: str) -> dict[str, tuple[str, ...]] | None:
        """The one profile whose title holds words of ``text`` (not a word any job's title may
        hold: "responsable", "assistant"), with those words: "le test physique de la police c
        chaud ?" is the "Police Officer / Inspector"'s, though "la police" names no job. None
        when no profile's title, or several, hold one. Words of a title's family count
        ("architecture"), and short forms ("archi"; see :meth:`_title_relatives`); with none
        of them, the same words in the other languages ("bosser dans un entrepôt" and the
        Dutch "Magazijnier": ``data/synonyms.txt`` puts "magazijn" beside "entrepôt")."""
        holding = self._holding_title_words(text, as_typed=True)
        if not holding:
            expanded = self.vocabulary.synonyms.expand(text)
            holding = self._holding_title_words(expanded, as_typed=False)
        if len(holding) != 1:
            return None
        return {profile: tuple(words) for profile, words in holding.items()}

    def _holding_title_words(self, text: str, as_typed: bool) -> dict[str, list[str]]:
        """The profiles whose titles hold words of ``text`` or their relatives. Of words not
        ``as_typed`` by the student (the synonyms of theirs), only the family: the synonyms
        name no job, and one that is a title's word is so by chance (the studies' "master" is
        also an "engineer")."""
        by_word = self.snapshot.title_words.profiles_by_word
        holding: dict[str, list[str]] = {}
        for word in title_word_keys(text):
            relatives = self._title_relatives(word, as_typed)
            if not as_typed:
                relatives = [relative for relative in relatives if relative != word]
            for relative in relatives:
                for profile in by_word[relative]:
                    held = holding.setdefault(profile, [])
                    if word not in held:
                        held.append(word)
        return holding

    def _title_relatives(self, word: str, as_typed: bool) -> list[str]:
        """The title words ``word`` stands for (see :meth:`TitleWords.relatives`): a word
        any job's question uses ("formation", not the "Formateur"'s) is only itself, and a
        word the profiles use ("info", "cons") no short form."""
        title_words = self.snapshot.title_words
        if word in title_words.profiles_by_word:
            return [word]
        generic = self.vocabulary.generic_words
        if any(stem in generic for lang in LANGUAGES for stem in content_stems(word, lang)):
            return []
        may_be_short = as_typed and not self.snapshot.speller.knows(word)
        return title_words.relatives(word, may_be_short)

    def choose_by_field(self, text: str) -> JobChoice | None:
        """The one profile offering the field a question on a topic asks about ("le graduat
        en programmation c plus court ?", "les écoles pour la mécanique auto"), by the words
        of the interest file; None when no profile stands out. A question asking for a field
        with no topic ("bosser avec des animaux ?") explores instead. Only in an index the
        fusion scores whole (a large one would count the field's words in every passage)."""
        snap = self.snapshot
        facets = self.vocabulary.interests.asked(text)
        if not facets or snap.retriever.graphs:
            return None
        rows = np.arange(len(snap.retriever.chunks))
        return choose_by_field(snap.interests.profile_evidence(rows, facets))

    def holds_every_word(self, profile_id: str, message: str) -> bool:
        """True when ``profile_id``'s passages hold every meaningful word of ``message``, in
        one of the corpus languages (a word of many passages counts as held: every page has
        it)."""
        lexical = self.snapshot.retriever.lexical
        for stems in lexical.stems_by_language(message):
            if stems and all(self._holds(profile_id, stem) for stem in stems):
                return True
        return False

    def holds_field_words(self, profile_id: str, message: str) -> bool:
        """True when ``message`` names words of the field (``data/synonyms.txt``), the profile
        holds each of them or a synonym in any language ("vacances", a Dutch profile's
        "vakanties"), and its other words are everyday words or the profile's too ("et le
        permis de pêche ?" names a "pêche" no driver's profile holds)."""
        named = self.vocabulary.synonyms.named(message)
        if not named:
            return False
        rest = fold(message)
        for term, group in named:
            if not any(self.holds_every_word(profile_id, word) for word in group):
                return False
            rest = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", rest)
        common = common_words()
        return all(
            word in common or self.holds_every_word(profile_id, word)
            for word in words(rest)
            if word not in FOLDED_STOPWORDS and (len(word) > 1 or word.isdigit())
        )

    def _holds(self, profile_id: str, stem: str) -> bool:
        lexical = self.snapshot.retriever.lexical
        rows = lexical.postings(stem, OWN_WORD_PASSAGES)
        if rows is None:
            return True
        profile_of_row = self.snapshot.index.data.columns.profile_id
        return bool(len(rows)) and bool((profile_of_row[rows] == profile_id).any())


def _passages_holding(lexical: LexicalIndex, stem: str) -> int:
    """How many passages hold ``stem`` (:data:`OWN_WORD_PASSAGES` for more)."""
    rows = lexical.postings(stem, OWN_WORD_PASSAGES)
    return OWN_WORD_PASSAGES if rows is None else len(rows)
