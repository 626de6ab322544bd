"""Is a question one the knowledge can answer? Not from a similarity cut-off alone.

A question about another job's salary scores as high as a real one, so the evidence is:
does it name a job the knowledge does not hold, and does it speak of a job at all (a topic
of the profiles, a known job, or the vocabulary of work)?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.jobs import JobMention, name_tokens
from advisor.text import fold

__all__ = ["ScopeVerdict", "judge_scope"]

_WORK_WORDS = re.compile(
    r"(?<![a-z])(metier|job|boulot|taf\b|travail|bosser|carriere|profession|poste\b|emploi|"
    r"secteur|filiere|orientation|avenir|entreprise|usine|industri|production|manag|equipe|"
    r"beroep|werk|baan|loopbaan|sector|bedrijf|fabriek|productie|ploeg|career|work|occupation|"
    r"company|factory|team|staff)"
)


@dataclass(frozen=True)
class ScopeVerdict:
    """``reason`` is None when the question is in scope, else why it is not."""

    reason: str | None
    unknown_job: str | None = None


def judge_scope(
    question: str,
    topics: Sequence[str],
    mentions: Sequence[JobMention],
    best_passage_text: str | None,
    best_similarity: float,
    similarity_floor: float,
) -> ScopeVerdict:
    """Decide from the question and the best passage found for it."""
    known = [m for m in mentions if m.profile_id is not None]
    unknown = [m for m in mentions if m.profile_id is None]
    if unknown and not known:
        # "Peut-on devenir directeur d'usine ?" names a job the passage itself speaks of.
        passage = " " + " ".join(name_tokens(best_passage_text or "")) + " "
        if not any(f" {m.name} " in passage for m in unknown):
            return ScopeVerdict("other_job", unknown[0].name)
    if best_passage_text is None:
        return ScopeVerdict("no_passage")
    if not (topics or known or _WORK_WORDS.search(fold(question))):
        return ScopeVerdict("off_topic")
    if best_similarity < similarity_floor:
        return ScopeVerdict("no_match")
    return ScopeVerdict(None)
