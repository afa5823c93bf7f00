"""The supervisor gate in front of the settings: first-start set-up, wrong and right PINs,
the lockout, and the gate opening the settings dialog."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from oms_desktop.core.auth import MAX_FAILED_ATTEMPTS, CheckOutcome, set_secret
from oms_desktop.core.db import transaction
from oms_desktop.core.models import AuditEvent, SupervisorCredential
from oms_desktop.ui.settings_common import is_marked
from oms_desktop.ui.settings_dialog import SettingsDialog, open_settings
from oms_desktop.ui.supervisor_gate import GateMode, SupervisorGate
from tests.conftest import TestDatabase

STATION = "Masa 3"
PIN = "2468"


def audit_actions(db: TestDatabase) -> list[str]:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.fixture
def secured_db(sqlite_database: TestDatabase) -> TestDatabase:
    with transaction(sqlite_database.sessions) as session:
        set_secret(session, PIN, station="it-desk")
    return sqlite_database


@pytest.fixture
def make_gate(qtbot: QtBot) -> Iterator[object]:
    gates: list[SupervisorGate] = []

    def build(db: TestDatabase) -> SupervisorGate:
        gate = SupervisorGate(db.sessions, station=STATION)
        qtbot.addWidget(gate)
        gates.append(gate)
        gate.show()
        qtbot.waitUntil(lambda: gate.mode is not GateMode.LOADING)
        return gate

    yield build
    for gate in gates:
        gate.close()


def check(qtbot: QtBot, gate: SupervisorGate, secret: str) -> object:
    gate.secret_field.setText(secret)
    with qtbot.waitSignal(gate.check_finished, timeout=5000) as blocker:
        gate.submit()
    return blocker.args[0]


def test_wrong_pin_refused_logged_and_audited(
    qtbot: QtBot, make_gate, secured_db: TestDatabase, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.WARNING)
    gate = make_gate(secured_db)
    unlocked: list[str] = []
    gate.unlocked.connect(unlocked.append)

    result = check(qtbot, gate, "9999")

    assert result.outcome is CheckOutcome.REJECTED
    assert result.attempts_left == MAX_FAILED_ATTEMPTS - 1
    assert unlocked == []
    assert gate.isVisible()
    assert is_marked(gate.secret_field)
    assert "4" in gate.message.text()
    assert "Wrong supervisor secret" in caplog.text
    assert "9999" not in caplog.text
    assert audit_actions(secured_db) == ["supervisor_secret_set", "supervisor_login_failed"]


def test_right_pin_unlocks_with_operator(qtbot: QtBot, make_gate, secured_db: TestDatabase):
    gate = make_gate(secured_db)
    gate.name_field.setText("Ayşe Demir")
    gate.secret_field.setText(PIN)

    with qtbot.waitSignal(gate.unlocked, timeout=5000) as blocker:
        gate.submit()

    assert blocker.args == ["Ayşe Demir"]
    assert gate.result() == SupervisorGate.DialogCode.Accepted
    with secured_db.sessions() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "settings_opened")
        ).one()
    assert (event.station, event.operator) == (STATION, "Ayşe Demir")


def test_lockout_after_too_many_failures(qtbot: QtBot, make_gate, secured_db: TestDatabase):
    gate = make_gate(secured_db)

    results = [check(qtbot, gate, f"000{attempt}") for attempt in range(MAX_FAILED_ATTEMPTS)]

    assert [r.outcome for r in results[:-1]] == [CheckOutcome.REJECTED] * (MAX_FAILED_ATTEMPTS - 1)
    assert results[-1].outcome is CheckOutcome.LOCKED
    assert results[-1].locked_until is not None
    assert not gate.secret_field.isEnabled()
    assert "until" in gate.message.text()


def test_locked_gate_refuses_right_pin(qtbot: QtBot, make_gate, secured_db: TestDatabase):
    first = make_gate(secured_db)
    for attempt in range(MAX_FAILED_ATTEMPTS):
        check(qtbot, first, f"111{attempt}")
    first.close()
    second = make_gate(secured_db)
    unlocked: list[str] = []
    second.unlocked.connect(unlocked.append)

    result = check(qtbot, second, PIN)

    assert result.outcome is CheckOutcome.LOCKED
    assert unlocked == []


def test_first_start_asks_for_new_secret_twice(
    qtbot: QtBot, make_gate, sqlite_database: TestDatabase
):
    gate = make_gate(sqlite_database)
    assert gate.mode is GateMode.SET_SECRET
    assert gate.repeat_field.isVisible()

    gate.secret_field.setText("13")
    gate.repeat_field.setText("13")
    gate.submit()
    assert is_marked(gate.secret_field)

    gate.secret_field.setText("135790")
    gate.repeat_field.setText("135791")
    gate.submit()
    assert is_marked(gate.repeat_field)
    with sqlite_database.sessions() as session:
        assert session.get(SupervisorCredential, "supervisor") is None

    gate.repeat_field.setText("135790")
    with qtbot.waitSignal(gate.unlocked, timeout=5000):
        gate.submit()

    with sqlite_database.sessions() as session:
        stored = session.get(SupervisorCredential, "supervisor")
        assert stored is not None
        assert "135790" not in stored.password_hash
    assert audit_actions(sqlite_database) == ["supervisor_secret_set"]


def test_gate_then_dialog(qtbot: QtBot, secured_db: TestDatabase):
    opened: list[SettingsDialog] = []
    gate = open_settings(None, secured_db.sessions, station=STATION, on_opened=opened.append)
    qtbot.waitUntil(lambda: gate.mode is GateMode.CHECK)

    refused = check(qtbot, gate, "1357")
    assert refused.outcome is CheckOutcome.REJECTED
    assert opened == []

    gate.secret_field.setText(PIN)
    gate.submit()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=5000)
    dialog = opened[0]
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=5000)

    assert dialog.isVisible()
    assert "supervisor" in dialog.windowTitle()
    assert audit_actions(secured_db)[-2:] == ["supervisor_login_failed", "settings_opened"]
    dialog.reject()


def test_window_menu_opens_gate(qtbot: QtBot, make_window, station_db: TestDatabase):
    window = make_window(station_db)

    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()

    gates = [child for child in window.findChildren(SupervisorGate) if child.isVisible()]
    assert len(gates) == 1
    qtbot.waitUntil(lambda: gates[0].mode is GateMode.SET_SECRET)
    gates[0].reject()
