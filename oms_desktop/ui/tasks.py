"""Work off the GUI thread: a callable runs on a thread pool, its result comes back on the
GUI thread.

This is the only way the user interface runs blocking work (database queries, the
packing command). The work callable must not touch a widget; it opens its own
database session, so one user action is one session and one transaction. Success and
failure callbacks run on the thread that created the runner, normally the GUI thread.

Failures split in two. An exception whose type is in ``expected`` (by default the
core's DomainError) goes to the failure callback, which turns it into a message.
Anything else is a bug: it is logged with its traceback and shown in the crash
dialog, even when the caller gave a failure callback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from oms_desktop.core.errors import DomainError
from oms_desktop.ui import crash

log = logging.getLogger(__name__)

T = TypeVar("T")

ExpectedErrors = tuple[type[BaseException], ...]

# A locked SQLite file, a PostgreSQL server that is down or refuses connections, and an
# exhausted connection pool: the environment's fault, worth a message, not a crash dialog.
DATABASE_ERRORS: ExpectedErrors = (OperationalError, PoolTimeoutError)


class _Carrier(QObject):
    """Lives on the runner's thread; a worker's emit reaches its slots queued, on that thread.

    The slots are methods of this QObject on purpose: a signal connected to a plain
    function may run it on the emitting (worker) thread.

    Signals:
        succeeded(object): the work's return value.
        failed(object): the exception the work raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[object], None], on_failure: Callable[[object], None]
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        self._on_failure(error)


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], carrier: _Carrier) -> None:
        super().__init__()
        # The runner keeps the Python object alive until its result is delivered.
        self.setAutoDelete(False)
        self._work = work
        self._carrier = carrier

    def run(self) -> None:
        try:
            result = self._work()
        # BaseException: whatever ends the work is delivered, so no job vanishes silently.
        except BaseException as error:
            self._carrier.failed.emit(error)
        else:
            self._carrier.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables on its own thread pool and calls back on the runner's thread.

    A runner with ``max_threads=1`` runs its jobs one after another in submission
    order and delivers their results in that order; the package table relies on it.

    Signals:
        became_idle(): the last submitted job has delivered its result.
    """

    became_idle = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_threads: int | None = None,
        report_unexpected: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._report_unexpected = report_unexpected or crash.report_exception
        self._in_flight: dict[_Carrier, _Job[Any]] = {}
        self._closed = False

    def submit(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        expected: ExpectedErrors = (DomainError,),
        description: str = "",
    ) -> None:
        """Run ``work`` on the pool; call ``on_success`` or ``on_failure`` here afterwards.

        Args:
            work: runs on a worker thread; must not touch widgets.
            on_success: receives the return value.
            on_failure: receives an exception whose type is in ``expected``.
            expected: exception types that are a message for the user, not a bug.
            description: names the job in the log and in the crash dialog.

        Raises:
            RuntimeError: the runner was shut down.
        """
        if self._closed:
            raise RuntimeError(f"task runner is shut down; cannot run {description or work!r}")
        carrier: _Carrier

        def deliver_success(result: object) -> None:
            if self._finish(carrier) and on_success is not None:
                on_success(result)  # type: ignore[arg-type]  # the job's own T, erased by Signal

        def deliver_failure(error: object) -> None:
            if not self._finish(carrier):
                return
            assert isinstance(error, BaseException)
            if on_failure is not None and isinstance(error, expected):
                log.info("%s failed: %s", description or "Task", error)
                on_failure(error)
                return
            log.error("Unexpected error in %s", description or "a background task", exc_info=error)
            self._report_unexpected(error, description)

        carrier = _Carrier(deliver_success, deliver_failure)
        job: _Job[T] = _Job(work, carrier)
        self._in_flight[carrier] = job
        self._pool.start(job)

    def pending(self) -> int:
        """Return the number of submitted jobs whose result has not been delivered yet."""
        return len(self._in_flight)

    def is_idle(self) -> bool:
        return not self._in_flight

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop delivering results and wait for running jobs; True if all ended in time.

        Queued jobs that have not started are dropped. Callbacks of jobs still running
        are never called, so a closed window receives nothing.
        """
        self._closed = True
        self._pool.clear()
        finished = self._pool.waitForDone(timeout_ms)
        if not finished:
            log.warning("Background jobs still running after %d ms at shutdown", timeout_ms)
        self._in_flight.clear()
        return bool(finished)

    def _finish(self, carrier: _Carrier) -> bool:
        """Forget a delivered job; False when results must be dropped (runner shut down)."""
        if self._closed:
            return False
        self._in_flight.pop(carrier, None)
        carrier.deleteLater()
        if not self._in_flight:
            self.became_idle.emit()
        return True
