"""Several rankings of the same passages → one: a follow-up is searched with the conversation
it continues and with its own words alone, and neither ranking is right alone.

"on peut conduire un camion à quel âge ? → et le permis il coûte cb ?": with the conversation,
the words of the first question lead to the age of the licence; alone, "le permis il coûte
cb" finds what the licence costs. "c quoi les horaires d'un cuisinier ? → et le week-end ils
bossent aussi ?": alone, the weekend is any weekend work, no longer the cook's hours. Merged by
reciprocal rank, a passage near the top of both leads."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.retrieval.fusion import Hit

__all__ = ["merge_rankings", "MERGED_DEPTH", "RANK_OFFSET"]

# How deep each ranking is read: a passage below this in one ranking counts there for nothing.
MERGED_DEPTH = 12
# A passage scores 1 / (RANK_OFFSET + its rank from 0) in each ranking: a passage first in one
# ranking and third in the other (1/2 + 1/4) beats one second in both (2/3). On the dev
# conversations (followups dev and scope, many jobs, new jobs 2) 2 and 5 both took follow-ups
# right 118 → 121 of 129, and 2 left fewer first passages to the first question's words.
RANK_OFFSET = 2


def merge_rankings(rankings: Sequence[Sequence[Hit]], limit: int) -> list[Hit]:
    """The best ``limit`` passages of ``rankings`` by reciprocal rank, each hit as the first
    ranking holding it found it; ties keep the first ranking's order."""
    scores: dict[str, float] = {}
    hits: dict[str, Hit] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking[:MERGED_DEPTH]):
            key = hit.chunk.id
            scores[key] = scores.get(key, 0.0) + 1.0 / (RANK_OFFSET + rank)
            hits.setdefault(key, hit)
    best = sorted(scores, key=lambda key: -scores[key])[:limit]
    return [hits[key] for key in best]
