"""What staff read from the question log: counts per day, topic and language, the questions the
advisor could not answer (near-duplicates merged), and the answers voted "pas utile"."""

from __future__ import annotations

import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from rapidfuzz import fuzz

from advisor.embedding import Embedder
from advisor.insights.database import (
    DayCount,
    Entry,
    GroupCount,
    InsightsStore,
    LoggedAnswer,
    Totals,
    utc_now,
)
from advisor.text.words import fold

__all__ = [
    "UnansweredQuestion",
    "QuestionGrouper",
    "InsightsReport",
    "build_report",
    "folded_key",
    "period_start",
]

# At most this many distinct unanswered questions are compared (the most asked): enough for a
# to-do list, and a bounded cost for the staff page.
MAX_DISTINCT = 2000
# Cosine similarity above which two questions are one, per model; measured on spelling
# variants and paraphrases ("Combien gagne un boulangé ?" / "quel salaire pour un boulanger")
# against other jobs ("Combien gagne un plombier ?": e5 0.92, USE 0.59).
MERGE_AT = {"e5": 0.95, "use": 0.85}
MERGE_AT_DEFAULT = 0.9
# A misspelling moves a sentence embedding more than its meaning: questions that are nearly the
# same letters are one when their vectors are at least this close.
SPELLING_MERGE_AT = {"e5": 0.9, "use": 0.6}
SPELLING_MERGE_DEFAULT = 0.7
SPELLING_RATIO = 90.0  # rapidfuzz ratio of the folded texts, 0-100
_VECTOR_CACHE = 20_000
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def folded_key(text: str) -> str:
    """Case, accents, punctuation and spacing left out: "Combien gagne… ?" = "combien gagne"."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class UnansweredQuestion:
    """One question students asked (in one or more wordings) that the advisor did not answer."""

    text: str  # the wording asked most (the latest among equals)
    count: int
    last_asked: datetime
    language: str
    variants: tuple[str, ...]  # every wording, most asked first


@dataclass
class _Group:
    key: str
    count: int
    last_asked: datetime
    texts: Counter[str]
    latest: dict[str, datetime]
    languages: Counter[str]

    @property
    def text(self) -> str:
        return max(self.texts, key=lambda t: (self.texts[t], self.latest[t]))


class QuestionGrouper:
    """Merges near-duplicate questions by the embedding similarity of one of the advisor's
    models (its vectors of past questions cached); by spelling alone without a model."""

    def __init__(self, embedders: Sequence[Embedder]) -> None:
        by_name = {e.name: e for e in embedders}
        self.embedder = by_name.get("e5") or by_name.get("use") or next(iter(embedders), None)
        name = self.embedder.name if self.embedder else ""
        self.merge_at = MERGE_AT.get(name, MERGE_AT_DEFAULT)
        self.spelling_at = SPELLING_MERGE_AT.get(name, SPELLING_MERGE_DEFAULT)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _embed(self, texts: list[str]) -> np.ndarray | None:
        if self.embedder is None or not texts:
            return None
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            fresh = self.embedder.embed_queries(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._vectors[text] = np.asarray(vector, dtype=np.float32)
                while len(self._vectors) > _VECTOR_CACHE:
                    self._vectors.popitem(last=False)
        with self._lock:
            found = [self._vectors.get(t) for t in texts]
        if any(v is None for v in found):  # evicted meanwhile by another page: embed again
            return np.asarray(self.embedder.embed_queries(texts), dtype=np.float32)
        return np.stack([v for v in found if v is not None])

    def _same(self, a: _Group, b: _Group, similarity: float | None) -> bool:
        spelling = fuzz.ratio(a.key, b.key) >= SPELLING_RATIO
        if similarity is None:
            return spelling
        return similarity >= self.merge_at or (spelling and similarity >= self.spelling_at)

    def group(self, questions: Sequence[LoggedAnswer], limit: int = 50) -> list[UnansweredQuestion]:
        """The questions merged, most asked first (then most recent)."""
        groups: dict[str, _Group] = {}
        for q in questions:
            key = folded_key(q.question)
            if not key:
                continue
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(key, 0, q.asked_at, Counter(), {}, Counter())
            group.count += 1
            group.last_asked = max(group.last_asked, q.asked_at)
            text = q.question.strip()
            group.texts[text] += 1
            group.latest[text] = max(group.latest.get(text, q.asked_at), q.asked_at)
            group.languages[q.language] += 1
        ordered = sorted(groups.values(), key=lambda g: (-g.count, -g.last_asked.timestamp()))
        ordered = ordered[:MAX_DISTINCT]
        vectors = self._embed([g.text for g in ordered])
        clusters: list[list[int]] = []  # indexes into ordered; the first is the leader
        for index, group in enumerate(ordered):
            leaders = [cluster[0] for cluster in clusters]
            similarities = (
                vectors[leaders] @ vectors[index] if vectors is not None and leaders else None
            )
            for position, leader in enumerate(leaders):
                similarity = None if similarities is None else float(similarities[position])
                if self._same(ordered[leader], group, similarity):
                    clusters[position].append(index)
                    break
            else:
                clusters.append([index])
        merged = [self._merge([ordered[i] for i in cluster]) for cluster in clusters]
        merged.sort(key=lambda q: (-q.count, -q.last_asked.timestamp()))
        return merged[:limit]

    @staticmethod
    def _merge(groups: list[_Group]) -> UnansweredQuestion:
        texts: Counter[str] = Counter()
        latest: dict[str, datetime] = {}
        languages: Counter[str] = Counter()
        for group in groups:
            texts.update(group.texts)
            languages.update(group.languages)
            for text, moment in group.latest.items():
                latest[text] = max(latest.get(text, moment), moment)
        variants = sorted(texts, key=lambda t: (-texts[t], -latest[t].timestamp()))
        return UnansweredQuestion(
            # The leader's wording: the spelling asked most once case and accents are left out
            # ("combien gagne un boulanger" twice beats "Combien gagne un boulangé ?" once).
            text=groups[0].text,
            count=sum(g.count for g in groups),
            last_asked=max(g.last_asked for g in groups),
            language=languages.most_common(1)[0][0],
            variants=tuple(variants),
        )


@dataclass(frozen=True)
class InsightsReport:
    """Everything the staff view shows for the last ``days`` days."""

    days: int
    since: datetime
    totals: Totals
    per_day: list[DayCount]  # every day of the period, zeros included
    topics: list[GroupCount]
    languages: list[GroupCount]
    unanswered: list[UnansweredQuestion]
    not_helpful: list[Entry]

    @property
    def abstention_rate(self) -> float | None:
        questions = self.totals.questions
        return self.totals.abstained / questions if questions else None


def period_start(days: int, now: datetime | None = None) -> datetime:
    """Midnight UTC ``days - 1`` days ago: the period holds ``days`` whole calendar days."""
    today = (now or utc_now()).astimezone(UTC).date()
    first = today - timedelta(days=days - 1)
    return datetime(first.year, first.month, first.day, tzinfo=UTC)


def _every_day(counts: list[DayCount], since: datetime, days: int) -> list[DayCount]:
    found = {c.day: c for c in counts}
    start: date = since.date()
    result = []
    for offset in range(days):
        day = (start + timedelta(days=offset)).isoformat()
        result.append(found.get(day, DayCount(day, 0, 0)))
    return result


def build_report(
    store: InsightsStore,
    grouper: QuestionGrouper,
    days: int,
    unanswered_limit: int = 50,
    now: datetime | None = None,
) -> InsightsReport:
    """Read the log of the last ``days`` days (raises InsightsUnavailable)."""
    since = period_start(days, now)
    return InsightsReport(
        days=days,
        since=since,
        totals=store.totals(since),
        per_day=_every_day(store.per_day(since), since, days),
        topics=store.breakdown("topic", since),
        languages=store.breakdown("language", since),
        unanswered=(
            grouper.group(store.abstentions(since), unanswered_limit) if unanswered_limit else []
        ),
        not_helpful=store.not_helpful(since),
    )
