"""Is a question one the knowledge can answer? Not from a similarity cut-off alone.

A question about another job's salary scores as high as a real one, and "c'est qui David ?"
(the profile's testimony) as low as "raconte une blague". The evidence used instead:

- does the question name a job the knowledge does not hold (the job lexicon)?
- is it a question about a job at all? Its nearest neighbours among example questions
  (see :mod:`advisor.understanding.examples`: questions about any job vs. everything else) tell;
- does it name something the profiles themselves name (every word of it is in the index)?
- does the best passage hold every meaningful word of it ("ils ont quel âge en moyenne ?" and
  "45 ans Âge moyen")?
- are its words those of questions out of scope ("piscine", "laptop", "Messi"; see
  :mod:`advisor.scope.words`)? They lower the margin: "un bon logiciel pour faire de la
  musique ?" is as near a job's software as the rest.
- is it a follow-up on the conversation's job ("et le permis il coûte cb ?")? Then it is read
  alone: near the questions about jobs, or every word of it in that job's profile; the
  conversation's words are no proof ("et toi tu manges quoi ce soir ?" after a cook's pay).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from advisor.jobs.names import JobMention, name_tokens
from advisor.text.words import content_stems

__all__ = [
    "AbstentionReason",
    "FollowUpEvidence",
    "ScopeEvidence",
    "ScopeVerdict",
    "judge_scope",
    "reads_as_a_job_question",
    "holds_any",
    "holds_every_word",
    "FIELD_FOLLOW_UP_MARGIN",
    "FOLLOW_UP_MARGIN",
    "OWN_WORD_MARGIN",
    "TOPIC_MARGIN",
    "WORD_WEIGHT",
    "NAMES_ODDS",
]

# How far below the job questions a question naming a topic may be, all models together.
TOPIC_MARGIN = -0.04
# What the words' log-odds of being out of scope (see advisor.scope.words) take off the margin.
WORD_WEIGHT = 0.03
# How far below the job questions a follow-up, read alone, may be when a word of it is not in
# its job's profile. On tests/data/followups_scope.json (40 follow-ups on a job, 40 off-topic
# ones typed as follow-ups: "et toi tu manges quoi ce soir ?"), see docs/quality.md.
FOLLOW_UP_MARGIN = -0.06
# A follow-up naming words of the field its profile holds in another language gets more room:
# on the dev sets, such follow-ups sat at -0.12 to -0.27, "et qui a gagné le match hier ?" -0.40.
FIELD_FOLLOW_UP_MARGIN = -0.3
# How far below the job questions, all models together, a question may be when the passage
# quoted holds words only its profile holds ("c'est quoi un moodboard ?"): with twelve
# profiles, chance shares one ("kan je een gedicht schrijven over de zee?", -0.17: its stem
# "dicht" is a hairdresser's "closed"). The models alone, not the words' odds: "tester une
# installation électrique" is near the job questions (+0.04) in the words of shopping. On
# the dev sets, answerable questions passing this way: -0.06 or more; out of scope -0.12 or
# less, but for "comment soigner une brûlure au doigt avec le four ?" (-0.06).
OWN_WORD_MARGIN = -0.1
# Words this likely out of scope (log-odds, see advisor.scope.words) outweigh a proper name of
# the texts the question names: "comment avoir mon permis de conduire plus vite" names the
# "Permis" of a title, "wat voor weer wordt het morgen in Gent?" a city a profile names. On
# the dev sets, such questions out of scope had 4.15 or more (six); answerable ones naming a
# name, 3.59 or less but one (8.88, "le paquet mobilité européen", then judged by its margins).
NAMES_ODDS = 4.0
# One word shared proves nothing ("horaires de la piscine" and the "Horaires" of a passage).
_HELD_WORDS = 2


class AbstentionReason(StrEnum):
    """Why the advisor abstains: the same values in the core and in the API's `reason`."""

    OTHER_JOB = "other_job"  # the question names a job the knowledge does not hold
    NO_PASSAGE = "no_passage"  # the knowledge holds nothing to quote
    OFF_TOPIC = "off_topic"  # not a question about a job


@dataclass(frozen=True)
class FollowUpEvidence:
    """A follow-up on the conversation's job, read alone ("et le permis il coûte cb ?"):
    per model, its margin towards the questions about jobs (none when its job's profile holds
    all its words: not needed), the log-odds that its words are those of a question out of
    scope, whether its job's profile holds all its words, whether it names a topic of
    the profiles itself ("et on commence à quelle heure ?"), whether its job's profile holds
    its words of the field in some language ("vacances", a Dutch profile's "vakanties"), and
    whether it speaks to the advisor about itself ("et toi tu manges quoi ce soir ?"), and
    whether it names a word only its job's profile holds ("en hoeveel kost zo'n tractor?")."""

    job_margins: tuple[float, ...]
    word_odds: float
    words_in_profile: bool
    names_a_topic: bool = False
    field_words_in_profile: bool = False
    addresses_the_advisor: bool = False
    own_words_of_its_job: bool = False


@dataclass(frozen=True)
class ScopeEvidence:
    """What the verdict is drawn from.

    ``mentions``: the jobs the question names;
    ``best_passage``: the text of the passage that would be quoted first; ``job_margins``: per
    model, how much closer the question is to the example questions about jobs than to the
    rest (see :meth:`advisor.understanding.examples.ExampleClassifier.scope_margins`);
    ``names_indexed_things``: it names a proper name the profiles name; ``names_a_topic``: it
    names a topic of the profiles (or a word only one profile holds); ``word_odds``: the
    log-odds that its words are those of a question out of scope (see
    :mod:`advisor.scope.words`); ``passage_holds_its_words``: the best passage holds its
    meaningful words; ``passage_holds_own_words``: it holds the question's words that only
    its profile holds; ``passage_jobs``: the lexicon jobs the best passage names, under any of
    their names (read only when the question names a job the knowledge lacks);
    ``own_words_name_the_job``: the one profile holding the question's own words holds the
    name of the job it names without a profile among them, and the passage another of them
    ("zelfscans" and "kassamedewerkers", a shop assistant's); ``follow_up``:
    a follow-up on the conversation's job, read alone (None: the question is no such
    follow-up), which the verdict then rests on; ``asks_a_task``: it asks the advisor to do
    something (write, translate, book…), which no profile does, whatever job it names;
    ``asks_for_things``: it asks for films, series or books, or, naming no job, the best of
    a thing or a place ("la meilleure boulangerie de Liège ?"), the student's own pet, car,
    home or device ("mon évier est bouché"), what happened to them or what they want to do at
    home, as a customer;
    ``asks_the_advisors_taste``: it asks what the advisor likes ("do u like football?");
    ``on_the_conversations_job``: no job named, it is answered from the conversation's;
    ``addresses_the_advisor``: it speaks to the advisor about itself ("et toi ?").
    """

    mentions: tuple[JobMention, ...]
    best_passage: str | None
    job_margins: tuple[float, ...]
    names_indexed_things: bool = False
    names_a_topic: bool = False
    word_odds: float = 0.0
    passage_holds_its_words: bool = False
    passage_holds_own_words: bool = False
    passage_jobs: frozenset[int] = frozenset()
    own_words_name_the_job: bool = False
    follow_up: FollowUpEvidence | None = None
    asks_a_task: bool = False
    asks_for_things: bool = False
    asks_the_advisors_taste: bool = False
    on_the_conversations_job: bool = False
    addresses_the_advisor: bool = False


@dataclass(frozen=True)
class ScopeVerdict:
    """``reason`` is None when the question is in scope, else why it is not."""

    reason: AbstentionReason | None
    unknown_job: str | None = None


@lru_cache(maxsize=1024)
def _passage_stems(text: str, language: str) -> frozenset[str]:
    # The same few passages come first again and again: each is stemmed once.
    return frozenset(content_stems(text, language))


def holds_every_word(passage: str, question: str, language: str) -> bool:
    """True when ``passage`` holds every meaningful word of ``question``, and it has several."""
    wanted = set(content_stems(question, language))
    return len(wanted) >= _HELD_WORDS and wanted <= _passage_stems(passage, language)


def holds_any(passage: str, stems: Sequence[str], language: str) -> bool:
    """True when ``passage`` holds one of ``stems`` (stemmed in its language)."""
    return not _passage_stems(passage, language).isdisjoint(stems)


def judge_scope(evidence: ScopeEvidence) -> ScopeVerdict:
    """In scope, or why not: another job named, nothing to quote, or not about a job."""
    if evidence.asks_a_task or evidence.asks_for_things:
        return ScopeVerdict(AbstentionReason.OFF_TOPIC)
    known = [m for m in evidence.mentions if m.profile_id is not None]
    unknown = [m for m in evidence.mentions if m.profile_id is None]
    if unknown and not known:
        # "Peut-on devenir directeur d'usine ?" names a job the passage itself speaks of, in
        # any of its forms ("kassamedewerkers" and the passage's "Kassamedewerker").
        passage = " " + " ".join(name_tokens(evidence.best_passage or "")) + " "
        spoken_of = evidence.passage_jobs
        named = any(m.job in spoken_of or f" {m.name} " in passage for m in unknown)
        if not named and not evidence.own_words_name_the_job:
            return ScopeVerdict(AbstentionReason.OTHER_JOB, unknown[0].name)
    if evidence.best_passage is None:
        return ScopeVerdict(AbstentionReason.NO_PASSAGE)
    if known:
        return ScopeVerdict(None)
    if evidence.asks_the_advisors_taste:
        # "do u like football?": no job's profile says; with jobs named ("tu préfères quoi,
        # cuisinier ou boulanger ?") it compares them.
        return ScopeVerdict(AbstentionReason.OFF_TOPIC)
    if evidence.follow_up is not None:
        return _judge_follow_up(evidence.follow_up)
    names = evidence.names_indexed_things and evidence.word_odds < NAMES_ODDS
    if names or evidence.passage_holds_its_words:
        return ScopeVerdict(None)
    margins = evidence.job_margins
    score = sum(margins) - WORD_WEIGHT * evidence.word_odds
    if evidence.passage_holds_own_words and sum(margins) >= OWN_WORD_MARGIN:
        return ScopeVerdict(None)
    # A question naming a topic of the profiles ("salaire", "horaires") gets the benefit of
    # the doubt when it is only a little closer to the other examples, all models together.
    if evidence.names_a_topic and score >= TOPIC_MARGIN:
        return ScopeVerdict(None)
    # In a conversation on a job, a question of its own naming a topic, nearer the job
    # questions for every model, is on that job whatever its words ("tu gagnes cb en vrai ?"
    # after a farmer's machines: "tu" is often the advisor's), as a follow-up would be.
    conversation = evidence.on_the_conversations_job and not evidence.addresses_the_advisor
    if conversation and evidence.names_a_topic and margins and min(margins) >= 0:
        return ScopeVerdict(None)
    # With nothing else to go by, every model must find it closer to questions about jobs
    # ("Wat voor weer wordt het morgen?" is near "a day at work" for one model only).
    if margins and all(margin >= 0 for margin in margins) and score >= 0:
        return ScopeVerdict(None)
    return ScopeVerdict(AbstentionReason.OFF_TOPIC)


def reads_as_a_job_question(
    job_margins: Sequence[float], word_odds: float, margin: float = FOLLOW_UP_MARGIN
) -> bool:
    """True when a follow-up read alone is within ``margin`` of the questions about jobs, all
    models together, its words' odds of being out of scope taken off."""
    return sum(job_margins) - WORD_WEIGHT * word_odds >= margin


def _judge_follow_up(follow_up: FollowUpEvidence) -> ScopeVerdict:
    """A follow-up on the conversation's job is about it ("et si la récolte est mauvaise ?")
    unless, read alone, it is far from questions about jobs and holds a word its job's profile
    never uses ("et la meilleure pizza à Gand ?", "and what's your favourite movie?")."""
    if follow_up.addresses_the_advisor:
        # In a conversation on a job (not on its page, where "toi" may be the job's holder),
        # the advisor asked about itself is no longer the job: "et toi tu sais garder un
        # secret ?" after the social worker's professional secrecy.
        return ScopeVerdict(AbstentionReason.OFF_TOPIC)
    margins, odds = follow_up.job_margins, follow_up.word_odds
    if follow_up.words_in_profile or reads_as_a_job_question(margins, odds):
        return ScopeVerdict(None)
    # Naming a topic of the profiles, and nearer the job questions for every model: its
    # words' odds do not outweigh that ("et on commence à quelle heure sur chantier ?").
    if follow_up.names_a_topic and margins and min(margins) >= 0:
        return ScopeVerdict(None)
    # Or naming a topic by words of the field its profile holds in some language ("et les
    # vacances d'été ?", a Dutch profile's "vakanties"), not too far from the job questions:
    # "et qui a gagné le match hier ?" names pay ("gagné") at -0.40.
    field = follow_up.names_a_topic and follow_up.field_words_in_profile
    if field and reads_as_a_job_question(margins, odds, FIELD_FOLLOW_UP_MARGIN):
        return ScopeVerdict(None)
    # Or naming a word only its job's profile holds, as a question of its own may (see
    # OWN_WORD_MARGIN): on the dev sets such answerable follow-ups read -0.09 ("en hoeveel kost
    # zo'n tractor eigenlijk", a farmer's), those out of scope -0.18 or less ("kan je mijn
    # wiskundetaak over breuken maken?" after a teacher's "breuken").
    if follow_up.own_words_of_its_job and reads_as_a_job_question(margins, odds, OWN_WORD_MARGIN):
        return ScopeVerdict(None)
    return ScopeVerdict(AbstentionReason.OFF_TOPIC)
