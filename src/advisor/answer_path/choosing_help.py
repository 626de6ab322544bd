"""Help choose: compare the jobs named, explore the jobs that fit, browse the jobs known.

In: an :class:`~advisor.answer_path.values.Understood` (and the job chosen, if any). Out:
whether the message asks for the list, for jobs that fit the student or to compare jobs, and
the :class:`~advisor.answering.compose.Answer` of each kind (see
:mod:`advisor.answering.choosing`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from advisor.answer_path.profile_words import ProfileWords
from advisor.answer_path.readings import Readings
from advisor.answer_path.search import Search
from advisor.answer_path.values import Found, SearchPlan, Snapshot, Understood, Vocabulary
from advisor.answering.choosing import ComparedJob, JobEntry, comparison, exploration, job_list
from advisor.answering.compose import Answer, abstention
from advisor.jobs.choice import JobChoice, JobSource
from advisor.jobs.interests import InterestLexicon, text_with_headings
from advisor.jobs.names import without_job_names
from advisor.retrieval.fusion import Hit
from advisor.scope.judge import AbstentionReason, ScopeVerdict
from advisor.text.words import content_stems, fold
from advisor.understanding.examples import BROWSE, EXPLORE
from advisor.understanding.intent import (
    Intent,
    asks_a_task,
    asks_something,
    asks_the_advisors_taste,
    asks_what_to_do_about_a_case,
    speaks_of_self,
    wants_to_become,
    without_framing,
)

__all__ = [
    "ChoosingHelp",
    "ExploreWeights",
    "ABOUT_THE_STUDENT",
    "ASKED_OF_JOBS",
    "EXPLORE_JOBS",
    "first_offering",
]

# An exploration quotes the best passage of this many jobs at most.
EXPLORE_JOBS = 3
# A comparison on what jobs offer looks this deep into each job's passages for the offer.
FACET_DEPTH = 3


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


@dataclass(frozen=True)
class ChoosingHelp:
    """The stages helping a student choose, over one snapshot."""

    snapshot: Snapshot
    vocabulary: Vocabulary
    readings: Readings
    words: ProfileWords
    search: Search

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
        # No topic named, but what a job offers ("lequel est le plus créatif ?"): of each
        # job's best few passages, the first saying it offers it (see first_offering).
        facets = () if plan.query.topics else self.vocabulary.interests.asked(plan.text)
        jobs = []
        for name, profile_id in compared:
            hit = None
            if profile_id is not None:
                query = replace(plan.query, profile_ids=(profile_id,))
                depth = FACET_DEPTH if facets else 1
                hits = self.snapshot.retriever.search(query, depth, plan.vectors)
                hit = first_offering(hits, facets, self.vocabulary.interests) if hits else None
            title = self.snapshot.title_of.get(profile_id or "")
            jobs.append(ComparedJob(name, profile_id, title, hit))
        topics = plan.query.topics
        return comparison(
            understood.corrected, jobs, understood.language, topics[0] if topics else None
        )

    def plan_comparison(self, understood: Understood) -> SearchPlan:
        """The search each compared job's profile gets: the question without any job's name
        nor the words that only set the jobs against each other ("lequel", "or", "vs"). On a
        topic, a job without a profile is cut too ("j'hésite entre kiné et aide-soignante, ça
        paye comment ?": "kiné" drew the aide's passage naming physios); without one, the
        difference asked is what a passage naming it says ("la diff entre aide familiale et
        aide-soignante ?")."""
        resolved = understood.resolved
        jobs = understood.known
        if resolved.topics:
            jobs = tuple(self.snapshot.lexicon.find(resolved.text, understood.language))
        named = without_job_names(resolved.text, jobs)
        text = without_framing(named)
        if content_stems(text, understood.language):
            understood = replace(understood, resolved=replace(resolved, text=text), known=())
        return self.search.plan_search(understood, JobChoice((), JobSource.NAMED))

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
        similarities = self.readings.example_similarities(understood.resolved.text)
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
        if asks_a_task(understood.message):
            return False  # "écris-moi un article sur le climat": no job writes it for them
        if asks_what_to_do_about_a_case(understood.message):
            return False  # "mijn hond eet ni meer sinds gisteren, wa moet ik doen?"
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
            and len(self.words.own_word_profiles(text)) == 1
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
        share = examples.share(EXPLORE, self.readings.example_similarities(text))
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
            self.readings.embed(text), EXPLORE_JOBS, bonus, weights.models
        )
        offering = snap.interests.offering(facets) if facets else frozenset()
        if best and best[0].chunk.profile_id in offering:
            # "I like animals": not the jobs whose profiles never say a word of it. Unless
            # the best job says none either: the words were said in passing ("chanter", music,
            # of the childcare worker whose page never sings; choose dev 3 0.680 → 0.700).
            best = [hit for hit in best if hit.chunk.profile_id in offering]
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


def first_offering(hits: Sequence[Hit], facets: Sequence[int], lexicon: InterestLexicon) -> Hit:
    """The best of ``hits`` (best first), unless it says nothing of what the ``facets`` offer
    and a next one does: then the first that does. On choose dev 2, comparisons on what jobs
    offer ("farmer or electrician if i wanna work outdoors"): 21 → 23 of 50 right, looking
    3 passages deep (5: 23, but a job lost); the one holding most of the offer's words lost
    the graphic designer's "Creative skills" to passages full of the field's words."""
    if not facets:
        return hits[0]
    texts = [fold(text_with_headings(hit.chunk)) for hit in hits]
    counts = sum(lexicon.offered(facet, texts) for facet in facets)
    offering = np.flatnonzero(counts)
    return hits[int(offering[0])] if len(offering) else hits[0]
