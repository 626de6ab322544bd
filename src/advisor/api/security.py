"""Security headers on every response, and CORS on the API for the allowed origins only.

``ADVISOR_ALLOWED_ORIGINS`` is the one list of sites that may use the advisor from their pages:
they may frame ``/embed`` (CSP ``frame-ancestors``) and call ``/api/*`` from their own scripts
(CORS). Any other site gets neither.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor.api.ratelimit import SESSION_HEADER

__all__ = ["ApiCORSMiddleware", "SecurityHeadersMiddleware", "content_security_policy"]

_DOCS_PREFIXES = ("/docs", "/redoc", "/static-offline-docs")
_EMBED_PATH = "/embed"


def content_security_policy(path: str, allowed_origins: Sequence[str] = ()) -> str:
    """The CSP of the response to ``path``: no inline script anywhere but the API docs."""
    if path.startswith(_DOCS_PREFIXES):
        # Swagger UI starts itself with an inline script.
        return (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        )
    ancestors = "'none'"
    if path == _EMBED_PATH:
        ancestors = " ".join(("'self'", *allowed_origins))
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; "
        f"form-action 'self'; frame-ancestors {ancestors}"
    )


class SecurityHeadersMiddleware:
    """Adds CSP, ``nosniff``, ``Referrer-Policy`` and framing rules unless a route set its own."""

    def __init__(self, app: ASGIApp, allowed_origins: Sequence[str] = ()) -> None:
        self.app = app
        self.allowed_origins = tuple(allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault(
                    "Content-Security-Policy", content_security_policy(path, self.allowed_origins)
                )
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault(
                    "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
                )
                # Old browsers only know X-Frame-Options; /embed is governed by frame-ancestors.
                if path != _EMBED_PATH:
                    headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ApiCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, on ``/api/`` only, and a refused preflight answered in JSON."""

    def __init__(self, app: ASGIApp, allowed_origins: Sequence[str] = ()) -> None:
        super().__init__(
            app,
            allow_origins=list(allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", SESSION_HEADER],
            allow_credentials=False,  # the advisor uses no cookie
            expose_headers=["Retry-After"],
            max_age=600,
        )
        self.api_app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.api_app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        origin = request_headers.get("origin", "")
        reason = bytes(response.body).decode("latin-1")
        message = (
            f"This site ({origin}) may not call the advisor's API: "
            "its origin is not in ADVISOR_ALLOWED_ORIGINS."
            if "origin" in reason
            else f"The request is not allowed ({reason})."
        )
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        headers.pop("content-type", None)
        return JSONResponse({"error": message}, status_code=403, headers=headers)
