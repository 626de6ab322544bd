"""Language detection keeps only the three languages' statistics."""

from __future__ import annotations

from advisor.text.language import LANGUAGES, _identifier, detect_language


def test_the_identifier_keeps_only_three_languages() -> None:
    identifier = _identifier()
    ptc, pc, classes = identifier._full_model
    assert sorted(classes) == sorted(LANGUAGES) and ptc.shape[1] == len(LANGUAGES)
    assert len(pc) == len(LANGUAGES)


def test_short_questions_get_their_language() -> None:
    assert detect_language("Combien gagne un débutant ?") == "fr"
    assert detect_language("Hoeveel verdient een beginner?") == "nl"
    assert detect_language("How much does a beginner earn?") == "en"
    assert detect_language("Lean management") in LANGUAGES
    assert detect_language("") == "fr"
