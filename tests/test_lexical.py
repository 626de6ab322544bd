"""BM25 over stemmed words: the scale of a full match, and terms kept with a version (a build
reusing them gives the index a build from scratch gives)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from advisor.lexical import ChunkTerms, LexicalIndex

TEXTS = [
    "Le salaire d'un technicien débutant chez Agoria.",
    "Les horaires sont flexibles ; le travail en équipe est fréquent.",
    "De loonkansen voor een technicus bij Indumation zijn goed.",
    "Training on the job with David, the maintenance manager.",
]
LANGUAGES = ["fr", "fr", "nl", "en"]


def test_terms_survive_saving(tmp_path: Path) -> None:
    terms = ChunkTerms.of(TEXTS, LANGUAGES)
    assert any(terms.names) and all(terms.stems)
    terms.save(tmp_path / "terms.npz")
    again = ChunkTerms.load(tmp_path / "terms.npz")
    assert again is not None
    assert again.stems == terms.stems and again.names == terms.names
    assert ChunkTerms.load(tmp_path / "missing.npz") is None


def test_an_index_reusing_terms_equals_one_built_from_scratch(tmp_path: Path) -> None:
    old = LexicalIndex.build(TEXTS[:3], LANGUAGES[:3])
    old.save(tmp_path / "old")
    known = LexicalIndex.saved_terms(tmp_path / "old")
    assert known is not None
    # Text 0 is gone, 1 and 2 are kept (old rows 1 and 2), text 3 is new.
    texts, languages = TEXTS[1:], LANGUAGES[1:]
    reused = LexicalIndex.build(texts, languages, known, [1, 2, -1])
    scratch = LexicalIndex.build(texts, languages)
    assert reused.terms is not None and scratch.terms is not None
    assert reused.terms.stems == scratch.terms.stems
    assert reused.terms.names == scratch.terms.names
    for question in ("salaire technicien", "horaires flexibles", "David manager", "Indumation"):
        assert np.allclose(reused.scores(question), scratch.scores(question))
        assert reused.names_a_rare_name(question) == scratch.names_a_rare_name(question)
        assert reused.names_something_indexed(question) == scratch.names_something_indexed(question)


PHRASES = [
    "Le salaire brut d'un débutant est de 3 200 euros par mois.",
    "Les horaires sont de jour, parfois le week-end.",
    "Il faut porter des chaussures de sécurité dans l'atelier.",
    "Le diplôme de bachelier en production suffit pour débuter.",
]


def test_scores_rank_the_passage_sharing_the_words() -> None:
    index = LexicalIndex.build(PHRASES, ["fr"] * len(PHRASES))
    scores = index.scores("quel salaire pour un débutant ?")
    assert scores.argmax() == 0
    assert scores[1] == 0


def test_a_full_match_reaches_the_ceiling_a_lone_common_word_does_not() -> None:
    index = LexicalIndex.build(PHRASES, ["fr"] * len(PHRASES))
    full = "salaire brut débutant"
    assert index.scores(full).max() >= 0.8 * index.ceiling(full)
    # One word of the texts among words none holds: a weak match, whatever BM25's maximum.
    lone = "faut porter un casque antibruit orange ?"
    assert 0 < index.scores(lone).max() < 0.5 * index.ceiling(lone)


def test_the_ceiling_of_an_empty_index_is_zero() -> None:
    assert LexicalIndex.build([], []).ceiling("salaire") == 0.0
