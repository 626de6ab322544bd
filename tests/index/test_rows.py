"""Rows of a saved matrix read with pread: the same values as through the mapping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from advisor.index.rows import RowReader


@pytest.fixture()
def saved(tmp_path: Path) -> np.ndarray:
    matrix = np.random.default_rng(0).standard_normal((50, 7)).astype(np.float32)
    np.save(tmp_path / "m.npy", matrix)
    return np.load(tmp_path / "m.npy", mmap_mode="r")


def test_rows_read_are_the_rows_mapped(saved: np.ndarray) -> None:
    reader = RowReader.of(saved)
    assert reader is not None
    for rows in ([0], [49], [3, 4, 5, 9, 10, 30], [2, 7, 7], [10, 3], list(range(50))):
        assert np.array_equal(reader(np.array(rows)), np.asarray(saved)[rows])
    assert reader(np.array([], dtype=np.int64)).shape == (0, 7)
    reader.close()


def test_rows_outside_the_matrix_are_refused(saved: np.ndarray) -> None:
    reader = RowReader.of(saved)
    assert reader is not None
    with pytest.raises(IndexError):
        reader(np.array([50]))
    with pytest.raises(IndexError):
        reader(np.array([-1]))


def test_a_matrix_in_memory_needs_no_reader() -> None:
    assert RowReader.of(np.zeros((3, 2), dtype=np.float32)) is None
