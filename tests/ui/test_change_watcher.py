"""ChangeWatcher: LISTEN wakes the read on PostgreSQL, polling on SQLite, reconnects, claims."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text, update

from oms_desktop.core.claims import claim_package
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.models import Channel, Package
from oms_desktop.core.settings import AUTO_RUN_SHIP, set_setting
from oms_desktop.ui import i18n
from oms_desktop.ui.change_watcher import ChangeWatcher
from oms_desktop.ui.package_model import PackageTableModel, claim_label
from tests.conftest import BACKENDS, TestDatabase, _empty_postgres
from tests.factories import configure_station
from tests.ui.conftest import add_order

# A read interval no test waits for: only a notification can wake the watcher in time.
NEVER_MS = 600_000


@pytest.fixture
def pg_database(request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    if "postgres" not in BACKENDS:
        pytest.skip("PostgreSQL is left out by OMS_TEST_BACKENDS")
    url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    _empty_postgres(engine)
    yield TestDatabase("postgres", url, engine, make_session_factory(engine))
    engine.dispose()


def configured(db: TestDatabase, orders: int = 3) -> list[int]:
    with transaction(db.sessions) as session:
        configure_station(session)
    return [add_order(db, pk) for pk in range(1, orders + 1)]


def start_watcher(
    qtbot: QtBot, db: TestDatabase, **options: object
) -> tuple[PackageTableModel, ChangeWatcher]:
    model = PackageTableModel(db.sessions)
    watcher = ChangeWatcher(db.sessions, model, parent=model, **options)  # type: ignore[arg-type]
    watcher.start()
    model.reload()
    qtbot.waitUntil(lambda: not model.is_busy() and model.rowCount() > 0)
    return model, watcher


def stop(model: PackageTableModel, watcher: ChangeWatcher) -> None:
    watcher.stop()
    model.shutdown()
    # Delete the Qt objects here, on the GUI thread. Left to Python's cycle collector,
    # they could be deleted later on whichever thread happens to run it.
    shiboken6.delete(model)


def pack_elsewhere(db: TestDatabase, number: str) -> None:
    """Pack through a separate engine, as another station's process would."""
    engine = make_engine(db.url)
    try:
        with transaction(make_session_factory(engine)) as session:
            pack_code(session, number, station="Masa 2")
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_listen_wakes_the_read(qtbot: QtBot, pg_database: TestDatabase) -> None:
    ids = configured(pg_database)
    model, watcher = start_watcher(
        qtbot, pg_database, interval_ms=NEVER_MS, listening_interval_ms=NEVER_MS
    )
    try:
        assert watcher.listener is not None
        qtbot.waitUntil(watcher.is_listening, timeout=5000)
        # The first connection triggers one catch-up read; let it finish.
        qtbot.waitUntil(lambda: not model.is_busy())

        started = time.monotonic()
        with qtbot.waitSignal(watcher.packages_changed, timeout=2000) as changed:
            pack_elsewhere(pg_database, "PKG-0000002")
        elapsed = time.monotonic() - started

        assert changed.args == [[ids[1]]]
        assert elapsed < 2.0
        qtbot.waitUntil(lambda: model.package_at(1).status == "packed", timeout=2000)
        watcher.stop()
        assert not watcher.is_listening()
    finally:
        stop(model, watcher)


def test_sqlite_polls_without_listener(qtbot: QtBot, sqlite_database: TestDatabase) -> None:
    ids = configured(sqlite_database)
    model, watcher = start_watcher(qtbot, sqlite_database, interval_ms=100)
    try:
        assert watcher.listener is None
        with qtbot.waitSignal(watcher.packages_changed, timeout=2000) as changed:
            pack_elsewhere(sqlite_database, "PKG-0000003")
        assert changed.args == [[ids[2]]]
        qtbot.waitUntil(lambda: model.package_at(2).status == "packed", timeout=2000)
    finally:
        stop(model, watcher)


@pytest.mark.postgres
def test_listener_reconnects_after_backend_killed(
    qtbot: QtBot, pg_database: TestDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    ids = configured(pg_database)
    model, watcher = start_watcher(
        qtbot,
        pg_database,
        interval_ms=NEVER_MS,
        listening_interval_ms=NEVER_MS,
        listener_options={"reconnect_initial_seconds": 0.1},
    )
    listener = watcher.listener
    assert listener is not None
    try:
        qtbot.waitUntil(watcher.is_listening, timeout=5000)
        first_pid = listener.backend_pid
        assert first_pid is not None

        caplog.set_level(logging.INFO, logger="oms_desktop.ui.change_watcher")
        with pg_database.engine.connect() as connection:
            killed = connection.execute(
                text("SELECT pg_terminate_backend(:pid)"), {"pid": first_pid}
            ).scalar_one()
        assert killed is True
        qtbot.waitUntil(
            lambda: listener.reconnects == 1 and listener.backend_pid not in (None, first_pid),
            timeout=5000,
        )
        assert "lost its connection" in caplog.text
        assert "Listening for changes again" in caplog.text
        qtbot.waitUntil(lambda: not model.is_busy())

        with qtbot.waitSignal(watcher.packages_changed, timeout=2000) as changed:
            pack_elsewhere(pg_database, "PKG-0000001")
        assert changed.args == [[ids[0]]]
    finally:
        stop(model, watcher)


@pytest.mark.postgres
def test_listener_down_falls_back_to_polling(qtbot: QtBot, pg_database: TestDatabase) -> None:
    ids = configured(pg_database)
    model, watcher = start_watcher(
        qtbot,
        pg_database,
        interval_ms=100,
        listening_interval_ms=NEVER_MS,
        # Reconnects far in the future: the timer alone must carry the change.
        listener_options={"reconnect_initial_seconds": 60.0},
    )
    listener = watcher.listener
    assert listener is not None
    try:
        qtbot.waitUntil(watcher.is_listening, timeout=5000)
        with (
            qtbot.waitSignal(watcher.listening_changed, timeout=5000) as went_down,
            pg_database.engine.connect() as connection,
        ):
            connection.execute(
                text("SELECT pg_terminate_backend(:pid)"), {"pid": listener.backend_pid}
            )
        assert went_down.args == [False]

        with qtbot.waitSignal(watcher.packages_changed, timeout=2000) as changed:
            pack_elsewhere(pg_database, "PKG-0000002")
        assert changed.args == [[ids[1]]]
    finally:
        started = time.monotonic()
        stop(model, watcher)
        # The stop interrupts the 60 s reconnect pause at once.
        assert time.monotonic() - started < 2.0


def test_settings_change_refreshes_names(qtbot: QtBot, database: TestDatabase) -> None:
    configured(database, orders=2)
    model, watcher = start_watcher(qtbot, database, interval_ms=100)
    try:
        assert model.package_at(0).channel == "Trendyol"
        with (
            qtbot.waitSignal(watcher.settings_changed, timeout=3000),
            transaction(database.sessions) as session,
        ):
            channel = session.scalars(select(Channel).where(Channel.name == "Trendyol")).one()
            channel.name = "Trendyol TR"
        qtbot.waitUntil(lambda: model.package_at(0).channel == "Trendyol TR", timeout=3000)
        assert model.package_at(1).channel == "Trendyol TR"

        with (
            qtbot.waitSignal(watcher.settings_changed, timeout=3000),
            transaction(database.sessions) as session,
        ):
            set_setting(session, AUTO_RUN_SHIP, False)
    finally:
        stop(model, watcher)


def test_claim_shows_and_lapses(qtbot: QtBot, database: TestDatabase) -> None:
    ids = configured(database, orders=2)
    model, watcher = start_watcher(qtbot, database, interval_ms=100)
    try:
        assert model.index(0, model.COLUMN_CLAIM).data() == ""
        assert model.index(0, model.COLUMN_STATUS).data(model.CLAIM_ROLE) is None

        with (
            qtbot.waitSignal(watcher.packages_changed, timeout=3000),
            transaction(database.sessions) as session,
        ):
            result = claim_package(session, ids[0], "Masa 2", ttl=dt.timedelta(seconds=1.5))
            assert result.claimed
        qtbot.waitUntil(lambda: model.index(0, model.COLUMN_CLAIM).data() != "", timeout=3000)
        assert model.index(0, model.COLUMN_CLAIM).data() == "Being packed at station Masa 2"
        assert model.index(0, model.COLUMN_STATUS).data(model.CLAIM_ROLE) == "Masa 2"
        tooltip = model.index(0, model.COLUMN_STATUS).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip.startswith("Being packed at station Masa 2; claimed until ")
        assert model.index(1, model.COLUMN_CLAIM).data() == ""

        # No change arrives when a claim lapses; the model's own timer clears the text.
        qtbot.waitUntil(lambda: model.index(0, model.COLUMN_CLAIM).data() == "", timeout=4000)
        assert model.index(0, model.COLUMN_STATUS).data(model.CLAIM_ROLE) is None
    finally:
        stop(model, watcher)


def test_expired_claim_reads_as_unclaimed(qtbot: QtBot, database: TestDatabase) -> None:
    ids = configured(database, orders=1)
    with transaction(database.sessions) as session:
        session.execute(
            update(Package)
            .where(Package.id == ids[0])
            .values(
                claimed_by_station="Masa 3",
                claim_expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=5),
            )
        )
    model, watcher = start_watcher(qtbot, database, interval_ms=NEVER_MS)
    try:
        row = model.package_at(0)
        assert row.claimed_by_station is None
        assert row.claim_expires_at is None
        assert model.index(0, model.COLUMN_CLAIM).data() == ""
    finally:
        stop(model, watcher)


def test_claim_hidden_once_packed(qtbot: QtBot, sqlite_database: TestDatabase) -> None:
    ids = configured(sqlite_database, orders=1)
    with transaction(sqlite_database.sessions) as session:
        assert claim_package(session, ids[0], "Masa 2").claimed
    model, watcher = start_watcher(qtbot, sqlite_database, interval_ms=100)
    try:
        assert model.index(0, model.COLUMN_CLAIM).data() == "Being packed at station Masa 2"
        with qtbot.waitSignal(watcher.packages_changed, timeout=3000):
            pack_elsewhere(sqlite_database, "PKG-0000001")
        qtbot.waitUntil(lambda: model.package_at(0).status == "packed", timeout=3000)
        # The claim is still stored, but a packed package is nobody's work any more.
        assert model.package_at(0).claimed_by_station == "Masa 2"
        assert model.index(0, model.COLUMN_CLAIM).data() == ""
    finally:
        stop(model, watcher)


def test_claim_label_in_turkish(qapp: QApplication) -> None:
    previous_locale = QLocale()
    try:
        assert i18n.install_translators(qapp, "tr") == "tr"
        assert claim_label("Masa 2") == "Masa 2 masasında paketleniyor"
    finally:
        i18n.remove_translators(qapp)
        QLocale.setDefault(previous_locale)
    assert claim_label("Masa 2") == "Being packed at station Masa 2"
