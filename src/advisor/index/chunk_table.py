"""The chunks of an index, read from disk only when asked for.

A national portal's index holds hundreds of thousands of chunks: as Python objects they would
cost each worker hundreds of MB and seconds to load. The table keeps only the byte offset of
each chunk's line in ``chunks.jsonl`` (memory-mapped, shared by every worker) and, as small
numpy columns, what searches filter on: the topic, the profile and the language.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import overload

import numpy as np

from advisor.chunking.chunker import Chunk

__all__ = [
    "ChunkTable",
    "ChunkColumns",
    "chunk_to_json",
    "chunk_from_json",
    "chunks_by_id",
]

_COLUMNS = ("topic", "profile_id", "language")


def chunk_to_json(chunk: Chunk) -> str:
    # The fields in their order, as asdict() gives them, without its deep copy (8 s of a build
    # of 250,000 chunks).
    return json.dumps(vars(chunk), ensure_ascii=False)


def chunk_from_json(line: str | bytes) -> Chunk:
    raw = json.loads(line)
    raw["heading_path"] = tuple(raw["heading_path"])
    return Chunk(**raw)


class ChunkColumns:
    """Per chunk, in row order: its topic, profile id and language, as numpy arrays."""

    def __init__(self, topic: np.ndarray, profile_id: np.ndarray, language: np.ndarray) -> None:
        self.topic = topic
        self.profile_id = profile_id
        self.language = language

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> ChunkColumns:
        return cls(
            *(np.array([getattr(c, name) for c in chunks], dtype=object) for name in _COLUMNS)
        )

    def save(self, path: Path) -> None:
        """Each column as its distinct values and one small integer code per chunk."""
        arrays: dict[str, np.ndarray] = {}
        for name in _COLUMNS:
            labels, codes = np.unique(getattr(self, name).astype(str), return_inverse=True)
            arrays[f"{name}_labels"] = labels
            arrays[f"{name}_codes"] = codes.astype(np.int32)
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # numpy's stub misreads kwargs

    @classmethod
    def load(cls, path: Path) -> ChunkColumns:
        with np.load(path, allow_pickle=False) as stored:
            columns = []
            for name in _COLUMNS:
                labels = np.array([str(label) for label in stored[f"{name}_labels"]], dtype=object)
                columns.append(labels[stored[f"{name}_codes"]])
        return cls(*columns)

    def __len__(self) -> int:
        return len(self.topic)

    def rows_of_profiles(self, profile_ids: Sequence[str]) -> np.ndarray:
        """Row numbers of the chunks of these profiles."""
        return np.flatnonzero(np.isin(self.profile_id, list(profile_ids)))


class ChunkTable(Sequence[Chunk]):
    """``chunks.jsonl`` as a read-only sequence of :class:`Chunk`, parsed on access."""

    def __init__(self, path: Path, offsets: np.ndarray) -> None:
        self.path = path
        self._offsets = offsets
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            self._data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        # Answers quote the same popular passages again and again.
        self._parse = lru_cache(maxsize=4096)(self._read)

    @staticmethod
    def write(path: Path, chunks: Sequence[Chunk]) -> np.ndarray:
        """Write ``chunks`` as JSON lines; returns the offsets (one more than chunks)."""
        offsets = [0]
        with open(path, "wb") as handle:
            for chunk in chunks:
                offsets.append(offsets[-1] + handle.write((chunk_to_json(chunk) + "\n").encode()))
        return np.array(offsets, dtype=np.int64)

    def _read(self, row: int) -> Chunk:
        start, end = int(self._offsets[row]), int(self._offsets[row + 1])
        return chunk_from_json(self._data[start:end])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, row: int) -> Chunk: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Chunk]: ...

    def __getitem__(self, row: int | slice) -> Chunk | Sequence[Chunk]:
        if isinstance(row, slice):
            return [self._parse(i) for i in range(*row.indices(len(self)))]
        if not -len(self) <= row < len(self):
            raise IndexError(row)
        return self._parse(int(row) % len(self))

    def by_ids(self, ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks with these ids (those still in the index), found without reading every
        chunk: each line starts with its id."""
        found = {}
        for chunk_id in set(ids):
            start = self._data.find(b'{"id": ' + json.dumps(chunk_id).encode())
            if start >= 0:
                end = self._data.find(b"\n", start)
                found[chunk_id] = chunk_from_json(self._data[start : end if end >= 0 else None])
        return found

    def __iter__(self) -> Iterator[Chunk]:
        # A full pass (builds, staff pages) should not fill the cache of answers.
        for row in range(len(self)):
            yield self._read(row)


def chunks_by_id(chunks: Sequence[Chunk], ids: Iterable[str]) -> dict[str, Chunk]:
    """The chunks of ``chunks`` with these ids; a table on disk is searched, not read."""
    if isinstance(chunks, ChunkTable):
        return chunks.by_ids(ids)
    wanted = set(ids)
    return {chunk.id: chunk for chunk in chunks if chunk.id in wanted}
