"""Understand: the question actually asked, before any job is chosen.

In: a :class:`~advisor.answer_path.values.Request` (the message, the student's earlier
messages, the page's job and language). Out: an :class:`~advisor.answer_path.values.Understood`:
abbreviations spelled out, typos corrected, completed from the conversation with its topics,
the jobs it names, the jobs of the conversation, what it asks for; and the answer's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from advisor.answer_path.readings import Readings
from advisor.answer_path.values import Request, Snapshot, Understood, Vocabulary
from advisor.answering.compose import Answer, AnswerKind
from advisor.jobs.choice import profiles_named
from advisor.jobs.names import JobMention, without_job_names
from advisor.text.language import LANGUAGES, detect_language, language_of_message
from advisor.understanding.conversation import resolve_question
from advisor.understanding.intent import question_intent, without_hearsay

__all__ = ["Understanding", "reply_language"]


@dataclass(frozen=True)
class Understanding:
    """The understanding stage over one snapshot. ``earlier`` answers an earlier message of
    the conversation (the advisor's cached answer), to know the job it was answered from."""

    snapshot: Snapshot
    vocabulary: Vocabulary
    readings: Readings
    earlier: Callable[[Request], Answer] | None = None

    def understand(self, request: Request, language: str) -> Understood:
        """Spell out, correct, complete from the conversation; find the jobs it names."""
        corrected = self.clean(request.message, language)
        cleaned_history = [self.clean(h, language) for h in request.history]
        # Texts often repeat; names of one language only ("chef", a cook in English) count
        # in the language the advisor answers in.
        find_jobs = lru_cache(maxsize=8)(partial(self.snapshot.lexicon.find, language=language))
        resolved = resolve_question(
            corrected,
            cleaned_history,
            language,
            self.readings.guess_topic,
            lambda text: without_job_names(text, find_jobs(text)),
            self.snapshot.examples.voted_topics,
        )
        conversation = _conversation_jobs(request.history, cleaned_history, find_jobs)
        if not conversation:
            conversation = self.answered_job(request)
        mentions_in = _text_naming_jobs(request.message, corrected, find_jobs)
        return Understood(
            language=language,
            message=request.message,
            corrected=corrected,
            resolved=resolved,
            mentions=tuple(find_jobs(mentions_in)),
            known=tuple(m for m in find_jobs(resolved.text) if m.profile_id),
            conversation_jobs=conversation,
            intent=question_intent(corrected),
            mentions_in=mentions_in,
        )

    def answered_job(self, request: Request) -> tuple[str, ...]:
        """The job the previous message was answered from, when no message named one: "on
        peut conduire un camion à quel âge ?" is answered from the truck driver's profile by
        its words, and "et le permis il coûte cb ?" stays on it; after an exploration, its
        best matching job ("ik wil later pleiten" → "moet dat met een master?"). Not on a
        job's page (the page is the conversation's job), nor after a question back. On
        tests/data/followups_scope.json, follow-ups on a job 31 → 36 of 40 (held out 25 → 29)."""
        if self.earlier is None or request.page_profile is not None or not request.history:
            return ()
        if len(self.snapshot.profiles) < 2:
            return ()  # the only job is every conversation's
        before = Request(
            request.history[-1],
            request.history[:-1],
            request.language,
            None,
            request.interface_language,
        )
        answer = self.earlier(before)
        if answer.kind is AnswerKind.EXPLORE and answer.jobs:
            return (answer.jobs[0].profile_id,)
        if answer.kind is not AnswerKind.ANSWER or answer.profile_id is None:
            return ()
        return (answer.profile_id,)

    def clean(self, text: str, language: str) -> str:
        """Chat abbreviations spelled out ("pk" → "pourquoi"), then typos corrected against the
        words the advisor knows ("slaire" → "salaire", "infirmié" → "infirmier"), and hearsay
        left out ("… dont tout le monde parle")."""
        spelled = self.vocabulary.abbreviations.spell_out(text, language)
        return without_hearsay(self.snapshot.speller.correct(spelled))


def reply_language(request: Request) -> str:
    """The language asked for; else the message's, with the page's for a short message;
    else, with nothing to go by in the message, the conversation's."""
    if request.language in LANGUAGES:
        return request.language
    if request.interface_language in LANGUAGES:
        return language_of_message(request.message, request.interface_language)
    usual = detect_language(" ".join(request.history)) if request.history else "fr"
    return detect_language(request.message, default=usual)


def _text_naming_jobs(
    message: str, corrected: str, find_jobs: Callable[[str], list[JobMention]]
) -> str:
    """The text to find the jobs named in: as typed, unless the corrected text names more
    jobs with a profile ("compta vs dev": the accountant's "comptabilité" once the
    abbreviation is read), or it names none."""
    typed = find_jobs(message)
    if not typed:
        return corrected
    known = [m for m in find_jobs(corrected) if m.profile_id]
    return corrected if len(known) > sum(1 for m in typed if m.profile_id) else message


def _conversation_jobs(
    history: Sequence[str],
    cleaned: Sequence[str],
    find_jobs: Callable[[str], list[JobMention]],
) -> tuple[str, ...]:
    """The known jobs the student's latest message naming one named: a follow-up that names
    none stays on them ("combien gagne un cuisinier ?" → "et les horaires ?")."""
    for raw, clean in zip(reversed(history), reversed(cleaned), strict=True):
        named = profiles_named(find_jobs(raw) or find_jobs(clean))
        if named:
            return named
    return ()
