"""Omnitron order status applied to packed packages and their shipments."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import Package
from oms_desktop.core.shipment_status import apply_omnitron_status
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload


def packed_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        ingest_order(session, order_payload(pk=1))
    with transaction(database.sessions) as session:
        pack_code(session, "PKG-0000001", station="bench-1")


@pytest.mark.parametrize(
    ("omnitron", "shipment_status", "package_status", "code"),
    [
        ("500", "shipped", "shipped", 700),
        ("540", "attempted_delivery", "attempted_delivery", 720),
        ("550", "delivered", "delivered", 800),
    ],
)
def test_mapped_status_moves_shipment_and_package(
    database: TestDatabase, omnitron: str, shipment_status: str, package_status: str, code: int
) -> None:
    packed_package(database)

    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        changed = apply_omnitron_status(session, package, omnitron)

    assert changed
    with database.sessions() as session:
        package = session.scalars(select(Package)).one()
        assert package.status == package_status
        assert package.status_code == code
        assert package.shipment is not None
        assert package.shipment.status == shipment_status
        assert {item.status for item in package.items} == {package_status}


@pytest.mark.parametrize("omnitron", ["400", "450", "510", "520", "100", "600"])
def test_anything_else_changes_nothing(database: TestDatabase, omnitron: str) -> None:
    packed_package(database)

    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        changed = apply_omnitron_status(session, package, omnitron)

    assert not changed
    with database.sessions() as session:
        package = session.scalars(select(Package)).one()
        assert package.status == "packed"
        assert package.shipment is not None
        assert package.shipment.status is None
        assert package.shipment.status_checked_at is not None


def test_same_status_twice_reports_no_change(database: TestDatabase) -> None:
    packed_package(database)
    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        assert apply_omnitron_status(session, package, "500")

    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        assert not apply_omnitron_status(session, package, "500")


def test_package_without_shipment_is_left_alone(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        ingest_order(session, order_payload(pk=1))
    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        assert not apply_omnitron_status(session, package, "500")
        assert package.status == "waiting"
