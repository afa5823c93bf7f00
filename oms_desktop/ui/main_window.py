"""The packing station window: scan field, result banner, package table and sync status.

A scan runs CHANNEL_BASED_COMPLETE_PACKAGING on a worker thread (one session and one
transaction per scan). The banner turns green with the tracking number, or red with
the reason and the next step; the packed row's badge changes in place. The sync
engine's packages_changed signal updates rows the same way, without user action.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.errors import DomainError
from oms_desktop.core.queries import PackageRow
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.banner import Banner, BannerKind
from oms_desktop.ui.change_watcher import DEFAULT_POLL_MS, ChangeWatcher
from oms_desktop.ui.labels import format_age, status_label
from oms_desktop.ui.messages import (
    BannerMessage,
    busy_message,
    error_message,
    packed_message,
    ready_message,
)
from oms_desktop.ui.package_model import PackageTableModel, StatusFilter
from oms_desktop.ui.packing import PackOutcome, pack_package, pack_scanned_code
from oms_desktop.ui.search import PackageFilterProxyModel
from oms_desktop.ui.status_delegate import StatusBadgeDelegate
from oms_desktop.ui.sync_status import SyncStatusWidget
from oms_desktop.ui.tasks import DATABASE_ERRORS, ExpectedErrors, TaskRunner

if TYPE_CHECKING:
    from oms_desktop.sync.engine import SyncEngine
    from oms_desktop.sync.runner import SyncStatus

log = logging.getLogger(__name__)

PACK_ERRORS: ExpectedErrors = (DomainError, *DATABASE_ERRORS)
# Milliseconds a model loading failure stays in the status bar.
LOAD_FAILURE_MESSAGE_MS = 10_000


class MainWindow(QMainWindow):
    """The packing station's main window.

    Args:
        sessions: opens a database session; each scan and each table query gets its own.
        station: this station's name, written on every package it packs.
        engine: the Omnitron sync engine, or None to run without sync (offline).
        change_poll_ms: milliseconds between reads of the change log, through which
            changes made by other stations and the sync service reach the table.

    Signals:
        package_packed(object): a PackOutcome after a packing committed.
        scan_failed(object): the expected error (a core DomainError or a database
            error) that stopped a packing; nothing was written.
        closed(): the window was closed and its background work has ended.
    """

    package_packed = Signal(object)
    scan_failed = Signal(object)
    closed = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        station: str,
        engine: SyncEngine | None = None,
        parent: QWidget | None = None,
        change_poll_ms: int = DEFAULT_POLL_MS,
    ) -> None:
        super().__init__(parent)
        if not station.strip():
            raise ValueError("station must name this packing station")
        self._sessions = sessions
        self._station = station
        self._engine = engine
        self._shut_down = False
        # One scan at a time, in scan order: a fast scanner may queue the next code
        # while the previous one is still being packed.
        self._pack_runner = TaskRunner(self, max_threads=1)

        self.setWindowTitle(self.tr("Packing station"))
        self.model = PackageTableModel(sessions, parent=self)
        self.proxy = PackageFilterProxyModel(
            PackageTableModel.PACKAGE_ROW_ROLE, PackageTableModel.SORT_ROLE, self
        )
        self.proxy.setSourceModel(self.model)
        self.change_watcher = ChangeWatcher(
            sessions, self.model, interval_ms=change_poll_ms, parent=self
        )

        self._build_widgets()
        self._build_status_bar()
        self._connect()
        self.show_banner(ready_message())
        self.resize(1280, 800)
        # The watcher takes its log position first; the model's runner keeps that order.
        self.change_watcher.start()
        self.model.reload()
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- construction -------------------------------------------------------------

    def _build_widgets(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        self.scan_field = QLineEdit(central)
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(
            #: Placeholder of the scan field; the barcode scanner types into it.
            self.tr("Scan a package, order or tracking number")
        )
        self.scan_field.setClearButtonEnabled(True)
        scan_font = QFont(self.scan_field.font())
        scan_font.setPointSizeF(max(scan_font.pointSizeF(), 9.0) * 1.8)
        self.scan_field.setFont(scan_font)
        self.scan_field.setMinimumHeight(int(self.scan_field.fontMetrics().height() * 1.8))

        #: Button that packs the package selected in the table.
        self.complete_button = QPushButton(self.tr("Complete packaging"), central)
        self.complete_button.setObjectName("completeButton")
        button_font = QFont(self.complete_button.font())
        button_font.setPointSizeF(max(button_font.pointSizeF(), 9.0) * 1.3)
        button_font.setBold(True)
        self.complete_button.setFont(button_font)
        self.complete_button.setMinimumHeight(self.scan_field.minimumHeight())
        self.complete_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.complete_button.setToolTip(
            self.tr("Pack the package selected in the list (Ctrl+Enter)")
        )
        self.complete_button.setEnabled(False)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.complete_button)
        layout.addLayout(scan_row)

        self.banner = Banner(central)
        layout.addWidget(self.banner)

        self.filter_combo = QComboBox(central)
        self.filter_combo.setObjectName("statusFilter")
        for label, status_filter in self._filter_choices():
            self.filter_combo.addItem(label, status_filter)
        self.search_field = QLineEdit(central)
        self.search_field.setObjectName("searchField")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setPlaceholderText(
            self.tr("Search package, order, tracking number, channel or cargo company")
        )
        self.count_label = QLabel(central)
        #: Label in front of the status filter drop-down.
        show_label = QLabel(self.tr("Show:"), central)
        show_label.setBuddy(self.filter_combo)
        filter_row = QHBoxLayout()
        filter_row.addWidget(show_label)
        filter_row.addWidget(self.filter_combo)
        filter_row.addWidget(self.search_field, 1)
        filter_row.addWidget(self.count_label)
        layout.addLayout(filter_row)

        self.table = QTableView(central)
        self.table.setObjectName("packageTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Packers read the list from an arm's length away, so it is a little larger.
        table_font = QFont(self.table.font())
        table_font.setPointSizeF(max(table_font.pointSizeF(), 9.0) * 1.1)
        self.table.setFont(table_font)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            int(self.table.fontMetrics().height() * 2.0)
        )
        self.status_delegate = StatusBadgeDelegate(PackageTableModel.STATUS_ROLE, self.table)
        self.table.setItemDelegateForColumn(PackageTableModel.COLUMN_STATUS, self.status_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._size_columns()
        self.proxy.sort(PackageTableModel.COLUMN_STATUS, Qt.SortOrder.AscendingOrder)
        header.setSortIndicator(PackageTableModel.COLUMN_STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._scan_redirect = _ScanRedirect(self.scan_field, self)
        self.table.installEventFilter(self._scan_redirect)
        layout.addWidget(self.table, 1)

        self.setCentralWidget(central)

    def _filter_choices(self) -> list[tuple[str, StatusFilter]]:
        return [
            #: Status filter: every package except delivered ones.
            (self.tr("Open work"), StatusFilter.OPEN),
            #: Status filter: packages not packed yet.
            (self.tr("Waiting"), StatusFilter.WAITING),
            #: Status filter: packed, shipped or with a failed delivery attempt.
            (self.tr("Packed & in transit"), StatusFilter.IN_TRANSIT),
            #: Status filter: cancelled packages.
            (self.tr("Cancelled"), StatusFilter.CANCELLED),
            #: Status filter: every package, delivered ones too.
            (self.tr("All"), StatusFilter.ALL),
        ]

    def _size_columns(self) -> None:
        """Give each column room for a typical value or its header, whichever is wider."""
        metrics = self.table.fontMetrics()
        samples = {
            PackageTableModel.COLUMN_NUMBER: "PKG-00000000",
            PackageTableModel.COLUMN_ORDER: "405-0000000-0000000",
            PackageTableModel.COLUMN_CHANNEL: "Hepsiburada",
            PackageTableModel.COLUMN_CARGO: "Trendyol Express",
            PackageTableModel.COLUMN_ITEMS: "00000",
            PackageTableModel.COLUMN_AGE: format_age(59 * 60),
            PackageTableModel.COLUMN_TRACKING: "RR123456785TR00",
        }
        widths = {column: metrics.horizontalAdvance(text) for column, text in samples.items()}
        widths[PackageTableModel.COLUMN_STATUS] = max(
            self.status_delegate.badge_width(self.table.font(), status_label(status))
            for status in PackageStatus
        )
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            title_width = header.fontMetrics().horizontalAdvance(title)
            header.resizeSection(column, max(width, title_width) + 28)

    def _build_status_bar(self) -> None:
        #: Status bar; %1 is this station's name.
        self.station_label = QLabel(self.tr("Station: %1").replace("%1", self._station))
        self.sync_status = SyncStatusWidget(self)
        self.statusBar().addWidget(self.station_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        if self._engine is None:
            self.sync_status.show_offline()
        else:
            last = getattr(self._engine, "last_status", None)
            if last is not None:
                self.sync_status.show_status(last)
            else:
                self.sync_status.show_starting()

    def _connect(self) -> None:
        self.scan_field.returnPressed.connect(self._on_scan_entered)
        self.complete_button.clicked.connect(self._on_complete_clicked)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.search_field.textChanged.connect(self.proxy.set_search_text)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._on_selection_changed)
        self.model.load_failed.connect(self._on_load_failed)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.model.page_loaded,
        ):
            signal.connect(self._update_count)
        if self._engine is not None:
            self._engine.packages_changed.connect(self.on_packages_changed)
            self._engine.status_changed.connect(self.on_sync_status)

    # -- public --------------------------------------------------------------------

    @property
    def station(self) -> str:
        return self._station

    def show_banner(self, message: BannerMessage) -> None:
        self.banner.show_message(message.kind, message.title, message.detail)

    def scan(self, code: str) -> None:
        """Pack the package ``code`` names, off the GUI thread; the banner shows the outcome."""
        code = code.strip()
        if not code or self._shut_down:
            return
        self.show_banner(busy_message(code))
        sessions = self._sessions
        station = self._station
        self._pack_runner.submit(
            lambda: pack_scanned_code(sessions, code, station),
            self._on_packed,
            lambda error: self._on_pack_failed(error, code),
            expected=PACK_ERRORS,
            description=f"packing {code}",
        )

    def pack_selected(self) -> None:
        """Pack the package selected in the table."""
        row = self.selected_package()
        if row is None or self._shut_down:
            return
        self.show_banner(busy_message(row.number))
        sessions = self._sessions
        station = self._station
        package_id = row.id
        number = row.number
        self._pack_runner.submit(
            lambda: pack_package(sessions, package_id, station),
            self._on_packed,
            lambda error: self._on_pack_failed(error, number),
            expected=PACK_ERRORS,
            description=f"packing {number}",
        )

    def selected_package(self) -> PackageRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(PackageTableModel.PACKAGE_ROW_ROLE)
        return row if isinstance(row, PackageRow) else None

    def select_package(self, package_id: int) -> bool:
        """Select and show the row of ``package_id``; False when it is not listed."""
        source_row = self.model.row_of(package_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def is_busy(self) -> bool:
        """Tell whether a packing or a table query is still running."""
        return not self._pack_runner.is_idle() or self.model.is_busy()

    def shutdown(self) -> None:
        """Stop delivering background results and wait for running jobs; idempotent."""
        if self._shut_down:
            return
        self._shut_down = True
        if self._engine is not None:
            self._engine.packages_changed.disconnect(self.on_packages_changed)
            self._engine.status_changed.disconnect(self.on_sync_status)
        self.change_watcher.stop()
        self._pack_runner.shutdown()
        self.model.shutdown()

    # -- slots ---------------------------------------------------------------------

    @Slot(list)
    def on_packages_changed(self, package_ids: list[int]) -> None:
        """Re-read packages the sync changed, in place."""
        if not self._shut_down:
            self.model.update_rows(package_ids)

    @Slot(object)
    def on_sync_status(self, status: SyncStatus) -> None:
        if not self._shut_down:
            self.sync_status.show_status(status)

    def _on_scan_entered(self) -> None:
        code = self.scan_field.text()
        self.scan_field.clear()
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan(code)

    def _on_complete_clicked(self) -> None:
        self.pack_selected()
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_packed(self, outcome: PackOutcome) -> None:
        self.show_banner(packed_message(outcome))
        self.model.update_rows([outcome.result.package_id])
        if self._engine is not None:
            # Deliver the Omnitron report now instead of at the next outbox interval.
            self._engine.wake()
        self.package_packed.emit(outcome)

    def _on_pack_failed(self, error: BaseException, code: str) -> None:
        message = error_message(error, code)
        self.show_banner(message)
        if message.kind in (BannerKind.FAILURE, BannerKind.WARNING):
            QApplication.beep()
        # A failed scan can still mean the row is stale (packed elsewhere, cancelled).
        package_id = self._listed_package_id(error)
        if package_id is not None:
            self.model.update_rows([package_id])
        self.scan_failed.emit(error)

    def _listed_package_id(self, error: BaseException) -> int | None:
        number = getattr(error, "package_number", None)
        if not isinstance(number, str) or not number:
            return None
        return self.model.find_package_id(number)

    def _on_filter_changed(self, index: int) -> None:
        status_filter = self.filter_combo.itemData(index)
        if isinstance(status_filter, StatusFilter):
            self.model.set_status_filter(status_filter)

    def _on_selection_changed(self) -> None:
        self.complete_button.setEnabled(self.selected_package() is not None)

    def _on_load_failed(self, reason: str) -> None:
        log.warning("Package list query failed: %s", reason)
        self.statusBar().showMessage(
            self.tr(
                "The package list could not be read: the database is busy or unreachable. Retrying…"
            ),
            LOAD_FAILURE_MESSAGE_MS,
        )

    def _update_count(self) -> None:
        listed = self.proxy.rowCount()
        if self.model.canFetchMore(QModelIndex()):
            #: %1 is the number of packages listed so far; more load on scrolling.
            text = self.tr("%1+ packages listed").replace("%1", str(listed))
        else:
            text = self.tr("%n package(s) listed", "", listed)
        self.count_label.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()


class _ScanRedirect(QObject):
    """Sends typed characters from the table to the scan field.

    A barcode scanner types like a keyboard. Without this filter, a scan made after the
    packer clicked the table would go to the table's keyboard search and be lost.
    """

    def __init__(self, scan_field: QLineEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scan_field = scan_field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        modifiers &= ~Qt.KeyboardModifier.KeypadModifier
        text = event.text()
        if modifiers or not text or not text.isprintable():
            return False
        self._scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scan_field.insert(text)
        return True
