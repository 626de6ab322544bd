"""``POST /api/feedback``: a student's "utile / pas utile" on one answer, by the answer's id.

The vote is queued like the answer it is about, so it never waits for the database either; an
answer still in the queue (or served by this replica and not written yet) is known all the same.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from advisor.api.contract import error_responses
from advisor.api.schemas import ErrorOut, FeedbackOut, FeedbackRequest
from advisor.api.services import RecorderDep
from advisor.insights.database import Vote, utc_now
from advisor.insights.recorder import redact

__all__ = ["router", "NOT_RECORDED"]

router = APIRouter(prefix="/api")

NOT_RECORDED = (
    "Votes are not recorded: this advisor runs with ADVISOR_LOG=off and stores nothing about "
    "the questions asked."
)
_REFUSALS = {
    "unknown": (
        404,
        "No answer has this id: it was never served, or it is older than ADVISOR_LOG_DAYS.",
    ),
    "voted": (409, "This answer already has a vote: one vote per answer."),
    "unavailable": (503, "The vote could not be recorded right now: try again in a moment."),
}
_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": FeedbackOut, "description": "Nothing is recorded (ADVISOR_LOG=off)."},
    **{status: {"model": ErrorOut, "description": text} for status, text in _REFUSALS.values()},
    422: {"model": ErrorOut, "description": "Wrong types, or a comment over 500 characters."},
    **error_responses(400, 413),
}


@router.post("/feedback", status_code=202, response_model=FeedbackOut, responses=_RESPONSES)
def feedback(body: FeedbackRequest, recorder: RecorderDep) -> JSONResponse:
    """Record whether an answer helped: 202 when queued (written within moments)."""
    if recorder is None:
        return JSONResponse({"recorded": False, "message": NOT_RECORDED}, status_code=200)
    comment = redact(body.comment.strip()) if body.comment and body.comment.strip() else None
    outcome = recorder.vote(Vote(body.answer_id.strip(), body.helpful, comment, utc_now()))
    if outcome != "queued":
        status, message = _REFUSALS[outcome]
        return JSONResponse({"error": message}, status_code=status)
    return JSONResponse({"recorded": True, "message": "Thank you: the vote is recorded."}, 202)
