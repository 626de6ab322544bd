"""The topics of a career profile, named in French, Dutch and English (``data/topics.yaml``).

Two jobs: give each section a topic from its heading (or, for a FAQ entry, from its question),
and say which topics a student's question names. Patterns run on folded text (lower case, no
accents) and match word beginnings, so "salère", "salaires" and "salary" all count.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from advisor.errors import AdvisorError
from advisor.text.packaged import packaged_text
from advisor.text.words import FOLDED_STOPWORDS, fold, words

__all__ = [
    "GENERAL",
    "INTRO",
    "Topic",
    "TopicFileError",
    "load_topics",
    "topic_label",
    "topic_of_heading",
    "topics_of_question",
    "next_topic",
    "topics_sha256",
    "names_topic",
]

GENERAL = "general"
INTRO = "intro"  # the topic of the text that presents the job
_NEVER = re.compile(r"(?!)")
# Words that name the job in general, not something about it.
_GENERIC = frozenset(
    "metier job jobs boulot taf travail poste beroep werk baan career profession "
    "exactement precisement vraiment eigenlijk precies exactly really".split()
)


class TopicFileError(AdvisorError):
    """The packaged topic file names a topic it does not hold."""


@dataclass(frozen=True)
class Topic:
    """A topic: its name, labels for people, and what names it in headings and questions."""

    name: str
    labels: dict[str, str]
    heading: re.Pattern[str]
    question: re.Pattern[str]
    modifiers: re.Pattern[str] = _NEVER  # name it, but only qualify a follow-up's topic
    weak: re.Pattern[str] = _NEVER  # name it only when nothing else is named
    next: str | None = None  # what "et après ?" asks about after this topic
    yields_to: tuple[str, ...] = ()  # named with one of these, it comes after it


def _words(alternatives: list[str]) -> re.Pattern[str]:
    if not alternatives:
        return _NEVER
    return re.compile(r"(?<![a-z])(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=1)
def load_topics() -> tuple[Topic, ...]:
    """The packaged topics, in the order that breaks ties."""
    text = packaged_text("topics.yaml")
    topics = tuple(
        Topic(
            name=name,
            labels=dict(entry["labels"]),
            heading=_words(entry["heading"]),
            question=_words(entry["question"]),
            modifiers=_words(entry.get("modifiers", [])),
            weak=_words(entry.get("weak", [])),
            next=entry.get("next"),
            yields_to=tuple(entry.get("yields_to", ())),
        )
        for name, entry in yaml.safe_load(text).items()
    )
    names = {topic.name for topic in topics}
    for topic in topics:
        unknown = set(topic.yields_to) - names
        if unknown:
            raise TopicFileError(
                f"data/topics.yaml: {topic.name} yields to no topic {sorted(unknown)}"
            )
    return topics


def topics_sha256() -> str:
    """The packaged topic file's hash: an index whose sections got their topics from another
    topic file is out of date (see ``advisor serve``)."""
    return hashlib.sha256(packaged_text("topics.yaml").encode("utf-8")).hexdigest()


def topic_of_heading(heading_path: tuple[str, ...], first_line: str = "") -> str:
    """The topic of a section: from its own heading first, then its parents' headings.

    A FAQ entry's heading is its question, so the question's topic is the entry's topic.
    """
    for heading in reversed(heading_path):
        folded = fold(heading)
        for topic in load_topics():
            if topic.heading.search(folded):
                return topic.name
        found = topics_of_question(heading)
        if found:
            return found[0]
    if first_line:
        found = topics_of_question(first_line)
        if found:
            return found[0]
    return GENERAL


def topics_of_question(question: str, with_modifiers: bool = True) -> list[str]:
    """Topics a question names, best first.

    A topic's weight is the length of the text its patterns match, so the more specific
    "où puis-je étudier" (where to study) outweighs the bare "étud" (studies). Weak patterns
    count only when nothing else is named: "c'est quoi ?" asks what the job is, but "c'est
    quoi les horaires ?" asks about the hours.
    """
    folded = fold(question)
    strong: list[tuple[re.Pattern[str], ...]] = [
        (t.question, t.modifiers) if with_modifiers else (t.question,) for t in load_topics()
    ]
    found = _weighted(folded, strong)
    if found:
        return found
    weak = [t.weak for t in load_topics()]
    leftover = folded
    for pattern in weak:
        leftover = pattern.sub(" ", leftover)
    if any(w not in FOLDED_STOPWORDS and w not in _GENERIC for w in words(leftover)):
        return []  # "c'est quoi le kiff ?" asks about the kiff, not what the job is
    return _weighted(folded, [(w,) for w in weak])


def _weighted(folded: str, patterns_of_topics: list[tuple[re.Pattern[str], ...]]) -> list[str]:
    weights = []
    yields: dict[str, tuple[str, ...]] = {}
    for order, (topic, patterns) in enumerate(zip(load_topics(), patterns_of_topics, strict=True)):
        weight = sum(len(m.group()) for pattern in patterns for m in pattern.finditer(folded))
        if weight:
            weights.append((-weight, order, topic.name))
            yields[topic.name] = topic.yields_to
    found = [name for _, _, name in sorted(weights)]
    # "hoeveel vraagt een zelfstandige per uur?" asks the pay, of the self-employed: a topic
    # named with one it yields to comes right after the last of those.
    for name in [n for n in found if set(yields[n]) & set(found)]:
        found.remove(name)
        last = max(found.index(other) for other in yields[name] if other in found)
        found.insert(last + 1, name)
    return found


def names_topic(folded: str, name: str) -> bool:
    """True when ``folded`` (text passed through :func:`fold`) names the topic ``name`` the way
    a heading or a question does: one topic's patterns only, cheap enough for every section of
    a profile at each question."""
    for topic in load_topics():
        if topic.name == name:
            patterns = (topic.heading, topic.question, topic.modifiers)
            return any(pattern.search(folded) for pattern in patterns)
    return False


def next_topic(name: str) -> str | None:
    """The topic that comes after ``name`` in a career: after the studies, the first jobs."""
    return next((topic.next for topic in load_topics() if topic.name == name), None)


def topic_label(name: str, language: str) -> str:
    """A short label for people ("Salaire"), or the name itself for the general topic."""
    for topic in load_topics():
        if topic.name == name:
            return topic.labels.get(language, topic.labels["en"])
    return name
