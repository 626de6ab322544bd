#!/usr/bin/env python3
"""Time follow-ups against the same messages asked alone, in one process.

    python scripts/bench_followups.py --knowledge knowledge \
        --knowledge tests/fixtures/profiles --index /tmp/bench-index \
        tests/data/followups_dev.json tests/data/followups_scope.json

A follow-up costs more than its message alone: its conversation is searched with it, a job the
previous message was answered from is that answer's (kept by the advisor, or worked out again),
and a follow-up on the conversation's job whose words its profile lacks is embedded alone for
its scope. Prints one table (median and p95 in milliseconds, and the median's ratio to the
message alone) for three cases, every conversation's last message each time, the answers kept
forgotten before each: alone (no history); as a follow-up whose earlier messages were just
answered (as in a conversation served by one process); as a follow-up with nothing kept (a
replica that answered none of them). Medians of one run compare with each other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import merged_knowledge  # noqa: E402

if TYPE_CHECKING:
    from advisor.advisor import Advisor

ROUNDS = 3


def conversations(paths: list[Path]) -> list[list[str]]:
    """The turns of every conversation of the sets (off-topic ones too)."""
    found = []
    for path in paths:
        data = json.loads(path.read_text("utf-8"))
        for key in ("conversations", "off_topic_conversations"):
            found += [list(item["turns"]) for item in data.get(key, [])]
    return found


def timed(advisor: Advisor, message: str, history: list[str]) -> float:
    start = time.perf_counter()
    advisor.ask(message, history)
    return time.perf_counter() - start


def measure(advisor: Advisor, turns_of: list[list[str]]) -> dict[str, list[float]]:
    """Seconds per case, every conversation once per round."""
    cases: dict[str, list[float]] = {"alone": [], "after its history": [], "nothing kept": []}
    advisor.ask("warm up", [])
    for _ in range(ROUNDS):
        for turns in turns_of:
            last, history = turns[-1], turns[:-1]
            advisor.clear_cache()
            cases["alone"].append(timed(advisor, last, []))
            advisor.clear_cache()
            cases["nothing kept"].append(timed(advisor, last, history))
            advisor.clear_cache()
            for at in range(len(history)):
                advisor.ask(history[at], history[:at])
            cases["after its history"].append(timed(advisor, last, history))
    return cases


def print_table(cases: dict[str, list[float]]) -> None:
    alone = statistics.median(cases["alone"])
    print(f"{'case':<22}{'n':>6}{'median ms':>11}{'p95 ms':>9}{'× alone':>9}")
    for name, seconds in cases.items():
        median = statistics.median(seconds)
        p95 = statistics.quantiles(seconds, n=20)[-1]
        print(f"{name:<22}{len(seconds):>6}{median * 1000:>11.1f}{p95 * 1000:>9.1f}", end="")
        print(f"{median / alone:>9.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="Question sets with conversations.")
    parser.add_argument("--knowledge", action="append", type=Path, default=[])
    parser.add_argument("--index", type=Path, required=True, help="The index folder (kept).")
    args = parser.parse_args(argv)

    from advisor.advisor import Advisor
    from advisor.settings import Settings

    knowledge = merged_knowledge(args.knowledge or [Path("knowledge")])
    settings = Settings(knowledge_dir=knowledge, index_dir=args.index)
    Advisor.build(settings)
    print_table(measure(Advisor.from_settings(settings), conversations(args.sets)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
