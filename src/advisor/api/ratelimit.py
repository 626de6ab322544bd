"""Per-client rate limits on ``/api/chat``, counted with the ``limits`` library.

A whole classroom shares one school IP, so a *client* is the anonymous session id the chat page
and the widget send (``X-Advisor-Session``, random, kept in the browser's sessionStorage), or the
IP address when there is none. One IP also has its own, higher ceiling, so a machine that
invents a new session id for every question is still held back.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.api.limit_storage import LimitStorage

__all__ = ["SESSION_HEADER", "RateLimiter", "RateLimitMiddleware", "Refusal", "client_ip"]

SESSION_HEADER = "X-Advisor-Session"
# What the pages generate (a UUID or 32 hex digits); anything else counts as no session, so a
# client cannot make keys of any size or shape.
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused and when to come back."""

    retry_after: int
    per_ip: bool


def _parse(rate: str) -> list[RateLimitItem]:
    return [] if rate == "off" else list(parse_many(rate))


def client_ip(request: Request) -> str:
    """The caller's address; an IPv6 address counts for its whole /64, which one machine owns."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


class RateLimiter:
    """Moving-window counters in ``storage``: this process's memory, or a store every worker
    and replica shares (:class:`LimitStorage`)."""

    def __init__(self, per_client: str, per_ip: str, storage: LimitStorage | None = None):
        self._per_client = _parse(per_client)
        self._per_ip = _parse(per_ip)
        self.storage = storage or LimitStorage()

    @property
    def enabled(self) -> bool:
        return bool(self._per_client or self._per_ip)

    def check(self, session: str | None, ip: str) -> Refusal | None:
        """Count one request; None when it may go on."""
        client = f"session:{session}" if session and _SESSION_ID.fullmatch(session) else f"ip:{ip}"
        checks = [(item, client, False) for item in self._per_client]
        checks += [(item, f"ip:{ip}", True) for item in self._per_ip]
        # Test every limit before counting, so a refused request uses up nobody's allowance;
        # then count, each count checked again (with a shared store, another process may have
        # counted in between: the store's count is atomic, so the total never passes the limit).
        for item, key, per_ip in checks:
            if not self.storage.test(item, key):
                return Refusal(self.storage.retry_after(item, key), per_ip)
        for item, key, per_ip in checks:
            if not self.storage.hit(item, key):
                return Refusal(self.storage.retry_after(item, key), per_ip)
        return None


class RateLimitMiddleware:
    """Counts ``POST /api/chat`` before anything else reads the request: a 429 past the limit.

    It runs on the event loop, one request at a time, so no two requests can both pass the
    test before either is counted; and a malformed request counts like any other.
    """

    def __init__(self, app: ASGIApp, limiter: RateLimiter, path: str = "/api/chat") -> None:
        self.app = app
        self.limiter = limiter
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"] != self.path
            or not self.limiter.enabled
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self.limiter.check(request.headers.get(SESSION_HEADER), client_ip(request))
        if refusal is None:
            await self.app(scope, receive, send)
            return
        who = "from your network" if refusal.per_ip else "from you"
        response = JSONResponse(
            {
                "error": f"Too many questions {who} in a short time: wait "
                f"{refusal.retry_after} seconds, then ask again."
            },
            status_code=429,
            headers={"Retry-After": str(refusal.retry_after)},
        )
        await response(scope, receive, send)
