"""CHANNEL_BASED_COMPLETE_PACKAGING as one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oms_desktop.core import command
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import (
    AlreadyPacked,
    NoRoute,
    NoTrackingNumber,
    NoTransition,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import (
    AuditEvent,
    OmnitronOutbox,
    Package,
    Shipment,
    StateTransition,
)
from oms_desktop.core.statuses import PackageStatus
from tests.conftest import TestDatabase
from tests.factories import HEPSIBURADA, configure_station, order_payload

NOW = dt.datetime(2026, 12, 4, 10, 15, 30, tzinfo=dt.UTC)
PACKAGE = "PKG-0001001"


def setup_package(database: TestDatabase, status: PackageStatus = PackageStatus.WAITING) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        ingest_order(session, order_payload(pk=1001, items=3))
        package = session.scalars(select(Package)).one()
        if status is not PackageStatus.WAITING:
            package.set_status(status, NOW)
            for item in package.items:
                item.set_status(status)


def pack(database: TestDatabase, code: str = PACKAGE) -> command.PackResult:
    with transaction(database.sessions) as session:
        return command.pack_code(session, code, station="bench-2", operator="ayse", now=NOW)


def snapshot(session: Session) -> dict[str, object]:
    package = session.scalars(select(Package)).one()
    return {
        "status": package.status,
        "items": sorted(item.status for item in package.items),
        "shipments": session.scalar(select(func.count()).select_from(Shipment)),
        "reports": session.scalar(select(func.count()).select_from(OmnitronOutbox)),
        "audit": session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "package_packed")
        ),
    }


@pytest.mark.parametrize(
    "source", [PackageStatus.WAITING, PackageStatus.PREPARING, PackageStatus.READY_TO_PACK]
)
def test_packs_from_each_source_status(database: TestDatabase, source: PackageStatus) -> None:
    setup_package(database, source)

    result = pack(database)

    assert result.package_number == PACKAGE
    assert result.tracking_number == "7330001234567"
    assert result.reports_queued == 3
    with database.sessions() as session:
        package = session.scalars(select(Package)).one()
        assert package.status == "packed"
        assert package.status_code == 500
        assert package.packed_at == NOW
        assert package.packed_by_station == "bench-2"
        assert package.packed_by_operator == "ayse"
        assert {(item.status, item.status_code) for item in package.items} == {("packed", 500)}
        shipment = session.scalars(select(Shipment)).one()
        assert shipment.package_id == package.id
        assert shipment.tracking_number == "7330001234567"
        assert shipment.client_klass == "OmnitronShipmentClient"
        assert shipment.status is None
        reports = session.scalars(select(OmnitronOutbox)).all()
        assert sorted(report.order_item_omnitron_id for report in reports) == [
            10010,
            10011,
            10012,
        ]
        assert {report.target_status for report in reports} == {"450"}
        assert {report.state for report in reports} == {"pending"}


@pytest.mark.parametrize("code", ["PKG-0001001", "1000001001", "7330001234567", "  PKG-0001001\t"])
def test_code_may_be_package_order_or_tracking_number(database: TestDatabase, code: str) -> None:
    setup_package(database)

    assert pack(database, code).package_number == PACKAGE


@pytest.mark.parametrize(
    "status",
    [
        PackageStatus.PACKED,
        PackageStatus.SHIPPED,
        PackageStatus.ATTEMPTED_DELIVERY,
        PackageStatus.DELIVERED,
    ],
)
def test_refuses_packed_or_later_naming_package_and_status(
    database: TestDatabase, status: PackageStatus
) -> None:
    setup_package(database, status)

    with pytest.raises(AlreadyPacked) as raised:
        pack(database)

    assert raised.value.package_number == PACKAGE
    assert raised.value.status == status.value
    assert PACKAGE in str(raised.value)
    assert status.value in str(raised.value)


def test_refuses_out_of_stock_with_no_transition(database: TestDatabase) -> None:
    setup_package(database, PackageStatus.OUT_OF_STOCK)

    with pytest.raises(NoTransition) as raised:
        pack(database)

    message = str(raised.value)
    assert PACKAGE in message
    assert "out_of_stock" in message
    assert "CHANNEL_BASED_COMPLETE_PACKAGING" in message


def test_refuses_cancelled_package(database: TestDatabase) -> None:
    setup_package(database, PackageStatus.CANCELLED)

    with pytest.raises(OrderCancelled, match="do not pack"):
        pack(database)


def test_refuses_when_order_cancelled_but_package_not_yet(database: TestDatabase) -> None:
    setup_package(database)
    with transaction(database.sessions) as session:
        package = session.scalars(select(Package)).one()
        package.order.omnitron_status = "50"

    with pytest.raises(OrderCancelled):
        pack(database)


def test_transition_rows_are_data(database: TestDatabase) -> None:
    setup_package(database, PackageStatus.PREPARING)
    with transaction(database.sessions) as session:
        session.execute(
            StateTransition.__table__.delete().where(StateTransition.from_status == "preparing")
        )

    with pytest.raises(NoTransition, match="preparing"):
        pack(database)


def test_second_pack_names_time_and_station(database: TestDatabase) -> None:
    setup_package(database)
    pack(database)

    with pytest.raises(AlreadyPacked) as raised:
        pack(database)

    assert raised.value.packed_at == NOW
    assert raised.value.station == "bench-2"
    assert "bench-2" in str(raised.value)


def test_unknown_code(database: TestDatabase) -> None:
    setup_package(database)

    with pytest.raises(UnknownCode, match="NOPE-1"):
        pack(database, "NOPE-1")


def test_identifiers_are_not_case_folded(database: TestDatabase) -> None:
    setup_package(database)

    with pytest.raises(UnknownCode):
        pack(database, "pkg-0001001")


def test_no_route_for_channel_without_condition(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        ingest_order(session, order_payload(pk=1001, channel=HEPSIBURADA))

    with pytest.raises(NoRoute) as raised:
        pack(database)

    assert raised.value.channel_name == "Hepsiburada"
    assert "Hepsiburada" in str(raised.value)


def test_inactive_condition_does_not_route(database: TestDatabase) -> None:
    setup_package(database)
    with transaction(database.sessions) as session:
        from oms_desktop.core.models import ShipmentCondition

        for condition in session.scalars(select(ShipmentCondition)):
            condition.is_active = False

    with pytest.raises(NoRoute):
        pack(database)


def test_unknown_client_class_does_not_route(database: TestDatabase) -> None:
    setup_package(database)
    with transaction(database.sessions) as session:
        from oms_desktop.core.models import ShipmentCondition

        for condition in session.scalars(select(ShipmentCondition)):
            condition.conf = {"klass": "NoSuchClient"}

    with pytest.raises(NoRoute):
        pack(database)


@pytest.mark.parametrize("tracking", [None, "", "   "])
def test_no_tracking_number(database: TestDatabase, tracking: str | None) -> None:
    with transaction(database.sessions) as session:
        configure_station(session)
        ingest_order(session, order_payload(pk=1001, tracking_number=tracking))

    with pytest.raises(NoTrackingNumber, match="1000001001"):
        pack(database)


def fail(*args: object, **kwargs: object) -> None:
    raise RuntimeError("injected failure")


@pytest.mark.parametrize("step", ["_queue_reports", "record", "flush"])
def test_all_or_nothing_when_a_step_fails(
    database: TestDatabase, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    setup_package(database)
    with database.sessions() as session:
        before = snapshot(session)
    if step == "_queue_reports":
        monkeypatch.setattr(command, "_queue_reports", fail)
    elif step == "record":
        monkeypatch.setattr(command.audit, "record", fail)
    else:
        monkeypatch.setattr(Session, "flush", fail)

    with pytest.raises(RuntimeError, match="injected"):
        pack(database)

    monkeypatch.undo()
    with database.sessions() as session:
        assert snapshot(session) == before
    assert before["status"] == "waiting"
    assert before["shipments"] == 0


def test_audit_event_written(database: TestDatabase) -> None:
    setup_package(database)
    pack(database)

    with database.sessions() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "package_packed")
        ).one()
        assert event.station == "bench-2"
        assert event.operator == "ayse"
        assert event.entity_id == PACKAGE
        assert event.old_value == {"status": "waiting"}
        assert event.new_value == {"status": "packed", "tracking_number": "7330001234567"}
