"""The example messages' votes: topic, scope, and whether a message is about the student
(hand-made vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.understanding.examples import BROWSE, EXPLORE, ExampleClassifier, ExampleQuestions

# Two directions of meaning: questions about a job's pay (x) and students' words about
# themselves (y), eight of each (a vote reads the seven nearest); off-topic messages (z).
_RNG = np.random.default_rng(0)
_NOISE = 0.1 * _RNG.random((8, 3))
LABELS = ("salary",) * 6 + ("in",) * 2 + (EXPLORE,) * 8 + ("out",) * 4
VECTORS = np.vstack(
    [np.array([1, 0, 0]) + _NOISE, np.array([0, 1, 0]) + _NOISE, np.array([[0, 0, 1]] * 4)]
).astype(np.float32)


def _classifier() -> ExampleClassifier:
    return ExampleClassifier(LABELS, {"m": VECTORS})


def test_a_message_near_students_words_about_themselves_votes_to_explore() -> None:
    examples = _classifier()
    about_self = examples.share(EXPLORE, {"m": np.array([0, 1, 0], dtype=np.float32) @ VECTORS.T})
    about_pay = examples.share(EXPLORE, {"m": np.array([1, 0, 0], dtype=np.float32) @ VECTORS.T})
    assert about_self > 0.4 > about_pay
    assert examples.share(EXPLORE, {}) == 0.0


def test_exploration_examples_are_neither_topics_nor_scope() -> None:
    examples = _classifier()
    near_self = {"m": np.array([0, 1, 0], dtype=np.float32)}
    assert set(examples.topic_shares(near_self)) == {"salary"}
    # Scope compares the nearest job questions with the nearest off-topic ones: the
    # students' words, nearest of all, are on neither side.
    inside = np.sort(VECTORS[:8] @ near_self["m"])[-3:].mean()
    outside = np.sort(VECTORS[16:] @ near_self["m"])[-3:].mean()
    assert examples.scope_margins(near_self) == [float(inside - outside)]


def test_the_packaged_files_hold_many_exploration_and_browse_examples() -> None:
    examples = ExampleQuestions.packaged()
    for kind in (EXPLORE, BROWSE):
        lines = [
            t for t, label in zip(examples.texts, examples.labels, strict=True) if label == kind
        ]
        assert len(lines) >= 100, kind


def test_browse_examples_vote_apart_from_explorations_and_stay_out_of_scope_margins() -> None:
    # Four directions: pay (x), students about themselves (y), asking the list (w), off topic.
    labels = ("salary",) * 8 + (EXPLORE,) * 8 + (BROWSE,) * 8 + ("out",) * 4
    directions = np.eye(4, dtype=np.float32)
    vectors = np.vstack(
        [np.repeat(directions[:3] + 0.1, 8, axis=0), np.tile(directions[3], (4, 1))]
    )
    examples = ExampleClassifier(labels, {"m": vectors})
    near_list = {"m": vectors @ directions[2]}
    assert examples.share(BROWSE, near_list) == 1.0
    assert examples.share(EXPLORE, near_list) == 0.0
    # The nearest job questions are the pay ones, not the requests for the list.
    inside = np.sort(vectors[:8] @ directions[2])[-3:].mean()
    outside = np.sort(vectors[24:] @ directions[2])[-3:].mean()
    assert examples.scope_margins({"m": directions[2]}) == [pytest.approx(float(inside - outside))]
