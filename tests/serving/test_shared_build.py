"""The build state shared by replicas through the index folder, in-process with two apps (two
replicas) on one knowledge folder and one index folder, a real lexical index: a build run by
one is reported by the other with its report; a build held up by another process's lock is
refused as before, while a staff edit waits for it and is then published; a replica that died
mid-build is reported as such, not as running forever."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app
from advisor.index import IndexVersions, build_index
from advisor.serving.build_state import BUILD_STATE_FILE, LOST_AFTER_SECONDS
from staff import staff_settings

TOKEN = "staff-token-for-the-shared-builds"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEED = "responsable-de-production"


@pytest.fixture
def replicas(tmp_path: Path, knowledge_copy: Path) -> Iterator[tuple[TestClient, TestClient]]:
    settings = staff_settings(knowledge_copy, tmp_path / "index", TOKEN, log=False)
    build_index(knowledge_copy, settings.index_dir, [])
    with ExitStack() as stack:
        first, second = (
            stack.enter_context(TestClient(create_app(settings), raise_server_exceptions=False))
            for _ in range(2)
        )
        yield first, second


def _build(client: TestClient) -> dict[str, Any]:
    build: dict[str, Any] = client.get("/admin/status", headers=AUTH).json()["build"]
    return build


def test_a_build_run_by_one_replica_is_reported_by_the_other(
    replicas: tuple[TestClient, TestClient],
) -> None:
    first, second = replicas
    assert _build(second)["state"] == "idle"
    done = first.post("/admin/reindex", headers=AUTH)
    assert done.status_code == 200
    version = done.json()["build"]["report"]["version"]
    seen = _build(second)
    assert seen["state"] == "done" and seen["reason"] == "reindex"
    assert seen["report"]["version"] == version
    assert seen["report"]["files"][0]["file"] == f"{SEED}.txt"


def test_another_process_s_build_refuses_a_reindex_but_an_edit_waits_for_it(
    replicas: tuple[TestClient, TestClient],
) -> None:
    first, second = replicas
    settings = first.app.state.services.settings  # type: ignore[attr-defined]
    versions = IndexVersions(settings.index_dir)
    text = first.get(f"/admin/api/profiles/{SEED}", headers=AUTH).json()["text"]
    with versions.lock():  # another process builds
        refused = first.post("/admin/reindex", headers=AUTH)
        assert refused.status_code == 409
        assert refused.json()["build"]["error"]["kind"] == "busy"
        edit = second.put(
            f"/admin/api/profiles/{SEED}",
            json={"text": text + "\nLe Quibblomètre, un outil fictif pour ce test.\n"},
            headers=AUTH,
        )
        assert edit.status_code == 202  # saved; its build waits for the lock
        time.sleep(1.5)
        assert _build(first)["state"] == "running"  # the other replica sees it waiting
    deadline = time.monotonic() + 60
    while _build(first)["state"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _build(first)["state"] == "done"
    answer = second.post("/api/chat", json={"message": "c'est quoi le Quibblomètre ?"}).json()
    assert any("Quibblomètre" in p["text"] for p in answer["passages"])


def test_a_build_whose_replica_died_is_not_running_forever(
    replicas: tuple[TestClient, TestClient],
) -> None:
    first, _ = replicas
    settings = first.app.state.services.settings  # type: ignore[attr-defined]
    record = {
        "state": "running",
        "reason": "reindex",
        "full": True,
        "started_at": "2026-12-05T10:00:00+00:00",
        "finished_at": None,
        "progress": {"done": 40, "total": 100},
        "report": None,
        "error": None,
        "host": "replica-2",
        "pid": 4242,
    }
    path = settings.index_dir / BUILD_STATE_FILE
    path.write_text(json.dumps({**record, "written": time.time()}), encoding="utf-8")
    running = _build(first)
    assert running["state"] == "running" and running["progress"] == {"done": 40, "total": 100}
    path.write_text(
        json.dumps({**record, "written": time.time() - LOST_AFTER_SECONDS - 1}), encoding="utf-8"
    )
    lost = _build(first)
    assert lost["state"] == "failed" and "replica-2 stopped answering" in lost["error"]["message"]
