"""The background task runner: results on the GUI thread, expected errors apart from bugs."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from oms_desktop.core.errors import UnknownCode
from oms_desktop.ui import crash
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner


class Recorder:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.failures: list[BaseException] = []
        self.unexpected: list[tuple[BaseException, str]] = []
        self.threads: list[QThread] = []

    def success(self, value: object) -> None:
        self.threads.append(QThread.currentThread())
        self.results.append(value)

    def failure(self, error: BaseException) -> None:
        self.threads.append(QThread.currentThread())
        self.failures.append(error)

    def report(self, error: BaseException, description: str) -> None:
        self.unexpected.append((error, description))


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def runner(recorder: Recorder, qtbot: QtBot):
    runner = TaskRunner(report_unexpected=recorder.report)
    yield runner
    runner.shutdown()


def test_work_runs_off_gui_thread(qtbot: QtBot, runner: TaskRunner, recorder: Recorder):
    gui_thread = threading.get_ident()
    work_threads: list[int] = []

    def work() -> int:
        work_threads.append(threading.get_ident())
        return 42

    with qtbot.waitSignal(runner.became_idle):
        runner.submit(work, recorder.success, recorder.failure)

    assert recorder.results == [42]
    assert work_threads and work_threads[0] != gui_thread
    assert recorder.threads == [QThread.currentThread()]


def test_domain_error_goes_to_failure_callback(
    qtbot: QtBot, runner: TaskRunner, recorder: Recorder
):
    def work() -> None:
        raise UnknownCode("X1")

    with qtbot.waitSignal(runner.became_idle):
        runner.submit(work, recorder.success, recorder.failure)

    assert [type(error) for error in recorder.failures] == [UnknownCode]
    assert recorder.unexpected == []
    assert recorder.threads == [QThread.currentThread()]


def test_database_error_expected_when_listed(qtbot: QtBot, runner: TaskRunner, recorder: Recorder):
    def work() -> None:
        raise OperationalError("BEGIN", {}, Exception("database is locked"))

    with qtbot.waitSignal(runner.became_idle):
        runner.submit(work, recorder.success, recorder.failure, expected=DATABASE_ERRORS)

    assert len(recorder.failures) == 1
    assert recorder.unexpected == []


def test_bug_reaches_reporter_despite_failure_callback(
    qtbot: QtBot, runner: TaskRunner, recorder: Recorder, caplog: pytest.LogCaptureFixture
):
    def work() -> None:
        raise KeyError("bug")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.became_idle):
        runner.submit(work, recorder.success, recorder.failure, description="doing a thing")

    assert recorder.failures == []
    assert len(recorder.unexpected) == 1
    error, description = recorder.unexpected[0]
    assert isinstance(error, KeyError)
    assert description == "doing a thing"
    assert "doing a thing" in caplog.text


def test_serial_runner_keeps_order(qtbot: QtBot, recorder: Recorder):
    runner = TaskRunner(max_threads=1, report_unexpected=recorder.report)
    for number in range(20):
        runner.submit(lambda number=number: number, recorder.success)
    qtbot.waitUntil(runner.is_idle)
    assert recorder.results == list(range(20))
    runner.shutdown()


def test_shutdown_drops_late_results(qtbot: QtBot, recorder: Recorder):
    runner = TaskRunner(report_unexpected=recorder.report)
    release = threading.Event()
    runner.submit(lambda: release.wait(5), recorder.success)
    release.set()
    assert runner.shutdown(timeout_ms=5000)
    # Deliver whatever the finished job posted: nothing may arrive after shutdown.
    QCoreApplication.processEvents()
    assert recorder.results == []
    with pytest.raises(RuntimeError, match="shut down"):
        runner.submit(lambda: 1, recorder.success)


def test_default_reporter_only_logs_without_dialog(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "0")
    runner = TaskRunner()

    def work() -> None:
        raise ZeroDivisionError("boom")

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.became_idle):
        runner.submit(work, description="dividing")
    assert "ZeroDivisionError" in caplog.text
    runner.shutdown()
