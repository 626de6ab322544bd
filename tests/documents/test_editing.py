"""The core of staff edits, on real files in a scratch folder: every replaced or deleted text
kept and readable, saving over a stale hash refused, the aliases file rewritten, a new profile's
template read as the usual topics, a question added to a FAQ, and the changes of an edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.documents.aliases_file import AliasesFile
from advisor.documents.changes import LineKind, text_changes
from advisor.documents.history import ProfileHistory, UnknownVersion
from advisor.documents.loader import read_aliases, read_document, read_knowledge
from advisor.documents.template import SECTION_HEADINGS, profile_template, with_faq_entry
from advisor.documents.uploads import KnowledgeFolder, StaleEdit, UploadRefused
from advisor.insights.marks import MarkKind, QuestionMarks
from advisor.text.topics import topic_of_heading

# A fictitious profile, written for these tests only.
PROFILE = (
    "# Dresseur de nuages\n\nMétier fictif, inventé pour les tests de l’édition des fiches.\n\n"
    "## Salaire\n\nUn dresseur de nuages débutant gagne 2 345 euros brut par mois.\n"
)
SALARY = "Un dresseur de nuages débutant gagne 2 345 euros brut par mois."


def test_saves_keep_the_text_they_replace(tmp_path: Path) -> None:
    folder = KnowledgeFolder(tmp_path)
    first = folder.save_checked("nuages.md", PROFILE.encode(), None)
    assert folder.history.entries("nuages.md") == []  # nothing was replaced
    second = folder.save_checked(
        "nuages.md", PROFILE.replace("2 345", "2 500").encode(), first.sha256
    )
    entries = folder.history.entries("nuages.md")
    assert len(entries) == 1 and entries[0].sha256_prefix == first.sha256[:8]
    assert folder.history.read("nuages.md", entries[0].entry) == PROFILE.encode()
    # The history is no profile: a hidden folder the loader never reads.
    assert [d.profile_id for d in read_knowledge(tmp_path).documents] == ["nuages"]

    with pytest.raises(StaleEdit) as stale:
        folder.save_checked("nuages.md", b"# X\n\nY\n", first.sha256)
    assert stale.value.current == second.sha256
    assert folder.source("nuages.md").sha256 == second.sha256

    restored = folder.restore("nuages.md", entries[0].entry, second.sha256)
    assert restored.content == PROFILE.encode()
    assert len(folder.history.entries("nuages.md")) == 2


def test_a_deleted_profile_can_be_read_again(tmp_path: Path) -> None:
    folder = KnowledgeFolder(tmp_path)
    source = folder.save_checked("nuages.md", PROFILE.encode(), None)
    with pytest.raises(StaleEdit):
        folder.delete("nuages.md", "0" * 64)
    kept = folder.delete("nuages.md", source.sha256)
    assert not (tmp_path / "nuages.md").exists()
    assert folder.history.read("nuages.md", kept.entry) == PROFILE.encode()
    assert folder.history.files() == ["nuages.md"]
    with pytest.raises(UploadRefused):
        folder.delete("nuages.md")


@pytest.mark.parametrize("entry", ["../../etc/passwd", "x.md", "20261205T000000000000Z-zz.md"])
def test_a_name_that_is_no_history_entry_is_refused(tmp_path: Path, entry: str) -> None:
    with pytest.raises(UnknownVersion):
        ProfileHistory(tmp_path).read("nuages.md", entry)


def test_the_history_keeps_the_newest_texts(tmp_path: Path) -> None:
    history = ProfileHistory(tmp_path, kept=3)
    for number in range(5):
        history.keep("nuages.md", f"text {number}".encode())
    entries = history.entries("nuages.md")
    assert [history.read("nuages.md", e.entry) for e in entries] == [
        b"text 4",
        b"text 3",
        b"text 2",
    ]


def test_the_aliases_file_gives_a_profile_its_names(tmp_path: Path) -> None:
    (tmp_path / "aliases.yaml").write_text("cuisinier: [cuistot]\n", encoding="utf-8")
    aliases = AliasesFile(tmp_path, ProfileHistory(tmp_path))
    assert aliases.set_names("nuages", ["nuagiste", " dresseuse  de nuages", "nuagiste"])
    assert not aliases.set_names("nuages", ["nuagiste", "dresseuse de nuages"])  # unchanged
    assert read_aliases(tmp_path / "aliases.yaml") == {
        "cuisinier": ("cuistot",),
        "nuages": ("nuagiste", "dresseuse de nuages"),
    }
    assert aliases.set_names("nuages", [])
    assert read_aliases(tmp_path / "aliases.yaml") == {"cuisinier": ("cuistot",)}
    assert len(ProfileHistory(tmp_path).entries("aliases.yaml")) == 2


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_template_s_sections_are_read_as_the_usual_topics(
    tmp_path: Path, language: str
) -> None:
    headings = SECTION_HEADINGS[language]
    topics = [topic_of_heading((heading,)) for heading in headings[:-1]]
    assert topics == ["intro", "missions", "skills", "studies", "salary", "conditions", "career"]
    text = profile_template("Dresseur de nuages", language, ["nuagiste"])
    filled = text.replace(f"## {headings[4]}\n", f"## {headings[4]}\n\n{SALARY}\n")
    (tmp_path / "nuages.md").write_text(filled, encoding="utf-8")
    document = read_document(tmp_path / "nuages.md")
    assert document.title == "Dresseur de nuages" and document.language == language
    assert document.aliases == ("nuagiste",)


def test_a_question_goes_at_the_end_of_the_faq(tmp_path: Path) -> None:
    markdown = "# X\n\n## FAQ\n\n### Old?\n\nOld answer.\n\n## After\n\nText.\n"
    entry = with_faq_entry(markdown, "  combien  on gagne", "fr", markdown=True)
    lines = entry.text.split("\n")
    assert lines[entry.answer_line - 3] == "### combien on gagne ?"
    assert lines.index("### combien on gagne ?") < lines.index("## After")
    assert lines.index("### combien on gagne ?") > lines.index("Old answer.")
    lines[entry.answer_line - 1] = "Beaucoup."
    (tmp_path / "x.md").write_text("\n".join(lines), encoding="utf-8")
    faq = [
        s
        for s in read_document(tmp_path / "x.md").sections
        if "combien on gagne ?" in s.heading_path
    ]
    assert faq and "Beaucoup." in faq[0].text

    bare = with_faq_entry("# X\n\n## Pay\n\nText.\n", "what hours?", "en", markdown=True)
    assert "## FAQ\n\n### what hours?" in bare.text


def test_the_changes_of_an_edit() -> None:
    old = "\n".join(f"line {n}" for n in range(1, 21))
    new = old.replace("line 10", "line ten") + "\nline 21"
    hunks = text_changes(old, new)
    assert len(hunks) == 2
    changed = [
        (line.kind, line.text, line.old_line, line.new_line)
        for line in hunks[0].lines
        if line.kind != LineKind.SAME
    ]
    assert changed == [
        (LineKind.REMOVED, "line 10", 10, None),
        (LineKind.ADDED, "line ten", None, 10),
    ]
    assert [line.text for line in hunks[0].lines][:2] == ["line 8", "line 9"]  # two lines around
    assert text_changes(old, old) == ()


def test_question_marks_match_any_wording(tmp_path: Path) -> None:
    marks = QuestionMarks(tmp_path / "questions.json")
    marks.mark("Combien gagne un boulanger ?", MarkKind.ANSWERED, "boulanger", "v3")
    found = marks.of(["combien gagne un boulangé", "combien gagne un BOULANGER"])
    assert found is not None and found.kind is MarkKind.ANSWERED and found.version == "v3"
    assert marks.of(["autre chose"]) is None
    (tmp_path / "questions.json").write_text("{broken", encoding="utf-8")
    assert marks.all() == {}  # a broken file hides the marks, never the page
