"""Ingestion of Omnitron orders: the same order twice gives one order and one package.

Only an approved order (Omnitron "400") becomes a waiting package. A cancellation that
arrives while the package still waits moves it to cancelled, so nobody packs it.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core import audit
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    Order,
    OrderItem,
    Package,
    PackageItem,
    utcnow,
)
from oms_desktop.core.payloads import OrderPayload
from oms_desktop.core.statuses import OmnitronStatus, PackageStatus

log = logging.getLogger(__name__)

SYNC_STATION = "sync"
CANCELLED_CODES = frozenset(
    {OmnitronStatus.CANCELLED.value, OmnitronStatus.CANCELLATION_WAITING.value}
)


class IngestOutcome(enum.Enum):
    CREATED = "created"  # a new waiting package exists
    UPDATED = "updated"  # the order changed; no new package
    UNCHANGED = "unchanged"
    CANCELLED = "cancelled"  # a waiting package moved to cancelled
    STORED = "stored"  # a new order that is not approved: kept, no package


@dataclass(frozen=True)
class IngestResult:
    order_number: str
    outcome: IngestOutcome
    package_id: int | None = None


def package_number_for(order_omnitron_id: int) -> str:
    """Return the station's package number for the single package of an Omnitron order."""
    return f"PKG-{order_omnitron_id:07d}"


def _channel(session: Session, omnitron_id: int) -> Channel:
    channel = session.scalar(select(Channel).where(Channel.omnitron_id == omnitron_id))
    if channel is None:
        # An unknown channel is created on first sight so the order is not lost; the name
        # is a placeholder until a channel sync or a supervisor fills it in.
        channel = Channel(omnitron_id=omnitron_id, name=f"Channel {omnitron_id}", channel_type="")
        session.add(channel)
        session.flush()
        log.info("Created channel for unknown Omnitron channel id %s", omnitron_id)
    return channel


def _cargo_company(session: Session, omnitron_id: int | None) -> CargoCompany | None:
    if omnitron_id is None:
        return None
    cargo = session.scalar(select(CargoCompany).where(CargoCompany.omnitron_id == omnitron_id))
    if cargo is None:
        cargo = CargoCompany(omnitron_id=omnitron_id, name=f"Cargo company {omnitron_id}", code="")
        session.add(cargo)
        session.flush()
        log.info("Created cargo company for unknown Omnitron cargo company id %s", omnitron_id)
    return cargo


def _customer_name(payload: OrderPayload) -> str:
    address = payload.shipping_address
    if address is None:
        return ""
    return f"{address.first_name} {address.last_name}".strip()


def ingest_order(
    session: Session, payload: OrderPayload, now: dt.datetime | None = None
) -> IngestResult:
    """Create or update the order from ``payload``, and its package when it is approved."""
    now = now or utcnow()
    channel = _channel(session, payload.channel)
    cargo = _cargo_company(session, payload.cargo_company)
    order = session.scalar(select(Order).where(Order.omnitron_id == payload.pk))
    tracking = payload.tracking_number or None
    created_order = order is None
    changed = False

    if order is None:
        order = Order(
            omnitron_id=payload.pk,
            number=payload.number,
            channel_id=channel.id,
            cargo_company_id=cargo.id if cargo else None,
            tracking_number=tracking,
            omnitron_status=payload.status,
            date_placed=payload.date_placed,
            omnitron_modified_at=payload.modified_date,
            amount=payload.amount,
            currency=payload.currency,
            customer_name=_customer_name(payload),
            shipping_city=payload.shipping_address.city if payload.shipping_address else "",
            shipping_address=(
                payload.shipping_address.model_dump() if payload.shipping_address else {}
            ),
            created_at=now,
            updated_at=now,
        )
        session.add(order)
        session.flush()
    else:
        if order.tracking_number != tracking:
            _log_tracking_change(session, order, tracking, now)
            order.tracking_number = tracking
            changed = True
        if order.omnitron_status != payload.status:
            order.omnitron_status = payload.status
            changed = True
        new_cargo_id = cargo.id if cargo else None
        if order.cargo_company_id != new_cargo_id:
            order.cargo_company_id = new_cargo_id
            changed = True
        order.omnitron_modified_at = payload.modified_date

    items_changed = _upsert_items(session, order, payload)
    changed = changed or items_changed

    package = session.scalar(select(Package).where(Package.order_id == order.id))
    status = payload.status
    if status in CANCELLED_CODES:
        if package is not None and package.package_status.is_packable:
            _cancel_package(session, package, order, now)
            return IngestResult(order.number, IngestOutcome.CANCELLED, package.id)
    elif status == OmnitronStatus.APPROVED and package is None:
        package = _create_package(session, order, now)
        return IngestResult(order.number, IngestOutcome.CREATED, package.id)

    if created_order:
        return IngestResult(order.number, IngestOutcome.STORED, None)
    outcome = IngestOutcome.UPDATED if changed else IngestOutcome.UNCHANGED
    return IngestResult(order.number, outcome, package.id if package else None)


def _upsert_items(session: Session, order: Order, payload: OrderPayload) -> bool:
    existing = {item.omnitron_id: item for item in order.items}
    changed = False
    for item_payload in payload.orderitem_set:
        item = existing.get(item_payload.pk)
        product = item_payload.product
        if item is None:
            item = OrderItem(
                omnitron_id=item_payload.pk,
                order_id=order.id,
                omnitron_status=item_payload.status,
                product_name=product.name,
                sku=product.sku.strip(),
                barcode=product.barcode.strip(),
                price=item_payload.price,
            )
            session.add(item)
            order.items.append(item)
            changed = True
        elif item.omnitron_status != item_payload.status:
            item.omnitron_status = item_payload.status
            changed = True
    session.flush()
    return changed


def _create_package(session: Session, order: Order, now: dt.datetime) -> Package:
    status = PackageStatus.WAITING
    package = Package(
        number=package_number_for(order.omnitron_id),
        order_id=order.id,
        status=status.value,
        status_code=status.code,
        created_at=now,
        updated_at=now,
    )
    session.add(package)
    session.flush()
    for item in order.items:
        package_item = PackageItem(
            package_id=package.id,
            order_item_id=item.id,
            status=status.value,
            status_code=status.code,
        )
        session.add(package_item)
    session.flush()
    return package


def _cancel_package(session: Session, package: Package, order: Order, now: dt.datetime) -> None:
    old = package.status
    package.set_status(PackageStatus.CANCELLED, now)
    for item in package.items:
        item.set_status(PackageStatus.CANCELLED)
    audit.record(
        session,
        station=SYNC_STATION,
        action="package_cancelled",
        entity="package",
        entity_id=package.number,
        old={"status": old},
        new={"status": package.status, "omnitron_status": order.omnitron_status},
        at=now,
    )
    log.info(
        "Package %s cancelled: order %s has Omnitron status %s",
        package.number,
        order.number,
        order.omnitron_status,
    )


def _log_tracking_change(
    session: Session, order: Order, tracking: str | None, now: dt.datetime
) -> None:
    audit.record(
        session,
        station=SYNC_STATION,
        action="tracking_number_changed",
        entity="order",
        entity_id=order.number,
        old={"tracking_number": order.tracking_number},
        new={"tracking_number": tracking},
        at=now,
    )
    log.warning(
        "Order %s: tracking number changed from %s to %s",
        order.number,
        order.tracking_number,
        tracking,
    )
