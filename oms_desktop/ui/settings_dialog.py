"""The supervisor's settings dialog: Omnitron connection, channels, cargo companies,
routing conditions, application settings, state transitions, Omnitron reports, the
scanner test, and import and export of the station configuration.

All tabs edit one draft of the configuration. Every edit is validated at once and the
invalid fields are marked where they are; Save validates the whole draft again, stores
the Omnitron password (if one was typed) in the OS keyring, and writes every change with
its audit event in one database transaction, so nothing is ever half saved. If the
database write fails, the keyring gets its previous password back.

Other stations read settings from the shared database, and every saved change appends to
the change feed's "settings" topic, so they pick it up without a restart.

``open_settings`` is the entry point: the supervisor gate first, then this dialog.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.db import transaction
from oms_desktop.core.settings import OMNITRON_URL, OMNITRON_USER
from oms_desktop.sync.errors import OmnitronNotConfigured
from oms_desktop.sync.secrets import (
    FoundPassword,
    KeyringStatus,
    PasswordSource,
    SecretStoreError,
    SecretStoreUnavailable,
    find_omnitron_password,
    keyring_status,
    restore_omnitron_password,
    store_omnitron_password,
)
from oms_desktop.sync.settings import ENV_PASSWORD
from oms_desktop.ui.scanner import OWNS_SCANNER_INPUT
from oms_desktop.ui.settings_application import ApplicationTab, ScannerTab
from oms_desktop.ui.settings_common import INVALID_STYLE, fill
from oms_desktop.ui.settings_connection import CONNECTION_KEYS, ConnectionTab
from oms_desktop.ui.settings_model import (
    CARGO_COMPANIES,
    CHANNELS,
    CONDITIONS,
    SETTINGS_SECTION,
    STATION_SETTINGS_SECTION,
    TRANSITIONS,
    StationConfig,
    load_config,
)
from oms_desktop.ui.settings_records import CargoCompaniesTab, ChannelsTab, TransitionsTab
from oms_desktop.ui.settings_reports import ReportsTab
from oms_desktop.ui.settings_routing import RoutingTab
from oms_desktop.ui.settings_store import ConfigChange, StaleConfiguration, diff_config, save_config
from oms_desktop.ui.settings_transfer import TransferTab
from oms_desktop.ui.settings_validation import InvalidDraft, Problem, validate_config
from oms_desktop.ui.supervisor_gate import SupervisorGate
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)

Confirm = Callable[[str, str], bool]
SAVE_ERRORS = (
    InvalidDraft,
    StaleConfiguration,
    SecretStoreError,
    SecretStoreUnavailable,
    OmnitronNotConfigured,
    IntegrityError,
    *DATABASE_ERRORS,
)


@dataclass(frozen=True)
class _Loaded:
    config: StationConfig
    keyring: KeyringStatus
    password: FoundPassword


@dataclass(frozen=True)
class _Saved:
    changes: list[ConfigChange]
    loaded: _Loaded


def _read_password_state(
    config: StationConfig, environ: Mapping[str, str]
) -> tuple[KeyringStatus, FoundPassword]:
    status = keyring_status()
    url = str(config.settings.get(OMNITRON_URL, ""))
    user = str(config.settings.get(OMNITRON_USER, ""))
    found = FoundPassword(PasswordSource.NONE)
    # An invalid stored URL has no password entry; the connection tab marks the URL.
    with contextlib.suppress(OmnitronNotConfigured):
        if url:
            found = find_omnitron_password(url, user, environ)
    return status, found


class SettingsDialog(QDialog):
    """The settings dialog; open it through ``open_settings`` so the gate comes first.

    Args:
        sessions: opens a database session; each load and save runs on a worker thread.
        station: this station's name, for the audit log and station-only settings.
        operator: the supervisor who passed the gate, for the audit log.
        environ: environment variables, where OMS_OMNITRON_PASSWORD may be set.
        confirm: shows a yes/no question and returns True for yes; defaults to a message box.

    Signals:
        loaded(): the configuration was read and is shown.
        edited(): a tab changed the draft.
        saved(object): the list of ConfigChange that was committed.
        save_failed(object): the exception that stopped a save; nothing was saved.
    """

    loaded = Signal()
    edited = Signal()
    saved = Signal(object)
    save_failed = Signal(object)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        station: str,
        operator: str,
        environ: Mapping[str, str] | None = None,
        confirm: Confirm | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # A PIN or a setting typed quickly is text for this dialog, not a barcode scan.
        setattr(self, OWNS_SCANNER_INPUT, True)
        self._sessions = sessions
        self._station = station
        self._operator = operator
        self._environ = os.environ if environ is None else environ
        self._confirm = confirm or self._ask
        self.base: StationConfig | None = None
        self.draft: StationConfig | None = None
        self.problems: list[Problem] = []
        self._saving = False
        self._closed = False
        # Database work runs in order on one thread; network work on a pool of its own,
        # so a slow Omnitron never delays a save.
        self._db_runner = TaskRunner(self, max_threads=1)
        self._net_runner = TaskRunner(self)

        #: Window title; %1 is the station, %2 the supervisor's name.
        self.setWindowTitle(fill(self.tr("Settings – %1 – %2"), station, operator))
        self.setStyleSheet(INVALID_STYLE)
        self._build()
        self.resize(1040, 760)
        self.reload()

    # -- construction -------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(True)
        self.connection_tab = ConnectionTab(self._net_runner, self._environ, self)
        connection = self.connection_tab.values
        self.channels_tab = ChannelsTab(self._net_runner, connection, self._environ, self)
        self.cargo_tab = CargoCompaniesTab(self._net_runner, connection, self._environ, self)
        self.routing_tab = RoutingTab(self)
        self.application_tab = ApplicationTab(self._station, self)
        self.transitions_tab = TransitionsTab(self)
        self.reports_tab = ReportsTab(
            self._sessions,
            self._db_runner,
            station=self._station,
            operator=self._operator,
            parent=self,
        )
        self.scanner_tab = ScannerTab(self._sessions, lambda: self.draft, self)
        self.transfer_tab = TransferTab(
            self._sessions,
            self._db_runner,
            station=self._station,
            operator=self._operator,
            confirm=self._confirm,
            has_unsaved_edits=self.is_dirty,
            parent=self,
        )
        pages: list[tuple[QWidget, str]] = [
            #: Settings tab: address, user and password of Omnitron.
            (self.connection_tab, self.tr("Omnitron connection")),
            (self.channels_tab, self.tr("Channels")),
            (self.cargo_tab, self.tr("Cargo companies")),
            #: Settings tab: shipment conditions.
            (self.routing_tab, self.tr("Routing")),
            (self.application_tab, self.tr("Application")),
            (self.transitions_tab, self.tr("State transitions")),
            #: Settings tab: reports the station sends to Omnitron.
            (self.reports_tab, self.tr("Omnitron reports")),
            (self.scanner_tab, self.tr("Scanner test")),
            (self.transfer_tab, self.tr("Import / export")),
        ]
        for page, title in pages:
            self.tabs.addTab(page, title)
        self._tab_by_section: dict[str, QWidget] = {
            CHANNELS: self.channels_tab,
            CARGO_COMPANIES: self.cargo_tab,
            CONDITIONS: self.routing_tab,
            TRANSITIONS: self.transitions_tab,
            STATION_SETTINGS_SECTION: self.application_tab,
        }

        for tab in (
            self.connection_tab,
            self.channels_tab,
            self.cargo_tab,
            self.routing_tab,
            self.application_tab,
            self.transitions_tab,
        ):
            tab.edited.connect(self._on_edited)
        self.transfer_tab.imported.connect(lambda _plan: self.reload())

        self.status = QLabel(self)
        self.status.setObjectName("settingsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        #: Button that discards unsaved edits and reads the settings again.
        self.revert_button = QPushButton(self.tr("Revert"), self)
        #: Button that saves every tab's edits together.
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.tabs.setEnabled(False)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored configuration; unsaved edits are discarded."""
        sessions = self._sessions
        station = self._station
        environ = dict(self._environ)

        def work() -> _Loaded:
            with sessions() as session:
                config = load_config(session, station)
            status, found = _read_password_state(config, environ)
            return _Loaded(config, status, found)

        self.status.setText(self.tr("Reading the settings…"))
        self._db_runner.submit(
            work,
            self._show_loaded,
            self._on_load_failed,
            expected=DATABASE_ERRORS,
            description="reading the station configuration",
        )

    def _show_loaded(self, loaded: _Loaded) -> None:
        self.base = loaded.config
        self.draft = loaded.config.copy()
        for tab in (
            self.connection_tab,
            self.channels_tab,
            self.cargo_tab,
            self.routing_tab,
            self.application_tab,
            self.transitions_tab,
        ):
            tab.set_config(self.draft)
        self.connection_tab.show_password_state(loaded.password, loaded.keyring)
        self.scanner_tab.follow_draft()
        self.tabs.setEnabled(True)
        self.status.setText("")
        self._revalidate()
        self.reports_tab.reload()
        self.loaded.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        #: %1 is the database's error message.
        self.status.setText(
            fill(self.tr("The settings cannot be read: %1. Press Revert to try again."), error)
        )

    # -- editing -------------------------------------------------------------------

    def _on_edited(self) -> None:
        sender = self.sender()
        # Channels and cargo companies appear in the routing tab; keep it current.
        if sender in (self.channels_tab, self.cargo_tab):
            self.routing_tab.refresh()
        if sender is self.application_tab:
            self.scanner_tab.follow_draft()
        self._revalidate()
        self.edited.emit()

    def _revalidate(self) -> None:
        if self.draft is None:
            return
        self.problems = validate_config(self.draft)
        self._show_problems(self.problems)
        self._update_buttons()

    def _show_problems(self, problems: list[Problem]) -> None:
        self.connection_tab.show_problems(problems)
        self.channels_tab.show_problems(problems)
        self.cargo_tab.show_problems(problems)
        self.routing_tab.show_problems(problems)
        self.application_tab.show_problems(problems)
        self.transitions_tab.show_problems(problems)
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            invalid = any(self._tab_of(problem) is page for problem in problems)
            self.tabs.tabBar().setTabTextColor(
                index, Qt.GlobalColor.red if invalid else self.palette().windowText().color()
            )

    def _tab_of(self, problem: Problem) -> QWidget:
        if problem.section == SETTINGS_SECTION:
            if problem.field in CONNECTION_KEYS:
                return self.connection_tab
            return self.application_tab
        return self._tab_by_section.get(problem.section, self.application_tab)

    def changes(self) -> list[ConfigChange]:
        if self.base is None or self.draft is None:
            return []
        return diff_config(self.base, self.draft)

    def is_dirty(self) -> bool:
        return bool(self.changes()) or bool(self.connection_tab.typed_password())

    def _update_buttons(self) -> None:
        loaded = self.draft is not None
        dirty = loaded and self.is_dirty()
        self.save_button.setEnabled(loaded and not self._saving)
        self.revert_button.setEnabled(not self._saving)
        title = self.windowTitle().removesuffix(" *")
        self.setWindowTitle(title + (" *" if dirty else ""))

    def revert(self) -> None:
        """Discard unsaved edits and read the stored configuration again."""
        self.connection_tab.clear_password()
        self.reload()

    # -- saving --------------------------------------------------------------------

    def save(self) -> None:
        """Validate everything and save it in one transaction, off the GUI thread."""
        if self.base is None or self.draft is None or self._saving:
            return
        problems = validate_config(self.draft)
        self.problems = problems
        self._show_problems(problems)
        password = self.connection_tab.typed_password()
        password_problem = self._password_problem(password)
        if password_problem is not None:
            self.connection_tab.mark_password(password_problem)
        if problems or password_problem is not None:
            count = len(problems) + (password_problem is not None)
            #: %n is the number of invalid fields.
            self.status.setText(
                self.tr(
                    "Nothing was saved: %n field(s) are invalid. They are marked in red.",
                    "",
                    count,
                )
            )
            first = self.connection_tab if password_problem else self._tab_of(problems[0])
            self.tabs.setCurrentWidget(first)
            self.save_failed.emit(InvalidDraft(problems))
            return
        changes = self.changes()
        if not changes and not password:
            self.status.setText(self.tr("Nothing to save: no field was changed."))
            return

        sessions = self._sessions
        station = self._station
        operator = self._operator
        environ = dict(self._environ)
        base = self.base
        draft = self.draft.copy()
        url = str(draft.settings.get(OMNITRON_URL, ""))
        user = str(draft.settings.get(OMNITRON_USER, ""))

        def work() -> _Saved:
            previous: str | None = None
            if password:
                previous = store_omnitron_password(url, user, password)
            try:
                with transaction(sessions) as session:
                    saved = save_config(
                        session,
                        base,
                        draft,
                        station=station,
                        operator=operator,
                        password_changed_for=(url, user) if password else None,
                    )
            except BaseException:
                if password:
                    restore_omnitron_password(url, user, previous)
                raise
            with sessions() as session:
                fresh = load_config(session, station)
            status, found = _read_password_state(fresh, environ)
            return _Saved(saved, _Loaded(fresh, status, found))

        self._saving = True
        self._update_buttons()
        self.status.setText(self.tr("Saving…"))
        self._db_runner.submit(
            work,
            self._on_saved,
            self._on_save_failed,
            expected=SAVE_ERRORS,
            description="saving the station configuration",
        )

    def _password_problem(self, password: str) -> str | None:
        if not password:
            return None
        if not self.connection_tab.keyring_available:
            #: %1 is the name of an environment variable.
            return fill(
                self.tr(
                    "This computer has no keyring, so the password cannot be saved. Clear the "
                    "password field to save the rest, and set %1 for this station instead."
                ),
                ENV_PASSWORD,
            )
        settings = self.draft.settings if self.draft else {}
        if not settings.get(OMNITRON_URL) or not settings.get(OMNITRON_USER):
            return self.tr("Enter the Omnitron address and user name before a password.")
        return None

    def _on_saved(self, saved: _Saved) -> None:
        self._saving = False
        changes = saved.changes
        log.info(
            "Supervisor %s saved %d configuration changes at station %s",
            self._operator,
            len(changes),
            self._station,
        )
        self.connection_tab.clear_password()
        self._show_loaded(saved.loaded)
        #: %n is the number of saved changes.
        self.status.setText(self.tr("Saved %n change(s).", "", len(changes)))
        self.saved.emit(changes)

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._update_buttons()
        if isinstance(error, InvalidDraft):
            self._show_problems(list(error.problems))
            text = self.tr("Nothing was saved: some fields are invalid. They are marked in red.")
        elif isinstance(error, StaleConfiguration):
            names = ", ".join(f"{change.entity} {change.key}" for change in error.changes)
            #: %1 lists the changed rows, such as "channel 42".
            text = fill(
                self.tr(
                    "Nothing was saved: another station changed %1 meanwhile. Press Revert to "
                    "load the current values, then make your edits again."
                ),
                names,
            )
        elif isinstance(error, SecretStoreUnavailable | SecretStoreError):
            message = fill(
                #: %1 is the keyring's error message.
                self.tr("The password could not be stored in the keyring: %1"),
                error,
            )
            self.connection_tab.mark_password(message)
            self.tabs.setCurrentWidget(self.connection_tab)
            text = self.tr("Nothing was saved.") + " " + message
        elif isinstance(error, IntegrityError):
            text = self.tr(
                "Nothing was saved: the database refused a duplicate value, probably written by "
                "another station meanwhile. Press Revert and try again."
            )
        else:
            #: %1 is the error message.
            text = fill(self.tr("Nothing was saved: %1"), error)
        self.status.setText(text)
        self.save_failed.emit(error)

    # -- closing -------------------------------------------------------------------

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        # Esc, the Close button and the window's close box all end here: QDialog's
        # closeEvent calls reject and keeps the dialog open when it stays visible.
        if self.is_dirty() and not self._confirm(
            self.tr("Unsaved changes"), self.tr("Close the settings without saving your edits?")
        ):
            return
        super().reject()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def shutdown(self) -> None:
        """Cancel network work, stop the background jobs and the scanner test; idempotent."""
        if self._closed:
            return
        self._closed = True
        self.connection_tab.cancel_test()
        self.channels_tab.cancel_fetch()
        self.cargo_tab.cancel_fetch()
        self.scanner_tab.shutdown()
        self._net_runner.shutdown()
        self._db_runner.shutdown()


def open_settings(
    parent: QWidget | None,
    sessions: sessionmaker[Session],
    *,
    station: str,
    on_opened: Callable[[SettingsDialog], None] | None = None,
) -> SupervisorGate:
    """Show the supervisor gate and, once it accepts, the settings dialog.

    Both are window-modal and delete themselves when closed. Returns the gate.
    """
    gate = SupervisorGate(sessions, station=station, parent=parent)
    gate.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def show_dialog(operator: str) -> None:
        dialog = SettingsDialog(sessions, station=station, operator=operator, parent=parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_opened is not None:
            on_opened(dialog)

    gate.unlocked.connect(show_dialog)
    gate.open()
    return gate
