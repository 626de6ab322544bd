#!/usr/bin/env python3
"""What logging questions costs an answer: ``/api/chat`` timed in-process with ADVISOR_LOG=off
and on, in the same run, on one Advisor.

    python scripts/bench_logging.py [--rounds 20] [--database-url postgresql://…]

Two apps share the loaded Advisor: one with the log off, one with it on (SQLite in a scratch
folder, or the given database). Requests alternate between the two (the order flips each
round), so drift of the machine touches both alike. Two cases: answers from the Advisor's
cache (the request costs least there, so the log's share is largest) and answers computed anew
(the cache cleared before each request). Prints median and p95 per case, in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = (
    "C'est bien payé ?",
    "Quelles études faut-il faire ?",
    "À quoi ressemble une journée type ?",
    "Quels sont les avantages du métier ?",
    "Quels outils utilise-t-on ?",
    "Combien gagne un boulanger ?",
    "Hoeveel verdient een responsable de production?",
    "What does a typical day look like?",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="Rounds of every question.")
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--database-url", help="Log to this database instead of a SQLite file.")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from advisor.advisor import Advisor
    from advisor.api import create_app
    from advisor.settings import Settings

    scratch = Path(tempfile.mkdtemp(prefix="advisor-bench-log-"))
    base: dict[str, Any] = {
        "knowledge_dir": args.knowledge,
        "index_dir": scratch / "index",
        "data_dir": scratch / "data",
        "rate_limit": "off",
        "rate_limit_per_ip": "off",
        "reload_seconds": 0,
    }
    print("building the index and loading the models…", file=sys.stderr)
    Advisor.build(Settings(**base))
    advisor = Advisor.from_settings(Settings(**base))
    on = {"log": True, **({"database_url": args.database_url} if args.database_url else {})}
    apps = {
        "off": create_app(Settings(**base, log=False), advisor),
        "on": create_app(Settings(**base, **on), advisor),
    }
    results: dict[tuple[str, str], list[float]] = {}
    with TestClient(apps["off"]) as off, TestClient(apps["on"]) as logged:
        clients = {"off": off, "on": logged}
        for case in ("cached", "computed"):
            for question in QUESTIONS:  # warm-up: models, code paths, the cache
                for client in clients.values():
                    client.post("/api/chat", json={"message": question})
            for round_number in range(args.rounds):
                order = ("off", "on") if round_number % 2 == 0 else ("on", "off")
                for question in QUESTIONS:
                    for log in order:
                        if case == "computed":
                            advisor.clear_cache()
                        started = time.perf_counter()
                        response = clients[log].post("/api/chat", json={"message": question})
                        elapsed = time.perf_counter() - started
                        assert response.status_code == 200, response.text
                        results.setdefault((case, log), []).append(elapsed * 1000)
        recorder = apps["on"].state.recorder
        recorder.flush(30)
        status = recorder.status()

    print(f"\n/api/chat in-process, {args.rounds} rounds × {len(QUESTIONS)} questions per cell")
    print(f"log on: {status.store}; written {status.written}, dropped {status.dropped}\n")
    print(f"{'answers':<10} {'ADVISOR_LOG':<12} {'median ms':>10} {'p95 ms':>9} {'n':>5}")
    for case in ("cached", "computed"):
        for log in ("off", "on"):
            times = results[(case, log)]
            print(
                f"{case:<10} {log:<12} {statistics.median(times):>10.2f} "
                f"{percentile(times, 0.95):>9.2f} {len(times):>5}"
            )
        delta = statistics.median(results[(case, "on")]) - statistics.median(results[(case, "off")])
        print(f"{'':<10} {'on − off':<12} {delta:>+10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
