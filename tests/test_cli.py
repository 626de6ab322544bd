"""The `advisor` command, run for real in subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(args: list[str], env: dict[str, str] | None = None, prefix: list[str] | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env or os.environ.copy(),
        timeout=300,
    )


def _network_refused_prefix() -> list[str]:
    """`unshare -rn` runs a command in a fresh network namespace: no route to anywhere."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    pytest.skip("unshare cannot make a network namespace here")


def _session_index_copy(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the session's index (built with the default models): a build into it embeds
    only what changed, not every passage and example message again."""
    index = tmp_path / "index"
    shutil.copytree(settings.index_dir, index)
    return index


def test_index_then_ask_json(tmp_path: Path, knowledge_copy: Path, settings, advisor) -> None:  # type: ignore[no-untyped-def]
    index = _session_index_copy(settings, tmp_path)
    built = _run(["index", "--knowledge", str(knowledge_copy), "--index", str(index)])
    assert built.returncode == 0, built.stderr
    assert "Responsable de production (Manager)" in built.stderr
    assert "noise lines left out" in built.stderr
    assert (index / "CURRENT").is_file()
    assert "Published version" in built.stderr
    page = ["--profile", "responsable-de-production"]
    asked = _run(["ask", "C'est quoi le salaire ?", "--json", "--index", str(index), *page])
    assert asked.returncode == 0, asked.stderr
    body = json.loads(asked.stdout)
    assert not body["abstained"]
    assert "€" in body["passages"][0]["text"]
    assert body["passages"][0]["profile_id"] == "responsable-de-production"


@pytest.mark.parametrize("embedders", ["e5,use", "minilm"])
def test_answers_with_the_network_refused(
    tmp_path: Path,
    embedders: str,
    settings,  # type: ignore[no-untyped-def]
    advisor,  # type: ignore[no-untyped-def]
) -> None:
    """Models come from installed packages: with no network at all, they load, build and
    answer (the default models update a copy of the session's index; MiniLM builds anew)."""
    prefix = _network_refused_prefix()
    env = {
        k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    }
    env["ADVISOR_EMBEDDERS"] = embedders
    # The test runs alone: the build may encode with every core (MiniLM embeds the 3,628
    # example messages anew).
    env["ADVISOR_THREADS"] = str(len(os.sched_getaffinity(0)))
    default = embedders == "e5,use"
    index = _session_index_copy(settings, tmp_path) if default else tmp_path / "index"
    built = _run(["index", "--index", str(index)], env, prefix)
    assert built.returncode == 0, built.stderr
    asked = _run(
        ["ask", "Quelles études faut-il faire ?", "--json", "--index", str(index)], env, prefix
    )
    assert asked.returncode == 0, asked.stderr
    body = json.loads(asked.stdout)
    assert any("Bachelier" in p["text"] for p in body["passages"])


def test_mismatched_index_says_to_reindex(tmp_path: Path) -> None:
    index = tmp_path / "index"
    env = os.environ | {"ADVISOR_EMBEDDERS": "use"}
    assert _run(["index", "--index", str(index)], env).returncode == 0
    asked = _run(
        ["ask", "salaire ?", "--index", str(index)], os.environ | {"ADVISOR_EMBEDDERS": "e5"}
    )
    assert asked.returncode == 1
    assert "run `advisor index" in asked.stderr
    assert "Traceback" not in asked.stderr


def test_missing_index_and_bad_knowledge_are_clear_errors(tmp_path: Path) -> None:
    asked = _run(["ask", "salaire ?", "--index", str(tmp_path / "none")])
    assert asked.returncode == 1 and "run `advisor index" in asked.stderr
    bad = tmp_path / "knowledge"
    bad.mkdir()
    (bad / "broken.md").write_text("---\ntitle: [oops\n---\n# X\nSome text here.\n")
    built = _run(["index", "--knowledge", str(bad), "--index", str(tmp_path / "i")])
    assert built.returncode == 1
    assert "broken.md:2" in built.stderr
    assert "Traceback" not in built.stderr


def test_a_bad_setting_is_named_without_a_traceback() -> None:
    asked = _run(["ask", "salaire ?"], os.environ | {"ADVISOR_TOP_K": "99"})
    assert asked.returncode == 1
    assert "ADVISOR_TOP_K" in asked.stderr and "Traceback" not in asked.stderr


def test_serve_first_updates_an_index_whose_examples_topics_or_reading_changed(
    tmp_path: Path,
) -> None:
    from advisor.cli import _refresh_stale_index
    from advisor.documents.loader import READER_VERSION
    from advisor.index import IndexVersions
    from advisor.index.store import read_manifest
    from advisor.settings import Settings
    from advisor.text.topics import topics_sha256
    from advisor.understanding.examples import ExampleQuestions

    settings = Settings(index_dir=tmp_path / "index", embedders="use")
    assert (
        _run(
            ["index", "--index", str(settings.index_dir)], os.environ | {"ADVISOR_EMBEDDERS": "use"}
        ).returncode
        == 0
    )
    versions = IndexVersions(settings.index_dir)
    published = versions.published_path()
    _refresh_stale_index(settings)  # current: nothing to do
    assert versions.published_path() == published

    def upgraded(changed: str) -> Path:
        """As if the advisor had been upgraded with another ``changed`` file since the build."""
        before = versions.published_path()
        manifest = before / "manifest.json"
        facts = json.loads(manifest.read_text("utf-8"))
        facts[changed] = "0" * 64
        manifest.write_text(json.dumps(facts), "utf-8")
        _refresh_stale_index(settings)
        after = versions.published_path()
        assert after != before
        return after

    updated = upgraded("examples_sha256")
    assert read_manifest(updated).examples_sha256 == ExampleQuestions.packaged().sha256
    # The sections' topics are made again with the new topic file.
    assert read_manifest(upgraded("topics_sha256")).topics_sha256 == topics_sha256()
    # The profiles are read again when the advisor reads them otherwise (tables, HTML…).
    assert read_manifest(upgraded("reader_version")).reader_version == READER_VERSION
