"""Scan-to-verify of one open package: counting, wrong items, over-scans, repeats, undo."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy.orm import Session

from oms_desktop.core.errors import ConcurrentUpdate
from oms_desktop.core.gs1 import gs1_check_digit
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import Package
from oms_desktop.core.payloads import OrderPayload
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.core.verification import (
    DEFAULT_DUPLICATE_WINDOW_S,
    ItemScanKind,
    VerificationLine,
    VerificationSession,
    find_other_waiting_package,
)
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


SHIRT = with_check_digit("869123450011")
MUG = with_check_digit("869123450012")
LAMP = with_check_digit("869123450013")

PRODUCT_NAMES = {SHIRT: "Pamuk Tişört", MUG: "Kupa", LAMP: "Masa Lambası", "": "Hediye Kartı"}


def add_order(
    session: Session, pk: int, barcodes: Sequence[str], *, item_statuses: Sequence[str] = ()
) -> Package:
    """Ingest an approved order, one order item per entry of ``barcodes``."""
    data = order_payload(pk, items=len(barcodes)).model_dump(mode="json")
    for index, (item, barcode) in enumerate(zip(data["orderitem_set"], barcodes, strict=True)):
        item["product"]["barcode"] = barcode
        item["product"]["name"] = PRODUCT_NAMES[barcode]
        item["product"]["sku"] = f"SKU-{barcode[-4:] or 'GIFT'}"
        if index < len(item_statuses):
            item["status"] = item_statuses[index]
    result = ingest_order(session, OrderPayload.model_validate(data))
    assert result.package_id is not None
    package = session.get(Package, result.package_id)
    assert package is not None
    return package


@pytest.fixture
def session(database: TestDatabase) -> Iterator[Session]:
    with database.sessions() as session:
        configure_station(session)
        session.commit()
        yield session


def make_session(*lines: tuple[str, int]) -> VerificationSession:
    """A verification session without a database: (barcode, ordered) per line."""
    return VerificationSession(
        1,
        "PKG-0000001",
        [
            VerificationLine(
                key=barcode,
                barcode=barcode,
                product_name=PRODUCT_NAMES[barcode],
                sku=f"SKU-{barcode[-4:]}",
                ordered=ordered,
            )
            for barcode, ordered in lines
        ],
    )


def test_load_groups_units_by_barcode(session: Session) -> None:
    package = add_order(session, 2001, [SHIRT, MUG, SHIRT])

    verification = VerificationSession.load(session, package.id)

    assert verification.package_id == package.id
    assert verification.package_number == package.number
    assert [(line.barcode, line.ordered, line.scanned) for line in verification.lines] == [
        (SHIRT, 2, 0),
        (MUG, 1, 0),
    ]
    shirt = verification.lines[0]
    assert shirt.product_name == "Pamuk Tişört"
    assert shirt.sku == f"SKU-{SHIRT[-4:]}"
    assert verification.remaining == 3
    assert not verification.is_complete


def test_load_skips_cancelled_items(session: Session) -> None:
    package = add_order(session, 2002, [SHIRT, MUG], item_statuses=["100"])

    verification = VerificationSession.load(session, package.id)

    assert [line.barcode for line in verification.lines] == [MUG]


def test_load_missing_package(session: Session) -> None:
    with pytest.raises(ConcurrentUpdate):
        VerificationSession.load(session, 987654)


def test_scans_count_until_complete(session: Session) -> None:
    package = add_order(session, 2003, [SHIRT, MUG, SHIRT])
    verification = VerificationSession.load(session, package.id)

    first = verification.scan_item(SHIRT, at=10.0)
    second = verification.scan_item(MUG, at=11.0)
    last = verification.scan_item(SHIRT + "\r\n", at=12.0)

    assert first.kind is ItemScanKind.COUNTED
    assert (first.scanned, first.ordered) == (1, 2)
    assert second.kind is ItemScanKind.COUNTED
    assert (second.scanned, second.ordered) == (1, 1)
    assert last.kind is ItemScanKind.COMPLETED
    assert (last.scanned, last.ordered) == (2, 2)
    assert verification.is_complete
    assert verification.remaining == 0


def test_wrong_item_not_counted(session: Session) -> None:
    package = add_order(session, 2004, [SHIRT])
    verification = VerificationSession.load(session, package.id)

    outcome = verification.scan_item(LAMP, at=1.0)

    assert outcome.kind is ItemScanKind.WRONG_ITEM
    assert outcome.is_error
    assert outcome.line is None
    assert verification.remaining == 1
    assert find_other_waiting_package(session, LAMP, package.id) is None


def test_wrong_item_of_other_waiting_package(session: Session) -> None:
    package = add_order(session, 2005, [SHIRT])
    other = add_order(session, 2006, [MUG, LAMP])
    verification = VerificationSession.load(session, package.id)

    outcome = verification.scan_item(LAMP, at=1.0)

    assert outcome.kind is ItemScanKind.WRONG_ITEM
    assert find_other_waiting_package(session, LAMP, package.id) == other.number
    # The open package itself is never "the other one".
    assert find_other_waiting_package(session, SHIRT, package.id) is None


def test_other_package_already_packed_not_named(session: Session) -> None:
    package = add_order(session, 2007, [SHIRT])
    packed = add_order(session, 2008, [LAMP])
    packed.set_status(PackageStatus.PACKED, packed.updated_at)
    session.flush()

    assert find_other_waiting_package(session, LAMP, package.id) is None


def test_other_package_oldest_first(session: Session) -> None:
    package = add_order(session, 2009, [SHIRT])
    older = add_order(session, 2010, [LAMP])
    add_order(session, 2011, [LAMP])

    assert find_other_waiting_package(session, LAMP, package.id) == older.number


def test_over_scan_names_product() -> None:
    verification = make_session((MUG, 1), (SHIRT, 1))
    verification.scan_item(MUG, at=1.0)

    outcome = verification.scan_item(MUG, at=2.0)

    assert outcome.kind is ItemScanKind.OVER_SCAN
    assert outcome.is_error
    assert outcome.scanned == 1
    assert "Kupa" in outcome.message
    assert not verification.is_complete


def test_duplicate_within_window_counted_once() -> None:
    verification = make_session((SHIRT, 3))

    first = verification.scan_item(SHIRT, at=100.000)
    repeat = verification.scan_item(SHIRT, at=100.012)
    later = verification.scan_item(SHIRT, at=100.300)

    assert first.kind is ItemScanKind.COUNTED
    assert repeat.kind is ItemScanKind.DUPLICATE
    assert not repeat.is_error
    assert not repeat.counted
    assert repeat.scanned == 1
    assert later.kind is ItemScanKind.COUNTED
    assert later.scanned == 2


def test_duplicate_window_default() -> None:
    assert pytest.approx(0.030) == DEFAULT_DUPLICATE_WINDOW_S
    verification = make_session((SHIRT, 2))
    verification.scan_item(SHIRT, at=5.0)

    at_window = verification.scan_item(SHIRT, at=5.0 + DEFAULT_DUPLICATE_WINDOW_S)

    assert at_window.kind is ItemScanKind.COMPLETED


def test_other_barcode_between_is_no_duplicate() -> None:
    verification = make_session((SHIRT, 2), (MUG, 1))

    verification.scan_item(SHIRT, at=1.000)
    verification.scan_item(MUG, at=1.005)
    again = verification.scan_item(SHIRT, at=1.010)

    assert again.kind is ItemScanKind.COMPLETED


def test_five_deliberate_scans_count_five(session: Session) -> None:
    package = add_order(session, 2012, [SHIRT] * 5)
    verification = VerificationSession.load(session, package.id)

    outcomes = [verification.scan_item(SHIRT, at=50.0 + 0.25 * index) for index in range(5)]

    assert [outcome.kind for outcome in outcomes] == [ItemScanKind.COUNTED] * 4 + [
        ItemScanKind.COMPLETED
    ]
    assert outcomes[-1].scanned == 5
    assert verification.is_complete


def test_undo_takes_back_last_unit() -> None:
    verification = make_session((SHIRT, 1), (MUG, 1))
    verification.scan_item(SHIRT, at=1.0)
    verification.scan_item(MUG, at=2.0)
    assert verification.is_complete

    undone = verification.undo_last()

    assert undone is not None
    assert undone.barcode == MUG
    assert undone.scanned == 0
    assert not verification.is_complete
    assert verification.remaining == 1

    undone = verification.undo_last()
    assert undone is not None
    assert undone.barcode == SHIRT
    assert verification.undo_last() is None
    assert verification.remaining == 2


def test_undo_ignores_uncounted_scans() -> None:
    verification = make_session((SHIRT, 1))
    verification.scan_item(SHIRT, at=1.0)
    verification.scan_item(SHIRT, at=2.0)  # over-scan
    verification.scan_item(LAMP, at=3.0)  # wrong item

    undone = verification.undo_last()

    assert undone is not None
    assert undone.scanned == 0
    assert verification.undo_last() is None


def test_rescan_right_after_undo_counts() -> None:
    verification = make_session((SHIRT, 2))
    verification.scan_item(SHIRT, at=1.000)
    verification.undo_last()

    again = verification.scan_item(SHIRT, at=1.010)

    assert again.kind is ItemScanKind.COUNTED
    assert again.scanned == 1


def test_item_without_barcode_confirmed_by_hand(session: Session) -> None:
    package = add_order(session, 2013, [SHIRT, ""])
    verification = VerificationSession.load(session, package.id)
    manual = [line for line in verification.lines if line.needs_manual_check]

    verification.scan_item(SHIRT, at=1.0)
    no_match = verification.scan_item("", at=2.0)
    by_key = verification.scan_item(manual[0].key, at=3.0)
    confirmed = verification.confirm_unit(manual[0].key)

    assert len(manual) == 1
    assert manual[0].key == "sku:SKU-GIFT"
    assert no_match.kind is ItemScanKind.WRONG_ITEM
    assert by_key.kind is ItemScanKind.WRONG_ITEM
    assert confirmed.kind is ItemScanKind.COMPLETED
    assert verification.is_complete


def test_outcomes_are_snapshots() -> None:
    verification = make_session((SHIRT, 2))

    first = verification.scan_item(SHIRT, at=1.0)
    verification.scan_item(SHIRT, at=2.0)

    assert first.scanned == 1
    assert verification.lines[0].scanned == 2
