"""The supervisor's PIN or password in front of the settings dialog.

The check runs ``core.auth.check_secret`` on a worker thread, in a transaction of its own
that commits whatever the outcome, so wrong attempts count toward the lockout and are
logged and audited even though the dialog stays shut. When no secret is configured yet
(a fresh database), the gate prompts for a new one twice instead; IT can also set it with
``oms-desktop supervisor set-secret``.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core import audit
from oms_desktop.core.auth import (
    MAX_FAILED_ATTEMPTS,
    MIN_SECRET_LENGTH,
    CheckOutcome,
    CheckResult,
    check_secret,
    is_configured,
    set_secret,
)
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import utcnow
from oms_desktop.ui.labels import format_clock
from oms_desktop.ui.scanner import OWNS_SCANNER_INPUT
from oms_desktop.ui.settings_common import INVALID_STYLE, fill, mark_field
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)

# The operator name written to the audit log when the supervisor gives none.
DEFAULT_OPERATOR = "supervisor"
OPENED_AUDIT_ACTION = "settings_opened"


class GateMode(enum.Enum):
    LOADING = "loading"  # reading whether a secret exists
    CHECK = "check"  # prompts for the secret
    SET_SECRET = "set_secret"  # no secret yet: prompts for a new one twice


class SecretAlreadySet(Exception):
    """Another station set the supervisor secret while this gate was asking for a new one."""


class SupervisorGate(QDialog):
    """Asks for the supervisor's PIN or password; accepts only the right one.

    Signals:
        unlocked(str): the secret was accepted (or set); the text is the operator name
            for the audit log.
        check_finished(object): the CheckResult of a check.
        mode_changed(object): the GateMode the gate now shows.
    """

    unlocked = Signal(str)
    check_finished = Signal(object)
    mode_changed = Signal(object)

    def __init__(
        self, sessions: sessionmaker[Session], *, station: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # A PIN or a setting typed quickly is text for this dialog, not a barcode scan.
        setattr(self, OWNS_SCANNER_INPUT, True)
        self._sessions = sessions
        self._station = station
        self._runner = TaskRunner(self, max_threads=1)
        self.mode = GateMode.LOADING
        self.operator = ""
        self._busy = False

        self.setWindowTitle(self.tr("Supervisor"))
        self.setModal(True)
        self.setStyleSheet(INVALID_STYLE)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name_field = QLineEdit(self)
        self.name_field.setObjectName("supervisorName")
        self.name_field.setPlaceholderText(DEFAULT_OPERATOR)
        self.name_field.setMaxLength(120)
        self.secret_field = QLineEdit(self)
        self.secret_field.setObjectName("supervisorSecret")
        self.secret_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_field = QLineEdit(self)
        self.repeat_field.setObjectName("supervisorSecretRepeat")
        self.repeat_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("gateMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        #: Optional name of the supervisor, written to the audit log.
        form.addRow(self.tr("Your name (for the audit log)"), self.name_field)
        #: The supervisor's PIN or password.
        self.secret_label = QLabel(self.tr("PIN or password"), self)
        form.addRow(self.secret_label, self.secret_field)
        self.repeat_label = QLabel(self.tr("Repeat it"), self)
        form.addRow(self.repeat_label, self.repeat_field)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._end_lockout)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._set_mode(GateMode.LOADING)
        self._load_mode()

    # -- mode ----------------------------------------------------------------------

    def _load_mode(self) -> None:
        sessions = self._sessions

        def work() -> bool:
            with sessions() as session:
                return is_configured(session)

        self._runner.submit(
            work,
            lambda configured: self._set_mode(
                GateMode.CHECK if configured else GateMode.SET_SECRET
            ),
            self._on_database_error,
            expected=DATABASE_ERRORS,
            description="reading whether a supervisor secret is set",
        )

    def _set_mode(self, mode: GateMode) -> None:
        self.mode = mode
        setting = mode is GateMode.SET_SECRET
        self.repeat_label.setVisible(setting)
        self.repeat_field.setVisible(setting)
        self.secret_field.setEnabled(mode is not GateMode.LOADING)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            mode is not GateMode.LOADING
        )
        if mode is GateMode.SET_SECRET:
            #: %1 is the least number of characters of the PIN or password.
            self.intro.setText(
                fill(
                    self.tr(
                        "No supervisor PIN or password is set on this database yet. Choose one "
                        "of at least %1 characters; it protects the settings of every station."
                    ),
                    MIN_SECRET_LENGTH,
                )
            )
            self.secret_label.setText(self.tr("New PIN or password"))
        elif mode is GateMode.CHECK:
            self.intro.setText(self.tr("The settings need the supervisor's PIN or password."))
            self.secret_label.setText(self.tr("PIN or password"))
        else:
            self.intro.setText(self.tr("Reading…"))
        self.secret_field.setFocus()
        self.mode_changed.emit(mode)

    # -- submit --------------------------------------------------------------------

    def submit(self) -> None:
        """Check the typed secret, or set the new one, off the GUI thread."""
        if self._busy or self.mode is GateMode.LOADING:
            return
        if self.mode is GateMode.SET_SECRET:
            self._submit_new_secret()
        else:
            self._submit_check()

    def _operator_name(self) -> str:
        return self.name_field.text().strip() or DEFAULT_OPERATOR

    def _submit_check(self) -> None:
        secret = self.secret_field.text()
        if not secret:
            mark_field(self.secret_field, self.tr("Type the PIN or password."))
            return
        sessions = self._sessions
        station = self._station
        operator = self._operator_name()

        def work() -> CheckResult:
            with transaction(sessions) as session:
                result = check_secret(session, secret, station=station)
                if result.outcome is CheckOutcome.ACCEPTED:
                    audit.record(
                        session,
                        station=station,
                        operator=operator,
                        action=OPENED_AUDIT_ACTION,
                        entity="supervisor_credential",
                    )
                return result

        self._set_busy(True)
        self._runner.submit(
            work,
            self._on_checked,
            self._on_database_error,
            expected=DATABASE_ERRORS,
            description="checking the supervisor secret",
        )

    def _on_checked(self, result: CheckResult) -> None:
        self._set_busy(False)
        self.secret_field.clear()
        outcome = result.outcome
        if outcome is CheckOutcome.ACCEPTED:
            mark_field(self.secret_field, None)
            self._unlock()
        elif outcome is CheckOutcome.REJECTED:
            message = self.tr(
                "Wrong PIN or password. %n attempt(s) left before the settings lock for a while.",
                "",
                result.attempts_left,
            )
            mark_field(self.secret_field, message)
            self.message.setText(message)
        elif outcome is CheckOutcome.LOCKED:
            self._show_lockout(result.locked_until)
        else:
            self._set_mode(GateMode.SET_SECRET)
        self.check_finished.emit(result)

    def _show_lockout(self, until: dt.datetime | None) -> None:
        #: %1 is a time of day; %2 is the number of wrong attempts that cause a lock.
        message = fill(
            self.tr("Locked after %2 wrong attempts, until %1. Try again then."),
            format_clock(until) if until else "?",
            MAX_FAILED_ATTEMPTS,
        )
        mark_field(self.secret_field, message)
        self.message.setText(message)
        self.secret_field.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        if until is not None:
            remaining_ms = max(0, int((until - utcnow()).total_seconds() * 1000))
            self._unlock_timer.start(remaining_ms + 500)

    def _end_lockout(self) -> None:
        self.secret_field.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        mark_field(self.secret_field, None)
        self.message.setText(self.tr("You can try again now."))
        self.secret_field.setFocus()

    def _submit_new_secret(self) -> None:
        secret = self.secret_field.text()
        if len(secret) < MIN_SECRET_LENGTH:
            #: %1 is the least number of characters.
            mark_field(
                self.secret_field,
                fill(self.tr("Use at least %1 characters or digits."), MIN_SECRET_LENGTH),
            )
            self.message.setText(self.secret_field.toolTip())
            return
        mark_field(self.secret_field, None)
        if self.repeat_field.text() != secret:
            mark_field(self.repeat_field, self.tr("The two entries differ. Type it again."))
            self.message.setText(self.repeat_field.toolTip())
            self.repeat_field.clear()
            return
        mark_field(self.repeat_field, None)
        sessions = self._sessions
        station = self._station
        operator = self._operator_name()

        def work() -> None:
            with transaction(sessions) as session:
                if is_configured(session):
                    raise SecretAlreadySet()
                set_secret(session, secret, station=station, operator=operator)

        self._set_busy(True)
        self._runner.submit(
            work,
            lambda _: self._on_secret_set(),
            self._on_set_failed,
            expected=(SecretAlreadySet, ConfigurationError, *DATABASE_ERRORS),
            description="setting the supervisor secret",
        )

    def _on_secret_set(self) -> None:
        self._set_busy(False)
        log.info("Supervisor secret set at station %s", self._station)
        self._unlock()

    def _on_set_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.secret_field.clear()
        self.repeat_field.clear()
        if isinstance(error, SecretAlreadySet):
            self._set_mode(GateMode.CHECK)
            self.message.setText(
                self.tr("Another station has just set the PIN or password. Type that one.")
            )
        elif isinstance(error, ConfigurationError):
            mark_field(self.secret_field, error.reason)
            self.message.setText(error.reason)
        else:
            self._on_database_error(error)

    # -- helpers -------------------------------------------------------------------

    def _unlock(self) -> None:
        self.operator = self._operator_name()
        self.unlocked.emit(self.operator)
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Checking…"))

    def _on_database_error(self, error: BaseException) -> None:
        self._set_busy(False)
        #: %1 is the database's error message.
        self.message.setText(
            fill(
                self.tr("The database cannot be reached: %1. Try again in a moment."),
                str(error).splitlines()[0] if str(error) else type(error).__name__,
            )
        )

    def done(self, result: int) -> None:
        self._unlock_timer.stop()
        self._runner.shutdown()
        super().done(result)
