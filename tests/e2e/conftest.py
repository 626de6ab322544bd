"""End-to-end fixtures: the REAL `advisor serve` in a subprocess and a REAL Chromium.

Nothing is mocked. The server builds its index on first start (30-60 s); we wait
up to SERVER_START_TIMEOUT seconds for GET /api/health to answer 200.

Set ADVISOR_E2E_URL=http://host:port to run the tests against a server that is
already running instead of starting one (the widget's cross-origin tests are then skipped:
they need the advisor started with their test site's origin allowed).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 180.0
ANSWER_TIMEOUT_MS = 120_000
SCREENSHOT_DIR = Path(
    os.environ.get("ADVISOR_E2E_SCREENSHOTS", Path(tempfile.gettempdir()) / "advisor-e2e")
)

# Collected in the page before any page script runs (init scripts are injected by
# the browser's DevTools protocol, so the page's CSP does not apply to them).
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || ''));
});
"""


def _in_ci() -> bool:
    return bool(os.environ.get("CI"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _health_status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return None


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


@dataclass
class HostSite:
    """A school's site: pages served from two loopback origins other than the advisor's.

    ``allowed`` is in the advisor's ADVISOR_ALLOWED_ORIGINS, ``other`` is not. Tests put
    pages with :meth:`put` and open ``origin + "/" + name``.
    """

    allowed: str
    other: str
    pages: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def put(self, name: str, html: str, headers: dict[str, str] | None = None) -> None:
        self.pages[name] = (html, dict(headers or {}))


def _host_handler(site: HostSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            name = self.path.split("?", 1)[0].lstrip("/")
            if name not in site.pages:
                # favicon.ico and the like: nothing, and no error in the browser's console
                self.send_response(204 if name == "favicon.ico" else 404)
                self.end_headers()
                return
            html, headers = site.pages[name]
            body = html.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def host_site() -> Iterator[HostSite]:
    """Two static web servers on 127.0.0.1, each on its own port: two more origins."""
    if os.environ.get("ADVISOR_E2E_URL"):
        pytest.skip("needs an advisor started with this test site in ADVISOR_ALLOWED_ORIGINS")
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) for _ in range(2)]
    site = HostSite(*(f"http://127.0.0.1:{srv.server_address[1]}" for srv in servers))
    threads = []
    for srv in servers:
        srv.RequestHandlerClass = _host_handler(site)
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        threads.append(thread)
    try:
        yield site
    finally:
        for srv in servers:
            srv.shutdown()
            srv.server_close()


@pytest.fixture(scope="session")
def e2e_index_dir(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """One index for every server the e2e tests start: a copy of the session's index of the
    shipped knowledge (tests/conftest.py), built once in-process with the same default models
    (a server building its own took 90 s more)."""
    settings = request.getfixturevalue("settings")
    request.getfixturevalue("advisor")  # the session's index is built
    index = tmp_path_factory.mktemp("advisor-e2e-index") / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    return index


@contextmanager
def _advisor_server(workdir: Path, index_dir: Path, env_extra: dict[str, str]) -> Iterator[str]:
    """Start `python -m advisor serve` on a free port; yield its base URL; stop it."""
    log_path = workdir / "server.log"
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env["HF_HUB_OFFLINE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    # Each server keeps its own question log: counts seen by one test are its server's only.
    env["ADVISOR_DATA_DIR"] = str(workdir / "data")
    env.update(env_extra)
    src = str(REPO_ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    command = [
        sys.executable, "-m", "advisor", "serve",
        "--host", "127.0.0.1", "--port", str(port), "--index", str(index_dir),
    ]  # fmt: skip

    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"`advisor serve` exited with code {process.returncode} before it was "
                    f"ready.\n--- server log ---\n{_tail(log_path)}"
                )
            if _health_status(f"{base_url}/api/health") == 200:
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`advisor serve` did not answer 200 on /api/health within "
                    f"{SERVER_START_TIMEOUT:.0f} s.\n--- server log ---\n{_tail(log_path)}"
                )
            time.sleep(0.5)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def server_url(
    tmp_path_factory: pytest.TempPathFactory, e2e_index_dir: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """The advisor, which lets `host_site.allowed` (and no other site) embed it."""
    external = os.environ.get("ADVISOR_E2E_URL")
    if external:
        yield external.rstrip("/")
        return
    host_site: HostSite = request.getfixturevalue("host_site")
    env = {"ADVISOR_ALLOWED_ORIGINS": host_site.allowed}
    with _advisor_server(tmp_path_factory.mktemp("advisor-e2e"), e2e_index_dir, env) as url:
        yield url


@pytest.fixture(scope="session")
def limited_server_url(
    tmp_path_factory: pytest.TempPathFactory,
    host_site: HostSite,
    e2e_index_dir: Path,
    server_url: str,  # started first: it builds the index this one reuses
) -> Iterator[str]:
    """A second advisor whose rate limit is tiny: two questions a minute per student."""
    if os.environ.get("ADVISOR_E2E_URL"):
        pytest.skip("needs a server started with its own settings")
    # One worker: each process counts its own clients, so with two a third question could
    # reach the worker that saw none.
    env = {
        "ADVISOR_ALLOWED_ORIGINS": host_site.allowed,
        "ADVISOR_RATE_LIMIT": "2/minute",
        "ADVISOR_WORKERS": "1",
    }
    with _advisor_server(tmp_path_factory.mktemp("advisor-limited"), e2e_index_dir, env) as url:
        yield url


@pytest.fixture(scope="session")
def many_jobs_server_url(
    tmp_path_factory: pytest.TempPathFactory, host_site: HostSite, request: pytest.FixtureRequest
) -> Iterator[str]:
    """An advisor over the seed and the fictitious profiles of other jobs (the many-jobs index
    of tests/conftest.py, built once in-process), which `host_site.allowed` may embed."""
    if os.environ.get("ADVISOR_E2E_URL"):
        pytest.skip("needs a server started with its own knowledge")
    settings = request.getfixturevalue("many_jobs_settings")
    request.getfixturevalue("many_jobs_advisor")  # its index is built
    workdir = tmp_path_factory.mktemp("advisor-many-jobs")
    index = workdir / "index"
    shutil.copytree(settings.index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    env = {
        "ADVISOR_ALLOWED_ORIGINS": host_site.allowed,
        "ADVISOR_KNOWLEDGE_DIR": str(settings.knowledge_dir),
        "ADVISOR_WORKERS": "1",
        "ADVISOR_RATE_LIMIT": "off",
        "ADVISOR_RATE_LIMIT_PER_IP": "off",
    }
    with _advisor_server(workdir, index, env) as url:
        yield url


ADMIN_TOKEN = "e2e-staff-token-0123456789"


@dataclass(frozen=True)
class StaffServer:
    """An advisor with the staff routes on: its address and the staff token."""

    url: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass(frozen=True)
class AdminServer(StaffServer):
    """An advisor with the staff routes on, over its own copies of knowledge/ and the index."""

    knowledge: Path
    index: Path


def _staff_env(**settings: str) -> dict[str, str]:
    """The environment of a staff server; students' questions come fast in these tests, all
    from 127.0.0.1, so no rate limit."""
    return {
        "ADVISOR_ADMIN_TOKEN": ADMIN_TOKEN,
        # One process each: the tests follow one server's builds (several workers share a
        # build's state through the index folder: tests/serving/test_shared_build.py).
        "ADVISOR_WORKERS": "1",
        "ADVISOR_RATE_LIMIT": "off",
        "ADVISOR_RATE_LIMIT_PER_IP": "off",
        **settings,
    }


def _staff_workdir(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest, name: str
) -> Path:
    """A fresh folder for a staff server of its own; the shared server starts first, since it
    builds the index the staff servers start from."""
    if os.environ.get("ADVISOR_E2E_URL"):
        pytest.skip("needs a server started with its own settings")
    request.getfixturevalue("server_url")
    return tmp_path_factory.mktemp(name)


@pytest.fixture(scope="session")
def admin_server(
    tmp_path_factory: pytest.TempPathFactory, e2e_index_dir: Path, request: pytest.FixtureRequest
) -> Iterator[AdminServer]:
    """Staff may change its knowledge and reindex: no other server sees those changes."""
    workdir = _staff_workdir(tmp_path_factory, request, "advisor-admin")
    knowledge = workdir / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    index = workdir / "index"
    shutil.copytree(e2e_index_dir, index, ignore=shutil.ignore_patterns("build.lock"))
    env = _staff_env(ADVISOR_KNOWLEDGE_DIR=str(knowledge), ADVISOR_RELOAD_SECONDS="1")
    with _advisor_server(workdir, index, env) as url:
        yield AdminServer(url, ADMIN_TOKEN, knowledge, index)


@dataclass(frozen=True)
class InsightsServer(StaffServer):
    """An advisor with the staff routes on and its own question log (SQLite) in ``data``."""

    data: Path
    log: Path


@pytest.fixture(scope="session")
def insights_server(
    tmp_path_factory: pytest.TempPathFactory, e2e_index_dir: Path, request: pytest.FixtureRequest
) -> Iterator[InsightsServer]:
    """Students' questions and votes land in a question log no other server writes to."""
    workdir = _staff_workdir(tmp_path_factory, request, "advisor-insights")
    env = _staff_env(ADVISOR_RELOAD_SECONDS="0")
    with _advisor_server(workdir, e2e_index_dir, env) as url:
        yield InsightsServer(url, ADMIN_TOKEN, workdir / "data", workdir / "server.log")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright."""
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"{CHROMIUM} is missing: the e2e tests need Debian's chromium in CI.")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); skipping browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class ChatPage:
    """A browser tab on the chat page, recording everything that went wrong."""

    page: Any
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self) -> ChatPage:
        self.page.goto(self.base_url + "/")
        self.page.wait_for_selector("#starter-chips .chip")
        return self

    @property
    def answers(self) -> Any:
        """Finished advisor messages (answers, abstentions and errors) in the thread."""
        return self.page.locator("#thread > .message--advisor:not(.message--loading)")

    def ask(self, text: str) -> tuple[dict[str, Any], Any]:
        """Type `text` with the keyboard, press Enter, wait for the rendered answer.

        Returns the JSON the server sent and the locator of the new answer.
        """
        before = self.answers.count()
        self.page.locator("#question").focus()
        with self.page.expect_response(self.is_chat_response, timeout=ANSWER_TIMEOUT_MS) as info:
            self.page.keyboard.type(text)
            self.page.keyboard.press("Enter")
        response = info.value
        data = response.json()
        return data, self.wait_for_answer(before)

    def wait_for_answer(self, before: int) -> Any:
        answer = self.answers.nth(before)
        answer.wait_for(state="visible", timeout=ANSWER_TIMEOUT_MS)
        return answer

    @staticmethod
    def is_chat_response(response: Any) -> bool:
        return response.url.endswith("/api/chat") and response.request.method == "POST"

    def csp_violations(self) -> list[str]:
        found = self.page.evaluate("() => window.__cspViolations || []")
        return [str(v) for v in found] + [
            e for e in self.console_errors if re.search("Content.Security.Policy", e, re.I)
        ]

    def assert_clean(self) -> None:
        assert self.csp_violations() == [], "CSP violations"
        assert self.console_errors == [], "console errors"
        assert self.page_errors == [], "uncaught page errors"
        assert self.dialogs == [], "a dialog was opened"

    def screenshot(self, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


def _new_chat_page(browser: Any, base_url: str, **context_options: Any) -> Iterator[ChatPage]:
    # Reduced motion: scrolling is instant, so screenshots show the final state.
    options = {
        "locale": "fr-BE",
        "viewport": {"width": 1280, "height": 860},
        "reduced_motion": "reduce",
    }
    options.update(context_options)
    context = browser.new_context(**options)
    context.add_init_script(_WATCH_CSP)
    page = context.new_page()
    page.set_default_timeout(30_000)
    chat = ChatPage(page=page, base_url=base_url)
    page.on("console", lambda m: chat.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: chat.page_errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        chat.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield chat
    finally:
        context.close()


@pytest.fixture
def new_tab(browser: Any) -> Iterator[Callable[..., ChatPage]]:
    """Open recording tabs on any site: ``new_tab(base_url, viewport=...)``; closed after."""
    opened: list[Iterator[ChatPage]] = []

    def open_tab(base_url: str, **context_options: Any) -> ChatPage:
        tabs = _new_chat_page(browser, base_url, **context_options)
        opened.append(tabs)
        return next(tabs)

    yield open_tab
    for tabs in opened:
        tabs.close()


@pytest.fixture
def chat(browser: Any, server_url: str) -> Iterator[ChatPage]:
    """The chat page on a desktop-sized viewport, French browser."""
    yield from _new_chat_page(browser, server_url)


@pytest.fixture
def phone_chat(browser: Any, server_url: str) -> Iterator[ChatPage]:
    """The chat page on a 360x640 phone screen."""
    yield from _new_chat_page(
        browser,
        server_url,
        viewport={"width": 360, "height": 640},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
