"""Start-up and shut-down of the graphical packing station.

Start-up order in ``run_gui``:

1. create the QApplication (or reuse the one that exists);
2. install the translators (switched to the LANGUAGE setting once the database is open,
   unless --language or OMS_LANGUAGE chose), so widgets speak the chosen language;
3. install the excepthook that logs bugs and shows the crash dialog;
4. open the database and check its schema: create it in an empty database, ask before
   upgrading an older one, refuse a newer one;
5. create the sync engine when Omnitron settings are given, and the main window;
6. run the qasync event loop: show the window, start the engine off the GUI thread,
   and wait until the window closes;
7. on close: stop the window's background jobs, cancel and await the asyncio tasks,
   stop the sync engine, dispose of the database engine, return the exit code.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any

import qasync
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.db import (
    SchemaCheck,
    SchemaState,
    make_engine,
    make_session_factory,
    schema_state,
    upgrade_database,
)
from oms_desktop.core.settings import LANGUAGE as LANGUAGE_SETTING
from oms_desktop.core.settings import get_setting
from oms_desktop.ui import crash
from oms_desktop.ui.i18n import (
    LANGUAGE_ENV,
    SUPPORTED_LANGUAGES,
    install_translators,
    remove_translators,
)
from oms_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from oms_desktop.sync.engine import SyncEngine
    from oms_desktop.sync.settings import OmnitronSettings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DATABASE_UNAVAILABLE = 2
EXIT_SCHEMA_NEWER = 3
EXIT_UPGRADE_DECLINED = 4
# PostgreSQL advisory lock key held while a station creates or upgrades the schema, so
# two stations that start at once on a shared database do not both run the migrations.
SCHEMA_UPGRADE_LOCK_KEY = 0x6F6D7301

# Asks whether to upgrade an older schema; True means upgrade. Tests pass their own.
ConfirmUpgrade = Callable[[SchemaCheck], bool]
OmnitronLoader = Callable[[sessionmaker[Session]], "OmnitronSettings | None"]
# Seconds the sync engine gets to finish its current step when the window closes.
ENGINE_STOP_TIMEOUT = 10.0
# Python runs signal handlers only between bytecodes, which never happens while Qt's
# event loop waits in C++; a timer wakes the interpreter so Ctrl+C is noticed.
SIGNAL_POLL_MS = 500
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)
)


class BackgroundTasks:
    """Keeps a reference to every asyncio task it starts, so none is collected mid-run,
    and cancels and awaits them all at shut-down."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            crash.report_exception(error, f"background task {task.get_name()}")

    async def cancel_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


def _application() -> QApplication:
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:
        raise RuntimeError("a QCoreApplication without widgets exists; the GUI needs one")
    app = QApplication(sys.argv)
    app.setApplicationName("oms-desktop")
    app.setOrganizationName("oms-desktop")
    return app


def ask_to_upgrade(check: SchemaCheck) -> bool:
    """Show which revisions differ and offer the upgrade; True when the user chose it.

    "Quit" is the default button: a scanner ends every scan with Enter, and upgrading a
    shared database shuts out the stations that still run the older program.
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("Application", "Database upgrade needed"),
        "",
    )
    box.setText(
        #: %1 is the database's schema revision id, %2 the one this program needs.
        QCoreApplication.translate(
            "Application",
            "The database uses schema revision %1; this version of the program needs revision %2.",
        )
        .replace("%1", str(check.database_revision))
        .replace("%2", check.code_revision)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Application",
            "Upgrade the database now? Stations that still run the older program cannot "
            "write to it afterwards. On a shared database, warehouse IT usually runs "
            '"oms-desktop db upgrade" instead.',
        )
    )
    upgrade = box.addButton(
        QCoreApplication.translate("Application", "Upgrade now"), QMessageBox.ButtonRole.AcceptRole
    )
    quit_button = box.addButton(
        QCoreApplication.translate("Application", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is upgrade


def _upgrade_schema(engine: Engine, check: SchemaCheck) -> None:
    """Create or upgrade the schema, once even when several stations start together."""
    if engine.dialect.name != "postgresql":
        upgrade_database(engine)
        return
    with engine.connect() as lock_connection:
        lock_connection.execute(
            text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_UPGRADE_LOCK_KEY}
        )
        try:
            # Another station may have upgraded while this one waited for the lock.
            if schema_state(engine).state in (SchemaState.EMPTY, SchemaState.OLDER):
                upgrade_database(engine)
            else:
                log.info("Another station upgraded the schema from %s", check.database_revision)
        finally:
            lock_connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_UPGRADE_LOCK_KEY}
            )


def _show_database_error(error: OperationalError) -> int:
    log.error("Cannot open the database: %s", error)
    QMessageBox.critical(
        None,
        QCoreApplication.translate("Application", "Database unavailable"),
        QCoreApplication.translate(
            "Application",
            "The database cannot be opened. Check that the database server is running "
            "and reachable, then start the program again.\n\nDetails: %1",
        ).replace("%1", str(error.orig or error)),
    )
    return EXIT_DATABASE_UNAVAILABLE


def _check_schema(engine: Engine, confirm_upgrade: ConfirmUpgrade = ask_to_upgrade) -> int | None:
    """Create an empty schema, offer to upgrade an older one, refuse a newer one.

    Returns an exit code when the window must not open: the database is unreachable,
    the user declined the upgrade (the database is left as it was), or the schema is
    newer than this program.
    """
    try:
        check = schema_state(engine)
        if check.state is SchemaState.EMPTY:
            log.info("Database is empty; creating the schema at %s", check.code_revision)
            _upgrade_schema(engine, check)
            return None
        if check.state is SchemaState.OLDER:
            log.info(
                "Database schema %s is older than this program's %s; asking to upgrade",
                check.database_revision,
                check.code_revision,
            )
            if not confirm_upgrade(check):
                log.info("Upgrade of schema %s declined; quitting", check.database_revision)
                return EXIT_UPGRADE_DECLINED
            _upgrade_schema(engine, check)
            log.info("Database schema upgraded to %s", check.code_revision)
            return None
    except OperationalError as error:
        return _show_database_error(error)
    if check.state is SchemaState.NEWER:
        log.error(
            "Database schema %s is newer than this program's %s",
            check.database_revision,
            check.code_revision,
        )
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Application", "Program too old for this database"),
            #: %1 is a database schema revision id.
            QCoreApplication.translate(
                "Application",
                "A newer version of the program has upgraded this database (revision %1). "
                "Install the newer version on this station before packing.",
            ).replace("%1", str(check.database_revision)),
        )
        return EXIT_SCHEMA_NEWER
    return None


def _asyncio_exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context.get("exception")
    if isinstance(error, BaseException):
        crash.report_exception(error, str(context.get("message", "asyncio")))
    else:
        log.error("asyncio: %s", context.get("message"))


async def _serve(app: QApplication, window: MainWindow, engine: SyncEngine | None) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(_asyncio_exception_handler)
    tasks = BackgroundTasks()
    closed: asyncio.Future[None] = loop.create_future()

    def on_closed() -> None:
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(on_closed)

    # Ctrl+C in a terminal and a service manager's SIGTERM close the window the normal
    # way, so background jobs and the sync engine stop cleanly. Python runs the handler
    # between two bytecodes of whatever code is running, so it only schedules the close.
    def request_close(*_: object) -> None:
        QTimer.singleShot(0, window.close)

    previous_handlers = {number: signal.signal(number, request_close) for number in STOP_SIGNALS}
    signal_timer = QTimer()
    signal_timer.timeout.connect(lambda: None)
    signal_timer.start(SIGNAL_POLL_MS)

    window.show()
    window.raise_()
    if engine is not None:
        # start() waits for the sync thread's loop to exist; keep that wait off the GUI thread.
        tasks.spawn(asyncio.to_thread(engine.start), "start sync engine")
    try:
        await closed
    finally:
        signal_timer.stop()
        for number, handler in previous_handlers.items():
            signal.signal(number, handler)
        window.shutdown()
        await tasks.cancel_all()
        if engine is not None:
            stopped = await asyncio.to_thread(engine.stop, ENGINE_STOP_TIMEOUT)
            if not stopped:
                log.error("The sync engine did not stop within %.0f s", ENGINE_STOP_TIMEOUT)
    return EXIT_OK


def _run_event_loop(app: QApplication, main: Coroutine[Any, Any, int]) -> int:
    """Run ``main`` on a qasync loop driving Qt's event loop; close the loop afterwards.

    The loop is created and set for this thread only. ``qasync.run`` would instead install
    its loop policy process-wide while it runs, and then the sync engine's own
    ``asyncio.run`` on its thread would build a Qt loop there and fail.
    """
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        exit_code: int = loop.run_until_complete(main)
        return exit_code
    finally:
        leftovers = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in leftovers:
            task.cancel()
        if leftovers:
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
        asyncio.set_event_loop(None)
        loop.close()


def apply_stored_language(
    app: QCoreApplication,
    sessions: sessionmaker[Session],
    language: str | None,
    chosen: str,
    environ: Mapping[str, str] = os.environ,
) -> str:
    """Switch to the supervisor's LANGUAGE setting unless the command line or OMS_LANGUAGE
    chose; return the language in use. The setting "system" keeps the locale's choice."""
    if language is not None or environ.get(LANGUAGE_ENV, "").strip():
        return chosen
    try:
        with sessions() as session:
            stored = str(get_setting(session, LANGUAGE_SETTING))
    except SQLAlchemyError as error:
        log.warning("Could not read the LANGUAGE setting; keeping %s: %s", chosen, error)
        return chosen
    if stored not in SUPPORTED_LANGUAGES or stored == chosen:
        return chosen
    remove_translators(app)
    return install_translators(app, stored)


def run_gui(
    database_url: str,
    omnitron: OmnitronSettings | None,
    *,
    station: str,
    language: str | None = None,
    window_title_suffix: str = "",
    omnitron_loader: OmnitronLoader | None = None,
    confirm_upgrade: ConfirmUpgrade | None = None,
) -> int:
    """Run the packing station window until it is closed; return the process exit code.

    Args:
        database_url: SQLAlchemy URL of the station's database (SQLite or PostgreSQL).
        omnitron: connection settings for the sync engine; None runs without sync.
        station: this station's name, recorded on every package it packs.
        language: "tr" or "en"; None picks from OMS_LANGUAGE or the system locale.
        window_title_suffix: appended to the window title, for example " (demo)".
        omnitron_loader: reads the Omnitron settings after the schema check, when
            ``omnitron`` is None; for a database whose schema the window upgrades first.
        confirm_upgrade: asks whether to upgrade an older schema; None shows a message
            box with "Upgrade now" and "Quit".

    Returns:
        0 after a normal close, 2 when the database cannot be opened, 3 when its schema
        is newer than this program, 4 when the user declined to upgrade an older one.
    """
    app = _application()
    app.setQuitOnLastWindowClosed(False)
    chosen = install_translators(app, language)
    crash.install_excepthook()
    log.info("Starting the packing station %r (language %s)", station, chosen)

    db_engine = make_engine(database_url)
    try:
        schema_exit_code = _check_schema(db_engine, confirm_upgrade or ask_to_upgrade)
        if schema_exit_code is not None:
            return schema_exit_code
        sessions = make_session_factory(db_engine)
        chosen = apply_stored_language(app, sessions, language, chosen)
        if omnitron is None and omnitron_loader is not None:
            omnitron = omnitron_loader(sessions)
        sync_engine: SyncEngine | None = None
        if omnitron is not None:
            from oms_desktop.sync.engine import SyncEngine
            from oms_desktop.sync.runner import engine_owner

            sync_engine = SyncEngine(database_url, omnitron, owner=engine_owner(station))
        window = MainWindow(sessions, station=station, engine=sync_engine)
        #: Window title; %1 is the station's name.
        title = QCoreApplication.translate("Application", "Packing station – %1").replace(
            "%1", station
        )
        window.setWindowTitle(title + window_title_suffix)
        exit_code = _run_event_loop(app, _serve(app, window, sync_engine))
        window.deleteLater()
        log.info("Packing station closed")
        return exit_code
    finally:
        db_engine.dispose()
