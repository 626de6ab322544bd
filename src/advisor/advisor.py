"""The :class:`Advisor`: built once from settings, it answers questions. The API and the CLI
only talk to it; the stages of an answer are in :mod:`advisor.answer_path`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from advisor.answer_path import AnswerPath, ProfileInfo, Request, Snapshot, Vocabulary
from advisor.answering.compose import Answer
from advisor.embedding import Embedder, make_embedder
from advisor.errors import IndexMissing
from advisor.index import (
    BuildReport,
    IndexVersions,
    LoadedIndex,
    build_index,
    load_index,
    read_index,
)
from advisor.jobs.names import JobLexicon, title_names
from advisor.jobs.title_words import TitleWords
from advisor.retrieval.fusion import FusionWeights, Retriever
from advisor.retrieval.ranker import SectionRanker
from advisor.settings import Settings
from advisor.text.language import detect_language
from advisor.understanding.example_vectors import example_vectors
from advisor.understanding.examples import ExampleClassifier, ExampleQuestions
from advisor.understanding.spelling import Speller, general_words

__all__ = ["Advisor", "IndexFacts", "ProfileInfo", "Snapshot", "load_embedders"]


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
        # Read once: every index version is answered with the same word lists and examples.
        self.vocabulary = Vocabulary.packaged()
        self.ranker: SectionRanker | None = SectionRanker.packaged()
        self._snapshot = self._prepare(index)
        self._refreshing = threading.Lock()
        self._cached = lru_cache(maxsize=ANSWER_CACHE_SIZE)(self._answer)
        detect_language("warm up the language model")

    def _prepare(self, index: LoadedIndex) -> Snapshot:
        profiles = _profiles(index)
        lexicon = JobLexicon.packaged()
        for profile in profiles:
            aliases = index.manifest.aliases.get(profile.profile_id, [])
            lexicon.register_profile(profile.profile_id, [*title_names(profile.title), *aliases])
        title_words = TitleWords.of({profile.profile_id: profile.title for profile in profiles})
        speller = Speller(
            index.data.words
            | Speller.words_of([*index.manifest.profiles.values(), *self.vocabulary.examples.texts])
            | Speller.words_of(lexicon.names()),
            title_words.is_short_form,
        )
        lexicon.know_short_forms(partial(_short_form_owner, title_words, speller))
        return Snapshot(
            index=index,
            retriever=Retriever(index.data, self.embedders, self.weights, self.ranker),
            examples=_example_classifier(index, self.vocabulary.examples, self.embedders),
            lexicon=lexicon,
            speller=speller,
            profiles=profiles,
            title_words=title_words,
            interest_lexicon=self.vocabulary.interests,
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

    def topics_of(self, profile_id: str) -> tuple[str, ...]:
        """The topics of a profile's sections, in the order they come."""
        return self._snapshot.topics_of.get(profile_id, ())

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
        request = Request(message.strip(), tuple(history), language, profile, interface_language)
        return self._cached(self._snapshot, request)

    def answer_path(self) -> AnswerPath:
        """The stages of an answer over the version served now (see :mod:`advisor.answer_path`)."""
        return AnswerPath(self._snapshot, self.vocabulary, self.settings.top_k)

    def use_weights(self, weights: FusionWeights) -> None:
        """Rank with other fusion weights from now on (for measurements)."""
        self.weights = weights
        self._snapshot.retriever.weights = weights
        self._cached.cache_clear()

    def use_ranker(self, ranker: SectionRanker | None) -> None:
        """Order one profile's sections with this ranker from now on (None: by the fusion
        weights, for measurements)."""
        self.ranker = ranker
        self._snapshot.retriever.ranker = ranker
        self._cached.cache_clear()

    def clear_cache(self) -> None:
        """Forget the answers kept: the next question is answered anew (for benchmarks)."""
        self._cached.cache_clear()

    def _answer(self, snap: Snapshot, request: Request) -> Answer:
        # A follow-up naming no job stays on the job the previous message was answered from.
        earlier = partial(self._cached, snap)
        return AnswerPath(snap, self.vocabulary, self.settings.top_k, earlier).run(request)


def _example_classifier(
    index: LoadedIndex, examples: ExampleQuestions, embedders: Sequence[Embedder]
) -> ExampleClassifier:
    """The example questions' vectors from the index, else (they changed since its build)
    the shipped ones and the others embedded now."""
    if index.manifest.examples_sha256 == examples.sha256:
        return ExampleClassifier(examples.labels, index.data.example_vectors)
    vectors = {e.name: example_vectors(examples.texts, e) for e in embedders}
    return ExampleClassifier(examples.labels, vectors)


def _profiles(index: LoadedIndex) -> tuple[ProfileInfo, ...]:
    """Each profile of ``index``: its title, language and field of work."""
    columns = index.data.columns
    languages = dict(zip(columns.profile_id, columns.language, strict=True))
    return tuple(
        ProfileInfo(
            profile_id,
            title,
            languages.get(profile_id, "fr"),
            index.manifest.sectors.get(profile_id),
        )
        for profile_id, title in index.manifest.profiles.items()
    )


def _short_form_owner(title_words: TitleWords, speller: Speller, word: str) -> str | None:
    """The profile a short form of its title's word names ("archi"), when neither the
    profiles nor the languages use that word ("menu" is no "Menuisier", "info" no
    "Informaticien": the lexicon names the job that way if students do)."""
    owner = title_words.short_form_owner(word)
    if owner is None or speller.knows(word) or word in general_words():
        return None
    return owner
