"""What the models read in a text: its vectors and its likeness to the example messages.

In: the texts one answer reads (the message, the question completed from the conversation, a
follow-up's own words). Out: per model, their vectors, their similarity to every example
message, their margin towards the questions about jobs, the topic the examples vote for. Each
is computed once per answer: the exploration, the search and the scope read the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from advisor.answer_path.values import Snapshot

__all__ = ["Readings", "CLEAR_VOTE"]

# A follow-up's own topic word switches topic only when this share of its nearest example
# questions agree: "et si je veux quitter l'usine ?" names the factory, it does not ask about
# working conditions (a scattered vote).
CLEAR_VOTE = 0.3


class Readings:
    """The texts of one answer as the models read them, over one snapshot."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.embed = lru_cache(maxsize=8)(snapshot.retriever.embed)
        self.example_similarities = lru_cache(maxsize=8)(self._example_similarities)

    def _example_similarities(self, text: str) -> Mapping[str, np.ndarray]:
        """Per model, the similarity of ``text`` to every example message."""
        return self.snapshot.examples.similarities(self.embed(text))

    def guess_topic(self, text: str) -> str | None:
        """The example questions' clear choice of topic for ``text``, if they make one."""
        snap = self.snapshot
        shares = snap.examples.topic_shares(self.embed(text), self.example_similarities(text))
        best = max(shares, key=shares.__getitem__) if shares else None
        return best if best and shares[best] >= CLEAR_VOTE else None

    def job_margins(self, text: str) -> tuple[float, ...]:
        """Per model, how much nearer ``text`` is to the example questions about jobs than to
        the rest (see :meth:`advisor.understanding.examples.ExampleClassifier.scope_margins`)."""
        vectors = self.embed(text)
        margins = self.snapshot.examples.scope_margins(vectors, self.example_similarities(text))
        return tuple(margins)
