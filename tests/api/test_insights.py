"""Answer ids, votes and the staff's insights over HTTP, in-process with the real Advisor, on
SQLite and on PostgreSQL: what is stored (and what never is), the refusals, the staff JSON,
the CSV and the page, and ADVISOR_LOG=off."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app
from advisor.api.admin_auth import SESSION_COOKIE, AdminAuth
from advisor.insights.recorder import Recorder
from advisor.settings import Settings

TOKEN = "staff-token-for-the-insights-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BAKER = (
    "Combien gagne un boulanger ?",
    "combien gagne un boulanger",
    "Combien gagne un boulangé ?",
)


def _settings(base: Settings, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "knowledge_dir": base.knowledge_dir,
        "index_dir": base.index_dir,
        "admin_token": TOKEN,
        "reload_seconds": 0,
        "rate_limit": "off",
        "rate_limit_per_ip": "off",
    }
    return Settings(**{**values, **overrides})


@pytest.fixture
def client(settings: Settings, advisor: Any, database_url: str) -> Iterator[TestClient]:
    app = create_app(_settings(settings, database_url=database_url), advisor)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _recorder(client: TestClient) -> Recorder:
    recorder: Recorder = client.app.state.services.recorder  # type: ignore[attr-defined]
    return recorder


def _ask(client: TestClient, message: str, **headers: str) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": message}, headers=headers)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _flushed(client: TestClient) -> None:
    assert _recorder(client).flush(timeout=20)


def _logged_in(client: TestClient) -> None:
    auth = AdminAuth(TOKEN)
    client.cookies.set(SESSION_COOKIE, auth.encode(auth.new_session(admin=True)), path="/admin")


def test_every_answer_served_has_its_own_id(client: TestClient) -> None:
    first = _ask(client, "C'est bien payé ?")
    again = _ask(client, "C'est bien payé ?")  # the same answer, from the advisor's cache
    assert re.fullmatch(r"[0-9a-f]{32}", first["id"])
    assert first["id"] != again["id"]
    assert first["answer"] == again["answer"]
    _flushed(client)
    store = _recorder(client).store
    assert store.vote_state(first["id"]) == "open"
    assert store.vote_state(again["id"]) == "open"


def test_a_vote_is_recorded_and_shown_to_staff(client: TestClient) -> None:
    answer = _ask(client, "Quelles études faut-il faire ?")
    vote = {"answer_id": answer["id"], "helpful": False, "comment": "Trop vague pour moi"}
    response = client.post("/api/feedback", json=vote)
    assert response.status_code == 202
    assert response.json()["recorded"] is True
    again = client.post("/api/feedback", json={**vote, "helpful": True})
    assert again.status_code == 409 and "one vote" in again.json()["error"]
    _flushed(client)

    stats = client.get("/admin/api/stats?days=7", headers=AUTH).json()
    assert stats["not_helpful"] == 1 and stats["helpful"] == 0
    assert stats["questions"] == 1 and stats["abstained"] == 0
    assert stats["topics"] == [
        {"key": "studies", "questions": 1, "abstained": 0, "helpful": 0, "not_helpful": 1}
    ]
    assert stats["per_day"][-1]["questions"] == 1 and len(stats["per_day"]) == 7
    assert stats["log"]["written"] == 2 and stats["log"]["dropped"] == 0

    _logged_in(client)
    page = client.get("/admin/insights?days=7")
    assert page.status_code == 200
    html = page.text
    voted = html.split('id="not-helpful"', 1)[1]
    assert "Quelles études faut-il faire ?" in voted
    assert "Trop vague pour moi" in voted
    passage = answer["passages"][0]["text"].split("\n")[0]
    assert passage[:40] in voted.replace("&#39;", "'")
    assert "<svg" in html and 'class="chart-answered"' in html


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"answer_id": "0" * 32, "helpful": True}, 404, "No answer has this id"),
        ({"answer_id": "not-an-id", "helpful": False}, 404, "No answer has this id"),
        ({"answer_id": "<ID>", "helpful": "yes"}, 422, "`helpful`"),
        ({"answer_id": "<ID>", "helpful": 1}, 422, "`helpful`"),
        ({"answer_id": 42, "helpful": True}, 422, "`answer_id` must be a string"),
        ({"helpful": True}, 422, "`answer_id` is required"),
        ({"answer_id": "<ID>"}, 422, "`helpful` is required"),
        ({"answer_id": "<ID>", "helpful": False, "comment": "x" * 501}, 422, "500 characters"),
        ({"answer_id": "<ID>", "helpful": False, "comment": ["a"]}, 422, "`comment`"),
    ],
)
def test_bad_votes_get_a_clear_4xx(
    client: TestClient, body: dict[str, Any], status: int, fragment: str
) -> None:
    answer_id = _ask(client, "C'est bien payé ?")["id"]
    payload = {k: (answer_id if v == "<ID>" else v) for k, v in body.items()}
    response = client.post("/api/feedback", json=payload)
    assert response.status_code == status
    assert fragment in response.json()["error"]
    # and the answer can still get its one real vote
    ok = client.post("/api/feedback", json={"answer_id": answer_id, "helpful": True})
    assert ok.status_code == 202


def test_a_comment_of_500_characters_is_accepted(client: TestClient) -> None:
    answer_id = _ask(client, "C'est bien payé ?")["id"]
    vote = {"answer_id": answer_id, "helpful": False, "comment": "é" * 500}
    assert client.post("/api/feedback", json=vote).status_code == 202


def test_nothing_about_the_student_is_stored(client: TestClient) -> None:
    marks = {
        "X-Advisor-Session": "student-session-4f1c2b9a7d",
        "User-Agent": "Mozilla/5.0 MarkerBrowser/77",
        "X-Forwarded-For": "203.0.113.77",
        "Cookie": "tracker=cookie-marker-991",
    }
    answer = _ask(client, "C'est bien payé ? écris-moi à eleve@ecole.be", **marks)
    client.post("/api/feedback", json={"answer_id": answer["id"], "helpful": True})
    _flushed(client)
    [entry] = list(_recorder(client).store.entries(_since()))
    stored = repr(entry)
    for needle in ("4f1c2b9a7d", "MarkerBrowser", "203.0.113", "testclient", "cookie-marker",
                   "eleve@ecole.be"):  # fmt: skip
        assert needle not in stored
    assert entry.answer.question == "C'est bien payé ? écris-moi à [email]"
    assert entry.answer.language == "fr" and entry.answer.topic == "salary"
    assert entry.answer.passage_ids and entry.answer.top_score is not None
    assert entry.answer.answer_ms > 0


def _since() -> Any:
    from datetime import timedelta

    from advisor.insights.database import utc_now

    return utc_now() - timedelta(days=1)


def test_unanswered_questions_merge_their_spellings(client: TestClient) -> None:
    for question in BAKER:
        assert _ask(client, question)["abstained"]
    assert _ask(client, "Combien gagne un plombier ?")["abstained"]
    _ask(client, "C'est bien payé ?")
    _flushed(client)
    body = client.get("/admin/api/unanswered?days=30", headers=AUTH).json()
    questions = body["questions"]
    assert [(q["count"], q["language"]) for q in questions] == [(3, "fr"), (1, "fr")]
    baker, plumber = questions
    assert baker["text"] in BAKER and set(baker["variants"]) == set(BAKER)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", baker["last_asked"])
    assert plumber["text"] == "Combien gagne un plombier ?"
    stats = client.get("/admin/api/stats?days=30", headers=AUTH).json()
    assert (stats["questions"], stats["abstained"]) == (5, 4)
    assert stats["abstention_rate"] == 0.8


def test_the_csv_export(client: TestClient) -> None:
    _ask(client, '=HYPERLINK("http://evil.example")')
    _ask(client, "C'est bien payé ?")
    _flushed(client)
    response = client.get("/admin/insights.csv?days=7", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["question"] for r in rows] == [
        '\'=HYPERLINK("http://evil.example")',
        "C'est bien payé ?",
    ]
    assert rows[1]["topic"] == "salary" and rows[1]["abstained"] == "0"
    assert "id" not in rows[0]


@pytest.mark.parametrize(
    "path",
    ["/admin/api/unanswered", "/admin/api/stats", "/admin/insights.csv"],
)
def test_staff_routes_need_the_token(client: TestClient, path: str) -> None:
    missing = client.get(path)
    assert missing.status_code == 401 and "admin token" in missing.json()["error"]
    wrong = client.get(path, headers={"Authorization": "Bearer not-the-token-at-all"})
    assert wrong.status_code == 403
    assert client.get(path, headers=AUTH).status_code == 200


def _login(client: TestClient, back: str) -> Any:
    client.cookies.clear()
    page = client.get("/admin/insights")
    assert page.status_code == 401
    assert 'name="next" value="/admin/insights"' in page.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    form = {"csrf_token": csrf.group(1), "token": TOKEN, "next": back}
    return client.post("/admin/login", data=form, follow_redirects=False)


def test_the_page_asks_to_log_in_and_comes_back(client: TestClient) -> None:
    evil = _login(client, "https://evil.example/")
    assert evil.status_code == 303 and evil.headers["location"].startswith("/admin?")
    login = _login(client, "/admin/insights")
    assert login.status_code == 303 and login.headers["location"] == "/admin/insights"
    assert client.get("/admin/insights").status_code == 200


def test_days_out_of_range_are_refused(client: TestClient) -> None:
    response = client.get("/admin/api/stats?days=0", headers=AUTH)
    assert response.status_code == 422
    assert "days`: Input should be greater than or equal to 1" in response.json()["error"]


def test_with_the_log_off_nothing_is_stored(
    settings: Settings, advisor: Any, tmp_path: Path
) -> None:
    app = create_app(_settings(settings, log=False, data_dir=tmp_path / "data"), advisor)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.app.state.services.recorder is None  # type: ignore[attr-defined]
        answer = _ask(client, "C'est bien payé ?")
        assert re.fullmatch(r"[0-9a-f]{32}", answer["id"])
        vote = client.post("/api/feedback", json={"answer_id": answer["id"], "helpful": True})
        assert vote.status_code == 200
        assert vote.json()["recorded"] is False and "ADVISOR_LOG=off" in vote.json()["message"]
        assert client.get("/api/health").json()["feedback"] is False
        assert 'data-feedback-url=""' in client.get("/").text
        assert 'data-feedback-url=""' in client.get("/embed").text
        stats = client.get("/admin/api/stats", headers=AUTH)
        assert stats.status_code == 404 and "ADVISOR_LOG=off" in stats.json()["error"]
    assert not (tmp_path / "data").exists()


def test_the_pages_tell_the_script_where_to_vote(client: TestClient) -> None:
    assert client.get("/api/health").json()["feedback"] is True
    assert 'data-feedback-url="/api/feedback"' in client.get("/").text
    assert 'data-feedback-url="/api/feedback"' in client.get("/embed").text
