"""Versioned, incremental, atomic publishing of the index; crash safety; live reload."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor.advisor import Advisor
from advisor.index import IndexBusy, IndexVersions, build_index, load_index
from advisor.index.versions import KEEP_VERSIONS
from advisor.settings import Settings
from advisor.understanding.examples import ExampleQuestions
from tiny import TinyEmbedder

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"
SEED_NAME = "responsable-de-production.txt"


def _edit(knowledge: Path, old: str, new: str) -> None:
    path = knowledge / SEED_NAME
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_one_line_change_embeds_one_chunk(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    first = build_index(knowledge_copy, index, [TinyEmbedder()])
    assert first.full and first.embedded == 28
    before = load_index(index, {"tiny": "test:tiny:16"})
    _edit(knowledge_copy, "Charge mentale élevée.", "Charge mentale très élevée.")
    second = build_index(knowledge_copy, index, [TinyEmbedder()])
    assert not second.full
    assert (second.embedded, second.reused) == (1, 27)
    [changes] = second.files
    assert (changes.file, changes.changed, changes.added, changes.removed, changes.reused) == (
        SEED_NAME,
        1,
        0,
        0,
        27,
    )
    after = load_index(index, {"tiny": "test:tiny:16"})
    assert after.version == second.version != before.version
    # Reused vectors are the very same numbers; the changed chunk's are new.
    old_rows = {c.id: i for i, c in enumerate(before.chunks)}
    for row, chunk in enumerate(after.chunks):
        if chunk.id in old_rows:
            assert np.array_equal(
                after.data.vectors["tiny"][row], before.data.vectors["tiny"][old_rows[chunk.id]]
            )
    assert any("très élevée" in c.text for c in after.chunks)


def test_added_and_removed_files_are_reported(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    fixture = TESTS / "fixtures" / "testeur-de-glaces.md"
    (knowledge_copy / fixture.name).write_bytes(fixture.read_bytes())
    added = build_index(knowledge_copy, index, [TinyEmbedder()])
    by_file = {c.file: c for c in added.files}
    assert by_file[fixture.name].added > 0 and by_file[SEED_NAME].reused == 28
    (knowledge_copy / fixture.name).unlink()
    removed = build_index(knowledge_copy, index, [TinyEmbedder()])
    assert {c.file: c.removed for c in removed.files}[fixture.name] == by_file[fixture.name].added
    assert removed.embedded == 0


def test_full_rebuild_embeds_everything(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    again = build_index(knowledge_copy, index, [TinyEmbedder()], full=True)
    assert again.full and again.embedded == 28
    # The report still compares with the version served: nothing was added or changed.
    assert [(c.added, c.changed, c.reused) for c in again.files] == [(0, 0, 28)]


def test_a_full_rebuild_keeps_the_example_messages_vectors(
    tmp_path: Path, knowledge_copy: Path
) -> None:
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    asked: list[int] = []

    class Counting(TinyEmbedder):
        def embed_queries(self, texts):  # type: ignore[no-untyped-def]
            asked.append(len(texts))
            return super().embed_queries(texts)

    again = build_index(knowledge_copy, index, [Counting()], full=True)
    assert again.embedded == 28 and asked == []  # the passages embedded, no example message
    models = {"tiny": "test:tiny:16"}
    examples = load_index(index, models).data.example_vectors["tiny"]
    assert len(examples) == len(ExampleQuestions.packaged().texts)


def test_versions_are_kept_pruned_and_rolled_back(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    names = [build_index(knowledge_copy, index, [TinyEmbedder()]).version for _ in range(7)]
    versions = IndexVersions(index)
    kept = versions.all()
    assert [v.name for v in kept] == names[-KEEP_VERSIONS:]
    assert [v.published for v in kept] == [False] * (KEEP_VERSIONS - 1) + [True]
    previous = versions.rollback()
    assert previous.name == names[-2]
    assert load_index(index, {"tiny": "test:tiny:16"}).version == names[-2]


def test_a_bad_file_publishes_nothing_and_reports_the_rest(
    tmp_path: Path, knowledge_copy: Path
) -> None:
    from advisor.index import BuildRefused

    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    published = (index / "CURRENT").read_text()
    _edit(knowledge_copy, "Charge mentale élevée.", "Charge mentale très élevée.")
    (knowledge_copy / "broken.md").write_text("---\ntitle: [oops\n---\n# X\nSome text.\n")
    with pytest.raises(BuildRefused) as caught:
        build_index(knowledge_copy, index, [TinyEmbedder()])
    message = str(caught.value)
    assert "broken.md:2" in message
    assert f"{SEED_NAME}: 1 changed, 27 reused" in message
    assert (index / "CURRENT").read_text() == published
    assert len(IndexVersions(index).all()) == 1


def test_a_second_build_at_once_is_refused(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    versions = IndexVersions(index)
    with versions.lock(), pytest.raises(IndexBusy, match="already building"):
        build_index(knowledge_copy, index, [TinyEmbedder()])


_BUILD_SCRIPT = """
import sys
sys.path[:0] = [{tests!r}, {src!r}]
from pathlib import Path
from tiny import SlowEmbedder
from advisor.index import build_index
build_index(Path({knowledge!r}), Path({index!r}), [SlowEmbedder(0.05)],
            progress=lambda done, total: print(done, total, flush=True), full=True)
print("done", flush=True)
"""


def _build_and_kill(knowledge: Path, index: Path, after_lines: int) -> bool:
    """Run a real build process and SIGKILL it after ``after_lines`` progress lines.
    Returns whether it was killed before finishing."""
    script = _BUILD_SCRIPT.format(
        tests=str(TESTS), src=str(SRC), knowledge=str(knowledge), index=str(index)
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert process.stdout is not None
    for _ in range(after_lines):
        line = process.stdout.readline()
        if not line or line.startswith("done"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    return process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("after_lines", [1, 5, 12])
def test_a_killed_build_leaves_the_published_version_serving(
    tmp_path: Path, knowledge_copy: Path, after_lines: int
) -> None:
    index = tmp_path / "index"
    first = build_index(knowledge_copy, index, [TinyEmbedder()])
    _edit(knowledge_copy, "Charge mentale élevée.", "Charge mentale très élevée.")
    assert _build_and_kill(knowledge_copy, index, after_lines)
    loaded = load_index(index, {"tiny": "test:tiny:16"})
    assert loaded.version == first.version
    assert not any("très élevée" in c.text for c in loaded.chunks)
    assert [v.name for v in IndexVersions(index).all()] == [first.version]
    # The next build cleans what the killed one left, and publishes.
    leftovers = [p for p in (index / "versions").iterdir() if p.name.startswith(".partial-")]
    assert leftovers, "the kill should have left a partial build behind"
    after = build_index(knowledge_copy, index, [TinyEmbedder()])
    assert not [p for p in (index / "versions").iterdir() if p.name.startswith(".partial-")]
    assert load_index(index, {"tiny": "test:tiny:16"}).version == after.version


def test_a_running_advisor_follows_a_new_version(tmp_path: Path, knowledge_copy: Path) -> None:
    settings = Settings(knowledge_dir=knowledge_copy, index_dir=tmp_path / "index", embedders=())
    embedders = [TinyEmbedder()]
    build_index(knowledge_copy, settings.index_dir, embedders)
    advisor = Advisor(settings, load_index(settings.index_dir, {"tiny": "test:tiny:16"}), embedders)
    question = "C'est quoi le Zorglubomètre ?"
    assert not any("Zorglubomètre" in p.chunk.text for p in advisor.ask(question).passages)
    in_flight = advisor.answer_path().snapshot
    _edit(
        knowledge_copy,
        "Logiciels de supervision (SCADA)",
        "Logiciels de supervision (SCADA)\nLe Zorglubomètre, un instrument inventé pour ce test",
    )
    build_index(knowledge_copy, settings.index_dir, embedders)
    assert advisor.refresh() is True
    assert advisor.refresh() is False  # nothing newer
    answer = advisor.ask(question)
    assert any("Zorglubomètre" in p.chunk.text for p in answer.passages)
    # A request that started before the switch still holds the old version.
    assert not any("Zorglubomètre" in c.text for c in in_flight.index.chunks)


def test_manifest_lists_the_files_it_was_built_from(tmp_path: Path, knowledge_copy: Path) -> None:
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    manifest = json.loads((IndexVersions(index).published_path() / "manifest.json").read_text())
    assert list(manifest["sources"]) == [SEED_NAME]
