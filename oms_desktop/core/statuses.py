"""Status enums with the numeric codes the OMS and Omnitron use.

The database stores both the name and the code of a package status, so a
report written in SQL and the station's own code agree on what "500" means.
"""

from __future__ import annotations

import enum


class PackageStatus(enum.StrEnum):
    """Status of a package and of each package item, by name; ``code`` gives the OMS code."""

    WAITING = "waiting"
    PREPARING = "preparing"
    READY_TO_PACK = "ready_to_pack"
    PACKED = "packed"
    SHIPPED = "shipped"
    ATTEMPTED_DELIVERY = "attempted_delivery"
    DELIVERED = "delivered"
    OUT_OF_STOCK = "out_of_stock"
    CANCELLED = "cancelled"

    @property
    def code(self) -> int:
        return _PACKAGE_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> PackageStatus:
        for status, status_code in _PACKAGE_CODES.items():
            if status_code == code:
                return status
        raise ValueError(f"unknown package status code {code}")

    @property
    def is_open_shipment(self) -> bool:
        """True while the carrier still has the parcel, so its status can still change."""
        return self in OPEN_SHIPMENT_STATUSES

    @property
    def is_packable(self) -> bool:
        """True for statuses that still count as work at the location (codes below 400 and 400)."""
        return self.code <= PackageStatus.READY_TO_PACK.code


# NOTE: Akinon does not publish the code of "cancelled"; 950 is this station's choice
# and sits above out_of_stock (920) so that it never counts as work at the location.
_PACKAGE_CODES: dict[PackageStatus, int] = {
    PackageStatus.WAITING: 100,
    PackageStatus.PREPARING: 200,
    PackageStatus.READY_TO_PACK: 400,
    PackageStatus.PACKED: 500,
    PackageStatus.SHIPPED: 700,
    PackageStatus.ATTEMPTED_DELIVERY: 720,
    PackageStatus.DELIVERED: 800,
    PackageStatus.OUT_OF_STOCK: 920,
    PackageStatus.CANCELLED: 950,
}

OPEN_SHIPMENT_STATUSES = frozenset(
    {PackageStatus.PACKED, PackageStatus.SHIPPED, PackageStatus.ATTEMPTED_DELIVERY}
)


class ShipmentStatus(enum.StrEnum):
    """Status of a shipment as Omnitron reports it; a new shipment has none (NULL)."""

    SHIPPED = "shipped"
    ATTEMPTED_DELIVERY = "attempted_delivery"
    DELIVERED = "delivered"


class OmnitronStatus(enum.StrEnum):
    """Omnitron order and order item status codes, as the strings Omnitron sends."""

    CANCELLATION_WAITING = "50"
    CANCELLED = "100"
    WAITING = "200"
    PAYMENT_WAITING = "300"
    CONFIRMATION_WAITING = "350"
    APPROVED = "400"
    PREPARING = "450"
    SHIPPED = "500"
    SHIPPED_AND_INFORMED = "510"
    READY_FOR_PICKUP = "520"
    ATTEMPTED_DELIVERY = "540"
    REVIEW_STARTED = "544"
    REVIEW_WAITING = "545"
    DELIVERED = "550"

    @property
    def is_cancelled(self) -> bool:
        return self in (OmnitronStatus.CANCELLED, OmnitronStatus.CANCELLATION_WAITING)


# Omnitron order status -> (shipment status, package status). Codes not listed here,
# the refund side above 550 included, leave both untouched.
SHIPMENT_STATUS_BY_OMNITRON: dict[str, tuple[ShipmentStatus, PackageStatus]] = {
    OmnitronStatus.SHIPPED.value: (ShipmentStatus.SHIPPED, PackageStatus.SHIPPED),
    OmnitronStatus.ATTEMPTED_DELIVERY.value: (
        ShipmentStatus.ATTEMPTED_DELIVERY,
        PackageStatus.ATTEMPTED_DELIVERY,
    ),
    OmnitronStatus.DELIVERED.value: (ShipmentStatus.DELIVERED, PackageStatus.DELIVERED),
}


def is_known_omnitron_code(code: str) -> bool:
    """Tell whether ``code`` is an Omnitron status code; refund-side codes above 550 count."""
    if code in OmnitronStatus._value2member_map_:
        return True
    return code.isdigit() and 550 < int(code) < 1000


class Command(enum.StrEnum):
    """Commands the state transition table knows."""

    CHANNEL_BASED_COMPLETE_PACKAGING = "CHANNEL_BASED_COMPLETE_PACKAGING"
