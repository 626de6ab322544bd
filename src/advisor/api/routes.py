"""/api/chat, /api/health and /api/profiles."""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict

from fastapi import APIRouter, HTTPException, Request

from advisor.answering.compose import Answer, Passage
from advisor.api.schemas import (
    ChatRequest,
    ChatResponse,
    ColumnOut,
    ErrorOut,
    HealthOut,
    JobOut,
    PassageOut,
    ProfileOut,
    RateLimitsOut,
)
from advisor.api.services import AdvisorDep, RecorderDep, services_of
from advisor.insights.database import utc_now
from advisor.insights.recorder import logged_answer

__all__ = ["router", "answer_to_response", "new_answer_id", "passage_out"]

router = APIRouter(prefix="/api")
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut},
    413: {"model": ErrorOut},
    422: {"model": ErrorOut},
    429: {"model": ErrorOut, "description": "Too many questions; see the Retry-After header."},
}


def new_answer_id() -> str:
    """Random, one per answer served (a cached answer served twice gets two): it says nothing
    about the student, and cannot be guessed to vote on another's answer."""
    return uuid.uuid4().hex


def passage_out(passage: Passage) -> PassageOut:
    chunk = passage.chunk
    return PassageOut(
        text=chunk.text,
        profile=chunk.profile_title,
        profile_id=chunk.profile_id,
        section=chunk.section,
        topic=chunk.topic,
        score=round(passage.score, 4),
        source=chunk.source,
        language=chunk.language,
        highlight=passage.highlight,
    )


def answer_to_response(answer: Answer, answer_id: str) -> ChatResponse:
    return ChatResponse(
        id=answer_id,
        answer=answer.text,
        abstained=answer.abstained,
        language=answer.language,
        passages=[passage_out(p) for p in answer.passages],
        suggestions=list(answer.suggestions),
        kind=answer.kind,
        reason=answer.reason,
        columns=[
            ColumnOut(
                job=c.job,
                profile_id=c.profile_id,
                passage=passage_out(c.passage) if c.passage else None,
                note=c.note,
            )
            for c in answer.columns
        ],
        jobs=[
            JobOut(profile_id=j.profile_id, title=j.title, sector=j.sector, question=j.question)
            for j in answer.jobs
        ],
    )


# The rate limit (429) is ratelimit.RateLimitMiddleware, before the body is even read.
@router.post("/chat", response_model=ChatResponse, responses=_ERRORS)
def chat(body: ChatRequest, advisor: AdvisorDep, recorder: RecorderDep) -> ChatResponse:
    """Answer a student's question with quoted passages of the career profiles."""
    started = time.perf_counter()
    asked_at = utc_now()
    limits = advisor.settings
    message = body.message.strip()
    if not message:
        raise HTTPException(422, "The message is empty: type a question.")
    if len(body.message) > limits.max_message_chars:
        raise HTTPException(
            422,
            f"The message is too long ({len(body.message)} characters; "
            f"at most {limits.max_message_chars}).",
        )
    if len(body.history) > limits.max_history:
        raise HTTPException(
            422, f"The history has {len(body.history)} messages; at most {limits.max_history}."
        )
    if any(len(item) > limits.max_message_chars for item in body.history):
        raise HTTPException(
            422, f"A history message is longer than {limits.max_message_chars} characters."
        )
    history = [h for h in body.history if h.strip()]
    answer = advisor.ask(message, history, body.language, body.profile, body.interface_language)
    answer_id = new_answer_id()
    if recorder is not None:
        # Only a put in a queue: the database is written by another thread.
        elapsed_ms = (time.perf_counter() - started) * 1000
        recorder.record(logged_answer(answer_id, message, answer, elapsed_ms, asked_at))
    return answer_to_response(answer, answer_id)


@router.get("/health", response_model=HealthOut)
def health(request: Request, advisor: AdvisorDep, recorder: RecorderDep) -> HealthOut:
    """Is the advisor up, which index does it serve, and do its rate limits count?"""
    facts = advisor.facts()
    limits = services_of(request).rate_limiter.storage.health()
    return HealthOut(
        status="ok",
        built_at=facts.built_at,
        chunk_count=facts.chunk_count,
        profiles=facts.profiles,
        models=list(facts.models),
        feedback=recorder is not None,
        rate_limits=RateLimitsOut(**asdict(limits)),
    )


@router.get("/profiles", response_model=list[ProfileOut])
def profiles(advisor: AdvisorDep) -> list[ProfileOut]:
    """The profiles the advisor quotes, by title: for pages and widgets to list or link."""
    return [
        ProfileOut(
            id=p.profile_id,
            title=p.title,
            language=p.language,
            sector=p.sector,
            topics=list(advisor.topics_of(p.profile_id)),
        )
        for p in sorted(advisor.profiles, key=lambda p: p.title.casefold())
    ]
