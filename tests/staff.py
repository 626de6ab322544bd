"""What the staff tests share: the settings of a staff server on a lexical index (no models:
these tests are about the web layer over the real core), and logging in through the form."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from advisor.settings import Settings

__all__ = ["staff_settings", "csrf_of", "log_in"]

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def staff_settings(knowledge: Path, index: Path, token: str, **overrides: Any) -> Settings:
    """The staff routes on, BM25 only, no reload, no rate limit (every test client is one IP)."""
    values: dict[str, Any] = {
        "knowledge_dir": knowledge,
        "index_dir": index,
        "embedders": (),
        "admin_token": token,
        "reload_seconds": 0,
        "rate_limit": "off",
        "rate_limit_per_ip": "off",
    }
    return Settings(**{**values, **overrides})


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def log_in(client: TestClient, token: str) -> str:
    """Log in through the form; the CSRF token of the logged-in session."""
    form = client.get("/admin")
    response = client.post(
        "/admin/login", data={"csrf_token": csrf_of(form.text), "token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    return csrf_of(client.get("/admin").text)
