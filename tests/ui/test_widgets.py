"""Banner, status badges and the error texts each core error maps to."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from oms_desktop.core.command import PackResult
from oms_desktop.core.errors import (
    AlreadyPacked,
    AmbiguousCode,
    ConcurrentUpdate,
    NoRoute,
    NoTrackingNumber,
    NoTransition,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.banner import PALETTES, Banner, BannerKind
from oms_desktop.ui.messages import error_message, packed_message
from oms_desktop.ui.packing import PackOutcome
from oms_desktop.ui.status_delegate import BADGE_COLOURS, StatusBadgeDelegate, badge_colours

STATUS_ROLE = Qt.ItemDataRole.UserRole + 3


def test_banner_kinds_change_colour(qtbot: QtBot):
    banner = Banner()
    qtbot.addWidget(banner)
    with qtbot.waitSignal(banner.changed) as changed:
        banner.show_success("Packed: PKG-1", "tracking no. 1")
    assert changed.args == [BannerKind.SUCCESS]
    assert banner.title() == "Packed: PKG-1"
    assert banner.detail() == "tracking no. 1"
    assert PALETTES[BannerKind.SUCCESS].background in banner.styleSheet()

    banner.show_failure("Unknown code: X")
    assert banner.kind is BannerKind.FAILURE
    assert PALETTES[BannerKind.FAILURE].background in banner.styleSheet()
    assert banner.detail() == ""

    banner.show_warning("Order cancelled", "<b>not markup</b>")
    assert banner.kind is BannerKind.WARNING
    assert banner.detail() == "<b>not markup</b>"


def test_every_status_has_its_own_badge():
    colours = {badge.background.name() for badge in BADGE_COLOURS.values()}
    assert set(BADGE_COLOURS) == set(PackageStatus)
    assert len(colours) == len(PackageStatus)
    assert badge_colours("no_such_status").background == QColor("#9e9e9e")


@pytest.mark.parametrize("status", [PackageStatus.PACKED, PackageStatus.CANCELLED])
def test_delegate_paints_badge_colour(qtbot: QtBot, status: PackageStatus):
    model = QStandardItemModel(1, 1)
    item = QStandardItem("Badge")
    item.setData(status.value, STATUS_ROLE)
    model.setItem(0, 0, item)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(StatusBadgeDelegate(STATUS_ROLE, view))
    view.resize(300, 120)
    view.setColumnWidth(0, 200)
    view.setRowHeight(0, 36)
    view.show()
    qtbot.waitExposed(view)

    image = view.viewport().grab().toImage()
    rect = view.visualRect(model.index(0, 0, QModelIndex()))
    # A point inside the badge, left of its centred text.
    pixel = image.pixelColor(rect.left() + 8, rect.center().y())
    assert pixel.name() == BADGE_COLOURS[status].background.name()


def test_packed_message_names_tracking_and_items():
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    outcome = PackOutcome(PackResult(1, "PKG-0000001", "1001", "7330001", now, 2), 2)
    message = packed_message(outcome)
    assert message.kind is BannerKind.SUCCESS
    assert message.title == "Packed: PKG-0000001"
    assert message.detail == "tracking no. 7330001 · 2 item(s) · order 1001"


@pytest.mark.parametrize(
    ("error", "kind", "title", "detail_parts"),
    [
        (UnknownCode("X9"), BannerKind.FAILURE, "Unknown code: X9", ["Check the code"]),
        (
            AmbiguousCode("1001", ["PKG-1", "PKG-2"]),
            BannerKind.FAILURE,
            "Code matches several packages: 1001",
            ["PKG-1, PKG-2", "package number"],
        ),
        (
            AlreadyPacked("PKG-1", "shipped", None, None),
            BannerKind.FAILURE,
            "Already packed: PKG-1",
            ["Status now: Shipped"],
        ),
        (
            NoTransition("PKG-1", "out_of_stock", "CHANNEL_BASED_COMPLETE_PACKAGING"),
            BannerKind.FAILURE,
            "Cannot pack PKG-1",
            ["Out of stock", "CHANNEL_BASED_COMPLETE_PACKAGING", "supervisor"],
        ),
        (
            NoRoute("PKG-1", "Hepsiburada", None),
            BannerKind.FAILURE,
            "No shipping route: PKG-1",
            ["Hepsiburada", "no cargo company", "supervisor"],
        ),
        (
            NoTrackingNumber("PKG-1", "1001"),
            BannerKind.FAILURE,
            "No tracking number yet: PKG-1",
            ["1001", "Set the package aside", "next sync"],
        ),
        (
            OrderCancelled("PKG-1", "1001"),
            BannerKind.CANCELLED,
            "Order cancelled: do not pack, put the items back",
            ["PKG-1", "1001"],
        ),
        (
            ConcurrentUpdate("PKG-1"),
            BannerKind.FAILURE,
            "Changed by another station: PKG-1",
            ["nothing was packed"],
        ),
        (
            OperationalError("BEGIN", {}, Exception("database is locked")),
            BannerKind.FAILURE,
            "Database busy or unreachable",
            ["Nothing was packed", "scan X9 again"],
        ),
    ],
)
def test_error_messages(error, kind: BannerKind, title: str, detail_parts: list[str]):
    message = error_message(error, "X9")
    assert message.kind is kind
    assert message.title == title
    for part in detail_parts:
        assert part in message.detail


def test_error_message_rejects_bugs():
    with pytest.raises(TypeError, match="unexpected error"):
        error_message(KeyError("bug"), "X9")
