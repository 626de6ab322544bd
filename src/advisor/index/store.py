"""Reading and writing the index directory.

Layout::

    manifest.json            format version, models and dimensions, build time, source hashes
    chunks.jsonl             one chunk's metadata and text per line, in vector row order
    chunk-offsets.npy        int64 (chunks + 1): where each line starts (see ChunkTable)
    chunk-columns.npz        each chunk's topic, profile and language, as codes
    vectors-<model>.npy      float32 (chunks × dim), L2-normalised, memory-mapped when loaded
    units-<model>.npy        float32 (units × dim): each sentence or list line of a chunk
                             (none in a large index: see advisor.index.ann)
    unit-chunks.npy          int32 (units): the chunk row each unit belongs to
    examples-<model>.npy     float32: the example questions (see advisor.understanding.examples)
    ann-<model>.usearch      large indexes only, one model only (see advisor.index.ann): the
                             graph of its chunk vectors and their topics
    graph-keys.npy           uint64 (chunks): each row's key in the graph
    graph-topics.json        the topics of the graph's one-hot columns, in order, and the value
                             a node's column holds
    lexical/                 the BM25 index, memory-mapped when loaded, the lines holding
                             each term (line-*.npy, see advisor.retrieval.line_index) and
                             each chunk's stems (terms.npz, read by the next build only)
    words.txt                the folded words of the chunks, for typo correction
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from advisor.chunking.chunker import Chunk
from advisor.errors import IndexCorrupt, IndexMismatch, IndexMissing
from advisor.index.ann import LARGE_INDEX, TOPIC_SCALE, AnnIndex, graph_model
from advisor.index.centroids import CENTROIDS, profile_centroids
from advisor.index.chunk_table import ChunkColumns, ChunkTable
from advisor.retrieval.lexical import ChunkTerms, LexicalIndex

__all__ = [
    "FORMAT_VERSION",
    "Manifest",
    "ModelEntry",
    "IndexData",
    "LoadedIndex",
    "write_index",
    "read_manifest",
    "read_index",
    "load_index",
    "GraphUpdate",
    "graph_topics",
]

FORMAT_VERSION = 6  # 5: one graph, of vectors and topics, keyed; 6: the lines' terms
# Formats whose chunks, vectors and BM25 a build may reuse (4 differs only by its graphs).
REUSABLE_FORMATS = (4, 5, 6)
GRAPH_FORMATS = (5, 6)  # the formats whose graph is this one's
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
OFFSETS = "chunk-offsets.npy"
COLUMNS = "chunk-columns.npz"
UNIT_CHUNKS = "unit-chunks.npy"
LEXICAL = "lexical"
WORDS = "words.txt"
GRAPH_KEYS = "graph-keys.npy"
GRAPH_TOPICS = "graph-topics.json"


@dataclass(frozen=True)
class ModelEntry:
    """One dense model of the index: the name the settings use, its exact model and size."""

    name: str
    model_id: str
    dim: int

    def file(self, kind: str) -> str:
        """``vectors``, ``units``, ``examples`` or ``ann`` file of this model."""
        safe = "".join(ch if ch.isalnum() else "-" for ch in self.name)[:60]
        return f"{kind}-{safe}.usearch" if kind == "ann" else f"{kind}-{safe}.npy"


@dataclass(frozen=True)
class Manifest:
    format_version: int
    built_at: str
    models: tuple[ModelEntry, ...]
    sources: dict[str, str]  # file name → sha256
    chunk_count: int
    unit_count: int = 0
    profiles: dict[str, str] = field(default_factory=dict)  # profile id → title
    aliases: dict[str, list[str]] = field(default_factory=dict)  # profile id → other names
    sectors: dict[str, str] = field(default_factory=dict)  # profile id → its field of work
    examples_sha256: str = ""  # the example questions embedded in examples-<model>.npy
    topics_sha256: str = ""  # the topic file (data/topics.yaml) its sections' topics came from
    reader_version: int = 1  # how its files were read (documents.loader.READER_VERSION)

    def describe_models(self) -> str:
        return ", ".join(f"{m.name} ({m.model_id}, {m.dim}-d)" for m in self.models) or "no model"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        raw["models"] = tuple(ModelEntry(**entry) for entry in raw["models"])
        return cls(**raw)


@dataclass(frozen=True)
class IndexData:
    """Everything an index holds besides its manifest."""

    chunks: Sequence[Chunk]
    vectors: dict[str, np.ndarray]  # model → (chunks × dim)
    unit_vectors: dict[str, np.ndarray]  # model → (units × dim)
    unit_chunks: np.ndarray  # (units,) chunk row of each unit, ascending
    example_vectors: dict[str, np.ndarray]  # model → (example questions × dim)
    columns: ChunkColumns
    lexical: LexicalIndex
    words: frozenset[str]  # the chunks' folded words
    ann: dict[str, AnnIndex] = field(default_factory=dict)  # model → index (large ones only)
    # Each profile's centroid, first model (see centroids.py); None in versions made before.
    centroids: np.ndarray | None = None

    @classmethod
    def of(
        cls,
        chunks: Sequence[Chunk],
        vectors: dict[str, np.ndarray],
        unit_vectors: dict[str, np.ndarray],
        unit_chunks: np.ndarray,
        example_vectors: dict[str, np.ndarray],
        terms: ChunkTerms | None = None,
        reused: Sequence[int] = (),
    ) -> IndexData:
        """The data of freshly made chunks and vectors: derives the columns, BM25, words.
        ``terms``: the previous version's BM25 terms per chunk, of which chunk ``i`` reuses
        row ``reused[i]`` (-1: stemmed anew)."""
        from advisor.understanding.spelling import Speller

        return cls(
            chunks=tuple(chunks),
            vectors=vectors,
            unit_vectors=unit_vectors,
            unit_chunks=unit_chunks,
            example_vectors=example_vectors,
            columns=ChunkColumns.of(chunks),
            lexical=LexicalIndex.build(
                [chunk.embedding_text() for chunk in chunks],
                [chunk.language for chunk in chunks],
                terms,
                reused,
                [chunk.text for chunk in chunks],
            ),
            words=frozenset(Speller.words_of(chunk.embedding_text() for chunk in chunks)),
            centroids=_centroids(chunks, vectors),
        )


@dataclass(frozen=True)
class GraphUpdate:
    """How a build makes its graph from the previous version's instead of anew: the keys of
    the chunks gone, and each new row's key (``fresh`` rows get new keys and are added)."""

    previous: Path  # the previous version's graph file, only read
    labels: tuple[str, ...]  # its topics
    scale: float  # what its nodes' topic columns hold
    removed: np.ndarray  # keys
    keys: np.ndarray  # (chunks,) uint64
    fresh: np.ndarray  # rows to add


@dataclass(frozen=True)
class LoadedIndex:
    """An index in memory: the vectors are memory-mapped, read-only."""

    directory: Path
    manifest: Manifest
    data: IndexData

    @property
    def chunks(self) -> Sequence[Chunk]:
        return self.data.chunks

    @property
    def version(self) -> str:
        """The version's name (its folder's)."""
        return self.directory.name


def _replace_atomically(path: Path, write: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        if isinstance(write, bytes):
            handle.write(write)
        else:
            np.save(handle, np.ascontiguousarray(write))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _centroids(chunks: Sequence[Chunk], vectors: dict[str, np.ndarray]) -> np.ndarray | None:
    if not chunks or not vectors:
        return None
    profiles = np.array([chunk.profile_id for chunk in chunks], dtype=object)
    languages = np.array([chunk.language for chunk in chunks], dtype=object)
    return profile_centroids(profiles, languages, next(iter(vectors.values())))


def graph_topics(topics: Iterable[object]) -> tuple[str, ...]:
    """The topics a new graph gives a one-hot column: every packaged topic, in their order,
    and any other the chunks have (so that a later build adding chunks of a packaged topic
    can update the graph rather than build it anew)."""
    from advisor.text.topics import GENERAL, load_topics

    labels = [GENERAL, *(topic.name for topic in load_topics() if topic.name != GENERAL)]
    return (*labels, *sorted({str(t) for t in topics} - set(labels)))


def write_index(
    directory: Path, manifest: Manifest, data: IndexData, graph: GraphUpdate | None = None
) -> None:
    """Write an index; the manifest goes last, so a directory without one is incomplete.
    ``graph``: update the previous version's graph rather than build it anew."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST).unlink(missing_ok=True)
    graphed = graph_model([entry.name for entry in manifest.models])
    for entry in manifest.models:
        _replace_atomically(directory / entry.file("vectors"), data.vectors[entry.name])
        _replace_atomically(directory / entry.file("units"), data.unit_vectors[entry.name])
        _replace_atomically(directory / entry.file("examples"), data.example_vectors[entry.name])
        if len(data.chunks) >= LARGE_INDEX and entry.name == graphed:
            target = directory / entry.file("ann")
            topics = data.columns.topic
            if graph is None:
                labels, scale = graph_topics(topics), TOPIC_SCALE
                keys = AnnIndex.build(data.vectors[entry.name], topics, labels, target)
            else:
                labels, scale, keys, fresh = graph.labels, graph.scale, graph.keys, graph.fresh
                added = np.asarray(data.vectors[entry.name][fresh])
                removed = graph.removed
                update = (graph.previous, target, removed, keys[fresh], added, topics[fresh])
                AnnIndex.update(*update, labels, scale)
            _replace_atomically(directory / GRAPH_KEYS, keys.astype(np.uint64))
            described = {"topics": list(labels), "scale": scale}
            _replace_atomically(directory / GRAPH_TOPICS, json.dumps(described).encode())
    if data.centroids is not None:
        _replace_atomically(directory / CENTROIDS, data.centroids)
    else:
        (directory / CENTROIDS).unlink(missing_ok=True)
    _replace_atomically(directory / UNIT_CHUNKS, data.unit_chunks.astype(np.int32))
    offsets = ChunkTable.write(directory / CHUNKS, data.chunks)
    _replace_atomically(directory / OFFSETS, offsets)
    data.columns.save(directory / COLUMNS)
    data.lexical.save(directory / LEXICAL)
    words = "\n".join(sorted(data.words)) + "\n"
    _replace_atomically(directory / WORDS, words.encode("utf-8"))
    _replace_atomically(directory / MANIFEST, manifest.to_json().encode("utf-8"))


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.is_file():
        raise IndexMissing(directory)
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise IndexCorrupt(directory, f"{MANIFEST}: {error}") from None


def load_index(root: Path, expected_models: dict[str, str]) -> LoadedIndex:
    """Load the version published in the index folder ``root`` (see :mod:`.versions`)."""
    from advisor.index.versions import IndexVersions

    return read_index(IndexVersions(root).published_path(), expected_models)


def read_index(
    directory: Path, expected_models: dict[str, str], for_reuse: bool = False
) -> LoadedIndex:
    """Load the index in ``directory``, built with exactly ``expected_models`` (name → id).

    ``for_reuse``: by a build, for its chunks, vectors and BM25 terms only; a version of an
    older format whose files of those are the same (:data:`REUSABLE_FORMATS`) is accepted,
    without its graphs, so that a new format does not mean embedding every passage again."""
    manifest = read_manifest(directory)
    _check_built_with(directory, manifest, expected_models, for_reuse)
    try:
        data = _read_data(directory, manifest)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexCorrupt(directory, str(error)) from None
    _check_sizes(directory, manifest, data)
    return LoadedIndex(directory, manifest, data)


def _check_built_with(
    directory: Path, manifest: Manifest, expected_models: dict[str, str], for_reuse: bool
) -> None:
    built = {entry.name: entry.model_id for entry in manifest.models}
    formats = REUSABLE_FORMATS if for_reuse else (FORMAT_VERSION,)
    if manifest.format_version not in formats or built != expected_models:
        expected = ", ".join(f"{n} ({m})" for n, m in expected_models.items()) or "no model"
        raise IndexMismatch(
            directory,
            f"format {manifest.format_version} and {manifest.describe_models()}",
            f"format {FORMAT_VERSION} and {expected}",
        )


def _read_data(directory: Path, manifest: Manifest) -> IndexData:
    """Every file of a version: vectors memory-mapped, the graph of a large index loaded."""

    def matrices(kind: str, mmap: bool) -> dict[str, np.ndarray]:
        return {
            entry.name: np.load(directory / entry.file(kind), mmap_mode="r" if mmap else None)
            for entry in manifest.models
        }

    return IndexData(
        chunks=ChunkTable(directory / CHUNKS, np.load(directory / OFFSETS)),
        vectors=matrices("vectors", mmap=True),
        unit_vectors=matrices("units", mmap=True),
        unit_chunks=np.load(directory / UNIT_CHUNKS),
        example_vectors=matrices("examples", mmap=False),
        columns=ChunkColumns.load(directory / COLUMNS),
        lexical=LexicalIndex.load(directory / LEXICAL),
        words=frozenset((directory / WORDS).read_text(encoding="utf-8").split()),
        ann=_read_graphs(directory, manifest),
        centroids=np.load(directory / CENTROIDS) if (directory / CENTROIDS).is_file() else None,
    )


def _read_graphs(directory: Path, manifest: Manifest) -> dict[str, AnnIndex]:
    if manifest.format_version not in GRAPH_FORMATS:
        return {}
    graphed = graph_model([entry.name for entry in manifest.models])
    graphs = {e.name: directory / e.file("ann") for e in manifest.models if e.name == graphed}
    present = {name: path for name, path in graphs.items() if path.is_file()}
    if not present:
        return {}
    described = json.loads((directory / GRAPH_TOPICS).read_text(encoding="utf-8"))
    topics, scale = list(described["topics"]), float(described["scale"])
    keys_path = directory / GRAPH_KEYS
    keys = np.load(keys_path) if keys_path.is_file() else None
    return {name: AnnIndex.load(path, topics, scale, keys) for name, path in present.items()}


def _check_sizes(directory: Path, manifest: Manifest, data: IndexData) -> None:
    count = len(data.chunks)
    if (
        count != manifest.chunk_count
        or len(data.unit_chunks) != manifest.unit_count
        or len(data.columns) != manifest.chunk_count
    ):
        raise IndexCorrupt(directory, "chunk or unit counts differ from the manifest")
    for entry in manifest.models:
        if data.vectors[entry.name].shape != (count, entry.dim):
            raise IndexCorrupt(directory, f"{entry.file('vectors')} has the wrong shape")
        if data.unit_vectors[entry.name].shape != (manifest.unit_count, entry.dim):
            raise IndexCorrupt(directory, f"{entry.file('units')} has the wrong shape")
