"""The :class:`Advisor`: built once from settings, it answers questions. The API and the CLI
only talk to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.answering import Answer, abstention, build_answer, small_talk_reply
from advisor.conversation import resolve_question
from advisor.embedding import Embedder, make_embedder
from advisor.errors import IndexMissing
from advisor.examples import ExampleClassifier, ExampleQuestions
from advisor.index import LoadedIndex, build_index, load_index
from advisor.index.build import BuildReport
from advisor.jobs import JobLexicon, without_mentions
from advisor.language import LANGUAGES, detect_language
from advisor.retrieval import FusionWeights, Query, Retriever
from advisor.scope import judge_scope
from advisor.settings import Settings
from advisor.smalltalk import small_talk_kind

__all__ = ["Advisor", "IndexFacts", "ProfileInfo", "load_embedders"]


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
    built_at: str
    chunk_count: int
    profiles: dict[str, str]
    models: tuple[str, ...]


def load_embedders(settings: Settings) -> list[Embedder]:
    return [make_embedder(name, threads=settings.threads) for name in settings.embedders]


class Advisor:
    """Answers questions from one loaded index."""

    def __init__(
        self,
        settings: Settings,
        index: LoadedIndex,
        embedders: Sequence[Embedder],
        lexicon: JobLexicon | None = None,
        weights: FusionWeights | None = None,
    ) -> None:
        self.settings = settings
        self.index = index
        self.retriever = Retriever(index.data, embedders, weights)
        self.examples = _example_classifier(index, embedders)
        languages = {chunk.profile_id: chunk.language for chunk in index.chunks}
        self.profiles = tuple(
            ProfileInfo(profile_id, title, languages.get(profile_id, "fr"))
            for profile_id, title in index.manifest.profiles.items()
        )
        self.titles = tuple(profile.title for profile in self.profiles)
        self.lexicon = lexicon or JobLexicon.packaged()
        for profile_id, title in index.manifest.profiles.items():
            aliases = index.manifest.aliases.get(profile_id, [])
            self.lexicon.register_profile(profile_id, [*_profile_names(title), *aliases])
        detect_language("warm up the language model")

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
        settings: Settings, progress: Callable[[int, int], None] | None = None
    ) -> BuildReport:
        """Index the knowledge folder with the models of ``settings``."""
        return build_index(
            settings.knowledge_dir, settings.index_dir, load_embedders(settings), progress
        )

    def facts(self) -> IndexFacts:
        manifest = self.index.manifest
        return IndexFacts(
            index_dir=str(self.index.directory),
            built_at=manifest.built_at,
            chunk_count=manifest.chunk_count,
            profiles=dict(manifest.profiles),
            models=tuple(entry.name for entry in manifest.models),
        )

    def _guess_topic(self, text: str) -> str | None:
        """The topic most of the nearest example questions of ``text`` are about."""
        shares = self.examples.topic_shares(self.retriever.embed(text))
        return max(shares, key=shares.__getitem__) if shares else None

    def ask(self, message: str, history: Sequence[str] = (), language: str | None = None) -> Answer:
        """Answer ``message`` given the student's earlier messages (oldest first)."""
        message = message.strip()
        if language not in LANGUAGES:
            # With nothing to go by in the message, the conversation's language is the best bet.
            usual = detect_language(" ".join(history)) if history else "fr"
            language = detect_language(message, default=usual)
        talk = small_talk_kind(message)
        if talk:
            return small_talk_reply(language, self.titles, thanks=talk == "thanks")
        resolved = resolve_question(message, history, language, self._guess_topic)
        mentions = self.lexicon.find(message)
        profile_ids = tuple(dict.fromkeys(m.profile_id for m in mentions if m.profile_id))
        if not profile_ids and resolved.follows:
            earlier = self.lexicon.find(resolved.follows)
            profile_ids = tuple(dict.fromkeys(m.profile_id for m in earlier if m.profile_id))
        # Once the profile is chosen, the job's own name only blurs the search: "c'est bien
        # payé, responsable de production ?" then looks like the FAQ about responsibility.
        known = [m for m in self.lexicon.find(resolved.text) if m.profile_id]
        text = without_mentions(resolved.text, known)
        vectors = self.retriever.embed(text)
        query = Query(text, resolved.topics, self.examples.topic_shares(vectors), profile_ids)
        hits = self.retriever.search(query, self.settings.top_k, vectors)
        if hits and not profile_ids:
            # Never mix two jobs silently: quote only the profile of the best passage.
            best_profile = hits[0].chunk.profile_id
            hits = [hit for hit in hits if hit.chunk.profile_id == best_profile]
        best = hits[0] if hits else None
        verdict = judge_scope(
            mentions,
            best.chunk.text if best else None,
            self.examples.scope_margin(vectors),
            self.retriever.lexical.names_something_indexed(message),
            bool(resolved.topics),
        )
        if verdict.reason is not None:
            return abstention(language, self.titles, verdict.reason, verdict.unknown_job)
        topic = resolved.topics[0] if resolved.topics else None
        return build_answer(message, hits, language, topic, self.titles)


def _example_classifier(index: LoadedIndex, embedders: Sequence[Embedder]) -> ExampleClassifier:
    """The example questions' vectors from the index, or embedded now if they changed."""
    examples = ExampleQuestions.packaged()
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
