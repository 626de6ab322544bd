#!/usr/bin/env python3
"""Measure answer quality on a question set: hit@1, hit@3, MRR, abstentions, follow-ups.

    python scripts/evaluate.py http://127.0.0.1:8000 ../shared/eval/questions.json
    python scripts/evaluate.py --in-process tests/data/questions.json [--embedders e5,use]
    python scripts/evaluate.py --in-process --knowledge knowledge \
        --knowledge tests/fixtures/profiles tests/data/manyjobs.json

A hit: one of the question's ``gold`` phrases appears (case- and whitespace-insensitive) in a
quoted passage or its section's heading, of the question's ``profile`` when it names one;
"lead" counts the answers whose lead sentence itself holds one. Out-of-scope questions
(``abstain: true``) are right when the advisor abstains; ``clarify: true`` ones when it asks
which job is meant; a conversation of ``off_topic_conversations`` (an off-topic message typed
as a follow-up) when the advisor abstains on its last message; ``smalltalk`` items when it
answers kindly without quoting or abstaining (in their ``page_language`` when they give one).
A ``compare`` item is right when every known job it names gets its own column, in the order
named, quoting one of that job's ``gold`` phrases, and every ``unknown`` job a column saying it
has no profile; an ``explore`` item scores hit@1 / hit@3 when its ``expected`` job is the
first / among the jobs quoted; a ``browse`` item is right when every profile served is listed,
a ``not_browse`` one when the jobs are not listed (it asks something else). An item's
``page_profile`` is sent as the page's job (the API's ``profile``); ``--profile`` gives one to
every item without its own (the seed's questions, asked on the seed's page, with other jobs
beside it). Several ``--knowledge`` folders are served together.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# (message, history, the page's profile, the page's language) → the API's JSON answer.
Ask = Callable[[str, list[str], str | None, str | None], dict[str, Any]]


def _squash(text: str) -> str:
    # A gold phrase copied from a Markdown table row ("Junior | 0–2 years") is the row the
    # advisor quotes with its cells apart ("Junior · 0–2 years").
    text = re.sub(r"\s*\|\s*", " · ", text.strip().strip("|"))
    return re.sub(r"\s+", " ", text).strip().casefold()


def gold_rank(response: dict[str, Any], gold: list[str], profile: str | None = None) -> int | None:
    """1-based rank of the first passage (of ``profile``, if given) holding a gold phrase."""
    wanted = [_squash(g) for g in gold]
    for rank, passage in enumerate(response.get("passages", []), start=1):
        if profile is not None and passage.get("profile_id") != profile:
            continue
        # The section's heading is shown above the quote: "De stage van drie jaar".
        text = _squash(f"{passage['section']}\n{passage['text']}")
        if any(g in text for g in wanted):
            return rank
    return None


@dataclass
class Tally:
    count: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    abstained: int = 0
    lead: int = 0

    def add(self, rank: int | None, abstained: bool, lead_hit: bool = False) -> None:
        self.count += 1
        self.abstained += abstained
        self.lead += lead_hit
        if rank is not None:
            self.hit1 += rank == 1
            self.hit3 += rank <= 3
            self.reciprocal += 1 / rank

    def row(self, name: str) -> str:
        n = max(self.count, 1)
        return (
            f"{name:<22}{self.count:>5}{self.hit1 / n:>8.3f}{self.hit3 / n:>8.3f}"
            f"{self.reciprocal / n:>8.3f}{self.lead / n:>8.3f}{self.abstained / n:>10.3f}"
        )


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_topic: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_profile: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    out_of_scope: list[tuple[str, bool]] = field(default_factory=list)
    smalltalk: list[tuple[str, bool]] = field(default_factory=list)
    clarify: list[tuple[str, bool]] = field(default_factory=list)
    followups: list[tuple[str, bool]] = field(default_factory=list)
    off_topic_followups: list[tuple[str, bool]] = field(default_factory=list)
    compare: list[tuple[str, bool]] = field(default_factory=list)
    compared_jobs: list[tuple[str, bool]] = field(default_factory=list)
    explore: Tally = field(default_factory=Tally)
    explore_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    browse: list[tuple[str, bool]] = field(default_factory=list)
    not_browse: list[tuple[str, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = max(self.overall.count, 1)
        return {
            "questions": self.overall.count,
            "hit@1": self.overall.hit1 / n,
            "hit@3": self.overall.hit3 / n,
            "mrr": self.overall.reciprocal / n,
            "lead": self.overall.lead / n,
            "abstained_answerable": self.overall.abstained / n,
            "out_of_scope_abstained": _share(self.out_of_scope),
            "smalltalk_right": _share(self.smalltalk),
            "followups_right": _share(self.followups),
            "off_topic_followups_abstained": _share(self.off_topic_followups),
            "clarify_right": _share(self.clarify),
            "compare_right": _share(self.compare),
            "compared_jobs_right": _share(self.compared_jobs),
            "explore_hit@1": self.explore.hit1 / max(self.explore.count, 1),
            "explore_hit@3": self.explore.hit3 / max(self.explore.count, 1),
            "browse_right": _share(self.browse),
            "not_browse_right": _share(self.not_browse),
            "hit@3_by_language": {
                k: v.hit3 / max(v.count, 1) for k, v in sorted(self.by_language.items())
            },
            "hit@1_by_language": {
                k: v.hit1 / max(v.count, 1) for k, v in sorted(self.by_language.items())
            },
            "hit@1_by_profile": {
                k: v.hit1 / max(v.count, 1) for k, v in sorted(self.by_profile.items())
            },
        }


def _share(items: list[tuple[str, bool]]) -> float | None:
    return sum(ok for _, ok in items) / len(items) if items else None


def evaluate(
    ask: Ask,
    data: dict[str, Any],
    page_profile: str | None = None,
    profiles: frozenset[str] = frozenset(),
) -> Report:
    """Ask every item of ``data``; ``profiles``: the ids served, which a browse must list."""
    report = Report()

    def timed(item: dict[str, Any], message: str, history: list[str]) -> dict[str, Any]:
        profile = item.get("page_profile", page_profile)
        start = time.perf_counter()
        response = ask(message, history, profile, item.get("page_language"))
        report.seconds.append(time.perf_counter() - start)
        return response

    for item in data.get("questions", []):
        response = timed(item, item["q"], [])
        if item.get("abstain") or item.get("clarify"):
            _score_refusal(report, item, response)
            continue
        _score_answer(report, item, response)
    for item in data.get("smalltalk", []):
        response = timed(item, item["q"], [])
        ok = not response["abstained"] and not response["passages"]
        ok = ok and response["language"] == item.get("page_language", response["language"])
        report.smalltalk.append((item["q"], ok))
        if not ok:
            report.misses.append(f"smalltalk: {item['q']}  [got: {response['language']}]")
    for conversation in data.get("conversations", []):
        turns = conversation["turns"]
        response = timed(conversation, turns[-1], list(turns[:-1]))
        rank = gold_rank(response, conversation["gold_last"], conversation.get("profile"))
        ok = rank is not None and rank <= 3 and not response["abstained"]
        report.followups.append((" → ".join(turns), ok))
        if not ok:
            report.misses.append(f"follow-up: {' → '.join(turns)}  [got: {_got(response)}]")
    for conversation in data.get("off_topic_conversations", []):
        turns = conversation["turns"]
        response = timed(conversation, turns[-1], list(turns[:-1]))
        ok = bool(response["abstained"])
        report.off_topic_followups.append((" → ".join(turns), ok))
        if not ok:
            report.misses.append(f"should abstain: {' → '.join(turns)}  [got: {_got(response)}]")
    for item in data.get("compare", []):
        _score_comparison(report, item, timed(item, item["q"], []))
    for item in data.get("explore", []):
        _score_exploration(report, item, timed(item, item["q"], []))
    for item in data.get("browse", []):
        response = timed(item, item["q"], [])
        listed = {job["profile_id"] for job in response.get("jobs", [])}
        ok = response.get("kind") == "browse" and profiles <= listed
        report.browse.append((item["q"], ok))
        if not ok:
            report.misses.append(f"browse: {item['q']}  [got: {_got(response)}]")
    for item in data.get("not_browse", []):
        response = timed(item, item["q"], [])
        ok = response.get("kind") != "browse"
        report.not_browse.append((item["q"], ok))
        if not ok:
            report.misses.append(f"not browse: {item['q']}  [got: the list of jobs]")
    return report


def _score_comparison(report: Report, item: dict[str, Any], response: dict[str, Any]) -> None:
    """Right when each job named has its column, in order, with a gold phrase of its own."""
    columns = response.get("columns", [])
    by_profile = {c["profile_id"]: c for c in columns if c.get("profile_id")}
    order = [c["profile_id"] for c in columns if c.get("profile_id")]
    ok = response.get("kind") == "compare" and order == list(item["profiles"])
    for profile in item["profiles"]:
        passage = (by_profile.get(profile) or {}).get("passage")
        right = passage is not None and gold_rank({"passages": [passage]}, item["gold"][profile])
        report.compared_jobs.append((f"{item['q']} [{profile}]", bool(right)))
        ok = ok and bool(right)
    unknown_columns = [c for c in columns if not c.get("profile_id")]
    ok = ok and len(unknown_columns) == len(item.get("unknown", []))
    report.compare.append((item["q"], ok))
    if not ok:
        got = [f"{c.get('profile_id') or c['job']}: {_section(c)}" for c in columns]
        report.misses.append(f"compare: {item['q']}  [want {item['profiles']}; got: {got}]")


def _section(column: dict[str, Any]) -> str:
    passage = column.get("passage")
    return passage["section"] if passage else str(column.get("note"))


def _score_exploration(report: Report, item: dict[str, Any], response: dict[str, Any]) -> None:
    """hit@1 / hit@3: the expected job is the first / among the jobs quoted."""
    quoted = [job["profile_id"] for job in response.get("jobs", [])]
    rank = quoted.index(item["expected"]) + 1 if item["expected"] in quoted else None
    abstained = bool(response["abstained"])
    report.explore.add(rank, abstained)
    report.explore_by_language[item.get("lang", "?")].add(rank, abstained)
    if rank != 1:
        report.misses.append(
            f"explore rank {rank}: {item['q']}  [want {item['expected']}; got: "
            f"{quoted or response.get('kind')}]"
        )


def _got(response: dict[str, Any]) -> str:
    """What the advisor quoted first, for a miss's line."""
    if not response["passages"]:
        return str(response.get("kind", "—"))
    first = response["passages"][0]
    return f"{first.get('profile_id', first['profile'])} › {first['section']}"


def _score_refusal(report: Report, item: dict[str, Any], response: dict[str, Any]) -> None:
    """An out-of-scope question must be refused; a vague one must ask which job."""
    if item.get("clarify"):
        ok = response.get("kind") == "clarify"
        report.clarify.append((item["q"], ok))
        if not ok:
            report.misses.append(f"should ask which job: {item['q']}  [got: {_got(response)}]")
        return
    ok = bool(response["abstained"])
    report.out_of_scope.append((item["q"], ok))
    if not ok:
        report.misses.append(f"should abstain: {item['q']}  [got: {_got(response)}]")


def _score_answer(report: Report, item: dict[str, Any], response: dict[str, Any]) -> None:
    rank = gold_rank(response, item["gold"], item.get("profile"))
    abstained = bool(response["abstained"])
    lead = _squash(response["answer"])
    lead_hit = not abstained and rank is not None and any(_squash(g) in lead for g in item["gold"])
    tallies = [
        report.overall,
        report.by_language[item.get("lang", "?")],
        report.by_topic[item.get("topic", "?")],
    ]
    if "profile" in item:
        tallies.append(report.by_profile[item["profile"]])
    for tally in tallies:
        tally.add(rank, abstained, lead_hit)
    if rank != 1:
        got = "abstained" if abstained else f"rank {rank}"
        report.misses.append(
            f"{got}: {item['q']}  [want {item.get('profile', '?')}; got: {_got(response)}]"
        )


def print_report(report: Report, label: str, show_misses: bool) -> None:
    header = f"{'':<22}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}{'lead':>8}{'abstained':>10}"
    print(f"\n== {label}\n{header}")
    print(report.overall.row("all answerable"))
    for name, tally in sorted(report.by_language.items()):
        print(tally.row(f"  lang {name}"))
    for name, tally in sorted(report.by_topic.items()):
        print(tally.row(f"  topic {name}"))
    for name, tally in sorted(report.by_profile.items()):
        print(tally.row(f"  profile {name}"[:22]))
    for name, items in (
        ("out of scope abstained", report.out_of_scope),
        ("asked which job", report.clarify),
        ("smalltalk answered", report.smalltalk),
        ("follow-ups right", report.followups),
        ("off-topic follow-ups abst.", report.off_topic_followups),
        ("comparisons right", report.compare),
        ("compared jobs right", report.compared_jobs),
        ("browse right", report.browse),
        ("not browse right", report.not_browse),
    ):
        if items:
            print(f"{name:<27}{sum(ok for _, ok in items)}/{len(items)}")
    if report.explore.count:
        print(report.explore.row("explore (by job)"))
        for name, tally in sorted(report.explore_by_language.items()):
            print(tally.row(f"  lang {name}"))
    if report.seconds:
        ordered = sorted(report.seconds)
        print(f"{'median answer time':<27}{ordered[len(ordered) // 2] * 1000:.1f} ms")
    if show_misses and report.misses:
        print("misses:")
        for miss in report.misses:
            print("  " + miss)


def _request(
    message: str, history: list[str], profile: str | None, page_language: str | None
) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message, "history": history}
    if profile:
        body["profile"] = profile
    if page_language:
        body["interface_language"] = page_language
    return body


def http_asker(base_url: str) -> Ask:
    def ask(
        message: str, history: list[str], profile: str | None, page_language: str | None
    ) -> dict[str, Any]:
        body = json.dumps(_request(message, history, profile, page_language)).encode()
        request = urllib.request.Request(
            base_url.rstrip("/") + "/api/chat", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            result: dict[str, Any] = json.load(response)
            return result

    return ask


_PROFILE_SUFFIXES = (".txt", ".md", ".markdown")


def served_profiles(base_url: str) -> frozenset[str]:
    """The profile ids a running advisor serves (``/api/profiles``)."""
    with urllib.request.urlopen(base_url.rstrip("/") + "/api/profiles", timeout=60) as response:
        return frozenset(profile["id"] for profile in json.load(response))


def knowledge_profiles(folder: Path) -> frozenset[str]:
    """The profile ids of a knowledge folder: its profiles' file names without extension."""
    return frozenset(p.stem.lower() for p in folder.iterdir() if p.suffix in _PROFILE_SUFFIXES)


def merged_knowledge(folders: list[Path]) -> Path:
    """One folder holding the profiles of every folder given (the first one itself if alone)."""
    if len(folders) == 1:
        return folders[0]
    merged = Path(tempfile.mkdtemp(prefix="advisor-knowledge-"))
    for folder in folders:
        for path in sorted(folder.iterdir()):
            # A folder's README says what its profiles are; it is none of them.
            if path.is_file() and path.suffix in _PROFILE_SUFFIXES and path.stem != "README":
                shutil.copy(path, merged / path.name)
    return merged


def in_process_asker(
    embedders: str | None,
    knowledge: Path,
    weights: dict[str, Any] | None = None,
    index: Path | None = None,
    ranker: bool = True,
) -> Ask:
    from advisor.advisor import Advisor
    from advisor.api.routes import answer_to_response, new_answer_id
    from advisor.retrieval.fusion import FusionWeights
    from advisor.settings import Settings

    overrides: dict[str, Any] = {
        "knowledge_dir": knowledge,
        "index_dir": index or Path(tempfile.mkdtemp(prefix="advisor-eval-")),
    }
    if embedders is not None:
        overrides["embedders"] = embedders
    settings = Settings(**overrides)
    Advisor.build(settings)
    advisor = Advisor.from_settings(settings)
    if weights:
        advisor.use_weights(FusionWeights(**weights))
    if not ranker:
        advisor.use_ranker(None)

    def ask(
        message: str, history: list[str], profile: str | None, page_language: str | None
    ) -> dict[str, Any]:
        answer = advisor.ask(message, history, None, profile, page_language)
        return answer_to_response(answer, new_answer_id()).model_dump()

    return ask


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", help="Base URL of a running advisor.")
    parser.add_argument("questions", nargs="+", type=Path, help="Question files (JSON).")
    parser.add_argument("--in-process", action="store_true", help="No server: load the core.")
    parser.add_argument("--embedders", help="In-process only: models, e.g. 'e5' or '' (BM25).")
    parser.add_argument(
        "--weights",
        type=json.loads,
        help="In-process only: fusion weights as JSON, e.g. "
        '\'{"topic": 0, "other_topic": 0, "topic_examples": 0}\' for no topic routing.',
    )
    parser.add_argument(
        "--no-ranker",
        action="store_true",
        help="In-process only: one profile's sections ordered by the fusion weights alone, "
        "not by the learned section ranker (to measure it).",
    )
    parser.add_argument(
        "--knowledge",
        type=Path,
        action="append",
        help="In-process only: a folder of profiles (repeat to serve several; default knowledge).",
    )
    parser.add_argument(
        "--index",
        type=Path,
        help="In-process only: the index folder (kept; the next run embeds only what changed).",
    )
    parser.add_argument(
        "--profile", help="The page's job (a profile id) for every item that names none."
    )
    parser.add_argument("--misses", action="store_true", help="List what was not rank 1.")
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    args = parser.parse_args(argv)
    files = list(args.questions)
    if args.in_process:
        if args.target:
            files.insert(0, Path(args.target))
        knowledge = merged_knowledge(args.knowledge or [Path("knowledge")])
        ask = in_process_asker(
            args.embedders, knowledge, args.weights, args.index, not args.no_ranker
        )
        profiles = knowledge_profiles(knowledge)
        models = "default" if args.embedders is None else args.embedders or "none (BM25 only)"
        label = (
            f"in-process, embedders={models}"
            + (f", weights={args.weights}" if args.weights else "")
            + (", no section ranker" if args.no_ranker else "")
        )
    else:
        if not args.target:
            parser.error("give a base URL, or --in-process")
        ask = http_asker(args.target)
        label = args.target
        profiles = frozenset()
    results = {}
    try:
        for path in files:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not profiles and not args.in_process and data.get("browse"):
                profiles = served_profiles(args.target)
            report = evaluate(ask, data, args.profile, profiles)
            print_report(report, f"{path} ({label})", args.misses)
            results[str(path)] = report.as_dict()
    except urllib.error.URLError as error:
        print(f"error: cannot reach {args.target}: {error}", file=sys.stderr)
        return 1
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
