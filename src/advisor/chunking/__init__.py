"""Stage 2, chunk: a :class:`~advisor.documents.Document` in, quotable
:class:`~advisor.chunking.chunker.Chunk` passages out (one or more per section, never across
two; each with its profile, heading path, topic, line and a stable id)."""

__all__: list[str] = []
