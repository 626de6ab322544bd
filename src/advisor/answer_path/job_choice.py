"""Choose the job: the profiles a question is about, before the search.

In: an :class:`~advisor.answer_path.values.Understood` and the page's job. Out: a
:class:`~advisor.jobs.choice.JobChoice`: the job named, the conversation's (unless the
follow-up's own words or what it describes switch to another), the page's, the only one;
None when only the search can tell (see :mod:`advisor.answer_path.search`).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.answer_path.profile_words import ProfileWords
from advisor.answer_path.readings import Readings
from advisor.answer_path.values import Snapshot, Understood, Vocabulary
from advisor.jobs.choice import JobChoice, JobSource, choose_before_search, profiles_named
from advisor.jobs.names import is_a_step_on
from advisor.retrieval.fusion import Query
from advisor.scope.judge import reads_as_a_job_question
from advisor.understanding.conversation import offers_another_case

__all__ = ["JobChooser", "DESCRIBED_HITS"]

# A follow-up setting another case ("et pour couper les cheveux ?") describes another job
# when this many of its best passages, read alone, are all that job's: on the follow-ups of
# dev, dev 2, dev 3 and scope (208 conversations), 3 such switches and none of the others
# (followups dev 3: 49 → 52 of 60; "and do they get a van?" has 3 of 5, the truck driver's).
DESCRIBED_HITS = 5


@dataclass(frozen=True)
class JobChooser:
    """The job-choosing stage over one snapshot."""

    snapshot: Snapshot
    vocabulary: Vocabulary
    readings: Readings
    words: ProfileWords

    def choose_job(self, understood: Understood, page_profile: str | None) -> JobChoice | None:
        """The job named, the conversation's, the page's or the only one; None when only the
        question's words can tell (see :meth:`advisor.answer_path.search.Search.retrieve`)."""
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
        if not self.words.speaks_of(conversation[0], choice.profile_ids[0]):
            return choice
        return JobChoice(conversation, JobSource.STEP_ON)

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
            Query(text=message), DESCRIBED_HITS, self.readings.embed(message)
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
        owners = tuple(self.words.theme_owners(message))
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
        if not reads_as_a_job_question(self.readings.job_margins(message), odds):
            return choice
        return JobChoice(owners, JobSource.WORDS)
