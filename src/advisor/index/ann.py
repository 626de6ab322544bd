"""Approximate nearest chunks for large indexes (``usearch``, HNSW with float16 vectors).

Up to :data:`LARGE_INDEX` chunks an exact product with every chunk vector costs well under a
millisecond and is what the advisor does. From there on (a few hundred profiles), the first
model (the default's e5, the stronger) also gets an HNSW graph over its chunk vectors: a
question's candidates are its nearest chunks in that graph and the best BM25 chunks, and only
they are scored: by the first model from the float16 vectors its graph stores, by the others
from their rows of ``vectors-<model>.npy``. One graph, not one per model: searching the second
graph cost 2 ms of the 4.8 ms a search took at 10,000 profiles and its file 280 MB of memory,
for candidates that the first graph and BM25 mostly find anyway (docs/benchmarks.md measures
what the final ranking loses). usearch was chosen
over hnswlib (scripts/ann_choice.py, docs/benchmarks.md): at equal recall and speed, its index
is one file that every worker memory-maps (one copy in the page cache, not one per process, as
hnswlib's would be). float16 keeps float32's recall at half the size; int8 lost most of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["LARGE_INDEX", "AnnIndex", "graph_model"]

LARGE_INDEX = 5_000  # chunks; below this the search is exact
_CONNECTIVITY = 16
_EXPANSION_ADD = 128
_EXPANSION_SEARCH = 256


def graph_model(models: Sequence[str]) -> str | None:
    """The model whose chunk vectors get a graph in a large index: the first one."""
    return models[0] if models else None


class AnnIndex:
    """An HNSW index whose keys are chunk rows."""

    def __init__(self, index: object) -> None:
        self._index = index
        self._dim = int(index.ndim)  # type: ignore[attr-defined]

    @staticmethod
    def build(vectors: np.ndarray, path: Path, threads: int = 0) -> None:
        """Build the graph of ``vectors`` (L2-normalised rows) and save it to ``path``."""
        from usearch.index import Index

        index = Index(
            ndim=vectors.shape[1],
            metric="cos",
            dtype="f16",
            connectivity=_CONNECTIVITY,
            expansion_add=_EXPANSION_ADD,
        )
        index.add(np.arange(len(vectors), dtype=np.uint64), np.asarray(vectors), threads=threads)
        index.save(str(path))

    @classmethod
    def load(cls, path: Path) -> AnnIndex:
        """The saved graph, memory-mapped read-only (``view``), shared by every process."""
        from usearch.index import Index

        index = Index.restore(str(path), view=True)
        if index is None:
            raise ValueError(f"{path.name} is not a usearch index")
        index.expansion_search = _EXPANSION_SEARCH  # type: ignore[misc]  # it has a setter
        return cls(index)

    def __len__(self) -> int:
        return len(self._index)  # type: ignore[arg-type]

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of ``rows``, as float32: scoring candidates from them touches
        no other file, so a large index's chunk vectors (GBs) never fill the page cache."""
        if not len(rows):
            return np.zeros((0, self._dim), dtype=np.float32)
        found = self._index.get(np.asarray(rows, dtype=np.uint64), dtype=np.float32)  # type: ignore[attr-defined]
        return np.vstack(found)

    def search(self, vector: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the ``count`` chunks nearest to ``vector``, nearest first, and their cosine
        similarity to it."""
        matches = self._index.search(vector, count, threads=1)  # type: ignore[attr-defined]
        similarities = 1.0 - np.asarray(matches.distances, dtype=np.float32)
        return np.asarray(matches.keys, dtype=np.int64), similarities
