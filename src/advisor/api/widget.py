"""What a school's site loads: ``/widget.js``, the ``/embed`` chat panel, and the ``/demo`` page.

``widget.js`` runs in the school's page and only draws a launcher and an iframe; the chat itself
is ``/embed``, a page of the advisor's own origin, so the school's CSS and CSP never reach it.
Which sites may frame it is decided by ``ADVISOR_ALLOWED_ORIGINS`` (see ``security.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from advisor.api.services import advisor_of, recorder_of, services_of, settings_of, templates_of

__all__ = ["router", "EmbedOptions", "embed_options"]

router = APIRouter(include_in_schema=False)

_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_LANGUAGES = ("fr", "nl", "en")
_MAX_TITLE = 60
# Control characters and bidi overrides would let a title render as something else.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# widget.js changes rarely; an hour of caching keeps the school's pages from asking each time.
_WIDGET_CACHE = "public, max-age=3600"


class EmbedOptions:
    """The snippet's data-* attributes as the panel receives them, each checked or dropped."""

    def __init__(
        self, title: str | None, color: str | None, lang: str | None, profile: str | None
    ) -> None:
        self.title = title
        self.color = color
        self.lang = lang
        self.profile = profile


def embed_options(request: Request) -> EmbedOptions:
    """Lenient on purpose: a typo in a school's snippet must not take the chat down."""
    query = request.query_params
    title = _UNPRINTABLE.sub("", query.get("title", "")).strip()[:_MAX_TITLE] or None
    color = query.get("color", "").strip()
    lang = query.get("lang", "").strip().lower()
    profile = query.get("profile", "").strip()
    known = {p.profile_id for p in advisor_of(request).profiles}
    return EmbedOptions(
        title=title,
        color=color if _COLOR.fullmatch(color) else None,
        lang=lang if lang in _LANGUAGES else None,
        profile=profile if profile in known else None,
    )


def _static(request: Request, name: str) -> Path:
    return Path(settings_of(request).web_dir) / "static" / name


@router.get("/embed", response_class=HTMLResponse)
def embed_page(request: Request) -> HTMLResponse:
    """The chat panel shown inside the widget's iframe."""
    options = embed_options(request)
    return templates_of(request).TemplateResponse(
        request,
        "embed.html",
        {
            "profiles": advisor_of(request).profiles,
            "static_url": "/static",
            "api_url": "/api/chat",
            "feedback_url": "/api/feedback" if recorder_of(request) else "",
            "limits": settings_of(request),
            "options": options,
        },
    )


@router.get("/widget.js")
def widget_script(request: Request) -> FileResponse:
    """The one script a school pastes into its pages."""
    return FileResponse(
        _static(request, "widget.js"),
        media_type="text/javascript; charset=utf-8",
        headers={
            "Cache-Control": _WIDGET_CACHE,
            # Lets pages that require CORP on their subresources (COEP) load it too.
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


@router.get("/demo", response_class=HTMLResponse)
def demo_page(request: Request) -> HTMLResponse:
    """``web/demo/``: a school-like page with the snippet in it, and the snippet to copy."""
    base = str(request.base_url).rstrip("/")
    return services_of(request).demo_templates.TemplateResponse(
        request, "index.html", {"advisor_url": base}
    )


@router.get("/demo/demo.css")
def demo_style(request: Request) -> FileResponse:
    return FileResponse(Path(settings_of(request).web_dir) / "demo" / "demo.css")
