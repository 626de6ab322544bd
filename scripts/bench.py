#!/usr/bin/env python3
"""Time the answer path in-process on the shipped knowledge, stage by stage.

    python scripts/bench.py [--questions tests/data/questions.json] [--json docs/bench.json]

Prints one table (median, p95, p99 and spread = p95 - p5, in milliseconds) for: the query
embedding of each model, the lexical search, vector search with fusion (given the query
vectors), answer building, the whole ``Advisor.ask``, and index builds of the knowledge (full,
and incremental after a one-line change). Every question of the set is asked once per round
after a warm-up round; the medians of one run are comparable with each other.
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


def timed(into: list[float], function: Callable[..., Any], *args: Any) -> Any:
    """``function(*args)``, its duration appended to ``into``."""
    start = time.perf_counter()
    result = function(*args)
    into.append(time.perf_counter() - start)
    return result


def time_builds(knowledge: Path, settings: Any, rounds: int) -> dict[str, list[float]]:
    """Seconds of full builds and of incremental builds after a one-line change, alternating
    on a copy of the knowledge folder."""
    import shutil

    from advisor.advisor import Advisor

    copy = Path(tempfile.mkdtemp(prefix="advisor-bench-knowledge-"))
    for path in knowledge.iterdir():
        if path.is_file():
            shutil.copy(path, copy)
    target = sorted(p for p in copy.iterdir() if p.is_file())[0]
    built = settings.model_copy(update={"knowledge_dir": copy, "index_dir": copy / ".index"})
    Advisor.build(built, full=True)
    full: list[float] = []
    incremental: list[float] = []
    for round_number in range(rounds):
        start = time.perf_counter()
        Advisor.build(built, full=True)
        full.append(time.perf_counter() - start)
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"\nUne ligne ajoutée pour la mesure numéro {round_number}.\n")
        start = time.perf_counter()
        report = Advisor.build(built)
        incremental.append(time.perf_counter() - start)
        assert not report.full and report.reused > 0
    shutil.rmtree(copy, ignore_errors=True)
    return {"index build, full": full, "index build, 1 line changed": incremental}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Path("tests/data/questions.json"))
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the table as JSON here.")
    parser.add_argument(
        "--builds", type=int, default=3, help="Full and one-line-change builds to time (0: none)."
    )
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
    stages["whole ask(), repeated"] = []
    for round_number in range(args.rounds + 1):
        sink: dict[str, list[float]] = {name: [] for name in stages}
        for question in questions:
            vectors = {}
            for embedder in advisor.retriever._embedders:
                batch = timed(sink[f"embed {embedder.name}"], embedder.embed_queries, [question])
                vectors[embedder.name] = batch[0]
            timed(sink["lexical search"], advisor.retriever.lexical.scores, question)
            query = Query(question, (), advisor.examples.topic_shares(vectors))
            hits = timed(
                sink["vector search + fusion"], advisor.retriever.search, query, 3, vectors
            )
            timed(sink["answer building"], build_answer, question, hits, "fr", None, advisor.titles)
            advisor._cached.cache_clear()  # the first time a question is asked
            timed(sink["whole ask()"], advisor.ask, question)
            timed(sink["whole ask(), repeated"], advisor.ask, question)
        if round_number:  # round 0 warms caches and lazy loads
            for name, values in sink.items():
                stages[name].extend(values)

    stages.update(time_builds(args.knowledge, settings, args.builds))
    table = {name: summary(values) for name, values in stages.items() if values}
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
