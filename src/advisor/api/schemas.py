"""The JSON shapes of the API. The widget and outside checks depend on them: keep them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    StringConstraints,
)

from advisor.answering.compose import AnswerKind
from advisor.scope.judge import AbstentionReason

__all__ = [
    "ChatRequest",
    "PassageOut",
    "ChatResponse",
    "ColumnOut",
    "JobOut",
    "ProfileOut",
    "ErrorOut",
    "HealthOut",
    "RateLimitsOut",
    "FeedbackRequest",
    "FeedbackOut",
    "MAX_COMMENT_CHARS",
]

MAX_COMMENT_CHARS = 500
PROFILE_ID_MAX_CHARS = 100


def _encodable(value: object) -> object:
    """Valid JSON may hold a lone surrogate ("\\ud800"), which no UTF-8 text can: it would
    fail later, in the log or the reply. Refused here, with a 422 (before the type and length
    checks, which keep their own messages)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                "holds a character that is not text (a lone UTF-16 surrogate such as "
                "\\ud800); send UTF-8 text"
            ) from None
    return value


# Text from a client: any string UTF-8 can encode.
Text = Annotated[str, BeforeValidator(_encodable)]
StrictText = Annotated[StrictStr, BeforeValidator(_encodable)]
# The constraints inside the type and before the check, so that an optional field keeps their
# own messages ("String should have at most 500 characters").
ProfileId = Annotated[
    str,
    StringConstraints(max_length=PROFILE_ID_MAX_CHARS, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    BeforeValidator(_encodable),
]
Comment = Annotated[
    StrictStr, StringConstraints(max_length=MAX_COMMENT_CHARS), BeforeValidator(_encodable)
]


class ChatRequest(BaseModel):
    """A student's message and their previous messages (most recent last)."""

    model_config = ConfigDict(extra="ignore")

    message: Text = Field(description="The student's question.")
    history: list[Text] = Field(
        default_factory=list, description="The student's previous messages, most recent last."
    )
    language: Literal["fr", "nl", "en"] | None = Field(
        None, description="Answer language; detected from the message when null."
    )
    profile: ProfileId | None = Field(
        None,
        description="The job of the page the student asks from: a profile id (a key of "
        "`profiles` in `/api/health`). Used when the question names no job; an id the "
        "knowledge no longer holds is ignored.",
    )
    interface_language: Literal["fr", "nl", "en"] | None = Field(
        None,
        description="The language of the page the student asks from: the answer's language "
        "when the message says too little of its own (a greeting, a job's name alone).",
    )


class PassageOut(BaseModel):
    text: str = Field(description="The passage, verbatim from the profile.")
    profile: str = Field(description="Title of the profile it comes from.")
    profile_id: str = Field(description="Id of the profile it comes from.")
    section: str = Field(description="Heading path inside the profile.")
    topic: str
    score: float
    source: str = Field(description="The profile's source (file name or page address).")
    language: str = Field(description="Language of the passage.")
    highlight: str | None = Field(
        None, description="The part of `text` that answers, verbatim, or null."
    )


class ColumnOut(BaseModel):
    """One job of a comparison, in the order the student named them."""

    job: str = Field(description="The job's title, or its name as typed when no profile has it.")
    profile_id: str | None = Field(description="Its profile's id; null when none is known.")
    passage: PassageOut | None = Field(
        description="Its best passage on the question's topic (also in `passages`), or null."
    )
    note: str | None = Field(
        description="Why there is no passage (no profile of that job; nothing on the topic)."
    )


class JobOut(BaseModel):
    """A job offered to the student (an exploration's matches, the list of jobs known)."""

    profile_id: str
    title: str
    sector: str | None = Field(description="Its field of work, when the profile gives one.")
    question: str = Field(description="What its chip asks: what the job is.")


class ChatResponse(BaseModel):
    id: str = Field(
        description="This answer's id (random, one per answer served): send it with a vote to "
        "`/api/feedback`."
    )
    answer: str = Field(description="A short lead: verbatim sentence(s), or why it abstains.")
    abstained: bool
    language: str
    passages: list[PassageOut]
    suggestions: list[str]
    kind: AnswerKind = Field(
        AnswerKind.ANSWER,
        description="`answer`: passages quoted; `abstain`: the advisor does not know; "
        "`smalltalk`: a reply to a greeting or thanks; `clarify`: the question names no job "
        "and fits several, `suggestions` ask it again for each of them; `compare`: jobs "
        "named side by side (`columns`); `explore`: jobs that fit what the student likes "
        "(`jobs`, one passage each); `browse`: the jobs the advisor knows (`jobs`).",
    )
    columns: list[ColumnOut] = Field(
        default_factory=list, description="`compare` only: one column per job named, in order."
    )
    jobs: list[JobOut] = Field(
        default_factory=list,
        description="`explore`: the jobs quoted, best first; `browse`: the jobs known, by "
        "field of work then title (the first ones when there are many).",
    )
    reason: AbstentionReason | None = Field(
        None,
        description="Why it abstains: `other_job` (a job the advisor has no profile of), "
        "`off_topic` (not a question about a job) or `no_passage`; null otherwise.",
    )


class ProfileOut(BaseModel):
    """A profile the advisor quotes."""

    id: str = Field(description="Its id: send it as `profile` to `/api/chat`.")
    title: str
    language: str
    sector: str | None = Field(description="Its field of work, when the profile gives one.")
    topics: list[str] = Field(description="The topics its sections cover (salary, studies…).")


class ErrorOut(BaseModel):
    error: str = Field(description="What is wrong, for a person.")


class RateLimitsOut(BaseModel):
    storage: str = Field(description="Where the limits count: memory, redis or memcached.")
    failing: bool = Field(description="The store could not be reached at the last try.")
    requests_let_through: int = Field(
        description="Requests let through without a limit since start-up, the store being down."
    )


class HealthOut(BaseModel):
    status: str
    built_at: str
    chunk_count: int
    profiles: dict[str, str]
    models: list[str]
    feedback: bool = Field(
        description="Whether votes on answers are recorded (false with ADVISOR_LOG=off)."
    )
    rate_limits: RateLimitsOut


class FeedbackRequest(BaseModel):
    """A student's vote on one answer: helpful or not, and an optional comment."""

    model_config = ConfigDict(extra="ignore")

    answer_id: StrictText = Field(description="The `id` of the answer, from `/api/chat`.")
    # Strict: "no" or 0 must not count as a vote either way.
    helpful: StrictBool = Field(description="true: helpful; false: not helpful.")
    comment: Comment | None = Field(None, description="What was wrong or missing, if anything.")


class FeedbackOut(BaseModel):
    recorded: bool = Field(description="false when this advisor records nothing (ADVISOR_LOG=off).")
    message: str
