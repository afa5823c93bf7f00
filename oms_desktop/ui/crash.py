"""Reporting of bugs: unexpected exceptions are logged and shown in a dialog with
copyable details.

Expected failures (a bad scan, a busy database) never come here; they become a
message in the window. In tests and CI the dialog would block, so it is switched off
by the environment variable OMS_CRASH_DIALOG=0 or by ``install_excepthook(False)``;
then exceptions are only logged.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QThread, qVersion
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

CRASH_DIALOG_ENV = "OMS_CRASH_DIALOG"

_dialog_enabled: bool | None = None
_showing_dialog = False


def crash_dialog_enabled() -> bool:
    """Tell whether unexpected exceptions open the dialog (True unless switched off)."""
    if _dialog_enabled is not None:
        return _dialog_enabled
    return os.environ.get(CRASH_DIALOG_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def set_crash_dialog_enabled(enabled: bool | None) -> None:
    """Force the dialog on or off; None goes back to the environment variable."""
    global _dialog_enabled
    _dialog_enabled = enabled


def format_details(error: BaseException, context: str = "") -> str:
    """Return the text a supervisor copies into a bug report: versions and the traceback."""
    lines = [
        f"oms-desktop: {context}" if context else "oms-desktop",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"PySide6 {pyside_version}, Qt {qVersion()}",
        "",
    ]
    lines.extend(traceback.format_exception(type(error), error, error.__traceback__))
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    """Tells the user that the program hit a bug and offers the details to copy."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        layout = QVBoxLayout(self)
        message = QLabel(
            self.tr(
                "The program hit an error it did not expect. Your last action may not have "
                "been completed: check the package in the list before going on.\n"
                "Copy the details below and send them to your IT support."
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMinimumSize(640, 280)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        #: Button that copies the error details to the clipboard.
        copy_button = buttons.addButton(
            self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        title_font = QFont(message.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        message.setFont(title_font)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def report_exception(error: BaseException, context: str = "") -> None:
    """Log an unexpected exception and, when enabled and possible, show the crash dialog.

    The dialog opens only on the GUI thread of a running QApplication, and never on
    top of another crash dialog; otherwise the exception is only logged.
    """
    log.error("Unexpected error%s", f" in {context}" if context else "", exc_info=error)
    global _showing_dialog
    app = QCoreApplication.instance()
    if (
        not crash_dialog_enabled()
        or _showing_dialog
        or not isinstance(app, QApplication)
        or QThread.currentThread() is not app.thread()
    ):
        return
    _showing_dialog = True
    try:
        dialog = CrashDialog(format_details(error, context), QApplication.activeWindow())
        dialog.exec()
    finally:
        _showing_dialog = False


def _excepthook(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, error, tb)
        return
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    report_exception(error, "an event handler")


def install_excepthook(show_dialog: bool | None = None) -> None:
    """Route uncaught exceptions (in Qt slots and event handlers too) to report_exception.

    Args:
        show_dialog: True or False forces the dialog on or off; None reads
            OMS_CRASH_DIALOG (dialog unless it is 0, false, no or off).
    """
    set_crash_dialog_enabled(show_dialog)
    sys.excepthook = _excepthook
