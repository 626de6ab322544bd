"""Staff update the profiles of a REAL running advisor (its own copy of knowledge/ and of the
index, the real models) and reindex it live, while students keep asking.

A build killed half-way is tested in tests/index/test_versions.py (a real build process, SIGKILLed).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from advisor.index import IndexVersions

pytestmark = pytest.mark.e2e

AdminServer = Any  # tests/e2e/conftest.py::AdminServer (conftest modules are not importable)

SEED_NAME = "responsable-de-production.txt"
ANCHOR = "Logiciels de supervision (SCADA)"
BUILD_TIMEOUT = 180.0
# Questions students ask while staff reindex (each made unique, so none comes from the cache).
QUESTIONS = [
    "C'est bien payé ?",
    "Quelles études faut-il faire ?",
    "Comment se passe une journée type ?",
    "Quels sont les inconvénients du métier ?",
    "Wat verdient een productieverantwoordelijke?",
    "What skills do I need?",
    "Est-ce qu'on travaille la nuit ?",
    "Quelles qualités faut-il avoir ?",
]


def _add_line(knowledge: Path, line: str) -> None:
    path = knowledge / SEED_NAME
    text = path.read_text(encoding="utf-8")
    assert ANCHOR in text
    path.write_text(text.replace(ANCHOR, f"{ANCHOR}\n{line}", 1), encoding="utf-8")


def _remove_line(knowledge: Path, line: str) -> None:
    path = knowledge / SEED_NAME
    path.write_text(path.read_text(encoding="utf-8").replace(f"\n{line}", "", 1), encoding="utf-8")


def _quotes(http: httpx.Client, question: str, word: str) -> bool:
    response = http.post("/api/chat", json={"message": question})
    assert response.status_code == 200, response.text
    return any(word in passage["text"] for passage in response.json()["passages"])


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = BUILD_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.25)


def _reindex(http: httpx.Client, admin: AdminServer, full: bool = False) -> dict[str, Any]:
    """POST /admin/reindex; follow /admin/status if it answers 202; the finished build."""
    response = http.post("/admin/reindex", params={"full": full}, headers=admin.auth)
    assert response.status_code in (200, 202), response.text
    build: dict[str, Any] = response.json()["build"]
    if response.status_code == 202:
        assert response.headers["location"] == "/admin/status"

        def finished() -> bool:
            nonlocal build
            build = http.get("/admin/status", headers=admin.auth).json()["build"]
            return build["state"] != "running"

        _wait_for(finished, "the build to finish")
    assert build["state"] == "done", build
    return build


@pytest.fixture
def http(admin_server: AdminServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=admin_server.url, timeout=120) as client:
        yield client


def _version(http: httpx.Client, admin: AdminServer) -> str:
    return str(http.get("/admin/status", headers=admin.auth).json()["version"])


def test_no_admin_route_without_a_token(server_url: str) -> None:
    with httpx.Client(base_url=server_url, timeout=30) as client:
        for path in ("/admin", "/admin/status"):
            assert client.get(path).status_code == 404
        assert client.post("/admin/reindex").status_code == 404


def test_the_admin_api_wants_the_token(http: httpx.Client) -> None:
    missing = http.post("/admin/reindex")
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    wrong = http.post("/admin/reindex", headers={"Authorization": "Bearer wrong-token-000000000"})
    assert wrong.status_code == 403 and wrong.json() == {"error": "Wrong admin token."}


class Students:
    """A client asking questions without pause in a thread of its own, counting failures."""

    def __init__(self, url: str, probe: str, word: str) -> None:
        self.url, self.probe, self.word = url, probe, word
        self.failures: list[str] = []
        self.asked = 0
        self.probes: list[bool] = []  # did each probe question quote `word`?
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="students", daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as client:
            while not self._stop.is_set():
                probe = self.asked % 3 == 0
                question = self.probe if probe else f"{QUESTIONS[self.asked % 8]} ({self.asked})"
                try:
                    response = client.post("/api/chat", json={"message": question})
                    if response.status_code != 200:
                        self.failures.append(f"{response.status_code}: {response.text[:300]}")
                    elif probe:
                        passages = response.json()["passages"]
                        self.probes.append(any(self.word in p["text"] for p in passages))
                except httpx.HTTPError as error:
                    self.failures.append(repr(error))
                self.asked += 1

    @contextmanager
    def asking(self) -> Iterator[Students]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(timeout=120)


def test_a_new_passage_is_answered_after_reindex_while_students_chat(
    http: httpx.Client, admin_server: AdminServer
) -> None:
    line = "Le Zorglubomètre, un instrument inventé pour ce test, mesure la motivation de l'équipe."
    question = "C'est quoi le Zorglubomètre ?"
    before = _version(http, admin_server)
    with Students(admin_server.url, question, "Zorglubomètre").asking() as students:
        _wait_for(lambda: len(students.probes) >= 2, "students asking before the change")
        _add_line(admin_server.knowledge, line)
        build = _reindex(http, admin_server)
        _wait_for(lambda: students.probes[-2:] == [True, True], "the new passage being quoted")
    assert students.failures == [], f"{len(students.failures)} of {students.asked} failed"
    assert students.asked >= 10
    # Answers went from the old version to the new one once, never back.
    assert students.probes[0] is False and students.probes[-1] is True
    assert students.probes == sorted(students.probes)
    report = build["report"]
    [seed] = [change for change in report["files"] if change["file"] == SEED_NAME]
    assert (seed["changed"], seed["added"], seed["removed"]) == (1, 0, 0)
    assert report["embedded"] == 1 and report["version"] != before
    assert report["version"] == _version(http, admin_server)


BAD_FILES = {
    "empty": ("vide.md", b"", "vide.md", "the file is empty"),
    "binary": ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "photo.md", "binary"),
    "not UTF-8": (
        "latin.txt",
        "Métier fictif\nUne ligne.\nÉtudes : trois années.\n".encode("latin-1"),
        "latin.txt:1",
        "not UTF-8",
    ),
    "broken front matter": (
        "casse.md",
        b"---\ntitle: [oops\n---\n# Casse\nUn texte assez long pour compter ici, fictif.\n",
        "casse.md:2",
        "broken front matter",
    ),
    "no usable text": ("titre.md", b"---\ntitle: Titre\n---\n# Titre\n", "titre.md", "no usable"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_is_refused_by_name_and_the_published_version_keeps_answering(
    http: httpx.Client, admin_server: AdminServer, kind: str
) -> None:
    name, content, where, reason = BAD_FILES[kind]
    line = f"Le Brouzoufmètre {kind}, un outil inventé pour ce test."
    before = _version(http, admin_server)
    _add_line(admin_server.knowledge, line)
    (admin_server.knowledge / name).write_bytes(content)
    try:
        response = http.post("/admin/reindex", headers=admin_server.auth)
        assert response.status_code == 422
        body = response.json()
        assert f"{where}: " in body["error"] and reason in body["error"]
        error = body["build"]["error"]
        assert [(f["file"], f["line"]) for f in error["files"]] == [
            (name, int(where.split(":")[1]) if ":" in where else None)
        ]
        # The rest of the report still says what the good files would have changed.
        changes = {change["file"]: change for change in error["changes"]}
        assert changes[SEED_NAME]["changed"] == 1
        assert _version(http, admin_server) == before
        assert not _quotes(http, "C'est quoi le Brouzoufmètre ?", "Brouzoufmètre")
        assert _quotes(http, "C'est bien payé ?", "€")
    finally:
        (admin_server.knowledge / name).unlink()
        _remove_line(admin_server.knowledge, line)


def test_editor_backups_and_hidden_files_are_ignored(
    http: httpx.Client, admin_server: AdminServer
) -> None:
    junk = [".~lock.fiche.md#", ".fiche.md.swp", "fiche.md~", "fiche.md.bak", ".DS_Store"]
    for name in junk:
        (admin_server.knowledge / name).write_bytes(b"\x00\xff not a profile")
    try:
        build = _reindex(http, admin_server)
        assert not {change["file"] for change in build["report"]["files"]} & set(junk)
    finally:
        for name in junk:
            (admin_server.knowledge / name).unlink()


def test_a_build_running_elsewhere_is_refused_clearly(
    http: httpx.Client, admin_server: AdminServer
) -> None:
    before = _version(http, admin_server)
    # Held by this test's process, as `advisor index` holds it while it builds.
    with IndexVersions(admin_server.index).lock():
        response = http.post("/admin/reindex", headers=admin_server.auth)
        rollback = http.post("/admin/rollback", headers=admin_server.auth)
    assert response.status_code == 409
    assert "another `advisor index` is already building" in response.json()["error"]
    assert f"pid {os.getpid()}" in response.json()["error"]
    assert rollback.status_code == 409
    assert _version(http, admin_server) == before


def test_a_version_published_by_the_cli_is_served_and_rolled_back(
    http: httpx.Client, admin_server: AdminServer
) -> None:
    """Another process (here `advisor index`, as another replica's build would) publishes: the
    server notices within seconds. Rollback serves the version before it again."""
    line = "Le Chronoflux, un tableau de bord inventé pour ce test, suit les arrêts de ligne."
    question = "À quoi sert le Chronoflux ?"
    before = _version(http, admin_server)
    _add_line(admin_server.knowledge, line)
    command = [sys.executable, "-m", "advisor", "index"]
    command += ["--knowledge", str(admin_server.knowledge), "--index", str(admin_server.index)]
    built = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, env=os.environ.copy()
    )
    assert built.returncode == 0, built.stderr
    published = IndexVersions(admin_server.index).published_name()
    assert published != before
    _wait_for(lambda: _version(http, admin_server) == published, "the server to follow", 30)
    assert _quotes(http, question, "Chronoflux")

    rolled = http.post("/admin/rollback", headers=admin_server.auth)
    assert rolled.status_code == 200 and rolled.json()["version"] == before
    assert _version(http, admin_server) == before
    assert not _quotes(http, question, "Chronoflux")
    # The knowledge folder still holds the line: the next build publishes it again.
    build = _reindex(http, admin_server)
    assert build["report"]["embedded"] == 1  # only what the version served lacks is embedded
    assert _quotes(http, question, "Chronoflux")
