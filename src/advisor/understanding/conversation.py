"""History → the question actually asked: "Et avec de l'expérience ?" after a salary question
is a salary question."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from advisor.text.topics import next_topic, topics_of_question
from advisor.text.words import content_stems, fold

__all__ = ["ResolvedQuestion", "resolve_question", "is_elliptic", "offers_another_case"]

# Openings that lean on what was said before, in French, Dutch and English.
_ELLIPTIC_START = re.compile(
    r"^(et|mais|sinon|ok et|ah et|du coup|alors|en|maar|en als|and|but|what about|how about|"
    r"ok and|also|aussi|ook)\b",
)
_SHORT = 3  # content words: "Et à Gand ?" has one
# Openings that set another case beside the one spoken of: "et pour couper les cheveux ?",
# "nan plutôt chef dans une usine", "en iemand die trappen maakt?", "and for fixing cars?",
# "en een eigen kapsalon?" (followups dev 4: 52 → 54 of 60 with "someone who" no testimony;
# no other dev set moved).
_ANOTHER_CASE = re.compile(
    r"^(?:(?:ok|ah|mais|nan|non|euh|bon) )?"
    r"(?:et (?:pour|dans|chez|une?|quelqu.un qui|(?:la|une) personne qui|(?:les|des) gens qui|"
    r"(?:celui|celle|ceux|celles) qui)|ou (?:bien )?(?:pour|dans)|(?:ou )?plutot|"
    r"en (?:voor|bij|in een|iemand die|een|de|het)|of (?:voor|eerder|liever)|(?:en )?eerder|"
    r"and (?:for|in|someone who|an?|the)|what about|how about|or (?:rather|for)|rather)\b"
)
# A follow-up that only asks what comes next: "et après ?", "en daarna?", "and then?".
_NEXT_STEP = re.compile(
    r"^(?:(?:ok |ah )?(?:et|and|en|puis) )?"
    r"(?:apres(?: ca| cela| les etudes)?|ensuite|puis|la suite|"
    r"daarna|dan|erna|nadien|wat daarna|wat dan|then|then what|after(?: that)?|next|"
    r"what(?:'s| is| comes)? next)$"
)


@dataclass(frozen=True)
class ResolvedQuestion:
    """The text to search, its topics, and the earlier message it leans on (if any)."""

    text: str
    topics: tuple[str, ...]
    follows: str | None = None
    next_step: bool = False  # "et après ?": the topics say what comes next, not the words
    # The message it answers after, when that one was a follow-up too, without job names:
    # "et pr un agriculteur ?" after "… → et pour ouvrir son garage faut investir cb ?".
    last_follow_up: str | None = None


def is_elliptic(message: str, language: str, has_topic: bool) -> bool:
    """True when ``message`` only makes sense with what came before it: it opens like a
    follow-up ("et…", "and…"), or it is a few words that name no topic ("Hoeveel jaar dan?")."""
    folded = fold(message).strip(" ?!.¿")
    if _ELLIPTIC_START.match(folded):
        return True
    return not has_topic and len(content_stems(message, language)) <= _SHORT


def offers_another_case(message: str) -> bool:
    """True when a follow-up opens by setting another case beside the one spoken of ("et
    pour …", "en voor …", "and for …", "plutôt …"): it may describe another job."""
    return bool(_ANOTHER_CASE.match(fold(message).strip(" ?!.¿")))


def _leans_on(
    message: str, before: str, language: str, topics_of: Callable[[str], Sequence[str]]
) -> bool:
    """True when ``message`` continues ``before``: it is elliptic, or it is a few words on
    the same topic ("what time does it start?" after "what does a typical day look like?")."""
    topics = topics_of(message)
    if is_elliptic(message, language, bool(topics)):
        return True
    earlier = topics_of(before)
    short = len(content_stems(message, language)) <= _SHORT
    return short and bool(topics) and bool(earlier) and topics[0] == earlier[0]


def resolve_question(
    message: str,
    history: Sequence[str],
    language: str,
    guess_topic: Callable[[str], str | None] | None = None,
    without_jobs: Callable[[str], str] = str,
    voted: Collection[str] | None = None,
) -> ResolvedQuestion:
    """Complete an elliptic follow-up with the conversation it continues.

    ``guess_topic`` (the example questions' vote, when given) must agree before a follow-up's
    own topic word switches topic: "and if I want to leave the factory?" names the factory, it
    does not ask about working conditions. ``without_jobs`` cuts the job names out of a text
    before its topics are read: "en voor programmeur?" names no tools. A topic the vote
    cannot weigh (not among ``voted``, the topics with example questions) switches when named:
    "et après on est salarié ou à son compte ?" after the studies.
    """

    def topics_of(text: str, with_modifiers: bool = True) -> tuple[str, ...]:
        return tuple(topics_of_question(without_jobs(text), with_modifiers))

    topics = topics_of(message)
    if not history or not _leans_on(message, history[-1], language, topics_of):
        return ResolvedQuestion(message, topics)
    # The conversation so far: back to the last message that stood on its own.
    chain = [history[-1]]
    for at in range(len(history) - 1, 0, -1):
        if not _leans_on(history[at], history[at - 1], language, topics_of):
            break
        chain.insert(0, history[at - 1])
    anchor = chain[0]
    earlier = next((t for m in reversed(chain) if (t := topics_of(m))), ())
    # "et après quelques années ?" qualifies the conversation's topic; it does not change it.
    own = topics_of(message, with_modifiers=False)
    switches = bool(own) and own[:1] != earlier[:1]
    unweighed = voted is not None and bool(own) and own[0] not in voted
    if switches and (unweighed or guess_topic is None or guess_topic(message) in (*own, None)):
        return ResolvedQuestion(message, own, anchor)
    text = " ".join([*chain, message])
    last = without_jobs(chain[-1]) if len(chain) > 1 else None
    following = next_topic(earlier[0]) if earlier else None
    if following and _NEXT_STEP.match(fold(message).strip(" ?!.¿")):
        return ResolvedQuestion(text, (following, *earlier), anchor, True, last)
    return ResolvedQuestion(text, earlier, anchor, last_follow_up=last)
