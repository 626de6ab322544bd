"""Plan the search and retrieve: the passages to quote and the job they are about.

In: an :class:`~advisor.answer_path.values.Understood` and the job chosen (or None). Out: a
:class:`~advisor.answer_path.values.SearchPlan` (the query without the names of jobs it is not
about, its vectors, its topics, a follow-up's own words), then a
:class:`~advisor.answer_path.values.Found`: the best passages, each job named leading with its
own, and the job they are about, chosen by the question's words when nothing chose it before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from advisor.answer_path.profile_words import ProfileWords
from advisor.answer_path.readings import Readings
from advisor.answer_path.values import Found, SearchPlan, Snapshot, Understood, Vocabulary
from advisor.jobs.choice import JobChoice, JobSource, choose_from_hits, first_of_each
from advisor.jobs.names import names_only_jobs, without_mentions
from advisor.retrieval.fusion import Hit, Query
from advisor.retrieval.merging import MERGED_DEPTH, merge_rankings
from advisor.text.topics import INTRO
from advisor.text.words import content_stems

__all__ = ["Search", "CHOICE_HITS"]

# With several profiles and no job chosen yet (or several named), this many passages are ranked
# to tell which profile the question's words point to (or to find each named job's best).
CHOICE_HITS = 30
# A follow-up switching job by what it says: its own words are searched alone too. One that
# describes the other job is judged as a question in its own right, not read as a follow-up
# on the job it leaves ("et pour couper les cheveux dans un salon ?" sounds less like a job
# question alone than the threshold of a follow-up asks).
_SWITCHED_SOURCES = frozenset({JobSource.WORDS, JobSource.DESCRIBED})
# A follow-up with this many meaningful words of its own is searched with them alone too.
_OWN_WORDS = 2


@dataclass(frozen=True)
class Search:
    """The search stages over one snapshot; ``top_k`` passages are quoted."""

    snapshot: Snapshot
    vocabulary: Vocabulary
    readings: Readings
    words: ProfileWords
    top_k: int

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
        vectors = self.readings.embed(text)
        similarities = self.readings.example_similarities(text)
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
        shares = self.snapshot.examples.topic_shares(vectors, similarities)
        named = resolved.topics
        if named and named[0] not in self.snapshot.examples.voted_topics:
            # No example question asks it ("on peut se mettre à son compte ?"): the vote
            # cannot weigh it, so the topic named stands for the vote.
            shares = {named[0]: 1.0}
        return named, shares

    def _is_specific(self, text: str) -> bool:
        """True when ``text`` holds a word of the profiles no question about any job uses."""
        generic = self.vocabulary.generic_words
        return any(
            stem not in generic and not stem.isdigit()
            for stem in self.snapshot.retriever.lexical.query_stems(text)
        )

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
            choice, own = self._choose_by_own_words(plan, hits)
            if choice.source is not JobSource.UNCLEAR and len(choice.profile_ids) == 1:
                # The job known now, its sections are ranked as if it had been named.
                hits = self.one_job_hits(plan, choice.profile_ids)
        if choice.source is not JobSource.UNCLEAR:
            # Never mix two jobs silently: each job named leads with its own best passage.
            hits = first_of_each(hits, choice.profile_ids, self.top_k)
        return Found(tuple(hits), choice, own)

    def _choose_by_own_words(
        self, plan: SearchPlan, hits: list[Hit]
    ) -> tuple[JobChoice, dict[str, tuple[str, ...]]]:
        """The job the question's words choose when it names none, and the words only that
        job's profile holds (see :meth:`_choose_by_words`)."""
        words = self.words
        own = words.own_word_profiles(plan.text) or words.profiles_naming(plan.other_jobs)
        own = words.naming_a_name(own, plan.text)
        # A word of one profile's title is that profile's own ("can girls join the police
        # too?" is the police officer's, not the developer's "Women in tech"), and it chooses
        # the job whatever the passages say, unless words only another profile holds point
        # elsewhere ("la balie van een hotel": the lawyer's bar, or unclear).
        titled = words.title_word_owner(plan.text)
        if titled is not None and (not own or set(titled) == set(own)):
            return JobChoice(tuple(titled), JobSource.WORDS), own or titled
        # Last, a place or thing named in another language ("at the fire station").
        own = own or words.synonym_owners(plan.text)
        return self._choose_by_words(plan, hits, own), own

    def _choose_by_words(
        self, plan: SearchPlan, hits: list[Hit], own: Mapping[str, tuple[str, ...]]
    ) -> JobChoice:
        """The job the words only one profile holds point to, or the best passages (see
        :func:`advisor.jobs.choice.choose_from_hits`); else the field the question asks for,
        or a title's word beside words only other profiles hold."""
        if not hits:
            return JobChoice((), JobSource.UNCLEAR)
        choice = choose_from_hits(hits, tuple(own))
        if choice.source is JobSource.UNCLEAR and not own and plan.query.topics:
            choice = self.words.choose_by_field(plan.text) or choice
        if choice.source is JobSource.UNCLEAR and own:
            # Words only other profiles hold, met in passing ("le test physique de la police
            # c chaud ? jsuis pas tres sportif": the journalist's "sportif"): the title's.
            choice = self.words.choose_by_title_word(plan.text) or choice
        return choice

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
            search(own, MERGED_DEPTH, self.readings.embed(own.text)),
        ]
        return merge_rankings(rankings, self.top_k)


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
