"""The Advisor on the shipped knowledge, with the real default models."""

from __future__ import annotations

import re

import pytest

from advisor.advisor import Advisor
from advisor.documents.noise import is_noise

SALARY = re.compile(r"\d[\d  ]*(?:-\d[\d  ]*)?€")


def test_salary_question_quotes_the_salary_verbatim(advisor: Advisor, seed_path) -> None:
    answer = advisor.ask("Combien gagne un responsable de production ?")
    assert not answer.abstained
    assert answer.language == "fr"
    assert SALARY.search(answer.passages[0].chunk.text)
    seed = seed_path.read_text(encoding="utf-8")
    for passage in answer.passages:
        for line in passage.chunk.text.splitlines():
            assert line in seed  # verbatim, line by line
    assert answer.text in answer.passages[0].chunk.text  # the lead is a verbatim quote
    assert SALARY.search(answer.text)
    assert answer.passages[0].highlight == answer.text


def test_passages_are_best_first_and_name_their_section(advisor: Advisor) -> None:
    answer = advisor.ask("À quoi ressemble une journée de travail ?")
    scores = [p.score for p in answer.passages]
    assert scores == sorted(scores, reverse=True)
    assert answer.passages[0].chunk.section == "Journée type"
    assert answer.passages[0].chunk.source == "responsable-de-production.txt"


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("Hoeveel verdient een productiemanager?", "nl", "3 500-7 500"),
        ("What do you study to become a production manager?", "en", "Bachelier"),
        ("Quels logiciels utilise-t-on ?", "fr", "ERP"),
    ],
)
def test_questions_in_three_languages(
    advisor: Advisor, question: str, language: str, expected: str
) -> None:
    answer = advisor.ask(question)
    assert answer.language == language
    assert any(expected in p.chunk.text for p in answer.passages)


@pytest.mark.parametrize(
    "question",
    [
        "Combien gagne un infirmier ?",
        "What do nurses study?",
        "Hoeveel verdient een bakker?",
    ],
)
def test_other_jobs_abstain_and_name_the_known_job(advisor: Advisor, question: str) -> None:
    answer = advisor.ask(question)
    assert answer.abstained
    assert answer.reason == "other_job"
    assert not answer.passages
    assert "Responsable de production" in answer.text
    assert answer.suggestions


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Quelle est la meilleure pizzeria de Bruxelles ?", "ne sais pas"),
        ("Comment réparer un vélo crevé ?", "ne sais pas"),
        # Traps with the words of career questions: hours, pay, studies, languages.
        ("c'est quoi les horaires de la piscine de Namur ?", "ne sais pas"),
        ("how much does Taylor Swift earn?", "I don't know"),
        ("combien coûte une année d'études en Angleterre ?", "ne sais pas"),
        ("can you correct my Dutch essay?", "I don't know"),
    ],
)
def test_out_of_scope_abstains_kindly(advisor: Advisor, question: str, says: str) -> None:
    answer = advisor.ask(question)
    assert answer.abstained and not answer.passages and answer.reason == "off_topic"
    assert says in answer.text
    assert len(answer.suggestions) >= 2


def test_follow_up_keeps_the_topic(advisor: Advisor) -> None:
    answer = advisor.ask(
        "Et avec de l'expérience ?", ["Combien gagne un responsable de production ?"]
    )
    assert not answer.abstained
    texts = " ".join(p.chunk.text for p in answer.passages[:2])
    assert "5 000-8 000" in texts or "7 500€ ou plus" in texts


def test_a_follow_up_naming_a_place_in_passing_keeps_the_topic(advisor: Advisor) -> None:
    answer = advisor.ask("et si je veux quitter l'usine ?", ["ça mène à quoi plus tard ?"])
    assert answer.topic == "career"
    assert "organisation industrielle" in " ".join(p.chunk.text for p in answer.passages)


def test_a_short_follow_up_is_judged_with_its_conversation(advisor: Advisor) -> None:
    history = ["what does a typical day look like?"]
    answer = advisor.ask("what time does it start?", history)
    assert not answer.abstained and "07h30" in answer.passages[0].chunk.text


def test_a_question_whose_every_word_a_passage_holds_is_in_scope(advisor: Advisor) -> None:
    # "âge" and "moyenne" are words of general-knowledge questions too; "45 ans Âge moyen".
    answer = advisor.ask("ils ont quel âge en moyenne ?")
    assert not answer.abstained and "Âge moyen" in answer.passages[0].chunk.text


def test_what_comes_after_the_studies(advisor: Advisor) -> None:
    answer = advisor.ask("et après ?", ["faut quoi comme études ?"])
    assert answer.topic == "training_path"
    assert "Débuter sa carrière" in answer.passages[0].chunk.text


def test_goodbye_and_question_of_only_the_job_name(advisor: Advisor) -> None:
    goodbye = advisor.ask("bonne soirée, a+")
    assert goodbye.kind == "smalltalk" and not goodbye.passages and "bientôt" in goodbye.text
    what_is_it = advisor.ask("c'est quoi un responsable de production ?")
    assert what_is_it.topic == "intro" and what_is_it.passages[0].chunk.topic == "intro"


def test_greeting_is_answered_without_passages(advisor: Advisor) -> None:
    answer = advisor.ask("Bonjour !")
    assert answer.kind == "smalltalk" and not answer.abstained and not answer.passages
    assert answer.suggestions


def test_a_job_named_in_a_passage_is_not_another_job(advisor: Advisor) -> None:
    answer = advisor.ask("Peut-on devenir directeur d'usine plus tard ?")
    assert not answer.abstained
    assert any("Directeur d'usine" in p.chunk.text for p in answer.passages)


QUESTIONS_THAT_TEMPT_NOISE = [
    "Je veux faire le quiz",
    "Comment savoir si mon profil est compatible ?",
    "Démarrer",
    "Est-ce que je suis fait pour ce métier ?",
    "Quiz gratuit analyse personnalisée",
    "Gagnez des mois de réflexion",
    "What do you think of the free test?",
]


@pytest.mark.parametrize("question", QUESTIONS_THAT_TEMPT_NOISE)
def test_no_noise_line_is_ever_quoted(advisor: Advisor, question: str) -> None:
    answer = advisor.ask(question)
    for passage in answer.passages:
        assert not any(is_noise(line) for line in passage.chunk.text.splitlines())
        assert "quiz" not in passage.chunk.text.lower()
    assert "quiz" not in answer.text.lower() or answer.abstained
