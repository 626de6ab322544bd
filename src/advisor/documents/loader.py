"""Read one profile file, or a whole knowledge folder, into :class:`Document` objects."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

import yaml

from advisor.documents.markdown import (
    parse_markdown,
    reads_as_markdown,
    with_first_line_as_title,
)
from advisor.documents.model import Document, Line
from advisor.documents.scraped import parse_scraped
from advisor.errors import KnowledgeError
from advisor.text.language import detect_language

__all__ = [
    "ALIASES_FILE",
    "PROFILE_SUFFIXES",
    "READER_VERSION",
    "KnowledgeLoad",
    "is_profile_file",
    "read_document",
    "read_aliases",
    "read_knowledge",
    "file_sha256",
    "profile_id_of",
]

PROFILE_SUFFIXES = (".md", ".markdown", ".txt")
# How files are read into sections: raised when the same file would give other passages, so
# that an upgraded advisor reads its profiles again (2: Markdown tables and HTML read as text;
# 3: a third portal's layout, FAQs found by their questions).
READER_VERSION = 3
# Staff give any profile more names here, scraped `.txt` pages included (they have no front
# matter): `profile-id: [name, name]`, the id being the file's name without its extension.
ALIASES_FILE = "aliases.yaml"
_MIN_CONTENT_CHARS = 40
_SUPPORTED_LANGUAGES = ("fr", "nl", "en")
# A front matter's language as portals write it: a region's tag ("nl-BE", "fr_BE") or the
# language's name, in any of the three.
_LANGUAGE_NAMES = {
    "french": "fr", "francais": "fr", "français": "fr", "frans": "fr",
    "dutch": "nl", "nederlands": "nl", "néerlandais": "nl", "neerlandais": "nl",
    "flemish": "nl", "vlaams": "nl", "flamand": "nl",
    "english": "en", "anglais": "en", "engels": "en",
}  # fmt: skip


@dataclass(frozen=True)
class KnowledgeLoad:
    """The profiles read from a folder, and the files refused with the reason."""

    documents: tuple[Document, ...]
    errors: tuple[KnowledgeError, ...]
    hashes: dict[str, str]


def is_profile_file(path: Path) -> bool:
    """Profiles are visible .md/.txt files; editor backups and hidden files are not."""
    name = path.name
    return (
        path.is_file()
        and not name.startswith((".", "#", "~"))
        and not name.endswith(("~", ".swp", ".bak", ".tmp", ".orig"))
        and path.suffix.lower() in PROFILE_SUFFIXES
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def profile_id_of(path: PurePath) -> str:
    """The profile id of a file: its name without suffix, lower case, runs of other
    characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "profile"


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise KnowledgeError(path, "the file is empty")
    if b"\x00" in data[:8192]:
        raise KnowledgeError(path, "the file is binary, not text: save it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise KnowledgeError(
            path, "the file is not UTF-8 text: save it as UTF-8", line=line
        ) from None


def read_document(path: Path, source: str | None = None) -> Document:
    """Read one profile; raise :class:`KnowledgeError` naming the file and line if it is bad."""
    text = _decode(path, path.read_bytes())
    lines = text.splitlines()
    noise: tuple[Line, ...] = ()
    markdown = path.suffix.lower() in (".md", ".markdown")
    if markdown or reads_as_markdown(lines):
        page = parse_markdown(path, lines if markdown else with_first_line_as_title(lines))
        title, sections, meta = page.title, page.sections, page.meta
    else:
        scraped = parse_scraped(lines)
        title, sections, meta, noise = scraped.title, scraped.sections, {}, scraped.noise
    content = "\n".join(section.text for section in sections)
    if len(content.strip()) < _MIN_CONTENT_CHARS:
        raise KnowledgeError(path, "no usable text: the profile needs a title and some content")
    language = _language_code(meta.get("language")) or detect_language(
        content, _SUPPORTED_LANGUAGES
    )
    if language not in _SUPPORTED_LANGUAGES:
        raise KnowledgeError(
            path, f"language {language!r} is not supported; use fr, nl or en", line=2
        )
    updated = meta.get("updated")
    return Document(
        profile_id=profile_id_of(path),
        title=title,
        language=language,
        source=str(meta.get("source") or source or path.name),
        sections=sections,
        updated=str(updated) if updated is not None else None,
        aliases=tuple(str(alias) for alias in meta.get("aliases", [])),
        sector=str(meta["sector"]).strip() or None if meta.get("sector") else None,
        noise=noise,
        file=path.name,
    )


def _language_code(written: object) -> str | None:
    """The code of a language written "nl-BE", "fr_BE" or "Français"; None when none is."""
    text = str(written or "").strip().lower()
    if not text:
        return None
    return _LANGUAGE_NAMES.get(text) or re.split(r"[-_]", text, maxsplit=1)[0]


def read_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """The names the aliases file gives each profile id (none when there is no such file)."""
    if not path.is_file():
        return {}
    text = _decode(path, path.read_bytes()) if path.stat().st_size else ""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeError(
            path, f"not valid YAML: {getattr(error, 'problem', error)}", line=line
        ) from None
    if not isinstance(data, dict):
        raise KnowledgeError(path, "write one `profile-id: [name, name]` line per profile", line=1)
    aliases: dict[str, tuple[str, ...]] = {}
    for profile_id, names in data.items():
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not all(isinstance(n, str | int) for n in names):
            line = _line_of(text, str(profile_id))
            raise KnowledgeError(
                path, f"the names of {profile_id!r} must be a list of words", line=line
            )
        aliases[str(profile_id)] = tuple(str(name).strip() for name in names if str(name).strip())
    return aliases


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(key):
            return number
    return None


def _with_aliases(
    documents: list[Document], aliases: dict[str, tuple[str, ...]]
) -> tuple[Document, ...]:
    """Each document with the names the aliases file adds to its own (unknown ids: ignored, so
    that removing a profile never stops the next build)."""
    return tuple(
        replace(d, aliases=tuple(dict.fromkeys([*d.aliases, *aliases[d.profile_id]])))
        if d.profile_id in aliases
        else d
        for d in documents
    )


def read_knowledge(folder: Path) -> KnowledgeLoad:
    """Read every profile in ``folder``; a bad file is reported, never fatal for the others."""
    if not folder.is_dir():
        raise KnowledgeError(folder, "the knowledge folder does not exist")
    documents: list[Document] = []
    errors: list[KnowledgeError] = []
    hashes: dict[str, str] = {}
    seen_ids: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if not is_profile_file(path):
            continue
        hashes[path.name] = file_sha256(path)
        try:
            document = read_document(path)
        except KnowledgeError as error:
            errors.append(error)
            continue
        if document.profile_id in seen_ids:
            errors.append(
                KnowledgeError(
                    path, f"same profile id as {seen_ids[document.profile_id].name}: rename one"
                )
            )
            continue
        seen_ids[document.profile_id] = path
        documents.append(document)
    try:
        aliases = read_aliases(folder / ALIASES_FILE)
    except KnowledgeError as error:
        errors.append(error)
        aliases = {}
    return KnowledgeLoad(_with_aliases(documents, aliases), tuple(errors), hashes)
