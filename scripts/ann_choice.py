#!/usr/bin/env python3
"""Which approximate index for large indexes: usearch or hnswlib, which storage type and
search depth. Measured on the chunk vectors of a synthetic index (scripts/bench.py makes them)
with the real query vectors of the test questions.

    python scripts/ann_choice.py var/bench/synthetic-10000/index

Prints, per library and setting: build time, query time (median, one thread), recall@10
against exact search, and the size of the saved index.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]


EPSILON = 1e-3  # ann-benchmarks' tolerance


def recall(found: list[np.ndarray], exact: list[np.ndarray]) -> float:
    """recall@10 by id: the share of the exact 10 nearest that were found."""
    pairs = zip(found, exact, strict=True)
    return statistics.mean(len(set(f[:10]) & set(e[:10])) / 10 for f, e in pairs)


def recall_by_score(found: list[np.ndarray], tenth: list[float], scores: list[np.ndarray]) -> float:
    """recall@10 as ann-benchmarks counts it: a result as near as the exact 10th (within
    EPSILON) is right; among near-duplicates the order of equals is arbitrary."""
    pairs = zip(found, tenth, scores, strict=True)
    return statistics.mean(float(np.mean(s[f[:10]] >= t - EPSILON)) for f, t, s in pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--questions", type=Path, default=ROOT / "tests/data/questions.json")
    parser.add_argument("--model", default="e5")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dtypes", default="i8,f16,f32", help="usearch storage types.")
    parser.add_argument("--connectivity", default="16", help="Graph degrees (usearch's M).")
    parser.add_argument("--depths", default="64,128,256,512", help="Search depths (ef).")
    parser.add_argument("--no-hnswlib", action="store_true")
    parser.add_argument(
        "--real-vectors",
        action="store_true",
        help="Embed every chunk with the real model first (cached beside the index) instead "
        "of the synthetic index's proxy vectors: slow (USE: minutes; e5: an hour).",
    )
    args = parser.parse_args(argv)

    from advisor.advisor import load_embedders
    from advisor.index.versions import IndexVersions
    from advisor.settings import Settings

    version = IndexVersions(args.index).published_path()
    vectors = np.load(version / f"vectors-{args.model}.npy")
    embedder = next(e for e in load_embedders(Settings()) if e.name == args.model)
    if args.real_vectors:
        cache = args.index / f"real-vectors-{args.model}.npy"
        if not cache.is_file():
            from advisor.index.chunk_table import ChunkTable

            chunks = ChunkTable(version / "chunks.jsonl", np.load(version / "chunk-offsets.npy"))
            texts = [chunk.embedding_text() for chunk in chunks]
            parts = [embedder.embed_passages(texts[i : i + 64]) for i in range(0, len(texts), 64)]
            np.save(cache, np.vstack(parts).astype(np.float32))
        vectors = np.load(cache)
    data = json.loads(args.questions.read_text(encoding="utf-8"))
    questions = list(dict.fromkeys(item["q"] for item in data["questions"]))[: args.queries]
    queries = embedder.embed_queries(questions).astype(np.float32)
    scores = [vectors @ q for q in queries]
    exact = [np.argsort(-s)[:10] for s in scores]
    tenth = [float(s[e[-1]]) for s, e in zip(scores, exact, strict=True)]
    start = time.perf_counter()
    for q in queries[:20]:
        np.argsort(-(vectors @ q))[:10]
    exact_ms = (time.perf_counter() - start) / 20 * 1000
    print(
        f"{len(vectors)} vectors of {vectors.shape[1]} dims ({args.model}), {len(queries)} queries"
    )
    print(f"{'index':<34}{'build s':>9}{'query ms':>10}{'recall@10':>11}{'by score':>10}{'MB':>8}")
    print(
        f"{'exact (numpy, float32)':<34}{0:>9.1f}{exact_ms:>10.2f}{1:>11.3f}{1:>10.3f}"
        f"{vectors.nbytes / 1e6:>8.0f}"
    )
    work = Path(tempfile.mkdtemp(prefix="advisor-ann-"))

    from usearch.index import Index

    depths = [int(d) for d in args.depths.split(",")]
    for dtype in args.dtypes.split(","):
        for connectivity in [int(m) for m in args.connectivity.split(",")]:
            start = time.perf_counter()
            index = Index(
                ndim=vectors.shape[1],
                metric="cos",
                dtype=dtype,
                connectivity=connectivity,
                expansion_add=128,
            )
            index.add(np.arange(len(vectors), dtype=np.uint64), vectors)
            built = time.perf_counter() - start
            path = work / f"u-{dtype}-{connectivity}.usearch"
            index.save(str(path))
            view = Index.restore(str(path), view=True)
            for ef in depths:
                view.expansion_search = ef
                found, times = [], []
                for q in queries:
                    t = time.perf_counter()
                    found.append(np.asarray(view.search(q, 10, threads=1).keys))
                    times.append(time.perf_counter() - t)
                label = f"usearch {dtype}, M {connectivity}, ef {ef}"
                print(
                    f"{label:<34}{built:>9.1f}{statistics.median(times) * 1000:>10.2f}"
                    f"{recall(found, exact):>11.3f}{recall_by_score(found, tenth, scores):>10.3f}"
                    f"{path.stat().st_size / 1e6:>8.0f}"
                )
            path.unlink()
    if args.no_hnswlib:
        return 0

    import hnswlib

    start = time.perf_counter()
    graph = hnswlib.Index(space="ip", dim=vectors.shape[1])
    graph.init_index(max_elements=len(vectors), M=16, ef_construction=128)
    graph.add_items(vectors, np.arange(len(vectors)))
    built = time.perf_counter() - start
    graph.set_num_threads(1)
    path = work / "h.bin"
    graph.save_index(str(path))
    for ef in depths:
        graph.set_ef(ef)
        found, times = [], []
        for q in queries:
            t = time.perf_counter()
            labels, _ = graph.knn_query(q, k=10)
            found.append(labels[0])
            times.append(time.perf_counter() - t)
        label = f"hnswlib f32, ef {ef}"
        print(
            f"{label:<34}{built:>9.1f}{statistics.median(times) * 1000:>10.2f}"
            f"{recall(found, exact):>11.3f}{recall_by_score(found, tenth, scores):>10.3f}"
            f"{path.stat().st_size / 1e6:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
