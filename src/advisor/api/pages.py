"""The chat page: one view, rendered from ``web/templates/index.html``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from advisor.api.services import advisor_of, recorder_of, settings_of, templates_of

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    """The chat; ``/?profile=ID`` is a page about one job: questions naming none are about it
    (an id the knowledge does not hold is left out)."""
    profiles = advisor_of(request).profiles
    wanted = request.query_params.get("profile", "").strip()
    page_profile = wanted if wanted in {p.profile_id for p in profiles} else ""
    return templates_of(request).TemplateResponse(
        request,
        "index.html",
        {
            "profiles": profiles,
            "page_profile": page_profile,
            "static_url": "/static",
            "api_url": "/api/chat",
            "feedback_url": "/api/feedback" if recorder_of(request) else "",
            "limits": settings_of(request),
        },
    )
