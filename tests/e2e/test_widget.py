"""The embeddable widget, end to end: a school's page on another loopback origin loads
`widget.js` from the real advisor, in a real Chromium. Nothing is mocked; where the advisor
must be down, the browser's own network layer refuses the request."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

ChatPage = Any  # tests/e2e/conftest.py::ChatPage (conftest modules are not importable)
HostSite = Any  # tests/e2e/conftest.py::HostSite

pytestmark = pytest.mark.e2e

SALARY_QUESTION = "Combien gagne un responsable de production ?"
SALARY_FIGURE = re.compile(r"\d[\d \u00a0\u202f]*€")
TITLE = "Conseiller de l'Athénée"
# The hard case for legibility: white text on it would fail WCAG; the widget darkens it.
YELLOW = "#ffcc00"
ANSWER_TIMEOUT_MS = 120_000

# A school whose stylesheet restyles everything it can reach, !important included.
HOSTILE_CSS = """
* { box-sizing: content-box !important; margin: 13px !important; padding: 17px !important;
    font: italic 31px/3 "Comic Sans MS", cursive !important; color: #f0f !important;
    background: #0f0 !important; border: 5px dashed red !important; letter-spacing: 4px !important;
    text-transform: uppercase !important; opacity: 0.9 !important; z-index: 1 !important;
    position: relative !important; visibility: visible !important; filter: blur(1px) !important;
    top: 7px !important; left: 7px !important; width: auto !important; }
div { display: flex !important; width: 60px !important; height: 60px !important;
      overflow: hidden !important; transform: rotate(3deg) !important; }
button { all: unset !important; display: none !important; width: 4px !important;
         font-size: 2px !important; color: transparent !important; }
iframe { display: none !important; width: 1px !important; height: 1px !important;
         opacity: 0 !important; visibility: hidden !important; pointer-events: none !important; }
*::before, *::after { content: "!!" !important; }
"""


def snippet(advisor: str, **attributes: str) -> str:
    attrs = "".join(f' data-{key}="{value}"' for key, value in attributes.items())
    return f'<script src="{advisor}/widget.js"{attrs} async></script>'


def host_page(advisor: str, *, head: str = "", body: str = "", **attributes: str) -> str:
    """A school's page with the widget snippet, the way a webmaster pastes it."""
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Athénée</title>
<meta name="viewport" content="width=device-width, initial-scale=1">{head}
{snippet(advisor, **attributes)}</head>
<body><header><h1>Athénée royal</h1><nav><a href="page2">Page 2</a></nav></header>
<main><p>Bienvenue sur le site de l'école.</p>
<button type="button" class="school-button">Inscriptions</button>{body}</main></body></html>"""


def strict_csp(advisor: str) -> str:
    """The strictest CSP a school could have that still lets the widget in."""
    policy = (
        f"default-src 'none'; script-src {advisor}/widget.js; frame-src {advisor}; "
        "style-src 'none'; img-src 'none'; base-uri 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


class Widget:
    """The widget inside a school's page, seen as a student sees it."""

    def __init__(self, chat: ChatPage) -> None:
        self.chat = chat
        self.page = chat.page
        self.launcher = self.page.locator("advisor-widget .launcher")
        self.panel = self.page.locator("advisor-widget .panel")
        self.status = self.page.locator("advisor-widget .status")
        self.frame = self.page.frame_locator("advisor-widget iframe")

    def goto(self, url: str) -> Widget:
        self.page.goto(url)
        self.launcher.wait_for(state="visible")
        return self

    def open(self) -> Any:
        """Click the launcher; wait for the panel's own page; return its Frame."""
        self.launcher.click()
        return self.wait_ready()

    def wait_ready(self) -> Any:
        self.frame.locator("#starter-chips .chip").first.wait_for(state="visible")
        self.status.wait_for(state="hidden")
        return self.embed_frame()

    def embed_frame(self) -> Any:
        handle = self.page.locator("advisor-widget iframe").element_handle()
        frame = handle.content_frame()
        assert frame is not None
        return frame

    def answers(self) -> Any:
        return self.frame.locator("#thread > .message--advisor:not(.message--loading)")

    def ask(self, text: str) -> tuple[Any, Any]:
        """Type in the panel and press Enter; returns the API response and the answer."""
        before = self.answers().count()
        question = self.frame.locator("#question")
        with self.page.expect_response(
            lambda r: r.url.endswith("/api/chat"), timeout=ANSWER_TIMEOUT_MS
        ) as info:
            question.fill(text)
            question.press("Enter")
        answer = self.answers().nth(before)
        answer.wait_for(state="visible", timeout=ANSWER_TIMEOUT_MS)
        return info.value, answer

    def focused_in_shadow(self) -> str | None:
        return self.page.evaluate(
            """() => {
              const host = document.querySelector('advisor-widget');
              const el = host && host.shadowRoot.activeElement;
              return el ? el.className || el.tagName : null;
            }"""
        )


@pytest.fixture
def school(new_tab: Any, host_site: HostSite) -> ChatPage:
    """A desktop browser tab (the conftest's recording tab), nothing open yet."""
    return new_tab(host_site.allowed)


def _advisor_requests(page: Any, advisor: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.startswith(advisor) else None)
    return seen


def test_widget_answers_on_an_allowed_site_and_keeps_the_conversation(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    host_site.put(
        "page1",
        host_page(server_url, head=strict_csp(server_url), title=TITLE, color=YELLOW, lang="fr"),
    )
    host_site.put("page2", host_page(server_url, head=strict_csp(server_url), title=TITLE))
    widget = Widget(school)
    requests = _advisor_requests(school.page, server_url)
    widget.goto(f"{host_site.allowed}/page1")

    # Nothing but widget.js is fetched before the student asks for the panel.
    school.page.wait_for_load_state("load")
    assert [r for r in requests if "/widget.js" not in r] == []
    assert widget.launcher.inner_text().strip() == TITLE
    assert widget.launcher.get_attribute("aria-expanded") == "false"
    school.screenshot("widget-closed")

    frame = widget.open()
    assert widget.launcher.get_attribute("aria-expanded") == "true"
    assert frame.locator("h1").inner_text().strip() == TITLE
    # The focus went into the panel, on the question box.
    frame.wait_for_function("() => document.activeElement.id === 'question'")

    response, answer = widget.ask(SALARY_QUESTION)
    assert response.status == 200
    session = response.request.headers.get("x-advisor-session", "")
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", session), session
    quotes = answer.locator("blockquote")
    quotes.first.wait_for(state="visible")
    assert any(SALARY_FIGURE.search(t) for t in quotes.all_inner_texts()), answer.inner_text()
    assert answer.locator("figcaption").first.inner_text().strip()
    school.screenshot("widget-desktop-answer")

    # The school's strict CSP was respected, nothing failed, no cookie anywhere.
    school.assert_clean()
    assert school.page.context.cookies() == []

    # The student follows a link of the school's site: the panel comes back, open, with the
    # conversation, and the same anonymous session, without asking the advisor again.
    chats_before = len([r for r in requests if r.endswith("/api/chat")])
    school.page.locator("nav a").click()
    school.page.wait_for_url(f"{host_site.allowed}/page2")
    widget.launcher.wait_for(state="visible")
    widget.wait_ready()
    thread = widget.frame.locator("#thread")
    assert SALARY_QUESTION in thread.locator(".message--student").first.inner_text()
    assert thread.locator("blockquote").count() >= 1
    assert len([r for r in requests if r.endswith("/api/chat")]) == chats_before
    again, _ = widget.ask("Et pour un débutant ?")
    assert again.request.headers.get("x-advisor-session") == session
    assert again.request.post_data_json["history"] == [SALARY_QUESTION]
    school.screenshot("widget-after-navigation")
    school.assert_clean()
    assert school.page.context.cookies() == []


def test_keyboard_opens_and_escape_closes_back_to_the_launcher(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    host_site.put("keyboard", host_page(server_url))
    widget = Widget(school).goto(f"{host_site.allowed}/keyboard")
    page = school.page
    for _ in range(10):
        page.keyboard.press("Tab")
        if widget.focused_in_shadow() == "launcher":
            break
    else:
        pytest.fail("Tab never reached the launcher")
    outline = widget.launcher.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none", "the launcher's focus is not visible"

    page.keyboard.press("Enter")
    frame = widget.wait_ready()
    frame.wait_for_function("() => document.activeElement.id === 'question'")
    page.keyboard.type("Bonjour")
    assert frame.locator("#question").input_value() == "Bonjour"

    page.keyboard.press("Escape")  # pressed inside the panel's own page
    widget.panel.wait_for(state="hidden")
    assert widget.launcher.get_attribute("aria-expanded") == "false"
    assert widget.focused_in_shadow() == "launcher"
    assert page.evaluate("document.activeElement.tagName") == "ADVISOR-WIDGET"

    page.keyboard.press("Enter")  # open again: what was typed is still there
    widget.panel.wait_for(state="visible")
    frame.wait_for_function("() => document.activeElement.id === 'question'")
    assert frame.locator("#question").input_value() == "Bonjour"
    frame.locator("#close-panel").click()
    widget.panel.wait_for(state="hidden")
    assert widget.focused_in_shadow() == "launcher"
    school.assert_clean()


def test_a_site_not_allowed_gets_no_answer_and_the_widget_says_so(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    host_site.put("intruder", host_page(server_url, title=TITLE))
    widget = Widget(school)
    requests = _advisor_requests(school.page, server_url)
    widget.goto(f"{host_site.other}/intruder")
    widget.launcher.click()

    message = widget.status.locator("p")
    message.wait_for(state="visible")
    widget.status.locator("button.retry").wait_for(state="visible")
    assert "pas joignable depuis ce site" in message.inner_text()
    # The browser refused to show the advisor's page inside this site...
    school.page.wait_for_timeout(300)
    assert widget.frame.locator("#question").count() == 0
    assert not any(r.endswith("/api/chat") for r in requests)
    # ...and the API answers no script of this site (CORS), while it does answer the allowed one.
    fetch = """async (url) => {
      try {
        const r = await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                    body: JSON.stringify({message: 'Salaire ?'})});
        return (await r.json()).answer ? 'answered' : 'no answer';
      } catch (e) { return 'refused'; }
    }"""
    assert school.page.evaluate(fetch, f"{server_url}/api/chat") == "refused"
    school.screenshot("widget-not-allowed")

    school.page.goto(f"{host_site.allowed}/intruder")
    assert school.page.evaluate(fetch, f"{server_url}/api/chat") == "answered"
    # The browser logs the refused frame and fetch itself; nothing else may go wrong.
    assert school.page_errors == [] and school.dialogs == []


ALL_COMPUTED = """e => { const s = getComputedStyle(e);
  return Array.from(s, (p) => p + ':' + s.getPropertyValue(p)).join(';'); }"""


def _panel_png(widget: Widget) -> bytes:
    # Playwright hides the text caret; animations are stopped so two renders can be compared.
    return widget.panel.screenshot(animations="disabled")


def _pixel_difference(page: Any, first: bytes, second: bytes) -> dict[str, int]:
    """Compare two PNGs pixel by pixel in the browser's canvas (no imaging library needed)."""
    return page.evaluate(
        """async ([a, b]) => {
          const load = async (data) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
            return ctx.getImageData(0, 0, img.width, img.height);
          };
          const [x, y] = [await load(a), await load(b)];
          if (x.width !== y.width || x.height !== y.height)
            return {width: x.width, other_width: y.width, differing: -1};
          // The panel's rounded corners let the page behind show through: skip them.
          const r = 16, w = x.width, h = x.height;
          let differing = 0;
          for (let i = 0; i < x.data.length; i += 4) {
            const px = (i / 4) % w, py = Math.floor(i / 4 / w);
            if ((px < r || px >= w - r) && (py < r || py >= h - r)) continue;
            if (Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i+1] - y.data[i+1]) +
                Math.abs(x.data[i+2] - y.data[i+2]) > 24) differing += 1;
          }
          return {width: x.width, other_width: y.width, differing, total: x.data.length / 4};
        }""",
        [base64.b64encode(first).decode(), base64.b64encode(second).decode()],
    )


def test_hostile_host_css_leaves_the_widget_intact(
    new_tab: Any, server_url: str, host_site: HostSite
) -> None:
    host_site.put("plain", host_page(server_url, title=TITLE))
    host_site.put(
        "hostile", host_page(server_url, head=f"<style>{HOSTILE_CSS}</style>", title=TITLE)
    )
    looks: dict[str, Any] = {}
    for name in ("plain", "hostile"):
        chat = new_tab(host_site.allowed)
        widget = Widget(chat).goto(f"{host_site.allowed}/{name}")
        school_button = chat.page.locator(".school-button")
        before = school_button.evaluate(ALL_COMPUTED)
        sheets_before = chat.page.evaluate("document.styleSheets.length")
        launcher_box = widget.launcher.bounding_box()
        launcher_style = widget.launcher.evaluate(
            """e => { const s = getComputedStyle(e);
                      return [s.display, s.fontSize, s.fontStyle, s.color, s.backgroundColor,
                              s.textTransform, s.visibility, s.opacity, s.position]; }"""
        )
        frame = widget.open()
        frame.locator("#question").evaluate("e => e.blur()")
        panel_box = widget.panel.bounding_box()
        frame_box = chat.page.locator("advisor-widget iframe").bounding_box()
        inside = frame.evaluate(
            """() => { const s = getComputedStyle(document.querySelector('#welcome-text'));
                       return [s.fontSize, s.fontStyle, s.color, s.textTransform]; }"""
        )
        png = _panel_png(widget)
        chat.screenshot(f"widget-host-css-{name}")
        # The widget changed nothing of the school's page: no stylesheet, no restyling.
        assert chat.page.evaluate("document.styleSheets.length") == sheets_before
        assert school_button.evaluate(ALL_COMPUTED) == before
        looks[name] = {
            "launcher_box": launcher_box,
            "launcher_style": launcher_style,
            "panel_box": panel_box,
            "frame_box": frame_box,
            "inside": inside,
            "png": png,
        }
        if name == "hostile":
            diff = _pixel_difference(chat.page, looks["plain"]["png"], png)
            assert diff["differing"] == 0, diff
        chat.assert_clean()

    plain, hostile = looks["plain"], looks["hostile"]
    for key in ("launcher_box", "launcher_style", "panel_box", "frame_box", "inside"):
        assert hostile[key] == plain[key], key
    assert plain["launcher_style"][0] == "flex" and plain["launcher_style"][1] == "16px"
    assert plain["frame_box"]["width"] > 300 and plain["frame_box"]["height"] > 500


def test_phone_screen_panel_takes_the_whole_screen(
    new_tab: Any, server_url: str, host_site: HostSite
) -> None:
    host_site.put("phone", host_page(server_url, title=TITLE, position="left"))
    chat = new_tab(
        host_site.allowed,
        viewport={"width": 360, "height": 640},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    widget = Widget(chat).goto(f"{host_site.allowed}/phone")
    box = widget.launcher.bounding_box()
    assert box is not None and box["x"] < 180, "data-position=left puts it on the left"
    chat.screenshot("widget-phone-closed")
    frame = widget.open()
    panel = widget.panel.bounding_box()
    assert panel == {"x": 0, "y": 0, "width": 360, "height": 640}
    _response, answer = widget.ask(SALARY_QUESTION)
    answer.locator("blockquote").first.wait_for(state="visible")
    assert frame.evaluate("document.documentElement.scrollWidth") <= 360
    close = frame.locator("#close-panel")
    assert close.is_visible()
    chat.screenshot("widget-phone-answer")
    close.click()
    widget.panel.wait_for(state="hidden")
    assert widget.launcher.is_visible()
    chat.assert_clean()


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n.get("target", [""])[0]) for n in v.get("nodes", [])[:3])
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def test_axe_finds_no_serious_accessibility_problem(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    host_site.put("axe", host_page(server_url, title=TITLE, color=YELLOW))
    widget = Widget(school).goto(f"{host_site.allowed}/axe")
    axe = Axe()
    # The launcher, in the school's page (axe reads open shadow roots).
    closed = axe.run(
        school.page,
        context={"include": [["advisor-widget"]]},
        options={"resultTypes": ["violations"], "iframes": False},
    )
    assert _serious(closed.response["violations"]) == []

    frame = widget.open()
    _response, answer = widget.ask(SALARY_QUESTION)
    answer.locator("blockquote").first.wait_for(state="visible")
    panel = axe.run(frame)
    problems = _serious(panel.response["violations"])
    assert problems == [], "\n".join(problems)
    opened = axe.run(
        school.page,
        context={"include": [["advisor-widget"]]},
        options={"resultTypes": ["violations"], "iframes": False},
    )
    assert _serious(opened.response["violations"]) == []


def test_a_student_over_the_rate_limit_is_told_kindly(
    school: ChatPage, limited_server_url: str, host_site: HostSite
) -> None:
    host_site.put("limited", host_page(limited_server_url, title=TITLE))
    widget = Widget(school).goto(f"{host_site.allowed}/limited")
    widget.open()
    for _ in range(2):  # the limit is 2 a minute
        response, _answer = widget.ask(SALARY_QUESTION)
        assert response.status == 200
    response, error = widget.ask(SALARY_QUESTION)
    assert response.status == 429
    assert int(response.headers["retry-after"]) > 0
    assert "message--error" in (error.get_attribute("class") or "")
    text = error.inner_text()
    assert "beaucoup de questions" in text and "secondes" in text, text
    assert error.locator("button.retry").is_visible()
    school.screenshot("widget-rate-limited")
    # The browser logs the 429 itself; nothing else may go wrong.
    assert school.page_errors == [] and school.csp_violations() == []


def test_advisor_down_is_said_kindly_and_can_be_retried(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    host_site.put("down", host_page(server_url, title=TITLE))
    context = school.page.context
    widget = Widget(school).goto(f"{host_site.allowed}/down")

    # The advisor cannot be reached when the student opens the panel.
    context.route(re.compile(r".*/embed\?.*"), lambda route: route.abort("connectionrefused"))
    widget.launcher.click()
    widget.status.locator("button.retry").wait_for(state="visible")
    assert "pas joignable" in widget.status.inner_text()
    school.screenshot("widget-advisor-down")

    # It is back: "Réessayer" brings the panel.
    context.unroute(re.compile(r".*/embed\?.*"))
    widget.status.locator("button.retry").click()
    widget.wait_ready()

    # It goes down while the panel is open: the question gets a kind message, not a hang.
    context.route(re.compile(r".*/api/chat$"), lambda route: route.abort("connectionrefused"))
    widget.frame.locator("#question").fill(SALARY_QUESTION)
    widget.frame.locator("#question").press("Enter")
    error = widget.frame.locator("#thread > .message--error")
    error.wait_for(state="visible")
    assert "réessaie dans un instant" in error.inner_text()
    assert school.page_errors == []


def test_demo_page_shows_the_snippet_it_runs(chat: ChatPage, server_url: str) -> None:
    page = chat.page
    page.goto(f"{server_url}/demo")
    shown = page.locator("pre.snippet").inner_text().strip()
    running = page.evaluate("document.querySelector('script[src$=\"/widget.js\"]').outerHTML")
    assert shown == running.replace('=""', "")
    assert shown.startswith(f'<script src="{server_url}/widget.js"')
    widget = Widget(chat)
    widget.launcher.wait_for(state="visible")
    widget.open()
    chat.screenshot("widget-demo")
    chat.assert_clean()


def test_a_slow_advisor_is_said_kindly_instead_of_hanging(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    """Requests held by the browser (never answered): the panel speaks up, then gives up.
    The page's clock is Playwright's, moved on by hand: the waits the widget and the chat page
    make before speaking up (4, 8 and 12 s) took 20 s of the suite."""
    host_site.put("slow", host_page(server_url, title=TITLE))
    context = school.page.context
    context.clock.install()
    widget = Widget(school).goto(f"{host_site.allowed}/slow")
    held: list[Any] = []
    embed = re.compile(r".*/embed\?.*")
    context.route(embed, lambda route: held.append(route))
    widget.launcher.click()
    message = widget.status.locator("p")
    school.page.clock.run_for(4_500)
    school.page.wait_for_function(
        "() => document.querySelector('advisor-widget').shadowRoot"
        ".querySelector('.status p').textContent.includes('met du temps')"
    )
    school.page.clock.run_for(8_000)
    widget.status.locator("button.retry").wait_for(state="visible", timeout=5_000)
    assert "pas joignable" in message.inner_text()
    assert held, "the panel's page was requested"
    for route in held:
        route.abort()
    context.unroute(embed)
    widget.status.locator("button.retry").click()
    widget.wait_ready()

    # A question the advisor takes long to answer: "slow" first, then the answer.
    held.clear()
    chat = re.compile(r".*/api/chat$")
    context.route(chat, lambda route: held.append(route))
    widget.frame.locator("#question").fill(SALARY_QUESTION)
    widget.frame.locator("#question").press("Enter")
    loading = widget.frame.locator("#thread .message--loading")
    loading.wait_for()
    school.page.clock.run_for(8_500)
    loading.get_by_text("lent en ce moment").wait_for(timeout=5_000)
    held[0].continue_()
    context.unroute(chat)
    widget.answers().first.locator("blockquote").first.wait_for(state="visible")
    assert loading.count() == 0
    school.screenshot("widget-slow-then-answered")
    assert school.page_errors == []


def test_the_widget_sends_its_pages_job_and_language(
    school: ChatPage, server_url: str, host_site: HostSite
) -> None:
    # A Dutch school page about one job: "hoi" is answered in Dutch, about that job.
    host_site.put("job", host_page(server_url, lang="nl", profile="responsable-de-production"))
    widget = Widget(school)
    widget.goto(f"{host_site.allowed}/job")
    widget.open()
    response, answer = widget.ask("hoi")
    sent = response.request.post_data_json
    assert sent["profile"] == "responsable-de-production"
    assert sent["interface_language"] == "nl"
    assert response.json()["language"] == "nl"
    assert answer.locator(".answer-lead").inner_text().startswith("Hallo")
    school.assert_clean()
