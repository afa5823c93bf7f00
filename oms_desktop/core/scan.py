"""What one barcode scan names: a package, a product, an SSCC, a command, or nothing.

The window frames a scan (it hands over the text between the scanner's first key and its
terminator); ``interpret_scan`` decides what that text is. Matching is exact, never by
prefix or pattern, so a code cut short cannot match a different package.

Order of matching:

1. the code as scanned, after trimming and removing the configured prefix: a command
   barcode, GS1 data, a package (package, order or tracking number) or a product barcode;
2. only when nothing matched, the code read as if a scanner programmed for the US layout
   typed it into a computer set to Turkish Q or Turkish F. A remapped code is accepted
   only when exactly one package, product barcode or command matches it. Otherwise the
   result is ``LayoutMismatch``, whose message explains how to set the scanner up.
"""

from __future__ import annotations

import enum
import logging
import string
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core.gs1 import GROUP_SEPARATOR, Gs1ErrorKind, Gs1Result, parse_gs1
from oms_desktop.core.keyboard_layouts import (
    LAYOUT_TITLES,
    LAYOUTS,
    TURKISH_F,
    remap,
    type_as,
)
from oms_desktop.core.lookup import find_packages
from oms_desktop.core.models import OrderItem, Package
from oms_desktop.core.textfold import is_edge_junk, normalise_identifier

log = logging.getLogger(__name__)

# Characters package, order and tracking numbers and barcodes are made of. A scanned code
# with any other character (Turkish letters, "*", "?", "é"...) most likely went through a
# keyboard layout the scanner was not programmed for.
IDENTIFIER_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_./")

# Layouts whose letter keys differ from US. A US scanner's output on them is mostly plain
# ASCII letters, so it is remapped even without a character outside IDENTIFIER_ALPHABET.
# Turkish Q is not listed: without such a character its output differs from the intended
# code only by "/" typed as ".", and remapping that would turn an unknown but well-formed
# code into another well-formed one.
_LAYOUTS_MOVING_LETTERS = frozenset({TURKISH_F})


class ScanCommand(enum.StrEnum):
    """Command barcodes, printed on a sheet at the station so a packer never needs the mouse.

    The values are the exact texts the barcodes encode; matching is case-sensitive.
    """

    COMPLETE = "CMD:COMPLETE"  # complete packaging of the open package
    CANCEL = "CMD:CANCEL"  # close the open package without packing it
    UNDO = "CMD:UNDO"  # take back the last verified item
    SEARCH = "CMD:SEARCH"  # move the focus to the search box


class MatchedField(enum.StrEnum):
    """The identifier of a package that the scanned code equals."""

    PACKAGE_NUMBER = "package_number"
    ORDER_NUMBER = "order_number"
    TRACKING_NUMBER = "tracking_number"
    SSCC = "sscc"


@dataclass(frozen=True)
class ScanSettings:
    # Text the scanner is programmed to send before every code; removed when present.
    prefix: str = ""
    # Read codes that match nothing as typed through the Turkish Q and F layouts.
    try_layout_remaps: bool = True


@dataclass(frozen=True, kw_only=True)
class ScanResolution:
    """The thing a scan names. The subclasses carry the details.

    ``raw`` is the text as handed over. ``code`` is the code that was matched: trimmed
    and without the prefix. When ``remapped_from`` names a computer layout ("tr_q" or
    "tr_f"), ``code`` is ``raw`` read back through that layout.
    """

    raw: str
    code: str
    remapped_from: str | None = None

    @property
    def summary(self) -> str:
        """A short English phrase for logs, such as "package PKG-0000001"."""
        return f"code {self.code!r}"

    @property
    def message(self) -> str:
        """An English sentence for logs and the command line; the window translates its own."""
        corrected = ""
        if self.remapped_from is not None:
            title = LAYOUT_TITLES[self.remapped_from]
            corrected = f" (read through the {title} layout: the scanner is set up for US)"
        return f"{self.summary}{corrected}"


@dataclass(frozen=True, kw_only=True)
class PackageMatch(ScanResolution):
    package_id: int
    package_number: str
    matched_field: MatchedField

    @property
    def summary(self) -> str:
        return f"package {self.package_number}"


@dataclass(frozen=True, kw_only=True)
class ProductMatch(ScanResolution):
    """A barcode that equals ``OrderItem.barcode`` of at least one order item."""

    # The barcode as stored on the order items: pass this to verification.
    barcode: str
    gs1: Gs1Result | None = None

    @property
    def summary(self) -> str:
        return f"product barcode {self.barcode}"


@dataclass(frozen=True, kw_only=True)
class SsccScan(ScanResolution):
    """A valid SSCC-18 (GS1 AI 00) that is no package's number or tracking number."""

    sscc: str
    gs1: Gs1Result

    @property
    def summary(self) -> str:
        return f"SSCC {self.sscc}"


@dataclass(frozen=True, kw_only=True)
class CommandScan(ScanResolution):
    command: ScanCommand

    @property
    def summary(self) -> str:
        return f"command {self.command.value}"


@dataclass(frozen=True, kw_only=True)
class AmbiguousScan(ScanResolution):
    """A code that equals several packages' identifiers, or a package's and a product's."""

    package_numbers: tuple[str, ...]
    barcode: str | None = None

    @property
    def summary(self) -> str:
        things = [f"package {number}" for number in self.package_numbers]
        if self.barcode is not None:
            things.append(f"product barcode {self.barcode}")
        return f"{self.code!r} matches " + ", ".join(things)

    @property
    def message(self) -> str:
        return f"{super().message}; scan the package number instead"


@dataclass(frozen=True, kw_only=True)
class InvalidGs1(ScanResolution):
    """GS1 data that is invalid or ambiguous; ``gs1.error`` contains the reason."""

    gs1: Gs1Result

    @property
    def summary(self) -> str:
        error = self.gs1.error
        reason = error.reason if error is not None else "unreadable"
        return f"GS1 barcode cannot be used: {reason}"


@dataclass(frozen=True)
class RemapCandidate:
    """One reading of a code through a keyboard layout, and the resolution it leads to."""

    layout: str
    code: str
    resolution: ScanResolution


@dataclass(frozen=True, kw_only=True)
class LayoutMismatch(ScanResolution):
    """A code that matched nothing as scanned, and different things through the layouts."""

    candidates: tuple[RemapCandidate, ...]

    @property
    def summary(self) -> str:
        readings = "; ".join(
            f"as {LAYOUT_TITLES[candidate.layout]} {candidate.code!r} is "
            f"{candidate.resolution.summary}"
            for candidate in self.candidates
        )
        return f"{self.code!r} matches nothing as scanned; {readings}"

    @property
    def message(self) -> str:
        return (
            "The scanner's keyboard layout does not match the computer's, and the code "
            f"cannot be corrected safely ({self.summary}). Program the scanner for the "
            'Turkish layout by scanning the "Turkish Q" (or "Turkish F") setup code in the '
            "scanner's manual, or set the computer's input language to the scanner's "
            "layout (US), then scan again."
        )


@dataclass(frozen=True, kw_only=True)
class UnknownScan(ScanResolution):
    """A code that matches no package, order, tracking number, product or command."""

    # True when the code contains a character outside IDENTIFIER_ALPHABET, a sign that
    # the scanner's keyboard layout does not match the computer's.
    layout_suspected: bool = False
    gs1: Gs1Result | None = None

    @property
    def summary(self) -> str:
        return f"no package, order, tracking number or product matches {self.code!r}"

    @property
    def message(self) -> str:
        if self.layout_suspected:
            return (
                f"{self.summary}; it contains characters a barcode rarely has, so check "
                "that the scanner is programmed for the computer's keyboard layout"
            )
        return self.summary


def interpret_scan(
    session: Session, raw: str, settings: ScanSettings | None = None
) -> ScanResolution:
    """Return what the scanned text ``raw`` names; see the module docstring for the order.

    Reads the database through ``session`` and writes nothing.
    """
    settings = settings or ScanSettings()
    text = _strip_prefix(_trim_keeping_separator(raw), settings)
    code = normalise_identifier(text)
    if not code:
        return UnknownScan(raw=raw, code="")

    exact = _resolve(session, raw, text, code, remapped_from=None)
    if exact is not None:
        return exact
    if settings.try_layout_remaps:
        remapped = _resolve_remapped(session, raw, text, code)
        if isinstance(remapped, LayoutMismatch):
            log.warning("Scan rejected: %s", remapped.summary)
            return remapped
        if remapped is not None:
            log.info(
                "Scan %r read through layout %s as %r: the scanner is set up for US",
                code,
                remapped.remapped_from,
                remapped.code,
            )
            return remapped
    return UnknownScan(raw=raw, code=code, layout_suspected=has_foreign_characters(code))


def has_foreign_characters(code: str) -> bool:
    """Tell whether ``code`` has a character outside ``IDENTIFIER_ALPHABET``."""
    return any(character not in IDENTIFIER_ALPHABET for character in code)


def _trim_keeping_separator(raw: str) -> str:
    # A leading GS marks GS1 data (FNC1 in first position), so it survives the trim.
    start = 0
    end = len(raw)
    while start < end and raw[start] != GROUP_SEPARATOR and is_edge_junk(raw[start]):
        start += 1
    while end > start and is_edge_junk(raw[end - 1]):
        end -= 1
    return raw[start:end]


def _strip_prefix(text: str, settings: ScanSettings) -> str:
    prefix = settings.prefix
    if not prefix:
        return text
    forms = [prefix]
    if settings.try_layout_remaps:
        # The prefix goes through the same layout as the code when the scanner is set up
        # for US and the computer for Turkish.
        forms.extend(type_as(prefix, layout) for layout in LAYOUTS)
    for form in forms:
        if text.startswith(form):
            return _trim_keeping_separator(text[len(form) :])
    return text


def _resolve(
    session: Session, raw: str, text: str, code: str, *, remapped_from: str | None
) -> ScanResolution | None:
    """Match one reading of the scan; return None when it names nothing."""
    if code in ScanCommand._value2member_map_:
        return CommandScan(
            raw=raw, code=code, remapped_from=remapped_from, command=ScanCommand(code)
        )

    gs1 = parse_gs1(text)
    if gs1 is not None:
        return _resolve_gs1(session, raw, code, gs1, remapped_from=remapped_from)

    # A control character inside the code belongs to no identifier (and PostgreSQL rejects
    # NUL in text parameters), so such a code is not looked up.
    if any(unicodedata.category(character) == "Cc" for character in code):
        return None

    packages = find_packages(session, code)
    barcode = _find_product_barcode(session, (code,))
    if packages:
        return _resolve_packages(
            raw, code, packages, barcode, remapped_from=remapped_from, field=None
        )
    if barcode is not None:
        return ProductMatch(raw=raw, code=code, remapped_from=remapped_from, barcode=barcode)

    # Scanners set to send neither the symbology identifier nor FNC1 deliver a GTIN or
    # SSCC element string as bare digits, such as "01" followed by the GTIN-14. Read that
    # way, the code counts only when it then names something: a long tracking number
    # that happens to parse stays an unknown code as scanned.
    if code.isascii() and code.isdigit() and code[:2] in ("00", "01") and len(code) >= 16:
        bare = parse_gs1(code, assume_gs1=True)
        if bare is not None and bare.ok:
            resolution = _resolve_gs1(session, raw, code, bare, remapped_from=remapped_from)
            if isinstance(resolution, PackageMatch | ProductMatch | AmbiguousScan):
                return resolution
    return None


def _resolve_gs1(
    session: Session, raw: str, code: str, gs1: Gs1Result, *, remapped_from: str | None
) -> ScanResolution:
    error = gs1.error
    # An ambiguous value (a lot that may have swallowed the next element) makes only the
    # elements after it doubtful: a GTIN or SSCC read before it is still certain.
    usable = error is None or (
        error.kind is Gs1ErrorKind.AMBIGUOUS and (gs1.gtin is not None or gs1.sscc is not None)
    )
    if not usable:
        return InvalidGs1(raw=raw, code=code, remapped_from=remapped_from, gs1=gs1)

    if gs1.sscc is not None:
        sscc = gs1.sscc
        packages = _unique(find_packages(session, sscc) + find_packages(session, "00" + sscc))
        if packages:
            return _resolve_packages(
                raw, sscc, packages, None, remapped_from=remapped_from, field=MatchedField.SSCC
            )
        return SsccScan(raw=raw, code=sscc, remapped_from=remapped_from, sscc=sscc, gs1=gs1)

    if gs1.gtin is not None:
        barcode = _find_product_barcode(session, gs1.product_barcodes)
        if barcode is not None:
            return ProductMatch(
                raw=raw, code=barcode, remapped_from=remapped_from, barcode=barcode, gs1=gs1
            )
        display_code = gs1.ean13 or gs1.gtin
        return UnknownScan(raw=raw, code=display_code, remapped_from=remapped_from, gs1=gs1)

    # Valid GS1 data without a GTIN or SSCC (a lot alone, say) names nothing here.
    return UnknownScan(raw=raw, code=code, remapped_from=remapped_from, gs1=gs1)


def _resolve_packages(
    raw: str,
    code: str,
    packages: list[Package],
    barcode: str | None,
    *,
    remapped_from: str | None,
    field: MatchedField | None,
) -> ScanResolution:
    chosen: Package | None = None
    if barcode is None:
        if len(packages) == 1:
            chosen = packages[0]
        elif remapped_from is None:
            # The rule find_package applies: of a split order's packages, the one still
            # to pack is meant. A remapped code must match exactly one package instead.
            packable = [package for package in packages if package.package_status.is_packable]
            if len(packable) == 1:
                chosen = packable[0]
    if chosen is None:
        return AmbiguousScan(
            raw=raw,
            code=code,
            remapped_from=remapped_from,
            package_numbers=tuple(package.number for package in packages),
            barcode=barcode,
        )
    return PackageMatch(
        raw=raw,
        code=code,
        remapped_from=remapped_from,
        package_id=chosen.id,
        package_number=chosen.number,
        matched_field=field or _matched_field(chosen, code),
    )


def _matched_field(package: Package, code: str) -> MatchedField:
    if package.number == code:
        return MatchedField.PACKAGE_NUMBER
    if package.order.number == code:
        return MatchedField.ORDER_NUMBER
    return MatchedField.TRACKING_NUMBER


def _find_product_barcode(session: Session, candidates: tuple[str, ...]) -> str | None:
    """Return the first of ``candidates`` that some order item has as its barcode."""
    lookups = tuple(candidate for candidate in candidates if candidate)
    if not lookups:
        return None
    found = set(
        session.scalars(select(OrderItem.barcode).where(OrderItem.barcode.in_(lookups)).distinct())
    )
    for candidate in lookups:
        if candidate in found:
            return candidate
    return None


def _unique(packages: list[Package]) -> list[Package]:
    seen: dict[int, Package] = {}
    for package in packages:
        seen.setdefault(package.id, package)
    return sorted(seen.values(), key=lambda package: package.id)


def _resolve_remapped(session: Session, raw: str, text: str, code: str) -> ScanResolution | None:
    foreign = has_foreign_characters(code)
    candidates: list[RemapCandidate] = []
    for layout in LAYOUTS:
        if not foreign and layout not in _LAYOUTS_MOVING_LETTERS:
            continue
        remapped_text = remap(text, layout)
        if remapped_text == text:
            continue
        remapped_code = normalise_identifier(remapped_text)
        resolution = _resolve(session, raw, remapped_text, remapped_code, remapped_from=layout)
        if resolution is None or isinstance(resolution, UnknownScan | InvalidGs1):
            continue
        candidates.append(RemapCandidate(layout, remapped_code, resolution))

    if not candidates:
        return None
    first = candidates[0].resolution
    if all(_is_single_thing(c.resolution) for c in candidates) and all(
        _identity(c.resolution) == _identity(first) for c in candidates
    ):
        return first
    return LayoutMismatch(raw=raw, code=code, candidates=tuple(candidates))


def _is_single_thing(resolution: ScanResolution) -> bool:
    return isinstance(resolution, PackageMatch | ProductMatch | CommandScan | SsccScan)


def _identity(resolution: ScanResolution) -> tuple[str, str]:
    """Return what a resolution points at, so two readings naming the same thing compare equal."""
    match resolution:
        case PackageMatch(package_id=package_id):
            return ("package", str(package_id))
        case ProductMatch(barcode=barcode):
            return ("product", barcode)
        case CommandScan(command=command):
            return ("command", command.value)
        case SsccScan(sscc=sscc):
            return ("sscc", sscc)
    return (type(resolution).__name__, resolution.code)


# Names of the C0 control characters and DEL, which the Unicode database leaves unnamed.
_CONTROL_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE SEPARATOR",
    "GROUP SEPARATOR",
    "RECORD SEPARATOR",
    "UNIT SEPARATOR",
)


def describe_characters(raw: str) -> list[tuple[str, str, str]]:
    """List each character of ``raw`` as (what to show, code point, Unicode name).

    For the "test your scanner" box: where "i" was expected, the box shows "ı" with
    "U+0131 LATIN SMALL LETTER DOTLESS I". Control characters and spaces are shown by their
    Unicode control pictures (GS as "␝", space as "␠"), so nothing is invisible.
    """
    described: list[tuple[str, str, str]] = []
    for character in raw:
        point = ord(character)
        code_point = f"U+{point:04X}"
        if point < 0x20:
            described.append((chr(0x2400 + point), code_point, _CONTROL_NAMES[point]))
        elif point == 0x7F:
            described.append(("\u2421", code_point, "DELETE"))
        elif character == " ":
            described.append(("\u2420", code_point, "SPACE"))
        else:
            name = unicodedata.name(character, "")
            shown = character if character.isprintable() else code_point
            described.append((shown, code_point, name or "<unnamed>"))
    return described
