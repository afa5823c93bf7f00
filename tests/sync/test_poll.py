"""poll_shipments: Omnitron order statuses move shipments and packages, in few requests."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import Package, Shipment
from oms_desktop.core.settings import (
    AUTO_RUN_SHIP,
    STATUS_POLL_BATCH_SIZE,
    STATUS_POLL_CONCURRENCY,
    set_setting,
)
from oms_desktop.sync.jobs import PollReport, poll_shipments
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase
from tests.sync.conftest import FakeTime, SimulatorControl, make_client, pull_and_pack, run


def poll(
    settings: OmnitronSettings, database: TestDatabase, fake_time: FakeTime, **options: Any
) -> PollReport:
    async def scenario() -> PollReport:
        async with make_client(settings, fake_time, **options) as client:
            return await poll_shipments(client, database.sessions, clock=fake_time.clock)

    return run(scenario())


def package_state(database: TestDatabase, package_id: int) -> tuple[str, int, str | None]:
    with transaction(database.sessions) as session:
        package = session.get(Package, package_id)
        assert package is not None
        shipment = session.scalar(select(Shipment).where(Shipment.package_id == package_id))
        assert shipment is not None
        return package.status, package.status_code, shipment.status


def status_requests(control: SimulatorControl) -> list[dict[str, list[str]]]:
    return [query for query in control.order_list_queries() if "id__in" in query]


def configure(database: TestDatabase, **values: Any) -> None:
    with transaction(database.sessions) as session:
        for key, value in values.items():
            set_setting(session, key, value)


@pytest.mark.parametrize(
    ("omnitron_status", "package_status", "code", "shipment_status"),
    [
        ("500", "shipped", 700, "shipped"),
        ("540", "attempted_delivery", 720, "attempted_delivery"),
        ("550", "delivered", 800, "delivered"),
        ("450", "packed", 500, None),
        ("600", "packed", 500, None),
    ],
)
def test_status_maps_to_shipment_and_package(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
    omnitron_status: str,
    package_status: str,
    code: int,
    shipment_status: str | None,
) -> None:
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=2)
    target, other = packed
    control.set_status(target.order_number, omnitron_status)

    report = poll(omnitron_settings, database, fake_time)

    assert package_state(database, target.package_id) == (package_status, code, shipment_status)
    assert package_state(database, other.package_id) == ("packed", 500, None)
    expected_changed = [] if shipment_status is None else [target.package_id]
    assert report.changed_package_ids == expected_changed
    assert report.open_shipments == 2
    assert report.errors == []
    with transaction(database.sessions) as session:
        shipment = session.scalar(select(Shipment).where(Shipment.package_id == target.package_id))
        assert shipment is not None
        assert shipment.status_checked_at == fake_time.now


def test_shipment_moves_through_to_delivered(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    (packed,) = pull_and_pack(omnitron_settings, database, fake_time, count=1)

    for omnitron_status, expected in [
        ("500", "shipped"),
        ("540", "attempted_delivery"),
        ("550", "delivered"),
    ]:
        control.set_status(packed.order_number, omnitron_status)
        poll(omnitron_settings, database, fake_time)
        assert package_state(database, packed.package_id)[0] == expected

    control.clear_requests()
    report = poll(omnitron_settings, database, fake_time)
    assert report.open_shipments == 0
    assert status_requests(control) == [], "a delivered package is not polled again"


def test_nothing_polled_while_setting_off(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    (packed,) = pull_and_pack(omnitron_settings, database, fake_time, count=1)
    control.set_status(packed.order_number, "500")
    configure(database, **{AUTO_RUN_SHIP: False})
    control.clear_requests()

    report = poll(omnitron_settings, database, fake_time)

    assert report.enabled is False
    assert status_requests(control) == []
    assert package_state(database, packed.package_id)[0] == "packed"

    configure(database, **{AUTO_RUN_SHIP: True})
    report = poll(omnitron_settings, database, fake_time)
    assert report.changed_package_ids == [packed.package_id]


class ConcurrencyProbe(httpx.AsyncBaseTransport):
    """A real HTTP transport that records how many requests were in flight at most."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.in_flight = 0
        self.max_in_flight = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            response = await self.inner.handle_async_request(request)
            await response.aread()
            return response
        finally:
            self.in_flight -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()


def test_two_hundred_shipments_in_four_requests(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    control.add_orders(215, status="400")
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=200)
    assert len(packed) == 200
    shipped = packed[::7]
    for result in shipped:
        control.set_status(result.order_number, "500")
    configure(database, **{STATUS_POLL_BATCH_SIZE: 50, STATUS_POLL_CONCURRENCY: 2})
    control.clear_requests()
    # Latency makes the batches overlap, so the concurrency limit is what bounds them.
    control.faults({"path": "/api/i1/orders/", "method": "GET", "latency_ms": 80})
    probe = ConcurrencyProbe()

    report = poll(omnitron_settings, database, fake_time, transport=probe)

    requests = status_requests(control)
    assert len(requests) == 4
    assert sorted(len(query["id__in"][0].split(",")) for query in requests) == [50, 50, 50, 50]
    assert probe.max_in_flight == 2
    assert report.open_shipments == 200
    assert sorted(report.changed_package_ids) == sorted(r.package_id for r in shipped)
    assert report.missing == 0


def test_failed_batches_are_reported_not_raised(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=3)
    configure(database, **{STATUS_POLL_BATCH_SIZE: 2})
    control.faults({"path": "/api/i1/orders/", "method": "GET", "status": 500})

    report = poll(omnitron_settings, database, fake_time)

    assert report.batches == 2
    assert len(report.errors) == 2
    assert all("500" in error for error in report.errors)
    assert report.changed_package_ids == []


def test_poll_requests_grow_with_open_shipments_only(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    control.add_orders(30, status="400")
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=3)
    with transaction(database.sessions) as session:
        waiting = session.scalars(select(Package).where(Package.status == "waiting")).all()
        assert len(waiting) >= 30, "many packages in the database are not shipments"
    control.clear_requests()

    report = poll(omnitron_settings, database, fake_time)

    requests = status_requests(control)
    assert len(requests) == 1
    polled = {int(pk) for pk in requests[0]["id__in"][0].split(",")}
    assert len(polled) == len(packed)
    assert report.open_shipments == 3
