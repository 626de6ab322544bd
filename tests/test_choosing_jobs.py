"""Help choosing, with the real models over the seed and the fictitious fixture profiles:
two jobs compared (each from its own profile, in the order named), jobs that fit what the
student likes, the list of the jobs known. Questions written for this test."""

from __future__ import annotations

from advisor.advisor import Advisor
from advisor.answering.compose import AnswerKind
from advisor.jobs.names import main_name


def test_two_jobs_named_are_compared_each_from_its_own_profile(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask("routier ou avocat, lequel gagne le plus ?")
    assert answer.kind is AnswerKind.COMPARE and answer.language == "fr"
    assert [c.profile_id for c in answer.columns] == ["chauffeur-poids-lourd", "advocaat"]
    for column in answer.columns:
        assert column.passage is not None and column.passage.chunk.profile_id == column.profile_id
        assert column.passage.chunk.topic == "salary", column.passage.chunk.section
    # Its chips ask the next topic as a follow-up, which compares the same jobs on it.
    assert answer.suggestions[0] == "Et les études ?"
    after = many_jobs_advisor.ask(
        answer.suggestions[0], history=["routier ou avocat, lequel gagne le plus ?"]
    )
    assert after.kind is AnswerKind.COMPARE
    assert [c.profile_id for c in after.columns] == ["chauffeur-poids-lourd", "advocaat"]
    assert all(c.passage is not None for c in after.columns)
    # Asked the other way round, the other order.
    again = many_jobs_advisor.ask("wie verdient meer: een advocaat of een vrachtwagenchauffeur?")
    assert [c.profile_id for c in again.columns] == ["advocaat", "chauffeur-poids-lourd"]


def test_a_job_without_a_profile_gets_its_own_column_and_the_other_still_answers(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask("électricien ou plombier, c'est quoi les études ?")
    assert answer.kind is AnswerKind.COMPARE
    assert [c.profile_id for c in answer.columns] == ["electrician", None]
    assert answer.columns[0].passage is not None
    assert answer.columns[1].passage is None and "plombier" in (answer.columns[1].note or "")


def test_a_question_about_the_student_quotes_the_jobs_that_fit(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask(
        "je voudrais un métier où je conduis un camion sur les routes d'Europe"
    )
    assert answer.kind is AnswerKind.EXPLORE
    quoted = [card.profile_id for card in answer.jobs]
    assert 1 <= len(quoted) <= 3 and len(set(quoted)) == len(quoted)
    assert quoted[0] == "chauffeur-poids-lourd"
    assert [p.chunk.profile_id for p in answer.passages] == quoted
    assert all(card.question.startswith("C'est quoi le métier de") for card in answer.jobs)


def test_a_job_name_said_as_a_verb_does_not_stop_exploring(many_jobs_advisor: Advisor) -> None:
    # "cook" names the cook's job, but "I love to cook" is what the student likes.
    answer = many_jobs_advisor.ask("I love to cook for my whole family on sundays")
    assert answer.kind is AnswerKind.EXPLORE
    assert answer.jobs[0].profile_id == "cuisinier"


def test_the_advisors_own_taste_is_neither_explored_nor_answered(
    many_jobs_advisor: Advisor,
) -> None:
    # The student's taste is explored; the advisor's is no profile's.
    assert many_jobs_advisor.ask("I love animals").kind is AnswerKind.EXPLORE
    for message in ("do u like animals?", "tu préfères quoi toi, les maths ou le français ?"):
        answer = many_jobs_advisor.ask(message)
        assert answer.kind is AnswerKind.ABSTAIN and answer.reason == "off_topic", message


def test_a_wish_no_one_job_holds_is_explored_but_a_topic_without_a_job_is_asked_back(
    many_jobs_advisor: Advisor,
) -> None:
    # No job, no topic, no "quel métier": the search finds no one job, the wish is a job's.
    answer = many_jobs_advisor.ask("bosser dehors avec des animaux, possible ?")
    assert answer.kind is AnswerKind.EXPLORE
    assert answer.jobs[0].profile_id == "landbouwer"
    # A topic and no job: which job is meant.
    assert many_jobs_advisor.ask("c'est quoi le salaire ?").kind is AnswerKind.CLARIFY


def test_a_job_the_knowledge_lacks_named_in_the_students_story_does_not_stop_exploring(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask(
        "j'adore débattre, je convaincs toujours les profs de changer d'avis, "
        "et je suis fort pour défendre les autres"
    )
    assert answer.kind is AnswerKind.EXPLORE
    assert answer.jobs[0].profile_id == "advocaat"
    # Wanting to become that job is about the job, not the student: never explored.
    assert many_jobs_advisor.ask("ik wil later rechter worden").kind is not AnswerKind.EXPLORE


def test_what_the_student_likes_stays_about_the_job_of_the_conversation(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask(
        "j'aime pas travailler le soir", history=["combien gagne un cuisinier ?"]
    )
    assert answer.kind is AnswerKind.ANSWER
    assert {p.chunk.profile_id for p in answer.passages} == {"cuisinier"}


def test_asking_which_jobs_it_knows_lists_them_all(many_jobs_advisor: Advisor) -> None:
    served = {profile.profile_id for profile in many_jobs_advisor.profiles}
    for question, language in [
        ("tu connais quels métiers ?", "fr"),
        ("Over welke beroepen heb je info?", "nl"),
        ("what jobs do you know?", "en"),
        # No pattern says it: its nearest example messages ask for the list.
        ("waarover kan ik hier iets vinden qua beroepen?", "nl"),
    ]:
        answer = many_jobs_advisor.ask(question)
        assert answer.kind is AnswerKind.BROWSE and answer.language == language
        assert {card.profile_id for card in answer.jobs} == served
        assert str(len(served)) in answer.text
    # Facts about jobs in general are not the list.
    assert many_jobs_advisor.ask("quels métiers recrutent le plus ?").kind is not AnswerKind.BROWSE
    # Worded as a search for jobs that fit, but near the messages asking for the list.
    in_a_field = many_jobs_advisor.ask("tu proposes quels metiers dans le secteur de la sante ?")
    assert in_a_field.kind is AnswerKind.BROWSE
    fits = many_jobs_advisor.ask("quel métier pour quelqu'un qui aime bricoler ?")
    assert fits.kind is AnswerKind.EXPLORE


def test_with_one_profile_a_question_about_the_student_answers_from_it(
    advisor: Advisor,
) -> None:
    answer = advisor.ask("un métier sans longues études ?")
    assert answer.kind is not AnswerKind.EXPLORE


def test_after_an_answer_the_chips_move_on_to_the_next_topic_and_a_related_job(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask("combien gagne un cuisinier ?")
    assert answer.topic == "salary"
    following, related, other = answer.suggestions
    assert following == "Quelles études pour devenir cuisinier ?"
    nearest = many_jobs_advisor.answer_path().snapshot.related.nearest("cuisinier")
    assert nearest not in (None, "cuisinier")
    title = dict(many_jobs_advisor.facts().profiles)[nearest]
    assert related.startswith("Combien gagne un ") and related.endswith(f"{main_name(title)} ?")
    assert other not in (following, related)
    # The chip for the related job is answered from that job's profile.
    assert {p.chunk.profile_id for p in many_jobs_advisor.ask(related).passages} == {nearest}
