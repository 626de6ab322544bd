#!/usr/bin/env python3
"""A corpus of genuinely distinct real texts, to measure the recall of approximate search.

    python scripts/debian_corpus.py 25000 var/recall/debian
    .venv/bin/advisor index --knowledge var/recall/debian/knowledge --index var/recall/debian/index
    python scripts/bench.py --measure-recall var/recall/debian   # see docs/benchmarks.md

The synthetic profiles of ``scripts/synthetic.py`` are near-copies of one seed: the thousand
passages nearest to a question lie within 0.006 of cosine, and which ten are "the" nearest is
noise that no graph search follows. Real portals' passages differ far more. The one-line
descriptions of Debian's packages (``apt-cache dumpavail``, here on every machine, no download)
are tens of thousands of short texts written by different people about different things: each
package becomes one passage (a ``##`` section of its own) of a profile named after its Debian
section, and the descriptions of packages left out of the corpus become the questions
(``questions.json``), so that each question has near but not identical passages.

Deterministic: the same package lists and N give the same files. Never used for quality
figures: these are not career profiles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

__all__ = ["packages", "write_corpus"]

_PER_PROFILE = 10
_MIN_WORDS = 3


def packages(dump: str) -> list[tuple[str, str, str]]:
    """(name, section, description) of each package of ``apt-cache dumpavail``'s output whose
    description no other package has, sorted by name."""
    found: dict[str, tuple[str, str]] = {}
    for stanza in dump.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            key, _, value = line.partition(": ")
            if value and not line.startswith(" "):
                fields[key] = value.strip()
        if "Package" in fields and len(fields.get("Description", "").split()) >= _MIN_WORDS:
            section = fields.get("Section", "misc").rsplit("/", 1)[-1]
            found.setdefault(fields["Package"], (section, fields["Description"]))
    by_text: dict[str, list[str]] = defaultdict(list)
    for name, (_, text) in found.items():
        by_text[text.lower()].append(name)
    distinct = {names[0] for names in by_text.values() if len(names) == 1}
    return sorted((name, *found[name]) for name in distinct)


def write_corpus(
    rows: list[tuple[str, str, str]], count: int, folder: Path, questions: int = 200
) -> tuple[int, int]:
    """Profiles of ``count`` packages into ``folder/knowledge`` and ``questions`` held-out
    descriptions into ``folder/questions.json``; returns (passages, questions) written."""
    # A stable pseudo-random split: the first packages by hash of their name are the questions.
    ranked = sorted(rows, key=lambda row: hashlib.sha256(row[0].encode()).hexdigest())
    asked, kept = ranked[:questions], sorted(ranked[questions : questions + count])
    knowledge = folder / "knowledge"
    knowledge.mkdir(parents=True, exist_ok=True)
    for old in knowledge.glob("*.md"):
        old.unlink()
    by_section: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, section, text in kept:
        by_section[section].append((name, text))
    for section, members in sorted(by_section.items()):
        # A short last group joins the one before: a profile of one short line is refused.
        starts = list(range(0, len(members), _PER_PROFILE))
        if len(starts) > 1 and len(members) - starts[-1] < _PER_PROFILE // 2:
            starts.pop()
        for start, end in zip(starts, [*starts[1:], len(members)], strict=True):
            title = f"Debian {section} {start // _PER_PROFILE + 1}"
            lines = ["---", f"title: {title!r}", "language: en", "source: debian", "---", ""]
            lines += [f"# {title}", ""]
            for name, text in members[start:end]:
                ending = "" if text[-1] in ".!?" else "."
                lines += [f"## {name}", "", f"{text}{ending}", ""]
            slug = f"{section}-{start // _PER_PROFILE + 1:04d}"
            (knowledge / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
    items = [{"q": text, "package": name} for name, _, text in asked]
    (folder / "questions.json").write_text(
        json.dumps({"questions": items}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return len(kept), len(asked)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="Packages (passages) in the corpus.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--questions", type=int, default=200)
    args = parser.parse_args(argv)
    dump = subprocess.run(
        ["apt-cache", "dumpavail"], check=True, capture_output=True, text=True
    ).stdout
    rows = packages(dump)
    passages, asked = write_corpus(rows, args.count, args.folder, args.questions)
    print(f"{len(rows)} distinct descriptions; {passages} passages, {asked} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
