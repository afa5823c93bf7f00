"""Ingestion of Omnitron orders into orders and waiting packages."""

from __future__ import annotations

from sqlalchemy import func, select

from oms_desktop.core.db import transaction
from oms_desktop.core.ingest import IngestOutcome, ingest_order, package_number_for
from oms_desktop.core.models import AuditEvent, Channel, Order, OrderItem, Package, PackageItem
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload


def count(database: TestDatabase, model: type) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_approved_order_creates_waiting_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        result = ingest_order(session, order_payload(pk=1, items=3))

    assert result.outcome is IngestOutcome.CREATED
    with database.sessions() as session:
        package = session.scalars(select(Package)).one()
        assert package.number == package_number_for(1)
        assert package.status == "waiting"
        assert package.status_code == 100
        assert len(package.items) == 3
        assert {item.status for item in package.items} == {"waiting"}
        assert package.order.customer_name == "Ayşe Yıldırım"
        assert package.order.shipping_city == "İstanbul"


def test_same_order_twice_gives_one_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        first = ingest_order(session, order_payload(pk=1))
    with transaction(database.sessions) as session:
        second = ingest_order(session, order_payload(pk=1))

    assert first.outcome is IngestOutcome.CREATED
    assert second.outcome is IngestOutcome.UNCHANGED
    assert second.package_id == first.package_id
    assert count(database, Order) == 1
    assert count(database, OrderItem) == 2
    assert count(database, Package) == 1
    assert count(database, PackageItem) == 2


def test_unknown_channel_created_on_first_sight(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        result = ingest_order(session, order_payload(pk=5, channel=777, cargo_company=99))

    assert result.outcome is IngestOutcome.CREATED
    with database.sessions() as session:
        channel = session.scalars(select(Channel).where(Channel.omnitron_id == 777)).one()
        assert channel.name == "Channel 777"


def test_order_not_approved_is_stored_without_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        result = ingest_order(session, order_payload(pk=2, status="300"))

    assert result.outcome is IngestOutcome.STORED
    assert count(database, Order) == 1
    assert count(database, Package) == 0


def test_order_approved_later_gets_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        ingest_order(session, order_payload(pk=2, status="300"))
    with transaction(database.sessions) as session:
        result = ingest_order(session, order_payload(pk=2, status="400"))

    assert result.outcome is IngestOutcome.CREATED
    assert count(database, Package) == 1


def test_cancellation_moves_waiting_package_to_cancelled(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        ingest_order(session, order_payload(pk=3))
    for code in ("50",):
        with transaction(database.sessions) as session:
            result = ingest_order(session, order_payload(pk=3, status=code))
        assert result.outcome is IngestOutcome.CANCELLED

    with database.sessions() as session:
        package = session.scalars(select(Package)).one()
        assert package.status == "cancelled"
        assert {item.status for item in package.items} == {"cancelled"}
        actions = session.scalars(select(AuditEvent.action)).all()
        assert "package_cancelled" in actions


def test_cancelled_order_arriving_first_gets_no_package(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        result = ingest_order(session, order_payload(pk=4, status="100"))

    assert result.outcome is IngestOutcome.STORED
    assert count(database, Package) == 0


def test_tracking_number_change_is_kept_and_audited(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        ingest_order(session, order_payload(pk=6, tracking_number="111"))
    with transaction(database.sessions) as session:
        result = ingest_order(session, order_payload(pk=6, tracking_number="222"))

    assert result.outcome is IngestOutcome.UPDATED
    with database.sessions() as session:
        order = session.scalars(select(Order)).one()
        assert order.tracking_number == "222"
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "tracking_number_changed")
        ).one()
        assert event.old_value == {"tracking_number": "111"}
        assert event.new_value == {"tracking_number": "222"}
