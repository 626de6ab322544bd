"""What a student wants of a job, and which profiles say their job offers it
(``data/interests.yaml``).

In: a student's message about themselves ("j'aime travailler dehors", "ik wil niet in het
weekend werken"), and every chunk's text. Out: the facets the message asks for ("outdoors")
and, for them, each chunk's and each profile's evidence: how many of the facet's words (in
French, Dutch and English) they hold. A French page says "en extérieur, par tous les temps";
a Dutch student asks "ik zit graag buiten": the facet's words meet where the models' similarity
across languages is weak.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import yaml

from advisor.chunking.chunker import Chunk
from advisor.errors import AdvisorError
from advisor.text.packaged import packaged_text
from advisor.text.words import fold

__all__ = [
    "Facet",
    "InterestLexicon",
    "InterestFileError",
    "ProfileInterests",
    "text_with_headings",
]


class InterestFileError(AdvisorError):
    """The interest file cannot be read: the message names the facet and entry to fix."""


@dataclass(frozen=True)
class Facet:
    """One thing a student may want of a job: the words saying they want it (``asks``) and
    the words of a profile whose job offers it (``offers``), each matched at a word's start
    on folded text (lower case, no accents)."""

    name: str
    asks: re.Pattern[str]
    offers: re.Pattern[str]
    contrary: tuple[str, ...] = ()  # facets a job offering goes against this one


class InterestLexicon:
    """The facets, in file order."""

    def __init__(self, facets: Sequence[Facet]) -> None:
        self.facets = tuple(facets)

    @classmethod
    def packaged(cls) -> InterestLexicon:
        return cls.parse(packaged_text("interests.yaml"), "advisor/data/interests.yaml")

    @classmethod
    def parse(cls, text: str, source: str) -> InterestLexicon:
        """From YAML: ``name: {asks: [pattern, ...], offers: [pattern, ...]}`` per facet."""
        try:
            # The C parser when PyYAML has it: 10 ms against 165 for the packaged file.
            entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        except yaml.YAMLError as error:
            raise InterestFileError(f"{source}: not valid YAML ({error})") from error
        if not isinstance(entries, dict):
            raise InterestFileError(f"{source}: expected one entry per facet")
        facets = [_facet(name, entry, source) for name, entry in entries.items()]
        names = {facet.name for facet in facets}
        for facet in facets:
            unknown = [name for name in facet.contrary if name not in names]
            if unknown:
                raise InterestFileError(
                    f"{source}: facet {facet.name!r}, contrary: no facet {unknown[0]!r}"
                )
        return cls(facets)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(facet.name for facet in self.facets)

    def asked(self, text: str) -> tuple[int, ...]:
        """The facets ``text`` asks for, as positions in :attr:`facets`."""
        folded = " ".join(fold(text).split())
        return tuple(at for at, facet in enumerate(self.facets) if facet.asks.search(folded))

    def contrary(self, facets: Sequence[int]) -> tuple[int, ...]:
        """The facets that go against ``facets`` (evenings and weekends, for a student asking
        for regular hours), none of them asked itself."""
        at = {facet.name: index for index, facet in enumerate(self.facets)}
        against = (at[name] for facet in facets for name in self.facets[facet].contrary)
        return tuple(dict.fromkeys(f for f in against if f not in facets))

    def offered(self, facet: int, texts: Sequence[str]) -> np.ndarray:
        """How many words of the offer of facet number ``facet`` each folded text holds."""
        pattern = self.facets[facet].offers
        return np.array([len(pattern.findall(text)) for text in texts], dtype=np.int64)


def _facet(name: object, entry: object, source: str) -> Facet:
    if not isinstance(entry, dict) or not {"asks", "offers"} <= entry.keys():
        raise InterestFileError(f"{source}: facet {name!r} needs 'asks' and 'offers' lists")
    contrary = entry.get("contrary", [])
    if not isinstance(contrary, list):
        raise InterestFileError(f"{source}: facet {name!r}, contrary: expected a list of facets")
    return Facet(
        str(name),
        _pattern(entry["asks"], f"{source}: facet {name!r}, asks"),
        _pattern(entry["offers"], f"{source}: facet {name!r}, offers"),
        tuple(str(other) for other in contrary),
    )


def _pattern(patterns: object, where: str) -> re.Pattern[str]:
    if not isinstance(patterns, list) or not patterns:
        raise InterestFileError(f"{where}: expected a list of patterns")
    alternatives = "|".join(f"(?:{fold(str(p))})" for p in patterns)
    try:
        return re.compile(rf"(?<!\w)(?:{alternatives})")
    except re.error:
        pass
    for pattern in patterns:  # the entry to fix (each compiled alone only now: 3,000 take 0.1 s)
        try:
            re.compile(str(pattern))
        except re.error as error:
            raise InterestFileError(f"{where}: {pattern!r} is not a pattern ({error})") from error
    raise InterestFileError(f"{where}: the patterns do not make one pattern together")


class ProfileInterests:
    """Counts the words of a facet in the chunks an exploration asking for it scores, each
    chunk once per facet (the first time), and weighs them."""

    def __init__(
        self, lexicon: InterestLexicon, chunks: Sequence[Chunk], profiles: np.ndarray
    ) -> None:
        self.lexicon = lexicon
        self.chunks = chunks
        self.profiles = profiles  # each chunk's profile id, in row order
        # A byte a count (capped): at 10,000 profiles 253,000 passages × 50 facets take
        # 13 MB, not the 51 MB of float32.
        self.counts = np.zeros((len(chunks), len(lexicon.facets)), dtype=np.uint8)
        self.counted = np.zeros((len(chunks), len(lexicon.facets)), dtype=bool)

    def evidence(
        self, rows: np.ndarray, facets: Sequence[int], against: Sequence[int] = ()
    ) -> np.ndarray:
        """For each of ``rows``: the asked facets' words its chunk holds, plus those its
        profile's chunks among ``rows`` hold, standardised over the profiles, less the same
        profile evidence for the facets ``against`` them (choose.json 0.750 → 0.800 first:
        "pas le soir ni le week-end" had the cook first). Each count is
        log-damped and weighed by the facet's rarity among the profiles: a facet most
        profiles offer tells little. Both count alike: on tests/data/choose.json
        (explorations, expected job first / among 3) the models alone 0.650 / 0.750, with
        both 0.725 / 0.875; weights 0.5 to 2 each: 0.675-0.750 / 0.800-0.925."""
        if not facets or not len(rows):
            return np.zeros(len(rows), dtype=np.float32)
        counts = self.counts_of(rows, facets).astype(np.float32)
        profiles, profile_of_row = np.unique(self.profiles[rows], return_inverse=True)
        weighed, of_profile = _weighed(counts, profile_of_row, len(profiles))
        total = weighed + _standardised(of_profile)[profile_of_row]
        if against:
            contrary = self.counts_of(rows, against).astype(np.float32)
            _, goes_against = _weighed(contrary, profile_of_row, len(profiles))
            total -= _standardised(goes_against)[profile_of_row]
        return total

    def profile_evidence(self, rows: np.ndarray, facets: Sequence[int]) -> dict[str, float]:
        """Per profile of ``rows``: the asked facets' words its chunks among them hold,
        log-damped and weighed by each facet's rarity among the profiles (as in
        :meth:`evidence`, not standardised)."""
        if not facets or not len(rows):
            return {}
        counts = self.counts_of(rows, facets).astype(np.float32)
        profiles, profile_of_row = np.unique(self.profiles[rows], return_inverse=True)
        _, of_profile = _weighed(counts, profile_of_row, len(profiles))
        return {str(p): float(v) for p, v in zip(profiles, of_profile, strict=True)}

    def offering(self, facets: Sequence[int]) -> frozenset[str]:
        """The profiles with a chunk counted so far holding a word of ``facets``."""
        # Only the counted rows: comparing every chunk's profile id instead took 6 ms an
        # exploration at 10,000 profiles (253,000 chunks).
        rows = np.flatnonzero(self.counts[:, list(facets)].any(axis=1))
        return frozenset(self.profiles[rows].tolist())

    def counts_of(self, rows: np.ndarray, facets: Sequence[int]) -> np.ndarray:
        """Each row's count of each facet's words (rows × facets), counting what was never
        counted: only the facets asked for (the 50 of the packaged file, for every passage of
        9 profiles, took 250 ms; at 10,000 profiles a large index's candidates change with
        every question)."""
        chosen = np.array(facets, dtype=np.int64)
        fresh = rows[~self.counted[np.ix_(rows, chosen)].all(axis=1)]
        if len(fresh):
            texts = [fold(text_with_headings(self.chunks[int(row)])) for row in fresh]
            for facet in chosen:
                counted = self.lexicon.offered(facet, texts)
                self.counts[fresh, facet] = np.minimum(counted, np.iinfo(np.uint8).max)
            self.counted[np.ix_(fresh, chosen)] = True
        return self.counts[np.ix_(rows, chosen)]


def _weighed(
    counts: np.ndarray, profile_of_row: np.ndarray, profiles: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's and each profile's log-damped counts, weighed by each facet's rarity."""
    per_profile = np.zeros((profiles, counts.shape[1]), dtype=np.float32)
    np.add.at(per_profile, profile_of_row, counts)
    offering = (per_profile > 0).sum(axis=0)
    rarity = np.log((1 + profiles) / (1 + offering)).astype(np.float32)
    return np.log1p(counts) @ rarity, np.log1p(per_profile) @ rarity


def _standardised(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread else values * 0


def text_with_headings(chunk: Chunk) -> str:
    """A chunk's words and its headings' ("Travailler en extérieur" tells as much)."""
    return " ".join((*chunk.heading_path[1:], chunk.text))
