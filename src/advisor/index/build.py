"""Build a new index version from a knowledge folder: read, chunk, embed what changed, write,
validate, publish.

Chunk ids are hashes of their content, so a chunk whose id the published version already holds
keeps its vectors; only new or changed chunks are embedded (``full=True`` embeds everything).
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import numpy as np

from advisor.chunking.chunker import Chunk, chunk_document
from advisor.documents import KnowledgeLoad, read_knowledge
from advisor.documents.loader import READER_VERSION
from advisor.embedding import Embedder
from advisor.errors import AdvisorError, KnowledgeError
from advisor.index.ann import LARGE_INDEX, graph_model
from advisor.index.store import (
    FORMAT_VERSION,
    LEXICAL,
    GraphUpdate,
    IndexData,
    LoadedIndex,
    Manifest,
    ModelEntry,
    read_index,
    write_index,
)
from advisor.index.versions import IndexVersions
from advisor.retrieval.lexical import LexicalIndex
from advisor.text.topics import topics_sha256
from advisor.understanding.example_vectors import ShippedVectors
from advisor.understanding.examples import ExampleQuestions

__all__ = ["BuildReport", "BuildRefused", "FileChanges", "build_index"]

_BATCH = 16
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileChanges:
    """What a build does to the chunks of one profile file."""

    file: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    reused: int = 0

    def describe(self) -> str:
        parts = [
            f"{n} {what}"
            for n, what in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
                (self.reused, "reused"),
            )
            if n
        ]
        return f"{self.file}: " + (", ".join(parts) or "nothing")


class BuildRefused(AdvisorError):
    """Some profile files are bad; nothing was published."""

    def __init__(self, errors: Sequence[KnowledgeError], changes: Sequence[FileChanges]) -> None:
        self.errors = tuple(errors)
        self.changes = tuple(changes)
        listed = "\n".join(f"  - {error}" for error in errors)
        others = "\n".join(f"  - {c.describe()}" for c in changes)
        super().__init__(
            f"{len(errors)} profile file(s) refused, the published index stays as it was:\n"
            f"{listed}" + (f"\nthe other files would have changed so:\n{others}" if others else "")
        )


@dataclass(frozen=True)
class BuildReport:
    """What a build did: the version published, per-file changes, what was embedded."""

    manifest: Manifest
    version: str
    files: tuple[FileChanges, ...]
    chunks_per_profile: dict[str, int]
    noise_lines: dict[str, int]
    embedded: int  # chunks embedded by this build
    reused: int  # chunks whose vectors came from the previous version
    seconds: float
    full: bool


class _Embedding:
    """Embeds in batches and reports progress over the whole build."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(
        self, texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray], dim: int
    ) -> np.ndarray:
        parts: list[np.ndarray] = [np.zeros((0, dim), dtype=np.float32)]
        for start in range(0, len(texts), _BATCH):
            parts.append(encode(texts[start : start + _BATCH]))
            self.done += len(parts[-1])
            if self.progress:
                self.progress(self.done, self.total)
        return np.vstack(parts).astype(np.float32)


def _unit_texts(chunk: Chunk, large: bool) -> list[str]:
    # A large index has no sentence vectors: they would take gigabytes (see index.ann).
    return [] if large else [f"{chunk.section}: {unit}" for unit in chunk.units()]


@dataclass(frozen=True)
class _Known:
    """What a build needs of a previous version's chunk: read once (parsing the chunks of
    10,000 profiles takes seconds)."""

    id: str
    file: str
    heading_path: tuple[str, ...]


def _known(index: LoadedIndex | None) -> list[_Known]:
    if index is None:
        return []
    return [_Known(chunk.id, chunk.file, chunk.heading_path) for chunk in index.chunks]


def _changes(
    chunks: Sequence[Chunk], previous: Sequence[_Known], files: Sequence[str]
) -> list[FileChanges]:
    """Per file: chunks kept as they were, changed in place (same heading), added, removed."""
    old_ids = {chunk.id for chunk in previous}
    new_ids = {chunk.id for chunk in chunks}
    by_file: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_file.setdefault(chunk.file, []).append(chunk)
    gone_by_file: dict[str, Counter[tuple[str, ...]]] = {}
    for known in previous:
        gone_by_file.setdefault(known.file, Counter())
        if known.id not in new_ids:
            gone_by_file[known.file][known.heading_path] += 1
    report = []
    for file in sorted(set(files) | set(gone_by_file)):
        mine = by_file.get(file, [])
        gone = gone_by_file.get(file, Counter())
        reused = sum(c.id in old_ids for c in mine)
        changed = added = 0
        for chunk in mine:
            if chunk.id in old_ids:
                continue
            if gone[chunk.heading_path] > 0:
                gone[chunk.heading_path] -= 1
                changed += 1
            else:
                added += 1
        report.append(FileChanges(file, added, changed, sum(gone.values()), reused))
    return report


def _previous(versions: IndexVersions, embedders: Sequence[Embedder]) -> LoadedIndex | None:
    """The published version, if its vectors can be reused with these models."""
    try:
        models = {e.name: e.model_id for e in embedders}
        return read_index(versions.published_path(), models, for_reuse=True)
    except AdvisorError:
        return None


def _reused_rows(chunks: Sequence[Chunk], previous_ids: Sequence[str]) -> np.ndarray:
    """For each of ``chunks``, the row of the previous version holding the same chunk id, or
    -1 (a new or changed chunk)."""
    old_rows = {chunk_id: row for row, chunk_id in enumerate(previous_ids)}
    return np.array([old_rows.get(chunk.id, -1) for chunk in chunks], dtype=np.int64)


def _vectors_for(
    chunks: Sequence[Chunk],
    previous: LoadedIndex | None,
    reused: np.ndarray,
    embedder: Embedder,
    embed: _Embedding,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Chunk vectors, unit vectors and unit owners for ``chunks``, reusing the rows of the
    previous version that ``reused`` names (see :func:`_reused_rows`)."""
    large = len(chunks) >= LARGE_INDEX
    fresh_rows = np.flatnonzero(reused < 0)
    matrix = np.empty((len(chunks), embedder.dim), dtype=np.float32)
    texts = [chunks[int(row)].embedding_text() for row in fresh_rows]
    matrix[fresh_rows] = embed(texts, embedder.embed_passages, embedder.dim)
    if previous is not None and len(fresh_rows) < len(chunks):
        kept = np.flatnonzero(reused >= 0)
        # One gather, in row order, from the memory-mapped file: at 10,000 profiles a copy
        # row by row took seconds per model.
        matrix[kept] = previous.data.vectors[embedder.name][reused[kept]]
    if large:  # no sentence vectors (see index.ann)
        return matrix, np.zeros((0, embedder.dim), dtype=np.float32), np.zeros(0, np.int32)
    starts = np.zeros(0, dtype=np.int64)
    units = None
    if previous is not None:
        # Units are stored in chunk order: row r owns units[starts[r]:starts[r + 1]].
        owners_old = previous.data.unit_chunks
        starts = np.searchsorted(owners_old, np.arange(len(previous.chunks) + 1))
        units = previous.data.unit_vectors[embedder.name]
    blocks: list[np.ndarray] = [np.zeros((0, embedder.dim), dtype=np.float32)]
    owners: list[int] = []
    for row, chunk in enumerate(chunks):
        old = int(reused[row])
        if old >= 0 and units is not None and starts[old] < starts[old + 1]:
            block = np.asarray(units[starts[old] : starts[old + 1]])
        else:
            # New, changed, or from a large previous version (which had no sentence vectors).
            block = embed(_unit_texts(chunk, large), embedder.embed_passages, embedder.dim)
        blocks.append(block)
        owners.extend([row] * len(block))
    return matrix, np.vstack(blocks).astype(np.float32), np.array(owners, dtype=np.int32)


def _graph_update(
    previous: LoadedIndex | None, reused: np.ndarray, chunks: Sequence[Chunk]
) -> GraphUpdate | None:
    """How to make the new version's graph from the previous one's (None: build it anew):
    when the previous version has one with a column for every topic of ``chunks``, and this
    build changes at most a quarter of it (the slots of the chunks removed are reused; past
    that a new graph is as quick and better)."""
    if previous is None or not previous.data.ann:
        return None
    (name, graph), *_ = previous.data.ann.items()
    if name != graph_model([entry.name for entry in previous.manifest.models]):
        return None
    if not {chunk.topic for chunk in chunks} <= set(graph.labels):
        return None
    keys = np.empty(len(reused), dtype=np.uint64)
    # A chunk reused twice (the same passage twice in a profile) is added again the second time:
    # a key names one row.
    first = np.zeros(len(reused), dtype=bool)
    kept = np.flatnonzero(reused >= 0)
    _, first_of = np.unique(reused[kept], return_index=True)
    first[kept[first_of]] = True
    fresh = np.flatnonzero(~first)
    removed_rows = np.setdiff1d(np.arange(len(graph.keys)), reused[first])
    if len(fresh) + len(removed_rows) > len(graph.keys) // 4:
        return None
    keys[first] = graph.keys[reused[first]]
    keys[fresh] = int(graph.keys.max(initial=0)) + 1 + np.arange(len(fresh), dtype=np.uint64)
    entry = next(e for e in previous.manifest.models if e.name == name)
    path = previous.directory / entry.file("ann")
    return GraphUpdate(path, graph.labels, graph.scale, graph.keys[removed_rows], keys, fresh)


def _validate(path: Path, embedders: Sequence[Embedder], files: Sequence[str]) -> LoadedIndex:
    """A version is published only if it loads with these models, holds chunks, and every
    profile file has some."""
    loaded = read_index(path, {e.name: e.model_id for e in embedders})
    if not loaded.chunks:
        raise AdvisorError(f"the new index in {path} holds no chunk")
    missing = set(files) - {chunk.file for chunk in loaded.chunks}
    if missing:
        raise AdvisorError(f"the new index has no chunk from {', '.join(sorted(missing))}")
    return loaded


def build_index(
    knowledge_dir: Path,
    index_dir: Path,
    embedders: Sequence[Embedder],
    progress: Progress | None = None,
    full: bool = False,
) -> BuildReport:
    """Build, validate and publish a new version of the index of ``knowledge_dir``.

    Raises :class:`BuildRefused` (naming each bad file) or :class:`IndexBusy` (another build
    runs) and then publishes nothing: the version being served stays.
    """
    started = time.perf_counter()
    versions = IndexVersions(index_dir)
    with versions.lock():
        versions.clean_partials()
        partial = versions.start()
        try:
            version, report = _build(knowledge_dir, partial, embedders, versions, progress, full)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        versions.publish(version)
        versions.prune()
    return replace(report, seconds=time.perf_counter() - started)


def _build(
    knowledge_dir: Path,
    partial: Path,
    embedders: Sequence[Embedder],
    versions: IndexVersions,
    progress: Progress | None,
    full: bool,
) -> tuple[Path, BuildReport]:
    """Write a complete, validated version into ``partial``; return it and the report."""
    load = read_knowledge(knowledge_dir)
    chunks = [chunk for document in load.documents for chunk in chunk_document(document)]
    published = _previous(versions, embedders)
    previous = None if full else published  # a full build reuses no passage's vector
    files = [document.file for document in load.documents]
    # The report compares with the version served, full build or not.
    published_chunks = _known(published)
    changes = _changes(chunks, published_chunks, files)
    if load.errors:
        bad = {error.path.name for error in load.errors}
        raise BuildRefused(load.errors, [c for c in changes if c.file not in bad])
    if not load.documents:
        raise KnowledgeError(knowledge_dir, "no profile (.md or .txt) in the knowledge folder")
    previous_ids = [known.id for known in published_chunks] if previous else []
    embedded = _embed_all(chunks, previous, previous_ids, embedders, progress, published)
    manifest = _manifest(load, chunks, embedders, len(embedded.owners), embedded.examples_sha256)
    terms = LexicalIndex.saved_terms(previous.directory / LEXICAL) if previous else None
    data = IndexData.of(
        chunks,
        embedded.vectors,
        embedded.unit_vectors,
        embedded.owners,
        embedded.example_vectors,
        terms,
        embedded.reused_rows.tolist(),
    )
    large = len(chunks) >= LARGE_INDEX
    graph = _graph_update(previous, embedded.reused_rows, chunks) if large else None
    write_index(partial, manifest, data, graph)
    _validate(partial, embedders, files)
    version = versions.finish(partial)
    reused = int(np.count_nonzero(embedded.reused_rows >= 0))
    return version, BuildReport(
        manifest=manifest,
        version=version.name,
        files=tuple(changes),
        chunks_per_profile=dict(Counter(chunk.profile_id for chunk in chunks)),
        noise_lines={d.profile_id: len(d.noise) for d in load.documents},
        embedded=len(chunks) - reused,
        reused=reused,
        seconds=0.0,
        full=previous is None,
    )


@dataclass(frozen=True)
class _Embedded:
    """Every vector of a new version, per model: the chunks', their units' (with each unit's
    chunk, ``owners``) and the example questions'; ``reused_rows``: per chunk, its row in the
    previous version (-1: embedded anew)."""

    vectors: dict[str, np.ndarray]
    unit_vectors: dict[str, np.ndarray]
    owners: np.ndarray
    example_vectors: dict[str, np.ndarray]
    reused_rows: np.ndarray
    examples_sha256: str


def _embed_all(
    chunks: list[Chunk],
    previous: LoadedIndex | None,
    previous_ids: list[str],
    embedders: Sequence[Embedder],
    progress: Progress | None,
    published: LoadedIndex | None,
) -> _Embedded:
    """Embed what the previous version does not hold already, with every model. The packaged
    example messages are the same whatever staff changed: even a full build takes their
    vectors from the ``published`` version when it made them of the same files (3,652
    messages, 30 s with e5 on 2 cores), else from the vectors shipped for the model
    (:mod:`advisor.understanding.example_vectors`), embedding only those they lack."""
    examples = ExampleQuestions.packaged()
    reuse_examples = published is not None and published.manifest.examples_sha256 == examples.sha256
    shipped = (
        {} if reuse_examples else {e.name: ShippedVectors.packaged(e.model_id) for e in embedders}
    )
    reused_rows = _reused_rows(chunks, previous_ids)
    large = len(chunks) >= LARGE_INDEX
    fresh = int(np.count_nonzero(reused_rows < 0))
    fresh_units = sum(
        len(_unit_texts(chunks[row], large)) for row in np.flatnonzero(reused_rows < 0)
    )
    unshipped = sum(len(vectors.missing(examples.texts)) for vectors in shipped.values())
    total = (fresh + fresh_units) * len(embedders) + unshipped
    embed = _Embedding(total, progress)
    vectors, unit_vectors, example_vectors = {}, {}, {}
    owners = np.zeros(0, dtype=np.int32)
    for embedder in embedders:
        vectors[embedder.name], unit_vectors[embedder.name], owners = _vectors_for(
            chunks, previous, reused_rows, embedder, embed
        )
        if reuse_examples:
            assert published is not None
            example_vectors[embedder.name] = published.data.example_vectors[embedder.name]
        else:
            encode = partial(embed, encode=embedder.embed_queries, dim=embedder.dim)
            example_vectors[embedder.name] = shipped[embedder.name].complete(
                examples.texts, encode, embedder.dim
            )
    if not embedders:
        owners = np.array(
            [row for row, c in enumerate(chunks) for _ in _unit_texts(c, large)], dtype=np.int32
        )
    return _Embedded(vectors, unit_vectors, owners, example_vectors, reused_rows, examples.sha256)


def _manifest(
    load: KnowledgeLoad,
    chunks: list[Chunk],
    embedders: Sequence[Embedder],
    unit_count: int,
    examples_sha256: str,
) -> Manifest:
    return Manifest(
        format_version=FORMAT_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        models=tuple(ModelEntry(e.name, e.model_id, e.dim) for e in embedders),
        sources=load.hashes,
        chunk_count=len(chunks),
        unit_count=unit_count,
        profiles={d.profile_id: d.title for d in load.documents},
        aliases={d.profile_id: list(d.aliases) for d in load.documents if d.aliases},
        sectors={d.profile_id: d.sector for d in load.documents if d.sector},
        examples_sha256=examples_sha256,
        topics_sha256=topics_sha256(),
        reader_version=READER_VERSION,
    )
