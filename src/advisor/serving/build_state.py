"""The state of the last index build, shared by every replica through the index folder: the
replica that runs a build writes its progress and then its report or error to
``build-state.json``; any replica's staff page and ``/admin/status`` read it, so a build run
elsewhere is shown with its progress and its report.

In: a :class:`BuildState` (the replica's own). Out: its JSON (``build_json``), written
atomically; read back, the newest build anywhere. A "running" build whose replica stopped
writing (killed mid-build) is reported as lost after :data:`LOST_AFTER_SECONDS`.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from advisor.errors import AdvisorError, KnowledgeError
from advisor.index import BuildRefused, BuildReport, IndexBusy

__all__ = [
    "BUILD_STATE_FILE",
    "LOST_AFTER_SECONDS",
    "BuildState",
    "SharedBuildState",
    "build_json",
    "now_iso",
]

BUILD_STATE_FILE = "build-state.json"
# A running build writes at least every few seconds (each batch it embeds, and a heartbeat).
LOST_AFTER_SECONDS = 60.0

State = Literal["idle", "running", "done", "failed"]


def now_iso() -> str:
    """Now, in UTC, ISO 8601 to the second."""
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


def _report_json(report: BuildReport) -> dict[str, Any]:
    return {
        "version": report.version,
        "built_at": report.manifest.built_at,
        "seconds": round(report.seconds, 2),
        "full": report.full,
        "embedded": report.embedded,
        "reused": report.reused,
        "chunk_count": report.manifest.chunk_count,
        "files": [{**asdict(c), "summary": c.describe()} for c in report.files],
        "chunks_per_profile": report.chunks_per_profile,
    }


def _file_error_json(error: KnowledgeError) -> dict[str, Any]:
    return {"file": error.path.name, "line": error.line, "reason": error.reason}


def _error_json(error: AdvisorError) -> dict[str, Any]:
    if isinstance(error, BuildRefused):
        return {
            "kind": "refused",
            "message": str(error),
            "files": [_file_error_json(e) for e in error.errors],
            "changes": [{**asdict(c), "summary": c.describe()} for c in error.changes],
        }
    if isinstance(error, KnowledgeError):
        return {"kind": "refused", "message": str(error), "files": [_file_error_json(error)]}
    kind = "busy" if isinstance(error, IndexBusy) else "failed"
    return {"kind": kind, "message": str(error), "files": []}


def build_json(state: BuildState) -> dict[str, Any]:
    return {
        "state": state.state,
        "reason": state.reason,
        "full": state.full,
        "started_at": state.started_at,
        "finished_at": state.finished_at,
        "progress": {"done": state.done, "total": state.total},
        "report": _report_json(state.report) if state.report else None,
        "error": _error_json(state.error) if state.error else None,
    }


class SharedBuildState:
    """``build-state.json`` in one index folder."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / BUILD_STATE_FILE

    def write(self, build: dict[str, Any]) -> None:
        """Publish this replica's build (atomically: readers see the old state or the new)."""
        record = {**build, "host": socket.gethostname(), "pid": os.getpid(), "written": time.time()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".build-state-", dir=self.path.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        os.replace(temporary, self.path)

    def read(self) -> dict[str, Any] | None:
        """The last build any replica wrote, or None. A running one no longer written to is
        "failed" (its replica stopped)."""
        try:
            record: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        if record.get("state") == "running" and time.time() - record.get("written", 0) > (
            LOST_AFTER_SECONDS
        ):
            record["state"] = "failed"
            record["error"] = {
                "kind": "failed",
                "message": f"the build on {record.get('host')} stopped answering; nothing it "
                "was building was published: rebuild the index",
                "files": [],
            }
        return record
