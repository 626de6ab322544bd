"""What every staff page shares: the session, the posted form with its CSRF token checked, the
login page, and rendering a template in the staff member's language (:mod:`.staff_text`).

The view modules (:mod:`.admin_pages` for the knowledge, :mod:`.admin_editor` for editing a
profile, :mod:`.insights`) call these; they never read a cookie or a form themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from advisor.api.admin_auth import CSRF_FIELD, SESSION_COOKIE, AdminAuth, Session
from advisor.api.services import admin_auth_of, settings_of, templates_of
from advisor.api.staff_text import (
    LANGUAGE_COOKIE,
    LANGUAGE_NAMES,
    STAFF_LANGUAGES,
    StaffText,
    load_strings,
    staff_language,
)
from advisor.documents.uploads import KnowledgeFolder, ProfilePreview
from advisor.text.topics import topic_label

__all__ = [
    "HOME",
    "LOGIN_RETURNS",
    "Refused",
    "StaffPost",
    "auth_of",
    "folder_of",
    "is_secure",
    "login_page",
    "preview_context",
    "read_form",
    "redirect_home",
    "render",
    "session_of",
    "staff_post",
    "text_of",
]

HOME = "/admin"
# Pages a login may return to (never a URL taken as it is from a form: no open redirect).
LOGIN_RETURNS = ("/admin/insights",)
# Forms carry at most a profile (base64 when sent back to be published) and a few fields.
_FORM_LIMITS: dict[str, Any] = {"max_files": 1, "max_fields": 12}
_LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600
_URLENCODED = "application/x-www-form-urlencoded"


def auth_of(request: Request) -> AdminAuth:
    auth: AdminAuth = admin_auth_of(request)
    return auth


def is_secure(request: Request) -> bool:
    return request.url.scheme == "https"


def folder_of(request: Request) -> KnowledgeFolder:
    settings = settings_of(request)
    return KnowledgeFolder(settings.knowledge_dir, settings.max_upload_bytes)


def session_of(request: Request) -> Session | None:
    return auth_of(request).decode(request.cookies.get(SESSION_COOKIE))


def text_of(request: Request) -> StaffText:
    """The staff member's language, with its strings."""
    strings = load_strings(settings_of(request).web_dir / "i18n" / "staff.json")
    return StaffText(staff_language(request), strings)


def render(
    request: Request,
    template: str,
    session: Session,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A staff page in the staff member's language; ``?lang=`` is remembered in a cookie."""
    settings = settings_of(request)
    text = text_of(request)
    page: HTMLResponse = templates_of(request).TemplateResponse(
        request,
        f"admin/{template}",
        {
            "t": text,
            "lang": text.language,
            "languages": LANGUAGE_NAMES,
            "csrf_field": CSRF_FIELD,
            "csrf_token": session.csrf,
            "static_url": "/static",
            "max_upload_bytes": settings.max_upload_bytes,
            **(context or {}),
        },
        status_code=status,
    )
    # A page with a CSRF token and the profiles being edited: never keep it in a cache.
    page.headers["Cache-Control"] = "no-store"
    page.headers["Content-Language"] = text.language
    if request.query_params.get("lang") in STAFF_LANGUAGES:
        page.set_cookie(
            LANGUAGE_COOKIE,
            text.language,
            max_age=_LANGUAGE_COOKIE_SECONDS,
            path=HOME,
            secure=is_secure(request),
            samesite="strict",
        )
    return page


def login_page(
    request: Request, error: str | None = None, status: int = 200, next_path: str | None = None
) -> HTMLResponse:
    """The login form, with a not-logged-in session holding its CSRF token (kept if the
    browser has one, so two tabs of the form both work). ``next_path``: the staff page to go
    back to once logged in (one of ``LOGIN_RETURNS``)."""
    auth = auth_of(request)
    session = session_of(request)
    if session is None or session.admin:
        session = auth.new_session(admin=False)
    context = {"error": error, "next_path": next_path if next_path in LOGIN_RETURNS else None}
    page = render(request, "login.html", session, context, status)
    auth.set_cookie(page, session, is_secure(request))
    return page


def redirect_home(done: str, **params: str) -> RedirectResponse:
    """Back to the knowledge page, which says what was done (the notice) and how the build
    went."""
    return RedirectResponse(f"{HOME}?{urlencode({'done': done, **params})}", status_code=303)


async def read_form(request: Request) -> FormData | str:
    """The posted form, or why it cannot be read (too large, not a form, not UTF-8 text)."""
    cap = 2 * settings_of(request).max_upload_bytes
    t = text_of(request)
    try:
        if not await _is_utf8_form(request):
            return str(t("error.not_text"))
        return await request.form(max_part_size=cap, **_FORM_LIMITS)
    except HTTPException as error:  # Starlette's answer to a malformed or oversized body
        if error.status_code == 413:
            return str(t("error.too_large", bytes=t.number(cap // 2)))
        return str(t("error.form_unreadable"))


async def _is_utf8_form(request: Request) -> bool:
    """False for a URL-encoded form whose fields are not UTF-8 (a lone surrogate's bytes, a
    stray byte), which Starlette would silently turn into U+FFFD: refused, never stored."""
    if not request.headers.get("content-type", "").startswith(_URLENCODED):
        return True  # multipart: files are bytes, checked as profiles when previewed
    body = await request.body()  # Starlette keeps it for request.form()
    try:
        parse_qsl(body.decode("latin-1"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class StaffPost:
    """A form posted by a logged-in member of staff, with its CSRF token checked."""

    session: Session
    form: FormData

    def field(self, name: str) -> str | None:
        value = self.form.get(name)
        return value if isinstance(value, str) else None


# Renders the page a refused form goes back to: (request, session, message, status).
Refused = Callable[[Request, Session, str, int], Response]


async def staff_post(request: Request, refused: Refused) -> StaffPost | Response:
    """The staff member's session and form; else the response to send instead.
    ``refused(request, session, message, status)`` renders the page a bad form goes back to."""
    session = session_of(request)
    t = text_of(request)
    if session is None or not session.admin:
        return login_page(request, str(t("error.session_expired")), 401)
    form = await read_form(request)
    if isinstance(form, str):
        return refused(request, session, form, 400)
    given = form.get(CSRF_FIELD)
    if not auth_of(request).csrf_matches(session, given if isinstance(given, str) else None):
        return refused(request, session, str(t("error.form_expired")), 403)
    return StaffPost(session, form)


def preview_context(preview: ProfilePreview, language: str) -> dict[str, Any]:
    """What a preview shows of a profile: its chunks, and how many chunks each topic has."""
    chunks = [
        {
            "section": chunk.section,
            "topic": chunk.topic,
            "topic_label": topic_label(chunk.topic, language),
            "text": chunk.text,
            "line": chunk.line,
        }
        for chunk in preview.chunks
    ]
    topics = Counter(chunk["topic_label"] for chunk in chunks)
    return {"chunks": chunks, "topics": dict(topics.most_common())}
