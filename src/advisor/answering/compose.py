"""Hits → the answer a student reads: a lead sentence and the passages, verbatim, or a kind
"je ne sais pas" with suggestions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from advisor.chunking.chunker import Chunk
from advisor.jobs.names import main_name
from advisor.retrieval.fusion import Hit
from advisor.scope.judge import AbstentionReason
from advisor.text.topics import GENERAL, topics_of_question
from advisor.text.words import content_stems, sentence_spans

__all__ = [
    "Answer",
    "AnswerKind",
    "Column",
    "JobCard",
    "Passage",
    "build_answer",
    "next_questions",
    "next_topics",
    "phrase_for_job",
    "quoted",
    "abstention",
    "clarification",
    "small_talk_reply",
    "lead_span",
    "KNOWN_TITLES_SHOWN",
]

_SHORT_LEAD = 90
_LABEL_WORDS = 3
_LIST_LABEL_WORDS = 6

# What an answering sentence looks like, by topic: a salary has an amount, a day has hours.
_ANSWER_CUES = {
    "salary": re.compile(r"\d[\d  .,]*\s?(?:€|euro|eur\b)|€\s?\d|brut|bruto|gross", re.IGNORECASE),
    "typical_day": re.compile(r"\b\d{1,2}\s?[hu:.]\s?\d{0,2}\b", re.IGNORECASE),
    "studies": re.compile(r"bachel|master|diplôm|cess|bachelor|opleiding", re.IGNORECASE),
    "facts": re.compile(r"\d"),
}


@dataclass(frozen=True)
class Passage:
    """A quoted chunk: its text verbatim, its score, the part of it that answers."""

    chunk: Chunk
    score: float
    highlight: str | None = None


class AnswerKind(StrEnum):
    """What kind of reply an answer is: the same values in the API, the question log and the
    page."""

    ANSWER = "answer"  # passages quoted
    ABSTAIN = "abstain"  # "je ne sais pas", and why (see AbstentionReason)
    SMALLTALK = "smalltalk"  # a friendly word to a greeting, thanks or goodbye
    CLARIFY = "clarify"  # which job is meant? ``suggestions`` ask again for each likely job
    COMPARE = "compare"  # each job named, its passage on the topic (``columns``)
    EXPLORE = "explore"  # the best matching jobs for what the student likes (``jobs``)
    BROWSE = "browse"  # the jobs the advisor knows (``jobs``)


@dataclass(frozen=True)
class Column:
    """One job of a comparison: its name, profile and passage, or a note saying why there
    is none (no profile of that job; nothing on the topic)."""

    job: str
    profile_id: str | None
    passage: Passage | None
    note: str | None


@dataclass(frozen=True)
class JobCard:
    """A job offered to the student: its profile, title, field of work and the question its
    chip asks."""

    profile_id: str
    title: str
    sector: str | None
    question: str


@dataclass(frozen=True)
class Answer:
    """What the advisor says; ``reason`` says why it abstains."""

    text: str
    language: str
    passages: tuple[Passage, ...] = ()
    suggestions: tuple[str, ...] = ()
    kind: AnswerKind = AnswerKind.ANSWER
    topic: str | None = None
    profile_id: str | None = None
    reason: AbstentionReason | None = None
    columns: tuple[Column, ...] = ()
    jobs: tuple[JobCard, ...] = ()

    @property
    def abstained(self) -> bool:
        return self.kind is AnswerKind.ABSTAIN


def quoted(hit: Hit, question: str, language: str, topic: str | None) -> Passage:
    """``hit`` quoted, its sentence(s) that best answer ``question`` marked."""
    start, end = lead_span(hit.chunk.text, question, topic or hit.chunk.topic, language)
    return Passage(hit.chunk, hit.score, hit.chunk.text[start:end] or None)


@lru_cache(maxsize=8192)
def _sentence_stems(sentence: str, language: str) -> frozenset[str]:
    # The same passages are quoted again and again: their sentences are stemmed once.
    return frozenset(content_stems(sentence, "fr")) | frozenset(content_stems(sentence, language))


def lead_span(text: str, question: str, topic: str | None, language: str) -> tuple[int, int]:
    """The span of the sentence(s) of ``text`` that best answer ``question``."""
    spans = sentence_spans(text)
    if not spans:
        return 0, len(text)
    wanted = set(content_stems(question, language)) | set(content_stems(question, "fr"))
    cue = _ANSWER_CUES.get(topic or "")
    best_index, best_score = 0, -1.0
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if sentence.rstrip().endswith("?") and index + 1 < len(spans):
            continue  # a question (a FAQ entry's own) never answers
        stems = _sentence_stems(sentence, language)
        score = len(wanted & stems) + (3.0 if cue and cue.search(sentence) else 0.0)
        if topic and _labels_a_list(text, spans, index) and topic in topics_of_question(sentence):
            # "Ce qu'on aime" over the upsides, for a question on them that no line's words
            # answer ("pk les gens kiffent ce taf ?"); a line's own words still come first.
            score += 0.5
        if score > best_score:
            best_index, best_score = index, score
    start, end = spans[best_index]
    # A label alone ("07h30-09h00") needs the line it introduces; a short sentence reads better
    # with the next sentence of its paragraph. Another list item is another fact: left out.
    following = best_index + 1
    while following < len(spans):
        label = len(text[start:end].split()) < _LABEL_WORDS or _labels_a_list(
            text, spans, following - 1
        )
        same_paragraph = "\n" not in text[end : spans[following][0]]
        if not (label or (same_paragraph and end - start < _SHORT_LEAD)):
            break
        end = spans[following][1]
        following += 1
    return start, end


def _labels_a_list(text: str, spans: Sequence[tuple[int, int]], index: int) -> bool:
    """True when sentence ``index`` is a short line of its own over a list ("Ce qu'on aime"
    above "• Un métier profondément humain"): a label, read with the list's first item."""
    start, end = spans[index]
    line_start = start == 0 or text[start - 1] == "\n"
    line_end = end == len(text) or text[end] == "\n"
    label = text[start:end].strip()
    return (
        line_start
        and line_end
        and len(label.split()) <= _LIST_LABEL_WORDS
        and label[-1] not in ".!?…"
        and index + 1 < len(spans)
        and text[spans[index + 1][0] :].startswith("• ")
    )


_ABSTAIN = {
    "fr": "Je ne sais pas répondre à cette question avec les fiches métiers que je connais.",
    "nl": "Dat weet ik niet: de beroepsfiches die ik ken, beantwoorden die vraag niet.",
    "en": "I don't know: the career profiles I have do not answer that question.",
}
_OTHER_JOB = {
    "fr": "Je n'ai pas de fiche sur le métier « {job} », donc je ne peux pas te répondre.",
    "nl": "Ik heb geen fiche over het beroep '{job}', dus daar kan ik niet op antwoorden.",
    "en": "I have no profile for the job '{job}', so I cannot answer that.",
}
_KNOWN = {
    "fr": "Je connais ces métiers : {jobs}.",
    "nl": "Deze beroepen ken ik: {jobs}.",
    "en": "These are the jobs I know: {jobs}.",
}
_MORE = {"fr": "et {count} autres", "nl": "en {count} andere", "en": "and {count} more"}
# An abstention names the jobs the advisor knows: the first ones, and a count of the rest.
KNOWN_TITLES_SHOWN = 10
_WHICH_JOB = {
    "fr": "De quel métier parles-tu ? Je peux te répondre pour :",
    "nl": "Over welk beroep gaat je vraag? Ik kan antwoorden voor:",
    "en": "Which job do you mean? I can answer for:",
}
_GREETING = {
    "fr": "Bonjour ! Pose-moi tes questions sur un métier : salaire, études, journée type…",
    "nl": "Hallo! Stel me je vragen over een beroep: loon, studies, een typische dag…",
    "en": "Hello! Ask me about a job: salary, studies, a typical day…",
}
_THANKS = {
    "fr": "Avec plaisir ! Tu as une autre question sur ce métier ?",
    "nl": "Graag gedaan! Heb je nog een vraag over dit beroep?",
    "en": "You're welcome! Any other question about this job?",
}
_GOODBYE = {
    "fr": "À bientôt ! Reviens quand tu veux pour d'autres questions sur un métier.",
    "nl": "Tot ziens! Kom gerust terug met andere vragen over een beroep.",
    "en": "Bye for now! Come back any time with more questions about a job.",
}
_SMALL_TALK = {"greeting": _GREETING, "thanks": _THANKS, "goodbye": _GOODBYE}
_SUGGESTIONS = {
    "salary": {
        "fr": "Combien gagne un {job} ?",
        "nl": "Hoeveel verdient een {job}?",
        "en": "How much does a {job} earn?",
    },
    "studies": {
        "fr": "Quelles études pour devenir {job} ?",
        "nl": "Welke studies heb je nodig als {job}?",
        "en": "What should I study to become a {job}?",
    },
    "typical_day": {
        "fr": "À quoi ressemble une journée de {job} ?",
        "nl": "Hoe ziet een werkdag van een {job} eruit?",
        "en": "What does a typical day of a {job} look like?",
    },
    "pros": {
        "fr": "Quels sont les avantages du métier ?",
        "nl": "Wat zijn de voordelen van het beroep?",
        "en": "What are the good sides of the job?",
    },
    "cons": {
        "fr": "Quels sont les inconvénients du métier ?",
        "nl": "Wat zijn de nadelen van het beroep?",
        "en": "What are the downsides of the job?",
    },
    "skills": {
        "fr": "Quelles qualités faut-il avoir ?",
        "nl": "Welke eigenschappen heb je nodig?",
        "en": "What skills do I need?",
    },
    "career": {
        "fr": "Quelle évolution de carrière pour un {job} ?",
        "nl": "Hoe kan een {job} doorgroeien?",
        "en": "How can a {job} move up?",
    },
    "conditions": {
        "fr": "Quels sont les horaires d'un {job} ?",
        "nl": "Wat zijn de werkuren van een {job}?",
        "en": "What are the working hours of a {job}?",
    },
}
# The natural next question after each topic (else the first of _SUGGESTIONS not yet asked):
# after the pay, the studies; after the studies, where they lead.
_NEXT = {
    "salary": "studies",
    "studies": "career",
    "training_path": "career",
    "where_to_study": "career",
    "career": "salary",
    "intro": "typical_day",
    "missions": "typical_day",
    "typical_day": "conditions",
    "conditions": "salary",
    "pros": "cons",
    "cons": "pros",
    "skills": "studies",
    "self_assessment": "skills",
}


def next_topics(topic: str | None) -> tuple[str, str]:
    """The natural next topic after ``topic`` (see _NEXT) and another, both with a chip's
    phrasing."""
    asked = topic if topic in _SUGGESTIONS else None
    following = _NEXT.get(topic or "")
    others = [t for t in _SUGGESTIONS if t not in (asked, following)]
    if following not in _SUGGESTIONS:
        following = others.pop(0)
    return following, others[0]


# French elides "de" before a vowel: "une journée d'électricien", "le métier d'advocaat".
_FRENCH_DE = re.compile(r"\bde (?=[aeiouyàâæéèêëîïôœùûü])", re.IGNORECASE)


def phrase_for_job(phrasings: dict[str, str], language: str, job: str) -> str:
    """A chip's question in ``language`` (French when it has none) about ``job``."""
    text = phrasings.get(language, phrasings["fr"]).format(job=job)
    if language not in phrasings or language == "fr":
        text = _FRENCH_DE.sub("d'", text)
    return text


def _ask(topic: str, language: str, title: str) -> str:
    return phrase_for_job(_SUGGESTIONS[topic], language, main_name(title))


def next_questions(
    language: str, title: str, topic: str | None, related: str | None, question: str
) -> tuple[str, ...]:
    """What a student may ask next: the natural next topic for this job, the same topic for
    the related job (the question itself, for a topic no chip phrases), another topic."""
    asked = topic if topic in _SUGGESTIONS else None
    following, another = next_topics(topic)
    found = [_ask(following, language, title)]
    if related is not None:
        same = (
            _ask(asked, language, related)
            if asked
            else f"{question.strip()} — {main_name(related)}"
        )
        found.append(same)
    found.append(_ask(another, language, title))
    return tuple(found)


def suggestions(
    language: str, titles: Sequence[str], skip_topic: str | None = None, limit: int = 3
) -> tuple[str, ...]:
    """Questions the student can ask next, about the first known job."""
    if not titles:
        return ()
    job = main_name(titles[0])
    found = []
    for topic, phrasings in _SUGGESTIONS.items():
        if topic != skip_topic:
            found.append(phrase_for_job(phrasings, language, job))
    return tuple(found[:limit])


def abstention(
    language: str,
    titles: Sequence[str],
    reason: AbstentionReason,
    unknown_job: str | None = None,
) -> Answer:
    """A kind "je ne sais pas" that says which jobs the advisor does know."""
    opening = (_OTHER_JOB if unknown_job else _ABSTAIN).get(language, _ABSTAIN["fr"])
    shown = list(titles[:KNOWN_TITLES_SHOWN])
    if len(titles) > len(shown):
        shown.append(_MORE.get(language, _MORE["fr"]).format(count=len(titles) - len(shown)))
    known = _KNOWN.get(language, _KNOWN["fr"]).format(jobs=", ".join(shown))
    return Answer(
        text=f"{opening.format(job=unknown_job)} {known}",
        language=language,
        suggestions=suggestions(language, titles),
        kind=AnswerKind.ABSTAIN,
        reason=reason,
    )


def clarification(language: str, question: str, titles: Sequence[str]) -> Answer:
    """Ask which job the question is about; each suggestion asks it again for one job."""
    asked = question.strip()
    opening = _WHICH_JOB.get(language, _WHICH_JOB["fr"])
    return Answer(
        text=f"{opening} {', '.join(main_name(title) for title in titles)}.",
        language=language,
        suggestions=tuple(f"{asked} — {main_name(title)}" for title in titles),
        kind=AnswerKind.CLARIFY,
    )


def small_talk_reply(language: str, titles: Sequence[str], kind: str) -> Answer:
    """A short friendly reply to "bonjour", "merci" or "au revoir" (``kind``, see
    :func:`advisor.understanding.smalltalk.small_talk_kind`), with questions to ask."""
    table = _SMALL_TALK[kind]
    return Answer(
        text=table.get(language, table["fr"]),
        language=language,
        suggestions=suggestions(language, titles),
        kind=AnswerKind.SMALLTALK,
    )


def build_answer(
    question: str,
    hits: Sequence[Hit],
    language: str,
    topic: str | None,
    related: str | None = None,
    synonyms: str = "",
) -> Answer:
    """Quote the hits; the lead is the best sentence of the first, verbatim. ``related``: the
    title of the job nearest the first hit's, for a chip; ``synonyms``: the question's words
    in other languages and registers, which a sentence may hold instead ("meuf" →
    "femmes")."""
    passages = []
    wanted = f"{question} {synonyms}"
    for rank, hit in enumerate(hits):
        # Another section's passage is there for more context: nothing in it is marked.
        answers = rank == 0 or hit.chunk.topic == topic
        passages.append(
            quoted(hit, wanted, language, topic) if answers else Passage(hit.chunk, hit.score)
        )
    lead = passages[0].highlight or passages[0].chunk.text
    best = hits[0].chunk
    return Answer(
        text=lead,
        language=language,
        passages=tuple(passages),
        suggestions=next_questions(
            language, best.profile_title, topic or best.topic, related, question
        ),
        kind=AnswerKind.ANSWER,
        topic=topic if topic and topic != GENERAL else best.topic,
        profile_id=best.profile_id,
    )
