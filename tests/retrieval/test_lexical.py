"""BM25 over stemmed words: the scale of a full match, and terms kept with a version (a build
reusing them gives the index a build from scratch gives)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from advisor.retrieval.lexical import ChunkTerms, LexicalIndex

TEXTS = [
    "Le salaire d'un technicien débutant chez Agoria.",
    "Les horaires sont flexibles ; le travail en équipe est fréquent.",
    "De loonkansen voor een technicus bij Indumation zijn goed.",
    "Training on the job with David, the maintenance manager.",
]
LANGUAGES = ["fr", "fr", "nl", "en"]


def test_terms_survive_saving(tmp_path: Path) -> None:
    terms = ChunkTerms.of(TEXTS, LANGUAGES)
    assert any(terms.names) and all(terms.stems)
    terms.save(tmp_path / "terms.npz")
    again = ChunkTerms.load(tmp_path / "terms.npz")
    assert again is not None
    assert again.stems == terms.stems and again.names == terms.names
    assert again.lines == terms.lines and len(again.lines[1]) == 1
    assert ChunkTerms.load(tmp_path / "missing.npz") is None


def test_terms_saved_without_lines_are_stemmed_again(tmp_path: Path) -> None:
    """A version saved before lines were kept cannot lend its terms to a build."""
    terms = ChunkTerms.of(TEXTS, LANGUAGES)
    terms.save(tmp_path / "terms.npz")
    with np.load(tmp_path / "terms.npz") as stored:
        older = {k: stored[k] for k in stored.files if not k.startswith("lines")}
    np.savez(tmp_path / "older.npz", **older)
    assert ChunkTerms.load(tmp_path / "older.npz") is None


def test_terms_cut_by_another_version_are_stemmed_again(tmp_path: Path) -> None:
    """Names were once missed after a bracket: terms saved then are not lent to a build."""
    ChunkTerms.of(TEXTS, LANGUAGES).save(tmp_path / "terms.npz")
    with np.load(tmp_path / "terms.npz") as stored:
        older = {k: stored[k] for k in stored.files if k != "version"}
    np.savez(tmp_path / "older.npz", **older)
    assert ChunkTerms.load(tmp_path / "older.npz") is None


def test_an_acronym_may_open_a_bracket_or_a_quote() -> None:
    terms = ChunkTerms.of(
        ["Les plus anciens devant (FIFO : premier entré).", "Le logiciel « ERP » sert."],
        ["fr", "fr"],
    )
    assert "fifo" in terms.names[0] and "erp" in terms.names[1]
    # A capitalised word opening a bracket opens an aside: no name.
    aside = ChunkTerms.of(["Un poste clé (Souvent en équipe de nuit)."], ["fr"])
    assert "souvent" not in aside.names[0]


def test_an_everyday_word_a_text_capitalised_is_no_name_when_told() -> None:
    index = LexicalIndex.build(["Tijdens de Week van de Agoria-prijs praat je met David."], ["nl"])
    question = "tu penses que david va gagner ce week-end ?"
    assert {"week", "david"} <= index.name_stems(question)
    assert index.name_stems(question, everyday={"week", "end", "que"}) == {"david"}


def test_an_index_reusing_terms_equals_one_built_from_scratch(tmp_path: Path) -> None:
    old = LexicalIndex.build(TEXTS[:3], LANGUAGES[:3])
    old.save(tmp_path / "old")
    known = LexicalIndex.saved_terms(tmp_path / "old")
    assert known is not None
    # Text 0 is gone, 1 and 2 are kept (old rows 1 and 2), text 3 is new.
    texts, languages = TEXTS[1:], LANGUAGES[1:]
    reused = LexicalIndex.build(texts, languages, known, [1, 2, -1])
    scratch = LexicalIndex.build(texts, languages)
    assert reused.terms is not None and scratch.terms is not None
    assert reused.terms.stems == scratch.terms.stems
    assert reused.terms.names == scratch.terms.names
    assert reused.terms.lines == scratch.terms.lines
    for question in ("salaire technicien", "horaires flexibles", "David manager", "Indumation"):
        assert np.allclose(reused.scores(question), scratch.scores(question))
        assert reused.names_a_rare_name(question) == scratch.names_a_rare_name(question)
        assert reused.names_something_indexed(question) == scratch.names_something_indexed(question)
        shares, expected = reused.line_shares(question), scratch.line_shares(question)
        assert (shares is None) == (expected is None)
        assert shares is None or np.allclose(shares, expected)


PHRASES = [
    "Le salaire brut d'un débutant est de 3 200 euros par mois.",
    "Les horaires sont de jour, parfois le week-end.",
    "Il faut porter des chaussures de sécurité dans l'atelier.",
    "Le diplôme de bachelier en production suffit pour débuter.",
]


def test_scores_rank_the_passage_sharing_the_words() -> None:
    index = LexicalIndex.build(PHRASES, ["fr"] * len(PHRASES))
    scores = index.scores("quel salaire pour un débutant ?")
    assert scores.argmax() == 0
    assert scores[1] == 0


def test_a_full_match_reaches_the_ceiling_a_lone_common_word_does_not() -> None:
    index = LexicalIndex.build(PHRASES, ["fr"] * len(PHRASES))
    full = "salaire brut débutant"
    assert index.scores(full).max() >= 0.8 * index.ceiling(full)
    # One word of the texts among words none holds: a weak match, whatever BM25's maximum.
    lone = "faut porter un casque antibruit orange ?"
    assert 0 < index.scores(lone).max() < 0.5 * index.ceiling(lone)


def test_the_ceiling_of_an_empty_index_is_zero() -> None:
    assert LexicalIndex.build([], []).ceiling("salaire") == 0.0


# List passages: the first says "atelier" and "bruyant" on one line, the second on two lines
# (and more often), the third on none.
LISTS = [
    "Points faibles :\nUn atelier parfois bruyant.\nDes horaires longs.",
    "Un atelier moderne, un atelier neuf, un atelier propre.\nDes machines bruyantes, bruyantes.",
    "Un salaire correct.\nDes collègues sympas.",
]


def test_the_passage_with_one_line_holding_the_question_has_the_larger_line_share() -> None:
    index = LexicalIndex.build(LISTS, ["fr"] * 3)
    question = "c'est bruyant l'atelier ?"
    shares = index.line_shares(question)
    assert shares is not None
    assert shares[0] == 1.0 and 0 < shares[1] < 1.0 and shares[2] == 0
    # BM25 alone sees the second passage's three "atelier" and prefers it.
    assert index.scores(question).argmax() == 1


def test_synonyms_count_towards_the_line_share_up_to_a_full_match() -> None:
    index = LexicalIndex.build(LISTS, ["fr"] * 3)
    alone = index.line_shares("c'est sonore l'atelier ?")
    helped = index.line_shares("c'est sonore l'atelier ?", "bruyant bruit")
    assert alone is not None and helped is not None
    assert helped[0] > alone[0] and helped.max() <= 1.0


def test_the_heading_of_a_text_is_no_line_of_its_body() -> None:
    texts = [f"Salaire.\n{LISTS[0]}", f"Conditions.\n{LISTS[1]}"]
    index = LexicalIndex.build(texts, ["fr", "fr"], bodies=LISTS[:2])
    assert index.scores("salaire").argmax() == 0
    assert index.line_shares("salaire") is not None
    assert not index.line_shares("salaire").any()  # type: ignore[union-attr]
    assert index.line_shares("quantique") is None


def test_line_shares_survive_saving(tmp_path: Path) -> None:
    index = LexicalIndex.build(LISTS, ["fr"] * 3)
    index.save(tmp_path / "lexical")
    again = LexicalIndex.load(tmp_path / "lexical")
    question = "c'est bruyant l'atelier ?"
    assert np.allclose(again.line_shares(question), index.line_shares(question))


def test_postings_and_name_stems() -> None:
    index = LexicalIndex.build(PHRASES, ["fr"] * len(PHRASES))
    (workshop,) = index.query_stems("atelier")
    rows = index.postings(workshop, limit=10)
    assert rows is not None and rows.tolist() == [2]
    assert index.postings("introuvable", limit=10) is not None
    assert len(index.postings("introuvable", limit=10)) == 0  # type: ignore[arg-type]
    # A word more texts hold than the limit is common: its rows are not read.
    (salary,) = index.query_stems("salaire")
    assert index.postings(salary, limit=0) is None
    assert index.name_stems("un atelier à Liège ?") == set()  # no name in these texts


def test_a_stem_another_languages_stemmer_cut_short_stands_for_no_word() -> None:
    # A French page's "pôle" is "pol"; so is the Dutch stemmer's cut of an English "pollen".
    index = LexicalIndex.build(
        [
            "Le chauffeur rejoint le pôle logistique.",
            "Une installation électrique neuve.",
            "De bakker bakt brood.",
        ],
        ["fr", "fr", "nl"],
    )
    assert "pol" in index.query_stems("pollen allergy")
    assert "pol" not in index.whole_word_stems("pollen allergy")
    # Long stems of long words are the words' own: "install" of "installation".
    assert {"install", "electr"} <= set(index.whole_word_stems("une installation electrique"))
