"""Refresh of rows that other stations (or the sync service) changed in the shared database.

Every ORM flush writes the changed package ids to the change log. The watcher polls
that log about once a second on the package model's own background thread and hands
the ids to ``PackageTableModel.update_rows``, so a package packed at the next bench
turns "packed" here too, without a reload.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.changes import ChangeBatch, ChangeFeed
from oms_desktop.ui.package_model import PackageTableModel
from oms_desktop.ui.tasks import DATABASE_ERRORS

log = logging.getLogger(__name__)

DEFAULT_POLL_MS = 1000


class ChangeWatcher(QObject):
    """Polls the change log and updates the changed packages' rows in ``model``.

    The polls run on the model's single-thread runner, so they are ordered with its
    page loads and updates, and the feed object is never used by two threads at once.

    Signals:
        packages_changed(list): package ids another writer changed since the last poll.
    """

    packages_changed = Signal(list)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        model: PackageTableModel,
        *,
        interval_ms: int = DEFAULT_POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._model = model
        self._feed = ChangeFeed()
        self._started = False
        self._polling = False
        self._failing = False  # logs one warning per outage, not one per poll
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        """Skip what the log contains now (the table loads current rows) and start polling.

        Call it before the model's first page load: the runner runs jobs in order, so
        no change between the two is missed.
        """
        if self._started:
            return
        self._started = True
        feed = self._feed
        sessions = self._sessions

        def skip_to_end() -> None:
            with sessions() as session:
                feed.start_at_end(session)

        self._model.runner.submit(
            skip_to_end,
            self._on_positioned,
            self._failed,
            expected=DATABASE_ERRORS,
            description="reading the change log position",
        )

    def stop(self) -> None:
        self._started = False
        self._timer.stop()

    def _on_positioned(self, _: None) -> None:
        if self._started:
            self._timer.start()

    def poll(self) -> None:
        """Read new change log entries; skipped while the previous poll is still running."""
        if self._polling or not self._started:
            return
        self._polling = True
        feed = self._feed
        sessions = self._sessions

        def read() -> ChangeBatch:
            with sessions() as session:
                return feed.poll(session)

        self._model.runner.submit(
            read,
            self._apply,
            self._failed,
            expected=DATABASE_ERRORS,
            description="reading the change log",
        )

    def _apply(self, batch: ChangeBatch) -> None:
        self._polling = False
        if self._failing:
            self._failing = False
            log.info("Reading the change log works again")
        if batch.package_ids:
            ids = sorted(batch.package_ids)
            self._model.update_rows(ids)
            self.packages_changed.emit(ids)

    def _failed(self, error: BaseException) -> None:
        self._polling = False
        if not self._timer.isActive() and self._started:
            # The first read failed: try again at the next interval.
            self._started = False
            QTimer.singleShot(self._timer.interval(), self.start)
        if not self._failing:
            self._failing = True
            log.warning("Reading the change log failed, retrying every poll: %s", error)
