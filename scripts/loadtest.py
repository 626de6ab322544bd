#!/usr/bin/env python3
"""HTTP load test of a real ``advisor serve --workers N`` on loopback, driven by ``wrk``.

    python scripts/loadtest.py                       # builds an index in a temp dir first
    python scripts/loadtest.py --index var/index --json docs/loadtest.json \\
        --plot docs/latency-vs-concurrency.png

Measures, in this order: the cold start (from starting ``advisor serve`` on a prebuilt index to
the first answered question, median of 3), then requests/s, p50/p90/p99 and errors at each
concurrency (``wrk``, one thread, keep-alive connections, every request a question no other
request asked, so the answer cache never hits), then the memory of each process at rest after
the load (RSS and PSS from ``/proc/<pid>/smaps_rollup``). The rate limits are off for the
server under test: every request comes from 127.0.0.1.

Why wrk: it is written in C and costs a few percent of one core at these rates, where a Python
load generator (locust) would take a core of the two we measure. It needs Debian's ``wrk``
(``apt-get install wrk``). Numbers taken while something else runs are not comparable: each
level records the CPU other processes used meanwhile (in cores) and is measured once more
when that exceeds 0.2 cores (``--retry-noisy``), keeping the quietest run; the load average
is recorded too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = REPO / "tests" / "data" / "questions.json"
WORKER_HEADER = "X-Advisor-Worker"
# A level during which other processes used more CPU than this is measured again.
NOISY_CORES = 0.2

# Ways students open and close a question, per language: combined with every question of the
# set they give thousands of distinct messages, so no request is answered from the cache.
_OPENINGS = {
    "fr": ["", "Bonjour, ", "Dis-moi, ", "Au fait, ", "Question : ", "Salut, ", "Euh ", "Alors "],
    "nl": ["", "Hallo, ", "Zeg, ", "Trouwens, ", "Vraagje: ", "Hoi, ", "Eh ", "Dus "],
    "en": ["", "Hello, ", "Tell me, ", "By the way, ", "Question: ", "Hi, ", "Um ", "So "],
}
_CLOSINGS = {
    "fr": ["", " ?", " stp", " svp", " merci", " !", " ??", " en fait"],
    "nl": ["", " ?", " aub", " graag", " bedankt", " !", " ??", " eigenlijk"],
    "en": ["", " ?", " please", " pls", " thanks", " !", " ??", " actually"],
}

# wrk runs this in each of its threads: POST the next body of the file given after "--",
# count the answering workers and the statuses, and print one JSON line at the end.
WRK_SCRIPT = r"""
local bodies = {}
local counter = 0
workers = {}
statuses = {}

function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter - 1) % #bodies + 1])
end

function response(status, headers, body)
  local worker = headers["x-advisor-worker"] or headers["X-Advisor-Worker"] or "none"
  workers[worker] = (workers[worker] or 0) + 1
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

local function counts(name)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get(name)) do total[key] = (total[key] or 0) + n end
  end
  local parts = {}
  for key, n in pairs(total) do parts[#parts + 1] = string.format('"%s": %d', key, n) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p90": %d, ' ..
    '"p99": %d, "max": %d, "mean": %.1f}, "workers": %s, "statuses": %s}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, counts("workers"), counts("statuses")))
end
"""


def unique_bodies(path: Path, count: int) -> list[str]:
    """``count`` request bodies, each a message no other holds (a tenth with a history)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    questions = [(item["q"], item.get("lang", "fr")) for item in data["questions"]]
    followups = [(c["turns"], c.get("lang", "fr")) for c in data["conversations"]]
    bodies: list[str] = []
    variants = itertools.product(range(len(_OPENINGS["fr"])), range(len(_CLOSINGS["fr"])))
    for opening, closing in variants:
        for number, (question, lang) in enumerate(questions):
            text = question.rstrip(" ?!") if _CLOSINGS[lang][closing] else question
            message = _OPENINGS[lang][opening] + text + _CLOSINGS[lang][closing]
            history: list[str] = []
            if number % 10 == 0 and followups:  # a follow-up of a conversation now and then
                turns, turn_lang = followups[(number // 10) % len(followups)]
                message = _OPENINGS[turn_lang][opening] + turns[-1] + _CLOSINGS[turn_lang][closing]
                history = list(turns[:-1])
            bodies.append(json.dumps({"message": message, "history": history}))
            if len(bodies) == count:
                return bodies
    return bodies  # every combination used: later requests repeat the first ones


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ask(base: str, message: str, timeout: float = 5.0) -> dict[str, Any] | None:
    request = urllib.request.Request(
        base + "/api/chat",
        data=json.dumps({"message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            answer: dict[str, Any] = json.loads(response.read())
            return answer
    except (urllib.error.URLError, OSError, ValueError):
        return None


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "ADVISOR_RATE_LIMIT": "off",
            "ADVISOR_RATE_LIMIT_PER_IP": "off",
            "ADVISOR_RELOAD_SECONDS": "3",
            "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


@contextmanager
def advisor_server(index: Path, workers: int, log: Path) -> Iterator[tuple[str, int, float]]:
    """``advisor serve`` on a free port; yields (base URL, pid, seconds to the first answer)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        str(Path(sys.executable).parent / "advisor"), "serve", "--port", str(port),
        "--index", str(index), "--workers", str(workers),
    ]  # fmt: skip
    with log.open("ab") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=server_env(), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"advisor serve exited ({process.returncode}); see {log}")
            answer = ask(base, "C'est bien payé ?", timeout=2)
            if answer and answer.get("passages"):
                break
            if time.perf_counter() - start > 120:
                raise SystemExit(f"advisor serve did not answer within 120 s; see {log}")
            time.sleep(0.05)
        yield base, process.pid, time.perf_counter() - start
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_wrk(
    base: str, concurrency: int, seconds: float, script: Path, bodies: Path
) -> dict[str, Any]:
    command = [
        "wrk", "-t1", f"-c{concurrency}", f"-d{seconds:g}s", "--timeout", "10s",
        "-s", str(script), base + "/api/chat", "--", str(bodies),
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in output.splitlines() if x.startswith("WRKJSON "))
    raw: dict[str, Any] = json.loads(line[len("WRKJSON ") :])
    seconds_run = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = sum(raw["errors"].values())
    return {
        "concurrency": concurrency,
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds_run,
        "p50_ms": latency["p50"] / 1000,
        "p90_ms": latency["p90"] / 1000,
        "p99_ms": latency["p99"] / 1000,
        "max_ms": latency["max"] / 1000,
        "errors": errors,
        "error_kinds": {k: v for k, v in raw["errors"].items() if v},
        "statuses": raw["statuses"],
        "requests_per_worker": raw["workers"],
    }


def busy_ticks() -> int:
    """Clock ticks the machine's CPUs spent on anything but idling, since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields[:8]) - idle


def process_ticks(pids: list[int]) -> int:
    """User + system clock ticks of these processes (their threads included)."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def measured_wrk(
    base: str, pid: int, concurrency: int, seconds: float, script: Path, bodies: Path
) -> dict[str, Any]:
    """:func:`run_wrk`, with the CPU others used meanwhile: the machine's busy time less the
    server's and wrk's, in cores. Figures taken while others ran are not comparable."""
    server = [pid, *children(pid)]
    machine_before, server_before = busy_ticks(), process_ticks(server)
    wrk_before = os.times().children_user + os.times().children_system
    row = run_wrk(base, concurrency, seconds, script, bodies)
    tick = os.sysconf("SC_CLK_TCK")
    wrk_ticks = (os.times().children_user + os.times().children_system - wrk_before) * tick
    others = busy_ticks() - machine_before - (process_ticks(server) - server_before)
    row["wrk_cores"] = wrk_ticks / tick / seconds
    row["other_cores"] = max(0.0, (others - wrk_ticks) / tick / seconds)
    return row


def children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (uvicorn's workers, multiprocessing's resource tracker)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            found += [kid, *children(kid)]
    return found


def memory(pid: int) -> dict[str, Any]:
    """RSS and PSS in MiB of ``pid`` and its descendants; PSS shares the memory-mapped index
    and the libraries between the processes mapping them, so it adds up honestly."""
    rows = []
    for process in [pid, *children(pid)]:
        try:
            rollup = Path(f"/proc/{process}/smaps_rollup").read_text()
            fields = dict(line.split(":", 1) for line in rollup.splitlines() if ":" in line)
            command = Path(f"/proc/{process}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        role = "parent" if process == pid else "resource tracker"
        if "spawn_main" in command:
            role = "worker"
        rows.append(
            {
                "pid": process,
                "role": role,
                "rss_mib": int(fields["Rss"].split()[0]) / 1024,
                "pss_mib": int(fields["Pss"].split()[0]) / 1024,
            }
        )
    return {
        "processes": rows,
        "total_rss_mib": sum(r["rss_mib"] for r in rows),
        "total_pss_mib": sum(r["pss_mib"] for r in rows),
    }


def machine() -> dict[str, Any]:
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0],
    }


def plot(results: list[dict[str, Any]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = [r["concurrency"] for r in results]
    fig, (latency, throughput) = plt.subplots(1, 2, figsize=(10, 4.2), constrained_layout=True)
    for key, label, style in (
        ("p50_ms", "p50", "o-"),
        ("p90_ms", "p90", "s-"),
        ("p99_ms", "p99", "^-"),
    ):
        latency.plot(levels, [r[key] for r in results], style, label=label)
    latency.set_xscale("log", base=2)
    latency.set_yscale("log")
    latency.set_xticks(levels, [str(c) for c in levels])
    latency.set_xlabel("concurrent connections")
    latency.set_ylabel("latency (ms)")
    latency.set_title("Latency")
    latency.grid(True, which="both", alpha=0.3)
    latency.legend()
    throughput.plot(levels, [r["rps"] for r in results], "o-", color="tab:green")
    for row in results:  # how much CPU others took meanwhile: a noisy point says so
        throughput.annotate(
            f"others {row.get('other_cores', 0):.2f} cores",
            (row["concurrency"], row["rps"]),
            textcoords="offset points",
            xytext=(0, -14),
            ha="center",
            fontsize=7,
            color="dimgray",
        )
    throughput.set_xscale("log", base=2)
    throughput.set_xticks(levels, [str(c) for c in levels])
    throughput.set_ylim(bottom=0)
    throughput.set_xlabel("concurrent connections")
    throughput.set_ylabel("requests/s")
    throughput.set_title("Throughput")
    throughput.grid(True, alpha=0.3)
    fig.suptitle(title, fontsize=10)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def build_index(index: Path, log: Path) -> None:
    print(f"building the index in {index} (about 30 s)…", flush=True)
    with log.open("ab") as out:
        subprocess.run(
            [str(Path(sys.executable).parent / "advisor"), "index", "--index", str(index)],
            cwd=REPO, env=server_env(), stdout=out, stderr=subprocess.STDOUT, check=True,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="A built index folder (default: build one).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", default="1,8,32,128", help="Comma-separated levels.")
    parser.add_argument("--seconds", type=float, default=20, help="Duration of each level.")
    parser.add_argument("--cold-starts", type=int, default=3, help="Cold starts to time.")
    parser.add_argument(
        "--retry-noisy",
        type=int,
        default=1,
        help=f"Measure a level again this many times when others used > {NOISY_CORES} cores.",
    )
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--json", type=Path, help="Write the results here as JSON.")
    parser.add_argument("--plot", type=Path, help="Write latency against concurrency (PNG).")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: install Debian's wrk (apt-get install wrk)")
    levels = [int(c) for c in args.concurrency.split(",")]
    work = Path(tempfile.mkdtemp(prefix="advisor-loadtest-"))
    log = work / "server.log"
    index = args.index
    if index is None or not (index / "CURRENT").is_file():
        index = index or work / "index"
        build_index(index, log)

    # Enough distinct questions for the fastest level not to come back to the first ones
    # before thousands of others pushed them out of the answer cache (2,048 per worker).
    bodies = unique_bodies(args.questions, 16_000)
    script = work / "post.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    load_before = os.getloadavg()

    cold = []
    for _ in range(args.cold_starts):
        with advisor_server(index, args.workers, log) as (_, _, seconds):
            cold.append(seconds)
    if cold:
        print(f"cold start to the first answer: {statistics.median(cold):.2f} s (median of "
              f"{len(cold)}: {', '.join(f'{s:.2f}' for s in cold)})", flush=True)  # fmt: skip

    results = []
    with advisor_server(index, args.workers, log) as (base, pid, _):
        # Warm-up: every worker loads its lazy parts (spelling, BM25 caches) before timing.
        offset = 0
        warm = work / "warm.jsonl"
        warm.write_text("\n".join(bodies[-2000:]) + "\n", encoding="utf-8")
        run_wrk(base, 8, 4, script, warm)
        for concurrency in levels:
            best: dict[str, Any] | None = None
            for _ in range(1 + args.retry_noisy):
                # Each run starts where the previous stopped in the list of distinct bodies.
                chunk = work / f"bodies-{concurrency}.jsonl"
                rotated = bodies[offset:] + bodies[:offset]
                chunk.write_text("\n".join(rotated) + "\n", encoding="utf-8")
                row = measured_wrk(base, pid, concurrency, args.seconds, script, chunk)
                offset = (offset + row["requests"]) % len(bodies)
                print(
                    f"c={concurrency:<4} {row['rps']:7.1f} req/s  p50 {row['p50_ms']:7.1f}  "
                    f"p90 {row['p90_ms']:7.1f}  p99 {row['p99_ms']:7.1f} ms  errors "
                    f"{row['errors']}  workers {sorted(row['requests_per_worker'].values())}"
                    f"  wrk {row['wrk_cores']:.2f} cores, others {row['other_cores']:.2f} cores",
                    flush=True,
                )
                if best is None or row["other_cores"] < best["other_cores"]:
                    best = row
                time.sleep(1)
                if row["other_cores"] <= NOISY_CORES:
                    break
                print(f"  others used more than {NOISY_CORES} cores: measuring again", flush=True)
            assert best is not None
            results.append(best)
        time.sleep(2)  # at rest
        mem = memory(pid)
    load_after = os.getloadavg()

    info = machine()
    print(f"\nmachine: {info['cpu']}, {info['cores']} cores, Python {info['python']}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    print(f"advisor serve --workers {args.workers}; wrk, 1 thread, {args.seconds:g} s per level")
    print(
        f"{'concurrency':>11} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>7}"
        "  others' CPU (cores)"
    )
    for row in results:
        print(
            f"{row['concurrency']:>11} {row['rps']:>8.1f} {row['p50_ms']:>8.1f} "
            f"{row['p90_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['errors']:>7}"
            f"  {row['other_cores']:.2f}"
        )
    print(f"{'process':<18}{'RSS MiB':>9}{'PSS MiB':>9}")
    for row in mem["processes"]:
        print(
            f"{row['role'] + ' ' + str(row['pid']):<18}{row['rss_mib']:>9.1f}{row['pss_mib']:>9.1f}"
        )
    print(f"{'total':<18}{mem['total_rss_mib']:>9.1f}{mem['total_pss_mib']:>9.1f}")

    report = {
        "machine": info,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "workers": args.workers,
        "embedders": os.environ.get("ADVISOR_EMBEDDERS", "e5,use"),
        "request_threads": os.environ.get("ADVISOR_REQUEST_THREADS", "default"),
        "seconds_per_level": args.seconds,
        "cold_start_s": {"median": statistics.median(cold), "runs": cold} if cold else None,
        "levels": results,
        "memory_at_rest": mem,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.plot:
        plot(
            results,
            args.plot,
            f"advisor serve --workers {args.workers}, {report['embedders']}, "
            f"{info['cores']} cores, load avg {load_before[0]:.1f}",
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
