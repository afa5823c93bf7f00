"""Read-only views of packages for the table, the command line and reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    Order,
    Package,
    PackageItem,
    Shipment,
    utcnow,
)


@dataclass(frozen=True)
class PackageRow:
    """One package with what a packer needs to see at a glance.

    ``claimed_by_station`` and ``claim_expires_at`` describe a claim that was live when
    the row was read (None otherwise): the station that opened the package for
    verification, and when its claim lapses unless renewed.
    """

    id: int
    number: str
    order_number: str
    channel: str
    cargo_company: str | None
    item_count: int
    status: str
    status_code: int
    tracking_number: str | None
    shipment_status: str | None
    created_at: dt.datetime
    date_placed: dt.datetime | None
    packed_at: dt.datetime | None
    packed_by_station: str | None
    version: int
    claimed_by_station: str | None = None
    claim_expires_at: dt.datetime | None = None

    def claim_holder(self, now: dt.datetime) -> str | None:
        """Return the station whose claim is still live at ``now``, or None."""
        if self.claimed_by_station is None or self.claim_expires_at is None:
            return None
        return self.claimed_by_station if self.claim_expires_at > now else None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("created_at", "date_placed", "packed_at", "claim_expires_at"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data


def package_rows_statement(now: dt.datetime | None = None) -> Select[Any]:
    """Select the PackageRow columns; a claim that expired before ``now`` reads as None."""
    live_claim = Package.claim_expires_at > (now or utcnow())
    item_count = (
        select(func.count(PackageItem.id))
        .where(PackageItem.package_id == Package.id)
        .correlate(Package)
        .scalar_subquery()
    )
    return (
        select(
            Package.id,
            Package.number,
            Order.number.label("order_number"),
            Channel.name.label("channel"),
            CargoCompany.name.label("cargo_company"),
            item_count.label("item_count"),
            Package.status,
            Package.status_code,
            func.coalesce(Shipment.tracking_number, Order.tracking_number).label("tracking_number"),
            Shipment.status.label("shipment_status"),
            Package.created_at,
            Order.date_placed,
            Package.packed_at,
            Package.packed_by_station,
            Package.version,
            case((live_claim, Package.claimed_by_station), else_=None).label("claimed_by_station"),
            case((live_claim, Package.claim_expires_at), else_=None).label("claim_expires_at"),
        )
        .join(Order, Package.order_id == Order.id)
        .join(Channel, Order.channel_id == Channel.id)
        .outerjoin(CargoCompany, Order.cargo_company_id == CargoCompany.id)
        .outerjoin(Shipment, Shipment.package_id == Package.id)
    )


def list_packages(
    session: Session,
    statuses: Sequence[str] | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
    now: dt.datetime | None = None,
) -> list[PackageRow]:
    """Return packages, oldest first, optionally only those in ``statuses`` or with ``ids``.

    Claims that expired before ``now`` (default: the current time) read as unclaimed.
    """
    statement = package_rows_statement(now)
    if statuses:
        statement = statement.where(Package.status.in_(list(statuses)))
    if ids is not None:
        statement = statement.where(Package.id.in_(list(ids)))
    statement = statement.order_by(Package.id)
    if limit is not None:
        statement = statement.limit(limit)
    return [PackageRow(**row._asdict()) for row in session.execute(statement)]


def list_packages_after(
    session: Session,
    after_id: int,
    limit: int,
    statuses: Sequence[str] | None = None,
    now: dt.datetime | None = None,
) -> list[PackageRow]:
    """Return one keyset page: up to ``limit`` packages with an id above ``after_id``, by id.

    Unlike OFFSET, the cost of a page does not grow with its depth, so a table can page
    through 100,000 packages. ``statuses`` None means every status; an empty sequence
    matches nothing.
    """
    statement = package_rows_statement(now).where(Package.id > after_id)
    if statuses is not None:
        statement = statement.where(Package.status.in_(list(statuses)))
    statement = statement.order_by(Package.id).limit(limit)
    return [PackageRow(**row._asdict()) for row in session.execute(statement)]
