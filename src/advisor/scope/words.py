"""The words of questions out of scope, learnt from the example questions.

The example questions' nearest neighbours judge most questions, but "c'est quoi un bon logiciel
pour faire de la musique ?" sits as near questions about a job's software as the rest. Its
words say more: "musique", "piscine", "laptop" or "Messi" come up in questions out of scope,
"logiciel" in both. A naive Bayes count of each word stem in the two kinds of example questions
gives the odds that the question's words are those of a question out of scope.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from advisor.text.words import content_stems, fold
from advisor.understanding.examples import ABOUT_NO_JOB, OUT_OF_SCOPE, ExampleQuestions

__all__ = ["ScopeWords"]

_LANGUAGES = ("fr", "nl", "en")
_SMOOTHING = 1.0


def _stems(text: str) -> set[str]:
    # Students mix languages and skip accents: a word counts under each language's stem.
    folded = fold(text)
    return {stem for language in _LANGUAGES for stem in content_stems(folded, language)}


@dataclass(frozen=True)
class ScopeWords:
    """In how many example questions about a job (``inside``) and out of scope (``outside``)
    each word stem occurs, and how many questions each side has."""

    inside: Mapping[str, int]
    outside: Mapping[str, int]
    inside_count: int
    outside_count: int

    @classmethod
    def learn(cls, examples: ExampleQuestions) -> ScopeWords:
        inside: Counter[str] = Counter()
        outside: Counter[str] = Counter()
        # The exploration and browse examples are about no job: neither side of a job's
        # question.
        labelled = [
            (text, label)
            for text, label in zip(examples.texts, examples.labels, strict=True)
            if label not in ABOUT_NO_JOB
        ]
        for text, label in labelled:
            (outside if label == OUT_OF_SCOPE else inside).update(_stems(text))
        out_count = sum(label == OUT_OF_SCOPE for _, label in labelled)
        return cls(dict(inside), dict(outside), len(labelled) - out_count, out_count)

    def out_of_scope_odds(self, question: str) -> float:
        """The log-odds that ``question``'s words are those of a question out of scope: > 0
        when they are, 0 for words no example has."""
        odds = 0.0
        for stem in _stems(question):
            inside, outside = self.inside.get(stem, 0), self.outside.get(stem, 0)
            if inside or outside:
                odds += math.log((outside + _SMOOTHING) / (self.outside_count + 2 * _SMOOTHING))
                odds -= math.log((inside + _SMOOTHING) / (self.inside_count + 2 * _SMOOTHING))
        return odds
