"""Job names in questions: which job a student asks about, and whether the knowledge has it.

The lexicon (``data/jobs.txt``) lists one job a line with its names in French, Dutch and
English; a profile is known under its title, its aliases and every name on the lexicon lines
those share a name with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from advisor.text.packaged import packaged_text
from advisor.text.words import FOLDED_STOPWORDS, content_stems, fold

__all__ = [
    "JobMention",
    "JobLexicon",
    "is_a_step_on",
    "is_a_step_up",
    "main_name",
    "name_tokens",
    "names_only_jobs",
    "profiles_by_title_word",
    "title_word_keys",
    "title_names",
    "without_job_names",
    "without_mentions",
]

_TOKEN = re.compile(r"[a-z0-9]+")
_MAX_WORDS = 6
# The shortest job name a compound may end with to name that job ("thuis|verpleegkundige" is
# a nurse); a shorter one ends too many other words ("kok": "hulpkok", but also "rokkok").
_COMPOUND_TAIL = 5
# Words that join the words of a name: "chauffeur de poids lourd" is "chauffeur poids lourd".
# "Bus and coach driver", "Réceptionniste en hôtellerie": "and" and "en" name no job.
_JOINING = frozenset("de du des d la le l les van het of the and et en a au aux in for".split())
# A lexicon name of one language only: "en:chef".
_LANGUAGE_ONLY = re.compile(r"^(fr|nl|en):\s*(.+)$")
# An abbreviation in capitals: "AS" (assistant social), "DJ".
_CAPITALS = re.compile(r"[A-Z]{2,6}")
# What separates a title's names: "Menuisier / Menuisière", "Winkelbediende – verkoper".
_NAME_SEPARATORS = re.compile(r"\s*(?:/|\||–|—|\s-\s|,|;)\s*")
# A note in brackets after a space ("Chauffeur poids lourd (Routier)"); one glued to a word is
# an ending ("Agent(e)", "Technicien(ne)"): dropped.
_NOTE = re.compile(r"(?<=\s)\(([^()]*)\)")
_ENDING = re.compile(r"(?<=\w)\([^()\s]{1,5}\)")
# Words that name no job alone (see data/jobs.txt): a title's part "Conseiller" of
# "Conseiller / Conseillère en orientation" would take "tu peux me conseiller ?".
_GENERIC_ALONE = frozenset(
    "manager responsable directeur directrice agent agente assistant assistante conseiller "
    "conseillere technicien technicienne operateur operatrice ingenieur employe employee "
    "ouvrier ouvriere chef cheffe stagiaire etudiant etudiante worker student "
    "leader medewerker bediende verantwoordelijke adviseur".split()
)
# Notes that mark the title as open to every gender: "(m/v)", "(h/f)", "(M/F/X)".
_GENDER_NOTE = re.compile(r"^[a-z](?:\s*/\s*[a-z]){1,2}$", re.IGNORECASE)
# Masculine → feminine endings, so that a title naming one form finds both: French (the first
# that fits) and Dutch ("landbouwer" → "landbouwster"). A wrong guess names nothing anyone types.
_FRENCH_FEMININE = (
    ("ier", "iere"),
    ("ien", "ienne"),
    ("teur", "trice"),
    ("eur", "euse"),
    ("ant", "ante"),
    ("ent", "ente"),
    ("el", "elle"),
    ("er", "ere"),
)
_FEMININE_ENDINGS = ("e", "ster", "euse", "trice")


def _feminine_forms(name: str) -> list[str]:
    folded = fold(name)
    if " " in folded or folded.endswith(_FEMININE_ENDINGS):
        return []
    forms = [folded[: -len(m)] + f for m, f in _FRENCH_FEMININE if folded.endswith(m)][:1]
    if folded.endswith("er") and not folded.endswith("ier"):
        forms.append(folded[:-2] + "ster")
    return forms


def name_tokens(text: str) -> tuple[str, ...]:
    """Folded word tokens: "Infirmière" → ("infirmiere",)."""
    return tuple(_TOKEN.findall(fold(text)))


def title_word_keys(text: str) -> list[str]:
    """The words of ``text`` as a title's words are compared, folded and singular, without
    the words joining them: "les poids lourds" → ["poid", "lourd"] (as "Chauffeur poids
    lourd" gives them). Whole words, not stems: "join" is no "Joiner"."""
    return [_singular(token) for token in name_tokens(text) if token not in _JOINING]


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    """A name's words without the words joining them, singular."""
    kept = tuple(_singular(t) for t in tokens if t not in _JOINING)
    return kept or tuple(tokens)


def _parts(title: str) -> list[str]:
    """The names between a title's separators; a one-word part shares the longer part's
    tail ("Conseiller / Conseillère en orientation" → "Conseiller en orientation"), and a
    part that names no job alone ("Conseiller") is left out."""
    parts = [" ".join(part.split()) for part in _NAME_SEPARATORS.split(title) if part.strip()]
    longest = max(parts, key=lambda part: len(part.split()), default="")
    tail = longest.split()[1:]
    names = []
    for part in parts:
        if len(part.split()) == 1 and tail and part != longest:
            names.append(" ".join([part, *tail]))
        if len(part.split()) > 1 or fold(part) not in _GENERIC_ALONE:
            names.append(part)
    return names


def main_name(title: str) -> str:
    """The job's first name in its title, for sentences: "Chauffeur poids lourd (Routier)" →
    "chauffeur poids lourd", "Menuisier / Menuisière" → "menuisier", "Graphic Designer" kept."""
    parts = _parts(_NOTE.sub(" ", _ENDING.sub("", title)))
    first = parts[0] if parts else title
    first = " ".join(first.split())
    # A capital for the page title only ("Menuisier"), not a name's ("Graphic Designer").
    rest = first[1:]
    return first[:1].lower() + rest if rest == rest.lower() else first


def title_names(title: str) -> list[str]:
    """Every name a profile's title gives its job: the title, each part between separators,
    the title without its note and the note itself, and the feminine of one-word masculine
    names ("Chauffeur poids lourd (Routier)" → "Chauffeur poids lourd", "Routier", …;
    "Menuisier / Menuisière" → "Menuisier", "Menuisière"; "Advocaat (m/v)" → "Advocaat")."""
    title = _ENDING.sub("", title)
    names = [title]
    bare = _NOTE.sub(" ", title)
    for note in _NOTE.findall(title):
        if len(note.strip()) >= 3 and not _GENDER_NOTE.match(note.strip()):
            names += [part for part in _NAME_SEPARATORS.split(note) if part.strip()]
    names += _parts(bare)
    forms = []
    for name in names:
        name = " ".join(name.split())
        forms += [name, *_feminine_forms(name)]
    return list(dict.fromkeys(f for f in forms if name_tokens(f)))


def profiles_by_title_word(titles: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """For each word of the profiles' names (as :func:`title_word_keys` gives them), the
    profiles (of ``titles``: id → title) whose names hold it; words naming no job alone left
    out, in any of their forms ("Manager", and the "managere" made of it)."""
    generic_forms = [form for word in _GENERIC_ALONE for form in (word, *_feminine_forms(word))]
    generic = set(title_word_keys(" ".join(generic_forms)))
    found: dict[str, set[str]] = {}
    for profile_id, title in titles.items():
        named = " ".join(title_names(title))
        for word in set(title_word_keys(named)) - generic:
            found.setdefault(word, set()).add(profile_id)
    return {word: frozenset(profiles) for word, profiles in found.items()}


@lru_cache(maxsize=1)
def _packaged_text() -> str:
    return packaged_text("jobs.txt")


def _singular(token: str) -> str:
    if len(token) > 5 and token.endswith("aux"):
        return token[:-3] + "al"  # "sociaux" → "social"
    return token[:-1] if len(token) > 4 and token[-1] in "sx" else token


@dataclass(frozen=True)
class JobMention:
    """A job named in a text: the name as found, the profile it is (``None``: unknown) and
    where it stands in the text (character offsets)."""

    name: str
    job: int
    profile_id: str | None
    start: int = 0
    end: int = 0


def _tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens with their character spans in ``text`` (folded one character at a time,
    so that offsets in the folded text are offsets in the original)."""
    folded = "".join(fold(ch)[:1] or " " for ch in text)
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def without_mentions(
    text: str, mentions: Sequence[JobMention], other_jobs: Collection[str] = ()
) -> str:
    """``text`` with the mentioned job names cut out ("c bien payé responsable de prod ?" →
    "c bien payé ?"), or ``text`` itself if no meaningful word would be left. A one-word name
    is also a plain word ("manager direct en sortant de l'école ?"): it stays, unless it names
    one of ``other_jobs``, profiles the answer is not about (the job a follow-up switches from:
    "combien gagne un cuisinier ? et un routier ?")."""
    cut = [m for m in mentions if " " in m.name or m.profile_id in other_jobs]
    stripped = _cut(text, cut)
    # "C'est quoi un responsable de production ?" asks about the job itself: keep its name.
    return stripped if content_stems(stripped, "fr") else text


def without_job_names(text: str, mentions: Sequence[JobMention]) -> str:
    """``text`` with every job name of ``mentions`` cut out: what it asks of the job ("en voor
    programmeur?" names a job, not the tools that "programm" would name)."""
    return _cut(text, mentions)


def names_only_jobs(text: str, mentions: Sequence[JobMention]) -> bool:
    """True when ``text`` says nothing but job names ("c'est quoi un responsable de
    production ?", "Productieverantwoordelijke?"): it asks what the job is."""
    return bool(mentions) and not content_stems(_cut(text, mentions), "fr")


def _cut(text: str, mentions: Sequence[JobMention]) -> str:
    kept, cursor = [], 0
    for mention in sorted(mentions, key=lambda m: m.start):
        kept.append(text[cursor : mention.start])
        cursor = mention.end
    kept.append(text[cursor:])
    return " ".join(" ".join(kept).split())


class JobLexicon:
    """Finds job names in text and tells known profiles from other jobs.

    A lexicon name ``en:chef`` is a name in English only: "chef" is a cook in English, any boss
    in French and Dutch ("mon chef", "de chef"). A name in capitals that spells a common word
    (``AS``: "tu as"), of the lexicon or a profile's alias, is found only in capitals; one that
    does not ("DJ") in any case."""

    def __init__(self, lines: Iterable[Sequence[str]]) -> None:
        self._names: dict[tuple[str, ...], int] = {}
        self._names_in: dict[str, dict[tuple[str, ...], int]] = {}
        self._capitals: dict[str, int] = {}
        self._jobs: list[tuple[str, ...]] = []
        for job, names in enumerate(lines):
            plain = []
            for name in names:
                only_in = _LANGUAGE_ONLY.match(name)
                if only_in:
                    name = only_in.group(2)
                if _only_in_capitals(name):
                    self._capitals[name] = job
                    plain.append(name)
                    continue
                table = self._names_in.setdefault(only_in.group(1), {}) if only_in else self._names
                tokens = name_tokens(name)
                if tokens:
                    table.setdefault(tokens, job)
                    table.setdefault(_key(tokens), job)
                plain.append(name)
            self._jobs.append(tuple(plain))
        self._profiles: dict[int, str] = {}
        self._job_of_profile: dict[str, int] = {}
        self._short_form_owner: Callable[[str], str | None] = lambda _: None
        # The first and last words of the names of jobs with a profile, to each profile and
        # one of its jobs: see _broader_than_one_profile.
        self._profile_ends: dict[str, dict[str, int]] = {}

    @classmethod
    def packaged(cls) -> JobLexicon:
        """A fresh copy of the lexicon that ships with the advisor (profiles register on it)."""
        return cls.parse(_packaged_text())

    @classmethod
    def parse(cls, text: str) -> JobLexicon:
        lines = []
        for raw in text.splitlines():
            raw = raw.strip()
            if raw and not raw.startswith("#"):
                lines.append([name.strip() for name in raw.split("|") if name.strip()])
        return cls(lines)

    def names(self) -> list[str]:
        """Every job name the lexicon knows (for the speller's vocabulary)."""
        return [name for names in self._jobs for name in names]

    def register_profile(self, profile_id: str, names: Iterable[str]) -> None:
        """Know ``profile_id`` under ``names`` and under the lexicon's synonyms of them.

        A profile's own names are always its own: a lexicon line another profile took
        ("Cuisinier" and "Chef de cuisine" share one) keeps its other names for the first."""
        for name in names:
            if _only_in_capitals(name):
                self._register_capitals(profile_id, name)
                continue
            tokens = name_tokens(name)
            if not tokens:
                continue
            job = self._names.get(tokens)
            if job is None:
                job = self._names.get(_key(tokens))
            if job is not None and self._profiles.get(job, profile_id) != profile_id:
                job = None  # the lexicon's line is another profile's; this name is ours
            if job is None:
                job = len(self._jobs)
                self._jobs.append((name,))
                self._names[tokens] = job
                self._names[_key(tokens)] = job
            self._profiles[job] = profile_id
            self._job_of_profile.setdefault(profile_id, job)
            self._note_ends(job, profile_id)

    def know_short_forms(self, owner: Callable[[str], str | None]) -> None:
        """Find a word no name holds as the job of the profile ``owner`` gives it (a short
        form of a profile's title: "archi"; see
        :meth:`advisor.jobs.title_words.TitleWords.short_form_owner`)."""
        self._short_form_owner = owner

    def _note_ends(self, job: int, profile_id: str) -> None:
        for name in self._jobs[job]:
            key = _key(name_tokens(_LANGUAGE_ONLY.sub(r"\2", name)))
            if len(key) >= 2:
                for end in (key[0], key[-1]):
                    self._profile_ends.setdefault(end, {}).setdefault(profile_id, job)

    def _register_capitals(self, profile_id: str, name: str) -> None:
        job = self._capitals.get(name)
        if job is None or self._profiles.get(job, profile_id) != profile_id:
            job = len(self._jobs)
            self._jobs.append((name,))
            self._capitals[name] = job
        self._profiles[job] = profile_id

    def find(self, text: str, language: str | None = None) -> list[JobMention]:
        """Job names in ``text`` (written in ``language``, if known: its own names count too),
        longest match first at each place, left to right."""
        spans = _tokens_with_spans(text)
        tokens = tuple(token for token, _, _ in spans)
        tables = [self._names, *([self._names_in[language]] if language in self._names_in else [])]
        capitals = self._capitals if self._capitals and not _shouted(text) else {}
        mentions: list[JobMention] = []
        index = 0
        while index < len(tokens):
            for size in range(min(_MAX_WORDS, len(tokens) - index), 0, -1):
                window = tokens[index : index + size]
                job = _lookup(tables, window)
                if job is None and size == 1 and capitals:
                    job = capitals.get(text[spans[index][1] : spans[index][2]])
                if job is None and size == 1:
                    job = self._job_of_profile.get(self._short_form_owner(window[0]) or "")
                if job is not None and size == 1 and _said_as_verb(tokens, index, tables):
                    job = None
                if job is not None and _names_a_place(tokens, index + size):
                    job = None
                if job is not None and job not in self._profiles:
                    known = self._known_within(window, tables)
                    if known is None:
                        known = self._broader_than_one_profile(window, job)
                    job = job if known is None else known
                if job is not None:
                    start, end = spans[index][1], spans[index + size - 1][2]
                    name = " ".join(window)
                    if index == 0 or tokens[index - 1] not in _POSSESSIVES:
                        mentions.append(JobMention(name, job, self._profiles.get(job), start, end))
                    index += size
                    break
            else:
                index += 1
        return mentions

    def _known_within(
        self, window: tuple[str, ...], tables: Sequence[dict[tuple[str, ...], int]]
    ) -> int | None:
        """A job with a profile whose name the name of a job without one holds: "infirmière
        à domicile", "thuisverpleegkundige" and "head nurse" are nurses when only the nurse
        has a profile. A word of the name, or the end of a compound of five letters or more."""
        for size in range(len(window) - 1, 0, -1):
            for start in range(len(window) - size + 1):
                job = _lookup(tables, window[start : start + size])
                if job is not None and job in self._profiles:
                    return job
        last = window[-1]
        for end in range(1, len(last) - _COMPOUND_TAIL + 1):
            job = _lookup(tables, (last[end:],))
            if job is not None and job in self._profiles:
                return job
        return None

    def _broader_than_one_profile(self, window: tuple[str, ...], job: int) -> int | None:
        """A job without a profile named by one word that, or one of whose one-word names,
        begins or ends the names of one profile only: "leerkracht", "teacher" or "prof" (a
        name of the same job) when the one teacher with a profile is the "leerkracht lager
        onderwijs" (a "primary school teacher", an "enseignant primaire"), "chauffeur" when
        the one driver is a "chauffeur poids lourd". Two profiles so named ("chauffeur de
        bus" beside it): the job stays another one."""
        if len(window) != 1:
            return None
        words = {_key(window)[0]}
        for name in self._jobs[job]:
            key = _key(name_tokens(name))
            if len(key) == 1:
                words.add(key[0])
        profiles: dict[str, int] = {}
        for word in words:
            profiles.update(self._profile_ends.get(word, {}))
        return next(iter(profiles.values())) if len(profiles) == 1 else None


# Words after which a job's name is a person of the student's life, not a job asked about:
# "mijn juf gaf huiswerk over breuken", "leur avocat va leur coûter cb ?". Not Dutch "je",
# "zijn" and "haar" ("als je leerkracht bent", "zijn leerkrachten goed betaald?").
_POSSESSIVES = frozenset(
    "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs "
    "mijn onze jouw hun my our their his her".split()
)


# Words after which a job's name or field names a place instead: "care assistants in nursing
# homes" are no nurses.
_PLACE_AFTER = frozenset({"home", "homes"})


def _names_a_place(tokens: Sequence[str], after: int) -> bool:
    """True when the name ending before ``after`` is the first part of a place's name
    ("nursing homes")."""
    return after < len(tokens) and tokens[after] in _PLACE_AFTER


# Words after which an English one-word name is a verb: "I cook every weekend", "to nurse".
# A job's name never follows them ("I'm a cook", "become a nurse").
_VERB_BEFORE = frozenset("i you we they he she to can could will would should ll".split())


def _said_as_verb(
    tokens: Sequence[str], index: int, tables: Sequence[dict[tuple[str, ...], int]]
) -> bool:
    """True when the one-word name at ``index`` follows a subject or "to", itself or after
    another verb and "and" / "or" ("I bake and cook every weekend"; not "electrician or
    cook")."""
    before = index - 1
    if before >= 2 and tokens[before] in ("and", "or"):
        if _lookup(tables, (tokens[before - 1],)) is not None:
            return False
        before -= 2
    return before >= 0 and tokens[before] in _VERB_BEFORE


def _only_in_capitals(name: str) -> bool:
    """An abbreviation in capitals that, in lower case, is a common word ("AS": "tu as")."""
    return bool(_CAPITALS.fullmatch(name)) and fold(name) in FOLDED_STOPWORDS


def _shouted(text: str) -> bool:
    """Typed in capitals throughout: there "AS" is the verb."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


def _lookup(tables: Sequence[dict[tuple[str, ...], int]], window: tuple[str, ...]) -> int | None:
    """The job a window of words names, as written or without its joining words and plurals."""
    for table in tables:
        job = table.get(window)
        if job is None and window[0] not in _JOINING and window[-1] not in _JOINING:
            job = table.get(_key(window))
        if job is not None:
            return job
    return None


# Words that rise to a rank within the job spoken of, a few words before that rank's name:
# "on peut monter en grade genre chef de magasin ?", "et qd on devient chef d'équipe ?",
# "doorgroeien tot filiaalverantwoordelijke", "can you move up to head chef?". Not "pour
# devenir" nor "worden" alone: "et pour devenir boulanger ?" asks about another job.
_STEP_UP = re.compile(
    r"\b(?:monter|monte|grimper|evoluer|evolue|passer|promu|promotion|"
    r"(?:quand|qd|si|lorsqu|une fois qu)\W*(?:on|tu|je|j)\W*(?:devien\w*|passe)|"
    r"doorgroei\w*|opklimmen|promoveren|gepromoveerd|promotie|"
    r"move up|moving up|promoted|work (?:my|your) way up|once you become)\b"
    r"[^.?!]{0,30}$"
)


def is_a_step_up(text: str, mention: JobMention) -> bool:
    """True when the job ``mention`` names (found in ``text``) is a rank one rises to in
    another job rather than a job asked about: "ok mais on peut monter en grade genre chef de
    magasin sans bachelier ?" after a shop assistant's studies."""
    return bool(_STEP_UP.search(fold(text[: mention.start])))


# Another job one may go on to from the job spoken of, later: "après on peut devenir
# infirmière ?" after a nursing aide's training, "kan ik daarna verpleegkundige worden?", "can I
# become a nurse afterwards?". Not "devenir" alone: "et pour devenir boulanger ?" asks about
# the baker.
_LATER = (
    r"(?:apres|ensuite|plus tard|par la suite|a terme|later|daarna|nadien|afterwards|after that)"
)
_BECOME = r"(?:devenir|passer|worden|doorstromen|become|move on)"
_STEP_ON_BEFORE = re.compile(rf"\b{_LATER}\b[^.?!]{{0,30}}\b{_BECOME}\b[^.?!]{{0,15}}$")
_STEP_ON_AFTER = re.compile(rf"^[^.?!]{{0,20}}\b{_LATER}\b")
_WISH = re.compile(r"\b(veux|voudrais|aimerais|reve|wil|zou graag|want|wanna|would like)\b")


def is_a_step_on(text: str, mention: JobMention) -> bool:
    """True when the job ``mention`` names (found in ``text``) is one the student asks to go
    on to later from the job spoken of, rather than a job asked about in its own right (or
    wished for: "je veux devenir infirmier plus tard")."""
    folded = fold(text)
    before, after = folded[: mention.start], folded[mention.end :]
    if _WISH.search(before):
        return False
    later_before = bool(_STEP_ON_BEFORE.search(before))
    become_before = bool(re.search(rf"\b{_BECOME}\b[^.?!]{{0,20}}$", before))
    later_after = bool(_STEP_ON_AFTER.search(after))
    become_after = bool(re.match(rf"^[^.?!]{{0,15}}\b{_BECOME}\b", after))
    later_anywhere = bool(re.search(rf"\b{_LATER}\b[^.?!]{{0,30}}$", before))
    return later_before or (become_before and later_after) or (later_anywhere and become_after)
