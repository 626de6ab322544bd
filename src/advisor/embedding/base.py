"""The :class:`Embedder` interface and the factory that picks a backend by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from advisor.errors import AdvisorError

__all__ = ["Embedder", "make_embedder", "EMBEDDER_NAMES"]

EMBEDDER_NAMES = ("e5", "use", "minilm", "st:<model directory>")


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; queries and passages may differ."""

    name: str
    model_id: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length, as float32 (a zero row stays zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def make_embedder(name: str, threads: int = 1) -> Embedder:
    """Build the embedder named ``name`` (see :data:`EMBEDDER_NAMES`); loads its model now."""
    if name == "e5":
        from advisor.embedding.e5 import E5Embedder

        return E5Embedder(threads=threads)
    if name == "use":
        from advisor.embedding.use import UseEmbedder

        return UseEmbedder(threads=threads)
    if name == "minilm" or name.startswith("st:"):
        from advisor.embedding.sentence_transformers import SentenceTransformerEmbedder

        directory = Path(name[3:]) if name.startswith("st:") else None
        return SentenceTransformerEmbedder(directory, threads=threads)
    raise AdvisorError(
        f"unknown embedder {name!r}: use one of {', '.join(EMBEDDER_NAMES)} "
        "(setting ADVISOR_EMBEDDERS)"
    )
