"""The window with the real sync engine against the Omnitron simulator on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import OmnitronOutbox, Order, OutboxStatus, Package
from oms_desktop.core.settings import ORDER_PULL_INTERVAL, STATUS_POLL_INTERVAL, set_setting
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.engine import SyncEngine
from oms_desktop.sync.settings import OmnitronSettings
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.package_model import PackageTableModel as Model
from tests.conftest import TestDatabase
from tests.sync.conftest import SimulatorControl, route_every_order

TIMEOUT_MS = 20_000


@pytest.fixture
def simulator() -> Iterator[SimulatorServer]:
    with SimulatorServer(
        seed=3, user=DEFAULT_USER, password=DEFAULT_PASSWORD, port=0, order_count=8
    ) as server:
        yield server


@pytest.fixture
def control(simulator: SimulatorServer) -> Iterator[SimulatorControl]:
    client = SimulatorControl(simulator.url)
    yield client
    client.close()


@pytest.fixture
def sync_engine(simulator: SimulatorServer, sqlite_database: TestDatabase) -> Iterator[SyncEngine]:
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, ORDER_PULL_INTERVAL, 1)
        set_setting(session, STATUS_POLL_INTERVAL, 1)
    settings = OmnitronSettings(
        url=simulator.url,
        user=DEFAULT_USER,
        password=DEFAULT_PASSWORD,
        connect_timeout=2.0,
        read_timeout=5.0,
    )
    engine = SyncEngine(sqlite_database.url, settings)
    yield engine
    assert engine.stop(timeout=10.0)


def waiting_package_with_tracking(db: TestDatabase) -> tuple[int, str, str]:
    with db.sessions() as session:
        row = session.execute(
            select(Package.id, Package.number, Order.number)
            .join(Order, Package.order_id == Order.id)
            .where(Package.status == "waiting", Order.tracking_number.is_not(None))
            .order_by(Package.id)
            .limit(1)
        ).one()
        return row[0], row[1], row[2]


def status_of(window, package_id: int) -> object:
    row = window.model.row_of(package_id)
    if row is None:
        return None
    return window.model.index(row, Model.COLUMN_STATUS).data(Model.STATUS_ROLE)


def test_pack_and_ship_with_real_engine(
    qtbot: QtBot,
    sqlite_database: TestDatabase,
    sync_engine: SyncEngine,
    control: SimulatorControl,
    make_window,
):
    window = make_window(sqlite_database, sync_engine)
    sync_engine.start()

    # Orders pulled by the engine appear without a reload.
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Last sync" in window.sync_status.text(), timeout=TIMEOUT_MS)
    route_every_order(sqlite_database)
    package_id, package_number, order_number = waiting_package_with_tracking(sqlite_database)

    with qtbot.waitSignal(window.package_packed, timeout=TIMEOUT_MS):
        window.scan(package_number)
    assert window.banner.kind is BannerKind.SUCCESS
    qtbot.waitUntil(lambda: status_of(window, package_id) == "packed", timeout=TIMEOUT_MS)

    def reports_delivered() -> bool:
        with sqlite_database.sessions() as session:
            states = set(
                session.scalars(
                    select(OmnitronOutbox.state).where(OmnitronOutbox.package_id == package_id)
                )
            )
        return states == {OutboxStatus.DELIVERED}

    qtbot.waitUntil(reports_delivered, timeout=TIMEOUT_MS)
    assert control.order(order_number)["status"] == "450"

    # The carrier picks the parcel up: Omnitron reports 500, the badge turns "shipped".
    control.set_status(order_number, "500")
    qtbot.waitUntil(lambda: status_of(window, package_id) == "shipped", timeout=TIMEOUT_MS)
