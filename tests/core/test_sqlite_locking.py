"""Two SQLite connections writing at once: a lock is waited for or retried, never lost."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from oms_desktop.core import db
from oms_desktop.core.db import make_engine, make_session_factory, run_transaction
from oms_desktop.core.models import AppSetting
from tests.conftest import TestDatabase


def hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    started.set()
    threading.Event().wait(seconds)
    connection.execute("ROLLBACK")
    connection.close()


def sqlite_path(database: TestDatabase) -> Path:
    return Path(database.url.removeprefix("sqlite:///"))


def test_wal_and_busy_timeout_are_set(sqlite_database: TestDatabase) -> None:
    with sqlite_database.engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert mode == "wal"
    assert timeout == db.SQLITE_BUSY_TIMEOUT_MS
    assert foreign_keys == 1


def test_writer_waits_for_a_short_lock(sqlite_database: TestDatabase) -> None:
    started = threading.Event()
    holder = threading.Thread(
        target=hold_write_lock, args=(sqlite_path(sqlite_database), 0.5, started)
    )
    holder.start()
    started.wait(5)

    def write(session: Session) -> None:
        session.add(AppSetting(key="STATUS_POLL_BATCH_SIZE", value=20))

    run_transaction(sqlite_database.sessions, write)
    holder.join()

    with sqlite_database.sessions() as session:
        assert session.get(AppSetting, "STATUS_POLL_BATCH_SIZE") is not None


def test_locked_attempt_is_retried(
    sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A busy timeout of 100 ms makes the first attempt fail while the lock is held for
    # 300 ms; the retry starts the whole unit of work again and succeeds.
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 100)
    engine = make_engine(sqlite_database.url)
    sessions = make_session_factory(engine)
    started = threading.Event()
    holder = threading.Thread(
        target=hold_write_lock, args=(sqlite_path(sqlite_database), 0.3, started)
    )
    holder.start()
    started.wait(5)
    calls: list[int] = []

    def write(session: Session) -> None:
        calls.append(1)
        session.merge(AppSetting(key="STATUS_POLL_BATCH_SIZE", value=len(calls)))

    run_transaction(sessions, write, attempts=5, pause_s=0.1)
    holder.join()

    assert len(calls) >= 2
    with sessions() as session:
        stored = session.scalars(select(AppSetting.value)).one()
    assert stored == len(calls)
    engine.dispose()


def test_lock_that_outlasts_every_attempt_is_raised(
    sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    engine = make_engine(sqlite_database.url)
    sessions = make_session_factory(engine)
    started = threading.Event()
    holder = threading.Thread(
        target=hold_write_lock, args=(sqlite_path(sqlite_database), 1.0, started)
    )
    holder.start()
    started.wait(5)

    with pytest.raises(OperationalError, match="locked"):
        run_transaction(
            sessions,
            lambda session: session.add(AppSetting(key="K", value=1)),
            attempts=2,
            pause_s=0.01,
        )
    holder.join()
    engine.dispose()
