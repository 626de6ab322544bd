"""Stage 7, judge scope: what the question names and what retrieval found in; a
:class:`~advisor.scope.judge.ScopeVerdict` out (answer, or abstain and why).

:mod:`.judge` weighs the evidence; :mod:`.words` knows the words of questions out of scope."""

__all__: list[str] = []
