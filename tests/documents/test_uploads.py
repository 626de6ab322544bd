"""Staff operations on the knowledge folder: names, sizes, HTML import, preview, save, delete."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.documents import read_document
from advisor.documents.uploads import KnowledgeFolder, UploadRefused

FICTIVE_PAGE = """<!doctype html><html lang="fr"><head><title>Dresseur de nuages — fiche</title>
</head><body><nav>Accueil | Quiz | Connexion</nav><main><h1>Dresseur de nuages (fictif)</h1>
<p>Un métier inventé pour tester l'import de pages HTML dans le logiciel.</p>
<h2>Salaire</h2><p>Un dresseur de nuages fictif gagne 4 321€ brut par mois selon cette page.</p>
<h2>Études</h2><ul><li>Un bachelier imaginaire en météorologie poétique (3 ans).</li>
<li>Un stage sur une colline venteuse.</li></ul></main>
<footer>Cookies — mentions légales</footer></body></html>"""


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Infirmier.md", "infirmier.md"),
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\\\Users\\\\x\\\\Fiche Métier.txt", "fiche-metier.txt"),
        (".hidden.md", "hidden.md"),
    ],
)
def test_names_are_sanitised(tmp_path: Path, given: str, stored: str) -> None:
    assert KnowledgeFolder(tmp_path).safe_name(given) == stored


@pytest.mark.parametrize("given", ["notes.pdf", "script.py", "../..", "noext", ".md"])
def test_other_files_are_refused(tmp_path: Path, given: str) -> None:
    with pytest.raises(UploadRefused):
        KnowledgeFolder(tmp_path).safe_name(given)


def test_size_is_capped(tmp_path: Path) -> None:
    folder = KnowledgeFolder(tmp_path, max_bytes=100)
    with pytest.raises(UploadRefused, match="a profile may have 100"):
        folder.prepare("big.md", b"x" * 101)


def test_an_html_page_becomes_a_markdown_profile(tmp_path: Path) -> None:
    preview = KnowledgeFolder(tmp_path).preview("dresseur.html", FICTIVE_PAGE.encode())
    assert preview.error is None and preview.document is not None
    assert preview.file == "dresseur.md"
    assert preview.document.title == "Dresseur de nuages (fictif)"
    assert preview.document.language == "fr"
    text = "\n".join(chunk.text for chunk in preview.chunks)
    assert "4 321€ brut par mois" in text
    assert "Cookies" not in text and "Quiz" not in text
    assert {chunk.topic for chunk in preview.chunks} >= {"salary", "studies"}


def test_preview_of_a_bad_file_names_it(tmp_path: Path) -> None:
    preview = KnowledgeFolder(tmp_path).preview("cassé.md", b"---\ntitle: [x\n---\n# X\nTexte.\n")
    assert preview.error is not None and preview.document is None
    assert "casse.md:2" in str(preview.error)
    assert not list(tmp_path.iterdir())  # a preview writes nothing


def test_save_replaces_atomically_and_delete_removes(tmp_path: Path) -> None:
    folder = KnowledgeFolder(tmp_path)
    preview = folder.preview("dresseur.html", FICTIVE_PAGE.encode())
    path = folder.save(preview.file, preview.content)
    assert folder.files() == ["dresseur.md"]
    assert read_document(path).title == "Dresseur de nuages (fictif)"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".upload-")]
    folder.delete("dresseur.md")
    assert folder.files() == []
    with pytest.raises(UploadRefused, match="no profile named"):
        folder.delete("dresseur.md")
