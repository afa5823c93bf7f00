"""Status codes and the Omnitron -> shipment status mapping."""

from __future__ import annotations

import pytest

from oms_desktop.core.statuses import (
    SHIPMENT_STATUS_BY_OMNITRON,
    OmnitronStatus,
    PackageStatus,
    ShipmentStatus,
    is_known_omnitron_code,
)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (PackageStatus.WAITING, 100),
        (PackageStatus.PREPARING, 200),
        (PackageStatus.READY_TO_PACK, 400),
        (PackageStatus.PACKED, 500),
        (PackageStatus.SHIPPED, 700),
        (PackageStatus.ATTEMPTED_DELIVERY, 720),
        (PackageStatus.DELIVERED, 800),
        (PackageStatus.OUT_OF_STOCK, 920),
    ],
)
def test_package_status_codes(status: PackageStatus, code: int) -> None:
    assert status.code == code
    assert PackageStatus.from_code(code) is status


def test_cancelled_code_counts_as_no_work() -> None:
    assert PackageStatus.CANCELLED.code > PackageStatus.READY_TO_PACK.code
    assert not PackageStatus.CANCELLED.is_packable


def test_codes_are_unique() -> None:
    codes = [status.code for status in PackageStatus]
    assert len(codes) == len(set(codes))


def test_unknown_code_raises() -> None:
    with pytest.raises(ValueError, match="999"):
        PackageStatus.from_code(999)


def test_packable_statuses() -> None:
    packable = {status for status in PackageStatus if status.is_packable}
    assert packable == {PackageStatus.WAITING, PackageStatus.PREPARING, PackageStatus.READY_TO_PACK}


@pytest.mark.parametrize(
    ("omnitron", "expected"),
    [
        ("500", (ShipmentStatus.SHIPPED, PackageStatus.SHIPPED)),
        ("540", (ShipmentStatus.ATTEMPTED_DELIVERY, PackageStatus.ATTEMPTED_DELIVERY)),
        ("550", (ShipmentStatus.DELIVERED, PackageStatus.DELIVERED)),
    ],
)
def test_mapped_omnitron_statuses(
    omnitron: str, expected: tuple[ShipmentStatus, PackageStatus]
) -> None:
    assert SHIPMENT_STATUS_BY_OMNITRON[omnitron] == expected


@pytest.mark.parametrize("omnitron", ["50", "100", "400", "450", "510", "520", "544", "545", "600"])
def test_anything_else_maps_to_nothing(omnitron: str) -> None:
    assert omnitron not in SHIPMENT_STATUS_BY_OMNITRON


def test_known_omnitron_codes() -> None:
    assert all(is_known_omnitron_code(status.value) for status in OmnitronStatus)
    assert is_known_omnitron_code("600")
    assert not is_known_omnitron_code("abc")
    assert not is_known_omnitron_code("42")
    assert not is_known_omnitron_code("")
