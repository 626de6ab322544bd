"""Reading and writing the index directory.

Layout::

    manifest.json        format version, models and dimensions, build time, source hashes
    chunks.jsonl         one chunk's metadata and text per line, in vector row order
    vectors-<model>.npy  float32 (chunks × dim), L2-normalised, memory-mapped when loaded
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from advisor.chunking import Chunk
from advisor.errors import IndexCorrupt, IndexMismatch, IndexMissing

__all__ = ["FORMAT_VERSION", "Manifest", "ModelEntry", "LoadedIndex", "write_index", "load_index"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"


@dataclass(frozen=True)
class ModelEntry:
    """One dense model of the index: the name the settings use, its exact model and size."""

    name: str
    model_id: str
    dim: int
    file: str


@dataclass(frozen=True)
class Manifest:
    format_version: int
    built_at: str
    models: tuple[ModelEntry, ...]
    sources: dict[str, str]  # file name → sha256
    chunk_count: int
    profiles: dict[str, str] = field(default_factory=dict)  # profile id → title
    aliases: dict[str, list[str]] = field(default_factory=dict)  # profile id → other names
    scope_sha256: str = ""  # the scope example questions embedded in scope-<model>.npy
    scope_inside: int = 0  # how many of their rows are the "about a job" examples

    def describe_models(self) -> str:
        return ", ".join(f"{m.name} ({m.model_id}, {m.dim}-d)" for m in self.models) or "no model"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        raw = json.loads(text)
        return cls(
            format_version=int(raw["format_version"]),
            built_at=str(raw["built_at"]),
            models=tuple(ModelEntry(**entry) for entry in raw["models"]),
            sources=dict(raw["sources"]),
            chunk_count=int(raw["chunk_count"]),
            profiles=dict(raw.get("profiles", {})),
            aliases={k: list(v) for k, v in raw.get("aliases", {}).items()},
            scope_sha256=str(raw.get("scope_sha256", "")),
            scope_inside=int(raw.get("scope_inside", 0)),
        )


@dataclass(frozen=True)
class LoadedIndex:
    """An index in memory: the vectors are memory-mapped, read-only."""

    directory: Path
    manifest: Manifest
    chunks: tuple[Chunk, ...]
    vectors: dict[str, np.ndarray]
    scope_vectors: dict[str, np.ndarray]


def _chunk_to_json(chunk: Chunk) -> str:
    return json.dumps(asdict(chunk), ensure_ascii=False)


def _chunk_from_json(line: str) -> Chunk:
    raw = json.loads(line)
    raw["heading_path"] = tuple(raw["heading_path"])
    return Chunk(**raw)


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def scope_file(entry: ModelEntry) -> str:
    return "scope-" + entry.file.removeprefix("vectors-")


def _save_matrix(path: Path, matrix: np.ndarray) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        np.save(handle, np.ascontiguousarray(matrix, dtype=np.float32))
    os.replace(temporary, path)


def write_index(
    directory: Path,
    manifest: Manifest,
    chunks: list[Chunk],
    vectors: dict[str, np.ndarray],
    scope_vectors: dict[str, np.ndarray],
) -> None:
    """Write an index; the manifest goes last, so a directory without one is incomplete."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / MANIFEST).unlink(missing_ok=True)
    for entry in manifest.models:
        _save_matrix(directory / entry.file, vectors[entry.name])
        _save_matrix(directory / scope_file(entry), scope_vectors[entry.name])
    lines = "".join(_chunk_to_json(chunk) + "\n" for chunk in chunks)
    _write_atomically(directory / CHUNKS, lines.encode("utf-8"))
    _write_atomically(directory / MANIFEST, manifest.to_json().encode("utf-8"))


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not path.is_file():
        raise IndexMissing(directory)
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise IndexCorrupt(directory, f"{MANIFEST}: {error}") from None


def load_index(directory: Path, expected_models: dict[str, str]) -> LoadedIndex:
    """Load an index built with exactly ``expected_models`` (name → model id)."""
    manifest = read_manifest(directory)
    built = {entry.name: entry.model_id for entry in manifest.models}
    if manifest.format_version != FORMAT_VERSION or built != expected_models:
        expected = ", ".join(f"{n} ({m})" for n, m in expected_models.items()) or "no model"
        raise IndexMismatch(
            directory,
            f"format {manifest.format_version} and {manifest.describe_models()}",
            f"format {FORMAT_VERSION} and {expected}",
        )
    try:
        with open(directory / CHUNKS, encoding="utf-8") as handle:
            chunks = tuple(_chunk_from_json(line) for line in handle if line.strip())
        vectors = {
            entry.name: np.load(directory / entry.file, mmap_mode="r") for entry in manifest.models
        }
        scope_vectors = {
            entry.name: np.load(directory / scope_file(entry)) for entry in manifest.models
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexCorrupt(directory, str(error)) from None
    if len(chunks) != manifest.chunk_count:
        raise IndexCorrupt(directory, f"{len(chunks)} chunks, manifest says {manifest.chunk_count}")
    for entry in manifest.models:
        if vectors[entry.name].shape != (len(chunks), entry.dim):
            raise IndexCorrupt(directory, f"{entry.file} has shape {vectors[entry.name].shape}")
    return LoadedIndex(directory, manifest, chunks, vectors, scope_vectors)
