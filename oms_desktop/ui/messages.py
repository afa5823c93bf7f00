"""Banner texts for the outcome of a scan, in the packer's words.

Each core error becomes a title naming the package or code and a detail line saying
what to do next. The core's own English messages are for logs and the command line;
the texts here are translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

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
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.labels import format_moment, status_label
from oms_desktop.ui.packing import PackOutcome
from oms_desktop.ui.tasks import DATABASE_ERRORS


@dataclass(frozen=True)
class BannerMessage:
    kind: BannerKind
    title: str
    detail: str = ""


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
    #: Product count in the success banner, for example "2 items".
    items = QCoreApplication.translate("ScanMessages", "%n item(s)", "", outcome.item_count)
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
        ),
    )


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
            BannerKind.WARNING,
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
