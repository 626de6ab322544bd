"""The staff page /admin in a REAL Chromium against the REAL advisor (the admin server of
conftest.py: its own copies of knowledge/ and the index, the real models)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from accessibility import serious_accessibility_problems

pytestmark = pytest.mark.e2e

ChatPage = Any  # tests/e2e/conftest.py::ChatPage (conftest modules are not importable)
AdminServer = Any  # tests/e2e/conftest.py::AdminServer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BUILD_TIMEOUT_MS = 180_000
STAFF_VIEWPORT = {"width": 1280, "height": 1300}


def _assert_clean(tab: ChatPage, expected_statuses: tuple[int, ...] = ()) -> None:
    """No CSP violation, no script error; the only console errors are the browser's notes of
    the refusals the test asked for (a wrong token is a 403, a refused file a 422)."""
    assert tab.csp_violations() == []
    assert tab.page_errors == []
    assert tab.dialogs == []
    unexpected = [
        error
        for error in tab.console_errors
        if not any(f"status of {status}" in error for status in expected_statuses)
    ]
    assert unexpected == []


def _log_in(tab: ChatPage, token: str) -> None:
    page = tab.page
    page.goto(tab.base_url + "/admin")
    page.get_by_label("Admin token").fill(token)
    page.get_by_role("button", name="Log in").click()
    page.locator("#profiles").wait_for()


def _upload(tab: ChatPage, path: Path) -> None:
    tab.page.locator("#profile-file").set_input_files(str(path))
    tab.page.locator("#upload-form").get_by_role("button", name="Preview").click()
    tab.page.wait_for_load_state()


def _published_titles(tab: ChatPage) -> list[str]:
    return [t.strip() for t in tab.page.locator("#profiles .profile h3").all_inner_texts()]


def test_staff_publish_a_profile_students_are_then_answered_from(
    new_tab: Callable[..., ChatPage], admin_server: AdminServer
) -> None:
    staff = new_tab(admin_server.url, viewport=STAFF_VIEWPORT, locale="en-GB")
    page = staff.page
    page.goto(admin_server.url + "/admin")
    staff.screenshot("admin-login")
    page.get_by_label("Admin token").fill("not-the-token-000000000")
    page.get_by_role("button", name="Log in").click()
    assert page.locator("#login-error").inner_text() == "This is not the admin token."

    _log_in(staff, admin_server.token)
    assert "Responsable de production (Manager)" in _published_titles(staff)
    seed = page.locator('#profiles .profile[data-id="responsable-de-production"]')
    assert re.fullmatch(r"\d+ chunks", seed.locator(".chunk-count").inner_text())
    assert seed.locator(".tag").get_by_text(re.compile("^Salary")).count() == 1
    seed.locator("summary").click()
    assert seed.locator(".sections tbody tr").count() > 10
    staff.screenshot("admin-dashboard")
    assert serious_accessibility_problems(page) == []

    # The session: a signed cookie no script can read, never sent by another site.
    [cookie] = [c for c in page.context.cookies() if c["name"] == "advisor_admin"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"
    assert not cookie["secure"]  # plain HTTP on loopback; Secure is set over HTTPS
    assert admin_server.token not in cookie["value"]
    assert page.evaluate("document.cookie") == ""

    # Upload an HTML page saved from a (fictitious) career site: preview first.
    _upload(staff, FIXTURES / "dresseur-de-nuages.html")
    assert page.locator("h1").inner_text() == "Preview of dresseur-de-nuages.md"
    assert page.locator("#profile-title").inner_text() == "Dresseur de nuages (fictif)"
    chunks = page.locator("#chunks .chunk")
    assert chunks.count() == 5
    assert "4 321€ brut par mois" in chunks.all_inner_texts()[1]
    assert page.locator("#preview-topics .tag").get_by_text(re.compile("^Salary")).count() == 1
    assert "cookies" not in page.locator("#chunks").inner_text().lower()
    assert "Dresseur de nuages (fictif)" not in _published_titles(staff)  # not yet
    staff.screenshot("admin-preview")
    assert serious_accessibility_problems(page) == []

    page.get_by_role("button", name="Publish").click()
    page.locator("#notice").wait_for()
    assert "dresseur-de-nuages.md is saved" in page.locator("#notice").inner_text()
    page.locator("#build-report").wait_for(timeout=BUILD_TIMEOUT_MS)  # follows a slow build
    assert page.locator("#build-state").inner_text().startswith("Done (publishing dresseur")
    row = page.locator("#build-report tbody tr", has_text="dresseur-de-nuages.md")
    assert row.locator("td").all_inner_texts()[:1] == ["5"]  # 5 chunks added
    assert "Dresseur de nuages (fictif)" in _published_titles(staff)
    staff.screenshot("admin-published")
    _assert_clean(staff, expected_statuses=(403,))

    # A student, in another browser, asks about that job.
    student = new_tab(admin_server.url)
    student.open()
    data, answer = student.ask("Combien gagne un dresseur de nuages ?")
    assert not data["abstained"]
    assert data["passages"][0]["profile"] == "Dresseur de nuages (fictif)"
    assert "4 321€" in data["answer"]
    answer.locator("blockquote").first.wait_for()
    assert "4 321€ brut par mois" in answer.inner_text()
    student.screenshot("admin-student-answered")
    student.assert_clean()


def test_staff_see_refusals_follow_a_build_roll_back_and_delete(
    new_tab: Callable[..., ChatPage], admin_server: AdminServer, tmp_path: Path
) -> None:
    staff = new_tab(admin_server.url, viewport=STAFF_VIEWPORT, locale="en-GB")
    page = staff.page
    _log_in(staff, admin_server.token)

    # A broken file: the preview names it and its line, and offers no way to publish it.
    broken = tmp_path / "Fiche cassée.md"
    broken.write_text("---\ntitle: [oops\n---\n# Fiche\nUn texte fictif.\n", encoding="utf-8")
    _upload(staff, broken)
    error = page.locator("#preview-error").inner_text()
    assert "fiche-cassee.md:2: broken front matter" in error
    assert page.get_by_role("button", name="Publish").count() == 0
    staff.screenshot("admin-refused-file")

    # A file too large is stopped before it is sent.
    big = tmp_path / "big.md"
    big.write_bytes(b"# Big\n" + b"x" * 1_100_000)
    page.locator("#profile-file").set_input_files(str(big))
    page.locator("#upload-form").get_by_role("button", name="Preview").click()
    assert "a profile may have 1,000,000" in page.locator("#upload-error").inner_text()

    # Publish the fictitious ice-cream taster, then roll back: students no longer get it.
    page.goto(admin_server.url + "/admin")
    _upload(staff, FIXTURES / "testeur-de-glaces.md")
    page.get_by_role("button", name="Publish").click()
    page.locator("#build-report").wait_for(timeout=BUILD_TIMEOUT_MS)
    assert "Testeur de glaces (fictif)" in _published_titles(staff)
    published = page.locator("#served-version").inner_text()

    page.get_by_role("button", name="Roll back to the version before").click()
    page.locator("#notice").wait_for()
    assert "is published again" in page.locator("#notice").inner_text()
    assert page.locator("#served-version").inner_text() != published
    assert "Testeur de glaces (fictif)" not in _published_titles(staff)
    assert "testeur-de-glaces.md: not published yet" in page.locator("#pending").inner_text()
    staff.screenshot("admin-rolled-back")

    # Rebuild everything: the page follows the build's progress, then shows its report.
    page.get_by_label("embed everything again (slower)").check()
    page.get_by_role("button", name="Rebuild the index").click()
    page.wait_for_url(re.compile(r"/admin\?done=reindex"))
    if page.locator("#build").get_attribute("data-state") == "running":
        # admin.js polls /admin/status and moves the bar, then reloads the page when done.
        expect(page.locator("#build-count")).to_have_text(
            re.compile(r"^[1-9][0-9]* / [0-9]+$"), timeout=BUILD_TIMEOUT_MS
        )
        staff.screenshot("admin-build-progress")
    page.locator('#build[data-state="done"]').wait_for(timeout=BUILD_TIMEOUT_MS)
    assert "(full build)" in page.locator("#build-summary").inner_text()
    assert "Testeur de glaces (fictif)" in _published_titles(staff)
    staff.screenshot("admin-full-build")

    # Delete it: asked once more, then the index is rebuilt without it.
    profile = page.locator('#profiles .profile[data-id="testeur-de-glaces"]')
    profile.get_by_role("link", name="Delete…").click()
    page.get_by_role("button", name="Delete and rebuild").click()
    page.locator("#notice").wait_for()
    page.locator("#build-report").wait_for(timeout=BUILD_TIMEOUT_MS)
    assert "Testeur de glaces (fictif)" not in _published_titles(staff)
    assert not (admin_server.knowledge / "testeur-de-glaces.md").exists()
    _assert_clean(staff, expected_statuses=(422,))
