"""The words of questions out of scope, counted in the two kinds of example questions."""

from __future__ import annotations

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
