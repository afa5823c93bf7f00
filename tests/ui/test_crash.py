"""Crash reporting: bugs are logged; the dialog shows copyable details when enabled."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from oms_desktop.ui import crash


def raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


@pytest.fixture(autouse=True)
def reset_switch():
    yield
    crash.set_crash_dialog_enabled(None)


def test_switch_reads_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "0")
    assert not crash.crash_dialog_enabled()
    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "1")
    assert crash.crash_dialog_enabled()
    crash.set_crash_dialog_enabled(False)
    assert not crash.crash_dialog_enabled()


def test_report_only_logs_when_switched_off(caplog: pytest.LogCaptureFixture):
    crash.set_crash_dialog_enabled(False)
    with caplog.at_level(logging.ERROR):
        crash.report_exception(raised(ValueError("bad value 7")), "scanning")
    assert "Unexpected error in scanning" in caplog.text
    assert "bad value 7" in caplog.text


def test_details_name_versions_and_traceback():
    details = crash.format_details(raised(ValueError("bad value 7")), "scanning")
    assert "oms-desktop: scanning" in details
    assert "PySide6" in details
    assert "Traceback" in details
    assert "ValueError: bad value 7" in details


def test_dialog_copies_details(qtbot: QtBot):
    dialog = crash.CrashDialog("the details")
    qtbot.addWidget(dialog)
    dialog.copy_details()
    assert QGuiApplication.clipboard().text() == "the details"
    assert dialog.details.isReadOnly()


def test_dialog_opens_when_enabled(qtbot: QtBot, caplog: pytest.LogCaptureFixture):
    crash.set_crash_dialog_enabled(True)
    seen: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, crash.CrashDialog):
            seen.append(dialog.details.toPlainText())
            dialog.reject()
        else:
            QTimer.singleShot(20, close_dialog)

    QTimer.singleShot(20, close_dialog)
    with caplog.at_level(logging.ERROR):
        crash.report_exception(raised(RuntimeError("shown")), "a test")
    assert len(seen) == 1
    assert "RuntimeError: shown" in seen[0]


def test_excepthook_routes_to_report(monkeypatch: pytest.MonkeyPatch):
    reported: list[BaseException] = []
    monkeypatch.setattr(crash, "report_exception", lambda error, context="": reported.append(error))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install_excepthook(False)
    error = raised(LookupError("hooked"))
    sys.excepthook(type(error), error, error.__traceback__)
    assert reported == [error]
