"""Staff edit a profile in a REAL Chromium, in French, against the REAL advisor (the admin server
of conftest.py: its own copies of knowledge/ and the index, the real models): log in, change a
figure, read it in the preview's changes, publish, a student is quoted the new figure; a second
editor with a stale copy is refused; the earlier text restored brings the old figure back.
axe finds nothing serious on any staff page, in French and in Dutch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from accessibility import serious_accessibility_problems

pytestmark = pytest.mark.e2e

ChatPage = Any  # tests/e2e/conftest.py::ChatPage (conftest modules are not importable)
AdminServer = Any  # tests/e2e/conftest.py::AdminServer

BUILD_TIMEOUT_MS = 180_000
STAFF_VIEWPORT = {"width": 1280, "height": 1300}
SEED = "responsable-de-production.txt"
OLD = "Un débutant peut espérer entre 3 200€ et 4 500€ brut par mois."
NEW = "Un débutant peut espérer entre 3 350€ et 4 500€ brut par mois."
QUESTION = "combien gagne un responsable de production qui débute ?"


def _log_in_in_french(tab: ChatPage, token: str) -> None:
    page = tab.page
    page.goto(tab.base_url + "/admin")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_label("Jeton d’administration").fill(token)
    page.get_by_role("button", name="Se connecter").click()
    page.locator("#profiles").wait_for()


def _open_editor(tab: ChatPage) -> None:
    seed = tab.page.locator('#profiles .profile[data-id="responsable-de-production"]')
    seed.get_by_role("link", name="Modifier").click()
    tab.page.locator("#profile-text").wait_for()


def _student_quotes(new_tab: Callable[..., ChatPage], url: str, words: str) -> bool:
    student = new_tab(url)
    student.open()
    data, _ = student.ask(QUESTION)
    return any(words in passage["text"] for passage in data["passages"])


def test_staff_edit_a_figure_in_french_publish_and_restore(
    new_tab: Callable[..., ChatPage], admin_server: AdminServer
) -> None:
    original = (admin_server.knowledge / SEED).read_text(encoding="utf-8")
    assert OLD in original
    assert _student_quotes(new_tab, admin_server.url, "3 200€")

    staff = new_tab(admin_server.url, viewport=STAFF_VIEWPORT)  # a fr-BE browser
    page = staff.page
    _log_in_in_french(staff, admin_server.token)
    assert page.locator("h1").inner_text() == "Fiches et index"
    assert serious_accessibility_problems(page) == []
    _open_editor(staff)
    # A second member of staff opens the same profile now, before the first one publishes.
    other = new_tab(admin_server.url, viewport=STAFF_VIEWPORT)
    _log_in_in_french(other, admin_server.token)
    _open_editor(other)

    editor = page.locator("#profile-text")
    assert editor.input_value() == original
    editor.fill(original.replace(OLD, NEW))
    page.get_by_role("button", name="Voir les modifications").click()
    changes = page.locator("#changes")
    changes.wait_for()
    # One paragraph changed, and in it the figure marked.
    [removed] = changes.locator(".diff-removed del").all_inner_texts()
    [added] = changes.locator(".diff-added ins").all_inner_texts()
    assert OLD in removed and NEW in added
    assert changes.locator(".diff-removed mark").all_inner_texts() == ["200€"]
    assert changes.locator(".diff-added mark").all_inner_texts() == ["350€"]
    assert page.locator("#chunks .chunk").count() > 10
    assert changes.is_visible()  # scrolled to, below the text area
    staff.screenshot("editor-preview-fr")
    assert serious_accessibility_problems(page) == []

    page.get_by_role("button", name="Publier").click()
    page.locator("#notice").wait_for()
    assert "est enregistré et publié" in page.locator("#notice").inner_text()
    page.locator('#build[data-state="done"]').wait_for(timeout=BUILD_TIMEOUT_MS)
    assert (admin_server.knowledge / SEED).read_text(encoding="utf-8") == original.replace(OLD, NEW)
    assert _student_quotes(new_tab, admin_server.url, "3 350€")

    # The second editor still holds the text it opened: refused, its text kept on the page.
    stale = other.page.locator("#profile-text")
    stale.fill(original.replace(OLD, OLD.replace("3 200€", "9 999€")))
    other.page.get_by_role("button", name="Publier").click()
    other.page.locator("#editor-error").wait_for()
    assert (
        "Quelqu’un d’autre a publié cette fiche" in other.page.locator("#editor-error").inner_text()
    )
    assert "9 999€" in other.page.locator("#profile-text").input_value()
    assert "9 999€" not in (admin_server.knowledge / SEED).read_text(encoding="utf-8")
    other.screenshot("editor-stale-fr")

    # Restore the earlier text: the old figure is back for students.
    _open_editor(staff)
    history = page.locator("#history")
    assert history.locator("tbody tr").count() >= 1
    staff.screenshot("editor-history-fr")
    assert serious_accessibility_problems(page) == []
    history.locator("tbody tr").first.get_by_role("button", name="Restaurer").click()
    page.locator("#notice").wait_for()
    page.locator('#build[data-state="done"]').wait_for(timeout=BUILD_TIMEOUT_MS)
    assert (admin_server.knowledge / SEED).read_text(encoding="utf-8") == original
    assert _student_quotes(new_tab, admin_server.url, "3 200€")
    assert staff.page_errors == [] and staff.csp_violations() == []


def test_every_staff_page_passes_axe_in_dutch(
    new_tab: Callable[..., ChatPage], admin_server: AdminServer
) -> None:
    staff = new_tab(admin_server.url, viewport=STAFF_VIEWPORT, locale="nl-BE")
    page = staff.page
    page.goto(admin_server.url + "/admin")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert serious_accessibility_problems(page) == []
    page.get_by_label("Beheertoken").fill(admin_server.token)
    page.get_by_role("button", name="Aanmelden").click()
    page.locator("#profiles").wait_for()
    for path in (
        "/admin",
        f"/admin/profiles/edit?file={SEED}",
        "/admin/profiles/new",
        "/admin/insights",
        f"/admin/profiles/delete?file={SEED}",
    ):
        page.goto(admin_server.url + path)
        assert page.locator("html").get_attribute("lang") == "nl", path
        assert serious_accessibility_problems(page) == [], path
    page.goto(admin_server.url + "/admin/profiles/new")
    page.get_by_label("Naam van het beroep").fill("Wolkentemmer")
    page.get_by_role("button", name="De editor openen").click()
    assert "## Verloning" in page.locator("#profile-text").input_value()
    assert serious_accessibility_problems(page) == []
    staff.screenshot("editor-new-nl")
    # Switched by hand to English: the choice sticks.
    page.get_by_role("link", name="EN English", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(admin_server.url + "/admin")
    assert page.locator("h1").inner_text() == "Knowledge and index"
    assert staff.page_errors == [] and staff.csp_violations() == []


def test_an_unanswered_question_answered_in_the_browser(
    new_tab: Callable[..., ChatPage], admin_server: AdminServer
) -> None:
    student = new_tab(admin_server.url)
    student.open()
    data, _ = student.ask("C'est quoi le Quibblotron dans une usine ?")
    assert data["abstained"]

    staff = new_tab(admin_server.url, viewport=STAFF_VIEWPORT)
    page = staff.page
    _log_in_in_french(staff, admin_server.token)
    # The question log is written in the background: the page shows it within a moment.
    for _ in range(20):
        page.goto(admin_server.url + "/admin/insights")
        row = page.locator("#unanswered tbody tr", has_text="Quibblotron")
        if row.count():
            break
        page.wait_for_timeout(500)
    row.get_by_role("combobox").select_option(SEED)
    row.get_by_role("button", name="Y répondre").click()
    editor = page.locator("#profile-text")
    editor.wait_for()
    assert "Quibblotron" in page.locator("#answering").inner_text()
    staff.screenshot("editor-answer-it-fr")
    # The cursor waits on the answer's line: staff just type.
    page.keyboard.type("Le Quibblotron est une machine fictive, inventée pour ce test.")
    text = editor.input_value()
    question_at = text.index("C'est quoi le Quibblotron dans une usine ?")
    assert text.index("machine fictive") > question_at > text.index("Questions fréquentes")
    page.get_by_role("button", name="Publier").click()
    page.locator("#notice").wait_for()
    page.locator('#build[data-state="done"]').wait_for(timeout=BUILD_TIMEOUT_MS)

    data, _ = student.ask("le quibblotron c koi ?")
    assert not data["abstained"]
    assert "machine fictive" in data["passages"][0]["text"]
    page.goto(admin_server.url + "/admin/insights")
    answered = page.locator("#unanswered tbody tr", has_text="Quibblotron")
    assert "répondue depuis la version" in answered.inner_text()
    assert staff.page_errors == [] and staff.csp_violations() == []
