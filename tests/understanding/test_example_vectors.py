"""The example messages' vectors shipped for e5: they are e5's own, for every packaged message,
and a message they lack is embedded at the build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from advisor.understanding.example_vectors import (
    ShippedVectors,
    ShippedVectorsError,
    example_vectors,
    message_digest,
    save_shipped_vectors,
)
from advisor.understanding.examples import ExampleQuestions


def test_the_shipped_e5_vectors_hold_every_packaged_message_as_e5_encodes_it(advisor) -> None:  # type: ignore[no-untyped-def]
    """Fails when the example files changed and scripts/ship_example_vectors.py was not run
    again (every fresh build would then embed the messages changed), or when e5's package
    encodes differently from the vectors shipped."""
    (e5,) = [embedder for embedder in advisor.embedders if embedder.name == "e5"]
    texts = ExampleQuestions.packaged().texts
    shipped = ShippedVectors.packaged(e5.model_id)
    assert shipped.missing(texts) == []
    # Three of the build's batches of 16, from the start, the middle and the end.
    for start in (0, (len(texts) // 32) * 16, ((len(texts) - 1) // 16) * 16):
        batch = list(texts[start : start + 16])
        fresh = e5.embed_queries(batch)
        np.testing.assert_allclose(shipped.fill(batch, fresh[:0], e5.dim), fresh, atol=1e-5)


def test_an_index_built_anew_holds_the_vectors_of_every_example_message(advisor) -> None:  # type: ignore[no-untyped-def]
    texts = ExampleQuestions.packaged().texts
    for embedder in advisor.embedders:
        held = advisor.index.data.example_vectors[embedder.name]
        assert held.shape == (len(texts), embedder.dim)
        # Unit vectors: none left at zero by a message the shipped file lacks.
        np.testing.assert_allclose(np.linalg.norm(held, axis=1), 1.0, atol=1e-3)


class _Spelled:
    """A model whose vector of a text is its length and its first letter's code, normalised."""

    name, model_id, dim = "spelled", "spelled:test", 2

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed_queries(self, texts):  # type: ignore[no-untyped-def]
        self.asked.extend(texts)
        vectors = np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_only_the_messages_a_file_lacks_are_embedded_and_each_keeps_its_own_row(
    tmp_path: Path,
) -> None:
    model = _Spelled()
    # A digest ending in a zero byte is read back whole (fixed-size bytes would drop it).
    zero_ended = next(f"m{i}" for i in range(10_000) if message_digest(f"m{i}")[-1] == 0)
    saved = ["un", zero_ended, "trois"]
    save_shipped_vectors(tmp_path / "v.npz", saved, model.embed_queries(saved))
    shipped = ShippedVectors.read((tmp_path / "v.npz").read_bytes())
    model.asked.clear()
    texts = ["zz", "trois", zero_ended, "quatre", "un", "zz"]
    assert shipped.missing(texts) == [0, 3, 5]
    missing = [texts[i] for i in shipped.missing(texts)]
    filled = shipped.fill(texts, model.embed_queries(missing), model.dim)
    assert model.asked == ["zz", "quatre", "zz"]
    np.testing.assert_allclose(filled, _Spelled().embed_queries(texts), atol=1e-6)


def test_a_model_with_no_shipped_file_embeds_every_message() -> None:
    model = _Spelled()
    texts = ["salaire ?", "et les horaires", "salaire ?"]
    vectors = example_vectors(texts, model)  # type: ignore[arg-type]
    assert model.asked == texts
    assert vectors.shape == (3, 2) and ShippedVectors.packaged(model.model_id).rows == {}


def test_an_unreadable_file_or_a_count_that_does_not_match_is_said_plainly(
    tmp_path: Path,
) -> None:
    with pytest.raises(ShippedVectorsError, match="unreadable.*ship_example_vectors"):
        ShippedVectors.read(b"not a numpy file", "example_vectors-x.npz")
    model = _Spelled()
    save_shipped_vectors(tmp_path / "v.npz", ["un"], model.embed_queries(["un"]))
    shipped = ShippedVectors.read((tmp_path / "v.npz").read_bytes())
    with pytest.raises(ShippedVectorsError, match="0 vectors embedded for 1 messages"):
        shipped.fill(["un", "deux"], np.zeros((0, 2), dtype=np.float32), 2)
