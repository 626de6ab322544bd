"""Where the rate limits count: this process's memory, or a store every worker and replica shares
(``ADVISOR_RATE_LIMIT_STORAGE``: a ``limits`` storage URL, ``redis://…`` or ``memcached://…``),
so that a classroom-safe limit holds across all of them.

A store that cannot be reached never takes the advisor down: the request is let through (fail
open), a warning is logged once per outage, the count of such requests is shown in
``/api/health``, and the store is not tried again for a few seconds (a down Redis costs one
connection timeout per :data:`RETRY_SECONDS`, not one per question).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

from limits import RateLimitItem
from limits.errors import ConfigurationError, StorageError
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

__all__ = ["LimitStorage", "StorageHealth", "RETRY_SECONDS", "storage_kind"]

logger = logging.getLogger("advisor.ratelimit")

RETRY_SECONDS = 5.0
# A store on the network answers in a millisecond or two; past this it is taken as down.
_TIMEOUT_SECONDS = 0.25


def storage_kind(url: str) -> str:
    """``redis``, ``memcached`` or ``memory``: the scheme of a storage URL, without variants."""
    scheme = url.split("://", 1)[0].lower()
    return "redis" if scheme.startswith("redis") else scheme.split("+")[0]


def _options(url: str) -> dict[str, float]:
    kind = storage_kind(url)
    if kind == "redis":
        return {"socket_timeout": _TIMEOUT_SECONDS, "socket_connect_timeout": _TIMEOUT_SECONDS}
    if kind == "memcached":
        return {"connect_timeout": _TIMEOUT_SECONDS, "timeout": _TIMEOUT_SECONDS}
    return {}


def open_storage(url: str) -> Storage:
    """The ``limits`` storage of ``url``; ValueError naming what is wrong (checked at start-up,
    connecting only on first use)."""
    try:
        storage = storage_from_string(url, wrap_exceptions=True, **_options(url))
    except ConfigurationError as error:
        raise ValueError(f"{url!r}: {error}") from None
    if not isinstance(storage, Storage):  # an asyncio storage ("async+redis://")
        raise ValueError(f"{url!r}: use a storage without the async+ prefix")
    return storage


@dataclass(frozen=True)
class StorageHealth:
    """For ``/api/health``: where limits count and whether that store answers."""

    storage: str
    failing: bool
    requests_let_through: int  # since start-up, while the store could not be reached


class LimitStorage:
    """Moving-window counters in one storage, failing open."""

    def __init__(self, url: str = "memory://") -> None:
        self.kind = storage_kind(url)
        self._limiter = MovingWindowRateLimiter(open_storage(url))
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._let_through = 0

    def hit(self, item: RateLimitItem, key: str) -> bool:
        """Count one request against ``item`` for ``key``; False when over the limit. True
        (let through, counted in the health) when the store cannot be reached."""
        if self._is_down():
            return self._pass()
        try:
            allowed = self._limiter.hit(item, key)
        except StorageError as error:
            self._went_down(error)
            return self._pass()
        self._back_up()
        return allowed

    def test(self, item: RateLimitItem, key: str) -> bool:
        """True while ``key`` is under ``item``'s limit (nothing counted; True when down)."""
        if self._is_down():
            return True
        try:
            return self._limiter.test(item, key)
        except StorageError as error:
            self._went_down(error)
            return True

    def retry_after(self, item: RateLimitItem, key: str) -> int:
        """Seconds until ``key`` may come back (at least 1)."""
        try:
            reset = self._limiter.get_window_stats(item, key).reset_time
        except StorageError:
            return 1
        return max(1, math.ceil(reset - time.time()))

    def health(self) -> StorageHealth:
        with self._lock:
            return StorageHealth(self.kind, self._down_until > 0, self._let_through)

    def _is_down(self) -> bool:
        with self._lock:
            return time.monotonic() < self._down_until

    def _pass(self) -> bool:
        with self._lock:
            self._let_through += 1
        return True

    def _went_down(self, error: StorageError) -> None:
        with self._lock:
            first = self._down_until == 0
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:  # once per outage, not once per question
            logger.warning(
                "the rate-limit store (%s) cannot be reached: questions are let through "
                "without a limit until it answers again (%s)",
                self.kind,
                error.storage_error,
            )

    def _back_up(self) -> None:
        with self._lock:
            if self._down_until == 0:
                return
            self._down_until = 0.0
        logger.warning("the rate-limit store (%s) answers again: limits hold", self.kind)
