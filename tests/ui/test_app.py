"""run_gui: the whole start-up and shut-down, with the window closed by a timer."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from oms_desktop.core.db import SchemaState, make_engine, schema_state
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.settings import OmnitronSettings
from oms_desktop.ui import app as app_module
from oms_desktop.ui import i18n
from oms_desktop.ui.app import EXIT_OK, EXIT_SCHEMA_NEWER, run_gui
from oms_desktop.ui.main_window import MainWindow
from tests.conftest import TestDatabase


@pytest.fixture
def restore_app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    previous_locale = QLocale()
    yield
    qapp.setQuitOnLastWindowClosed(True)
    i18n.remove_translators(qapp)
    QLocale.setDefault(previous_locale)


def close_window_when_shown(seen: list[MainWindow]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible() and not widget.is_busy():
            seen.append(widget)
            widget.close()
            return
    QTimer.singleShot(20, lambda: close_window_when_shown(seen))


def test_run_gui_offline_opens_and_closes(restore_app, sqlite_database: TestDatabase):
    seen: list[MainWindow] = []
    QTimer.singleShot(0, lambda: close_window_when_shown(seen))

    code = run_gui(
        sqlite_database.url, None, station="Masa 9", language="en", window_title_suffix=" (test)"
    )

    assert code == EXIT_OK
    assert len(seen) == 1
    assert seen[0].windowTitle() == "Packing station – Masa 9 (test)"
    assert seen[0].station == "Masa 9"
    assert "Sync off" in seen[0].sync_status.text()


def test_run_gui_creates_schema_of_new_database(restore_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    seen: list[MainWindow] = []
    QTimer.singleShot(0, lambda: close_window_when_shown(seen))

    assert run_gui(url, None, station="Masa 9", language="en") == EXIT_OK

    engine = make_engine(url)
    assert schema_state(engine).state is SchemaState.CURRENT
    engine.dispose()


def test_run_gui_refuses_newer_schema(
    restore_app, sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch
):
    with sqlite_database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, message: shown.append(message)
    )

    code = run_gui(sqlite_database.url, None, station="Masa 9", language="en")

    assert code == EXIT_SCHEMA_NEWER
    assert len(shown) == 1
    assert "from_the_future" in shown[0]
    assert not any(
        isinstance(widget, MainWindow) and widget.isVisible()
        for widget in QApplication.topLevelWidgets()
    )


def test_background_tasks_cancelled_on_quit():
    import asyncio

    async def scenario() -> bool:
        tasks = app_module.BackgroundTasks()
        started = asyncio.Event()

        async def forever() -> None:
            started.set()
            await asyncio.sleep(3600)

        task = tasks.spawn(forever(), "forever")
        await started.wait()
        await tasks.cancel_all()
        return task.cancelled()

    assert asyncio.run(scenario())


def test_run_gui_with_sync_engine(restore_app, sqlite_database: TestDatabase):
    seen: list[str] = []
    deadline = time.monotonic() + 20

    def close_after_first_sync() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                text = widget.sync_status.text()
                synced = "Last sync" in text and widget.model.rowCount() > 0
                if synced or time.monotonic() > deadline:
                    seen.append(text if synced else f"no sync within 20 s: {text}")
                    widget.close()
                    return
        QTimer.singleShot(50, close_after_first_sync)

    with SimulatorServer(seed=2, port=0, order_count=5) as simulator:
        settings = OmnitronSettings(
            url=simulator.url,
            user=DEFAULT_USER,
            password=DEFAULT_PASSWORD,
            connect_timeout=2.0,
            read_timeout=5.0,
        )
        QTimer.singleShot(0, close_after_first_sync)
        code = run_gui(sqlite_database.url, settings, station="Masa 9", language="en")

    assert code == EXIT_OK
    assert len(seen) == 1
    assert "Last sync" in seen[0]
    assert not [thread for thread in threading.enumerate() if thread.name == "oms-sync"]
