"""/api/chat and /api/health."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from advisor.advisor import Advisor
from advisor.answering import Answer
from advisor.api.schemas import ChatRequest, ChatResponse, ErrorOut, HealthOut, PassageOut

__all__ = ["router", "answer_to_response"]

router = APIRouter(prefix="/api")
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut},
    413: {"model": ErrorOut},
    422: {"model": ErrorOut},
    429: {"model": ErrorOut, "description": "Too many questions; see the Retry-After header."},
}


def _advisor(request: Request) -> Advisor:
    advisor: Advisor = request.app.state.advisor
    return advisor


def answer_to_response(answer: Answer) -> ChatResponse:
    return ChatResponse(
        answer=answer.text,
        abstained=answer.abstained,
        language=answer.language,
        passages=[
            PassageOut(
                text=p.chunk.text,
                profile=p.chunk.profile_title,
                section=p.chunk.section,
                topic=p.chunk.topic,
                score=round(p.score, 4),
                source=p.chunk.source,
                language=p.chunk.language,
                highlight=p.highlight,
            )
            for p in answer.passages
        ],
        suggestions=list(answer.suggestions),
        kind=answer.kind,
    )


# The rate limit (429) is ratelimit.RateLimitMiddleware, before the body is even read.
@router.post("/chat", response_model=ChatResponse, responses=_ERRORS)
def chat(body: ChatRequest, request: Request) -> ChatResponse:
    """Answer a student's question with quoted passages of the career profiles."""
    advisor = _advisor(request)
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
    answer = advisor.ask(message, [h for h in body.history if h.strip()], body.language)
    return answer_to_response(answer)


@router.get("/health", response_model=HealthOut)
def health(request: Request) -> HealthOut:
    """Is the advisor up, and which index does it serve?"""
    facts = _advisor(request).facts()
    return HealthOut(
        status="ok",
        built_at=facts.built_at,
        chunk_count=facts.chunk_count,
        profiles=facts.profiles,
        models=list(facts.models),
    )
