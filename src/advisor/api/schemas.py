"""The JSON shapes of the API. The widget and outside checks depend on them: keep them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ChatRequest", "PassageOut", "ChatResponse", "ErrorOut", "HealthOut"]


class ChatRequest(BaseModel):
    """A student's message and their previous messages (most recent last)."""

    model_config = ConfigDict(extra="ignore")

    message: str = Field(description="The student's question.")
    history: list[str] = Field(
        default_factory=list, description="The student's previous messages, most recent last."
    )
    language: Literal["fr", "nl", "en"] | None = Field(
        None, description="Answer language; detected from the message when null."
    )


class PassageOut(BaseModel):
    text: str = Field(description="The passage, verbatim from the profile.")
    profile: str = Field(description="Title of the profile it comes from.")
    section: str = Field(description="Heading path inside the profile.")
    topic: str
    score: float
    source: str = Field(description="The profile's source (file name or page address).")
    language: str = Field(description="Language of the passage.")
    highlight: str | None = Field(
        None, description="The part of `text` that answers, verbatim, or null."
    )


class ChatResponse(BaseModel):
    answer: str = Field(description="A short lead: verbatim sentence(s), or why it abstains.")
    abstained: bool
    language: str
    passages: list[PassageOut]
    suggestions: list[str]
    kind: Literal["answer", "abstain", "smalltalk"] = "answer"


class ErrorOut(BaseModel):
    error: str = Field(description="What is wrong, for a person.")


class HealthOut(BaseModel):
    status: str
    built_at: str
    chunk_count: int
    profiles: dict[str, str]
    models: list[str]
