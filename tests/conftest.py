"""Shared fixtures: a migrated database on SQLite or PostgreSQL, and a simulator.

``database`` runs each test that takes it twice, once per backend. SQLite gets a copy
of a freshly migrated file; PostgreSQL gets one database per test session, emptied
between tests. Set OMS_TEST_BACKENDS=sqlite to skip PostgreSQL while iterating.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.db import make_engine, make_session_factory, upgrade_database
from oms_desktop.core.models import Base, StateTransition

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

POSTGRES_ADMIN_URL = os.environ.get(
    "OMS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = [
    name.strip() for name in os.environ.get("OMS_TEST_BACKENDS", "sqlite,postgres").split(",")
]


@dataclass
class TestDatabase:
    backend: str
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    __test__ = False  # not a test class, despite the name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    name = f"oms_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any failure here means the server is not usable
        admin.dispose()
        pytest.fail(f"PostgreSQL at {POSTGRES_ADMIN_URL} is not usable: {error}")
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade_database(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _empty_postgres(engine: Engine) -> None:
    """Empty every table, then put back the state transitions the migration seeds."""
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        connection.execute(
            StateTransition.__table__.insert(),
            [
                {
                    "command": "CHANNEL_BASED_COMPLETE_PACKAGING",
                    "from_status": status,
                    "to_status": "packed",
                    "slug": f"channel-based-complete-packaging-{status.replace('_', '-')}",
                }
                for status in ("waiting", "preparing", "ready_to_pack")
            ],
        )


@pytest.fixture(params=BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[TestDatabase]:
    backend = request.param
    if backend == "sqlite":
        path = tmp_path / "station.sqlite3"
        shutil.copyfile(sqlite_template, path)
        url = f"sqlite:///{path}"
    elif backend == "postgres":
        url = request.getfixturevalue("postgres_url")
    else:
        raise pytest.UsageError(f"unknown backend {backend!r} in OMS_TEST_BACKENDS")
    engine = make_engine(url)
    if backend == "postgres":
        _empty_postgres(engine)
    yield TestDatabase(backend, url, engine, make_session_factory(engine))
    engine.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[TestDatabase]:
    """A SQLite database only, for tests whose subject is not the backend (UI, simulator)."""
    path = tmp_path / "station.sqlite3"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    yield TestDatabase("sqlite", url, engine, make_session_factory(engine))
    engine.dispose()
