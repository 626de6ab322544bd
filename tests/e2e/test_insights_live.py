"""The question log on a REAL server, with a REAL Chromium: spellings of one unanswered question
counted as one, a "pas utile" clicked in the browser listed for staff, the staff routes shut
without the token, and 200 questions answered as fast while another process locks the log."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ChatPage = Any  # tests/e2e/conftest.py::ChatPage (conftest modules are not importable)
InsightsServer = Any  # tests/e2e/conftest.py::InsightsServer

BAKER = (
    "Combien gagne un boulanger ?",
    "combien gagne un boulanger",
    "Combien gagne un boulangé ?",
)
IN_SCOPE = (
    "C'est bien payé ?",
    "Quelles études faut-il faire ?",
    "À quoi ressemble une journée type ?",
    "Quels sont les avantages du métier ?",
    "Quels sont les inconvénients ?",
    "Quelles qualités faut-il avoir ?",
    "Hoeveel verdient een responsable de production?",
    "What does a typical day look like?",
)
WAIT_SECONDS = 60.0


@pytest.fixture
def http(insights_server: InsightsServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=insights_server.url, timeout=120) as client:
        yield client


def _ask(http: httpx.Client, question: str) -> dict[str, Any]:
    response = http.post("/api/chat", json={"message": question})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _stats(http: httpx.Client, server: InsightsServer) -> dict[str, Any]:
    response = http.get("/admin/api/stats?days=1", headers=server.auth)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _until(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"not within {WAIT_SECONDS:.0f} s: {what}")


def test_one_unanswered_question_spelled_three_ways_is_counted_three_times(
    http: httpx.Client, insights_server: InsightsServer
) -> None:
    for question in BAKER:
        assert _ask(http, question)["abstained"]

    def baker() -> list[dict[str, Any]]:
        response = http.get("/admin/api/unanswered?days=1", headers=insights_server.auth)
        assert response.status_code == 200
        questions = response.json()["questions"]
        found = [q for q in questions if "boulang" in q["text"].lower()]
        return found if found and sum(q["count"] for q in found) >= 3 else []

    [entry] = _until(baker, "the three questions in /admin/api/unanswered")
    assert entry["count"] == 3
    assert entry["text"] in BAKER and sorted(entry["variants"]) == sorted(BAKER)
    assert entry["language"] == "fr"


def test_the_staff_routes_answer_401_without_the_token(http: httpx.Client) -> None:
    for path in ("/admin/api/unanswered", "/admin/api/stats", "/admin/insights.csv"):
        response = http.get(path)
        assert response.status_code == 401, path
        assert "admin token" in response.json()["error"]
    page = http.get("/admin/insights")
    assert page.status_code == 401 and "Log in" in page.text


def test_a_vote_clicked_in_the_browser_is_listed_for_staff(
    new_tab: Callable[..., ChatPage], insights_server: InsightsServer
) -> None:
    question = "Quels outils utilise-t-on au quotidien ?"
    student = new_tab(insights_server.url).open()
    data, answer = student.ask(question)
    assert not data["abstained"]
    up = answer.get_by_role("button", name="Utile", exact=True)
    down = answer.get_by_role("button", name="Pas utile")
    expect(up).to_have_attribute("aria-pressed", "false")
    # With the keyboard alone: focus the button, press Enter.
    down.focus()
    with student.page.expect_response(lambda r: r.url.endswith("/api/feedback")) as sent:
        student.page.keyboard.press("Enter")
    assert sent.value.status == 202
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(up).to_have_attribute("aria-disabled", "true")
    expect(answer.locator(".feedback-status")).to_have_text("Merci pour ton avis !")
    expect(down).to_be_focused()
    expect(up).to_be_disabled()  # aria-disabled: the focus stays where it is
    votes: list[str] = []
    student.page.on("request", lambda r: votes.append(r.url) if "/api/feedback" in r.url else None)
    up.click(force=True)  # a second vote is not sent
    student.page.wait_for_timeout(300)
    assert votes == []
    expect(up).to_have_attribute("aria-pressed", "false")
    # The vote survives a reload of the tab.
    student.page.reload()
    restored = student.answers.first
    expect(restored.get_by_role("button", name="Pas utile")).to_have_attribute(
        "aria-pressed", "true"
    )
    student.assert_clean()

    staff = new_tab(insights_server.url, viewport={"width": 1280, "height": 1400}, locale="en-GB")
    page = staff.page
    page.goto(insights_server.url + "/admin/insights")
    page.get_by_label("Admin token").fill(insights_server.token)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/insights")
    voted = page.locator("#not-helpful")
    expect(voted).to_contain_text(question)
    expect(voted.locator(".voted-item").filter(has_text=question)).to_contain_text(
        data["passages"][0]["section"].split(" › ")[-1]
    )
    assert int(page.locator("#not-helpful-count").inner_text()) >= 1
    staff.screenshot("insights")
    assert staff.csp_violations() == [] and staff.page_errors == []


def test_the_widget_panel_has_the_buttons_in_its_language(
    new_tab: Callable[..., ChatPage], insights_server: InsightsServer
) -> None:
    panel = new_tab(insights_server.url)
    missing: list[str] = []
    panel.page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    panel.page.goto(insights_server.url + "/embed?lang=nl")
    panel.page.wait_for_selector("#starter-chips .chip")
    data, answer = panel.ask("Hoeveel verdient een responsable de production?")
    assert data["language"] == "nl"
    expect(answer.get_by_role("button", name="Nuttig", exact=True)).to_be_visible()
    button = answer.get_by_role("button", name="Niet nuttig")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(answer.locator(".feedback-status")).to_have_text("Bedankt voor je mening!")
    # Opened on its own (not in the widget's iframe), the panel has the browser ask for a
    # favicon; nothing else may fail.
    assert [url for url in missing if not url.endswith("/favicon.ico")] == []
    assert panel.csp_violations() == [] and panel.page_errors == []


_HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def _timed(http: httpx.Client, count: int) -> list[float]:
    times = []
    for index in range(count):
        started = time.perf_counter()
        response = http.post("/api/chat", json={"message": IN_SCOPE[index % len(IN_SCOPE)]})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
        assert response.json()["id"]
    return times


def test_200_questions_while_another_process_locks_the_log(
    http: httpx.Client, insights_server: InsightsServer
) -> None:
    database = insights_server.data / "insights.sqlite3"
    for question in IN_SCOPE:  # every answer in the advisor's cache: only the log differs
        _ask(http, question)
    before = _until(
        lambda: (s := _stats(http, insights_server))["log"]["queued"] == 0 and s, "idle"
    )
    unlocked = _timed(http, 100)
    _until(lambda: _stats(http, insights_server)["log"]["queued"] == 0, "the log written")

    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        locked = _timed(http, 200)
        during = _until(
            lambda: (s := _stats(http, insights_server))["log"]["failing"] and s,
            "the writer notices the lock",
        )
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)

    assert len(locked) == 200
    assert "locked" in during["log"]["last_error"]
    assert during["log"]["queued"] > 0
    # As fast: the median answer time with the log locked is within noise of the one without.
    assert statistics.median(locked) <= 1.5 * statistics.median(unlocked) + 0.01, (
        statistics.median(locked),
        statistics.median(unlocked),
    )
    after = _until(
        lambda: (
            (s := _stats(http, insights_server))["log"]["queued"] == 0
            and not s["log"]["failing"]
            and s
        ),
        "the writer catches up",
    )
    assert after["log"]["dropped"] == 0
    assert after["questions"] - before["questions"] == 300  # every one written
    warnings = insights_server.log.read_text().count("the question log cannot be written")
    assert warnings == 1
