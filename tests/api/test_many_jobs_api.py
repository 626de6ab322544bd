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


def test_the_profiles_are_listed_with_their_language_and_topics(client: TestClient) -> None:
    response = client.get("/api/profiles")
    assert response.status_code == 200
    profiles = {p["id"]: p for p in response.json()}
    assert set(profiles) == set(client.get("/api/health").json()["profiles"])
    lawyer = profiles["advocaat"]
    assert lawyer["title"] == "Advocaat (m/v)" and lawyer["language"] == "nl"
    assert "salary" in lawyer["topics"] and "studies" in lawyer["topics"]
    titles = [p["title"].casefold() for p in response.json()]
    assert titles == sorted(titles)


def test_a_comparison_answers_in_columns_in_the_order_named(client: TestClient) -> None:
    body = _chat(client, message="cuisinier ou électricien, qui gagne le plus ?")
    assert body["kind"] == "compare" and body["abstained"] is False
    columns = body["columns"]
    assert [c["profile_id"] for c in columns] == ["cuisinier", "electrician"]
    assert [c["job"] for c in columns] == ["Cuisinier / Cuisinière", "Electrician"]
    for column in columns:
        assert column["passage"]["profile_id"] == column["profile_id"]
        assert column["passage"]["highlight"] in column["passage"]["text"]
    assert [p["profile_id"] for p in body["passages"]] == ["cuisinier", "electrician"]


def test_an_exploration_and_the_list_of_jobs_offer_jobs(client: TestClient) -> None:
    explored = _chat(client, message="I would like a job where I can draw and be creative")
    assert explored["kind"] == "explore" and 1 <= len(explored["jobs"]) <= 3
    assert [j["profile_id"] for j in explored["jobs"]] == [
        p["profile_id"] for p in explored["passages"]
    ]
    assert all(j["question"].startswith("What does a") for j in explored["jobs"])
    listed = _chat(client, message="welke beroepen ken je?")
    assert listed["kind"] == "browse" and listed["language"] == "nl"
    assert len(listed["jobs"]) == len(client.get("/api/health").json()["profiles"])


@pytest.fixture()
def own_client(many_jobs_settings, many_jobs_advisor):  # type: ignore[no-untyped-def]
    """A client of its own app, with its own rate limits: the module's is near them."""
    app = create_app(many_jobs_settings, many_jobs_advisor)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_an_exploration_quotes_only_the_jobs_whose_profiles_offer_what_is_asked(
    own_client: TestClient,
) -> None:
    client = own_client
    # Of the fictitious profiles, only the Dutch farm's speaks of livestock ("vee", "dieren").
    explored = _chat(client, message="I really love animals")
    assert explored["kind"] == "explore"
    assert [j["profile_id"] for j in explored["jobs"]] == ["landbouwer"]
    # A statement, not a question, using one job's own words: still an exploration.
    cooking = _chat(client, message="je kiffe cuisiner pour mes potes le weekend")
    assert cooking["kind"] == "explore"
    assert cooking["jobs"][0]["profile_id"] == "cuisinier"
    # No "j'aime", no job's word: near the example messages of students about themselves.
    sitting = _chat(client, message="rester assis toute la journée, impossible pour moi")
    assert sitting["kind"] == "explore" and sitting["jobs"]
    # A job's question naming none is still asked back.
    assert _chat(client, message="c'est bien payé ?")["kind"] == "clarify"
