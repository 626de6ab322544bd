#!/usr/bin/env python3
"""Write ``src/advisor/data/common_words.txt``: the 2,000 most frequent words of French, Dutch
and English (pyspellchecker's frequency lists), folded, one a line.

    python scripts/common_words.py

A word of every page ("weer": again or the weather, "zondag", "euros") is never one job's own,
however few profiles hold it (see ``advisor.jobs.choice``). Shipped as a small file: loading
pyspellchecker's lists in every worker to rank them took 1.9 s and 135 MB at the first answer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spellchecker import SpellChecker

from advisor.text.words import fold

PER_LANGUAGE = 2_000
TARGET = Path(__file__).resolve().parents[1] / "src" / "advisor" / "data" / "common_words.txt"


def main() -> int:
    words: set[str] = set()
    for language in ("fr", "nl", "en"):
        counts = SpellChecker(language=language, distance=1).word_frequency.dictionary
        ranked = sorted(counts, key=lambda word: (-counts[word], word))
        words.update(fold(word) for word in ranked[:PER_LANGUAGE])
    header = (
        "# The 2,000 most frequent words of French, Dutch and English (pyspellchecker's lists),\n"
        "# folded: words of every page, never one job's own. Made by scripts/common_words.py.\n"
    )
    TARGET.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
