"""The scope verdict from its evidence: job mentions, margins, words, the best passage."""

from __future__ import annotations

from dataclasses import replace

from advisor.scope.judge import (
    TOPIC_MARGIN,
    WORD_WEIGHT,
    ScopeEvidence,
    holds_every_word,
    judge_scope,
)


def test_a_passage_holding_every_word_of_the_question() -> None:
    assert holds_every_word("45 ans Âge moyen\n25% Proportion de femmes", "quel âge moyen ?", "fr")
    # A word the passage lacks, or a single word shared, proves nothing.
    assert not holds_every_word("Horaires flexibles", "les horaires de la piscine ?", "fr")
    assert not holds_every_word("Horaires flexibles", "horaires ?", "fr")


def test_the_words_of_questions_out_of_scope_tip_a_close_call() -> None:
    margins = (TOPIC_MARGIN / 2, 0.0)  # a little closer to the other examples
    passage = "Horaires souvent flexibles."
    topical = ScopeEvidence((), passage, margins, names_a_topic=True)
    assert judge_scope(topical).reason is None
    odds = (-TOPIC_MARGIN) / WORD_WEIGHT  # enough to take the margin below the topic's
    late = judge_scope(replace(topical, word_odds=odds))
    assert late.reason == "off_topic"
    # The passage holding every word of the question outweighs its words' odds.
    held = judge_scope(replace(topical, word_odds=odds, passage_holds_its_words=True))
    assert held.reason is None
    # With no topic named, every model must find it closer to job questions, words included.
    closer = ScopeEvidence((), passage, (0.01, 0.02))
    assert judge_scope(closer).reason is None
    assert judge_scope(replace(closer, word_odds=2.0)).reason == "off_topic"
