"""Inside one profile, which section answers: the same evidence as the fusion, weighed by a
ranker learned from questions whose answer is known.

The fusion adds similarities, BM25 and topic votes with weights set by hand; once the job is
known, what is left is choosing among its twenty or so sections, where every model puts them
within a few hundredths of each other. The ranker reads the fusion's score, the same evidence,
each model's *rank* of the section within the profile, whether the topic most example
questions vote for is the section's, and the section's shape (an FAQ entry, its length, its
depth), and adds them with weights fitted by ``scripts/train_ranker.py``: a pairwise logistic
regression (the answering section above each other one), pulled towards the fusion's score
alone. Weighed by hand, such changes moved nothing (docs/quality.md, the plateau); learned,
with each of the nine profiles left out of the learning in turn, the right section came
first for 0.778 of the many-jobs questions (0.726 by the fusion), 0.810 of the jobs compared
(0.747) and 0.899 of the seed's own questions (0.916, the set the fusion weights were set on).

In: a :class:`~advisor.retrieval.fusion.Query` of one profile and the evidence of its
sections. Out: one score per section, higher first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from advisor.chunking.chunker import Chunk
from advisor.errors import AdvisorError
from advisor.text.packaged import packaged_text
from advisor.text.topics import GENERAL, names_topic
from advisor.text.words import fold

__all__ = [
    "RankerEvidence",
    "SectionRanker",
    "RankerFileError",
    "RANKER_FILE",
    "feature_names",
    "features",
    "fit_weights",
]

RANKER_FILE = "section_ranker.json"
# A line this short may be a label ("45 ans Âge moyen"), not prose naming topics in passing.
_SHORT_LINE = 100

# Features of the evidence itself (the models' add "dense:NAME" and "rank:NAME" each).
_EVIDENCE_FEATURES = (
    "fusion",  # the score of the fusion weights set by hand: the ranker corrects it
    "lexical",  # BM25, on the scale of a full match
    "lexical_specific",  # the same, for a question naming a rare name or a word of one profile
    "best_line",  # share of the question's words one line holds
    "topic",  # the section's topic is the one the question's words name first
    "other_topic",  # ... or another one they name
    "topic_share",  # share of the section's topic among the nearest example questions
    "top_voted_topic",  # the section's topic is the one most of them vote for
    "topic_share_specific",  # the share, for a question holding a word of one profile
    "faq_entry",  # the section is one question of an FAQ
    "log_length",  # log of the section's characters
    "heading_depth",  # headings above it
    "general_topic",  # its heading names no topic
    "line_topic",  # a short line of it names the topic the question's words name first
)


class RankerFileError(AdvisorError):
    """The ranker's weights file cannot be used."""


def feature_names(models: Sequence[str]) -> tuple[str, ...]:
    """Every feature the ranker reads, for these models."""
    per_model = [f"{kind}:{name}" for name in models for kind in ("dense", "rank")]
    return (*per_model, *_EVIDENCE_FEATURES)


@dataclass(frozen=True)
class RankerEvidence:
    """What the fusion found for the sections of one profile, one value per section."""

    chunks: Sequence[Chunk]
    dense: Mapping[str, np.ndarray]
    lexical: np.ndarray  # BM25 on the fusion's scale
    lines: np.ndarray | None
    topics: tuple[str, ...]  # named by the question's words, best first
    topic_shares: Mapping[str, float]  # from the nearest example questions
    specific: bool  # names a rare name, or holds a word of one profile
    fusion: np.ndarray  # the score by the fusion weights set by hand


def features(evidence: RankerEvidence, models: Sequence[str]) -> np.ndarray:
    """One row per section, one column per name of :func:`feature_names`."""
    n = len(evidence.chunks)
    topics = np.array([chunk.topic for chunk in evidence.chunks], dtype=object)
    shares = np.array([evidence.topic_shares.get(str(t), 0.0) for t in topics])
    top_share = shares.max() if n else 0.0
    columns: list[np.ndarray] = []
    for name in models:
        similarity = np.asarray(evidence.dense[name], dtype=np.float64)
        rank = np.empty(n)
        rank[np.argsort(-similarity, kind="stable")] = np.arange(n)
        columns += [similarity, 1.0 / (1.0 + rank)]
    named = evidence.topics
    columns += [
        evidence.fusion,
        evidence.lexical,
        evidence.lexical * evidence.specific,
        evidence.lines if evidence.lines is not None else np.zeros(n),
        (topics == named[0]).astype(float) if named else np.zeros(n),
        np.isin(topics, list(named[1:])).astype(float) if len(named) > 1 else np.zeros(n),
        shares,
        ((shares == top_share) & (top_share > 0)).astype(float),
        shares * evidence.specific,
        np.array([_is_faq_entry(chunk) for chunk in evidence.chunks], dtype=float),
        np.log1p([len(chunk.text) for chunk in evidence.chunks]),
        np.array([len(chunk.heading_path) for chunk in evidence.chunks], dtype=float),
        (topics == GENERAL).astype(float),
        _naming_lines(evidence.chunks, named[0] if named else None),
    ]
    return np.stack(columns, axis=1) if n else np.zeros((0, len(columns)))


def _naming_lines(chunks: Sequence[Chunk], topic: str | None) -> np.ndarray:
    """1 for the sections with a short line naming ``topic``: a table of key figures is one
    section on "the job in figures", yet its line "3 à 6 mois Durée de formation" answers how
    long the training takes (see docs/quality.md, thirteenth session). One topic's patterns
    on each section's short lines, folded once: every topic on every line cost 0.8 ms a
    section, 23 ms for a profile not met before."""
    if topic is None:
        return np.zeros(len(chunks))
    return np.array([names_topic(_short_lines(chunk.text), topic) for chunk in chunks], float)


@lru_cache(maxsize=4096)
def _short_lines(text: str) -> str:
    """The lines of a text short enough to be labels, folded."""
    return "\n".join(fold(line) for line in text.split("\n") if len(line) <= _SHORT_LINE)


def _is_faq_entry(chunk: Chunk) -> bool:
    return bool(chunk.heading_path) and chunk.heading_path[-1].rstrip().endswith("?")


@dataclass(frozen=True)
class SectionRanker:
    """Learned weights of :func:`feature_names`, for the models they were learned with."""

    models: tuple[str, ...]
    weights: Mapping[str, float]

    @classmethod
    def packaged(cls) -> SectionRanker:
        return cls.parse(packaged_text(RANKER_FILE), RANKER_FILE)

    @classmethod
    def parse(cls, text: str, source: str) -> SectionRanker:
        try:
            data = json.loads(text)
            models = tuple(str(m) for m in data["models"])
            weights = {str(k): float(v) for k, v in data["weights"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise RankerFileError(f"{source}: not a ranker's weights ({error})") from error
        unknown = set(weights) - set(feature_names(models))
        if unknown:
            raise RankerFileError(f"{source}: unknown features {sorted(unknown)}")
        return cls(models, weights)

    def ranks(self, models: Sequence[str]) -> bool:
        """True when the search has the vectors of every model the weights were learned with."""
        return all(name in models for name in self.models)

    def scores(self, evidence: RankerEvidence) -> np.ndarray:
        """Each section's score, higher first."""
        names = feature_names(self.models)
        vector = np.array([self.weights.get(name, 0.0) for name in names])
        return features(evidence, self.models) @ vector


def fit_weights(
    groups: Sequence[tuple[np.ndarray, np.ndarray]], c: float, prior: np.ndarray | None = None
) -> np.ndarray:
    """Weights ranking, in each group (a question's sections: features, and which answer it),
    every answering section above every other: L2-regularised logistic regression on the
    differences of their features (``c``: the data's weight against the regulariser), fitted
    by Newton's method."""
    differences = [
        right - wrong
        for matrix, answers in groups
        for right in matrix[answers]
        for wrong in matrix[~answers]
    ]
    width = groups[0][0].shape[1] if groups else 0
    x = np.array(differences, dtype=np.float64).reshape(-1, width)
    start = np.zeros(width) if prior is None else np.asarray(prior, dtype=np.float64)

    def loss(w: np.ndarray) -> float:
        return float(0.5 * np.sum((w - start) ** 2) + c * np.logaddexp(0.0, -(x @ w)).sum())

    w = start.copy()
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = (w - start) - c * x.T @ (1.0 - p)
        hessian = np.eye(width) + c * (x.T * (p * (1.0 - p))) @ x
        step = np.linalg.solve(hessian, gradient)
        # Damped: a full step may overshoot where the data are separable.
        shrink = 1.0
        while loss(w - shrink * step) > loss(w) and shrink > 1e-6:
            shrink /= 2
        w = w - shrink * step
        if np.abs(shrink * step).max() < 1e-9:
            break
    return w
