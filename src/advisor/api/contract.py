"""The API's contract as ``/openapi.json`` states it: every status code a route answers, with the
error body's schema, and the limits the server enforces that come from settings (a message's
length, the history's size), so that a request valid by the schema is one the server accepts.

In: the app's routes and settings. Out: the OpenAPI document, and the shared error responses
the routes declare.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.routing import Match
from starlette.types import Scope

from advisor.api.schemas import ErrorOut
from advisor.settings import Settings

__all__ = ["error_responses", "ADMIN_ERRORS", "BODY_ERRORS", "install_contract", "allowed_methods"]

_DESCRIPTIONS = {
    400: "The body cannot be read (not UTF-8 text, or not a form).",
    401: "No admin token: send `Authorization: Bearer <ADVISOR_ADMIN_TOKEN>`.",
    403: "A wrong admin token (or a missing CSRF token with the session cookie).",
    404: "No such resource.",
    409: "Refused by the state of the server (a build running, nothing to roll back to…).",
    412: "`If-Match` names a text that is no longer the profile's: someone saved since.",
    413: "The body is too large.",
    422: "The request is not valid; `error` says why, for a person.",
    429: "Too many requests from this client: see the `Retry-After` header.",
    503: "A service the route needs is not available now; try again.",
}
# Every route behind the admin token; every route reading a JSON body.
ADMIN_ERRORS = (401, 403, 429)
BODY_ERRORS = (400, 413, 422)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The responses of ``statuses``, each with the error body ``{"error": "..."}``."""
    return {s: {"model": ErrorOut, "description": _DESCRIPTIONS[s]} for s in statuses}


def _chat_limits(schema: dict[str, Any], settings: Settings) -> None:
    """What `/api/chat` refuses, from the settings: an empty or too long message, too long a
    history (the model's types cannot hold values known only at start-up)."""
    request = schema["components"]["schemas"]["ChatRequest"]["properties"]
    message = request["message"]
    message.update(minLength=1, maxLength=settings.max_message_chars, pattern=r"\S")
    history = request["history"]
    history["maxItems"] = settings.max_history
    history["items"].update(maxLength=settings.max_message_chars)


def install_contract(app: FastAPI, settings: Settings) -> None:
    """Have ``app`` serve its OpenAPI document with the limits of ``settings``."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            _chat_limits(schema, settings)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def allowed_methods(app: Any, scope: Scope) -> list[str]:
    """Every method the routes of ``scope``'s path answer (for the ``Allow`` of a 405)."""
    methods: set[str] = set()
    for route in getattr(app, "routes", ()):
        match, _ = route.matches({**scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)
