"""GS1 element strings: separators, symbology identifiers, check digits, ambiguity."""

from __future__ import annotations

import datetime as dt

import pytest

from oms_desktop.core.gs1 import (
    GROUP_SEPARATOR as GS,
)
from oms_desktop.core.gs1 import (
    Gs1ErrorKind,
    gs1_check_digit,
    gtin_forms,
    has_valid_check_digit,
    parse_gs1,
)

TODAY = dt.date(2026, 12, 4)


def with_check_digit(body: str) -> str:
    return body + str(gs1_check_digit(body))


EAN13 = with_check_digit("869123456789")
GTIN = "0" + EAN13
SSCC = with_check_digit("38690123" + "000000001")


def wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def test_check_digit_of_known_numbers() -> None:
    assert gs1_check_digit("400638133393") == 1  # EAN-13 4006381333931
    assert gs1_check_digit("978030640615") == 7  # ISBN-13 9780306406157
    assert has_valid_check_digit("4006381333931")
    assert not has_valid_check_digit("4006381333932")
    assert not has_valid_check_digit("40063813339A")


def test_separator_ends_variable_fields() -> None:
    result = parse_gs1(f"]C101{GTIN}10LOT-7{GS}21SER9{GS}17270228", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.symbology == "GS1-128"
    assert result.gtin == GTIN
    assert result.batch == "LOT-7"
    assert result.serial == "SER9"
    assert result.expiry == dt.date(2027, 2, 28)


def test_ean13_from_gtin_with_leading_zero() -> None:
    result = parse_gs1(f"]C101{GTIN}", today=TODAY)

    assert result is not None
    assert result.ean13 == EAN13
    assert result.product_barcodes[:2] == (GTIN, EAN13)


def test_gtin_without_leading_zero_has_no_ean13() -> None:
    gtin = with_check_digit("1869123456789")
    result = parse_gs1(f"]C101{gtin}", today=TODAY)

    assert result is not None
    assert result.gtin == gtin
    assert result.ean13 is None
    assert result.product_barcodes == (gtin,)


def test_gtin_forms_cover_upc_and_ean8() -> None:
    assert gtin_forms("00000096385074") == (
        "00000096385074",
        "0000096385074",
        "000096385074",
        "96385074",
    )


def test_fixed_fields_need_no_separator() -> None:
    result = parse_gs1(f"]C101{GTIN}17270200", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.gtin == GTIN
    # Day 00 stands for the last day of the month.
    assert result.expiry == dt.date(2027, 2, 28)


def test_sscc_read() -> None:
    result = parse_gs1(f"]C100{SSCC}", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.sscc == SSCC
    assert result.gtin is None


def test_variable_field_last_without_separator() -> None:
    result = parse_gs1(f"]C101{GTIN}17270131" + "10ABC", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.batch == "ABC"


def test_variable_field_followed_by_data_is_ambiguous() -> None:
    # The scanner dropped the GS after the lot: "ABC" + (17) or a lot "ABC17270131"?
    result = parse_gs1(f"]C101{GTIN}10ABC17270131", today=TODAY)

    assert result is not None
    assert not result.ok
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.AMBIGUOUS
    assert result.error.ai == "10"
    assert "(17)" in result.error.reason
    # Nothing is guessed: the lot and expiry stay unread, the GTIN before them is certain.
    assert result.batch is None
    assert result.expiry is None
    assert result.gtin == GTIN


def test_lot_swallowing_serial_is_ambiguous() -> None:
    result = parse_gs1(f"]d201{GTIN}10LOT21SER", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.AMBIGUOUS
    assert result.error.ai == "10"


def test_overlong_variable_field_is_ambiguous() -> None:
    result = parse_gs1(f"]C101{GTIN}10" + "L" * 25, today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.AMBIGUOUS
    assert "maximum of 20" in result.error.reason


def test_separator_present_means_values_trusted() -> None:
    # The scanner sends GS, so a lot running to the end of the data is the whole lot.
    result = parse_gs1(f"]C101{GTIN}21S1{GS}10ABC1727", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.batch == "ABC1727"


def test_overlong_terminated_field_is_invalid() -> None:
    result = parse_gs1(f"]C110{'L' * 21}{GS}01{GTIN}", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID


def test_wrong_gtin_check_digit() -> None:
    result = parse_gs1(f"]C101{wrong_check_digit(GTIN)}10ABC", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID
    assert result.error.ai == "01"
    assert "check digit" in result.error.reason
    assert result.gtin is None


def test_wrong_sscc_check_digit() -> None:
    result = parse_gs1(f"]C100{wrong_check_digit(SSCC)}", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID
    assert result.sscc is None


def test_truncated_gtin_invalid() -> None:
    result = parse_gs1(f"]C101{GTIN[:-2]}", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID


@pytest.mark.parametrize(
    ("prefix", "symbology"),
    [("]C1", "GS1-128"), ("]e0", "GS1 DataBar"), ("]d2", "GS1 DataMatrix"), ("]Q3", "GS1 QR Code")],
)
def test_symbology_identifiers(prefix: str, symbology: str) -> None:
    result = parse_gs1(f"{prefix}01{GTIN}", today=TODAY)

    assert result is not None
    assert result.symbology == symbology
    assert result.gtin == GTIN


def test_leading_separator_marks_gs1() -> None:
    result = parse_gs1(f"{GS}01{GTIN}10A1{GS}21B2\r\n", today=TODAY)

    assert result is not None
    assert result.symbology is None
    assert result.batch == "A1"
    assert result.serial == "B2"


@pytest.mark.parametrize(
    "raw",
    [
        "PKG-0001001",
        EAN13,
        f"01{GTIN}",  # bare digits: GS1 only when the caller says so
        f"]E0{EAN13}",  # EAN-13 with its own symbology identifier
        f"[)>\x1e01{GS}96TRK{GS}",  # ISO 15434 carrier envelope
        "",
    ],
)
def test_not_gs1(raw: str) -> None:
    assert parse_gs1(raw, today=TODAY) is None


def test_bare_digits_when_assumed() -> None:
    result = parse_gs1(f"01{GTIN}", assume_gs1=True, today=TODAY)

    assert result is not None
    assert result.ok
    assert result.gtin == GTIN


def test_unknown_ai_invalid() -> None:
    result = parse_gs1(f"]C101{GTIN}99", today=TODAY)
    assert result is not None
    assert result.error is not None  # AI 99 needs at least one character

    result = parse_gs1(f"]C101{GTIN}05ABC", today=TODAY)
    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID
    assert "05AB" in result.error.reason


def test_invalid_date() -> None:
    result = parse_gs1(f"]C101{GTIN}17271301", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID
    assert result.error.ai == "17"


def test_repeated_ai_invalid() -> None:
    result = parse_gs1(f"]C101{GTIN}01{GTIN}", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID


def test_disallowed_character_in_lot() -> None:
    result = parse_gs1(f"]C101{GTIN}10AB#1", today=TODAY)

    assert result is not None
    assert result.error is not None
    assert result.error.kind is Gs1ErrorKind.INVALID
    assert "#" in result.error.reason


def test_symbology_identifier_without_data() -> None:
    result = parse_gs1("]C1", today=TODAY)

    assert result is not None
    assert result.error is not None


def test_measure_ai_is_fixed_length() -> None:
    # (3103) net weight in kg with three decimals, then (10) without a separator.
    result = parse_gs1(f"]C101{GTIN}3103001250" + "10L1", today=TODAY)

    assert result is not None
    assert result.ok
    assert result.value("3103") == "001250"
    assert result.batch == "L1"


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("991231", dt.date(1999, 12, 31)),
        ("760101", dt.date(2076, 1, 1)),
        ("770101", dt.date(1977, 1, 1)),
    ],
)
def test_expiry_century(yymmdd: str, expected: dt.date) -> None:
    result = parse_gs1(f"]C101{GTIN}17{yymmdd}", today=TODAY)

    assert result is not None
    assert result.expiry == expected
