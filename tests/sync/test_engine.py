"""SyncEngine: the sync thread reports through Qt signals and stops cleanly."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import Package
from oms_desktop.core.settings import OUTBOX_INTERVAL, set_setting
from oms_desktop.sync.engine import SyncEngine
from oms_desktop.sync.runner import CycleReport, SyncStatus
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase
from tests.sync.conftest import SimulatorControl


def sync_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "oms-sync"]


def test_engine_emits_signals_and_stops(
    qtbot: QtBot,
    sqlite_database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    control: SimulatorControl,
) -> None:
    engine = SyncEngine(sqlite_database.url, omnitron_settings)
    changed: list[list[int]] = []
    engine.packages_changed.connect(changed.append)

    with (
        qtbot.waitSignal(engine.status_changed, timeout=15_000) as status_signal,
        qtbot.waitSignal(engine.cycle_finished, timeout=15_000) as cycle_signal,
    ):
        engine.start()
    qtbot.waitUntil(lambda: bool(changed), timeout=5_000)

    report = cycle_signal.args[0]
    status = status_signal.args[0]
    assert isinstance(report, CycleReport)
    assert isinstance(status, SyncStatus)
    assert report.orders_created > 0
    assert status.reports_waiting == 0
    with transaction(sqlite_database.sessions) as session:
        package_ids = set(session.scalars(select(Package.id)))
    assert set(changed[0]) == package_ids

    assert engine.stop(timeout=10.0) is True
    assert not engine.is_running()
    assert sync_threads() == []
    assert engine.failure is None


def test_engine_wake_runs_delivery(
    qtbot: QtBot,
    sqlite_database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    control: SimulatorControl,
) -> None:
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, OUTBOX_INTERVAL, 3600)
    engine = SyncEngine(sqlite_database.url, omnitron_settings)
    reports: list[CycleReport] = []
    engine.cycle_finished.connect(reports.append)
    engine.start()
    try:
        qtbot.waitUntil(lambda: len(reports) >= 1, timeout=15_000)
        with qtbot.waitSignal(
            engine.cycle_finished,
            timeout=10_000,
            check_params_cb=lambda report: report.jobs == ["deliver_reports"],
        ):
            engine.wake()
    finally:
        assert engine.stop() is True


def test_engine_stop_without_start() -> None:
    settings = OmnitronSettings(url="http://127.0.0.1:9", user="u", password="p")
    engine = SyncEngine("sqlite://", settings)
    assert engine.stop() is True
    engine.wake()
