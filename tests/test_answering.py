"""The lead: the sentence of a passage that answers, quoted verbatim."""

from __future__ import annotations

from advisor.answering import lead_span
from advisor.synonyms import Synonyms

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
