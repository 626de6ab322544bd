"""Shared by every stage: words for matching, languages, the topics' vocabulary, packaged data.

In: raw text (a heading, a passage, a question). Out: folded words and stems
(:mod:`advisor.text.words`), a language code (:mod:`advisor.text.language`), topic names
(:mod:`advisor.text.topics`) and the data files shipped in ``advisor/data/``
(:mod:`advisor.text.packaged`).
"""

__all__: list[str] = []
