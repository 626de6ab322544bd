"""The index on disk: a manifest, float32 vectors per model (.npy) and chunk metadata."""

from advisor.index.build import build_index
from advisor.index.store import FORMAT_VERSION, LoadedIndex, Manifest, load_index

__all__ = ["FORMAT_VERSION", "LoadedIndex", "Manifest", "build_index", "load_index"]
