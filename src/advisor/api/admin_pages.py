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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from advisor.advisor import Advisor
from advisor.api.admin import REINDEX_WAIT_SECONDS, profiles_overview
from advisor.api.admin_auth import CSRF_FIELD, Session
from advisor.api.ratelimit import client_ip
from advisor.api.services import advisor_of, login_throttle_of, reindexer_of, settings_of
from advisor.api.staff_page import (
    HOME,
    LOGIN_RETURNS,
    StaffPost,
    auth_of,
    folder_of,
    is_secure,
    login_page,
    preview_context,
    read_form,
    redirect_home,
    render,
    session_of,
    staff_post,
    text_of,
)
from advisor.documents.loader import file_sha256
from advisor.documents.uploads import KnowledgeFolder, ProfilePreview, UploadRefused
from advisor.errors import AdvisorError
from advisor.index import IndexVersions
from advisor.serving.reindex import Reindexer, rollback
from advisor.text.topics import load_topics

__all__ = ["router", "FileState", "knowledge_states"]

router = APIRouter(prefix="/admin", include_in_schema=False)

# What a redirect after a form says on the page (the codes come back in the query string;
# the words are the strings ``notice.<code>``).
_NOTICES = ("login", "reindex", "published", "deleted", "rollback", "saved", "restored")


@dataclass(frozen=True)
class FileState:
    """A profile file of the knowledge folder compared with the version being served."""

    file: str
    state: Literal["published", "changed", "new", "removed"]  # words: "file_state.<state>"


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


def _dashboard_context(request: Request) -> dict[str, Any]:
    advisor: Advisor = advisor_of(request)
    reindexer: Reindexer = reindexer_of(request)
    facts = advisor.facts()
    versions = list(reversed(IndexVersions(settings_of(request).index_dir).all()))
    served = [i for i, v in enumerate(versions) if v.name == facts.version]
    language = text_of(request).language
    return {
        "facts": facts,
        "profiles": profiles_overview(advisor, language),
        "files": knowledge_states(folder_of(request), advisor.index.manifest.sources),
        "versions": versions,
        "can_roll_back": bool(served) and served[0] + 1 < len(versions),
        "build": reindexer.shared_json(),
        "topic_names": {topic.name: topic.labels[language] for topic in load_topics()},
    }


def _dashboard(
    request: Request, session: Session, error: str | None = None, status: int = 200
) -> HTMLResponse:
    notice = None
    code = request.query_params.get("done", "")
    if code in _NOTICES and status == 200:
        notice = text_of(request)(
            f"notice.{code}",
            file=request.query_params.get("file", ""),
            version=request.query_params.get("version", ""),
        )
    context = {**_dashboard_context(request), "notice": notice, "error": error}
    return render(request, "dashboard.html", session, context, status)


async def _staff(request: Request) -> StaffPost | Response:
    return await staff_post(request, _dashboard)


async def _start_build(request: Request, reason: str, full: bool = False) -> bool:
    """Start a build and give it a few seconds, so a quick one shows its report at once."""
    reindexer: Reindexer = reindexer_of(request)
    if not reindexer.start(full=full, reason=reason):
        return False
    await run_in_threadpool(reindexer.wait, REINDEX_WAIT_SECONDS)
    return True


async def _publish(request: Request, reason: str) -> None:
    """Build what was just saved; when a build runs, right after it (nothing waits for staff
    to come back and rebuild)."""
    reindexer: Reindexer = reindexer_of(request)
    if reindexer.start_or_queue(reason):
        await run_in_threadpool(reindexer.wait, REINDEX_WAIT_SECONDS)


# ----------------------------------------------------------------- routes


@router.get("", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    session = session_of(request)
    if session is None or not session.admin:
        return login_page(request)
    return _dashboard(request, session)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    auth, t = auth_of(request), text_of(request)
    session = session_of(request)
    post = await read_form(request)
    if session is None or isinstance(post, str):
        return login_page(request, str(t("login.expired")), 403)
    given = post.get(CSRF_FIELD)
    if not auth.csrf_matches(session, given if isinstance(given, str) else None):
        return login_page(request, str(t("login.expired")), 403)
    token = post.get("token")
    if not isinstance(token, str) or not token.strip():
        return login_page(request, str(t("login.empty")), 400)
    throttle, ip = login_throttle_of(request), client_ip(request)
    wait = throttle.retry_after(ip)
    if wait is not None:
        page = login_page(request, str(t("login.throttled", seconds=wait)), 429)
        page.headers["Retry-After"] = str(wait)
        return page
    if not auth.token_matches(token.strip()):
        throttle.failed(ip, "login form")
        return login_page(request, str(t("login.wrong")), 403)
    back = post.get("next")
    response = (
        RedirectResponse(back, status_code=303)
        if isinstance(back, str) and back in LOGIN_RETURNS
        else redirect_home("login")
    )
    auth.set_cookie(response, auth.new_session(admin=True), is_secure(request))
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    response = RedirectResponse(HOME, status_code=303)
    auth_of(request).clear_cookie(response, is_secure(request))
    return response


@router.post("/actions/reindex", response_class=HTMLResponse)
async def reindex_action(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    if not await _start_build(request, "reindex", full=post.field("full") == "on"):
        return _dashboard(request, post.session, str(text_of(request)("error.busy")), 409)
    return redirect_home("reindex")


@router.post("/actions/rollback", response_class=HTMLResponse)
async def rollback_action(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    index_dir, serve = settings_of(request).index_dir, advisor_of(request).refresh
    try:
        previous = await run_in_threadpool(rollback, index_dir, serve)
    except AdvisorError as error:
        message = text_of(request)("error.rollback", reason=str(error))
        return _dashboard(request, post.session, str(message), 409)
    return redirect_home("rollback", version=previous.name)


def _clash(request: Request, folder: KnowledgeFolder, name: str) -> str | None:
    """Another file of the folder that would be the same profile (same name, other suffix)."""
    stem = Path(name).stem
    others = [f for f in folder.files() if Path(f).stem == stem and f != name]
    if not others:
        return None
    return str(text_of(request)("error.clash", other=others[0], profile=stem))


def _preview_page(
    request: Request, session: Session, preview: ProfilePreview, status: int = 200
) -> HTMLResponse:
    folder = folder_of(request)
    error = preview.error
    clash = _clash(request, folder, preview.file) if error is None else None
    context = {
        **preview_context(preview, text_of(request).language),
        "preview": preview,
        "error": error,
        "clash": clash,
        "replaces": error is None and (folder.path / preview.file).is_file(),
        "content_b64": base64.b64encode(preview.content).decode("ascii"),
    }
    return render(request, "preview.html", session, context, 422 if error or clash else status)


def _file_refused(request: Request, session: Session, error: AdvisorError) -> HTMLResponse:
    message = text_of(request)("error.file_refused", reason=str(error))
    return _dashboard(request, session, str(message), 422)


@router.post("/profiles/preview", response_class=HTMLResponse)
async def preview_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    upload = post.form.get("profile")
    if not isinstance(upload, UploadFile) or not upload.filename:
        message = text_of(request)("error.choose_file")
        return _dashboard(request, post.session, str(message), 422)
    folder = folder_of(request)
    data = await upload.read(folder.max_bytes + 1)
    try:
        preview = await run_in_threadpool(folder.preview, upload.filename, data)
    except UploadRefused as error:
        return _file_refused(request, post.session, error)
    return _preview_page(request, post.session, preview)


@router.post("/profiles/publish", response_class=HTMLResponse)
async def publish_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    name, encoded = post.field("file"), post.field("content")
    try:
        if name is None or encoded is None:
            raise ValueError("missing field")
        content = base64.b64decode(encoded, validate=True)
    except (ValueError, binascii.Error):
        message = text_of(request)("error.preview_incomplete")
        return _dashboard(request, post.session, str(message), 422)
    folder = folder_of(request)
    try:
        # Checked again: what is published is exactly what passes, whatever was posted.
        preview = await run_in_threadpool(folder.preview, name, content)
    except UploadRefused as error:
        return _file_refused(request, post.session, error)
    if preview.error is not None or _clash(request, folder, preview.file):
        return _preview_page(request, post.session, preview)
    # Whatever the file held before is kept in its history.
    await run_in_threadpool(folder.save_checked, preview.file, preview.content, None)
    await _publish(request, f"publishing {preview.file}")
    return redirect_home("published", file=preview.file)


@router.get("/profiles/delete", response_class=HTMLResponse)
def confirm_delete(request: Request, file: str = "") -> HTMLResponse:
    session = session_of(request)
    if session is None or not session.admin:
        return login_page(request)
    if file not in folder_of(request).files():
        message = text_of(request)("error.no_such_file", file=file)
        return _dashboard(request, session, str(message), 404)
    return render(request, "delete.html", session, {"file": file})


@router.post("/profiles/delete", response_class=HTMLResponse)
async def delete_profile(request: Request) -> Response:
    post = await _staff(request)
    if isinstance(post, Response):
        return post
    name = post.field("file")
    folder = folder_of(request)
    if name is None or name not in folder.files():
        message = text_of(request)("error.no_such_file", file=str(name))
        return _dashboard(request, post.session, str(message), 404)
    # Its text is kept in its history: the editor can restore it.
    await run_in_threadpool(folder.delete, name)
    await _publish(request, f"deleting {name}")
    return redirect_home("deleted", file=name)
