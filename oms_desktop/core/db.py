"""Engines, sessions and schema upgrades for SQLite (one station) and PostgreSQL (shared).

The schema is owned by Alembic: stations share one database, so every change is an
upgrade that runs on a live one. ``upgrade_database`` brings a database to the newest
revision this code knows; ``schema_state`` tells a station whether it may write.
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported inside the functions that need it: it pulls in mako and pygments,
# which cost about 0.4 s at every start of a short command such as "pack".

log = logging.getLogger(__name__)

APP_NAME = "oms-desktop"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Milliseconds SQLite waits for another station's write lock before raising "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000


def default_database_url() -> str:
    data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'oms-desktop.sqlite3'}"


def normalise_url(url: str) -> str:
    """Pick psycopg 3 for a bare ``postgresql://`` URL, so the URL IT writes just works."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalise_url(url)
    # Bound values (customer names, addresses) stay out of SQLAlchemy's error messages
    # and logs; the statement alone is enough to find a failing query.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            **kwargs,
        )
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's legacy transaction handling issues BEGIN lazily and never for SELECT,
    # which breaks SAVEPOINT-based test isolation and lets a read see a half-applied
    # write set; SQLAlchemy's documented recipe takes the BEGIN over.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock at the start, so two stations serialise on BEGIN
        # (waiting up to the busy timeout) instead of failing mid-transaction on upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Importing the feed registers its flush listener, so every session made here writes
    # the change log that other stations refresh from.
    import oms_desktop.core.changes  # noqa: F401

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session for one unit of work: commit when the block ends, roll back on error."""
    with factory() as session, session.begin():
        yield session


T = TypeVar("T")
# Attempts of a unit of work that SQLite refused with "database is locked" after its busy
# timeout; each attempt already waited SQLITE_BUSY_TIMEOUT_MS for the other writer.
LOCKED_ATTEMPTS = 3


def is_database_locked(error: OperationalError) -> bool:
    return "database is locked" in str(error.orig) or "database is busy" in str(error.orig)


def run_transaction(
    factory: sessionmaker[Session],
    work: Callable[[Session], T],
    *,
    attempts: int = LOCKED_ATTEMPTS,
    pause_s: float = 0.05,
) -> T:
    """Run ``work`` in one transaction, again from the start when SQLite reports a lock.

    ``work`` must be safe to repeat: a locked attempt rolled back everything it did.
    Other errors, and the last locked attempt, are raised to the caller.
    """
    for attempt in range(1, attempts + 1):
        try:
            with transaction(factory) as session:
                return work(session)
        except OperationalError as error:
            if attempt == attempts or not is_database_locked(error):
                raise
            log.warning(
                "Database locked (attempt %d of %d); retrying the transaction", attempt, attempts
            )
            time.sleep(pause_s * attempt)
    raise AssertionError("unreachable: the loop returns or raises")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class SchemaState(enum.Enum):
    EMPTY = "empty"
    OLDER = "older"
    CURRENT = "current"
    NEWER = "newer"


@dataclass(frozen=True)
class SchemaCheck:
    state: SchemaState
    database_revision: str | None
    code_revision: str


def schema_state(engine: Engine) -> SchemaCheck:
    """Compare the database's Alembic revision with the newest one this code ships."""
    head = head_revision()
    current = current_revision(engine)
    if current is None:
        return SchemaCheck(SchemaState.EMPTY, None, head)
    if current == head:
        return SchemaCheck(SchemaState.CURRENT, current, head)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    known = {revision.revision for revision in script.walk_revisions()}
    state = SchemaState.OLDER if current in known else SchemaState.NEWER
    return SchemaCheck(state, current, head)


def upgrade_database(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    log.info("Upgrading database schema to %s", revision)
    command.upgrade(alembic_config(engine), revision)
