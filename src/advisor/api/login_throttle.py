"""Wrong staff tokens, counted per IP address: past ``ADVISOR_ADMIN_LOGIN_LIMIT`` the login form
and the admin API answer 429 with ``Retry-After`` before looking at the token, so the token
cannot be guessed by trying. A right token is never counted; every wrong one is logged with the
address, never with what was typed."""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

__all__ = ["LoginThrottle"]

logger = logging.getLogger("advisor.admin.login")


class LoginThrottle:
    """Moving-window counts of wrong tokens per IP address, in this process's memory."""

    def __init__(self, rate: str) -> None:
        self._items: list[RateLimitItem] = [] if rate == "off" else list(parse_many(rate))
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def retry_after(self, ip: str) -> int | None:
        """Seconds ``ip`` must wait before trying a token again; None when it may try now."""
        for item in self._items:
            if not self._limiter.test(item, ip):
                reset = self._limiter.get_window_stats(item, ip).reset_time
                return max(1, math.ceil(reset - time.time()))
        return None

    def failed(self, ip: str, where: str) -> None:
        """Count (and log) a wrong token sent from ``ip`` to ``where``."""
        logger.warning("wrong staff token from %s (%s)", ip, where)
        for item in self._items:
            self._limiter.hit(item, ip)

    @staticmethod
    def message(retry_after: int) -> str:
        return (
            f"Too many wrong tokens from your address: wait {retry_after} seconds, then try again."
        )
