"""Staff edit profiles in the browser, in their language: in-process on a scratch copy of the
knowledge folder, a real lexical index and a real SQLite question log. The editor's preview
(changes, chunks), publishing over the hash it started from (a stale editor refused, its text
kept), the history and restoring, a new profile from a template, a profile's other names, and
an unanswered question answered from a new FAQ entry. Every change is checked in what a
student is answered. The staff pages' words: every key in three languages, chosen from the
browser's language or by hand."""

from __future__ import annotations

import html as markup
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from fastapi.testclient import TestClient

from advisor.api import create_app
from advisor.documents.loader import read_aliases
from advisor.index import build_index
from advisor.insights.recorder import Recorder
from advisor.settings import Settings
from staff import csrf_of, log_in, staff_settings

TOKEN = "staff-token-for-the-editor-tests-01"
SEED = "responsable-de-production.txt"
OLD = "Logiciels de supervision (SCADA)"
NEW = "Logiciels de supervision (SCADA) et le Quibblomètre 4711, inventé pour ce test"
QUESTION = "c'est quoi le Quibblomètre ?"
WEB = Path(__file__).resolve().parents[2] / "web"
_BASE = re.compile(r'name="base" value="([0-9a-f]*)"')
_KEY = re.compile(r"""\bt\((?:"|')([a-z_]+\.[a-z_]+)""")
_CALLED = re.compile(r"""\)\((?:"|')([a-z_]+\.[a-z_]+)""")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture
def settings(tmp_path: Path, knowledge_copy: Path) -> Settings:
    settings = staff_settings(knowledge_copy, tmp_path / "index", TOKEN, data_dir=tmp_path / "data")
    build_index(knowledge_copy, settings.index_dir, [])
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        test_client.headers["Accept-Language"] = "fr-BE,fr;q=0.9,en;q=0.5"
        _login(test_client)
        yield test_client


_csrf = csrf_of


def _login(client: TestClient) -> None:
    log_in(client, TOKEN)


def _textarea(html: str) -> str:
    found = re.search(r'<textarea id="profile-text"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, "no editor on the page"
    return markup.unescape(found.group(1))


def _quotes(client: TestClient, question: str, words: str) -> bool:
    answer = client.post("/api/chat", json={"message": question}).json()
    return any(words in passage["text"] for passage in answer["passages"])


def _post_edit(client: TestClient, page: str, text: str, action: str, **more: str) -> Any:
    found = _BASE.search(page)
    assert found is not None
    fields = {"csrf_token": _csrf(page), "file": SEED, "base": found.group(1), "text": text}
    return client.post(
        "/admin/profiles/edit",
        data={**fields, "action": action, **more},
        follow_redirects=False,
    )


# ------------------------------------------------------------------ words


def _keys_used() -> set[str]:
    sources = [*WEB.joinpath("templates", "admin").glob("*.html")]
    sources += Path(__file__).resolve().parents[2].joinpath("src", "advisor", "api").glob("*.py")
    used: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        used |= set(_KEY.findall(text)) | set(_CALLED.findall(text))
    return used


def test_every_staff_string_exists_in_french_dutch_and_english() -> None:
    strings = json.loads((WEB / "i18n" / "staff.json").read_text(encoding="utf-8"))
    used = _keys_used()
    # Keys built at run time: the file states and the notices after a form.
    used |= {f"file_state.{s}" for s in ("published", "changed", "new", "removed")}
    used |= {f"reason.{r}" for r in ("reindex", "saving", "publishing", "deleting", "restoring")}
    used |= {
        f"notice.{n}"
        for n in ("login", "reindex", "published", "deleted", "rollback", "saved", "restored")
    }
    assert used - set(strings) == set(), "keys used but missing from web/i18n/staff.json"
    assert set(strings) - used == set(), "keys nobody uses"
    for key, texts in strings.items():
        assert set(texts) == {"fr", "nl", "en"}, key
        assert all(text.strip() for text in texts.values()), key
        placeholders = {lang: set(_PLACEHOLDER.findall(text)) for lang, text in texts.items()}
        assert placeholders["fr"] == placeholders["nl"] == placeholders["en"], key


def test_the_page_speaks_the_browser_s_language_or_the_one_chosen(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        dutch = client.get("/admin", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
        assert '<html lang="nl">' in dutch.text and "Beheertoken" in dutch.text
        english = client.get("/admin", headers={"Accept-Language": "de-DE,de;q=0.9"})
        assert '<html lang="en">' in english.text and "Admin token" in english.text
        chosen = client.get("/admin?lang=fr", headers={"Accept-Language": "nl"})
        assert '<html lang="fr">' in chosen.text and "Jeton d’administration" in chosen.text
        # Kept in a cookie: the next page is French whatever the browser asks.
        again = client.get("/admin", headers={"Accept-Language": "nl"})
        assert '<html lang="fr">' in again.text


def test_dates_and_numbers_follow_the_locale(client: TestClient, settings: Settings) -> None:
    french = client.get("/admin").text
    # A French date names the month in French ("déc."/"janv."…), never an ISO stamp.
    assert re.search(r"<dt>Construite le</dt><dd>\d{1,2} \w+\.? \d{4}", french)
    dutch = client.get("/admin?lang=nl").text
    assert re.search(r"<dt>Opgebouwd op</dt><dd>\d{1,2} \w+\.? \d{4}", dutch)
    # ADVISOR_MAX_UPLOAD_BYTES, 1000000, grouped as each locale writes it.
    assert re.search("Au plus 1[\u202f\u00a0]000[\u202f\u00a0]000 octets", french)
    assert "Hoogstens 1.000.000 bytes" in dutch
    assert "At most 1,000,000 bytes" in client.get("/admin?lang=en").text


# ------------------------------------------------------------------ editing


def test_edit_preview_publish_then_restore(client: TestClient, settings: Settings) -> None:
    assert not _quotes(client, QUESTION, "Quibblomètre")
    page = client.get(f"/admin/profiles/edit?file={SEED}")
    assert page.status_code == 200
    original = _textarea(page.text)
    assert original == (settings.knowledge_dir / SEED).read_text(encoding="utf-8")
    edited = original.replace(OLD, NEW, 1)

    # Browsers send a text area's lines with CRLF: the preview compares lines, not endings.
    preview = _post_edit(client, page.text, edited.replace("\n", "\r\n"), "preview")
    assert preview.status_code == 200
    assert f"<del>{OLD}</del>" in preview.text
    assert "<mark> et le Quibblomètre 4711, inventé pour ce test</mark></ins>" in preview.text
    assert preview.text.count("diff-added") == 1 and preview.text.count("diff-removed") == 1
    assert 'id="chunks"' in preview.text  # what students can be quoted
    assert (settings.knowledge_dir / SEED).read_text(encoding="utf-8") == original

    published = _post_edit(client, preview.text, edited, "publish")
    assert published.status_code == 303
    home = client.get(published.headers["location"])
    assert "est enregistré et publié" in home.text
    assert f"Terminé (enregistrement de {SEED})" in home.text
    assert (settings.knowledge_dir / SEED).read_text(encoding="utf-8") == edited
    assert _quotes(client, QUESTION, "Quibblomètre 4711")

    # The history keeps the text replaced; restoring it publishes it again.
    page = client.get(f"/admin/profiles/edit?file={SEED}")
    entry = re.search(r'name="entry" value="([^"]+)"', page.text)
    assert entry is not None
    base = re.search(r'name="base" value="([0-9a-f]+)">\s*<button[^>]*>Restaurer', page.text)
    assert base is not None
    restored = client.post(
        "/admin/profiles/restore",
        data={
            "csrf_token": _csrf(page.text),
            "file": SEED,
            "entry": entry.group(1),
            "base": base.group(1),
        },
        follow_redirects=False,
    )
    assert restored.status_code == 303
    assert (settings.knowledge_dir / SEED).read_text(encoding="utf-8") == original
    assert not _quotes(client, QUESTION, "Quibblomètre")


def test_a_second_editor_with_a_stale_copy_is_refused(
    client: TestClient, settings: Settings
) -> None:
    first = client.get(f"/admin/profiles/edit?file={SEED}").text
    second = client.get(f"/admin/profiles/edit?file={SEED}").text
    text = _textarea(first)
    assert _post_edit(client, first, text.replace(OLD, NEW, 1), "publish").status_code == 303

    theirs = text.replace(OLD, "Logiciels de supervision (SCADA) et le Quibblomètre 9999", 1)
    refused = _post_edit(client, second, theirs, "publish")
    assert refused.status_code == 409
    assert "Quelqu’un d’autre a publié cette fiche" in refused.text
    assert "Quibblomètre 9999" in _textarea(refused.text)  # their text is not lost
    saved = (settings.knowledge_dir / SEED).read_text(encoding="utf-8")
    assert "4711" in saved and "9999" not in saved
    assert _quotes(client, QUESTION, "Quibblomètre 4711")


def test_a_bad_text_is_refused_naming_its_line(client: TestClient, settings: Settings) -> None:
    page = client.get(f"/admin/profiles/edit?file={SEED}").text
    before = (settings.knowledge_dir / SEED).read_bytes()
    refused = _post_edit(client, page, "   \n", "publish")
    assert refused.status_code == 422
    assert "ne peut pas être publié" in refused.text and SEED in refused.text
    assert (settings.knowledge_dir / SEED).read_bytes() == before


def test_a_new_profile_from_the_template(client: TestClient, settings: Settings) -> None:
    form = client.get("/admin/profiles/new?lang=nl")
    opened = client.post(
        "/admin/profiles/new",
        data={
            "csrf_token": _csrf(form.text),
            "title": "Wolkentemmer",
            "language": "nl",
            "aliases": "wolkentemster, temmer van wolken",
        },
    )
    assert opened.status_code == 200
    template = _textarea(opened.text)
    for heading in ("## Verloning", "## Opleiding", "## Veelgestelde vragen"):
        assert heading in template
    assert "- wolkentemster" in template
    # A fictitious job, written for this test only.
    filled = template.replace(
        "## Verloning\n", "## Verloning\n\nEen beginnende wolkentemmer verdient 2.345 euro bruto.\n"
    )
    found = _BASE.search(opened.text)
    assert found is not None and found.group(1) == ""
    published = client.post(
        "/admin/profiles/edit",
        data={
            "csrf_token": _csrf(opened.text),
            "file": "wolkentemmer.md",
            "base": "",
            "text": filled,
            "action": "publish",
        },
        follow_redirects=False,
    )
    assert published.status_code == 303
    assert (settings.knowledge_dir / "wolkentemmer.md").is_file()
    assert _quotes(client, "hoeveel verdient een wolkentemster?", "2.345 euro")
    # The same title again: refused, the editor is not opened over the existing profile.
    again = client.post(
        "/admin/profiles/new",
        data={"csrf_token": _csrf(opened.text), "title": "Wolkentemmer", "language": "nl"},
    )
    assert again.status_code == 422 and "wolkentemmer.md" in again.text


def test_the_other_names_of_a_scraped_profile(client: TestClient, settings: Settings) -> None:
    page = client.get(f"/admin/profiles/edit?file={SEED}").text
    assert 'id="profile-aliases"' in page
    published = _post_edit(
        client, page, _textarea(page), "publish", aliases="chef de fabrication, prodman"
    )
    assert published.status_code == 303
    aliases = read_aliases(settings.knowledge_dir / "aliases.yaml")
    assert aliases["responsable-de-production"] == ("chef de fabrication", "prodman")
    served = client.app.state.services.advisor.index.manifest.aliases  # type: ignore[attr-defined]
    assert "prodman" in served["responsable-de-production"]
    assert (
        'value="chef de fabrication, prodman"'
        in client.get(f"/admin/profiles/edit?file={SEED}").text
    )


# ------------------------------------------------------------------ answer it


def test_an_unanswered_question_answered_from_a_new_faq_entry(
    client: TestClient, settings: Settings
) -> None:
    recorder: Recorder = client.app.state.services.recorder  # type: ignore[attr-defined]
    unknown = "C'est quoi le Zorglubomètre ?"
    assert client.post("/api/chat", json={"message": unknown}).json()["abstained"]
    client.post("/api/chat", json={"message": "t ki toi ?"})
    assert recorder.flush(timeout=20)

    insights = client.get("/admin/insights")
    assert "Y répondre" in insights.text and "Zorglubomètre" in insights.text
    editor = client.get("/admin/profiles/edit", params={"file": SEED, "question": unknown})
    text = _textarea(editor.text)
    assert "C'est quoi le Zorglubomètre ?" in text
    cursor = re.search(r'data-cursor-line="(\d+)"', editor.text)
    assert cursor is not None
    lines = text.split("\n")
    line = int(cursor.group(1))
    assert lines[line - 1] == "" and lines[line - 3] == "C'est quoi le Zorglubomètre ?"
    assert lines[line - 2] == "" and lines[line] == ""
    # The new question sits in the FAQ, after its last answer and before the next section.
    assert text.index("Zorglubomètre") > text.index("Questions fréquentes")
    lines[line - 1] = "Le Zorglubomètre est un instrument fictif, inventé pour ce test."
    published = _post_edit(client, editor.text, "\n".join(lines), "publish", question=unknown)
    assert published.status_code == 303

    assert _quotes(client, "le zorglubometre c koi", "instrument fictif")
    after = client.get("/admin/insights").text
    row = after[after.index("Zorglubomètre") :]
    assert "répondue depuis la version" in row[: row.index("</tr>")]

    # "Not a gap": the question leaves the list.
    dismissed = client.post(
        "/admin/insights/dismiss",
        data={"csrf_token": _csrf(after), "question": "t ki toi ?", "days": "30"},
        follow_redirects=False,
    )
    assert dismissed.status_code == 303
    assert "t ki toi" not in client.get("/admin/insights").text


@pytest.mark.parametrize("field", ["text", "aliases", "file", "base", "question"])
def test_bytes_that_are_no_text_in_a_staff_form_get_a_4xx(
    client: TestClient, settings: Settings, field: str
) -> None:
    page = client.get(f"/admin/profiles/edit?file={SEED}").text
    before = (settings.knowledge_dir / SEED).read_bytes()
    found = _BASE.search(page)
    assert found is not None
    fields = {
        "csrf_token": _csrf(page),
        "file": SEED,
        "base": found.group(1),
        "text": _textarea(page),
        "aliases": "prodman",
        "question": "",
        "action": "publish",
    }
    # A lone surrogate as UTF-8 would spell it (which UTF-8 forbids), and a stray byte.
    for bad in ("%ED%A0%80", "%FF"):
        values = {**fields, field: f"{bad}salaire"}
        body = "&".join(
            f"{key}={value if key == field else quote_plus(value)}" for key, value in values.items()
        )
        response = client.post(
            "/admin/profiles/edit",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )
        assert response.status_code == 400, (field, bad, response.status_code)
        assert "pas du texte" in response.text
        assert (settings.knowledge_dir / SEED).read_bytes() == before
        assert not (settings.knowledge_dir / "aliases.yaml").exists()
    # An unknown file name (no profile, no safe new name): refused, not a 500.
    values = {**fields, "file": "../../etc/passwd"}
    refused = client.post("/admin/profiles/edit", data=values, follow_redirects=False)
    assert refused.status_code in (409, 422)
