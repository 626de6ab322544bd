"""The scope verdict from its evidence: job mentions, margins, words, the best passage."""

from __future__ import annotations

from dataclasses import replace

from advisor.jobs.names import JobMention
from advisor.scope.judge import (
    FIELD_FOLLOW_UP_MARGIN,
    FOLLOW_UP_MARGIN,
    NAMES_ODDS,
    OWN_WORD_MARGIN,
    TOPIC_MARGIN,
    WORD_WEIGHT,
    FollowUpEvidence,
    ScopeEvidence,
    holds_every_word,
    judge_scope,
)


def test_a_passage_holding_every_word_of_the_question() -> None:
    assert holds_every_word("45 ans Âge moyen\n25% Proportion de femmes", "quel âge moyen ?", "fr")
    # A word the passage lacks, or a single word shared, proves nothing.
    assert not holds_every_word("Horaires flexibles", "les horaires de la piscine ?", "fr")
    assert not holds_every_word("Horaires flexibles", "horaires ?", "fr")


def test_the_words_of_questions_out_of_scope_tip_a_close_call() -> None:
    margins = (TOPIC_MARGIN / 2, 0.0)  # a little closer to the other examples
    passage = "Horaires souvent flexibles."
    topical = ScopeEvidence((), passage, margins, names_a_topic=True)
    assert judge_scope(topical).reason is None
    odds = (-TOPIC_MARGIN) / WORD_WEIGHT  # enough to take the margin below the topic's
    late = judge_scope(replace(topical, word_odds=odds))
    assert late.reason == "off_topic"
    # The passage holding every word of the question outweighs its words' odds.
    held = judge_scope(replace(topical, word_odds=odds, passage_holds_its_words=True))
    assert held.reason is None
    # With no topic named, every model must find it closer to job questions, words included.
    closer = ScopeEvidence((), passage, (0.01, 0.02))
    assert judge_scope(closer).reason is None
    assert judge_scope(replace(closer, word_odds=2.0)).reason == "off_topic"


def test_a_follow_up_on_the_job_is_judged_alone() -> None:
    passage = "Le permis C coûte entre 3 000 et 6 000 €."
    # Read alone, near the questions about jobs: answered, whatever the conversation's words.
    near = FollowUpEvidence((0.05, 0.05), word_odds=0.0, words_in_profile=False)
    chain = ScopeEvidence((), passage, (-0.2, -0.2), word_odds=9.0, follow_up=near)
    assert judge_scope(chain).reason is None
    # Far from them ("et qui a gagné le match ?"), with a word the job's profile never uses.
    far = replace(near, job_margins=(FOLLOW_UP_MARGIN, -0.01))
    assert judge_scope(replace(chain, follow_up=far)).reason == "off_topic"
    # The passage holding its words does not save it: the conversation's words are in it.
    held = replace(chain, follow_up=far, passage_holds_its_words=True)
    assert judge_scope(held).reason == "off_topic"
    # Every word in the job's profile ("et le permis il coûte cb ?"): about the job.
    in_profile = replace(far, words_in_profile=True)
    assert judge_scope(replace(chain, follow_up=in_profile)).reason is None
    # Price words alone take it far: its margin is on the words' odds too.
    priced = replace(near, word_odds=(0.11 - FOLLOW_UP_MARGIN) / WORD_WEIGHT)
    assert judge_scope(replace(chain, follow_up=priced)).reason == "off_topic"
    # Unless it names a topic of the profiles and every model finds it near the job questions
    # ("et on commence à quelle heure sur chantier ?": "chantier" and "heure" sound off topic).
    timed = replace(priced, names_a_topic=True)
    assert judge_scope(replace(chain, follow_up=timed)).reason is None
    one_far = replace(timed, job_margins=(0.05, -0.001))
    assert judge_scope(replace(chain, follow_up=one_far)).reason == "off_topic"
    # Or it names a topic by words of the field its profile holds in some language ("et les
    # vacances d'été ?", a Dutch profile's "vakanties"), a little further from them.
    field = replace(one_far, job_margins=(0.0, -0.1), word_odds=0.0, field_words_in_profile=True)
    assert judge_scope(replace(chain, follow_up=field)).reason is None
    far_field = replace(field, job_margins=(0.0, FIELD_FOLLOW_UP_MARGIN - 0.01))
    assert judge_scope(replace(chain, follow_up=far_field)).reason == "off_topic"
    unnamed = replace(field, names_a_topic=False)
    assert judge_scope(replace(chain, follow_up=unnamed)).reason == "off_topic"
    # Asked of the advisor itself ("et toi tu manges quoi ce soir ?"), near or not: off topic.
    to_the_advisor = replace(timed, job_margins=(0.05, 0.15), addresses_the_advisor=True)
    assert judge_scope(replace(chain, follow_up=to_the_advisor)).reason == "off_topic"


def test_a_follow_up_naming_a_word_only_its_jobs_profile_holds() -> None:
    passage = "Een nieuwe tractor kost al snel 150 000 euro."
    # "en hoeveel kost zo'n tractor eigenlijk": a little far, its price words off topic.
    priced = FollowUpEvidence((0.01, -0.01), word_odds=3.0, words_in_profile=False)
    chain = ScopeEvidence((), passage, (0.01, 0.03), word_odds=5.0, follow_up=priced)
    assert judge_scope(chain).reason == "off_topic"
    own = replace(priced, own_words_of_its_job=True)
    assert judge_scope(replace(chain, follow_up=own)).reason is None
    # Further ("kan je mijn wiskundetaak over breuken maken?" after a teacher's "breuken").
    far = replace(own, job_margins=(-0.04, -0.03), word_odds=4.0)
    assert judge_scope(replace(chain, follow_up=far)).reason == "off_topic"


def test_a_job_without_a_profile_may_be_one_the_passage_speaks_of() -> None:
    cashiers = JobMention("kassamedewerkers", job=7, profile_id=None)
    passage = "Zelfscans vervangen een deel van het kassawerk."
    other = ScopeEvidence((cashiers,), passage, (0.1, 0.1))
    assert judge_scope(other).reason == "other_job"
    # The passage names that job under another form ("Kassamedewerker"): it speaks of it.
    spoken_of = replace(other, passage_jobs=frozenset({7}))
    assert judge_scope(spoken_of).reason is None
    # Or the one profile holding the question's own words names it, the passage another.
    assert judge_scope(replace(other, own_words_name_the_job=True)).reason is None


def test_a_word_only_one_profile_holds_counts_unless_the_models_find_it_far() -> None:
    passage = "Le moodboard rassemble les images d'un projet."
    # "c'est quoi un moodboard ?": a little below the job questions, price words or not.
    own = ScopeEvidence((), passage, (0.0, -0.01), word_odds=9.0, passage_holds_own_words=True)
    assert judge_scope(own).reason is None
    # Far below them ("kan je een gedicht schrijven over de zee?" and a profile's "dicht").
    far = replace(own, job_margins=(OWN_WORD_MARGIN, -0.01))
    assert judge_scope(far).reason == "off_topic"


def test_a_task_asked_of_the_advisor_is_out_of_scope_whatever_job_it_names() -> None:
    cook = JobMention("cuisinier", job=3, profile_id="cuisinier")
    passage = "Le cuisinier prépare les plats."
    named = ScopeEvidence((cook,), passage, (0.2, 0.2))
    assert judge_scope(named).reason is None
    # "tu peux m'écrire une lettre de motivation de cuisinier ?": no profile writes it.
    assert judge_scope(replace(named, asks_a_task=True)).reason == "off_topic"


def test_things_asked_for_as_a_customer_are_out_of_scope() -> None:
    # "tu peux me conseiller un bon film de flics ?", "la meilleure boulangerie de Liège ?".
    passage = "Le boulanger travaille la nuit."
    near = ScopeEvidence((), passage, (0.2, 0.2), names_a_topic=True)
    assert judge_scope(near).reason is None
    assert judge_scope(replace(near, asks_for_things=True)).reason == "off_topic"


def test_a_name_of_the_texts_counts_unless_the_words_are_out_of_scope() -> None:
    # "c'est quoi Indumation ?" against "comment avoir mon permis de conduire plus vite".
    passage = "Le permis C est obligatoire."
    named = ScopeEvidence((), passage, (-0.05, -0.05), names_indexed_things=True, word_odds=1.0)
    assert judge_scope(named).reason is None
    priced = replace(named, word_odds=NAMES_ODDS)
    assert judge_scope(priced).reason == "off_topic"
    # The passage holding every word of the question still settles it.
    assert judge_scope(replace(priced, passage_holds_its_words=True)).reason is None


def test_the_advisors_taste_is_off_topic_unless_jobs_are_named() -> None:
    passage = "Horaires de jour."
    football = ScopeEvidence((), passage, (0.05, 0.05), asks_the_advisors_taste=True)
    assert judge_scope(football).reason == "off_topic"
    # "tu préfères quoi, cuisinier ou boulanger ?" compares the jobs named.
    cook = JobMention("cuisinier", job=3, profile_id="cuisinier")
    assert judge_scope(replace(football, mentions=(cook,))).reason is None


def test_a_question_on_the_conversations_job_naming_a_topic_gets_a_follow_ups_benefit() -> None:
    # "tu gagnes cb en vrai ?" after a farmer's machines: near the job questions for both
    # models, but "tu" is mostly the advisor's in the questions out of scope.
    asked = ScopeEvidence(
        (), "Het inkomen van een landbouwer…", (0.015, 0.045), names_a_topic=True, word_odds=3.6
    )
    assert judge_scope(asked).reason == "off_topic"  # alone, the words' odds tip it
    on_the_job = replace(asked, on_the_conversations_job=True)
    assert judge_scope(on_the_job).reason is None
    # Not when it speaks to the advisor, nor when one model finds it nearer the rest.
    assert judge_scope(replace(on_the_job, addresses_the_advisor=True)).reason == "off_topic"
    assert judge_scope(replace(on_the_job, job_margins=(-0.05, 0.08))).reason == "off_topic"
