"""Wrong staff tokens, counted per IP address: past ``ADVISOR_ADMIN_LOGIN_LIMIT`` the login form
and the admin API answer 429 with ``Retry-After`` before looking at the token, so the token
cannot be guessed by trying. A right token is never counted; every wrong one is logged with the
address, never with what was typed."""

from __future__ import annotations

import logging

from limits import RateLimitItem, parse_many

from advisor.api.limit_storage import LimitStorage

__all__ = ["LoginThrottle"]

logger = logging.getLogger("advisor.admin.login")


class LoginThrottle:
    """Moving-window counts of wrong tokens per IP address, in the rate limits' storage (shared
    by every worker and replica when ``ADVISOR_RATE_LIMIT_STORAGE`` is a shared store)."""

    def __init__(self, rate: str, storage: LimitStorage | None = None) -> None:
        self._items: list[RateLimitItem] = [] if rate == "off" else list(parse_many(rate))
        self._storage = storage or LimitStorage()

    def retry_after(self, ip: str) -> int | None:
        """Seconds ``ip`` must wait before trying a token again; None when it may try now."""
        key = f"login:{ip}"
        for item in self._items:
            if not self._storage.test(item, key):
                return self._storage.retry_after(item, key)
        return None

    def failed(self, ip: str, where: str) -> None:
        """Count (and log) a wrong token sent from ``ip`` to ``where``."""
        logger.warning("wrong staff token from %s (%s)", ip, where)
        for item in self._items:
            self._storage.hit(item, f"login:{ip}")

    @staticmethod
    def message(retry_after: int) -> str:
        return (
            f"Too many wrong tokens from your address: wait {retry_after} seconds, then try again."
        )
