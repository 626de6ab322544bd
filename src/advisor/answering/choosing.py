"""Answers that help a student choose: two or three jobs compared on one topic, jobs that fit
what the student likes, and the list of the jobs the advisor knows. Still only quotes: each
job's passage verbatim, labelled with its job; the advisor's own words say only what follows.

In: the passages found per job (or the profiles known). Out: an :class:`Answer` of kind
``compare``, ``explore`` or ``browse``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.answering.compose import (
    Answer,
    AnswerKind,
    Column,
    JobCard,
    next_topics,
    phrase_for_job,
    quoted,
)
from advisor.jobs.names import main_name
from advisor.retrieval.fusion import Hit

__all__ = [
    "ComparedJob",
    "JobEntry",
    "comparison",
    "exploration",
    "job_list",
    "about_job_question",
    "BROWSE_SHOWN",
]

# A list of the jobs known shows this many as chips, and a count of the rest.
BROWSE_SHOWN = 24

_COMPARE = {
    "fr": "Voici ce que dit la fiche de chaque métier :",
    "nl": "Dit zegt de fiche van elk beroep:",
    "en": "Here is what each job's profile says:",
}
_NO_PROFILE = {
    "fr": "Je n'ai pas de fiche sur le métier « {job} ».",
    "nl": "Ik heb geen fiche over het beroep '{job}'.",
    "en": "I have no profile for the job '{job}'.",
}
_NOTHING_ON_TOPIC = {
    "fr": "La fiche ne dit rien de précis à ce sujet.",
    "nl": "De fiche zegt daar niets precies over.",
    "en": "The profile says nothing precise about it.",
}
_EXPLORE = {
    "fr": "Des métiers dont la fiche parle de ce que tu cherches :",
    "nl": "Beroepen waarvan de fiche spreekt over wat je zoekt:",
    "en": "Jobs whose profile speaks of what you are looking for:",
}
_BROWSE = {
    "fr": "Je connais {count} métiers :",
    "nl": "Ik ken {count} beroepen:",
    "en": "I know {count} jobs:",
}
_BROWSE_MORE = {
    "fr": " Voici les {shown} premiers ; demande-moi un métier par son nom pour les autres.",
    "nl": " Hier zijn de eerste {shown}; vraag me naar een beroep om de andere te zien.",
    "en": " Here are the first {shown}; ask me about a job by name for the others.",
}
# A comparison's chips: the same jobs on another topic, asked as a follow-up (the conversation
# holds the jobs).
_AND_THEN = {
    "salary": {"fr": "Et le salaire ?", "nl": "En het loon?", "en": "And the pay?"},
    "studies": {"fr": "Et les études ?", "nl": "En de studies?", "en": "And the studies?"},
    "typical_day": {
        "fr": "Et une journée type ?",
        "nl": "En een gewone werkdag?",
        "en": "And a typical day?",
    },
    "pros": {"fr": "Et les avantages ?", "nl": "En de voordelen?", "en": "And the upsides?"},
    "cons": {"fr": "Et les inconvénients ?", "nl": "En de nadelen?", "en": "And the downsides?"},
    "skills": {"fr": "Et les qualités ?", "nl": "En de vaardigheden?", "en": "And the skills?"},
    "career": {"fr": "Et l'évolution ?", "nl": "En doorgroeien?", "en": "And moving up?"},
    "conditions": {"fr": "Et les horaires ?", "nl": "En de werkuren?", "en": "And the hours?"},
}
_ABOUT_JOB = {
    "fr": "C'est quoi le métier de {job} ?",
    "nl": "Wat doet een {job}?",
    "en": "What does a {job} do?",
}


@dataclass(frozen=True)
class ComparedJob:
    """A job the student named, as named; its profile (None: none known) and best passage
    on the question's topic in that profile (None: nothing found)."""

    name: str
    profile_id: str | None
    title: str | None
    hit: Hit | None


@dataclass(frozen=True)
class JobEntry:
    """A profile to list: its id, title and field of work."""

    profile_id: str
    title: str
    sector: str | None = None


def about_job_question(title: str, language: str) -> str:
    """The question a job's chip asks: what the job is."""
    return phrase_for_job(_ABOUT_JOB, language, main_name(title))


def comparison(
    question: str, jobs: Sequence[ComparedJob], language: str, topic: str | None
) -> Answer:
    """Each named job's passage, in the order the student named them; a job the knowledge
    lacks (or whose profile says nothing on it) is said so in its own column."""
    columns = []
    for job in jobs:
        if job.profile_id is None or job.title is None:
            note = _NO_PROFILE.get(language, _NO_PROFILE["fr"]).format(job=job.name)
            columns.append(Column(job.name, None, None, note))
        elif job.hit is None:
            note = _NOTHING_ON_TOPIC.get(language, _NOTHING_ON_TOPIC["fr"])
            columns.append(Column(job.title, job.profile_id, None, note))
        else:
            passage = quoted(job.hit, question, language, topic)
            columns.append(Column(job.title, job.profile_id, passage, None))
    passages = tuple(column.passage for column in columns if column.passage is not None)
    return Answer(
        text=_COMPARE.get(language, _COMPARE["fr"]),
        language=language,
        passages=passages,
        suggestions=tuple(
            _AND_THEN[following].get(language, _AND_THEN[following]["fr"])
            for following in next_topics(topic)
        ),
        kind=AnswerKind.COMPARE,
        topic=topic,
        columns=tuple(columns),
    )


def exploration(question: str, hits: Sequence[Hit], language: str) -> Answer:
    """The best passage of each of the best matching jobs, best first, each with a chip to
    ask more about it."""
    passages = tuple(quoted(hit, question, language, None) for hit in hits)
    cards = tuple(
        JobCard(
            hit.chunk.profile_id,
            hit.chunk.profile_title,
            None,
            about_job_question(hit.chunk.profile_title, language),
        )
        for hit in hits
    )
    return Answer(
        text=_EXPLORE.get(language, _EXPLORE["fr"]),
        language=language,
        passages=passages,
        suggestions=tuple(card.question for card in cards),
        kind=AnswerKind.EXPLORE,
        jobs=cards,
    )


def job_list(profiles: Sequence[JobEntry], language: str) -> Answer:
    """The jobs the advisor knows, by field of work when the profiles give one, then by
    title; the first :data:`BROWSE_SHOWN` of them as chips."""
    ordered = sorted(profiles, key=lambda p: (p.sector is None, p.sector or "", p.title.casefold()))
    shown = ordered[:BROWSE_SHOWN]
    text = _BROWSE.get(language, _BROWSE["fr"]).format(count=len(ordered))
    if len(ordered) > len(shown):
        text += _BROWSE_MORE.get(language, _BROWSE_MORE["fr"]).format(shown=len(shown))
    return Answer(
        text=text,
        language=language,
        kind=AnswerKind.BROWSE,
        jobs=tuple(
            JobCard(p.profile_id, p.title, p.sector, about_job_question(p.title, language))
            for p in shown
        ),
    )
