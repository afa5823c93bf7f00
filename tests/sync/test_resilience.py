"""An Omnitron outage during a packing shift, and a cancellation that beats the packer."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import NoTrackingNumber, OrderCancelled
from oms_desktop.core.models import OmnitronOutbox, Order, Package
from oms_desktop.sync.jobs import deliver_reports, pull_orders
from oms_desktop.sync.settings import OmnitronSettings
from oms_desktop.ui import crash
from oms_desktop.ui.main_window import MainWindow
from tests.conftest import TestDatabase
from tests.sync.conftest import (
    FakeTime,
    SimulatorControl,
    make_client,
    pull_and_pack,
    route_every_order,
    run,
)

PACKINGS = 50


def pull(settings: OmnitronSettings, database: TestDatabase, fake_time: FakeTime) -> None:
    async def scenario() -> None:
        async with make_client(settings, fake_time) as client:
            report = await pull_orders(client, database.sessions, clock=fake_time.clock)
            assert report.errors == []

    run(scenario())


def deliver_once(settings: OmnitronSettings, database: TestDatabase, fake_time: FakeTime) -> int:
    async def scenario() -> int:
        async with make_client(settings, fake_time) as client:
            report = await deliver_reports(
                client, database.sessions, clock=fake_time.clock, rng=lambda: 1.0
            )
            return report.delivered

    return run(scenario())


def waiting_reports(database: TestDatabase) -> int:
    with database.sessions() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(OmnitronOutbox)
                .where(OmnitronOutbox.state != "delivered")
            )
            or 0
        )


def test_outage_during_fifty_packings_loses_nothing(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    control.add_orders(PACKINGS + 10, status="400")
    pull(omnitron_settings, database, fake_time)
    route_every_order(database)
    with database.sessions() as session:
        waiting = list(
            session.scalars(
                select(Package.number).where(Package.status == "waiting").order_by(Package.id)
            )
        )
    control.clear_requests()
    control.faults({"path": "/api/", "status": 503})

    packed: list[str] = []
    for number in waiting:
        if len(packed) == PACKINGS:
            break
        try:
            with transaction(database.sessions) as session:
                result = pack_code(session, number, station="bench-1", now=fake_time.now)
        except NoTrackingNumber:
            continue
        packed.append(result.order_number)
        if len(packed) % 10 == 0:
            # The engine keeps trying during the outage; every attempt fails.
            assert deliver_once(omnitron_settings, database, fake_time) == 0
            fake_time.advance(3)
    assert len(packed) == PACKINGS
    assert not any(entry["status"] == 200 for entry in control.requests())

    control.clear_faults()
    for _ in range(20):
        if waiting_reports(database) == 0:
            break
        fake_time.advance(600)
        deliver_once(omnitron_settings, database, fake_time)

    assert waiting_reports(database) == 0
    patches = Counter(
        entry["path"]
        for entry in control.requests()
        if entry["method"] == "PATCH" and entry["status"] == 200
    )
    reported_items = 0
    for order_number in packed:
        order = control.order(order_number)
        for item in order["orderitem_set"]:
            assert item["status"] == "450", f"order {order_number} item {item['pk']}"
            assert patches[f"/api/v1/order_items/{item['pk']}/"] == 1
            reported_items += 1
    assert sum(patches.values()) == reported_items
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OmnitronOutbox)) == reported_items


def test_cancelled_at_marketplace_refused_at_scan(
    qtbot: QtBot,
    sqlite_database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = sqlite_database
    pull_and_pack(omnitron_settings, database, fake_time, count=0)
    with database.sessions() as session:
        package, order_number = session.execute(
            select(Package.number, Order.number)
            .join(Order, Package.order_id == Order.id)
            .where(Package.status == "waiting")
            .order_by(Package.id)
            .limit(1)
        ).one()
    control.set_status(order_number, "100")
    pull(omnitron_settings, database, fake_time)
    with database.sessions() as session:
        status = session.scalar(select(Package.status).where(Package.number == package))
    assert status == "cancelled"
    control.clear_requests()

    with transaction(database.sessions) as session:
        try:
            pack_code(session, package, station="bench-1")
        except OrderCancelled as error:
            assert error.order_number == order_number
        else:
            raise AssertionError("a cancelled package was packed")

    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "0")
    window = MainWindow(database.sessions, station="bench-1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.is_busy())
    with qtbot.waitSignal(window.scan_failed) as failed:
        qtbot.keyClicks(window.scan_field, package)
        qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)

    assert isinstance(failed.args[0], OrderCancelled)
    assert "do not pack" in window.banner.title().lower()
    window.close()
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OmnitronOutbox)) == 0
    assert control.requests() == []
