"""The chat page: one view, rendered from ``web/templates/index.html``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    """The chat; ``/?profile=ID`` is a page about one job: questions naming none are about it
    (an id the knowledge does not hold is left out)."""
    profiles = request.app.state.advisor.profiles
    wanted = request.query_params.get("profile", "").strip()
    page_profile = wanted if wanted in {p.profile_id for p in profiles} else ""
    return request.app.state.templates.TemplateResponse(
        request,
        "index.html",
        {
            "profiles": profiles,
            "page_profile": page_profile,
            "static_url": "/static",
            "api_url": "/api/chat",
            "feedback_url": "/api/feedback" if request.app.state.recorder else "",
        },
    )
