"""The field's synonyms: a question's words in the other languages and registers."""

from __future__ import annotations

from advisor.understanding.synonyms import Synonyms


def test_slang_and_other_languages_bring_the_profile_words() -> None:
    synonyms = Synonyms.packaged()
    assert "femmes" in synonyms.expand("je suis une meuf, je peux le faire ?").split()
    assert "femmes" in synonyms.expand("Zijn er veel vrouwen?").split()
    # Several words long, accents folded.
    assert "conflits" in synonyms.expand("Y a des embrouilles ?").split()
    assert "multinationale" in synonyms.expand("c'est mieux dans une grosse boîte ?").split()


def test_the_places_of_work_are_named_in_each_language() -> None:
    synonyms = Synonyms.packaged()
    assert "bakkerij" in synonyms.expand("bosser dans une boulangerie c dur ?").split()
    assert "caserne" in synonyms.expand("a normal day at the fire station?")
    # Folded, "fermé" is "ferme": closed, not a farm.
    assert "boerderij" not in synonyms.expand("c'est fermé le dimanche ?").split()
    assert "boerderij" in synonyms.expand("bosser dans les fermes").split()


def test_words_the_question_holds_are_not_repeated_and_unknown_ones_bring_nothing() -> None:
    synonyms = Synonyms.parse("femme, femmes, meuf\n# a comment\nseul\n")
    assert synonyms.groups == (("femme", "femmes", "meuf"),)  # one word is no group
    assert synonyms.expand("une femme ?").split() == ["femmes", "meuf"]
    assert synonyms.expand("c'est bien payé ?") == ""
    # Whole words only: "femmelette" names nothing.
    assert synonyms.expand("femmelette") == ""


def test_the_terms_named_come_with_their_whole_group() -> None:
    synonyms = Synonyms.parse("vacances, conges, vakantie, holidays\npermis, rijbewijs\n")
    named = synonyms.named("Et les Congés, et le permis ?")
    assert named == [
        ("conges", ("vacances", "conges", "vakantie", "holidays")),
        ("permis", ("permis", "rijbewijs")),
    ]
    assert synonyms.named("c'est bien payé ?") == []


def test_every_packaged_group_is_clean() -> None:
    groups = Synonyms.packaged().groups
    assert len(groups) > 40
    seen: dict[str, int] = {}
    for group in groups:
        for term in group:
            assert term == term.strip() and term, group
            seen[term] = seen.get(term, 0) + 1
    # A word in two groups would join two meanings.
    assert [term for term, count in seen.items() if count > 1] == []
