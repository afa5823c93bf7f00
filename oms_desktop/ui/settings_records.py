"""List-and-form tabs of the settings dialog: channels, cargo companies, state transitions.

Each tab shows its rows of the draft in a table; the form below edits the selected row in
place, so the draft always contains what the supervisor sees. Invalid fields are marked on
the form (red border, the reason in the tooltip and under the form) and rows with a
problem are drawn in red in the table.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oms_desktop.core.payloads import CargoCompanyPayload, ChannelPayload
from oms_desktop.core.statuses import Command, PackageStatus
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.errors import OmnitronError, OmnitronNotConfigured
from oms_desktop.ui.settings_common import (
    AsyncCall,
    Column,
    RecordTableModel,
    fill,
    mark_field,
    problem_label,
    problem_message,
    show_problems,
    status_text,
)
from oms_desktop.ui.settings_connection import (
    ConnectionValues,
    NoPasswordError,
    resolve_omnitron_settings,
)
from oms_desktop.ui.settings_model import (
    CARGO_COMPANIES,
    CHANNELS,
    TRANSITIONS,
    CargoCompanyRow,
    ChannelRow,
    StationConfig,
    TransitionRow,
)
from oms_desktop.ui.settings_store import MergeCount, merge_cargo_companies, merge_channels
from oms_desktop.ui.settings_validation import Problem
from oms_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

R = TypeVar("R")

# Largest Omnitron id the spin box accepts: the database column is a 32-bit integer.
MAX_OMNITRON_ID = 2**31 - 1
FETCH_ERRORS = (OmnitronError, OmnitronNotConfigured, NoPasswordError, asyncio.CancelledError)


def yes_no(value: bool) -> str:
    if value:
        #: Table cell of a flag that is on.
        return QCoreApplication.translate("SettingsTables", "yes")
    #: Table cell of a flag that is off.
    return QCoreApplication.translate("SettingsTables", "no")


class RecordTabTexts(QObject):
    """Plural texts of the record tabs. lupdate of PySide6 6.11 reads plural forms only from
    ``self.tr(text, "", n)`` calls, and ``self.tr`` in RecordTab would look texts up under
    each subclass's name, so the texts live in this class of their own."""

    def other_invalid_rows(self, count: int) -> str:
        #: Under a form; the rows in question are red in the table above.
        return self.tr("%n other row(s) in red above have invalid fields too.", "", count)


_RECORD_TEXTS = RecordTabTexts()


class RecordTab(QWidget, Generic[R]):
    """A table of draft rows above a form that edits the selected one.

    Subclasses give the columns, build the form (registering each field widget with
    ``add_field``), and copy values between a row and the form. Texts of this class and
    of ``_OmnitronListTab`` name their translation context explicitly: PySide's
    ``self.tr`` looks texts up under the class of the object, a subclass, while lupdate
    files them under the class whose code calls it.

    Signals:
        edited(): the draft changed.
    """

    edited = Signal()
    section = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config: StationConfig | None = None
        self._loading = False
        self._problems: list[Problem] = []
        self._fields: dict[str, QWidget] = {}
        self._field_labels: dict[str, str] = {}

        self.model: RecordTableModel[R] = RecordTableModel(self.columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.buttons = QHBoxLayout()
        self.form_box = QGroupBox(self)
        self.form = QFormLayout(self.form_box)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.problems = problem_label(self)

        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.table, 1)
        self.main_layout.addLayout(self.buttons)
        self.main_layout.addWidget(self.form_box)
        self.main_layout.addWidget(self.problems)
        self.build_form()
        self.form_box.setEnabled(False)

    # -- for subclasses ------------------------------------------------------------

    def columns(self) -> Sequence[Column[R]]:
        raise NotImplementedError

    def build_form(self) -> None:
        raise NotImplementedError

    def rows(self, config: StationConfig) -> list[R]:
        raise NotImplementedError

    def load_form(self, row: R) -> None:
        raise NotImplementedError

    def write_form(self, row: R) -> None:
        raise NotImplementedError

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        """Put ``widget`` on the form; ``name`` is the row attribute problems refer to."""
        self._fields[name] = widget
        self._field_labels[name] = label
        self.form.addRow(label, widget)

    def add_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    # -- draft binding -------------------------------------------------------------

    @property
    def config(self) -> StationConfig | None:
        return self._config

    def set_config(self, config: StationConfig) -> None:
        self._config = config
        self.model.set_rows(self.rows(config))
        self.table.resizeColumnsToContents()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
        else:
            self._show_row(None)

    def refresh(self) -> None:
        """Redraw the table and the form, after another tab changed rows they show."""
        if self._config is None:
            return
        current = self.current()
        self.model.set_rows(self.rows(self._config))
        if current is not None:
            self.select(current)
        else:
            self._show_row(None)

    def current(self) -> R | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select(self, row: R) -> bool:
        position = self.model.row_of(row)
        if position is None:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(position, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show_row(row)
        return True

    def append(self, row: R) -> None:
        """Add a new row to the draft list, select it and put the cursor in the form."""
        if self._config is None:
            return
        self.rows(self._config).append(row)
        self.model.set_rows(self.rows(self._config))
        self.select(row)
        first = next(iter(self._fields.values()), None)
        if first is not None:
            first.setFocus()
        self.edited.emit()

    def _on_current_changed(self, *_: Any) -> None:
        self._show_row(self.current())

    def _show_row(self, row: R | None) -> None:
        self._loading = True
        try:
            self.form_box.setEnabled(row is not None)
            if row is not None:
                self.load_form(row)
        finally:
            self._loading = False
        self._mark_current()

    def form_changed(self, *_: Any) -> None:
        """Copy the form into the selected row; connected to every field's change signal."""
        if self._loading:
            return
        row = self.current()
        if row is None:
            return
        self.write_form(row)
        self.model.row_changed(row)
        self.edited.emit()

    # -- problems ------------------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        self._problems = [problem for problem in problems if problem.section == self.section]
        self.model.set_problem_uids(
            {problem.uid for problem in self._problems if problem.uid is not None}
        )
        self._mark_current()

    def has_problems(self) -> bool:
        return bool(self._problems)

    def _mark_current(self) -> None:
        row = self.current()
        uid = getattr(row, "uid", None)
        mine = [problem for problem in self._problems if problem.uid == uid]
        messages = []
        for name, widget in self._fields.items():
            found = [problem for problem in mine if problem.field == name]
            message = problem_message(found[0]) if found else None
            mark_field(widget, message)
            if message:
                messages.append(f"{self._field_labels[name]}: {message}")
        others = {problem.uid for problem in self._problems} - {uid}
        if others:
            messages.append(_RECORD_TEXTS.other_invalid_rows(len(others)))
        show_problems(self.problems, messages)


# ---------------------------------------------------------------------------------------
# Channels and cargo companies
# ---------------------------------------------------------------------------------------


class _OmnitronListTab(RecordTab[R]):
    """A record tab with a button that fetches its list from Omnitron into the draft.

    Signals:
        fetched(object): the MergeCount after a fetch was merged into the draft.
        fetch_failed(str): a fetch failed; the text gives the reason.
    """

    fetched = Signal(object)
    fetch_failed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        connection: Callable[[], ConnectionValues],
        environ: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._connection = connection
        self._environ = environ
        self._fetch_call: AsyncCall[Any] | None = None
        self.fetch_status = QLabel(self)
        self.fetch_status.setWordWrap(True)
        self.fetch_status.setTextFormat(Qt.TextFormat.PlainText)
        self.main_layout.insertWidget(2, self.fetch_status)

    async def _fetch(self, client: OmnitronClient) -> list[Any]:
        raise NotImplementedError

    def _merge(self, config: StationConfig, payloads: list[Any]) -> MergeCount:
        raise NotImplementedError

    def is_fetching(self) -> bool:
        return self._fetch_call is not None

    def start_fetch(self) -> None:
        """Ask Omnitron for the list off the GUI thread and merge it into the draft."""
        self.cancel_fetch()
        values = self._connection()
        environ = dict(self._environ)

        async def run() -> list[Any]:
            settings = await resolve_omnitron_settings(values, environ)
            async with OmnitronClient(settings, max_attempts=2) as client:
                return await self._fetch(client)

        call: AsyncCall[list[Any]] = AsyncCall(run)
        self._fetch_call = call
        self.fetch_button.setEnabled(False)
        #: Shown while a list is read from Omnitron.
        self.fetch_status.setText(QCoreApplication.translate("OmnitronListTab", "Asking Omnitron…"))
        self._runner.submit(
            call,
            lambda payloads: self._on_fetched(call, payloads),
            lambda error: self._on_fetch_failed(call, error),
            expected=FETCH_ERRORS,
            description=f"fetching {self.section} from Omnitron",
        )

    def cancel_fetch(self) -> None:
        if self._fetch_call is not None:
            self._fetch_call.cancel()
            self._fetch_call = None
            self.fetch_button.setEnabled(True)

    def _on_fetched(self, call: AsyncCall[Any], payloads: list[Any]) -> None:
        if call is not self._fetch_call or self._config is None:
            return
        self._fetch_call = None
        self.fetch_button.setEnabled(True)
        count = self._merge(self._config, payloads)
        self.refresh()
        #: %1 and %2 are numbers of rows.
        self.fetch_status.setText(
            fill(
                QCoreApplication.translate(
                    "OmnitronListTab",
                    "Omnitron lists %1 new and %2 changed rows. Press Save to keep them.",
                ),
                count.added,
                count.updated,
            )
        )
        if count.added or count.updated:
            self.edited.emit()
        self.fetched.emit(count)

    def _on_fetch_failed(self, call: AsyncCall[Any], error: BaseException) -> None:
        if call is not self._fetch_call:
            return
        self._fetch_call = None
        self.fetch_button.setEnabled(True)
        if isinstance(error, asyncio.CancelledError):
            return
        if isinstance(error, NoPasswordError):
            reason = QCoreApplication.translate(
                "OmnitronListTab", "no Omnitron password: type it on the Omnitron connection tab"
            )
        elif isinstance(error, OmnitronNotConfigured):
            reason = error.reason
        else:
            reason = str(error)
        #: %1 is the reason, partly in English.
        text = fill(
            QCoreApplication.translate("OmnitronListTab", "Omnitron could not be asked: %1"), reason
        )
        self.fetch_status.setText(text)
        self.fetch_failed.emit(text)

    fetch_button: QPushButton


class ChannelsTab(_OmnitronListTab[ChannelRow]):
    section = CHANNELS

    def columns(self) -> Sequence[Column[ChannelRow]]:
        return [
            Column(
                self.tr("Omnitron id"), lambda row: str(row.omnitron_id), lambda r: r.omnitron_id
            ),
            Column(self.tr("Name"), lambda row: row.name),
            Column(self.tr("Type"), lambda row: row.channel_type),
            Column(self.tr("Active"), lambda row: yes_no(row.is_active)),
        ]

    def build_form(self) -> None:
        self.form_box.setTitle(self.tr("Channel"))
        self.id_field = QSpinBox(self.form_box)
        self.id_field.setRange(1, MAX_OMNITRON_ID)
        self.id_field.setToolTip(self.tr("Fixed once saved: orders refer to it."))
        self.name_field = QLineEdit(self.form_box)
        self.type_field = QLineEdit(self.form_box)
        self.type_field.setPlaceholderText("trendyol, hepsiburada, sales_channel …")
        #: Check box of a channel, cargo company or condition.
        self.active_box = QCheckBox(self.tr("Active"), self.form_box)
        self.add_field("omnitron_id", self.tr("Omnitron id"), self.id_field)
        self.add_field("name", self.tr("Name"), self.name_field)
        self.add_field("channel_type", self.tr("Type"), self.type_field)
        self.add_field("is_active", "", self.active_box)
        self.id_field.valueChanged.connect(self.form_changed)
        self.name_field.textEdited.connect(self.form_changed)
        self.type_field.textEdited.connect(self.form_changed)
        self.active_box.toggled.connect(self.form_changed)

        #: Button that adds a channel typed by hand.
        self.add_button(self.tr("Add channel"), self.add_channel)
        #: Button that reads the channel list from Omnitron.
        self.fetch_button = self.add_button(self.tr("Get channels from Omnitron"), self.start_fetch)
        self.buttons.addStretch(1)
        hint = QLabel(
            self.tr(
                "A channel first seen on an order is added by itself, named “Channel <id>” "
                "until you get the list from Omnitron."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.main_layout.addWidget(hint)

    def rows(self, config: StationConfig) -> list[ChannelRow]:
        return config.channels

    def load_form(self, row: ChannelRow) -> None:
        self.id_field.setValue(max(1, row.omnitron_id))
        self.id_field.setEnabled(not row.stored)
        self.name_field.setText(row.name)
        self.type_field.setText(row.channel_type)
        self.active_box.setChecked(row.is_active)

    def write_form(self, row: ChannelRow) -> None:
        if not row.stored:
            row.omnitron_id = self.id_field.value()
        row.name = self.name_field.text().strip()
        row.channel_type = self.type_field.text().strip()
        row.is_active = self.active_box.isChecked()

    def add_channel(self) -> None:
        config = self._config
        if config is None:
            return
        next_id = max((row.omnitron_id for row in config.channels), default=0) + 1
        self.append(ChannelRow(next_id, ""))

    async def _fetch(self, client: OmnitronClient) -> list[ChannelPayload]:
        return await client.channels()

    def _merge(self, config: StationConfig, payloads: list[Any]) -> MergeCount:
        return merge_channels(config, payloads)


class CargoCompaniesTab(_OmnitronListTab[CargoCompanyRow]):
    section = CARGO_COMPANIES

    def columns(self) -> Sequence[Column[CargoCompanyRow]]:
        return [
            Column(
                self.tr("Omnitron id"), lambda row: str(row.omnitron_id), lambda r: r.omnitron_id
            ),
            Column(self.tr("Name"), lambda row: row.name),
            Column(self.tr("Code"), lambda row: row.code),
            Column(self.tr("Active"), lambda row: yes_no(row.is_active)),
        ]

    def build_form(self) -> None:
        self.form_box.setTitle(self.tr("Cargo company"))
        self.id_field = QSpinBox(self.form_box)
        self.id_field.setRange(1, MAX_OMNITRON_ID)
        self.id_field.setToolTip(self.tr("Fixed once saved: orders refer to it."))
        self.name_field = QLineEdit(self.form_box)
        self.code_field = QLineEdit(self.form_box)
        self.active_box = QCheckBox(self.tr("Active"), self.form_box)
        self.add_field("omnitron_id", self.tr("Omnitron id"), self.id_field)
        self.add_field("name", self.tr("Name"), self.name_field)
        self.add_field("code", self.tr("Code"), self.code_field)
        self.add_field("is_active", "", self.active_box)
        self.id_field.valueChanged.connect(self.form_changed)
        self.name_field.textEdited.connect(self.form_changed)
        self.code_field.textEdited.connect(self.form_changed)
        self.active_box.toggled.connect(self.form_changed)

        self.add_button(self.tr("Add cargo company"), self.add_cargo_company)
        #: Button that turns the selected cargo company off (or on again).
        self.deactivate_button = self.add_button(self.tr("Deactivate"), self.toggle_active)
        self.fetch_button = self.add_button(
            self.tr("Get cargo companies from Omnitron"), self.start_fetch
        )
        self.buttons.addStretch(1)

    def rows(self, config: StationConfig) -> list[CargoCompanyRow]:
        return config.cargo_companies

    def load_form(self, row: CargoCompanyRow) -> None:
        self.id_field.setValue(max(1, row.omnitron_id))
        self.id_field.setEnabled(not row.stored)
        self.name_field.setText(row.name)
        self.code_field.setText(row.code)
        self.active_box.setChecked(row.is_active)
        self._update_deactivate_text(row)

    def write_form(self, row: CargoCompanyRow) -> None:
        if not row.stored:
            row.omnitron_id = self.id_field.value()
        row.name = self.name_field.text().strip()
        row.code = self.code_field.text().strip()
        row.is_active = self.active_box.isChecked()
        self._update_deactivate_text(row)

    def _update_deactivate_text(self, row: CargoCompanyRow) -> None:
        self.deactivate_button.setText(
            self.tr("Deactivate") if row.is_active else self.tr("Activate")
        )

    def toggle_active(self) -> None:
        row = self.current()
        if row is not None:
            self.active_box.setChecked(not row.is_active)

    def add_cargo_company(self) -> None:
        config = self._config
        if config is None:
            return
        next_id = max((row.omnitron_id for row in config.cargo_companies), default=0) + 1
        self.append(CargoCompanyRow(next_id, ""))

    async def _fetch(self, client: OmnitronClient) -> list[CargoCompanyPayload]:
        return await client.cargo_companies()

    def _merge(self, config: StationConfig, payloads: list[Any]) -> MergeCount:
        return merge_cargo_companies(config, payloads)


# ---------------------------------------------------------------------------------------
# State transitions
# ---------------------------------------------------------------------------------------


def _editable_combo(parent: QWidget, values: Sequence[str]) -> QComboBox:
    """Return a combo box listing ``values`` that also takes any typed text, so a typo is
    shown as an invalid field instead of being impossible to enter."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for value in values:
        combo.addItem(value)
    return combo


class TransitionsTab(RecordTab[TransitionRow]):
    section = TRANSITIONS

    def columns(self) -> Sequence[Column[TransitionRow]]:
        return [
            Column(self.tr("Command"), lambda row: row.command),
            Column(self.tr("From status"), lambda row: status_text(row.from_status)),
            Column(self.tr("To status"), lambda row: status_text(row.to_status)),
            Column(self.tr("Slug"), lambda row: row.slug),
        ]

    def build_form(self) -> None:
        self.form_box.setTitle(self.tr("State transition"))
        statuses = [status.value for status in PackageStatus]
        self.command_field = _editable_combo(self.form_box, [command.value for command in Command])
        self.from_field = _editable_combo(self.form_box, statuses)
        self.to_field = _editable_combo(self.form_box, statuses)
        self.slug_field = QLineEdit(self.form_box)
        self.add_field("command", self.tr("Command"), self.command_field)
        self.add_field("from_status", self.tr("From status"), self.from_field)
        self.add_field("to_status", self.tr("To status"), self.to_field)
        self.add_field("slug", self.tr("Slug"), self.slug_field)
        for combo in (self.command_field, self.from_field, self.to_field):
            combo.editTextChanged.connect(self.form_changed)
        self.slug_field.textEdited.connect(self.form_changed)

        #: Button that adds a state transition.
        self.add_button(self.tr("Add transition"), self.add_transition)
        #: Button that removes the selected state transition.
        self.delete_button = self.add_button(self.tr("Delete transition"), self.delete_current)
        self.buttons.addStretch(1)
        note = QLabel(
            self.tr(
                "A command runs only from a status listed here. The marketplace command "
                "CHANNEL_BASED_COMPLETE_PACKAGING needs waiting, preparing and ready_to_pack "
                "to packed."
            ),
            self,
        )
        note.setWordWrap(True)
        self.main_layout.addWidget(note)

    def rows(self, config: StationConfig) -> list[TransitionRow]:
        return config.transitions

    def load_form(self, row: TransitionRow) -> None:
        self.command_field.setEditText(row.command)
        self.from_field.setEditText(row.from_status)
        self.to_field.setEditText(row.to_status)
        self.slug_field.setText(row.slug)

    def write_form(self, row: TransitionRow) -> None:
        row.command = self.command_field.currentText().strip()
        row.from_status = self.from_field.currentText().strip()
        row.to_status = self.to_field.currentText().strip()
        row.slug = self.slug_field.text().strip()

    def add_transition(self) -> None:
        self.append(
            TransitionRow(
                Command.CHANNEL_BASED_COMPLETE_PACKAGING.value,
                PackageStatus.WAITING.value,
                PackageStatus.PACKED.value,
                "",
            )
        )

    def delete_current(self) -> None:
        row = self.current()
        config = self._config
        if row is None or config is None:
            return
        position = self.model.row_of(row) or 0
        config.transitions.remove(row)
        self.model.set_rows(config.transitions)
        remaining = self.model.row_at(min(position, self.model.rowCount() - 1))
        if remaining is not None:
            self.select(remaining)
        else:
            self._show_row(None)
        self.edited.emit()
