"""Many jobs, one advisor: the real models over the seed and eight fictitious profiles of other
jobs (``tests/fixtures/profiles``): each job found under its names, the right job chosen,
questions that name none asked back, quotes read as text, answers in the page's language."""

from __future__ import annotations

import pytest

from advisor.advisor import Advisor
from advisor.answer_path import Request
from advisor.answering.compose import Answer
from advisor.jobs.choice import JobChoice, JobSource
from advisor.jobs.names import main_name, title_names

FIXTURE_JOBS = {
    "advocaat",
    "assistant-social",
    "chauffeur-poids-lourd",
    "cuisinier",
    "electrician",
    "graphic-designer",
    "landbouwer",
    "winkelbediende",
}


def _profiles_quoted(answer: Answer) -> list[str]:
    return [passage.chunk.profile_id for passage in answer.passages]


def test_the_fixture_jobs_are_all_served(many_jobs_advisor: Advisor) -> None:
    served = {profile.profile_id for profile in many_jobs_advisor.profiles}
    assert served == FIXTURE_JOBS | {"responsable-de-production", "testeur-de-glaces"}
    assert {profile.language for profile in many_jobs_advisor.profiles} == {"fr", "nl", "en"}


def _names_of(advisor: Advisor, profile_id: str) -> list[str]:
    title = dict(advisor.facts().profiles)[profile_id]
    return [*title_names(title), *advisor.index.manifest.aliases.get(profile_id, [])]


@pytest.mark.parametrize("profile_id", sorted(FIXTURE_JOBS))
def test_every_profile_is_found_under_each_of_its_names(
    many_jobs_advisor: Advisor, profile_id: str
) -> None:
    for name in _names_of(many_jobs_advisor, profile_id):
        found = many_jobs_advisor.lexicon.find(f"c'est quoi le salaire d'un {name} ?")
        assert found, name
        assert {mention.profile_id for mention in found} == {profile_id}, name


@pytest.mark.parametrize("profile_id", sorted(FIXTURE_JOBS))
def test_no_profile_name_is_ever_another_job(many_jobs_advisor: Advisor, profile_id: str) -> None:
    for name in _names_of(many_jobs_advisor, profile_id):
        answer = many_jobs_advisor.ask(f"combien gagne un {name} ?")
        assert answer.reason != "other_job", name
        assert answer.kind == "answer", name
        assert _profiles_quoted(answer)[0] == profile_id, name


@pytest.mark.parametrize(
    ("question", "profile_id"),
    [
        ("combien gagne une cuisinière ?", "cuisinier"),  # the feminine in the title
        ("c'est bien payé routier ?", "chauffeur-poids-lourd"),  # the title's note
        ("wat verdient een landbouwster?", "landbouwer"),
        ("how much does a truck driver earn?", "chauffeur-poids-lourd"),  # the lexicon's name
        ("wat verdient een advocaaat?", "advocaat"),  # a typo
        ("combien gagne un electricien ?", "electrician"),  # the French name, no accent
        ("les assistants sociaux gagnent combien ?", "assistant-social"),  # a plural
        ("what does a jurist-pleiter earn?", "advocaat"),  # an alias of the front matter
        ("wat verdient een sociaal assistent?", "assistant-social"),  # a Flemish name
    ],
)
def test_a_job_is_found_under_other_forms_and_languages(
    many_jobs_advisor: Advisor, question: str, profile_id: str
) -> None:
    answer = many_jobs_advisor.ask(question)
    assert answer.kind == "answer"
    assert _profiles_quoted(answer)[0] == profile_id
    assert answer.topic == "salary"


def test_a_question_naming_no_job_asks_which_one(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("c'est bien payé ?")
    assert answer.kind == "clarify"
    assert not answer.abstained and not answer.passages
    assert 2 <= len(answer.suggestions) <= 6
    # Each suggestion asks the question again for one job, and that job answers it.
    for suggestion in answer.suggestions[:2]:
        again = many_jobs_advisor.ask(suggestion)
        assert again.kind == "answer"
        assert main_name(again.passages[0].chunk.profile_title) in suggestion
        assert again.topic == "salary"


def test_the_page_job_answers_a_question_naming_none(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("c'est bien payé ?", profile="cuisinier")
    assert answer.kind == "answer"
    assert set(_profiles_quoted(answer)) == {"cuisinier"}
    # A job named still wins over the page's; an unknown page profile is ignored.
    named = many_jobs_advisor.ask("combien gagne un électricien ?", profile="cuisinier")
    assert _profiles_quoted(named)[0] == "electrician"
    unknown = many_jobs_advisor.ask("c'est bien payé ?", profile="astronaute")
    assert unknown.kind == "clarify"


@pytest.mark.parametrize(
    "question",
    [
        "si plus tard j'ouvre mon propre resto, ça coûte cb au début ?",
        "ya des pourboires ou pas ?",
    ],
)
def test_on_a_job_s_page_its_costs_and_perks_are_asked_of_it(
    many_jobs_advisor: Advisor, question: str
) -> None:
    # The words of prices and shopping, asked of the job on its page (scope examples).
    answer = many_jobs_advisor.ask(question, profile="cuisinier")
    assert answer.kind == "answer", answer.text
    assert set(_profiles_quoted(answer)) == {"cuisinier"}
    price = many_jobs_advisor.ask("cb coûte un kilo de patates chez Colruyt ?", profile="cuisinier")
    assert price.kind == "abstain"


def test_a_customer_looking_for_one_of_the_jobs_is_out_of_scope(
    many_jobs_advisor: Advisor,
) -> None:
    # The job is named, and known: the student wants one to serve them, not to become one.
    answer = many_jobs_advisor.ask("un bon électricien à Namur svp ?")
    assert answer.kind == "abstain" and not answer.passages
    asked = many_jobs_advisor.ask("un bon électricien doit savoir quoi ?")
    assert asked.kind == "answer" and set(_profiles_quoted(asked)) == {"electrician"}


@pytest.mark.parametrize(
    ("question", "profile_id"),
    [
        ("à quoi sert le tachygraphe ?", "chauffeur-poids-lourd"),
        ("c'est quoi l'AFSCA ?", "cuisinier"),
        ("wat is een planogram?", "winkelbediende"),
    ],
)
def test_words_only_one_job_holds_choose_it(
    many_jobs_advisor: Advisor, question: str, profile_id: str
) -> None:
    answer = many_jobs_advisor.ask(question)
    assert answer.kind == "answer"
    assert set(_profiles_quoted(answer)) == {profile_id}


def test_a_word_one_profile_holds_in_another_language_is_its_own(
    many_jobs_advisor: Advisor,
) -> None:
    # The English graphic designer's page says "CMYK"; a French student types "CMJN"
    # (data/synonyms.txt). A hospital, in every language, is several jobs' place.
    words = many_jobs_advisor.answer_path().words
    assert words.own_word_profiles("on bosse en cmjn ?") == {}
    assert words.synonym_owners("on bosse en cmjn ?") == {"graphic-designer": ("cmjn",)}
    assert words.synonym_owners("bosser dans un hôpital ?") == {}


def test_of_two_jobs_own_words_the_one_a_profile_names_as_a_name_chooses_it(
    many_jobs_advisor: Advisor,
) -> None:
    # "rayon" only the French truck driver's page holds (another sense), "FIFO" only the Dutch
    # shop assistant's, written as a name in a bracket: "(FIFO: first in, first out)".
    answer = many_jobs_advisor.ask("quand je remplis les rayons je dois faire du FIFO ?")
    assert answer.kind == "answer"
    assert answer.passages[0].chunk.profile_id == "winkelbediende"
    assert "fifo" in answer.passages[0].chunk.text.casefold()


def test_a_job_without_a_profile_that_one_profile_speaks_of_chooses_that_profile(
    many_jobs_advisor: Advisor,
) -> None:
    # Only the graphic designer's profile names the art director (its pay, as a step up).
    answer = many_jobs_advisor.ask("how much does an art director earn?")
    assert answer.kind == "answer"
    assert _profiles_quoted(answer)[0] == "graphic-designer"
    assert "art director" in answer.passages[0].chunk.text.casefold()
    # A job no passage speaks of stays another job.
    assert many_jobs_advisor.ask("un juge gagne combien ?").kind == "abstain"
    # Only the shop assistant's page names the cashiers ("Kassamedewerker", a training) and
    # the self-scans; the passage quoted on the self-scans answers, though it names no cashier.
    cashiers = many_jobs_advisor.ask("gaan zelfscans de kassamedewerkers vervangen?")
    assert cashiers.kind == "answer", cashiers.text
    assert _profiles_quoted(cashiers)[0] == "winkelbediende"
    assert "zelfscan" in cashiers.passages[0].chunk.text.casefold()
    # Its training named alone is no answer about the cashiers' pay.
    assert many_jobs_advisor.ask("un kassamedewerker gagne combien ?").kind == "abstain"


def test_a_question_naming_two_jobs_answers_for_both_in_order(many_jobs_advisor: Advisor) -> None:
    answer = many_jobs_advisor.ask("salaire d'un cuisinier ou d'un électricien ?")
    assert _profiles_quoted(answer)[:2] == ["cuisinier", "electrician"]
    reverse = many_jobs_advisor.ask("salaire d'un électricien ou d'un cuisinier ?")
    assert _profiles_quoted(reverse)[:2] == ["electrician", "cuisinier"]


def test_a_job_named_by_an_abbreviation_beside_another_is_compared(
    many_jobs_advisor: Advisor,
) -> None:
    # "respo" is read "responsable": typed, the message named the cook alone.
    answer = many_jobs_advisor.ask("respo de production ou cuisinier, lequel gagne le plus ?")
    assert answer.kind == "compare"
    assert [column.profile_id for column in answer.columns] == [
        "responsable-de-production",
        "cuisinier",
    ]


def test_what_a_job_does_named_for_it_is_compared_like_its_name(
    many_jobs_advisor: Advisor,
) -> None:
    answer = many_jobs_advisor.ask("is farming or being an electrician more physical?")
    assert answer.kind == "compare"
    assert [column.profile_id for column in answer.columns] == ["landbouwer", "electrician"]


def test_follow_ups_keep_the_job_or_switch_it(many_jobs_advisor: Advisor) -> None:
    history = ["combien gagne un cuisinier ?"]
    switched = many_jobs_advisor.ask("et pour un électricien ?", history)
    assert set(_profiles_quoted(switched)) == {"electrician"}
    assert switched.topic == "salary"
    english = many_jobs_advisor.ask("and joiners?", ["how much does a farmer earn?"])
    assert english.reason == "other_job"  # no joiner here: said so, not the farmer's pay
    stays = many_jobs_advisor.ask("et les horaires ?", history)
    assert set(_profiles_quoted(stays)) == {"cuisinier"}
    # A question standing on its own, without a job, stays on the conversation's job.
    alone = many_jobs_advisor.ask("quelles études faut-il faire ?", history)
    assert set(_profiles_quoted(alone)) == {"cuisinier"}


def test_another_jobs_word_in_another_language_than_the_profile_keeps_the_job(
    many_jobs_advisor: Advisor,
) -> None:
    # "chaleur" is one of the cook's themes, but the English electrician's page can hold no
    # French word: the heat in attics is still the electrician's; "et pour…" still switches.
    history = ["electricien c bien comme metier ?"]
    stays = many_jobs_advisor.ask("la chaleur dans les greniers en ete c dur ?", history)
    assert set(_profiles_quoted(stays)) == {"electrician"}
    switched = many_jobs_advisor.ask("et pour cuisiner au restaurant ?", history)
    assert set(_profiles_quoted(switched)) == {"cuisinier"}


def test_a_follow_up_naming_another_jobs_theme_switches_to_it(
    many_jobs_advisor: Advisor,
) -> None:
    # "camion" is an everyday word, but only the truck driver's profile holds it: the topic
    # stays (the age to start), the job changes.
    history = ["à partir de quel âge on peut bosser comme cuistot ?"]
    truck = many_jobs_advisor.ask("et pr conduire un camion ?", history)
    assert truck.kind == "answer" and truck.profile_id == "chauffeur-poids-lourd"
    assert "âge" in truck.passages[0].chunk.text
    # A word of a single profile that no longer sounds like a job question does not switch:
    # "weer" (the weather) is only the farmer's.
    weather = many_jobs_advisor.ask(
        "en welk weer wordt het morgen in hasselt?", ["wat doet een elektricien op een werf?"]
    )
    assert weather.kind == "abstain" and weather.reason == "off_topic"


def test_a_follow_up_describing_another_job_in_another_language_switches_to_it(
    many_jobs_advisor: Advisor,
) -> None:
    # No word of it is the Dutch farmer's ("vaches", not "koeien"): read alone, every one of
    # its first passages is the farmer's all the same.
    history = ["un cuisinier bosse le week-end ?"]
    farm = many_jobs_advisor.ask("et pour traire les vaches et soigner le bétail ?", history)
    assert farm.kind == "answer" and farm.profile_id == "landbouwer"
    # A follow-up setting another case that any job has stays on the conversation's job.
    hours = many_jobs_advisor.ask("et pour les horaires du soir ?", history)
    assert set(_profiles_quoted(hours)) == {"cuisinier"}


def test_a_follow_up_offering_another_place_switches_to_its_job(
    many_jobs_advisor: Advisor,
) -> None:
    # "and a courtroom?" names no job: read alone, its first passages are all the lawyer's
    # (a Dutch profile's). "et un jour férié ?" is another case any job has.
    court = many_jobs_advisor.ask("and a courtroom?", ["is a chef's job hard?"])
    assert court.kind == "answer" and court.profile_id == "advocaat"
    holiday = many_jobs_advisor.ask("et un jour férié ?", ["un cuisinier bosse le week-end ?"])
    assert set(_profiles_quoted(holiday)) == {"cuisinier"}


def test_a_job_to_go_on_to_from_the_conversations_is_answered_by_its_profile(
    many_jobs_advisor: Advisor,
) -> None:
    # The electrician's page says where its bachelor leads ("site manager", a production
    # manager's name): asked as a step on, its own page answers; asked alone, that job's.
    history = ["how do you train to be an electrician?"]
    step = many_jobs_advisor.ask("can I become a site manager afterwards?", history)
    assert set(_profiles_quoted(step)) == {"electrician"}
    assert "site manager" in " ".join(p.chunk.text for p in step.passages).casefold()
    alone = many_jobs_advisor.ask("how much does a site manager earn?", history)
    assert set(_profiles_quoted(alone)) == {"responsable-de-production"}


def test_a_rank_risen_to_in_the_conversations_job_is_no_other_job(
    many_jobs_advisor: Advisor,
) -> None:
    history = ["vendeur en magasin ca paye cb ?"]
    step_up = many_jobs_advisor.ask("on peut monter en grade genre chef de magasin ?", history)
    assert step_up.kind == "answer" and step_up.profile_id == "winkelbediende"
    # Named for itself, the same job without a profile is still another job.
    other = many_jobs_advisor.ask("et pour devenir chef de magasin ?", history)
    assert other.kind == "abstain" and other.reason == "other_job"


def test_a_job_answered_by_its_words_is_the_conversations(many_jobs_advisor: Advisor) -> None:
    history = ["on peut conduire un camion à quel âge ?"]
    first = many_jobs_advisor.ask(history[0])
    assert first.profile_id == "chauffeur-poids-lourd"  # no job named: its words tell
    follow_up = many_jobs_advisor.ask("et le permis il coûte cb ?", history)
    assert follow_up.kind == "answer"
    assert set(_profiles_quoted(follow_up)) == {"chauffeur-poids-lourd"}
    # Its own words, not the first question's age, say what it asks: what the licence costs.
    assert any("entre 3 000 et 6 000" in p.chunk.text for p in follow_up.passages[:3])


def test_a_follow_up_naming_the_conversations_topic_is_about_its_job(
    many_jobs_advisor: Advisor,
) -> None:
    # English after English, on a French profile: no word of it is the profile's, and alone it
    # reads like a shop's opening hours; it continues the typical day all the same.
    history = ["what does a typical day look like for a production manager?"]
    answer = many_jobs_advisor.ask("what time does it start?", history)
    assert answer.kind == "answer" and answer.profile_id == "responsable-de-production"
    assert answer.topic == "typical_day"


def test_after_an_exploration_the_best_matching_job_is_the_conversations(
    many_jobs_advisor: Advisor,
) -> None:
    history = ["ik wil later pleiten in de rechtbank"]
    explored = many_jobs_advisor.ask(history[0])
    assert explored.kind == "explore" and explored.jobs[0].profile_id == "advocaat"
    # Neither message names the job: the exploration's first is the one talked about.
    studies = many_jobs_advisor.ask("moet dat met een master of is een bachelor genoeg?", history)
    assert studies.kind == "answer" and studies.profile_id == "advocaat"


@pytest.mark.parametrize(
    ("history", "follow_up", "held"),
    [
        # French after French, on a Dutch profile: "vacances" is its "vakantie".
        ("combien gagne un agriculteur ?", "et c'est vrai qu'on a peu de vacances ?", "vakantie"),
        ("how much does a farmer earn?", "and do they get holidays?", "vakantie"),
    ],
)
def test_a_follow_up_in_another_language_than_its_profile_is_answered(
    many_jobs_advisor: Advisor, history: str, follow_up: str, held: str
) -> None:
    first = many_jobs_advisor.ask(history)
    answer = many_jobs_advisor.ask(follow_up, [history])
    assert answer.kind == "answer" and answer.profile_id == first.profile_id
    assert any(held in p.chunk.text.lower() for p in answer.passages)
    # Its words of the field do not carry a question on something else ("pêche": fishing).
    fishing = many_jobs_advisor.ask(
        "et le permis de pêche il coûte combien ?", ["routier ça gagne cb ?"]
    )
    assert fishing.kind == "abstain" and fishing.reason == "off_topic"


def test_a_follow_up_naming_a_word_only_its_jobs_profile_holds_is_answered(
    many_jobs_advisor: Advisor,
) -> None:
    # Read alone, its price words are those of shopping; the "tractor" is the farmer's alone.
    history = ["ik wil boer worden"]
    answer = many_jobs_advisor.ask("en wat kost zo'n tractor nu eigenlijk?", history)
    assert answer.kind == "answer"
    assert set(_profiles_quoted(answer)) == {"landbouwer"}
    assert any("tractor" in p.chunk.text.lower() for p in answer.passages)
    console = many_jobs_advisor.ask("en wat kost een ps5 nu eigenlijk?", history)
    assert console.kind == "abstain" and console.reason == "off_topic"


def test_a_question_of_its_own_on_the_conversations_job_naming_a_topic_is_answered(
    many_jobs_advisor: Advisor,
) -> None:
    # "tu" is anyone here, not the advisor: the farmer's pay.
    history = ["agriculteur c'est un bon métier ?", "ok et les machines c'est cher ?"]
    answer = many_jobs_advisor.ask("tu gagnes cb en vrai", history)
    assert answer.kind == "answer"
    assert set(_profiles_quoted(answer)) == {"landbouwer"}
    assert answer.topic == "salary"


@pytest.mark.parametrize(
    ("history", "off_topic", "on_topic"),
    [
        ("combien gagne un cuisinier ?", "et qui a gagné le match hier ?", "et les horaires ?"),
        ("wat verdient een advocaat?", "en wie won de match gisteren?", "en de werkuren?"),
        ("how much does a farmer earn?", "and what's your favourite movie?", "and the hours?"),
        # Asked of the advisor itself: that the profile holds "âge" proves nothing.
        ("c quoi les études d'assistant social ?", "et toi t'as quel âge ?", "et ça dure cb ?"),
        # Near the job questions, but asked of the advisor: "toi" is no job's holder here.
        ("combien gagne un cuisinier ?", "et toi tu manges quoi ce soir ?", "et en cantine ?"),
    ],
)
def test_an_off_topic_follow_up_is_not_answered_from_the_job(
    many_jobs_advisor: Advisor, history: str, off_topic: str, on_topic: str
) -> None:
    answer = many_jobs_advisor.ask(off_topic, [history])
    assert answer.kind == "abstain" and answer.reason == "off_topic"
    # On the same job, a follow-up on its work is answered from it.
    stays = many_jobs_advisor.ask(on_topic, [history])
    assert stays.kind == "answer"
    assert stays.profile_id == many_jobs_advisor.ask(history).profile_id


@pytest.mark.parametrize(
    ("message", "page", "language"),
    [
        ("salut", "fr", "fr"),
        ("slt", "fr", "fr"),
        ("hey", "fr", "fr"),
        ("hallo", "nl", "nl"),
        ("hoi", "nl", "nl"),
        ("hey", "en", "en"),
        ("what does a cook earn?", "fr", "en"),  # the message says its language
        ("wat verdient een kok?", "en", "nl"),
    ],
)
def test_the_page_language_answers_short_messages(
    many_jobs_advisor: Advisor, message: str, page: str, language: str
) -> None:
    assert many_jobs_advisor.ask(message, interface_language=page).language == language


def test_markdown_is_quoted_as_text(many_jobs_advisor: Advisor) -> None:
    markdown = [
        chunk for chunk in many_jobs_advisor.index.data.chunks if chunk.file.endswith(".md")
    ]
    assert len(markdown) > 50
    for chunk in markdown:
        for line in chunk.text.splitlines():
            assert "**" not in line and "](" not in line, line
            assert not line.startswith(("- ", "* ", "#")), line
    assert any(line.startswith("• ") for c in markdown for line in c.text.splitlines())


@pytest.mark.parametrize(
    "question",
    [
        "combien coûte un kebab à Liège ?",
        "how much is a bus ticket in Brussels?",
        "combien gagne un boulanger ?",
        "wat kost een rijbewijs B?",
    ],
)
def test_out_of_scope_stays_out_with_many_jobs(many_jobs_advisor: Advisor, question: str) -> None:
    answer = many_jobs_advisor.ask(question)
    assert answer.abstained and not answer.passages


@pytest.mark.parametrize("question", ["t'es un robot ?", "can you solve x^2 - 4 = 0 for me"])
def test_out_of_scope_stays_out_on_a_jobs_page(many_jobs_advisor: Advisor, question: str) -> None:
    # Another profile's words ("Robot", numbers) do not bring it into the page job's scope.
    answer = many_jobs_advisor.ask(question, profile="responsable-de-production")
    assert answer.abstained and not answer.passages


def test_the_chosen_jobs_own_name_is_not_searched_for(many_jobs_advisor: Advisor) -> None:
    # In a profile of another language, the few passages naming the job in the student's
    # language (a school's option "Cuisinier") are no better answers for it.
    path = many_jobs_advisor.answer_path()
    understood = path.understand(Request("la vaisselle c'est fatigant pour un cuisinier ?"), "fr")
    plan = path.plan_search(understood, JobChoice(("cuisinier",), JobSource.NAMED))
    assert "cuisinier" not in plan.text and "vaisselle" in plan.text
    assert "cuisinier" not in plan.query.text


@pytest.mark.parametrize(
    ("question", "profile_id"),
    [
        ("une formation en électricité c'est long ?", "electrician"),
        ("how long do you study for law?", "advocaat"),
        ("les études pour bosser dans le social c'est combien d'années ?", "assistant-social"),
    ],
)
def test_a_question_on_a_topic_of_a_field_asks_the_job_offering_it(
    many_jobs_advisor: Advisor, question: str, profile_id: str
) -> None:
    # No job named, no word only one profile holds: the interest file's words of the field,
    # which one profile offers far more than any other.
    answer = many_jobs_advisor.ask(question)
    assert answer.kind == "answer", answer.text
    assert set(_profiles_quoted(answer)) == {profile_id}


def test_the_country_is_not_searched_for_when_a_topic_is_named(many_jobs_advisor: Advisor) -> None:
    # Scraped profiles name the country in the headings of whole parts ("Où se former et
    # travailler en Belgique ?"): a chef's pay in Belgium went to the regions where chefs work.
    path = many_jobs_advisor.answer_path()
    choice = JobChoice(("cuisinier",), JobSource.NAMED)
    pay = path.understand(Request("how much does a head chef make in belgium"), "en")
    assert pay.resolved.topics == ("salary",)
    assert "belgium" not in path.plan_search(pay, choice).text
    # With no topic named, the country may be what the student asks about.
    alone = path.understand(Request("cuisinier en Belgique ?"), "fr")
    assert not alone.resolved.topics
    assert "Belgique" in path.plan_search(alone, choice).text
