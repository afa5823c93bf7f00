"""Scan to verify at the window: open by package scan, count items, refuse wrong ones, complete.

The scanner's keys are delivered to the package table (the focus is not in the scan
field) with a clock the tests advance, so every gap is exact. Sounds go to a player
whose effects only record what they were asked to play.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.claims import claim_package
from oms_desktop.core.command import complete_packaging
from oms_desktop.core.db import transaction
from oms_desktop.core.gs1 import gs1_check_digit
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.keyboard_layouts import remap, type_as
from oms_desktop.core.models import AuditEvent, Package
from oms_desktop.core.payloads import OrderPayload
from oms_desktop.core.settings import (
    ALLOW_COMPLETE_WITHOUT_VERIFYING,
    AUTO_COMPLETE_WHEN_VERIFIED,
    DUPLICATE_SCAN_WINDOW_MS,
    SOUND_ENABLED,
    set_setting,
    set_station_setting,
)
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui import verify_panel
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.main_window import MainWindow
from oms_desktop.ui.packing import CLAIM_TAKEN_OVER, COMPLETED_WITHOUT_VERIFYING
from oms_desktop.ui.sounds import SoundBackend, SoundPlayer
from oms_desktop.ui.verify_panel import RECENT_SCANS, ItemsTableModel
from tests.conftest import TestDatabase
from tests.factories import order_payload
from tests.ui.conftest import STATION
from tests.ui.test_scanner import FakeClock, KeyDriver

OPERATOR = "ayse"


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


SHIRT = with_check_digit("869123450011")
MUG = with_check_digit("869123450012")
LAMP = with_check_digit("869123450013")
NAMES = {SHIRT: "Pamuk Tişört", MUG: "Kupa", LAMP: "Masa Lambası", "": "Hediye Kartı"}


def add_package(db: TestDatabase, pk: int, barcodes: Sequence[str], **order: Any) -> int:
    """Ingest an approved order with one order item per entry of ``barcodes``."""
    data = order_payload(pk, items=len(barcodes), **order).model_dump(mode="json")
    for item, barcode in zip(data["orderitem_set"], barcodes, strict=True):
        item["product"]["barcode"] = barcode
        item["product"]["name"] = NAMES[barcode]
        item["product"]["sku"] = f"SKU-{barcode[-4:] or 'GIFT'}"
    with transaction(db.sessions) as session:
        result = ingest_order(session, OrderPayload.model_validate(data))
        assert result.package_id is not None
        return result.package_id


def package_row(db: TestDatabase, package_id: int) -> Package:
    with db.sessions() as session:
        package = session.get(Package, package_id)
        assert package is not None
        return package


def station_setting(db: TestDatabase, key: str, value: object) -> None:
    with transaction(db.sessions) as session:
        set_station_setting(session, key, STATION, value)


class RecordingEffect:
    def __init__(self, cue: str, played: list[str]) -> None:
        self.cue = cue
        self.played = played

    def play(self) -> None:
        self.played.append(self.cue)

    def failed(self) -> bool:
        return False


class Station:
    """The window plus the tools a test drives it with."""

    def __init__(self, qtbot: QtBot, window: MainWindow, clock: FakeClock, sounds: list[str]):
        self.qtbot = qtbot
        self.window = window
        self.clock = clock
        self.keys = KeyDriver(clock)
        self.sounds = sounds

    def scan(self, code: str, *, pause_ms: float = 1000, gap_ms: float = 2.0) -> None:
        """Scan ``code`` into the table and wait until the window has handled it."""
        self.clock.advance(pause_ms)
        self.keys.type(self.window.table, code, gap_ms)
        self.keys.enter(self.window.table, gap_ms)
        self.idle()

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        self.clock.advance(1000)
        self.qtbot.keyClick(self.window.table, key, modifiers)
        self.idle()

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.window.is_busy(), timeout=10_000)

    @property
    def open_package(self):
        return self.window.controller.open_package

    def counts(self) -> dict[str, int]:
        open_package = self.open_package
        assert open_package is not None, "no package is open"
        return {line.barcode or line.sku: line.scanned for line in open_package.verification.lines}

    @property
    def banner(self):
        return self.window.banner


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def station(qtbot: QtBot, station_db: TestDatabase, make_window, clock: FakeClock):
    played: list[str] = []

    def open_station(**settings: object) -> Station:
        for key, value in settings.items():
            station_setting(station_db, key, value)
        player = SoundPlayer(
            effect_factory=lambda path, volume: RecordingEffect(path.stem, played),
            beep=lambda: played.append("beep"),
        )
        window = make_window(station_db, scanner_clock=clock, sounds=player, operator=OPERATOR)
        window.table.setFocus()
        return Station(qtbot, window, clock, played)

    return open_station


# -- opening ---------------------------------------------------------------------------


def test_package_scan_opens_and_claims(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, SHIRT, MUG])
    s = station()

    s.scan("PKG-0001001")

    assert s.open_package is not None
    assert s.open_package.header.number == "PKG-0001001"
    assert s.window.verify_panel.isVisible()
    assert s.banner.kind is BannerKind.BUSY
    assert "PKG-0001001" in s.banner.title()
    assert "3 item" in s.banner.detail()
    assert s.sounds == ["success"]
    items = s.window.verify_panel.items
    assert items.rowCount() == 2
    assert items.index(0, ItemsTableModel.COLUMN_PRODUCT).data() == "Pamuk Tişört"
    assert items.index(0, ItemsTableModel.COLUMN_SKU).data() == f"SKU-{SHIRT[-4:]}"
    assert items.index(0, ItemsTableModel.COLUMN_BARCODE).data() == SHIRT
    assert items.index(0, ItemsTableModel.COLUMN_ORDERED).data() == 2
    assert items.index(0, ItemsTableModel.COLUMN_SCANNED).data() == 0
    assert s.window.verify_panel.progress.text() == "0 of 3 items scanned"
    package = package_row(station_db, package_id)
    assert package.claimed_by_station == STATION
    assert package.status == "waiting"


def test_open_by_order_and_tracking_number(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT], tracking_number="RR123456785TR")
    add_package(station_db, 1002, [MUG])
    s = station()

    s.scan("RR123456785TR")
    assert s.open_package.header.number == "PKG-0001001"
    s.press(Qt.Key.Key_Escape)
    s.scan("1000001002")
    assert s.open_package.header.number == "PKG-0001002"


def test_cancelled_package_not_opened(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    with transaction(station_db.sessions) as session:
        ingest_order(session, order_payload(1001, status="100"))
    s = station()

    with s.qtbot.waitSignal(s.window.scan_failed):
        s.scan("PKG-0001001")

    assert s.open_package is None
    assert s.banner.kind is BannerKind.CANCELLED
    assert "do not pack" in s.banner.title().lower()
    assert s.sounds == ["error"]
    assert package_row(station_db, package_id).claimed_by_station is None


def test_product_scan_without_open_package(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    s = station()

    s.scan(SHIRT)

    assert s.open_package is None
    assert s.banner.title() == "Scan the package first"
    assert "Pamuk Tişört" in s.banner.detail()
    assert "PKG-0001001" in s.banner.detail()
    assert s.sounds == ["error"]


# -- counting ---------------------------------------------------------------------------


def test_items_counted_and_last_completes(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")

    s.scan(SHIRT)
    assert s.counts() == {SHIRT: 1, MUG: 0}
    assert s.banner.kind is BannerKind.SUCCESS
    assert s.banner.title() == "Pamuk Tişört"
    assert "1 of 2 scanned" in s.banner.detail()
    assert "2 item" in s.banner.detail()
    assert s.window.verify_panel.progress.text() == "1 of 3 items scanned"

    s.scan(MUG, pause_ms=250)
    with s.qtbot.waitSignal(s.window.package_packed) as packed:
        s.scan(SHIRT, pause_ms=250)

    assert packed.args[0].result.package_id == package_id
    assert packed.args[0].unverified_units == 0
    package = package_row(station_db, package_id)
    assert package.status == "packed"
    assert package.packed_by_station == STATION
    assert package.packed_by_operator == OPERATOR
    assert package.claimed_by_station is None
    assert s.open_package is None
    assert s.window.verify_panel.open_package is None
    assert s.window.verify_panel.title.text() == "No package open"
    assert not s.window.verify_panel.complete_button.isEnabled()
    assert s.banner.kind is BannerKind.SUCCESS
    assert s.banner.title() == "Packed: PKG-0001001"
    assert s.sounds == ["success", "success", "success", "packed"]
    s.qtbot.waitUntil(
        lambda: (
            s.window.model.index(
                s.window.model.row_of(package_id), s.window.model.COLUMN_STATUS
            ).data(s.window.model.STATUS_ROLE)
            == "packed"
        )
    )


def test_wrong_item_names_other_package(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    add_package(station_db, 1002, [LAMP])
    s = station()
    s.scan("PKG-0001001")

    s.scan(LAMP)

    assert s.counts() == {SHIRT: 0}
    assert s.banner.kind is BannerKind.FAILURE
    assert s.banner.title() == "Wrong item: Masa Lambası"
    assert LAMP in s.banner.detail()
    assert "PKG-0001002" in s.banner.detail()
    assert s.sounds[-1] == "wrong_item"
    assert s.window.recent_scans.records()[0].code == LAMP


def test_wrong_item_of_no_waiting_package(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    packed_id = add_package(station_db, 1002, [LAMP])
    with transaction(station_db.sessions) as session:
        complete_packaging(session, packed_id, station="Masa 2")
    s = station()
    s.scan("PKG-0001001")

    s.scan(LAMP)

    assert s.banner.title() == "Wrong item: Masa Lambası"
    assert "no waiting package needs it" in s.banner.detail()
    assert s.sounds[-1] == "wrong_item"


def test_unknown_code_while_open(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    s = station()
    s.scan("PKG-0001001")

    s.scan("0000000000000")

    assert s.banner.title() == "Unknown code: 0000000000000"
    assert "PKG-0001001" in s.banner.detail()
    assert s.sounds[-1] == "error"
    assert s.counts() == {SHIRT: 0}


def test_over_scan_refused(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")

    s.scan(SHIRT)
    s.scan(SHIRT, pause_ms=250)

    assert s.counts() == {SHIRT: 1, MUG: 0}
    assert s.banner.kind is BannerKind.FAILURE
    assert s.banner.title() == "One too many: Pamuk Tişört"
    assert "PKG-0001001" in s.banner.detail()
    assert s.sounds[-1] == "wrong_item"


def test_duplicate_read_counted_once(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, SHIRT, SHIRT])
    s = station()
    s.scan("PKG-0001001")

    s.scan(SHIRT)
    # One trigger pull reported twice: the second code follows at 1 ms a key, so its
    # terminator comes 14 ms after the first one's, inside the 30 ms window.
    s.scan(SHIRT, pause_ms=0, gap_ms=1.0)

    assert s.counts() == {SHIRT: 1}
    assert s.window.recent_scans.records()[0].result == "Repeated read ignored"
    assert s.sounds == ["success", "success"]


def test_deliberate_repeats_all_counted(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [MUG] * 5)
    s = station()
    s.scan("PKG-0001001")

    for _ in range(4):
        s.scan(MUG, pause_ms=250)

    assert s.counts() == {MUG: 4}
    with s.qtbot.waitSignal(s.window.package_packed):
        s.scan(MUG, pause_ms=250)
    assert package_row(station_db, package_id).status == "packed"


def test_duplicate_window_setting(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, SHIRT, SHIRT])
    s = station(**{DUPLICATE_SCAN_WINDOW_MS: 0})
    s.scan("PKG-0001001")

    s.scan(SHIRT)
    s.scan(SHIRT, pause_ms=0, gap_ms=1.0)

    assert s.counts() == {SHIRT: 2}


def test_undo_last_item(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)

    s.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert s.counts() == {SHIRT: 0, MUG: 0}
    assert s.banner.title() == "Undone: Pamuk Tişört"
    assert "0 of 1" in s.banner.detail()

    s.scan("CMD:UNDO")
    assert s.banner.title() == "Nothing to undo"
    assert s.sounds[-1] == "error"


def test_undo_from_scan_field(station_db: TestDatabase, station):
    """Ctrl+Z in the (empty) scan field undoes the item, not the field's text."""
    add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)
    s.window.scan_field.setFocus()

    s.qtbot.keyClick(s.window.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    s.idle()

    assert s.counts() == {SHIRT: 0, MUG: 0}


# -- completing ---------------------------------------------------------------------


def test_complete_without_verifying_refused_by_default(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG, LAMP, LAMP])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)

    s.press(Qt.Key.Key_F2)

    assert package_row(station_db, package_id).status == "waiting"
    assert s.open_package is not None
    assert s.banner.kind is BannerKind.FAILURE
    assert s.banner.title().startswith("PKG-0001001: 3 item")
    assert "Kupa (0 of 1)" in s.banner.detail()
    assert "Masa Lambası (0 of 2)" in s.banner.detail()
    assert s.sounds[-1] == "error"

    s.scan("PKG-0001001")
    assert package_row(station_db, package_id).status == "waiting"
    s.scan("CMD:COMPLETE")
    assert package_row(station_db, package_id).status == "waiting"


def test_complete_without_verifying_allowed_and_audited(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station(**{ALLOW_COMPLETE_WITHOUT_VERIFYING: True})
    s.scan("PKG-0001001")
    s.scan(SHIRT)

    with s.qtbot.waitSignal(s.window.package_packed) as packed:
        s.press(Qt.Key.Key_F2)

    assert packed.args[0].unverified_units == 1
    assert package_row(station_db, package_id).status == "packed"
    assert "1 item" in s.banner.detail()
    assert "audit log" in s.banner.detail()
    with station_db.sessions() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == COMPLETED_WITHOUT_VERIFYING)
        ).one()
    assert event.station == STATION
    assert event.operator == OPERATOR
    assert event.entity_id == "PKG-0001001"
    assert event.old_value == {
        "unverified": [
            {
                "barcode": MUG,
                "sku": f"SKU-{MUG[-4:]}",
                "product_name": "Kupa",
                "ordered": 1,
                "scanned": 0,
            }
        ]
    }
    assert event.new_value == {"status": "packed", "unverified_units": 1}


def test_allowed_for_another_station_only(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    with transaction(station_db.sessions) as session:
        set_station_setting(session, ALLOW_COMPLETE_WITHOUT_VERIFYING, "Masa 2", True)
    s = station()
    s.scan("PKG-0001001")

    s.press(Qt.Key.Key_F2)

    assert package_row(station_db, package_id).status == "waiting"
    assert "not scanned yet" in s.banner.title()


def test_package_scan_completes_when_verified(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    s = station(**{AUTO_COMPLETE_WHEN_VERIFIED: False})
    s.scan("PKG-0001001")
    assert "press F2" in s.banner.detail()

    s.scan(SHIRT)
    assert s.banner.title() == "All items scanned: PKG-0001001"
    assert package_row(station_db, package_id).status == "waiting"

    with s.qtbot.waitSignal(s.window.package_packed):
        s.scan("PKG-0001001")
    assert package_row(station_db, package_id).status == "packed"


def test_order_cancelled_while_open(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)
    with transaction(station_db.sessions) as session:
        ingest_order(session, order_payload(1001, status="100"))

    with s.qtbot.waitSignal(s.window.scan_failed):
        s.scan(MUG, pause_ms=250)

    assert s.banner.kind is BannerKind.CANCELLED
    assert "do not pack" in s.banner.title().lower()
    assert s.open_package is None
    s.qtbot.waitUntil(lambda: package_row(station_db, package_id).claimed_by_station is None)


def test_escape_puts_package_aside(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)

    s.press(Qt.Key.Key_Escape)

    assert s.open_package is None
    assert s.banner.title() == "Put aside: PKG-0001001"
    package = package_row(station_db, package_id)
    assert package.status == "waiting"
    assert package.claimed_by_station is None


def test_command_barcodes(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, MUG])
    s = station()

    s.scan("CMD:CANCEL")
    assert s.banner.title() == "No package is open"
    s.scan("PKG-0001001")
    s.scan("CMD:CANCEL")
    assert s.open_package is None
    s.scan("CMD:SEARCH")
    assert s.window.focusWidget() is s.window.search_field
    assert s.window.search_field.text() == ""


def test_other_package_while_items_scanned(station_db: TestDatabase, station):
    first = add_package(station_db, 1001, [SHIRT, MUG])
    second = add_package(station_db, 1002, [LAMP])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)

    s.scan("PKG-0001002")

    assert s.open_package.header.number == "PKG-0001001"
    assert s.banner.title() == "Package PKG-0001001 is still open"
    assert package_row(station_db, second).claimed_by_station is None

    s.press(Qt.Key.Key_Escape)
    s.scan("PKG-0001002")
    assert s.open_package.header.number == "PKG-0001002"
    assert package_row(station_db, first).claimed_by_station is None


def test_other_package_replaces_untouched_one(station_db: TestDatabase, station):
    first = add_package(station_db, 1001, [SHIRT])
    add_package(station_db, 1002, [LAMP])
    s = station()
    s.scan("PKG-0001001")

    s.scan("PKG-0001002")

    assert s.open_package.header.number == "PKG-0001002"
    s.qtbot.waitUntil(lambda: package_row(station_db, first).claimed_by_station is None)


def test_complete_button_opens_selected(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    s = station()
    assert s.window.select_package(package_id)

    s.qtbot.mouseClick(s.window.complete_button, Qt.MouseButton.LeftButton)
    s.idle()

    assert s.open_package is not None
    assert s.open_package.package_id == package_id


def test_item_without_barcode_confirmed_by_key(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, ""])
    s = station()
    s.scan("PKG-0001001")
    assert s.window.verify_panel.confirm_button.isVisible()
    s.scan(SHIRT)

    with s.qtbot.waitSignal(s.window.package_packed):
        s.press(Qt.Key.Key_F6)

    assert package_row(station_db, package_id).status == "packed"


def test_gs1_item_scan_counts(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")

    s.scan("]C101" + "0" + SHIRT + "10LOT7")

    assert s.counts() == {SHIRT: 1, MUG: 0}


def test_remapped_scan_shows_layout_note(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT], tracking_number="TRK-12345")
    s = station()

    s.scan(type_as("TRK-12345", "tr_q"))

    assert s.open_package is not None
    assert s.window.scanner_note.isVisible()
    assert "keyboard layout looks wrong" in s.window.scanner_note.text()
    assert "Turkish Q" in s.window.scanner_note.text()
    s.scan(SHIRT)
    assert not s.window.scanner_note.isVisible()


def test_layout_mismatch_banner(station_db: TestDatabase, station):
    received = type_as("AB-i5", "tr_q")
    add_package(station_db, 1017, [SHIRT], number=remap(received, "tr_q"))
    add_package(station_db, 1018, [MUG], number=remap(received, "tr_f"))
    s = station()

    s.scan(received)

    assert s.open_package is None
    assert s.banner.title() == "Scanner keyboard layout does not match"
    assert "Turkish Q" in s.banner.detail()
    assert s.sounds[-1] == "error"


# -- claims ---------------------------------------------------------------------------


def claim_elsewhere(db: TestDatabase, package_id: int, holder: str = "Masa 2") -> None:
    with transaction(db.sessions) as session:
        assert claim_package(session, package_id, holder).claimed


def test_claimed_elsewhere_warns_and_second_scan_takes_over(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    claim_elsewhere(station_db, package_id)
    s = station()

    s.scan("PKG-0001001")

    assert s.open_package is None
    assert s.window.controller.take_over_offer is not None
    assert s.banner.kind is BannerKind.WARNING
    assert s.banner.title() == "Being packed at station Masa 2"
    assert s.window.verify_panel.take_over_button.isVisible()
    assert "Masa 2" in s.window.verify_panel.claim_warning.text()
    assert package_row(station_db, package_id).claimed_by_station == "Masa 2"
    assert s.sounds == ["error"]

    s.scan(SHIRT)
    assert s.banner.title() == "Being packed at station Masa 2"
    assert s.open_package is None

    s.scan("PKG-0001001")

    assert s.open_package is not None
    assert package_row(station_db, package_id).claimed_by_station == STATION
    with station_db.sessions() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == CLAIM_TAKEN_OVER)
        ).one()
    assert event.old_value == {"station": "Masa 2"}
    assert event.new_value == {"station": STATION}


def test_take_over_key(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    claim_elsewhere(station_db, package_id)
    s = station()
    s.scan("PKG-0001001")

    s.press(Qt.Key.Key_F4)

    assert s.open_package is not None
    assert package_row(station_db, package_id).claimed_by_station == STATION


def test_lost_claim_closes_package(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)
    with transaction(station_db.sessions) as session:
        assert claim_package(session, package_id, "Masa 2", take_over=True).claimed

    s.window.controller.renew_claim()
    s.idle()

    assert s.open_package is None
    assert s.banner.title() == "Taken over by station Masa 2"


def test_lost_claim_refuses_completion(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    s.scan("PKG-0001001")
    s.scan(SHIRT)
    with transaction(station_db.sessions) as session:
        assert claim_package(session, package_id, "Masa 2", take_over=True).claimed

    with s.qtbot.waitSignal(s.window.scan_failed):
        s.scan(MUG, pause_ms=250)

    assert package_row(station_db, package_id).status == "waiting"
    assert s.banner.title() == "Taken over by station Masa 2"
    assert s.open_package is None


def test_expired_claim_is_free(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    with transaction(station_db.sessions) as session:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
        assert claim_package(session, package_id, "Masa 2", now=past).claimed
    s = station()

    s.scan("PKG-0001001")

    assert s.open_package is not None
    assert s.sounds == ["success"]


# -- feedback -------------------------------------------------------------------------


def test_recent_scans_keep_last_twenty(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    s = station()
    for index in range(RECENT_SCANS + 3):
        s.scan(f"NOPE-{index:03d}")

    records = s.window.recent_scans.records()
    assert len(records) == RECENT_SCANS
    assert records[0].code == f"NOPE-{RECENT_SCANS + 2:03d}"
    assert records[0].result == f"Unknown code: NOPE-{RECENT_SCANS + 2:03d}"
    assert records[0].kind is BannerKind.FAILURE
    model = s.window.recent_scans
    assert model.index(0, model.COLUMN_TIME).data().count(":") == 2


def test_sound_setting_off(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    with transaction(station_db.sessions) as session:
        set_setting(session, SOUND_ENABLED, False)
    s = station()
    backends: list[SoundBackend] = []
    s.window.sounds.played.connect(lambda cue, backend: backends.append(backend))

    s.scan("PKG-0001001")

    assert s.sounds == []
    assert backends == [SoundBackend.OFF]


def test_settings_change_reaches_open_window(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT, MUG])
    s = station()
    station_setting(station_db, ALLOW_COMPLETE_WITHOUT_VERIFYING, True)

    with s.qtbot.waitSignal(s.window.settings_applied):
        s.window.settings_changed.emit()
    s.scan("PKG-0001001")
    with s.qtbot.waitSignal(s.window.package_packed):
        s.press(Qt.Key.Key_F2)

    assert package_row(station_db, package_id).status == "packed"


def test_scan_ignored_while_dialog_open(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT])
    s = station()
    dialog = QDialog(s.window)
    dialog.setModal(True)
    dialog.show()
    s.qtbot.waitExposed(dialog)

    s.scan("PKG-0001001")

    assert s.open_package is None
    assert s.sounds == ["error"]
    assert dialog.isVisible()
    dialog.close()


def test_shortcuts_follow_state(station_db: TestDatabase, station):
    add_package(station_db, 1001, [SHIRT, ""])
    s = station()
    window = s.window
    assert not window.cancel_shortcut.isEnabled()
    assert not window.undo_shortcut.isEnabled()
    s.scan("PKG-0001001")
    assert window.cancel_shortcut.isEnabled()
    assert window.undo_shortcut.isEnabled()
    assert window.confirm_shortcut.isEnabled()
    assert not window.take_over_shortcut.isEnabled()
    assert "F2" in window.complete_button.toolTip()
    assert "Ctrl+F" in window.search_field.toolTip()
    assert "Esc" in window.help_line.text()


def test_status_unchanged_after_put_aside(station_db: TestDatabase, station):
    package_id = add_package(station_db, 1001, [SHIRT])
    s = station()
    s.scan("PKG-0001001")
    s.press(Qt.Key.Key_Escape)
    assert package_row(station_db, package_id).status == PackageStatus.WAITING.value


def test_bug_in_job_keeps_queue_moving(
    station_db: TestDatabase, station, monkeypatch: pytest.MonkeyPatch, caplog
):
    add_package(station_db, 1001, [SHIRT])
    s = station()
    original = verify_panel.lookup_scan
    calls: list[str] = []

    def broken_once(sessions, code, **options):
        calls.append(code)
        if len(calls) == 1:
            raise RuntimeError("simulated bug")
        return original(sessions, code, **options)

    monkeypatch.setattr(verify_panel, "lookup_scan", broken_once)

    s.scan("PKG-0001001")
    assert s.banner.title() == "Unexpected error"
    assert s.sounds == ["error"]
    assert "simulated bug" in caplog.text

    s.scan("PKG-0001001")
    assert s.open_package is not None
