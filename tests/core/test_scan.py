"""interpret_scan against a real database: packages, products, GS1, commands, layouts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy.orm import Session

from oms_desktop.core.gs1 import GROUP_SEPARATOR as GS
from oms_desktop.core.gs1 import Gs1ErrorKind, gs1_check_digit
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.keyboard_layouts import remap, type_as
from oms_desktop.core.models import Package
from oms_desktop.core.payloads import OrderPayload
from oms_desktop.core.scan import (
    AmbiguousScan,
    CommandScan,
    InvalidGs1,
    LayoutMismatch,
    MatchedField,
    PackageMatch,
    ProductMatch,
    ScanCommand,
    ScanSettings,
    SsccScan,
    UnknownScan,
    describe_characters,
    interpret_scan,
)
from oms_desktop.core.statuses import PackageStatus
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


EAN_SHIRT = with_check_digit("869123450001")
EAN_MUG = with_check_digit("869123450002")


def add_order(
    session: Session,
    pk: int,
    barcodes: Sequence[str] = (EAN_SHIRT,),
    *,
    number: str | None = None,
    tracking_number: str | None = None,
) -> Package:
    """Ingest an approved order whose items carry ``barcodes``; return its package."""
    data = order_payload(
        pk,
        number=number,
        tracking_number=tracking_number or f"733{pk:010d}",
        items=len(barcodes),
    ).model_dump(mode="json")
    for item, barcode in zip(data["orderitem_set"], barcodes, strict=True):
        item["product"]["barcode"] = barcode
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


def test_package_number_matches(session: Session) -> None:
    package = add_order(session, 1001)

    resolution = interpret_scan(session, package.number)

    assert isinstance(resolution, PackageMatch)
    assert resolution.package_id == package.id
    assert resolution.matched_field is MatchedField.PACKAGE_NUMBER
    assert resolution.remapped_from is None


def test_order_and_tracking_numbers_match(session: Session) -> None:
    package = add_order(session, 1002, number="TY-778812", tracking_number="7330009998881")

    by_order = interpret_scan(session, "TY-778812")
    by_tracking = interpret_scan(session, "7330009998881")

    assert isinstance(by_order, PackageMatch)
    assert by_order.package_id == package.id
    assert by_order.matched_field is MatchedField.ORDER_NUMBER
    assert isinstance(by_tracking, PackageMatch)
    assert by_tracking.package_id == package.id
    assert by_tracking.matched_field is MatchedField.TRACKING_NUMBER


def test_whitespace_and_controls_trimmed(session: Session) -> None:
    package = add_order(session, 1003)

    resolution = interpret_scan(session, f"  \t{package.number}\r\n\x00")

    assert isinstance(resolution, PackageMatch)
    assert resolution.code == package.number
    assert resolution.raw == f"  \t{package.number}\r\n\x00"


def test_prefix_stripped(session: Session) -> None:
    package = add_order(session, 1004)
    settings = ScanSettings(prefix="@S")

    with_prefix = interpret_scan(session, f"@S{package.number}\r", settings)
    without_prefix = interpret_scan(session, package.number, settings)
    not_stripped = interpret_scan(session, f"@S{package.number}")

    assert isinstance(with_prefix, PackageMatch)
    assert with_prefix.package_id == package.id
    assert isinstance(without_prefix, PackageMatch)
    assert isinstance(not_stripped, UnknownScan)


def test_prefix_typed_through_layout_stripped(session: Session) -> None:
    add_order(session, 1005, tracking_number="TRK-12345")
    settings = ScanSettings(prefix="[")

    resolution = interpret_scan(session, "ğ" + type_as("TRK-12345", "tr_q"), settings)

    assert isinstance(resolution, PackageMatch)
    assert resolution.code == "TRK-12345"
    assert resolution.remapped_from == "tr_q"


@pytest.mark.parametrize("command", list(ScanCommand))
def test_command_barcodes(session: Session, command: ScanCommand) -> None:
    resolution = interpret_scan(session, command.value + "\r\n")

    assert isinstance(resolution, CommandScan)
    assert resolution.command is command


def test_command_is_case_sensitive(session: Session) -> None:
    assert isinstance(interpret_scan(session, "cmd:complete"), UnknownScan)


def test_command_through_turkish_q(session: Session) -> None:
    resolution = interpret_scan(session, type_as("CMD:UNDO", "tr_q"))

    assert isinstance(resolution, CommandScan)
    assert resolution.command is ScanCommand.UNDO
    assert resolution.remapped_from == "tr_q"


def test_product_barcode_matches(session: Session) -> None:
    add_order(session, 1006, (EAN_SHIRT, EAN_MUG))

    resolution = interpret_scan(session, EAN_MUG)

    assert isinstance(resolution, ProductMatch)
    assert resolution.barcode == EAN_MUG
    assert resolution.gs1 is None


def test_identifiers_never_case_folded(session: Session) -> None:
    dotted = add_order(session, 1007, number="PKG-İ1")
    plain = add_order(session, 1008, number="PKG-i1")

    by_dotted = interpret_scan(session, "PKG-İ1")
    by_plain = interpret_scan(session, "PKG-i1")

    assert isinstance(by_dotted, PackageMatch)
    assert by_dotted.package_id == dotted.id
    assert isinstance(by_plain, PackageMatch)
    assert by_plain.package_id == plain.id
    for other in ("PKG-I1", "pkg-i1", "PKG-ı1"):
        assert isinstance(interpret_scan(session, other), UnknownScan), other


def test_code_cut_short_matches_nothing(session: Session) -> None:
    package = add_order(session, 1009)
    add_order(session, 1005)
    cut = package.number[:-1]  # "PKG-000100", the start of both package numbers

    assert isinstance(interpret_scan(session, cut), UnknownScan)
    assert isinstance(interpret_scan(session, type_as(cut, "tr_q")), UnknownScan)
    assert isinstance(interpret_scan(session, type_as(cut, "tr_f")), UnknownScan)


@pytest.mark.parametrize(("layout", "received"), [("tr_q", "TRK*12345"), ("tr_f", "OIM/12345")])
def test_tracking_number_remapped(session: Session, layout: str, received: str) -> None:
    package = add_order(session, 1010, tracking_number="TRK-12345")

    resolution = interpret_scan(session, received)

    assert isinstance(resolution, PackageMatch)
    assert resolution.package_id == package.id
    assert resolution.code == "TRK-12345"
    assert resolution.raw == received
    assert resolution.remapped_from == layout
    assert "US" in resolution.message


@pytest.mark.parametrize(("layout", "received"), [("tr_q", "kıt*ı7"), ("tr_f", "mno/n7")])
def test_product_barcode_remapped(session: Session, layout: str, received: str) -> None:
    add_order(session, 1011, ("kit-i7", EAN_SHIRT))

    resolution = interpret_scan(session, received)

    assert isinstance(resolution, ProductMatch)
    assert resolution.barcode == "kit-i7"
    assert resolution.remapped_from == layout


def test_order_number_remapped(session: Session) -> None:
    package = add_order(session, 1012, number="kit-i7")

    resolution = interpret_scan(session, "kıt*ı7")

    assert isinstance(resolution, PackageMatch)
    assert resolution.package_id == package.id
    assert resolution.matched_field is MatchedField.ORDER_NUMBER


def test_remaps_off(session: Session) -> None:
    add_order(session, 1013, tracking_number="TRK-12345")

    resolution = interpret_scan(session, "TRK*12345", ScanSettings(try_layout_remaps=False))

    assert isinstance(resolution, UnknownScan)
    assert resolution.layout_suspected


def test_digits_only_never_remapped(session: Session) -> None:
    add_order(session, 1014, tracking_number="7330001112223")

    unknown = interpret_scan(session, "7330001112224")

    assert isinstance(unknown, UnknownScan)
    assert unknown.code == "7330001112224"
    assert not unknown.layout_suspected


def test_exact_match_wins_over_remap(session: Session) -> None:
    # "TRK*12345" exists as typed, so the remapped "TRK-12345" is never considered.
    typed = add_order(session, 1015, tracking_number="TRK*12345")
    add_order(session, 1016, tracking_number="TRK-12345")

    resolution = interpret_scan(session, "TRK*12345")

    assert isinstance(resolution, PackageMatch)
    assert resolution.package_id == typed.id
    assert resolution.remapped_from is None


def test_layouts_naming_different_packages_rejected(session: Session) -> None:
    received = type_as("AB-i5", "tr_q")
    add_order(session, 1017, number=remap(received, "tr_q"))
    add_order(session, 1018, number=remap(received, "tr_f"))

    resolution = interpret_scan(session, received)

    assert isinstance(resolution, LayoutMismatch)
    assert {candidate.layout for candidate in resolution.candidates} == {"tr_q", "tr_f"}
    assert "keyboard layout does not match" in resolution.message
    assert '"Turkish Q"' in resolution.message
    assert "input language" in resolution.message


def test_remap_naming_two_things_rejected(session: Session) -> None:
    # "kit-i7" is both an order number and a product barcode.
    add_order(session, 1019, number="kit-i7")
    add_order(session, 1020, ("kit-i7",))

    resolution = interpret_scan(session, "kıt*ı7")

    assert isinstance(resolution, LayoutMismatch)
    assert len(resolution.candidates) == 1
    assert isinstance(resolution.candidates[0].resolution, AmbiguousScan)
    assert "scanner's manual" in resolution.message


def test_exact_code_naming_package_and_product(session: Session) -> None:
    add_order(session, 1021, number=EAN_MUG)
    add_order(session, 1022, (EAN_MUG,))

    resolution = interpret_scan(session, EAN_MUG)

    assert isinstance(resolution, AmbiguousScan)
    assert resolution.package_numbers == ("PKG-0001021",)
    assert resolution.barcode == EAN_MUG


def test_split_order_prefers_package_to_pack(session: Session) -> None:
    first = add_order(session, 1023, number="TY-SPLIT")
    second = Package(
        number="PKG-0001023-2",
        order_id=first.order_id,
        status=PackageStatus.WAITING.value,
        status_code=PackageStatus.WAITING.code,
    )
    session.add(second)
    session.flush()

    both_open = interpret_scan(session, "TY-SPLIT")
    first.set_status(PackageStatus.PACKED, first.updated_at)
    session.flush()
    one_open = interpret_scan(session, "TY-SPLIT")

    assert isinstance(both_open, AmbiguousScan)
    assert both_open.package_numbers == ("PKG-0001023", "PKG-0001023-2")
    assert isinstance(one_open, PackageMatch)
    assert one_open.package_id == second.id


def test_gs1_gtin_matches_ean13(session: Session) -> None:
    add_order(session, 1024, (EAN_SHIRT,))

    resolution = interpret_scan(session, f"]C101{'0' + EAN_SHIRT}10LOT5{GS}21S77\r\n")

    assert isinstance(resolution, ProductMatch)
    assert resolution.barcode == EAN_SHIRT
    assert resolution.gs1 is not None
    assert resolution.gs1.batch == "LOT5"
    assert resolution.gs1.serial == "S77"


def test_gs1_ambiguous_lot_keeps_gtin(session: Session) -> None:
    add_order(session, 1025, (EAN_SHIRT,))

    resolution = interpret_scan(session, f"]C101{'0' + EAN_SHIRT}10LOT517270131")

    assert isinstance(resolution, ProductMatch)
    assert resolution.barcode == EAN_SHIRT
    assert resolution.gs1 is not None
    assert resolution.gs1.error is not None
    assert resolution.gs1.error.kind is Gs1ErrorKind.AMBIGUOUS
    assert resolution.gs1.batch is None


def test_gs1_wrong_check_digit_rejected(session: Session) -> None:
    add_order(session, 1026, (EAN_SHIRT,))
    gtin = "0" + EAN_SHIRT
    broken = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)

    resolution = interpret_scan(session, f"]C101{broken}")

    assert isinstance(resolution, InvalidGs1)
    assert "check digit" in resolution.message


def test_gs1_unknown_gtin(session: Session) -> None:
    resolution = interpret_scan(session, f"]C101{'0' + EAN_MUG}")

    assert isinstance(resolution, UnknownScan)
    assert resolution.code == EAN_MUG
    assert resolution.gs1 is not None


def test_bare_gtin_element_string(session: Session) -> None:
    add_order(session, 1027, (EAN_SHIRT,))

    resolution = interpret_scan(session, f"01{'0' + EAN_SHIRT}")

    assert isinstance(resolution, ProductMatch)
    assert resolution.barcode == EAN_SHIRT


def test_sscc_without_package(session: Session) -> None:
    sscc = with_check_digit("38690123000000001")

    resolution = interpret_scan(session, f"]C100{sscc}")

    assert isinstance(resolution, SsccScan)
    assert resolution.sscc == sscc


def test_sscc_used_as_tracking_number(session: Session) -> None:
    sscc = with_check_digit("38690123000000002")
    package = add_order(session, 1028, tracking_number=sscc)

    resolution = interpret_scan(session, f"]C100{sscc}")

    assert isinstance(resolution, PackageMatch)
    assert resolution.package_id == package.id
    assert resolution.matched_field is MatchedField.SSCC


def test_control_character_inside_not_looked_up(session: Session) -> None:
    add_order(session, 1029)

    resolution = interpret_scan(session, "PKG-000\x001029")

    assert isinstance(resolution, UnknownScan)
    assert resolution.layout_suspected


def test_empty_scan_unknown(session: Session) -> None:
    resolution = interpret_scan(session, " \r\n")

    assert isinstance(resolution, UnknownScan)
    assert resolution.code == ""


def test_describe_characters() -> None:
    described = describe_characters("ı-\x1d é")

    assert described == [
        ("ı", "U+0131", "LATIN SMALL LETTER DOTLESS I"),
        ("-", "U+002D", "HYPHEN-MINUS"),
        ("\u241d", "U+001D", "GROUP SEPARATOR"),
        ("\u2420", "U+0020", "SPACE"),
        ("é", "U+00E9", "LATIN SMALL LETTER E WITH ACUTE"),
    ]


def test_describe_invisible_characters() -> None:
    described = describe_characters("\u200b\x7f\r")

    assert described[0] == ("U+200B", "U+200B", "ZERO WIDTH SPACE")
    assert described[1] == ("\u2421", "U+007F", "DELETE")
    assert described[2] == ("\u240d", "U+000D", "CARRIAGE RETURN")
