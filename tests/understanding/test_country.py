"""The country the profiles are about, cut from a question that names a topic."""

from __future__ import annotations

import pytest

from advisor.understanding.country import CountryFileError, CountryNames


@pytest.fixture(scope="module")
def packaged() -> CountryNames:
    return CountryNames.packaged()


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("how much does a head chef make in Belgium?", "how much does a head chef make ?"),
        ("is er veel werk voor koks in België?", "is er veel werk voor koks ?"),
        ("is er veel werk voor koks in belgie?", "is er veel werk voor koks ?"),
        ("combien de cuisiniers en Belgique ?", "combien de cuisiniers ?"),
        ("un diplôme belge ça vaut quoi", "un diplôme ça vaut quoi"),
        ("les salaires à Belgique c comment", "les salaires c comment"),
    ],
)
def test_the_country_and_its_preposition_are_cut(
    packaged: CountryNames, question: str, searched: str
) -> None:
    assert packaged.without(question) == searched


def test_words_that_only_begin_like_the_country_stay(packaged: CountryNames) -> None:
    assert packaged.without("un belgicisme c'est quoi") == "un belgicisme c'est quoi"


def test_a_question_of_nothing_but_the_country_stays_whole(packaged: CountryNames) -> None:
    assert packaged.without("en Belgique ?") == "en Belgique ?"


def test_another_country_is_read_from_its_own_names() -> None:
    france = CountryNames.parse("# France\nFrance\nfrançais\n", "country.txt")
    assert france.names == ("france", "francais")
    assert france.without("combien gagne un chef en France ?") == "combien gagne un chef ?"
    assert france.without("combien gagne un chef en Belgique ?").endswith("en Belgique ?")


def test_no_names_cut_nothing() -> None:
    assert CountryNames(()).without("un chef en Belgique") == "un chef en Belgique"


def test_a_line_that_is_no_name_is_reported_with_its_line() -> None:
    with pytest.raises(CountryFileError, match=r"country.txt, line 2: 'Belg\(ium\)'"):
        CountryNames.parse("belgique\nBelg(ium)\n", "country.txt")
