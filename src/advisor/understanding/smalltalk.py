"""Greetings, thanks and goodbyes: they deserve a friendly word, not a passage or a "je ne sais
pas"."""

from __future__ import annotations

import re

from advisor.text.words import fold

__all__ = ["small_talk_kind"]

_GREETING = re.compile(
    r"^(bonjour|bonsoir|salut|coucou|hello|hi|hey|hallo|hoi|dag|goeiedag|goedendag|"
    r"goedemorgen|goedemiddag|good morning|good afternoon|yo|wesh|slt|bjr)\b"
)
_THANKS = re.compile(
    r"^(merci|thanks|thank you|thx|ty|bedankt|dank (je|u)|dankjewel|dankuwel|merci bien|"
    r"super merci|top merci|ok merci|cool merci|parfait merci|great thanks|ok thanks)\b"
)
_GOODBYE = re.compile(
    r"^(au revoir|a\+|a plus|a bientot|a la prochaine|a demain|bonne (soiree|journee|nuit|fin de)|"
    r"ciao|tchao|bye|bye bye|goodbye|see (you|ya)|cya|later|good night|have a (nice|good)|"
    r"tot (ziens|later|straks|morgen)|doei|dag dag|daag|salukes|slaapwel|fijne (avond|dag))\b"
)
_MAX_WORDS = 5  # "bonjour, combien gagne…" is a question, not a greeting


def small_talk_kind(message: str) -> str | None:
    """ "greeting", "thanks", "goodbye", or ``None`` for anything else."""
    folded = fold(message).strip(" !.,?;:)(*")
    if len(folded.split()) > _MAX_WORDS:
        return None
    if _THANKS.match(folded):
        return "thanks"
    if _GOODBYE.match(folded):
        return "goodbye"
    if _GREETING.match(folded):
        return "greeting"
    return None
