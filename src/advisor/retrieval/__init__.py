"""Stage 6, retrieve: a :class:`~advisor.retrieval.fusion.Query` in, ranked
:class:`~advisor.retrieval.fusion.Hit` passages out.

:mod:`.fusion` adds every kind of evidence (each model's similarity, BM25 from
:mod:`.lexical`, the line holding the question's words from :mod:`.line_index`, the topic);
within one profile, :mod:`.ranker` orders the sections by the same evidence with learned
weights."""

__all__: list[str] = []
