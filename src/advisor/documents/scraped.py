"""Raw text scraped from a career web page: find its title, headings, lists and FAQ, drop noise.

A scraped page has no markup left, so structure is read from the layout: a heading is a short
line standing alone between blank lines (or marked by a leading emoji, or coming right after a
lone emoji "card icon"); a list is a run of lines with no blank line between them or with
bullets; in a "questions fréquentes" section each question line starts a question-and-answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.documents.model import FAQ_HEADING, Line, OpenSection, Section
from advisor.documents.noise import (
    breadcrumb_end,
    is_noise,
    is_symbol_line,
    strip_leading_symbols,
)

__all__ = ["ScrapedPage", "parse_scraped"]

_BULLET = re.compile(r"^\s*[•◦▪‣·*–✔✓✗✘➤►▸→-]\s+")
# "Salaire de départ : environ 2 070 €", a line of a box of key facts.
_KEY_VALUE = re.compile(r"^[^:.!?]{2,40}\s:\s[^:]{1,50}(?<![.:])$")
_MAX_LABEL_WORDS = 8
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 90
# A page's title is a name, not a sentence: a longer first line, or one holding a row of
# buttons ("… J'accepte | Je choisis"), is the site's, not the page's.
_MAX_TITLE_WORDS = 15


@dataclass(frozen=True)
class ScrapedPage:
    """What a scraped page holds: its title, its sections and the noise lines left out."""

    title: str
    sections: tuple[Section, ...]
    noise: tuple[Line, ...]


def _looks_like_heading(text: str, alone: bool) -> bool:
    if not alone or _BULLET.match(text) or text[0].isdigit() or not text[0].isupper():
        return False
    words = text.split()
    return (
        len(words) <= _MAX_HEADING_WORDS
        and len(text) <= _MAX_HEADING_CHARS
        and text[-1] not in ".:;,!?…»\"'"
    )


def _labels_text_below(text: str, after_blank: bool, below: str) -> bool:
    """A heading set directly above its text, as plain text files write them: "Salary:",
    "WORKING HOURS" or "Training" after a blank line, over a sentence; or over a block it
    opens ("Se former" over "Plusieurs chemins mènent à ce métier :", "Fiche d'identité" over
    "Secteur : commerce", "Avantages" over "✔ Un métier créatif.")."""
    if not after_blank or not below or _BULLET.match(text) or _KEY_VALUE.match(text):
        return False
    label = text[:-1].rstrip() if text.endswith(":") else text
    if not (label and _looks_like_heading(label, True)):
        return False
    if _opens_a_block(below) or FAQ_HEADING.search(label):
        return len(label.split()) <= _MAX_LABEL_WORDS
    if not (below[-1:] in ".!?…" and len(below) > _MAX_HEADING_CHARS // 2):
        return False  # over another short line: the first item of a list
    return len(label.split()) <= 5


def _opens_a_block(line: str) -> bool:
    """A list's first item, a sentence announcing one, or a key fact's line."""
    return bool(_BULLET.match(line) or _KEY_VALUE.match(line)) or (
        line.endswith(":") and len(line.split()) > _MAX_LABEL_WORDS // 2
    )


def _labels_the_list_below(text: str, above: str, below: str) -> bool:
    """A short label between two lists, with no blank line around it: "Inconvénients" under
    the upsides' "✔ …" and over the downsides' "✘ …"."""
    return (
        bool(_BULLET.match(above) and _BULLET.match(below))
        and not _BULLET.match(text)
        and len(text.split()) <= 3
        and _looks_like_heading(text, True)
    )


def _split_title(first_line: str) -> str:
    # "Job (Manager) : Le Guide Complet du Métier" names the job before the colon.
    return first_line.split(" : ", 1)[0].strip()


def parse_scraped(raw_lines: list[str]) -> ScrapedPage:
    """Read the lines of a scraped page (without line ends) into sections."""
    numbered = [Line(text.rstrip(), number) for number, text in enumerate(raw_lines, start=1)]
    kept, noise = _separate_noise(numbered)
    sections = _Sections(_title_from_the_trail(kept, noise))
    previous_blank = True
    for index, (line, hinted) in enumerate(kept):
        text = line.text.strip()
        if not text:
            previous_blank = True
            continue
        below = kept[index + 1][0].text.strip() if index + 1 < len(kept) else ""
        alone = previous_blank and not below
        above = kept[index - 1][0].text.strip() if index else ""
        labels = _labels_text_below(text, previous_blank, below) or _labels_the_list_below(
            text, above, below
        )
        after_blank, previous_blank = previous_blank, labels  # under a label: as if alone
        heading = text.rstrip(":").rstrip() if labels else text
        if not sections.add(line, heading, hinted or labels, alone, after_blank):
            noise.append(line)
    return ScrapedPage(
        title=sections.title,
        sections=tuple(section.freeze() for section in sections.opened if section.lines),
        noise=tuple(sorted(noise, key=lambda line: line.number)),
    )


def _title_from_the_trail(kept: list[tuple[Line, bool]], noise: list[Line]) -> str | None:
    """Where the page's breadcrumb trail ends, when a line of the page begins with it (the
    title line: "Sapeur-pompier / Sapeuse-pompière en Belgique : la fiche complète"); None
    without a trail, or when no line begins with its end (the title is read as without)."""
    end = next((found for line in noise if (found := breadcrumb_end(line.text))), None)
    if end is None:
        return None
    folded = end.casefold()
    lines = (strip_leading_symbols(line.text)[0].casefold() for line, _ in kept)
    return end if any(text.startswith(folded) for text in lines) else None


def _separate_noise(numbered: list[Line]) -> tuple[list[tuple[Line, bool]], list[Line]]:
    """The lines kept, each with whether an emoji line marked it as a heading; the noise."""
    noise: list[Line] = []
    kept: list[tuple[Line, bool]] = []
    heading_hint = False
    for line in numbered:
        if is_noise(line.text):
            noise.append(line)
            # A lone icon announces a card title on the next line ("💰" then "Salaire").
            heading_hint = heading_hint or is_symbol_line(line.text)
            continue
        if not line.text.strip():
            kept.append((line, False))
            continue
        kept.append((line, heading_hint))
        heading_hint = False
    return kept, noise


class _Sections:
    """The sections of a page, opened as its lines come one at a time."""

    def __init__(self, trail_end: str | None = None) -> None:
        # The page the breadcrumb trail ends on: its title, once a line begins with it.
        self.trail_end = trail_end
        self.title = ""
        self.opened: list[OpenSection] = []
        self.in_faq = False
        self.faq_path: tuple[str, ...] = ()

    @property
    def current(self) -> OpenSection:
        return self.opened[-1]

    def add(self, line: Line, text: str, hinted: bool, alone: bool, after_blank: bool) -> bool:
        """Take one non-blank line (``alone``: between blank lines; ``after_blank``: after
        one); False if it is noise."""
        if not self.title:
            title = self._title_in(text)
            if title is None:
                return False
            self.title = title
            self.opened.append(OpenSection((self.title,), 1))
            return True
        if text.casefold() == self.title.casefold():
            return False  # the page repeats its title above its ads: nothing new
        bare, emoji_marked = strip_leading_symbols(text)
        # A mark before a sentence is a list's ("✔ Un métier créatif."), not a heading's.
        marked = emoji_marked and not _BULLET.match(text) and bare[-1:] not in ".,;!"
        is_heading = hinted or marked or _looks_like_heading(text, alone)
        # A question of the FAQ stands alone, or opens a paragraph its answer goes on, or
        # comes right under the last answer's end.
        if self.in_faq and not is_heading and self._asks_anew(text, after_blank):
            path = (*self.faq_path, text)
            self.opened.append(OpenSection(path, len(self.faq_path) + 1, [line], "faq"))
        elif is_heading:
            self._open_heading(bare or text)
        else:
            current = self.current
            current.lines.append(Line(text, line.number))
            if not alone or _BULLET.match(text):
                current.kind = "list" if current.kind == "text" else current.kind
        return True

    def _asks_anew(self, text: str, after_blank: bool) -> bool:
        """True when ``text`` is the FAQ's next question."""
        if not text.endswith("?"):
            return False
        if after_blank:
            return True
        answered = self.current.kind == "faq" and len(self.current.lines) >= 2
        return answered and self.current.lines[-1].text[-1:] in ".!)…»"

    def _title_in(self, text: str) -> str | None:
        """The page's title, if ``text`` (a line before any) gives it; None for a line of the
        site before it: an announcement or a button above the line beginning with the
        breadcrumb trail's end ("🔥 Nouveau : compare 3 métiers", "Essayer le comparateur"),
        or a line too long or full of buttons to name the job."""
        bare = strip_leading_symbols(text)[0]
        if self.trail_end:
            if bare.casefold().startswith(self.trail_end.casefold()):
                return self.trail_end
            return None
        if len(bare.split()) > _MAX_TITLE_WORDS or " | " in bare:
            return None
        return _split_title(text)

    def _open_heading(self, heading: str) -> None:
        current = self.current
        if not current.lines and current.level >= 2:
            level = current.level + 1  # a heading right under an empty one is its child
        elif current.level > 2 and len(heading.split()) <= 3 and not FAQ_HEADING.search(heading):
            # A short sibling of a sub-heading ("Points -"); never the page's FAQ, which
            # may follow the cons directly ("⚠️ Points -", …, "❓ Questions fréquentes").
            level = current.level
        else:
            level = 2
        opened = OpenSection((*current.heading_path[: level - 1], heading), level)
        self.opened.append(opened)
        self.in_faq = bool(FAQ_HEADING.search(heading))
        self.faq_path = opened.heading_path
