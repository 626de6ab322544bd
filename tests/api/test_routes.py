"""The HTTP API: its exact shape, and clear 4xx answers to bad input."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app


@pytest.fixture(scope="module")
def client(settings, advisor):  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings, advisor), raise_server_exceptions=False) as test_client:
        yield test_client


def test_chat_answers_with_the_documented_shape(client: TestClient) -> None:
    response = client.post("/api/chat", json={"message": "C'est bien payé ?", "history": []})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"answer", "abstained", "language", "passages", "suggestions"}
    assert body["abstained"] is False and body["language"] == "fr"
    passage = body["passages"][0]
    assert set(passage) >= {"text", "profile", "section", "topic", "score", "source"}
    assert passage["profile"] == "Responsable de production (Manager)"
    assert passage["topic"] == "salary"
    assert "€" in passage["text"]
    assert body["answer"] in passage["text"]


def test_history_resolves_a_follow_up(client: TestClient) -> None:
    body = client.post(
        "/api/chat",
        json={
            "message": "Et pour un débutant ?",
            "history": ["Combien gagne un responsable de production ?"],
        },
    ).json()
    assert not body["abstained"]
    assert "3 200" in body["passages"][0]["text"]


def test_language_field_sets_the_answer_language(client: TestClient) -> None:
    body = client.post("/api/chat", json={"message": "Quiz pizza vélo", "language": "nl"}).json()
    assert body["language"] == "nl"
    assert body["abstained"] and "weet ik niet" in body["answer"]


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"message": ""}, "empty"),
        ({"message": "   \n "}, "empty"),
        ({"message": "x" * 1001}, "too long"),
        ({"message": 42}, "`message` must be a string"),
        ({}, "`message` is required"),
        ({"message": "salaire ?", "history": "salaire"}, "`history` must be a list"),
        ({"message": "salaire ?", "history": [1, 2]}, "must be a string"),
        ({"message": "salaire ?", "history": ["q"] * 21}, "at most 20"),
        ({"message": "salaire ?", "language": "de"}, '"fr", "nl", "en"'),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_input_gets_a_clear_4xx(client: TestClient, payload: object, fragment: str) -> None:
    response = client.post("/api/chat", json=payload)
    assert 400 <= response.status_code < 500
    assert fragment in response.json()["error"]


def test_non_json_body(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"message=salaire", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["error"]


def test_oversized_body_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/chat",
        content=b'{"message": "' + b"a" * 70000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "too large" in response.json()["error"]


def test_health_tells_the_index(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["chunk_count"] > 20
    assert body["profiles"] == {"responsable-de-production": "Responsable de production (Manager)"}
    assert body["models"] == ["e5", "use"]


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


def test_chat_page_is_served_with_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Responsable de production (Manager)" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_page_assets_are_local(client: TestClient) -> None:
    page = client.get("/").text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    for asset in ("/static/chat/main.js", "/static/base.css", "/static/chat.css"):
        assert asset in page
        assert client.get(asset).status_code == 200


def test_openapi_docs_are_served_offline(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower()
    schema = client.get("/openapi.json").json()
    assert "/api/chat" in schema["paths"]


def test_the_pages_carry_the_servers_limits(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    """The page's script reads the limits from its body: a server allowing longer messages
    and more history says so, and the page follows (no limit hard-coded in the script)."""
    wider = settings.model_copy(update={"max_message_chars": 1500, "max_history": 8})
    with TestClient(create_app(wider, advisor)) as wide:
        for path in ("/", "/embed"):
            page = wide.get(path).text
            assert 'data-max-message-chars="1500"' in page and 'data-max-history="8"' in page
        script = wide.get("/static/chat/context.js").text
        assert "dataset.maxMessageChars" in script and "dataset.maxHistory" in script


# Valid JSON, no UTF-8 text: a lone surrogate, escaped as JSON allows.
LONE = "\\ud800"


@pytest.mark.parametrize(
    ("route", "body", "field"),
    [
        ("/api/chat", f'{{"message": "{LONE} salaire"}}', "message"),
        ("/api/chat", f'{{"message": "salaire", "history": ["ok", "{LONE}"]}}', "history.1"),
        ("/api/chat", f'{{"message": "salaire", "profile": "cuisinier{LONE}"}}', "profile"),
        ("/api/feedback", f'{{"answer_id": "{LONE}", "helpful": true}}', "answer_id"),
        (
            "/api/feedback",
            '{"answer_id": "abc", "helpful": false, "comment": "nul\\udfff"}',
            "comment",
        ),
    ],
)
def test_a_string_no_utf8_can_hold_is_a_clear_422(
    client: TestClient, route: str, body: str, field: str
) -> None:
    # A student of their own: the earlier tests of this module used up the rate limit.
    student = {"X-Advisor-Session": f"surrogates-{uuid.uuid4().hex}"}
    headers = {"Content-Type": "application/json", **student}
    response = client.post(route, content=body, headers=headers)
    assert response.status_code == 422, response.text
    message = response.json()["error"]
    assert message.startswith(f"`{field}` holds a character that is not text")
    # The server still answers, and its log writer still writes.
    again = client.post("/api/chat", json={"message": "C'est bien payé ?"}, headers=student)
    assert again.status_code == 200 and again.json()["passages"]
