"""Rate limits counted in a real Redis shared by two apps (two replicas, in-process): a client
gets the limit in total, not per replica; wrong staff tokens are counted across both; a Redis
that is down or stops lets questions through (never a 500), says so once in the log and in
/api/health, and the limits hold again when it is back."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from advisor.api import create_app
from advisor.api.limit_storage import RETRY_SECONDS
from advisor.settings import Settings

TOKEN = "staff-token-for-the-shared-limits"


def _replicas(settings: Settings, advisor: Any, storage: str, count: int = 2, **more: Any):  # type: ignore[no-untyped-def]
    values = {
        "rate_limit": "5/minute",
        "rate_limit_per_ip": "off",
        "rate_limit_storage": storage,
        "admin_token": TOKEN,
        "reload_seconds": 0,
        "log": False,
        **more,
    }
    configured = Settings(
        knowledge_dir=settings.knowledge_dir,
        index_dir=settings.index_dir,
        embedders=settings.embedders,
        **values,
    )
    return [create_app(configured, advisor) for _ in range(count)]


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    with ExitStack() as opened:
        yield opened


def _clients(stack: ExitStack, apps: list[Any]) -> list[TestClient]:
    return [stack.enter_context(TestClient(app, raise_server_exceptions=False)) for app in apps]


def _ask(client: TestClient, session: str) -> int:
    response = client.post(
        "/api/chat", json={"message": "c'est bien payé ?"}, headers={"X-Advisor-Session": session}
    )
    assert response.status_code in (200, 429), response.text
    return response.status_code


def test_the_limit_holds_across_replicas(
    settings: Settings, advisor: Any, redis: Any, stack: ExitStack
) -> None:
    first, second = _clients(stack, _replicas(settings, advisor, redis.url))
    session = uuid.uuid4().hex
    codes = [_ask(client, session) for _ in range(4) for client in (first, second)]
    assert codes.count(200) == 5 and codes[5:] == [429, 429, 429]
    refused = first.post(
        "/api/chat", json={"message": "et les horaires ?"}, headers={"X-Advisor-Session": session}
    )
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    # Another student is not held back.
    assert _ask(second, uuid.uuid4().hex) == 200
    health = first.get("/api/health").json()["rate_limits"]
    assert health == {"storage": "redis", "failing": False, "requests_let_through": 0}


def test_wrong_staff_tokens_are_counted_across_replicas(
    settings: Settings, advisor: Any, redis: Any, stack: ExitStack
) -> None:
    apps = _replicas(settings, advisor, redis.url, admin_login_limit="4/minute")
    first, second = _clients(stack, apps)
    wrong = {"Authorization": "Bearer not-the-token-at-all"}
    codes = [c.get("/admin/status", headers=wrong).status_code for c in (first, second) * 3]
    assert codes == [403, 403, 403, 403, 429, 429]


def test_a_redis_that_is_down_lets_questions_through(
    settings: Settings,
    advisor: Any,
    redis: Any,
    stack: ExitStack,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (client,) = _clients(stack, _replicas(settings, advisor, redis.url, count=1))
    session = uuid.uuid4().hex
    assert [_ask(client, session) for _ in range(3)] == [200, 200, 200]
    redis.stop()
    with caplog.at_level(logging.WARNING, logger="advisor.ratelimit"):
        codes = [_ask(client, session) for _ in range(6)]
    # Over the limit of 5, but the store is down: answered, never refused, never a 500.
    assert codes == [200] * 6
    warnings = [r.getMessage() for r in caplog.records if r.name == "advisor.ratelimit"]
    assert len(warnings) == 1 and "cannot be reached" in warnings[0]
    health = client.get("/api/health").json()["rate_limits"]
    assert health["failing"] is True and health["requests_let_through"] == 6

    redis.start()
    time.sleep(RETRY_SECONDS)  # the store is tried again after that
    fresh = uuid.uuid4().hex
    assert [_ask(client, fresh) for _ in range(6)] == [200] * 5 + [429]
    assert client.get("/api/health").json()["rate_limits"]["failing"] is False


def test_a_store_nobody_listens_on_fails_open_at_once(
    settings: Settings, advisor: Any, stack: ExitStack
) -> None:
    (client,) = _clients(stack, _replicas(settings, advisor, "redis://127.0.0.1:9/0", count=1))
    assert [_ask(client, uuid.uuid4().hex) for _ in range(3)] == [200, 200, 200]
    assert client.get("/api/health").json()["rate_limits"]["requests_let_through"] == 3


@pytest.mark.parametrize("url", ["postgres://x", "redis", "async+redis://localhost", "ftp://x"])
def test_a_store_that_is_none_is_refused_at_start(url: str) -> None:
    with pytest.raises(ValidationError, match="not a rate-limit store"):
        Settings(rate_limit_storage=url)
