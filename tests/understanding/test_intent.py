"""What a question asks for: the jobs known (browse), jobs that fit the student (explore), only
the student's tastes (taste), or facts about a job. Phrasings written for this test, in the
three languages, as students type them."""

from __future__ import annotations

import pytest

from advisor.understanding.intent import Intent, asks_something, question_intent


@pytest.mark.parametrize(
    "message",
    [
        "Quels métiers tu connais ?",
        "tu connais combien de metiers ?",
        "la liste des fiches stp",
        "t'as quoi comme jobs ?",
        "Welke beroepen ken je?",
        "geef me een lijst van de beroepen",
        "Which careers do you know about?",
        "list all the jobs",
    ],
)
def test_asking_which_jobs_it_knows_is_browsing(message: str) -> None:
    assert question_intent(message) is Intent.BROWSE


@pytest.mark.parametrize(
    "message",
    [
        "un métier sans longues études ?",
        "quel métier pour quelqu'un qui aime les chiffres ?",
        "je pourrais faire quoi comme boulot si j'aime dessiner ?",
        "Welk beroep past bij mij als ik graag buiten ben?",
        "een job waar ik met dieren werk",
        "What could I do if I like computers?",
        "a career where I can travel",
    ],
)
def test_asking_for_jobs_that_fit_is_exploring(message: str) -> None:
    assert question_intent(message) is Intent.EXPLORE


@pytest.mark.parametrize(
    "message",
    [
        "j'aime bricoler",
        "je suis timide",
        "ik hou van koken",
        "I love animals",
        "les maths c pas mon truc",
    ],
)
def test_saying_what_one_likes_is_a_taste(message: str) -> None:
    assert question_intent(message) is Intent.TASTE


@pytest.mark.parametrize(
    "message",
    [
        "combien gagne un cuisinier ?",
        "c'est un métier qui recrute ?",
        "je veux savoir le salaire",
        "is het een beroep met toekomst?",
        "what are the hours like?",
        "which jobs pay the most?",  # a comparison of every job: not the list of jobs
    ],
)
def test_questions_about_a_job_are_about_a_job(message: str) -> None:
    assert question_intent(message) is Intent.JOB


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("ik wil later pleiten, waar kan ik dat studeren?", True),
        ("comment on devient avocat", True),
        ("how long is the training", True),
        ("je kiffe cuisiner pour mes potes le weekend", False),
        ("je veux bosser dehors ou avec des animaux", False),  # "ou" is "or" as well as "où"
        ("I love driving trucks", False),
    ],
)
def test_a_question_is_told_from_a_statement(message: str, asks: bool) -> None:
    assert asks_something(message) is asks
