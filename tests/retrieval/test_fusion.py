"""The ranking core: how each kind of evidence moves a chunk up, on a small real index built
from a fictitious profile with a deterministic stand-in model (no answer-quality claim)."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.retrieval.fusion import (
    Evidence,
    FusionWeights,
    Query,
    Retriever,
    best_of_each_profile,
)
from tiny import tiny_retriever

PROFILE = """---
title: Souffleur de verre (fiche fictive pour les tests)
---
# Souffleur de verre

## Salaire
Un souffleur de verre débutant gagne 2 100 euros brut par mois.

## Études
Une formation en arts du feu dure trois ans, en alternance.

## Outils
La canne à souffler et le four de fusion sont ses outils de chaque jour.
"""


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    return tiny_retriever(tmp_path_factory.mktemp("fusion"), "souffleur-de-verre.md", PROFILE)


def _sections(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.chunk.section for hit in hits]


def test_the_words_of_a_section_bring_it_first(retriever: Retriever) -> None:
    hits = retriever.search(Query("la canne à souffler et le four"), 3)
    assert _sections(hits)[0] == "Outils"
    assert hits[0].score > hits[1].score


def test_the_topic_named_lifts_its_section(retriever: Retriever) -> None:
    plain = retriever.search(Query("combien de temps ?"), 3)
    studies = retriever.search(Query("combien de temps ?", topics=("studies",)), 3)
    assert _sections(studies)[0] == "Études"
    lifted = {h.chunk.section: h.score for h in studies}
    before = {h.chunk.section: h.score for h in plain}
    assert lifted["Études"] - before["Études"] == pytest.approx(retriever.weights.topic)


def test_the_examples_vote_adds_its_share_of_the_weight(retriever: Retriever) -> None:
    query = Query("x", topic_shares={"salary": 0.5})
    rows = np.arange(len(retriever.chunks))
    zeros = np.zeros(len(rows), dtype=np.float32)
    evidence = Evidence(rows, {"tiny": zeros}, zeros)
    scores = {h.chunk.topic: h.score for h in retriever.fuse(query, evidence, len(rows))}
    assert scores["salary"] == pytest.approx(0.5 * retriever.weights.topic_examples)
    assert scores["tools"] == pytest.approx(0.0)


def test_a_profile_named_is_searched_alone(retriever: Retriever) -> None:
    assert retriever.search(Query("salaire", profile_ids=("unknown-job",)), 3) == []
    found = retriever.search(Query("salaire", profile_ids=("souffleur-de-verre",)), 3)
    assert {h.chunk.profile_id for h in found} == {"souffleur-de-verre"}


def test_weights_say_how_much_each_evidence_counts(retriever: Retriever) -> None:
    query = Query("brut par mois")
    lexical_only = FusionWeights(dense={"tiny": 0.0}, best_line=0.0, topic_examples=0.0)
    retriever.weights = lexical_only
    try:
        hits = retriever.search(query, 3)
        assert _sections(hits)[0] == "Salaire"
        # Only BM25 counts: the score is the lexical evidence times its weight.
        assert hits[0].score == pytest.approx(lexical_only.lexical * hits[0].lexical)
    finally:
        retriever.weights = FusionWeights()
    assert retriever.search(query, 3, exact=True)[0].chunk.section == "Salaire"


def test_a_profile_fits_by_its_best_few_passages_together_not_one_lucky_line() -> None:
    profiles = np.array(["baker", "baker", "baker", "pilot", "pilot", "pilot", "pilot"])
    scores = np.array([2.0, 1.8, 1.7, 2.5, 0.1, 0.0, -3.0])
    best, mean = best_of_each_profile(profiles, scores, passages=3)
    # np.unique's order: baker, pilot. The pilot's one line beats every one of the baker's…
    assert best.tolist() == [0, 3]
    # … but the baker's best three together beat the pilot's (its fourth one is not counted).
    assert mean == pytest.approx([5.5 / 3, 2.6 / 3])
    # A profile with fewer passages than asked: the mean of those it has.
    _, alone = best_of_each_profile(np.array(["baker"]), np.array([1.0]), passages=3)
    assert alone.tolist() == [1.0]
    nothing = best_of_each_profile(np.array([], dtype=str), np.array([]), passages=3)
    assert [len(part) for part in nothing] == [0, 0]


def test_each_models_likeness_counts_by_its_weight_when_jobs_are_matched(
    retriever: Retriever,
) -> None:
    vectors = retriever.embed("la canne à souffler et le four")
    best = retriever.best_per_profile(vectors, count=1)
    assert _sections(best) == ["Outils"]
    # Weighed against, the model's likeness picks the passage least like the words.
    against = retriever.best_per_profile(vectors, count=1, model_weights={"tiny": -1.0})
    assert _sections(against) != ["Outils"]
    # A bonus alone, the model not counted: the row the bonus lifts.
    lifted = np.zeros(len(retriever.chunks))
    lifted[0] = 10.0
    bonus_only = retriever.best_per_profile(
        vectors, count=1, bonus=lambda rows: lifted[rows], model_weights={"tiny": 0.0}
    )
    assert bonus_only[0].chunk == retriever.chunks[0]
