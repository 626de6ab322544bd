"""The index build a server runs for its staff: in a background thread, one at a time.

The build is the core's :func:`advisor.index.build_index`, with the models the server already
holds; when it publishes, the server serves the new version at once (other replicas follow
within ``ADVISOR_RELOAD_SECONDS``). Its lock also refuses a build while ``advisor index`` runs
in another process: that refusal becomes the build's error, like a bad profile file.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from advisor.advisor import Advisor
from advisor.errors import AdvisorError
from advisor.index import (
    BuildReport,
    IndexBusy,
    IndexVersions,
    VersionInfo,
    build_index,
    read_index,
)
from advisor.index.store import read_manifest
from advisor.serving.build_state import BuildState, SharedBuildState, build_json, now_iso

__all__ = ["BUSY_WAIT_SECONDS", "BuildState", "Reindexer", "rollback"]

logger = logging.getLogger("advisor.reindex")

# A staff edit saved while another replica builds is published by a build that waits for it.
BUSY_WAIT_SECONDS = 600.0
_BUSY_POLL_SECONDS = 1.0
_SHARE_EVERY_SECONDS = 1.0


class Reindexer:
    """Runs builds of ``knowledge_dir`` into ``index_dir`` for ``advisor``, one at a time, and
    shares their state with every replica (:class:`SharedBuildState`)."""

    def __init__(self, advisor: Advisor, knowledge_dir: Path, index_dir: Path) -> None:
        self.advisor = advisor
        self.knowledge_dir = knowledge_dir
        self.index_dir = index_dir
        self._lock = threading.Lock()
        self._state = BuildState()
        self._finished = threading.Event()
        self._finished.set()
        self._queued: str | None = None  # what asked for a build while one ran
        self._shared = SharedBuildState(index_dir)
        self._written = 0.0  # when this process last wrote the shared state (monotonic)

    def state(self) -> BuildState:
        """The last build this process ran (or the one running)."""
        with self._lock:
            return self._state

    def shared_json(self) -> dict[str, Any]:
        """The last build on any replica sharing the index folder, as JSON (this process's
        own while it runs one)."""
        local = self.state()
        shared = None if local.state == "running" else self._shared.read()
        return shared if shared is not None else build_json(local)

    def start(self, full: bool = False, reason: str = "reindex", patient: bool = False) -> bool:
        """Start a build in the background; False if this server already runs one.
        ``patient``: while another process builds, wait for it (up to
        :data:`BUSY_WAIT_SECONDS`) instead of failing as busy."""
        with self._lock:
            if self._state.state == "running":
                return False
            self._state = BuildState("running", reason, full, started_at=now_iso())
            self._finished.clear()
        self._share(force=True)
        thread = threading.Thread(
            target=self._run, args=(full, patient), name="reindex", daemon=True
        )
        thread.start()
        return True

    def start_or_queue(self, reason: str) -> bool:
        """Start a build that waits for any other; when this process runs one, build again as
        soon as it ends (a profile saved during a build is then published by the next one).
        True when it started now."""
        while True:
            if self.start(reason=reason, patient=True):
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
        self._share()

    def _share(self, force: bool = False) -> None:
        """Write this build's state for the other replicas (at most once a second)."""
        now = time.monotonic()
        if not force and now - self._written < _SHARE_EVERY_SECONDS:
            return
        self._written = now
        try:
            self._shared.write(build_json(self.state()))
        except OSError as error:  # a full disk must not stop the build: only others' view
            logger.warning("cannot share the build's state in %s: %s", self.index_dir, error)

    def _build(self, full: bool, patient: bool) -> BuildReport:
        """Build and serve; a patient build waits while another process holds the lock."""
        deadline = time.monotonic() + BUSY_WAIT_SECONDS
        while True:
            try:
                report = build_index(
                    self.knowledge_dir, self.index_dir, self.advisor.embedders, self._progress, full
                )
                break
            except IndexBusy:
                if not patient or time.monotonic() > deadline:
                    raise
                time.sleep(_BUSY_POLL_SECONDS)
        self.advisor.refresh()
        return report

    def _run(self, full: bool, patient: bool) -> None:
        report: BuildReport | None = None
        error: AdvisorError | None = None
        try:
            report = self._build(full, patient)
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
                finished_at=now_iso(),
                report=report,
                error=error,
            )
            queued, self._queued = self._queued, None
        self._share(force=True)
        self._finished.set()
        if queued is not None:
            self.start(reason=queued, patient=True)


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
