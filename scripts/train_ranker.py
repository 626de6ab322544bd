#!/usr/bin/env python3
"""Learn the section ranker's weights (``advisor/data/section_ranker.json``) from question sets.

    python scripts/train_ranker.py --knowledge knowledge --knowledge tests/fixtures/profiles \
        --index /tmp/ranker-index tests/data/manyjobs.json tests/data/questions.json \
        tests/data/choose.json

Each answerable question is searched in its own profile (the one its item names, else the
seed's) as the advisor searches a job it knows, each job a comparison names in its own profile
as the advisor compares them; a section answers when it holds a gold phrase
(as in ``scripts/evaluate.py``). The weights rank every answering section above every other
(:func:`advisor.retrieval.ranker.fit_weights`). Before writing them, the script reports hit@1
and hit@3 of the right section with each profile left out of the learning in turn (the
profiles were never seen: what a new job gets), against the fusion weights set by hand.
Never give it a held-out set.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import _squash, merged_knowledge  # noqa: E402

SEED_PROFILE = "responsable-de-production"


def questions_of(path: Path) -> list[dict[str, Any]]:
    """The answerable items of a question set, each with its profile; a comparison gives one
    item per job it names that has a profile (searched as the advisor searches each job it
    compares)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data.get("questions", []) if isinstance(data, dict) else data
    found = [
        {**item, "profile": item.get("profile") or SEED_PROFILE}
        for item in items
        if item.get("gold") and not item.get("abstain") and not item.get("clarify")
    ]
    for item in data.get("compare", []) if isinstance(data, dict) else []:
        for profile in item["profiles"]:
            gold = item.get("gold", {}).get(profile)
            if gold:
                found.append({"q": item["q"], "profile": profile, "gold": gold, "compare": True})
    return found


def sections_of(
    advisor: Any, models: tuple[str, ...], item: dict[str, Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The features of the sections of the item's profile, which of them answer, and their
    score by the fusion weights set by hand."""
    from advisor.answer_path import Request, reply_language
    from advisor.jobs.choice import JobChoice, JobSource
    from advisor.retrieval.ranker import features

    path = advisor.answer_path()
    request = Request(item["q"], page_profile=item.get("page_profile"))
    understood = path.understand(request, reply_language(request))
    if item.get("compare"):  # searched as the advisor searches each job it compares
        plan = path.helping.plan_comparison(understood)
    else:
        plan = path.plan_search(understood, JobChoice((item["profile"],), JobSource.NAMED))
    query = replace(plan.query, profile_ids=(item["profile"],))
    retriever = path.snapshot.retriever
    evidence = retriever.ranker_evidence(query, retriever.evidence(query, plan.vectors))
    wanted = [_squash(g) for g in item["gold"]]
    answers = np.array(
        [any(g in _squash(f"{c.section}\n{c.text}") for g in wanted) for c in evidence.chunks]
    )
    return features(evidence, models), answers, np.asarray(evidence.fusion)


def rank_of_answer(scores: np.ndarray, answers: np.ndarray) -> int | None:
    """1-based rank of the first answering section."""
    order = np.flatnonzero(answers[np.argsort(-scores, kind="stable")])
    return int(order[0]) + 1 if len(order) else None


def line(label: str, found: list[int | None]) -> str:
    first = np.mean([r == 1 for r in found])
    three = np.mean([r is not None and r <= 3 for r in found])
    return f"{label:<40} {len(found):>5} {first:>7.3f} {three:>7.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="+", type=Path, help="Question sets to learn from.")
    parser.add_argument("--knowledge", type=Path, action="append", required=True)
    parser.add_argument("--index", type=Path, required=True, help="The index folder (kept).")
    parser.add_argument("--c", type=float, default=0.06, help="Data against regulariser.")
    parser.add_argument(
        "--fusion-prior",
        type=float,
        default=6.0,
        help="Weights pulled towards this weight on the fusion's score (and 0 elsewhere).",
    )
    parser.add_argument("--out", type=Path, default=Path("src/advisor/data/section_ranker.json"))
    args = parser.parse_args(argv)

    from advisor.advisor import Advisor
    from advisor.retrieval.ranker import SectionRanker, feature_names, fit_weights
    from advisor.settings import Settings

    settings = Settings(knowledge_dir=merged_knowledge(args.knowledge), index_dir=args.index)
    Advisor.build(settings)
    advisor = Advisor.from_settings(settings)
    models = SectionRanker.packaged().models
    learned = []  # (profile, features, answers, score by hand)
    for path in args.questions:
        for item in questions_of(path):
            matrix, answers, hand = sections_of(advisor, models, item)
            if answers.any():
                learned.append((item["profile"], matrix, answers, hand, path.name))
    names = feature_names(models)
    prior = np.array([args.fusion_prior if n == "fusion" else 0.0 for n in names])
    print(f"{'right section, each profile left out':<40} {'n':>5} {'hit@1':>7} {'hit@3':>7}")
    by_hand: dict[str, list[int | None]] = {}
    by_ranker: dict[str, list[int | None]] = {}
    for profile in sorted({p for p, *_ in learned}):
        weights = fit_weights([(m, a) for p, m, a, *_ in learned if p != profile], args.c, prior)
        for _, matrix, answers, hand, source in (x for x in learned if x[0] == profile):
            by_hand.setdefault(source, []).append(rank_of_answer(hand, answers))
            by_ranker.setdefault(source, []).append(rank_of_answer(matrix @ weights, answers))
    for source in by_hand:
        print(line(f"{source}: fusion weights set by hand", by_hand[source]))
        print(line(f"{source}: section ranker (c={args.c})", by_ranker[source]))
    weights = fit_weights([(m, a) for _, m, a, *_ in learned], args.c, prior)
    args.out.write_text(
        json.dumps(
            {
                "about": f"Learned by scripts/train_ranker.py on {date.today().isoformat()} "
                f"from {', '.join(p.name for p in args.questions)} ({len(learned)} questions), "
                f"c={args.c}, pulled towards {args.fusion_prior} on the fusion's score.",
                "models": list(models),
                "weights": {n: round(float(w), 4) for n, w in zip(names, weights, strict=True)},
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
