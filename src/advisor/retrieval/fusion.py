"""Query → ranked passages: dense similarity of every model, BM25 and the topic, fused."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from advisor.chunking.chunker import Chunk
from advisor.embedding import Embedder
from advisor.index.ann import AnnIndex
from advisor.index.rows import RowReader
from advisor.index.store import IndexData
from advisor.retrieval.lexical import LexicalIndex
from advisor.retrieval.ranker import RankerEvidence, SectionRanker

__all__ = [
    "FusionWeights",
    "Query",
    "Hit",
    "Evidence",
    "Retriever",
    "CANDIDATES",
    "PROFILE_PASSAGES",
    "best_of_each_profile",
]

# In a large index, chunks scored per question: this many nearest of each model, and of BM25.
CANDIDATES = 100
# A profile fits a student's words by its best few passages together, not by one lucky line:
# on the exploration sets (choose, explore dev, explore dev 2; expected job first) the best
# passage alone 0.750 / 0.783 / 0.704, the mean of the best 5 0.750 / 0.817 / 0.741 (3 to 12
# within 0.025 of it).
PROFILE_PASSAGES = 5


@dataclass(frozen=True)
class FusionWeights:
    """How much each kind of evidence counts in a chunk's score."""

    dense: Mapping[str, float] = field(default_factory=lambda: {"e5": 1.0, "use": 1.0})
    unit: float = 0.3  # share of a model's score taken by the chunk's best sentence
    lexical: float = 0.3
    best_line: float = 0.3  # times the share of the question's words one line holds
    lexical_for_names: float = 1.0  # when the question names a proper name of the profiles
    topic: float = 0.2
    other_topic: float = 0.1
    topic_examples: float = 1.0  # times the share of the topic among the nearest examples
    synonyms: float = 1.0  # BM25 of the question's synonyms, besides that of its own words
    lexical_ceiling: bool = True  # BM25 on the scale of a full match, not of the best passage
    # A question holding words of the profiles no question about any job uses ("tachygraphe",
    # "allergènes"): the passage holding them is the answer more often than its topic says.
    lexical_for_specific: float = 1.0
    topics_for_specific: float = 0.5  # times every topic weight


@dataclass(frozen=True)
class Query:
    """What to search: the text (with the history it needs), its topics, where to look."""

    text: str
    topics: tuple[str, ...] = ()  # named by the question's words, best first
    topic_shares: Mapping[str, float] = field(default_factory=dict)  # from example questions
    profile_ids: tuple[str, ...] = ()  # empty: every profile
    synonyms: str = ""  # more words for BM25 alone (see advisor.understanding.synonyms)
    specific: bool = False  # holds words of the profiles no question about any job uses


@dataclass(frozen=True)
class Hit:
    """A chunk and the evidence that ranked it."""

    chunk: Chunk
    score: float
    dense: Mapping[str, float]
    lexical: float


@dataclass(frozen=True)
class Evidence:
    """What the search found before fusion: the rows scored (None: every chunk), their
    similarity per model, the BM25 score of every chunk and the share of the question's
    words the best line of each row scored holds (None: not weighed, or no line holds any)."""

    rows: np.ndarray | None
    dense: Mapping[str, np.ndarray]
    lexical: np.ndarray
    lines: np.ndarray | None = None


@dataclass(frozen=True)
class _Parts:
    """The evidence of the rows scored, ready to weigh (see :meth:`Retriever.fuse`)."""

    rows: np.ndarray | None
    dense: Mapping[str, np.ndarray]
    lexical: np.ndarray  # BM25 on the scale of a full match
    lines: np.ndarray | None
    topics: np.ndarray
    named: bool  # the question names a rare name of the profiles


class Retriever:
    """Searches one loaded index with the same models that built it."""

    def __init__(
        self,
        data: IndexData,
        embedders: Sequence[Embedder],
        weights: FusionWeights | None = None,
        ranker: SectionRanker | None = None,
    ) -> None:
        chunks = data.chunks
        self.chunks = chunks
        self._vectors = data.vectors
        self._unit_vectors = data.unit_vectors
        # Units are stored in chunk order: the start of each chunk's run of units.
        starts = np.searchsorted(data.unit_chunks, np.arange(len(chunks)))
        self._unit_starts = np.minimum(starts, max(len(data.unit_chunks) - 1, 0))
        self._has_units = np.isin(np.arange(len(chunks)), data.unit_chunks)
        self._embedders = tuple(embedders)
        self.weights = weights or FusionWeights()
        self.ranker = ranker  # orders the sections of one profile (None: the fusion does)
        self.lexical: LexicalIndex = data.lexical
        self._columns = data.columns
        self._topics = data.columns.topic
        self._profiles = data.columns.profile_id
        self._ann = data.ann
        # In a large index, the models without a graph read their candidates' rows with
        # pread: through the memory mapping, each row would map 64 KB around it (rows.py).
        self._rows: dict[str, RowReader] = {}
        for name, matrix in data.vectors.items() if data.ann else ():
            reader = RowReader.of(matrix) if name not in data.ann else None
            if reader is not None:
                self._rows[name] = reader

    @property
    def graphs(self) -> Mapping[str, AnnIndex]:
        """Per model, the graph searched for candidates in a large index (else empty)."""
        return self._ann

    @property
    def chunk_topics(self) -> np.ndarray:
        """Each chunk's topic, in row order."""
        return self._topics

    def exact_similarities(self, name: str, vector: np.ndarray) -> np.ndarray:
        """The similarity of ``vector`` to every chunk's vector of model ``name``."""
        return np.asarray(self._vectors[name]) @ vector

    def topic_bonus(self, query: Query) -> dict[str, float]:
        """Per topic, what :meth:`fuse` adds to the score of a chunk of that topic."""
        bonus: dict[str, float] = {}
        if query.topics:
            bonus[query.topics[0]] = self.weights.topic
            for other in set(query.topics[1:]):
                bonus[other] = bonus.get(other, 0.0) + self.weights.other_topic
        if query.topic_shares and self.weights.topic_examples:
            for topic, share in query.topic_shares.items():
                bonus[topic] = bonus.get(topic, 0.0) + self.weights.topic_examples * share
        return bonus

    def _candidates(
        self, query: Query, query_vectors: Mapping[str, np.ndarray], lexical: np.ndarray
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """In a large index, the rows worth scoring and, per model, the similarity of each:
        the best chunks by the graph's model's weighted similarity plus their topic's bonus
        (what the fusion adds, BM25 aside; see index.ann) and the best BM25 chunks. The
        graph's model scores them from the vectors the graph stores, the others from their
        rows of the chunk vector files."""
        rows = [np.zeros(0, dtype=np.int64)]
        bonus = self.topic_bonus(query)
        for name, graph in self._ann.items():
            weighted = self.weights.dense.get(name, 1.0) * query_vectors[name]
            rows.append(graph.search(weighted, bonus, CANDIDATES))
        # Only chunks sharing a word with the question score above zero: partitioning those
        # is cheaper than partitioning every chunk.
        sharing = np.flatnonzero(lexical)
        if len(sharing) > CANDIDATES:
            sharing = sharing[np.argpartition(-lexical[sharing], CANDIDATES)[:CANDIDATES]]
        candidates = np.unique(np.concatenate([sharing, *rows]))
        dense = {}
        for name, vector in query_vectors.items():
            if name in self._ann:
                matrix = self._ann[name].vectors(candidates)
            elif name in self._rows:
                matrix = self._rows[name](candidates)
            else:
                matrix = np.asarray(self._vectors[name][candidates])
            dense[name] = matrix @ vector
        return candidates, dense

    def embed(self, text: str) -> dict[str, np.ndarray]:
        """The query's vector for each model."""
        return {e.name: e.embed_queries([text])[0] for e in self._embedders}

    def _dense(self, name: str, vector: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
        """A chunk's similarity (of ``rows``, or all): its own, mixed with that of its
        closest sentence."""
        units = self._unit_vectors.get(name)
        if rows is not None and name in self._ann:
            return self._ann[name].vectors(rows) @ vector
        if units is None or not len(units) or self.weights.unit == 0:
            if rows is None:
                return np.asarray(self._vectors[name] @ vector)
            return np.asarray(self._vectors[name][rows] @ vector)
        whole = self._vectors[name] @ vector
        best_unit = np.maximum.reduceat(units @ vector, self._unit_starts)
        best_unit = np.where(self._has_units, best_unit, whole)
        share = self.weights.unit
        mixed = (1 - share) * whole + share * best_unit
        return mixed if rows is None else mixed[rows]

    def evidence(
        self, query: Query, query_vectors: Mapping[str, np.ndarray], exact: bool = False
    ) -> Evidence:
        """The BM25 scores, then the chunks worth scoring and their similarity per model
        (``exact``: every chunk, even in a large index)."""
        lexical = self.lexical.scores(query.text)
        if query.synonyms and self.weights.synonyms:
            lexical = lexical + self.weights.synonyms * self.lexical.scores(query.synonyms)
        found = self.nearest(query, query_vectors, lexical, exact)
        if not self.weights.best_line:
            return found
        lines = self.lexical.line_shares(query.text, query.synonyms, found.rows)
        return Evidence(found.rows, found.dense, found.lexical, lines)

    def nearest(
        self,
        query: Query,
        query_vectors: Mapping[str, np.ndarray],
        lexical: np.ndarray,
        exact: bool = False,
    ) -> Evidence:
        """The vector search, given the BM25 scores of every chunk: a named profile's chunks
        only; in a large index (unless ``exact``), candidates from its graphs and BM25; else
        every chunk."""
        rows: np.ndarray | None = None
        if query.profile_ids:
            rows = self._columns.rows_of_profiles(query.profile_ids)
        elif self._ann and not exact:
            rows, dense = self._candidates(query, query_vectors, lexical)
            return Evidence(rows, dense, lexical)
        dense = {name: self._dense(name, vector, rows) for name, vector in query_vectors.items()}
        return Evidence(rows, dense, lexical)

    def fuse(self, query: Query, evidence: Evidence, limit: int) -> list[Hit]:
        """The best ``limit`` chunks: within one profile, by the learned section ranker (when
        it has the models searched with); else by the weighted sum of every kind of evidence."""
        parts = self._parts(query, evidence)
        score = self._fused(query, parts)
        if self.ranker is not None and self._ranks(query):
            score = self.ranker.scores(self._ranker_evidence(query, parts, score))
        order = np.argsort(-score, kind="stable")[:limit]
        return [
            Hit(
                chunk=self.chunks[int(i if parts.rows is None else parts.rows[i])],
                score=float(score[i]),
                dense={name: float(values[i]) for name, values in parts.dense.items()},
                lexical=float(parts.lexical[i]),
            )
            for i in order
        ]

    def _ranks(self, query: Query) -> bool:
        return (
            self.ranker is not None
            and len(query.profile_ids) == 1
            and self.ranker.ranks(tuple(e.name for e in self._embedders))
        )

    def _parts(self, query: Query, evidence: Evidence) -> _Parts:
        """The evidence of the rows scored, BM25 on the scale of a full match."""
        rows, all_lexical = evidence.rows, evidence.lexical
        lexical = all_lexical if rows is None else all_lexical[rows]
        top_lexical = float(all_lexical.max()) if all_lexical.size else 0.0
        if self.weights.lexical_ceiling:
            top_lexical = max(top_lexical, self.lexical.ceiling(query.text))
        return _Parts(
            rows=rows,
            dense=evidence.dense,
            lexical=lexical / top_lexical if top_lexical > 0 else lexical,
            lines=evidence.lines,
            topics=self._topics if rows is None else self._topics[rows],
            # "C'est quoi Indumation ?": the passage naming it beats any topic.
            named=self.lexical.names_a_rare_name(query.text),
        )

    def _fused(self, query: Query, parts: _Parts) -> np.ndarray:
        """Each row's weighted sum of every kind of evidence."""
        lexical_weight = self.weights.lexical
        if parts.named:
            lexical_weight = self.weights.lexical_for_names
        elif query.specific:
            lexical_weight = self.weights.lexical_for_specific
        score = lexical_weight * parts.lexical
        for name, similarities in parts.dense.items():
            score = score + self.weights.dense.get(name, 1.0) * similarities
        topics = parts.topics
        topic_scale = self.weights.topics_for_specific if query.specific else 1.0
        if query.topics:
            score = score + topic_scale * self.weights.topic * (topics == query.topics[0])
            if len(query.topics) > 1:
                others = np.isin(topics, list(query.topics[1:]))
                score = score + topic_scale * self.weights.other_topic * others
        if parts.lines is not None:
            score = score + self.weights.best_line * parts.lines
        if query.topic_shares and self.weights.topic_examples:
            share_of = query.topic_shares
            shares = np.array([share_of.get(str(t), 0.0) for t in topics], dtype=np.float32)
            score = score + topic_scale * self.weights.topic_examples * shares
        return score

    def ranker_evidence(self, query: Query, evidence: Evidence) -> RankerEvidence:
        """What the section ranker reads of ``evidence`` (to learn its weights)."""
        parts = self._parts(query, evidence)
        return self._ranker_evidence(query, parts, self._fused(query, parts))

    def _ranker_evidence(self, query: Query, parts: _Parts, fused: np.ndarray) -> RankerEvidence:
        rows = parts.rows if parts.rows is not None else np.arange(len(self.chunks))
        return RankerEvidence(
            chunks=[self.chunks[int(row)] for row in rows],
            dense=parts.dense,
            lexical=parts.lexical,
            lines=parts.lines,
            topics=query.topics,
            topic_shares=query.topic_shares,
            specific=query.specific or parts.named,
            fusion=fused,
        )

    def best_per_profile(
        self,
        query_vectors: Mapping[str, np.ndarray],
        count: int,
        bonus: Callable[[np.ndarray], np.ndarray] | None = None,
        model_weights: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        """The chunk most like the question of each of the ``count`` profiles whose best
        :data:`PROFILE_PASSAGES` chunks are the most alike, by every model's similarity
        together (each standardised over every chunk, or over the graph's candidates in a
        large index, so that no model's scale outweighs another's; then times its weight in
        ``model_weights``, 1 if absent), plus ``bonus`` (what it gives the rows scored). No
        topic, no words:
        "j'aime les animaux" asks for no section, and its words are seldom in the profile's
        language."""
        if not self.chunks or not query_vectors:
            return []
        if self._ann:  # a large index: its graph's candidates, never every vector
            rows, dense = self._candidates(Query(""), query_vectors, np.zeros(len(self.chunks)))
        else:
            rows = np.arange(len(self.chunks))
            dense = {name: self.exact_similarities(name, v) for name, v in query_vectors.items()}
        weights = model_weights or {}
        total = np.zeros(len(rows))
        for name, similarity in dense.items():
            standardised = (similarity - similarity.mean()) / (similarity.std() or 1.0)
            total += weights.get(name, 1.0) * standardised
        if bonus is not None:
            total += bonus(rows)
        best, score = best_of_each_profile(self._profiles[rows], total, PROFILE_PASSAGES)
        chosen = np.argsort(-score, kind="stable")[:count]
        return [Hit(self.chunks[int(rows[best[at]])], float(score[at]), {}, 0.0) for at in chosen]

    def search(
        self,
        query: Query,
        limit: int = 3,
        query_vectors: Mapping[str, np.ndarray] | None = None,
        exact: bool = False,
    ) -> list[Hit]:
        """The best ``limit`` chunks for ``query``, best first (``query_vectors``: reuse
        vectors of ``query.text`` already computed with :meth:`embed`; ``exact``: score every
        chunk, even in a large index, to measure the approximate search against)."""
        if not self.chunks:
            return []
        if query_vectors is None:
            query_vectors = self.embed(query.text)
        return self.fuse(query, self.evidence(query, query_vectors, exact), limit)


def best_of_each_profile(
    profiles: np.ndarray, scores: np.ndarray, passages: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per profile (in the order of :func:`numpy.unique`): the position of its best score, and
    the mean of its best ``passages`` scores."""
    if not len(scores):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    order = np.argsort(-scores, kind="stable")
    names, profile_of = np.unique(profiles[order], return_inverse=True)
    grouped = np.argsort(profile_of, kind="stable")  # by profile, best first within each
    sizes = np.bincount(profile_of, minlength=len(names))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    rank = np.empty(len(order), dtype=np.int64)
    rank[grouped] = np.arange(len(order)) - np.repeat(starts, sizes)
    kept = rank < passages
    total = np.bincount(profile_of[kept], weights=scores[order][kept], minlength=len(names))
    return order[grouped[starts]], total / np.minimum(sizes, passages)
