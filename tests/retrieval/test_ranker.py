"""The section ranker: its features, its weights file, how it is learned, and that it orders
one profile's sections (and only one profile's), on a small real index of a fictitious
profile with a deterministic stand-in model (no answer-quality claim: scripts/train_ranker.py
and scripts/evaluate.py measure that)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from advisor.chunking.chunker import Chunk
from advisor.retrieval.fusion import Query, Retriever
from advisor.retrieval.ranker import (
    RankerEvidence,
    RankerFileError,
    SectionRanker,
    feature_names,
    features,
    fit_weights,
)
from tiny import tiny_retriever

PROFILE = """---
title: Sonneur de cloches (fiche fictive pour les tests)
---
# Sonneur de cloches

## Salaire
Un sonneur de cloches débutant gagne 1 900 euros brut par mois.

## Outils
La corde, le battant et le joug sont ses outils de chaque jour.

## Questions fréquentes

### Faut-il avoir l'oreille musicale ?
Oui, pour accorder le carillon avant chaque concert.
"""


def _chunk(heading: str, topic: str, text: str = "texte") -> Chunk:
    return Chunk("id", "job", "Job", ("Job", heading), topic, "fr", text, "f.md", 1)


def _evidence(chunks: list[Chunk], **overrides: object) -> RankerEvidence:
    n = len(chunks)
    values: dict[str, object] = {
        "chunks": chunks,
        "dense": {"m": np.linspace(0.1, 0.9, n)},
        "lexical": np.zeros(n),
        "lines": None,
        "topics": (),
        "topic_shares": {},
        "specific": False,
        "fusion": np.zeros(n),
    }
    values.update(overrides)
    return RankerEvidence(**values)  # type: ignore[arg-type]


def _column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, feature_names(("m",)).index(name)]


def test_features_read_each_models_rank_the_vote_and_the_sections_shape() -> None:
    chunks = [
        _chunk("Salaire", "salary", "court"),
        _chunk("Faut-il un diplôme ?", "studies", "un texte bien plus long que l'autre"),
        _chunk("Divers", "general"),
    ]
    shares = {"salary": 0.2, "studies": 0.6}
    matrix = features(_evidence(chunks, topic_shares=shares, topics=("salary",)), ("m",))
    assert matrix.shape == (3, len(feature_names(("m",))))
    # The most similar section is ranked first by the model: 1, then 1/2, then 1/3.
    assert list(_column(matrix, "rank:m")) == pytest.approx([1 / 3, 1 / 2, 1.0])
    assert list(_column(matrix, "topic")) == [1.0, 0.0, 0.0]
    assert list(_column(matrix, "topic_share")) == pytest.approx([0.2, 0.6, 0.0])
    assert list(_column(matrix, "top_voted_topic")) == [0.0, 1.0, 0.0]
    assert list(_column(matrix, "faq_entry")) == [0.0, 1.0, 0.0]
    assert list(_column(matrix, "general_topic")) == [0.0, 0.0, 1.0]
    assert _column(matrix, "log_length")[1] > _column(matrix, "log_length")[0]
    # Not a specific question: the specific columns stay at zero.
    assert not _column(matrix, "topic_share_specific").any()


def test_a_short_line_naming_the_questions_topic_marks_its_section() -> None:
    figures = "3 à 6 mois Durée de formation\n45 ans Âge moyen"
    prose = (
        "Il lit les plans, tire les câbles et installe les tableaux ; la formation se fait "
        "souvent en alternance, mais cette longue phrase ne sert pas d'étiquette à un chiffre."
    )
    chunks = [
        _chunk("Le métier en chiffres", "facts", figures),
        _chunk("Missions", "missions", prose),
        _chunk("Études", "studies", "Voir plus bas."),
    ]
    asked = features(_evidence(chunks, topics=("studies",)), ("m",))
    # The table's label names the training; the long line names it only in passing; the
    # section on studies is marked by its heading ("topic"), not by a line.
    assert list(_column(asked, "line_topic")) == [1.0, 0.0, 0.0]
    assert list(_column(asked, "topic")) == [0.0, 0.0, 1.0]
    # A question naming another topic, or none, marks no line.
    assert not _column(features(_evidence(chunks, topics=("salary",)), ("m",)), "line_topic").any()
    assert not _column(features(_evidence(chunks), ("m",)), "line_topic").any()


def test_learned_weights_put_what_tells_the_answer_first() -> None:
    rng = np.random.default_rng(7)

    def group() -> tuple[np.ndarray, np.ndarray]:
        matrix = rng.normal(size=(12, 3))
        answers = np.zeros(12, dtype=bool)
        answers[rng.integers(12)] = True
        matrix[answers, 1] += 4.0  # only the second feature tells the answer
        return matrix, answers

    weights = fit_weights([group() for _ in range(60)], c=1.0)
    assert weights[1] > 3 * max(abs(weights[0]), abs(weights[2]))
    firsts = [
        np.argmax(m @ weights) == np.flatnonzero(a)[0] for m, a in (group() for _ in range(40))
    ]
    assert np.mean(firsts) > 0.8  # by chance: 1 in 12


def test_the_regulariser_keeps_weights_small_on_little_data() -> None:
    matrix = np.array([[1.0, 0.0], [0.0, 1.0]])
    answers = np.array([True, False])
    loose = fit_weights([(matrix, answers)], c=100.0)
    tight = fit_weights([(matrix, answers)], c=0.01)
    assert np.abs(tight).max() < np.abs(loose).max()


def test_with_little_data_the_weights_stay_near_the_prior() -> None:
    matrix = np.array([[1.0, 0.0], [0.0, 1.0]])
    answers = np.array([False, True])  # one question against the prior's choice
    prior = np.array([4.0, 0.0])
    weights = fit_weights([(matrix, answers)], c=0.01, prior=prior)
    assert weights[0] == pytest.approx(4.0, abs=0.05) and weights[0] > weights[1]
    assert fit_weights([(matrix, answers)], c=100.0, prior=prior)[1] > weights[1]


def test_the_packaged_weights_name_known_features_for_the_default_models() -> None:
    ranker = SectionRanker.packaged()
    assert ranker.models == ("e5", "use")
    assert set(ranker.weights) == set(feature_names(ranker.models))
    assert ranker.ranks(("e5", "use")) and not ranker.ranks(("e5",))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{not json", "not a ranker's weights"),
        ('{"models": ["e5"]}', "not a ranker's weights"),
        ('{"models": ["e5"], "weights": {"dense:use": 1}}', "unknown features ['dense:use']"),
    ],
)
def test_a_broken_weights_file_is_refused_with_its_name(text: str, says: str) -> None:
    with pytest.raises(RankerFileError) as refused:
        SectionRanker.parse(text, "section_ranker.json")
    assert "section_ranker.json" in str(refused.value) and says in str(refused.value)


@pytest.fixture(scope="module")
def retriever(tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    return tiny_retriever(tmp_path_factory.mktemp("ranker"), "sonneur-de-cloches.md", PROFILE)


def test_the_ranker_orders_one_profiles_sections_and_nothing_else(retriever: Retriever) -> None:
    # A ranker that reads nothing but whether a section is an FAQ entry.
    weights = json.dumps({"models": ["tiny"], "weights": {"faq_entry": 5.0}})
    retriever.ranker = SectionRanker.parse(weights, "test")
    try:
        one_job = Query("la corde et le battant", profile_ids=("sonneur-de-cloches",))
        ranked = retriever.search(one_job, 3)
        assert ranked[0].chunk.heading_path[-1] == "Faut-il avoir l'oreille musicale ?"
        assert ranked[0].score == pytest.approx(5.0)
        # No job chosen: the fusion ranks, and the words name the tools.
        assert retriever.search(Query("la corde et le battant"), 3)[0].chunk.section == "Outils"
        # A ranker learned with other models than the search's is not used.
        retriever.ranker = SectionRanker.parse(json.dumps({"models": ["e5"], "weights": {}}), "t")
        assert retriever.search(one_job, 3)[0].chunk.section == "Outils"
    finally:
        retriever.ranker = None
