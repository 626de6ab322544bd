"""The answer path, as named stages: understand the question → choose the job → plan the
search → retrieve → judge scope → compose (or, to help choose: browse, explore, compare).

In: a :class:`Request` (the message, the earlier messages, the page's job and language) and a
:class:`Snapshot` (one index version) with the packaged :class:`Vocabulary`. Out: an
:class:`~advisor.answering.compose.Answer`. One module per stage, in the order they run:

- ``values``: the plain values between the stages (``Request``, ``Understood``,
  ``SearchPlan``, ``Found``, the ``Snapshot`` and ``Vocabulary`` answered with);
- ``readings``: each text's vectors and likeness to the example messages, computed once;
- ``understand``: the question actually asked, and the answer's language;
- ``profile_words``: which profiles' words a text holds;
- ``job_choice``: the job named, the conversation's, the page's;
- ``choosing_help``: browse, explore, compare;
- ``search``: the search planned, the passages found and the job they are about;
- ``scope_evidence``: what the scope is judged on (the verdict: :mod:`advisor.scope`);
- ``path``: :class:`AnswerPath`, every stage in turn, then the answer composed.
"""

from advisor.answer_path.path import AnswerPath
from advisor.answer_path.understand import reply_language
from advisor.answer_path.values import (
    Found,
    ProfileInfo,
    Request,
    SearchPlan,
    Snapshot,
    Understood,
    Vocabulary,
)

__all__ = [
    "AnswerPath",
    "Found",
    "ProfileInfo",
    "Request",
    "SearchPlan",
    "Snapshot",
    "Understood",
    "Vocabulary",
    "reply_language",
]
