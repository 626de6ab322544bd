"""The admin API and the staff page, in-process on a scratch knowledge folder and index: routes
only with a token, the token and the session cookie, CSRF, uploads, bad content, one build at a
time, rollback. The models are left out (lexical search) or the tiny test model: these tests
are about the web layer over the real core, not about answer quality."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from advisor.advisor import Advisor
from advisor.api import create_app
from advisor.api.admin_auth import SESSION_SECONDS, AdminAuth
from advisor.index import IndexVersions, build_index, load_index
from advisor.settings import Settings
from staff import csrf_of, log_in, staff_settings
from tiny import TinyEmbedder

TOKEN = "staff-token-for-the-tests-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_NAME = "responsable-de-production.txt"
NEW_PASSAGE = "Le Zorglubomètre, un instrument inventé pour ce test, mesure la motivation."
ZORGLUB = "C'est quoi le Zorglubomètre ?"


def _settings(knowledge: Path, index: Path, **overrides: Any) -> Settings:
    return staff_settings(knowledge, index, TOKEN, **overrides)


@pytest.fixture
def settings(tmp_path: Path, knowledge_copy: Path) -> Settings:
    settings = _settings(knowledge_copy, tmp_path / "index")
    build_index(knowledge_copy, settings.index_dir, [])
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _add_passage(knowledge: Path, text: str = NEW_PASSAGE) -> None:
    path = knowledge / SEED_NAME
    old = "Logiciels de supervision (SCADA)"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, f"{old}\n{text}", 1), encoding="utf-8")


def _quotes(client: TestClient, question: str, word: str) -> bool:
    answer = client.post("/api/chat", json={"message": question}).json()
    return any(word in passage["text"] for passage in answer["passages"])


def _version(client: TestClient) -> str:
    return str(client.get("/admin/status", headers=AUTH).json()["version"])


_csrf = csrf_of


def _login(client: TestClient) -> str:
    return log_in(client, TOKEN)


# ------------------------------------------------------------------ the token


def test_no_admin_route_exists_without_a_token(tmp_path: Path, knowledge_copy: Path) -> None:
    settings = _settings(knowledge_copy, tmp_path / "index", admin_token=None)
    build_index(knowledge_copy, settings.index_dir, [])
    with TestClient(create_app(settings)) as client:
        for method, path in [
            ("GET", "/admin"),
            ("GET", "/admin/status"),
            ("POST", "/admin/reindex"),
            ("POST", "/admin/login"),
            ("POST", "/admin/profiles/preview"),
        ]:
            response = client.request(method, path, headers=AUTH)
            assert response.status_code == 404, path
            assert response.json() == {"error": "Not found."}


def test_a_short_token_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="too short"):
        Settings(admin_token="secret")
    assert Settings(admin_token="  ").admin_token is None


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic c3RhZmY6c3RhZmY="}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Bearer not-the-token-at-all-0000"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
        (AUTH, 200),
    ],
)
def test_the_admin_api_wants_the_token(
    client: TestClient, headers: dict[str, str], status: int
) -> None:
    response = client.get("/admin/status", headers=headers)
    assert response.status_code == status
    if status == 401:
        assert "Bearer" in response.json()["error"]
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    if status == 403:
        assert response.json() == {"error": "Wrong admin token."}
    posted = client.post("/admin/reindex", headers=headers)
    assert posted.status_code == status


def test_status_tells_what_is_served(client: TestClient) -> None:
    status = client.get("/admin/status", headers=AUTH).json()
    assert status["chunk_count"] == 28
    [profile] = status["profiles"]
    assert profile["profile_id"] == "responsable-de-production"
    assert profile["file"] == SEED_NAME and profile["chunks"] == 28
    assert sum(section["chunks"] for section in profile["sections"]) == 28
    assert profile["topics"]["salary"] >= 1
    assert [v["published"] for v in status["versions"]] == [True]
    assert status["build"]["state"] == "idle"


# ------------------------------------------------------------------ reindex


def test_reindex_answers_with_the_report_and_serves_the_new_version(
    client: TestClient, knowledge_copy: Path
) -> None:
    before = _version(client)
    assert not _quotes(client, ZORGLUB, "Zorglubomètre")
    _add_passage(knowledge_copy)
    response = client.post("/admin/reindex", headers=AUTH)
    assert response.status_code == 200
    build = response.json()["build"]
    assert build["state"] == "done" and build["error"] is None
    [changes] = build["report"]["files"]
    assert (changes["file"], changes["changed"], changes["reused"]) == (SEED_NAME, 1, 27)
    assert _version(client) == build["report"]["version"] != before
    assert _quotes(client, ZORGLUB, "Zorglubomètre")


BAD_FILES = {
    "empty": ("vide.md", b"", "vide.md", "the file is empty"),
    "blank": ("blanc.txt", b"  \n\n \n", "blanc.txt", "the file is empty"),
    "binary": ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.md", "binary"),
    "not UTF-8": (
        "latin.txt",
        "Métier fictif\nUne ligne.\nÉtudes : trois années à l'école.\n".encode("latin-1"),
        "latin.txt:1",
        "not UTF-8",
    ),
    "broken front matter": (
        "casse.md",
        b"---\ntitle: [oops\n---\n# Cass\xc3\xa9\nUn texte assez long pour compter ici.\n",
        "casse.md:2",
        "broken front matter",
    ),
    "unclosed front matter": (
        "ouvert.md",
        b"---\ntitle: Ouvert\n# Ouvert\nUn texte assez long pour compter ici.\n",
        "ouvert.md:1",
        "never closed",
    ),
    "no usable text": (
        "titre.md",
        b"---\ntitle: Titre seul\n---\n# Titre seul\n",
        "titre.md",
        "no usable text",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_is_refused_with_its_name_and_the_version_stays(
    client: TestClient, knowledge_copy: Path, kind: str
) -> None:
    name, content, where, reason = BAD_FILES[kind]
    before = _version(client)
    _add_passage(knowledge_copy)
    (knowledge_copy / name).write_bytes(content)
    response = client.post("/admin/reindex", headers=AUTH)
    assert response.status_code == 422
    body = response.json()
    assert where in body["error"] and reason in body["error"]
    error = body["build"]["error"]
    assert error["kind"] == "refused"
    [refused] = error["files"]
    assert refused["file"] == name and reason in refused["reason"]
    assert f"{refused['file']}:{refused['line']}" == where or refused["line"] is None
    # What else would have changed is still said.
    assert [c["summary"] for c in error["changes"]] == [f"{SEED_NAME}: 1 changed, 27 reused"]
    assert _version(client) == before
    assert not _quotes(client, ZORGLUB, "Zorglubomètre")
    assert _quotes(client, "C'est bien payé ?", "€")


def test_other_files_are_ignored(client: TestClient, knowledge_copy: Path) -> None:
    for name in [".cache.md", "notes.md~", ".notes.md.swp", "#draft.md#", "old.md.bak", "cv.pdf"]:
        (knowledge_copy / name).write_bytes(b"\x00 not a profile")
    response = client.post("/admin/reindex", headers=AUTH)
    assert response.status_code == 200
    assert [c["file"] for c in response.json()["build"]["report"]["files"]] == [SEED_NAME]


class GatedEmbedder(TinyEmbedder):
    """The tiny model, whose passages wait for the test to open the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:  # type: ignore[override]
        self.entered.set()
        assert self.gate.wait(60), "the test never opened the gate"
        return self._encode(texts)


def test_one_build_at_a_time(tmp_path: Path, knowledge_copy: Path) -> None:
    settings = _settings(knowledge_copy, tmp_path / "index")
    embedder = GatedEmbedder()
    build_index(knowledge_copy, settings.index_dir, [embedder])
    advisor = Advisor(
        settings, load_index(settings.index_dir, {"tiny": "test:tiny:16"}), [embedder]
    )
    app = create_app(settings, advisor)
    with TestClient(app, raise_server_exceptions=False) as client:
        embedder.gate.clear()
        embedder.entered.clear()  # the first build went through it
        first: dict[str, Any] = {}
        thread = threading.Thread(
            target=lambda: first.update(r=client.post("/admin/reindex?full=true", headers=AUTH))
        )
        thread.start()
        assert embedder.entered.wait(30)
        second = client.post("/admin/reindex", headers=AUTH)
        assert second.status_code == 409
        assert "already running" in second.json()["error"]
        running = client.get("/admin/status", headers=AUTH).json()["build"]
        assert running["state"] == "running" and running["full"] is True
        # Students are answered meanwhile, from the version being served.
        assert client.post("/api/chat", json={"message": "C'est bien payé ?"}).status_code == 200
        embedder.gate.set()
        thread.join(60)
        assert first["r"].status_code in (200, 202)
        done = app.state.services.reindexer.wait(60)
        assert done.state == "done" and done.report is not None and done.report.full


def test_a_build_running_in_another_process_is_refused(
    client: TestClient, settings: Settings
) -> None:
    before = _version(client)
    # The lock `advisor index` holds while it builds (flock: another open file is refused).
    with IndexVersions(settings.index_dir).lock():
        response = client.post("/admin/reindex", headers=AUTH)
        rollback = client.post("/admin/rollback", headers=AUTH)
    assert response.status_code == 409
    assert "already building" in response.json()["error"]
    assert response.json()["build"]["error"]["kind"] == "busy"
    assert rollback.status_code == 409 and "already building" in rollback.json()["error"]
    assert _version(client) == before


def test_rollback_serves_the_version_before(client: TestClient, knowledge_copy: Path) -> None:
    first = _version(client)
    _add_passage(knowledge_copy)
    assert client.post("/admin/reindex", headers=AUTH).status_code == 200
    assert _quotes(client, ZORGLUB, "Zorglubomètre")
    response = client.post("/admin/rollback", headers=AUTH)
    assert response.status_code == 200 and response.json()["version"] == first
    assert _version(client) == first
    assert not _quotes(client, ZORGLUB, "Zorglubomètre")
    again = client.post("/admin/rollback", headers=AUTH)
    assert again.status_code == 409 and "no earlier version" in again.json()["error"]


# -------------------------------------------------------- session and CSRF


def test_login_sets_a_signed_strict_http_only_cookie(client: TestClient) -> None:
    form = client.get("/admin")
    assert form.status_code == 200 and 'type="password"' in form.text
    response = client.post(
        "/admin/login",
        data={"csrf_token": _csrf(form.text), "token": TOKEN},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/admin")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # served over plain HTTP here
    assert TOKEN not in cookie
    page = client.get("/admin")
    assert "Published profiles" in page.text and "Responsable de production" in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_the_cookie_is_secure_over_https(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        assert "Secure" in client.get("/admin").headers["set-cookie"]


def test_a_wrong_token_on_the_form_is_said(client: TestClient) -> None:
    form = client.get("/admin")
    response = client.post(
        "/admin/login", data={"csrf_token": _csrf(form.text), "token": "not-the-token-0000000"}
    )
    assert response.status_code == 403 and "This is not the admin token." in response.text
    again = client.get("/admin")
    assert "Published profiles" not in again.text
    empty = client.post("/admin/login", data={"csrf_token": _csrf(again.text), "token": ""})
    assert empty.status_code == 400 and "Enter the admin token." in empty.text


def test_forms_need_the_session_csrf_token(client: TestClient, knowledge_copy: Path) -> None:
    # The login form too: a page of another site cannot log a browser in.
    assert client.post("/admin/login", data={"token": TOKEN}).status_code == 403
    csrf = _login(client)
    for data in ({"file": SEED_NAME}, {"file": SEED_NAME, "csrf_token": csrf[:-2] + "xx"}):
        refused = client.post("/admin/profiles/delete", data=data)
        assert refused.status_code == 403 and "anti-forgery token" in refused.text
    assert (knowledge_copy / SEED_NAME).is_file()
    # The JSON API with the cookie: the CSRF token goes in a header.
    assert client.post("/admin/reindex").status_code == 403
    assert client.post("/admin/reindex", headers={"X-CSRF-Token": csrf}).status_code == 200
    # Logged out, the cookie is gone and the forms ask to log in again.
    assert client.post("/admin/logout", data={"csrf_token": csrf}).status_code == 200
    assert client.post("/admin/actions/rollback", data={"csrf_token": csrf}).status_code == 401


def test_session_cookies_cannot_be_forged_or_kept_forever() -> None:
    auth = AdminAuth(TOKEN)
    session = auth.new_session(admin=True, now=1_000_000)
    cookie = auth.encode(session)
    assert auth.decode(cookie, now=1_000_000) == session
    assert auth.decode(cookie, now=1_000_000 + SESSION_SECONDS + 1) is None
    payload, _, mac = cookie.rpartition(".")
    assert auth.decode("0" + payload[1:] + "." + mac, now=1_000_000) is None
    assert auth.decode(cookie.replace("1.", "1.9", 1), now=1_000_000) is None
    assert AdminAuth(TOKEN + "-rotated").decode(cookie, now=1_000_000) is None
    assert auth.decode("1.9999999999.é.x", now=1_000_000) is None
    assert auth.decode("", now=1_000_000) is None and auth.decode("a.b", now=1_000_000) is None
    assert auth.new_session(admin=True).csrf != session.csrf


# --------------------------------------------------------------- uploads


def test_upload_shows_a_preview_then_publishes(client: TestClient, knowledge_copy: Path) -> None:
    csrf = _login(client)
    page = (FIXTURES / "dresseur-de-nuages.html").read_bytes()
    preview = client.post(
        "/admin/profiles/preview",
        data={"csrf_token": csrf},
        files={"profile": ("Dresseur de nuages.html", page, "text/html")},
    )
    assert preview.status_code == 200
    assert "Dresseur de nuages (fictif)" in preview.text
    assert "4 321€ brut par mois" in preview.text and "Salary" in preview.text
    assert "cookies" not in preview.text.lower().split("what students can be quoted")[1]
    assert not (knowledge_copy / "dresseur-de-nuages.md").exists()  # nothing written yet
    content = re.search(r'name="content" value="([^"]+)"', preview.text)
    assert content
    published = client.post(
        "/admin/profiles/publish",
        data={"csrf_token": csrf, "file": "dresseur-de-nuages.md", "content": content.group(1)},
        follow_redirects=False,
    )
    assert published.status_code == 303
    assert (knowledge_copy / "dresseur-de-nuages.md").read_text().startswith("---\ntitle:")
    status = client.get("/admin/status", headers=AUTH).json()
    assert {p["profile_id"] for p in status["profiles"]} == {
        "responsable-de-production",
        "dresseur-de-nuages",
    }
    assert status["build"]["reason"] == "publishing dresseur-de-nuages.md"
    assert _quotes(client, "Combien gagne un dresseur de nuages ?", "4 321€")
    dashboard = client.get("/admin?done=published&file=dresseur-de-nuages.md")
    assert "dresseur-de-nuages.md is saved" in dashboard.text


def test_upload_names_cannot_leave_the_folder(
    client: TestClient, knowledge_copy: Path, tmp_path: Path
) -> None:
    csrf = _login(client)
    profile = (FIXTURES / "testeur-de-glaces.md").read_bytes()
    preview = client.post(
        "/admin/profiles/preview",
        data={"csrf_token": csrf},
        files={"profile": ("../../../evil/../Évil Name.md", profile, "text/markdown")},
    )
    assert preview.status_code == 200 and "evil-name.md" in preview.text
    content = re.search(r'name="content" value="([^"]+)"', preview.text)
    assert content
    # Even a name edited in the form is made safe again.
    response = client.post(
        "/admin/profiles/publish",
        data={"csrf_token": csrf, "file": "../../outside.md", "content": content.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert (knowledge_copy / "outside.md").is_file()
    assert (
        not (tmp_path / "outside.md").exists()
        and not (knowledge_copy.parent.parent / "outside.md").exists()
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("grand.md", b"# Grand\n" + b"x" * 5000, "a profile may have 2,000"),
        ("cv.pdf", b"%PDF-1.4", "only .md, .txt, .html, .htm files can be profiles"),
        ("casse.md", b"---\ntitle: [oops\n---\n# X\nTexte.\n", "casse.md:2"),
        ("vide.html", b"<html><body><nav>Menu</nav></body></html>", "no main text found"),
    ],
)
def test_a_refused_upload_is_said_on_the_page(
    tmp_path: Path, knowledge_copy: Path, name: str, content: bytes, message: str
) -> None:
    settings = _settings(knowledge_copy, tmp_path / "index", max_upload_bytes=2000)
    build_index(knowledge_copy, settings.index_dir, [])
    with TestClient(create_app(settings)) as client:
        csrf = _login(client)
        response = client.post(
            "/admin/profiles/preview",
            data={"csrf_token": csrf},
            files={"profile": (name, content, "application/octet-stream")},
        )
        assert response.status_code == 422
        assert message in response.text
        assert 'id="publish-form"' not in response.text
        assert sorted(p.name for p in knowledge_copy.iterdir()) == [SEED_NAME]


def test_a_missing_file_is_said(client: TestClient) -> None:
    csrf = _login(client)
    response = client.post("/admin/profiles/preview", data={"csrf_token": csrf})
    assert response.status_code == 422 and "Choose a profile file" in response.text


def test_profile_text_is_escaped_on_the_page(client: TestClient) -> None:
    csrf = _login(client)
    profile = (
        b"---\ntitle: <script>alert(1)</script> Fictif\n---\n# Fictif\n"
        b"## Salaire\nUn salaire <img src=x onerror=alert(2)> de 1 234 euros par mois, fictif.\n"
    )
    preview = client.post(
        "/admin/profiles/preview",
        data={"csrf_token": csrf},
        files={"profile": ("fictif.md", profile, "text/markdown")},
    )
    assert preview.status_code == 200
    assert "<script>alert" not in preview.text and "<img src=x" not in preview.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview.text


def test_delete_asks_then_rebuilds_without_the_profile(
    client: TestClient, knowledge_copy: Path
) -> None:
    fixture = FIXTURES / "testeur-de-glaces.md"
    (knowledge_copy / fixture.name).write_bytes(fixture.read_bytes())
    assert client.post("/admin/reindex", headers=AUTH).status_code == 200
    csrf = _login(client)
    confirm = client.get(f"/admin/profiles/delete?file={fixture.name}")
    assert confirm.status_code == 200 and "Delete and rebuild" in confirm.text
    response = client.post(
        "/admin/profiles/delete",
        data={"csrf_token": csrf, "file": fixture.name},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert not (knowledge_copy / fixture.name).exists()
    profiles = client.get("/admin/status", headers=AUTH).json()["profiles"]
    assert [p["file"] for p in profiles] == [SEED_NAME]
    missing = client.post("/admin/profiles/delete", data={"csrf_token": csrf, "file": "nope.md"})
    assert missing.status_code == 404 and "No profile named" in missing.text
