"""The package table model: Qt's model contract, keyset paging and in-place updates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import Package
from oms_desktop.core.queries import PackageRow, list_packages_after
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.labels import format_age, status_label
from oms_desktop.ui.package_model import PackageTableModel, StatusFilter
from oms_desktop.ui.search import PackageFilterProxyModel
from tests.conftest import TestDatabase
from tests.ui.conftest import add_order, insert_packages

Model = PackageTableModel


def load_all(qtbot: QtBot, model: PackageTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.is_busy())
    qtbot.waitUntil(lambda: not model.is_busy())


def set_status(db: TestDatabase, package_id: int, status: PackageStatus) -> None:
    with transaction(db.sessions) as session:
        package = session.get(Package, package_id)
        assert package is not None
        package.set_status(status, dt.datetime.now(dt.UTC))


def test_model_passes_qtmodeltester(qtbot: QtBot, qtmodeltester, station_db: TestDatabase):
    for pk in range(1, 6):
        add_order(station_db, pk)
    model = PackageTableModel(station_db.sessions, status_filter=StatusFilter.ALL, page_size=2)
    qtmodeltester.check(model)
    load_all(qtbot, model)
    assert model.rowCount() == 5
    qtmodeltester.check(model)

    first = model.package_at(0).id
    set_status(station_db, first, PackageStatus.CANCELLED)
    model.update_rows([first])
    qtbot.waitUntil(lambda: not model.is_busy())
    assert model.index(0, Model.COLUMN_STATUS).data(Model.STATUS_ROLE) == "cancelled"


def test_fetch_more_grows_by_pages(qtbot: QtBot, station_db: TestDatabase):
    with transaction(station_db.sessions) as session:
        insert_packages(session, 1200)
    model = PackageTableModel(station_db.sessions, page_size=500)
    assert model.rowCount() == 0
    assert model.canFetchMore(QModelIndex())

    counts = []
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.page_loaded):
            model.fetchMore(QModelIndex())
            # While a page is on its way, the view must not ask for the same page again.
            assert not model.canFetchMore(QModelIndex())
        counts.append(model.rowCount())

    assert counts == [500, 1000, 1200]
    ids = model.loaded_ids()
    assert ids == sorted(ids)
    assert len(set(ids)) == 1200


def test_keyset_query_pages_by_id(station_db: TestDatabase):
    with transaction(station_db.sessions) as session:
        insert_packages(session, 7)
        insert_packages(session, 3, first_pk=200_000, status=PackageStatus.DELIVERED)
    with station_db.sessions() as session:
        first = list_packages_after(session, 0, 4, ["waiting"])
        second = list_packages_after(session, first[-1].id, 4, ["waiting"])
        delivered = list_packages_after(session, 0, 100, ["delivered"])
        nothing = list_packages_after(session, 0, 100, [])
    assert [len(first), len(second)] == [4, 3]
    assert first[-1].id < second[0].id
    assert len(delivered) == 3
    assert nothing == []


def test_update_rows_changes_only_given_row(qtbot: QtBot, station_db: TestDatabase):
    ids = [add_order(station_db, pk) for pk in range(1, 5)]
    model = PackageTableModel(station_db.sessions)
    proxy = PackageFilterProxyModel(Model.PACKAGE_ROW_ROLE, Model.SORT_ROLE)
    proxy.setSourceModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    load_all(qtbot, model)
    view.selectionModel().select(
        proxy.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    selected_id = proxy.index(0, 0).data(Model.PACKAGE_ROW_ROLE).id

    changed_rows: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(
        lambda top, bottom, *_: changed_rows.append((top.row(), bottom.row()))
    )
    model.modelReset.connect(lambda: resets.append(True))
    target = ids[2]
    set_status(station_db, target, PackageStatus.PREPARING)
    with qtbot.waitSignal(model.rows_updated):
        model.update_rows([target])

    target_row = model.row_of(target)
    assert changed_rows == [(target_row, target_row)]
    assert resets == []
    assert model.rowCount() == 4
    assert model.index(target_row, Model.COLUMN_STATUS).data() == status_label("preparing")
    selected = view.selectionModel().selectedRows()
    assert len(selected) == 1
    assert selected[0].data(Model.PACKAGE_ROW_ROLE).id == selected_id


def test_update_rows_inserts_and_removes(qtbot: QtBot, station_db: TestDatabase):
    first = add_order(station_db, 1)
    second = add_order(station_db, 2)
    model = PackageTableModel(station_db.sessions, status_filter=StatusFilter.WAITING)
    load_all(qtbot, model)
    assert model.loaded_ids() == [first, second]

    set_status(station_db, first, PackageStatus.PACKED)
    third = add_order(station_db, 3)
    with qtbot.waitSignal(model.rows_updated):
        model.update_rows([first, third])

    assert model.loaded_ids() == [second, third]


def test_update_rows_skips_ids_beyond_loaded_page(qtbot: QtBot, station_db: TestDatabase):
    with transaction(station_db.sessions) as session:
        insert_packages(session, 6)
    model = PackageTableModel(station_db.sessions, page_size=3)
    with qtbot.waitSignal(model.page_loaded):
        model.fetchMore(QModelIndex())
    with station_db.sessions() as session:
        all_ids = list(session.scalars(select(Package.id).order_by(Package.id)))
    beyond = all_ids[4]

    with qtbot.waitSignal(model.rows_updated):
        model.update_rows([beyond])
    assert model.row_of(beyond) is None

    load_all(qtbot, model)
    assert model.loaded_ids() == all_ids


def test_status_filter_lists_only_matching(qtbot: QtBot, station_db: TestDatabase):
    waiting = add_order(station_db, 1)
    cancelled = add_order(station_db, 2)
    delivered = add_order(station_db, 3)
    set_status(station_db, cancelled, PackageStatus.CANCELLED)
    set_status(station_db, delivered, PackageStatus.DELIVERED)
    model = PackageTableModel(station_db.sessions)
    load_all(qtbot, model)
    assert model.loaded_ids() == [waiting, cancelled]

    model.set_status_filter(StatusFilter.CANCELLED)
    qtbot.waitUntil(lambda: not model.is_busy())
    assert model.loaded_ids() == [cancelled]

    model.set_status_filter(StatusFilter.ALL)
    qtbot.waitUntil(lambda: not model.is_busy())
    assert model.loaded_ids() == [waiting, cancelled, delivered]


def test_cells_and_sort_values(qtbot: QtBot, station_db: TestDatabase):
    package_id = add_order(station_db, 7, items=3)
    placed = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    now = placed + dt.timedelta(hours=3, minutes=10)
    model = PackageTableModel(station_db.sessions, clock=lambda: now)
    load_all(qtbot, model)
    row = model.row_of(package_id)
    assert row is not None

    def cell(column: int, role: int = Qt.ItemDataRole.DisplayRole):
        return model.index(row, column).data(role)

    assert cell(Model.COLUMN_NUMBER) == "PKG-0000007"
    assert cell(Model.COLUMN_ORDER) == "1000000007"
    assert cell(Model.COLUMN_CHANNEL) == "Trendyol"
    assert cell(Model.COLUMN_CARGO) == "Trendyol Express"
    assert cell(Model.COLUMN_ITEMS) == 3
    assert cell(Model.COLUMN_AGE) == format_age(3 * 3600 + 600)
    assert cell(Model.COLUMN_AGE, Model.SORT_ROLE) == 3 * 3600 + 600
    assert cell(Model.COLUMN_STATUS) == status_label("waiting")
    assert cell(Model.COLUMN_STATUS, Model.SORT_ROLE) == PackageStatus.WAITING.code
    assert cell(Model.COLUMN_TRACKING) == "7330001234567"
    assert cell(Model.COLUMN_SHIPMENT) == ""
    assert isinstance(cell(Model.COLUMN_NUMBER, Model.PACKAGE_ROW_ROLE), PackageRow)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(Model.COLUMN_COUNT)]
    assert all(isinstance(header, str) and header for header in headers)


def test_age_formats_by_unit():
    assert format_age(30) == "<1 min"
    assert format_age(12 * 60 + 5) == "12 min"
    assert format_age(3 * 3600 + 59 * 60) == "3 h"
    assert format_age(2 * 86400 + 3600) == "2 d"
