"""The answer path: every stage in turn, over one snapshot.

In: a :class:`~advisor.answer_path.values.Request`. Out: an
:class:`~advisor.answering.compose.Answer`: a greeting's reply, the list of jobs known, jobs
that fit the student, jobs compared, an abstention, a question back (which job?) or the
passages quoted.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.answer_path.choosing_help import ASKED_OF_JOBS, ChoosingHelp
from advisor.answer_path.job_choice import JobChooser
from advisor.answer_path.profile_words import ProfileWords
from advisor.answer_path.readings import Readings
from advisor.answer_path.scope_evidence import ScopeEvidenceFinder
from advisor.answer_path.search import Search
from advisor.answer_path.understand import Understanding, reply_language
from advisor.answer_path.values import (
    Found,
    Request,
    SearchPlan,
    Snapshot,
    Understood,
    Vocabulary,
)
from advisor.answering.compose import (
    Answer,
    abstention,
    build_answer,
    clarification,
    small_talk_reply,
)
from advisor.jobs.choice import JobChoice, JobSource
from advisor.scope.judge import ScopeVerdict, judge_scope
from advisor.understanding.intent import Intent
from advisor.understanding.smalltalk import small_talk_kind

__all__ = ["AnswerPath"]


class AnswerPath:
    """The stages of one answer, over one snapshot; ``top_k`` passages are quoted.
    ``earlier`` answers an earlier message of the conversation (the advisor's cached answer).
    Each stage takes and returns plain typed values, so a test or ``scripts/bench.py`` can run
    (and time) any of them."""

    def __init__(
        self,
        snapshot: Snapshot,
        vocabulary: Vocabulary,
        top_k: int,
        earlier: Callable[[Request], Answer] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.vocabulary = vocabulary
        # Whether to explore, the search and the scope read the same texts: each once.
        self.readings = Readings(snapshot)
        self.words = ProfileWords(snapshot, vocabulary)
        self.understanding = Understanding(snapshot, vocabulary, self.readings, earlier)
        self.jobs = JobChooser(snapshot, vocabulary, self.readings, self.words)
        self.search = Search(snapshot, vocabulary, self.readings, self.words, top_k)
        self.helping = ChoosingHelp(snapshot, vocabulary, self.readings, self.words, self.search)
        self.scope = ScopeEvidenceFinder(snapshot, vocabulary, self.readings, self.words)

    def run(self, request: Request) -> Answer:
        """Every stage in turn; a greeting, thanks or goodbye gets a friendly word at once; a
        question for the jobs known, for jobs that fit the student or comparing jobs named
        takes its own way once understood."""
        language = reply_language(request)
        talk = small_talk_kind(request.message)
        if talk:
            return small_talk_reply(language, self.snapshot.titles, talk)
        understood = self.understand(request, language)
        helping = self.helping
        if understood.intent is Intent.BROWSE:
            return helping.browse(language)
        choice = self.choose_job(understood, request.page_profile)
        if choice is None and helping.asks_for_the_list(understood):
            return helping.browse(language)
        if helping.explores(understood, choice):
            return helping.explore(understood)
        compared = helping.compared_jobs(understood)
        if compared:
            return helping.compare(understood, compared)
        plan = self.plan_search(understood, choice)
        found = self.retrieve(plan, choice)
        verdict = self.judge_scope(understood, plan, found)
        if choice is None and helping.explores_instead(understood, found, verdict):
            return helping.explore(understood, ASKED_OF_JOBS)
        return self.compose(understood, plan, found, verdict)

    def understand(self, request: Request, language: str) -> Understood:
        """See :meth:`advisor.answer_path.understand.Understanding.understand`."""
        return self.understanding.understand(request, language)

    def choose_job(self, understood: Understood, page_profile: str | None) -> JobChoice | None:
        """See :meth:`advisor.answer_path.job_choice.JobChooser.choose_job`."""
        return self.jobs.choose_job(understood, page_profile)

    def plan_search(self, understood: Understood, choice: JobChoice | None) -> SearchPlan:
        """See :meth:`advisor.answer_path.search.Search.plan_search`."""
        return self.search.plan_search(understood, choice)

    def retrieve(self, plan: SearchPlan, choice: JobChoice | None) -> Found:
        """See :meth:`advisor.answer_path.search.Search.retrieve`."""
        return self.search.retrieve(plan, choice)

    def judge_scope(self, understood: Understood, plan: SearchPlan, found: Found) -> ScopeVerdict:
        """In scope, or why not (see :mod:`advisor.scope.judge`)."""
        return judge_scope(self.scope.scope_evidence(understood, plan, found))

    def compose(
        self, understood: Understood, plan: SearchPlan, found: Found, verdict: ScopeVerdict
    ) -> Answer:
        """An abstention, a question back (which job?), or the passages quoted."""
        snap, language = self.snapshot, understood.language
        if verdict.reason is not None:
            return abstention(language, snap.titles, verdict.reason, verdict.unknown_job)
        if found.choice.source is JobSource.UNCLEAR:
            titles = [snap.title_of[profile_id] for profile_id in found.choice.profile_ids]
            return clarification(language, understood.message, titles)
        topics = plan.query.topics
        related = snap.related.nearest(found.hits[0].chunk.profile_id)
        return build_answer(
            understood.corrected,
            found.hits,
            language,
            topics[0] if topics else None,
            snap.title_of.get(related or ""),
            plan.query.synonyms,
        )
