"""Dense text encoders behind one small interface; see :func:`make_embedder`."""

from advisor.embedding.base import Embedder, make_embedder

__all__ = ["Embedder", "make_embedder"]
