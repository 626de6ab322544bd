"""The general words, held compactly, answer membership as a set of them would."""

from __future__ import annotations

from advisor.jobs.title_words import TitleWords
from advisor.understanding.spelling import Speller, WordList, general_words


def test_a_word_list_holds_exactly_its_words() -> None:
    words = ["salaire", "études", "zorg", "équipe", "a", "ab", "abc", "zzz", "ça"]
    listed = WordList(words)
    assert len(listed) == len(set(words))
    for word in words:
        assert word in listed
    for other in ("", "salair", "salaires", "Salaire", "etudes", "b", "zzzz", "çb"):
        assert other not in listed
    assert 3 not in listed
    assert "x" not in WordList([])


def test_the_general_words_are_those_of_the_three_languages() -> None:
    words = general_words()
    assert len(words) > 300_000
    for word in ("apprendre", "speaking", "werken", "salaire"):
        assert word in words
    assert "slaire" not in words and "voordellen" not in words


def test_a_short_form_of_a_titles_word_is_kept_as_typed() -> None:
    # "archi" had become "archicad", a word of the (fictitious) architect's page.
    known = ["archicad", "architecte", "salaire"]
    assert Speller(known).correct("un archi") == "un archicad"
    words = TitleWords.of({"architect": "Architecte"})
    speller = Speller(known, words.is_short_form)
    assert speller.correct("un archi, son slaire") == "un archi, son salaire"
