"""The answer path, as named stages: understand the question → choose the job → plan the
search → retrieve → judge scope → compose (or, to help choose: browse, explore, compare).

Each stage is a method of :class:`AnswerPath` taking and returning plain typed values, so a
test or ``scripts/bench.py`` can run (and time) any of them; :meth:`AnswerPath.run` chains
them. An :class:`AnswerPath` answers from one :class:`Snapshot` (one index version) with the
packaged :class:`Vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache, partial

import numpy as np

from advisor.answering.choosing import ComparedJob, JobEntry, comparison, exploration, job_list
from advisor.answering.compose import (
    Answer,
    AnswerKind,
    abstention,
    build_answer,
    clarification,
    small_talk_reply,
)
from advisor.index import LoadedIndex
from advisor.index.centroids import profile_centroids
from advisor.jobs.choice import (
    OWN_WORD_PASSAGES,
    JobChoice,
    JobSource,
    choose_before_search,
    choose_by_field,
    choose_from_hits,
    common_words,
    first_of_each,
    profiles_holding_own_words,
    profiles_named,
)
from advisor.jobs.interests import InterestLexicon, ProfileInterests
from advisor.jobs.names import (
    JobLexicon,
    JobMention,
    is_a_step_on,
    is_a_step_up,
    name_tokens,
    names_only_jobs,
    without_job_names,
    without_mentions,
)
from advisor.jobs.related import RelatedJobs
from advisor.retrieval.fusion import Hit, Query, Retriever
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.merging import MERGED_DEPTH, merge_rankings
from advisor.scope.judge import (
    AbstentionReason,
    FollowUpEvidence,
    ScopeEvidence,
    ScopeVerdict,
    holds_any,
    holds_every_word,
    judge_scope,
    reads_as_a_job_question,
)
from advisor.scope.words import ScopeWords
from advisor.text.language import LANGUAGES, detect_language, language_of_message
from advisor.text.topics import INTRO, topics_of_question
from advisor.text.words import FOLDED_STOPWORDS, content_stems, fold, words
from advisor.understanding.abbreviations import Abbreviations
from advisor.understanding.conversation import (
    ResolvedQuestion,
    is_elliptic,
    offers_another_case,
    resolve_question,
)
from advisor.understanding.country import CountryNames
from advisor.understanding.examples import (
    ABOUT_NO_JOB,
    BROWSE,
    EXPLORE,
    OUT_OF_SCOPE,
    ExampleClassifier,
    ExampleQuestions,
)
from advisor.understanding.intent import (
    Intent,
    addresses_the_advisor,
    asks_a_task,
    asks_something,
    asks_the_advisors_taste,
    compares,
    question_intent,
    speaks_of_self,
    wants_to_become,
    without_framing,
)
from advisor.understanding.smalltalk import small_talk_kind
from advisor.understanding.spelling import Speller
from advisor.understanding.synonyms import Synonyms

__all__ = [
    "AnswerPath",
    "Found",
    "ProfileInfo",
    "Request",
    "SearchPlan",
    "Snapshot",
    "Understood",
    "Vocabulary",
    "CHOICE_HITS",
    "CLEAR_VOTE",
    "EXPLORE_JOBS",
]

# With several profiles and no job chosen yet (or several named), this many passages are ranked
# to tell which profile the question's words point to (or to find each named job's best).
CHOICE_HITS = 30
# An exploration quotes the best passage of this many jobs at most.
EXPLORE_JOBS = 3


@dataclass(frozen=True)
class ExploreWeights:
    """How much each model's likeness, and the interest file's words, count in an exploration."""

    models: Mapping[str, float]  # a model absent counts 1
    interests: float


# What the student says of themself is read more by USE (trained on conversations) than by
# e5 (on retrieval), and the interest file's words count a little less than both: on the
# explorations of choose, explore dev and explore dev 2 (154), expected job first 0.857 with
# every weight 1, 0.896 with these (e5 0.4-0.5 and interests 0.625-0.875: 0.870-0.896).
ABOUT_THE_STUDENT = ExploreWeights({"e5": 0.5}, 0.75)
# A question on a job's work that no one job's words answer ("als je koeien hebt moet je dan
# ook op zondag werken?"): e5 reads it as well as USE (sections dev lost two with the above).
ASKED_OF_JOBS = ExploreWeights({}, 1.0)
# A message naming no job is explored when this share of its nearest example messages are
# students' words about themselves (data/explore_examples.txt).
EXPLORE_VOTE = 0.35
# A message naming no job asks for the list of jobs when this share of its nearest example
# messages ask for it (data/browse_examples.txt).
BROWSE_VOTE = 0.6
# A follow-up's own topic word switches topic only when this share of its nearest example
# questions agree: "et si je veux quitter l'usine ?" names the factory, it does not ask about
# working conditions (a scattered vote).
CLEAR_VOTE = 0.3
# A follow-up is read alone for its scope when its job was not named in it but in the
# conversation, or its words point to it: off-topic follow-ups abstained 12 → 27 of 40 on
# tests/data/followups_scope.json (held out: 13 → 33 of 40). Not on a job's page nor with one
# profile: "what time does it start?" after "what does a typical day look like?", on the
# seed's French page, has no word of it and reads alone like a shop's opening hours.
_FOLLOWED_SOURCES = frozenset({JobSource.CONVERSATION, JobSource.WORDS})
# The job spoken of without being named in the message: a rank risen to in it ("et qd on
# devient chef d'équipe ?") is no other job.
_SPOKEN_OF_SOURCES = frozenset({JobSource.CONVERSATION, JobSource.PAGE})
# A follow-up switching job by what it says: its own words are searched alone too. One that
# describes the other job is judged as a question in its own right, not read as a follow-up
# on the job it leaves ("et pour couper les cheveux dans un salon ?" sounds less like a job
# question alone than the threshold of a follow-up asks).
_SWITCHED_SOURCES = frozenset({JobSource.WORDS, JobSource.DESCRIBED})
# A word only one profile holds, in this many passages or more, is one of its themes even if
# an everyday word ("camion"): a follow-up naming it switches to that job. One passage may
# name a word in passing: with 1, follow-ups dev 2 fell 57 → 53 of 60 (3 and 6: the same).
THEME_PASSAGES = 3
# A follow-up setting another case ("et pour couper les cheveux ?") describes another job
# when this many of its best passages, read alone, are all that job's: on the follow-ups of
# dev, dev 2, dev 3 and scope (208 conversations), 3 such switches and none of the others
# (followups dev 3: 49 → 52 of 60; "and do they get a van?" has 3 of 5, the truck driver's).
DESCRIBED_HITS = 5
# A follow-up with this many meaningful words of its own is searched with them alone too.
_OWN_WORDS = 2


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


class AnswerPath:
    """The stages of one answer, over one snapshot; ``top_k`` passages are quoted."""

    def __init__(
        self,
        snapshot: Snapshot,
        vocabulary: Vocabulary,
        top_k: int,
        earlier: Callable[[Request], Answer] | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.vocabulary = vocabulary
        self.top_k = top_k
        # The answer to an earlier message of the conversation (the advisor's cached one).
        self.earlier = earlier
        # Whether to explore and the search read the same text's vectors, and its similarity
        # to the example questions: each computed once.
        self.embed = lru_cache(maxsize=8)(snapshot.retriever.embed)
        self.example_similarities = lru_cache(maxsize=8)(self._example_similarities)

    def run(self, request: Request) -> Answer:
        """Every stage in turn; a greeting, thanks or goodbye gets a friendly word at once; a
        question for the jobs known, for jobs that fit the student or comparing jobs named
        takes its own way once understood."""
        language = reply_language(request)
        talk = small_talk_kind(request.message)
        if talk:
            return small_talk_reply(language, self.snapshot.titles, talk)
        understood = self.understand(request, language)
        if understood.intent is Intent.BROWSE:
            return self.browse(language)
        choice = self.choose_job(understood, request.page_profile)
        if choice is None and self.asks_for_the_list(understood):
            return self.browse(language)
        if self.explores(understood, choice):
            return self.explore(understood)
        compared = self.compared_jobs(understood)
        if compared:
            return self.compare(understood, compared)
        plan = self.plan_search(understood, choice)
        found = self.retrieve(plan, choice)
        verdict = self.judge_scope(understood, plan, found)
        if choice is None and self.explores_instead(understood, found, verdict):
            return self.explore(understood, ASKED_OF_JOBS)
        return self.compose(understood, plan, found, verdict)

    # --- understand ---------------------------------------------------------------------

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
            self.guess_topic,
            lambda text: without_job_names(text, find_jobs(text)),
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
        words the advisor knows ("slaire" → "salaire", "infirmié" → "infirmier")."""
        spelled = self.vocabulary.abbreviations.spell_out(text, language)
        return self.snapshot.speller.correct(spelled)

    def _example_similarities(self, text: str) -> Mapping[str, np.ndarray]:
        """Per model, the similarity of ``text`` to every example message."""
        return self.snapshot.examples.similarities(self.embed(text))

    def guess_topic(self, text: str) -> str | None:
        """The example questions' clear choice of topic for ``text``, if they make one."""
        snap = self.snapshot
        shares = snap.examples.topic_shares(self.embed(text), self.example_similarities(text))
        best = max(shares, key=shares.__getitem__) if shares else None
        return best if best and shares[best] >= CLEAR_VOTE else None

    # --- choose the job -----------------------------------------------------------------

    def choose_job(self, understood: Understood, page_profile: str | None) -> JobChoice | None:
        """The job named, the conversation's, the page's or the only one; None when only the
        question's words can tell (see :meth:`retrieve`)."""
        choice = choose_before_search(
            profiles_named(list(understood.mentions)),
            understood.conversation_jobs,
            page_profile,
            self.snapshot.title_of,
        )
        if choice is not None and choice.source is JobSource.CONVERSATION:
            switched = self._switched_by_its_words(understood, choice)
            if switched is choice:
                switched = self._switched_by_what_it_describes(understood, choice)
            return switched
        if choice is not None and choice.source is JobSource.NAMED:
            return self._stepped_on_from(understood, choice)
        return choice

    def _stepped_on_from(self, understood: Understood, choice: JobChoice) -> JobChoice:
        """The conversation's job, when the one job named is one to go on to from it later and
        its profile speaks of it ("après on peut devenir infirmière ?" after a nursing aide's
        training: the aide's page says how); else the job named."""
        conversation = understood.conversation_jobs
        if (
            len(choice.profile_ids) != 1
            or len(conversation) != 1
            or conversation == choice.profile_ids
        ):
            return choice
        named = [m for m in understood.mentions if m.profile_id in choice.profile_ids]
        if len(named) != 1 or not is_a_step_on(understood.mentions_in, named[0]):
            return choice
        if not self._speaks_of(conversation[0], choice.profile_ids[0]):
            return choice
        return JobChoice(conversation, JobSource.STEP_ON)

    def _speaks_of(self, profile_id: str, other: str) -> bool:
        """True when a passage of ``profile_id`` names the job of profile ``other``, under any
        of its names ("infirmier(ère)" on the nursing aide's page)."""
        snap = self.snapshot
        rows = np.flatnonzero(snap.index.data.columns.profile_id == profile_id)
        chunks = [snap.retriever.chunks[int(row)] for row in rows]
        return any(
            mention.profile_id == other
            for chunk in chunks
            for mention in snap.lexicon.find(chunk.text, chunk.language)
        )

    def _switched_by_what_it_describes(
        self, understood: Understood, choice: JobChoice
    ) -> JobChoice:
        """Another job, when a follow-up setting another case ("et pour couper les cheveux
        dans un salon ?" after a shop assistant's Saturdays) is, read alone, one other job's
        only: its first passages all that job's, in whatever language its profile is."""
        message = understood.corrected
        if len(choice.profile_ids) != 1 or not offers_another_case(message):
            return choice
        hits = self.snapshot.retriever.search(
            Query(text=message), DESCRIBED_HITS, self.embed(message)
        )
        owners = {hit.chunk.profile_id for hit in hits}
        if len(hits) < DESCRIBED_HITS or len(owners) != 1 or owners <= set(choice.profile_ids):
            return choice
        return JobChoice(tuple(owners), JobSource.DESCRIBED)

    def _switched_by_its_words(self, understood: Understood, choice: JobChoice) -> JobChoice:
        """Another job, when the follow-up's own words are only that job's profile's: "et pr
        conduire un camion ?" after a cook's age to start is the truck driver's."""
        if len(choice.profile_ids) != 1:
            return choice
        message = understood.corrected
        owners = tuple(self.theme_owners(message))
        if len(owners) != 1 or owners[0] in choice.profile_ids:
            return choice
        # A profile in another language holds none of the message's words: another job's
        # word then says little ("les pompes à chaleur ça va tuer le métier ?" after the
        # English plumber's page is not the cook's "chaleur"), unless the message sets
        # another case ("et pr conduire un camion ?").
        spoken = self.snapshot.language_of.get(choice.profile_ids[0])
        if spoken != understood.language and not offers_another_case(message):
            return choice
        # Read alone, it must still sound like a question about a job: "en welk weer wordt het
        # morgen?" names the farmer's "weer" (the weather) and leaves the electrician for no job.
        odds = self.vocabulary.scope_words.out_of_scope_odds(message)
        if not reads_as_a_job_question(self._job_margins(message), odds):
            return choice
        return JobChoice(owners, JobSource.WORDS)

    # --- plan the search ----------------------------------------------------------------

    def plan_search(self, understood: Understood, choice: JobChoice | None) -> SearchPlan:
        """The query: the question without the names of jobs it is not about, its vectors,
        its topics (named, and voted by the nearest example questions)."""
        resolved, known = understood.resolved, list(understood.known)
        if choice is not None and choice.source is JobSource.STEP_ON:
            known = []  # the job gone on to is what the conversation's profile is searched for
        profile_ids = choice.profile_ids if choice else ()
        # Once the profile is chosen, the job's own name only blurs the search: "c'est bien
        # payé, responsable de production ?" then looks like the FAQ about responsibility,
        # and on an English profile "la sciure de bois c toxique pour un menuisier ?" like
        # the one passage naming the school option "Menuisier" (one-word names cut too: new
        # jobs dev hit@3 0.844 → 0.889, sections dev 0.718 → 0.731, many jobs dev 0.761 →
        # 0.752).
        text = without_mentions(resolved.text, known, {m.profile_id or "" for m in known})
        if resolved.topics:
            # The topic decides the section; the country drew the models to the headings
            # naming it ("Où se former et travailler en Belgique ?" for a chef's pay).
            text = self.vocabulary.country.without(text)
        vectors = self.embed(text)
        similarities = self.example_similarities(text)
        topics, shares = self._topics(understood, vectors, similarities)
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
            self.vocabulary.synonyms.expand(lexical_text),
            self._is_specific(lexical_text),
        )
        other_jobs = tuple(m.name for m in understood.mentions if m.profile_id is None)
        plan = SearchPlan(query, text, vectors, similarities, other_jobs)
        # Before the search, only a switch by the follow-up's words chooses a job by its words.
        switched = bool(understood.mentions) or (
            choice is not None and choice.source in _SWITCHED_SOURCES
        )
        own = _words_of_its_own(understood, switched)
        if own is not None:
            own_query = replace(query, text=own, synonyms=self.vocabulary.synonyms.expand(own))
            return replace(plan, own_words=own_query)
        return plan

    def _topics(
        self,
        understood: Understood,
        vectors: Mapping[str, np.ndarray],
        similarities: Mapping[str, np.ndarray],
    ) -> tuple[tuple[str, ...], dict[str, float]]:
        """The topics the question names, and their shares among its nearest examples."""
        resolved = understood.resolved
        if resolved.next_step:
            # "Et après ?" after the studies: the words are the studies', the question is not.
            return resolved.topics, {resolved.topics[0]: 1.0}
        if not resolved.follows and names_only_jobs(resolved.text, list(understood.known)):
            # Nothing but the job's name: the student asks what the job is.
            return (INTRO,), {INTRO: 1.0}
        return resolved.topics, self.snapshot.examples.topic_shares(vectors, similarities)

    def _is_specific(self, text: str) -> bool:
        """True when ``text`` holds a word of the profiles no question about any job uses."""
        generic = self.vocabulary.generic_words
        return any(
            stem not in generic and not stem.isdigit()
            for stem in self.snapshot.retriever.lexical.query_stems(text)
        )

    # --- retrieve -----------------------------------------------------------------------

    def retrieve(self, plan: SearchPlan, choice: JobChoice | None) -> Found:
        """The passages to quote and the job they are about: the job chosen already, or the
        one the question's own words point to."""
        # One job: its best few. Several, or none yet: enough to find each one's best.
        if choice is not None and len(choice.profile_ids) == 1:
            hits = self.one_job_hits(plan, choice.profile_ids)
        else:
            limit = max(self.top_k, CHOICE_HITS)
            hits = self.snapshot.retriever.search(plan.query, limit, plan.vectors)
        own: dict[str, tuple[str, ...]] = {}
        if choice is None:
            own = self.own_word_profiles(plan.text) or self.profiles_naming(plan.other_jobs)
            own = self._naming_a_name(own, plan.text)
            choice = (
                choose_from_hits(hits, tuple(own)) if hits else JobChoice((), JobSource.UNCLEAR)
            )
            if choice.source is JobSource.UNCLEAR and not own and plan.query.topics:
                choice = self.choose_by_field(plan.text) or choice
            if choice.source is not JobSource.UNCLEAR and len(choice.profile_ids) == 1:
                # The job known now, its sections are ranked as if it had been named.
                hits = self.one_job_hits(plan, choice.profile_ids)
        if choice.source is not JobSource.UNCLEAR:
            # Never mix two jobs silently: each job named leads with its own best passage.
            hits = first_of_each(hits, choice.profile_ids, self.top_k)
        return Found(tuple(hits), choice, own)

    def one_job_hits(self, plan: SearchPlan, profile_ids: tuple[str, ...]) -> list[Hit]:
        """The best passages of the one job chosen. A follow-up with words of its own is
        searched with the conversation it continues and with those words alone, the two
        rankings merged (see :mod:`advisor.retrieval.merging`)."""
        search = self.snapshot.retriever.search
        query = replace(plan.query, profile_ids=profile_ids)
        if plan.own_words is None:
            return search(query, self.top_k, plan.vectors)
        own = replace(plan.own_words, profile_ids=profile_ids)
        rankings = [
            search(query, MERGED_DEPTH, plan.vectors),
            # The scope of a follow-up reads the same text alone: one vector, cached.
            search(own, MERGED_DEPTH, self.embed(own.text)),
        ]
        return merge_rankings(rankings, self.top_k)

    def choose_by_field(self, text: str) -> JobChoice | None:
        """The one profile offering the field a question on a topic asks about ("le graduat
        en programmation c plus court ?", "les écoles pour la mécanique auto"), by the words
        of the interest file; None when no profile stands out. A question asking for a field
        with no topic ("bosser avec des animaux ?") explores instead. Only in an index the
        fusion scores whole (a large one would count the field's words in every passage)."""
        snap = self.snapshot
        facets = self.vocabulary.interests.asked(text)
        if not facets or snap.retriever.graphs:
            return None
        rows = np.arange(len(snap.retriever.chunks))
        return choose_by_field(snap.interests.profile_evidence(rows, facets))

    def profiles_naming(self, names: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The profiles whose passages name these jobs without a profile of their own, with
        the names: "un chef d'atelier dans un garage il touche combien" is the mechanic's
        when only the mechanic's profile speaks of the "chef d'atelier"."""
        lexical = self.snapshot.retriever.lexical
        named: dict[str, list[str]] = {}
        for name in names:
            found = [
                lexical.postings(stem, OWN_WORD_PASSAGES) for stem in lexical.query_stems(name)
            ]
            rows = min((r for r in found if r is not None), key=len, default=None)
            for profile in self._profiles_saying(name, rows if rows is not None else ()):
                named.setdefault(profile, []).append(name)
        return {profile: tuple(found_names) for profile, found_names in named.items()}

    def _profiles_saying(self, name: str, rows: Iterable[int]) -> set[str]:
        """The profiles of ``rows`` whose text holds ``name`` (a mention's words)."""
        chunks = self.snapshot.index.chunks
        wanted = f" {name} "
        return {
            chunks[int(row)].profile_id
            for row in rows
            if wanted in " " + " ".join(name_tokens(chunks[int(row)].text)) + " "
        }

    def own_word_profiles(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` no other profile holds, with the words.
        A word of every page ("weer": again, or the weather) is no job's own however few
        profiles hold it."""
        common = common_words()
        return self._profiles_owning(" ".join(w for w in words(text) if fold(w) not in common))

    def _naming_a_name(
        self, own: dict[str, tuple[str, ...]], text: str
    ) -> dict[str, tuple[str, ...]]:
        """Of several profiles holding words of ``text`` no other holds, the one whose words
        hold a proper name of the texts, when only one does: "c quoi le FIFO quand on remplit
        les rayons" is the Dutch shop assistant's "FIFO", not the French truck driver's
        "rayon" (in another sense)."""
        if len(own) < 2:
            return own
        names = self.snapshot.retriever.lexical.name_stems(text)
        naming = {profile: stems for profile, stems in own.items() if names & set(stems)}
        return naming if len(naming) == 1 else own

    def theme_owners(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` in several passages, no other profile
        holding it: "camion", an everyday word, is one of the truck driver's themes."""
        lexical = self.snapshot.retriever.lexical
        themes = {
            profile: tuple(s for s in stems if _passages_holding(lexical, s) >= THEME_PASSAGES)
            for profile, stems in self._profiles_owning(text).items()
        }
        return {profile: stems for profile, stems in themes.items() if stems}

    def _profiles_owning(self, text: str) -> dict[str, tuple[str, ...]]:
        """The profiles holding a word of ``text`` that no other profile holds (see
        :func:`advisor.jobs.choice.profiles_holding_own_words`)."""
        snap = self.snapshot
        lexical = snap.retriever.lexical
        return profiles_holding_own_words(
            lexical.query_stems(text),
            lambda stem: lexical.postings(stem, OWN_WORD_PASSAGES),
            snap.index.data.columns.profile_id,
            self.vocabulary.generic_words,
        )

    # --- help choose: compare, explore, browse ---------------------------------------

    def compared_jobs(self, understood: Understood) -> tuple[tuple[str, str | None], ...]:
        """The jobs to compare, as named with their profile ids (None: unknown): those the
        message names, or, for a follow-up naming none ("et les horaires ?"), those the
        conversation compared."""
        if understood.compared:
            return tuple((m.name, m.profile_id) for m in understood.compared)
        conversation = understood.conversation_jobs
        if understood.mentions or not understood.resolved.follows or len(conversation) < 2:
            return ()
        return tuple((self.snapshot.title_of[p], p) for p in conversation)

    def compare(self, understood: Understood, compared: Sequence[tuple[str, str | None]]) -> Answer:
        """Each job compared, its best passage on the question's topic, in the order named."""
        plan = self.plan_comparison(understood)
        jobs = []
        for name, profile_id in compared:
            hit = None
            if profile_id is not None:
                query = replace(plan.query, profile_ids=(profile_id,))
                hits = self.snapshot.retriever.search(query, 1, plan.vectors)
                hit = hits[0] if hits else None
            title = self.snapshot.title_of.get(profile_id or "")
            jobs.append(ComparedJob(name, profile_id, title, hit))
        topics = plan.query.topics
        return comparison(
            understood.corrected, jobs, understood.language, topics[0] if topics else None
        )

    def plan_comparison(self, understood: Understood) -> SearchPlan:
        """The search each compared job's profile gets: the question without any job's name
        nor the words that only set the jobs against each other ("lequel", "or", "vs")."""
        resolved, known = understood.resolved, understood.known
        named = without_mentions(resolved.text, known, {m.profile_id or "" for m in known})
        text = without_framing(named)
        if content_stems(text, understood.language):
            understood = replace(understood, resolved=replace(resolved, text=text), known=())
        return self.plan_search(understood, JobChoice((), JobSource.NAMED))

    def asks_for_the_list(self, understood: Understood) -> bool:
        """True when a message naming no job, nor what the student likes, is near the example
        messages asking for the jobs known ("je peux te demander sur quels jobs ?";
        ``data/browse_examples.txt``). One asking which jobs fit, in words of the list
        ("tu gères quels métiers dans la construction ?"), is voted on too: browse dev 2
        30 → 32 of 40, explorations unchanged. Only asked when nothing ties the message to a
        job (no job in the conversation, none on the page, several profiles): there, a question
        on the job's own openings reads like one for the list (held-out 3 lost one at hit@3)."""
        if understood.intent not in (Intent.JOB, Intent.EXPLORE) or understood.resolved.follows:
            return False
        if understood.mentions or understood.known:
            return False
        # The text the search embeds (the message itself, not being a follow-up): one vector.
        similarities = self.example_similarities(understood.resolved.text)
        examples = self.snapshot.examples
        listing = examples.share(BROWSE, similarities)
        # "ik maak alle affiches voor onze chiro" is as near the students' words about
        # themselves (0.71 each): what fits them, not the list.
        return listing >= BROWSE_VOTE and listing > examples.share(EXPLORE, similarities)

    def explores(self, understood: Understood, choice: JobChoice | None) -> bool:
        """True when the question asks for jobs that fit the student and names none: asked
        outright ("un métier sans longues études ?"), or, when no job is in the conversation
        or on the page, what they like ("j'aime travailler dehors") or what they are, in
        words of the interest file ("la bouffe c'est ma passion…"). A job the knowledge lacks
        may be named in what they are ("je convaincs les profs"), not one it holds."""
        known = understood.known or any(m.profile_id for m in understood.mentions)
        if known or len(self.snapshot.profiles) < 2:
            return False
        if asks_the_advisors_taste(understood.message):
            return False  # "do u like football?" is the advisor's taste, not the student's
        if understood.intent is Intent.EXPLORE:
            return True
        if choice is not None:
            return False  # only what they like: about the job of the conversation or page
        if understood.mentions and wants_to_become(understood.corrected):
            return False  # "je veux devenir juge": that job, which it has no profile of
        if self.sounds_like_exploring(understood.resolved.text):
            # Jobs the knowledge lacks named in it are people of the student's story ("je
            # convaincs les profs", "plaider devant un juge"), not what they ask about.
            return True
        if understood.mentions:
            return False  # "un juge gagne combien ?": that job, which it has no profile of
        if understood.intent is Intent.JOB:
            # "la bouffe c'est ma passion, le dimanche c'est moi qui fais le dîner…": no
            # "j'aime", but about the student, and what they want of a job.
            text = understood.resolved.text
            if understood.resolved.topics and asks_something(understood.corrected):
                return False
            return speaks_of_self(understood.message) and bool(
                self.vocabulary.interests.asked(text)
            )
        # A question on a topic of the one job whose own words it uses is that job's ("ik
        # wil later pleiten, waar kan ik dat studeren?"); a statement is not ("je kiffe
        # cuisiner pour mes potes le weekend").
        text = understood.resolved.text
        return not (
            understood.resolved.topics
            and asks_something(understood.corrected)
            and len(self.own_word_profiles(text)) == 1
        )

    def explores_instead(self, understood: Understood, found: Found, verdict: ScopeVerdict) -> bool:
        """True when a message naming no job nor topic, in scope but which the search cannot
        tie to one job (it would ask which one), asks for something a job offers ("bosser au
        grand air avec des animaux ?"): the jobs that offer it are what it wants."""
        if understood.mentions or understood.resolved.topics or understood.resolved.follows:
            return False
        if verdict.reason is not None or found.choice.source is not JobSource.UNCLEAR:
            return False
        return bool(self.vocabulary.interests.asked(understood.resolved.text))

    def sounds_like_exploring(self, text: str) -> bool:
        """True when :data:`EXPLORE_VOTE` of the example messages nearest ``text`` are
        students' words about themselves ("je répare les vélos de mes potes";
        ``data/explore_examples.txt``): on the dev sets no job-less message about a job had
        more than 0.29 (see docs/quality.md)."""
        examples = self.snapshot.examples
        share = examples.share(EXPLORE, self.example_similarities(text))
        return share >= EXPLORE_VOTE

    def explore(
        self, understood: Understood, weights: ExploreWeights = ABOUT_THE_STUDENT
    ) -> Answer:
        """The best passage of each of the best matching jobs (at most :data:`EXPLORE_JOBS`)."""
        # Measured on tests/data/choose.json (40 questions, expected job first / among 3):
        # the fused search 0.425 / 0.625, without topics 0.500 / 0.775, the models together
        # 0.650 / 0.750 (each alone 0.450-0.550; each model standardised by language 0.450);
        # 0.600 / 0.700 with explores() keeping a topic of one job's own words for that job;
        # 0.650 / 0.750 keeping it for questions only; 0.750 / 0.900 with the interest file.
        snap = self.snapshot
        text = understood.resolved.text
        facets = self.vocabulary.interests.asked(text)
        bonus = self.interest_bonus(facets, weights.interests)
        best = snap.retriever.best_per_profile(
            self.embed(text), EXPLORE_JOBS, bonus, weights.models
        )
        if facets:  # "I like animals": not the jobs whose profiles never say a word of it
            offering = snap.interests.offering(facets)
            best = [hit for hit in best if hit.chunk.profile_id in offering] or best
        if not best:
            return abstention(understood.language, snap.titles, AbstentionReason.NO_PASSAGE)
        return exploration(understood.corrected, best, understood.language)

    def interest_bonus(
        self, facets: Sequence[int], weight: float = 1.0
    ) -> Callable[[np.ndarray], np.ndarray] | None:
        """What the words of the ``facets`` a question asks for add to the rows scored
        ("dehors" → the chunks and profiles saying "en extérieur", "buiten", "outdoors"), times
        ``weight``; None: it asks for none."""
        if not facets:
            return None
        interests = self.snapshot.interests
        against = self.vocabulary.interests.contrary(facets)
        return lambda rows: weight * interests.evidence(rows, facets, against)

    def browse(self, language: str) -> Answer:
        """The jobs the advisor knows."""
        entries = [JobEntry(p.profile_id, p.title, p.sector) for p in self.snapshot.profiles]
        return job_list(entries, language)

    # --- judge scope --------------------------------------------------------------------

    def judge_scope(self, understood: Understood, plan: SearchPlan, found: Found) -> ScopeVerdict:
        """In scope, or why not (see :mod:`advisor.scope.judge`)."""
        return judge_scope(self.scope_evidence(understood, plan, found))

    def scope_evidence(
        self, understood: Understood, plan: SearchPlan, found: Found
    ) -> ScopeEvidence:
        snap, text = self.snapshot, plan.text
        best = found.hits[0] if found.hits else None
        lexical = snap.retriever.lexical
        return ScopeEvidence(
            mentions=self._jobs_asked_about(understood, found.choice),
            best_passage=best.chunk.text if best else None,
            job_margins=tuple(snap.examples.scope_margins(plan.vectors, plan.similarities)),
            names_indexed_things=best is not None
            and _names_what_it_quotes(lexical, understood.message, best),
            # A word only one profile holds ("tachygraphe") names a topic of it.
            names_a_topic=bool(understood.resolved.topics)
            or lexical.names_a_rare_name(text)
            or len(found.own_words) == 1,
            word_odds=self.vocabulary.scope_words.out_of_scope_odds(text),
            passage_holds_its_words=best is not None
            and holds_every_word(best.chunk.text, text, best.chunk.language),
            passage_holds_own_words=best is not None and _holds_own_words(best, found.own_words),
            passage_jobs=self._jobs_spoken_of(understood, best),
            own_words_name_the_job=best is not None
            and self._own_words_name_the_job(understood, best, found.own_words),
            follow_up=self.follow_up_evidence(understood, found.choice),
            asks_a_task=asks_a_task(understood.message),
            asks_the_advisors_taste=asks_the_advisors_taste(understood.message),
            on_the_conversations_job=found.choice.source is JobSource.CONVERSATION,
            addresses_the_advisor=addresses_the_advisor(understood.message),
        )

    def _jobs_asked_about(
        self, understood: Understood, choice: JobChoice
    ) -> tuple[JobMention, ...]:
        """The jobs the message names, but for a rank risen to in the job spoken of ("ok mais
        on peut monter en grade genre chef de magasin ?" on a shop assistant): no other job."""
        if choice.source not in _SPOKEN_OF_SOURCES or len(choice.profile_ids) != 1:
            return understood.mentions
        text = understood.mentions_in
        return tuple(m for m in understood.mentions if m.profile_id or not is_a_step_up(text, m))

    def _own_words_name_the_job(
        self, understood: Understood, best: Hit, own: Mapping[str, tuple[str, ...]]
    ) -> bool:
        """True when the one profile holding words of the question no other holds counts
        among them the job it names without a profile of its own, and the passage quoted holds
        another of them: "gaan zelfscans de kassamedewerkers vervangen?" and the shop
        assistant's page naming the "Kassamedewerker" training and the "zelfscan"."""
        words = own.get(best.chunk.profile_id, ())
        if len(own) != 1 or not words:
            return False
        lexical = self.snapshot.retriever.lexical
        names = {
            stem
            for mention in understood.mentions
            if mention.profile_id is None
            for stem in lexical.query_stems(mention.name)
        }
        others = [word for word in words if word not in names]
        return bool(names & set(words)) and holds_any(best.chunk.text, others, best.chunk.language)

    def follow_up_evidence(
        self, understood: Understood, choice: JobChoice
    ) -> FollowUpEvidence | None:
        """A follow-up on the conversation's job read alone, its words looked up in that
        job's profile; None when the message is no such follow-up, or one that continues the
        conversation by naming its topic rather than by its form ("what time does it start?"
        after a typical day: on a French profile, none of its words is the profile's)."""
        if not understood.resolved.follows or choice.source not in _FOLLOWED_SOURCES:
            return None
        snap, message = self.snapshot, understood.corrected
        own_topics = topics_of_question(message)
        if len(choice.profile_ids) != 1 or not is_elliptic(
            message, understood.language, bool(own_topics)
        ):
            return None
        # A question to the advisor itself is off topic whatever its words ("et toi tu manges
        # quoi ce soir ?" after a cook's pay: "manger" is the cook's profile's).
        to_the_advisor = addresses_the_advisor(message)
        in_profile = not to_the_advisor and _profile_holds_every_word(
            snap.retriever.lexical,
            snap.index.data.columns.profile_id,
            choice.profile_ids[0],
            message,
        )
        # Its words in the profile, or its asking the advisor, settle it: the message is not
        # embedded alone for its margins (18 ms).
        margins = () if in_profile or to_the_advisor else self._job_margins(message)
        return FollowUpEvidence(
            job_margins=margins,
            word_odds=self.vocabulary.scope_words.out_of_scope_odds(message),
            words_in_profile=in_profile,
            names_a_topic=bool(own_topics),
            field_words_in_profile=not in_profile
            and not to_the_advisor
            and _profile_holds_field_words(
                snap.retriever.lexical,
                snap.index.data.columns.profile_id,
                choice.profile_ids[0],
                message,
                self.vocabulary.synonyms,
            ),
            addresses_the_advisor=to_the_advisor,
        )

    def _job_margins(self, text: str) -> tuple[float, ...]:
        vectors = self.embed(text)
        margins = self.snapshot.examples.scope_margins(vectors, self.example_similarities(text))
        return tuple(margins)

    def _jobs_spoken_of(self, understood: Understood, best: Hit | None) -> frozenset[int]:
        """The lexicon jobs the passage quoted names, when the question names one the
        knowledge lacks (else none: not read)."""
        if best is None or all(m.profile_id for m in understood.mentions):
            return frozenset()
        chunk = best.chunk
        return frozenset(m.job for m in self.snapshot.lexicon.find(chunk.text, chunk.language))

    # --- compose ------------------------------------------------------------------------

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


def reply_language(request: Request) -> str:
    """The language asked for; else the message's, with the page's for a short message;
    else, with nothing to go by in the message, the conversation's."""
    if request.language in LANGUAGES:
        return request.language
    if request.interface_language in LANGUAGES:
        return language_of_message(request.message, request.interface_language)
    usual = detect_language(" ".join(request.history)) if request.history else "fr"
    return detect_language(request.message, default=usual)


def _words_of_its_own(understood: Understood, switched: bool) -> str | None:
    """A follow-up's meaningful words of its own, to search alone too: those of a follow-up
    naming no job ("et le permis il coûte cb ?"; not "et après ?"), or, for one switching
    job ("et pr un agriculteur ?", "et en cuisine c pareil ?"), those of the follow-up it
    comes after ("et pour ouvrir son garage faut investir cb ?"). Two at least: alone,
    "Hoeveel jaar dan?" after "can I be a manager straight away?" asks how long the studies
    last (the seed's conversations 24 → 23 of 24 with one word)."""
    resolved = understood.resolved
    if not resolved.follows or resolved.next_step:
        return None
    if switched:
        text = resolved.last_follow_up
    elif resolved.text == understood.corrected:
        return None  # it switched topic: its own words are searched already
    else:
        text = understood.corrected
    if text and len(content_stems(text, understood.language)) >= _OWN_WORDS:
        return text
    return None


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


def _names_what_it_quotes(lexical: LexicalIndex, message: str, best: Hit) -> bool:
    """True when ``message`` names a proper name of the texts that the passage quoted holds:
    with many jobs, "t'es un robot ?" names a "Robot" of another profile than the page's.
    An everyday word is no name, whatever a page capitalised ("Week", "End")."""
    names = lexical.name_stems(message, everyday=common_words())
    return (
        bool(names)
        and lexical.names_something_indexed(message)
        and holds_any(best.chunk.text, tuple(names), best.chunk.language)
    )


def _passages_holding(lexical: LexicalIndex, stem: str) -> int:
    """How many passages hold ``stem`` (:data:`OWN_WORD_PASSAGES` for more)."""
    rows = lexical.postings(stem, OWN_WORD_PASSAGES)
    return OWN_WORD_PASSAGES if rows is None else len(rows)


def _profile_holds_every_word(
    lexical: LexicalIndex, profile_of_row: np.ndarray, profile_id: str, message: str
) -> bool:
    """True when ``profile_id``'s passages hold every meaningful word of ``message``, in one
    of the corpus languages (a word of many passages counts as held: every page has it)."""
    for stems in lexical.stems_by_language(message):
        if stems and all(_profile_holds(lexical, profile_of_row, profile_id, s) for s in stems):
            return True
    return False


def _profile_holds_field_words(
    lexical: LexicalIndex,
    profile_of_row: np.ndarray,
    profile_id: str,
    message: str,
    synonyms: Synonyms,
) -> bool:
    """True when ``message`` names words of the field (``data/synonyms.txt``), the profile
    holds each of them or a synonym in any language ("vacances", a Dutch profile's
    "vakanties"), and its other words are everyday words or the profile's too ("et le permis
    de pêche ?" names a "pêche" no driver's profile holds)."""
    named = synonyms.named(message)
    if not named:
        return False
    rest = fold(message)
    for term, group in named:
        held = (_profile_holds_every_word(lexical, profile_of_row, profile_id, w) for w in group)
        if not any(held):
            return False
        rest = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", " ", rest)
    common = common_words()
    return all(
        word in common or _profile_holds_every_word(lexical, profile_of_row, profile_id, word)
        for word in words(rest)
        if word not in FOLDED_STOPWORDS and (len(word) > 1 or word.isdigit())
    )


def _profile_holds(
    lexical: LexicalIndex, profile_of_row: np.ndarray, profile_id: str, stem: str
) -> bool:
    rows = lexical.postings(stem, OWN_WORD_PASSAGES)
    if rows is None:
        return True
    return bool(len(rows)) and bool((profile_of_row[rows] == profile_id).any())


def _holds_own_words(best: Hit, own: Mapping[str, tuple[str, ...]]) -> bool:
    """True when the passage quoted holds the question's words only this job's profile holds
    ("c'est quoi un moodboard ?")."""
    chunk = best.chunk
    return len(own) == 1 and holds_any(chunk.text, own.get(chunk.profile_id, ()), chunk.language)


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
