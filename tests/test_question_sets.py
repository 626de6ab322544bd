"""The question sets stay true to their knowledge: every gold phrase is in a profile (the one
the question names, for the sets about many jobs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The sets of questions about jobs; choose*.json compare, explore and browse (issue 16).
CHOOSE_SETS = sorted((ROOT / "tests" / "data").glob("choose*.json"))
# explore*.json: explorations alone, statements about the student in many forms.
EXPLORE_SETS = sorted((ROOT / "tests" / "data").glob("explore*.json"))
# browse*.json: asking for the list of jobs, and close messages that do not.
BROWSE_SETS = sorted((ROOT / "tests" / "data").glob("browse*.json"))
# sections*.json: single-job questions and comparisons alone (no scope or conversation items).
SECTION_SETS = sorted((ROOT / "tests" / "data").glob("sections*.json"))
# followups_scope*.json: follow-ups on a job's conversation, and off-topic ones typed alike.
FOLLOWUP_SCOPE_SETS = sorted((ROOT / "tests" / "data").glob("followups_scope*.json"))
# followups*.json (the others): conversations alone, that stay on a job or switch to another.
FOLLOWUP_SETS = sorted(
    set((ROOT / "tests" / "data").glob("followups*.json")) - set(FOLLOWUP_SCOPE_SETS)
)
# newjobs*.json: questions about the three profiles of tests/fixtures/profiles_extra (newjobs2*:
# of profiles_extra2; newjobs3* to newjobs6*: the four of profiles_extra3 to 6),
# served beside the others (how the advisor does on profiles it was never tuned on).
NEW_JOB_SETS = sorted((ROOT / "tests" / "data").glob("newjobs*.json"))
# headings*.json are headings, not questions (tests/text/test_heading_topics.py).
HEADING_SETS = sorted((ROOT / "tests" / "data").glob("headings*.json"))
SETS = sorted(
    set((ROOT / "tests" / "data").glob("*.json"))
    - {*CHOOSE_SETS, *EXPLORE_SETS, *BROWSE_SETS, *SECTION_SETS, *FOLLOWUP_SETS}
    - {*FOLLOWUP_SCOPE_SETS, *NEW_JOB_SETS, *HEADING_SETS}
)
EXTRA_PROFILES = ROOT / "tests" / "fixtures" / "profiles_extra"
EXTRA_PROFILES_2 = ROOT / "tests" / "fixtures" / "profiles_extra2"
EXTRA_PROFILES_3 = ROOT / "tests" / "fixtures" / "profiles_extra3"
EXTRA_PROFILES_4 = ROOT / "tests" / "fixtures" / "profiles_extra4"
EXTRA_PROFILES_5 = ROOT / "tests" / "fixtures" / "profiles_extra5"
EXTRA_PROFILES_6 = ROOT / "tests" / "fixtures" / "profiles_extra6"
PROFILE_FOLDERS = (
    ROOT / "knowledge",
    ROOT / "tests" / "fixtures" / "profiles",
    EXTRA_PROFILES,
    EXTRA_PROFILES_2,
    EXTRA_PROFILES_3,
    EXTRA_PROFILES_4,
    EXTRA_PROFILES_5,
    EXTRA_PROFILES_6,
)
# The profiles each set of new jobs asks about, by the start of its name (longest first), and
# how many answerable questions each profile has at least.
NEW_JOB_FOLDERS = (
    ("newjobs6", EXTRA_PROFILES_6, 25),
    ("newjobs5", EXTRA_PROFILES_5, 25),
    ("newjobs4", EXTRA_PROFILES_4, 25),
    ("newjobs3", EXTRA_PROFILES_3, 25),
    ("newjobs2", EXTRA_PROFILES_2, 30),
    ("newjobs", EXTRA_PROFILES, 30),
)
# The sets about many jobs (the seed and the fictitious fixture profiles): the issue's shape.
MANY_JOBS_SETS = [path for path in SETS if path.stem.startswith("manyjobs")]
# The full sets (the issue's shape: 120+ questions, 15+ conversations); the others probe one
# thing (scope_probe.json: questions near the edge of the scope).
FULL_SETS = [path for path in SETS if path.stem in {"questions", "heldout", "heldout2", "heldout3"}]
LANGUAGES = {"fr", "nl", "en"}


def _squash(text: str) -> str:
    # As scripts/evaluate.py reads them: a gold phrase copied from a Markdown table row
    # ("Junior | 0–2 years") is the row quoted with its cells apart ("Junior · 0–2 years").
    text = re.sub(r"\s*\|\s*", " · ", text.strip().strip("|"))
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def knowledge() -> str:
    return _squash(" ".join(p.read_text("utf-8") for p in (ROOT / "knowledge").glob("*.txt")))


@pytest.fixture(scope="module")
def profile_texts() -> dict[str, str]:
    """Each profile's text as quoted (Markdown read as text) with its headings, by id."""
    from advisor.documents import read_knowledge

    texts = {}
    for folder in PROFILE_FOLDERS:
        for document in read_knowledge(folder).documents:
            parts = [part for s in document.sections for part in (*s.heading_path, s.text)]
            texts[document.profile_id] = _squash("\n".join(parts))
    return texts


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_gold_phrase_is_in_the_knowledge(
    path: Path, knowledge: str, profile_texts: dict[str, str]
) -> None:
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if "gold" in q]
    missing = [
        (item.get("q") or item["turns"][-1], gold)
        for item in [*answerable, *data.get("conversations", [])]
        for gold in item.get("gold") or item["gold_last"]
        if _squash(gold) not in profile_texts.get(item.get("profile", ""), knowledge)
    ]
    assert missing == []


@pytest.mark.parametrize("path", MANY_JOBS_SETS, ids=lambda p: p.name)
def test_many_jobs_sets_have_the_issues_shape(path: Path, profile_texts: dict[str, str]) -> None:
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if "gold" in q]
    languages = [q["lang"] for q in answerable]
    assert len(answerable) >= 200 and len(data["conversations"]) >= 20
    assert sum(bool(q.get("abstain")) for q in data["questions"]) >= 25
    assert abs(languages.count("fr") / len(languages) - 0.6) <= 0.03
    assert abs(languages.count("nl") / len(languages) - 0.2) <= 0.03
    profiles = {q["profile"] for q in answerable}
    assert len(profiles) >= 8 and profiles <= set(profile_texts)
    assert sum(c.get("switch", False) for c in data["conversations"]) >= 10
    assert len(MANY_JOBS_SETS) == 2


@pytest.mark.parametrize("path", FULL_SETS, ids=lambda p: p.name)
def test_full_sets_are_large(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if not q.get("abstain")]
    assert len(answerable) >= 120 and len(data["conversations"]) >= 15
    assert len(FULL_SETS) == 4


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_question_has_a_language_and_out_of_scope_ones_are_many(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    assert all(item["lang"] in LANGUAGES for item in data["questions"])
    assert sum(bool(item.get("abstain")) for item in data["questions"]) >= 20
    texts = [item["q"] for item in data["questions"]]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("path", FOLLOWUP_SETS, ids=lambda p: p.name)
def test_followup_sets_stay_and_switch_in_three_languages_with_true_gold(
    path: Path, profile_texts: dict[str, str]
) -> None:
    conversations = json.loads(path.read_text("utf-8"))["conversations"]
    assert len(conversations) >= 40
    assert {c["lang"] for c in conversations} == LANGUAGES
    switches = sum(bool(c["switch"]) for c in conversations)
    assert 0.3 <= switches / len(conversations) <= 0.7
    assert all(len(c["turns"]) >= 2 for c in conversations)
    assert _last_golds_missing(conversations, profile_texts) == []
    assert len(FOLLOWUP_SETS) == 6  # the six development sets


@pytest.mark.parametrize("path", FOLLOWUP_SCOPE_SETS, ids=lambda p: p.name)
def test_followup_scope_sets_hold_as_many_off_topic_follow_ups_with_true_gold(
    path: Path, profile_texts: dict[str, str]
) -> None:
    data = json.loads(path.read_text("utf-8"))
    on_job, off_topic = data["conversations"], data["off_topic_conversations"]
    assert len(on_job) >= 40 and len(off_topic) >= 40
    for conversations in (on_job, off_topic):
        assert {c["lang"] for c in conversations} == LANGUAGES
        assert all(len(c["turns"]) >= 2 for c in conversations)
    assert _last_golds_missing(on_job, profile_texts) == []
    assert len(FOLLOWUP_SCOPE_SETS) == 2  # one tuned on, one held out


def _last_golds_missing(
    conversations: list[dict[str, Any]], profile_texts: dict[str, str]
) -> list[tuple[str, str]]:
    """The gold phrases of the last messages that their profile does not hold."""
    return [
        (c["turns"][-1], gold)
        for c in conversations
        for gold in c["gold_last"]
        if _squash(gold) not in profile_texts[c["profile"]]
    ]


@pytest.mark.parametrize("path", CHOOSE_SETS, ids=lambda p: p.name)
def test_choose_sets_have_the_issues_shape_and_true_gold(
    path: Path, profile_texts: dict[str, str]
) -> None:
    data = json.loads(path.read_text("utf-8"))
    compare, explore, browse = data["compare"], data["explore"], data.get("browse", [])
    assert len(compare) >= 40 and len(explore) >= 40
    # The second and third development sets, on nineteen profiles, compare and explore only.
    assert len(browse) >= 10 or path.stem in ("choose_dev2", "choose_dev3")
    for kind in (compare, explore, browse) if browse else (compare, explore):
        languages = [item["lang"] for item in kind]
        assert set(languages) == LANGUAGES
        assert abs(languages.count("fr") / len(languages) - 0.6) <= 0.05
    missing = [
        (item["q"], profile, gold)
        for item in compare
        for profile in item["profiles"]
        for gold in item["gold"][profile]
        if _squash(gold) not in profile_texts[profile]
    ]
    assert missing == []
    assert all(len(item["profiles"]) + len(item.get("unknown", [])) >= 2 for item in compare)
    assert {item["expected"] for item in explore} <= set(profile_texts)
    assert len(CHOOSE_SETS) == 4


@pytest.mark.parametrize("path", EXPLORE_SETS, ids=lambda p: p.name)
def test_exploration_sets_expect_known_jobs_in_every_language(
    path: Path, profile_texts: dict[str, str]
) -> None:
    explore = json.loads(path.read_text("utf-8"))["explore"]
    languages = [item["lang"] for item in explore]
    assert len(explore) >= 40 and set(languages) == LANGUAGES
    expected = {item["expected"] for item in explore}
    assert expected <= set(profile_texts) and len(expected) >= 8
    assert all(item["expected"] not in item["also"] for item in explore)
    assert len({item["q"] for item in explore}) == len(explore)


@pytest.mark.parametrize("path", BROWSE_SETS, ids=lambda p: p.name)
def test_browse_sets_ask_in_every_language_and_hold_close_messages(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    for kind in (data["browse"], data["not_browse"]):
        assert len(kind) >= 30 and {item["lang"] for item in kind} == LANGUAGES
    texts = [item["q"] for item in (*data["browse"], *data["not_browse"])]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("path", SECTION_SETS, ids=lambda p: p.name)
def test_section_sets_quote_their_own_profiles(path: Path, profile_texts: dict[str, str]) -> None:
    data = json.loads(path.read_text("utf-8"))
    missing = [
        (item["q"], gold)
        for item in data["questions"]
        for gold in item["gold"]
        if _squash(gold) not in profile_texts[item["profile"]]
    ] + [
        (item["q"], gold)
        for item in data["compare"]
        for profile in item["profiles"]
        for gold in item["gold"][profile]
        if _squash(gold) not in profile_texts[profile]
    ]
    assert missing == []
    profiles = {item["profile"] for item in data["questions"]}
    assert len(profiles) >= 8 and profiles <= set(profile_texts)


@pytest.mark.parametrize("path", NEW_JOB_SETS, ids=lambda p: p.name)
def test_new_job_sets_ask_about_the_extra_profiles_with_true_gold(
    path: Path, profile_texts: dict[str, str]
) -> None:
    from advisor.documents import read_knowledge

    folder, per_profile = next(
        (f, n) for start, f, n in NEW_JOB_FOLDERS if path.stem.startswith(start)
    )
    documents = read_knowledge(folder).documents
    extra = {document.profile_id for document in documents} - {"readme"}  # not a profile
    data = json.loads(path.read_text("utf-8"))
    answerable = [q for q in data["questions"] if "gold" in q]
    assert {q["profile"] for q in answerable} == extra and len(answerable) >= per_profile * len(
        extra
    )
    assert {q["lang"] for q in data["questions"]} == LANGUAGES
    assert sum(bool(q.get("abstain")) for q in data["questions"]) >= 10
    assert sum(c["switch"] for c in data["conversations"]) >= 5
    missing = [
        (item.get("q") or item["turns"][-1], gold)
        for item in [*answerable, *data["conversations"]]
        for gold in item.get("gold") or item["gold_last"]
        if _squash(gold) not in profile_texts[item["profile"]]
    ]
    assert missing == []
