"""Markdown profiles with front matter, and the errors a staff member sees for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.documents import read_document, read_knowledge
from advisor.documents.markdown import plain_text
from advisor.errors import KnowledgeError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_front_matter_and_sections() -> None:
    document = read_document(FIXTURES / "testeur-de-glaces.md")
    assert document.title == "Testeur de glaces (fictif)"
    assert document.language == "fr"
    assert document.source.startswith("https://example.invalid/")
    assert document.updated == "2026-01-15"
    assert "glacier-testeur" in document.aliases
    paths = [section.heading_path for section in document.sections]
    assert ("Testeur de glaces (fictif)", "Salaire") in paths
    faq = [section for section in document.sections if section.kind == "faq"]
    assert faq and faq[0].lines[0].text.endswith("?") and len(faq[0].lines) >= 2


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_broken_front_matter_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.md", b"---\ntitle: A\nlanguage: [fr\n---\n# A\nText here.\n")
    with pytest.raises(KnowledgeError) as caught:
        read_document(path)
    assert "broken.md" in str(caught.value)
    assert caught.value.line is not None and caught.value.line >= 2


def test_front_matter_keys_of_its_own_are_read_past(tmp_path: Path) -> None:
    text = "---\ntitle: Soigneur de dragons (fictif)\nregion: Wallonie\ntags: [feu]\n"
    text += "aliases: dragonnier\n---\n# Autre titre\n## Salaire\n"
    text += "Un soigneur débutant gagne environ 2 000 € brut par mois, plus des primes.\n"
    text += "## Horaires\nLes gardes de nuit reviennent une semaine sur quatre.\n"
    document = read_document(_write(tmp_path, "soigneur.md", text.encode()))
    assert document.title == "Soigneur de dragons (fictif)"
    assert document.aliases == ("dragonnier",)
    assert any("2 000 €" in line.text for s in document.sections for line in s.lines)


@pytest.mark.parametrize(("written", "code"), [("nl-BE", "nl"), ("fr_BE", "fr"), ("English", "en")])
def test_front_matter_language_as_portals_write_it(tmp_path: Path, written: str, code: str) -> None:
    text = f"---\ntitle: Soigneur de dragons (fictif)\nlanguage: {written}\n---\n"
    text += "## Salaire\nUn soigneur débutant gagne environ 2 000 € brut par mois.\n"
    assert read_document(_write(tmp_path, "soigneur.md", text.encode())).language == code


def test_a_language_the_advisor_cannot_read_is_refused(tmp_path: Path) -> None:
    text = "---\ntitle: Drachenpfleger\nlanguage: de-DE\n---\n"
    text += "## Gehalt\nEin Drachenpfleger verdient etwa 2 000 € brutto im Monat.\n"
    with pytest.raises(KnowledgeError, match="'de' is not supported") as caught:
        read_document(_write(tmp_path, "pfleger.md", text.encode()))
    assert caught.value.line == 2


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = _write(tmp_path, "open.md", b"---\ntitle: A\n# A\n")
    with pytest.raises(KnowledgeError, match="never closed"):
        read_document(path)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "Métier\nSalaire élevé et très bien\n".encode("latin-1"), "UTF-8"),
        ("short.md", b"---\ntitle: X\n---\nok\n", "no usable text"),
    ],
)
def test_bad_files_are_refused_with_their_name(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(KnowledgeError) as caught:
        read_document(path)
    assert name in str(caught.value)
    assert reason in str(caught.value)


def test_non_utf8_error_gives_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "l.txt", "Titre\n\nLigne une correcte.\nLigne é\n".encode("latin-1"))
    with pytest.raises(KnowledgeError) as caught:
        read_document(path)
    assert caught.value.line == 4


def test_folder_ignores_backups_and_hidden_files_and_reports_bad_ones(tmp_path: Path) -> None:
    good = (FIXTURES / "testeur-de-glaces.md").read_bytes()
    _write(tmp_path, "testeur-de-glaces.md", good)
    _write(tmp_path, "testeur-de-glaces.md~", b"\x00garbage")
    _write(tmp_path, ".hidden.md", b"\x00garbage")
    _write(tmp_path, "notes.pdf", b"%PDF")
    _write(tmp_path, "bad.txt", b"")
    load = read_knowledge(tmp_path)
    assert [d.profile_id for d in load.documents] == ["testeur-de-glaces"]
    assert [e.path.name for e in load.errors] == ["bad.txt"]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            "- **Chef d'équipe** : voir [le site](https://example.invalid/a)",
            "• Chef d'équipe : voir le site",
        ),
        ("* *Vite* et __bien__", "• Vite et bien"),
        ("1. **Stap** één", "1. Stap één"),
        ("> Een _citaat_ met `code`", "Een citaat met code"),
        ("Prix : 5*3 = 15 €, snake_case_word", "Prix : 5*3 = 15 €, snake_case_word"),
        ("Une étoile \\* échappée", "Une étoile * échappée"),
        ("![logo](logo.png) et <https://example.invalid>", "logo et https://example.invalid"),
    ],
)
def test_markdown_lines_are_read_as_the_page_shows_them(line: str, shown: str) -> None:
    assert plain_text(line) == shown


def test_markdown_profiles_are_quoted_as_text(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Fleuriste (fictif)\nlanguage: fr\n---\n\n# Fleuriste (fictif)\n\n"
        "Un métier *inventé* pour les tests.\n\n## **Salaire**\n\n- Débutant : **1 900 €**\n"
        "- Voir [la grille](https://example.invalid/grille)\n\n---\n\n## Horaires\n\nTôt.\n"
    )
    document = read_document(_write(tmp_path, "fleuriste.md", text.encode()))
    paths = {section.heading_path: section.text for section in document.sections}
    # The page's `# ` title repeated under the front matter is the title, not a section.
    assert paths[("Fleuriste (fictif)",)] == "Un métier inventé pour les tests."
    assert paths[("Fleuriste (fictif)", "Salaire")] == "• Débutant : 1 900 €\n• Voir la grille"
    assert paths[("Fleuriste (fictif)", "Horaires")] == "Tôt."  # the rule left out
    # Each line keeps its line number in the file, for staff.
    salary = next(s for s in document.sections if s.heading_path[-1] == "Salaire")
    assert salary.lines[0].number == 12


def _sections(tmp_path: Path, body: str) -> dict[tuple[str, ...], str]:
    text = "---\ntitle: Boulanger (fictif)\nlanguage: fr\n---\n\n# Boulanger (fictif)\n\n" + body
    document = read_document(_write(tmp_path, "boulanger.md", text.encode()))
    return {section.heading_path: section.text for section in document.sections}


def test_a_bold_line_alone_is_a_heading_below_the_last_one(tmp_path: Path) -> None:
    # Documents exported from a word processor mark headings in bold, not with `#`.
    sections = _sections(
        tmp_path,
        "Un métier inventé pour les tests.\n\n**Salaire**\n\nDébutant : 2 000 € brut.\n\n"
        "__Horaires :__\nDès 4 heures.\n",
    )
    title = "Boulanger (fictif)"
    assert sections[(title, "Salaire")] == "Débutant : 2 000 € brut."
    assert sections[(title, "Horaires")] == "Dès 4 heures."
    assert sections[(title,)] == "Un métier inventé pour les tests."


def test_under_hash_headings_a_bold_line_labels_its_list(tmp_path: Path) -> None:
    sections = _sections(
        tmp_path,
        "## Avantages et inconvénients\n\n**Avantages**\n\n"
        "- On voit ce qu'on a fait de ses mains.\n",
    )
    path = ("Boulanger (fictif)", "Avantages et inconvénients")
    assert sections == {path: "Avantages\n• On voit ce qu'on a fait de ses mains."}


def test_bold_questions_under_a_bold_faq_heading_are_its_entries(tmp_path: Path) -> None:
    sections = _sections(
        tmp_path,
        "**Questions fréquentes**\n\n**Faut-il un diplôme ?**\n\nNon, l'apprentissage suffit.\n",
    )
    path = ("Boulanger (fictif)", "Questions fréquentes", "Faut-il un diplôme ?")
    assert sections[path] == "Faut-il un diplôme ?\nNon, l'apprentissage suffit."


@pytest.mark.parametrize("faq", ["Questions fréquentes", "Vos questions", "Vragen en antwoorden"])
def test_bold_questions_under_a_hash_faq_heading_are_its_entries(tmp_path: Path, faq: str) -> None:
    sections = _sections(
        tmp_path,
        f"## {faq}\n\n**Faut-il un diplôme ?**\n\nNon, l'apprentissage suffit.\n\n"
        "**Et la nuit ?**\n\nOui, dès 4 heures.\n",
    )
    title = "Boulanger (fictif)"
    assert sections[(title, faq, "Faut-il un diplôme ?")] == (
        "Faut-il un diplôme ?\nNon, l'apprentissage suffit."
    )
    assert sections[(title, faq, "Et la nuit ?")] == "Et la nuit ?\nOui, dès 4 heures."


def test_underlined_headings_are_headings(tmp_path: Path) -> None:
    body = "Salaire\n-------\n\n2 000 € brut par mois.\n\nTôt le matin.\n\n---\n\nFin.\n"
    sections = _sections(tmp_path, body)
    # A rule after a blank line stays a rule.
    wanted = "2 000 € brut par mois.\nTôt le matin.\nFin."
    assert sections[("Boulanger (fictif)", "Salaire")] == wanted


@pytest.mark.parametrize(
    "body",
    [
        "Le pain se fait la nuit, et c'est\n**dur**\n\nVraiment.\n",  # closes a paragraph
        "**Attention : il faut se lever tôt.**\n\nVraiment.\n",  # a sentence in bold
        "**Farine de froment**\n**Levure fraîche**\n\nVraiment.\n",  # a run of bold lines
    ],
)
def test_bold_emphasis_is_no_heading(tmp_path: Path, body: str) -> None:
    assert list(_sections(tmp_path, body)) == [("Boulanger (fictif)",)]


def test_a_table_keeps_its_line_numbers_and_a_rule_alone_is_no_table(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Boulanger (fictif)\n---\n# Boulanger (fictif)\n\n## Salaire\n\n"
        "a | b\n--- | ---\nDébutant | 2 000 €\n\n---\n\nTexte sous une ligne.\n"
    )
    document = read_document(_write(tmp_path, "boulanger.md", text.encode()))
    salary = next(s for s in document.sections if s.heading_path[-1] == "Salaire")
    assert [(line.number, line.text) for line in salary.lines] == [
        (8, "a · b"),
        (10, "Débutant · 2 000 €"),
        (14, "Texte sous une ligne."),
    ]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        # A table one row a line, its cells apart, without the rule under its header.
        (
            "Selon l'expérience :\n\n| Niveau | Brut mensuel |\n|:-------|-------------:|\n"
            "| Débutant | **2 000 €** |\n| Expérimenté \\| chef | 2 600 € |\n\nHors primes.\n",
            "Selon l'expérience :\nNiveau · Brut mensuel\nDébutant · 2 000 €\n"
            "Expérimenté | chef · 2 600 €\nHors primes.",
        ),
        # HTML comments, tags and code fences left out; entities read; "<3 ans" is text.
        (
            "<!-- fiche revue\nen mai -->\n<details><summary>Voir</summary>\n"
            "Lever à 3&nbsp;h<br>du matin. <!-- à vérifier -->\n</details>\n\n"
            "Moins de <3 ans d'études, salaire < 2 000 € &amp; primes.\n\n"
            "```\nSix jours sur sept.\n```\n",
            "Voir\nLever à 3 h du matin.\n"
            "Moins de <3 ans d'études, salaire < 2 000 € & primes.\nSix jours sur sept.",
        ),
    ],
)
def test_tables_and_html_in_markdown_are_read_as_the_page_shows_them(
    tmp_path: Path, body: str, shown: str
) -> None:
    sections = _sections(tmp_path, "## Salaire\n\n" + body)
    assert sections[("Boulanger (fictif)", "Salaire")] == shown


def test_no_fixture_profile_is_quoted_with_table_or_html_markup() -> None:
    # Helpers writing Markdown profiles put key figures in tables (three of seven did).
    folders = sorted(FIXTURES.glob("profiles*"))
    lines = [
        line.text
        for folder in folders
        for document in read_knowledge(folder).documents
        for section in document.sections
        for line in section.lines
    ]
    assert any(" · " in line and "€" in line for line in lines)
    for line in lines:
        assert "|" not in line and "<br" not in line and "&nbsp;" not in line, line


@pytest.mark.parametrize(
    "questions",
    [
        "### Is het een seizoensjob?\nNee, je werkt het hele jaar.\n"
        "### Moet ik kunnen tekenen?\nVoor de aanleg niet.\n",
        "**Is het een seizoensjob?**\nNee, je werkt het hele jaar.\n\n"
        "**Moet ik kunnen tekenen?**\nVoor de aanleg niet.\n",
    ],
    ids=["question-headings", "bold-questions"],
)
def test_an_faq_is_found_by_its_questions_whatever_its_name(tmp_path: Path, questions: str) -> None:
    text = "---\ntitle: Tuinkabouter (fictief)\n---\n## Loon\nOngeveer 2 300 euro bruto.\n"
    text += f"## Vragen die vaak terugkomen\n{questions}"
    document = read_document(_write(tmp_path, "kabouter.md", text.encode()))
    entries = [section for section in document.sections if section.kind == "faq"]
    assert [entry.heading_path[-1] for entry in entries] == [
        "Is het een seizoensjob?",
        "Moet ik kunnen tekenen?",
    ]
    assert entries[0].lines[0].text == "Is het een seizoensjob?"
    assert "Nee, je werkt het hele jaar." in entries[0].text
