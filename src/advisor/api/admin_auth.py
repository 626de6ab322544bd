"""Who may use the admin routes: the staff token sent as ``Authorization: Bearer`` (API), or a
signed session cookie set by the login form (staff page), with a CSRF token per session.

The cookie never holds the token: it holds whether the session is logged in, when it expires
and its CSRF token, signed with HMAC-SHA256. The signing key is derived from the token (slowly,
with PBKDF2), so every replica given the same token accepts the same sessions, a new token ends
every session, and a stolen cookie is no cheap way to guess the token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Literal

from starlette.responses import Response

__all__ = [
    "AdminAuth",
    "Session",
    "SESSION_COOKIE",
    "SESSION_PATH",
    "SESSION_SECONDS",
    "CSRF_FIELD",
    "CSRF_HEADER",
]

SESSION_COOKIE = "advisor_admin"
SESSION_PATH = "/admin"
SESSION_SECONDS = 8 * 3600  # a working day; then staff log in again
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_KDF_SALT = b"advisor admin session v1"
_KDF_ROUNDS = 200_000


@dataclass(frozen=True)
class Session:
    """A browser's session: logged in or not (the login form needs a CSRF token too)."""

    admin: bool
    expires: int
    csrf: str


def _digest(text: str) -> bytes:
    # Comparing digests of equal length: the comparison tells nothing about the token's length.
    return hashlib.sha256(text.encode("utf-8")).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class AdminAuth:
    """Checks the staff token and signs, reads and sets session cookies."""

    def __init__(self, token: str) -> None:
        self._token = _digest(token)
        self._key = hashlib.pbkdf2_hmac("sha256", token.encode("utf-8"), _KDF_SALT, _KDF_ROUNDS)

    def token_matches(self, given: str) -> bool:
        return hmac.compare_digest(_digest(given), self._token)

    def bearer(self, authorization: str | None) -> Literal["ok", "missing", "wrong"]:
        """The verdict on an ``Authorization`` header."""
        scheme, _, value = (authorization or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return "missing"
        return "ok" if self.token_matches(value.strip()) else "wrong"

    def new_session(self, admin: bool, now: float | None = None) -> Session:
        """A fresh session with its own CSRF token (a login gets a new one: no fixation)."""
        expires = int((time.time() if now is None else now) + SESSION_SECONDS)
        return Session(admin=admin, expires=expires, csrf=secrets.token_urlsafe(24))

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def encode(self, session: Session) -> str:
        payload = f"{int(session.admin)}.{session.expires}.{session.csrf}"
        return f"{payload}.{self._mac(payload)}"

    def decode(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session in a cookie, or None if it is missing, forged or expired."""
        if not cookie or not cookie.isascii() or cookie.count(".") != 3:
            return None
        payload, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(mac.encode("ascii"), self._mac(payload).encode("ascii")):
            return None
        admin, expires, csrf = payload.split(".")
        if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
            return None
        return Session(admin=admin == "1", expires=int(expires), csrf=csrf)

    @staticmethod
    def csrf_matches(session: Session, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(
            session.csrf.encode("ascii"), str(given).encode("utf-8", "replace")
        )

    def set_cookie(self, response: Response, session: Session, secure: bool) -> None:
        """``HttpOnly`` (no script reads it), ``SameSite=Strict`` (no other site sends it),
        ``Secure`` when the page is served over HTTPS."""
        response.set_cookie(
            SESSION_COOKIE,
            self.encode(session),
            max_age=max(0, session.expires - int(time.time())),
            path=SESSION_PATH,
            httponly=True,
            secure=secure,
            samesite="strict",
        )

    @staticmethod
    def clear_cookie(response: Response, secure: bool) -> None:
        response.delete_cookie(
            SESSION_COOKIE, path=SESSION_PATH, httponly=True, secure=secure, samesite="strict"
        )
