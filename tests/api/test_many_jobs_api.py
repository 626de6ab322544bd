"""The chat API with many jobs: the page's job (``profile``), the page's language
(``interface_language``), a question asked back (``kind: "clarify"``), and each passage's
profile id."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app


@pytest.fixture(scope="module")
def client(many_jobs_settings, many_jobs_advisor):  # type: ignore[no-untyped-def]
    app = create_app(many_jobs_settings, many_jobs_advisor)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _chat(client: TestClient, **body: object) -> dict:  # type: ignore[type-arg]
    response = client.post("/api/chat", json={"history": [], **body})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_question_naming_no_job_is_asked_back_with_a_chip_per_job(client: TestClient) -> None:
    body = _chat(client, message="Welke studies moet ik doen?")
    assert body["kind"] == "clarify" and body["abstained"] is False
    assert body["language"] == "nl" and body["passages"] == []
    assert "beroep" in body["answer"]
    assert 2 <= len(body["suggestions"]) <= 6
    assert all(s.startswith("Welke studies moet ik doen?") for s in body["suggestions"])
    health = client.get("/api/health").json()
    assert len(health["profiles"]) == 10


def test_the_pages_job_answers_and_each_passage_names_its_profile(client: TestClient) -> None:
    body = _chat(client, message="Welke studies moet ik doen?", profile="advocaat")
    assert body["kind"] == "answer"
    assert {p["profile_id"] for p in body["passages"]} == {"advocaat"}
    assert body["passages"][0]["profile"] == "Advocaat (m/v)"


def test_an_id_the_knowledge_no_longer_holds_is_ignored(client: TestClient) -> None:
    body = _chat(client, message="Welke studies moet ik doen?", profile="metier-supprime")
    assert body["kind"] == "clarify"


@pytest.mark.parametrize(
    "profile", ["Cuisinier", "../etc/passwd", "a b", "-x", "x" * 101, 42, ["cuisinier"]]
)
def test_a_malformed_profile_id_is_a_clear_422(client: TestClient, profile: object) -> None:
    response = client.post("/api/chat", json={"message": "salaire ?", "profile": profile})
    assert response.status_code == 422
    assert "profile" in response.json()["error"]


def test_the_interface_language_answers_a_greeting(client: TestClient) -> None:
    assert _chat(client, message="salut", interface_language="fr")["language"] == "fr"
    assert _chat(client, message="hoi", interface_language="nl")["language"] == "nl"
    assert _chat(client, message="hey", interface_language="fr")["answer"].startswith("Bonjour")
    response = client.post("/api/chat", json={"message": "hey", "interface_language": "de"})
    assert response.status_code == 422


def test_markdown_passages_reach_the_page_as_text(client: TestClient) -> None:
    body = _chat(client, message="What skills does a graphic designer need?")
    assert body["passages"] and body["passages"][0]["profile_id"] == "graphic-designer"
    for passage in body["passages"]:
        assert "**" not in passage["text"] and "](" not in passage["text"]
