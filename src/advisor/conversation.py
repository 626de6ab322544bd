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


def is_elliptic(message: str, language: str, has_topic: bool) -> bool:
    """True when ``message`` only makes sense with what came before it: it opens like a
    follow-up ("et…", "and…"), or it is a few words that name no topic ("Hoeveel jaar dan?")."""
    folded = fold(message).strip(" ?!.¿")
    if _ELLIPTIC_START.match(folded):
        return True
    return not has_topic and len(content_stems(message, language)) <= _SHORT


def resolve_question(message: str, history: Sequence[str], language: str) -> ResolvedQuestion:
    """Complete an elliptic follow-up with the topic of the conversation."""
    topics = tuple(topics_of_question(message))
    if not history or not is_elliptic(message, language, bool(topics)):
        return ResolvedQuestion(message, topics)
    # "et après quelques années ?" qualifies the conversation's topic; it does not change it.
    topics = tuple(topics_of_question(message, with_modifiers=False))
    for previous in reversed(history):
        previous_topics = tuple(topics_of_question(previous))
        if previous_topics:
            # A follow-up that names a topic of its own ("et les études ?") changes topic and
            # is searched alone; one that only adds a detail ("et à Gand ?") is searched with
            # the question it completes.
            if topics:
                return ResolvedQuestion(message, topics, previous)
            return ResolvedQuestion(f"{previous} {message}", previous_topics, previous)
    return ResolvedQuestion(message, topics)
