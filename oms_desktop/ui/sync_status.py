"""Status bar section that shows packers and supervisors how the Omnitron sync is doing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from oms_desktop.ui.labels import format_age, format_clock

if TYPE_CHECKING:
    from oms_desktop.sync.runner import SyncStatus

# Pixels the last error may claim in the status bar before it is elided; the whole text
# is in the tooltip.
ERROR_PREFERRED_WIDTH = 360
ERROR_MINIMUM_WIDTH = 80
_ALERT_STYLE = "color: #b71c1c; font-weight: bold;"


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), ERROR_PREFERRED_WIDTH), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(ERROR_MINIMUM_WIDTH, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        elided = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            self.palette(),
            self.isEnabled(),
            elided,
            self.foregroundRole(),
        )


class SyncStatusWidget(QWidget):
    """Labels for the last successful sync, waiting and failed reports, the rate limit and
    the last error. Labels with nothing to say are hidden."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.last_sync_label = QLabel(self)
        self.waiting_label = QLabel(self)
        self.failed_label = QLabel(self)
        self.rate_limit_label = QLabel(self)
        self.standby_label = QLabel(self)
        self.error_label = ElidedLabel(self)
        for label in self._labels():
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        self.failed_label.setStyleSheet(_ALERT_STYLE)
        self.rate_limit_label.setStyleSheet(_ALERT_STYLE)
        self.error_label.setStyleSheet(_ALERT_STYLE)
        self.show_offline()

    def _labels(self) -> list[QLabel]:
        return [
            self.last_sync_label,
            self.waiting_label,
            self.failed_label,
            self.rate_limit_label,
            self.standby_label,
            self.error_label,
        ]

    def text(self) -> str:
        """Return the visible labels' texts, joined by " | " (for tests and accessibility)."""
        return " | ".join(label.text() for label in self._labels() if not label.isHidden())

    def show_offline(self) -> None:
        """Say that this window runs without a sync engine."""
        for label in self._labels():
            label.hide()
        #: Status bar, when the window was started without an Omnitron connection.
        self.last_sync_label.setText(self.tr("Sync off: no Omnitron connection"))
        self.last_sync_label.show()

    def show_starting(self) -> None:
        for label in self._labels():
            label.hide()
        self.last_sync_label.setText(self.tr("Sync starting…"))
        self.last_sync_label.show()

    def show_status(self, status: SyncStatus) -> None:
        now = self._clock()
        if status.last_success_at is not None:
            #: %1 is a wall-clock time (HH:MM:SS).
            text = self.tr("Last sync: %1").replace("%1", format_clock(status.last_success_at))
        else:
            text = self.tr("Not synced yet")
        self.last_sync_label.setText(text)
        self.last_sync_label.show()

        if status.reports_waiting and status.oldest_waiting_at is not None:
            age = format_age((now - status.oldest_waiting_at).total_seconds())
            #: Reports to Omnitron not delivered yet; %1 is a count, %2 the oldest one's age.
            text = (
                self.tr("Reports waiting: %1 (oldest %2)")
                .replace("%1", str(status.reports_waiting))
                .replace("%2", age)
            )
        else:
            text = self.tr("Reports waiting: %1").replace("%1", str(status.reports_waiting))
        self.waiting_label.setText(text)
        self.waiting_label.show()

        #: Reports Omnitron rejected for good; a supervisor must look at them.
        self.failed_label.setText(
            self.tr("Failed reports: %1").replace("%1", str(status.reports_failed))
        )
        self.failed_label.setVisible(status.reports_failed > 0)

        limited = status.rate_limited_until
        if limited is not None and limited > now:
            #: Omnitron asked the station to slow down; %1 is a wall-clock time (HH:MM:SS).
            self.rate_limit_label.setText(
                self.tr("Rate limited until %1").replace("%1", format_clock(limited))
            )
            self.rate_limit_label.show()
        else:
            self.rate_limit_label.hide()

        holder = getattr(status, "standby_holder", None)
        if holder:
            #: Another station's sync engine talks to Omnitron; %1 names it.
            self.standby_label.setText(self.tr("Standby: %1 syncs").replace("%1", holder))
            self.standby_label.show()
        else:
            self.standby_label.hide()

        error = status.last_error
        if error:
            preview = " ".join(error.split())
            self.error_label.setText(self.tr("Last error: %1").replace("%1", preview))
            self.error_label.setToolTip(error)
            self.error_label.show()
        else:
            self.error_label.hide()
            self.error_label.setToolTip("")
