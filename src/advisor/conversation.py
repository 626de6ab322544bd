"""History → the question actually asked: "Et avec de l'expérience ?" after a salary question
is a salary question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.text import content_stems, fold
from advisor.topics import topics_of_question

__all__ = ["ResolvedQuestion", "resolve_question", "is_elliptic"]

# Openings that lean on what was said before, in French, Dutch and English.
_ELLIPTIC_START = re.compile(
    r"^(et|mais|sinon|ok et|ah et|du coup|alors|en|maar|en als|and|but|what about|how about|"
    r"ok and|also|aussi|ook)\b",
)
_SHORT = 3  # content words: "Et à Gand ?" has one


@dataclass(frozen=True)
class ResolvedQuestion:
    """The text to search, its topics, and the earlier message it leans on (if any)."""

    text: str
    topics: tuple[str, ...]
    follows: str | None = None


def is_elliptic(message: str, language: str) -> bool:
    """True when ``message`` only makes sense with what came before it."""
    folded = fold(message).strip(" ?!.¿")
    return bool(_ELLIPTIC_START.match(folded)) or len(content_stems(message, language)) <= _SHORT


def resolve_question(message: str, history: Sequence[str], language: str) -> ResolvedQuestion:
    """Complete an elliptic follow-up with the topic of the conversation."""
    topics = tuple(topics_of_question(message))
    if not history or not is_elliptic(message, language):
        return ResolvedQuestion(message, topics)
    for previous in reversed(history):
        previous_topics = tuple(topics_of_question(previous))
        if previous_topics:
            # A follow-up that names a topic of its own ("et les études ?") changes topic;
            # one that only adds a detail ("et à Gand ?") keeps the conversation's.
            kept = topics or previous_topics
            return ResolvedQuestion(f"{previous} {message}", kept, previous)
    return ResolvedQuestion(message, topics)
