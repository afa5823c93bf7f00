"""Claims: a station that opens a package for verification marks it as its own.

Other stations see "being packed at station X" and warn before taking it over. A
claim expires on its own, so a station that crashed or lost power frees its packages;
the holder renews it while the package stays open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from oms_desktop.core.changes import record_changes
from oms_desktop.core.changes import rowcount as _rowcount
from oms_desktop.core.models import Package, utcnow

CLAIM_TTL = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class ClaimResult:
    claimed: bool
    # The other station and when its claim lapses, when ``claimed`` is False.
    holder: str | None = None
    expires_at: dt.datetime | None = None


def claim_package(
    session: Session,
    package_id: int,
    station: str,
    *,
    take_over: bool = False,
    ttl: dt.timedelta = CLAIM_TTL,
    now: dt.datetime | None = None,
) -> ClaimResult:
    """Claim ``package_id`` for ``station`` inside the caller's transaction.

    Succeeds when the package is unclaimed, claimed by ``station`` itself, its claim
    expired, or ``take_over`` is set after the packer confirmed taking it over.
    """
    now = now or utcnow()
    condition = Package.id == package_id
    if not take_over:
        condition = and_(
            condition,
            or_(
                Package.claimed_by_station.is_(None),
                Package.claimed_by_station == station,
                Package.claim_expires_at < now,
            ),
        )
    # A Core UPDATE rather than the ORM: claiming must not bump the package version,
    # which belongs to status changes, and must be decided by the database.
    result = session.execute(
        update(Package)
        .where(condition)
        .values(claimed_by_station=station, claim_expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) == 1:
        record_changes(session.connection(), [package_id])
        return ClaimResult(True)
    row = session.execute(
        select(Package.claimed_by_station, Package.claim_expires_at).where(Package.id == package_id)
    ).one_or_none()
    if row is None:
        return ClaimResult(False)
    return ClaimResult(False, row.claimed_by_station, row.claim_expires_at)


def release_claim(session: Session, package_id: int, station: str) -> None:
    result = session.execute(
        update(Package)
        .where(Package.id == package_id, Package.claimed_by_station == station)
        .values(claimed_by_station=None, claim_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result):
        record_changes(session.connection(), [package_id])


def active_claim(
    session: Session, package_id: int, now: dt.datetime | None = None
) -> tuple[str, dt.datetime] | None:
    """Return (station, expiry) of a live claim on the package, or None."""
    now = now or utcnow()
    row = session.execute(
        select(Package.claimed_by_station, Package.claim_expires_at).where(Package.id == package_id)
    ).one_or_none()
    if row is None or row.claimed_by_station is None or row.claim_expires_at is None:
        return None
    if row.claim_expires_at < now:
        return None
    return row.claimed_by_station, row.claim_expires_at
