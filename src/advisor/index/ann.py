"""Approximate nearest chunks for large indexes (``usearch``, HNSW with float16 vectors).

Up to :data:`LARGE_INDEX` chunks an exact product with every chunk vector costs well under a
millisecond and is what the advisor does. From there on (a few hundred profiles) one model's
chunk vectors also get an HNSW graph: a question's candidates are the chunks nearest in that
graph and the best BM25 chunks, and only they are scored (the graph's model from the float16
vectors the graph stores, the other models from their rows of ``vectors-<model>.npy``).

What the graph finds is what the fusion ranks by, as far as one graph can: each node is the
chunk's vector followed by a one-hot of its topic, and the question's is its vector followed
by the bonus the fusion gives each topic (see ``Retriever``), compared by inner product. So a
chunk that the topic bonus lifts into the top ten is found, which no search by similarity
alone finds. The graph is USE's, when the index has it: USE's similarities spread wider than
e5's and decide more of the fused ranking. Measured on 25,000 distinct real texts (Debian's
package descriptions, docs/benchmarks.md), recall@10 of the final ranking against exact search
was 0.70 with an e5 graph by similarity, 0.83 with both models' graphs, 0.97 with this one;
one graph instead of two also saves 2 ms a question and 230 MB at 10,000 profiles.

usearch was chosen over hnswlib (scripts/ann_choice.py): at equal recall and speed, its index
is one file that every worker memory-maps (one copy in the page cache, not one per process, as
hnswlib's would be). float16 keeps float32's recall at half the size; int8 lost much of it.

Graph keys are not rows: a chunk keeps its key from version to version (``graph-keys.npy``
gives each row's), so that a build that changes a few chunks updates the previous graph
(removes the keys of the chunks gone, adds the new ones) instead of building it again, which
took minutes at 10,000 profiles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

__all__ = ["LARGE_INDEX", "TOPIC_SCALE", "AnnIndex", "graph_model"]

LARGE_INDEX = 5_000  # chunks; below this the search is exact
_CONNECTIVITY = 16
_EXPANSION_ADD = 128
_EXPANSION_SEARCH = 256


_PREFERRED = "use"  # see above
# A node's topic column holds this, the question's the topic's bonus divided by it: their
# product is the bonus. Among nodes, though, a shared topic adds only its square to their
# inner product, so the graph links chunks by meaning more than by topic. Measured on 25,000
# distinct real texts (final ranking recall@10): 0.968 with 1.0, 0.993 with 0.3, 0.959 with
# 0.1 (the question's topic columns then outweigh its meaning and the search loses its way).
TOPIC_SCALE = 0.3  # a new graph's; each graph keeps its own (AnnIndex.scale)


def graph_model(models: Sequence[str]) -> str | None:
    """The model whose chunk vectors get a graph in a large index: USE if the index has it,
    else the first."""
    if _PREFERRED in models:
        return _PREFERRED
    return models[0] if models else None


def _nodes(
    vectors: np.ndarray, topics: np.ndarray, labels: Sequence[str], scale: float
) -> np.ndarray:
    """The graph's vectors: each chunk vector followed by the one-hot of its topic."""
    nodes = np.zeros((len(vectors), vectors.shape[1] + len(labels)), dtype=np.float32)
    nodes[:, : vectors.shape[1]] = vectors
    column = {label: i for i, label in enumerate(labels)}
    codes = np.array([column[str(t)] for t in topics], dtype=np.int64)
    nodes[np.arange(len(vectors)), vectors.shape[1] + codes] = scale
    return nodes


class AnnIndex:
    """An HNSW graph of chunk vectors with their topics, and the graph key of each row."""

    def __init__(
        self, index: object, labels: Sequence[str], scale: float, keys: np.ndarray | None
    ) -> None:
        self._index = index
        self.labels = tuple(labels)  # the topics, in the order of their one-hot columns
        self.scale = scale  # what a node's topic column holds
        self._dim = int(index.ndim) - len(self.labels)  # type: ignore[attr-defined]
        self.keys = np.arange(len(self), dtype=np.uint64) if keys is None else keys
        # Keys to rows: sorted keys and, for each, its row. Rows are keys in a full build.
        self._identity = keys is None or bool(np.array_equal(keys, np.arange(len(keys))))
        self._order = np.zeros(0, dtype=np.int64)
        self._sorted = np.zeros(0, dtype=np.uint64)
        if not self._identity:
            self._order = np.argsort(self.keys, kind="stable")
            self._sorted = self.keys[self._order]

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        topics: np.ndarray,
        labels: Sequence[str],
        path: Path,
        threads: int = 0,
    ) -> np.ndarray:
        """Build the graph of ``vectors`` (L2-normalised rows) of chunks of ``topics`` (each
        one of ``labels``), save it to ``path``; returns the keys of the rows (the rows)."""
        from usearch.index import Index

        index = Index(
            ndim=vectors.shape[1] + len(labels),
            metric="ip",
            dtype="f16",
            connectivity=_CONNECTIVITY,
            expansion_add=_EXPANSION_ADD,
        )
        keys = np.arange(len(vectors), dtype=np.uint64)
        nodes = _nodes(np.asarray(vectors), topics, labels, TOPIC_SCALE)
        index.add(keys, nodes, threads=threads)
        index.save(str(path))
        return keys

    @classmethod
    def update(
        cls,
        previous: Path,
        path: Path,
        removed: np.ndarray,
        added: np.ndarray,
        vectors: np.ndarray,
        topics: np.ndarray,
        labels: Sequence[str],
        scale: float,
        threads: int = 0,
    ) -> None:
        """Save to ``path`` the graph saved at ``previous`` less the keys ``removed``, plus
        ``vectors`` of chunks of ``topics`` under the keys ``added`` (``labels`` and ``scale``:
        the previous graph's). ``previous`` is read, never written: the version it belongs to
        stays as published."""
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
            nodes = _nodes(np.asarray(vectors), topics, labels, scale)
            index.add(keys, nodes, threads=threads)
        index.save(str(path))

    @classmethod
    def load(
        cls, path: Path, labels: Sequence[str], scale: float, keys: np.ndarray | None = None
    ) -> AnnIndex:
        """The saved graph, memory-mapped read-only (``view``), shared by every process;
        ``keys``: the key of each row (None: the rows are the keys)."""
        from usearch.index import Index

        index = Index.restore(str(path), view=True)
        if index is None:
            raise ValueError(f"{path.name} is not a usearch index")
        index.expansion_search = _EXPANSION_SEARCH  # type: ignore[misc]  # it has a setter
        if keys is not None and len(keys) != len(index):
            raise ValueError(f"{path.name} holds {len(index)} vectors for {len(keys)} keys")
        return cls(index, labels, scale, keys)

    def __len__(self) -> int:
        return len(self._index)  # type: ignore[arg-type]

    def rows_of(self, keys: np.ndarray) -> np.ndarray:
        """The rows of graph ``keys``."""
        keys = np.asarray(keys, dtype=np.uint64)
        if self._identity:
            return keys.astype(np.int64)
        return self._order[np.searchsorted(self._sorted, keys)].astype(np.int64)

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored chunk vectors of ``rows`` (without their topic), as float32: scoring
        candidates from them touches no other file."""
        if not len(rows):
            return np.zeros((0, self._dim), dtype=np.float32)
        keys = self.keys[np.asarray(rows, dtype=np.int64)]
        found = self._index.get(keys, dtype=np.float32)  # type: ignore[attr-defined]
        return np.vstack(found)[:, : self._dim]

    def search(self, vector: np.ndarray, bonus: Mapping[str, float], count: int) -> np.ndarray:
        """Rows of the ``count`` chunks with the highest similarity to ``vector`` plus the
        ``bonus`` of their topic (0 for a topic not named), best first."""
        query = np.zeros(self._dim + len(self.labels), dtype=np.float32)
        query[: self._dim] = vector
        query[self._dim :] = [bonus.get(label, 0.0) / self.scale for label in self.labels]
        matches = self._index.search(query, count, threads=1)  # type: ignore[attr-defined]
        return self.rows_of(np.asarray(matches.keys))
