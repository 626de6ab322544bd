"""Help choosing, in the real browser over the many-jobs knowledge (the seed and the fictitious
fixture profiles): two jobs side by side (stacked on a phone), the jobs that fit with a chip
each, the list of the jobs known; on the chat page and in the widget; axe finds nothing
serious."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

ChatPage = Any  # tests/e2e/conftest.py::ChatPage
HostSite = Any

pytestmark = pytest.mark.e2e

COMPARE = "cuisinier ou électricien, qui gagne le plus ?"
EXPLORE = "je voudrais un métier où je peux dessiner et être créatif"
BROWSE = "quels métiers tu connais ?"
PHONE = {
    "viewport": {"width": 390, "height": 800},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def _serious(page_or_frame: Any) -> list[str]:
    result = Axe().run(page_or_frame)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in result.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def _columns(answer: Any) -> list[dict[str, float]]:
    cells = answer.locator(".compare-column")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(box is not None for box in boxes)
    return boxes  # type: ignore[return-value]


def _check_comparison(data: dict[str, Any], answer: Any) -> None:
    """Each job's column, named, in the order asked, its answering sentence marked."""
    assert data["kind"] == "compare"
    names = [c["job"] for c in data["columns"]]
    assert names == ["Cuisinier / Cuisinière", "Electrician"]
    assert answer.locator(".compare-job").all_inner_texts() == names
    for index, column in enumerate(data["columns"]):
        cell = answer.locator(".compare-column").nth(index)
        assert column["passage"]["highlight"].strip() in cell.locator("mark").inner_text()
        assert column["passage"]["section"] in cell.locator(".quote-section").inner_text()


def test_a_comparison_is_shown_side_by_side_with_each_job_named(
    new_tab: Any, many_jobs_server_url: str
) -> None:
    chat = new_tab(many_jobs_server_url).open()
    data, answer = chat.ask(COMPARE)
    _check_comparison(data, answer)
    first, second = _columns(answer)
    assert abs(first["y"] - second["y"]) < 2 and second["x"] >= first["x"] + first["width"]
    chat.screenshot("choose-compare-desktop")
    assert _serious(chat.page) == []
    chat.assert_clean()


def test_on_a_phone_the_jobs_compared_are_stacked(new_tab: Any, many_jobs_server_url: str) -> None:
    chat = new_tab(many_jobs_server_url, **PHONE).open()
    data, answer = chat.ask(COMPARE)
    _check_comparison(data, answer)
    first, second = _columns(answer)
    assert second["y"] >= first["y"] + first["height"]
    assert chat.page.evaluate("document.documentElement.scrollWidth") <= 390
    chat.screenshot("choose-compare-phone")
    chat.assert_clean()


def test_an_exploration_offers_a_chip_per_job_that_asks_about_it(
    new_tab: Any, many_jobs_server_url: str
) -> None:
    chat = new_tab(many_jobs_server_url).open()
    data, answer = chat.ask(EXPLORE)
    assert data["kind"] == "explore"
    titles = [job["title"] for job in data["jobs"]]
    chips = answer.locator(".job-chips .chip")
    assert chips.all_inner_texts() == titles and 1 <= len(titles) <= 3
    assert answer.locator("figure.quote").count() == len(titles)
    chat.screenshot("choose-explore-desktop")
    assert _serious(chat.page) == []
    # The first job's chip asks about that job, and the answer quotes its profile.
    before = chat.answers.count()
    with chat.page.expect_response(chat.is_chat_response) as info:
        chips.first.click()
    asked = info.value.json()
    chat.wait_for_answer(before)
    assert asked["kind"] == "answer"
    assert {p["profile_id"] for p in asked["passages"]} == {data["jobs"][0]["profile_id"]}
    chat.assert_clean()


def test_the_list_of_jobs_shows_every_job_as_a_chip(
    new_tab: Any, many_jobs_server_url: str
) -> None:
    chat = new_tab(many_jobs_server_url).open()
    data, answer = chat.ask(BROWSE)
    assert data["kind"] == "browse"
    assert answer.locator(".job-list .chip").all_inner_texts() == [
        job["title"] for job in data["jobs"]
    ]
    assert len(data["jobs"]) == len(chat.page.locator("#profiles .profile").all())
    chat.screenshot("choose-browse-desktop")
    assert _serious(chat.page) == []
    chat.assert_clean()


def _widget_page(server: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>École</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="{server}/widget.js" data-title="Conseiller" async></script></head>
<body><main><h1>Orientation</h1></main></body></html>"""


def _widget_ask(page: Any, text: str) -> tuple[dict[str, Any], Any]:
    frame = page.frame_locator("advisor-widget iframe")
    frame.locator("#starter-chips .chip").first.wait_for(state="visible")
    answers = frame.locator("#thread > .message--advisor:not(.message--loading)")
    before = answers.count()
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as info:
        frame.locator("#question").fill(text)
        frame.locator("#question").press("Enter")
    answer = answers.nth(before)
    answer.wait_for(state="visible")
    return info.value.json(), answer


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_widget_shows_a_comparison_and_the_jobs_known(
    new_tab: Any, many_jobs_server_url: str, host_site: HostSite, phone: bool
) -> None:
    host_site.put("choose", _widget_page(many_jobs_server_url))
    school = new_tab(host_site.allowed, **(PHONE if phone else {}))
    school.page.goto(f"{host_site.allowed}/choose")
    school.page.locator("advisor-widget .launcher").click()
    data, answer = _widget_ask(school.page, COMPARE)
    _check_comparison(data, answer)
    first, second = _columns(answer)
    if phone:
        assert second["y"] >= first["y"] + first["height"]
    else:
        assert abs(first["y"] - second["y"]) < 2
    school.screenshot(f"choose-widget-compare-{'phone' if phone else 'desktop'}")
    listed, answer = _widget_ask(school.page, BROWSE)
    assert answer.locator(".job-list .chip").count() == len(listed["jobs"]) > 1
    frame = school.page.locator("advisor-widget iframe").element_handle().content_frame()
    assert _serious(frame) == []
    school.assert_clean()
