#!/usr/bin/env python3
"""Time the answer path in-process on the shipped knowledge, stage by stage.

    python scripts/bench.py [--questions tests/data/questions.json] [--json docs/bench.json]

Prints one table (median, p95, p99 and spread = p95 - p5, in milliseconds) for: the query
embedding of each model, the lexical search, vector search with fusion (given the query
vectors), answer building, and the whole ``Advisor.ask``. Every question of the set is asked
once per round after a warm-up round; the medians of one run are comparable with each other.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {
        "median": statistics.median(ms),
        "p95": percentile(ms, 0.95),
        "p99": percentile(ms, 0.99),
        "spread": percentile(ms, 0.95) - percentile(ms, 0.05),
        "n": len(ms),
    }


def timed(function: Callable[[], Any], into: list[float]) -> Any:
    start = time.perf_counter()
    result = function()
    into.append(time.perf_counter() - start)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Path("tests/data/questions.json"))
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the table as JSON here.")
    args = parser.parse_args(argv)

    from advisor.advisor import Advisor
    from advisor.answering import build_answer
    from advisor.retrieval import Query
    from advisor.settings import Settings

    settings = Settings(
        knowledge_dir=args.knowledge, index_dir=Path(tempfile.mkdtemp(prefix="advisor-bench-"))
    )
    Advisor.build(settings)
    advisor = Advisor.from_settings(settings)
    data = json.loads(args.questions.read_text(encoding="utf-8"))
    questions = list(dict.fromkeys(item["q"] for item in data["questions"]))

    stages: dict[str, list[float]] = {f"embed {e.name}": [] for e in advisor.retriever._embedders}
    stages.update({"lexical search": [], "vector search + fusion": [], "answer building": []})
    stages["whole ask()"] = []
    for round_number in range(args.rounds + 1):
        sink: dict[str, list[float]] = {name: [] for name in stages}
        for question in questions:
            vectors = {}
            for embedder in advisor.retriever._embedders:
                vectors[embedder.name] = timed(
                    lambda e=embedder: e.embed_queries([question])[0],
                    sink[f"embed {embedder.name}"],
                )
            timed(lambda: advisor.retriever.lexical.scores(question), sink["lexical search"])
            query = Query(question, (), advisor.examples.topic_shares(vectors))
            hits = timed(
                lambda: advisor.retriever.search(query, 3, vectors), sink["vector search + fusion"]
            )
            timed(
                lambda: build_answer(question, hits, "fr", None, advisor.titles),
                sink["answer building"],
            )
            timed(lambda: advisor.ask(question), sink["whole ask()"])
        if round_number:  # round 0 warms caches and lazy loads
            for name, values in sink.items():
                stages[name].extend(values)

    table = {name: summary(values) for name, values in stages.items()}
    embed_total = sum(table[name]["median"] for name in table if name.startswith("embed "))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"questions: {len(questions)} x {args.rounds} rounds, threads per model: {settings.threads}"
    )
    print(f"{'stage':<26}{'median':>9}{'p95':>9}{'p99':>9}{'spread':>9}   (ms)")
    for name, row in table.items():
        print(
            f"{name:<26}{row['median']:>9.2f}{row['p95']:>9.2f}{row['p99']:>9.2f}"
            f"{row['spread']:>9.2f}"
        )
    ratio = table["whole ask()"]["median"] / embed_total if embed_total else float("nan")
    print(f"whole ask() / query embedding (all models): {ratio:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "machine": platform.platform(),
            "cores": os.cpu_count(),
            "stages": table,
            "ask_over_embedding": ratio,
        }
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
