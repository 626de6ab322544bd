"""Which profiles' words a text holds, over the fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path.profile_words import ProfileWords, profile_holds_every_word


def _words(advisor: Advisor) -> ProfileWords:
    path = advisor.answer_path()
    return ProfileWords(path.snapshot, path.vocabulary)


def test_a_word_only_one_profile_holds_points_to_it(many_jobs_advisor: Advisor) -> None:
    words = _words(many_jobs_advisor)
    assert set(words.own_word_profiles("c'est quoi un tachygraphe ?")) == {"chauffeur-poids-lourd"}
    # Words every page holds are no job's own.
    assert words.own_word_profiles("c'est quoi le salaire ?") == {}


def test_an_everyday_word_in_many_passages_of_one_profile_is_its_theme(
    many_jobs_advisor: Advisor,
) -> None:
    words = _words(many_jobs_advisor)
    assert set(words.theme_owners("et pour conduire un camion ?")) == {"chauffeur-poids-lourd"}
    assert words.theme_owners("et pour le salaire ?") == {}


def test_a_profile_holds_every_word_of_a_follow_up_or_not(many_jobs_advisor: Advisor) -> None:
    snapshot = many_jobs_advisor.answer_path().snapshot
    lexical, rows = snapshot.retriever.lexical, snapshot.index.data.columns.profile_id
    assert profile_holds_every_word(lexical, rows, "chauffeur-poids-lourd", "et le tachygraphe ?")
    assert not profile_holds_every_word(lexical, rows, "cuisinier", "et le tachygraphe ?")
