"""The thread and process policy of `advisor serve`, and the workers' listening sockets."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import textwrap

import pytest

from advisor.serving.runtime import THREAD_VARIABLES, available_cores, serving_plan
from advisor.serving.workers import WorkersFailed, bind_sockets


def test_one_worker_per_usable_core_by_default() -> None:
    plan = serving_plan(threads=1, request_threads=4, cores=6)
    assert plan.workers == 6
    assert not plan.oversubscribed
    assert "6 worker(s) on 6 core(s)" in plan.describe()


def test_one_worker_per_core_unless_asked() -> None:
    assert serving_plan(1, 4, cores=4).workers == 4
    assert serving_plan(1, 4, workers=3, cores=4).workers == 3


def test_more_threads_than_cores_is_flagged() -> None:
    assert serving_plan(threads=2, request_threads=4, workers=2, cores=2).oversubscribed
    assert not serving_plan(threads=1, request_threads=4, workers=2, cores=2).oversubscribed


def test_available_cores_follows_the_affinity() -> None:
    """`taskset -c 0` leaves one core to the process, whatever the machine has."""
    probe = "from advisor.serving.runtime import available_cores; print(available_cores())"
    taskset = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", probe], text=True,
                             capture_output=True)  # fmt: skip
    if taskset.returncode != 0:
        pytest.skip(f"taskset unavailable: {taskset.stderr.strip()}")
    assert taskset.stdout.strip() == "1"
    assert available_cores() == len(os.sched_getaffinity(0))


def test_thread_variables_are_set_before_numpy_loads() -> None:
    """In a fresh process: the policy sets every variable numpy's BLAS reads when it loads
    (over a stray one in the environment), and the BLAS pool numpy then starts has that many
    threads."""
    script = textwrap.dedent(
        """
        import os, sys, json
        from advisor.serving.runtime import set_thread_environment, THREAD_VARIABLES
        assert "numpy" not in sys.modules
        set_thread_environment(1)
        import numpy
        from threadpoolctl import threadpool_info
        blas = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
        print(json.dumps({"env": {n: os.environ[n] for n in THREAD_VARIABLES}, "blas": blas}))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    env["MKL_NUM_THREADS"] = "3"
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    result = json.loads(done.stdout)
    assert result["env"]["OMP_NUM_THREADS"] == "1"
    assert result["env"]["OPENBLAS_NUM_THREADS"] == "1"
    assert result["env"]["MKL_NUM_THREADS"] == "1"
    assert result["blas"] and set(result["blas"]) == {1}


def test_a_port_in_use_is_refused_not_shared() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(WorkersFailed, match=f"127.0.0.1:{port}: in use"):
            bind_sockets("127.0.0.1", port, 2)


def test_new_connections_are_spread_over_the_workers_sockets() -> None:
    """The kernel hashes each connection to one of the SO_REUSEPORT sockets: 40 connections
    all landing on one of two sockets would happen once in 2**39 runs."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sockets = bind_sockets("127.0.0.1", port, 2)
    clients = []
    try:
        for _ in range(40):
            clients.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        accepted = [0, 0]
        while sum(accepted) < 40:
            ready, _, _ = select.select(sockets, [], [], 5)
            assert ready, f"only {sum(accepted)} of 40 connections arrived"
            for sock in ready:
                connection, _ = sock.accept()
                connection.close()
                accepted[sockets.index(sock)] += 1
        assert min(accepted) > 0, accepted
    finally:
        for sock in clients + sockets:
            sock.close()


def test_the_app_sizes_its_request_thread_pool(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    """anyio's default is 40 threads; the app's lifespan sets ADVISOR_REQUEST_THREADS."""
    from anyio import to_thread
    from fastapi.testclient import TestClient

    from advisor.api import create_app

    app = create_app(settings.model_copy(update={"request_threads": 3}), advisor)
    with TestClient(app) as client:
        tokens = client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens)  # type: ignore[union-attr]
        reply = client.post("/api/chat", json={"message": "C'est bien payé ?"})
    assert tokens == 3
    assert reply.status_code == 200 and "€" in reply.json()["passages"][0]["text"]
    assert reply.headers["X-Advisor-Worker"] == str(os.getpid())
