"""A whole supervisor and packing session, then a search for the secrets in every file the
station wrote: the SQLite database (with its WAL), the log files and the exported
configuration must contain neither the Omnitron password nor the supervisor PIN."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.models import AppSetting, Package, utcnow
from oms_desktop.core.outbox import outbox_stats
from oms_desktop.logging_setup import configure_logging, reset_logging
from oms_desktop.simulator import SimulatorServer
from oms_desktop.sync.connection_test import ConnectionTestKind
from oms_desktop.sync.runner import run_once
from oms_desktop.sync.settings import load_omnitron_settings
from oms_desktop.ui import crash
from oms_desktop.ui.settings_dialog import SettingsDialog, open_settings
from oms_desktop.ui.supervisor_gate import GateMode
from tests.conftest import TestDatabase
from tests.sync.conftest import route_every_order
from tests.sync.test_secrets import MemoryKeyring

OMNITRON_USER = "depo-entegrasyon"
OMNITRON_PASSWORD = "Zq7!Kargo-Şifre-Çok-Gizli-6610"
SUPERVISOR_PIN = "PIN-5183-Gizli"
STATION = "Masa 5"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "logs" / "oms-desktop.log"
    configure_logging("DEBUG", log_file=path, stderr=False)
    yield path
    reset_logging()


def files_with(secret: str, paths: list[Path]) -> list[str]:
    needle = secret.encode("utf-8")
    return [str(path) for path in paths if needle in path.read_bytes()]


def test_session_leaves_no_secret_on_disk(
    qtbot: QtBot,
    sqlite_database: TestDatabase,
    memory_keyring: MemoryKeyring,
    log_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "0")
    monkeypatch.delenv("OMS_OMNITRON_PASSWORD", raising=False)
    db = sqlite_database
    with SimulatorServer(
        seed=7, user=OMNITRON_USER, password=OMNITRON_PASSWORD, order_count=12
    ) as simulator:
        # The supervisor sets the PIN at first start and opens the settings.
        opened: list[SettingsDialog] = []
        gate = open_settings(None, db.sessions, station=STATION, on_opened=opened.append)
        qtbot.waitUntil(lambda: gate.mode is GateMode.SET_SECRET)
        gate.name_field.setText("Ayşe Demir")
        gate.secret_field.setText(SUPERVISOR_PIN)
        gate.repeat_field.setText(SUPERVISOR_PIN)
        gate.submit()
        qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
        dialog = opened[0]
        qtbot.waitUntil(lambda: dialog.draft is not None, timeout=5000)

        # Omnitron is configured through the dialog, tested and saved.
        connection = dialog.connection_tab
        for field, text in (
            (connection.url_field, simulator.url),
            (connection.user_field, OMNITRON_USER),
            (connection.password_field, OMNITRON_PASSWORD),
        ):
            field.setText(text)
            field.textEdited.emit(text)
        with qtbot.waitSignal(connection.test_finished, timeout=10_000) as tested:
            connection.start_test()
        assert tested.args[0].kind is ConnectionTestKind.SUCCESS
        with qtbot.waitSignal(dialog.saved, timeout=5000):
            dialog.save()
        assert list(memory_keyring.entries.values()) == [OMNITRON_PASSWORD]

        # A sync cycle with the stored password pulls orders; a packing queues reports;
        # the next cycle delivers them.
        with db.sessions() as session:
            settings = load_omnitron_settings(session, {})
        first = run_once(db.url, settings)
        assert first.errors == [], first.errors
        assert first.orders_created > 0
        route_every_order(db)
        with db.sessions() as session:
            numbers = list(
                session.scalars(select(Package.number).where(Package.status == "waiting"))
            )
        packed = 0
        for number in numbers:
            try:
                with transaction(db.sessions) as session:
                    pack_code(session, number, station=STATION, operator="Ayşe Demir")
                packed += 1
                break
            except Exception:  # a few simulator orders lack a tracking number
                continue
        assert packed == 1
        second = run_once(db.url, settings)
        assert second.errors == [], second.errors
        assert second.reports_delivered > 0

        # The configuration is exported through the dialog.
        export = tmp_path / "export" / "station.json"
        export.parent.mkdir()
        with qtbot.waitSignal(dialog.transfer_tab.exported, timeout=5000):
            dialog.transfer_tab.export_to(str(export))
        dialog.shutdown()
        dialog.close()

    with db.sessions() as session:
        assert outbox_stats(session, utcnow()).failed == 0
        assert session.get(AppSetting, "OMNITRON_USER") is not None
    logging.getLogger("oms_desktop").info("Session finished")
    reset_logging()
    db.engine.dispose()

    database_files = sorted(Path(db.url.removeprefix("sqlite:///")).parent.glob("station.sqlite3*"))
    log_files = sorted(log_file.parent.glob("oms-desktop.log*"))
    written = [*database_files, *log_files, export]
    assert database_files and log_files
    log_text = "\n".join(path.read_text(encoding="utf-8") for path in log_files)
    # The log did record the session, so an empty log cannot pass the search below.
    assert "Logged in to Omnitron" in log_text
    assert OMNITRON_USER in log_text
    assert "Session finished" in log_text

    assert files_with(OMNITRON_PASSWORD, written) == []
    assert files_with(SUPERVISOR_PIN, written) == []
