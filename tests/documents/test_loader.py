"""Staff give any profile more names in ``knowledge/aliases.yaml``: scraped `.txt` pages have no
front matter. A bad file names its line; an id the folder no longer holds is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.documents import read_knowledge
from advisor.documents.loader import ALIASES_FILE, read_aliases
from advisor.errors import KnowledgeError
from advisor.index import build_index, load_index
from tiny import TinyEmbedder


def test_aliases_name_a_scraped_profile(knowledge_copy: Path) -> None:
    (knowledge_copy / ALIASES_FILE).write_text(
        "# other names students use\n"
        "responsable-de-production: [chef de prod, prod manager]\n"
        "profil-supprime:\n  - nom oublié\n",
        encoding="utf-8",
    )
    load = read_knowledge(knowledge_copy)
    assert load.errors == ()
    (document,) = load.documents
    assert document.aliases == ("chef de prod", "prod manager")


def test_a_build_keeps_the_aliases_in_the_manifest(knowledge_copy: Path, tmp_path: Path) -> None:
    (knowledge_copy / ALIASES_FILE).write_text(
        "responsable-de-production: prod boss\n", encoding="utf-8"
    )
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    loaded = load_index(index, {"tiny": TinyEmbedder().model_id})
    assert loaded.manifest.aliases == {"responsable-de-production": ["prod boss"]}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("cuisinier: [chef\n", 2, "not valid YAML"),
        ("- cuisinier\n", 1, "profile-id: [name, name]"),
        ("cuisinier:\n  chef: oui\n", 1, "must be a list"),
    ],
)
def test_a_bad_aliases_file_names_its_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = tmp_path / ALIASES_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_aliases(path)
    assert caught.value.line == line
    assert reason in caught.value.reason


def test_a_bad_aliases_file_stops_the_build_and_says_where(knowledge_copy: Path) -> None:
    (knowledge_copy / ALIASES_FILE).write_text("x: [\n", encoding="utf-8")
    load = read_knowledge(knowledge_copy)
    assert [error.path.name for error in load.errors] == [ALIASES_FILE]
    assert len(load.documents) == 1  # the profiles themselves are read


def test_a_markdown_profiles_field_of_work_reaches_the_manifest(
    knowledge_copy: Path, tmp_path: Path
) -> None:
    (knowledge_copy / "potier.md").write_text(
        "---\ntitle: Potier (fictif)\nlanguage: fr\nsector: Artisanat\n---\n"
        "# Potier (fictif)\n\nUn métier fictif, pour ce test.\n\n## Salaire\n\n1 800 € brut.\n",
        encoding="utf-8",
    )
    load = read_knowledge(knowledge_copy)
    assert {d.profile_id: d.sector for d in load.documents} == {
        "potier": "Artisanat",
        "responsable-de-production": None,
    }
    index = tmp_path / "index"
    build_index(knowledge_copy, index, [TinyEmbedder()])
    loaded = load_index(index, {"tiny": TinyEmbedder().model_id})
    assert loaded.manifest.sectors == {"potier": "Artisanat"}
