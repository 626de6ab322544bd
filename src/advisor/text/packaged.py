"""The data files that ship inside the package (``advisor/data/``): word lists, topics,
example questions. Read as UTF-8 text, wherever the package is installed."""

from __future__ import annotations

from importlib import resources

__all__ = ["packaged_text"]


def packaged_text(name: str) -> str:
    """The text of ``advisor/data/<name>``."""
    return resources.files("advisor").joinpath("data", name).read_text(encoding="utf-8")
