"""The settings dialog's import and export tab: the whole station configuration as the
JSON document of ``oms-desktop settings import`` and ``settings export``.

An import is checked whole and shown as a list of changes first; the database changes
only after the supervisor confirms, in one transaction that also writes the audit log.
An export never contains a secret: the document has no place for the Omnitron password
(it lives in the OS keyring) nor for the supervisor's PIN (only its hash is stored, and
that stays in the database).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.config_io import (
    ImportPlan,
    InvalidConfiguration,
    apply_import,
    export_config,
    plan_import,
)
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.ui.settings_common import fill
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)

Confirm = Callable[[str, str], bool]


class ImportFileError(Exception):
    """The import file cannot be read or is not JSON; the message names the file and the cause."""


@dataclass(frozen=True)
class Preview:
    path: str
    plan: ImportPlan


def read_json(path: str) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(f"{path}: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None


class TransferTab(QWidget):
    """Exports the configuration to a file, and previews and applies an import.

    ``confirm(title, question)`` returns the supervisor's yes or no before an import changes
    the database. ``has_unsaved_edits`` tells whether the dialog contains edits an import
    would discard.

    Signals:
        exported(str): the configuration was written to that path.
        preview_ready(object): the ImportPlan of a checked file, not applied yet.
        imported(object): the ImportPlan that was applied and committed.
        failed(str): reading, checking, applying or writing failed; the text says why.
    """

    exported = Signal(str)
    preview_ready = Signal(object)
    imported = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        runner: TaskRunner,
        *,
        station: str,
        operator: str,
        confirm: Confirm,
        has_unsaved_edits: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._runner = runner
        self._station = station
        self._operator = operator
        self._confirm = confirm
        self._has_unsaved_edits = has_unsaved_edits
        self.preview: Preview | None = None

        export_box = QGroupBox(self.tr("Export"), self)
        export_layout = QVBoxLayout(export_box)
        export_note = QLabel(
            self.tr(
                "Writes channels, cargo companies, conditions and settings to a JSON file, "
                "for another station or as a backup. Passwords are never written."
            ),
            export_box,
        )
        export_note.setWordWrap(True)
        #: Button that writes the station configuration to a file.
        self.export_button = QPushButton(self.tr("Export to a file…"), export_box)
        self.export_button.clicked.connect(self._choose_export_file)
        export_layout.addWidget(export_note)
        export_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)

        import_box = QGroupBox(self.tr("Import"), self)
        import_layout = QVBoxLayout(import_box)
        import_note = QLabel(
            self.tr(
                "Reads a JSON file and lists what it would change. Nothing changes until you "
                "press Apply import. Conditions in the file replace the conditions of the "
                "cargo companies it names; channels and cargo companies are never deleted."
            ),
            import_box,
        )
        import_note.setWordWrap(True)
        #: Button that opens a configuration file to preview its changes.
        self.open_button = QPushButton(self.tr("Open a file…"), import_box)
        #: Button that applies the previewed configuration file.
        self.apply_button = QPushButton(self.tr("Apply import"), import_box)
        self.apply_button.setEnabled(False)
        self.open_button.clicked.connect(self._choose_import_file)
        self.apply_button.clicked.connect(self.apply_preview)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        self.preview_text = QPlainTextEdit(import_box)
        self.preview_text.setObjectName("importPreview")
        self.preview_text.setReadOnly(True)
        self.preview_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        import_layout.addWidget(import_note)
        import_layout.addLayout(row)
        import_layout.addWidget(self.preview_text, 1)

        self.status = QLabel(self)
        self.status.setObjectName("transferStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(export_box)
        layout.addWidget(import_box, 1)
        layout.addWidget(self.status)

    # -- export --------------------------------------------------------------------

    def _choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the station configuration"),
            str(Path.home() / "oms-desktop-configuration.json"),
            #: File filter of the configuration file chooser.
            self.tr("JSON files (*.json);;All files (*)"),
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the stored configuration (not unsaved edits) to ``path``, off the GUI thread."""
        sessions = self._sessions

        def work() -> dict[str, Any]:
            with sessions() as session:
                document = export_config(session)
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            try:
                Path(path).write_text(text, encoding="utf-8")
            except OSError as error:
                raise ImportFileError(f"{path}: {error}") from None
            return document

        self.export_button.setEnabled(False)
        self._runner.submit(
            work,
            lambda document: self._on_exported(path, document),
            self._on_failed,
            expected=(ImportFileError, *DATABASE_ERRORS),
            description=f"exporting the configuration to {path}",
        )

    def _on_exported(self, path: str, document: dict[str, Any]) -> None:
        self.export_button.setEnabled(True)
        #: %1 is a file path, %2 to %4 are numbers.
        self.status.setText(
            fill(
                self.tr("Exported to %1: %2 channels, %3 cargo companies, %4 conditions."),
                path,
                len(document["channels"]),
                len(document["cargo_companies"]),
                len(document["conditions"]),
            )
        )
        log.info("Exported the station configuration to %s", path)
        self.exported.emit(path)

    # -- import --------------------------------------------------------------------

    def _choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a station configuration"),
            str(Path.home()),
            self.tr("JSON files (*.json);;All files (*)"),
        )
        if path:
            self.preview_import(path)

    def preview_import(self, path: str) -> None:
        """Check the file at ``path`` and list its changes; the database is only read."""
        sessions = self._sessions

        def work() -> Preview:
            document = read_json(path)
            with sessions() as session:
                return Preview(path, plan_import(session, document))

        self.preview = None
        self.apply_button.setEnabled(False)
        self.preview_text.clear()
        self._runner.submit(
            work,
            self._on_previewed,
            self._on_failed,
            expected=(ImportFileError, ConfigurationError, *DATABASE_ERRORS),
            description=f"checking the configuration file {path}",
        )

    def _on_previewed(self, preview: Preview) -> None:
        self.preview = preview
        lines = preview.plan.describe()
        if lines:
            self.preview_text.setPlainText("\n".join(lines))
            #: %1 is a file path, %2 a number of changes.
            self.status.setText(
                fill(
                    self.tr("%1 is valid and makes %2 changes, listed above."),
                    preview.path,
                    len(lines),
                )
            )
        else:
            self.preview_text.setPlainText("")
            #: %1 is a file path.
            self.status.setText(
                fill(self.tr("%1 is valid; the station already matches it."), preview.path)
            )
        self.apply_button.setEnabled(bool(lines))
        self.preview_ready.emit(preview.plan)

    def apply_preview(self) -> None:
        """Apply the previewed file after the supervisor confirms, in one transaction."""
        preview = self.preview
        if preview is None or preview.plan.is_empty:
            return
        question = fill(
            #: %1 is a number of changes, %2 a file path.
            self.tr("Apply %1 changes from %2 to the station configuration?"),
            len(preview.plan.changes),
            preview.path,
        )
        if self._has_unsaved_edits():
            question += "\n\n" + self.tr("Your unsaved edits in this dialog will be discarded.")
        if not self._confirm(self.tr("Apply import"), question):
            return
        sessions = self._sessions
        station = self._station
        operator = self._operator

        def work() -> ImportPlan:
            with transaction(sessions) as session:
                return apply_import(session, preview.plan, station, operator)

        self.apply_button.setEnabled(False)
        self._runner.submit(
            work,
            self._on_imported,
            self._on_failed,
            expected=(ConfigurationError, *DATABASE_ERRORS),
            description=f"importing the configuration file {preview.path}",
        )

    def _on_imported(self, plan: ImportPlan) -> None:
        path = self.preview.path if self.preview else ""
        self.preview = None
        #: %1 is a number of changes, %2 a file path.
        self.status.setText(fill(self.tr("Imported %1 changes from %2."), len(plan.changes), path))
        log.info("Imported %d configuration changes from %s", len(plan.changes), path)
        self.imported.emit(plan)

    def _on_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.apply_button.setEnabled(self.preview is not None)
        if isinstance(error, InvalidConfiguration):
            lines = [str(problem) for problem in error.problems]
            self.preview_text.setPlainText("\n".join(lines))
            #: %1 is a number of problems, listed above the message.
            text = fill(
                self.tr("The file is invalid (%1 problems, listed above); nothing was imported."),
                len(lines),
            )
        else:
            #: %1 is the reason, partly in English.
            text = fill(self.tr("Failed: %1"), error)
        self.status.setText(text)
        self.failed.emit(text)
