"""Several machines: Debian's nginx in front of two `advisor serve` instances sharing one
index folder, with the configuration shipped in deploy/nginx/advisor.conf.

Installs nothing: `scripts/test.sh` installs Debian's nginx; without it the test is skipped
(and fails in CI, where it must run)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
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
    nginx_binary: Path, settings: Any, shared_index: Path, tmp_path: Path
) -> Iterator[tuple[str, Any, Any]]:
    """nginx on a free port, in front of two instances: yields (nginx URL, served A, B)."""
    knowledge = settings.knowledge_dir
    with (
        serve(tmp_path, knowledge, shared_index, "--workers", "1") as first,
        serve(tmp_path, knowledge, shared_index, "--workers", "1") as second,
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


def ask_through(url: str, times: int) -> list[Reply]:
    replies = []
    for _ in range(times):
        reply = post_chat(url, QUESTION)
        assert reply.status == 200
        assert EXPECTED in reply.body["answer"], reply.body["answer"]
        assert reply.body["passages"][0]["profile"] == "Responsable de production (Manager)"
        replies.append(reply)
    return replies


def test_nginx_spreads_questions_over_both_instances_and_survives_one_stopping(
    proxied: tuple[str, Any, Any],
) -> None:
    url, first, second = proxied
    replies = ask_through(url, 8)
    answered_by = {reply.worker for reply in replies}
    assert answered_by == workers_of(first) | workers_of(second), answered_by

    # One instance goes down (a deploy, a crash): nginx sends its share to the other.
    first.process.send_signal(signal.SIGTERM)
    first.process.wait(timeout=30)
    assert not alive(first.process.pid)
    replies = ask_through(url, 8)
    assert {reply.worker for reply in replies} == workers_of(second)

    with urllib.request.urlopen(url + "/api/health", timeout=10) as response:
        health = json.loads(response.read())
    assert health["status"] == "ok" and health["chunk_count"] > 0
