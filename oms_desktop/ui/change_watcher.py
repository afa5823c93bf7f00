"""Refresh of rows that other stations (or the sync service) changed in the shared database.

Every ORM flush writes the changed package ids to the change log. The watcher reads that
log on the package model's own background thread and hands the ids to
``PackageTableModel.update_rows``. A package packed at the next bench so turns "packed"
here too, without a reload, and the selection and scroll position stay where they were.

When it reads the log:

- SQLite: every ``interval_ms`` (one indexed query).
- PostgreSQL: the writer's transaction sends NOTIFY on ``CHANGES_CHANNEL`` at commit. A
  ``PostgresListener`` thread holds a connection that LISTENs on it and wakes the watcher
  through a Qt signal, so another bench's change shows within milliseconds. The timer
  keeps running, slower, as a safety net; while the listening connection is down, the
  watcher polls at ``interval_ms`` and the listener reconnects with backoff.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
import time
from typing import Any

import psycopg
from psycopg import sql
from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.changes import CHANGES_CHANNEL, SETTINGS_TOPIC, ChangeBatch, ChangeFeed
from oms_desktop.ui.package_model import PackageTableModel
from oms_desktop.ui.tasks import DATABASE_ERRORS

log = logging.getLogger(__name__)

DEFAULT_POLL_MS = 1000
# Milliseconds between safety-net reads while LISTEN works. PostgreSQL delivers every
# notification to a connected listener, and a reconnect triggers a read of its own.
LISTENING_POLL_MS = 15_000
# Seconds before the first reconnect of the listening connection, doubled after every
# failed attempt up to the maximum.
RECONNECT_INITIAL_SECONDS = 0.5
RECONNECT_MAX_SECONDS = 30.0
# Seconds of silence after which the listener checks its connection with a query, because
# a connection that a firewall dropped without a FIN shows no other sign.
KEEPALIVE_SECONDS = 30.0
CONNECT_TIMEOUT_SECONDS = 5
LISTENER_APPLICATION_NAME = "oms-desktop change listener"


def listen_conninfo(engine: Engine) -> str | None:
    """Return a libpq connection string for ``engine``'s PostgreSQL database, else None."""
    if engine.dialect.name != "postgresql":
        return None
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class PostgresListener(QObject):
    """LISTENs on a PostgreSQL channel on a background thread and reports notifications.

    The thread owns one psycopg connection in autocommit mode and waits on its socket
    with select(), together with a socket pair that ``stop`` writes to, so stopping
    takes no timeout. A dropped connection is logged and reopened with backoff.

    Signals:
        notified(): one or more notifications arrived, or one may have been missed after
            a reconnect or a check query. The receiver reads the change log.
        listening_changed(bool): the listening connection came up (True) or went down.
    """

    notified = Signal()
    listening_changed = Signal(bool)

    def __init__(
        self,
        conninfo: str,
        channel: str = CHANGES_CHANNEL,
        *,
        reconnect_initial_seconds: float = RECONNECT_INITIAL_SECONDS,
        reconnect_max_seconds: float = RECONNECT_MAX_SECONDS,
        keepalive_seconds: float = KEEPALIVE_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._conninfo = conninfo
        self._channel = channel
        self._reconnect_initial = reconnect_initial_seconds
        self._reconnect_max = reconnect_max_seconds
        self._keepalive = keepalive_seconds
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._wake_receiver, self._wake_sender = socket.socketpair()
        self._wake_receiver.setblocking(False)
        self._backend_pid: int | None = None
        self.reconnects = 0

    @property
    def backend_pid(self) -> int | None:
        """The server process id of the listening connection, None while it is down."""
        return self._backend_pid

    def is_listening(self) -> bool:
        return self._backend_pid is not None

    def start(self) -> None:
        """Start the listener thread; does nothing when it runs or after ``stop``."""
        if self._thread is not None or self._stopping.is_set():
            return
        self._thread = threading.Thread(target=self._run, name="oms-change-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the connection and join the thread; the listener cannot start again."""
        self._stopping.set()
        thread = self._thread
        if thread is not None:
            with contextlib.suppress(OSError):  # a full buffer still wakes the thread
                self._wake_sender.send(b"x")
            thread.join(timeout)
            if thread.is_alive():
                # The sockets stay open for the thread, which ends at its next wake-up.
                log.error("The change listener did not stop within %.1f s", timeout)
                return
            self._thread = None
        self._wake_sender.close()
        self._wake_receiver.close()

    # Listener thread

    def _run(self) -> None:
        try:
            self._listen_until_stopped()
        except Exception:  # the thread must not end silently; polling goes on without it
            log.exception("The change listener stopped with an error; polling the change log")

    def _listen_until_stopped(self) -> None:
        delay = self._reconnect_initial
        failures = 0
        down_since: float | None = None
        while not self._stopping.is_set():
            try:
                connection = psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT_SECONDS,
                    application_name=LISTENER_APPLICATION_NAME,
                )
            except psycopg.Error as error:
                failures += 1
                if down_since is None:
                    down_since = time.monotonic()
                if failures == 1:
                    log.warning(
                        "Cannot connect to listen for changes (%s); polling the change log "
                        "and retrying with backoff",
                        _first_line(error),
                    )
                else:
                    log.debug("Change listener connection attempt %d failed: %s", failures, error)
                if self._pause(delay):
                    return
                delay = min(delay * 2, self._reconnect_max)
                continue

            try:
                connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
                self._backend_pid = connection.info.backend_pid
                if down_since is not None:
                    self.reconnects += 1
                    log.info(
                        "Listening for changes again after %.1f s and %d failed attempt(s)",
                        time.monotonic() - down_since,
                        failures,
                    )
                else:
                    log.info("Listening for changes on channel %s", self._channel)
                failures = 0
                delay = self._reconnect_initial
                down_since = None
                self.listening_changed.emit(True)
                # A NOTIFY sent while no connection listened is lost; read the log now.
                self.notified.emit()
                self._listen(connection)
            except psycopg.Error as error:
                if self._stopping.is_set():
                    return
                down_since = time.monotonic()
                log.warning(
                    "The change listener lost its connection (%s); polling the change log "
                    "and reconnecting",
                    _first_line(error),
                )
            finally:
                was_listening = self._backend_pid is not None
                self._backend_pid = None
                connection.close()
                if was_listening and not self._stopping.is_set():
                    self.listening_changed.emit(False)
            if self._pause(delay):
                return

    def _listen(self, connection: psycopg.Connection[Any]) -> None:
        """Wait for notifications until a stop; raise psycopg.Error when the link drops."""
        server = connection.fileno()
        wake = self._wake_receiver.fileno()
        while not self._stopping.is_set():
            readable, _, _ = select.select([server, wake], [], [], self._keepalive)
            if wake in readable:
                self._drain_wake()
                continue
            # notifies(timeout=0) returns what has arrived without waiting for more; the
            # generator is read to its end so that it releases the connection's lock.
            if server in readable and list(connection.notifies(timeout=0)):
                self.notified.emit()
                continue
            # Silence for keepalive_seconds, or readable without a notification: the
            # server closed the connection, or a partial message or a notice arrived. The
            # query raises on a closed connection. A notification it reads past is not
            # lost, because the receiver reads the change log right after.
            connection.execute("SELECT 1")
            self.notified.emit()

    def _pause(self, seconds: float) -> bool:
        """Wait ``seconds`` or until a stop; return True on a stop."""
        readable, _, _ = select.select([self._wake_receiver.fileno()], [], [], seconds)
        if readable:
            self._drain_wake()
        return self._stopping.is_set()

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # BlockingIOError: nothing left to read
            while self._wake_receiver.recv(64):
                pass


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class ChangeWatcher(QObject):
    """Reads the change log and updates the changed packages' rows in ``model``.

    The reads run on the model's single-thread runner, so they are ordered with its
    page loads and updates, and the feed object is never used by two threads at once.
    A wake-up that arrives during a read starts another read right after it.

    Args:
        sessions: session factory of the station's database.
        model: the table model whose rows are refreshed.
        interval_ms: milliseconds between reads when nothing wakes the watcher.
        listen: LISTEN for notifications; None decides by the database (PostgreSQL).
        listening_interval_ms: milliseconds between safety-net reads while listening.
        listener_options: keyword arguments for PostgresListener (reconnect timing).

    Signals:
        packages_changed(list): package ids another writer changed since the last read.
        settings_changed(): the configuration (settings, channels, cargo companies,
            conditions or transitions) changed; the window re-reads what it shows.
        listening_changed(bool): the LISTEN connection came up or went down.
    """

    packages_changed = Signal(list)
    settings_changed = Signal()
    listening_changed = Signal(bool)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        model: PackageTableModel,
        *,
        interval_ms: int = DEFAULT_POLL_MS,
        listen: bool | None = None,
        listening_interval_ms: int = LISTENING_POLL_MS,
        listener_options: dict[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._model = model
        self._feed = ChangeFeed()
        self._started = False
        self._polling = False
        self._poll_again = False
        self._failing = False  # logs one warning per outage, not one per poll
        self._interval_ms = interval_ms
        self._listening_interval_ms = max(listening_interval_ms, interval_ms)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self.listener: PostgresListener | None = None
        conninfo = _conninfo_of(sessions)
        if listen is None:
            listen = conninfo is not None
        if listen:
            if conninfo is None:
                raise ValueError("LISTEN needs a PostgreSQL database")
            self.listener = PostgresListener(conninfo, parent=self, **(listener_options or {}))
            self.listener.notified.connect(self.poll)
            self.listener.listening_changed.connect(self._on_listening_changed)

    def is_listening(self) -> bool:
        return self.listener is not None and self.listener.is_listening()

    def start(self) -> None:
        """Skip what the log contains now (the table loads current rows) and start reading.

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
        """Stop the timer and the listener thread; the watcher cannot start again."""
        self._started = False
        self._timer.stop()
        if self.listener is not None:
            self.listener.stop()

    def _on_positioned(self, _: None) -> None:
        if not self._started:
            return
        self._timer.start()
        if self.listener is not None:
            self.listener.start()

    def _on_listening_changed(self, listening: bool) -> None:
        self._timer.setInterval(self._listening_interval_ms if listening else self._interval_ms)
        self.listening_changed.emit(listening)

    def poll(self) -> None:
        """Read new change log entries, or once more after the read that is running."""
        if not self._started or not self._timer.isActive():
            return
        if self._polling:
            self._poll_again = True
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
        if SETTINGS_TOPIC in batch.topics:
            # Channel and cargo company names show in every row.
            self._model.update_rows(self._model.loaded_ids())
            self.settings_changed.emit()
        self._read_again_if_woken()

    def _failed(self, error: BaseException) -> None:
        self._polling = False
        if not self._timer.isActive() and self._started:
            # The first read failed: try again at the next interval.
            self._started = False
            QTimer.singleShot(self._timer.interval(), self.start)
        if not self._failing:
            self._failing = True
            log.warning("Reading the change log failed, retrying every poll: %s", error)
        self._poll_again = False

    def _read_again_if_woken(self) -> None:
        if self._poll_again:
            self._poll_again = False
            self.poll()


def _conninfo_of(sessions: sessionmaker[Session]) -> str | None:
    bind = sessions.kw.get("bind")
    return listen_conninfo(bind) if isinstance(bind, Engine) else None
