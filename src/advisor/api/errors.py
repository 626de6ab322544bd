"""Every error answers JSON a person understands; never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisor.api.contract import allowed_methods

__all__ = ["install_error_handlers", "describe_validation_error", "too_large_message"]

logger = logging.getLogger("advisor.api")


def describe_validation_error(errors: list[dict[str, Any]]) -> str:
    """One sentence for the first problem: "history: must be a list of strings"."""
    if not errors:
        return "The request is not valid."
    error = errors[0]
    kind = error.get("type", "")
    location = [str(part) for part in error.get("loc", ()) if part != "body"]
    field = ".".join(location) or "body"
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "missing":
        return f"`{field}` is required."
    if field == "body" or kind in ("model_attributes_type", "dict_type"):
        return 'The request body must be a JSON object such as {"message": "..."}.'
    if kind == "string_type":
        return f"`{field}` must be a string."
    if kind == "list_type":
        return f"`{field}` must be a list of strings."
    if kind == "literal_error":
        return f'`{field}` must be one of "fr", "nl", "en" or null.'
    if kind == "value_error":  # our own validators' words, without pydantic's prefix
        return f"`{field}` {str(error.get('msg', '')).removeprefix('Value error, ')}."
    return f"`{field}`: {error.get('msg', 'invalid value')}."


def too_large_message(max_bytes: int) -> str:
    return f"The request body is too large (at most {max_bytes} bytes)."


def install_error_handlers(app: FastAPI, body_cap: Callable[[str], int]) -> None:
    """JSON errors; ``body_cap(path)`` is the largest body ``path`` accepts (for 413s)."""

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"error": describe_validation_error(list(error.errors()))}, status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "Request refused."
        headers = dict(getattr(error, "headers", None) or {})
        if error.status_code == 404 and message == "Not Found":  # the router's, not ours
            message = "Not found."
        elif error.status_code == 405:
            message = "Method not allowed."
            # Every method of the path, not only those of the route that happened to match.
            headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
        elif error.status_code == 413:
            message = too_large_message(body_cap(request.url.path))
        elif error.status_code == 400 and message == "There was an error parsing the body":
            message = "The request body cannot be read: send JSON as UTF-8 text."
        return JSONResponse({"error": message}, status_code=error.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error", exc_info=error)
        return JSONResponse(
            {"error": "Something went wrong on our side. Please try again."}, status_code=500
        )
