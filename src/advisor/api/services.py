"""The services the routes use, typed: one :class:`Services` per app (``app.state.services``),
read through the accessors below, which routes call or declare with ``Depends``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar, cast

from fastapi import Depends, HTTPException, Request
from fastapi.templating import Jinja2Templates

from advisor.advisor import Advisor
from advisor.api.admin_auth import AdminAuth
from advisor.api.login_throttle import LoginThrottle
from advisor.api.ratelimit import RateLimiter
from advisor.insights import Recorder
from advisor.insights.report import QuestionGrouper
from advisor.serving.reindex import Reindexer
from advisor.settings import Settings

__all__ = [
    "Services",
    "AdvisorDep",
    "RecorderDep",
    "services_of",
    "advisor_of",
    "settings_of",
    "recorder_of",
    "reindexer_of",
    "templates_of",
    "admin_auth_of",
    "login_throttle_of",
    "grouper_of",
]

T = TypeVar("T")


@dataclass
class Services:
    """What one app serves with. ``advisor`` and ``reindexer`` are set when the app starts
    (the models load then, not when the app is made); ``recorder`` is None with
    ``ADVISOR_LOG=off``, ``admin_auth`` None without an admin token."""

    settings: Settings
    templates: Jinja2Templates  # the chat, widget and staff pages
    demo_templates: Jinja2Templates  # the demo page of the widget
    rate_limiter: RateLimiter
    recorder: Recorder | None = None
    admin_auth: AdminAuth | None = None
    login_throttle: LoginThrottle | None = None
    advisor: Advisor | None = None
    reindexer: Reindexer | None = None
    question_grouper: QuestionGrouper | None = None


def services_of(request: Request) -> Services:
    return cast(Services, request.app.state.services)


def _started(service: T | None) -> T:
    if service is None:  # only before the app has started
        raise HTTPException(503, "The advisor is starting: try again in a few seconds.")
    return service


def advisor_of(request: Request) -> Advisor:
    return _started(services_of(request).advisor)


def settings_of(request: Request) -> Settings:
    return services_of(request).settings


def recorder_of(request: Request) -> Recorder | None:
    return services_of(request).recorder


def reindexer_of(request: Request) -> Reindexer:
    return _started(services_of(request).reindexer)


def templates_of(request: Request) -> Jinja2Templates:
    return services_of(request).templates


def admin_auth_of(request: Request) -> AdminAuth:
    auth = services_of(request).admin_auth
    if auth is None:  # the admin routes exist only with a token
        raise HTTPException(404, "Not Found")
    return auth


def login_throttle_of(request: Request) -> LoginThrottle:
    throttle = services_of(request).login_throttle
    if throttle is None:  # the admin routes exist only with a token
        raise HTTPException(404, "Not Found")
    return throttle


def grouper_of(request: Request) -> QuestionGrouper:
    """One per app, built on first use from the models the advisor already holds."""
    services = services_of(request)
    if services.question_grouper is None:
        services.question_grouper = QuestionGrouper(advisor_of(request).embedders)
    return services.question_grouper


# For a route's signature: ``def chat(body: ChatRequest, advisor: AdvisorDep) -> …``.
AdvisorDep = Annotated[Advisor, Depends(advisor_of)]
RecorderDep = Annotated[Recorder | None, Depends(recorder_of)]
