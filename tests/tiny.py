"""A deterministic stand-in model for tests of the index machinery (not of answer quality)."""

from __future__ import annotations

import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from advisor.retrieval.fusion import Retriever


class TinyEmbedder:
    """A deterministic stand-in model (hashing words), so index tests need no real model."""

    def __init__(self, name: str = "tiny", dim: int = 16) -> None:
        self.name, self.model_id, self.dim = name, f"test:{name}:{dim}", dim

    def _encode(self, texts) -> np.ndarray:  # type: ignore[no-untyped-def]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    embed_queries = _encode
    embed_passages = _encode


class SlowEmbedder(TinyEmbedder):
    """Takes its time per batch, so that a test can kill a build in the middle of it."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:  # type: ignore[override]
        time.sleep(self.seconds)
        return self._encode(texts)

    embed_queries = embed_passages  # type: ignore[assignment]


def tiny_retriever(folder: Path, file_name: str, text: str) -> Retriever:
    """A retriever over one profile ``text`` saved as ``file_name``, indexed under ``folder``
    with the :class:`TinyEmbedder`."""
    from advisor.index import build_index, load_index
    from advisor.retrieval.fusion import Retriever

    knowledge = folder / "knowledge"
    knowledge.mkdir()
    (knowledge / file_name).write_text(text, encoding="utf-8")
    models = [TinyEmbedder()]
    build_index(knowledge, folder / "index", models)
    return Retriever(load_index(folder / "index", {"tiny": "test:tiny:16"}).data, models)
