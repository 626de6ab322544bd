"""The staff pages' words in French, Dutch and English, and dates and numbers in each locale.

The language is the one staff chose (``?lang=nl``, then kept in a cookie), else the first of
French, Dutch and English their browser asks for (``Accept-Language``), else English. The
strings are in ``web/i18n/staff.json``, every key with its three languages (a test checks none
is missing); a string may hold markup (it is ours), the values put into it are escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from markupsafe import Markup
from starlette.requests import Request

__all__ = [
    "STAFF_LANGUAGES",
    "LANGUAGE_COOKIE",
    "LANGUAGE_NAMES",
    "StaffText",
    "staff_language",
    "load_strings",
]

STAFF_LANGUAGES = ("fr", "nl", "en")
LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}
LANGUAGE_COOKIE = "advisor_staff_lang"
# The locales of the advisor's public: Belgian French and Dutch.
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}


@lru_cache(maxsize=4)
def load_strings(path: Path) -> dict[str, dict[str, str]]:
    """The catalogue: key → {language → text}."""
    strings: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return strings


def _accepted(header: str) -> list[str]:
    """The languages of an ``Accept-Language`` header, most wanted first."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        ranked.append((-quality, position, tag.strip().lower()[:2]))
    return [tag for _, _, tag in sorted(ranked) if tag]


def staff_language(request: Request) -> str:
    """The language to show staff pages in (see the module's docstring)."""
    for chosen in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in STAFF_LANGUAGES:
            return str(chosen)
    for tag in _accepted(request.headers.get("accept-language", "")):
        if tag in STAFF_LANGUAGES:
            return tag
    return "en"


@dataclass(frozen=True)
class StaffText:
    """The strings, dates and numbers of one language, called from templates and views:
    ``t("dashboard.title")``, ``t("build.summary", chunks=12)``, ``t.when(iso)``."""

    language: str
    strings: dict[str, dict[str, str]]

    def __call__(self, key: str, **values: object) -> Markup:
        text = Markup(self.strings[key][self.language])
        return text.format(**values) if values else text

    @property
    def locale(self) -> str:
        return _LOCALES[self.language]

    def when(self, value: str | datetime | None) -> str:
        """A moment, e.g. "5 déc. 2026, 14:25:00" (an ISO string or a datetime)."""
        if value is None or value == "":
            return "–"
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return format_datetime(moment, "medium", locale=self.locale)

    def day(self, value: date | datetime | str) -> str:
        moment = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return format_date(moment, "medium", locale=self.locale)

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self.locale)

    def reason(self, reason: str) -> Markup | str:
        """What asked for a build ("saving cuisinier.md"), in this language (``reason.<verb>``)."""
        verb, _, file = reason.partition(" ")
        key = f"reason.{verb}"
        return self(key, file=file) if key in self.strings else reason
