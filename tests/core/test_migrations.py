"""Schema upgrades on a live database, and the checks a station runs before writing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from oms_desktop.core.db import (
    SchemaState,
    head_revision,
    make_engine,
    schema_state,
    upgrade_database,
)
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL


@pytest.fixture(params=BACKENDS)
def empty_engine(
    request: pytest.FixtureRequest, tmp_path: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path}/empty.sqlite3")
        yield engine
        engine.dispose()
        return
    name = f"oms_migrate_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_empty_database_reports_empty(empty_engine: Engine) -> None:
    check = schema_state(empty_engine)
    assert check.state is SchemaState.EMPTY
    assert check.code_revision == head_revision()


def test_upgrade_from_first_revision_keeps_data(empty_engine: Engine) -> None:
    upgrade_database(empty_engine, "0001")
    assert schema_state(empty_engine).state is SchemaState.OLDER
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO channel (id, omnitron_id, name, channel_type, is_active)"
                " VALUES (1, 42, 'Trendyol', 'trendyol', true)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO oms_order (id, omnitron_id, number, channel_id, omnitron_status,"
                " currency, customer_name, shipping_city, shipping_address, created_at,"
                " updated_at) VALUES (1, 1001, '1000001001', 1, '400', 'TRY', 'Ayşe Yıldırım',"
                " 'İstanbul', '{}', '2026-12-01 09:30:00+00:00', '2026-12-01 09:30:00+00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO package (id, number, order_id, status, status_code, version,"
                " created_at, updated_at) VALUES (1, 'PKG-0001001', 1, 'waiting', 100, 1,"
                " '2026-12-01 09:30:00+00:00', '2026-12-01 09:30:00+00:00')"
            )
        )

    upgrade_database(empty_engine)

    assert schema_state(empty_engine).state is SchemaState.CURRENT
    columns = {column["name"] for column in inspect(empty_engine).get_columns("package")}
    assert {"claimed_by_station", "claim_expires_at"} <= columns
    with empty_engine.connect() as connection:
        row = connection.execute(
            text("SELECT number, status, status_code, claimed_by_station FROM package")
        ).one()
        customer = connection.execute(text("SELECT customer_name FROM oms_order")).scalar_one()
        transitions = connection.execute(text("SELECT count(*) FROM state_transition")).scalar()
    assert tuple(row) == ("PKG-0001001", "waiting", 100, None)
    assert customer == "Ayşe Yıldırım"
    assert transitions == 3


def test_newer_schema_is_reported(empty_engine: Engine) -> None:
    upgrade_database(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))

    check = schema_state(empty_engine)

    assert check.state is SchemaState.NEWER
    assert check.database_revision == "9999_from_the_future"
