"""The JSON admin API for content tools: list the profiles, read one's source and hash, create or
replace it (``If-Match`` of the hash: 412 when someone saved in between), delete it, read and
restore its earlier texts. Same token as the rest of the admin API.

A write checks the file (422 naming the line), saves it, and publishes it: the answer carries
the build's report when it is done within a few seconds, else 202 (follow it in
``/admin/status``). The work is the core's: :class:`KnowledgeFolder` and :class:`Publisher`.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import PurePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from advisor.api.admin import REINDEX_WAIT_SECONDS, require_admin
from advisor.api.contract import ADMIN_ERRORS, BODY_ERRORS, error_responses
from advisor.api.schemas import PROFILE_ID_MAX_CHARS, StrictText
from advisor.api.services import advisor_of, reindexer_of, settings_of
from advisor.documents.history import UnknownVersion
from advisor.documents.loader import profile_id_of
from advisor.documents.uploads import KnowledgeFolder, ProfileSource, StaleEdit, UploadRefused
from advisor.errors import KnowledgeError
from advisor.serving.build_state import build_json
from advisor.serving.publishing import Publication, Publisher

__all__ = ["router", "ProfileText", "RestoreRequest", "etag_of"]

router = APIRouter(
    prefix="/admin/api/profiles",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=error_responses(*ADMIN_ERRORS),
)
# What a write answers besides 200: created, still building, and its refusals.
_WRITTEN: dict[int | str, dict[str, Any]] = {
    201: {"description": "Created and published."},
    202: {"description": "Saved; its build runs or waits for another (`/admin/status`)."},
    **error_responses(404, 409, 412),
}
_ENTRY = r"^\d{8}T\d{12}Z-[0-9a-f]{8}\.(md|markdown|txt|yaml)$"

Id = Annotated[
    str,
    Path(
        max_length=PROFILE_ID_MAX_CHARS,
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="The profile id: its file's name without extension.",
    ),
]
Entry = Annotated[
    str, Path(pattern=_ENTRY, description="An entry of the profile's history (`history`).")
]
IfMatch = Annotated[
    str | None,
    Header(
        description="The `sha256` (or `ETag`) the text was read with: 412 if it changed since; "
        "`*`: only if the profile exists.",
    ),
]


class ProfileText(BaseModel):
    """A profile's whole new text."""

    model_config = ConfigDict(extra="forbid")

    text: StrictText = Field(min_length=1, description="The profile file's text (UTF-8).")
    format: Literal["md", "txt"] = Field(
        "md", description="For a new profile: Markdown (`md`) or scraped text (`txt`)."
    )


class RestoreRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entry: StrictText = Field(
        pattern=_ENTRY, description="An entry of the profile's history (from its `history`)."
    )


def etag_of(source: ProfileSource) -> str:
    return f'"{source.sha256}"'


def _expected(if_match: str | None, folder: KnowledgeFolder, file: str | None) -> str | None:
    """The hash the client started from (``W/"…"``, ``"…"`` or bare), None for no condition."""
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    if value == "*":
        if file is None:
            raise HTTPException(412, "If-Match: * but the profile does not exist.")
        return folder.source(file).sha256
    return value


def _folder(request: Request) -> KnowledgeFolder:
    settings = settings_of(request)
    return KnowledgeFolder(settings.knowledge_dir, settings.max_upload_bytes)


def _publisher(request: Request) -> Publisher:
    return Publisher(_folder(request), reindexer_of(request), REINDEX_WAIT_SECONDS)


def _file(folder: KnowledgeFolder, profile_id: str) -> str:
    file = folder.file_of(profile_id)
    if file is None:
        raise HTTPException(404, f"No profile {profile_id!r} in the knowledge folder.")
    return file


def _published_hashes(request: Request) -> dict[str, str]:
    return dict(advisor_of(request).index.manifest.sources)


def _source_json(source: ProfileSource, published: dict[str, str]) -> dict[str, Any]:
    return {
        "id": source.profile_id,
        "file": source.file,
        "sha256": source.sha256,
        "bytes": len(source.content),
        "published": published.get(source.file) == source.sha256,
    }


def _publication_response(publication: Publication, published: dict[str, str]) -> JSONResponse:
    """200 (201 created) when published, 202 while its build runs or waits for another."""
    build = publication.build
    body: dict[str, Any] = {
        "profile": _source_json(publication.source, published) if publication.source else None,
        "file": publication.file,
        "published": publication.published,
        "queued": publication.queued,
        "build": build_json(build),
    }
    if body["profile"] is not None:
        body["profile"]["published"] = publication.published
    headers = {"ETag": etag_of(publication.source)} if publication.source else {}
    if publication.queued or build.state == "running":
        return JSONResponse(body, 202, headers={**headers, "Location": "/admin/status"})
    if build.error is not None:
        body["error"] = f"Saved, but the index build failed: {build.error}"
        return JSONResponse(body, 409, headers=headers)
    return JSONResponse(body, 201 if publication.created else 200, headers=headers)


def _refusal(error: Exception) -> JSONResponse:
    """412 stale, 422 with file and line for a bad file, 404 for an unknown earlier text."""
    if isinstance(error, StaleEdit):
        return JSONResponse({"error": str(error), "sha256": error.current}, 412)
    if isinstance(error, KnowledgeError):
        where = {"file": error.path.name, "line": error.line}
        return JSONResponse({"error": str(error), **where}, 422)
    status = 404 if isinstance(error, UnknownVersion) else 422
    return JSONResponse({"error": str(error)}, status)


@router.get("")
def list_profiles(request: Request) -> list[dict[str, Any]]:
    """Every profile file of the knowledge folder: id, file, hash, size, whether it is served."""
    folder, published = _folder(request), _published_hashes(request)
    return [_source_json(folder.source(file), published) for file in folder.files()]


@router.get("/{profile_id}", responses=error_responses(404))
def read_profile(request: Request, profile_id: Id) -> JSONResponse:
    """A profile's source text, its hash (also the `ETag`) and its earlier texts."""
    folder = _folder(request)
    source = folder.source(_file(folder, profile_id))
    body = {
        **_source_json(source, _published_hashes(request)),
        "text": source.text,
        "history": [asdict(entry) for entry in folder.history.entries(source.file)],
    }
    return JSONResponse(body, headers={"ETag": etag_of(source)})


@router.put("/{profile_id}", responses={**_WRITTEN, **error_responses(*BODY_ERRORS)})
def write_profile(
    request: Request, profile_id: Id, body: ProfileText, if_match: IfMatch = None
) -> JSONResponse:
    """Create or replace a profile, then publish it (412 on a stale `If-Match`, 422 on a bad
    file naming its line)."""
    folder = _folder(request)
    file = folder.file_of(profile_id)
    content = body.text.encode("utf-8")
    if len(content) > folder.max_bytes:
        raise HTTPException(413, f"A profile may have {folder.max_bytes:,} bytes.")
    try:
        expected = _expected(if_match, folder, file)
        publication = _publisher(request).save(
            file or f"{profile_id}.{body.format}", content, expected
        )
    except (StaleEdit, KnowledgeError) as error:
        return _refusal(error)
    return _publication_response(publication, _published_hashes(request))


@router.delete("/{profile_id}", responses=_WRITTEN)
def delete_profile(request: Request, profile_id: Id, if_match: IfMatch = None) -> JSONResponse:
    """Delete a profile (its text stays in its history) and publish the folder without it."""
    folder = _folder(request)
    file = _file(folder, profile_id)
    try:
        publication = _publisher(request).delete(file, _expected(if_match, folder, file))
    except (StaleEdit, UploadRefused) as error:
        return _refusal(error)
    return _publication_response(publication, _published_hashes(request))


@router.get("/{profile_id}/history/{entry}", responses=error_responses(404))
def read_earlier_text(request: Request, profile_id: Id, entry: Entry) -> dict[str, Any]:
    """An earlier text of a profile (a deleted profile's too)."""
    folder = _folder(request)
    file = folder.file_of(profile_id) or _deleted_file(folder, profile_id)
    try:
        content = folder.history.read(file, entry)
    except UnknownVersion as error:
        raise HTTPException(404, str(error)) from None
    return {"id": profile_id, "file": file, "entry": entry, "text": content.decode("utf-8")}


@router.post("/{profile_id}/restore", responses={**_WRITTEN, **error_responses(*BODY_ERRORS)})
def restore_profile(
    request: Request, profile_id: Id, body: RestoreRequest, if_match: IfMatch = None
) -> JSONResponse:
    """Publish an earlier text of a profile again (the text it replaces is kept)."""
    folder = _folder(request)
    file = folder.file_of(profile_id) or _deleted_file(folder, profile_id)
    try:
        publication = _publisher(request).restore(
            file, body.entry, _expected(if_match, folder, folder.file_of(profile_id))
        )
    except (StaleEdit, KnowledgeError, UnknownVersion) as error:
        return _refusal(error)
    return _publication_response(publication, _published_hashes(request))


def _deleted_file(folder: KnowledgeFolder, profile_id: str) -> str:
    """The file a deleted profile had, found in the history."""
    for file in folder.history.files():
        if profile_id_of(PurePath(file)) == profile_id:
            return file
    raise HTTPException(404, f"No profile {profile_id!r}, now or in the history.")
