"""`advisor serve --workers 2`, for real: two processes over one index, both answering, both
following a newly published version, a dead worker replaced; and the default serving path
never imports torch."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from live_server import (
    REPO,
    Reply,
    Served,
    advisor_command,
    alive,
    free_port,
    post_chat,
    serve,
    server_env,
)

pytestmark = pytest.mark.slow

SALARY_QUESTION = "Combien gagne un débutant ?"
OLD_SALARY = "entre 3 200€ et 4 500€"
NEW_SALARY = "entre 3 250€ et 4 550€"


@pytest.fixture(scope="module")
def two_workers(
    advisor: Any, settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """`advisor serve --workers 2` over copies of the knowledge and of the session's index."""
    workdir = tmp_path_factory.mktemp("workers")
    knowledge = workdir / "knowledge"
    shutil.copytree(settings.knowledge_dir, knowledge)
    index = workdir / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    with serve(workdir, knowledge, index, "--workers", "2") as served:
        yield served


def answers_until(served: Served, done: Any, seconds: float) -> dict[str, Reply]:
    """Ask the salary question on new connections until ``done(replies by worker)``."""
    replies: dict[str, Reply] = {}
    deadline = time.monotonic() + seconds
    while not done(replies):
        assert time.monotonic() < deadline, (
            f"gave up after {seconds:.0f} s; last replies by worker: "
            f"{ {w: r.body['answer'][:80] for w, r in replies.items()} }\n{served.log_tail()}"
        )
        reply = post_chat(served.url, SALARY_QUESTION)
        assert reply.status == 200
        replies[reply.worker] = reply
        time.sleep(0.05)
    return replies


def test_both_workers_answer_and_follow_a_new_version(two_workers: Served) -> None:
    before = answers_until(two_workers, lambda r: len(r) >= 2, 60)
    assert len(before) == 2
    for reply in before.values():
        assert OLD_SALARY in reply.body["answer"]
    workers = set(before)
    assert all(alive(int(pid)) for pid in workers)
    assert str(two_workers.process.pid) not in workers  # the parent only supervises

    # A staff member edits a profile and publishes with `advisor index` from a shell.
    profile = two_workers.knowledge / "responsable-de-production.txt"
    text = profile.read_text(encoding="utf-8")
    assert OLD_SALARY in text
    profile.write_text(text.replace(OLD_SALARY, NEW_SALARY), encoding="utf-8")
    built = subprocess.run(
        advisor_command(
            "index", "--knowledge", str(two_workers.knowledge), "--index", str(two_workers.index)
        ),
        cwd=REPO, env=server_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "responsable-de-production.txt: 1 changed" in built.stderr

    def both_updated(replies: dict[str, Reply]) -> bool:
        fresh = {w for w, r in replies.items() if NEW_SALARY in r.body["answer"]}
        return workers <= fresh

    after = answers_until(two_workers, both_updated, 60)
    for worker in workers:
        assert NEW_SALARY in after[worker].body["answer"]
        assert OLD_SALARY not in after[worker].body["answer"]


def test_a_dead_worker_is_replaced_and_the_other_answers_meanwhile(two_workers: Served) -> None:
    first = answers_until(two_workers, lambda r: len(r) >= 2, 60)
    victim, survivor = sorted(first)
    os.kill(int(victim), signal.SIGKILL)
    # Connections hashed to the dead worker's socket wait for its replacement; the others
    # are answered by the survivor at once.
    replaced = answers_until(
        two_workers, lambda r: len(r) >= 2 and victim not in r and survivor in r, 90
    )
    (newcomer,) = set(replaced) - {survivor}
    assert alive(int(newcomer))
    assert replaced[newcomer].body["passages"], "the new worker answers with passages"


def test_workers_exit_with_the_server(advisor: Any, settings: Any, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    with serve(tmp_path, settings.knowledge_dir, index, "--workers", "2") as served:
        pids = set(answers_until(served, lambda r: len(r) >= 2, 60))
    assert served.process.returncode == 0, served.log_tail()
    deadline = time.monotonic() + 10
    while any(alive(int(pid)) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(int(pid)) for pid in pids), "a worker outlived `advisor serve`"
    log = served.log.read_text(errors="replace")
    # Workers end normally, so multiprocessing cleans what they created (tqdm's semaphore).
    assert "leaked semaphore" not in log and "Traceback" not in log, log


def test_an_index_of_other_models_is_refused_before_any_worker_starts(
    advisor: Any, settings: Any, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    done = subprocess.run(
        advisor_command("serve", "--workers", "2", "--port", str(free_port()), "--index",
                        str(index)),
        cwd=REPO, env=server_env(ADVISOR_EMBEDDERS="use"), capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "built with e5, use, this server uses use" in done.stderr
    assert "advisor index" in done.stderr


def test_the_default_serving_path_never_imports_torch(advisor: Any, settings: Any) -> None:
    """Importing torch costs seconds of every cold start: the default models (e5, use) and
    the API must not pull it in, nor sentence-transformers, even after a question."""
    script = textwrap.dedent(
        """
        import sys
        from fastapi.testclient import TestClient
        from advisor.api.app import create_app_from_env
        with TestClient(create_app_from_env()) as client:
            reply = client.post("/api/chat", json={"message": "C'est bien payé ?"})
            assert reply.status_code == 200 and reply.json()["passages"], reply.text
        heavy = ("torch", "sentence_transformers", "transformers", "trafilatura")
        print(",".join(sorted(name for name in heavy if name in sys.modules)) or "none")
        """
    )
    env = server_env(
        ADVISOR_INDEX_DIR=str(settings.index_dir),
        ADVISOR_KNOWLEDGE_DIR=str(settings.knowledge_dir),
        ADVISOR_RELOAD_SECONDS="0",
    )
    env.pop("ADVISOR_EMBEDDERS", None)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"
