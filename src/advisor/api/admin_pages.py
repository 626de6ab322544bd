"""The staff page ``/admin`` (mounted only when ``ADVISOR_ADMIN_TOKEN`` is set): log in, see the
published profiles, reindex, upload a profile with a preview of its chunks, delete, roll back.

Every form posts with the session's CSRF token and answers with a redirect (nothing is posted
twice by a reload) or, when something is refused, the page again with a message saying why.
The work is the core's: :class:`KnowledgeFolder`, :class:`Reindexer` (``build_index``) and
:func:`rollback`.
"""

from __future__ import annotations

import base64
import binascii
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from advisor.advisor import Advisor
from advisor.api.admin import (
    REINDEX_WAIT_SECONDS,
    build_json,
    profiles_overview,
)
from advisor.api.admin_auth import CSRF_FIELD, SESSION_COOKIE, AdminAuth, Session
from advisor.api.ratelimit import client_ip
from advisor.api.services import (
    admin_auth_of,
    advisor_of,
    login_throttle_of,
    reindexer_of,
    settings_of,
    templates_of,
)
from advisor.documents.loader import file_sha256
from advisor.documents.uploads import KnowledgeFolder, ProfilePreview, UploadRefused
from advisor.errors import AdvisorError
from advisor.index import IndexVersions
from advisor.serving.reindex import Reindexer, rollback
from advisor.text.topics import load_topics, topic_label

__all__ = ["router", "FileState", "knowledge_states", "login_page", "render", "LOGIN_RETURNS"]

router = APIRouter(prefix="/admin", include_in_schema=False)

_HOME = "/admin"
# Pages a login may return to (never a URL taken as it is from a form: no open redirect).
LOGIN_RETURNS = ("/admin/insights",)
# What a redirect after a form says on the page (the codes come back in the query string).
_NOTICES = {
    "login": "You are logged in.",
    "reindex": "Index build requested: how it went is below.",
    "published": "{file} is saved in the knowledge folder and the index rebuilt: how it went "
    "is below.",
    "deleted": "{file} is deleted from the knowledge folder and the index rebuilt: how it went "
    "is below.",
    "rollback": "Version {version} is published again.",
}
# Forms carry at most a profile (base64 when sent back to be published) and a few fields.
_FORM_LIMITS: dict[str, Any] = {"max_files": 1, "max_fields": 8}


@dataclass(frozen=True)
class FileState:
    """A profile file of the knowledge folder compared with the version being served."""

    file: str
    state: Literal["published", "changed", "new", "removed"]

    @property
    def label(self) -> str:
        return {
            "published": "published",
            "changed": "changed since it was published",
            "new": "not published yet",
            "removed": "deleted from the folder, still served",
        }[self.state]


def knowledge_states(folder: KnowledgeFolder, sources: dict[str, str]) -> list[FileState]:
    """Each profile file's state: published as it is, changed, new, or gone but still served."""
    states = []
    present = folder.files() if folder.path.is_dir() else []
    for name in present:
        if name not in sources:
            states.append(FileState(name, "new"))
        elif file_sha256(folder.path / name) != sources[name]:
            states.append(FileState(name, "changed"))
        else:
            states.append(FileState(name, "published"))
    states += [FileState(name, "removed") for name in sorted(set(sources) - set(present))]
    return states


# ---------------------------------------------------------------- helpers


def _auth(request: Request) -> AdminAuth:
    auth: AdminAuth = admin_auth_of(request)
    return auth


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _folder(request: Request) -> KnowledgeFolder:
    settings = settings_of(request)
    return KnowledgeFolder(settings.knowledge_dir, settings.max_upload_bytes)


def _session(request: Request) -> Session | None:
    return _auth(request).decode(request.cookies.get(SESSION_COOKIE))


def render(
    request: Request,
    template: str,
    session: Session,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    page: HTMLResponse = templates_of(request).TemplateResponse(
        request,
        f"admin/{template}",
        {
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
    return page


def login_page(
    request: Request, error: str | None = None, status: int = 200, next_path: str | None = None
) -> HTMLResponse:
    """The login form, with a not-logged-in session holding its CSRF token (kept if the
    browser has one, so two tabs of the form both work). ``next_path``: the staff page to go
    back to once logged in (one of ``LOGIN_RETURNS``)."""
    auth = _auth(request)
    session = _session(request)
    if session is None or session.admin:
        session = auth.new_session(admin=False)
    context = {"error": error, "next_path": next_path if next_path in LOGIN_RETURNS else None}
    page = render(request, "login.html", session, context, status)
    auth.set_cookie(page, session, _secure(request))
    return page


def _dashboard_context(request: Request) -> dict[str, Any]:
    advisor: Advisor = advisor_of(request)
    reindexer: Reindexer = reindexer_of(request)
    facts = advisor.facts()
    versions = list(reversed(IndexVersions(settings_of(request).index_dir).all()))
    served = [i for i, v in enumerate(versions) if v.name == facts.version]
    return {
        "facts": facts,
        "profiles": profiles_overview(advisor),
        "files": knowledge_states(_folder(request), advisor.index.manifest.sources),
        "versions": versions,
        "can_roll_back": bool(served) and served[0] + 1 < len(versions),
        "build": build_json(reindexer.state()),
        "topic_names": {topic.name: topic.labels["en"] for topic in load_topics()},
    }


def _dashboard(
    request: Request, session: Session, error: str | None = None, status: int = 200
) -> HTMLResponse:
    notice = None
    code = request.query_params.get("done", "")
    if code in _NOTICES and status == 200:
        notice = _NOTICES[code].format(
            file=request.query_params.get("file", ""),
            version=request.query_params.get("version", ""),
        )
    context = {**_dashboard_context(request), "notice": notice, "error": error}
    return render(request, "dashboard.html", session, context, status)


def _redirect(done: str, **params: str) -> RedirectResponse:
    """Back to the page, which says what was done (the notice) and how the build went."""
    return RedirectResponse(f"{_HOME}?{urlencode({'done': done, **params})}", status_code=303)


async def _form(request: Request) -> FormData | str:
    """The posted form, or why it cannot be read (too large, not a form)."""
    cap = 2 * settings_of(request).max_upload_bytes
    try:
        return await request.form(max_part_size=cap, **_FORM_LIMITS)
    except HTTPException as error:  # Starlette's answer to a malformed or oversized body
        if error.status_code == 413:
            return f"This file is too large: a profile may have {cap // 2:,} bytes."
        return "This form could not be read: send it again."


@dataclass(frozen=True)
class _StaffPost:
    """A form posted by a logged-in member of staff, with its CSRF token checked."""

    session: Session
    form: FormData


async def _staff(request: Request) -> _StaffPost | Response:
    """The staff member's session and form; else the response to send instead."""
    session = _session(request)
    if session is None or not session.admin:
        return login_page(request, "Your session has expired: log in again.", 401)
    form = await _form(request)
    if isinstance(form, str):
        return _dashboard(request, session, form, 400)
    given = form.get(CSRF_FIELD)
    if not _auth(request).csrf_matches(session, given if isinstance(given, str) else None):
        return _dashboard(
            request,
            session,
            "This form has expired (its anti-forgery token is missing or stale): "
            "do it again from this page.",
            403,
        )
    return _StaffPost(session, form)


async def _start_build(request: Request, reason: str, full: bool = False) -> bool:
    """Start a build and give it a few seconds, so a quick one shows its report at once."""
    reindexer: Reindexer = reindexer_of(request)
    if not reindexer.start(full=full, reason=reason):
        return False
    await run_in_threadpool(reindexer.wait, REINDEX_WAIT_SECONDS)
    return True


_BUSY = (
    "An index build is already running: wait for it to finish (follow it below), then try again."
)


# ----------------------------------------------------------------- routes


@router.get("", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    session = _session(request)
    if session is None or not session.admin:
        return login_page(request)
    return _dashboard(request, session)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    auth = _auth(request)
    session = _session(request)
    form = await _form(request)
    if session is None or isinstance(form, str):
        return login_page(request, "This form has expired: enter the token again.", 403)
    given = form.get(CSRF_FIELD)
    if not auth.csrf_matches(session, given if isinstance(given, str) else None):
        return login_page(request, "This form has expired: enter the token again.", 403)
    token = form.get("token")
    if not isinstance(token, str) or not token.strip():
        return login_page(request, "Enter the admin token.", 400)
    throttle, ip = login_throttle_of(request), client_ip(request)
    wait = throttle.retry_after(ip)
    if wait is not None:
        page = login_page(request, throttle.message(wait), 429)
        page.headers["Retry-After"] = str(wait)
        return page
    if not auth.token_matches(token.strip()):
        throttle.failed(ip, "login form")
        return login_page(request, "This is not the admin token.", 403)
    back = form.get("next")
    response = (
        RedirectResponse(back, status_code=303)
        if isinstance(back, str) and back in LOGIN_RETURNS
        else _redirect("login")
    )
    auth.set_cookie(response, auth.new_session(admin=True), _secure(request))
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    response = RedirectResponse(_HOME, status_code=303)
    _auth(request).clear_cookie(response, _secure(request))
    return response


@router.post("/actions/reindex", response_class=HTMLResponse)
async def reindex_action(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    session, form = post.session, post.form
    if not await _start_build(request, "reindex", full=form.get("full") == "on"):
        return _dashboard(request, session, _BUSY, 409)
    return _redirect("reindex")


@router.post("/actions/rollback", response_class=HTMLResponse)
async def rollback_action(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    session = post.session
    index_dir, serve = settings_of(request).index_dir, advisor_of(request).refresh
    try:
        previous = await run_in_threadpool(rollback, index_dir, serve)
    except AdvisorError as error:
        return _dashboard(request, session, f"Rollback refused: {error}", 409)
    return _redirect("rollback", version=previous.name)


def _clash(folder: KnowledgeFolder, name: str) -> str | None:
    """Another file of the folder that would be the same profile (same name, other suffix)."""
    stem = Path(name).stem
    others = [f for f in folder.files() if Path(f).stem == stem and f != name]
    if not others:
        return None
    return (
        f"{others[0]} is already the profile {stem!r}: delete it first, or give this file "
        "another name."
    )


def _preview_page(
    request: Request, session: Session, preview: ProfilePreview, status: int = 200
) -> HTMLResponse:
    folder = _folder(request)
    error = preview.error
    clash = _clash(folder, preview.file) if error is None else None
    chunks = [
        {
            "section": chunk.section,
            "topic": chunk.topic,
            "topic_label": topic_label(chunk.topic, "en"),
            "text": chunk.text,
            "line": chunk.line,
        }
        for chunk in preview.chunks
    ]
    topics = Counter(topic_label(chunk.topic, "en") for chunk in preview.chunks)
    context = {
        "preview": preview,
        "error": error,
        "clash": clash,
        "chunks": chunks,
        "topics": dict(topics.most_common()),
        "replaces": error is None and (folder.path / preview.file).is_file(),
        "content_b64": base64.b64encode(preview.content).decode("ascii"),
    }
    return render(request, "preview.html", session, context, 422 if error or clash else status)


@router.post("/profiles/preview", response_class=HTMLResponse)
async def preview_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    session, form = post.session, post.form
    upload = form.get("profile")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _dashboard(request, session, "Choose a profile file to upload.", 422)
    folder = _folder(request)
    data = await upload.read(folder.max_bytes + 1)
    try:
        preview = await run_in_threadpool(folder.preview, upload.filename, data)
    except UploadRefused as error:
        return _dashboard(request, session, f"File refused: {error}", 422)
    return _preview_page(request, session, preview)


@router.post("/profiles/publish", response_class=HTMLResponse)
async def publish_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    session, form = post.session, post.form
    name, encoded = form.get("file"), form.get("content")
    try:
        if not isinstance(name, str) or not isinstance(encoded, str):
            raise ValueError("missing field")
        content = base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        return _dashboard(
            request, session, "This preview is incomplete: upload the file again.", 422
        )
    folder = _folder(request)
    try:
        # Checked again: what is published is exactly what passes, whatever was posted.
        preview = await run_in_threadpool(folder.preview, name, content)
    except UploadRefused as error:
        return _dashboard(request, session, f"File refused: {error}", 422)
    if preview.error is not None or _clash(folder, preview.file):
        return _preview_page(request, session, preview)
    # Whatever the file held before is kept in its history.
    await run_in_threadpool(folder.save_checked, preview.file, preview.content, None)
    if not await _start_build(request, f"publishing {preview.file}"):
        return _dashboard(
            request,
            session,
            f"{preview.file} is saved, but an index build is already running: rebuild the "
            "index when it is done to publish it.",
            409,
        )
    return _redirect("published", file=preview.file)


@router.get("/profiles/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, file: str = "") -> HTMLResponse:
    session = _session(request)
    if session is None or not session.admin:
        return login_page(request)
    if file not in _folder(request).files():
        return _dashboard(
            request, session, f"No profile named {file!r} in the knowledge folder.", 404
        )
    return render(request, "delete.html", session, {"file": file})


@router.post("/profiles/delete", response_class=HTMLResponse)
async def delete_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    session, form = post.session, post.form
    name = form.get("file")
    folder = _folder(request)
    if not isinstance(name, str) or name not in folder.files():
        return _dashboard(
            request, session, f"No profile named {name!r} in the knowledge folder.", 404
        )
    await run_in_threadpool(folder.delete, name)
    if not await _start_build(request, f"deleting {name}"):
        return _dashboard(
            request,
            session,
            f"{name} is deleted, but an index build is already running: rebuild the index "
            "when it is done.",
            409,
        )
    return _redirect("deleted", file=name)
