#!/usr/bin/env python3
"""Time and size the answer path in-process, stage by stage, on the shipped knowledge and on
synthetic corpora of many profiles.

    python scripts/bench.py [--synthetic 1000,10000] [--json docs/bench.json]

Prints one table (median, p95, p99 and spread = p95 - p5, in milliseconds) per corpus: the
query embedding of each model alone, then each stage of the answer path that ``Advisor.ask``
runs (``advisor.answer_path``: understand, choose the job, plan the search (embedding the
question), retrieve (with its lexical search, vector search and fusion timed apart), judge
scope, compose), and the whole ``Advisor.ask`` (new and repeated questions); then the cold
start of a process to its first answer, its memory at rest (RSS and PSS after every
question), the recall@10 of the search against an exact one, and index
builds (full and after a one-line change: time and peak memory).

Each corpus is measured in a fresh process, one after the other, every question asked once per
round after a warm-up round: medians of one run compare with each other. Synthetic corpora
(``scripts/synthetic.py``) are generated and indexed on first use under ``var/bench/``, with
proxy vectors: they measure speed and memory, never quality.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# The serving thread policy (one BLAS/OpenMP thread), set before numpy loads in this process and
# its children: timings then match what a worker does.
from advisor.serving.runtime import set_thread_environment  # noqa: E402

set_thread_environment(int(os.environ.get("ADVISOR_THREADS", "1")))
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


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


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """Resident (RSS) and proportional (PSS: shared pages split between processes) memory."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name.lower()] = int(rest.split()[0]) / 1024
    return values


# --- in the measuring process -------------------------------------------------------------


# The stages of advisor.answer_path.AnswerPath, the very ones Advisor.ask runs, in order.
STAGES = ("understand", "choose the job", "plan the search", "retrieve", "judge scope", "compose")


def time_answers(advisor: Any, questions: list[str], rounds: int) -> dict[str, list[float]]:
    """Seconds of each stage of the answer path, per question and round: the query embedding
    of each model alone (what an answer is compared with), the stages ``ask()`` runs, the
    retrieval's own parts, and ``ask()`` whole, new and repeated."""
    from advisor.answer_path import Request, reply_language

    retriever = advisor.retriever
    models = advisor.embedders
    stages: dict[str, list[float]] = {f"embed {e.name}": [] for e in models}
    for name in (*STAGES, "  retrieve: lexical", "  retrieve: vectors", "  retrieve: fusion"):
        stages[name] = []
    stages.update({"ask(), new question": [], "ask(), repeated": []})
    for round_number in range(rounds + 1):
        sink: dict[str, list[float]] = {name: [] for name in stages}
        for question in questions:
            path = advisor.answer_path()  # a new one per question, as ask() makes: no cache
            for embedder in models:
                timed(sink[f"embed {embedder.name}"], embedder.embed_queries, [question])
            request = Request(question)
            understood = timed(
                sink["understand"], path.understand, request, reply_language(request)
            )
            choice = timed(sink["choose the job"], path.choose_job, understood, None)
            plan = timed(sink["plan the search"], path.plan_search, understood, choice)
            found = timed(sink["retrieve"], path.retrieve, plan, choice)
            verdict = timed(sink["judge scope"], path.judge_scope, understood, plan, found)
            timed(sink["compose"], path.compose, understood, plan, found, verdict)
            query = plan.query
            lexical = timed(sink["  retrieve: lexical"], retriever.lexical.scores, query.text)
            evidence = timed(
                sink["  retrieve: vectors"], retriever.nearest, query, plan.vectors, lexical
            )
            timed(sink["  retrieve: fusion"], retriever.fuse, query, evidence, 3)
            advisor.clear_cache()  # the first time a question is asked
            timed(sink["ask(), new question"], advisor.ask, question)
            timed(sink["ask(), repeated"], advisor.ask, question)
        if round_number:  # round 0 warms caches and lazy loads
            for name, values in sink.items():
                stages[name].extend(values)
    return stages


EPSILON = 1e-3  # ann-benchmarks' tolerance: a neighbour as near as the 10th counts
RECALL_QUESTIONS = 200


def _recall(exact: Any, approximate: Any, scores: Any) -> tuple[float, float]:
    """recall@10 of ``approximate`` (rows) against the ``exact`` ten, by id and by score."""
    import numpy as np

    tenth = scores[exact[-1]]
    by_score = float(np.mean(scores[approximate] >= tenth - EPSILON))
    return len(set(exact.tolist()) & set(approximate.tolist())) / 10, by_score


def search_recall(advisor: Any, questions: list[str]) -> dict[str, float]:
    """recall@10 of the approximate search against exact search over every chunk: of the
    graph alone (its model's nearest chunks by similarity; and by similarity plus the topic
    bonus, what it searches by) and of the advisor's final ranking (fused evidence). By chunk
    id, and as ann-benchmarks counts it (a result scoring within EPSILON of the exact 10th is
    right, since among near-duplicate passages the order of equals is arbitrary)."""
    import numpy as np

    from advisor.retrieval.fusion import Query

    retriever = advisor.retriever
    if not retriever.graphs:
        return {}
    stages = [f"{kind}, {name}" for name in retriever.graphs for kind in ("vectors", "graph")]
    by_id: dict[str, list[float]] = {name: [] for name in [*stages, "final ranking"]}
    by_score: dict[str, list[float]] = {name: [] for name in by_id}
    topics = np.asarray(retriever.chunk_topics).astype(str)
    for question in questions:
        vectors = retriever.embed(question)
        query = Query(question, (), advisor.examples.topic_shares(vectors))
        bonus = retriever.topic_bonus(query)
        for name, graph in retriever.graphs.items():
            vector = retriever.weights.dense.get(name, 1.0) * vectors[name]
            similarities = retriever.exact_similarities(name, vector)
            for kind, given in (("vectors", {}), ("graph", bonus)):
                extra = np.array([given.get(t, 0.0) for t in graph.labels], dtype=np.float32)
                column = {label: i for i, label in enumerate(graph.labels)}
                scores = similarities + extra[[column[t] for t in topics]]
                exact = np.argsort(-scores, kind="stable")[:10]
                found = graph.search(vector, given, 10)
                one, two = _recall(exact, found, scores)
                by_id[f"{kind}, {name}"].append(one)
                by_score[f"{kind}, {name}"].append(two)
        approximate_ids = [hit.chunk.id for hit in retriever.search(query, 10, vectors)]
        exact_hits = retriever.search(query, 1000, vectors, exact=True)
        exact_scores = {hit.chunk.id: hit.score for hit in exact_hits}
        tenth = exact_hits[9].score
        by_id["final ranking"].append(
            len(set(approximate_ids) & {hit.chunk.id for hit in exact_hits[:10]}) / 10
        )
        by_score["final ranking"].append(
            float(np.mean([exact_scores.get(i, -1.0) >= tenth - EPSILON for i in approximate_ids]))
        )
    figures = {f"recall@10 by id, {n}": statistics.mean(v) for n, v in by_id.items()}
    figures.update({f"recall@10 by score, {n}": statistics.mean(v) for n, v in by_score.items()})
    return figures


def measure(index: Path, knowledge: Path, questions_file: Path, rounds: int) -> dict[str, Any]:
    """Everything measured inside one fresh process serving ``index``."""
    from advisor.advisor import Advisor
    from advisor.settings import Settings

    settings = Settings(knowledge_dir=knowledge, index_dir=index)
    advisor = Advisor.from_settings(settings)
    questions = _questions(questions_file)
    advisor.ask(questions[0])
    first_answer = time.time()
    stages = time_answers(advisor, questions, rounds)
    advisor.clear_cache()
    return {
        "first_answer_at": first_answer,
        "chunks": len(advisor.index.chunks),
        "profiles": len(advisor.profiles),
        "stages": {name: summary(values) for name, values in stages.items()},
        "memory_mb": memory_mb(),
        "recall": search_recall(advisor, questions[:RECALL_QUESTIONS]),
    }


def _questions(path: Path) -> list[str]:
    """The set's questions, and its explorations ("j'aime travailler dehors") if it has any."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = [*data.get("questions", []), *data.get("explore", [])]
    return list(dict.fromkeys(item["q"] for item in items))


# --- in the driving process ---------------------------------------------------------------


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """Run ``command``; its wall time in seconds, its peak RSS in MB and its output."""
    start = time.perf_counter()
    # The builds' own reports (on stderr) would drown the tables: shown only on failure.
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=ROOT
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(command)}\n{errors.read()}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, output


def measure_in_child(
    index: Path, knowledge: Path, args: argparse.Namespace, questions: Path | None = None
) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "bench.py"), "--measure", str(index), str(knowledge)]
    command += ["--questions", str(questions or args.questions), "--rounds", str(args.rounds)]
    started = time.time()
    load_before = os.getloadavg()[0]
    _, peak, output = run_measured(command)
    result: dict[str, Any] = json.loads(output.splitlines()[-1])
    # The machine is shared: every figure goes with how busy it was (1-minute load average).
    result["load_average"] = [load_before, os.getloadavg()[0]]
    result["cold_start_s"] = result.pop("first_answer_at") - started
    result["peak_rss_mb"] = peak
    return result


def build_rows(command: list[str], rounds: int, prepare: Callable[[int], None]) -> dict[str, Any]:
    seconds, peaks, loads = [], [], [os.getloadavg()[0]]
    for round_number in range(rounds):
        prepare(round_number)
        wall, peak, _ = run_measured(command)
        seconds.append(wall)
        peaks.append(peak)
        loads.append(os.getloadavg()[0])
    return {
        "median_s": statistics.median(seconds),
        "peak_rss_mb": max(peaks),
        "n": rounds,
        "load_average": [loads[0], loads[-1]],
    }


def shipped_builds(knowledge: Path, rounds: int) -> tuple[Path, dict[str, Any]]:
    """The shipped knowledge built by `advisor index` in a fresh process (full, then after a
    one-line change); returns the index folder for the answer measurements."""
    copy = Path(tempfile.mkdtemp(prefix="advisor-bench-knowledge-"))
    for path in knowledge.iterdir():
        if path.is_file():
            shutil.copy(path, copy)
    target = sorted(p for p in copy.iterdir() if p.is_file())[0]
    advisor_cli = str(Path(sys.executable).with_name("advisor"))
    base = [advisor_cli, "index", "--knowledge", str(copy), "--index", str(copy / ".index")]

    def change(round_number: int) -> None:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"\nUne ligne ajoutée pour la mesure numéro {round_number}.\n")

    if not rounds:  # --builds 0: the index is still needed, its build is not timed
        run_measured([*base, "--full"])
        return copy / ".index", {}
    builds = {
        "full": build_rows([*base, "--full"], rounds, lambda _: None),
        "1 line changed": build_rows(base, rounds, change),
    }
    return copy / ".index", builds


def synthetic_builds(count: int, rounds: int, folder: Path) -> tuple[Path, Path, dict[str, Any]]:
    """A synthetic corpus, built once (its full build timed then), then incremental builds."""
    root = folder / f"synthetic-{count}"
    record = root / "full-build.json"
    script = [sys.executable, str(HERE / "synthetic.py"), str(count), str(root), "--build"]
    if not record.is_file() or not (root / "index" / "CURRENT").is_file():
        shutil.rmtree(root, ignore_errors=True)
        full = build_rows([*script, "full"], 1, lambda _: None)
        root.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(full), encoding="utf-8")
    builds = {"full (proxy vectors)": json.loads(record.read_text(encoding="utf-8"))}
    if rounds:
        builds["1 line changed"] = build_rows([*script, "incremental"], rounds, lambda _: None)
    return root / "index", root / "knowledge", builds


def print_corpus(name: str, result: dict[str, Any]) -> None:
    before, after = result["load_average"]
    print(f"\n== {name}: {result['profiles']} profiles, {result['chunks']} chunks")
    print(f"load average (1 min) {before:.2f} before, {after:.2f} after")
    print(f"{'stage':<24}{'median':>9}{'p95':>9}{'p99':>9}{'spread':>9}   (ms)")
    for stage, row in result["stages"].items():
        print(
            f"{stage:<24}{row['median']:>9.2f}{row['p95']:>9.2f}{row['p99']:>9.2f}"
            f"{row['spread']:>9.2f}"
        )
    stages = result["stages"]
    embedding = sum(row["median"] for stage, row in stages.items() if stage.startswith("embed "))
    result["ask_over_embedding"] = stages["ask(), new question"]["median"] / embedding
    print(f"ask() / query embedding (all models): {result['ask_over_embedding']:.2f}")
    memory = result["memory_mb"]
    print(
        f"cold start to first answer {result['cold_start_s']:.2f} s; memory at rest "
        f"RSS {memory['rss']:.0f} MB, PSS {memory['pss']:.0f} MB; peak RSS "
        f"{result['peak_rss_mb']:.0f} MB"
    )
    for label, value in result["recall"].items():
        print(f"{label}: {value:.3f}")
    for label, row in result["builds"].items():
        loads = row.get("load_average", [float("nan")] * 2)
        print(
            f"index build, {label}: {row['median_s']:.2f} s (median of {row['n']}), "
            f"peak RSS {row['peak_rss_mb']:.0f} MB (load average {loads[0]:.2f}-{loads[1]:.2f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "tests/data/questions.json")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--builds", type=int, default=3, help="Builds of each kind to time (0: none)."
    )
    parser.add_argument(
        "--synthetic", default="1000,10000", help="Synthetic corpus sizes ('' for none)."
    )
    parser.add_argument("--json", type=Path, help="Also write the tables as JSON here.")
    parser.add_argument(
        "--bench-dir",
        type=Path,
        default=ROOT / "var" / "bench",
        help="Where the synthetic corpora and their indexes are kept (builds write there).",
    )
    parser.add_argument(
        "--recall-corpus",
        type=Path,
        help="Also measure a corpus of distinct real texts made by scripts/debian_corpus.py "
        "(its knowledge/, questions.json and an index/ built with the real models).",
    )
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # the child process of one corpus
        print(json.dumps(measure(*args.measure, args.questions, args.rounds)))
        return 0

    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line]
    cpu = models[0] if models else platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}; rounds: {args.rounds}")
    corpora: dict[str, dict[str, Any]] = {}
    index, builds = shipped_builds(args.knowledge, args.builds)
    corpora["shipped knowledge"] = measure_in_child(index, args.knowledge, args)
    corpora["shipped knowledge"]["builds"] = builds
    print_corpus("shipped knowledge", corpora["shipped knowledge"])
    shutil.rmtree(index.parent, ignore_errors=True)
    for count in [int(n) for n in args.synthetic.split(",") if n.strip()]:
        index, knowledge, builds = synthetic_builds(count, args.builds, args.bench_dir)
        name = f"synthetic {count}"
        corpora[name] = measure_in_child(index, knowledge, args)
        corpora[name]["builds"] = builds
        print_corpus(name, corpora[name])
    if args.recall_corpus:
        folder = args.recall_corpus
        name = f"distinct real texts ({folder.name})"
        corpora[name] = measure_in_child(
            folder / "index", folder / "knowledge", args, folder / "questions.json"
        )
        corpora[name]["builds"] = {}
        print_corpus(name, corpora[name])
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "machine": platform.platform(),
            "cpu": cpu,
            "cores": os.cpu_count(),
            "corpora": corpora,
        }
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
