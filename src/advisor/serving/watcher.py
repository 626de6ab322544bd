"""Follow newly published index versions in a running server, without a restart."""

from __future__ import annotations

import logging
import threading

from advisor.advisor import Advisor
from advisor.errors import AdvisorError

__all__ = ["IndexWatcher"]

logger = logging.getLogger("advisor.serving.watcher")


class IndexWatcher:
    """A daemon thread that asks the advisor to serve the published version every few
    seconds. Every process sharing the index folder runs its own, so every replica follows."""

    def __init__(self, advisor: Advisor, interval: float) -> None:
        self.advisor = advisor
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="index-watcher", daemon=True)
        self._failed_version: str | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)

    def check(self) -> bool:
        """Switch to the published version if it changed; never raises (logs instead)."""
        try:
            switched = self.advisor.refresh()
        except (AdvisorError, OSError, ValueError) as error:
            message = str(error)
            if message != self._failed_version:  # say it once, not every few seconds
                logger.warning("not serving the published index: %s", message)
                self._failed_version = message
            return False
        if switched:
            self._failed_version = None
            logger.info("now serving index version %s", self.advisor.index.version)
        return switched

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
