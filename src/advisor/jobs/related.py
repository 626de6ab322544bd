"""The job nearest another: what a student reading about one job may ask about next.

In: every profile's centroid (:mod:`advisor.index.centroids`) and field of work. Out:
for a profile, the other profile whose passages are most alike on average, in the same field
of work when the profiles give one.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from advisor.index.centroids import centroid_ids

__all__ = ["RelatedJobs"]


class RelatedJobs:
    """The profiles' centroids (the mean of each one's passages' vectors, normalised) and
    fields of work."""

    def __init__(
        self, profile_ids: tuple[str, ...], centroids: np.ndarray, sectors: Mapping[str, str]
    ) -> None:
        self.profile_ids = profile_ids
        self.centroids = centroids
        self.sectors = dict(sectors)
        self._row = {profile_id: row for row, profile_id in enumerate(profile_ids)}
        self._sector_of_row = np.array([self.sectors.get(p, "") for p in profile_ids])
        self.nearest = lru_cache(maxsize=4096)(self._nearest)

    @classmethod
    def of(
        cls, columns_profiles: np.ndarray, centroids: np.ndarray, sectors: Mapping[str, str]
    ) -> RelatedJobs:
        """From an index's centroids (see :mod:`advisor.index.centroids`), whose rows follow
        the sorted profile ids of its chunks."""
        return cls(centroid_ids(columns_profiles), centroids, sectors)

    def _nearest(self, profile_id: str) -> str | None:
        """The profile most like ``profile_id`` (of its field of work, if it has one)."""
        row = self._row.get(profile_id)
        if row is None or len(self.profile_ids) < 2:
            return None
        similarity = self.centroids @ self.centroids[row]
        similarity[row] = -np.inf
        sector = self.sectors.get(profile_id)
        if sector:
            same = self._sector_of_row == sector
            same[row] = False
            if same.any():
                similarity = np.where(same, similarity, -np.inf)
        return self.profile_ids[int(np.argmax(similarity))]
