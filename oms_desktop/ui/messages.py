"""Banner texts for the outcome of a scan, in the packer's words.

Each core error becomes a title naming the package or code and a detail line saying
what to do next. The core's own English messages are for logs and the command line;
the texts here are translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from oms_desktop.core.errors import (
    AlreadyPacked,
    AmbiguousCode,
    ConcurrentUpdate,
    DomainError,
    NoRoute,
    NoTrackingNumber,
    NoTransition,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.core.keyboard_layouts import LAYOUT_TITLES
from oms_desktop.core.scan import (
    AmbiguousScan,
    CommandScan,
    InvalidGs1,
    LayoutMismatch,
    MatchedField,
    PackageMatch,
    ProductMatch,
    ScanCommand,
    ScanResolution,
    SsccScan,
    UnknownScan,
)
from oms_desktop.core.verification import ItemScanOutcome, VerificationLine
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.labels import format_moment, status_label
from oms_desktop.ui.packing import ClaimTakenOver, PackageHeader, PackOutcome
from oms_desktop.ui.tasks import DATABASE_ERRORS

# Unscanned products a refusal to complete lists by name before it adds "N more".
LISTED_MISSING_LINES = 3


@dataclass(frozen=True)
class BannerMessage:
    kind: BannerKind
    title: str
    detail: str = ""


class ScanMessages(QObject):
    """Banner texts with a count, translated with plural forms.

    pyside6-lupdate 6.11 marks a text as having plural forms only in a
    ``self.tr(text, "", count)`` call, so these texts live in methods of a class named
    after their translation context. ``counted()`` returns the shared instance.
    """

    def items(self, count: int) -> str:
        #: Product count in the success banner, for example "2 items".
        return self.tr("%n item(s)", "", count)

    def unscanned_note(self, count: int) -> str:
        #: Added to the success banner when the station completed a package before every
        #: item was scanned; %n is the number of unscanned units.
        return self.tr(" · %n item(s) not scanned (recorded in the audit log)", "", count)

    def scan_each(self, count: int) -> str:
        #: %n is the number of item units still to scan.
        return self.tr(
            "Scan each of its %n item(s); packing completes after the last one.", "", count
        )

    def scan_each_then_complete(self, count: int) -> str:
        #: %n is the number of item units still to scan.
        return self.tr(
            "Scan each of its %n item(s), then press F2 or scan the package again.", "", count
        )

    def left_in_package(self, count: int) -> str:
        #: %n is the number of item units of the package still to scan.
        return self.tr("%n item(s) left in the package", "", count)

    def more_products(self, count: int) -> str:
        #: Ends a list of unscanned products; %n is how many more products are missing.
        return self.tr("%n more", "", count)

    def not_scanned_yet(self, count: int) -> str:
        #: %n is the number of item units not scanned yet; %1 the package number.
        return self.tr("%1: %n item(s) not scanned yet", "", count)


_counted: ScanMessages | None = None


def counted() -> ScanMessages:
    """Return the shared ScanMessages instance, created on first use."""
    global _counted
    if _counted is None:
        _counted = ScanMessages()
    return _counted


def _fill(template: str, *values: object) -> str:
    """Replace %1, %2 ... in a translated template, highest number first (%1 inside %10)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def ready_message() -> BannerMessage:
    return BannerMessage(
        BannerKind.IDLE,
        QCoreApplication.translate("ScanMessages", "Ready: scan a package"),
        #: Idle banner; a code is what the barcode scanner reads.
        QCoreApplication.translate(
            "ScanMessages", "Scan the package number, order number or tracking number."
        ),
    )


def busy_message(code: str) -> BannerMessage:
    #: Shown while the scanned code is being packed; %1 is the code.
    return BannerMessage(
        BannerKind.BUSY, _fill(QCoreApplication.translate("ScanMessages", "Packing %1…"), code)
    )


def packed_message(outcome: PackOutcome) -> BannerMessage:
    result = outcome.result
    items = counted().items(outcome.item_count)
    return BannerMessage(
        BannerKind.SUCCESS,
        #: Success banner title; %1 is the package number.
        _fill(QCoreApplication.translate("ScanMessages", "Packed: %1"), result.package_number),
        #: Success banner detail; %1 is the tracking number, %2 the product count,
        #: %3 the order number.
        _fill(
            QCoreApplication.translate("ScanMessages", "tracking no. %1 · %2 · order %3"),
            result.tracking_number,
            items,
            result.order_number,
        )
        + _unverified_note(outcome.unverified_units),
    )


def _unverified_note(units: int) -> str:
    if units <= 0:
        return ""
    return counted().unscanned_note(units)


def error_message(error: BaseException, code: str) -> BannerMessage:
    """Return the banner for an expected failure of packing ``code``; nothing was packed."""
    failure = BannerKind.FAILURE
    if isinstance(error, UnknownCode):
        return BannerMessage(
            failure,
            #: %1 is the scanned code.
            _fill(QCoreApplication.translate("ScanMessages", "Unknown code: %1"), error.code),
            QCoreApplication.translate(
                "ScanMessages",
                "No package, order or tracking number matches it. Check the code and scan again.",
            ),
        )
    if isinstance(error, OrderCancelled):
        return BannerMessage(
            BannerKind.CANCELLED,
            QCoreApplication.translate(
                "ScanMessages", "Order cancelled: do not pack, put the items back"
            ),
            #: %1 is the package number, %2 the order number.
            _fill(
                QCoreApplication.translate("ScanMessages", "Package %1, order %2."),
                error.package_number,
                error.order_number,
            ),
        )
    if isinstance(error, AlreadyPacked):
        return BannerMessage(failure, *_already_packed(error))
    if isinstance(error, NoTransition):
        return BannerMessage(
            failure,
            #: %1 is the package number.
            _fill(
                QCoreApplication.translate("ScanMessages", "Cannot pack %1"), error.package_number
            ),
            #: %1 is a package status, %2 the name of the command.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages",
                    "The package is “%1” and the command %2 has no transition from this "
                    "status. A supervisor must check the state transitions.",
                ),
                status_label(error.status),
                error.command,
            ),
        )
    if isinstance(error, NoRoute):
        cargo = error.cargo_company or QCoreApplication.translate(
            "ScanMessages", "no cargo company"
        )
        return BannerMessage(
            failure,
            #: %1 is the package number.
            _fill(
                QCoreApplication.translate("ScanMessages", "No shipping route: %1"),
                error.package_number,
            ),
            #: %1 is a sales channel such as Trendyol, %2 a cargo company.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages",
                    "No shipment condition covers channel %1 (%2). A supervisor must add a "
                    "condition in the settings; then scan again.",
                ),
                error.channel_name,
                cargo,
            ),
        )
    if isinstance(error, NoTrackingNumber):
        return BannerMessage(
            failure,
            #: %1 is the package number.
            _fill(
                QCoreApplication.translate("ScanMessages", "No tracking number yet: %1"),
                error.package_number,
            ),
            #: %1 is the order number.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages",
                    "The marketplace has not given order %1 a tracking number yet. Set the "
                    "package aside and scan it again after the next sync.",
                ),
                error.order_number,
            ),
        )
    if isinstance(error, AmbiguousCode):
        return BannerMessage(
            failure,
            #: %1 is the scanned code.
            _fill(
                QCoreApplication.translate("ScanMessages", "Code matches several packages: %1"),
                error.code,
            ),
            #: %1 is a list of package numbers.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages", "Packages %1. Scan the package number instead."
                ),
                ", ".join(error.package_numbers),
            ),
        )
    if isinstance(error, ClaimTakenOver):
        return taken_over_message(error.package_number, error.holder)
    if isinstance(error, ConcurrentUpdate):
        return BannerMessage(
            failure,
            #: %1 is the package number.
            _fill(
                QCoreApplication.translate("ScanMessages", "Changed by another station: %1"),
                error.package_number,
            ),
            QCoreApplication.translate(
                "ScanMessages",
                "Another station changed this package at the same moment, so nothing was "
                "packed here. Scan it again to see its status.",
            ),
        )
    if isinstance(error, DATABASE_ERRORS):
        return BannerMessage(
            failure,
            QCoreApplication.translate("ScanMessages", "Database busy or unreachable"),
            #: %1 is the scanned code.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages",
                    "Nothing was packed. Wait a moment and scan %1 again. If this keeps "
                    "happening, call IT support.",
                ),
                code,
            ),
        )
    if isinstance(error, DomainError):
        return BannerMessage(
            failure,
            _fill(QCoreApplication.translate("ScanMessages", "Cannot pack %1"), code),
            str(error),
        )
    raise TypeError(f"no banner text for unexpected error {error!r}")


def _already_packed(error: AlreadyPacked) -> tuple[str, str]:
    #: %1 is the package number.
    title = _fill(
        QCoreApplication.translate("ScanMessages", "Already packed: %1"), error.package_number
    )
    status = status_label(error.status)
    if error.packed_at is not None and error.station:
        #: %1 is a time, %2 a station name, %3 the package's current status.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages", "Packed %1, station %2. Status now: %3. Do not pack it again."
            ),
            format_moment(error.packed_at),
            error.station,
            status,
        )
    elif error.packed_at is not None:
        #: %1 is a time, %2 the package's current status.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages", "Packed %1. Status now: %2. Do not pack it again."
            ),
            format_moment(error.packed_at),
            status,
        )
    else:
        #: %1 is the package's current status.
        detail = _fill(
            QCoreApplication.translate("ScanMessages", "Status now: %1. Do not pack it again."),
            status,
        )
    return title, detail


# -- scan to verify -----------------------------------------------------------------


def checking_message(code: str) -> BannerMessage:
    #: Shown when reading a scanned code takes a moment; %1 is the code.
    return BannerMessage(
        BannerKind.BUSY, _fill(QCoreApplication.translate("ScanMessages", "Checking %1…"), code)
    )


def _product(line: VerificationLine) -> str:
    return line.product_name or line.sku or line.barcode


def opened_message(header: PackageHeader, remaining: int) -> BannerMessage:
    """Return the banner after a package was opened for item scanning."""
    return BannerMessage(
        BannerKind.BUSY,
        #: %1 is the package number.
        _fill(QCoreApplication.translate("ScanMessages", "Open: %1"), header.number),
        counted().scan_each(remaining),
    )


def opened_manual_message(header: PackageHeader, remaining: int) -> BannerMessage:
    """Return the banner after opening, when completing needs F2 (auto-complete is off)."""
    return BannerMessage(
        BannerKind.BUSY,
        _fill(QCoreApplication.translate("ScanMessages", "Open: %1"), header.number),
        counted().scan_each_then_complete(remaining),
    )


def counted_message(outcome: ItemScanOutcome, remaining: int) -> BannerMessage:
    """Return the banner after one item unit was counted."""
    line = outcome.line
    assert line is not None, "a counted scan has its line"
    #: %1 is the number of units scanned, %2 the number ordered of this product.
    counts = _fill(
        QCoreApplication.translate("ScanMessages", "%1 of %2 scanned"), line.scanned, line.ordered
    )
    if remaining:
        left = counted().left_in_package(remaining)
    else:
        left = QCoreApplication.translate("ScanMessages", "every item scanned")
    return BannerMessage(BannerKind.SUCCESS, _product(line), f"{counts} · {left}")


def verified_message(header: PackageHeader) -> BannerMessage:
    """Return the banner when every item is scanned and completing waits for the packer."""
    return BannerMessage(
        BannerKind.SUCCESS,
        #: %1 is the package number.
        _fill(QCoreApplication.translate("ScanMessages", "All items scanned: %1"), header.number),
        QCoreApplication.translate(
            "ScanMessages", "Press F2 or scan the package again to complete packaging."
        ),
    )


def wrong_item_message(
    barcode: str, product_name: str | None, package_number: str, other_package: str | None
) -> BannerMessage:
    """Return the banner for an item that is not in the open package."""
    #: Title for a scanned item that is not in the open package; %1 is its product name
    #: or barcode.
    title = _fill(
        QCoreApplication.translate("ScanMessages", "Wrong item: %1"), product_name or barcode
    )
    if other_package:
        #: %1 is a barcode, %2 the open package, %3 another waiting package.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "Barcode %1 is not in package %2. It belongs to waiting package %3: set it "
                "aside for that one.",
            ),
            barcode,
            package_number,
            other_package,
        )
    else:
        #: %1 is a barcode, %2 the open package.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "Barcode %1 is not in package %2 and no waiting package needs it. Put it back.",
            ),
            barcode,
            package_number,
        )
    return BannerMessage(BannerKind.FAILURE, title, detail)


def unknown_item_message(code: str, package_number: str) -> BannerMessage:
    """Return the banner for a code that names nothing while a package is open."""
    return BannerMessage(
        BannerKind.FAILURE,
        #: %1 is the scanned code.
        _fill(QCoreApplication.translate("ScanMessages", "Unknown code: %1"), code),
        #: %1 is the open package's number.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "It is not an item of package %1, nor any package, order or tracking number. "
                "Check the label and scan again.",
            ),
            package_number,
        ),
    )


def over_scan_message(line: VerificationLine, package_number: str) -> BannerMessage:
    """Return the banner for one unit more than the package contains."""
    return BannerMessage(
        BannerKind.FAILURE,
        #: %1 is a product name.
        _fill(QCoreApplication.translate("ScanMessages", "One too many: %1"), _product(line)),
        #: %1 is the ordered quantity, %2 the product's barcode, %3 the package number.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "All %1 ordered units (barcode %2) are already scanned. Take the extra one out "
                "of package %3.",
            ),
            line.ordered,
            line.barcode,
            package_number,
        ),
    )


def not_verified_message(
    lines: Sequence[VerificationLine], package_number: str, remaining: int
) -> BannerMessage:
    """Return the banner when completing is refused because items are not scanned yet."""
    missing = [line for line in lines if line.remaining > 0]
    #: One unscanned product in a list; %1 is its name, %2 the units scanned, %3 ordered.
    template = QCoreApplication.translate("ScanMessages", "%1 (%2 of %3)")
    named = [
        _fill(template, _product(line), line.scanned, line.ordered)
        for line in missing[:LISTED_MISSING_LINES]
    ]
    more = len(missing) - len(named)
    if more > 0:
        named.append(counted().more_products(more))
    return BannerMessage(
        BannerKind.FAILURE,
        _fill(counted().not_scanned_yet(remaining), package_number),
        #: %1 is a list of products with their counts.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "Missing: %1. Scan them, or put the package aside (Esc). A supervisor can "
                "allow this station to complete without scanning.",
            ),
            ", ".join(named),
        ),
    )


def undo_message(line: VerificationLine) -> BannerMessage:
    return BannerMessage(
        BannerKind.IDLE,
        #: %1 is a product name.
        _fill(QCoreApplication.translate("ScanMessages", "Undone: %1"), _product(line)),
        _fill(
            QCoreApplication.translate("ScanMessages", "%1 of %2 scanned"),
            line.scanned,
            line.ordered,
        ),
    )


def nothing_to_undo_message() -> BannerMessage:
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Nothing to undo"),
        QCoreApplication.translate(
            "ScanMessages", "No item scan of the open package is left to take back."
        ),
    )


def put_aside_message(package_number: str) -> BannerMessage:
    return BannerMessage(
        BannerKind.IDLE,
        #: %1 is the package number; the packer closed it without packing.
        _fill(QCoreApplication.translate("ScanMessages", "Put aside: %1"), package_number),
        QCoreApplication.translate(
            "ScanMessages", "Nothing was packed. Scan the package again to start over."
        ),
    )


def no_package_open_message() -> BannerMessage:
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "No package is open"),
        QCoreApplication.translate(
            "ScanMessages", "Scan the package number, order number or tracking number first."
        ),
    )


def claimed_elsewhere_message(
    package_number: str, holder: str | None, expires_at: dt.datetime | None
) -> BannerMessage:
    """Return the banner for a package another station is packing right now."""
    station = holder or "?"
    title = _fill(
        #: %1 is another station's name.
        QCoreApplication.translate("ScanMessages", "Being packed at station %1"),
        station,
    )
    #: %1 is the package number, %2 the other station, %3 when its claim lapses.
    detail = _fill(
        QCoreApplication.translate(
            "ScanMessages",
            "%1 is open at station %2 (until %3). To pack it here, scan it again or press "
            "Take over (F4).",
        ),
        package_number,
        station,
        format_moment(expires_at) if expires_at is not None else "?",
    )
    return BannerMessage(BannerKind.WARNING, title, detail)


def taken_over_message(package_number: str, holder: str) -> BannerMessage:
    """Return the banner when another station took over the package open here."""
    return BannerMessage(
        BannerKind.WARNING,
        #: %1 is another station's name.
        _fill(QCoreApplication.translate("ScanMessages", "Taken over by station %1"), holder),
        #: %1 is the package number, %2 the other station.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "Package %1 is being packed at station %2 now, so it was closed here without "
                "packing. Hand its items over to that station.",
            ),
            package_number,
            holder,
        ),
    )


def product_without_package_message(
    barcode: str, product_name: str | None, other_package: str | None
) -> BannerMessage:
    """Return the banner for a product barcode scanned while no package is open."""
    product = product_name or barcode
    if other_package:
        #: %1 is a product, %2 its barcode, %3 a waiting package containing it.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "%1 (%2) is a product. Scan the package label first; waiting package %3 "
                "contains this product.",
            ),
            product,
            barcode,
            other_package,
        )
    else:
        #: %1 is a product, %2 its barcode.
        detail = _fill(
            QCoreApplication.translate(
                "ScanMessages", "%1 (%2) is a product. Scan the package label first."
            ),
            product,
            barcode,
        )
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Scan the package first"),
        detail,
    )


def finish_first_message(open_number: str, scanned_number: str) -> BannerMessage:
    """Return the banner for another package scanned while one with scanned items is open."""
    return BannerMessage(
        BannerKind.FAILURE,
        #: %1 is the package number.
        _fill(QCoreApplication.translate("ScanMessages", "Package %1 is still open"), open_number),
        #: %1 is the other package's number.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "Complete it (F2) or put it aside (Esc) before opening %1.",
            ),
            scanned_number,
        ),
    )


def unknown_code_message(code: str, layout_suspected: bool) -> BannerMessage:
    """Return the banner for a code that names nothing while no package is open."""
    message = error_message(UnknownCode(code), code)
    if not layout_suspected:
        return message
    return BannerMessage(
        message.kind,
        message.title,
        QCoreApplication.translate(
            "ScanMessages",
            "It contains characters a barcode rarely has: the scanner may be set up for "
            "another keyboard layout than this computer. Test it in the settings.",
        ),
    )


def layout_mismatch_message(resolution: LayoutMismatch) -> BannerMessage:
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Scanner keyboard layout does not match"),
        #: %1 is the scanned code.
        _fill(
            QCoreApplication.translate(
                "ScanMessages",
                "%1 reads as different codes through the Turkish layouts, so it was not "
                "used. Program the scanner for Turkish Q (or F) with the setup barcode in its "
                "manual, or set this computer's input language to US; then scan again.",
            ),
            resolution.code,
        ),
    )


def remap_note(resolution: ScanResolution) -> str:
    """Return the note shown when a scan was accepted only after undoing a layout mismatch."""
    layout = LAYOUT_TITLES.get(resolution.remapped_from or "", resolution.remapped_from or "")
    #: %1 is the code as received, %2 how it was read, %3 a keyboard layout name.
    return _fill(
        QCoreApplication.translate(
            "ScanMessages",
            "The scanner's keyboard layout looks wrong: %1 arrived and was read as %2 "
            "(%3 layout). Program the scanner for the Turkish layout to avoid misreads.",
        ),
        resolution.raw.strip(),
        resolution.code,
        layout,
    )


def invalid_gs1_message(resolution: InvalidGs1) -> BannerMessage:
    error = resolution.gs1.error
    reason = error.reason if error is not None else ""
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "GS1 barcode cannot be used"),
        #: %1 is the reason, in English, from the GS1 parser.
        _fill(
            QCoreApplication.translate(
                "ScanMessages", "%1. Scan another barcode on the item or its package."
            ),
            reason,
        ),
    )


def sscc_message(resolution: SsccScan) -> BannerMessage:
    return BannerMessage(
        BannerKind.FAILURE,
        #: %1 is an 18-digit serial shipping container code.
        _fill(QCoreApplication.translate("ScanMessages", "Unknown SSCC: %1"), resolution.sscc),
        QCoreApplication.translate(
            "ScanMessages",
            "No package has this shipping container code. Scan the package number instead.",
        ),
    )


def internal_error_message() -> BannerMessage:
    """Return the banner for a bug (an unexpected error) while handling a scan."""
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Unexpected error"),
        QCoreApplication.translate(
            "ScanMessages",
            "The scan could not be handled and nothing was packed. The error was logged; "
            "scan again, and tell IT support if it happens again.",
        ),
    )


def dialog_open_message() -> BannerMessage:
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Scan ignored: a dialog is open"),
        QCoreApplication.translate("ScanMessages", "Close the dialog, then scan again."),
    )


_COMMAND_LABELS: dict[ScanCommand, object] = {
    ScanCommand.COMPLETE: QT_TRANSLATE_NOOP("ScanCommand", "Complete packaging"),
    ScanCommand.CANCEL: QT_TRANSLATE_NOOP("ScanCommand", "Put the package aside"),
    ScanCommand.UNDO: QT_TRANSLATE_NOOP("ScanCommand", "Undo the last item"),
    ScanCommand.SEARCH: QT_TRANSLATE_NOOP("ScanCommand", "Search"),
}


def command_label(command: ScanCommand) -> str:
    """Return the translated name of a command barcode."""
    return QCoreApplication.translate("ScanCommand", str(_COMMAND_LABELS[command]))


_MATCHED_FIELDS: dict[MatchedField, object] = {
    MatchedField.PACKAGE_NUMBER: QT_TRANSLATE_NOOP("MatchedField", "package number"),
    MatchedField.ORDER_NUMBER: QT_TRANSLATE_NOOP("MatchedField", "order number"),
    MatchedField.TRACKING_NUMBER: QT_TRANSLATE_NOOP("MatchedField", "tracking number"),
    MatchedField.SSCC: QT_TRANSLATE_NOOP("MatchedField", "SSCC"),
}


def resolution_text(resolution: ScanResolution) -> str:
    """Return one translated sentence saying what the station reads a scan as."""
    text = _resolution_sentence(resolution)
    if resolution.remapped_from is not None:
        text += " " + remap_note(resolution)
    return text


def _resolution_sentence(resolution: ScanResolution) -> str:

    if isinstance(resolution, PackageMatch):
        field = QCoreApplication.translate(
            "MatchedField", str(_MATCHED_FIELDS[resolution.matched_field])
        )
        #: %1 is a package number, %2 which of its numbers matched.
        return _fill(
            QCoreApplication.translate("ScanReading", "Package %1 (matched its %2)."),
            resolution.package_number,
            field,
        )
    if isinstance(resolution, ProductMatch):
        #: %1 is a product barcode.
        return _fill(
            QCoreApplication.translate("ScanReading", "Product barcode %1."), resolution.barcode
        )
    if isinstance(resolution, CommandScan):
        #: %1 is the name of a command barcode.
        return _fill(
            QCoreApplication.translate("ScanReading", "Command: %1."),
            command_label(resolution.command),
        )
    if isinstance(resolution, AmbiguousScan):
        #: %1 is a list of package numbers.
        return _fill(
            QCoreApplication.translate(
                "ScanReading", "Matches several packages (%1): scan the package number."
            ),
            ", ".join(resolution.package_numbers),
        )
    if isinstance(resolution, InvalidGs1):
        return invalid_gs1_message(resolution).detail
    if isinstance(resolution, SsccScan):
        #: %1 is an SSCC.
        return _fill(
            QCoreApplication.translate("ScanReading", "SSCC %1, which names no package."),
            resolution.sscc,
        )
    if isinstance(resolution, LayoutMismatch):
        return layout_mismatch_message(resolution).detail
    if isinstance(resolution, UnknownScan):
        if not resolution.code:
            return QCoreApplication.translate(
                "ScanReading", "Nothing but spaces or control characters."
            )
        if resolution.layout_suspected:
            #: %1 is the scanned code.
            return _fill(
                QCoreApplication.translate(
                    "ScanReading",
                    "Nothing matches %1, and it has characters a barcode rarely has: check "
                    "the scanner's keyboard layout.",
                ),
                resolution.code,
            )
        #: %1 is the scanned code.
        return _fill(
            QCoreApplication.translate("ScanReading", "Nothing matches %1."), resolution.code
        )
    return resolution.message
