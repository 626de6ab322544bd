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
from advisor.scope import ScopeExamples
from advisor.index.store import FORMAT_VERSION, Manifest, ModelEntry, write_index

__all__ = ["BuildReport", "build_index", "BuildRefused"]

_BATCH = 16


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


def build_index(
    knowledge_dir: Path,
    index_dir: Path,
    embedders: Sequence[Embedder],
    progress: Callable[[int, int], None] | None = None,
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
    examples = ScopeExamples.packaged()
    total = (len(texts) + len(examples.all)) * len(embedders)
    done = 0

    def embed(texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
        nonlocal done
        parts: list[np.ndarray] = []
        for start in range(0, len(texts), _BATCH):
            parts.append(encode(texts[start : start + _BATCH]))
            done += len(parts[-1])
            if progress:
                progress(done, total)
        return np.vstack(parts).astype(np.float32)

    vectors: dict[str, np.ndarray] = {}
    scope_vectors: dict[str, np.ndarray] = {}
    for embedder in embedders:
        vectors[embedder.name] = embed(texts, embedder.embed_passages)
        # The examples are questions, so they are embedded as questions.
        scope_vectors[embedder.name] = embed(examples.all, embedder.embed_queries)
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        models=tuple(
            ModelEntry(e.name, e.model_id, e.dim, f"vectors-{_file_safe(e.name)}.npy")
            for e in embedders
        ),
        sources=load.hashes,
        chunk_count=len(chunks),
        profiles={d.profile_id: d.title for d in load.documents},
        aliases={d.profile_id: list(d.aliases) for d in load.documents if d.aliases},
        scope_sha256=examples.sha256,
        scope_inside=len(examples.inside),
    )
    write_index(index_dir, manifest, chunks, vectors, scope_vectors)
    per_profile: dict[str, int] = {}
    for chunk in chunks:
        per_profile[chunk.profile_id] = per_profile.get(chunk.profile_id, 0) + 1
    return BuildReport(manifest, per_profile, {d.profile_id: len(d.noise) for d in load.documents})


def _file_safe(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name)[:60]
