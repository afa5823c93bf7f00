"""CHANNEL_BASED_COMPLETE_PACKAGING: pack a marketplace package in one transaction.

All four steps commit together or not at all: the package and its items become packed,
a shipment is created with the marketplace's tracking number, and a "preparing" report
per order item is written to the Omnitron outbox. The network call is not made here;
the outbox row is the promise the sync engine keeps.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oms_desktop.core import audit
from oms_desktop.core.errors import AlreadyPacked, ConcurrentUpdate, NoTransition, OrderCancelled
from oms_desktop.core.lookup import find_package
from oms_desktop.core.models import (
    OmnitronOutbox,
    Package,
    Shipment,
    StateTransition,
    utcnow,
)
from oms_desktop.core.routing import resolve_route
from oms_desktop.core.statuses import Command, OmnitronStatus, PackageStatus

log = logging.getLogger(__name__)

COMMAND = Command.CHANNEL_BASED_COMPLETE_PACKAGING


@dataclass(frozen=True)
class PackResult:
    """What the command changed, for the banner, the table and the command line."""

    package_id: int
    package_number: str
    order_number: str
    tracking_number: str
    packed_at: dt.datetime
    reports_queued: int


def complete_packaging(
    session: Session,
    package_id: int,
    *,
    station: str,
    operator: str = "",
    now: dt.datetime | None = None,
) -> PackResult:
    """Run CHANNEL_BASED_COMPLETE_PACKAGING on one package inside the caller's transaction.

    The caller commits; any exception leaves the transaction to be rolled back, so nothing
    is half done.

    Raises:
        OrderCancelled, AlreadyPacked, NoTransition, NoRoute, NoTrackingNumber,
        ConcurrentUpdate: the package cannot be packed, for the reason the type names.
    """
    now = now or utcnow()
    # FOR UPDATE locks the row on PostgreSQL until commit, so a second station blocks
    # here and then sees "packed". SQLite ignores it; its BEGIN IMMEDIATE serialises writers.
    package = session.scalar(select(Package).where(Package.id == package_id).with_for_update())
    if package is None:
        raise ConcurrentUpdate(str(package_id))
    session.refresh(package)
    order = package.order
    status = package.package_status

    if status is PackageStatus.CANCELLED or order.omnitron_status in (
        OmnitronStatus.CANCELLED.value,
        OmnitronStatus.CANCELLATION_WAITING.value,
    ):
        raise OrderCancelled(package.number, order.number)
    if status.code >= PackageStatus.PACKED.code and status is not PackageStatus.OUT_OF_STOCK:
        raise AlreadyPacked(
            package.number, status.value, package.packed_at, package.packed_by_station
        )

    transition = session.scalar(
        select(StateTransition).where(
            StateTransition.command == COMMAND.value,
            StateTransition.from_status == status.value,
        )
    )
    if transition is None:
        raise NoTransition(package.number, status.value, COMMAND.value)
    target = PackageStatus(transition.to_status)

    route = resolve_route(session, order, package.number)
    tracking_number = route.client.tracking_number(order, package.number)

    package.set_status(target, now)
    package.packed_at = now
    package.packed_by_station = station
    package.packed_by_operator = operator or None
    for item in package.items:
        item.set_status(target)
    session.add(
        Shipment(
            package_id=package.id,
            cargo_company_id=order.cargo_company_id,
            tracking_number=tracking_number,
            client_klass=route.client_klass,
            status=None,
            created_at=now,
            updated_at=now,
        )
    )
    queued = _queue_reports(session, package, now)
    audit.record(
        session,
        station=station,
        operator=operator,
        action="package_packed",
        entity="package",
        entity_id=package.number,
        old={"status": status.value},
        new={"status": target.value, "tracking_number": tracking_number},
        at=now,
    )
    try:
        session.flush()
    except StaleDataError as error:
        raise ConcurrentUpdate(package.number) from error
    log.info(
        "Packed %s (order %s, tracking %s) at %s; %d reports queued",
        package.number,
        order.number,
        tracking_number,
        station,
        queued,
    )
    return PackResult(package.id, package.number, order.number, tracking_number, now, queued)


def _queue_reports(session: Session, package: Package, now: dt.datetime) -> int:
    target = OmnitronStatus.PREPARING.value
    item_ids = [item.order_item.omnitron_id for item in package.items]
    already = set(
        session.scalars(
            select(OmnitronOutbox.order_item_omnitron_id).where(
                OmnitronOutbox.order_item_omnitron_id.in_(item_ids),
                OmnitronOutbox.target_status == target,
            )
        )
    )
    queued = 0
    for item_id in item_ids:
        if item_id in already:
            continue
        session.add(
            OmnitronOutbox(
                package_id=package.id,
                order_item_omnitron_id=item_id,
                target_status=target,
                next_attempt_at=now,
                created_at=now,
            )
        )
        queued += 1
    return queued


def pack_code(
    session: Session,
    code: str,
    *,
    station: str,
    operator: str = "",
    now: dt.datetime | None = None,
) -> PackResult:
    """Find the package ``code`` names (package, order or tracking number) and pack it."""
    package = find_package(session, code)
    return complete_packaging(session, package.id, station=station, operator=operator, now=now)
