"""The chat page: one view, rendered from ``web/templates/index.html``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["router"]

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    profiles = request.app.state.advisor.profiles
    return request.app.state.templates.TemplateResponse(
        request,
        "index.html",
        {
            "profiles": profiles,
            "static_url": "/static",
            "api_url": "/api/chat",
            "feedback_url": "/api/feedback" if request.app.state.recorder else "",
        },
    )
