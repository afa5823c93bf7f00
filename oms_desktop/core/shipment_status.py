"""Applying Omnitron order statuses to shipments and packages.

500 -> shipped (700), 540 -> attempted_delivery (720), 550 -> delivered (800); any
other code leaves both untouched. The statuses are written directly: the standard
ship command, which would call a carrier, is not run for marketplace orders.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from oms_desktop.core.models import Package, utcnow
from oms_desktop.core.statuses import SHIPMENT_STATUS_BY_OMNITRON

log = logging.getLogger(__name__)


def apply_omnitron_status(
    session: Session, package: Package, omnitron_status: str, now: dt.datetime | None = None
) -> bool:
    """Move ``package`` and its shipment to the status ``omnitron_status`` maps to.

    Returns True when anything changed. A package without a shipment is left alone.
    """
    now = now or utcnow()
    shipment = package.shipment
    if shipment is None:
        return False
    shipment.status_checked_at = now
    mapped = SHIPMENT_STATUS_BY_OMNITRON.get(omnitron_status)
    if mapped is None:
        return False
    shipment_status, package_status = mapped
    if shipment.status == shipment_status.value and package.status == package_status.value:
        return False
    old = package.status
    shipment.status = shipment_status.value
    shipment.updated_at = now
    package.set_status(package_status, now)
    for item in package.items:
        item.set_status(package_status)
    session.flush()
    log.info(
        "Package %s: %s -> %s (Omnitron status %s)",
        package.number,
        old,
        package_status.value,
        omnitron_status,
    )
    return True
