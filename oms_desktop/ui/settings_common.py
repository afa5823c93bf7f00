"""Parts shared by the settings dialog's tabs: invalid-field marks, a generic table model,
translated problem texts, and coroutines run off the GUI thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from oms_desktop.ui.labels import status_label
from oms_desktop.ui.settings_validation import Problem, ProblemKind

T = TypeVar("T")
R = TypeVar("R")

ModelIndex = QModelIndex | QPersistentModelIndex

INVALID_PROPERTY = "invalid"
# Applied by the dialog's style sheet to every widget whose "invalid" property is true.
INVALID_STYLE = (
    '*[invalid="true"] { border: 2px solid #c62828; border-radius: 3px; }'
    " QLabel#problemLabel { color: #b71c1c; }"
)
PROBLEM_COLOUR = QColor("#b71c1c")


def fill(template: str, *values: object) -> str:
    """Replace %1, %2 ... in a translated template, highest number first (%1 inside %10)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def mark_field(widget: QWidget, message: str | None) -> None:
    """Show ``widget`` as invalid with ``message`` as its tooltip, or clear the mark."""
    invalid = message is not None
    if bool(widget.property(INVALID_PROPERTY)) != invalid:
        widget.setProperty(INVALID_PROPERTY, invalid)
        # A dynamic property change does not restyle the widget by itself.
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.update()
    widget.setToolTip(message or "")
    widget.setAccessibleDescription(message or "")


def is_marked(widget: QWidget) -> bool:
    return bool(widget.property(INVALID_PROPERTY))


def problem_label(parent: QWidget) -> QLabel:
    """Return the red label under a form that lists the reasons of its marked fields."""
    label = QLabel(parent)
    label.setObjectName("problemLabel")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def show_problems(label: QLabel, messages: Sequence[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


def problem_message(problem: Problem) -> str:
    """Return the translated reason of ``problem``, naming the offending value."""
    kind = problem.kind
    value = problem.value
    if kind is ProblemKind.REQUIRED:
        return QCoreApplication.translate("SettingsProblems", "This field must not be empty.")
    if kind is ProblemKind.NOT_POSITIVE:
        #: %1 is the number typed.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems", "The Omnitron id must be greater than 0, not %1."
            ),
            value,
        )
    if kind is ProblemKind.TOO_LONG:
        #: %1 is the maximum number of characters.
        return fill(
            QCoreApplication.translate("SettingsProblems", "Too long: at most %1 characters."),
            value,
        )
    if kind is ProblemKind.DUPLICATE:
        if problem.field == "from_status":
            #: A state transition; %1 is a package status name.
            return fill(
                QCoreApplication.translate(
                    "SettingsProblems", "This command already has a transition from “%1”."
                ),
                value,
            )
        #: %1 is an Omnitron id or a slug that another row already has.
        return fill(
            QCoreApplication.translate("SettingsProblems", "“%1” is already used by another row."),
            value,
        )
    if kind is ProblemKind.UNKNOWN_STATUS:
        #: %1 is the text typed, %2 the list of known package status names.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems", "“%1” is not a package status. Choose one of: %2."
            ),
            value,
            _known(),
        )
    if kind is ProblemKind.UNKNOWN_CLASS:
        #: %1 is a class name from the station configuration.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems", "“%1” is not a class this program knows."
            ),
            value,
        )
    if kind is ProblemKind.UNKNOWN_CARGO_COMPANY:
        #: %1 is an Omnitron cargo company id.
        return fill(
            QCoreApplication.translate("SettingsProblems", "Cargo company %1 does not exist."),
            value,
        )
    if kind is ProblemKind.UNKNOWN_CHANNEL:
        #: %1 is a list of Omnitron channel ids.
        return fill(
            QCoreApplication.translate("SettingsProblems", "Channels %1 do not exist."), value
        )
    if kind is ProblemKind.INVALID_COMMAND:
        #: %1 is the command name typed.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems", "“%1” is not a command name: use capital letters, digits and _."
            ),
            value,
        )
    if kind is ProblemKind.INVALID_SLUG:
        #: %1 is the slug typed.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems", "“%1” must not contain spaces (at most 120 characters)."
            ),
            value,
        )
    if kind is ProblemKind.INVALID_URL:
        #: %1 is the URL typed.
        return fill(
            QCoreApplication.translate(
                "SettingsProblems",
                "“%1” is not a valid address. Give one like https://omnitron.example.com",
            ),
            value,
        )
    if kind is ProblemKind.PASSWORD_IN_URL:
        return QCoreApplication.translate(
            "SettingsProblems",
            "The address contains a password. Remove it; the password has its own field.",
        )
    if kind is ProblemKind.FILE_NOT_FOUND:
        #: %1 is a file path.
        return fill(
            QCoreApplication.translate("SettingsProblems", "The file %1 does not exist."), value
        )
    #: %1 is the reason in English, from the settings registry.
    return fill(QCoreApplication.translate("SettingsProblems", "Invalid value: %1"), problem.reason)


def _known() -> str:
    from oms_desktop.core.statuses import PackageStatus

    return ", ".join(status.value for status in PackageStatus)


def status_text(name: str) -> str:
    """Return a status name with its translated label, for example "packed (Packed)"."""
    label = status_label(name)
    return name if label == name else f"{name} ({label})"


# ---------------------------------------------------------------------------------------
# A table over a list of dataclass rows
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its translated title, the cell text, and optionally a sort key."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of rows; rows with a problem are drawn in red.

    The list is shared with the caller, who edits the rows and then calls
    ``row_changed`` or ``set_rows``.
    """

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        self._problem_uids: set[int] = set()

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[R]:
        return self._rows

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record: R) -> int | None:
        for position, candidate in enumerate(self._rows):
            if candidate is record:
                return position
        return None

    def row_changed(self, record: R) -> None:
        position = self.row_of(record)
        if position is not None:
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, len(self._columns) - 1)
            )

    def set_problem_uids(self, uids: set[int]) -> None:
        if uids == self._problem_uids:
            return
        self._problem_uids = uids
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole:
            if getattr(record, "uid", None) in self._problem_uids:
                return PROBLEM_COLOUR
            return None
        if role == self.ROW_ROLE:
            return record
        if role == self.SORT_ROLE:
            key = column.sort_key or column.text
            return key(record)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None


# ---------------------------------------------------------------------------------------
# Coroutines off the GUI thread
# ---------------------------------------------------------------------------------------


class AsyncCall(Generic[T]):
    """A callable for ``TaskRunner.submit`` that runs a coroutine on the worker thread's
    own event loop, so an httpx request never blocks the GUI thread.

    ``cancel`` may be called from the GUI thread at any time: the coroutine gets a
    CancelledError at its next await, and the runner reports that error as the failure.
    """

    def __init__(self, factory: Callable[[], Coroutine[Any, Any, T]]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[T] | None = None
        self._cancelled = False

    def __call__(self) -> T:
        # A selector loop explicitly: asyncio.run would ask the process-wide loop policy,
        # which qasync may have replaced with one that builds Qt loops.
        with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
            loop = runner.get_loop()
            task = loop.create_task(self._factory())
            with self._lock:
                self._loop, self._task = loop, task
                if self._cancelled:
                    task.cancel()
            try:
                return loop.run_until_complete(task)
            finally:
                with self._lock:
                    self._loop = self._task = None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._loop is not None and self._task is not None:
                self._loop.call_soon_threadsafe(self._task.cancel)

    @property
    def cancelled(self) -> bool:
        return self._cancelled
