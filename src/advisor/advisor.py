"""The :class:`Advisor`: built once from settings, it answers questions. The API and the CLI
only talk to it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from advisor.abbreviations import Abbreviations
from advisor.answering import Answer, abstention, build_answer, small_talk_reply
from advisor.conversation import resolve_question
from advisor.embedding import Embedder, make_embedder
from advisor.errors import IndexMissing
from advisor.examples import ExampleClassifier, ExampleQuestions
from advisor.index import (
    BuildReport,
    IndexVersions,
    LoadedIndex,
    build_index,
    load_index,
    read_index,
)
from advisor.jobs import JobLexicon, names_only_jobs, without_mentions
from advisor.language import LANGUAGES, detect_language
from advisor.retrieval import FusionWeights, Query, Retriever
from advisor.scope import holds_every_word, judge_scope
from advisor.scope_words import ScopeWords
from advisor.settings import Settings
from advisor.smalltalk import small_talk_kind
from advisor.spelling import Speller
from advisor.synonyms import Synonyms
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
            lexicon.register_profile(profile.profile_id, [*_profile_names(profile.title), *aliases])
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

    def ask(self, message: str, history: Sequence[str] = (), language: str | None = None) -> Answer:
        """Answer ``message`` given the student's earlier messages (oldest first).

        Students ask the same things: answers are kept in a bounded LRU cache, keyed by the
        index version too, so a new version never serves an old answer.
        """
        snap = self._snapshot
        return self._cached(snap, message.strip(), tuple(history), language)

    def _answer(
        self, snap: Snapshot, message: str, history: tuple[str, ...], language: str | None
    ) -> Answer:
        if language not in LANGUAGES:
            # With nothing to go by in the message, the conversation's language is the best bet.
            usual = detect_language(" ".join(history)) if history else "fr"
            language = detect_language(message, default=usual)
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
        resolved = resolve_question(corrected, [clean(h) for h in history], language, guess_topic)
        find_jobs = lru_cache(maxsize=4)(snap.lexicon.find)  # the texts are often the same
        mentions = find_jobs(message) or find_jobs(corrected)
        profile_ids = tuple(dict.fromkeys(m.profile_id for m in mentions if m.profile_id))
        if not profile_ids and resolved.follows:
            earlier = find_jobs(resolved.follows)
            profile_ids = tuple(dict.fromkeys(m.profile_id for m in earlier if m.profile_id))
        # Once the profile is chosen, the job's own name only blurs the search: "c'est bien
        # payé, responsable de production ?" then looks like the FAQ about responsibility.
        known = [m for m in find_jobs(resolved.text) if m.profile_id]
        text = without_mentions(resolved.text, known)
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
        query = Query(text, topics, shares, profile_ids, self.synonyms.expand(text))
        hits = snap.retriever.search(query, self.settings.top_k, vectors)
        if hits and not profile_ids:
            # Never mix two jobs silently: quote only the profile of the best passage.
            best_profile = hits[0].chunk.profile_id
            hits = [hit for hit in hits if hit.chunk.profile_id == best_profile]
        best = hits[0] if hits else None
        verdict = judge_scope(
            mentions,
            best.chunk.text if best else None,
            snap.examples.scope_margins(vectors, similarities),
            snap.retriever.lexical.names_something_indexed(message),
            bool(resolved.topics) or snap.retriever.lexical.names_a_rare_name(text),
            self.scope_words.out_of_scope_odds(text),
            best is not None and holds_every_word(best.chunk.text, text, best.chunk.language),
        )
        if verdict.reason is not None:
            return abstention(language, snap.titles, verdict.reason, verdict.unknown_job)
        topic = topics[0] if topics else None
        return build_answer(corrected, hits, language, topic, snap.titles, query.synonyms)


def _example_classifier(
    index: LoadedIndex, examples: ExampleQuestions, embedders: Sequence[Embedder]
) -> ExampleClassifier:
    """The example questions' vectors from the index, or embedded now if they changed."""
    if index.manifest.examples_sha256 == examples.sha256:
        return ExampleClassifier(examples.labels, index.data.example_vectors)
    vectors = {e.name: e.embed_queries(list(examples.texts)) for e in embedders}
    return ExampleClassifier(examples.labels, vectors)


def _profile_names(title: str) -> list[str]:
    """A profile is known by its title, the title without its note, and the note itself:
    "Responsable de production (Manager)" → also "Responsable de production", "Manager"."""
    names = [title]
    if "(" in title and title.endswith(")"):
        bare, note = title[:-1].split("(", 1)
        names += [bare.strip(), note.strip()]
    return names
