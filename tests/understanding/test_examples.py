"""The example messages' votes: topic, scope, and whether a message is about the student
(hand-made vectors)."""

from __future__ import annotations

import numpy as np

from advisor.understanding.examples import EXPLORE, ExampleClassifier, ExampleQuestions

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
    about_self = examples.explore_share({"m": np.array([0, 1, 0], dtype=np.float32) @ VECTORS.T})
    about_pay = examples.explore_share({"m": np.array([1, 0, 0], dtype=np.float32) @ VECTORS.T})
    assert about_self > 0.4 > about_pay
    assert examples.explore_share({}) == 0.0


def test_exploration_examples_are_neither_topics_nor_scope() -> None:
    examples = _classifier()
    near_self = {"m": np.array([0, 1, 0], dtype=np.float32)}
    assert set(examples.topic_shares(near_self)) == {"salary"}
    # Scope compares the nearest job questions with the nearest off-topic ones: the
    # students' words, nearest of all, are on neither side.
    inside = np.sort(VECTORS[:8] @ near_self["m"])[-3:].mean()
    outside = np.sort(VECTORS[16:] @ near_self["m"])[-3:].mean()
    assert examples.scope_margins(near_self) == [float(inside - outside)]


def test_the_packaged_files_hold_many_exploration_examples() -> None:
    examples = ExampleQuestions.packaged()
    exploring = [
        t for t, label in zip(examples.texts, examples.labels, strict=True) if label == EXPLORE
    ]
    assert len(exploring) >= 100
