"""Editing a profile in the browser: its source in a text area, a preview of its chunks, topics
and what changed against the published text, publishing over the text the editor started from
(another save in between is refused, never overwritten), its earlier texts and restoring one; a
new profile from a template; a question of the insights page answered in the profile's FAQ.

Every form posts with the session's CSRF token. The work is the core's: :class:`KnowledgeFolder`
(texts, hashes, history), :class:`Publisher` (check, save, build), :func:`text_changes`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from advisor.api.admin import REINDEX_WAIT_SECONDS
from advisor.api.admin_auth import Session
from advisor.api.services import reindexer_of
from advisor.api.staff_page import (
    StaffPost,
    folder_of,
    login_page,
    preview_context,
    redirect_home,
    render,
    session_of,
    staff_post,
    text_of,
)
from advisor.api.staff_text import STAFF_LANGUAGES
from advisor.documents.aliases_file import AliasesFile
from advisor.documents.changes import text_changes
from advisor.documents.history import UnknownVersion
from advisor.documents.loader import profile_id_of, read_document
from advisor.documents.template import profile_template, with_faq_entry
from advisor.documents.uploads import KnowledgeFolder, StaleEdit, UploadRefused
from advisor.errors import AdvisorError, KnowledgeError
from advisor.insights.marks import MarkKind, marks_of
from advisor.serving.publishing import Publication, Publisher

__all__ = ["router", "EditorDraft"]

router = APIRouter(prefix="/admin/profiles", include_in_schema=False)

_MAX_TITLE_CHARS = 120
_MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class EditorDraft:
    """What the editor holds: the file, the text being edited, the hash it started from
    (empty for a new profile), and the unanswered question it answers, if any."""

    file: str
    text: str
    base: str
    question: str = ""
    answer_line: int | None = None
    aliases: str | None = None  # the names of the aliases file, comma-separated as typed

    @property
    def profile_id(self) -> str:
        return profile_id_of(PurePath(self.file))

    @property
    def alias_list(self) -> list[str]:
        return [name.strip() for name in (self.aliases or "").split(",") if name.strip()]

    @property
    def is_new(self) -> bool:
        return not self.base


def _publisher(request: Request) -> Publisher:
    return Publisher(folder_of(request), reindexer_of(request), REINDEX_WAIT_SECONDS)


def _editor(
    request: Request,
    session: Session,
    draft: EditorDraft,
    *,
    preview: bool = False,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The editor page: the text area, and on a preview (or a refusal) the chunks and the
    changes against the file as it is now."""
    folder = folder_of(request)
    current = folder.source(draft.file) if (folder.path / draft.file).is_file() else None
    context: dict[str, Any] = {
        "draft": draft,
        "error": error,
        "current": current,
        "history": folder.history.entries(draft.file),
        "is_markdown": not draft.file.endswith(".txt"),
    }
    if preview or error:
        context["changes"] = text_changes(current.text if current else "", draft.text)
        checked = folder.preview(draft.file, draft.text.encode("utf-8"))
        context.update(preview_context(checked, text_of(request).language))
        context["document"] = checked.document
        context["file_error"] = checked.error
    return render(request, "edit.html", session, context, status)


def _draft_of(post: StaffPost) -> EditorDraft | None:
    file, text, base = post.field("file"), post.field("text"), post.field("base")
    if file is None or text is None or base is None:
        return None
    # Browsers send a text area's lines with CRLF; profiles are kept with LF.
    text = text.replace("\r\n", "\n")
    question = (post.field("question") or "")[:_MAX_QUESTION_CHARS]
    return EditorDraft(file, text, base, question, aliases=post.field("aliases"))


def _refused(request: Request, session: Session, message: str, status: int) -> Response:
    return render(request, "message.html", session, {"error": message}, status)


# ----------------------------------------------------------------- routes


@router.get("/edit", response_class=HTMLResponse)
def edit_page(request: Request, file: str = "", question: str = "") -> Response:
    """The editor of ``file``; with ``question``, a new FAQ entry asking it, to answer."""
    session = session_of(request)
    if session is None or not session.admin:
        return login_page(request)
    folder, t = folder_of(request), text_of(request)
    if file not in folder.files():
        return _refused(request, session, str(t("error.no_such_file", file=file)), 404)
    source = folder.source(file)
    try:
        names = AliasesFile(folder.path, folder.history).names_of(source.profile_id)
    except KnowledgeError:
        names = ()  # a broken aliases file: the build report says where; saving rewrites it
    draft = EditorDraft(file, source.text, source.sha256, aliases=", ".join(names))
    if question.strip():
        draft = _with_question(draft, question.strip()[:_MAX_QUESTION_CHARS], folder)
    return _editor(request, session, draft)


def _with_question(draft: EditorDraft, question: str, folder: KnowledgeFolder) -> EditorDraft:
    """The draft with ``question`` added to its FAQ, where the profile's FAQ ends."""
    path = folder.path / draft.file
    markdown = not draft.file.endswith(".txt")
    last_faq_line = None
    language = "fr"
    try:
        document = read_document(path)
        language = document.language if document.language in STAFF_LANGUAGES else "fr"
        faq_lines = [line.number for s in document.sections if s.kind == "faq" for line in s.lines]
        last_faq_line = max(faq_lines) if faq_lines else None
    except KnowledgeError:
        pass  # the file as it is cannot be read: the entry goes at the end
    entry = with_faq_entry(draft.text, question, language, markdown, last_faq_line)
    return EditorDraft(
        draft.file, entry.text, draft.base, question, entry.answer_line, draft.aliases
    )


@router.post("/edit", response_class=HTMLResponse)
async def edit_action(request: Request) -> Response:
    """``action=preview``: the chunks and the changes; ``action=publish``: save and build."""
    post = await staff_post(request, _refused)
    if isinstance(post, Response):
        return post
    t = text_of(request)
    draft = _draft_of(post)
    if draft is None:
        return _refused(request, post.session, str(t("error.preview_incomplete")), 422)
    try:
        draft = replace(draft, file=folder_of(request).resolve(draft.file))
    except UploadRefused as refused:
        message = t("error.file_refused", reason=str(refused))
        return _refused(request, post.session, str(message), 422)
    if post.field("action") != "publish":
        return _editor(request, post.session, draft, preview=True)
    try:
        publication = await run_in_threadpool(_publish, request, draft)
    except StaleEdit:
        return _editor(request, post.session, draft, error=str(t("editor.stale")), status=409)
    except KnowledgeError as bad:
        where = f"{bad.path.name}:{bad.line}" if bad.line else bad.path.name
        message = t("editor.bad_file", where=where, reason=bad.reason)
        return _editor(request, post.session, draft, error=str(message), status=422)
    except UploadRefused as refused:
        message = t("error.file_refused", reason=str(refused))
        return _editor(request, post.session, draft, error=str(message), status=422)
    if draft.question:
        _mark_answered(request, draft, publication)
    return redirect_home("saved", file=publication.file)


def _publish(request: Request, draft: EditorDraft) -> Publication:
    # The draft's base is the hash it opened, or "" for a new profile: saved only if the file
    # is still that text, or still absent.
    aliases = draft.alias_list if draft.aliases is not None else None
    return _publisher(request).save(draft.file, draft.text.encode("utf-8"), draft.base, aliases)


def _mark_answered(request: Request, draft: EditorDraft, publication: Publication) -> None:
    report = publication.build.report
    version = report.version if publication.published and report is not None else None
    marks_of(folder_of(request).path).mark(
        draft.question, MarkKind.ANSWERED, draft.profile_id, version
    )


@router.post("/restore", response_class=HTMLResponse)
async def restore_action(request: Request) -> Response:
    """Publish an earlier text of a profile again (the text it replaces is kept)."""
    post = await staff_post(request, _refused)
    if isinstance(post, Response):
        return post
    t = text_of(request)
    file, entry, base = post.field("file"), post.field("entry"), post.field("base")
    if not file or not entry:
        return _refused(request, post.session, str(t("error.preview_incomplete")), 422)
    try:
        publication = await run_in_threadpool(
            _publisher(request).restore, file, entry, base or None
        )
    except StaleEdit:
        return _refused(request, post.session, str(t("editor.stale_restore")), 409)
    except (UnknownVersion, UploadRefused) as error:
        return _refused(request, post.session, str(t("error.file_refused", reason=str(error))), 404)
    except AdvisorError as error:
        return _refused(request, post.session, str(t("error.file_refused", reason=str(error))), 422)
    return redirect_home("restored", file=publication.file)


@router.get("/new", response_class=HTMLResponse)
def new_page(request: Request) -> Response:
    session = session_of(request)
    if session is None or not session.admin:
        return login_page(request)
    return render(request, "new.html", session, {"values": {"language": text_of(request).language}})


@router.post("/new", response_class=HTMLResponse)
async def new_action(request: Request) -> Response:
    """A new profile's template in the editor (nothing is saved until it is published)."""
    post = await staff_post(request, _refused)
    if isinstance(post, Response):
        return post
    t, folder = text_of(request), folder_of(request)
    title = " ".join((post.field("title") or "").split())[:_MAX_TITLE_CHARS]
    language = post.field("language") or ""
    aliases = [a.strip() for a in (post.field("aliases") or "").split(",") if a.strip()]
    values = {"title": title, "language": language, "aliases": post.field("aliases") or ""}
    error = None
    if not title or language not in STAFF_LANGUAGES:
        error = t("new.missing")
    else:
        try:
            file = folder.safe_name(f"{title}.md")
        except UploadRefused:
            error = t("new.bad_title")
        else:
            if folder.file_of(profile_id_of(PurePath(file))) is not None:
                error = t("new.exists", file=file)
    if error is not None:
        return render(request, "new.html", post.session, {"values": values, "error": error}, 422)
    draft = EditorDraft(file, profile_template(title, language, aliases), "")
    return _editor(request, post.session, draft)
