"""Which job a question is about, with several profiles in the knowledge.

In order: the jobs the question names; else the one the conversation last named; else the job
of the page the student asks from (the widget's ``data-profile``); else, with a single profile,
that one; else the one profile the question's own words point to: the only profile holding a
word no question about any job uses ("l'AFSCA", "een planogram"), or, with no such word, the
profile whose best passage leads every other's by a margin, or, for a question on a topic, the
one profile offering the field its words name ("le graduat en programmation c plus court ?":
the interest file's words); else none, and the advisor asks which job is meant.

In: the question's job mentions, the conversation's jobs, the page's profile, the ranked hits
and the profiles holding its own words. Out: a :class:`JobChoice`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np

from advisor.jobs.names import JobMention
from advisor.retrieval.fusion import Hit
from advisor.text.packaged import packaged_text

__all__ = [
    "JobSource",
    "JobChoice",
    "WORDS_MARGIN",
    "OWN_WORDS_MARGIN",
    "OWN_WORD_TRAIL",
    "OWN_WORD_PASSAGES",
    "CLARIFY_CHOICES",
    "FIELD_EVIDENCE",
    "FIELD_LEAD",
    "choose_by_field",
    "choose_before_search",
    "choose_from_hits",
    "common_words",
    "profiles_holding_own_words",
    "profiles_named",
    "first_of_each",
]

# How far ahead of every other profile's best passage (fused score) one profile's best must be
# for it to be chosen when no word of the question is one profile's own: at 0.12, 8 of the 14
# vague questions of tests/data/manyjobs.json were answered from one job; at 0.3, 1.
WORDS_MARGIN = 0.3
# The same lead among the profiles holding the question's own words, when several do and all
# are in one language ("l'afsca elle vient contrôler quoi dans les restos ?": the cook's
# "AFSCA", the social worker's "restos"): many jobs dev 0.778 → 0.782, the other dev sets as
# before, at 0.05 as at 0.15. Across languages the question's own language won whatever the
# job: three students asked which job got another job's answer instead, for four gains.
OWN_WORDS_MARGIN = 0.05
# The one profile holding a word of the question no other holds is chosen only when its best
# passage trails the best one by this much at most: "any tips b4 i start a bakery
# apprenticeship?" and the English police officer's page naming a "bakery" once, the French
# baker's 11 ahead. On six dev sets (newjobs 1–4, many jobs, scope dev 3), such right choices
# trailed by 0.45 at most (but one of a page absent from the best passages), wrong ones by
# 0.51 and more.
OWN_WORD_TRAIL = 0.5
# A word held by more passages than this is no one profile's own (and its rows are not read).
OWN_WORD_PASSAGES = 200
# A question on a topic naming no job, whose words of the interest file (its field: "la
# mécanique", "programmation") only one profile offers clearly: that profile's evidence (see
# ProfileInterests.profile_evidence) at least this much, and this many times the next one's.
# On the dev sets' questions naming no job, the vague ones ("c bien payé ?") led by 1.52 at
# most, and by 1.23 times the next at most.
FIELD_EVIDENCE = 2.0
FIELD_LEAD = 1.5
# At most this many jobs offered when the advisor asks which one is meant.
CLARIFY_CHOICES = 6


class JobSource(Enum):
    """What chose the job."""

    NAMED = "named"
    CONVERSATION = "conversation"
    PAGE = "page"
    ONLY_ONE = "only_one"
    WORDS = "words"
    DESCRIBED = "described"  # a follow-up describing another job ("et pour couper les cheveux ?")
    STEP_ON = "step_on"  # the conversation's, asked how to go on to another ("après infirmière ?")
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class JobChoice:
    """The profiles to answer from (several when the question names several), and why; for
    an unclear choice, the best matching profiles, best first."""

    profile_ids: tuple[str, ...]
    source: JobSource


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The most frequent words of French, Dutch and English, folded (``data/common_words.txt``,
    made by ``scripts/common_words.py``): words of every page ("weer": again or the weather),
    never one job's own however few profiles hold them."""
    lines = packaged_text("common_words.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def profiles_named(mentions: Sequence[JobMention]) -> tuple[str, ...]:
    """The known profiles among ``mentions``, in the order they are named."""
    return tuple(dict.fromkeys(m.profile_id for m in mentions if m.profile_id))


def choose_before_search(
    named: tuple[str, ...],
    conversation: tuple[str, ...],
    page_profile: str | None,
    profiles: Collection[str],
) -> JobChoice | None:
    """The job chosen without searching, or None when only the question's words can tell."""
    if named:
        return JobChoice(named, JobSource.NAMED)
    if conversation:
        return JobChoice(conversation, JobSource.CONVERSATION)
    if page_profile is not None and page_profile in profiles:
        return JobChoice((page_profile,), JobSource.PAGE)
    if len(profiles) == 1:
        return JobChoice(tuple(profiles), JobSource.ONLY_ONE)
    return None


def profiles_holding_own_words(
    stems: Iterable[str],
    postings: Callable[[str], np.ndarray | None],
    profile_of_row: np.ndarray,
    generic: Collection[str],
) -> dict[str, tuple[str, ...]]:
    """The profiles holding a word of the question that no other profile holds ("afsca",
    "tachygraphe", "pleiten"), with those words, the profile with most such words first.
    Words of questions about any job (``generic``: "payé", "horaires", "week-end") and numbers
    never count, however few profiles hold them."""
    owned: dict[str, list[str]] = {}
    for stem in stems:
        if stem in generic or stem.isdigit():
            continue
        rows = postings(stem)
        if rows is None or not len(rows):
            continue
        owners = np.unique(profile_of_row[rows])
        if len(owners) == 1:
            owned.setdefault(str(owners[0]), []).append(stem)
    ranked = sorted(owned, key=lambda profile: len(owned[profile]), reverse=True)
    return {profile: tuple(owned[profile]) for profile in ranked}


def choose_from_hits(
    hits: Sequence[Hit],
    own_words: Sequence[str] = (),
    margin: float = WORDS_MARGIN,
    own_margin: float = OWN_WORDS_MARGIN,
) -> JobChoice:
    """The one profile holding the question's own words (see
    :func:`profiles_holding_own_words`) when its best passage is near the best one (see
    :data:`OWN_WORD_TRAIL`), or of several such profiles the one whose best
    passage leads the others' by ``own_margin``; without such words, the profile whose best
    passage leads every other's by ``margin``; else the best matching profiles (at most
    :data:`CLARIFY_CHOICES`), for the student to choose."""
    best: dict[str, float] = {}
    languages: dict[str, str] = {}
    for hit in hits:
        profile = hit.chunk.profile_id
        best[profile] = max(best.get(profile, hit.score), hit.score)
        languages.setdefault(profile, hit.chunk.language)
    ranked = sorted(best, key=best.__getitem__, reverse=True)
    if len(own_words) == 1:
        owner = own_words[0]
        if owner in best and best[ranked[0]] - best[owner] <= OWN_WORD_TRAIL:
            return JobChoice((owner,), JobSource.WORDS)
        own_words = ()  # a word met in passing on a page far from the question
    if own_words:
        # Words of several profiles: those profiles, best matching first.
        ranked = [p for p in ranked if p in own_words] + [p for p in own_words if p not in best]
        if _in_one_language(ranked, languages) and _leads(ranked, best, own_margin):
            return JobChoice((ranked[0],), JobSource.WORDS)
        return JobChoice(tuple(ranked[:CLARIFY_CHOICES]), JobSource.UNCLEAR)
    if len(ranked) == 1 or (ranked and best[ranked[0]] - best[ranked[1]] >= margin):
        return JobChoice((ranked[0],), JobSource.WORDS)
    return JobChoice(tuple(ranked[:CLARIFY_CHOICES]), JobSource.UNCLEAR)


def _in_one_language(ranked: Sequence[str], languages: Mapping[str, str]) -> bool:
    """True when every profile of ``ranked`` is among the hits, all in one language: the
    models match a question best in its own language, whatever the job, so only profiles of
    one language are compared by their passages ("en crèche on a mal au dos ?" drew the French
    nursing aide's page over the Dutch childcare worker's)."""
    return all(p in languages for p in ranked) and len({languages[p] for p in ranked}) == 1


def _leads(ranked: Sequence[str], best: Mapping[str, float], margin: float) -> bool:
    """True when the first of ``ranked`` (all among the hits) has the best passage of all,
    ahead of the next one's by ``margin``."""
    return len(ranked) >= 2 and best[ranked[0]] - best[ranked[1]] >= margin


def choose_by_field(evidence: Mapping[str, float]) -> JobChoice | None:
    """The one profile whose words of the question's field lead every other's (see
    :data:`FIELD_EVIDENCE`), or None."""
    ranked = sorted(evidence.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < FIELD_EVIDENCE:
        return None
    if len(ranked) > 1 and ranked[0][1] < FIELD_LEAD * ranked[1][1]:
        return None
    return JobChoice((ranked[0][0],), JobSource.WORDS)


def first_of_each(hits: Sequence[Hit], profile_ids: Sequence[str], limit: int) -> list[Hit]:
    """``hits`` of the chosen profiles only; with several, each one's best first, in the order
    the student named them, so that no job is left out or silently mixed into another's."""
    kept = [hit for hit in hits if hit.chunk.profile_id in profile_ids]
    if len(profile_ids) < 2:
        return kept[:limit]
    leaders = []
    for profile in profile_ids:
        leader = next((hit for hit in kept if hit.chunk.profile_id == profile), None)
        if leader is not None:
            leaders.append(leader)
    rest = [hit for hit in kept if hit not in leaders]
    return [*leaders, *rest][: max(limit, len(leaders))]
