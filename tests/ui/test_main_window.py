"""The packing window as a packer uses it: scans, the button, the banner and sync updates.

These tests cover a station that packs on the package scan (VERIFY_ITEMS off); scanning
items before packing is covered in test_verify_panel.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from oms_desktop.core.command import complete_packaging
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.errors import (
    AlreadyPacked,
    NoRoute,
    NoTrackingNumber,
    NoTransition,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import OmnitronOutbox, Package, Shipment
from oms_desktop.core.settings import VERIFY_ITEMS, set_station_setting
from oms_desktop.core.statuses import PackageStatus, ShipmentStatus
from oms_desktop.sync.runner import SyncStatus
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.labels import format_clock, status_label
from oms_desktop.ui.main_window import MainWindow
from oms_desktop.ui.package_model import PackageTableModel as Model
from tests.conftest import TestDatabase
from tests.factories import HEPSIBURADA, order_payload
from tests.ui.conftest import STATION, StandInEngine, add_order


@pytest.fixture(autouse=True)
def pack_on_package_scan(station_db: TestDatabase) -> None:
    with transaction(station_db.sessions) as session:
        set_station_setting(session, VERIFY_ITEMS, STATION, False)


def type_slowly(qtbot: QtBot, widget, text: str) -> None:
    """Type like a person: keys 60 ms apart, slower than the scanner's key gap."""
    for character in text:
        qtbot.keyClick(widget, character)
        qtbot.wait(60)


def scan(qtbot: QtBot, window: MainWindow, code: str) -> None:
    qtbot.keyClicks(window.scan_field, code)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)


def status_cell(window: MainWindow, package_id: int, role: int = Model.STATUS_ROLE) -> object:
    row = window.model.row_of(package_id)
    assert row is not None, f"package {package_id} is not listed"
    return window.model.index(row, Model.COLUMN_STATUS).data(role)


def package_state(db: TestDatabase, package_id: int) -> tuple[str, int, int]:
    """Return (package status, shipments, outbox rows) of one package."""
    with db.sessions() as session:
        package = session.get(Package, package_id)
        assert package is not None
        shipments = session.scalar(
            select(func.count(Shipment.id)).where(Shipment.package_id == package_id)
        )
        reports = session.scalar(
            select(func.count(OmnitronOutbox.id)).where(OmnitronOutbox.package_id == package_id)
        )
        return package.status, shipments or 0, reports or 0


def test_scan_packs_package(
    qtbot: QtBot, station_db: TestDatabase, make_window, engine_stand_in: StandInEngine
):
    package_id = add_order(station_db, 1001, items=2)
    window = make_window(station_db, engine_stand_in)
    assert status_cell(window, package_id) == "waiting"

    with qtbot.waitSignal(window.package_packed) as packed:
        scan(qtbot, window, "PKG-0001001")
    qtbot.waitUntil(lambda: status_cell(window, package_id) == "packed")

    assert package_state(station_db, package_id) == ("packed", 1, 2)
    with station_db.sessions() as session:
        package = session.get(Package, package_id)
        assert package is not None
        assert package.packed_by_station == STATION
    assert packed.args[0].result.tracking_number == "7330001234567"
    assert status_cell(window, package_id, Qt.ItemDataRole.DisplayRole) == status_label("packed")
    assert window.banner.kind is BannerKind.SUCCESS
    assert "PKG-0001001" in window.banner.title()
    assert "7330001234567" in window.banner.detail()
    assert "2 item" in window.banner.detail()
    assert window.scan_field.text() == ""
    assert QApplication.focusWidget() is window.scan_field
    assert engine_stand_in.wake_calls == 1


def test_scan_by_order_and_tracking_number(qtbot: QtBot, station_db: TestDatabase, make_window):
    by_order = add_order(station_db, 2001, tracking_number="111")
    by_tracking = add_order(station_db, 2002, tracking_number="RR123456785TR")
    window = make_window(station_db)

    with qtbot.waitSignal(window.package_packed):
        scan(qtbot, window, "1000002001")
    with qtbot.waitSignal(window.package_packed):
        scan(qtbot, window, "RR123456785TR")

    assert package_state(station_db, by_order)[0] == "packed"
    assert package_state(station_db, by_tracking)[0] == "packed"


def test_unknown_code_changes_nothing(qtbot: QtBot, station_db: TestDatabase, make_window):
    package_id = add_order(station_db, 1001)
    window = make_window(station_db)

    with qtbot.waitSignal(window.scan_failed) as failed:
        scan(qtbot, window, "NOPE-42")

    assert isinstance(failed.args[0], UnknownCode)
    assert window.banner.kind is BannerKind.FAILURE
    assert "NOPE-42" in window.banner.title()
    assert "scan again" in window.banner.detail()
    assert package_state(station_db, package_id) == ("waiting", 0, 0)
    assert window.scan_field.text() == ""


def pack_at_other_station(db: TestDatabase, package_id: int) -> None:
    with transaction(db.sessions) as session:
        complete_packaging(session, package_id, station="Masa 2")


def cancel_order(db: TestDatabase, pk: int) -> None:
    with transaction(db.sessions) as session:
        ingest_order(session, order_payload(pk, status="100"))


@pytest.mark.parametrize(
    ("case", "error_type", "kind", "title_part", "detail_part"),
    [
        ("already_packed", AlreadyPacked, BannerKind.FAILURE, "Already packed", "Masa 2"),
        ("no_route", NoRoute, BannerKind.FAILURE, "No shipping route", "Hepsiburada"),
        ("no_tracking", NoTrackingNumber, BannerKind.FAILURE, "No tracking number", "set"),
        ("cancelled", OrderCancelled, BannerKind.CANCELLED, "do not pack", "PKG-0003001"),
    ],
)
def test_core_errors_have_own_banner(
    qtbot: QtBot,
    station_db: TestDatabase,
    make_window,
    case: str,
    error_type: type,
    kind: BannerKind,
    title_part: str,
    detail_part: str,
):
    pk = 3001
    if case == "no_route":
        package_id = add_order(station_db, pk, channel=HEPSIBURADA)
    elif case == "no_tracking":
        package_id = add_order(station_db, pk, tracking_number=None)
    else:
        package_id = add_order(station_db, pk)
    if case == "already_packed":
        pack_at_other_station(station_db, package_id)
    if case == "cancelled":
        cancel_order(station_db, pk)
    before = package_state(station_db, package_id)
    window = make_window(station_db)

    with qtbot.waitSignal(window.scan_failed) as failed:
        scan(qtbot, window, "PKG-0003001")

    assert isinstance(failed.args[0], error_type)
    assert window.banner.kind is kind
    assert title_part in window.banner.title()
    assert detail_part.lower() in window.banner.detail().lower()
    assert package_state(station_db, package_id) == before


def test_locked_database_shows_busy_banner(
    qtbot: QtBot, station_db: TestDatabase, make_window, tmp_path
):
    package_id = add_order(station_db, 1001)
    engine = make_engine(station_db.url)

    # Wait 200 ms instead of the production 5 s for another writer's lock.
    @event.listens_for(engine, "connect")
    def short_busy_timeout(dbapi_connection, connection_record) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    db = TestDatabase("sqlite", station_db.url, engine, make_session_factory(engine))
    window = make_window(db)
    path = station_db.url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with qtbot.waitSignal(window.scan_failed, timeout=10_000):
            scan(qtbot, window, "PKG-0001001")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert window.banner.kind is BannerKind.FAILURE
    assert "Database busy" in window.banner.title()
    assert "Nothing was packed" in window.banner.detail()
    assert package_state(station_db, package_id) == ("waiting", 0, 0)
    window.close()
    engine.dispose()


def test_complete_button_packs_selected(qtbot: QtBot, station_db: TestDatabase, make_window):
    first = add_order(station_db, 1001)
    second = add_order(station_db, 1002)
    window = make_window(station_db)
    assert not window.complete_button.isEnabled()

    assert window.select_package(second)
    assert window.complete_button.isEnabled()
    with qtbot.waitSignal(window.package_packed):
        qtbot.mouseClick(window.complete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_cell(window, second) == "packed")

    assert package_state(station_db, second)[0] == "packed"
    assert package_state(station_db, first)[0] == "waiting"
    assert QApplication.focusWidget() is window.scan_field


def ship_from_outside(db: TestDatabase, package_id: int) -> None:
    """Write what the sync's status poller writes when Omnitron reports 500 (shipped)."""
    now = dt.datetime.now(dt.UTC)
    with transaction(db.sessions) as session:
        package = session.get(Package, package_id)
        assert package is not None and package.shipment is not None
        package.set_status(PackageStatus.SHIPPED, now)
        package.shipment.status = ShipmentStatus.SHIPPED.value
        package.shipment.updated_at = now


def test_sync_change_updates_badge(
    qtbot: QtBot, station_db: TestDatabase, make_window, engine_stand_in: StandInEngine
):
    package_id = add_order(station_db, 1001)
    other = add_order(station_db, 1002)
    pack_at_other_station(station_db, package_id)
    window = make_window(station_db, engine_stand_in)
    assert status_cell(window, package_id) == "packed"
    assert window.select_package(other)

    ship_from_outside(station_db, package_id)
    engine_stand_in.packages_changed.emit([package_id])
    qtbot.waitUntil(lambda: status_cell(window, package_id) == "shipped")

    row = window.model.row_of(package_id)
    assert row is not None
    shipment_cell = window.model.index(row, Model.COLUMN_SHIPMENT).data()
    assert shipment_cell == "With the carrier"
    selected = window.selected_package()
    assert selected is not None and selected.id == other


def test_status_bar_shows_sync_status(
    station_db: TestDatabase, make_window, engine_stand_in: StandInEngine
):
    window = make_window(station_db, engine_stand_in)
    now = dt.datetime.now(dt.UTC)
    status = SyncStatus(
        last_success_at=now - dt.timedelta(seconds=30),
        reports_waiting=3,
        oldest_waiting_at=now - dt.timedelta(minutes=5, seconds=10),
        reports_failed=1,
        last_error="HTTP 503 from Omnitron",
        rate_limited_until=now + dt.timedelta(minutes=2),
    )

    engine_stand_in.status_changed.emit(status)

    text = window.sync_status.text()
    assert f"Last sync: {format_clock(status.last_success_at)}" in text
    assert "Reports waiting: 3 (oldest 5 min)" in text
    assert "Failed reports: 1" in text
    assert "HTTP 503 from Omnitron" in text
    assert f"Rate limited until {format_clock(status.rate_limited_until)}" in text


def test_status_bar_without_engine_says_offline(station_db: TestDatabase, make_window):
    window = make_window(station_db)
    assert "Sync off" in window.sync_status.text()


def test_typing_in_table_goes_to_scan_field(qtbot: QtBot, station_db: TestDatabase, make_window):
    add_order(station_db, 1001)
    window = make_window(station_db)
    window.table.setFocus()

    type_slowly(qtbot, window.table, "PKG-1")

    qtbot.waitUntil(lambda: window.scan_field.text() == "PKG-1")
    assert QApplication.focusWidget() is window.scan_field


def test_search_filters_rows(qtbot: QtBot, station_db: TestDatabase, make_window):
    add_order(station_db, 1001, tracking_number="7330001")
    add_order(station_db, 1002, tracking_number="RR123456785TR")
    window = make_window(station_db)
    assert window.proxy.rowCount() == 2

    type_slowly(qtbot, window.search_field, "rr1234")
    qtbot.waitUntil(lambda: window.search_field.text() == "rr1234")
    assert window.proxy.rowCount() == 1
    assert window.proxy.index(0, 0).data() == "PKG-0001002"

    window.search_field.clear()
    assert window.proxy.rowCount() == 2


def test_status_filter_combo(qtbot: QtBot, station_db: TestDatabase, make_window):
    waiting = add_order(station_db, 1001)
    packed = add_order(station_db, 1002)
    pack_at_other_station(station_db, packed)
    window = make_window(station_db)
    assert sorted(window.model.loaded_ids()) == [waiting, packed]

    index = window.filter_combo.findText("Packed & in transit")
    window.filter_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: window.model.loaded_ids() == [packed])


def test_window_requires_station(station_db: TestDatabase):
    with pytest.raises(ValueError, match="station"):
        MainWindow(station_db.sessions, station="  ")


def test_queued_scans_run_in_order(qtbot: QtBot, station_db: TestDatabase, make_window):
    ids = [add_order(station_db, pk) for pk in (1001, 1002, 1003)]
    window = make_window(station_db)
    packed_numbers: list[str] = []
    window.package_packed.connect(
        lambda outcome: packed_numbers.append(outcome.result.package_number)
    )

    for pk in (1001, 1002, 1003):
        scan(qtbot, window, f"PKG-{pk:07d}")
    qtbot.waitUntil(lambda: len(packed_numbers) == 3)

    assert packed_numbers == ["PKG-0001001", "PKG-0001002", "PKG-0001003"]
    for package_id in ids:
        assert package_state(station_db, package_id)[0] == "packed"


def test_out_of_stock_scan_names_missing_transition(
    qtbot: QtBot, station_db: TestDatabase, make_window
):
    package_id = add_order(station_db, 1001)
    with transaction(station_db.sessions) as session:
        package = session.get(Package, package_id)
        assert package is not None
        package.set_status(PackageStatus.OUT_OF_STOCK, dt.datetime.now(dt.UTC))
    window = make_window(station_db)

    with qtbot.waitSignal(window.scan_failed) as failed:
        scan(qtbot, window, "PKG-0001001")

    assert isinstance(failed.args[0], NoTransition)
    assert window.banner.title() == "Cannot pack PKG-0001001"
    assert "Out of stock" in window.banner.detail()
    assert package_state(station_db, package_id) == ("out_of_stock", 0, 0)


def test_other_station_change_reaches_table(qtbot: QtBot, station_db: TestDatabase, make_window):
    package_id = add_order(station_db, 1001)
    window = make_window(station_db, change_poll_ms=50)
    assert window.model.loaded_ids() == [package_id]

    # Another station packs one package and the sync service ingests a new order; this
    # window hears of neither except through the shared database's change log.
    pack_at_other_station(station_db, package_id)
    new_package = add_order(station_db, 1002)

    qtbot.waitUntil(lambda: window.model.row_of(new_package) is not None)
    qtbot.waitUntil(lambda: status_cell(window, package_id) == "packed")
    assert status_cell(window, new_package) == "waiting"


def test_packed_row_keeps_id_order_in_status_group(
    qtbot: QtBot, station_db: TestDatabase, make_window
):
    ids = [add_order(station_db, pk) for pk in range(1001, 1007)]
    for package_id in ids[2:]:
        pack_at_other_station(station_db, package_id)
    window = make_window(station_db)

    with qtbot.waitSignal(window.package_packed):
        scan(qtbot, window, "PKG-0001001")
    qtbot.waitUntil(lambda: status_cell(window, ids[0]) == "packed")

    listed = [
        window.proxy.index(row, 0).data(Model.PACKAGE_ROW_ROLE).id
        for row in range(window.proxy.rowCount())
    ]
    # Waiting first, then packed; within a status, oldest first.
    assert listed == [ids[1], ids[0], *ids[2:]]
