"""The sync engine for the GUI: SyncLoop on its own thread, reporting through Qt signals.

This is the only sync module that imports Qt, and it uses QtCore only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

from PySide6.QtCore import QObject, Signal

from oms_desktop.core.db import make_engine, make_session_factory
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.runner import LEASE_TTL_SECONDS, CycleReport, SyncLoop, SyncStatus
from oms_desktop.sync.settings import OmnitronSettings

log = logging.getLogger(__name__)


class SyncEngine(QObject):
    """Runs the sync jobs on a background thread with its own asyncio loop, database
    engine and HTTP client.

    Signals are emitted from the sync thread; Qt queues them to receivers that live on the
    GUI thread, so slots run there. The engine never touches a widget.

    Signals:
        cycle_finished(object): a CycleReport after each run of due jobs.
        packages_changed(list): ids of the packages the sync created or changed, when a
            cycle changed any.
        status_changed(object): a SyncStatus after each cycle and while in standby.
    """

    cycle_finished = Signal(object)
    packages_changed = Signal(list)
    status_changed = Signal(object)

    def __init__(
        self,
        database_url: str,
        settings: OmnitronSettings,
        parent: QObject | None = None,
        *,
        owner: str | None = None,
        lease_ttl_seconds: float = LEASE_TTL_SECONDS,
    ) -> None:
        """Prepare the engine; ``start`` runs it.

        Args:
            owner: the sync lease holder name, ``engine_owner(station)`` for a window;
                None makes one from the host name and process id.
            lease_ttl_seconds: lease time to live, see ``oms_desktop.sync.runner``.
        """
        super().__init__(parent)
        self._database_url = database_url
        self._settings = settings
        self._owner = owner
        self._lease_ttl_seconds = lease_ttl_seconds
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._sync_loop: SyncLoop | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self.last_status: SyncStatus | None = None
        self.last_report: CycleReport | None = None
        self.failure: BaseException | None = None

    def is_running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    def start(self) -> None:
        """Start the sync thread; a second call while it runs does nothing."""
        with self._lock:
            if self.is_running():
                return
            self._ready.clear()
            self.failure = None
            self._thread = threading.Thread(target=self._thread_main, name="oms-sync", daemon=True)
            self._thread.start()
        # Wait until the loop exists, so wake() and stop() right after start() reach it.
        self._ready.wait(timeout=10.0)

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the jobs, close the client and join the thread; return False on timeout.

        A job in the middle of a request is cancelled at its next await; a database
        transaction in progress finishes first, because no transaction spans an await.
        """
        thread = self._thread
        if thread is None:
            return True
        loop = self._loop
        stop_event = self._stop_event
        if loop is not None and stop_event is not None and not loop.is_closed():
            # RuntimeError: the loop closed between the check and the call, so the thread
            # is ending anyway.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(timeout)
        if thread.is_alive():
            log.error("The sync thread did not stop within %.1f s", timeout)
            return False
        self._thread = None
        return True

    def wake(self) -> None:
        """Make the outbox delivery run now (for example right after a packing)."""
        sync_loop = self._sync_loop
        if sync_loop is not None:
            sync_loop.wake()

    # Sync thread

    def _thread_main(self) -> None:
        try:
            # An explicit loop factory: asyncio.run would ask the process-wide loop policy,
            # which qasync may have replaced with one that builds Qt loops.
            with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
                runner.run(self._main())
        except BaseException as error:  # reported here, the thread must not end silently
            self.failure = error
            log.exception("The sync thread ended with an error")
        finally:
            self._loop = None
            self._stop_event = None
            self._sync_loop = None
            self._ready.set()

    async def _main(self) -> None:
        engine = make_engine(self._database_url)
        try:
            sessions = make_session_factory(engine)
            async with OmnitronClient(self._settings) as client:
                self._stop_event = asyncio.Event()
                self._sync_loop = SyncLoop(
                    client,
                    sessions,
                    on_cycle=self._on_cycle,
                    on_status=self._on_status,
                    owner=self._owner,
                    lease_ttl_seconds=self._lease_ttl_seconds,
                )
                self._loop = asyncio.get_running_loop()
                self._ready.set()
                await self._sync_loop.run(self._stop_event)
        finally:
            engine.dispose()

    def _on_cycle(self, report: CycleReport) -> None:
        self.last_report = report
        self.cycle_finished.emit(report)
        if report.packages_changed:
            self.packages_changed.emit(list(report.packages_changed))

    def _on_status(self, status: SyncStatus) -> None:
        self.last_status = status
        self.status_changed.emit(status)
