"""The words of questions out of scope, counted in the two kinds of example questions."""

from __future__ import annotations

import math

import pytest

from advisor.scope.words import ScopeWords
from advisor.understanding.examples import ExampleQuestions

EXAMPLES = """
[in]
quelles études pour ce métier ?
les horaires sont durs ?
on utilise quel logiciel ?
[salary]
combien on gagne par mois ?
[out]
les horaires de la piscine ?
quel logiciel pour faire de la musique ?
la piscine est ouverte le dimanche ?
"""


def test_words_of_questions_out_of_scope_raise_the_odds() -> None:
    words = ScopeWords.learn(ExampleQuestions.parse(EXAMPLES))
    assert words.inside_count == 4 and words.outside_count == 3
    # "piscine" only comes up out of scope; "études" and "gagne" only about a job.
    assert words.out_of_scope_odds("la piscine ferme à quelle heure ?") > 1
    assert words.out_of_scope_odds("il faut quelles études ?") < 0
    assert words.out_of_scope_odds("on gagne combien ?") < 0
    # A word in both kinds of questions says little; a word of neither says nothing.
    both = words.out_of_scope_odds("horaires")
    assert abs(both) < words.out_of_scope_odds("piscine")
    assert words.out_of_scope_odds("zebulon xyzzy") == 0.0


def test_accents_and_languages_do_not_hide_a_word() -> None:
    words = ScopeWords.learn(ExampleQuestions.parse(EXAMPLES))
    assert words.out_of_scope_odds("etudes") == words.out_of_scope_odds("études")
    assert words.out_of_scope_odds("PISCINE") == words.out_of_scope_odds("piscine")


def test_a_word_counts_once_whatever_its_stems_in_three_languages() -> None:
    words = ScopeWords.learn(ExampleQuestions.parse(EXAMPLES))
    # "piscine": stem "piscin" in French and English, "piscine" in Dutch, in two of the three
    # questions out of scope and none of the four about a job: one word's odds, not two.
    one_word = math.log((2 + 1) / (3 + 2)) - math.log((0 + 1) / (4 + 2))
    assert words.out_of_scope_odds("piscine") == pytest.approx(one_word)
    # The same word twice counts once; two words, twice.
    assert words.out_of_scope_odds("piscine piscine") == pytest.approx(one_word)
    assert words.out_of_scope_odds("piscine musique") > one_word
