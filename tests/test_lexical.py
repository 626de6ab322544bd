"""BM25 terms kept with a version: a build reusing them gives the index a build from scratch
gives."""

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
