"""Scan-to-verify: the packer scans every item of one open package before completing it.

``VerificationSession.load`` reads the package once; from then on the state lives in
memory and every call is plain logic, so the window handles a scan without a database
round trip. Claiming the package against other stations is done elsewhere.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core.errors import ConcurrentUpdate
from oms_desktop.core.models import OrderItem, Package, PackageItem
from oms_desktop.core.statuses import OmnitronStatus, PackageStatus
from oms_desktop.core.textfold import normalise_identifier

# Seconds within which a repeat of the same barcode counts as the same read. A scanner
# can report one trigger pull twice a few milliseconds apart. A packer who scans the next
# unit of the same product takes a few hundred milliseconds (an estimate, not measured).
DEFAULT_DUPLICATE_WINDOW_S = 0.030

_MANUAL_KEY_PREFIX = "sku:"


@dataclass(frozen=True)
class VerificationLine:
    """One product of the package: all its units share a barcode (or, without one, a SKU)."""

    # The barcode, or "sku:<SKU>" for items without a barcode; unique within the session.
    key: str
    barcode: str
    product_name: str
    sku: str
    ordered: int
    scanned: int = 0

    @property
    def remaining(self) -> int:
        return self.ordered - self.scanned

    @property
    def is_full(self) -> bool:
        return self.scanned >= self.ordered

    @property
    def needs_manual_check(self) -> bool:
        """True for items without a barcode: the packer confirms them with ``confirm_unit``."""
        return not self.barcode


class ItemScanKind(enum.Enum):
    COUNTED = "counted"  # one more unit verified; the package is not complete yet
    COMPLETED = "completed"  # the last unit verified: every line is full
    WRONG_ITEM = "wrong_item"  # the barcode is not in this package
    OVER_SCAN = "over_scan"  # every ordered unit of this product is already verified
    DUPLICATE = "duplicate"  # a repeat of the previous read within the duplicate window


@dataclass(frozen=True)
class ItemScanOutcome:
    kind: ItemScanKind
    barcode: str
    # The line after this scan; None when the barcode is in no line (WRONG_ITEM, or a
    # duplicate of a wrong item).
    line: VerificationLine | None

    @property
    def counted(self) -> bool:
        return self.kind in (ItemScanKind.COUNTED, ItemScanKind.COMPLETED)

    @property
    def is_error(self) -> bool:
        """True for the outcomes the packer must act on (wrong item, one unit too many)."""
        return self.kind in (ItemScanKind.WRONG_ITEM, ItemScanKind.OVER_SCAN)

    @property
    def scanned(self) -> int:
        return self.line.scanned if self.line is not None else 0

    @property
    def ordered(self) -> int:
        return self.line.ordered if self.line is not None else 0

    @property
    def message(self) -> str:
        """An English sentence for logs; the window words its own."""
        line = self.line
        if self.kind is ItemScanKind.WRONG_ITEM:
            return f"barcode {self.barcode} is not in this package"
        if line is None:
            return f"repeated read of barcode {self.barcode} ignored"
        product = f"{line.product_name} ({line.barcode or line.sku})"
        if self.kind is ItemScanKind.OVER_SCAN:
            return f"{product}: all {line.ordered} ordered units are already verified"
        if self.kind is ItemScanKind.DUPLICATE:
            return f"{product}: repeated read ignored"
        if self.kind is ItemScanKind.COMPLETED:
            return f"{product}: {line.scanned} of {line.ordered}; every item is verified"
        return f"{product}: {line.scanned} of {line.ordered}"


class VerificationSession:
    """The verification state of one open package, kept in memory."""

    def __init__(
        self,
        package_id: int,
        package_number: str,
        lines: Sequence[VerificationLine],
        *,
        duplicate_window_s: float = DEFAULT_DUPLICATE_WINDOW_S,
    ) -> None:
        self.package_id = package_id
        self.package_number = package_number
        self.duplicate_window_s = duplicate_window_s
        self._lines: dict[str, VerificationLine] = {}
        for line in lines:
            if line.key in self._lines:
                raise ValueError(f"two lines share the key {line.key!r}")
            self._lines[line.key] = line
        # Keys of the lines that gained a unit, newest last, for undo_last.
        self._history: list[str] = []
        # The previous read (barcode, monotonic seconds), for duplicate detection.
        self._last_read: tuple[str, float] | None = None

    @classmethod
    def load(
        cls,
        session: Session,
        package_id: int,
        *,
        duplicate_window_s: float = DEFAULT_DUPLICATE_WINDOW_S,
    ) -> VerificationSession:
        """Read the package's items: one line per distinct barcode, nothing scanned yet.

        Cancelled items (package item cancelled, or order item cancelled in Omnitron) are
        left out: they do not go in the box.

        Raises:
            ConcurrentUpdate: the package no longer exists.
        """
        package = session.get(Package, package_id)
        if package is None:
            raise ConcurrentUpdate(str(package_id))
        rows = session.execute(
            select(PackageItem.status, OrderItem)
            .join(OrderItem, PackageItem.order_item_id == OrderItem.id)
            .where(PackageItem.package_id == package_id)
            .order_by(PackageItem.id)
        ).all()

        cancelled_in_omnitron = {
            OmnitronStatus.CANCELLED.value,
            OmnitronStatus.CANCELLATION_WAITING.value,
        }
        lines: dict[str, VerificationLine] = {}
        for item_status, item in rows:
            if item_status == PackageStatus.CANCELLED.value:
                continue
            if item.omnitron_status in cancelled_in_omnitron:
                continue
            barcode = normalise_identifier(item.barcode)
            key = barcode or _MANUAL_KEY_PREFIX + item.sku
            line = lines.get(key)
            if line is None:
                lines[key] = VerificationLine(
                    key=key,
                    barcode=barcode,
                    product_name=item.product_name,
                    sku=item.sku,
                    ordered=1,
                )
            else:
                lines[key] = replace(line, ordered=line.ordered + 1)
        return cls(
            package.id,
            package.number,
            list(lines.values()),
            duplicate_window_s=duplicate_window_s,
        )

    @property
    def lines(self) -> tuple[VerificationLine, ...]:
        """The lines in package order, as they stand now."""
        return tuple(self._lines.values())

    @property
    def remaining(self) -> int:
        """Units still to verify, over all lines."""
        return sum(max(line.remaining, 0) for line in self._lines.values())

    @property
    def is_complete(self) -> bool:
        return all(line.is_full for line in self._lines.values())

    def line_for(self, barcode: str) -> VerificationLine | None:
        """Return the line whose barcode equals ``barcode`` exactly, after trimming."""
        code = normalise_identifier(barcode)
        line = self._lines.get(code)
        # The key of a line without a barcode is "sku:...", which no scan may match.
        if line is None or line.barcode != code or not code:
            return None
        return line

    def scan_item(self, barcode: str, at: float) -> ItemScanOutcome:
        """Count one scanned unit of ``barcode``; ``at`` is ``time.monotonic()`` of the read.

        A read of the same barcode as the previous read less than ``duplicate_window_s``
        after it is one trigger pull reported twice: it is ignored (DUPLICATE). The window
        runs from the previous read, so a scanner repeating itself every few milliseconds
        still counts once.
        """
        code = normalise_identifier(barcode)
        previous = self._last_read
        self._last_read = (code, at)
        line = self.line_for(code)

        if (
            previous is not None
            and previous[0] == code
            and 0 <= at - previous[1] < self.duplicate_window_s
        ):
            return ItemScanOutcome(ItemScanKind.DUPLICATE, code, line)
        if line is None:
            return ItemScanOutcome(ItemScanKind.WRONG_ITEM, code, None)
        return self._add_unit(line, code)

    def confirm_unit(self, key: str) -> ItemScanOutcome:
        """Count one unit of the line ``key`` without a scan, for items that have no barcode.

        Raises:
            KeyError: no line has this key.
        """
        line = self._lines[key]
        self._last_read = None
        return self._add_unit(line, line.barcode)

    def undo_last(self) -> VerificationLine | None:
        """Take back the last counted unit; return its line as it is now, or None if none."""
        self._last_read = None
        if not self._history:
            return None
        key = self._history.pop()
        line = self._lines[key]
        updated = replace(line, scanned=line.scanned - 1)
        self._lines[key] = updated
        return updated

    def _add_unit(self, line: VerificationLine, code: str) -> ItemScanOutcome:
        if line.is_full:
            return ItemScanOutcome(ItemScanKind.OVER_SCAN, code, line)
        updated = replace(line, scanned=line.scanned + 1)
        self._lines[line.key] = updated
        self._history.append(line.key)
        kind = ItemScanKind.COMPLETED if self.is_complete else ItemScanKind.COUNTED
        return ItemScanOutcome(kind, code, updated)


def find_other_waiting_package(
    session: Session, barcode: str, exclude_package_id: int
) -> str | None:
    """Return the number of another package still to pack that contains ``barcode``.

    "Still to pack" means waiting, preparing or ready to pack; cancelled items do not
    count. Of several packages the oldest (lowest id) is returned, so the packer hears
    of the one that has waited longest.
    """
    code = normalise_identifier(barcode)
    if not code:
        return None
    statement = (
        select(Package.number)
        .join(PackageItem, PackageItem.package_id == Package.id)
        .join(OrderItem, PackageItem.order_item_id == OrderItem.id)
        .where(
            OrderItem.barcode == code,
            Package.id != exclude_package_id,
            Package.status_code <= PackageStatus.READY_TO_PACK.code,
            PackageItem.status != PackageStatus.CANCELLED.value,
        )
        .order_by(Package.id)
        .limit(1)
    )
    return session.scalar(statement)
