"""The settings dialog's routing tab: shipment conditions of the cargo companies.

A condition names a condition class and a shipment client class from the registries in
``oms_desktop.core.routing`` (chosen from lists, never typed) and the channels it matches.
The tab also lists the channels no condition covers: their packages have no route, so
the packing command refuses them until a supervisor adds one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QListView

from oms_desktop.core.routing import CONDITION_CLASSES, SHIPMENT_CLIENTS
from oms_desktop.ui.settings_common import Column, fill
from oms_desktop.ui.settings_model import CONDITIONS, ChannelRow, ConditionRow, StationConfig
from oms_desktop.ui.settings_records import RecordTab, yes_no
from oms_desktop.ui.settings_store import uncovered_channels

ModelIndex = QModelIndex | QPersistentModelIndex
DEFAULT_CONDITION = "ChannelBasedOrdersCondition"
DEFAULT_CLIENT = "OmnitronShipmentClient"


def channel_text(row: ChannelRow) -> str:
    return f"{row.name} ({row.omnitron_id})"


class ChannelCheckModel(QAbstractListModel):
    """The channels of the draft with a check box each: checked ones belong to a condition.

    Signals:
        toggled(): the user checked or unchecked a channel.
    """

    toggled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._channels: list[ChannelRow] = []
        self._checked: set[int] = set()

    def set_channels(self, channels: Sequence[ChannelRow], checked: Sequence[int]) -> None:
        self.beginResetModel()
        self._channels = list(channels)
        self._checked = set(checked)
        self.endResetModel()

    def checked(self) -> list[int]:
        """Return the checked channels' Omnitron ids, unknown ids of the condition included."""
        return sorted(self._checked)

    def row_of(self, omnitron_id: int) -> int | None:
        for position, channel in enumerate(self._channels):
            if channel.omnitron_id == omnitron_id:
                return position
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._channels)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._channels):
            return None
        channel = self._channels[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if channel.is_active:
                return channel_text(channel)
            #: A channel in the condition's list that is switched off; %1 is its name.
            return fill(self.tr("%1 – inactive"), channel_text(channel))
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = channel.omnitron_id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        channel = self._channels[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if checked:
            self._checked.add(channel.omnitron_id)
        else:
            self._checked.discard(channel.omnitron_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()
        return True


class RoutingTab(RecordTab[ConditionRow]):
    """Shipment conditions: which channels of a cargo company go to which shipment client."""

    section = CONDITIONS

    def columns(self) -> Sequence[Column[ConditionRow]]:
        return [
            Column(self.tr("Cargo company"), self._cargo_text),
            Column(self.tr("Condition"), lambda row: row.klass),
            Column(self.tr("Shipment client"), lambda row: row.client_klass),
            Column(self.tr("Channels"), self._channels_text, tooltip=self._channels_text),
            Column(self.tr("Active"), lambda row: yes_no(row.is_active)),
        ]

    def _cargo_text(self, row: ConditionRow) -> str:
        cargo = self.config.cargo_company(row.cargo_company) if self.config else None
        return f"{cargo.name} ({cargo.omnitron_id})" if cargo else str(row.cargo_company)

    def _channels_text(self, row: ConditionRow) -> str:
        names = []
        for omnitron_id in row.channels:
            channel = self.config.channel(omnitron_id) if self.config else None
            names.append(channel.name if channel else str(omnitron_id))
        return ", ".join(names)

    def build_form(self) -> None:
        self.uncovered_label = QLabel(self)
        self.uncovered_label.setObjectName("uncoveredChannels")
        self.uncovered_label.setWordWrap(True)
        self.uncovered_label.setTextFormat(Qt.TextFormat.PlainText)
        self.main_layout.insertWidget(0, self.uncovered_label)

        self.form_box.setTitle(self.tr("Shipment condition"))
        self.cargo_field = QComboBox(self.form_box)
        self.klass_field = QComboBox(self.form_box)
        self.client_field = QComboBox(self.form_box)
        self.active_box = QCheckBox(self.tr("Active"), self.form_box)
        self.channel_model = ChannelCheckModel(self)
        self.channel_list = QListView(self.form_box)
        self.channel_list.setModel(self.channel_model)
        self.channel_list.setMinimumHeight(120)
        self.cargo_uncovered = QLabel(self.form_box)
        self.cargo_uncovered.setWordWrap(True)
        self.cargo_uncovered.setTextFormat(Qt.TextFormat.PlainText)
        self.add_field("cargo_company", self.tr("Cargo company"), self.cargo_field)
        self.add_field("klass", self.tr("Condition class"), self.klass_field)
        self.add_field("client_klass", self.tr("Shipment client"), self.client_field)
        self.add_field("is_active", "", self.active_box)
        #: Label of the check list of channels a shipment condition matches.
        self.add_field("channels", self.tr("Matches orders of"), self.channel_list)
        self.form.addRow("", self.cargo_uncovered)
        self.cargo_field.activated.connect(self.form_changed)
        self.klass_field.activated.connect(self.form_changed)
        self.client_field.activated.connect(self.form_changed)
        self.active_box.toggled.connect(self.form_changed)
        self.channel_model.toggled.connect(self.form_changed)

        #: Button that adds a shipment condition.
        self.add_button(self.tr("Add condition"), self.add_condition)
        #: Button that removes the selected shipment condition.
        self.delete_button = self.add_button(self.tr("Delete condition"), self.delete_current)
        self.buttons.addStretch(1)

    def rows(self, config: StationConfig) -> list[ConditionRow]:
        return config.conditions

    def set_config(self, config: StationConfig) -> None:
        self._config = config
        self._fill_cargo_companies()
        super().set_config(config)
        self._show_uncovered()

    def refresh(self) -> None:
        self._fill_cargo_companies()
        super().refresh()
        self._show_uncovered()

    def _fill_cargo_companies(self) -> None:
        config = self._config
        if config is None:
            return
        self._loading = True
        try:
            self.cargo_field.clear()
            for cargo in config.cargo_companies:
                text = f"{cargo.name} ({cargo.omnitron_id})"
                if not cargo.is_active:
                    #: A deactivated cargo company in a list; %1 is its name.
                    text = fill(self.tr("%1 – inactive"), text)
                self.cargo_field.addItem(text, cargo.omnitron_id)
        finally:
            self._loading = False

    @staticmethod
    def _fill_names(combo: QComboBox, names: Sequence[str], current: str) -> None:
        combo.clear()
        for name in sorted(names):
            combo.addItem(name)
        if current and current not in names:
            # A class a newer station or a file named; shown so the invalid value is visible.
            combo.addItem(current)
        combo.setCurrentText(current)

    def load_form(self, row: ConditionRow) -> None:
        position = self.cargo_field.findData(row.cargo_company)
        if position < 0:
            self.cargo_field.addItem(str(row.cargo_company), row.cargo_company)
            position = self.cargo_field.count() - 1
        self.cargo_field.setCurrentIndex(position)
        self._fill_names(self.klass_field, list(CONDITION_CLASSES), row.klass)
        self._fill_names(self.client_field, list(SHIPMENT_CLIENTS), row.client_klass)
        self.active_box.setChecked(row.is_active)
        channels = self.config.channels if self.config else []
        self.channel_model.set_channels(channels, row.channels)
        self._show_cargo_uncovered(row)

    def write_form(self, row: ConditionRow) -> None:
        cargo = self.cargo_field.currentData()
        if isinstance(cargo, int):
            row.cargo_company = cargo
        row.klass = self.klass_field.currentText()
        row.client_klass = self.client_field.currentText()
        row.is_active = self.active_box.isChecked()
        row.channels = self.channel_model.checked()
        self._show_cargo_uncovered(row)
        self._show_uncovered()

    def add_condition(self) -> None:
        config = self._config
        if config is None:
            return
        selected = self.current()
        if selected is not None:
            cargo = selected.cargo_company
        elif config.cargo_companies:
            cargo = config.cargo_companies[0].omnitron_id
        else:
            cargo = 0
        klass = (
            DEFAULT_CONDITION
            if DEFAULT_CONDITION in CONDITION_CLASSES
            else min(CONDITION_CLASSES, default="")
        )
        client = (
            DEFAULT_CLIENT
            if DEFAULT_CLIENT in SHIPMENT_CLIENTS
            else min(SHIPMENT_CLIENTS, default="")
        )
        self.append(ConditionRow(cargo, klass, [], client))
        self._show_uncovered()

    def delete_current(self) -> None:
        row = self.current()
        config = self._config
        if row is None or config is None:
            return
        position = self.model.row_of(row) or 0
        config.conditions.remove(row)
        self.model.set_rows(config.conditions)
        remaining = self.model.row_at(min(position, self.model.rowCount() - 1))
        if remaining is not None:
            self.select(remaining)
        else:
            self._show_row(None)
        self._show_uncovered()
        self.edited.emit()

    def _show_uncovered(self) -> None:
        config = self._config
        if config is None:
            return
        missing = uncovered_channels(config)
        if missing:
            names = ", ".join(channel_text(channel) for channel in missing)
            #: %1 is a list of sales channels.
            text = fill(
                self.tr(
                    "Packages of these channels cannot be packed, because no active condition "
                    "covers them: %1"
                ),
                names,
            )
            self.uncovered_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
        else:
            text = self.tr("Every active channel is covered by at least one condition.")
            self.uncovered_label.setStyleSheet("color: #1b5e20;")
        self.uncovered_label.setText(text)

    def _show_cargo_uncovered(self, row: ConditionRow) -> None:
        config = self._config
        if config is None:
            return
        missing = uncovered_channels(config, row.cargo_company)
        cargo = config.cargo_company(row.cargo_company)
        cargo_name = cargo.name if cargo else str(row.cargo_company)
        if missing:
            #: %1 is a cargo company, %2 a list of sales channels.
            text = fill(
                self.tr("Orders of %1 from these channels have no route: %2"),
                cargo_name,
                ", ".join(channel.name for channel in missing),
            )
        else:
            #: %1 is a cargo company.
            text = fill(self.tr("Every active channel has a route for %1."), cargo_name)
        self.cargo_uncovered.setText(text)

    def uncovered_text(self) -> str:
        return self.uncovered_label.text()
