#!/usr/bin/env python3
"""What counting the rate limits in Redis costs an answer: ``/api/chat`` timed in-process with
ADVISOR_RATE_LIMIT_STORAGE=memory:// and redis:// (Debian's redis-server on a loopback port,
started here), in the same run, on one Advisor, answers from the Advisor's cache (where the
limits' share of a request is largest).

    python scripts/bench_limits.py [--rounds 200]

Requests alternate between the two apps (the order flips each round), so drift of the machine
touches both alike; each request is a new student (session id), counted against both limits.
Prints a table of median and p95 in milliseconds, and the difference of the medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(port: int, folder: Path) -> subprocess.Popen[bytes]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from advisor.advisor import Advisor
    from advisor.api import create_app
    from advisor.settings import Settings

    scratch = Path(tempfile.mkdtemp(prefix="advisor-bench-limits-"))
    port = free_port()
    redis = start_redis(port, scratch)
    base: dict[str, Any] = {
        "knowledge_dir": args.knowledge,
        "index_dir": scratch / "index",
        "log": False,
        "rate_limit": "1000/minute",
        "rate_limit_per_ip": "100000/minute",
    }
    Advisor.build(Settings(**base))
    advisor = Advisor.from_settings(Settings(**base))
    stores = {"memory": "memory://", "redis": f"redis://127.0.0.1:{port}/0"}
    times: dict[str, list[float]] = {name: [] for name in stores}
    try:
        clients = {
            name: TestClient(create_app(Settings(**base, rate_limit_storage=url), advisor))
            for name, url in stores.items()
        }
        for client in clients.values():  # warm the cache and the connections
            client.post("/api/chat", json={"message": "C'est bien payé ?"})
        for round_ in range(args.rounds):
            order = list(clients) if round_ % 2 == 0 else list(reversed(clients))
            for name in order:
                session = {"X-Advisor-Session": uuid.uuid4().hex}
                started = time.perf_counter()
                response = clients[name].post(
                    "/api/chat", json={"message": "C'est bien payé ?"}, headers=session
                )
                times[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.text
    finally:
        redis.terminate()
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"| store | median ms | p95 ms |  ({args.rounds} requests each, cached answers)")
    print("| --- | --- | --- |")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} | {percentile(values, 0.95):.2f} |")
    extra = statistics.median(times["redis"]) - statistics.median(times["memory"])
    print(f"redis - memory, medians: {extra:+.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
