"""The index on disk: versions of a manifest, float32 vectors per model (.npy), chunks, and
each profile's centroid (:mod:`.centroids`, for the job nearest another)."""

from advisor.index.build import BuildRefused, BuildReport, FileChanges, build_index
from advisor.index.store import FORMAT_VERSION, LoadedIndex, Manifest, load_index, read_index
from advisor.index.versions import IndexBusy, IndexVersions, VersionInfo

__all__ = [
    "FORMAT_VERSION",
    "BuildRefused",
    "BuildReport",
    "FileChanges",
    "IndexBusy",
    "IndexVersions",
    "LoadedIndex",
    "Manifest",
    "VersionInfo",
    "build_index",
    "load_index",
    "read_index",
]
