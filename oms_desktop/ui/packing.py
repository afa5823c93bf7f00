"""The packing actions as worker-thread work: one session and one transaction per action.

These functions run on a TaskRunner thread, never on the GUI thread, and touch no
widget. They return what the banner, the packing panel and the table need.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core import audit
from oms_desktop.core.claims import ClaimResult, active_claim, claim_package, release_claim
from oms_desktop.core.command import COMMAND, PackResult, complete_packaging, pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import (
    AlreadyPacked,
    ConcurrentUpdate,
    DomainError,
    NoTransition,
    OrderCancelled,
)
from oms_desktop.core.models import OrderItem, Package, StateTransition
from oms_desktop.core.routing import resolve_route
from oms_desktop.core.scan import (
    PackageMatch,
    ProductMatch,
    ScanResolution,
    ScanSettings,
    interpret_scan,
)
from oms_desktop.core.settings import station_settings
from oms_desktop.core.statuses import OmnitronStatus, PackageStatus
from oms_desktop.core.verification import (
    DEFAULT_DUPLICATE_WINDOW_S,
    VerificationLine,
    VerificationSession,
    find_other_waiting_package,
)

# Audit action written when a package is completed before every item was scanned.
COMPLETED_WITHOUT_VERIFYING = "completed_without_verifying"
# Audit action written when this station takes a package over from another station.
CLAIM_TAKEN_OVER = "claim_taken_over"


class ClaimTakenOver(DomainError):
    """Another station took the open package over; this station must not complete it."""

    def __init__(self, package_number: str, holder: str) -> None:
        super().__init__(
            f"package {package_number} was taken over by station {holder}; it was not packed here"
        )
        self.package_number = package_number
        self.holder = holder


@dataclass(frozen=True)
class PackOutcome:
    """A committed packing: the command's result plus what the banner and table show."""

    result: PackResult
    item_count: int
    # Units completed without a scan (the station allows it); 0 after a full scan.
    unverified_units: int = 0


@dataclass(frozen=True)
class PackageHeader:
    """Header of the open package in the packing panel: its numbers, channel and carrier."""

    package_id: int
    number: str
    order_number: str
    channel: str
    cargo_company: str | None
    tracking_number: str | None
    status: str


@dataclass(frozen=True)
class OpenedPackage:
    """A package read for verification; ``claim`` is whether this station claimed it."""

    header: PackageHeader
    verification: VerificationSession
    claim: ClaimResult


@dataclass(frozen=True)
class ScanLookup:
    """Result of reading one scan off the GUI thread, with the data its banner needs.

    ``opened`` is set when the scan named a package to open, and ``packed`` when the
    station packs on a package scan. ``product_name`` and ``other_package`` are set for
    product barcodes.
    """

    resolution: ScanResolution
    opened: OpenedPackage | None = None
    packed: PackOutcome | None = None
    product_name: str | None = None
    other_package: str | None = None


def _outcome(session: Session, result: PackResult, unverified_units: int = 0) -> PackOutcome:
    # complete_packaging loaded the package and its items into this session, so counting
    # them here costs no query.
    package = session.get(Package, result.package_id)
    item_count = len(package.items) if package is not None else result.reports_queued
    return PackOutcome(result, item_count, unverified_units)


def pack_scanned_code(sessions: sessionmaker[Session], code: str, station: str) -> PackOutcome:
    """Pack the package that ``code`` names (package, order or tracking number) and commit.

    Raises:
        DomainError: the package cannot be packed; nothing was written.
        sqlalchemy.exc.OperationalError: the database is locked or unreachable.
    """
    with transaction(sessions) as session:
        result = pack_code(session, code, station=station)
        return _outcome(session, result)


def pack_package(sessions: sessionmaker[Session], package_id: int, station: str) -> PackOutcome:
    """Pack the package with database id ``package_id`` and commit; raises as above."""
    with transaction(sessions) as session:
        result = complete_packaging(session, package_id, station=station)
        return _outcome(session, result)


def load_station_settings(sessions: sessionmaker[Session], station: str) -> dict[str, Any]:
    """Return every setting's effective value for ``station``."""
    with sessions() as session:
        return station_settings(session, station)


def check_packable(session: Session, package: Package) -> None:
    """Raise the error ``complete_packaging`` would raise for ``package`` now, if any.

    The packer learns that a package is cancelled, packed, or has no route or tracking
    number before scanning its items, not after. ``complete_packaging`` checks all of it
    again when the package is completed, under a row lock.

    Raises:
        OrderCancelled, AlreadyPacked, NoTransition, NoRoute, NoTrackingNumber.
    """
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
        select(StateTransition.id).where(
            StateTransition.command == COMMAND.value,
            StateTransition.from_status == status.value,
        )
    )
    if transition is None:
        raise NoTransition(package.number, status.value, COMMAND.value)
    route = resolve_route(session, order, package.number)
    route.client.tracking_number(order, package.number)


def _header(package: Package) -> PackageHeader:
    order = package.order
    shipment = package.shipment
    tracking = shipment.tracking_number if shipment is not None else order.tracking_number
    return PackageHeader(
        package_id=package.id,
        number=package.number,
        order_number=order.number,
        channel=order.channel.name,
        cargo_company=order.cargo_company.name if order.cargo_company is not None else None,
        tracking_number=tracking,
        status=package.status,
    )


def _open(
    session: Session,
    package_id: int,
    station: str,
    operator: str,
    *,
    take_over: bool,
    duplicate_window_s: float,
) -> OpenedPackage:
    package = session.get(Package, package_id)
    if package is None:
        raise ConcurrentUpdate(str(package_id))
    check_packable(session, package)
    previous = active_claim(session, package_id)
    claim = claim_package(session, package_id, station, take_over=take_over)
    if take_over and previous is not None and previous[0] != station:
        audit.record(
            session,
            station=station,
            operator=operator,
            action=CLAIM_TAKEN_OVER,
            entity="package",
            entity_id=package.number,
            old={"station": previous[0]},
            new={"station": station},
        )
    verification = VerificationSession.load(
        session, package_id, duplicate_window_s=duplicate_window_s
    )
    return OpenedPackage(_header(package), verification, claim)


def open_package(
    sessions: sessionmaker[Session],
    package_id: int,
    station: str,
    *,
    operator: str = "",
    take_over: bool = False,
    duplicate_window_s: float = DEFAULT_DUPLICATE_WINDOW_S,
) -> OpenedPackage:
    """Check that the package can be packed, claim it for ``station`` and read its items.

    With ``take_over`` the claim of another station is replaced, and the audit log
    records from whom.

    Raises:
        DomainError: the package cannot be packed (see ``check_packable``) or is gone.
    """
    with transaction(sessions) as session:
        return _open(
            session,
            package_id,
            station,
            operator,
            take_over=take_over,
            duplicate_window_s=duplicate_window_s,
        )


def product_name(session: Session, barcode: str) -> str | None:
    """Return the name of a product with ``barcode``, from the newest order item that has one."""
    return session.scalar(
        select(OrderItem.product_name)
        .where(OrderItem.barcode == barcode, OrderItem.product_name != "")
        .order_by(OrderItem.id.desc())
        .limit(1)
    )


class PackageAction(enum.Enum):
    """Action of ``lookup_scan`` when the code names a package other than the open one."""

    OPEN = "open"  # check, claim and read it for item verification
    PACK = "pack"  # run the packing command at once (the station does not verify items)
    READ = "read"  # nothing: a package with scanned items is open at the station


def lookup_scan(
    sessions: sessionmaker[Session],
    code: str,
    *,
    station: str,
    operator: str = "",
    scan_settings: ScanSettings,
    current_package_id: int | None,
    package_action: PackageAction,
    duplicate_window_s: float = DEFAULT_DUPLICATE_WINDOW_S,
) -> ScanLookup:
    """Read what ``code`` names and do what that calls for, in one transaction.

    ``current_package_id`` is the package open at the station, or the one offered for
    taking over. A scan of it is only read, because the caller completes it or takes it
    over. Another package gets ``package_action``. A product barcode comes back with its
    product name and another waiting package that contains it.

    Raises:
        DomainError: the named package cannot be opened or packed; nothing was written.
    """
    with transaction(sessions) as session:
        resolution = interpret_scan(session, code, scan_settings)
        if isinstance(resolution, PackageMatch) and resolution.package_id != current_package_id:
            if package_action is PackageAction.OPEN:
                opened = _open(
                    session,
                    resolution.package_id,
                    station,
                    operator,
                    take_over=False,
                    duplicate_window_s=duplicate_window_s,
                )
                return ScanLookup(resolution, opened=opened)
            if package_action is PackageAction.PACK:
                result = complete_packaging(
                    session, resolution.package_id, station=station, operator=operator
                )
                return ScanLookup(resolution, packed=_outcome(session, result))
        if isinstance(resolution, ProductMatch):
            name = product_name(session, resolution.barcode)
            other = find_other_waiting_package(session, resolution.barcode, current_package_id or 0)
            return ScanLookup(resolution, product_name=name, other_package=other)
        return ScanLookup(resolution)


def _unverified(lines: Sequence[VerificationLine]) -> list[dict[str, Any]]:
    return [
        {
            "barcode": line.barcode,
            "sku": line.sku,
            "product_name": line.product_name,
            "ordered": line.ordered,
            "scanned": line.scanned,
        }
        for line in lines
        if line.remaining > 0
    ]


def complete_open_package(
    sessions: sessionmaker[Session],
    package_id: int,
    station: str,
    *,
    operator: str = "",
    lines: Sequence[VerificationLine] = (),
    now: dt.datetime | None = None,
) -> PackOutcome:
    """Pack the open package and release this station's claim, in one transaction.

    ``lines`` are the verification lines as they stand. Units left unscanned mean the
    caller checked that the station may complete without verifying. The audit log then
    records "completed_without_verifying" with what was left unscanned.

    Raises:
        ClaimTakenOver: another station holds a live claim on the package.
        DomainError: the package cannot be packed; nothing was written.
    """
    with transaction(sessions) as session:
        holder = active_claim(session, package_id, now)
        if holder is not None and holder[0] != station:
            number = session.scalar(select(Package.number).where(Package.id == package_id))
            raise ClaimTakenOver(number or str(package_id), holder[0])
        result = complete_packaging(
            session, package_id, station=station, operator=operator, now=now
        )
        missing = _unverified(lines)
        unverified_units = sum(line["ordered"] - line["scanned"] for line in missing)
        if missing:
            audit.record(
                session,
                station=station,
                operator=operator,
                action=COMPLETED_WITHOUT_VERIFYING,
                entity="package",
                entity_id=result.package_number,
                old={"unverified": missing},
                new={"status": PackageStatus.PACKED.value, "unverified_units": unverified_units},
                at=result.packed_at,
            )
        release_claim(session, package_id, station)
        return _outcome(session, result, unverified_units)


def renew_claim(sessions: sessionmaker[Session], package_id: int, station: str) -> ClaimResult:
    """Extend this station's claim on an open package; a failed result names the new holder."""
    with transaction(sessions) as session:
        return claim_package(session, package_id, station)


def release_package(sessions: sessionmaker[Session], package_id: int, station: str) -> None:
    """Drop this station's claim on a package it put aside without packing."""
    with transaction(sessions) as session:
        release_claim(session, package_id, station)
