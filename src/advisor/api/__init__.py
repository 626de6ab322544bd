"""The HTTP layer: a thin FastAPI app over :class:`advisor.advisor.Advisor`."""

from advisor.api.app import create_app

__all__ = ["create_app"]
