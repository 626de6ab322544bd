"""Is a question one the knowledge can answer? Not from a similarity cut-off alone.

A question about another job's salary scores as high as a real one, and "c'est qui David ?"
(the profile's testimony) as low as "raconte une blague". The evidence used instead:

- does the question name a job the knowledge does not hold (the job lexicon)?
- is it a question about a job at all? Its nearest neighbours among example questions
  (``data/scope_examples.txt``: questions about any job vs. everything else) tell;
- does it name something the profiles themselves name (every word of it is in the index)?
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from advisor.jobs import JobMention, name_tokens

__all__ = ["ScopeExamples", "ScopeClassifier", "ScopeVerdict", "judge_scope"]

_NEIGHBOURS = 3
TOPIC_MARGIN = -0.08


@dataclass(frozen=True)
class ScopeExamples:
    """Example questions about jobs (``inside``) and about anything else (``outside``)."""

    inside: tuple[str, ...]
    outside: tuple[str, ...]
    sha256: str

    @classmethod
    def packaged(cls) -> ScopeExamples:
        text = resources.files("advisor").joinpath("data/scope_examples.txt").read_text("utf-8")
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> ScopeExamples:
        sections: dict[str, list[str]] = {"in": [], "out": []}
        current: list[str] | None = None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line in ("[in]", "[out]"):
                current = sections[line[1:-1]]
            elif current is not None:
                current.append(line)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(tuple(sections["in"]), tuple(sections["out"]), digest)

    @property
    def all(self) -> tuple[str, ...]:
        return self.inside + self.outside


class ScopeClassifier:
    """Nearest neighbours among the example questions, in each model's space."""

    def __init__(self, vectors: Mapping[str, np.ndarray], inside_count: int) -> None:
        self._inside = {name: m[:inside_count] for name, m in vectors.items()}
        self._outside = {name: m[inside_count:] for name, m in vectors.items()}

    def margin(self, query_vectors: Mapping[str, np.ndarray]) -> float:
        """How much closer the question is to job questions than to the rest (> 0: a job one)."""
        total = 0.0
        for name, vector in query_vectors.items():
            if name not in self._inside:
                continue
            inside = np.sort(self._inside[name] @ vector)[-_NEIGHBOURS:].mean()
            outside = np.sort(self._outside[name] @ vector)[-_NEIGHBOURS:].mean()
            total += float(inside - outside)
        return total


@dataclass(frozen=True)
class ScopeVerdict:
    """``reason`` is None when the question is in scope, else why it is not."""

    reason: str | None
    unknown_job: str | None = None


def judge_scope(
    mentions: Sequence[JobMention],
    best_passage_text: str | None,
    job_margin: float,
    names_indexed_things: bool,
    names_a_topic: bool = False,
) -> ScopeVerdict:
    """Decide from the question's job mentions, its scope margin and the best passage."""
    known = [m for m in mentions if m.profile_id is not None]
    unknown = [m for m in mentions if m.profile_id is None]
    if unknown and not known:
        # "Peut-on devenir directeur d'usine ?" names a job the passage itself speaks of.
        passage = " " + " ".join(name_tokens(best_passage_text or "")) + " "
        if not any(f" {m.name} " in passage for m in unknown):
            return ScopeVerdict("other_job", unknown[0].name)
    if best_passage_text is None:
        return ScopeVerdict("no_passage")
    # A question naming a topic of the profiles ("salaire", "horaires") gets the benefit of
    # the doubt when it is only a little closer to the other examples.
    threshold = TOPIC_MARGIN if names_a_topic else 0.0
    if known or job_margin >= threshold or names_indexed_things:
        return ScopeVerdict(None)
    return ScopeVerdict("off_topic")
