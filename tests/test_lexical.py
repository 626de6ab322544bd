"""BM25 over stemmed words, and the scale of a full match."""

from __future__ import annotations

from advisor.lexical import LexicalIndex

TEXTS = [
    "Le salaire brut d'un débutant est de 3 200 euros par mois.",
    "Les horaires sont de jour, parfois le week-end.",
    "Il faut porter des chaussures de sécurité dans l'atelier.",
    "Le diplôme de bachelier en production suffit pour débuter.",
]


def test_scores_rank_the_passage_sharing_the_words() -> None:
    index = LexicalIndex.build(TEXTS, ["fr"] * len(TEXTS))
    scores = index.scores("quel salaire pour un débutant ?")
    assert scores.argmax() == 0
    assert scores[1] == 0


def test_a_full_match_reaches_the_ceiling_a_lone_common_word_does_not() -> None:
    index = LexicalIndex.build(TEXTS, ["fr"] * len(TEXTS))
    full = "salaire brut débutant"
    assert index.scores(full).max() >= 0.8 * index.ceiling(full)
    # One word of the texts among words none holds: a weak match, whatever BM25's maximum.
    lone = "faut porter un casque antibruit orange ?"
    assert 0 < index.scores(lone).max() < 0.5 * index.ceiling(lone)


def test_the_ceiling_of_an_empty_index_is_zero() -> None:
    assert LexicalIndex.build([], []).ceiling("salaire") == 0.0
