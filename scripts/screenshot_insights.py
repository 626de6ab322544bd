#!/usr/bin/env python3
"""Take ``docs/insights.png``: the staff page /admin/insights of a real server, in Debian's
Chromium, with a month of data.

    python scripts/screenshot_insights.py [--out docs/insights.png]

The earlier days are SYNTHETIC rows written into a scratch question log before the server
starts (a seeded random mix of answered and unanswered questions, with votes), so the chart and
tables have something to show; today's rows are real: questions asked and votes given through
the API of the running server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TOKEN = "screenshot-token-0123456789"
ANSWERED = (
    ("C'est bien payé ?", "salary", "fr"),
    ("Quelles études faut-il faire ?", "studies", "fr"),
    ("À quoi ressemble une journée type ?", "typical_day", "fr"),
    ("Wat zijn de nadelen?", "cons", "nl"),
    ("What skills do I need?", "skills", "en"),
    ("Quels sont les avantages du métier ?", "pros", "fr"),
)
UNANSWERED = (
    ("Combien gagne un infirmier ?", "fr"),
    ("combien gagne un infirmier", "fr"),
    ("Combien gagne un infirmié ?", "fr"),
    ("Comment devenir pilote de ligne ?", "fr"),
    ("comment devenir pilote de ligne", "fr"),
    ("Hoeveel verdient een verpleegster?", "nl"),
    ("Quel est le meilleur jeu vidéo ?", "fr"),
)


def _seed(database: Path, index: Path) -> None:
    from advisor.answering.compose import AnswerKind
    from advisor.insights.database import LoggedAnswer, SQLiteStore, Vote, utc_now

    by_topic: dict[str, list[str]] = {}
    for chunks in index.glob("versions/*/chunks.jsonl"):
        for line in chunks.read_text(encoding="utf-8").splitlines():
            chunk = json.loads(line)
            by_topic.setdefault(chunk["topic"], []).append(chunk["id"])
    store = SQLiteStore(database)
    store.migrate()
    rnd = random.Random(7)
    now = utc_now()
    rows = []
    for day in range(1, 30):
        for _ in range(rnd.randint(3, 14) + (8 if day % 7 in (2, 3) else 0)):
            asked = now - timedelta(days=day, minutes=rnd.randint(0, 600))
            answer_id = f"synthetic-{len(rows)}"
            if rnd.random() < 0.22:
                question, language = rnd.choice(UNANSWERED)
                rows.append(
                    LoggedAnswer(
                        answer_id,
                        asked,
                        question,
                        language,
                        AnswerKind.ABSTAIN,
                        None,
                        None,
                        None,
                        (),
                        40.0,
                    )  # fmt: skip
                )
            else:
                question, topic, language = rnd.choice(ANSWERED)
                passages = tuple(by_topic.get(topic, [])[:2])
                score = round(rnd.uniform(1.6, 2.6), 2)
                rows.append(
                    LoggedAnswer(
                        answer_id,
                        asked,
                        question,
                        language,
                        AnswerKind.ANSWER,
                        topic,
                        "responsable-de-production",
                        score,
                        passages,
                        45.0,
                    )  # fmt: skip
                )
    votes = [
        Vote(row.answer_id, rnd.random() < 0.8, None, row.asked_at)
        for row in rows
        if not row.abstained and rnd.random() < 0.2
    ]
    store.write(rows, votes)
    store.close()


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit("the server stopped; see its log")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "insights.png")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="advisor-shot-"))
    index, data = work / "index", work / "data"
    base = f"http://127.0.0.1:{args.port}"
    env = dict(
        os.environ,
        ADVISOR_ADMIN_TOKEN=TOKEN,
        ADVISOR_DATA_DIR=str(data),
        ADVISOR_RATE_LIMIT="off",
        ADVISOR_RATE_LIMIT_PER_IP="off",
        HF_HUB_OFFLINE="1",
    )
    command = [sys.executable, "-m", "advisor", "index", "--index", str(index)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    _seed(data / "insights.sqlite3", index)
    with (work / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "advisor", "serve", "--port", str(args.port), "--index",
             str(index)],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait(f"{base}/api/health", server)
        with httpx.Client(base_url=base, timeout=60) as http:
            for question in ("Combien gagne un boulanger ?", "combien gagne un boulanger",
                             "Combien gagne un boulangé ?"):  # fmt: skip
                http.post("/api/chat", json={"message": question})
            votes = (
                ("Quels outils utilise-t-on au quotidien ?", False,
                 "Je voulais savoir quels logiciels on apprend à l'école"),
                ("Et le week-end, on travaille ?", False, None),
                ("C'est bien payé ?", True, None),
            )  # fmt: skip
            for question, helpful, comment in votes:
                answer = http.post("/api/chat", json={"message": question}).json()
                vote = {"answer_id": answer["id"], "helpful": helpful, "comment": comment}
                http.post("/api/feedback", json=vote)
        time.sleep(1.5)  # the writer thread's next batch
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless=new"]
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/admin/insights")
            page.get_by_label("Admin token").fill(TOKEN)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url("**/admin/insights")
            page.locator("#not-helpful details").first.evaluate("d => { d.open = true; }")
            page.screenshot(path=str(args.out), full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(30)
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
