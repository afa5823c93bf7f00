"""Quick typing in the supervisor's dialogs stays text for the dialog, never a scan."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from oms_desktop.ui.supervisor_gate import GateMode, SupervisorGate
from tests.conftest import TestDatabase
from tests.ui.conftest import STATION


def test_fast_pin_reaches_gate_field(qtbot: QtBot, station_db: TestDatabase, make_window) -> None:
    window = make_window(station_db)
    gate = SupervisorGate(station_db.sessions, station=STATION, parent=window)
    qtbot.addWidget(gate)
    gate.show()
    qtbot.waitExposed(gate)
    qtbot.waitUntil(lambda: gate.mode is not GateMode.LOADING)
    gate.activateWindow()
    gate.secret_field.setFocus()

    # keyClicks sends the keys back to back, faster than any scanner's key gap.
    qtbot.keyClicks(gate.secret_field, "482913")

    assert gate.secret_field.text() == "482913"
    assert window.scan_field.text() == ""
