"""Each text one answer reads, as the models read it: embedded once, compared with the example
messages once."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answer_path.readings import CLEAR_VOTE, Readings


def test_a_text_is_embedded_and_compared_once_per_answer(advisor: Advisor) -> None:
    readings = Readings(advisor.answer_path().snapshot)
    text = "c'est bien payé ?"
    assert readings.embed(text) is readings.embed(text)
    assert readings.example_similarities(text) is readings.example_similarities(text)
    # Another answer's readings start anew: nothing is kept from one answer to the next.
    assert Readings(advisor.answer_path().snapshot).embed(text) is not readings.embed(text)


def test_the_examples_vote_a_topic_only_when_they_agree(advisor: Advisor) -> None:
    readings = Readings(advisor.answer_path().snapshot)
    assert readings.guess_topic("combien on gagne ?") == "salary"
    assert readings.guess_topic("quelles études faut faire ?") == "studies"
    # Its nearest examples scatter (the upsides, what the job is, the key figures): no vote.
    scattered = "c'est bien payé ce métier ?"
    shares = readings.snapshot.examples.topic_shares(
        readings.embed(scattered), readings.example_similarities(scattered)
    )
    assert max(shares.values()) < CLEAR_VOTE
    assert readings.guess_topic(scattered) is None


def test_a_job_question_is_nearer_the_job_questions_for_every_model(advisor: Advisor) -> None:
    readings = Readings(advisor.answer_path().snapshot)
    about_a_job = readings.job_margins("faut quel diplôme pour faire ce métier ?")
    off_topic = readings.job_margins("raconte-moi une blague sur les chats")
    assert len(about_a_job) == len(off_topic) >= 2
    assert all(job > 0 > other for job, other in zip(about_a_job, off_topic, strict=True))
