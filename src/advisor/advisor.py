"""The :class:`Advisor`: built once from settings, it answers questions. The API and the CLI
only talk to it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from advisor.abbreviations import Abbreviations
from advisor.answering import (
    Answer,
    abstention,
    build_answer,
    clarification,
    small_talk_reply,
)
from advisor.conversation import ResolvedQuestion, resolve_question
from advisor.embedding import Embedder, make_embedder
from advisor.errors import IndexMissing
from advisor.examples import OUT_OF_SCOPE, ExampleClassifier, ExampleQuestions
from advisor.index import (
    BuildReport,
    IndexVersions,
    LoadedIndex,
    build_index,
    load_index,
    read_index,
)
from advisor.job_choice import (
    OWN_WORD_PASSAGES,
    JobChoice,
    JobSource,
    choose_before_search,
    choose_from_hits,
    common_words,
    first_of_each,
    profiles_holding_own_words,
    profiles_named,
)
from advisor.jobs import JobLexicon, JobMention, names_only_jobs, title_names, without_mentions
from advisor.language import LANGUAGES, detect_language, language_of_message
from advisor.retrieval import FusionWeights, Hit, Query, Retriever
from advisor.scope import holds_any, holds_every_word, judge_scope
from advisor.scope_words import ScopeWords
from advisor.settings import Settings
from advisor.smalltalk import small_talk_kind
from advisor.spelling import Speller
from advisor.synonyms import Synonyms
from advisor.text import content_stems, fold, words
from advisor.topics import INTRO

__all__ = ["Advisor", "IndexFacts", "ProfileInfo", "Snapshot", "load_embedders"]


@dataclass(frozen=True)
class ProfileInfo:
    """A profile the advisor can quote."""

    profile_id: str
    title: str
    language: str


@dataclass(frozen=True)
class IndexFacts:
    """What /api/health tells about the index being served."""

    index_dir: str
    version: str
    built_at: str
    chunk_count: int
    profiles: dict[str, str]
    models: tuple[str, ...]


def load_embedders(settings: Settings) -> list[Embedder]:
    return [make_embedder(name, threads=settings.threads) for name in settings.embedders]


ANSWER_CACHE_SIZE = 2048
# With several profiles and no job chosen yet (or several named), this many passages are ranked
# to tell which profile the question's words point to (or to find each named job's best).
CHOICE_HITS = 30
# A follow-up's own topic word switches topic only when this share of its nearest example
# questions agree: "et si je veux quitter l'usine ?" names the factory, it does not ask about
# working conditions (a scattered vote).
CLEAR_VOTE = 0.3


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

    @cached_property
    def titles(self) -> tuple[str, ...]:
        # Every answer names the jobs it knows: 10,000 of them took 1.4 ms to gather anew.
        return tuple(profile.title for profile in self.profiles)

    @cached_property
    def title_of(self) -> dict[str, str]:
        return {profile.profile_id: profile.title for profile in self.profiles}


class Advisor:
    """Answers questions from the published index; :meth:`refresh` follows new versions."""

    def __init__(
        self,
        settings: Settings,
        index: LoadedIndex,
        embedders: Sequence[Embedder],
        weights: FusionWeights | None = None,
    ) -> None:
        self.settings = settings
        self.embedders = tuple(embedders)
        self.weights = weights
        # Read once: every index version is answered with the same example questions.
        self.example_questions = ExampleQuestions.packaged()
        self._snapshot = self._prepare(index)
        self._refreshing = threading.Lock()
        self.synonyms = Synonyms.packaged()
        self.abbreviations = Abbreviations.packaged()
        self.scope_words = ScopeWords.learn(self.example_questions)
        self.generic_words = _words_of_job_questions(self.example_questions)
        self._cached = lru_cache(maxsize=ANSWER_CACHE_SIZE)(self._answer)
        detect_language("warm up the language model")

    def _prepare(self, index: LoadedIndex) -> Snapshot:
        columns = index.data.columns
        languages = dict(zip(columns.profile_id, columns.language, strict=True))
        profiles = tuple(
            ProfileInfo(profile_id, title, languages.get(profile_id, "fr"))
            for profile_id, title in index.manifest.profiles.items()
        )
        lexicon = JobLexicon.packaged()
        for profile in profiles:
            aliases = index.manifest.aliases.get(profile.profile_id, [])
            lexicon.register_profile(profile.profile_id, [*title_names(profile.title), *aliases])
        return Snapshot(
            index=index,
            retriever=Retriever(index.data, self.embedders, self.weights),
            examples=_example_classifier(index, self.example_questions, self.embedders),
            lexicon=lexicon,
            speller=Speller(
                index.data.words
                | Speller.words_of(
                    [*index.manifest.profiles.values(), *self.example_questions.texts]
                )
                | Speller.words_of(lexicon.names())
            ),
            profiles=profiles,
        )

    # The parts of the snapshot being served, for the API, the CLI and the scripts.
    @property
    def index(self) -> LoadedIndex:
        return self._snapshot.index

    @property
    def retriever(self) -> Retriever:
        return self._snapshot.retriever

    @property
    def examples(self) -> ExampleClassifier:
        return self._snapshot.examples

    @property
    def profiles(self) -> tuple[ProfileInfo, ...]:
        return self._snapshot.profiles

    @property
    def titles(self) -> tuple[str, ...]:
        return self._snapshot.titles

    @property
    def lexicon(self) -> JobLexicon:
        """The job names known now: the packaged lexicon and the profiles' own names."""
        return self._snapshot.lexicon

    def refresh(self) -> bool:
        """Serve the published version if it is not the one served; True if it switched.

        A version that fails to load is not served: the current one stays, and the error is
        raised for the caller to log.
        """
        with self._refreshing:
            expected = {e.name: e.model_id for e in self.embedders}
            published = IndexVersions(self.settings.index_dir).published_path()
            if published == self._snapshot.index.directory:
                return False
            snapshot = self._prepare(read_index(published, expected))
            self._snapshot = snapshot  # one assignment: requests see the old or the new
            self._cached.cache_clear()  # old answers would hold the old version in memory
            return True

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        build_if_missing: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> Advisor:
        """Load the models and the index; build the index first if asked and there is none."""
        embedders = load_embedders(settings)
        expected = {e.name: e.model_id for e in embedders}
        try:
            index = load_index(settings.index_dir, expected)
        except IndexMissing:
            if not build_if_missing:
                raise
            build_index(settings.knowledge_dir, settings.index_dir, embedders, progress)
            index = load_index(settings.index_dir, expected)
        return cls(settings, index, embedders)

    @staticmethod
    def build(
        settings: Settings,
        progress: Callable[[int, int], None] | None = None,
        full: bool = False,
    ) -> BuildReport:
        """Build and publish a new index version of the knowledge folder."""
        return build_index(
            settings.knowledge_dir,
            settings.index_dir,
            load_embedders(settings),
            progress,
            full=full,
        )

    def facts(self) -> IndexFacts:
        index = self._snapshot.index
        return IndexFacts(
            index_dir=str(index.directory),
            version=index.version,
            built_at=index.manifest.built_at,
            chunk_count=index.manifest.chunk_count,
            profiles=dict(index.manifest.profiles),
            models=tuple(entry.name for entry in index.manifest.models),
        )

    def ask(
        self,
        message: str,
        history: Sequence[str] = (),
        language: str | None = None,
        profile: str | None = None,
        interface_language: str | None = None,
    ) -> Answer:
        """Answer ``message`` given the student's earlier messages (oldest first).

        ``language`` forces the answer's language; ``profile`` is the job of the page the
        student asks from (a profile id) and ``interface_language`` the page's language, used
        when the question names no job, or says too little of its language.
        Students ask the same things: answers are kept in a bounded LRU cache, keyed by the
        index version too, so a new version never serves an old answer.
        """
        snap = self._snapshot
        return self._cached(
            snap, message.strip(), tuple(history), language, profile, interface_language
        )

    def _is_specific(self, snap: Snapshot, text: str) -> bool:
        """True when ``text`` holds a word of the profiles no question about any job uses."""
        return any(
            stem not in self.generic_words and not stem.isdigit()
            for stem in snap.retriever.lexical.query_stems(text)
        )

    def _own_word_profiles(self, snap: Snapshot, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` no other profile holds, with the words.
        A word of every page ("weer": again, or the weather) is no job's own however few
        profiles hold it."""
        lexical = snap.retriever.lexical
        common = common_words()
        rare = " ".join(word for word in words(text) if fold(word) not in common)
        return profiles_holding_own_words(
            lexical.query_stems(rare),
            lambda stem: lexical.postings(stem, OWN_WORD_PASSAGES),
            snap.index.data.columns.profile_id,
            self.generic_words,
        )

    def _search_and_choose(
        self,
        snap: Snapshot,
        query: Query,
        vectors: dict[str, np.ndarray],
        choice: JobChoice | None,
        text: str,
    ) -> tuple[list[Hit], JobChoice, dict[str, tuple[str, ...]]]:
        """The passages to quote and the job they are about: the job chosen already, or the
        one the question's words point to (``own``: the profiles holding its own words)."""
        # One job: its best few. Several, or none yet: enough to find each one's best.
        one_job = choice is not None and len(choice.profile_ids) == 1
        limit = self.settings.top_k if one_job else max(self.settings.top_k, CHOICE_HITS)
        hits = snap.retriever.search(query, limit, vectors)
        own: dict[str, tuple[str, ...]] = {}
        if choice is None:
            own = self._own_word_profiles(snap, text)
            choice = (
                choose_from_hits(hits, tuple(own)) if hits else JobChoice((), JobSource.UNCLEAR)
            )
        if choice.source is not JobSource.UNCLEAR:
            # Never mix two jobs silently: each job named leads with its own best passage.
            hits = first_of_each(hits, choice.profile_ids, self.settings.top_k)
        return hits, choice, own

    def _answer(
        self,
        snap: Snapshot,
        message: str,
        history: tuple[str, ...],
        language: str | None,
        page_profile: str | None,
        interface_language: str | None,
    ) -> Answer:
        language = _answer_language(message, history, language, interface_language)
        talk = small_talk_kind(message)
        if talk:
            return small_talk_reply(language, snap.titles, talk)

        def guess_topic(text: str) -> str | None:
            """The examples' clear choice of topic, if they make one."""
            shares = snap.examples.topic_shares(snap.retriever.embed(text))
            best = max(shares, key=shares.__getitem__) if shares else None
            return best if best and shares[best] >= CLEAR_VOTE else None

        def clean(text: str) -> str:
            # "pk" → "pourquoi", then typos corrected against the words the advisor knows
            # ("slaire" → "salaire", "infirmié" → "infirmier").
            return snap.speller.correct(self.abbreviations.spell_out(text, language))

        # Job names are looked for as written first.
        corrected = clean(message)
        cleaned_history = [clean(h) for h in history]
        resolved = resolve_question(corrected, cleaned_history, language, guess_topic)
        find_jobs = lru_cache(maxsize=8)(snap.lexicon.find)  # the texts are often the same
        mentions = find_jobs(message) or find_jobs(corrected)
        conversation = _conversation_jobs(history, cleaned_history, find_jobs)
        choice = choose_before_search(
            profiles_named(mentions), conversation, page_profile, snap.title_of
        )
        # Once the profile is chosen, the job's own name only blurs the search: "c'est bien
        # payé, responsable de production ?" then looks like the FAQ about responsibility.
        known = [m for m in find_jobs(resolved.text) if m.profile_id]
        others = {m.profile_id or "" for m in known} - set(choice.profile_ids if choice else ())
        text = without_mentions(resolved.text, known, others)
        vectors = snap.retriever.embed(text)
        similarities = snap.examples.similarities(vectors)  # for the topic and the scope
        shares = snap.examples.topic_shares(vectors, similarities)
        topics = resolved.topics
        if resolved.next_step:
            # "Et après ?" after the studies: the words are the studies', the question is not.
            shares = {topics[0]: 1.0}
        elif not resolved.follows and names_only_jobs(resolved.text, known):
            # Nothing but the job's name: the student asks what the job is.
            topics, shares = (INTRO,), {INTRO: 1.0}
        profile_ids = choice.profile_ids if choice else ()
        # Inside the job's profile its name is on every passage: a word BM25 would weigh as
        # rare all the same ("ya combien de cuisiniers ?" went to the passages naming it).
        lexical_text = (
            without_mentions(resolved.text, known, set(profile_ids)) if profile_ids else text
        )
        query = Query(
            lexical_text,
            topics,
            shares,
            profile_ids,
            self.synonyms.expand(lexical_text),
            self._is_specific(snap, lexical_text),
        )
        hits, choice, own = self._search_and_choose(snap, query, vectors, choice, text)
        best = hits[0] if hits else None
        verdict = judge_scope(
            mentions or _followed_jobs(resolved, find_jobs),
            best.chunk.text if best else None,
            snap.examples.scope_margins(vectors, similarities),
            best is not None and _names_what_it_quotes(snap, message, best),
            # A word only one profile holds ("tachygraphe") names a topic of it.
            bool(resolved.topics)
            or snap.retriever.lexical.names_a_rare_name(text)
            or len(own) == 1,
            self.scope_words.out_of_scope_odds(text),
            best is not None and _holds_the_question(best, text, own),
        )
        if verdict.reason is not None:
            return abstention(language, snap.titles, verdict.reason, verdict.unknown_job)
        if choice.source is JobSource.UNCLEAR:
            titles = [snap.title_of[profile_id] for profile_id in choice.profile_ids]
            return clarification(language, message, titles)
        topic = topics[0] if topics else None
        return build_answer(corrected, hits, language, topic, snap.titles, query.synonyms)


def _names_what_it_quotes(snap: Snapshot, message: str, best: Hit) -> bool:
    """True when ``message`` names a proper name of the texts that the passage quoted holds:
    with many jobs, "t'es un robot ?" names a "Robot" of another profile than the page's."""
    lexical = snap.retriever.lexical
    return lexical.names_something_indexed(message) and holds_any(
        best.chunk.text, tuple(lexical.name_stems(message)), best.chunk.language
    )


def _holds_the_question(best: Hit, text: str, own: dict[str, tuple[str, ...]]) -> bool:
    """True when the passage quoted holds every meaningful word of the question, or the words
    of it only this job's profile holds ("c'est quoi un moodboard ?")."""
    chunk = best.chunk
    if holds_every_word(chunk.text, text, chunk.language):
        return True
    return len(own) == 1 and holds_any(chunk.text, own.get(chunk.profile_id, ()), chunk.language)


def _words_of_job_questions(examples: ExampleQuestions) -> frozenset[str]:
    """The stems of the example questions about jobs, in every language: words any job's
    question uses ("payé", "horaires"), never one job's own."""
    about_jobs = [
        t for t, label in zip(examples.texts, examples.labels, strict=True) if label != OUT_OF_SCOPE
    ]
    return frozenset(
        stem for lang in LANGUAGES for t in about_jobs for stem in content_stems(t, lang)
    )


def _answer_language(
    message: str, history: Sequence[str], language: str | None, interface_language: str | None
) -> str:
    """The language asked for; else the message's, with the page's for a short message;
    else, with nothing to go by in the message, the conversation's."""
    if language in LANGUAGES:
        return language
    if interface_language in LANGUAGES:
        return language_of_message(message, interface_language)
    usual = detect_language(" ".join(history)) if history else "fr"
    return detect_language(message, default=usual)


def _followed_jobs(
    resolved: ResolvedQuestion, find_jobs: Callable[[str], list[JobMention]]
) -> list[JobMention]:
    """The known jobs of the message a follow-up leans on, when it asks about a topic ("et
    c'est bien payé ?", "en hoeveel verdient hij?"): about that job, it is in scope."""
    if not resolved.follows or not resolved.topics:
        return []
    return [m for m in find_jobs(resolved.follows) if m.profile_id]


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


def _example_classifier(
    index: LoadedIndex, examples: ExampleQuestions, embedders: Sequence[Embedder]
) -> ExampleClassifier:
    """The example questions' vectors from the index, or embedded now if they changed."""
    if index.manifest.examples_sha256 == examples.sha256:
        return ExampleClassifier(examples.labels, index.data.example_vectors)
    vectors = {e.name: e.embed_queries(list(examples.texts)) for e in embedders}
    return ExampleClassifier(examples.labels, vectors)
