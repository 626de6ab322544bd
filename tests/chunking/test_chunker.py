"""Chunks follow the document: one section each, topics, stable ids."""

from __future__ import annotations

from pathlib import Path

from advisor.chunking.chunker import chunk_document
from advisor.documents import read_document
from advisor.documents.model import Document, Line, Section


def _chunks(seed: Path):  # type: ignore[no-untyped-def]
    return chunk_document(read_document(seed))


def test_a_chunk_never_crosses_a_section(seed_path: Path) -> None:
    document = read_document(seed_path)
    by_path = {section.heading_path: section.text for section in document.sections}
    for chunk in chunk_document(document):
        assert chunk.text in by_path[chunk.heading_path]


def test_salary_card_stays_whole_and_has_its_topic(seed_path: Path) -> None:
    salary = [c for c in _chunks(seed_path) if c.heading_path[-1] == "Salaire"]
    assert len(salary) == 1
    assert salary[0].topic == "salary"
    assert "débutant 3 200-4 500€" in salary[0].text
    assert "expérimenté 5 000-8 000€" in salary[0].text


def test_faq_question_stays_with_its_answer(seed_path: Path) -> None:
    faq = [c for c in _chunks(seed_path) if c.kind == "faq"]
    salary = [c for c in faq if "salaire moyen" in c.text]
    assert len(salary) == 1
    text = salary[0].text
    assert text.startswith("Quel est le salaire moyen d'un Responsable de production")
    assert "3 200€ et 4 500€" in text
    assert salary[0].topic == "salary"


def test_topics_of_the_seed(seed_path: Path) -> None:
    topics = {c.heading_path[-1]: c.topic for c in _chunks(seed_path)}
    assert topics["Études"] == "studies"
    assert topics["Journée type"] == "typical_day"
    assert topics["Outils et équipements"] == "tools"
    assert topics["Points +"] == "pros"
    assert topics["Points -"] == "cons"
    assert topics["Principales formations"] == "where_to_study"
    assert topics["Témoignage"] == "testimony"


def test_ids_are_stable_content_hashes(seed_path: Path) -> None:
    first = [c.id for c in _chunks(seed_path)]
    again = [c.id for c in _chunks(seed_path)]
    assert first == again
    assert len(set(first)) == len(first)


def test_changing_one_section_changes_only_its_id() -> None:
    def document(salary: str) -> Document:
        sections = (
            Section(("Job", "Salaire"), (Line(salary, 3),)),
            Section(("Job", "Études"), (Line("Un bachelier.", 5),)),
        )
        return Document("job", "Job", "fr", "job.txt", sections)

    before = chunk_document(document("1 000€ brut."))
    after = chunk_document(document("2 000€ brut."))
    assert before[0].id != after[0].id
    assert before[1].id == after[1].id


def test_long_sections_are_split_on_line_boundaries() -> None:
    lines = tuple(Line(f"Ligne numéro {n} " + "x" * 80, n) for n in range(1, 60))
    document = Document("job", "Job", "fr", "job.txt", (Section(("Job", "Missions"), lines),))
    chunks = chunk_document(document, max_chars=500)
    assert len(chunks) > 1
    assert all(len(c.text) <= 500 for c in chunks)
    assert "\n".join(c.text for c in chunks) == "\n".join(line.text for line in lines)
    assert {c.heading_path for c in chunks} == {("Job", "Missions")}
