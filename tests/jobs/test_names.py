"""A profile's names: every name its title gives, gender and plural forms, the lexicon's names of
the same job, its aliases; and the job a question is about when several profiles are served."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.chunking.chunker import Chunk
from advisor.jobs.choice import (
    CLARIFY_CHOICES,
    FIELD_EVIDENCE,
    FIELD_LEAD,
    OWN_WORD_TRAIL,
    JobSource,
    choose_before_search,
    choose_by_field,
    choose_from_hits,
    first_of_each,
    profiles_holding_own_words,
)
from advisor.jobs.names import (
    JobLexicon,
    is_a_step_on,
    is_a_step_up,
    main_name,
    profiles_by_title_word,
    title_names,
    title_word_keys,
    without_mentions,
)
from advisor.jobs.title_words import TitleWords
from advisor.retrieval.fusion import Hit


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("Menuisier / Menuisière", {"Menuisier", "Menuisière"}),
        ("Chauffeur poids lourd (Routier)", {"Chauffeur poids lourd", "Routier"}),
        ("Winkelbediende – verkoper", {"Winkelbediende", "verkoper"}),
        ("Advocaat (m/v)", {"Advocaat"}),
        ("Développeur web (H/F)", {"Développeur web"}),
        ("Responsable de production (Manager)", {"Responsable de production", "Manager"}),
        ("Landbouwer", {"Landbouwer", "landbouwster"}),
        ("Infirmier", {"Infirmier", "infirmiere"}),
    ],
)
def test_every_name_a_title_gives(title: str, names: set[str]) -> None:
    found = title_names(title)
    assert found[0] == title
    assert names <= set(found)
    others = " ".join(found[1:]).lower()
    assert "m/v" not in others and "h/f" not in others  # a gender note is no name


def test_the_main_name_reads_in_a_sentence() -> None:
    assert main_name("Chauffeur poids lourd (Routier)") == "chauffeur poids lourd"
    assert main_name("Menuisier / Menuisière") == "menuisier"
    assert main_name("Graphic Designer") == "Graphic Designer"


def _lexicon(*profiles: tuple[str, str]) -> JobLexicon:
    lexicon = JobLexicon.packaged()
    for profile_id, title in profiles:
        lexicon.register_profile(profile_id, title_names(title))
    return lexicon


def test_a_title_with_two_genders_is_known_under_both_and_the_lexicons_names() -> None:
    lexicon = _lexicon(("menuisier", "Menuisier / Menuisière"))
    for text in ("une menuisière", "les menuisiers", "een schrijnwerker", "a joiner"):
        assert [m.profile_id for m in lexicon.find(text)] == ["menuisier"], text
    # Slang in the plural ("sparkies": "-ies" is no plural the matcher undoes).
    electrician = _lexicon(("electrician", "Electrician"))
    assert [m.profile_id for m in electrician.find("what about sparkies?")] == ["electrician"]


@pytest.mark.parametrize(
    ("title", "asked"),
    [
        # Flemish names of today beside the Belgian French and English ones (2026-12-07).
        ("Kinderbegeleider", ("une puéricultrice", "a daycare worker", "een kinderverzorgster")),
        ("Aide-soignant / Aide-soignante", ("een zorgkundige", "a care assistant")),
        ("Plumber / Heating Engineer", ("un plombier", "een loodgieter", "un chauffagiste")),
        ("Comptable / Aide-comptable", ("een boekhouder", "a bookkeeper")),
    ],
)
def test_a_profile_titled_in_one_language_is_found_under_the_others_names(
    title: str, asked: tuple[str, ...]
) -> None:
    lexicon = _lexicon(("job", title))
    for text in asked:
        assert [m.profile_id for m in lexicon.find(text)] == ["job"], text


def test_names_are_matched_without_their_joining_words_and_in_the_plural() -> None:
    lexicon = _lexicon(("chauffeur", "Chauffeur poids lourd (Routier)"), ("as", "Assistant social"))
    assert lexicon.find("un chauffeur de poids lourds")[0].profile_id == "chauffeur"
    assert lexicon.find("les assistants sociaux")[0].profile_id == "as"
    assert lexicon.find("de la") == []


def test_a_name_of_one_language_names_the_job_in_that_language_only() -> None:
    lexicon = JobLexicon.parse("cuisinier | kok | cook | en:chef\nchef de chantier | site manager")
    lexicon.register_profile("cuisinier", ["Cuisinier"])
    english = lexicon.find("chef vs electrician, which has better hours?", "en")
    assert [(m.name, m.profile_id) for m in english] == [("chef", "cuisinier")]
    assert lexicon.find("mon chef me crie dessus", "fr") == []
    assert lexicon.find("de chef is streng", "nl") == []
    assert lexicon.find("chef vs electrician") == []  # language unknown: not a name
    # A longer name of every language still wins where it stands.
    assert lexicon.find("chef de chantier", "en")[0].name == "chef de chantier"
    assert "chef" in lexicon.names() and "en:chef" not in lexicon.names()


def test_the_packaged_names_of_one_language_are_jobs_only_in_it() -> None:
    # "vet" is a veterinarian in English and fat in Dutch; "arts" a doctor in Dutch only.
    lexicon = JobLexicon.packaged()
    vet = lexicon.find("what does a vet do all day", "en")
    assert [m.name for m in vet] == ["vet"]
    assert lexicon.find("is dat eten niet te vet?", "nl") == []
    doctor = lexicon.find("wat verdient een arts?", "nl")
    assert [m.job for m in doctor] == [m.job for m in lexicon.find("a doctor", "en")]
    assert lexicon.find("i like arts and crafts", "en") == []
    # A trade's name for what the job does, where it names no other job: "le graphisme",
    # "farming" (English only: "farming" is no French nor Dutch word).
    designer = lexicon.find("a graphic designer", "en")[0].job
    assert [m.job for m in lexicon.find("où étudier le graphisme ?", "fr")] == [designer]
    farmer = lexicon.find("a farmer", "en")[0].job
    assert [m.job for m in lexicon.find("is farming hard work?", "en")] == [farmer]
    plumber = lexicon.find("un plombier", "fr")[0].job
    for text, language in (("la plomberie c'est dur ?", "fr"), ("is plumbing a good trade?", "en")):
        assert [m.job for m in lexicon.find(text, language)] == [plumber], text
    assert lexicon.find("my bathroom plumbing leaks", "fr") == []  # an English word, in French
    hairdresser = lexicon.find("un coiffeur", "fr")[0].job
    assert [m.job for m in lexicon.find("un salon de coiffure", "fr")] == [hairdresser]


def test_a_name_english_also_uses_as_a_verb_is_no_job_after_a_subject_or_to() -> None:
    lexicon = JobLexicon.parse("cuisinier | kok | cook\nélectricien | electrician")
    lexicon.register_profile("cuisinier", ["Cuisinier"])
    for text in (
        "my friends beg me to cook for their parties",
        "I bake and cook every weekend",
        "do you cook?",
        "I'll cook tonight",
    ):
        assert lexicon.find(text, "en") == [], text
    for text in ("I'm a cook", "how much does a cook earn", "can i become a cook"):
        assert [m.profile_id for m in lexicon.find(text, "en")] == ["cuisinier"], text
    # Another job's name before "or" / "and": two jobs compared, not two verbs.
    compared = lexicon.find("electrician or cook, which pays more?", "en")
    assert [m.name for m in compared] == ["electrician", "cook"]


def test_a_name_before_home_names_a_place() -> None:
    lexicon = JobLexicon.parse("infirmier | nurse | en:nursing\naide-soignant | care assistant")
    found = lexicon.find("do care assistants in nursing homes work weekends?", "en")
    assert [m.name for m in found] == ["care assistants"]
    assert [m.name for m in lexicon.find("is nursing hard?", "en")] == ["nursing"]


def test_a_kind_of_a_job_with_a_profile_is_that_job_when_it_has_none_of_its_own() -> None:
    lexicon = JobLexicon.parse(
        "infirmier | verpleegkundige | nurse\n"
        "infirmier à domicile | thuisverpleegkundige | home nurse\n"
        "juge | rechter"
    )
    lexicon.register_profile("infirmier", ["Infirmier"])
    for text in (
        "un infirmier à domicile gagne cb ?",
        "thuisverpleegkundige worden",
        "a home nurse",
    ):
        assert [m.profile_id for m in lexicon.find(text)] == ["infirmier"], text
    # A job sharing no name with a profile stays another job.
    assert [m.profile_id for m in lexicon.find("un juge gagne cb ?")] == [None]
    # Once the kind has its own profile, it is that one.
    lexicon.register_profile("infirmier-a-domicile", ["Infirmier à domicile"])
    assert [m.profile_id for m in lexicon.find("thuisverpleegkundige")] == ["infirmier-a-domicile"]


def test_a_broader_job_is_the_one_profile_whose_names_begin_or_end_with_it() -> None:
    lexicon = JobLexicon.parse(
        "enseignant | prof | leerkracht | teacher\n"
        "instituteur | leerkracht lager onderwijs | primary school teacher | enseignant primaire\n"
        "professeur de secondaire | leraar secundair onderwijs | secondary school teacher\n"
        "juge | rechter"
    )
    lexicon.register_profile("onderwijzer", ["Leerkracht lager onderwijs"])
    for text in ("hoeveel verdient een leerkracht?", "how much does a teacher earn?"):
        assert [m.profile_id for m in lexicon.find(text)] == ["onderwijzer"], text
    # Another name of the same broader job, that no profile's name begins or ends with.
    assert [m.profile_id for m in lexicon.find("un prof ça gagne cb ?")] == ["onderwijzer"]
    assert [m.profile_id for m in lexicon.find("un juge gagne cb ?")] == [None]
    # Two teachers with a profile: "teacher" names neither.
    lexicon.register_profile("regent", ["Secondary school teacher"])
    assert [m.profile_id for m in lexicon.find("how much does a teacher earn?")] == [None]
    assert [m.profile_id for m in lexicon.find("un prof ça gagne cb ?")] == [None]


def test_an_abbreviation_in_capitals_is_a_name_only_in_capitals() -> None:
    lexicon = JobLexicon.parse("assistant social | social worker | AS")
    lexicon.register_profile("assistant-social", ["Assistant social"])
    found = lexicon.find("les points négatifs d'être AS ?")
    assert [(m.name, m.profile_id) for m in found] == [("as", "assistant-social")]
    assert lexicon.find("tu as quel âge ?") == []
    assert lexicon.find("TU AS QUEL AGE ?") == []  # typed in capitals: the verb
    assert lexicon.find("ASSISTANT SOCIAL")[0].profile_id == "assistant-social"
    # Capitals that spell no common word are a name in any case.
    disc_jockey = JobLexicon.parse("disc jockey | DJ")
    disc_jockey.register_profile("dj", ["Disc jockey"])
    assert disc_jockey.find("un dj gagne combien ?")[0].profile_id == "dj"


def test_an_alias_in_capitals_spelling_a_common_word_is_found_only_in_capitals() -> None:
    # Staff's aliases (knowledge/aliases.yaml): "AS" must not take every "tu as".
    lexicon = JobLexicon.parse("")
    lexicon.register_profile("assistant-social", ["Assistant social", "AS"])
    lexicon.register_profile("dj", ["Disc jockey", "DJ"])
    assert lexicon.find("c'est dur d'être AS ?")[0].profile_id == "assistant-social"
    assert lexicon.find("tu as quel âge ?") == []
    assert lexicon.find("un dj gagne combien ?")[0].profile_id == "dj"


def test_a_profiles_own_name_is_its_own_even_on_another_profiles_lexicon_line() -> None:
    # "Cuisinier" and "Chef de cuisine" share a line of the packaged lexicon.
    lexicon = _lexicon(("cuisinier", "Cuisinier"), ("chef", "Chef de cuisine"))
    assert lexicon.find("un chef de cuisine")[0].profile_id == "chef"
    assert lexicon.find("un cuisinier")[0].profile_id == "cuisinier"
    assert lexicon.find("a cook")[0].profile_id == "cuisinier"


def test_names_of_the_job_switched_from_are_cut_whole() -> None:
    lexicon = _lexicon(("cuisinier", "Cuisinier"), ("routier", "Routier"))
    text = "combien gagne un cuisinier ? et pour un routier ?"
    mentions = lexicon.find(text)
    assert without_mentions(text, mentions) == text  # one-word names are plain words too
    assert "cuisinier" not in without_mentions(text, mentions, {"cuisinier"})


def _hit(profile_id: str, score: float, language: str = "fr") -> Hit:
    chunk = Chunk(
        id=f"{profile_id}-{score}",
        profile_id=profile_id,
        profile_title=profile_id.title(),
        heading_path=(profile_id.title(), "Salaire"),
        topic="salary",
        language=language,
        text="Texte fictif.",
        source="test",
        line=1,
    )
    return Hit(chunk=chunk, score=score, dense={}, lexical=0.0)


def test_the_job_is_chosen_named_then_conversation_then_page_then_the_only_one() -> None:
    profiles = {"a": "A", "b": "B"}
    assert choose_before_search(("a",), ("b",), "b", profiles).source is JobSource.NAMED
    conversation = choose_before_search((), ("b",), "a", profiles)
    assert conversation is not None and conversation.profile_ids == ("b",)
    page = choose_before_search((), (), "a", profiles)
    assert page is not None and page.source is JobSource.PAGE
    assert choose_before_search((), (), "unknown", profiles) is None
    only = choose_before_search((), (), None, {"a": "A"})
    assert only is not None and only.source is JobSource.ONLY_ONE


def test_words_choose_a_job_by_its_own_words_or_a_clear_lead() -> None:
    hits = [_hit("a", 2.0), _hit("b", 1.95), _hit("c", 1.2)]
    assert choose_from_hits(hits, ("b",)).profile_ids == ("b",)
    unclear = choose_from_hits(hits)
    assert unclear.source is JobSource.UNCLEAR and unclear.profile_ids == ("a", "b", "c")
    lead = choose_from_hits([_hit("a", 2.0), _hit("b", 1.2)])
    assert lead.source is JobSource.WORDS and lead.profile_ids == ("a",)
    # Words of several profiles: the one clearly best matching, else the student chooses.
    several = choose_from_hits(hits, ("c", "b"))
    assert several.source is JobSource.WORDS and several.profile_ids == ("b",)
    tie = choose_from_hits([_hit("a", 2.0), _hit("b", 1.98)], ("a", "b"))
    assert tie.source is JobSource.UNCLEAR and set(tie.profile_ids) == {"a", "b"}
    # Profiles of two languages are not told apart by their passages: the student chooses.
    across = choose_from_hits([_hit("a", 2.0), _hit("b", 1.2, "nl")], ("a", "b"))
    assert across.source is JobSource.UNCLEAR
    # Nor is one absent from the passages found.
    absent = choose_from_hits([_hit("a", 2.0)], ("a", "b"))
    assert absent.source is JobSource.UNCLEAR
    many = [_hit(str(n), 1.0) for n in range(10)]
    assert len(choose_from_hits(many).profile_ids) == CLARIFY_CHOICES


def test_one_profiles_own_word_far_from_the_best_passages_is_met_in_passing() -> None:
    # "any tips b4 i start a bakery apprenticeship?": the police officer's page names a
    # bakery once; the baker's page leads every other by far.
    hits = [_hit("baker", 3.0), _hit("police", 3.0 - OWN_WORD_TRAIL - 0.01), _hit("nurse", 1.0)]
    passing = choose_from_hits(hits, ("police",))
    assert passing.source is JobSource.WORDS and passing.profile_ids == ("baker",)
    absent = choose_from_hits([_hit("baker", 3.0), _hit("nurse", 2.9)], ("police",))
    assert absent.source is JobSource.UNCLEAR and "police" not in absent.profile_ids
    near = choose_from_hits([_hit("baker", 3.0), _hit("police", 3.0 - OWN_WORD_TRAIL)], ("police",))
    assert near.profile_ids == ("police",)


def test_a_field_chooses_the_one_profile_offering_it_clearly() -> None:
    clear = choose_by_field({"mechanic": FIELD_EVIDENCE * 2, "driver": FIELD_EVIDENCE})
    assert clear is not None and clear.profile_ids == ("mechanic",)
    assert clear.source is JobSource.WORDS
    assert choose_by_field({"mechanic": FIELD_EVIDENCE}) is not None
    # Two jobs offering it nearly alike ("c bien payé ?"), or too little of it: ask which.
    close = FIELD_EVIDENCE * 2 / FIELD_LEAD * 1.01
    assert choose_by_field({"mechanic": FIELD_EVIDENCE * 2, "driver": close}) is None
    assert choose_by_field({"mechanic": FIELD_EVIDENCE * 0.9, "driver": 0.0}) is None
    assert choose_by_field({}) is None


def test_own_words_are_those_one_profile_holds_and_no_job_question_uses() -> None:
    rows = {"tachygraph": np.array([0, 1]), "salair": np.array([0, 2]), "95": np.array([1])}
    owners = np.array(["driver", "driver", "cook"])
    found = profiles_holding_own_words(
        ["tachygraph", "salair", "95", "absent"],
        lambda stem: rows.get(stem, np.zeros(0, dtype=np.int64)),
        owners,
        generic={"salair"},
    )
    assert found == {"driver": ("tachygraph",)}
    assert profiles_holding_own_words(["x"], lambda stem: None, owners, set()) == {}


def test_two_jobs_each_lead_with_their_best_passage_in_the_order_named() -> None:
    hits = [_hit("a", 3.0), _hit("a", 2.9), _hit("b", 2.0), _hit("c", 1.0)]
    kept = first_of_each(hits, ("b", "a"), 3)
    assert [hit.chunk.profile_id for hit in kept] == ["b", "a", "a"]
    assert [hit.chunk.profile_id for hit in first_of_each(hits, ("a",), 3)] == ["a", "a"]


def test_endings_in_brackets_and_generic_parts_name_nothing_alone() -> None:
    assert title_names("Agent(e) de sécurité") == ["Agent de sécurité"]
    names = title_names("Conseiller / Conseillère en orientation")
    assert "Conseiller en orientation" in names and "Conseillère en orientation" in names
    assert "Conseiller" not in names  # "tu peux me conseiller ?" names no job
    assert main_name("Conseiller / Conseillère en orientation") == "conseiller en orientation"
    assert main_name("Technicien(ne) de maintenance") == "technicien de maintenance"


def test_a_job_name_after_a_possessive_is_a_person_not_a_job_asked_about() -> None:
    lexicon = JobLexicon.parse("instituteur | juf\navocat | advocaat | advocaten | lawyer")
    lexicon.register_profile("juf", ["Juf"])
    assert lexicon.find("mijn juf gaf huiswerk over breuken") == []
    assert lexicon.find("leur avocat va leur coûter cb ?") == []
    assert lexicon.find("my lawyer says I can sue") == []
    assert [m.profile_id for m in lexicon.find("hoeveel verdient een juf?")] == ["juf"]
    # Dutch "je" and "zijn" are also a subject and a verb.
    assert [m.name for m in lexicon.find("als je advocaat bent")] == ["advocaat"]
    assert [m.name for m in lexicon.find("zijn advocaten goed betaald?")] == ["advocaten"]


@pytest.mark.parametrize(
    ("text", "step_up"),
    [
        ("ok mais on peut monter en grade genre chef de magasin sans bachelier ?", True),
        ("et qd on devient chef d'équipe ?", True),
        ("kan ik doorgroeien tot filiaalverantwoordelijke?", True),
        ("can you move up to store manager?", True),
        ("et pour devenir boulanger ?", False),
        ("combien gagne un chef de magasin ?", False),
        ("jpeux devenir chef de magasin sans diplome ?", False),
    ],
)
def test_a_rank_risen_to_is_told_from_a_job_asked_about(text: str, step_up: bool) -> None:
    (mention,) = JobLexicon.packaged().find(text, "fr")
    assert is_a_step_up(text, mention) is step_up


@pytest.mark.parametrize(
    ("text", "step_on"),
    [
        ("apres on peut devenir infirmiere ?", True),
        ("et on peut devenir infirmier après ?", True),
        ("kan ik daarna verpleegkundige worden?", True),
        ("can I become a nurse afterwards?", True),
        ("ensuite passer chef de cuisine ?", True),
        # Another job asked about, or wished for: not a step on from the one spoken of.
        ("et pour devenir boulanger ?", False),
        ("infirmier ça gagne combien ?", False),
        ("je veux devenir infirmier plus tard", False),
        ("later wil ik kok worden", False),
    ],
)
def test_a_job_gone_on_to_later_is_a_step_on(text: str, step_on: bool) -> None:
    mention = JobLexicon.packaged().find(text)[-1]
    assert is_a_step_on(text, mention) is step_on


def test_profiles_by_the_words_of_their_titles() -> None:
    titles = {
        "police": "Police Officer / Inspector",
        "manager": "Responsable de production (Manager)",
        "assistant": "Assistant social / Assistante sociale",
    }
    by_word = profiles_by_title_word(titles)
    assert by_word["police"] == {"police"} and by_word["inspector"] == {"police"}
    assert by_word["production"] == {"manager"} and by_word["social"] == {"assistant"}
    # Words naming no job alone are no title's, nor the feminine forms made of them.
    assert not {"manager", "managere", "managster", "responsable", "assistant"} & set(by_word)


def test_a_titles_words_are_whole_words_in_the_singular() -> None:
    # "join" is no "Joiner" (their stems are one), "lourds" is "Chauffeur poids lourd"'s.
    by_word = profiles_by_title_word(
        {"carpenter": "Carpenter / Joiner", "routier": "Chauffeur poids lourd"}
    )
    owners = [by_word.get(word) for word in title_word_keys("can girls join the crew?")]
    assert not any(owners)
    assert by_word["lourd"] == {"routier"} and "lourd" in title_word_keys("les poids lourds")
    assert by_word["joiner"] == {"carpenter"}


def test_a_short_form_or_a_word_of_its_family_stands_for_a_titles_word() -> None:
    # Fictitious titles; "may_be_short": the word is no word of the profiles.
    words = TitleWords.of(
        {
            "architect": "Architecte",
            "joiner": "Menuisier / Menuisière",
            "physio": "Physiotherapist",
            "trainer": "Formateur",
        }
    )
    assert words.relatives("architecture", may_be_short=False) == ["architecte"]
    assert set(words.relatives("menuiserie", may_be_short=False)) == {"menuisier", "menuisiere"}
    assert words.relatives("physiotherapy", may_be_short=False) == ["physiotherapist"]
    assert words.relatives("archi", may_be_short=True) == ["architecte"]
    # A word the profiles use is no short form; three letters cut nothing, nor do words
    # sharing five letters ("formel" of "Formateur").
    assert words.relatives("archi", may_be_short=False) == []
    assert words.relatives("arc", may_be_short=True) == []
    assert words.relatives("formel", may_be_short=True) == []
    # "formation" is of the trainer's family: the caller leaves out the words of any job's
    # questions.
    assert "formateur" in words.relatives("formation", may_be_short=False)


def test_a_field_stands_for_its_worker_by_its_ending() -> None:
    # Fictitious titles sharing fewer first letters with their field than a family does.
    words = TitleWords.of(
        {"a": "Plumber", "b": "Nurse", "c": "Plombier", "d": "Coiffeur", "e": "Baker"}
    )
    for field, worker in [
        ("plumbing", "plumber"),
        ("nursing", "nurse"),
        ("plomberie", "plombier"),
        ("coiffure", "coiffeur"),
        ("baking", "baker"),
    ]:
        assert words.relatives(field, may_be_short=False) == [worker]
    assert words.relatives("booking", may_be_short=False) == []
    assert words.relatives("ring", may_be_short=False) == []


def test_a_short_form_names_the_one_profile_whose_title_it_begins() -> None:
    words = TitleWords.of({"architect": "Architecte", "joiner": "Menuisier"})
    assert words.short_form_owner("archi") == "architect"
    assert words.short_form_owner("archis") == "architect"  # plural
    assert words.is_short_form("menuis") and not words.is_short_form("menuisie")
    two = TitleWords.of({"architect": "Architecte", "archivist": "Archiviste"})
    assert two.short_form_owner("archi") is None
    assert two.short_form_owner("archit") == "architect"


def test_the_lexicon_finds_a_short_form_as_the_job_it_is_given() -> None:
    lexicon = JobLexicon.parse("juge | rechter | judge")
    lexicon.register_profile("architect", title_names("Architecte"))
    words = TitleWords.of({"architect": "Architecte"})
    lexicon.know_short_forms(words.short_form_owner)
    mentions = lexicon.find("un archi ça gagne combien ?")
    assert [(m.name, m.profile_id) for m in mentions] == [("archi", "architect")]
    assert lexicon.find("une arche de pierre") == []


def test_the_words_joining_a_titles_names_are_none_of_its_words() -> None:
    # "and" and "en" would make any question a bus driver's or a receptionist's.
    assert title_word_keys("Bus and coach driver") == ["bus", "coach", "driver"]
    assert title_word_keys("Réceptionniste en hôtellerie") == ["receptionniste", "hotellerie"]
