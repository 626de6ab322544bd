"""What a student wants of a job, and which profiles offer it (fictitious passages)."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.chunking.chunker import Chunk
from advisor.jobs.interests import InterestFileError, InterestLexicon, ProfileInterests

LEXICON = """
outdoors:
  asks: [dehors, buiten, 'outdoors?']
  offers: [exterieur, plein air, buiten, 'outdoors?']
animals:
  asks: [animaux, dieren, animals]
  offers: [betail, vee\\b, livestock]
"""


def _chunk(profile_id: str, text: str, heading: str = "Conditions") -> Chunk:
    return Chunk(
        id=f"{profile_id}-{abs(hash(text))}",
        profile_id=profile_id,
        profile_title=profile_id,
        heading_path=(profile_id, heading),
        topic="conditions",
        language="fr",
        text=text,
        source="",
        line=1,
    )


# A fictitious farmer, gardener and accountant.
CHUNKS = [
    _chunk("farmer", "Tu travailles en extérieur, par tous les temps, avec le bétail."),
    _chunk("farmer", "De oogst wordt verkocht."),
    _chunk("gardener", "Le travail se fait en plein air.", heading="Outdoors, all year"),
    _chunk("accountant", "Tu travailles au bureau, devant un écran."),
]
PROFILES = np.array([chunk.profile_id for chunk in CHUNKS])


def test_a_statement_asks_for_the_facets_whose_words_start_its_words() -> None:
    lexicon = InterestLexicon.parse(LEXICON, "test")
    assert [lexicon.names[at] for at in lexicon.asked("J'ADORE être DEHORS")] == ["outdoors"]
    assert [lexicon.names[at] for at in lexicon.asked("ik hou van dieren en buiten")] == [
        "outdoors",
        "animals",
    ]
    assert lexicon.asked("les mordehors") == ()  # inside a word: not the word
    assert lexicon.asked("je veux un métier") == ()


def test_a_profiles_words_and_headings_count_in_any_language() -> None:
    lexicon = InterestLexicon.parse(LEXICON, "test")
    interests = ProfileInterests(lexicon, CHUNKS, PROFILES)
    counts = interests.counts_of(np.arange(len(CHUNKS)), [0, 1])
    assert counts[:, 0].tolist() == [1, 0, 2, 0]  # "extérieur"; "plein air" and the heading
    assert counts[:, 1].tolist() == [1, 0, 0, 0]  # "bétail", folded
    assert interests.counted.all()
    assert interests.offering([0]) == {"gardener", "farmer"}
    assert interests.offering([1]) == {"farmer"}


def test_the_profiles_offering_what_is_asked_come_first_and_a_rare_facet_counts_more() -> None:
    interests = ProfileInterests(InterestLexicon.parse(LEXICON, "test"), CHUNKS, PROFILES)
    rows = np.arange(len(CHUNKS))
    outdoors = interests.evidence(rows, [0])
    assert outdoors[2] > outdoors[0] > outdoors[3]  # the gardener says it twice
    assert outdoors[1] > outdoors[3]  # the farmer's other passage: its profile offers it
    animals = interests.evidence(rows, [1])
    # Only the farmer offers animals, two of three profiles the outdoors: a rarer facet.
    assert animals[0] - animals[3] > outdoors[0] - outdoors[3]
    assert interests.evidence(rows, []).tolist() == [0, 0, 0, 0]


def test_each_profile_gathers_the_words_of_its_passages_weighed_by_rarity() -> None:
    interests = ProfileInterests(InterestLexicon.parse(LEXICON, "test"), CHUNKS, PROFILES)
    rows = np.arange(len(CHUNKS))
    outdoors = interests.profile_evidence(rows, [0])
    assert outdoors["gardener"] > outdoors["farmer"] > outdoors["accountant"] == 0.0
    animals = interests.profile_evidence(rows, [1])
    assert animals["farmer"] > outdoors["farmer"]  # one profile of three: rarer
    assert interests.profile_evidence(rows, []) == {}


def test_only_the_rows_scored_are_counted_for_the_facets_asked() -> None:
    interests = ProfileInterests(InterestLexicon.parse(LEXICON, "test"), CHUNKS, PROFILES)
    interests.evidence(np.array([0, 3]), [0])
    assert interests.counted.tolist() == [[True, False], [False] * 2, [False] * 2, [True, False]]


def test_a_job_offering_the_contrary_of_what_is_asked_comes_after_the_others() -> None:
    lexicon = InterestLexicon.parse(
        LEXICON.replace("  offers: [exterieur,", "  contrary: [office]\n  offers: [exterieur,")
        + "office:\n  asks: [bureau]\n  offers: [bureau, kantoor, office]\n",
        "test",
    )
    outdoors, office = lexicon.names.index("outdoors"), lexicon.names.index("office")
    assert lexicon.contrary([outdoors]) == (office,)
    assert lexicon.contrary([outdoors, office]) == ()  # asked too: not against what is asked
    assert lexicon.contrary([office]) == ()  # one way only
    interests = ProfileInterests(lexicon, CHUNKS, PROFILES)
    rows = np.arange(len(CHUNKS))
    alone = interests.evidence(rows, [outdoors])
    against = interests.evidence(rows, [outdoors], lexicon.contrary([outdoors]))
    # The accountant's desk goes against working outdoors: further behind than before.
    assert against[3] < alone[3]
    assert against[0] - against[3] > alone[0] - alone[3]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[not, a, mapping]", "one entry per facet"),
        (
            "outdoors: {asks: [dehors], offers: [buiten], contrary: [office]}",
            "'outdoors', contrary: no facet 'office'",
        ),
        (
            "outdoors: {asks: [dehors], offers: [buiten], contrary: office}",
            "'outdoors', contrary: expected a list",
        ),
        ("outdoors: {asks: [dehors]}", "'outdoors' needs 'asks' and 'offers'"),
        ("outdoors: {asks: [dehors], offers: ['(buiten']}", "'outdoors', offers: '(buiten'"),
        ("outdoors: {asks: [], offers: [buiten]}", "'outdoors', asks: expected a list"),
        ("outdoors: [dehors", "not valid YAML"),
    ],
)
def test_a_broken_interest_file_names_what_to_fix(text: str, names: str) -> None:
    with pytest.raises(InterestFileError, match="interests.yaml") as error:
        InterestLexicon.parse(text, "knowledge/interests.yaml")
    assert names in str(error.value)


@pytest.mark.parametrize(
    ("message", "facet"),
    [
        ("j'aime travailler dehors", "outdoors"),
        ("ik zit graag buiten", "outdoors"),
        ("I love animals", "animals"),
        ("le bachelier en info c dur ?", "computers_it"),
        ("je veux aider les gens", "helping_people"),
        ("ik wil met mensen werken", "people_contact"),
        ("un métier sans longues études", "short_studies"),
        ("a job where I can be creative", "art_design"),
        ("ik ben echt een buitenmens", "outdoors"),
        ("le matin j'aide à traire chez mon oncle", "animals"),
        ("I help feed the calves at my uncle's", "animals"),
        ("changer le look des gens, tailler une barbe", "fashion_beauty"),
    ],
)
def test_the_packaged_file_knows_what_students_say(message: str, facet: str) -> None:
    lexicon = InterestLexicon.packaged()
    assert facet in [lexicon.names[at] for at in lexicon.asked(message)]
