"""Start real `advisor serve` processes for the tests of workers and replicas."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from advisor.api.app import WORKER_HEADER

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Reply:
    status: int
    worker: str
    body: dict[str, Any]


def post_chat(base: str, message: str, timeout: float = 30, session: str | None = None) -> Reply:
    """One question on a new connection (urllib never reuses one), so the kernel picks a
    worker each time; ``session``: the chat's anonymous session id (the rate limit's client).
    A refusal (429) is a reply too."""
    headers = {"Content-Type": "application/json"}
    if session is not None:
        headers["X-Advisor-Session"] = session
    request = urllib.request.Request(
        base + "/api/chat", data=json.dumps({"message": message}).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read())
            return Reply(response.status, response.headers[WORKER_HEADER], body)
    except urllib.error.HTTPError as refused:
        if refused.code != 429:
            raise
        return Reply(429, refused.headers.get(WORKER_HEADER, ""), json.loads(refused.read()))


def server_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "ADVISOR_RATE_LIMIT": "off",
            "ADVISOR_RATE_LIMIT_PER_IP": "off",
            "ADVISOR_RELOAD_SECONDS": "1",
            "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def advisor_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "advisor", *args]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]
    knowledge: Path
    index: Path
    log: Path

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


@contextmanager
def serve(workdir: Path, knowledge: Path, index: Path, *args: str, **env: str) -> Iterator[Served]:
    """`advisor serve` on a free port until /api/health answers; stopped (and checked gone,
    workers included) after."""
    port = free_port()
    log = workdir / f"serve-{port}.log"
    command = advisor_command(
        "serve", "--port", str(port), "--index", str(index), "--knowledge", str(knowledge), *args
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO, env=server_env(**env), stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    served = Served(f"http://127.0.0.1:{port}", process, knowledge, index, log)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, f"advisor serve exited:\n{served.log_tail()}"
            try:
                with urllib.request.urlopen(served.url + "/api/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            assert time.monotonic() < deadline, f"no answer in 120 s:\n{served.log_tail()}"
            time.sleep(0.3)
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            pytest.fail(f"advisor serve did not stop on SIGTERM:\n{served.log_tail()}")
