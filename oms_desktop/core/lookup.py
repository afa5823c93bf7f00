"""Finding the package a scanned or typed code names.

Identifiers are matched exactly after trimming surrounding whitespace: never
case-folded, because Python's default folding changes lengths ("İ".lower() is two
characters) and would let a damaged code match a different package.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from oms_desktop.core.errors import AmbiguousCode, UnknownCode
from oms_desktop.core.models import Order, Package, Shipment


def find_packages(session: Session, code: str) -> list[Package]:
    """Return every package whose number, order number or tracking number equals ``code``."""
    code = code.strip()
    if not code:
        return []
    by_number = session.scalar(select(Package).where(Package.number == code))
    if by_number is not None:
        return [by_number]
    statement = (
        select(Package)
        .join(Order, Package.order_id == Order.id)
        .outerjoin(Shipment, Shipment.package_id == Package.id)
        .where(
            or_(
                Order.number == code,
                Order.tracking_number == code,
                Shipment.tracking_number == code,
            )
        )
        .order_by(Package.id)
    )
    return list(session.scalars(statement).unique())


def find_package(session: Session, code: str) -> Package:
    """Return the one package ``code`` names.

    Raises:
        UnknownCode: nothing matches.
        AmbiguousCode: several packages match, as when an order was split.
    """
    packages = find_packages(session, code)
    if not packages:
        raise UnknownCode(code.strip())
    if len(packages) > 1:
        packable = [package for package in packages if package.package_status.is_packable]
        if len(packable) == 1:
            return packable[0]
        raise AmbiguousCode(code.strip(), [package.number for package in packages])
    return packages[0]
