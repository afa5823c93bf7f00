"""Fixtures for the sync tests: a simulator on loopback, its control API, a fake clock."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar
from urllib.parse import parse_qs

import httpx
import pytest
from sqlalchemy import select

from oms_desktop.core.command import PackResult, pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import NoTrackingNumber
from oms_desktop.core.models import CargoCompany, Channel, Package, ShipmentCondition
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.jobs import pull_orders
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


class FakeTime:
    """A UTC clock that only moves when the client sleeps, recording each sleep."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime.now(dt.UTC)
        self.sleeps: list[float] = []

    def clock(self) -> dt.datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += dt.timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


class SimulatorControl:
    """The simulator's control API under /_simulator/, over a synchronous httpx client."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=10.0)

    def close(self) -> None:
        self.http.close()

    def _json(self, response: httpx.Response) -> Any:
        assert response.status_code == 200, f"{response.request.url}: {response.text}"
        return response.json()

    def order(self, number: str) -> dict[str, Any]:
        return dict(self._json(self.http.get(f"/_simulator/orders/{number}")))

    def set_status(self, number: str, status: str, *, items: bool = False) -> None:
        self._json(
            self.http.post(
                f"/_simulator/orders/{number}/status", json={"status": status, "items": items}
            )
        )

    def add_orders(
        self, count: int, *, status: str | None = None, channel: int | None = None
    ) -> list[str]:
        body: dict[str, Any] = {"count": count}
        if status is not None:
            body["status"] = status
        if channel is not None:
            body["channel"] = channel
        return list(self._json(self.http.post("/_simulator/orders", json=body))["numbers"])

    def expire_tokens(self) -> None:
        self._json(self.http.post("/_simulator/tokens/expire"))

    def faults(self, *rules: dict[str, Any]) -> None:
        self._json(self.http.post("/_simulator/faults", json=list(rules)))

    def clear_faults(self) -> None:
        self._json(self.http.delete("/_simulator/faults"))

    def requests(self) -> list[dict[str, Any]]:
        return list(self._json(self.http.get("/_simulator/requests")))

    def clear_requests(self) -> None:
        self._json(self.http.delete("/_simulator/requests"))

    def order_list_queries(self) -> list[dict[str, list[str]]]:
        """Return the parsed query of every GET of the order list, in order."""
        return [
            parse_qs(entry["query"])
            for entry in self.requests()
            if entry["method"] == "GET" and entry["path"].rstrip("/").endswith("/orders")
        ]


@pytest.fixture
def simulator() -> Iterator[SimulatorServer]:
    with SimulatorServer(
        seed=1, user=DEFAULT_USER, password=DEFAULT_PASSWORD, port=0, order_count=20
    ) as server:
        yield server


@pytest.fixture
def control(simulator: SimulatorServer) -> Iterator[SimulatorControl]:
    client = SimulatorControl(simulator.url)
    yield client
    client.close()


@pytest.fixture
def omnitron_settings(simulator: SimulatorServer) -> OmnitronSettings:
    return OmnitronSettings(
        url=simulator.url,
        user=DEFAULT_USER,
        password=DEFAULT_PASSWORD,
        connect_timeout=2.0,
        read_timeout=5.0,
    )


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def make_client(settings: OmnitronSettings, fake_time: FakeTime, **options: Any) -> OmnitronClient:
    """Return a client whose retry waits are recorded by ``fake_time`` instead of slept."""
    options.setdefault("rng", lambda: 1.0)
    return OmnitronClient(settings, sleep=fake_time.sleep, clock=fake_time.clock, **options)


def route_every_order(database: TestDatabase) -> None:
    """Make every channel and cargo company already stored route to OmnitronShipmentClient,
    so any ingested package can be packed."""
    with transaction(database.sessions) as session:
        channels = list(session.scalars(select(Channel)))
        for cargo in session.scalars(select(CargoCompany)):
            condition = ShipmentCondition(
                cargo_company_id=cargo.id,
                klass="ChannelBasedOrdersCondition",
                conf={"klass": "OmnitronShipmentClient"},
            )
            condition.channels = list(channels)
            session.add(condition)


def pull_and_pack(
    settings: OmnitronSettings,
    database: TestDatabase,
    fake_time: FakeTime,
    count: int | None = None,
) -> list[PackResult]:
    """Pull every simulator order, route them all, and pack ``count`` waiting packages
    (all of them when None), oldest first."""

    async def pull() -> None:
        async with make_client(settings, fake_time) as client:
            report = await pull_orders(client, database.sessions, clock=fake_time.clock)
            assert report.errors == []

    run(pull())
    route_every_order(database)
    with transaction(database.sessions) as session:
        numbers = list(
            session.scalars(
                select(Package.number).where(Package.status == "waiting").order_by(Package.id)
            )
        )
    results: list[PackResult] = []
    for number in numbers:
        if count is not None and len(results) >= count:
            break
        try:
            with transaction(database.sessions) as session:
                results.append(pack_code(session, number, station="test-bench", now=fake_time.now))
        except NoTrackingNumber:
            # The simulator leaves a few approved orders without a tracking number.
            continue
    return results
