"""Several machines, deployed as the README says: Debian's nginx (the configuration shipped in
deploy/nginx/advisor.conf) in front of two `advisor serve` instances sharing one knowledge
folder and one index folder, one Redis for the rate limits and one PostgreSQL for the question
log. Checked: questions spread over both; a burst over the limit is cut at the limit in total,
not per instance; a profile edited on one instance is built, reported by the other, and quoted
by both; with Redis stopped no question is lost; with one instance stopped the other answers.

Installs nothing: `scripts/test.sh` installs Debian's nginx, redis-server and PostgreSQL;
without them the test is skipped (and fails in CI, where it must run)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from live_server import REPO, Reply, alive, free_port, post_chat, serve

pytestmark = pytest.mark.slow

NGINX = Path("/usr/sbin/nginx")
TEMPLATE = REPO / "deploy" / "nginx" / "advisor.conf"
# The addresses of deploy/nginx/advisor.conf this test replaces with free loopback ports.
BACKEND_A, BACKEND_B, LISTEN = "127.0.0.1:8001", "127.0.0.1:8002", "listen 80;"
QUESTION = "Combien gagne un débutant ?"
EXPECTED = "entre 3 200€ et 4 500€"
TOKEN = "replicas-admin-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
LIMIT = 6  # questions per minute for one student, in total over both instances
SEED = "responsable-de-production"
# A fictitious line, written for this test only.
NEW_LINE = "Le Zorglubotron, un outil fictif de ce test, mesure les cadences."

MAIN_CONF = """\
worker_processes 1;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/advisor.conf;
}}
"""


def site_config(port: int, backend_a: int, backend_b: int) -> str:
    """The shipped site, with its addresses replaced; fails if the template lost one."""
    text = TEMPLATE.read_text(encoding="utf-8")
    for old in (BACKEND_A, BACKEND_B, LISTEN):
        assert old in text, f"{TEMPLATE} no longer holds {old!r}: update this test"
    return (
        text.replace(BACKEND_A, f"127.0.0.1:{backend_a}")
        .replace(BACKEND_B, f"127.0.0.1:{backend_b}")
        .replace(LISTEN, f"listen 127.0.0.1:{port};")
    )


@pytest.fixture
def nginx_binary() -> Path:
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{NGINX} is missing: scripts/test.sh installs Debian's nginx")
        pytest.skip(f"{NGINX} is missing (apt-get install nginx, as scripts/test.sh does)")
    return NGINX


def start_nginx(tmp: Path, port: int, backend_a: int, backend_b: int) -> subprocess.Popen[bytes]:
    (tmp / "advisor.conf").write_text(site_config(port, backend_a, backend_b), encoding="utf-8")
    # As root, nginx would run its worker as `nobody`, which cannot enter pytest's private
    # temp folder to buffer a response.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, user=user), encoding="utf-8")
    command = [
        str(NGINX), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log"),
        "-g", f"daemon off; pid {tmp}/nginx.pid;",
    ]  # fmt: skip
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
            return process
        except urllib.error.HTTPError:
            return process  # nginx is up, whatever the backends say
        except (urllib.error.URLError, OSError):
            assert process.poll() is None, f"nginx exited: {process.stderr.read()!r}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "nginx did not listen within 10 s"
            time.sleep(0.1)


@pytest.fixture
def shared_index(advisor: Any, settings: Any, tmp_path: Path) -> Path:
    """One index folder both instances read (a shared or NFS folder on two machines)."""
    index = tmp_path / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    return index


@pytest.fixture
def proxied(
    nginx_binary: Path,
    settings: Any,
    shared_index: Path,
    tmp_path: Path,
    redis: Any,
    postgres: Any,
) -> Iterator[tuple[str, Any, Any]]:
    """nginx on a free port, in front of two instances: yields (nginx URL, served A, B)."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(settings.knowledge_dir, knowledge)
    env = {
        "ADVISOR_ADMIN_TOKEN": TOKEN,
        "ADVISOR_RATE_LIMIT": f"{LIMIT}/minute",
        "ADVISOR_RATE_LIMIT_STORAGE": redis.url,
        "ADVISOR_DATABASE_URL": postgres.new_database(),
    }
    with (
        serve(tmp_path, knowledge, shared_index, "--workers", "1", **env) as first,
        serve(tmp_path, knowledge, shared_index, "--workers", "1", **env) as second,
    ):
        port = free_port()
        nginx_tmp = tmp_path / "nginx"
        nginx_tmp.mkdir()
        ports = [int(s.url.rsplit(":", 1)[1]) for s in (first, second)]
        nginx = start_nginx(nginx_tmp, port, *ports)
        try:
            yield f"http://127.0.0.1:{port}", first, second
        finally:
            nginx.send_signal(signal.SIGQUIT)  # graceful stop
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
                nginx.wait()


def workers_of(served: Any) -> set[str]:
    """The pids of an instance's processes (with --workers 1, the instance itself)."""
    return {str(served.process.pid)}


def ask_through(url: str, times: int, question: str = QUESTION) -> list[Reply]:
    """``times`` questions, each from a student of its own (under their own limit)."""
    replies = []
    for _ in range(times):
        reply = post_chat(url, question, session=uuid.uuid4().hex)
        assert reply.status == 200
        replies.append(reply)
    return replies


def call(url: str, method: str = "GET", body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=AUTH)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_two_instances_behind_nginx_share_limits_builds_and_the_log(
    proxied: tuple[str, Any, Any], redis: Any
) -> None:
    url, first, second = proxied
    replies = ask_through(url, 8)
    for reply in replies:
        assert EXPECTED in reply.body["answer"], reply.body["answer"]
        assert reply.body["passages"][0]["profile"] == "Responsable de production (Manager)"
    answered_by = {reply.worker for reply in replies}
    assert answered_by == workers_of(first) | workers_of(second), answered_by

    # One student's burst, spread by nginx over both: cut at the limit in total.
    student = uuid.uuid4().hex
    burst = [post_chat(url, QUESTION, session=student) for _ in range(3 * LIMIT)]
    assert [r.status for r in burst] == [200] * LIMIT + [429] * (2 * LIMIT)
    assert {r.worker for r in burst[:LIMIT]} == answered_by  # both instances counted

    # Staff edit the profile on the first instance; the second reports the build, and
    # students are quoted the new line whichever instance answers.
    profile = call(f"{first.url}/admin/api/profiles/{SEED}")
    text = profile["text"].replace(EXPECTED, f"{EXPECTED}. {NEW_LINE}", 1)
    saved = call(f"{first.url}/admin/api/profiles/{SEED}", "PUT", {"text": text})
    deadline = time.monotonic() + 120
    while (build := call(f"{second.url}/admin/status")["build"])["state"] == "running":
        assert time.monotonic() < deadline, build
        time.sleep(0.5)
    assert build["state"] == "done" and build["reason"] == f"saving {SEED}.txt", build
    assert saved["profile"]["sha256"] == call(f"{second.url}/admin/api/profiles/{SEED}")["sha256"]
    time.sleep(2)  # ADVISOR_RELOAD_SECONDS=1: the second instance serves the new version
    for reply in ask_through(url, 6, "c'est quoi le Zorglubotron ?"):
        assert any("Zorglubotron" in p["text"] for p in reply.body["passages"]), reply.worker

    # Redis stops: no question is lost (the limits fail open), and /api/health says so.
    redis.stop()
    assert [r.status for r in ask_through(url, 8)] == [200] * 8
    for served in (first, second):
        with urllib.request.urlopen(served.url + "/api/health", timeout=10) as response:
            limits = json.loads(response.read())["rate_limits"]
        assert limits["storage"] == "redis" and limits["failing"] is True
    redis.start()

    # One question log (PostgreSQL) for both: every question of either instance counted.
    stats = call(f"{second.url}/admin/api/stats?days=1")
    assert stats["questions"] >= 8 + LIMIT + 6 + 8, stats["questions"]

    # One instance goes down (a deploy, a crash): nginx sends its share to the other.
    first.process.send_signal(signal.SIGTERM)
    first.process.wait(timeout=30)
    assert not alive(first.process.pid)
    replies = ask_through(url, 8)
    assert {reply.worker for reply in replies} == workers_of(second)
