"""The app factory: ``create_app(settings)`` builds the Advisor once, at start-up."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline

from advisor import __version__
from advisor.advisor import Advisor
from advisor.api import pages, routes
from advisor.api.errors import install_error_handlers
from advisor.settings import Settings

__all__ = ["create_app", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 64 * 1024
_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
# The API docs page (Swagger UI) starts itself with an inline script.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)


def _security_headers(response: Response, path: str) -> None:
    docs = path.startswith(("/docs", "/redoc", "/static-offline-docs"))
    response.headers.setdefault("Content-Security-Policy", _DOCS_CSP if docs else _PAGE_CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")


def create_app(settings: Settings | None = None, advisor: Advisor | None = None) -> FastAPI:
    """Build the app. Pass ``advisor`` to share one already loaded (tests, several apps)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "advisor", None) is None:
            app.state.advisor = Advisor.from_settings(settings, build_if_missing=False)
        yield

    app = FastAPIOffline(
        title="advisor",
        version=__version__,
        description="A career advisor that answers students by quoting career profiles.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.advisor = advisor
    app.state.templates = Jinja2Templates(directory=str(settings.web_dir / "templates"))
    install_error_handlers(app)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            response: Response = JSONResponse(
                {"error": f"The request body is too large (at most {MAX_BODY_BYTES} bytes)."},
                status_code=413,
            )
        else:
            response = await call_next(request)
        _security_headers(response, request.url.path)
        return response

    app.include_router(routes.router)
    app.include_router(pages.router)
    static = Path(settings.web_dir) / "static"
    static.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
