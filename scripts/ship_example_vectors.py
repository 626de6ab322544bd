#!/usr/bin/env python3
"""Write ``src/advisor/data/example_vectors-<model>.npz``: the packaged example messages'
vectors for the models whose encoding of them is slow (e5: 30 s on 2 cores, 2026-12-07), so a
fresh build embeds only the messages added or edited since (see
``advisor.understanding.example_vectors``). Run it again after changing the example files.

    python scripts/ship_example_vectors.py            # e5
    python scripts/ship_example_vectors.py e5 use
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from advisor.embedding import make_embedder
from advisor.serving.runtime import available_cores
from advisor.understanding.example_vectors import save_shipped_vectors, shipped_file_name
from advisor.understanding.examples import ExampleQuestions

DATA = Path(__file__).resolve().parents[1] / "src" / "advisor" / "data"
BATCH = 16  # the build's batches (advisor.index.build): the same vectors, bit for bit


def main(models: list[str]) -> int:
    texts = ExampleQuestions.packaged().texts
    for name in models:
        embedder = make_embedder(name, threads=available_cores())
        started = time.perf_counter()
        batches = [
            embedder.embed_queries(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)
        ]
        target = DATA / shipped_file_name(embedder.model_id)
        save_shipped_vectors(target, texts, np.vstack(batches))
        seconds = time.perf_counter() - started
        print(f"{name}: {len(texts)} messages in {seconds:.1f} s → {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["e5"]))
