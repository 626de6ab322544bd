#!/usr/bin/env python3
"""Synthetic knowledge folders of N profiles, for speed and memory measurements only.

    python scripts/synthetic.py 1000 var/bench/synthetic-1000/knowledge
    python scripts/synthetic.py 1000 var/bench/synthetic-1000 --build full

Each profile is the seed profile (its cleaned sections, never its noise) varied
deterministically: another job's name (from the job lexicon, with a sector when names run
out), salaries and figures scaled, some words swapped for synonyms, list lines dropped or
reordered, a few sections left out. The same N and seed always give the same files.

These profiles are not real: they never go into ``knowledge/`` and never into a quality
figure. ``build_synthetic_index`` also builds their index with *proxy* vectors (each text is
the mean of real model vectors of its words), because embedding 280,000 passages with e5
would take hours; a query is still embedded by the real models, so timings and memory are
those of a real index of that size.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "generate",
    "job_titles",
    "ProxyEmbedder",
    "build_synthetic_index",
    "change_one_profile",
]

SEED_PROFILE = Path(__file__).resolve().parents[1] / "knowledge" / "responsable-de-production.txt"
_SEED_JOB = re.compile(r"responsables? de production( \(manager\))?", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d ]*\d|\d")
_SECTORS = (
    "de l'agroalimentaire",
    "de la pharmacie",
    "de l'automobile",
    "de la chimie",
    "du bâtiment",
    "de la logistique",
    "du textile",
    "de l'énergie",
    "de l'aéronautique",
    "du numérique",
    "de la métallurgie",
    "du papier",
    "de l'imprimerie",
    "des plastiques",
    "du verre",
    "de la santé",
    "du commerce",
    "du tourisme",
    "de l'environnement",
    "du ferroviaire",
    "de la défense",
    "de l'horlogerie",
    "du spatial",
    "de la robotique",
    "des cosmétiques",
)
_SYNONYMS = {
    "entreprise": ("société", "firme", "structure"),
    "usine": ("site", "atelier", "unité"),
    "équipe": ("service", "groupe", "brigade"),
    "excellent": ("très bon", "remarquable"),
    "important": ("essentiel", "majeur"),
    "souvent": ("fréquemment", "régulièrement"),
    "travail": ("boulot", "activité"),
    "rapidement": ("vite", "promptement"),
    "gérer": ("piloter", "diriger"),
    "qualité": ("fiabilité", "conformité"),
}
_WORD = re.compile(r"\w+", re.UNICODE)


def job_titles(count: int) -> list[str]:
    """``count`` distinct job titles: the lexicon's French names, then with a sector."""
    bases = sorted({line.split("|")[0].strip() for line in _lexicon_lines()})
    titles: list[str] = []
    for round_number in range(len(_SECTORS) + 1):
        for base in bases:
            if len(titles) == count:
                return titles
            sector = _SECTORS[round_number - 1] if round_number else ""
            titles.append(f"{base} {sector}".strip())
    raise ValueError(f"at most {len(titles)} distinct titles; asked for {count}")


def _lexicon_lines() -> Iterator[str]:
    from advisor.jobs.names import _packaged_text

    for line in _packaged_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield line


def _vary_numbers(text: str, factor: float) -> str:
    def scaled(match: re.Match[str]) -> str:
        value = int(match.group().replace(" ", ""))
        if value < 100 or 1900 <= value <= 2100:  # small counts and years stay
            return match.group()
        return f"{round(value * factor / 10) * 10}"

    return _NUMBER.sub(scaled, text)


def _vary_words(text: str, rng: random.Random) -> str:
    def swapped(match: re.Match[str]) -> str:
        options = _SYNONYMS.get(match.group().lower())
        return rng.choice(options) if options and rng.random() < 0.5 else match.group()

    return _WORD.sub(swapped, text)


def _profile_markdown(title: str, sections: Sequence[object], rng: random.Random) -> str:
    factor = rng.uniform(0.6, 1.6)
    lines = ["---", f"title: {title!r}", "language: fr", "source: synthetic", "---", ""]
    lines += [f"# {title}", ""]
    previous: tuple[str, ...] = ()
    for section in sections:
        heading_path: tuple[str, ...] = section.heading_path  # type: ignore[attr-defined]
        body = [line.text for line in section.lines]  # type: ignore[attr-defined]
        if len(heading_path) > 1 and rng.random() < 0.1:
            continue  # some profiles lack a section
        if section.kind == "list" and len(body) > 3:  # type: ignore[attr-defined]
            body = [line for line in body if rng.random() > 0.2] or body[:1]
            if rng.random() < 0.5:
                rng.shuffle(body)
        for depth, heading in enumerate(heading_path[1:], start=2):
            if heading_path[:depth] != previous[:depth]:
                lines += [f"{'#' * depth} {_SEED_JOB.sub(title, heading)}", ""]
        previous = heading_path
        for text in body:
            text = _vary_words(_vary_numbers(_SEED_JOB.sub(title, text), factor), rng)
            lines += [text, ""]
    return "\n".join(lines)


def generate(count: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write ``count`` synthetic profiles into ``folder`` (emptied of .md files first)."""
    from advisor.documents.loader import read_document

    document = read_document(SEED_PROFILE)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    paths = []
    for number, title in enumerate(job_titles(count)):
        rng = random.Random(f"{seed}:{number}")
        path = folder / f"synthetic-{number:05d}.md"
        path.write_text(_profile_markdown(title, document.sections, rng), encoding="utf-8")
        paths.append(path)
    return paths


class ProxyEmbedder:
    """Stands in for a real model at build time: a text's vector is the normalised mean of
    the real model's vectors of its words (computed once per word). It carries the real
    model's name and id, so the advisor loads the index with the real model for queries."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.name: str = real.name  # type: ignore[attr-defined]
        self.model_id: str = real.model_id  # type: ignore[attr-defined]
        self.dim: int = real.dim  # type: ignore[attr-defined]
        self._words: dict[str, np.ndarray] = {}

    def _vectors_of(self, words: list[str]) -> None:
        missing = sorted({w for w in words if w not in self._words})
        for start in range(0, len(missing), 256):
            batch = missing[start : start + 256]
            vectors = self.real.embed_passages(batch)  # type: ignore[attr-defined]
            self._words.update(zip(batch, vectors, strict=True))

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        tokenised = [[w.lower() for w in _WORD.findall(text)] or ["vide"] for text in texts]
        self._vectors_of([w for words in tokenised for w in words])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, words in enumerate(tokenised):
            mean = np.mean([self._words[w] for w in words], axis=0)
            out[row] = mean / (np.linalg.norm(mean) or 1.0)
        return out

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.real.embed_queries(texts)  # type: ignore[attr-defined,no-any-return]


def build_synthetic_index(count: int, root: Path, settings: object, full: bool = True) -> Path:
    """Generate ``count`` profiles under ``root/knowledge`` (unless there) and build their index
    under ``root/index`` with proxy vectors. Returns the index folder."""
    from advisor.advisor import load_embedders
    from advisor.index import build_index

    knowledge, index = root / "knowledge", root / "index"
    if len(list(knowledge.glob("*.md"))) != count:
        generate(count, knowledge)
    embedders = [ProxyEmbedder(e) for e in load_embedders(settings)]  # type: ignore[arg-type]
    build_index(knowledge, index, embedders, full=full)  # type: ignore[arg-type]
    return index


def change_one_profile(root: Path, note: str) -> None:
    """Append a line to the first profile: what staff do between two incremental builds."""
    first = sorted((root / "knowledge").glob("*.md"))[0]
    with open(first, "a", encoding="utf-8") as handle:
        handle.write(f"\nUne ligne ajoutée pour la mesure : {note}.\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--build",
        choices=("full", "incremental"),
        help="Also build the index in FOLDER/index (the profiles go to FOLDER/knowledge); "
        "incremental changes one profile first.",
    )
    args = parser.parse_args(argv)
    if not args.build:
        paths = generate(args.count, args.folder, args.seed)
        print(f"{len(paths)} synthetic profiles in {args.folder}")
        return 0
    from advisor.settings import Settings

    if args.build == "incremental":
        change_one_profile(args.folder, str(time.time()))
    build_synthetic_index(args.count, args.folder, Settings(), full=args.build == "full")
    print(f"{args.count} synthetic profiles indexed in {args.folder / 'index'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
