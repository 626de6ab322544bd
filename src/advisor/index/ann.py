"""Approximate nearest chunks for large indexes (``usearch``, HNSW with float16 vectors).

Up to :data:`LARGE_INDEX` chunks an exact product with every chunk vector costs well under a
millisecond and is what the advisor does. From there on (a few hundred profiles), the first
model (the default's e5, the stronger) also gets an HNSW graph over its chunk vectors: a
question's candidates are its nearest chunks in that graph and the best BM25 chunks, and only
they are scored: by the first model from the float16 vectors its graph stores, by the others
from their rows of ``vectors-<model>.npy``. One graph, not one per model: searching the second
graph cost 2 ms of the 4.8 ms a search took at 10,000 profiles and its file 280 MB of memory,
for candidates that the first graph and BM25 mostly find anyway (docs/benchmarks.md measures
what the final ranking loses). usearch was chosen over hnswlib (scripts/ann_choice.py,
docs/benchmarks.md): at equal recall and speed, its index is one file that every worker
memory-maps (one copy in the page cache, not one per process, as hnswlib's would be). float16
keeps float32's recall at half the size; int8 lost most of it.

Graph keys are not rows: a chunk keeps its key from version to version (``graph-keys.npy``
gives each row's), so that a build that changes a few chunks updates the previous graph
(removes the keys of the chunks gone, adds the new ones) instead of building it again, which
took minutes at 10,000 profiles. A version without that file (built before it) has its rows as
keys, which is what a full build gives.
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
    """An HNSW index of chunk vectors and the graph key of each chunk row."""

    def __init__(self, index: object, keys: np.ndarray | None = None) -> None:
        self._index = index
        self._dim = int(index.ndim)  # type: ignore[attr-defined]
        self.keys = np.arange(len(self), dtype=np.uint64) if keys is None else keys
        # Keys to rows: sorted keys and, for each, its row. Rows are keys in a full build.
        self._identity = keys is None or bool(np.array_equal(keys, np.arange(len(keys))))
        self._order = np.zeros(0, dtype=np.int64)
        self._sorted = np.zeros(0, dtype=np.uint64)
        if not self._identity:
            self._order = np.argsort(self.keys, kind="stable")
            self._sorted = self.keys[self._order]

    @staticmethod
    def _new(dim: int) -> object:
        from usearch.index import Index

        return Index(
            ndim=dim,
            metric="cos",
            dtype="f16",
            connectivity=_CONNECTIVITY,
            expansion_add=_EXPANSION_ADD,
        )

    @classmethod
    def build(cls, vectors: np.ndarray, path: Path, threads: int = 0) -> np.ndarray:
        """Build the graph of ``vectors`` (L2-normalised rows) and save it to ``path``;
        returns the keys of the rows (the rows themselves)."""
        index = cls._new(vectors.shape[1])
        keys = np.arange(len(vectors), dtype=np.uint64)
        index.add(keys, np.asarray(vectors), threads=threads)  # type: ignore[attr-defined]
        index.save(str(path))  # type: ignore[attr-defined]
        return keys

    @classmethod
    def update(
        cls,
        previous: Path,
        path: Path,
        removed: np.ndarray,
        added: np.ndarray,
        vectors: np.ndarray,
        threads: int = 0,
    ) -> None:
        """Save to ``path`` the graph saved at ``previous`` less the keys ``removed``, plus
        ``vectors`` under the keys ``added``. ``previous`` is read, never written: the version
        it belongs to stays as published."""
        from usearch.index import Index

        index = Index.restore(str(previous), view=False)
        if index is None:
            raise ValueError(f"{previous.name} is not a usearch index")
        index.expansion_add = _EXPANSION_ADD  # type: ignore[misc]  # not saved with the graph
        if len(removed):
            # The slots of removed keys are reused by the keys added next.
            index.remove(np.asarray(removed, dtype=np.uint64), threads=threads)
        if len(added):
            keys = np.asarray(added, dtype=np.uint64)
            index.add(keys, np.asarray(vectors, dtype=np.float32), threads=threads)
        index.save(str(path))

    @classmethod
    def load(cls, path: Path, keys: np.ndarray | None = None) -> AnnIndex:
        """The saved graph, memory-mapped read-only (``view``), shared by every process;
        ``keys``: the key of each row (None: the rows are the keys)."""
        from usearch.index import Index

        index = Index.restore(str(path), view=True)
        if index is None:
            raise ValueError(f"{path.name} is not a usearch index")
        index.expansion_search = _EXPANSION_SEARCH  # type: ignore[misc]  # it has a setter
        if keys is not None and len(keys) != len(index):
            raise ValueError(f"{path.name} holds {len(index)} vectors for {len(keys)} keys")
        return cls(index, keys)

    def __len__(self) -> int:
        return len(self._index)  # type: ignore[arg-type]

    def rows_of(self, keys: np.ndarray) -> np.ndarray:
        """The rows of graph ``keys``."""
        keys = np.asarray(keys, dtype=np.uint64)
        if self._identity:
            return keys.astype(np.int64)
        return self._order[np.searchsorted(self._sorted, keys)].astype(np.int64)

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of ``rows``, as float32: scoring candidates from them touches
        no other file, so a large index's chunk vectors (GBs) never fill the page cache."""
        if not len(rows):
            return np.zeros((0, self._dim), dtype=np.float32)
        keys = self.keys[np.asarray(rows, dtype=np.int64)]
        found = self._index.get(keys, dtype=np.float32)  # type: ignore[attr-defined]
        return np.vstack(found)

    def search(self, vector: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the ``count`` chunks nearest to ``vector``, nearest first, and their cosine
        similarity to it."""
        matches = self._index.search(vector, count, threads=1)  # type: ignore[attr-defined]
        similarities = 1.0 - np.asarray(matches.distances, dtype=np.float32)
        return self.rows_of(np.asarray(matches.keys)), similarities
