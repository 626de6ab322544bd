"""The question log: what students ask and how they vote, for the staff's to-do list."""

from advisor.insights.database import (
    InsightsStore,
    InsightsUnavailable,
    LoggedAnswer,
    Vote,
    open_store,
)
from advisor.insights.recorder import Recorder, RecorderStatus
from advisor.insights.report import InsightsReport, QuestionGrouper, UnansweredQuestion

__all__ = [
    "InsightsReport",
    "InsightsStore",
    "InsightsUnavailable",
    "LoggedAnswer",
    "QuestionGrouper",
    "Recorder",
    "RecorderStatus",
    "UnansweredQuestion",
    "Vote",
    "open_store",
]
