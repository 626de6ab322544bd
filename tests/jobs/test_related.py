"""The job nearest another (fictitious profiles, hand-made vectors)."""

from __future__ import annotations

import numpy as np

from advisor.index.centroids import profile_centroids
from advisor.jobs.related import RelatedJobs

# Three passages of a baker, two of a pastry cook, one of a lorry driver, one of a courier:
# two directions of meaning, and the courier written in another language.
PROFILES = np.array(["baker", "lorry", "baker", "pastry", "baker", "pastry", "courier"])
VECTORS = np.array(
    [[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0], [1, 0, 0], [1, 0.1, 0], [0.8, 0, 0], [0, 0.7, 0.7]]
)
LANGUAGES = {"baker": "fr", "pastry": "fr", "lorry": "fr", "courier": "nl"}


def _related(
    vectors: np.ndarray, sectors: dict[str, str], languages: dict[str, str] | None = None
) -> RelatedJobs:
    chunk_languages = np.array([(languages or {}).get(p, str(p)) for p in PROFILES])
    return RelatedJobs.of(PROFILES, profile_centroids(PROFILES, chunk_languages, vectors), sectors)


def test_the_nearest_job_is_the_one_whose_passages_are_most_alike() -> None:
    related = _related(VECTORS, {})
    assert related.nearest("baker") == "pastry"
    assert related.nearest("lorry") == "courier"
    assert related.nearest("nobody") is None


def test_a_field_of_work_keeps_the_nearest_job_within_it() -> None:
    sectors = {"baker": "Food", "lorry": "Food"}
    assert _related(VECTORS, sectors).nearest("baker") == "lorry"
    # Alone in its field: the nearest of all.
    assert _related(VECTORS, {"pastry": "Sweets"}).nearest("pastry") == "baker"


def test_a_language_shared_is_no_likeness() -> None:
    # Every French passage leans one more way, for its language alone.
    french = np.hstack([VECTORS, [[3]] * 6 + [[0]]])
    assert _related(french, {}).nearest("lorry") != "courier"
    debiased = _related(french, {}, LANGUAGES)
    assert debiased.nearest("lorry") == "courier"
