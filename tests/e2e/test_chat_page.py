"""The chat page, end to end: real server, real Chromium, no mocks."""

from __future__ import annotations

import re
from typing import Any

import pytest

ChatPage = Any  # tests/e2e/conftest.py::ChatPage (conftest modules are not importable)

pytestmark = pytest.mark.e2e

SALARY_QUESTION = "Combien gagne un responsable de production ?"
OUT_OF_SCOPE_QUESTION = "Quelle est la meilleure pizzeria de Bruxelles ?"
HTML_QUESTION = "<img src=x onerror=alert(1)>"
# "3 500", "3 500-7 500€", "4 500 €" (with a normal, no-break or narrow no-break space)
SALARY_FIGURE = re.compile(r"\d[\d \u00a0\u202f]*€|3[ \u00a0\u202f]?500")


def _salary_quote(answer: Any) -> Any:
    """The first quote of `answer` whose blockquote shows a salary figure."""
    quotes = answer.locator("figure.quote")
    for i in range(quotes.count()):
        if SALARY_FIGURE.search(quotes.nth(i).locator("blockquote").inner_text()):
            return quotes.nth(i)
    return None


def test_salary_question_is_answered_with_a_quoted_passage(chat: ChatPage) -> None:
    chat.open()
    data, answer = chat.ask(SALARY_QUESTION)

    student = chat.page.locator("#thread > .message--student .message-text").last
    assert student.inner_text().strip() == SALARY_QUESTION
    assert data["abstained"] is False, data
    assert answer.locator(".answer-lead").inner_text().strip() == data["answer"].strip()

    quote = _salary_quote(answer)
    assert quote is not None, f"no quoted salary figure in: {answer.inner_text()!r}"
    caption = quote.locator("figcaption").inner_text()
    text = quote.locator("blockquote").inner_text()
    passage = next(p for p in data["passages"] if p["text"].strip() == text.strip())
    if passage["section"]:
        assert passage["section"] in caption
    assert passage["profile"] in caption
    assert any(
        re.search("salaire", c, re.I) for c in answer.locator("figcaption").all_inner_texts()
    ), "no caption names the salary section"

    # Newlines of the passages survive, the highlight is marked.
    assert quote.locator("blockquote").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-line"
    highlighted = [p for p in data["passages"] if p.get("highlight")]
    if highlighted:
        marks = answer.locator("blockquote mark").all_inner_texts()
        assert highlighted[0]["highlight"].strip() in [m.strip() for m in marks]

    # The lead answer is announced politely.
    announcer = chat.page.locator("[aria-live='polite']")
    assert announcer.count() >= 1
    chat.page.wait_for_function("() => document.getElementById('announcer').textContent.length > 0")
    # Only the conversation scrolls: the header and the input stay on screen.
    assert chat.page.evaluate("window.scrollY") == 0
    assert chat.page.locator("#question").is_visible()
    chat.screenshot("desktop-salary")
    chat.assert_clean()


def test_out_of_scope_question_shows_i_dont_know(chat: ChatPage) -> None:
    chat.open()
    data, answer = chat.ask(OUT_OF_SCOPE_QUESTION)

    assert data["abstained"] is True, data
    assert "message--abstained" in (answer.get_attribute("class") or "")
    label = answer.locator(".abstained-label")
    assert label.is_visible()
    assert label.inner_text().strip().lower() == "je ne sais pas"
    assert data["answer"].strip() in answer.inner_text()
    assert chat.page.locator("blockquote").count() == 0
    # Distinct look: the abstention card is not styled like a normal answer.
    colors = chat.page.evaluate(
        """() => [
          getComputedStyle(document.querySelector('.message--abstained')).backgroundColor,
          getComputedStyle(document.querySelector('#welcome')).backgroundColor,
        ]"""
    )
    assert colors[0] != colors[1]
    chat.screenshot("desktop-abstained")
    chat.assert_clean()


def test_html_in_a_question_is_shown_as_text_and_never_runs(chat: ChatPage) -> None:
    chat.open()
    _data, _answer = chat.ask(HTML_QUESTION)

    student = chat.page.locator("#thread > .message--student .message-text").last
    assert student.inner_text().strip() == HTML_QUESTION
    assert chat.page.locator("#thread img").count() == 0
    chat.page.wait_for_timeout(500)  # give a would-be onerror handler time to fire
    assert chat.dialogs == []
    chat.assert_clean()


def test_phone_screen_has_no_horizontal_scroll(phone_chat: ChatPage) -> None:
    chat = phone_chat
    chat.open()
    chat.screenshot("phone-start")
    assert chat.page.evaluate("document.documentElement.scrollWidth") <= 360

    _data, answer = chat.ask(SALARY_QUESTION)
    assert answer.locator("blockquote").count() >= 1
    assert chat.page.evaluate("document.documentElement.scrollWidth") <= 360
    assert chat.page.evaluate("document.body.scrollWidth") <= 360

    question = chat.page.locator("#question")
    assert question.is_visible()
    box = question.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640
    send = chat.page.locator("#send").bounding_box()
    assert send is not None and send["x"] + send["width"] <= 360
    chat.screenshot("phone-salary")
    chat.assert_clean()


def test_keyboard_only_suggestion_chip(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chip')"):
            break
    else:
        pytest.fail("Tab never reached a suggestion chip")

    focused = page.evaluate(
        """() => {
          const e = document.activeElement;
          const s = getComputedStyle(e);
          return {tag: e.tagName, question: e.dataset.question, outline: s.outlineStyle,
                  width: parseFloat(s.outlineWidth)};
        }"""
    )
    assert focused["tag"] == "BUTTON"
    assert focused["outline"] != "none" and focused["width"] > 0, "focus is not visible"
    chat.screenshot("desktop-keyboard-focus")

    before = chat.answers.count()
    with page.expect_response(chat.is_chat_response) as info:
        page.keyboard.press("Enter")
    sent = info.value.request.post_data_json
    assert sent["message"] == focused["question"]
    answer = chat.wait_for_answer(before)
    assert answer.inner_text().strip()
    assert (
        page.locator("#thread > .message--student .message-text").last.inner_text().strip()
        == (focused["question"])
    )
    chat.assert_clean()


def test_server_suggestions_are_clickable_chips(chat: ChatPage) -> None:
    chat.open()
    data, answer = chat.ask(SALARY_QUESTION)
    if not data["suggestions"]:
        pytest.skip("the server sent no suggestions for this question")
    chips = answer.locator(".suggestions .chip")
    assert chips.count() >= 1
    assert chips.first.inner_text().strip() == data["suggestions"][0].strip()

    before = chat.answers.count()
    with chat.page.expect_response(chat.is_chat_response) as info:
        chips.first.click()
    assert info.value.request.post_data_json["message"] == data["suggestions"][0].strip()
    chat.wait_for_answer(before)
    chat.assert_clean()


def test_language_selector_switches_to_dutch(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("#send").inner_text().strip() == "Envoyer"

    # Until the student picks a language, the server detects it.
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as info:
        page.locator("#question").fill(SALARY_QUESTION)
        page.locator("#question").press("Enter")
    assert info.value.post_data_json["language"] is None
    chat.wait_for_answer(0)

    page.locator("#ui-language").select_option("nl")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#send").inner_text().strip() == "Verstuur"
    assert page.locator("#new-conversation").inner_text().strip() == "Nieuw gesprek"
    assert page.locator("#question").get_attribute("placeholder") == (
        "Stel je vraag over een beroep…"
    )
    assert page.locator("#starter-chips .chip").first.inner_text().strip() == "Loon"
    chat.screenshot("desktop-dutch")

    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as info:
        page.locator("#question").fill("Hoeveel verdient een productieverantwoordelijke?")
        page.locator("#question").press("Enter")
    assert info.value.post_data_json["language"] == "nl"
    chat.wait_for_answer(1)
    chat.screenshot("desktop-dutch-answer")
    chat.assert_clean()


def test_history_is_sent_and_new_conversation_clears_it(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    first = SALARY_QUESTION
    second = "Et quelles études faut-il faire ?"

    def send(text: str) -> dict[str, Any]:
        before = chat.answers.count()
        with page.expect_request(lambda r: r.url.endswith("/api/chat")) as info:
            page.locator("#question").fill(text)
            page.locator("#question").press("Enter")
        chat.wait_for_answer(before)
        return info.value.post_data_json

    assert send(first)["history"] == []
    assert send(second)["history"] == [first]

    page.locator("#new-conversation").click()
    assert page.locator("#thread > *").count() == 0
    assert page.locator("#starter-chips .chip").count() >= 5
    assert send(second)["history"] == []
    chat.assert_clean()


def test_empty_message_is_not_sent(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/api/chat") else None)
    page.locator("#question").focus()
    page.keyboard.type("   ")
    page.keyboard.press("Enter")
    page.locator("#send").click()
    page.wait_for_timeout(300)
    assert requests == []
    assert page.locator("#thread > *").count() == 0
    chat.assert_clean()


def test_network_failure_is_shown_kindly_and_can_be_retried(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    page.context.set_offline(True)
    page.locator("#question").fill(SALARY_QUESTION)
    page.locator("#question").press("Enter")
    error = page.locator("#thread > .message--error")
    error.wait_for(state="visible")
    assert "réessaie dans un instant" in error.inner_text()
    assert page.locator("#send").get_attribute("aria-disabled") == "false"
    chat.screenshot("desktop-offline")

    page.context.set_offline(False)
    with page.expect_response(chat.is_chat_response) as info:
        error.locator("button.retry").click()
    assert info.value.request.post_data_json["message"] == SALARY_QUESTION
    answer = page.locator("#thread > .message--advisor:not(.message--loading)").last
    answer.locator("blockquote").first.wait_for(state="visible")
    assert page.locator("#thread > .message--error").count() == 0
    # The browser itself logs the failed fetch; nothing else may go wrong.
    assert chat.page_errors == [] and chat.csp_violations() == [] and chat.dialogs == []


def test_too_long_message_is_refused_kindly(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    assert page.locator("#question").get_attribute("maxlength") == "1000"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/api/chat") else None)
    # Bypass maxlength the way a paste from a script could.
    page.locator("#question").evaluate("(e) => { e.value = 'a'.repeat(1001); }")
    page.locator("#question").press("Enter")
    error = page.locator("#thread > .message--error")
    error.wait_for(state="visible")
    assert "1000" in error.inner_text()
    assert len(page.locator("#question").input_value()) == 1001, "the text must not be lost"
    page.wait_for_timeout(300)
    assert requests == []
    chat.assert_clean()


def test_session_id_is_sent_and_the_conversation_survives_a_reload(chat: ChatPage) -> None:
    chat.open()
    page = chat.page
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as first:
        page.locator("#question").fill(SALARY_QUESTION)
        page.locator("#question").press("Enter")
    chat.wait_for_answer(0).locator("blockquote").first.wait_for(state="visible")
    session = first.value.headers.get("x-advisor-session", "")
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", session), session

    page.reload()
    page.wait_for_selector("#starter-chips .chip")
    assert page.locator("#thread > .message--student .message-text").first.inner_text() == (
        SALARY_QUESTION
    )
    assert page.locator("#thread blockquote").count() >= 1
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as second:
        page.locator("#question").fill("Et pour un débutant ?")
        page.locator("#question").press("Enter")
    chat.wait_for_answer(1)
    assert second.value.headers.get("x-advisor-session") == session
    assert second.value.post_data_json["history"] == [SALARY_QUESTION]

    page.locator("#new-conversation").click()
    page.reload()
    page.wait_for_selector("#starter-chips .chip")
    assert page.locator("#thread > *").count() == 0
    assert page.context.cookies() == []
    chat.assert_clean()


def test_a_greeting_is_answered_in_the_pages_language(chat: ChatPage) -> None:
    # A French browser: "hey" says nothing of its language, the page does.
    data, answer = chat.open().ask("hey")
    assert data["language"] == "fr" and data["kind"] == "smalltalk"
    assert answer.locator(".answer-lead").inner_text().startswith("Bonjour")
    chat.assert_clean()


def test_the_pages_job_and_language_are_sent_with_each_question(
    chat: ChatPage, server_url: str
) -> None:
    page = chat.page
    page.goto(server_url + "/?profile=responsable-de-production")
    page.wait_for_selector("#starter-chips .chip")
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as info:
        page.locator("#question").fill("C'est bien payé ?")
        page.locator("#question").press("Enter")
    sent = info.value.post_data_json
    assert sent["profile"] == "responsable-de-production"
    assert sent["interface_language"] == "fr" and sent["language"] is None
    chat.wait_for_answer(0)
    # An id the knowledge does not hold is not sent at all.
    page.goto(server_url + "/?profile=astronaute")
    page.wait_for_selector("#starter-chips .chip")
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as info:
        page.locator("#question").fill("C'est bien payé ?")
        page.locator("#question").press("Enter")
    assert "profile" not in info.value.post_data_json
    chat.assert_clean()
