"""Rate limits on /api/chat: the real app and the real Advisor, in process, no mocks.

Clients are told apart the way the server sees them: by the `X-Advisor-Session` header and
by the connection's address (each ASGI transport below is one machine).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest

from advisor.api import create_app

QUESTION = {"message": "C'est bien payé ?"}
T = TypeVar("T")


def run(coroutine: Awaitable[T]) -> T:
    """asyncio.run in a thread of its own: the browser tests' Playwright owns this one's loop."""

    async def main() -> T:
        return await coroutine

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


def _app(settings: Any, advisor: Any, **limits: str) -> Any:
    return create_app(settings.model_copy(update=limits), advisor)


def _machine(app: Any, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://advisor.test")


def _session() -> dict[str, str]:
    return {"X-Advisor-Session": uuid.uuid4().hex}


async def _ask(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    return await client.post("/api/chat", json=QUESTION, headers=headers)


def test_a_burst_from_one_client_meets_429_while_others_are_served(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    app = _app(settings, advisor)  # the defaults: 20/minute a client, 300/minute an IP

    async def scenario() -> tuple[list[httpx.Response], list[httpx.Response]]:
        async with _machine(app, "10.1.1.1") as school, _machine(app, "10.2.2.2") as home:
            noisy = _session()
            classmates = [_session() for _ in range(5)]
            burst = [_ask(school, noisy) for _ in range(200)]
            # Others ask in the middle of the burst: a classmate behind the same school IP, and
            # someone at home.
            others = [_ask(school, c) for c in classmates] + [_ask(home, _session())]
            results = await asyncio.gather(*burst[:100], *others, *burst[100:])
        return list(results[:100]) + list(results[100 + len(others) :]), list(
            results[100 : 100 + len(others)]
        )

    burst, others = run(scenario())
    statuses = [r.status_code for r in burst]
    assert statuses.count(200) == 20
    assert statuses.count(429) == 180
    refused = next(r for r in burst if r.status_code == 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "wait" in refused.json()["error"]
    assert [r.status_code for r in others] == [200] * len(others)
    assert all(r.json()["passages"] for r in others)


def test_thirty_students_behind_one_school_ip_are_all_served(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    app = _app(settings, advisor)

    async def scenario() -> list[int]:
        async with _machine(app, "10.3.3.3") as school:
            students = [_session() for _ in range(30)]
            statuses: list[int] = []
            # Each student asks five questions; they take turns, as a class does in a lesson.
            for _round in range(5):
                answers = await asyncio.gather(*(_ask(school, s) for s in students))
                statuses += [r.status_code for r in answers]
        return statuses

    statuses = run(scenario())
    assert statuses == [200] * 150


def test_one_machine_inventing_session_ids_meets_the_ip_ceiling(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    app = _app(settings, advisor, rate_limit="20/minute", rate_limit_per_ip="30/minute")

    async def scenario() -> tuple[list[httpx.Response], httpx.Response]:
        async with _machine(app, "10.4.4.4") as bot, _machine(app, "10.5.5.5") as other:
            answers = [await _ask(bot, _session()) for _ in range(40)]
            return answers, await _ask(other, _session())

    answers, other = run(scenario())
    statuses = [r.status_code for r in answers]
    assert statuses == [200] * 30 + [429] * 10
    assert "from your network" in answers[-1].json()["error"]
    assert int(answers[-1].headers["Retry-After"]) >= 1
    assert other.status_code == 200


def test_without_a_session_id_the_ip_is_the_client(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    app = _app(settings, advisor, rate_limit="3/minute")

    async def scenario() -> tuple[list[int], list[int], int]:
        async with _machine(app, "10.6.6.6") as old, _machine(app, "10.7.7.7") as other:
            plain = [(await _ask(old, {})).status_code for _ in range(4)]
            # An id that is not one (too short, odd characters) counts as no id.
            bogus = [
                (await _ask(old, {"X-Advisor-Session": bad})).status_code
                for bad in ("x", "a b c d e f g h i j k l")
            ]
            return plain, bogus, (await _ask(other, {})).status_code

    plain, bogus, other = run(scenario())
    assert plain == [200, 200, 200, 429]
    assert bogus == [429, 429]
    assert other == 200


def test_off_disables_the_limits(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    app = _app(settings, advisor, rate_limit="off", rate_limit_per_ip="off")

    async def scenario() -> list[int]:
        async with _machine(app, "10.8.8.8") as client:
            # Small talk: the cheapest real answer, so the test stays quick.
            return [
                (await client.post("/api/chat", json={"message": "Bonjour"})).status_code
                for _ in range(25)
            ]

    assert run(scenario()) == [200] * 25


def test_refused_requests_are_cheap_and_bad_ones_count(settings, advisor) -> None:  # type: ignore[no-untyped-def]
    """The limit is checked before the body is read: a flood of junk is refused too."""
    app = _app(settings, advisor, rate_limit="2/minute")

    async def scenario() -> list[int]:
        async with _machine(app, "10.9.9.9") as client:
            headers = {**_session(), "Content-Type": "application/json"}
            return [
                (await client.post("/api/chat", content=b"{not json", headers=headers)).status_code
                for _ in range(3)
            ]

    assert run(scenario()) == [422, 422, 429]


@pytest.mark.parametrize("rate", ["lots", "20 per fortnight", "/minute"])
def test_a_bad_rate_setting_is_refused_at_start(settings, rate: str) -> None:  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from advisor.settings import Settings

    with pytest.raises(ValidationError, match="not a rate"):
        Settings(knowledge_dir=settings.knowledge_dir, rate_limit=rate)
