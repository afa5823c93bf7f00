"""The settings dialog's application settings tab, rendered from the settings registry,
and the scanner test tab.

Each registered setting gets the widget its type calls for: a check box for bool, a spin
box with the declared minimum and maximum for int and float, a drop-down for str with
choices, and a line edit for other str. Station-scoped settings (the scanner's, the
sound) are saved for this station only; the others for every station.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.settings import SETTINGS, SettingSpec
from oms_desktop.ui.scanner import ScannerConfig, ScannerTestBox
from oms_desktop.ui.settings_common import fill, mark_field, problem_message
from oms_desktop.ui.settings_connection import CONNECTION_KEYS
from oms_desktop.ui.settings_labels import choice_label, setting_help, setting_label, setting_unit
from oms_desktop.ui.settings_model import SETTINGS_SECTION, STATION_SETTINGS_SECTION, StationConfig
from oms_desktop.ui.settings_validation import Problem

log = logging.getLogger(__name__)

# Spin box limits for a number setting the registry declares without one.
DEFAULT_MINIMUM = 0
DEFAULT_MAXIMUM = 1_000_000


def application_keys() -> list[str]:
    """Return the settings this tab shows: every registered one but the Omnitron connection's."""
    return [key for key in SETTINGS if key not in CONNECTION_KEYS]


class ApplicationTab(QWidget):
    """Edits every application setting of the draft but the connection's.

    Signals:
        edited(): a value changed the draft.
    """

    edited = Signal()

    def __init__(self, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._station = station
        self._config: StationConfig | None = None
        self._loading = False
        self.widgets: dict[str, QWidget] = {}
        self._problem_labels: dict[str, QLabel] = {}

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        shared = QGroupBox(self.tr("For every station"), content)
        shared_form = QFormLayout(shared)
        #: Group of settings stored for one station only; %1 is the station's name.
        own = QGroupBox(fill(self.tr("For this station only (%1)"), station), content)
        own_form = QFormLayout(own)
        for form in (shared_form, own_form):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in application_keys():
            spec = SETTINGS[key]
            form = own_form if spec.station_scoped else shared_form
            form.addRow(setting_label(key), self._field(spec, form.parentWidget() or content))
        content_layout.addWidget(shared)
        content_layout.addWidget(own)
        content_layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _field(self, spec: SettingSpec, parent: QWidget) -> QWidget:
        """Return the editor of ``spec`` with its help text and problem line beneath it."""
        editor = self._editor(spec, parent)
        editor.setObjectName(f"setting_{spec.key}")
        self.widgets[spec.key] = editor
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        help_text = setting_help(spec.key)
        if help_text:
            editor.setToolTip(help_text)
            note = QLabel(help_text, box)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(mid);")
            layout.addWidget(note)
        problem = QLabel(box)
        problem.setObjectName("problemLabel")
        problem.setWordWrap(True)
        problem.hide()
        layout.addWidget(problem)
        self._problem_labels[spec.key] = problem
        return box

    def _editor(self, spec: SettingSpec, parent: QWidget) -> QWidget:
        key = spec.key
        if spec.type is bool:
            check = QCheckBox(parent)
            check.toggled.connect(lambda value, key=key: self._set(key, bool(value)))
            return check
        if spec.type is int:
            spin = QSpinBox(parent)
            spin.setRange(
                int(spec.minimum if spec.minimum is not None else DEFAULT_MINIMUM),
                int(spec.maximum if spec.maximum is not None else DEFAULT_MAXIMUM),
            )
            spin.setSuffix(setting_unit(key))
            spin.valueChanged.connect(lambda value, key=key: self._set(key, int(value)))
            return spin
        if spec.type is float:
            double = QDoubleSpinBox(parent)
            double.setDecimals(1)
            double.setSingleStep(0.5)
            double.setRange(
                float(spec.minimum if spec.minimum is not None else DEFAULT_MINIMUM),
                float(spec.maximum if spec.maximum is not None else DEFAULT_MAXIMUM),
            )
            double.setSuffix(setting_unit(key))
            double.valueChanged.connect(lambda value, key=key: self._set(key, float(value)))
            return double
        if spec.choices:
            combo = QComboBox(parent)
            for choice in spec.choices:
                combo.addItem(choice_label(key, choice), choice)
            combo.activated.connect(
                lambda _index, key=key, combo=combo: self._set(key, combo.currentData())
            )
            return combo
        line = QLineEdit(parent)
        line.textEdited.connect(lambda text, key=key: self._set(key, text))
        return line

    # -- draft ---------------------------------------------------------------------

    def set_config(self, config: StationConfig) -> None:
        self._config = config
        self._loading = True
        try:
            for key, widget in self.widgets.items():
                spec = SETTINGS[key]
                values = config.station_settings if spec.station_scoped else config.settings
                self._show_value(widget, values.get(key, spec.default))
        finally:
            self._loading = False

    @staticmethod
    def _show_value(widget: QWidget, value: Any) -> None:
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QDoubleSpinBox):
            widget.setValue(float(value))
        elif isinstance(widget, QComboBox):
            position = widget.findData(value)
            if position < 0:
                # A value a newer station stored; shown as it is rather than hidden.
                widget.addItem(str(value), value)
                position = widget.count() - 1
            widget.setCurrentIndex(position)
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))

    def _set(self, key: str, value: Any) -> None:
        if self._loading or self._config is None:
            return
        if SETTINGS[key].station_scoped:
            self._config.station_settings[key] = value
        else:
            self._config.settings[key] = value
        self.edited.emit()

    def show_problems(self, problems: list[Problem]) -> None:
        sections = (SETTINGS_SECTION, STATION_SETTINGS_SECTION)
        for key, widget in self.widgets.items():
            found = [p for p in problems if p.section in sections and p.field == key]
            message = problem_message(found[0]) if found else None
            mark_field(widget, message)
            label = self._problem_labels[key]
            label.setText(message or "")
            label.setVisible(message is not None)


class ScannerTab(QWidget):
    """Embeds the scanner test box, judging scans by the thresholds being edited."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        draft: Callable[[], StationConfig | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._draft = draft
        intro = QLabel(
            self.tr(
                "Click the box below and scan a few barcodes: package labels, products, "
                "tracking numbers. It shows what the scanner sends and whether this station "
                "takes it for a scan with the thresholds on the Application tab, saved or not."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.box = ScannerTestBox(sessions, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.box, 1)

    def follow_draft(self) -> None:
        """Judge the next scan by the draft's scanner settings, when they are valid."""
        config = self._draft()
        if config is None:
            return
        values = {**config.settings, **config.station_settings}
        try:
            self.box.set_config(ScannerConfig.from_settings(values))
        except (KeyError, ValueError, TypeError) as error:
            # An invalid draft value is marked on the Application tab; the box keeps the
            # last valid thresholds meanwhile.
            log.debug("Scanner test keeps its thresholds: %s", error)

    def shutdown(self) -> None:
        self.box.shutdown()
