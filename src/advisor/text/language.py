"""Which language a text is in: French, Dutch or English, decided for short, messy questions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from advisor.serving.runtime import release_freed_memory
from advisor.text.words import STOPWORDS, words

__all__ = ["detect_language", "language_of_message", "LANGUAGES", "SHORT_MESSAGE_WORDS"]

LANGUAGES = ("fr", "nl", "en")
# A message this short says too little of its language ("salut", "hey", "hoi", "cuisinier ?")
# for its letters to outvote what the page or the conversation is in.
SHORT_MESSAGE_WORDS = 3
_MARKUP = re.compile(r"<[^>]*>?")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    # It keeps the model of all 97 languages to allow another set_languages(): 27 MB in every
    # worker that three languages never use. Ours is set once.
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    release_freed_memory()
    return identifier


def detect_language(text: str, allowed: Sequence[str] = LANGUAGES, default: str = "fr") -> str:
    """The most likely of ``allowed`` for ``text``; ``default`` when there is nothing to go by.

    Function words ("est", "het", "the") decide short questions better than character
    statistics, so they vote first; the statistical model breaks ties.
    """
    text = _MARKUP.sub(" ", text)  # "<img src=x onerror=…>" says nothing of a language
    tokens = words(text)
    if not tokens:
        return default
    voted = _function_word_vote(tokens, allowed)
    if voted is not None:
        return voted
    ranking = _identifier().rank(text)
    for lang, _ in ranking:
        if lang in allowed:
            return str(lang)
    return default


def _function_word_vote(tokens: Sequence[str], allowed: Sequence[str]) -> str | None:
    """The language whose function words the tokens hold clearly most of, if one does."""
    votes = {lang: sum(token in STOPWORDS[lang] for token in tokens) for lang in allowed}
    ranked = sorted(votes.items(), key=lambda item: item[1], reverse=True)
    if ranked[0][1] >= 1 and (len(ranked) == 1 or ranked[0][1] >= ranked[1][1] + 1):
        return ranked[0][0]
    return None


def language_of_message(message: str, page_language: str) -> str:
    """The language to answer ``message`` in, on a page in ``page_language`` (the interface
    language the chat page or the widget sends): a short message without a clear function
    word ("salut", "hey", "hallo", "hoi", "cuisinier ?") is answered in the page's."""
    tokens = words(_MARKUP.sub(" ", message))
    if len(tokens) <= SHORT_MESSAGE_WORDS and _function_word_vote(tokens, LANGUAGES) is None:
        return page_language
    return detect_language(message, default=page_language)
