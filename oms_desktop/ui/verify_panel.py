"""Scan to verify: the packing panel, its item and recent-scan models, and the flow behind them.

``PackingController`` decides what each scan and each key means for the package open
at this station. It keeps the open package's ``VerificationSession`` in memory, so an
item scan that matches one of the package's barcodes is counted on the GUI thread
without a database round trip. Everything else (what a code names, opening, claiming,
completing) runs as one transaction on the window's single-thread TaskRunner. Scans
and actions queue in arrival order and each waits for the one before it, so an item
scan never overtakes the package scan that opened its package.

``VerifyPanel`` shows the open package: header, progress, one row per product, and
buttons that repeat the keyboard shortcuts. ``RecentScansModel`` lists the last scans.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.claims import CLAIM_TTL
from oms_desktop.core.errors import (
    AlreadyPacked,
    AmbiguousCode,
    ConcurrentUpdate,
    DomainError,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.core.scan import (
    AmbiguousScan,
    CommandScan,
    InvalidGs1,
    LayoutMismatch,
    PackageMatch,
    ProductMatch,
    ScanCommand,
    ScanSettings,
    SsccScan,
    UnknownScan,
)
from oms_desktop.core.settings import (
    ALLOW_COMPLETE_WITHOUT_VERIFYING,
    AUTO_COMPLETE_WHEN_VERIFIED,
    DUPLICATE_SCAN_WINDOW_MS,
    SCANNER_PREFIX,
    SETTINGS,
    VERIFY_ITEMS,
)
from oms_desktop.core.textfold import normalise_identifier
from oms_desktop.core.verification import (
    ItemScanKind,
    ItemScanOutcome,
    VerificationLine,
    VerificationSession,
)
from oms_desktop.ui import crash
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.labels import format_clock
from oms_desktop.ui.messages import (
    BannerMessage,
    busy_message,
    checking_message,
    claimed_elsewhere_message,
    counted_message,
    error_message,
    finish_first_message,
    internal_error_message,
    invalid_gs1_message,
    layout_mismatch_message,
    no_package_open_message,
    not_verified_message,
    nothing_to_undo_message,
    opened_manual_message,
    opened_message,
    over_scan_message,
    packed_message,
    product_without_package_message,
    put_aside_message,
    ready_message,
    remap_note,
    sscc_message,
    taken_over_message,
    undo_message,
    unknown_code_message,
    unknown_item_message,
    verified_message,
    wrong_item_message,
)
from oms_desktop.ui.packing import (
    ClaimTakenOver,
    OpenedPackage,
    PackageAction,
    PackageHeader,
    PackOutcome,
    ScanLookup,
    complete_open_package,
    lookup_scan,
    open_package,
    release_package,
    renew_claim,
)
from oms_desktop.ui.sounds import SoundCue
from oms_desktop.ui.tasks import DATABASE_ERRORS, ExpectedErrors, TaskRunner

log = logging.getLogger(__name__)

# Scans the recent-scans list keeps.
RECENT_SCANS = 20
# A claim is renewed at a third of its lifetime, so two missed renewals still leave it live.
CLAIM_RENEW_MS = int(CLAIM_TTL.total_seconds() * 1000 / 3)
# Milliseconds a scan may take before the banner shows "Checking…". A normal lookup is
# far quicker, and a banner that flashes for one frame only distracts.
CHECKING_BANNER_DELAY_MS = 150


# Failures of a scan or an action that become a banner rather than a crash dialog.
EXPECTED_ERRORS: ExpectedErrors = (DomainError, *DATABASE_ERRORS)


class _JobCrashed(Exception):
    """Carries a bug out of a job, so the queue moves on after the crash report."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


# Errors after which the open package cannot be completed here any more.
_CLOSING_ERRORS = (OrderCancelled, AlreadyPacked, ClaimTakenOver, ConcurrentUpdate)


@dataclass(frozen=True)
class StationOptions:
    """The settings that decide the packing flow at one station."""

    verify_items: bool = True
    auto_complete: bool = True
    allow_without_verifying: bool = False
    duplicate_window_s: float = 0.030
    scan_prefix: str = ""

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> StationOptions:
        """Build the options from effective setting values (``station_settings``' result)."""
        return cls(
            verify_items=bool(values[VERIFY_ITEMS]),
            auto_complete=bool(values[AUTO_COMPLETE_WHEN_VERIFIED]),
            allow_without_verifying=bool(values[ALLOW_COMPLETE_WITHOUT_VERIFYING]),
            duplicate_window_s=int(values[DUPLICATE_SCAN_WINDOW_MS]) / 1000,
            scan_prefix=str(values[SCANNER_PREFIX]),
        )

    @classmethod
    def defaults(cls) -> StationOptions:
        return cls.from_settings({key: spec.default for key, spec in SETTINGS.items()})


@dataclass(frozen=True)
class Feedback:
    """Banner, sound and recent-scans entry for one scan or action.

    ``message`` None leaves the banner as it is (a repeated read that was ignored).
    ``code`` is the scanned code for the recent-scans list; an empty code (a key press)
    is not listed. ``note`` is a remark shown below the banner until the next scan.
    """

    message: BannerMessage | None
    cue: SoundCue | None
    code: str = ""
    result: str = ""
    note: str = ""

    @property
    def result_text(self) -> str:
        if self.result:
            return self.result
        return self.message.title if self.message is not None else ""

    @property
    def kind(self) -> BannerKind:
        return self.message.kind if self.message is not None else BannerKind.IDLE


class Action(enum.Enum):
    COMPLETE = "complete"
    CANCEL = "cancel"
    UNDO = "undo"
    TAKE_OVER = "take_over"
    SEARCH = "search"
    OPEN = "open"  # open a package chosen in the table; argument: package id
    CONFIRM_UNIT = "confirm_unit"  # count one unit of a line without barcode; argument: key


_COMMAND_ACTIONS = {
    ScanCommand.COMPLETE: Action.COMPLETE,
    ScanCommand.CANCEL: Action.CANCEL,
    ScanCommand.UNDO: Action.UNDO,
    ScanCommand.SEARCH: Action.SEARCH,
}


@dataclass(frozen=True)
class _Scan:
    code: str
    at: float  # time.monotonic() seconds of the read
    prefix_removed: bool


@dataclass(frozen=True)
class _Request:
    action: Action
    argument: Any = None


@dataclass
class OpenPackage:
    """The package open at this station and its verification state."""

    header: PackageHeader
    verification: VerificationSession

    @property
    def package_id(self) -> int:
        return self.header.package_id

    @property
    def has_progress(self) -> bool:
        return any(line.scanned for line in self.verification.lines)


@dataclass(frozen=True)
class TakeOverOffer:
    """A package another station holds; this station may take it over."""

    opened: OpenedPackage
    holder: str | None = None
    expires_at: dt.datetime | None = field(default=None)


class PackingController(QObject):
    """The packing flow of one station; see the module docstring.

    Args:
        sessions: opens a database session per job.
        station: this station's name, written on claims, packings and audit events.
        operator: the person at the station, written on packings and audit events.
        runner: a single-thread TaskRunner shared with the window's other writes.

    Signals:
        feedback(Feedback): a scan or action has an outcome to show and play.
        package_opened(OpenPackage): a package was opened (and claimed) here.
        package_closed(int): the open package was packed, put aside or lost.
        line_changed(str): the line with this key changed count.
        take_over_offered(TakeOverOffer): a package claimed by another station was
            scanned; None withdraws the offer.
        package_packed(PackOutcome): a packing committed.
        scan_failed(object): an expected error (DomainError or database error) stopped a
            scan or a completion; nothing was written.
        rows_changed(list): package ids whose table rows must be read again.
        search_requested(): the packer asked for the search box.
        idle(): the queue of scans and actions is empty and no job is running.
    """

    feedback = Signal(object)
    package_opened = Signal(object)
    package_closed = Signal(int)
    line_changed = Signal(str)
    take_over_offered = Signal(object)
    package_packed = Signal(object)
    scan_failed = Signal(object)
    rows_changed = Signal(list)
    search_requested = Signal()
    idle = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        station: str,
        operator: str = "",
        runner: TaskRunner,
        options: StationOptions | None = None,
        monotonic: Callable[[], float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._station = station
        self._operator = operator
        self._runner = runner
        self._options = options or StationOptions.defaults()
        self._monotonic = monotonic or time.monotonic
        self._open: OpenPackage | None = None
        self._offer: TakeOverOffer | None = None
        self._queue: deque[_Scan | _Request] = deque()
        self._waiting = False
        self._closed = False

        self._renew_timer = QTimer(self)
        self._renew_timer.setInterval(CLAIM_RENEW_MS)
        self._renew_timer.timeout.connect(self._renew)
        # Shows a "Checking…" or "Packing…" banner when a job takes longer than a moment.
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(CHECKING_BANNER_DELAY_MS)
        self._busy_message: BannerMessage | None = None
        self._busy_timer.timeout.connect(self._show_busy)

    # -- state ------------------------------------------------------------------------

    @property
    def options(self) -> StationOptions:
        return self._options

    def set_options(self, options: StationOptions) -> None:
        """Apply new settings from the next scan on; an open package stays open."""
        self._options = options

    @property
    def open_package(self) -> OpenPackage | None:
        return self._open

    @property
    def take_over_offer(self) -> TakeOverOffer | None:
        return self._offer

    def is_busy(self) -> bool:
        return self._waiting or bool(self._queue)

    # -- input ------------------------------------------------------------------------

    def handle_scan(
        self, code: str, at: float | None = None, *, prefix_removed: bool = False
    ) -> None:
        """Queue a scanned (or typed) code; ``at`` is ``time.monotonic()`` of the read.

        ``prefix_removed`` is True when the scanner framing already removed the prefix, so
        it is not removed a second time from a code that happens to start with it.
        """
        if self._closed or not code or code.isspace():
            return
        self._queue.append(_Scan(code, self._monotonic() if at is None else at, prefix_removed))
        self._pump()

    def request(self, action: Action, argument: Any = None) -> None:
        """Queue an action from a key, a button or a command barcode."""
        if self._closed:
            return
        self._queue.append(_Request(action, argument))
        self._pump()

    def shutdown(self) -> None:
        """Stop the timers and give up the claim of the open package; idempotent."""
        if self._closed:
            return
        self._closed = True
        self._queue.clear()
        self._renew_timer.stop()
        self._busy_timer.stop()
        if self._open is not None:
            package_id = self._open.package_id
            self._open = None
            try:
                release_package(self._sessions, package_id, self._station)
            except DATABASE_ERRORS as error:
                # The claim lapses by itself within CLAIM_TTL.
                log.warning("Could not release the claim on package %d: %s", package_id, error)

    # -- the queue ----------------------------------------------------------------------

    def _pump(self) -> None:
        while self._queue and not self._waiting and not self._closed:
            item = self._queue.popleft()
            if isinstance(item, _Scan):
                self._process_scan(item)
            else:
                self._process_request(item)
        if not self._waiting and not self._queue and not self._closed:
            self.idle.emit()

    def _submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        description: str,
    ) -> None:
        self._waiting = True

        def guarded() -> Any:
            try:
                return work()
            except EXPECTED_ERRORS:
                raise
            except Exception as error:
                raise _JobCrashed(error) from error

        def succeeded(result: Any) -> None:
            self._waiting = False
            self._busy_timer.stop()
            on_success(result)
            self._pump()

        def failed(error: BaseException) -> None:
            self._waiting = False
            self._busy_timer.stop()
            if isinstance(error, _JobCrashed):
                # A bug: reported like any other, and the scans queued behind it still run.
                crash.report_exception(error.error, description)
                self._emit(Feedback(internal_error_message(), SoundCue.ERROR))
            else:
                on_failure(error)
            self._pump()

        try:
            self._runner.submit(
                guarded,
                succeeded,
                failed,
                expected=(*EXPECTED_ERRORS, _JobCrashed),
                description=description,
            )
        except RuntimeError:
            # The runner was shut down with the window; nothing will be delivered.
            self._waiting = False
            self._closed = True

    def _emit(self, feedback: Feedback) -> None:
        self.feedback.emit(feedback)

    # -- scans --------------------------------------------------------------------------

    def _process_scan(self, scan: _Scan) -> None:
        if self._count_in_memory(scan):
            return
        options = self._options
        open_now = self._open
        offer = self._offer
        if open_now is not None:
            reference: int | None = open_now.package_id
        elif offer is not None:
            reference = offer.opened.header.package_id
        else:
            reference = None
        if open_now is not None and open_now.has_progress:
            # A package with scanned items stays open until it is completed or put aside.
            action = PackageAction.READ
        elif options.verify_items:
            action = PackageAction.OPEN
        else:
            action = PackageAction.PACK
        settings = ScanSettings(prefix="" if scan.prefix_removed else options.scan_prefix)
        sessions = self._sessions
        station = self._station
        operator = self._operator

        def work() -> ScanLookup:
            return lookup_scan(
                sessions,
                scan.code,
                station=station,
                operator=operator,
                scan_settings=settings,
                current_package_id=reference,
                package_action=action,
                duplicate_window_s=options.duplicate_window_s,
            )

        self._busy_message = checking_message(scan.code)
        self._busy_timer.start()
        self._submit(
            work,
            lambda lookup: self._on_lookup(scan, lookup),
            lambda error: self._on_scan_failed(scan, error),
            f"reading scan {scan.code!r}",
        )

    def _count_in_memory(self, scan: _Scan) -> bool:
        """Count a scan that equals one of the open package's barcodes; True when counted."""
        open_now = self._open
        if open_now is None or self._offer is not None:
            return False
        code = normalise_identifier(scan.code)
        if open_now.verification.line_for(code) is None:
            return False
        outcome = open_now.verification.scan_item(code, scan.at)
        self._apply_item_outcome(open_now, outcome, scan.code)
        return True

    def _show_busy(self) -> None:
        if self._waiting and self._busy_message is not None:
            self._emit(Feedback(self._busy_message, None))

    def _on_lookup(self, scan: _Scan, lookup: ScanLookup) -> None:
        self._busy_timer.stop()
        resolution = lookup.resolution
        note = remap_note(resolution) if resolution.remapped_from is not None else ""
        if lookup.packed is not None:
            self._packed(lookup.packed, scan.code, note)
            return
        if lookup.opened is not None:
            self._opened(lookup.opened, scan.code, note)
            return
        open_now = self._open
        offer = self._offer

        if isinstance(resolution, PackageMatch):
            if open_now is not None and resolution.package_id == open_now.package_id:
                self._complete(scan.code, note)
            elif offer is not None and resolution.package_id == offer.opened.header.package_id:
                self._take_over(scan.code)
            elif open_now is not None:
                message = finish_first_message(open_now.header.number, resolution.package_number)
                self._emit(Feedback(message, SoundCue.ERROR, scan.code, note=note))
            else:
                log.error("Package scan %r was neither opened nor packed", scan.code)
        elif isinstance(resolution, ProductMatch):
            self._product_scanned(scan, lookup, resolution, note)
        elif isinstance(resolution, CommandScan):
            self._process_request(_Request(_COMMAND_ACTIONS[resolution.command]), scan.code)
        elif isinstance(resolution, UnknownScan):
            if open_now is not None:
                message = unknown_item_message(resolution.code or scan.code, open_now.header.number)
            else:
                message = unknown_code_message(
                    resolution.code or scan.code, resolution.layout_suspected
                )
                self.scan_failed.emit(UnknownCode(resolution.code or scan.code))
            self._emit(Feedback(message, SoundCue.ERROR, scan.code, note=note))
        elif isinstance(resolution, AmbiguousScan):
            error = AmbiguousCode(resolution.code, list(resolution.package_numbers))
            self._emit(Feedback(error_message(error, scan.code), SoundCue.ERROR, scan.code))
            self.scan_failed.emit(error)
        elif isinstance(resolution, LayoutMismatch):
            self._emit(Feedback(layout_mismatch_message(resolution), SoundCue.ERROR, scan.code))
        elif isinstance(resolution, InvalidGs1):
            self._emit(Feedback(invalid_gs1_message(resolution), SoundCue.ERROR, scan.code))
        elif isinstance(resolution, SsccScan):
            self._emit(Feedback(sscc_message(resolution), SoundCue.ERROR, scan.code, note=note))
        else:
            log.error("No handling for scan resolution %r", resolution)

    def _product_scanned(
        self, scan: _Scan, lookup: ScanLookup, resolution: ProductMatch, note: str
    ) -> None:
        open_now = self._open
        offer = self._offer
        if offer is not None:
            message = claimed_elsewhere_message(
                offer.opened.header.number, offer.holder, offer.expires_at
            )
            self._emit(Feedback(message, SoundCue.ERROR, scan.code, note=note))
            return
        if open_now is None:
            message = product_without_package_message(
                resolution.barcode, lookup.product_name, lookup.other_package
            )
            self._emit(Feedback(message, SoundCue.ERROR, scan.code, note=note))
            return
        outcome = open_now.verification.scan_item(resolution.barcode, scan.at)
        self._apply_item_outcome(
            open_now, outcome, scan.code, lookup.product_name, lookup.other_package, note
        )

    def _on_scan_failed(self, scan: _Scan, error: BaseException) -> None:
        self._busy_timer.stop()
        self._emit(Feedback(error_message(error, scan.code), SoundCue.ERROR, scan.code))
        self.scan_failed.emit(error)

    def _apply_item_outcome(
        self,
        open_now: OpenPackage,
        outcome: ItemScanOutcome,
        code: str,
        product_name: str | None = None,
        other_package: str | None = None,
        note: str = "",
    ) -> None:
        number = open_now.header.number
        verification = open_now.verification
        if outcome.line is not None:
            self.line_changed.emit(outcome.line.key)
        kind = outcome.kind
        if kind is ItemScanKind.DUPLICATE:
            log.debug("Repeated read of %s within the duplicate window ignored", outcome.barcode)
            result = QCoreApplication.translate("PackingController", "Repeated read ignored")
            self._emit(Feedback(None, None, code, result=result))
            return
        if kind is ItemScanKind.WRONG_ITEM:
            message = wrong_item_message(outcome.barcode, product_name, number, other_package)
            self._emit(Feedback(message, SoundCue.WRONG_ITEM, code, note=note))
            return
        if kind is ItemScanKind.OVER_SCAN:
            assert outcome.line is not None
            message = over_scan_message(outcome.line, number)
            self._emit(Feedback(message, SoundCue.WRONG_ITEM, code, note=note))
            return
        remaining = verification.remaining
        counted = counted_message(outcome, remaining)
        result = f"{counted.title} ({outcome.scanned}/{outcome.ordered})"
        if kind is ItemScanKind.COMPLETED and self._options.auto_complete:
            # The packed cue follows at once; a success cue here would clash with it.
            self._emit(Feedback(counted, None, code, result=result, note=note))
            self._complete("", "")
            return
        if kind is ItemScanKind.COMPLETED:
            message = verified_message(open_now.header)
            self._emit(Feedback(message, SoundCue.SUCCESS, code, result=result, note=note))
            return
        self._emit(Feedback(counted, SoundCue.SUCCESS, code, result=result, note=note))

    # -- actions ------------------------------------------------------------------------

    def _process_request(self, request: _Request, code: str = "") -> None:
        action = request.action
        if action is Action.COMPLETE:
            self._complete(code, "")
        elif action is Action.CANCEL:
            self._cancel(code)
        elif action is Action.UNDO:
            self._undo(code)
        elif action is Action.TAKE_OVER:
            self._take_over(code)
        elif action is Action.SEARCH:
            self.search_requested.emit()
        elif action is Action.OPEN:
            self._open_by_id(int(request.argument))
        elif action is Action.CONFIRM_UNIT:
            self._confirm_unit(str(request.argument))

    def _complete(self, code: str, note: str) -> None:
        open_now = self._open
        if open_now is None:
            if self._offer is not None:
                offer = self._offer
                message = claimed_elsewhere_message(
                    offer.opened.header.number, offer.holder, offer.expires_at
                )
            else:
                message = no_package_open_message()
            self._emit(Feedback(message, SoundCue.ERROR, code))
            return
        verification = open_now.verification
        lines: Sequence[VerificationLine] = ()
        if not verification.is_complete:
            if not self._options.allow_without_verifying:
                message = not_verified_message(
                    verification.lines, open_now.header.number, verification.remaining
                )
                self._emit(Feedback(message, SoundCue.ERROR, code, note=note))
                return
            lines = verification.lines
        number = open_now.header.number
        self._busy_message = busy_message(number)
        self._busy_timer.start()
        sessions = self._sessions
        station = self._station
        operator = self._operator
        package_id = open_now.package_id
        self._submit(
            lambda: complete_open_package(
                sessions, package_id, station, operator=operator, lines=lines
            ),
            lambda outcome: self._packed(outcome, code, note),
            lambda error: self._complete_failed(open_now, error, code),
            f"completing {number}",
        )

    def _packed(self, outcome: PackOutcome, code: str, note: str) -> None:
        package_id = outcome.result.package_id
        if self._open is not None and self._open.package_id == package_id:
            self._close_open()
        # A completion by key or after the last item is listed under the package number.
        listed = code or outcome.result.package_number
        self._emit(Feedback(packed_message(outcome), SoundCue.PACKED, listed, note=note))
        self.rows_changed.emit([package_id])
        self.package_packed.emit(outcome)

    def _complete_failed(self, open_then: OpenPackage, error: BaseException, code: str) -> None:
        self._emit(Feedback(error_message(error, open_then.header.number), SoundCue.ERROR, code))
        self.scan_failed.emit(error)
        if isinstance(error, _CLOSING_ERRORS) and self._open is open_then:
            self._close_open()
            self._release(open_then.package_id)
        self.rows_changed.emit([open_then.package_id])

    def _cancel(self, code: str) -> None:
        if self._offer is not None:
            self._offer = None
            self.take_over_offered.emit(None)
            if self._open is None:
                self._emit(Feedback(ready_message(), None, code))
                return
        open_now = self._open
        if open_now is None:
            self._emit(Feedback(no_package_open_message(), SoundCue.ERROR, code))
            return
        self._close_open()
        self._release(open_now.package_id)
        self._emit(Feedback(put_aside_message(open_now.header.number), None, code))

    def _undo(self, code: str) -> None:
        open_now = self._open
        if open_now is None:
            self._emit(Feedback(no_package_open_message(), SoundCue.ERROR, code))
            return
        line = open_now.verification.undo_last()
        if line is None:
            self._emit(Feedback(nothing_to_undo_message(), SoundCue.ERROR, code))
            return
        self.line_changed.emit(line.key)
        self._emit(Feedback(undo_message(line), None, code))

    def _confirm_unit(self, key: str) -> None:
        open_now = self._open
        if open_now is None:
            self._emit(Feedback(no_package_open_message(), SoundCue.ERROR))
            return
        try:
            outcome = open_now.verification.confirm_unit(key)
        except KeyError:
            log.warning("No line %r in package %s to confirm", key, open_now.header.number)
            return
        self._apply_item_outcome(open_now, outcome, "")

    def _open_by_id(self, package_id: int) -> None:
        open_now = self._open
        if open_now is not None and open_now.package_id == package_id:
            return
        if open_now is not None and open_now.has_progress:
            self._emit(Feedback(finish_first_message(open_now.header.number, "…"), SoundCue.ERROR))
            return
        self._open_job(package_id, take_over=False, code="")

    def _take_over(self, code: str) -> None:
        offer = self._offer
        if offer is None:
            return
        self._open_job(offer.opened.header.package_id, take_over=True, code=code)

    def _open_job(self, package_id: int, *, take_over: bool, code: str) -> None:
        sessions = self._sessions
        station = self._station
        operator = self._operator
        window = self._options.duplicate_window_s
        self._submit(
            lambda: open_package(
                sessions,
                package_id,
                station,
                operator=operator,
                take_over=take_over,
                duplicate_window_s=window,
            ),
            lambda opened: self._opened(opened, code, ""),
            lambda error: self._on_open_failed(error, code),
            f"opening package {package_id}",
        )

    def _on_open_failed(self, error: BaseException, code: str) -> None:
        self._emit(Feedback(error_message(error, code), SoundCue.ERROR, code))
        self.scan_failed.emit(error)

    def _opened(self, opened: OpenedPackage, code: str, note: str) -> None:
        header = opened.header
        if not opened.claim.claimed:
            self._offer = TakeOverOffer(opened, opened.claim.holder, opened.claim.expires_at)
            message = claimed_elsewhere_message(
                header.number, opened.claim.holder, opened.claim.expires_at
            )
            self._emit(Feedback(message, SoundCue.ERROR, code, note=note))
            self.take_over_offered.emit(self._offer)
            return
        previous = self._open
        if previous is not None and previous.package_id != header.package_id:
            self._close_open()
            self._release(previous.package_id)
        if self._offer is not None:
            self._offer = None
            self.take_over_offered.emit(None)
        self._open = OpenPackage(header, opened.verification)
        self._renew_timer.start()
        self.package_opened.emit(self._open)
        self.rows_changed.emit([header.package_id])
        verification = opened.verification
        if verification.is_complete and self._options.auto_complete:
            # Nothing to scan (every item was cancelled, say): complete at once.
            self._complete(code, note)
            return
        if self._options.auto_complete:
            message = opened_message(header, verification.remaining)
        else:
            message = opened_manual_message(header, verification.remaining)
        self._emit(Feedback(message, SoundCue.SUCCESS, code, note=note))

    def _close_open(self) -> None:
        open_now = self._open
        if open_now is None:
            return
        self._open = None
        self._renew_timer.stop()
        self.package_closed.emit(open_now.package_id)

    def _release(self, package_id: int) -> None:
        sessions = self._sessions
        station = self._station

        def released(_: None) -> None:
            self.rows_changed.emit([package_id])

        def failed(error: BaseException) -> None:
            log.warning("Could not release the claim on package %d: %s", package_id, error)

        try:
            self._runner.submit(
                lambda: release_package(sessions, package_id, station),
                released,
                failed,
                expected=DATABASE_ERRORS,
                description=f"releasing package {package_id}",
            )
        except RuntimeError:
            log.debug("Runner closed; the claim on package %d lapses by itself", package_id)

    def renew_claim(self) -> None:
        """Extend the claim on the open package now; the timer does it every CLAIM_RENEW_MS."""
        self._renew()

    def _renew(self) -> None:
        open_now = self._open
        if open_now is None:
            self._renew_timer.stop()
            return
        sessions = self._sessions
        station = self._station
        package_id = open_now.package_id

        def renewed(result: Any) -> None:
            if result.claimed or self._open is not open_now:
                return
            holder = result.holder or "?"
            log.warning("Package %s was taken over by station %s", open_now.header.number, holder)
            self._close_open()
            message = taken_over_message(open_now.header.number, holder)
            self._emit(Feedback(message, SoundCue.ERROR))
            self.rows_changed.emit([package_id])

        def failed(error: BaseException) -> None:
            log.warning("Renewing the claim on %s failed: %s", open_now.header.number, error)

        try:
            self._runner.submit(
                lambda: renew_claim(sessions, package_id, station),
                renewed,
                failed,
                expected=DATABASE_ERRORS,
                description=f"renewing the claim on {open_now.header.number}",
            )
        except RuntimeError:
            self._renew_timer.stop()


# -- models -------------------------------------------------------------------------------

# Row colours of the item table: every unit scanned, some scanned. Light enough for the
# dark default text to keep a 4.5:1 contrast.
LINE_DONE_COLOUR = QColor("#c8e6c9")
LINE_PARTIAL_COLOUR = QColor("#fff3c4")


class ItemsTableModel(QAbstractTableModel):
    """The open package's products: name, SKU, barcode, ordered and scanned quantity."""

    COLUMN_PRODUCT = 0
    COLUMN_SKU = 1
    COLUMN_BARCODE = 2
    COLUMN_ORDERED = 3
    COLUMN_SCANNED = 4
    COLUMN_COUNT = 5

    LINE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._verification: VerificationSession | None = None
        self._lines: list[VerificationLine] = []

    def set_verification(self, verification: VerificationSession | None) -> None:
        self.beginResetModel()
        self._verification = verification
        self._lines = list(verification.lines) if verification is not None else []
        self.endResetModel()

    def refresh_line(self, key: str) -> int | None:
        """Re-read the line ``key`` from the session; return its row."""
        if self._verification is None:
            return None
        self._lines = list(self._verification.lines)
        for row, line in enumerate(self._lines):
            if line.key == key:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMN_COUNT - 1))
                return row
        return None

    def line_at(self, row: int) -> VerificationLine:
        return self._lines[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        labels = {
            self.COLUMN_PRODUCT: QCoreApplication.translate("ItemsTableModel", "Product"),
            self.COLUMN_SKU: QCoreApplication.translate("ItemsTableModel", "SKU"),
            self.COLUMN_BARCODE: QCoreApplication.translate("ItemsTableModel", "Barcode"),
            #: Column header: units of the product in the package.
            self.COLUMN_ORDERED: QCoreApplication.translate("ItemsTableModel", "Ordered"),
            #: Column header: units of the product scanned so far.
            self.COLUMN_SCANNED: QCoreApplication.translate("ItemsTableModel", "Scanned"),
        }
        return labels.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_PRODUCT:
                return line.product_name
            if column == self.COLUMN_SKU:
                return line.sku
            if column == self.COLUMN_BARCODE:
                if line.needs_manual_check:
                    #: Shown for a product without barcode; F6 counts one unit of it.
                    return QCoreApplication.translate("ItemsTableModel", "no barcode: F6")
                return line.barcode
            if column == self.COLUMN_ORDERED:
                return line.ordered
            if column == self.COLUMN_SCANNED:
                return line.scanned
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.is_full:
                return LINE_DONE_COLOUR
            if line.scanned:
                return LINE_PARTIAL_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COLUMN_ORDERED,
            self.COLUMN_SCANNED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.LINE_KEY_ROLE:
            return line.key
        return None


@dataclass(frozen=True)
class ScanRecord:
    at: dt.datetime
    code: str
    result: str
    kind: BannerKind


# Text colours of the recent-scans list by outcome, readable on white and on the
# alternate row colour.
_RECORD_COLOURS = {
    BannerKind.SUCCESS: QColor("#1b5e20"),
    BannerKind.FAILURE: QColor("#b71c1c"),
    BannerKind.WARNING: QColor("#8a5a00"),
}


class RecentScansModel(QAbstractTableModel):
    """The last ``limit`` scans, newest first: time, code and result."""

    COLUMN_TIME = 0
    COLUMN_CODE = 1
    COLUMN_RESULT = 2
    COLUMN_COUNT = 3

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        limit: int = RECENT_SCANS,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._limit = limit
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._records: list[ScanRecord] = []

    def add(self, code: str, result: str, kind: BannerKind) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._records.insert(0, ScanRecord(self._clock(), code, result, kind))
        self.endInsertRows()
        if len(self._records) > self._limit:
            self.beginRemoveRows(QModelIndex(), self._limit, len(self._records) - 1)
            del self._records[self._limit :]
            self.endRemoveRows()

    def records(self) -> list[ScanRecord]:
        return list(self._records)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        labels = {
            self.COLUMN_TIME: QCoreApplication.translate("RecentScansModel", "Time"),
            self.COLUMN_CODE: QCoreApplication.translate("RecentScansModel", "Code"),
            self.COLUMN_RESULT: QCoreApplication.translate("RecentScansModel", "Result"),
        }
        return labels.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.COLUMN_TIME:
                return format_clock(record.at)
            if column == self.COLUMN_CODE:
                return record.code
            if column == self.COLUMN_RESULT:
                return record.result
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_RESULT:
            return _RECORD_COLOURS.get(record.kind)
        return None


# -- the panel -------------------------------------------------------------------------


class VerifyPanel(QFrame):
    """The open package at a glance: header, progress, items and the packer's buttons.

    The buttons take no keyboard focus, so clicking one leaves the focus where the
    scanner and the packer expect it. Each has a window shortcut of its own.

    Signals:
        complete_clicked(), undo_clicked(), cancel_clicked(), take_over_clicked(),
        confirm_clicked(str): the packer pressed a button (the argument is a line key).
    """

    complete_clicked = Signal()
    undo_clicked = Signal()
    cancel_clicked = Signal()
    take_over_clicked = Signal()
    confirm_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._open: OpenPackage | None = None

        self.title = QLabel(self)
        self.title.setObjectName("verifyTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.6)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.details.setObjectName("verifyDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.claim_warning = QLabel(self)
        self.claim_warning.setObjectName("claimWarning")
        self.claim_warning.setWordWrap(True)
        self.claim_warning.setStyleSheet(
            "QLabel#claimWarning { background: #ffb300; color: #1a1a1a; padding: 6px;"
            " border-radius: 4px; font-weight: bold; }"
        )
        self.claim_warning.hide()

        self.progress = QProgressBar(self)
        self.progress.setObjectName("verifyProgress")
        self.progress.setTextVisible(True)
        progress_font = QFont(self.progress.font())
        progress_font.setPointSizeF(max(progress_font.pointSizeF(), 9.0) * 1.2)
        self.progress.setFont(progress_font)

        self.items = ItemsTableModel(self)
        self.items_view = QTableView(self)
        self.items_view.setObjectName("itemsTable")
        self.items_view.setModel(self.items)
        self.items_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items_view.verticalHeader().hide()
        items_font = QFont(self.items_view.font())
        items_font.setPointSizeF(max(items_font.pointSizeF(), 9.0) * 1.15)
        self.items_view.setFont(items_font)
        self.items_view.verticalHeader().setDefaultSectionSize(
            int(self.items_view.fontMetrics().height() * 1.7)
        )
        header = self.items_view.horizontalHeader()
        header.setSectionResizeMode(ItemsTableModel.COLUMN_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in (
            ItemsTableModel.COLUMN_SKU,
            ItemsTableModel.COLUMN_BARCODE,
            ItemsTableModel.COLUMN_ORDERED,
            ItemsTableModel.COLUMN_SCANNED,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        #: Button of the packing panel; F2 does the same.
        self.complete_button = self._button(self.tr("Complete (F2)"), "verifyComplete")
        self.complete_button.setToolTip(
            self.tr("Complete packaging of the open package (F2 or Ctrl+Enter)")
        )
        self.complete_button.clicked.connect(self.complete_clicked)
        self.undo_button = self._button(self.tr("Undo last item (Ctrl+Z)"), "verifyUndo")
        self.undo_button.setToolTip(self.tr("Take back the last item scan (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_clicked)
        self.cancel_button = self._button(self.tr("Put aside (Esc)"), "verifyCancel")
        self.cancel_button.setToolTip(
            self.tr("Close the package without packing it; nothing is written (Esc)")
        )
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.take_over_button = self._button(self.tr("Take over (F4)"), "verifyTakeOver")
        self.take_over_button.setToolTip(
            self.tr("Pack this package here; the other station loses it (F4)")
        )
        self.take_over_button.clicked.connect(self.take_over_clicked)
        self.confirm_button = self._button(
            self.tr("Count item without barcode (F6)"), "verifyConfirm"
        )
        self.confirm_button.setToolTip(
            self.tr("Count one unit of the selected product that has no barcode (F6)")
        )
        self.confirm_button.clicked.connect(self._on_confirm_clicked)

        buttons = QHBoxLayout()
        for button in (
            self.complete_button,
            self.undo_button,
            self.confirm_button,
            self.take_over_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.claim_warning)
        layout.addWidget(self.progress)
        layout.addWidget(self.items_view, 1)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_nothing()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        return button

    @property
    def open_package(self) -> OpenPackage | None:
        return self._open

    def show_nothing(self) -> None:
        """Show that no package is open; the buttons are disabled."""
        self._open = None
        self.items.set_verification(None)
        #: Title of the packing panel while no package is open.
        self.title.setText(self.tr("No package open"))
        self.details.setText(
            self.tr("Scan a package number, order number or tracking number to open it here.")
        )
        self.claim_warning.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.take_over_button.hide()
        self.confirm_button.hide()
        self.complete_button.setEnabled(False)
        self.undo_button.setEnabled(False)
        self.cancel_button.setEnabled(False)

    def show_package(self, open_package: OpenPackage) -> None:
        self._open = open_package
        self.claim_warning.hide()
        self._set_header(open_package.header)
        self.items.set_verification(open_package.verification)
        self._set_buttons(offer=False)
        self._update_progress()

    def show_offer(self, offer: TakeOverOffer) -> None:
        """Show a package another station holds, read-only, with the Take over button."""
        self._open = None
        header = offer.opened.header
        self._set_header(header)
        self.items.set_verification(offer.opened.verification)
        holder = offer.holder or "?"
        #: %1 is another station's name.
        self.claim_warning.setText(
            self.tr(
                "Being packed at station %1. Scan the package again or press Take over (F4) "
                "to pack it here."
            ).replace("%1", holder)
        )
        self.claim_warning.show()
        self._set_buttons(offer=True)
        self.progress.setRange(
            0, max(1, sum(line.ordered for line in offer.opened.verification.lines))
        )
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Not opened here"))

    def refresh_line(self, key: str) -> None:
        row = self.items.refresh_line(key)
        if row is not None:
            index = self.items.index(row, 0)
            self.items_view.selectRow(row)
            self.items_view.scrollTo(index)
        self._update_progress()

    def _set_header(self, header: PackageHeader) -> None:
        self.title.setText(header.number)
        parts = [
            #: %1 is the order number.
            self.tr("Order %1").replace("%1", header.order_number),
            header.channel,
        ]
        if header.cargo_company:
            parts.append(header.cargo_company)
        if header.tracking_number:
            #: %1 is the tracking number.
            parts.append(self.tr("Tracking %1").replace("%1", header.tracking_number))
        self.details.setText(" · ".join(parts))

    def _set_buttons(self, *, offer: bool) -> None:
        self.cancel_button.setEnabled(True)
        self.take_over_button.setVisible(offer)
        self.complete_button.setEnabled(not offer)
        self.undo_button.setEnabled(not offer)
        manual = any(line.needs_manual_check for line in self.items_lines())
        self.confirm_button.setVisible(manual and not offer)

    def items_lines(self) -> list[VerificationLine]:
        return [self.items.line_at(row) for row in range(self.items.rowCount())]

    def _update_progress(self) -> None:
        open_package = self._open
        if open_package is None:
            return
        lines = open_package.verification.lines
        total = sum(line.ordered for line in lines)
        done = sum(min(line.scanned, line.ordered) for line in lines)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)
        #: Progress of the open package; %1 units scanned, %2 units in the package.
        self.progress.setFormat(
            self.tr("%1 of %2 items scanned").replace("%1", str(done)).replace("%2", str(total))
        )

    def selected_manual_line(self) -> str | None:
        """Return the key of the selected product without barcode, else the first unfilled one."""
        rows = self.items_view.selectionModel().selectedRows()
        if rows:
            line = self.items.line_at(rows[0].row())
            if line.needs_manual_check:
                return line.key
        for line in self.items_lines():
            if line.needs_manual_check and not line.is_full:
                return line.key
        return None

    def _on_confirm_clicked(self) -> None:
        key = self.selected_manual_line()
        if key is not None:
            self.confirm_clicked.emit(key)
