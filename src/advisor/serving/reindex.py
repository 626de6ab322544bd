"""The index build a server runs for its staff: in a background thread, one at a time.

The build is the core's :func:`advisor.index.build_index`, with the models the server already
holds; when it publishes, the server serves the new version at once (other replicas follow
within ``ADVISOR_RELOAD_SECONDS``). Its lock also refuses a build while ``advisor index`` runs
in another process: that refusal becomes the build's error, like a bad profile file.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from advisor.advisor import Advisor
from advisor.errors import AdvisorError
from advisor.index import BuildReport, IndexVersions, VersionInfo, build_index, read_index
from advisor.index.store import read_manifest

__all__ = ["BuildState", "Reindexer", "rollback"]

logger = logging.getLogger("advisor.reindex")

State = Literal["idle", "running", "done", "failed"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class BuildState:
    """The last build this server ran (or the one running), for the status page."""

    state: State = "idle"
    reason: str = ""  # what asked for it: "reindex", "upload of x.md", …
    full: bool = False
    started_at: str | None = None
    finished_at: str | None = None
    done: int = 0  # texts embedded so far
    total: int = 0  # texts to embed (0 until the build knows)
    report: BuildReport | None = None
    error: AdvisorError | None = None


class Reindexer:
    """Runs builds of ``knowledge_dir`` into ``index_dir`` for ``advisor``, one at a time."""

    def __init__(self, advisor: Advisor, knowledge_dir: Path, index_dir: Path) -> None:
        self.advisor = advisor
        self.knowledge_dir = knowledge_dir
        self.index_dir = index_dir
        self._lock = threading.Lock()
        self._state = BuildState()
        self._finished = threading.Event()
        self._finished.set()
        self._queued: str | None = None  # what asked for a build while one ran

    def state(self) -> BuildState:
        with self._lock:
            return self._state

    def start(self, full: bool = False, reason: str = "reindex") -> bool:
        """Start a build in the background; False if this server already runs one."""
        with self._lock:
            if self._state.state == "running":
                return False
            self._state = BuildState("running", reason, full, started_at=_now())
            self._finished.clear()
        thread = threading.Thread(target=self._run, args=(full,), name="reindex", daemon=True)
        thread.start()
        return True

    def start_or_queue(self, reason: str) -> bool:
        """Start a build; when one runs, build again as soon as it ends (a profile saved during
        a build is then published by the next one). True when it started now."""
        while True:
            if self.start(reason=reason):
                return True
            with self._lock:
                if self._state.state == "running":
                    self._queued = reason
                    return False

    def wait(self, timeout: float | None = None) -> BuildState:
        """The state once the build finished, or as it is after ``timeout`` seconds."""
        self._finished.wait(timeout)
        return self.state()

    def _progress(self, done: int, total: int) -> None:
        with self._lock:
            self._state = replace(self._state, done=done, total=total)

    def _run(self, full: bool) -> None:
        report: BuildReport | None = None
        error: AdvisorError | None = None
        try:
            report = build_index(
                self.knowledge_dir, self.index_dir, self.advisor.embedders, self._progress, full
            )
            self.advisor.refresh()
        except AdvisorError as refused:
            error = refused
        except Exception as unexpected:  # a bug: keep the server up, say it plainly, log it all
            logger.exception("the index build failed")
            error = AdvisorError(
                f"the build failed unexpectedly ({type(unexpected).__name__}); the published "
                "version stays; see the server's log"
            )
        with self._lock:
            self._state = replace(
                self._state,
                state="failed" if error else "done",
                finished_at=_now(),
                report=report,
                error=error,
            )
            queued, self._queued = self._queued, None
            self._finished.set()
        if queued is not None:
            self.start(reason=queued)


def rollback(index_dir: Path, serve: Callable[[], object] | None = None) -> VersionInfo:
    """Publish the version built before the one published; refused (IndexBusy) while a build
    runs. ``serve``: make this server serve it at once (``Advisor.refresh``); without one
    (``advisor index --rollback``), the version is read in full first. A version that cannot
    be read or served is put back at once."""
    versions = IndexVersions(index_dir)
    with versions.lock():
        serving = versions.published_path()
        previous = versions.rollback()
        try:
            if serve is None:
                built_with = read_manifest(serving).models
                read_index(previous.path, {m.name: m.model_id for m in built_with})
            else:
                serve()
        except AdvisorError as error:
            versions.publish(serving)
            raise AdvisorError(
                f"version {previous.name} cannot be served ({error}); the published version stays"
            ) from None
    return previous
