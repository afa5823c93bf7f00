"""Parsing of GS1 element strings (GS1-128, GS1 DataBar, GS1 DataMatrix and GS1 QR Code).

A GS1 barcode carries elements, each an application identifier (AI) followed by its
value: ``(01)`` a GTIN-14, ``(00)`` an SSCC-18, ``(10)`` a batch or lot, ``(17)`` an
expiry date, ``(21)`` a serial number. AIs whose value has a length fixed by the GS1
General Specifications ("predefined length": 00-03, 11-17, 20, 31nn-36nn, 41n) need no
separator after them. Every other value ends at the group separator (ASCII GS, 0x1D,
which a scanner sends for FNC1) or at the end of the data.

A scanner in keyboard mode often drops the GS. A variable-length value that runs on into
what looks like another element is then ambiguous, and this parser reports it instead of
guessing where the value ends.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass

from oms_desktop.core.textfold import is_edge_junk

GROUP_SEPARATOR = "\x1d"

# AIM symbology identifiers a scanner prefixes to GS1 data when configured to send them.
GS1_SYMBOLOGY_IDENTIFIERS: dict[str, str] = {
    "]C1": "GS1-128",
    "]e0": "GS1 DataBar",
    "]d2": "GS1 DataMatrix",
    "]Q3": "GS1 QR Code",
}

# GS1 AI encodable character set 82: the characters allowed in alphanumeric values.
_CHARSET_82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)
# ISO 15434 envelope ("[)>" RS ...) used by carriers' 2D codes; it also contains GS but is
# not a GS1 element string.
_ISO_15434_HEADER = "[)>"


class Gs1ErrorKind(enum.StrEnum):
    AMBIGUOUS = "ambiguous"  # the data may be read in more than one way: never guessed
    INVALID = "invalid"  # the data breaks the GS1 rules (check digit, length, date, AI)


@dataclass(frozen=True)
class Gs1Error:
    """The reason an element string cannot be trusted; ``ai`` names the element concerned."""

    kind: Gs1ErrorKind
    reason: str
    ai: str | None = None


@dataclass(frozen=True)
class Gs1Element:
    ai: str
    value: str


@dataclass(frozen=True)
class Gs1Result:
    """The elements read from a GS1 barcode.

    ``elements`` contains only the elements read without doubt, in barcode order. When
    ``error`` is set, reading stopped at the element it names: elements before it are
    kept (a GTIN before an ambiguous lot is still certain), the rest is not.
    """

    elements: tuple[Gs1Element, ...]
    symbology: str | None = None
    error: Gs1Error | None = None
    # The date of AI (17); day "00" in the barcode stands for the last day of the month.
    expiry: dt.date | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def value(self, ai: str) -> str | None:
        """Return the value of the element with application identifier ``ai``, if read."""
        for element in self.elements:
            if element.ai == ai:
                return element.value
        return None

    @property
    def gtin(self) -> str | None:
        """The GTIN-14 of AI (01), check digit verified."""
        return self.value("01")

    @property
    def sscc(self) -> str | None:
        """The SSCC-18 of AI (00), check digit verified."""
        return self.value("00")

    @property
    def batch(self) -> str | None:
        return self.value("10")

    @property
    def serial(self) -> str | None:
        return self.value("21")

    @property
    def ean13(self) -> str | None:
        """The EAN-13 a GTIN-14 with a leading zero stands for, as printed on retail goods."""
        gtin = self.gtin
        if gtin is not None and gtin.startswith("0"):
            return gtin[1:]
        return None

    @property
    def product_barcodes(self) -> tuple[str, ...]:
        """Every retail barcode the GTIN may be stored as, longest first.

        GTIN-14 itself, then EAN-13 (leading "0" removed), UPC-A ("00"), EAN-8 ("000000").
        """
        gtin = self.gtin
        if gtin is None:
            return ()
        return gtin_forms(gtin)


def gtin_forms(gtin14: str) -> tuple[str, ...]:
    """Return ``gtin14`` and the shorter GTINs it is the zero-padded form of, longest first."""
    forms = [gtin14]
    for padding, length in ((1, 13), (2, 12), (6, 8)):
        if gtin14[:padding] == "0" * padding:
            forms.append(gtin14[14 - length :])
    return tuple(forms)


def gs1_check_digit(body: str) -> int:
    """Return the GS1 mod-10 check digit for ``body`` (the digits without the check digit).

    Weights alternate 3, 1 starting from the rightmost digit of ``body``.
    """
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"{body!r} is not a string of digits")
    total = 0
    for position, digit in enumerate(reversed(body)):
        weight = 3 if position % 2 == 0 else 1
        total += int(digit) * weight
    return (10 - total % 10) % 10


def has_valid_check_digit(number: str) -> bool:
    """Tell whether ``number`` (EAN-8, UPC-A, EAN-13, GTIN-14, SSCC-18) ends in its check digit."""
    if len(number) < 2 or not number.isascii() or not number.isdigit():
        return False
    return gs1_check_digit(number[:-1]) == int(number[-1])


class _ValueKind(enum.Enum):
    CHECKED_NUMBER = "checked number"  # digits ending in a GS1 check digit
    DIGITS = "digits"
    DATE = "date"  # YYMMDD, DD may be 00 for "end of month"
    TEXT = "text"  # character set 82


@dataclass(frozen=True)
class _AiSpec:
    title: str
    kind: _ValueKind
    min_length: int
    max_length: int
    # True when the GS1 predefined-length table fixes the value length, so no separator
    # follows the value even when more elements come after it.
    predefined: bool = False


def _fixed(title: str, kind: _ValueKind, length: int, *, predefined: bool) -> _AiSpec:
    return _AiSpec(title, kind, length, length, predefined)


def _variable(title: str, kind: _ValueKind, max_length: int, min_length: int = 1) -> _AiSpec:
    return _AiSpec(title, kind, min_length, max_length)


_N = _ValueKind.DIGITS
_X = _ValueKind.TEXT
_DATE = _ValueKind.DATE
_CHECKED = _ValueKind.CHECKED_NUMBER

# The AIs a packing station meets on goods and logistic units, from the GS1 General
# Specifications AI table. An AI not listed here makes the element string invalid,
# because its value length, and so where the next element starts, is unknown.
_AIS: dict[str, _AiSpec] = {
    "00": _fixed("SSCC", _CHECKED, 18, predefined=True),
    "01": _fixed("GTIN", _CHECKED, 14, predefined=True),
    "02": _fixed("CONTENT", _CHECKED, 14, predefined=True),
    "03": _fixed("MTO GTIN", _CHECKED, 14, predefined=True),
    "10": _variable("BATCH/LOT", _X, 20),
    "11": _fixed("PROD DATE", _DATE, 6, predefined=True),
    "12": _fixed("DUE DATE", _DATE, 6, predefined=True),
    "13": _fixed("PACK DATE", _DATE, 6, predefined=True),
    "15": _fixed("BEST BEFORE", _DATE, 6, predefined=True),
    "16": _fixed("SELL BY", _DATE, 6, predefined=True),
    "17": _fixed("USE BY OR EXPIRY", _DATE, 6, predefined=True),
    "20": _fixed("VARIANT", _N, 2, predefined=True),
    "21": _variable("SERIAL", _X, 20),
    "22": _variable("CPV", _X, 20),
    "30": _variable("VAR. COUNT", _N, 8),
    "37": _variable("COUNT", _N, 8),
    "240": _variable("ADDITIONAL ID", _X, 30),
    "241": _variable("CUST. PART No.", _X, 30),
    "400": _variable("ORDER NUMBER", _X, 30),
    "401": _variable("GINC", _X, 30),
    "402": _fixed("GSIN", _CHECKED, 17, predefined=False),
    "403": _variable("ROUTE", _X, 30),
    "410": _fixed("SHIP TO LOC", _CHECKED, 13, predefined=True),
    "411": _fixed("BILL TO", _CHECKED, 13, predefined=True),
    "412": _fixed("PURCHASE FROM", _CHECKED, 13, predefined=True),
    "413": _fixed("SHIP FOR LOC", _CHECKED, 13, predefined=True),
    "414": _fixed("LOC No.", _CHECKED, 13, predefined=True),
    "415": _fixed("PAY TO", _CHECKED, 13, predefined=True),
    "416": _fixed("PROD/SERV LOC", _CHECKED, 13, predefined=True),
    "417": _fixed("PARTY", _CHECKED, 13, predefined=True),
    "420": _variable("SHIP TO POST", _X, 20),
    "421": _variable("SHIP TO POST", _X, 12, min_length=4),
    "90": _variable("INTERNAL", _X, 30),
    **{str(ai): _variable("INTERNAL", _X, 90) for ai in range(91, 100)},
}
# Trade measures (net weight, length, volume...): four-digit AIs 31nn to 36nn, six digits.
_MEASURE_AI = re.compile(r"3[1-6]\d\d")
_MEASURE_SPEC = _fixed("MEASURE", _N, 6, predefined=True)


def _spec_at(data: str, position: int) -> tuple[str, _AiSpec] | None:
    for length in (2, 3):
        ai = data[position : position + length]
        spec = _AIS.get(ai)
        if spec is not None:
            return ai, spec
    ai = data[position : position + 4]
    if _MEASURE_AI.fullmatch(ai):
        return ai, _MEASURE_SPEC
    return None


class _Stop(Exception):
    def __init__(self, error: Gs1Error) -> None:
        super().__init__(error.reason)
        self.error = error


def parse_gs1(
    raw: str, *, assume_gs1: bool = False, today: dt.date | None = None
) -> Gs1Result | None:
    """Read the GS1 elements of ``raw``, or return None when ``raw`` is not GS1 data.

    ``raw`` counts as GS1 data when it starts with a GS1 symbology identifier (``]C1``,
    ``]e0``, ``]d2``, ``]Q3``), or contains the group separator and starts with it or
    with a known AI. With ``assume_gs1``, data without either mark is read as an element
    string too, for scanners set to send neither.

    A result whose ``error`` is set must not be trusted beyond ``elements``; see
    ``Gs1Result``. ``today`` fixes the century of two-digit years, which GS1 places from
    49 years before to 50 years after today. It defaults to the local date.
    """
    data = _trim(raw)
    symbology = None
    for identifier, name in GS1_SYMBOLOGY_IDENTIFIERS.items():
        if data.startswith(identifier):
            symbology = name
            data = data[len(identifier) :]
            break
    if symbology is None and not assume_gs1 and not _looks_like_gs1(data):
        return None
    if not data.strip(GROUP_SEPARATOR):
        if symbology is None:
            return None
        error = Gs1Error(Gs1ErrorKind.INVALID, "no data after the symbology identifier")
        return Gs1Result((), symbology, error)
    return _read_elements(data, symbology, today or dt.date.today())


def _trim(raw: str) -> str:
    # Whitespace and control characters around the data go, but not GS: a leading GS is
    # FNC1 in first position, the mark of GS1 data when no symbology identifier is sent.
    start = 0
    end = len(raw)
    while start < end and raw[start] != GROUP_SEPARATOR and is_edge_junk(raw[start]):
        start += 1
    while end > start and raw[end - 1] != GROUP_SEPARATOR and is_edge_junk(raw[end - 1]):
        end -= 1
    return raw[start:end]


def _looks_like_gs1(data: str) -> bool:
    if GROUP_SEPARATOR not in data or data.startswith(_ISO_15434_HEADER):
        return False
    if data.startswith(GROUP_SEPARATOR):
        return True
    return _spec_at(data, 0) is not None


def _read_elements(data: str, symbology: str | None, today: dt.date) -> Gs1Result:
    separators_sent = GROUP_SEPARATOR in data
    elements: list[Gs1Element] = []
    expiry: dt.date | None = None
    position = 0
    try:
        while position < len(data):
            if data[position] == GROUP_SEPARATOR:
                position += 1
                continue
            element, position = _read_element(data, position, separators_sent, today)
            if any(existing.ai == element.ai for existing in elements):
                raise _Stop(
                    Gs1Error(
                        Gs1ErrorKind.INVALID,
                        f"AI ({element.ai}) appears twice",
                        element.ai,
                    )
                )
            if element.ai == "17":
                expiry = _parse_date(element.value, today)
            elements.append(element)
    except _Stop as stop:
        return Gs1Result(tuple(elements), symbology, stop.error, expiry)
    return Gs1Result(tuple(elements), symbology, None, expiry)


def _read_element(
    data: str, position: int, separators_sent: bool, today: dt.date
) -> tuple[Gs1Element, int]:
    found = _spec_at(data, position)
    if found is None:
        seen = data[position : position + 4]
        raise _Stop(
            Gs1Error(
                Gs1ErrorKind.INVALID,
                f"unknown or unsupported application identifier at {seen!r}",
            )
        )
    ai, spec = found
    start = position + len(ai)

    if spec.predefined:
        value = data[start : start + spec.max_length]
        if len(value) < spec.max_length or GROUP_SEPARATOR in value:
            raise _Stop(
                Gs1Error(
                    Gs1ErrorKind.INVALID,
                    f"AI ({ai}) {spec.title} needs {spec.max_length} characters",
                    ai,
                )
            )
        _check_value(ai, spec, value, today)
        return Gs1Element(ai, value), start + spec.max_length

    end = data.find(GROUP_SEPARATOR, start)
    terminated = end != -1
    if not terminated:
        end = len(data)
    value = data[start:end]
    if len(value) > spec.max_length and not terminated:
        raise _Stop(
            Gs1Error(
                Gs1ErrorKind.AMBIGUOUS,
                f"AI ({ai}) {spec.title} runs on for {len(value)} characters, more than "
                f"its maximum of {spec.max_length}: the scanner probably dropped the "
                "group separator (FNC1) after it",
                ai,
            )
        )
    if not terminated and not separators_sent:
        hidden = _hidden_element(value, today)
        if hidden is not None:
            raise _Stop(
                Gs1Error(
                    Gs1ErrorKind.AMBIGUOUS,
                    f"AI ({ai}) {spec.title} {value!r} may end before ({hidden}): the data "
                    "has no group separator (FNC1), so where the value ends is unknown; "
                    "set the scanner to send GS for FNC1",
                    ai,
                )
            )
    _check_value(ai, spec, value, today)
    return Gs1Element(ai, value), end


def _hidden_element(value: str, today: dt.date) -> str | None:
    """Return the AI of an element that could start inside ``value`` and run to its end.

    A variable-length value that is last in the data needs no separator, but one that
    lost its separator swallows the elements after it. The two read the same, so a value
    whose tail parses as complete, valid elements is reported, never split.
    """
    for offset in range(1, len(value)):
        found = _spec_at(value, offset)
        if found is not None and _parses_completely(value[offset:], today):
            return found[0]
    return None


def _parses_completely(data: str, today: dt.date) -> bool:
    position = 0
    while position < len(data):
        found = _spec_at(data, position)
        if found is None:
            return False
        ai, spec = found
        start = position + len(ai)
        if spec.predefined:
            value = data[start : start + spec.max_length]
            position = start + spec.max_length
        else:
            value = data[start:]
            position = len(data)
        try:
            _check_value(ai, spec, value, today)
        except _Stop:
            return False
    return True


def _check_value(ai: str, spec: _AiSpec, value: str, today: dt.date) -> None:
    def invalid(reason: str) -> _Stop:
        return _Stop(Gs1Error(Gs1ErrorKind.INVALID, f"AI ({ai}) {spec.title}: {reason}", ai))

    if not spec.min_length <= len(value) <= spec.max_length:
        if spec.min_length == spec.max_length:
            raise invalid(f"{value!r} must have {spec.max_length} characters")
        raise invalid(f"{value!r} must have {spec.min_length} to {spec.max_length} characters")
    if spec.kind is _ValueKind.TEXT:
        bad = sorted({character for character in value if character not in _CHARSET_82})
        if bad:
            raise invalid(f"{value!r} contains characters GS1 does not allow: {''.join(bad)!r}")
        return
    if not value.isascii() or not value.isdigit():
        raise invalid(f"{value!r} must be digits only")
    if spec.kind is _ValueKind.CHECKED_NUMBER and not has_valid_check_digit(value):
        expected = gs1_check_digit(value[:-1])
        raise invalid(f"wrong check digit in {value}: expected {expected}, found {value[-1]}")
    if spec.kind is _ValueKind.DATE:
        try:
            _parse_date(value, today)
        except ValueError as error:
            raise invalid(f"{value!r} is not a valid YYMMDD date ({error})") from None


def _parse_date(value: str, today: dt.date) -> dt.date:
    """Return the date of a GS1 YYMMDD value; day "00" means the last day of the month."""
    year = _full_year(int(value[0:2]), today)
    month = int(value[2:4])
    day = int(value[4:6])
    if not 1 <= month <= 12:
        raise ValueError(f"month {month:02d}")
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _full_year(two_digits: int, today: dt.date) -> int:
    # GS1 General Specifications, "determination of century in dates": a two-digit year
    # 51 or more ahead of today's belongs to the previous century, one 50 or more behind
    # to the next century.
    # NOTE: written from memory of that rule; the published text was not at hand to check.
    century = today.year - today.year % 100
    difference = two_digits - today.year % 100
    if difference >= 51:
        return century - 100 + two_digits
    if difference <= -50:
        return century + 100 + two_digits
    return century + two_digits
