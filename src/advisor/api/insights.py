"""What students ask, for staff: the page ``/admin/insights``, its CSV export, and the JSON of
``/admin/api/unanswered`` and ``/admin/api/stats``. Same token as the other admin routes (401
without it, 403 when wrong); the page itself wants a logged-in session.

The numbers come from the core (:mod:`advisor.insights.report`); this module only shapes them:
JSON, CSV, and the bars of the per-day chart drawn as SVG by the template (no script, no CDN).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

from advisor.advisor import Advisor
from advisor.api.admin import profiles_overview, require_admin
from advisor.api.admin_auth import Session
from advisor.api.contract import ADMIN_ERRORS, error_responses
from advisor.api.services import advisor_of, grouper_of, recorder_of
from advisor.api.staff_page import (
    folder_of,
    login_page,
    render,
    session_of,
    staff_post,
    text_of,
)
from advisor.index.chunk_table import chunks_by_id
from advisor.insights.database import DayCount, Entry, GroupCount, InsightsUnavailable, iso
from advisor.insights.marks import MarkKind, QuestionMark, marks_of
from advisor.insights.recorder import Recorder
from advisor.insights.report import (
    InsightsReport,
    UnansweredQuestion,
    build_report,
    period_start,
)
from advisor.text.topics import load_topics

__all__ = ["pages", "api", "ChartBar", "chart_bars", "csv_cell"]

pages = APIRouter(prefix="/admin", include_in_schema=False)
api = APIRouter(
    prefix="/admin/api",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    # 404: the log is off (ADVISOR_LOG=off); 503: its database cannot be read now.
    responses=error_responses(*ADMIN_ERRORS, 404, 503),
)

DEFAULT_DAYS = 30
PERIODS = (7, 30, 90)
Days = Query(DEFAULT_DAYS, ge=1, le=3650, description="The last N days (UTC), today included.")
LOG_OFF = (
    "The question log is off (ADVISOR_LOG=off): nothing is stored, so there is nothing to show."
)
_CSV_COLUMNS = (
    "asked_at",
    "question",
    "language",
    "kind",
    "abstained",
    "topic",
    "profile_id",
    "top_score",
    "passage_ids",
    "answer_ms",
    "helpful",
    "comment",
    "voted_at",
)
# A cell a spreadsheet would run as a formula: a student's text must never be one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------- helpers


def _recorder(request: Request) -> Recorder | None:
    recorder: Recorder | None = recorder_of(request)
    if recorder is not None:
        recorder.wait_ready()
    return recorder


def _unavailable(error: InsightsUnavailable) -> JSONResponse:
    return JSONResponse({"error": f"The question log cannot be read now: {error}"}, 503)


def _unanswered_json(question: UnansweredQuestion) -> dict[str, Any]:
    return {
        "text": question.text,
        "count": question.count,
        "last_asked": iso(question.last_asked),
        "language": question.language,
        "variants": list(question.variants),
    }


def _group_json(group: GroupCount) -> dict[str, Any]:
    return {**asdict(group), "key": group.key or "none"}


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def stats_json(report: InsightsReport, recorder: Recorder) -> dict[str, Any]:
    totals = report.totals
    status = recorder.status()
    return {
        "days": report.days,
        "since": iso(report.since),
        "questions": totals.questions,
        "abstained": totals.abstained,
        "abstention_rate": _rate(totals.abstained, totals.questions),
        "small_talk": totals.small_talk,
        "helpful": totals.helpful,
        "not_helpful": totals.not_helpful,
        "per_day": [asdict(day) for day in report.per_day],
        "topics": [_group_json(g) for g in report.topics],
        "languages": [_group_json(g) for g in report.languages],
        "log": {
            "store": status.store,
            "queued": status.queued,
            "written": status.written,
            "dropped": status.dropped,
            "failing": status.failing,
            "last_error": status.last_error,
            "keep_days": recorder.keep_days,
        },
    }


@dataclass(frozen=True)
class ChartBar:
    """One day of the chart: two stacked bars (answered below, unanswered above)."""

    day: str
    label: str | None  # shown under some bars only
    x: float
    width: float
    answered_y: float
    answered_height: float
    abstained_y: float
    abstained_height: float
    questions: int
    abstained: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    top: int
    bottom: float
    left: int
    ticks: list[tuple[float, int]]  # (y, value)
    bars: list[ChartBar]


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10^n at least ``value`` (at least 4, so ticks are whole)."""
    ceiling = 4
    for scale in (1, 10, 100, 1000, 10_000, 100_000, 1_000_000):
        for step in (1, 2, 4, 5, 8):
            if step * scale >= value:
                return max(ceiling, step * scale)
    return max(ceiling, value)


def chart_bars(days: list[DayCount], width: int = 760, height: int = 220) -> Chart:
    """The per-day chart's geometry, for the template's SVG."""
    left, right, top, below = 44, 8, 12, 28
    plot_w, plot_h = width - left - right, height - top - below
    peak = _nice_ceiling(max((d.questions for d in days), default=0))
    slot = plot_w / max(len(days), 1)
    gap = min(slot * 0.2, 6)
    every = max(1, round(len(days) / 8))
    bars = []
    for index, day in enumerate(days):
        answered = day.questions - day.abstained
        answered_h = plot_h * answered / peak
        abstained_h = plot_h * day.abstained / peak
        base = top + plot_h
        label = day.day[8:10] + "/" + day.day[5:7] if index % every == 0 else None
        bars.append(
            ChartBar(
                day=day.day,
                label=label,
                x=round(left + index * slot + gap / 2, 2),
                width=round(max(slot - gap, 1), 2),
                answered_y=round(base - answered_h, 2),
                answered_height=round(answered_h, 2),
                abstained_y=round(base - answered_h - abstained_h, 2),
                abstained_height=round(abstained_h, 2),
                questions=day.questions,
                abstained=day.abstained,
            )
        )
    ticks = [(round(top + plot_h - plot_h * f, 2), int(peak * f)) for f in (0, 0.25, 0.5, 0.75, 1)]
    return Chart(width, height, top, top + plot_h, left, ticks, bars)


def _passages(advisor: Advisor, entry: Entry) -> list[dict[str, Any]]:
    """The passages a voted answer quoted, from the index served (a passage changed since
    is named by its id only)."""
    chunks = chunks_by_id(advisor.index.chunks, entry.answer.passage_ids)
    found = []
    for chunk_id in entry.answer.passage_ids:
        chunk = chunks.get(chunk_id)
        if chunk is None:
            found.append({"id": chunk_id, "missing": True})
        else:
            found.append(
                {
                    "id": chunk_id,
                    "missing": False,
                    "section": chunk.section,
                    "profile": chunk.profile_title,
                    "text": chunk.text,
                    "language": chunk.language,
                }
            )
    return found


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_rows(entries: Iterator[Entry]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_CSV_COLUMNS)
    for entry in entries:
        a, vote = entry.answer, entry.vote
        row = (
            iso(a.asked_at),
            a.question,
            a.language,
            a.kind,
            int(a.abstained),
            a.topic,
            a.profile_id,
            a.top_score,
            " ".join(a.passage_ids),
            a.answer_ms,
            None if vote is None else int(vote.helpful),
            None if vote is None else vote.comment,
            None if vote is None else iso(vote.given_at),
        )
        writer.writerow([csv_cell(value) for value in row])
        if buffer.tell() > 64 * 1024:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# ----------------------------------------------------------------- routes


@pages.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, days: int = Days) -> Response:
    """Questions per day, abstentions, the unanswered questions, the answers voted "pas utile"."""
    session = session_of(request)
    if session is None or not session.admin:
        return login_page(request, None, 401, next_path="/admin/insights")
    recorder = _recorder(request)
    context: dict[str, Any] = {"days": days, "periods": PERIODS, "log_off": recorder is None}
    if recorder is None:
        return render(request, "insights.html", session, context)
    advisor: Advisor = advisor_of(request)
    t = text_of(request)
    try:
        report = build_report(recorder.store, grouper_of(request), days)
    except InsightsUnavailable as error:
        context["error"] = t("insights.unreadable", reason=str(error))
        return render(request, "insights.html", session, context, 503)
    context.update(
        report=report,
        unanswered=_unanswered_rows(request, report.unanswered),
        answerable=profiles_overview(advisor, t.language),
        rate=report.abstention_rate,
        status=recorder.status(),
        keep_days=recorder.keep_days,
        chart=chart_bars(report.per_day),
        topic_names={topic.name: topic.labels[t.language] for topic in load_topics()},
        not_helpful=[(entry, _passages(advisor, entry)) for entry in report.not_helpful],
    )
    return render(request, "insights.html", session, context)


def _unanswered_rows(
    request: Request, questions: list[UnansweredQuestion]
) -> list[tuple[UnansweredQuestion, QuestionMark | None]]:
    """Each unanswered question with what staff made of it; dismissed ones are left out."""
    marks = marks_of(folder_of(request).path)
    rows = [(question, marks.of(question.variants)) for question in questions]
    return [(q, mark) for q, mark in rows if mark is None or mark.kind is MarkKind.ANSWERED]


@pages.post("/insights/dismiss", response_class=HTMLResponse)
async def dismiss_question(request: Request) -> Response:
    """Staff say an unanswered question is no gap in the knowledge: it leaves the list."""
    post = await staff_post(request, _refused)
    if isinstance(post, Response):
        return post
    question = (post.field("question") or "").strip()
    if not question:
        return _refused(request, post.session, str(text_of(request)("error.form_unreadable")), 422)
    marks_of(folder_of(request).path).mark(question[:1000], MarkKind.DISMISSED)
    days = post.field("days") or str(DEFAULT_DAYS)
    back = f"/admin/insights?days={days}" if days.isdigit() else "/admin/insights"
    return RedirectResponse(back, status_code=303)


def _refused(request: Request, session: Session, message: str, status: int) -> Response:
    return render(request, "message.html", session, {"error": message}, status)


@pages.get("/insights.csv", dependencies=[Depends(require_admin)])
def insights_csv(request: Request, days: int = Days) -> Response:
    """Every logged answer of the period, oldest first, one row each."""
    recorder = _recorder(request)
    if recorder is None:
        return JSONResponse({"error": LOG_OFF}, 404)
    since = period_start(days)
    entries = recorder.store.entries(since)
    try:
        first = next(entries, None)  # fail now, with a status, rather than mid-download
    except InsightsUnavailable as error:
        return _unavailable(error)

    def rows() -> Iterator[Entry]:
        if first is not None:
            yield first
            yield from entries

    name = f"advisor-questions-{since.date().isoformat()}-{days}d.csv"
    return StreamingResponse(
        _csv_rows(rows()),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@api.get("/unanswered")
def unanswered(
    request: Request, days: int = Days, limit: int = Query(50, ge=1, le=500)
) -> Response:
    """The questions the advisor could not answer, near-duplicates merged, most asked first."""
    recorder = _recorder(request)
    if recorder is None:
        return JSONResponse({"error": LOG_OFF}, 404)
    since = period_start(days)
    try:
        questions = recorder.store.abstentions(since)
    except InsightsUnavailable as error:
        return _unavailable(error)
    merged = grouper_of(request).group(questions, limit)
    return JSONResponse(
        {"days": days, "since": iso(since), "questions": [_unanswered_json(q) for q in merged]}
    )


@api.get("/stats")
def stats(request: Request, days: int = Days) -> Response:
    """Questions, abstentions and votes of the period: in all, per day, topic and language."""
    recorder = _recorder(request)
    if recorder is None:
        return JSONResponse({"error": LOG_OFF}, 404)
    try:
        report = build_report(recorder.store, grouper_of(request), days, unanswered_limit=0)
    except InsightsUnavailable as error:
        return _unavailable(error)
    return JSONResponse(stats_json(report, recorder))
