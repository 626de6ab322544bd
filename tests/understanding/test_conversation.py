"""The small pieces that read a question: language, topics, jobs, follow-ups, small talk."""

from __future__ import annotations

import pytest

from advisor.jobs.names import JobLexicon, names_only_jobs, without_mentions
from advisor.text.language import detect_language
from advisor.text.topics import topic_of_heading, topics_of_question
from advisor.text.words import content_stems, fold, sentence_spans
from advisor.understanding.conversation import offers_another_case, resolve_question
from advisor.understanding.smalltalk import small_talk_kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Combien gagne un débutant ?", "fr"),
        ("Hoeveel verdien je als starter?", "nl"),
        ("What do I need to study?", "en"),
        ("salaire ?", "fr"),
        ("wat doe je op een dag", "nl"),
    ],
)
def test_language_of_short_questions(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_markup_says_nothing_of_the_language() -> None:
    assert detect_language("<img src=x onerror=alert(1)>") == "fr"
    assert detect_language("<img src=x onerror=alert(1)>", default="nl") == "nl"
    assert detect_language("<b>What do I need to study?</b>") == "en"


def test_text_helpers() -> None:
    assert fold("Études À l’usine") == "etudes a l'usine"
    assert content_stems("Quel est le salaire des débutants ?", "fr") == ["salair", "debut"]
    # "ça" typed without its accent is no more a word of meaning than "ça".
    assert content_stems("et le permis ca coute combien ?", "fr") == ["perm", "cout"]
    text = "Une phrase. Une autre ici !\n• Un point"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Une phrase.",
        "Une autre ici !",
        "• Un point",
    ]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("c'est bien payé ?", "salary"),
        ("salère d'un débutent", "salary"),
        ("Hoeveel verdien je?", "salary"),
        ("how much does an electrician make starting out", "salary"),
        ("can you make a living as a florist?", "salary"),
        ("hoeveel vraagt een zelfstandige per uur?", "salary"),
        ("hoeveel uur per week werk je?", "conditions"),
        ("ya combien de boulangers en belgique ?", "facts"),
        ("how many nurses are there in belgium", "facts"),
        ("ils trouvent facilement du boulot ?", "career"),
        ("c un metier en penurie ?", "career"),
        ("quels sont les débouchés ?", "career"),  # as a "Débouchés" heading's
        ("What degree do I need?", "studies"),
        ("Où puis-je étudier ?", "where_to_study"),
        ("c'est quoi les inconvénients", "cons"),
        ("Welke software gebruik je?", "tools"),
        # "c'est quoi" asks what the job is only when it names nothing else.
        ("c'est quoi ?", "intro"),
        ("c'est quoi les horaires ?", "conditions"),
        ("what does a normal day look like?", "typical_day"),
        # Finding work is the job's outlook; its physical hardness, a downside.
        ("on trouve du boulot facilement ?", "career"),
        ("waar vind je het makkelijkst werk?", "career"),
        ("which one is easier to get hired as", "career"),
        ("c'est physique ?", "cons"),
        ("et les vacances d ete c combien de temps ?", "conditions"),
        ("heb je echt twee maanden vakantie?", "conditions"),
        ("welk rijbewijs heb je nodig voor een camion?", "studies"),
        ("il faut quel permis ?", "studies"),
        ("c koi un service coupé ? on a une pause au milieu ?", "conditions"),
        ("moet je als verkoper op zondag werken?", "conditions"),
        ("will AI replace graphic designers", "career"),
        ("welke machines gebruikt een boer tegenwoordig?", "tools"),
        ("je prends quelle option en secondaire ?", "studies"),
        ("on peut etre chauffeur poids lourd a 18 ans ?", "training_path"),
        ("c koi les bons cotes du metier", "pros"),
    ],
)
def test_topics_of_questions(question: str, topic: str) -> None:
    assert topics_of_question(question)[0] == topic


def test_liking_ones_work_is_not_finding_work() -> None:
    assert "career" not in topics_of_question("ik vind mijn werk leuk")


def test_what_is_asks_about_the_job_only_when_it_names_nothing_else() -> None:
    assert topics_of_question("c'est quoi ce métier exactement ?") == ["intro"]
    # "le kiff", "Indumation": the question is about them, whatever section holds them.
    assert topics_of_question("c'est quoi le kiff dans ce job") == []
    assert topics_of_question("c'est quoi Indumation ?") == []


def test_topics_of_headings() -> None:
    assert topic_of_heading(("Salaire",)) == "salary"
    assert topic_of_heading(("Journée type",)) == "typical_day"
    assert topic_of_heading(("Questions fréquentes", "Quelle formation suivre ?")) == "studies"
    assert topic_of_heading(("Rubrique sans nom connu",)) == "general"


def test_job_lexicon_tells_known_from_other_jobs() -> None:
    lexicon = JobLexicon.packaged()
    lexicon.register_profile("rp", ["Responsable de production"])
    known = lexicon.find("Combien gagne un responsable de production ?")
    assert [(m.name, m.profile_id) for m in known] == [("responsable de production", "rp")]
    # The lexicon's synonyms in other languages lead to the same profile.
    assert lexicon.find("Hoeveel verdient een productiemanager?")[0].profile_id == "rp"
    other = lexicon.find("Combien gagnent les infirmières ?")
    assert other and other[0].profile_id is None
    assert lexicon.find("Quelles études faut-il faire ?") == []
    text = "C'est bien payé, responsable de production ?"
    assert without_mentions(text, known and lexicon.find(text)) == "C'est bien payé, ?"
    assert not names_only_jobs(text, lexicon.find(text))
    for only_the_name in ("C'est quoi un responsable de production ?", "productiemanager?"):
        assert names_only_jobs(only_the_name, lexicon.find(only_the_name))
    assert not names_only_jobs("C'est quoi ?", [])


def test_follow_ups_take_the_topic_of_the_conversation() -> None:
    history = ["Combien gagne un responsable de production ?"]
    resolved = resolve_question("Et avec de l'expérience ?", history, "fr")
    assert resolved.topics[0] == "salary" and resolved.follows == history[0]
    switched = resolve_question("Et les inconvénients ?", history, "fr")
    assert switched.topics[0] == "cons"
    standalone = resolve_question("Quels logiciels utilise-t-on ?", history, "fr")
    assert standalone.follows is None and standalone.topics[0] == "tools"
    assert resolve_question("and after that?", [], "en").follows is None


def test_a_job_switch_keeps_the_follow_up_it_comes_after() -> None:
    history = ["ca gagne cb un mecano", "et pour ouvrir son propre garage faut investir cb"]
    switched = resolve_question("et pr un agriculteur ?", history, "fr")
    assert switched.follows == history[0]
    # Its own words are searched too (see AnswerPath.plan_search): the pay is not the topic.
    assert switched.last_follow_up == history[1]
    # After one question standing alone, the conversation is that question: nothing more.
    assert resolve_question("et pr un agriculteur ?", history[:1], "fr").last_follow_up is None


def test_a_short_question_on_the_same_topic_continues_the_conversation() -> None:
    history = ["what does a typical day look like?", "what time does it start?"]
    resolved = resolve_question("and when does it end?", history, "en")
    # Back to the question that stood on its own, through the short one on the same topic.
    assert resolved.follows == history[0] and resolved.topics[0] == "typical_day"
    assert history[0] in resolved.text
    # A question on its own topic, however short, stands on its own.
    assert resolve_question("quels logiciels ?", history, "fr").follows is None


@pytest.mark.parametrize(
    ("history", "message", "topic"),
    [
        (["faut quoi comme études ?"], "et après ?", "training_path"),
        (["Welke opleiding moet ik volgen?"], "En daarna?", "training_path"),
        (["How do I become a production manager?"], "and then?", "career"),
    ],
)
def test_what_comes_next_follows_the_career(history: list[str], message: str, topic: str) -> None:
    resolved = resolve_question(message, history, "fr")
    assert resolved.next_step and resolved.topics[0] == topic
    # A topic with nothing after it keeps the conversation's topic.
    salary = resolve_question(message, ["Combien on gagne ?"], "fr")
    assert not salary.next_step and salary.topics[0] == "salary"
    # A follow-up with words of its own is not a mere "what next".
    assert not resolve_question("et après le bachelier, un master ?", history, "fr").next_step


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Bonjour !", "greeting"),
        ("salut", "greeting"),
        ("Hallo", "greeting"),
        ("merci beaucoup", "thanks"),
        ("Thanks!", "thanks"),
        ("bedankt", "thanks"),
        ("bonne soirée, a+", "goodbye"),
        ("Doei, tot later", "goodbye"),
        ("bye see ya", "goodbye"),
        ("au revoir et merci", "goodbye"),
        ("Bonjour, combien gagne un responsable de production ?", None),
        ("Salaire ?", None),
    ],
)
def test_small_talk(message: str, kind: str | None) -> None:
    assert small_talk_kind(message) == kind


@pytest.fixture(scope="module")
def speller():  # type: ignore[no-untyped-def]
    from advisor.understanding.spelling import Speller

    return Speller.from_texts(
        [
            "Le salaire d'un débutant. Les avantages et les inconvénients du métier.",
            "Wat zijn de voordelen? What is the salary?",
            "infirmier",
            "La vente de sale. Il faut contrôler la production.",
            "graphiste garagiste",
            "De productieleider. La formation.",
        ]
    )


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("slaire debutant", "salaire debutant"),
        ("salère", "salaire"),
        ("wat zijn de voordellen", "wat zijn de voordelen"),
        ("whats the sallary", "whats the salary"),
        ("Combien gagne un infirmié ?", "Combien gagne un infirmier ?"),
        # Real words the profiles do not use stay as they are.
        ("faut apprendre le lean ?", "faut apprendre le lean ?"),
        ("I hate speaking in public", "I hate speaking in public"),
        ("la meilleure pizzeria", "la meilleure pizzeria"),
        # Accents left out do not make a typo; a short word does not win for being short.
        ("il faut tout controler", "il faut tout controler"),
        ("salère max", "salaire max"),
        # "je" elided and glued on, as students type it: not a typo of another word.
        ("si jouvre mon garage", "si j'ouvre mon garage"),
        ("jpeux controler", "j'peux controler"),
        # Spelled as it sounds: "f" for "ph" is no further than one letter.
        ("et grafiste ?", "et graphiste ?"),
        # Two words glued, as Dutch writes them, are no typo of a third ("productieleider").
        ("de productielijnen en arbeidsuren", "de productielijnen en arbeidsuren"),
        ("la formaton", "la formation"),
    ],
)
def test_typos_are_corrected_real_words_are_not(speller, typed: str, corrected: str) -> None:  # type: ignore[no-untyped-def]
    assert speller.correct(typed) == corrected


def test_words_inside_idioms_name_no_topic() -> None:
    # "old school" is no school; "la boîte" is the company one works for, not a kind of one.
    assert topics_of_question("ça bouge niveau technologie ou c'est old school ?") == []
    assert topics_of_question("which school should I go to?")[0] in {"studies", "where_to_study"}
    assert "workplaces" not in topics_of_question("on a une voiture de la boîte ?")
    assert topics_of_question("dans quelle boîte je peux bosser ?") == ["workplaces"]


def test_ou_typed_for_where_names_the_workplaces_not_or() -> None:
    # Students type "où" without its accent; "ou pas ?" and "ou je fais…" still mean "or".
    assert topics_of_question("et elle bosse ou en général ?") == ["workplaces"]
    assert topics_of_question("ils travaillent ou ?") == ["workplaces"]
    assert topics_of_question("ça paye bien ou pas ?") == ["salary"]
    assert "workplaces" not in topics_of_question("je travaille ou je fais des études ?")


def test_a_follow_up_naming_its_own_topic_switches_to_it_unless_the_examples_disagree() -> None:
    history = ["ça paye bien ou pas ?"]
    # The example questions make no clear choice: the follow-up's own topic word stands.
    unsure = resolve_question("et elle bosse ou en général ?", history, "fr", lambda _: None)
    assert unsure.topics == ("workplaces",)
    # They choose another topic: the word was said in passing ("quitter l'usine").
    other = resolve_question("et elle bosse ou en général ?", history, "fr", lambda _: "salary")
    assert other.topics[0] == "salary"


def test_a_follow_up_naming_a_topic_the_examples_cannot_weigh_switches_to_it() -> None:
    # "salarié ou à son compte" asks the status, which no example question votes for: the
    # vote ("career", say) cannot disagree.
    history = ["archi c combien d'années d'études ?"]
    message = "et après on est salarié ou à son compte ?"
    voted = {"studies", "career", "salary"}
    switched = resolve_question(message, history, "fr", lambda _: "career", voted=voted)
    assert switched.topics == ("self_employed",) and switched.text == message
    kept = resolve_question(message, history, "fr", lambda _: "career")
    assert kept.topics[0] == "studies"


def test_the_two_statuses_side_by_side_ask_which_one_not_the_pay() -> None:
    for question in (
        "magasinier on est salarié ou indépendant ?",
        "archi on est plutôt indépendant ou salarié",
        "beter zelfstandige of werknemer?",
        "is it better to be self-employed or employed?",
    ):
        assert topics_of_question(question, with_modifiers=False) == ["self_employed"]
    assert topics_of_question("combien gagne un agriculteur salarié ?") == ["salary"]
    assert topics_of_question("wat moet ge kunnen om bij de brandweer te gaan") == ["skills"]


def test_the_tips_a_cook_gets_are_pay_and_tips_for_becoming_one_are_advice() -> None:
    assert topics_of_question("and do they get tips?") == ["salary"]
    assert topics_of_question("krijg je fooi in een restaurant?")[0] == "salary"
    assert topics_of_question("on a des pourboires ?") == ["salary"]
    assert topics_of_question("any tips for becoming a cook?") == ["tips"]


def test_a_job_name_names_no_topic_of_a_follow_up() -> None:
    from advisor.jobs.names import without_job_names

    lexicon = JobLexicon.parse("développeur | programmeur | developer\ninstituteur | juf")
    history = ["moet je goed zijn in wiskunde om juf te worden?"]
    # "programm" names the tools; in "programmeur" it names a job: the conversation's topic
    # stays.
    alone = resolve_question("en voor programmeur?", history, "nl")
    assert alone.topics[:1] == ("tools",)
    resolved = resolve_question(
        "en voor programmeur?",
        history,
        "nl",
        without_jobs=lambda text: without_job_names(text, lexicon.find(text)),
    )
    assert resolved.follows and resolved.topics[:1] == ("training_path",)


def test_making_a_thing_is_no_pay_and_counting_years_no_figures() -> None:
    assert "salary" not in topics_of_question("how much time does it take to make a cake")
    assert "salary" not in topics_of_question("how much does it cost to make a website")
    assert "salary" not in topics_of_question("is it like an hour from brussels?")
    assert topics_of_question("il y a combien d'années d'études ?") == ["studies"]
    assert topics_of_question("hoeveel jaar studie zijn er nodig?") == ["studies"]


@pytest.mark.parametrize(
    "question",
    [
        "en promo sociale faut payer cb ?",
        "ca coute combien par an ? jsp si mes parents peuvent payer",
        "l'ifapme on paye combien d'inscription ?",
        "hoeveel is het inschrijvingsgeld?",
    ],
)
def test_what_the_student_pays_is_no_salary(question: str) -> None:
    # "payer": the student pays (fees, a registration), where "payé" and "la paye" are earned.
    found = topics_of_question(question)
    assert not found or found[0] != "salary"


@pytest.mark.parametrize(
    "question", ["c bien payé ?", "la paye c combien", "whats the pay for a graphic designer"]
)
def test_what_is_paid_is_a_salary(question: str) -> None:
    assert topics_of_question(question)[0] == "salary"


@pytest.mark.parametrize(
    ("message", "another_case"),
    [
        ("et pour couper les cheveux dans un salon ?", True),
        ("nan plutôt chef dans une usine", True),
        ("en iemand die trappen maakt, welke opleiding?", True),
        ("and for fixing cars?", True),
        ("en een eigen kapsalon?", True),
        ("et une boite de transport ?", True),
        ("and a courtroom?", True),
        ("et quelqu'un qui répare les voitures ?", True),
        ("et la personne qui aide les vieux à se laver ?", True),
        ("et ceux qui bossent de nuit ?", True),
        ("et quelqu'un m'a dit que c'était dur", False),
        ("et il demande combien par heure ?", False),
        ("and do they get a van?", False),
        ("c'est bien payé ?", False),
    ],
)
def test_a_follow_up_setting_another_case_is_told_apart(message: str, another_case: bool) -> None:
    assert offers_another_case(message) is another_case


def test_a_place_qualifies_a_follow_ups_topic_and_names_one_alone() -> None:
    salary = ["hoeveel verdient een leerkracht lager onderwijs?"]
    assert resolve_question("en een verpleegster in wallonie?", salary, "nl").topics[0] == "salary"
    assert resolve_question("et en flandre ?", ["combien gagne un cuisinier ?"], "fr").topics == (
        "salary",
    )
    assert topics_of_question("dans quelle region y a le plus de taf") == ["job_areas"]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("en voor iemand die in een kinderdagverblijf werkt?", None),  # describes a job
        ("and for someone who fixes cars?", None),
        ("Is er een getuigenis van iemand die dit doet?", "testimony"),
        ("quelqu'un qui fait ce métier, il en pense quoi ?", "testimony"),
        ("can I hear from someone who does it?", "testimony"),
    ],
)
def test_someone_who_does_a_job_is_no_testimony_unless_it_is_this_one(
    question: str, topic: str | None
) -> None:
    assert (topics_of_question(question) or [None])[0] == topic


@pytest.mark.parametrize(
    "question", ["kan je thuiswerken?", "can u work from home?", "on peut faire du télétravail ?"]
)
def test_working_from_home_is_a_condition(question: str) -> None:
    assert topics_of_question(question)[0] == "conditions"
