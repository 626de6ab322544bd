"""The JSON admin API for profiles and the login throttle, in-process on a scratch copy of the
knowledge folder and a real lexical index: read a profile's source and hash, edit it over that
hash (a stale one is refused, nothing overwritten), create, refuse a bad file naming its line,
delete, restore an earlier text; and wrong tokens meeting 429 while a right one from another
address still works. Each edit is checked in the student's answer, not only in status codes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app
from advisor.index import build_index
from advisor.settings import Settings
from staff import staff_settings

TOKEN = "staff-token-for-the-profile-api-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SEED_ID = "responsable-de-production"
SEED_FILE = f"{SEED_ID}.txt"
# A sentence of the seed with a figure; the tests change the figure and ask for it.
OLD_FIGURE = "Logiciels de supervision (SCADA)"
NEW_FIGURE = "Logiciels de supervision (SCADA), dont le Quibblomètre 4711 inventé pour ce test"
QUESTION = "c'est quoi le Quibblomètre ?"
# A fictitious profile, written for these tests only.
NEW_PROFILE = """---
title: Dresseur de nuages
language: fr
---
# Dresseur de nuages

Métier fictif, inventé pour les tests de l'API d'administration.

## Salaire

Un dresseur de nuages débutant gagne 2 345 euros brut par mois au Pays des Brumes.
"""


@pytest.fixture
def settings(tmp_path: Path, knowledge_copy: Path) -> Settings:
    settings = staff_settings(knowledge_copy, tmp_path / "index", TOKEN, log=False)
    build_index(knowledge_copy, settings.index_dir, [])
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _quotes(client: TestClient, question: str, words: str) -> bool:
    answer = client.post("/api/chat", json={"message": question}).json()
    return any(words in passage["text"] for passage in answer["passages"])


def _edited(client: TestClient, old: str, new: str) -> str:
    text = client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH).json()["text"]
    assert old in text
    return str(text.replace(old, new, 1))


def test_the_list_and_a_profile_s_source_with_its_hash(
    client: TestClient, settings: Settings
) -> None:
    content = (settings.knowledge_dir / SEED_FILE).read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    listed = client.get("/admin/api/profiles", headers=AUTH).json()
    assert listed == [
        {
            "id": SEED_ID,
            "file": SEED_FILE,
            "sha256": digest,
            "bytes": len(content),
            "published": True,
        }
    ]
    read = client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH)
    assert read.status_code == 200
    assert read.headers["etag"] == f'"{digest}"'
    assert read.json()["text"] == content.decode("utf-8")
    assert read.json()["history"] == []
    assert client.get("/admin/api/profiles/no-such-job", headers=AUTH).status_code == 404
    assert client.get(f"/admin/api/profiles/{SEED_ID}").status_code == 401


def test_an_edit_over_its_hash_is_answered_and_a_stale_one_is_refused(
    client: TestClient, settings: Settings
) -> None:
    assert not _quotes(client, QUESTION, "Quibblomètre")
    start = client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH)
    etag = start.headers["etag"]
    edited = _edited(client, OLD_FIGURE, NEW_FIGURE)

    saved = client.put(
        f"/admin/api/profiles/{SEED_ID}", json={"text": edited}, headers={**AUTH, "If-Match": etag}
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["published"] is True
    assert saved.json()["profile"]["sha256"] == hashlib.sha256(edited.encode()).hexdigest()
    assert _quotes(client, QUESTION, "Quibblomètre 4711")

    # A second editor still holding the first hash: refused, the first edit stays.
    stale = client.put(
        f"/admin/api/profiles/{SEED_ID}",
        json={"text": edited.replace("4711", "9999")},
        headers={**AUTH, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert "changed since you opened it" in stale.json()["error"]
    assert stale.json()["sha256"] == saved.json()["profile"]["sha256"]
    assert "4711" in (settings.knowledge_dir / SEED_FILE).read_text(encoding="utf-8")
    assert _quotes(client, QUESTION, "Quibblomètre 4711")


def test_restoring_the_earlier_text_brings_the_old_passage_back(client: TestClient) -> None:
    original = client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH).json()
    edited = _edited(client, OLD_FIGURE, NEW_FIGURE)
    assert client.put(
        f"/admin/api/profiles/{SEED_ID}", json={"text": edited}, headers=AUTH
    ).is_success
    history = client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH).json()["history"]
    assert len(history) == 1 and history[0]["sha256_prefix"] == original["sha256"][:8]
    earlier = client.get(
        f"/admin/api/profiles/{SEED_ID}/history/{history[0]['entry']}", headers=AUTH
    ).json()
    assert earlier["text"] == original["text"]

    restored = client.post(
        f"/admin/api/profiles/{SEED_ID}/restore", json={"entry": history[0]["entry"]}, headers=AUTH
    )
    assert restored.status_code == 200, restored.text
    assert restored.json()["profile"]["sha256"] == original["sha256"]
    assert not _quotes(client, QUESTION, "Quibblomètre")
    # The restore kept the text it replaced: both earlier texts can be had again.
    assert len(client.get(f"/admin/api/profiles/{SEED_ID}", headers=AUTH).json()["history"]) == 2
    unknown = client.post(
        f"/admin/api/profiles/{SEED_ID}/restore",
        json={"entry": "20200101T000000000000Z-00000000.txt"},
        headers=AUTH,
    )
    assert unknown.status_code == 404


def test_create_then_delete_a_profile(client: TestClient, settings: Settings) -> None:
    question = "combien gagne un dresseur de nuages ?"
    created = client.put(
        "/admin/api/profiles/dresseur-de-nuages", json={"text": NEW_PROFILE}, headers=AUTH
    )
    assert created.status_code == 201, created.text
    assert created.json()["file"] == "dresseur-de-nuages.md"
    assert (settings.knowledge_dir / "dresseur-de-nuages.md").read_text(
        encoding="utf-8"
    ) == NEW_PROFILE
    assert _quotes(client, question, "2 345 euros")
    # If-Match: * means "only if it exists": refused for a profile that does not.
    assert (
        client.put(
            "/admin/api/profiles/other-job",
            json={"text": NEW_PROFILE},
            headers={**AUTH, "If-Match": "*"},
        ).status_code
        == 412
    )

    deleted = client.delete("/admin/api/profiles/dresseur-de-nuages", headers=AUTH)
    assert deleted.status_code == 200, deleted.text
    assert not (settings.knowledge_dir / "dresseur-de-nuages.md").exists()
    assert not _quotes(client, question, "2 345 euros")
    assert client.delete("/admin/api/profiles/dresseur-de-nuages", headers=AUTH).status_code == 404
    # Its text is kept: it can be restored.
    entry = sorted(
        p.name
        for p in (settings.knowledge_dir / ".history" / "dresseur-de-nuages.md").iterdir()
        if not p.name.startswith(".")
    )[-1]
    back = client.post(
        "/admin/api/profiles/dresseur-de-nuages/restore", json={"entry": entry}, headers=AUTH
    )
    assert back.status_code == 201, back.text
    assert _quotes(client, question, "2 345 euros")


@pytest.mark.parametrize(
    ("profile_id", "text", "words"),
    [
        (
            "new-job",
            "---\ntitle: [broken\n---\n# X\n\nSome text.\n",
            "new-job.md:2: broken front matter",
        ),
        ("new-job", "---\ntitle: Never closed\n# X\n\nSome text.\n", "new-job.md:1: front matter"),
        (SEED_ID, "   \n\n", f"{SEED_FILE}: the file is empty"),
        (SEED_ID, "", "at least 1 character"),
        (SEED_ID, "\ud800 salaire", "surrogate"),
    ],
)
def test_a_bad_file_is_refused_naming_its_line_and_nothing_changes(
    client: TestClient, settings: Settings, profile_id: str, text: str, words: str
) -> None:
    before = (settings.knowledge_dir / SEED_FILE).read_bytes()
    version = client.get("/admin/status", headers=AUTH).json()["version"]
    # json.dumps escapes a lone surrogate as JSON allows ("\\ud800"); httpx would refuse it.
    refused = client.put(
        f"/admin/api/profiles/{profile_id}",
        content=json.dumps({"text": text}),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert refused.status_code == 422, refused.text
    assert words in refused.json()["error"]
    if ":2:" in words:
        assert refused.json()["file"] == "new-job.md" and refused.json()["line"] == 2
    assert (settings.knowledge_dir / SEED_FILE).read_bytes() == before
    assert not (settings.knowledge_dir / "new-job.md").exists()
    assert client.get("/admin/status", headers=AUTH).json()["version"] == version


def test_oversized_and_malformed_requests_get_clear_4xx(
    client: TestClient, settings: Settings
) -> None:
    huge = "x" * (settings.max_upload_bytes + 1)
    assert (
        client.put(f"/admin/api/profiles/{SEED_ID}", json={"text": huge}, headers=AUTH).status_code
        == 413
    )
    bad_id = client.put("/admin/api/profiles/Not_An_Id", json={"text": NEW_PROFILE}, headers=AUTH)
    assert bad_id.status_code == 422
    extra = client.put(
        f"/admin/api/profiles/{SEED_ID}", json={"text": NEW_PROFILE, "x": 1}, headers=AUTH
    )
    assert extra.status_code == 422


def test_wrong_tokens_meet_429_while_a_right_token_from_elsewhere_works(settings: Settings) -> None:
    app = create_app(settings)
    with (
        TestClient(app, raise_server_exceptions=False, client=("198.51.100.7", 4000)) as attacker,
        TestClient(app, raise_server_exceptions=False, client=("198.51.100.8", 4000)) as staff,
    ):
        codes = [
            attacker.get(
                "/admin/api/profiles", headers={"Authorization": f"Bearer wrong-{i}"}
            ).status_code
            for i in range(20)
        ]
        assert codes[:10] == [403] * 10
        assert codes[10:] == [429] * 10
        refused = attacker.get("/admin/api/profiles", headers={"Authorization": "Bearer wrong"})
        assert int(refused.headers["retry-after"]) > 0
        assert "Too many wrong tokens" in refused.json()["error"]
        # The login form is throttled for that address too, before the token is looked at.
        page = attacker.get("/admin")
        csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        login = attacker.post("/admin/login", data={"csrf_token": csrf, "token": TOKEN})
        assert login.status_code == 429 and "Too many wrong tokens" in login.text
        # Staff elsewhere are not locked out.
        assert staff.get("/admin/api/profiles", headers=AUTH).status_code == 200


def test_failed_logins_are_logged_without_the_token(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with TestClient(create_app(settings), client=("198.51.100.9", 4000)) as client:
        page = client.get("/admin")
        csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        with caplog.at_level("WARNING", logger="advisor.admin.login"):
            client.post("/admin/login", data={"csrf_token": csrf, "token": "guess-number-one"})
            client.get("/admin/status", headers={"Authorization": "Bearer guess-number-two"})
    lines = [r.getMessage() for r in caplog.records if r.name == "advisor.admin.login"]
    assert len(lines) == 2 and all("198.51.100.9" in line for line in lines)
    assert not any("guess-number" in line for line in lines)


def test_the_profile_api_is_documented_only_with_a_token(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert "/admin/api/profiles/{profile_id}" in paths
    assert set(paths["/admin/api/profiles/{profile_id}"]) == {"get", "put", "delete"}
    without = settings.model_copy(update={"admin_token": None})
    with TestClient(create_app(without)) as client:
        assert not any(p.startswith("/admin") for p in client.get("/openapi.json").json()["paths"])
        assert client.get("/admin/api/profiles").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", f"/admin/api/profiles/{SEED_ID}", '{"text": "\\ud800 salaire"}'),
        ("PUT", f"/admin/api/profiles/{SEED_ID}", '{"text": "ok", "format": "\\udfff"}'),
        ("POST", f"/admin/api/profiles/{SEED_ID}/restore", '{"entry": "\\ud800.md"}'),
        ("GET", "/admin/api/profiles/%ED%A0%80", None),
        ("GET", f"/admin/api/profiles/{SEED_ID}/history/%ED%A0%80.md", None),
        ("GET", "/admin/api/unanswered?days=%ED%A0%80", None),
    ],
)
def test_text_utf8_cannot_hold_is_a_4xx_in_every_field(
    client: TestClient, settings: Settings, method: str, path: str, body: str | None
) -> None:
    before = (settings.knowledge_dir / SEED_FILE).read_bytes()
    headers = {**AUTH, "Content-Type": "application/json"}
    response = client.request(method, path, content=body, headers=headers)
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]
    assert (settings.knowledge_dir / SEED_FILE).read_bytes() == before
