"""SQLAlchemy models of the packing station: one metadata shared by every station.

Every timestamp is stored as UTC. Statuses are stored by name and by code, so
SQL reports and the application agree without a lookup table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from oms_desktop.core.statuses import PackageStatus

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that always comes back timezone-aware in UTC, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given; pass an aware UTC time")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON()}


condition_channel = Table(
    "shipment_condition_channel",
    Base.metadata,
    Column(
        "condition_id",
        ForeignKey("shipment_condition.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("channel_id", ForeignKey("channel.id", ondelete="CASCADE"), primary_key=True),
)


class Channel(Base):
    __tablename__ = "channel"

    id: Mapped[int] = mapped_column(primary_key=True)
    omnitron_id: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Newer marketplace integrations register as "sales_channel", so the type never
    # decides whether an order is a marketplace order: the conditions do.
    channel_type: Mapped[str] = mapped_column(String(60), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class CargoCompany(Base):
    __tablename__ = "cargo_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    omnitron_id: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(60), default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    conditions: Mapped[list[ShipmentCondition]] = relationship(back_populates="cargo_company")


class ShipmentCondition(Base):
    """Routes the orders a condition class matches to a shipment client class."""

    __tablename__ = "shipment_condition"

    id: Mapped[int] = mapped_column(primary_key=True)
    cargo_company_id: Mapped[int] = mapped_column(ForeignKey("cargo_company.id"))
    klass: Mapped[str] = mapped_column(String(120))
    # The shipment client's configuration; "klass" names the client in the registry.
    conf: Mapped[dict[str, Any]] = mapped_column(default=dict)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    cargo_company: Mapped[CargoCompany] = relationship(back_populates="conditions")
    channels: Mapped[list[Channel]] = relationship(secondary=condition_channel)


class Order(Base):
    __tablename__ = "oms_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    omnitron_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    channel_id: Mapped[int] = mapped_column(ForeignKey("channel.id"))
    cargo_company_id: Mapped[int | None] = mapped_column(ForeignKey("cargo_company.id"))
    tracking_number: Mapped[str | None] = mapped_column(String(80), index=True)
    omnitron_status: Mapped[str] = mapped_column(String(8))
    date_placed: Mapped[dt.datetime | None]
    omnitron_modified_at: Mapped[dt.datetime | None]
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3), default="TRY")
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    shipping_city: Mapped[str] = mapped_column(String(100), default="")
    shipping_address: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    channel: Mapped[Channel] = relationship()
    cargo_company: Mapped[CargoCompany | None] = relationship()
    items: Mapped[list[OrderItem]] = relationship(back_populates="order", order_by="OrderItem.id")
    packages: Mapped[list[Package]] = relationship(back_populates="order")


class OrderItem(Base):
    __tablename__ = "oms_order_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    omnitron_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("oms_order.id", ondelete="CASCADE"), index=True
    )
    omnitron_status: Mapped[str] = mapped_column(String(8))
    product_name: Mapped[str] = mapped_column(String(300), default="")
    sku: Mapped[str] = mapped_column(String(80), default="")
    barcode: Mapped[str] = mapped_column(String(80), default="", index=True)
    price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))

    order: Mapped[Order] = relationship(back_populates="items")


class Package(Base):
    __tablename__ = "package"
    __table_args__ = (Index("ix_package_status_code_id", "status_code", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(80), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("oms_order.id"), index=True)
    status: Mapped[str] = mapped_column(String(40))
    status_code: Mapped[int] = mapped_column(Integer)
    # SQLAlchemy adds "AND version = <read value>" to every UPDATE and raises StaleDataError
    # when no row matched, so a station that lost a race learns it instead of overwriting.
    version: Mapped[int] = mapped_column(Integer)
    __mapper_args__ = {"version_id_col": version}
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    packed_at: Mapped[dt.datetime | None]
    packed_by_station: Mapped[str | None] = mapped_column(String(120))
    packed_by_operator: Mapped[str | None] = mapped_column(String(120))
    # A station that opened the package for verification claims it until the expiry,
    # so other benches can warn before taking it over; a dead station's claim lapses.
    claimed_by_station: Mapped[str | None] = mapped_column(String(120))
    claim_expires_at: Mapped[dt.datetime | None]

    order: Mapped[Order] = relationship(back_populates="packages")
    items: Mapped[list[PackageItem]] = relationship(
        back_populates="package", order_by="PackageItem.id"
    )
    shipment: Mapped[Shipment | None] = relationship(back_populates="package")

    @property
    def package_status(self) -> PackageStatus:
        return PackageStatus(self.status)

    def set_status(self, status: PackageStatus, now: dt.datetime) -> None:
        self.status = status.value
        self.status_code = status.code
        self.updated_at = now


class PackageItem(Base):
    __tablename__ = "package_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed: the package list counts items per package and the command loads them.
    package_id: Mapped[int] = mapped_column(
        ForeignKey("package.id", ondelete="CASCADE"), index=True
    )
    order_item_id: Mapped[int] = mapped_column(ForeignKey("oms_order_item.id"), unique=True)
    status: Mapped[str] = mapped_column(String(40))
    status_code: Mapped[int] = mapped_column(Integer)

    package: Mapped[Package] = relationship(back_populates="items")
    order_item: Mapped[OrderItem] = relationship()

    def set_status(self, status: PackageStatus) -> None:
        self.status = status.value
        self.status_code = status.code


class Shipment(Base):
    __tablename__ = "shipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), unique=True)
    cargo_company_id: Mapped[int | None] = mapped_column(ForeignKey("cargo_company.id"))
    tracking_number: Mapped[str] = mapped_column(String(80), index=True)
    client_klass: Mapped[str] = mapped_column(String(120))
    # NULL until Omnitron reports a status that maps to one (see ShipmentStatus).
    status: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_checked_at: Mapped[dt.datetime | None]

    package: Mapped[Package] = relationship(back_populates="shipment")


class StateTransition(Base):
    __tablename__ = "state_transition"
    __table_args__ = (UniqueConstraint("command", "from_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    command: Mapped[str] = mapped_column(String(80))
    from_status: Mapped[str] = mapped_column(String(40))
    to_status: Mapped[str] = mapped_column(String(40))
    slug: Mapped[str] = mapped_column(String(120), unique=True)


class AppSetting(Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OutboxStatus:
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class OmnitronOutbox(Base):
    """A report promised to Omnitron: written with the packing, removed from the queue
    only after Omnitron accepted it."""

    __tablename__ = "omnitron_outbox"
    __table_args__ = (
        # One report per order item and target status: a retried packing cannot queue twice.
        UniqueConstraint("order_item_omnitron_id", "target_status"),
        Index("ix_omnitron_outbox_state_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("package.id"))
    order_item_omnitron_id: Mapped[int] = mapped_column(BigInteger)
    target_status: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[dt.datetime | None]


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    station: Mapped[str] = mapped_column(String(120))
    operator: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(80))
    entity: Mapped[str] = mapped_column(String(80), default="")
    entity_id: Mapped[str] = mapped_column(String(120), default="")
    old_value: Mapped[Any | None] = mapped_column(JSON)
    new_value: Mapped[Any | None] = mapped_column(JSON)


class SyncState(Base):
    """Cursors and markers the sync engine keeps across restarts (for example the order feed
    cursor)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SyncLease(Base):
    """The lease of the one sync engine that may talk to Omnitron for this database, until
    ``expires_at``."""

    __tablename__ = "sync_lease"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    acquired_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]


class ChangeLog(Base):
    """An append-only feed of changed rows; stations poll it by id to refresh in place."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SupervisorCredential(Base):
    """The supervisor's PIN or password as a salted scrypt hash, with the lockout state."""

    __tablename__ = "supervisor_credential"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(400))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
