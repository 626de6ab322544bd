"""The plain values passed between the stages of an answer.

In: what the student sent (:class:`Request`) and what the advisor answers with (a
:class:`Snapshot` of one index version, the packaged :class:`Vocabulary`). Out, stage by stage:
the question understood (:class:`Understood`), the search planned (:class:`SearchPlan`), the
passages found and the job they are about (:class:`Found`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from advisor.index import LoadedIndex
from advisor.index.centroids import profile_centroids
from advisor.jobs.choice import JobChoice
from advisor.jobs.interests import InterestLexicon, ProfileInterests
from advisor.jobs.names import JobLexicon, JobMention
from advisor.jobs.related import RelatedJobs
from advisor.jobs.title_words import TitleWords
from advisor.retrieval.fusion import Hit, Query, Retriever
from advisor.scope.words import ScopeWords
from advisor.text.language import LANGUAGES
from advisor.text.words import content_stems, fold
from advisor.understanding.abbreviations import Abbreviations
from advisor.understanding.conversation import ResolvedQuestion
from advisor.understanding.country import CountryNames
from advisor.understanding.examples import (
    ABOUT_NO_JOB,
    OUT_OF_SCOPE,
    ExampleClassifier,
    ExampleQuestions,
)
from advisor.understanding.intent import Intent, compares
from advisor.understanding.spelling import Speller
from advisor.understanding.synonyms import Synonyms

__all__ = [
    "Found",
    "ProfileInfo",
    "Request",
    "SearchPlan",
    "Snapshot",
    "Understood",
    "Vocabulary",
]


@dataclass(frozen=True)
class Request:
    """What the student sent: the message, their earlier messages (oldest first), the answer
    language asked for, the job of the page they ask from (a profile id) and its language."""

    message: str
    history: tuple[str, ...] = ()
    language: str | None = None
    page_profile: str | None = None
    interface_language: str | None = None


@dataclass(frozen=True)
class ProfileInfo:
    """A profile the advisor can quote."""

    profile_id: str
    title: str
    language: str
    sector: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The packaged word lists and example questions, the same for every index version."""

    examples: ExampleQuestions
    synonyms: Synonyms
    abbreviations: Abbreviations
    scope_words: ScopeWords
    generic_words: frozenset[str]  # stems of questions about any job: no job's own words
    interests: InterestLexicon  # what students want of a job, and the words offering it
    country: CountryNames  # the country every profile is about, as students name it

    @classmethod
    def packaged(cls) -> Vocabulary:
        examples = ExampleQuestions.packaged()
        return cls(
            examples=examples,
            synonyms=Synonyms.packaged(),
            abbreviations=Abbreviations.packaged(),
            scope_words=ScopeWords.learn(examples),
            generic_words=_words_of_job_questions(examples),
            interests=InterestLexicon.packaged(),
            country=CountryNames.packaged(),
        )


@dataclass(frozen=True, eq=False)
class Snapshot:
    """Everything one index version answers with. A request keeps the snapshot it started
    with, so a version published meanwhile never changes an answer half-way."""

    index: LoadedIndex
    retriever: Retriever
    examples: ExampleClassifier
    lexicon: JobLexicon
    speller: Speller
    profiles: tuple[ProfileInfo, ...]
    # Gathered once a version: 10,000 titles read anew took 280 ms a question.
    title_words: TitleWords
    interest_lexicon: InterestLexicon

    @cached_property
    def titles(self) -> tuple[str, ...]:
        # Every answer names the jobs it knows: 10,000 of them took 1.4 ms to gather anew.
        return tuple(profile.title for profile in self.profiles)

    @cached_property
    def title_of(self) -> dict[str, str]:
        return {profile.profile_id: profile.title for profile in self.profiles}

    @cached_property
    def language_of(self) -> dict[str, str]:
        return {profile.profile_id: profile.language for profile in self.profiles}

    @cached_property
    def topics_of(self) -> dict[str, tuple[str, ...]]:
        # Gathered when first asked for (GET /api/profiles), not at every start.
        columns = self.index.data.columns
        topics: dict[str, dict[str, None]] = {}
        for profile_id, topic in zip(columns.profile_id, columns.topic, strict=True):
            topics.setdefault(str(profile_id), {})[str(topic)] = None
        return {profile_id: tuple(found) for profile_id, found in topics.items()}

    @cached_property
    def interests(self) -> ProfileInterests:
        chunks, columns = self.retriever.chunks, self.index.data.columns
        return ProfileInterests(self.interest_lexicon, chunks, columns.profile_id)

    @cached_property
    def related(self) -> RelatedJobs:
        data, sectors = self.index.data, self.index.manifest.sectors
        centroids = data.centroids
        if centroids is None and data.vectors:  # a version made before centroids were kept
            vectors = next(iter(data.vectors.values()))
            columns = data.columns
            centroids = profile_centroids(columns.profile_id, columns.language, vectors)
        if centroids is None:  # no model: no likeness to go by
            return RelatedJobs((), np.zeros((0, 0), dtype=np.float32), sectors)
        return RelatedJobs.of(data.columns.profile_id, centroids, sectors)


@dataclass(frozen=True)
class Understood:
    """The question actually asked, before any job is chosen."""

    language: str  # of the answer
    message: str  # as typed
    corrected: str  # abbreviations spelled out, typos corrected
    resolved: ResolvedQuestion  # completed from the conversation, with its topics
    mentions: tuple[JobMention, ...]  # the jobs the message names, known or not
    known: tuple[JobMention, ...]  # the known jobs the resolved question names
    conversation_jobs: tuple[str, ...]  # the profiles last named, or last answered from
    intent: Intent = Intent.JOB  # facts about jobs, the jobs known, or jobs that fit
    mentions_in: str = ""  # the text the mentions were found in (as typed, or corrected)

    @property
    def compared(self) -> tuple[JobMention, ...]:
        """The jobs the message names to compare, once each, in order: two or more, one of
        them known at least; else none."""
        seen: dict[str, JobMention] = {}
        for mention in self.mentions:
            seen.setdefault(mention.profile_id or fold(mention.name), mention)
        named = tuple(seen.values())
        if len(named) < 2 or not any(m.profile_id for m in named):
            return ()
        # A job the knowledge lacks is only compared when the question compares.
        if not all(m.profile_id for m in named) and not compares(self.corrected):
            return ()
        return named


@dataclass(frozen=True)
class SearchPlan:
    """What to search: the query, the text the models read and its vectors, and its
    similarity to every example question (per model)."""

    query: Query
    text: str
    vectors: Mapping[str, np.ndarray]
    similarities: Mapping[str, np.ndarray]
    other_jobs: tuple[str, ...] = ()  # the names of jobs it names that have no profile
    own_words: Query | None = None  # a follow-up's words of its own, searched alone too


@dataclass(frozen=True)
class Found:
    """The passages to quote, the job they are about, and the profiles holding words of the
    question no other profile holds (with those words)."""

    hits: tuple[Hit, ...]
    choice: JobChoice
    own_words: Mapping[str, tuple[str, ...]]


def _words_of_job_questions(examples: ExampleQuestions) -> frozenset[str]:
    """The stems of the example questions about jobs, in every language: words any job's
    question uses ("payé", "horaires"), never one job's own."""
    about_jobs = [
        t
        for t, label in zip(examples.texts, examples.labels, strict=True)
        if label not in (OUT_OF_SCOPE, *ABOUT_NO_JOB)
    ]
    return frozenset(
        stem for lang in LANGUAGES for t in about_jobs for stem in content_stems(t, lang)
    )
