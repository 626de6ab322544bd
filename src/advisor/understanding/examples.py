"""Example questions that teach the advisor by nearest neighbours, in each model's space.

Four files ship in ``data/``: ``scope_examples.txt`` (``[in]``: questions about any job,
``[out]``: everything else), ``topic_examples.txt`` (``[salary]``, ``[studies]``…: questions
about any job, by topic), ``explore_examples.txt`` (``[explore]``: what students say of
themselves to find a job that fits, "me lever tôt ça me dérange pas") and
``browse_examples.txt`` (``[browse]``: asking for the list of jobs known, "t'as quoi comme
fiches dans la santé ?"). Every topic example is also an "about a job" example; an
exploration or browse example is in scope, about no job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from advisor.text.packaged import packaged_text

__all__ = [
    "ExampleQuestions",
    "ExampleClassifier",
    "OUT_OF_SCOPE",
    "EXPLORE",
    "BROWSE",
    "ABOUT_NO_JOB",
    "parse_sections",
]

OUT_OF_SCOPE = "out"
EXPLORE = "explore"
BROWSE = "browse"
# In scope, but about no job: neither a topic's example nor a side of the scope's margins.
ABOUT_NO_JOB = (EXPLORE, BROWSE)
_FILES = ("scope_examples.txt", "topic_examples.txt", "explore_examples.txt", "browse_examples.txt")
_SCOPE_NEIGHBOURS = 3
_TOPIC_NEIGHBOURS = 7


def parse_sections(text: str) -> list[tuple[str, str]]:
    """``(section, line)`` pairs of a file of ``[section]`` markers and example lines."""
    pairs = []
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section is not None:
            pairs.append((section, line))
    return pairs


@dataclass(frozen=True)
class ExampleQuestions:
    """The example questions, each with its label ("in", "out" or a topic name)."""

    texts: tuple[str, ...]
    labels: tuple[str, ...]
    sha256: str

    @classmethod
    def packaged(cls) -> ExampleQuestions:
        return cls.parse(*(packaged_text(name) for name in _FILES))

    @classmethod
    def parse(cls, *contents: str) -> ExampleQuestions:
        pairs = [pair for text in contents for pair in parse_sections(text)]
        digest = hashlib.sha256("\x00".join(contents).encode("utf-8")).hexdigest()
        return cls(tuple(t for _, t in pairs), tuple(label for label, _ in pairs), digest)


class ExampleClassifier:
    """Is a question about a job, and which topic is it about, from its nearest examples."""

    def __init__(self, labels: tuple[str, ...], vectors: Mapping[str, np.ndarray]) -> None:
        label_array = np.array(labels, dtype=object)
        self._labels = label_array
        self._outside = label_array == OUT_OF_SCOPE
        self._about_no_job = np.isin(label_array, ABOUT_NO_JOB)
        self._about_jobs = ~self._outside & ~self._about_no_job
        self._topic_rows = self._about_jobs & (label_array != "in")
        self._topic_labels = label_array[self._topic_rows]
        self._voted_topics = frozenset(str(label) for label in self._topic_labels)
        self._vectors = {name: np.asarray(matrix) for name, matrix in vectors.items()}

    @property
    def voted_topics(self) -> frozenset[str]:
        """The topics that have example questions: those :meth:`topic_shares` can vote."""
        return self._voted_topics

    def scope_margins(
        self,
        query_vectors: Mapping[str, np.ndarray],
        similarities: Mapping[str, np.ndarray] | None = None,
    ) -> list[float]:
        """For each model: how much closer the question is to job questions than to the rest
        (> 0: a job one), as the mean similarity of the few nearest examples on each side.
        ``similarities``: :meth:`similarities` of the same vectors, if already computed."""
        margins = []
        for of_model in (similarities or self.similarities(query_vectors)).values():
            inside = np.sort(of_model[self._about_jobs])[-_SCOPE_NEIGHBOURS:].mean()
            outside = np.sort(of_model[self._outside])[-_SCOPE_NEIGHBOURS:].mean()
            margins.append(float(inside - outside))
        return margins

    def topic_shares(
        self,
        query_vectors: Mapping[str, np.ndarray],
        similarities: Mapping[str, np.ndarray] | None = None,
    ) -> dict[str, float]:
        """Share of each topic among the question's nearest topic examples (sums to 1)."""
        votes: dict[str, float] = {}
        for of_model in (similarities or self.similarities(query_vectors)).values():
            topical = of_model[self._topic_rows]
            nearest = np.argsort(-topical)[:_TOPIC_NEIGHBOURS]
            for row in nearest:
                label = str(self._topic_labels[row])
                votes[label] = votes.get(label, 0.0) + 1.0
        total = sum(votes.values()) or 1.0
        return {label: count / total for label, count in votes.items()}

    def share(self, label: str, similarities: Mapping[str, np.ndarray]) -> float:
        """Share of ``label``'s examples (:data:`EXPLORE`, :data:`BROWSE`) among the question's
        nearest examples, over the models (0 when no model has them). The other kind about no
        job is left out: among the neighbours, the browse examples cost explore dev 2 one
        exploration (0.759 → 0.741 first)."""
        chosen = self._labels == label
        rows = np.flatnonzero(chosen | ~self._about_no_job)
        shares = []
        for of_model in similarities.values():
            nearest = rows[np.argsort(-of_model[rows])[:_TOPIC_NEIGHBOURS]]
            shares.append(float(chosen[nearest].mean()))
        return sum(shares) / len(shares) if shares else 0.0

    def similarities(self, query_vectors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Per model, the question's similarity to every example question."""
        return {
            name: self._vectors[name] @ vector
            for name, vector in query_vectors.items()
            if name in self._vectors and len(self._vectors[name])
        }
