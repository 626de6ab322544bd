"""Gather the evidence the scope is judged on (see :mod:`advisor.scope.judge`).

In: the question understood, its search plan and the passages found. Out: a
:class:`~advisor.scope.judge.ScopeEvidence`: the jobs it asks about, its margins towards the
questions about jobs, its words' odds of being out of scope, what the passage quoted holds of
it, and, for a follow-up on the conversation's job, the same read alone
(:class:`~advisor.scope.judge.FollowUpEvidence`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.answer_path.profile_words import ProfileWords
from advisor.answer_path.readings import Readings
from advisor.answer_path.values import Found, SearchPlan, Snapshot, Understood, Vocabulary
from advisor.jobs.choice import JobChoice, JobSource, common_words
from advisor.jobs.names import JobMention, is_a_step_up
from advisor.retrieval.fusion import Hit
from advisor.retrieval.lexical import LexicalIndex
from advisor.scope.judge import FollowUpEvidence, ScopeEvidence, holds_any, holds_every_word
from advisor.text.topics import topics_of_question
from advisor.understanding.conversation import is_elliptic
from advisor.understanding.intent import (
    Intent,
    addresses_the_advisor,
    asks_a_task,
    asks_about_own_things,
    asks_for_a_provider,
    asks_for_a_service,
    asks_for_emergency_help,
    asks_for_media,
    asks_for_the_best_thing,
    asks_the_advisors_taste,
)

__all__ = ["ScopeEvidenceFinder"]

# A follow-up is read alone for its scope when its job was not named in it but in the
# conversation, or its words point to it: off-topic follow-ups abstained 12 → 27 of 40 on
# tests/data/followups_scope.json (held out: 13 → 33 of 40). Not on a job's page nor with one
# profile: "what time does it start?" after "what does a typical day look like?", on the
# seed's French page, has no word of it and reads alone like a shop's opening hours.
_FOLLOWED_SOURCES = frozenset({JobSource.CONVERSATION, JobSource.WORDS})
# The job spoken of without being named in the message: a rank risen to in it ("et qd on
# devient chef d'équipe ?") is no other job.
_SPOKEN_OF_SOURCES = frozenset({JobSource.CONVERSATION, JobSource.PAGE})


@dataclass(frozen=True)
class ScopeEvidenceFinder:
    """What the scope of an answer is judged on, over one snapshot."""

    snapshot: Snapshot
    vocabulary: Vocabulary
    readings: Readings
    words: ProfileWords

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
            asks_for_things=self._asks_for_things(understood),
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

    @staticmethod
    def _asks_for_things(understood: Understood) -> bool:
        """Films or books asked for, someone to serve the student ("un bon kiné à Namur
        ?"), a shop's, a hotel's or a bus line's service, or help in an emergency; or, with
        no job named, the best of a thing or a place, or the student's own pet, car, home,
        garden or device, what happened to them or what they want to do at home: a
        customer's questions."""
        message = understood.message
        wanted_now = (
            asks_for_media,
            asks_for_a_provider,
            asks_for_a_service,
            asks_for_emergency_help,
        )
        if any(asks(message) for asks in wanted_now):
            return True
        if understood.mentions or understood.intent is not Intent.JOB:
            return False
        return asks_for_the_best_thing(message) or asks_about_own_things(message)

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
        message = understood.corrected
        own_topics = topics_of_question(message)
        if len(choice.profile_ids) != 1 or not is_elliptic(
            message, understood.language, bool(own_topics)
        ):
            return None
        # A question to the advisor itself is off topic whatever its words ("et toi tu manges
        # quoi ce soir ?" after a cook's pay: "manger" is the cook's profile's).
        to_the_advisor = addresses_the_advisor(message)
        profile_id = choice.profile_ids[0]
        in_profile = not to_the_advisor and self.words.holds_every_word(profile_id, message)
        # Its words in the profile, or its asking the advisor, settle it: the message is not
        # embedded alone for its margins (18 ms).
        margins = () if in_profile or to_the_advisor else self.readings.job_margins(message)
        return FollowUpEvidence(
            job_margins=margins,
            word_odds=self.vocabulary.scope_words.out_of_scope_odds(message),
            words_in_profile=in_profile,
            names_a_topic=bool(own_topics),
            field_words_in_profile=not in_profile
            and not to_the_advisor
            and self.words.holds_field_words(profile_id, message),
            addresses_the_advisor=to_the_advisor,
            own_words_of_its_job=not in_profile
            and list(self.words.own_word_profiles(message)) == [profile_id],
        )

    def _jobs_spoken_of(self, understood: Understood, best: Hit | None) -> frozenset[int]:
        """The lexicon jobs the passage quoted names, when the question names one the
        knowledge lacks (else none: not read)."""
        if best is None or all(m.profile_id for m in understood.mentions):
            return frozenset()
        chunk = best.chunk
        return frozenset(m.job for m in self.snapshot.lexicon.find(chunk.text, chunk.language))


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


def _holds_own_words(best: Hit, own: Mapping[str, tuple[str, ...]]) -> bool:
    """True when the passage quoted holds the question's words only this job's profile holds
    ("c'est quoi un moodboard ?"), its title included ("faut quel âge pour faire les nuits à
    l'hôtel ?" and the "Réceptionniste d'hôtel"'s conditions)."""
    chunk = best.chunk
    text = f"{chunk.heading_path[0]}\n{chunk.text}" if chunk.heading_path else chunk.text
    return len(own) == 1 and holds_any(text, own.get(chunk.profile_id, ()), chunk.language)
