"""The packing station window: scan field, result banner, packing panel, package table.

A barcode scan lands wherever the keyboard focus is: ``ScannerInputFilter`` takes it out
of the key stream and hands the code to ``PackingController``. By default a package
scan opens the package in the packing panel and claims it for this station. Each item
scan counts one unit, and the last one completes packaging: the command
CHANNEL_BASED_COMPLETE_PACKAGING runs on a worker thread, in one transaction. The
banner turns green, red or amber with the next step, a sound cue matches it, and the
recent-scans list keeps the last scans. A station whose VERIFY_ITEMS setting is off
packs on the package scan itself.

Every action has a key: F2 or Ctrl+Enter completes, Esc puts the package aside,
Ctrl+Z takes back the last item, F4 takes over a package claimed elsewhere, F6 counts
an item without barcode, Ctrl+F or F3 goes to the search box. The sync engine's
packages_changed signal and the change log update rows in place, without user action.
"""

from __future__ import annotations

import getpass
import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QKeySequence, QShortcut
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
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.errors import DomainError
from oms_desktop.core.queries import PackageRow
from oms_desktop.core.settings import SOUND_ENABLED
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.banner import Banner
from oms_desktop.ui.change_watcher import DEFAULT_POLL_MS, ChangeWatcher
from oms_desktop.ui.command_sheet import CommandSheetDialog
from oms_desktop.ui.labels import format_age, status_label
from oms_desktop.ui.messages import (
    BannerMessage,
    busy_message,
    dialog_open_message,
    error_message,
    packed_message,
    ready_message,
)
from oms_desktop.ui.package_model import PackageTableModel, StatusFilter
from oms_desktop.ui.packing import (
    PackOutcome,
    load_station_settings,
    pack_package,
    pack_scanned_code,
)
from oms_desktop.ui.scanner import (
    FramedScan,
    RejectedScan,
    RejectReason,
    ScannerConfig,
    ScannerInputFilter,
    rejected_message,
)
from oms_desktop.ui.search import PackageFilterProxyModel
from oms_desktop.ui.sounds import SoundCue, SoundPlayer
from oms_desktop.ui.status_delegate import StatusBadgeDelegate
from oms_desktop.ui.sync_status import SyncStatusWidget
from oms_desktop.ui.tasks import DATABASE_ERRORS, ExpectedErrors, TaskRunner
from oms_desktop.ui.verify_panel import (
    Action,
    Feedback,
    OpenPackage,
    PackingController,
    RecentScansModel,
    StationOptions,
    TakeOverOffer,
    VerifyPanel,
)

if TYPE_CHECKING:
    from oms_desktop.sync.engine import SyncEngine
    from oms_desktop.sync.runner import SyncStatus

log = logging.getLogger(__name__)

PACK_ERRORS: ExpectedErrors = (DomainError, *DATABASE_ERRORS)
# Milliseconds a model loading failure stays in the status bar.
LOAD_FAILURE_MESSAGE_MS = 10_000
# Milliseconds before the station's settings are read again after reading them failed.
SETTINGS_RETRY_MS = 5_000
# Milliseconds a note about a dropped scan stays in the status bar.
SCAN_NOTE_MESSAGE_MS = 8_000
# Environment variable naming the person at the station, as for the command line.
OPERATOR_ENV = "OMS_OPERATOR"


def default_operator() -> str:
    """Return OMS_OPERATOR, else the login name, else an empty string."""
    given = os.environ.get(OPERATOR_ENV, "").strip()
    if given:
        return given
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name, as in some containers
        return ""


class MainWindow(QMainWindow):
    """The packing station's main window.

    Args:
        sessions: opens a database session; each scan and each table query gets its own.
        station: this station's name, written on every package it packs.
        engine: the Omnitron sync engine, or None to run without sync (offline).
        change_poll_ms: milliseconds between reads of the change log, through which
            changes made by other stations and the sync service reach the table.
        operator: the person at the station, recorded on packings and audit events;
            OMS_OPERATOR or the login name by default.
        sounds: the player of the scan cues. The default plays the bundled files, and
            tests pass one that records the cues.
        scanner_clock: milliseconds, monotonic, for the scanner's key timing; tests
            pass a clock they advance by hand.

    Signals:
        package_packed(object): a PackOutcome after a packing committed.
        scan_failed(object): the expected error (a core DomainError or a database
            error) that stopped a scan or a packing; nothing was written.
        feedback_shown(object): the Feedback of a scan or action was shown and played.
        settings_applied(): the station's settings were read and are in effect.
        closed(): the window was closed and its background work has ended.
        settings_changed(): a station changed the shared configuration; parts of the
            window that keep settings re-read them (the rows refresh by themselves).
    """

    package_packed = Signal(object)
    scan_failed = Signal(object)
    closed = Signal()
    settings_changed = Signal()
    feedback_shown = Signal(object)
    settings_applied = Signal()

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        station: str,
        engine: SyncEngine | None = None,
        parent: QWidget | None = None,
        change_poll_ms: int = DEFAULT_POLL_MS,
        operator: str | None = None,
        sounds: SoundPlayer | None = None,
        scanner_clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        if not station.strip():
            raise ValueError("station must name this packing station")
        self._sessions = sessions
        self._station = station
        self._engine = engine
        self._shut_down = False
        self._settings_loading = False
        # One scan at a time, in scan order: a fast scanner may queue the next code
        # while the previous one is still being packed.
        self._pack_runner = TaskRunner(self, max_threads=1)
        self.sounds = sounds or SoundPlayer(self)
        self.controller = PackingController(
            sessions,
            station=station,
            operator=default_operator() if operator is None else operator,
            runner=self._pack_runner,
            parent=self,
        )
        self.scanner = ScannerInputFilter(self, clock=scanner_clock, parent=self)
        self.recent_scans = RecentScansModel(self)

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
        self._build_scanning_widgets()
        self._build_menu()
        self._build_status_bar()
        self._connect()
        self._connect_scanning()
        self.show_banner(ready_message())
        self.resize(1280, 800)
        # Settings first: the pack runner delivers in order, so no scan is handled before.
        self.reload_settings()
        self.scanner.install()
        # The watcher takes its log position first; the model's runner keeps that order.
        self.change_watcher.settings_changed.connect(self.settings_changed)
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

        #: Button that completes the open package, or opens (or packs) the one selected
        #: in the table.
        self.complete_button = QPushButton(self.tr("Complete packaging"), central)
        self.complete_button.setObjectName("completeButton")
        button_font = QFont(self.complete_button.font())
        button_font.setPointSizeF(max(button_font.pointSizeF(), 9.0) * 1.3)
        button_font.setBold(True)
        self.complete_button.setFont(button_font)
        self.complete_button.setMinimumHeight(self.scan_field.minimumHeight())
        self.complete_button.setToolTip(
            self.tr(
                "Complete the open package, or open the package selected in the list "
                "(F2 or Ctrl+Enter)"
            )
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
        # The filter row and the table sit below the packing panel, in a splitter that
        # _build_scanning_widgets lays out.
        self.package_list = QWidget(central)
        list_layout = QVBoxLayout(self.package_list)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(filter_row)
        self._central_layout = layout

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
        list_layout.addWidget(self.table, 1)

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

    def _build_scanning_widgets(self) -> None:
        """Add the layout note, the packing panel, the recent scans and the key help line."""
        layout = self._central_layout
        central = self.centralWidget()

        self.scanner_note = QLabel(central)
        self.scanner_note.setObjectName("scannerNote")
        self.scanner_note.setWordWrap(True)
        self.scanner_note.setStyleSheet(
            "QLabel#scannerNote { background: #fff3c4; color: #1a1a1a; padding: 4px 8px;"
            " border: 1px solid #c68400; border-radius: 4px; }"
        )
        self.scanner_note.hide()
        layout.addWidget(self.scanner_note)

        # Visible while the station verifies items, even with no package open, so the
        # package list does not jump up and down with every package.
        self.verify_panel = VerifyPanel(central)
        self.verify_panel.setVisible(self.controller.options.verify_items)
        work = QSplitter(Qt.Orientation.Vertical, central)
        work.setObjectName("workSplitter")
        work.setChildrenCollapsible(False)
        work.addWidget(self.verify_panel)
        work.addWidget(self.package_list)
        work.setStretchFactor(0, 3)
        work.setStretchFactor(1, 2)

        recent_box = QWidget(central)
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.setContentsMargins(0, 0, 0, 0)
        #: Title of the list of the last scans.
        recent_title = QLabel(self.tr("Last scans"), recent_box)
        title_font = QFont(recent_title.font())
        title_font.setBold(True)
        recent_title.setFont(title_font)
        self.recent_view = QTableView(recent_box)
        self.recent_view.setObjectName("recentScans")
        self.recent_view.setModel(self.recent_scans)
        self.recent_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.setAlternatingRowColors(True)
        self.recent_view.setWordWrap(False)
        self.recent_view.verticalHeader().hide()
        recent_header = self.recent_view.horizontalHeader()
        recent_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = self.recent_view.fontMetrics()
        for column, sample in (
            (RecentScansModel.COLUMN_TIME, "00:00:00"),
            (RecentScansModel.COLUMN_CODE, "8690000000001"),
        ):
            title = str(self.recent_scans.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            recent_header.resizeSection(column, width + 18)
        recent_header.setStretchLastSection(True)
        recent_layout.addWidget(recent_title)
        recent_layout.addWidget(self.recent_view, 1)

        columns = QSplitter(Qt.Orientation.Horizontal, central)
        columns.setObjectName("columnsSplitter")
        columns.setChildrenCollapsible(False)
        columns.addWidget(work)
        columns.addWidget(recent_box)
        columns.setStretchFactor(0, 4)
        columns.setStretchFactor(1, 1)
        columns.setSizes([900, 360])
        layout.addWidget(columns, 1)

        self.help_line = QLabel(central)
        self.help_line.setObjectName("keyHelp")
        self.help_line.setWordWrap(True)
        self.help_line.setText(
            #: Key help under the lists; keep the key names as they are printed on keyboards.
            self.tr(
                "F2 or Ctrl+Enter: complete · Esc: put the package aside · Ctrl+Z: undo the "
                "last item · F4: take over · F6: count an item without barcode · Ctrl+F or "
                "F3: search"
            )
        )
        layout.addWidget(self.help_line)

        self.scan_field.setToolTip(
            self.tr("Type a code by hand and press Enter. The scanner works wherever the focus is.")
        )
        #: Tooltip of the search box; the keys move the focus there.
        self.search_field.setToolTip(self.tr("Search the list (Ctrl+F or F3)"))
        self._scan_field_keys = _ScanFieldKeys(self)
        self.scan_field.installEventFilter(self._scan_field_keys)
        self._build_shortcuts()

    def _build_shortcuts(self) -> None:
        def shortcut(keys: str, slot: Callable[[], None]) -> QShortcut:
            item = QShortcut(QKeySequence(keys), self)
            item.setContext(Qt.ShortcutContext.WindowShortcut)
            item.activated.connect(slot)
            return item

        self.complete_shortcuts = [
            shortcut(keys, self._on_complete_requested)
            for keys in ("F2", "Ctrl+Return", "Ctrl+Enter")
        ]
        self.cancel_shortcut = shortcut("Esc", lambda: self.controller.request(Action.CANCEL))
        self.undo_shortcut = shortcut("Ctrl+Z", lambda: self.controller.request(Action.UNDO))
        self.take_over_shortcut = shortcut("F4", lambda: self.controller.request(Action.TAKE_OVER))
        self.confirm_shortcut = shortcut("F6", self._on_confirm_requested)
        self.search_shortcuts = [shortcut(keys, self.focus_search) for keys in ("Ctrl+F", "F3")]
        self._update_shortcuts()

    def _build_menu(self) -> None:
        #: Menu of the station's own tools.
        self.station_menu = self.menuBar().addMenu(self.tr("&Station"))
        self.command_sheet_action = self.station_menu.addAction(self.tr("Print command barcodes…"))
        self.command_sheet_action.setToolTip(
            self.tr("Print barcodes that complete, undo, put aside or search when scanned")
        )
        self.command_sheet_action.triggered.connect(self.show_command_sheet)
        #: Opens the supervisor settings after asking for the supervisor's PIN.
        self.settings_action = self.station_menu.addAction(self.tr("Settings…"))
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))

        def open_supervisor_settings() -> None:
            from oms_desktop.ui.settings_dialog import open_settings

            open_settings(self, self._sessions, station=self._station)

        self.settings_action.triggered.connect(open_supervisor_settings)

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

    def _connect_scanning(self) -> None:
        self.scanner.scan_framed.connect(self._on_scan_framed)
        self.scanner.scan_rejected.connect(self._on_scan_rejected)
        controller = self.controller
        controller.feedback.connect(self._apply_feedback)
        controller.package_opened.connect(self._on_package_opened)
        controller.package_closed.connect(self._on_package_closed)
        controller.line_changed.connect(self.verify_panel.refresh_line)
        controller.take_over_offered.connect(self._on_take_over_offered)
        controller.package_packed.connect(self._on_controller_packed)
        controller.scan_failed.connect(self._on_controller_failed)
        controller.rows_changed.connect(self._refresh_rows)
        controller.search_requested.connect(self.focus_search)
        panel = self.verify_panel
        panel.complete_clicked.connect(lambda: self.controller.request(Action.COMPLETE))
        panel.undo_clicked.connect(lambda: self.controller.request(Action.UNDO))
        panel.cancel_clicked.connect(lambda: self.controller.request(Action.CANCEL))
        panel.take_over_clicked.connect(lambda: self.controller.request(Action.TAKE_OVER))
        panel.confirm_clicked.connect(lambda key: self.controller.request(Action.CONFIRM_UNIT, key))
        self.settings_changed.connect(self.reload_settings)

    # -- public --------------------------------------------------------------------

    @property
    def station(self) -> str:
        return self._station

    def show_banner(self, message: BannerMessage) -> None:
        self.banner.show_message(message.kind, message.title, message.detail)

    def handle_scan(
        self, code: str, at: float | None = None, *, prefix_removed: bool = False
    ) -> None:
        """Handle a scanned or typed code as the station's settings require (see the module).

        ``at`` is ``time.monotonic()`` of the read, for the duplicate window of item scans.
        """
        if self._shut_down:
            return
        self.controller.handle_scan(code, at, prefix_removed=prefix_removed)

    def scan(self, code: str) -> None:
        """Pack the package ``code`` names at once, without item verification.

        For scripts and tests that drive the window; the scanner and the scan field go
        through ``handle_scan``. The banner shows the outcome.
        """
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
        """Tell whether a scan, a packing, a settings read or a table query is still running."""
        return (
            not self._pack_runner.is_idle()
            or self.controller.is_busy()
            or self._settings_loading
            or self.model.is_busy()
        )

    def focus_search(self) -> None:
        """Move the keyboard focus to the search box and select its text."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def reload_settings(self) -> None:
        """Read this station's settings off the GUI thread and apply them."""
        if self._shut_down or self._settings_loading:
            return
        self._settings_loading = True
        sessions = self._sessions
        station = self._station
        self._pack_runner.submit(
            lambda: load_station_settings(sessions, station),
            self.apply_settings,
            self._on_settings_failed,
            expected=DATABASE_ERRORS,
            description="reading the station's settings",
        )

    def apply_settings(self, values: dict[str, Any]) -> None:
        """Apply effective setting values (``core.settings.station_settings``' result)."""
        self._settings_loading = False
        self.scanner.set_config(ScannerConfig.from_settings(values))
        self.controller.set_options(StationOptions.from_settings(values))
        self.sounds.set_enabled(bool(values[SOUND_ENABLED]))
        controller = self.controller
        if controller.open_package is None and controller.take_over_offer is None:
            self._show_empty_panel()
        self._update_shortcuts()
        self.settings_applied.emit()

    def show_command_sheet(self) -> None:
        """Open the printable sheet of command barcodes."""
        dialog = CommandSheetDialog(self._station, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def shutdown(self) -> None:
        """Stop delivering background results and wait for running jobs; idempotent."""
        if self._shut_down:
            return
        self._shut_down = True
        if self._engine is not None:
            self._engine.packages_changed.disconnect(self.on_packages_changed)
            self._engine.status_changed.disconnect(self.on_sync_status)
        self.scanner.remove()
        self.change_watcher.stop()
        self._pack_runner.shutdown()
        # The runner has stopped, so releasing the claim cannot race a job completing it.
        self.controller.shutdown()
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
        self.handle_scan(code, time.monotonic())

    def _on_complete_clicked(self) -> None:
        self._on_complete_requested()
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_complete_requested(self) -> None:
        """F2, Ctrl+Enter and the button: complete the open package, else use the selection."""
        controller = self.controller
        selected = self.selected_package()
        if controller.open_package is not None or controller.take_over_offer is not None:
            controller.request(Action.COMPLETE)
        elif selected is not None and controller.options.verify_items:
            controller.request(Action.OPEN, selected.id)
        elif selected is not None:
            self.pack_selected()
        else:
            controller.request(Action.COMPLETE)

    def _on_confirm_requested(self) -> None:
        key = self.verify_panel.selected_manual_line()
        if key is not None:
            self.controller.request(Action.CONFIRM_UNIT, key)

    def _on_scan_framed(self, scan: FramedScan) -> None:
        if QApplication.activeModalWidget() is not None:
            # The packer cannot see the banner behind a dialog, so the cue must do.
            log.info("Scan %r ignored: a modal dialog is open", scan.code)
            message = dialog_open_message()
            self.statusBar().showMessage(message.title, SCAN_NOTE_MESSAGE_MS)
            self.sounds.play(SoundCue.ERROR)
            return
        self.handle_scan(scan.code, scan.at, prefix_removed=True)

    def _on_scan_rejected(self, rejected: RejectedScan) -> None:
        message = rejected_message(rejected)
        self.statusBar().showMessage(message.title, SCAN_NOTE_MESSAGE_MS)
        if rejected.reason is RejectReason.FOCUS_LOST:
            # The packer is looking at another window; the banner waits for them.
            return
        self._apply_feedback(
            Feedback(message, SoundCue.ERROR, rejected.text or "…", result=message.title)
        )

    def _apply_feedback(self, feedback: Feedback) -> None:
        if feedback.message is not None:
            self.show_banner(feedback.message)
        if feedback.cue is not None:
            self.sounds.play(feedback.cue)
        if feedback.code:
            self.recent_scans.add(feedback.code, feedback.result_text, feedback.kind)
            self.scanner_note.setText(feedback.note)
            self.scanner_note.setVisible(bool(feedback.note))
        self.feedback_shown.emit(feedback)

    def _on_package_opened(self, open_package: OpenPackage) -> None:
        self.verify_panel.show_package(open_package)
        self.verify_panel.show()
        self.select_package(open_package.package_id)
        self._update_shortcuts()

    def _on_package_closed(self, package_id: int) -> None:
        if self.controller.take_over_offer is None:
            self._show_empty_panel()
        self._update_shortcuts()

    def _on_take_over_offered(self, offer: TakeOverOffer | None) -> None:
        if offer is not None:
            self.verify_panel.show_offer(offer)
            self.verify_panel.show()
        elif self.controller.open_package is None:
            self._show_empty_panel()
        self._update_shortcuts()

    def _show_empty_panel(self) -> None:
        self.verify_panel.show_nothing()
        self.verify_panel.setVisible(self.controller.options.verify_items)

    def _update_shortcuts(self) -> None:
        controller = self.controller
        open_package = controller.open_package
        offered = controller.take_over_offer is not None
        self.cancel_shortcut.setEnabled(open_package is not None or offered)
        self.undo_shortcut.setEnabled(open_package is not None)
        self.take_over_shortcut.setEnabled(offered)
        self.confirm_shortcut.setEnabled(
            open_package is not None
            and any(line.needs_manual_check for line in open_package.verification.lines)
        )
        self._on_selection_changed()

    def _on_controller_packed(self, outcome: PackOutcome) -> None:
        if self._engine is not None:
            # Deliver the Omnitron report now instead of at the next outbox interval.
            self._engine.wake()
        self.package_packed.emit(outcome)

    def _on_controller_failed(self, error: BaseException) -> None:
        # A failed scan can still mean the row is stale (packed elsewhere, cancelled).
        package_id = self._listed_package_id(error)
        if package_id is not None:
            self.model.update_rows([package_id])
        self.scan_failed.emit(error)

    def _refresh_rows(self, package_ids: list[int]) -> None:
        if not self._shut_down:
            self.model.update_rows(package_ids)

    def _on_settings_failed(self, error: BaseException) -> None:
        self._settings_loading = False
        log.warning("Reading the station's settings failed, retrying: %s", error)
        self.statusBar().showMessage(
            self.tr("The station's settings could not be read; the defaults apply. Retrying…"),
            LOAD_FAILURE_MESSAGE_MS,
        )
        QTimer.singleShot(SETTINGS_RETRY_MS, self.reload_settings)

    def _on_packed(self, outcome: PackOutcome) -> None:
        message = packed_message(outcome)
        self._apply_feedback(Feedback(message, SoundCue.PACKED, outcome.result.package_number))
        self.model.update_rows([outcome.result.package_id])
        if self._engine is not None:
            # Deliver the Omnitron report now instead of at the next outbox interval.
            self._engine.wake()
        self.package_packed.emit(outcome)

    def _on_pack_failed(self, error: BaseException, code: str) -> None:
        message = error_message(error, code)
        self._apply_feedback(Feedback(message, SoundCue.ERROR, code))
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
        controller = self.controller
        self.complete_button.setEnabled(
            self.selected_package() is not None
            or controller.open_package is not None
            or controller.take_over_offer is not None
        )

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


class _ScanFieldKeys(QObject):
    """Leaves Ctrl+Z and Ctrl+Y in the scan field to the window's shortcuts.

    A QLineEdit claims the undo keys for its own text. The scan field is emptied after
    every code, so there the packer means "undo the last item scan".
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        # Returning True without accepting the event lets the shortcut map handle the keys.
        return event.matches(QKeySequence.StandardKey.Undo) or event.matches(
            QKeySequence.StandardKey.Redo
        )


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
