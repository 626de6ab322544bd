"""Each profile's centroid: the mean of its passages' vectors, with its language's own lean
taken off, kept with the index so that no answer has to read every vector to find the job
nearest another (at 10,000 profiles that took 3.9 s and 1 GB at the first answer).

In: every chunk's profile id and language, one model's chunk vectors. Out: one normalised row
per profile, in the order of the sorted profile ids.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CENTROIDS", "profile_centroids", "centroid_ids"]

CENTROIDS = "profile-centroids.npy"


def centroid_ids(chunk_profiles: np.ndarray) -> tuple[str, ...]:
    """The profile ids in the order of the centroids' rows (sorted: the order np.unique
    gives), without a copy of the column as fixed-width text (30 MB at 10,000 profiles)."""
    return tuple(sorted({str(profile) for profile in chunk_profiles.tolist()}))


def profile_centroids(
    chunk_profiles: np.ndarray, chunk_languages: np.ndarray, vectors: np.ndarray
) -> np.ndarray:
    """One row per profile (see :func:`centroid_ids`): its passages' mean vector, less the
    mean of its language's profiles (profiles in one language are alike in every model for
    that alone: with the seed and eight fixture jobs, every job's nearest was one in its own
    language), normalised."""
    ids, rows = np.unique(chunk_profiles.astype(str), return_inverse=True)
    # A profile's chunks come together: summed a run at a time, without copying the vectors.
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
    sums = np.zeros((len(ids), vectors.shape[1]), dtype=np.float32)
    if len(starts):
        run_sums = np.add.reduceat(np.asarray(vectors), starts, axis=0, dtype=np.float32)
        np.add.at(sums, rows[starts], run_sums)
    centroids = _normalised(sums)
    language_of = np.empty(len(ids), dtype=object)
    language_of[rows] = chunk_languages
    for language in set(language_of.tolist()):
        same = language_of == language
        if same.sum() > 1:
            centroids[same] -= centroids[same].mean(axis=0)
    return _normalised(centroids)


def _normalised(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)
