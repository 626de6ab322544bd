"""What a school's site gets from the advisor: widget.js, /embed, /demo, CORS and the security
headers, checked over HTTP against the real app."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app

SCHOOL = "https://www.school.test"
STRANGER = "https://evil.test"
WIDGET = Path(__file__).resolve().parents[2] / "web" / "static" / "widget.js"
PAGES = ["/", "/embed", "/demo", "/api/health", "/widget.js", "/static/chat/main.js"]


@pytest.fixture(scope="module")
def client(settings, advisor):  # type: ignore[no-untyped-def]
    allowed = settings.model_copy(update={"allowed_origins": (SCHOOL, "http://127.0.0.1:8001")})
    with TestClient(create_app(allowed, advisor), raise_server_exceptions=False) as test_client:
        yield test_client


def _csp(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    policy = response.headers["content-security-policy"]
    return {
        part.split(" ", 1)[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


def test_widget_is_small_and_loads_nothing_from_elsewhere() -> None:
    source = WIDGET.read_bytes()
    assert len(gzip.compress(source, 9)) < 15 * 1024
    urls = set(re.findall(rb"https?://[^\s\"')]+", source))
    # Only the SVG namespace, which is a name, not a download; and the example in the comment.
    assert urls <= {b"http://www.w3.org/2000/svg", b"https://ADVISOR/widget.js"}, urls
    assert b"document.cookie" not in source and b"innerHTML" not in source


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = _csp(response)
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    assert csp["default-src"] == "'self'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in response.headers


def test_only_the_embed_page_may_be_framed_and_only_by_the_allowed_sites(
    client: TestClient,
) -> None:
    embed = client.get("/embed")
    assert _csp(embed)["frame-ancestors"] == f"'self' {SCHOOL} http://127.0.0.1:8001"
    assert "x-frame-options" not in embed.headers
    for path in ("/", "/demo", "/api/health"):
        response = client.get(path)
        assert _csp(response)["frame-ancestors"] == "'none'"
        assert response.headers["x-frame-options"] == "DENY"


def test_without_allowed_origins_only_the_advisor_frames_itself(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings, advisor)) as plain:
        assert _csp(plain.get("/embed"))["frame-ancestors"] == "'self'"
        response = plain.post("/api/chat", json={"message": "Bonjour"}, headers={"Origin": SCHOOL})
        assert "access-control-allow-origin" not in response.headers


def test_cors_answers_the_allowed_site_only(client: TestClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-advisor-session",
    }
    ok = client.options("/api/chat", headers={"Origin": SCHOOL, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == SCHOOL
    assert "x-advisor-session" in ok.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in ok.headers

    refused = client.options("/api/chat", headers={"Origin": STRANGER, **preflight})
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers
    assert "ADVISOR_ALLOWED_ORIGINS" in refused.json()["error"]

    answered = client.post("/api/chat", json={"message": "Bonjour"}, headers={"Origin": SCHOOL})
    assert answered.headers["access-control-allow-origin"] == SCHOOL
    assert "retry-after" in answered.headers["access-control-expose-headers"].lower()
    stranger = client.post("/api/chat", json={"message": "Bonjour"}, headers={"Origin": STRANGER})
    assert "access-control-allow-origin" not in stranger.headers
    # Pages are not part of the API: no CORS there, for anybody.
    assert "access-control-allow-origin" not in client.get("/", headers={"Origin": SCHOOL}).headers


def test_embed_page_takes_the_snippet_options(client: TestClient) -> None:
    page = client.get(
        "/embed",
        params={
            "title": "Athénée royal",
            "color": "#0f766e",
            "lang": "nl",
            "profile": "responsable-de-production",
        },
    ).text
    assert '<h1 class="brand-title">Athénée royal</h1>' in page
    assert 'data-accent="#0f766e"' in page and 'data-lang="nl"' in page
    assert 'data-profile="responsable-de-production"' in page
    assert '<html lang="nl">' in page
    for asset in ("/static/chat/main.js", "/static/embed.js", "/static/embed.css"):
        assert asset in page and client.get(asset).status_code == 200


@pytest.mark.parametrize(
    ("params", "absent"),
    [
        ({"title": "<script>alert(1)</script>"}, "<script>alert"),
        ({"color": "red;background:url(x)"}, "url(x)"),
        ({"color": '"><img src=x>'}, "<img"),
        ({"lang": "de"}, 'data-lang="de"'),
        ({"profile": "../../etc/passwd"}, "passwd"),
        ({"title": "a\u202eevil"}, "\u202e"),
    ],
)
def test_embed_page_drops_what_it_cannot_trust(
    client: TestClient, params: dict[str, str], absent: str
) -> None:
    response = client.get("/embed", params=params)
    assert response.status_code == 200
    assert absent not in response.text


def test_long_title_is_cut(client: TestClient) -> None:
    page = client.get("/embed", params={"title": "x" * 500}).text
    assert "x" * 60 in page and "x" * 61 not in page


def test_widget_script_is_served_for_other_sites(client: TestClient) -> None:
    response = client.get("/widget.js", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"
    assert "max-age=" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") == "gzip"
    assert response.text == WIDGET.read_text(encoding="utf-8")


def test_demo_page_shows_the_snippet_it_uses(client: TestClient) -> None:
    page = client.get("/demo").text
    tag = re.search(r'<script src="http://testserver/widget\.js"[^>]*></script>', page)
    assert tag is not None
    shown = tag.group(0).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    assert shown in page
    assert client.get("/demo/demo.css").status_code == 200


def test_chunked_body_over_the_cap_is_refused_in_json(client: TestClient) -> None:
    def body():  # type: ignore[no-untyped-def]
        yield b'{"message": "'
        for _ in range(100):
            yield b"a" * 1024
        yield b'"}'

    response = client.post(
        "/api/chat",
        content=body(),
        headers={"Content-Type": "application/json", "X-Advisor-Session": "c" * 32},
    )
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


@pytest.mark.parametrize(
    "origins", ["https://school.test/page", "*", "school.test", "ftp://school.test"]
)
def test_a_bad_origin_setting_is_refused_at_start(settings, origins: str) -> None:  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from advisor.settings import Settings

    with pytest.raises(ValidationError, match="is not an origin"):
        Settings(knowledge_dir=settings.knowledge_dir, allowed_origins=origins)


def test_origins_are_read_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from advisor.settings import Settings

    monkeypatch.setenv("ADVISOR_ALLOWED_ORIGINS", "https://A.school.be/, http://127.0.0.1:8001")
    monkeypatch.setenv("ADVISOR_RATE_LIMIT", "OFF")
    settings = Settings()
    assert settings.allowed_origins == ("https://a.school.be", "http://127.0.0.1:8001")
    assert settings.rate_limit == "off"
