"""Fixtures for the window tests: a configured station database, packages, a stand-in engine."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from oms_desktop.core.db import transaction
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import Channel, Order, Package
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui import crash
from oms_desktop.ui.main_window import MainWindow
from tests.conftest import TestDatabase
from tests.factories import TRENDYOL, configure_station, order_payload

# A modal crash dialog would hang a headless run; bugs are logged instead.
os.environ[crash.CRASH_DIALOG_ENV] = "0"

STATION = "Masa 1"


class StandInEngine(QObject):
    """Offers the sync engine's signals and wake(), for tests that drive them by hand.

    Signals:
        packages_changed(list), status_changed(object), cycle_finished(object): as the
            real engine's.
    """

    packages_changed = Signal(list)
    status_changed = Signal(object)
    cycle_finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.wake_calls = 0
        self.last_status = None

    def wake(self) -> None:
        self.wake_calls += 1


@pytest.fixture
def station_db(sqlite_database: TestDatabase) -> TestDatabase:
    """A SQLite station database with channels, cargo companies and a Trendyol route."""
    with transaction(sqlite_database.sessions) as session:
        configure_station(session)
    return sqlite_database


def add_order(db: TestDatabase, pk: int, **kwargs: object) -> int:
    """Ingest one approved Omnitron order and return its package's id."""
    with transaction(db.sessions) as session:
        result = ingest_order(session, order_payload(pk, **kwargs))  # type: ignore[arg-type]
        assert result.package_id is not None, f"order {pk} created no package"
        return result.package_id


def insert_packages(
    session: Session,
    count: int,
    *,
    first_pk: int = 100_000,
    status: PackageStatus = PackageStatus.WAITING,
) -> None:
    """Insert ``count`` orders with one item-less package each, in two bulk statements.

    Ingesting orders one by one costs milliseconds each; paging tests need thousands.
    """
    channel_id = session.scalar(select(Channel.id).where(Channel.omnitron_id == TRENDYOL))
    assert channel_id is not None, "configure_station must run first"
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    session.execute(
        insert(Order),
        [
            {
                "omnitron_id": first_pk + index,
                "number": f"B{first_pk + index}",
                "channel_id": channel_id,
                "tracking_number": f"TRK{first_pk + index}",
                "omnitron_status": "400",
                "created_at": now,
                "updated_at": now,
            }
            for index in range(count)
        ],
    )
    order_ids = {
        omnitron_id: order_id
        for omnitron_id, order_id in session.execute(
            select(Order.omnitron_id, Order.id).where(Order.omnitron_id >= first_pk)
        )
    }
    session.execute(
        insert(Package),
        [
            {
                "number": f"PKG-B{first_pk + index}",
                "order_id": order_ids[first_pk + index],
                "status": status.value,
                "status_code": status.code,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for index in range(count)
        ],
    )


@pytest.fixture
def engine_stand_in() -> StandInEngine:
    return StandInEngine()


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[object]:
    """Build a shown MainWindow whose first page has loaded; closed after the test."""
    windows: list[MainWindow] = []

    def build(db: TestDatabase, engine: QObject | None = None, **options: Any) -> MainWindow:
        window = MainWindow(db.sessions, station=STATION, engine=engine, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: not window.is_busy())
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()
