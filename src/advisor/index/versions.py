"""Versions of the index: each build goes into its own folder, published by an atomic switch.

Layout of the index folder::

    CURRENT                   the published version's name (replaced atomically)
    versions/<name>/          one complete index each (manifest written last)
    versions/.partial-<name>/ a build under way, or left by a build that was killed
    build.lock                held by the build that runs (flock)

An index written straight into the folder (``manifest.json`` beside ``CURRENT``'s place, by
older versions of the advisor or by tests) is served as it is until the first versioned build.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from advisor.errors import AdvisorError, IndexMissing
from advisor.index.store import MANIFEST, Manifest, read_manifest

__all__ = ["IndexBusy", "IndexVersions", "VersionInfo", "KEEP_VERSIONS"]

KEEP_VERSIONS = 5
_POINTER = "CURRENT"
_VERSIONS = "versions"
_PARTIAL = ".partial-"
_LOCK = "build.lock"


class IndexBusy(AdvisorError):
    """Another build holds the lock of this index folder."""

    def __init__(self, root: Path, holder: str) -> None:
        super().__init__(
            f"another `advisor index` is already building {root} ({holder}); "
            "wait for it to finish, then run it again"
        )


@dataclass(frozen=True)
class VersionInfo:
    """One built version: its name, folder, manifest, and whether it is the one served."""

    name: str
    path: Path
    manifest: Manifest
    published: bool


class IndexVersions:
    """The versions kept in one index folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions_dir = root / _VERSIONS

    def published_path(self) -> Path:
        """The folder of the index being served; :class:`IndexMissing` if there is none."""
        pointer = self.root / _POINTER
        if pointer.is_file():
            name = pointer.read_text(encoding="utf-8").strip()
            path = self.versions_dir / name
            if name and (path / MANIFEST).is_file():
                return path
        if (self.root / MANIFEST).is_file():
            return self.root  # an index written straight into the folder
        raise IndexMissing(self.root)

    def published_name(self) -> str | None:
        pointer = self.root / _POINTER
        return pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else None

    def all(self) -> list[VersionInfo]:
        """Complete versions, oldest first."""
        if not self.versions_dir.is_dir():
            return []
        current = self.published_name()
        found = []
        for path in self.versions_dir.iterdir():
            if path.name.startswith(".") or not (path / MANIFEST).is_file():
                continue
            found.append(VersionInfo(path.name, path, read_manifest(path), path.name == current))
        return sorted(found, key=lambda v: v.name)

    def start(self) -> Path:
        """A fresh folder for a build; it is not a version until :meth:`finish`."""
        # Names sort in build order: the time to the microsecond comes first.
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{stamp}-{secrets.token_hex(3)}"
        path = self.versions_dir / f"{_PARTIAL}{name}"
        path.mkdir(parents=True)
        return path

    def finish(self, partial: Path) -> Path:
        """Turn a complete build folder into a version (an atomic rename)."""
        final = partial.with_name(partial.name.removeprefix(_PARTIAL))
        os.replace(partial, final)
        return final

    def publish(self, version: Path) -> None:
        """Serve ``version`` from now on: one atomic replace of the pointer file."""
        temporary = self.root / f".{_POINTER}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(version.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.root / _POINTER)
        directory = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a power cut
        finally:
            os.close(directory)

    def rollback(self) -> VersionInfo:
        """Publish the version built before the one served."""
        versions = self.all()
        current = next((i for i, v in enumerate(versions) if v.published), None)
        if current is None or current == 0:
            raise AdvisorError(f"no earlier version to roll back to in {self.versions_dir}")
        previous = versions[current - 1]
        self.publish(previous.path)
        return previous

    def prune(self, keep: int = KEEP_VERSIONS) -> list[str]:
        """Delete the oldest versions beyond ``keep``; never the published one."""
        versions = self.all()
        removed = []
        for version in versions[: max(len(versions) - keep, 0)]:
            if not version.published:
                shutil.rmtree(version.path, ignore_errors=True)
                removed.append(version.name)
        return removed

    def clean_partials(self) -> list[str]:
        """Remove what killed builds left behind (call with the lock held)."""
        if not self.versions_dir.is_dir():
            return []
        removed = []
        for path in self.versions_dir.iterdir():
            if path.name.startswith(_PARTIAL):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the build lock; :class:`IndexBusy` if another build has it."""
        self.root.mkdir(parents=True, exist_ok=True)
        # Closing the file releases the lock, and so does the end of a killed process.
        with open(self.root / _LOCK, "a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "unknown process"
                raise IndexBusy(self.root, holder) from None
            handle.seek(0)
            handle.truncate()
            since = datetime.now(UTC).isoformat(timespec="seconds")
            handle.write(f"pid {os.getpid()} since {since}")
            handle.flush()
            yield
