"""The line index: per chunk, the weight of the question's terms its best line holds."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from advisor.retrieval.line_index import LineIndex

VOCABULARY = {"atelier": 0, "bruyant": 1, "horaire": 2, "salaire": 3}
LINES = [
    [["atelier", "bruyant", "bruyant"], ["horaire"]],  # one line holds both words
    [["atelier", "atelier"], ["bruyant"]],  # the two words on two lines
    [],  # a chunk without any word
    [["inconnu", "salaire"]],  # a stem outside the vocabulary
]
WEIGHTS = {0: 1.0, 1: 2.0}


def test_the_best_line_holds_the_most_weight_each_term_counted_once() -> None:
    index = LineIndex.build(LINES, VOCABULARY)
    assert index.best_lines(WEIGHTS).tolist() == [3.0, 2.0, 0.0, 0.0]
    assert index.best_lines({3: 0.5, 7: 9.0}).tolist() == [0.0, 0.0, 0.0, 0.5]


def test_an_index_survives_saving(tmp_path: Path) -> None:
    index = LineIndex.build(LINES, VOCABULARY)
    index.save(tmp_path)
    again = LineIndex.load(tmp_path)
    assert again is not None
    assert np.array_equal(again.best_lines(WEIGHTS), index.best_lines(WEIGHTS))
    assert LineIndex.load(tmp_path / "elsewhere") is None


def test_an_empty_index_scores_nothing() -> None:
    assert LineIndex.build([], {}).best_lines(WEIGHTS).size == 0


def test_a_few_chunks_score_as_they_do_among_all() -> None:
    """A large index scores only its candidates: the same figures, looked up another way."""
    index = LineIndex.build(LINES, VOCABULARY)
    every = index.best_lines(WEIGHTS)
    for rows in ([3, 0], [1], [2, 2, 0, 1], []):
        chosen = np.array(rows, dtype=np.int64)
        assert index.best_lines(WEIGHTS, chosen).tolist() == every[chosen].tolist()
