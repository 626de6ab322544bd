"""Which profiles' words a text holds, over the fictitious profiles of many jobs."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path.profile_words import ProfileWords


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
    words = _words(many_jobs_advisor)
    assert words.holds_every_word("chauffeur-poids-lourd", "et le tachygraphe ?")
    assert not words.holds_every_word("cuisinier", "et le tachygraphe ?")


def test_words_of_the_field_count_in_the_profiles_language(many_jobs_advisor: Advisor) -> None:
    # "vacances", the Dutch farmer's "vakantie" (data/synonyms.txt); "pêche" no
    # driver's profile holds.
    words = _words(many_jobs_advisor)
    assert words.holds_field_words("landbouwer", "et les vacances ?")
    assert not words.holds_field_words("chauffeur-poids-lourd", "et le permis de pêche ?")


def test_a_word_of_one_profiles_title_points_to_it(many_jobs_advisor: Advisor) -> None:
    # Asked when the job is otherwise unclear: "la police" names no job, but a title holds it.
    words = _words(many_jobs_advisor)
    production = words.choose_by_title_word("la production, ça recrute en ce moment ?")
    assert production is not None and production.profile_ids == ("responsable-de-production",)
    heavy = words.choose_by_title_word("les poids lourds ça consomme combien ?")
    assert heavy is not None and heavy.profile_ids == ("chauffeur-poids-lourd",)
    # A word naming no job alone ("Responsable de production (Manager)"), or two titles' words.
    assert words.choose_by_title_word("c'est quoi le job de manager ?") is None
    assert words.choose_by_title_word("les poids lourds ou la production ?") is None


def test_a_word_of_one_profiles_title_is_its_own_word(many_jobs_advisor: Advisor) -> None:
    # Read before the best passages choose: the title's profile, with the words it holds.
    words = _words(many_jobs_advisor)
    owner = words.title_word_owner("y a des femmes dans les poids lourds ?")
    assert owner is not None and set(owner) == {"chauffeur-poids-lourd"}
    assert owner["chauffeur-poids-lourd"]
    answer = many_jobs_advisor.ask("y a des femmes dans les poids lourds ?")
    assert answer.passages and answer.passages[0].chunk.profile_id == "chauffeur-poids-lourd"


def test_a_word_of_a_titles_family_points_to_its_profile(many_jobs_advisor: Advisor) -> None:
    # "cuisine" is the "Cuisinier"'s family; "formation" is of no title's family (and a word
    # of any job's questions: see tests/jobs/test_names.py for a "Formateur").
    words = _words(many_jobs_advisor)
    owner = words.title_word_owner("la cuisine, ça recrute en ce moment ?")
    assert owner is not None and set(owner) == {"cuisinier"}
    assert words.title_word_owner("la formation dure combien de temps ?") is None


def test_a_short_form_of_a_title_names_its_job(many_jobs_advisor: Advisor) -> None:
    # "elec", as French students cut "électricien": the English Electrician's page.
    answer = many_jobs_advisor.ask("un elec ça gagne combien ?")
    assert answer.profile_id == "electrician"
    assert answer.passages and answer.passages[0].chunk.profile_id == "electrician"


def test_a_titles_word_in_another_language_points_to_its_profile(
    many_jobs_advisor: Advisor,
) -> None:
    # "agricole" is "landbouw" in Dutch (data/synonyms.txt), the "Landbouwer"'s family.
    words = _words(many_jobs_advisor)
    owner = words.title_word_owner("le secteur agricole, ça recrute ?")
    assert owner is not None and set(owner) == {"landbouwer"}
