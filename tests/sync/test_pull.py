"""pull_orders: incremental order feed from the simulator into SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs

import httpx
from sqlalchemy import func, select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import Order, Package
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.jobs import PullReport, pull_orders, read_orders_cursor
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase
from tests.sync.conftest import FakeTime, SimulatorControl, make_client, run


def pull(
    settings: OmnitronSettings, database: TestDatabase, fake_time: FakeTime, **options: Any
) -> PullReport:
    async def scenario() -> PullReport:
        async with make_client(settings, fake_time, **options) as client:
            return await pull_orders(client, database.sessions, clock=fake_time.clock)

    return run(scenario())


def simulator_orders(settings: OmnitronSettings, fake_time: FakeTime) -> dict[str, str]:
    async def scenario() -> dict[str, str]:
        async with make_client(settings, fake_time) as client:
            return {order.number: order.status async for order in client.iter_orders({})}

    return run(scenario())


def packages_by_order(database: TestDatabase) -> dict[str, tuple[int, str]]:
    with transaction(database.sessions) as session:
        rows = session.execute(
            select(Order.number, Package.id, Package.status).join(
                Package, Package.order_id == Order.id
            )
        )
        return {number: (package_id, status) for number, package_id, status in rows}


def test_pull_creates_packages_for_approved_orders(
    database: TestDatabase, omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    statuses = simulator_orders(omnitron_settings, fake_time)
    approved = {number for number, status in statuses.items() if status == "400"}
    assert approved and len(approved) < len(statuses), "the seed mixes statuses"

    report = pull(omnitron_settings, database, fake_time)

    packages = packages_by_order(database)
    assert set(packages) == approved
    assert {status for _, status in packages.values()} == {"waiting"}
    assert report.received == len(statuses)
    assert report.created == len(approved)
    assert report.created + report.stored + report.cancelled + report.unchanged == len(statuses)
    assert sorted(report.changed_package_ids) == sorted(pid for pid, _ in packages.values())
    assert report.errors == []
    with transaction(database.sessions) as session:
        assert session.scalar(select(func.count(Order.id))) == len(statuses)


def test_pull_twice_is_idempotent(
    database: TestDatabase, omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    pull(omnitron_settings, database, fake_time)
    first = packages_by_order(database)

    second_report = pull(omnitron_settings, database, fake_time)

    assert packages_by_order(database) == first
    assert second_report.created == 0
    assert second_report.received == 0


def test_cursor_survives_restart(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull(omnitron_settings, database, fake_time)
    with transaction(database.sessions) as session:
        cursor = read_orders_cursor(session)
    assert cursor is not None
    control.clear_requests()

    # A new client stands for a restarted station: only the stored cursor carries over.
    changed_number = next(iter(packages_by_order(database)))
    control.set_status(changed_number, "100")
    report = pull(omnitron_settings, database, fake_time)

    queries = control.order_list_queries()
    assert len(queries) == 1
    sent = dt.datetime.fromisoformat(queries[0]["modified_date__gt"][0])
    assert sent == cursor
    assert queries[0]["ordering"] == ["modified_date"]
    assert report.received == 1
    assert report.cancelled == 1
    with transaction(database.sessions) as session:
        new_cursor = read_orders_cursor(session)
    assert new_cursor is not None and new_cursor > cursor


def test_cancelled_order_cancels_waiting_package(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull(omnitron_settings, database, fake_time)
    number, (package_id, status) = next(iter(packages_by_order(database).items()))
    assert status == "waiting"

    control.set_status(number, "50")
    report = pull(omnitron_settings, database, fake_time)

    assert packages_by_order(database)[number] == (package_id, "cancelled")
    assert report.changed_package_ids == [package_id]


def test_new_orders_arrive_on_next_pull(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull(omnitron_settings, database, fake_time)
    before = packages_by_order(database)

    numbers = control.add_orders(3, status="400")
    report = pull(omnitron_settings, database, fake_time)

    after = packages_by_order(database)
    assert set(after) - set(before) == set(numbers)
    assert report.created == 3


def test_pull_pages_through_backlog(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    report = pull(omnitron_settings, database, fake_time, page_size=6)

    # The last order of each full page is read again at the start of the next one, in
    # case more orders share its modified_date.
    assert report.pages == 4
    assert report.received == 20 + 3
    assert report.unchanged == 3
    assert report.created + report.stored + report.cancelled == 20
    queries = control.order_list_queries()
    # Each page after the first starts from the new cursor instead of a page number.
    assert "modified_date__gt" not in queries[0]
    assert all("modified_date__gt" in query and "page" not in query for query in queries[1:])


def test_outage_keeps_cursor_at_last_handled_order(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    async def first_page_only() -> PullReport:
        async with make_client(omnitron_settings, fake_time, page_size=5) as client:
            return await pull_orders(client, database.sessions, clock=fake_time.clock, max_pages=1)

    first = run(first_page_only())
    assert first.received == 5
    with transaction(database.sessions) as session:
        cursor = read_orders_cursor(session)

    control.faults({"path": "/api/i1/orders/", "status": 503})
    report = pull(omnitron_settings, database, fake_time, page_size=5)

    assert report.received == 0
    assert len(report.errors) == 1
    assert "503" in report.errors[0]
    with transaction(database.sessions) as session:
        assert read_orders_cursor(session) == cursor

    control.clear_faults()
    rest = pull(omnitron_settings, database, fake_time, page_size=5)
    assert rest.created + rest.stored + rest.cancelled == 15
    with transaction(database.sessions) as session:
        assert session.scalar(select(func.count(Order.id))) == 20


class FakeOrderList:
    """An order list that implements ordering=modified_date, modified_date__gt, limit and
    page like Omnitron, over orders whose modified dates the test chooses (ties included),
    and can hold an invalid order."""

    def __init__(self, orders: list[dict[str, Any]]) -> None:
        self.orders = orders
        self.queries: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/login/"):
            return httpx.Response(200, json={"key": "fake-token-1"})
        query = {key: values[-1] for key, values in parse_qs(request.url.query.decode()).items()}
        self.queries.append(query)
        rows = sorted(self.orders, key=lambda order: order["modified_date"])
        if "modified_date__gt" in query:
            after = dt.datetime.fromisoformat(query["modified_date__gt"])
            rows = [row for row in rows if dt.datetime.fromisoformat(row["modified_date"]) > after]
        limit = int(query.get("limit", "10"))
        page = int(query.get("page", "1"))
        chunk = rows[(page - 1) * limit : page * limit]
        next_url = None
        if page * limit < len(rows):
            next_query = dict(query, page=str(page + 1))
            next_url = str(request.url.copy_with(params=next_query))
        return httpx.Response(
            200, json={"count": len(rows), "next": next_url, "previous": None, "results": chunk}
        )


def _fake_order(pk: int, minute: int, status: str = "400") -> dict[str, Any]:
    return {
        "pk": pk,
        "number": f"T{pk:04d}",
        "channel": 42,
        "status": status,
        "cargo_company": 7,
        "tracking_number": f"TRK{pk}",
        "modified_date": dt.datetime(2026, 12, 1, 10, minute, tzinfo=dt.UTC).isoformat(),
        "orderitem_set": [
            {"pk": pk * 10, "status": status, "product": {"sku": "S", "barcode": "B"}}
        ],
    }


def pull_fake(database: TestDatabase, fake: FakeOrderList, page_size: int) -> PullReport:
    settings = OmnitronSettings(url="http://127.0.0.1:1", user="u", password="p")

    async def scenario() -> PullReport:
        client = OmnitronClient(settings, transport=httpx.MockTransport(fake), page_size=page_size)
        async with client:
            return await pull_orders(client, database.sessions)

    return run(scenario())


def test_orders_sharing_modified_date_are_not_lost(database: TestDatabase) -> None:
    # Five orders at 10:01 straddle the page boundaries of a page size of 2.
    orders = [_fake_order(1, 0)] + [_fake_order(pk, 1) for pk in range(2, 7)]
    orders += [_fake_order(7, 2), _fake_order(8, 3)]
    fake = FakeOrderList(orders)

    report = pull_fake(database, fake, page_size=2)

    assert report.errors == []
    assert set(packages_by_order(database)) == {order["number"] for order in orders}
    assert report.created == 8
    with transaction(database.sessions) as session:
        assert read_orders_cursor(session) == dt.datetime(2026, 12, 1, 10, 3, tzinfo=dt.UTC)


def test_invalid_order_is_skipped_and_passed(database: TestDatabase) -> None:
    bad = _fake_order(3, 2, status="12345")
    fake = FakeOrderList([_fake_order(1, 0), _fake_order(2, 1), bad])

    report = pull_fake(database, fake, page_size=10)

    assert report.skipped == 1
    assert report.created == 2
    assert set(packages_by_order(database)) == {"T0001", "T0002"}
    with transaction(database.sessions) as session:
        # The cursor moved past the invalid order, so it does not block the feed.
        assert read_orders_cursor(session) == dt.datetime(2026, 12, 1, 10, 2, tzinfo=dt.UTC)

    again = pull_fake(database, fake, page_size=10)
    assert again.received == 0


def test_order_conflicting_with_stored_one_is_skipped(database: TestDatabase) -> None:
    first = _fake_order(1, 0)
    # Same number as order 1 under another Omnitron pk: the database rejects it.
    clash = dict(_fake_order(2, 1), number="T0001")
    clash["orderitem_set"] = [{"pk": 999, "status": "400", "product": {}}]
    fake = FakeOrderList([first, clash, _fake_order(3, 2)])

    report = pull_fake(database, fake, page_size=10)

    assert report.skipped == 1
    assert report.created == 2
    assert set(packages_by_order(database)) == {"T0001", "T0003"}
