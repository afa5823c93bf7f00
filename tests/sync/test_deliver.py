"""deliver_reports: the outbox reaches the simulator once per order item, whatever happens."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import OmnitronOutbox, Order, Package
from oms_desktop.core.outbox import retry_failed
from oms_desktop.sync.jobs import DeliveryReport, deliver_reports
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase
from tests.sync.conftest import FakeTime, SimulatorControl, make_client, pull_and_pack, run


def deliver(
    settings: OmnitronSettings,
    database: TestDatabase,
    fake_time: FakeTime,
    *,
    after_send: Callable[[int], None] | None = None,
    **client_options: Any,
) -> DeliveryReport:
    async def scenario() -> DeliveryReport:
        async with make_client(settings, fake_time, **client_options) as client:
            return await deliver_reports(
                client,
                database.sessions,
                clock=fake_time.clock,
                rng=lambda: 1.0,
                after_send=after_send,
            )

    return run(scenario())


def outbox_rows(database: TestDatabase) -> list[OmnitronOutbox]:
    with transaction(database.sessions) as session:
        return list(session.scalars(select(OmnitronOutbox).order_by(OmnitronOutbox.id)))


def accepted_patches(control: SimulatorControl) -> Counter[str]:
    """Count the PATCH requests the simulator answered with 200, per order item path."""
    return Counter(
        entry["path"]
        for entry in control.requests()
        if entry["method"] == "PATCH" and entry["status"] == 200
    )


def item_path(item_pk: int) -> str:
    return f"/api/v1/order_items/{item_pk}/"


def order_number_of(database: TestDatabase, package_id: int) -> str:
    with transaction(database.sessions) as session:
        number = session.scalar(
            select(Order.number)
            .join(Package, Package.order_id == Order.id)
            .where(Package.id == package_id)
        )
    assert number is not None
    return number


def test_reports_reach_omnitron(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=2)
    rows = outbox_rows(database)
    assert len(rows) >= 2

    report = deliver(omnitron_settings, database, fake_time)

    assert report.delivered == len(rows)
    assert report.retried == 0
    assert report.failed == 0
    assert sorted(report.package_ids) == sorted(result.package_id for result in packed)
    for result in packed:
        items = control.order(result.order_number)["orderitem_set"]
        assert {item["status"] for item in items} == {"450"}
    for row in outbox_rows(database):
        assert row.state == "delivered"
        assert row.attempts == 1
        assert row.delivered_at == fake_time.now

    again = deliver(omnitron_settings, database, fake_time)
    assert again.attempted == 0


def test_outage_keeps_reports_then_delivers_once(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=3)
    rows = outbox_rows(database)
    control.clear_requests()
    control.faults({"path": "/api/", "status": 503})

    first = deliver(omnitron_settings, database, fake_time)

    # The outage ends the run after the first report, so it costs one report's retries.
    assert first.delivered == 0
    assert first.retried == 1
    assert len(first.errors) == 1 and "503" in first.errors[0]
    after_first = outbox_rows(database)
    assert after_first[0].attempts == 1
    assert after_first[0].state == "pending"
    assert after_first[0].last_error is not None and "503" in after_first[0].last_error
    # Backoff of the first retry: 2 s with the jitter source pinned to 1.0.
    assert after_first[0].next_attempt_at == fake_time.now + dt.timedelta(seconds=2)
    assert [row.attempts for row in after_first[1:]] == [0] * (len(rows) - 1)
    assert all(row.next_attempt_at <= fake_time.now for row in after_first[1:])

    fake_time.advance(5)
    second = deliver(omnitron_settings, database, fake_time)
    assert second.delivered == 0
    assert [row.attempts for row in outbox_rows(database)][:2] == [1, 1]

    control.clear_faults()
    fake_time.advance(1000)
    final = deliver(omnitron_settings, database, fake_time)

    assert final.delivered == len(rows)
    assert {row.state for row in outbox_rows(database)} == {"delivered"}
    patches = accepted_patches(control)
    assert patches == Counter({item_path(row.order_item_omnitron_id): 1 for row in rows})


def test_cancelled_order_parks_report_as_failed(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=1)
    control.set_status(packed[0].order_number, "100")

    report = deliver(omnitron_settings, database, fake_time)

    rows = outbox_rows(database)
    assert report.failed == len(rows)
    assert report.delivered == 0
    for row in rows:
        assert row.state == "failed"
        assert row.last_error is not None
        assert "HTTP 400" in row.last_error
        assert "order_cancelled" in row.last_error
    assert fake_time.sleeps == [], "a 400 is not retried"

    with transaction(database.sessions) as session:
        assert retry_failed(session, [rows[0].id], now=fake_time.now) == 1
    requeued = outbox_rows(database)
    assert requeued[0].state == "pending"
    assert requeued[0].last_error == rows[0].last_error

    second = deliver(omnitron_settings, database, fake_time)
    assert second.attempted == 1
    assert second.failed == 1
    assert outbox_rows(database)[0].attempts == 2


def test_unknown_item_is_parked(
    database: TestDatabase, omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    with transaction(database.sessions) as session:
        session.add(
            OmnitronOutbox(
                order_item_omnitron_id=987_654_321,
                target_status="450",
                next_attempt_at=fake_time.now,
                created_at=fake_time.now,
            )
        )

    report = deliver(omnitron_settings, database, fake_time)

    assert report.failed == 1
    (row,) = outbox_rows(database)
    assert row.state == "failed"
    assert row.last_error is not None and "HTTP 404" in row.last_error


class Crash(Exception):
    pass


def test_crash_between_patch_and_mark_is_redelivered_once(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=2)
    rows = outbox_rows(database)
    control.clear_requests()

    def crash(report_id: int) -> None:
        raise Crash(f"power cut after sending report {report_id}")

    with pytest.raises(Crash):
        deliver(omnitron_settings, database, fake_time, after_send=crash)

    after_crash = outbox_rows(database)
    assert {row.state for row in after_crash} == {"pending"}
    # The report whose PATCH went out stays claimed; the others are due again at once.
    assert after_crash[0].next_attempt_at > fake_time.now
    assert all(row.next_attempt_at <= fake_time.now for row in after_crash[1:])

    # Restart: a new client after the claim has expired.
    fake_time.advance(600)
    report = deliver(omnitron_settings, database, fake_time)

    assert report.delivered == len(rows)
    final = outbox_rows(database)
    assert len(final) == len(rows)
    assert {row.state for row in final} == {"delivered"}
    patches = accepted_patches(control)
    crashed_item = item_path(rows[0].order_item_omnitron_id)
    assert patches[crashed_item] == 2, "sent again after the crash, and accepted"
    assert all(patches[item_path(row.order_item_omnitron_id)] == 1 for row in rows[1:])
    number = order_number_of(database, rows[0].package_id or 0)
    assert {item["status"] for item in control.order(number)["orderitem_set"]} == {"450"}


def test_rate_limit_postpones_reports_past_the_limit(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=1)
    control.faults({"path": "/api/v1/", "method": "PATCH", "status": 429, "retry_after": "90"})

    report = deliver(omnitron_settings, database, fake_time)

    assert report.retried == 1
    assert fake_time.sleeps == [], "90 s is above the client's wait cap, so it does not sleep"
    row = outbox_rows(database)[0]
    assert row.state == "pending"
    assert row.next_attempt_at >= fake_time.now + dt.timedelta(seconds=89)
    assert row.last_error is not None and "rate limited" in row.last_error


def test_invalid_answer_to_patch_is_retried_later(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=1)
    rows = outbox_rows(database)
    control.faults({"path": "/api/v1/", "method": "PATCH", "body": "truncated", "count": 1})

    first = deliver(omnitron_settings, database, fake_time)

    assert first.retried == 1
    assert first.delivered == len(rows) - 1
    fake_time.advance(60)
    second = deliver(omnitron_settings, database, fake_time)
    assert second.delivered == 1
    assert {row.state for row in outbox_rows(database)} == {"delivered"}
