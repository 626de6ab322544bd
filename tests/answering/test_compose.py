"""The lead: the sentence of a passage that answers, quoted verbatim."""

from __future__ import annotations

from advisor.answering.compose import (
    KNOWN_TITLES_SHOWN,
    abstention,
    clarification,
    lead_span,
    next_questions,
)
from advisor.understanding.synonyms import Synonyms

FIGURES = """3 à 5 ans après le CESS Durée de formation
Très élevé (plus de 90%) Taux d'insertion
45 ans Âge moyen
25% Proportion de femmes"""


def _lead(question: str, topic: str | None = "facts") -> str:
    start, end = lead_span(FIGURES, question, topic, "fr")
    return FIGURES[start:end]


def test_the_lead_is_the_line_sharing_the_question_words() -> None:
    assert _lead("quel est l'âge moyen ?") == "45 ans Âge moyen"


def test_synonyms_find_the_line_in_the_profile_words() -> None:
    question = "y a des meufs dans ce métier ?"
    assert _lead(question) != "25% Proportion de femmes"  # the slang alone shares no word
    with_synonyms = f"{question} {Synonyms.packaged().expand(question)}"
    assert _lead(with_synonyms) == "25% Proportion de femmes"


UPS_AND_DOWNS = """Ce qu'on aime
• Un métier profondément humain et utile.
• Des liens forts avec les résidents.
Ce qui est dur
• La fatigue physique et le mal de dos.
• Les horaires irréguliers."""


def _lead_of(text: str, question: str, topic: str | None) -> str:
    start, end = lead_span(text, question, topic, "fr")
    return text[start:end]


def test_a_label_over_a_list_leads_with_the_lists_first_item() -> None:
    # No line shares a word with the question: the label naming its topic leads, with the
    # item it introduces (the label alone answers nothing).
    lead = _lead_of(UPS_AND_DOWNS, "pk les gens kiffent ce taf ?", "pros")
    assert lead == "Ce qu'on aime\n• Un métier profondément humain et utile."
    assert _lead_of(UPS_AND_DOWNS, "c quoi le plus dur ?", "cons").startswith("Ce qui est dur\n•")
    # A line with the question's own words still comes first.
    assert _lead_of(UPS_AND_DOWNS, "et les horaires ?", "cons") == "• Les horaires irréguliers."


def test_an_abstention_names_the_first_jobs_and_counts_the_rest() -> None:
    titles = [f"Métier fictif {n}" for n in range(KNOWN_TITLES_SHOWN + 25)]
    answer = abstention("fr", titles, "off_topic")
    assert "Métier fictif 9," in answer.text and "Métier fictif 10" not in answer.text
    assert "et 25 autres" in answer.text
    assert "and 25 more" in abstention("en", titles, "off_topic").text


def test_a_clarification_asks_the_question_again_for_each_job() -> None:
    answer = clarification("nl", "Welke studies?", ["Menuisier / Menuisière", "Graphic Designer"])
    assert answer.kind == "clarify" and not answer.abstained and not answer.passages
    assert answer.text.startswith("Over welk beroep")
    assert answer.suggestions == ("Welke studies? — menuisier", "Welke studies? — Graphic Designer")


def test_a_chip_elides_de_before_a_job_starting_with_a_vowel_in_french() -> None:
    after_pay = next_questions("fr", "Électricien", "typical_day", "Advocaat (m/v)", "q")
    assert after_pay[0] == "Quels sont les horaires d'un électricien ?"
    day = next_questions("fr", "Infirmier", "intro", None, "q")[0]
    assert day == "À quoi ressemble une journée d'infirmier ?"
    cook = next_questions("fr", "Cuisinier", "intro", None, "q")[0]
    assert cook.endswith("journée de cuisinier ?")
    # Dutch and English keep their own words.
    assert "van een infirmier" in next_questions("nl", "Infirmier", "intro", None, "q")[0]
