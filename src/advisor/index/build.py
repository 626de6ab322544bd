"""Build an index from a knowledge folder: read, chunk, embed, write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from advisor.chunking import Chunk, chunk_document
from advisor.documents import read_knowledge
from advisor.embedding import Embedder
from advisor.errors import AdvisorError, KnowledgeError
from advisor.examples import ExampleQuestions
from advisor.index.store import FORMAT_VERSION, IndexData, Manifest, ModelEntry, write_index

__all__ = ["BuildReport", "BuildRefused", "build_index"]

_BATCH = 16
Progress = Callable[[int, int], None]


class BuildRefused(AdvisorError):
    """Some profile files are bad; nothing was written."""

    def __init__(self, errors: Sequence[KnowledgeError]) -> None:
        self.errors = tuple(errors)
        listed = "\n".join(f"  - {error}" for error in errors)
        super().__init__(f"{len(errors)} profile file(s) refused, index left as it was:\n{listed}")


@dataclass(frozen=True)
class BuildReport:
    """What a build indexed: chunks per profile, the noise lines left out, the manifest."""

    manifest: Manifest
    chunks_per_profile: dict[str, int]
    noise_lines: dict[str, int]


class _Embedding:
    """Embeds in batches and reports progress over the whole build."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def __call__(
        self, texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray]
    ) -> np.ndarray:
        parts: list[np.ndarray] = []
        for start in range(0, len(texts), _BATCH):
            parts.append(encode(texts[start : start + _BATCH]))
            self.done += len(parts[-1])
            if self.progress:
                self.progress(self.done, self.total)
        return np.vstack(parts).astype(np.float32)


def build_index(
    knowledge_dir: Path,
    index_dir: Path,
    embedders: Sequence[Embedder],
    progress: Progress | None = None,
) -> BuildReport:
    """Index every profile of ``knowledge_dir`` into ``index_dir``; refuse if a file is bad."""
    load = read_knowledge(knowledge_dir)
    if load.errors:
        raise BuildRefused(load.errors)
    if not load.documents:
        raise KnowledgeError(knowledge_dir, "no profile (.md or .txt) in the knowledge folder")
    chunks: list[Chunk] = []
    for document in load.documents:
        chunks.extend(chunk_document(document))
    texts = [chunk.embedding_text() for chunk in chunks]
    unit_texts: list[str] = []
    unit_chunks: list[int] = []
    for row, chunk in enumerate(chunks):
        for unit in chunk.units():
            unit_texts.append(f"{chunk.section}: {unit}")
            unit_chunks.append(row)
    examples = ExampleQuestions.packaged()
    embed = _Embedding(
        (len(texts) + len(unit_texts) + len(examples.texts)) * len(embedders), progress
    )
    data = IndexData(
        chunks=tuple(chunks),
        vectors={e.name: embed(texts, e.embed_passages) for e in embedders},
        unit_vectors={e.name: embed(unit_texts, e.embed_passages) for e in embedders},
        unit_chunks=np.array(unit_chunks, dtype=np.int32),
        # The examples are questions, so they are embedded as questions.
        example_vectors={e.name: embed(examples.texts, e.embed_queries) for e in embedders},
    )
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        models=tuple(ModelEntry(e.name, e.model_id, e.dim) for e in embedders),
        sources=load.hashes,
        chunk_count=len(chunks),
        unit_count=len(unit_texts),
        profiles={d.profile_id: d.title for d in load.documents},
        aliases={d.profile_id: list(d.aliases) for d in load.documents if d.aliases},
        examples_sha256=examples.sha256,
    )
    write_index(index_dir, manifest, data)
    per_profile: dict[str, int] = {}
    for chunk in chunks:
        per_profile[chunk.profile_id] = per_profile.get(chunk.profile_id, 0) + 1
    return BuildReport(manifest, per_profile, {d.profile_id: len(d.noise) for d in load.documents})
