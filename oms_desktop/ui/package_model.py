"""The package table: a Qt model over core query rows, paged by keyset and updated in place.

Rows are fetched in pages ordered by package id (keyset pagination: "id above the
last one seen"), only when the view requests them through canFetchMore/fetchMore, so a
database with 100,000 packages never sits in memory whole. Every query runs on one
background thread (a TaskRunner with a single thread); jobs run and deliver in
submission order, so a later result always reflects a later database state.

``update_rows`` re-reads given packages and changes only their rows: dataChanged for a
changed row, an insert for a row that newly matches the status filter, a removal for
one that no longer does. Nothing resets, so selection and scroll position survive.

A package that another station opened for verification carries a claim; the claim
column says "Being packed at station X" until the claim lapses, and a timer clears the
text at the expiry even when no change arrives.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import logging
from collections.abc import Callable, Iterable, Sequence
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
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.queries import PackageRow, list_packages, list_packages_after
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.labels import (
    format_age,
    format_clock,
    format_moment,
    shipment_status_label,
    status_label,
)
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 500
# Ids per query when re-reading changed packages; well below every backend's
# bound-parameter limit.
UPDATE_BATCH_SIZE = 500
RETRY_DELAY_MS = 3000
AGE_REFRESH_MS = 60_000
# Milliseconds added to a claim's expiry before the cell is redrawn, so the redraw never
# lands a moment before the claim is over.
CLAIM_EXPIRY_SLACK_MS = 50

Index = QModelIndex | QPersistentModelIndex
# Text colour of the claim column: the purple of the claim marker on the status badge,
# dark enough for 4.5:1 contrast on white and on the alternate row colour.
CLAIM_TEXT_COLOUR = QColor("#6a1b9a")


class StatusFilter(enum.Enum):
    """Status group the table lists."""

    OPEN = "open"  # the work queue: everything except delivered
    WAITING = "waiting"  # not packed yet
    IN_TRANSIT = "in_transit"  # packed, with the carrier, delivery attempted
    CANCELLED = "cancelled"
    ALL = "all"


FILTER_STATUSES: dict[StatusFilter, frozenset[PackageStatus] | None] = {
    StatusFilter.OPEN: frozenset(set(PackageStatus) - {PackageStatus.DELIVERED}),
    StatusFilter.WAITING: frozenset(
        {
            PackageStatus.WAITING,
            PackageStatus.PREPARING,
            PackageStatus.READY_TO_PACK,
            PackageStatus.OUT_OF_STOCK,
        }
    ),
    StatusFilter.IN_TRANSIT: frozenset(
        {PackageStatus.PACKED, PackageStatus.SHIPPED, PackageStatus.ATTEMPTED_DELIVERY}
    ),
    StatusFilter.CANCELLED: frozenset({PackageStatus.CANCELLED}),
    StatusFilter.ALL: None,
}


class PackageTableModel(QAbstractTableModel):
    """Packages as table rows, loaded page by page off the GUI thread.

    Signals:
        page_loaded(int): a page arrived; the number of rows it added.
        rows_updated(list): the given package ids were re-read and applied.
        load_failed(str): a query failed because the database is busy or unreachable;
            the argument is the database's message. The model retries by itself.
    """

    COLUMN_NUMBER = 0
    COLUMN_ORDER = 1
    COLUMN_CHANNEL = 2
    COLUMN_CARGO = 3
    COLUMN_ITEMS = 4
    COLUMN_AGE = 5
    COLUMN_STATUS = 6
    COLUMN_TRACKING = 7
    COLUMN_SHIPMENT = 8
    COLUMN_CLAIM = 9
    COLUMN_COUNT = 10

    PACKAGE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2
    STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
    # The station holding a live claim on a package that is still to be packed, or None.
    CLAIM_ROLE = Qt.ItemDataRole.UserRole + 4

    page_loaded = Signal(int)
    rows_updated = Signal(list)
    load_failed = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        status_filter: StatusFilter = StatusFilter.OPEN,
        page_size: int = DEFAULT_PAGE_SIZE,
        runner: TaskRunner | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, got {page_size}")
        self._sessions = sessions
        self._page_size = page_size
        self._runner = runner or TaskRunner(self, max_threads=1)
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._now = self._clock()
        self._filter = status_filter
        self._statuses = FILTER_STATUSES[status_filter]

        self._rows: list[PackageRow] = []
        self._ids: list[int] = []  # sorted ascending, parallel to _rows
        self._cursor = 0  # highest id any page returned: the keyset for the next page
        self._has_more = True
        self._fetching = False
        # Bumped on every reset; a result submitted under an older generation is dropped.
        self._generation = 0
        self._retry_ids: set[int] = set()
        self._retry_page = False
        self._closed = False

        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_DELAY_MS)
        self._retry_timer.timeout.connect(self._retry)

        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self.refresh_ages)
        self._age_timer.start()

        # Expiry of every loaded row's live claim, by package id.
        self._claim_expiries: dict[int, dt.datetime] = {}
        self._claim_timer = QTimer(self)
        self._claim_timer.setSingleShot(True)
        self._claim_timer.timeout.connect(self._expire_claims)

    # -- state -----------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        return self._runner

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def status_filter(self) -> StatusFilter:
        return self._filter

    def shutdown(self) -> None:
        """Stop the timers and the query thread; later requests are ignored."""
        self._closed = True
        self._retry_timer.stop()
        self._age_timer.stop()
        self._claim_timer.stop()
        self._runner.shutdown()

    def is_busy(self) -> bool:
        """Tell whether a query of this model is still running or waiting to deliver."""
        return not self._runner.is_idle()

    def package_at(self, row: int) -> PackageRow:
        return self._rows[row]

    def row_of(self, package_id: int) -> int | None:
        """Return the row showing ``package_id``, or None when it is not loaded."""
        position = bisect.bisect_left(self._ids, package_id)
        if position < len(self._ids) and self._ids[position] == package_id:
            return position
        return None

    def find_package_id(self, number: str) -> int | None:
        """Return the id of the loaded package numbered ``number``; a linear search."""
        for row in self._rows:
            if row.number == number:
                return row.id
        return None

    def loaded_ids(self) -> list[int]:
        return list(self._ids)

    def matches(self, row: PackageRow) -> bool:
        """Tell whether ``row`` belongs in the table under the current status filter."""
        return self._statuses is None or row.status in self._statuses

    def claim_holder(self, row: PackageRow) -> str | None:
        """Return the station packing ``row`` now: a live claim on a package still to pack."""
        if not _is_packable(row.status):
            return None
        return row.claim_holder(self._clock())

    # -- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return super().headerData(section, orientation, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _header_label(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COLUMN_AGE:
            return QCoreApplication.translate(
                "PackageTableModel", "Time since the customer placed the order"
            )
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SORT_ROLE:
            return self._sort_value(row, column)
        if role == self.PACKAGE_ROW_ROLE:
            return row
        if role == self.STATUS_ROLE:
            return row.status
        if role == self.CLAIM_ROLE:
            return self.claim_holder(row)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_CLAIM:
            return CLAIM_TEXT_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COLUMN_ITEMS,
            self.COLUMN_AGE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        """Start loading the next page; its rows are appended when the query returns."""
        if self._closed or not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        after_id = self._cursor
        limit = self._page_size
        statuses = _status_names(self._statuses)
        sessions = self._sessions

        def load() -> list[PackageRow]:
            with sessions() as session:
                return list_packages_after(session, after_id, limit, statuses)

        self._runner.submit(
            load,
            lambda rows: self._apply_page(generation, after_id, rows),
            lambda error: self._page_failed(generation, error),
            expected=DATABASE_ERRORS,
            description="loading packages",
        )

    # -- changes -----------------------------------------------------------------

    def set_status_filter(self, status_filter: StatusFilter) -> None:
        """List the packages of another filter: a reset, then the first page loads."""
        if status_filter == self._filter:
            return
        self._filter = status_filter
        self._statuses = FILTER_STATUSES[status_filter]
        self.reload()

    def reload(self) -> None:
        """Drop every row and load again from the first page."""
        self.beginResetModel()
        self._generation += 1
        self._rows.clear()
        self._ids.clear()
        self._claim_expiries.clear()
        self._claim_timer.stop()
        self._cursor = 0
        self._has_more = True
        self._fetching = False
        self._retry_ids.clear()
        self._retry_page = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def update_rows(self, package_ids: Iterable[int]) -> None:
        """Re-read ``package_ids`` from the database and update their rows in place.

        A package not loaded yet is inserted only when it falls inside the loaded range
        (id up to the last page's), because a later page brings the rest in id order.
        """
        ids = set(package_ids) | self._retry_ids
        self._retry_ids.clear()
        if not ids or self._closed:
            return
        generation = self._generation
        sessions = self._sessions
        requested = sorted(ids)

        def load() -> list[PackageRow]:
            rows: list[PackageRow] = []
            with sessions() as session:
                for start in range(0, len(requested), UPDATE_BATCH_SIZE):
                    batch = requested[start : start + UPDATE_BATCH_SIZE]
                    rows.extend(list_packages(session, ids=batch))
            return rows

        self._runner.submit(
            load,
            lambda rows: self._apply_updates(generation, requested, rows),
            lambda error: self._updates_failed(generation, requested, error),
            expected=DATABASE_ERRORS,
            description="refreshing packages",
        )

    def refresh_ages(self) -> None:
        """Recompute the age column against the current time."""
        self._now = self._clock()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.COLUMN_AGE),
                self.index(len(self._rows) - 1, self.COLUMN_AGE),
                [Qt.ItemDataRole.DisplayRole, self.SORT_ROLE],
            )

    # -- result handlers (GUI thread) -------------------------------------------

    def _apply_page(self, generation: int, after_id: int, rows: list[PackageRow]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._has_more = len(rows) >= self._page_size
        if rows:
            self._cursor = max(self._cursor, rows[-1].id)
        # An update may have inserted a row of this page already; never show it twice.
        new_rows = [row for row in rows if self.row_of(row.id) is None]
        if new_rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new_rows) - 1)
            self._rows.extend(new_rows)
            self._ids.extend(row.id for row in new_rows)
            self.endInsertRows()
            for row in new_rows:
                self._track_claim(row.id, row)
            self._schedule_claim_expiry()
        log.debug("Loaded %d packages after id %d", len(new_rows), after_id)
        self.page_loaded.emit(len(new_rows))

    def _page_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._retry_page = True
        log.warning("Loading packages failed, retrying in %d ms: %s", RETRY_DELAY_MS, error)
        self.load_failed.emit(str(error))
        self._retry_timer.start()

    def _apply_updates(
        self, generation: int, requested: Sequence[int], rows: list[PackageRow]
    ) -> None:
        if generation != self._generation:
            return
        found = {row.id: row for row in rows}
        for package_id in requested:
            self._apply_one(package_id, found.get(package_id))
            self._track_claim(package_id, found.get(package_id))
        self._schedule_claim_expiry()
        self.rows_updated.emit(list(requested))

    def _apply_one(self, package_id: int, row: PackageRow | None) -> None:
        position = self.row_of(package_id)
        belongs = row is not None and self.matches(row)
        if position is not None:
            if belongs and row is not None:
                self._rows[position] = row
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1)
                )
            else:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                del self._ids[position]
                self.endRemoveRows()
            return
        if not belongs or row is None:
            return
        if self._has_more and package_id > self._cursor:
            return
        position = bisect.bisect_left(self._ids, package_id)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self._ids.insert(position, package_id)
        self.endInsertRows()

    def _track_claim(self, package_id: int, row: PackageRow | None) -> None:
        expires = row.claim_expires_at if row is not None and row.claimed_by_station else None
        if expires is None or self.row_of(package_id) is None:
            self._claim_expiries.pop(package_id, None)
        else:
            self._claim_expiries[package_id] = expires

    def _schedule_claim_expiry(self) -> None:
        """Start the timer for the next claim to lapse among the loaded rows."""
        if not self._claim_expiries or self._closed:
            self._claim_timer.stop()
            return
        soonest = min(self._claim_expiries.values())
        delay_ms = (soonest - self._clock()).total_seconds() * 1000 + CLAIM_EXPIRY_SLACK_MS
        self._claim_timer.start(max(0, min(int(delay_ms), 2**31 - 1)))

    def _expire_claims(self) -> None:
        now = self._clock()
        lapsed = [package_id for package_id, at in self._claim_expiries.items() if at <= now]
        for package_id in lapsed:
            del self._claim_expiries[package_id]
            position = self.row_of(package_id)
            if position is not None:
                self.dataChanged.emit(
                    self.index(position, self.COLUMN_STATUS),
                    self.index(position, self.COLUMN_CLAIM),
                )
        self._schedule_claim_expiry()

    def _updates_failed(
        self, generation: int, requested: Sequence[int], error: BaseException
    ) -> None:
        if generation != self._generation:
            return
        self._retry_ids.update(requested)
        log.warning(
            "Refreshing %d packages failed, retrying in %d ms: %s",
            len(requested),
            RETRY_DELAY_MS,
            error,
        )
        self.load_failed.emit(str(error))
        self._retry_timer.start()

    def _retry(self) -> None:
        if self._retry_ids:
            self.update_rows(())
        if self._retry_page:
            self._retry_page = False
            self.fetchMore(QModelIndex())

    # -- cell values ---------------------------------------------------------------

    def _age_seconds(self, row: PackageRow) -> float:
        placed = row.date_placed or row.created_at
        return (self._now - placed).total_seconds()

    def _display(self, row: PackageRow, column: int) -> Any:
        if column == self.COLUMN_NUMBER:
            return row.number
        if column == self.COLUMN_ORDER:
            return row.order_number
        if column == self.COLUMN_CHANNEL:
            return row.channel
        if column == self.COLUMN_CARGO:
            return row.cargo_company or ""
        if column == self.COLUMN_ITEMS:
            return row.item_count
        if column == self.COLUMN_AGE:
            return format_age(self._age_seconds(row))
        if column == self.COLUMN_STATUS:
            return status_label(row.status)
        if column == self.COLUMN_TRACKING:
            return row.tracking_number or ""
        if column == self.COLUMN_SHIPMENT:
            return shipment_status_label(row.shipment_status)
        if column == self.COLUMN_CLAIM:
            holder = self.claim_holder(row)
            return claim_label(holder) if holder else ""
        return None

    def _sort_value(self, row: PackageRow, column: int) -> Any:
        # Raw values of one type per column: Qt compares them, not the display text.
        if column == self.COLUMN_ITEMS:
            return row.item_count
        if column == self.COLUMN_AGE:
            return int(self._age_seconds(row))
        if column == self.COLUMN_STATUS:
            return row.status_code
        if column == self.COLUMN_SHIPMENT:
            return row.shipment_status or ""
        if column == self.COLUMN_CLAIM:
            return self.claim_holder(row) or ""
        return str(self._display(row, column))

    def _tooltip(self, row: PackageRow, column: int) -> str | None:
        holder = self.claim_holder(row)
        if column in (self.COLUMN_STATUS, self.COLUMN_CLAIM) and holder is not None:
            assert row.claim_expires_at is not None  # a live claim has an expiry
            #: Tooltip of a claimed package; %1 is a station's name, %2 a time (HH:MM:SS).
            return (
                QCoreApplication.translate(
                    "PackageTableModel", "Being packed at station %1; claimed until %2"
                )
                .replace("%1", holder)
                .replace("%2", format_clock(row.claim_expires_at))
            )
        if column == self.COLUMN_STATUS and row.packed_at is not None:
            station = row.packed_by_station or "?"
            #: Tooltip of a packed package's status; %1 is a time, %2 a station name.
            return (
                QCoreApplication.translate("PackageTableModel", "Packed %1, station %2")
                .replace("%1", format_moment(row.packed_at, self._now))
                .replace("%2", station)
            )
        if column == self.COLUMN_AGE:
            placed = row.date_placed or row.created_at
            #: Tooltip of the age column; %1 is a date and time.
            return QCoreApplication.translate("PackageTableModel", "Order placed %1").replace(
                "%1", format_moment(placed, self._now)
            )
        return None


def claim_label(station: str) -> str:
    """Return the claim column's text for a package being packed at ``station``."""
    #: A station opened this package for verification; %1 is the station's name.
    return QCoreApplication.translate("PackageTableModel", "Being packed at station %1").replace(
        "%1", station
    )


def _is_packable(status: str) -> bool:
    try:
        return PackageStatus(status).is_packable
    except ValueError:
        return False


def _status_names(statuses: frozenset[PackageStatus] | None) -> list[str] | None:
    if statuses is None:
        return None
    return sorted(status.value for status in statuses)


def _header_label(section: int) -> str:
    labels = {
        PackageTableModel.COLUMN_NUMBER: QCoreApplication.translate("PackageTableModel", "Package"),
        PackageTableModel.COLUMN_ORDER: QCoreApplication.translate("PackageTableModel", "Order"),
        PackageTableModel.COLUMN_CHANNEL: QCoreApplication.translate(
            "PackageTableModel", "Channel"
        ),
        PackageTableModel.COLUMN_CARGO: QCoreApplication.translate(
            "PackageTableModel", "Cargo company"
        ),
        #: Column header: number of products in the package.
        PackageTableModel.COLUMN_ITEMS: QCoreApplication.translate("PackageTableModel", "Items"),
        #: Column header: how long ago the order was placed.
        PackageTableModel.COLUMN_AGE: QCoreApplication.translate("PackageTableModel", "Age"),
        PackageTableModel.COLUMN_STATUS: QCoreApplication.translate("PackageTableModel", "Status"),
        PackageTableModel.COLUMN_TRACKING: QCoreApplication.translate(
            "PackageTableModel", "Tracking number"
        ),
        #: Column header: what Omnitron last reported about the parcel.
        PackageTableModel.COLUMN_SHIPMENT: QCoreApplication.translate(
            "PackageTableModel", "Shipment status"
        ),
        #: Column header: the station that has the package open for verification.
        PackageTableModel.COLUMN_CLAIM: QCoreApplication.translate(
            "PackageTableModel", "Being packed"
        ),
    }
    return labels[section]
