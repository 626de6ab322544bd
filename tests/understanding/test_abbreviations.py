"""Chat abbreviations spelled out before the question is read."""

from __future__ import annotations

from pathlib import Path

import pytest

import advisor
from advisor.text.topics import topics_of_question
from advisor.understanding.abbreviations import Abbreviations


@pytest.fixture(scope="module")
def packaged() -> Abbreviations:
    return Abbreviations.packaged()


@pytest.mark.parametrize(
    ("typed", "language", "spelled"),
    [
        ("pk qqn ferait ça ?", "fr", "pourquoi quelqu'un ferait ça ?"),
        ("c combien ?", "fr", "c'est combien ?"),
        ("on peut etudier ou a bxl ?", "fr", "on peut etudier ou a bruxelles ?"),
        ("un resp de prod ça bosse où ?", "fr", "un responsable de prod ça bosse où ?"),
        ("jsuis nul en maths mdr ça passe ?", "fr", "je suis nul en maths ça passe ?"),
        ("wrm is da zo?", "nl", "waarom is dat zo?"),
        ("idk whats the pay", "en", "I don't know what is the pay"),
        # Slang the speller took for other words ("medocs": "mecs", "daron": "drone").
        ("ma daronne donne des medocs", "fr", "ma mère donne des médicaments"),
        ("ik ben kotstudent", "nl", "ik ben student op kot"),
        ("bosser dans un resto a 16 ans ?", "fr", "bosser dans un restaurant a 16 ans ?"),
        # After an elided article: "l'unif" is "l'université".
        ("ca vaut la peine l'unif ?", "fr", "ca vaut la peine l'université ?"),
        # "je" glued to a verb of what the student likes: the exploration's "je kiffe".
        ("ce que jkiffe c cuisiner", "fr", "ce que je kiffe c'est cuisiner"),
    ],
)
def test_abbreviations_are_spelled_out(
    packaged: Abbreviations, typed: str, language: str, spelled: str
) -> None:
    assert packaged.spell_out(typed, language) == spelled


def test_words_and_other_languages_abbreviations_stay(packaged: Abbreviations) -> None:
    # "c'est" holds no "c"; "u" is Dutch for "you" and only English spells it out.
    assert packaged.spell_out("c'est quoi ?", "fr") == "c'est quoi ?"
    assert packaged.spell_out("Moet u dat doen?", "nl") == "Moet u dat doen?"
    assert packaged.spell_out("can u do it", "en") == "can you do it"


def test_a_capital_letter_after_a_word_is_a_letter(packaged: Abbreviations) -> None:
    assert packaged.spell_out("la diff entre permis C et CE ?", "fr") == (
        "la diff entre permis C et CE ?"
    )
    assert packaged.spell_out("C bien payé ?", "fr") == "c'est bien payé ?"
    assert packaged.spell_out("le permis C c cher ?", "fr") == "le permis C c'est cher ?"


def test_a_malformed_line_names_its_number() -> None:
    with pytest.raises(ValueError, match="line 3"):
        Abbreviations.parse("[fr]\npk = pourquoi\nnot an abbreviation\n")


@pytest.mark.parametrize(
    ("typed", "language", "topic"),
    [
        # Spelled out, the words name what they ask about; typed, they named nothing.
        ("ca vaut la peine l'unif ?", "fr", "studies"),
        ("how many hrs a wknd", "en", "conditions"),
    ],
)
def test_spelled_out_words_name_their_topic(
    packaged: Abbreviations, typed: str, language: str, topic: str
) -> None:
    assert topic not in topics_of_question(typed)
    assert topic in topics_of_question(packaged.spell_out(typed, language))


def test_no_abbreviation_is_listed_twice_in_a_language() -> None:
    text = (Path(advisor.__file__).parent / "data" / "abbreviations.txt").read_text("utf-8")
    section, seen = "", set()
    for line in text.splitlines():
        if line.startswith("["):
            section = line
        elif "=" in line and not line.startswith("#"):
            key = (section, line.split("=")[0].strip())
            assert key not in seen, key
            seen.add(key)
