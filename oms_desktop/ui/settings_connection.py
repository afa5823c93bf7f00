"""The settings dialog's Omnitron connection tab: address, user, password, path prefixes,
company CA certificates, and the "test connection" button.

The address, user, prefixes and CA file are application settings in the shared database.
The password is never one of them: the dialog stores it in the OS keyring when it saves,
and the tab only shows where the station would find it (environment, keyring, nowhere).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oms_desktop.core.settings import (
    OMNITRON_AUTH_PREFIX,
    OMNITRON_CA_BUNDLE,
    OMNITRON_ORDERS_PREFIX,
    OMNITRON_UPDATE_PREFIX,
    OMNITRON_URL,
    OMNITRON_USER,
)
from oms_desktop.sync.connection_test import (
    ConnectionTestKind,
    ConnectionTestResult,
    connection_settings,
    test_connection,
)
from oms_desktop.sync.errors import OmnitronNotConfigured
from oms_desktop.sync.secrets import (
    FoundPassword,
    KeyringStatus,
    PasswordSource,
    find_omnitron_password,
)
from oms_desktop.sync.settings import ENV_PASSWORD, OmnitronSettings
from oms_desktop.ui.settings_common import (
    AsyncCall,
    fill,
    mark_field,
    problem_label,
    problem_message,
    show_problems,
)
from oms_desktop.ui.settings_labels import setting_help, setting_label
from oms_desktop.ui.settings_model import SETTINGS_SECTION, StationConfig
from oms_desktop.ui.settings_validation import Problem
from oms_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

CONNECTION_KEYS = (
    OMNITRON_URL,
    OMNITRON_USER,
    OMNITRON_AUTH_PREFIX,
    OMNITRON_ORDERS_PREFIX,
    OMNITRON_UPDATE_PREFIX,
    OMNITRON_CA_BUNDLE,
)


@dataclass(frozen=True)
class ConnectionValues:
    """The connection fields as typed; ``password`` is "" when none was typed."""

    url: str
    user: str
    auth_prefix: str
    orders_prefix: str
    update_prefix: str
    ca_bundle: str
    password: str = field(default="", repr=False)


class NoPasswordError(Exception):
    """No password was typed and none is stored for the URL and user."""


async def resolve_omnitron_settings(
    values: ConnectionValues, environ: Mapping[str, str]
) -> OmnitronSettings:
    """Build client settings from typed values; without a typed password, use the one the
    station would use (environment, then keyring).

    Runs on a worker thread: reading the keyring may block on a locked desktop keyring.

    Raises:
        OmnitronNotConfigured: the URL or the CA file is invalid.
        NoPasswordError: there is no password to log in with.
    """
    settings = connection_settings(
        url=values.url,
        user=values.user,
        password=values.password,
        auth_prefix=values.auth_prefix,
        orders_prefix=values.orders_prefix,
        update_prefix=values.update_prefix,
        ca_bundle=values.ca_bundle,
    )
    if values.password:
        return settings
    found = find_omnitron_password(settings.url, settings.user, environ)
    if not found.password:
        raise NoPasswordError(found.keyring_problem or "no password stored")
    return OmnitronSettings(
        url=settings.url,
        user=settings.user,
        password=found.password,
        auth_prefix=settings.auth_prefix,
        orders_prefix=settings.orders_prefix,
        update_prefix=settings.update_prefix,
        ca_bundle=settings.ca_bundle,
    )


class ConnectionTab(QWidget):
    """Edits the Omnitron connection settings of a draft and tests them.

    Signals:
        edited(): a field changed the draft.
        test_finished(object): the ConnectionTestResult of a finished test.
    """

    edited = Signal()
    test_finished = Signal(object)

    def __init__(
        self, runner: TaskRunner, environ: Mapping[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._environ = environ
        self._config: StationConfig | None = None
        self._loading = False
        self._test_call: AsyncCall[ConnectionTestResult] | None = None
        # False once the dialog learned that this computer has no usable keyring.
        self.keyring_available = True
        self._build()

    # -- construction -------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        account = QGroupBox(self.tr("Omnitron account"), self)
        account_layout = QVBoxLayout(account)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.url_field = QLineEdit(account)
        self.url_field.setPlaceholderText("https://omnitron.example.com")
        self.user_field = QLineEdit(account)
        self.password_field = QLineEdit(account)
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setObjectName("omnitronPassword")
        self.password_status = QLabel(account)
        self.password_status.setWordWrap(True)
        self.password_status.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(setting_label(OMNITRON_URL), self.url_field)
        form.addRow(setting_label(OMNITRON_USER), self.user_field)
        #: Label of the Omnitron password field.
        form.addRow(self.tr("Password"), self.password_field)
        account_layout.addLayout(form)
        # Outside the form: a word-wrapped label in a form row gets too tall a row.
        account_layout.addWidget(self.password_status)
        layout.addWidget(account)

        paths = QGroupBox(self.tr("API paths"), self)
        paths_form = QFormLayout(paths)
        self.auth_prefix_field = QLineEdit(paths)
        self.orders_prefix_field = QLineEdit(paths)
        self.update_prefix_field = QLineEdit(paths)
        for key, widget in (
            (OMNITRON_AUTH_PREFIX, self.auth_prefix_field),
            (OMNITRON_ORDERS_PREFIX, self.orders_prefix_field),
            (OMNITRON_UPDATE_PREFIX, self.update_prefix_field),
        ):
            widget.setPlaceholderText(setting_help(key))
            paths_form.addRow(setting_label(key), widget)
        layout.addWidget(paths)

        tls = QGroupBox(self.tr("Certificates"), self)
        tls_layout = QVBoxLayout(tls)
        ca_row = QHBoxLayout()
        self.ca_bundle_field = QLineEdit(tls)
        self.ca_bundle_field.setToolTip(setting_help(OMNITRON_CA_BUNDLE))
        #: Button that opens a file chooser for the CA certificate file.
        self.browse_button = QPushButton(self.tr("Choose…"), tls)
        ca_row.addWidget(QLabel(setting_label(OMNITRON_CA_BUNDLE), tls))
        ca_row.addWidget(self.ca_bundle_field, 1)
        ca_row.addWidget(self.browse_button)
        tls_layout.addLayout(ca_row)
        tls_note = QLabel(
            self.tr(
                "Omnitron's certificate is always checked. A company that inspects HTTPS "
                "traffic gives you a CA file to choose here."
            ),
            tls,
        )
        tls_note.setWordWrap(True)
        tls_layout.addWidget(tls_note)
        layout.addWidget(tls)

        test_row = QHBoxLayout()
        #: Button that logs in to Omnitron with the values on this tab.
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnectionButton")
        self.test_result = QLabel(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)

        self.problems = problem_label(self)
        layout.addWidget(self.problems)
        restart_note = QLabel(
            self.tr(
                "The sync of this station uses changed connection settings after the program "
                "is started again."
            ),
            self,
        )
        restart_note.setWordWrap(True)
        layout.addWidget(restart_note)
        layout.addStretch(1)

        self._fields = {
            OMNITRON_URL: self.url_field,
            OMNITRON_USER: self.user_field,
            OMNITRON_AUTH_PREFIX: self.auth_prefix_field,
            OMNITRON_ORDERS_PREFIX: self.orders_prefix_field,
            OMNITRON_UPDATE_PREFIX: self.update_prefix_field,
            OMNITRON_CA_BUNDLE: self.ca_bundle_field,
        }
        for key, widget in self._fields.items():
            widget.textEdited.connect(lambda text, key=key: self._on_field_edited(key, text))
        self.password_field.textEdited.connect(self._on_password_edited)
        self.browse_button.clicked.connect(self._choose_ca_bundle)
        self.test_button.clicked.connect(self.start_test)

    # -- draft ---------------------------------------------------------------------

    def set_config(self, config: StationConfig) -> None:
        """Show the connection settings of ``config``; edits go into it."""
        self._config = config
        self._loading = True
        try:
            for key, widget in self._fields.items():
                widget.setText(str(config.settings.get(key, "")))
            self.password_field.clear()
        finally:
            self._loading = False

    def values(self) -> ConnectionValues:
        return ConnectionValues(
            url=self.url_field.text().strip(),
            user=self.user_field.text().strip(),
            auth_prefix=self.auth_prefix_field.text().strip(),
            orders_prefix=self.orders_prefix_field.text().strip(),
            update_prefix=self.update_prefix_field.text().strip(),
            ca_bundle=self.ca_bundle_field.text().strip(),
            password=self.password_field.text(),
        )

    def typed_password(self) -> str:
        return self.password_field.text()

    def clear_password(self) -> None:
        self.password_field.clear()
        mark_field(self.password_field, None)

    def _on_field_edited(self, key: str, text: str) -> None:
        if self._loading or self._config is None:
            return
        self._config.settings[key] = text.strip()
        self.edited.emit()

    def _on_password_edited(self, _text: str) -> None:
        mark_field(self.password_field, None)
        self.edited.emit()

    def _choose_ca_bundle(self) -> None:
        start = os.path.dirname(self.ca_bundle_field.text()) or os.path.expanduser("~")
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the company CA certificate file"),
            start,
            #: File filter of the CA certificate chooser.
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle_field.setText(path)
            self._on_field_edited(OMNITRON_CA_BUNDLE, path)

    # -- problems and password state ----------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        messages = []
        for key, widget in self._fields.items():
            found = [
                problem
                for problem in problems
                if problem.section == SETTINGS_SECTION and problem.field == key
            ]
            message = problem_message(found[0]) if found else None
            mark_field(widget, message)
            if message:
                messages.append(f"{setting_label(key)}: {message}")
        show_problems(self.problems, messages)

    def mark_password(self, message: str | None) -> None:
        mark_field(self.password_field, message)
        if message:
            show_problems(self.problems, [message])

    def show_password_state(self, found: FoundPassword, keyring: KeyringStatus) -> None:
        """Say where the station takes the password from, and whether the keyring works."""
        if found.source is PasswordSource.ENVIRONMENT:
            #: %1 is the name of an environment variable.
            text = fill(
                self.tr(
                    "The password comes from the environment variable %1 on this computer; "
                    "it wins over a password saved here."
                ),
                ENV_PASSWORD,
            )
        elif found.source is PasswordSource.KEYRING:
            text = self.tr(
                "A password is saved in the operating system's keyring. Type a new one only "
                "to replace it."
            )
        elif not keyring.available:
            #: %1 is the name of an environment variable.
            text = fill(
                self.tr(
                    "This computer has no keyring to keep the password safely, so it cannot be "
                    "saved here. You can still test a typed password. Set the environment "
                    "variable %1 for this station and for the sync service instead."
                ),
                ENV_PASSWORD,
            )
        else:
            text = self.tr("No password is saved yet: type it and press Save.")
        self.password_status.setText(text)
        self.keyring_available = keyring.available

    # -- test connection -----------------------------------------------------------

    def is_testing(self) -> bool:
        return self._test_call is not None

    def start_test(self) -> None:
        """Log in with the values on this tab and read one page of orders, off the GUI thread."""
        self.cancel_test()
        values = self.values()
        environ = dict(self._environ)

        async def run() -> ConnectionTestResult:
            try:
                settings = await resolve_omnitron_settings(values, environ)
            except OmnitronNotConfigured as error:
                return ConnectionTestResult(
                    ConnectionTestKind.INVALID_SETTINGS, values.url, values.user, "", error.reason
                )
            except NoPasswordError as error:
                return ConnectionTestResult(
                    ConnectionTestKind.NO_PASSWORD, values.url, values.user, "login", str(error)
                )
            return await test_connection(settings)

        call = AsyncCall(run)
        self._test_call = call
        self.test_button.setEnabled(False)
        #: Shown while the connection test runs; %1 is the Omnitron address.
        self.test_result.setText(fill(self.tr("Connecting to %1…"), values.url or "?"))
        self.test_result.setStyleSheet("")
        self._runner.submit(
            call,
            lambda result: self._on_test_done(call, result),
            lambda error: self._on_test_failed(call, error),
            expected=(asyncio.CancelledError,),
            description="Omnitron connection test",
        )

    def cancel_test(self) -> None:
        if self._test_call is not None:
            self._test_call.cancel()
            self._test_call = None
            self.test_button.setEnabled(True)

    def _on_test_done(self, call: AsyncCall[Any], result: ConnectionTestResult) -> None:
        if call is not self._test_call:
            return
        self._test_call = None
        self.test_button.setEnabled(True)
        self.test_result.setText(connection_result_text(result))
        colour = "#1b5e20" if result.ok else "#b71c1c"
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_finished.emit(result)

    def _on_test_failed(self, call: AsyncCall[Any], _error: BaseException) -> None:
        # Only a cancelled test lands here; a newer test or the closing dialog cancelled it.
        if call is self._test_call:
            self._test_call = None
            self.test_button.setEnabled(True)


def connection_result_text(result: ConnectionTestResult) -> str:
    """Return the translated sentence for a connection test result, with the detail."""

    kind = result.kind
    url = result.url
    if kind is ConnectionTestKind.SUCCESS:
        #: %1 is the Omnitron address, %2 the user name, %3 a number of orders.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest", "Connected to %1 as %2. Omnitron shows %3 orders."
            ),
            url,
            result.user,
            result.order_count,
        )
    if kind is ConnectionTestKind.NO_PASSWORD:
        #: %1 is the name of an environment variable.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest", "No password: type it above, or set the environment variable %1."
            ),
            ENV_PASSWORD,
        )
    if kind is ConnectionTestKind.INVALID_SETTINGS:
        #: %1 is the reason, in English.
        return fill(
            QCoreApplication.translate("ConnectionTest", "The connection settings are invalid: %1"),
            result.detail,
        )
    if kind is ConnectionTestKind.DNS_FAILURE:
        #: %1 is a host name, %2 the system's message.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "The name %1 cannot be found (DNS: %2). Check the spelling of the address and "
                "the network connection.",
            ),
            result.host,
            result.detail,
        )
    if kind is ConnectionTestKind.TLS_ERROR:
        #: %1 is the Omnitron address, %2 the certificate problem, in English.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "The TLS certificate of %1 is not trusted: %2. If your company uses its own "
                "certificates, choose its CA file under Certificates.",
            ),
            url,
            result.detail,
        )
    if kind is ConnectionTestKind.CONNECTION_REFUSED:
        #: %1 is the Omnitron address.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "%1 refused the connection: nothing answers at that address and port. Check "
                "the address, and whether Omnitron is running.",
            ),
            url,
        )
    if kind is ConnectionTestKind.CONNECTION_FAILED:
        #: %1 is the Omnitron address, %2 the reason, in English.
        return fill(
            QCoreApplication.translate("ConnectionTest", "The connection to %1 failed: %2"),
            url,
            result.detail,
        )
    if kind is ConnectionTestKind.TIMEOUT:
        #: %1 is the Omnitron address, %2 what timed out, in English.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest", "%1 did not answer in time (%2). Try again later."
            ),
            url,
            result.detail,
        )
    if kind is ConnectionTestKind.UNAUTHORISED:
        #: %1 is the Omnitron address, %2 the user name, %3 Omnitron's message.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "Omnitron at %1 rejected the login of user %2: wrong user name or password. "
                "Omnitron says: %3",
            ),
            url,
            result.user,
            result.detail,
        )
    if kind is ConnectionTestKind.RATE_LIMITED:
        #: %1 is the Omnitron address, %2 the wait Omnitron asked for, in English.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "Omnitron at %1 asks for fewer requests (HTTP 429: %2). Try again later.",
            ),
            url,
            result.detail,
        )
    if kind is ConnectionTestKind.SERVER_ERROR:
        #: %1 is the Omnitron address, %2 the error, in English.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest", "Omnitron at %1 has a server error: %2. Try again later."
            ),
            url,
            result.detail,
        )
    if kind is ConnectionTestKind.REJECTED:
        #: %1 is the Omnitron address, %2 the HTTP status, %3 the error, in English.
        return fill(
            QCoreApplication.translate(
                "ConnectionTest",
                "Omnitron at %1 rejected the request with HTTP %2; check the API paths. %3",
            ),
            url,
            result.status_code,
            result.detail,
        )
    #: %1 is the Omnitron address, %2 what was wrong, in English.
    return fill(
        QCoreApplication.translate(
            "ConnectionTest",
            "The answer from %1 is not what Omnitron sends (%2). Check the address: it may "
            "point at another web site.",
        ),
        url,
        result.detail,
    )
