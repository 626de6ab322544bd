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
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.gzip import GZipMiddleware

from advisor import __version__
from advisor.advisor import Advisor
from advisor.api import embed, pages, routes
from advisor.api.errors import install_error_handlers, too_large_message
from advisor.api.ratelimit import RateLimiter, RateLimitMiddleware
from advisor.api.security import ApiCORSMiddleware, SecurityHeadersMiddleware
from advisor.settings import Settings

__all__ = ["create_app", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 64 * 1024


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
    app.state.demo_templates = Jinja2Templates(directory=str(settings.web_dir / "demo"))
    limiter = RateLimiter(settings.rate_limit, settings.rate_limit_per_ip)
    app.state.rate_limiter = limiter
    install_error_handlers(app, MAX_BODY_BYTES)

    # Counts the bytes of bodies sent without a Content-Length (chunked), which the check below
    # cannot see; its 413 reaches our JSON error handler.
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=MAX_BODY_BYTES)

    @app.middleware("http")
    async def refuse_large_bodies(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Answer before reading a byte when the client announces too much.
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return JSONResponse({"error": too_large_message(MAX_BODY_BYTES)}, status_code=413)
        return await call_next(request)

    # The last added is the outermost: security headers go on every answer, CORS headers on
    # 429s and 413s too (so the widget can read them), and a refused client costs nothing.
    app.add_middleware(RateLimitMiddleware, limiter=limiter)
    app.add_middleware(ApiCORSMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeadersMiddleware, allowed_origins=settings.allowed_origins)

    app.include_router(routes.router)
    app.include_router(pages.router)
    app.include_router(embed.router)
    static = Path(settings.web_dir) / "static"
    static.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
