"""Large indexes: chunks read on demand, saved BM25, approximate search over candidates.

The threshold is lowered so that the shipped knowledge plus synthetic profiles count as large;
the same index is then searched exactly and approximately and the answers compared."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor.index import FORMAT_VERSION, build_index, load_index
from advisor.index.chunk_table import ChunkColumns, ChunkTable
from advisor.retrieval.fusion import Query, Retriever
from advisor.retrieval.lexical import LexicalIndex
from tiny import TinyEmbedder

ROOT = Path(__file__).resolve().parents[2]
MODELS = {"tiny": "test:tiny:16", "other": "test:other:8"}


def _models() -> list[TinyEmbedder]:
    return [TinyEmbedder(), TinyEmbedder("other", 8)]


def _synthetic() -> object:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic() -> object:
    return _synthetic()


@pytest.fixture()
def large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synthetic: object) -> Path:
    knowledge = tmp_path / "knowledge"
    synthetic.generate(12, knowledge)  # type: ignore[attr-defined]
    shutil.copy(ROOT / "knowledge" / "responsable-de-production.txt", knowledge)
    for module in ("advisor.index.build", "advisor.index.store"):
        monkeypatch.setattr(f"{module}.LARGE_INDEX", 100)
    index = tmp_path / "index"
    build_index(knowledge, index, _models())
    return index


def test_a_large_index_has_a_graph_of_its_first_model_only_and_no_sentence_vectors(
    large: Path,
) -> None:
    index = load_index(large, MODELS)
    assert len(index.chunks) > 300
    assert set(index.data.ann) == {"tiny"} and len(index.data.ann["tiny"]) == len(index.chunks)
    assert not (index.directory / "ann-other.usearch").exists()
    assert index.manifest.unit_count == 0 and len(index.data.unit_vectors["tiny"]) == 0


def test_the_other_models_score_the_candidates_from_their_own_vectors(large: Path) -> None:
    index = load_index(large, MODELS)
    retriever = Retriever(index.data, _models())
    query = Query("Quel est le salaire d'un débutant ?")
    vectors = retriever.embed(query.text)
    evidence = retriever.evidence(query, vectors)
    assert evidence.rows is not None and 0 < len(evidence.rows) < len(index.chunks)
    for name in MODELS:
        exact = np.asarray(index.data.vectors[name])[evidence.rows] @ vectors[name]
        # The graph's model comes from its float16 copy; the other from the float32 file.
        assert np.allclose(evidence.dense[name], exact, atol=2e-3 if name == "tiny" else 1e-6)


def test_approximate_search_finds_what_exact_search_finds(large: Path) -> None:
    index = load_index(large, MODELS)
    approximate = Retriever(index.data, _models())
    same_first = 0
    questions = [
        "Quel est le salaire d'un débutant ?",
        "Quelles études pour devenir actuaire ?",
        "Les horaires sont-ils flexibles ?",
        "Quels outils utilise-t-on ?",
        "C'est quoi le Lean management ?",
    ]
    for question in questions:
        query = Query(question)
        found = approximate.search(query, 3)
        assert found and all(np.isfinite(hit.score) for hit in found)
        best = approximate.search(query, 3, exact=True)[0]
        same_first += found[0].chunk.id == best.chunk.id or found[0].score >= best.score - 1e-3
    assert same_first == len(questions)


def test_the_graph_finds_what_the_topic_bonus_lifts(large: Path) -> None:
    index = load_index(large, MODELS)
    graph = index.data.ann["tiny"]
    topics = np.asarray(index.data.columns.topic).astype(str)
    vector = TinyEmbedder().embed_queries(["Quel est le salaire d'un débutant ?"])[0]
    for topic in ("salary", "studies"):
        assert topic in graph.labels and (topics == topic).any()
        rows = graph.search(vector, {topic: 5.0}, 10)
        assert len(rows) == 10 and set(topics[rows]) == {topic}
    assert set(topics[graph.search(vector, {}, 10)]) != {"studies"}


def test_the_topic_bonus_is_what_the_fusion_adds(large: Path) -> None:
    from advisor.retrieval.fusion import Evidence

    index = load_index(large, MODELS)
    retriever = Retriever(index.data, _models())
    query = Query("x", topics=("salary", "studies", "studies"), topic_shares={"salary": 0.5})
    rows = np.arange(len(index.chunks))
    zeros = np.zeros(len(rows), dtype=np.float32)
    evidence = Evidence(rows, {"tiny": zeros, "other": zeros}, zeros)
    bonus = retriever.topic_bonus(query)
    for hit in retriever.fuse(query, evidence, len(rows)):
        assert abs(hit.score - bonus.get(hit.chunk.topic, 0.0)) < 1e-6


def test_a_named_profile_is_searched_exactly_among_its_chunks(large: Path) -> None:
    index = load_index(large, MODELS)
    retriever = Retriever(index.data, _models())
    profile = "responsable-de-production"
    hits = retriever.search(Query("salaire", profile_ids=(profile,)), 3)
    assert hits and {hit.chunk.profile_id for hit in hits} == {profile}


def test_the_chunk_table_reads_each_chunk_as_written(tmp_path: Path, large: Path) -> None:
    index = load_index(large, MODELS)
    chunks = list(index.chunks)
    path = tmp_path / "chunks.jsonl"
    table = ChunkTable(path, ChunkTable.write(path, chunks))
    assert len(table) == len(chunks)
    assert table[0] == chunks[0] and table[-1] == chunks[-1] and table[5:8] == chunks[5:8]
    assert list(table) == chunks
    wanted = [chunks[3].id, chunks[-1].id, "not-an-id"]
    assert table.by_ids(wanted) == {chunks[3].id: chunks[3], chunks[-1].id: chunks[-1]}
    with pytest.raises(IndexError):
        table[len(chunks)]


def test_columns_and_bm25_survive_saving(tmp_path: Path, large: Path) -> None:
    chunks = list(load_index(large, MODELS).chunks)
    columns = ChunkColumns.of(chunks)
    columns.save(tmp_path / "columns.npz")
    loaded = ChunkColumns.load(tmp_path / "columns.npz")
    assert list(loaded.topic) == [c.topic for c in chunks]
    assert list(loaded.profile_id) == [c.profile_id for c in chunks]
    texts = [c.embedding_text() for c in chunks]
    lexical = LexicalIndex.build(texts, [c.language for c in chunks])
    lexical.save(tmp_path / "lexical")
    again = LexicalIndex.load(tmp_path / "lexical")
    question = "Quel salaire pour un technicien de maintenance débutant ?"
    assert np.allclose(lexical.scores(question), again.scores(question))
    assert lexical.scores(question).max() > 0


def test_synthetic_profiles_are_deterministic_and_free_of_noise(
    tmp_path: Path, synthetic: object
) -> None:
    first = synthetic.generate(5, tmp_path / "a")  # type: ignore[attr-defined]
    second = synthetic.generate(5, tmp_path / "b")  # type: ignore[attr-defined]
    texts = [path.read_text(encoding="utf-8") for path in first]
    assert texts == [path.read_text(encoding="utf-8") for path in second]
    assert len({text.splitlines()[1] for text in texts}) == 5  # five job titles
    assert not any("Quiz gratuit" in text or "Démarrer" in text for text in texts)
    assert all("responsable de production" not in text.lower() for text in texts)


def test_a_small_change_updates_the_previous_graph_and_leaves_its_version_alone(
    large: Path,
) -> None:
    import hashlib

    from advisor.index.versions import IndexVersions

    before = load_index(large, MODELS)
    old_graph = before.directory / "ann-tiny.usearch"
    old_bytes = hashlib.sha256(old_graph.read_bytes()).hexdigest()
    knowledge = large.parent / "knowledge"
    profile = sorted(knowledge.glob("synthetic-*.md"))[0]
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text + "\nLes grutiers zorglubiens travaillent la nuit.\n", "utf-8")
    report = build_index(knowledge, large, _models())
    assert 0 < report.embedded < 5 and report.reused > 300
    after = load_index(large, MODELS)
    assert after.directory != before.directory
    assert hashlib.sha256(old_graph.read_bytes()).hexdigest() == old_bytes
    graph = after.data.ann["tiny"]
    assert (after.directory / "graph-keys.npy").is_file()
    assert len(graph) == len(after.chunks) and len(set(graph.keys.tolist())) == len(graph)
    # Updated, not rebuilt: a new build numbers the keys as the rows.
    assert not np.array_equal(graph.keys, np.arange(len(graph)))
    # Reused chunks keep their key; the graph finds the new passage under its own row.
    new_row = next(i for i, c in enumerate(after.chunks) if "zorglubiens" in c.text)
    vector = np.asarray(after.data.vectors["tiny"][new_row])
    rows = graph.search(vector, {}, 1)
    assert rows[0] == new_row
    assert np.allclose(graph.vectors(np.array([new_row]))[0], vector, atol=2e-3)
    hits = Retriever(after.data, _models()).search(Query("grutiers zorglubiens"), 1)
    assert "zorglubiens" in hits[0].chunk.text
    assert len(IndexVersions(large).all()) == 2


def test_a_version_of_the_previous_format_lends_its_vectors_not_its_graph(large: Path) -> None:
    import json

    from advisor.errors import IndexMismatch
    from advisor.index.store import read_index

    before = load_index(large, MODELS)
    manifest = before.directory / "manifest.json"
    raw = json.loads(manifest.read_text(encoding="utf-8"))
    raw["format_version"] = 4
    manifest.write_text(json.dumps(raw), encoding="utf-8")
    (before.directory / "graph-topics.json").unlink()  # format 4 had none
    with pytest.raises(IndexMismatch):
        read_index(before.directory, MODELS)  # never served
    report = build_index(large.parent / "knowledge", large, _models())
    assert report.embedded == 0 and report.reused == len(before.chunks)
    after = load_index(large, MODELS)
    assert after.manifest.format_version == FORMAT_VERSION
    assert len(after.data.ann["tiny"]) == len(after.chunks)
