"""The admin API, mounted only when ``ADVISOR_ADMIN_TOKEN`` is set: reindex, status, rollback.

Callers send the token as ``Authorization: Bearer <token>`` (401 without it, 403 when wrong);
the staff page's script uses its session cookie instead, with the session's CSRF token in an
``X-CSRF-Token`` header on anything but a GET. The routes call the core; they decide nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from advisor.advisor import Advisor
from advisor.api.admin_auth import CSRF_HEADER, SESSION_COOKIE, AdminAuth
from advisor.api.contract import ADMIN_ERRORS, error_responses
from advisor.api.ratelimit import client_ip
from advisor.api.services import (
    admin_auth_of,
    advisor_of,
    login_throttle_of,
    reindexer_of,
    settings_of,
)
from advisor.errors import AdvisorError, KnowledgeError
from advisor.index import BuildRefused, IndexBusy, IndexVersions
from advisor.serving.build_state import BuildState, build_json
from advisor.serving.reindex import Reindexer, rollback
from advisor.text.topics import topic_label

__all__ = [
    "router",
    "require_admin",
    "ProfileOverview",
    "SectionOverview",
    "profiles_overview",
    "build_status_code",
    "status_json",
    "REINDEX_WAIT_SECONDS",
]

# A build that is done this soon is answered with its report; a longer one gets a 202.
REINDEX_WAIT_SECONDS = 5.0
_SAFE_METHODS = ("GET", "HEAD")


def require_admin(request: Request) -> None:
    """The Bearer token, or a logged-in session cookie (with its CSRF token on a POST); 429
    for an address that sent too many wrong tokens (:class:`LoginThrottle`)."""
    auth: AdminAuth = admin_auth_of(request)
    header = request.headers.get("authorization")
    if header is not None:
        throttle = login_throttle_of(request)
        wait = throttle.retry_after(client_ip(request))
        if wait is not None:
            raise HTTPException(429, throttle.message(wait), headers={"Retry-After": str(wait)})
        verdict = auth.bearer(header)
        if verdict == "wrong":
            throttle.failed(client_ip(request), request.url.path)
            raise HTTPException(403, "Wrong admin token.")
        if verdict == "ok":
            return
    session = auth.decode(request.cookies.get(SESSION_COOKIE))
    if header is None and session is not None and session.admin:
        if request.method in _SAFE_METHODS or auth.csrf_matches(
            session, request.headers.get(CSRF_HEADER)
        ):
            return
        raise HTTPException(403, f"Missing or wrong CSRF token (the {CSRF_HEADER} header).")
    raise HTTPException(
        401,
        "Send the admin token: `Authorization: Bearer <ADVISOR_ADMIN_TOKEN>`.",
        headers={"WWW-Authenticate": 'Bearer realm="advisor admin"'},
    )


router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=error_responses(*ADMIN_ERRORS),
)
_STILL_BUILDING: dict[int | str, dict[str, Any]] = {
    202: {"description": "Still building: follow it in `/admin/status` (`Location`)."}
}


@dataclass(frozen=True)
class SectionOverview:
    section: str
    topic: str
    topic_label: str
    chunks: int


@dataclass(frozen=True)
class ProfileOverview:
    """A published profile as staff see it: its sections, topics and chunk counts."""

    profile_id: str
    title: str
    language: str
    file: str
    chunks: int
    sections: tuple[SectionOverview, ...]
    topics: dict[str, int]  # topic → chunks


def profiles_overview(advisor: Advisor, language: str = "en") -> list[ProfileOverview]:
    """The profiles of the version being served, in the index's order (topics named in
    ``language``)."""
    index = advisor.index
    overview = []
    for profile in advisor.profiles:
        rows = index.data.columns.rows_of_profiles([profile.profile_id])
        chunks = [index.chunks[int(row)] for row in rows]
        sections: dict[str, list[str]] = {}
        for chunk in chunks:
            sections.setdefault(chunk.section, []).append(chunk.topic)
        overview.append(
            ProfileOverview(
                profile_id=profile.profile_id,
                title=profile.title,
                language=profile.language,
                file=chunks[0].file if chunks else "",
                chunks=len(chunks),
                sections=tuple(
                    SectionOverview(name, topics[0], topic_label(topics[0], language), len(topics))
                    for name, topics in sections.items()
                ),
                topics=dict(Counter(chunk.topic for chunk in chunks).most_common()),
            )
        )
    return overview


def build_status_code(state: BuildState) -> int:
    """200 done, 202 still running, 409 refused by another build, 422 bad content."""
    if state.state == "running":
        return 202
    if state.error is None:
        return 200
    if isinstance(state.error, IndexBusy):
        return 409
    if isinstance(state.error, KnowledgeError | BuildRefused):
        return 422
    return 500


def status_json(request: Request) -> dict[str, Any]:
    advisor: Advisor = advisor_of(request)
    reindexer: Reindexer = reindexer_of(request)
    facts = advisor.facts()
    versions = IndexVersions(settings_of(request).index_dir).all()
    return {
        "version": facts.version,
        "built_at": facts.built_at,
        "chunk_count": facts.chunk_count,
        "models": list(facts.models),
        "profiles": [asdict(p) for p in profiles_overview(advisor)],
        "versions": [
            {
                "name": v.name,
                "built_at": v.manifest.built_at,
                "chunk_count": v.manifest.chunk_count,
                "profiles": len(v.manifest.profiles),
                "published": v.published,
            }
            for v in reversed(versions)
        ],
        "build": reindexer.shared_json(),
    }


def _with_error(state: BuildState) -> dict[str, Any]:
    body: dict[str, Any] = {"build": build_json(state)}
    if state.error is not None:
        body["error"] = str(state.error)
    return body


@router.post("/reindex", responses={**_STILL_BUILDING, **error_responses(409, 422)})
def reindex(request: Request, full: bool = False) -> JSONResponse:
    """Build the knowledge folder into a new version in the background and publish it.

    Answers the report when the build is done within a few seconds, else 202 (follow it in
    ``GET /admin/status``); 409 while another build runs, 422 naming the bad profile files.
    """
    reindexer: Reindexer = reindexer_of(request)
    if not reindexer.start(full=full, reason="reindex"):
        state = reindexer.state()
        return JSONResponse(
            {
                "error": f"A build is already running (since {state.started_at}): "
                "wait for it to finish, then ask again.",
                "build": build_json(state),
            },
            status_code=409,
        )
    state = reindexer.wait(REINDEX_WAIT_SECONDS)
    headers = {"Location": "/admin/status"} if state.state == "running" else None
    return JSONResponse(_with_error(state), status_code=build_status_code(state), headers=headers)


@router.get("/status")
def status(request: Request) -> dict[str, Any]:
    """The published version, its profiles and chunk counts, the versions kept, the last build."""
    return status_json(request)


@router.post("/rollback", responses=error_responses(409))
def rollback_version(request: Request) -> JSONResponse:
    """Publish and serve the version built before the one served (409 while a build runs)."""
    try:
        previous = rollback(settings_of(request).index_dir, advisor_of(request).refresh)
    except AdvisorError as error:
        return JSONResponse({"error": str(error)}, status_code=409)
    return JSONResponse({"version": previous.name, "built_at": previous.manifest.built_at})
