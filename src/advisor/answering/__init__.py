"""Stage 8, compose: the passages chosen in, the :class:`~advisor.answering.compose.Answer`
a student reads out (a lead sentence quoted verbatim and the passages; or an abstention, a
question back, a friendly word)."""

__all__: list[str] = []
