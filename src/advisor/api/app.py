"""The app factory: ``create_app(settings)`` builds the Advisor once, at start-up."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.middleware.body_limit import RequestBodyLimitResponder
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from advisor import __version__
from advisor.advisor import Advisor
from advisor.api import (
    admin,
    admin_editor,
    admin_pages,
    admin_profiles,
    feedback,
    insights,
    pages,
    routes,
    widget,
)
from advisor.api.admin_auth import AdminAuth
from advisor.api.contract import install_contract
from advisor.api.errors import install_error_handlers, too_large_message
from advisor.api.limit_storage import LimitStorage
from advisor.api.login_throttle import LoginThrottle
from advisor.api.ratelimit import RateLimiter, RateLimitMiddleware
from advisor.api.security import ApiCORSMiddleware, SecurityHeadersMiddleware
from advisor.api.services import Services
from advisor.insights import Recorder, open_store
from advisor.serving.reindex import Reindexer
from advisor.serving.runtime import limit_native_threads, limit_request_threads
from advisor.serving.watcher import IndexWatcher
from advisor.settings import Settings

__all__ = ["create_app", "create_app_from_env", "MAX_BODY_BYTES", "WORKER_HEADER", "body_cap"]

MAX_BODY_BYTES = 64 * 1024
_ADMIN_PREFIX = "/admin/"
# Which process answered: replicas and workers are told apart by it (load balancer checks,
# the tests of several workers). A process id says nothing about the data served.
WORKER_HEADER = "X-Advisor-Worker"


def body_cap(settings: Settings) -> Callable[[str], int]:
    """The largest request body a path accepts: staff upload profiles (sent back once more,
    in base64, to be published); everything else is small JSON."""
    upload = 2 * settings.max_upload_bytes + MAX_BODY_BYTES

    def cap(path: str) -> int:
        admin_on = settings.admin_token is not None
        return upload if admin_on and path.startswith(_ADMIN_PREFIX) else MAX_BODY_BYTES

    return cap


class BodyLimitMiddleware:
    """Starlette's body limit (it counts chunked bodies too), with a cap chosen by path."""

    def __init__(self, app: ASGIApp, cap: Callable[[str], int]) -> None:
        self.app = app
        self.cap = cap

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await RequestBodyLimitResponder(self.app, self.cap(scope["path"]))(scope, receive, send)


class WorkerHeaderMiddleware:
    """Names the answering process in :data:`WORKER_HEADER` on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.header = (WORKER_HEADER.lower().encode(), str(os.getpid()).encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_worker(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), self.header]
            await send(message)

        await self.app(scope, receive, send_with_worker)


def create_app_from_env() -> FastAPI:
    """The app of one worker process of ``advisor serve --workers N``: uvicorn imports this
    factory in each worker (``factory=True``), and the settings come from ``ADVISOR_*``
    variables, which the parent exported."""
    settings = Settings()
    # The parent set the thread variables before this process imported numpy; this also
    # covers a worker started by hand (`uvicorn --factory advisor.api.app:create_app_from_env`).
    limit_native_threads(settings.threads)
    return create_app(settings)


def create_app(settings: Settings | None = None, advisor: Advisor | None = None) -> FastAPI:
    """Build the app. Pass ``advisor`` to share one already loaded (tests, several apps)."""
    settings = settings or Settings()
    services = _services(settings, advisor)
    app = FastAPIOffline(
        title="advisor",
        version=__version__,
        description="A career advisor that answers students by quoting career profiles.",
        lifespan=_lifespan(services),
    )
    app.state.services = services
    _add_middleware(app, services)
    _add_routes(app, services)
    install_contract(app, settings)
    return app


def _services(settings: Settings, advisor: Advisor | None) -> Services:
    # One store for every limit of this app: memory, or Redis / Memcached shared by replicas.
    storage = LimitStorage(settings.rate_limit_storage)
    return Services(
        settings=settings,
        templates=Jinja2Templates(directory=str(settings.web_dir / "templates")),
        demo_templates=Jinja2Templates(directory=str(settings.web_dir / "demo")),
        rate_limiter=RateLimiter(settings.rate_limit, settings.rate_limit_per_ip, storage),
        # ADVISOR_LOG=off: no recorder, nothing is ever written.
        recorder=(
            Recorder(open_store(settings.database), settings.log_days) if settings.log else None
        ),
        admin_auth=(
            AdminAuth(settings.admin_token.get_secret_value())
            if settings.admin_token is not None
            else None
        ),
        login_throttle=(
            LoginThrottle(settings.admin_login_limit, storage)
            if settings.admin_token is not None
            else None
        ),
        advisor=advisor,
    )


def _lifespan(services: Services) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Load the advisor (unless given), then follow new index versions and start the log."""
    settings = services.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limit_request_threads(settings.request_threads)
        if services.advisor is None:
            services.advisor = Advisor.from_settings(settings, build_if_missing=False)
        services.reindexer = Reindexer(services.advisor, settings.knowledge_dir, settings.index_dir)
        # Every replica follows the versions published by any other (or by `advisor index`).
        watcher = None
        if settings.reload_seconds > 0:
            watcher = IndexWatcher(services.advisor, settings.reload_seconds)
            watcher.start()
        if services.recorder is not None:
            # Connects, migrates and purges in its own thread: a database that is down never
            # keeps the advisor from starting.
            services.recorder.start()
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop()
            if services.recorder is not None:
                services.recorder.stop()

    return lifespan


def _add_middleware(app: FastAPI, services: Services) -> None:
    settings = services.settings
    cap = body_cap(settings)
    install_error_handlers(app, cap)
    # Counts the bytes of bodies sent without a Content-Length (chunked), which the check below
    # cannot see; its 413 reaches our JSON error handler.
    app.add_middleware(BodyLimitMiddleware, cap=cap)

    @app.middleware("http")
    async def refuse_large_bodies(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Answer before reading a byte when the client announces too much.
        length = request.headers.get("content-length")
        most = cap(request.url.path)
        if length is not None and (not length.isdigit() or int(length) > most):
            return JSONResponse({"error": too_large_message(most)}, status_code=413)
        return await call_next(request)

    # The last added is the outermost: security headers go on every answer, CORS headers on
    # 429s and 413s too (so the widget can read them), and a refused client costs nothing.
    app.add_middleware(RateLimitMiddleware, limiter=services.rate_limiter)
    app.add_middleware(ApiCORSMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeadersMiddleware, allowed_origins=settings.allowed_origins)
    app.add_middleware(WorkerHeaderMiddleware)


def _add_routes(app: FastAPI, services: Services) -> None:
    app.include_router(routes.router)
    app.include_router(feedback.router)
    app.include_router(pages.router)
    app.include_router(widget.router)
    if services.admin_auth is not None:
        # Without a token the admin routes do not exist at all (404, not 401).
        app.include_router(admin.router)
        app.include_router(admin_profiles.router)
        app.include_router(admin_pages.router)
        app.include_router(admin_editor.router)
        app.include_router(insights.pages)
        app.include_router(insights.api)
    static = Path(services.settings.web_dir) / "static"
    static.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
