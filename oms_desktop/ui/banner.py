"""The large coloured banner that shows a packer, at a glance, how the last scan went."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget


class BannerKind(enum.Enum):
    IDLE = "idle"  # ready for the next scan
    BUSY = "busy"  # a scan is being processed
    SUCCESS = "success"  # packed
    FAILURE = "failure"  # nothing changed, and the message names the next step
    WARNING = "warning"  # do something other than packing
    # The order was cancelled at the marketplace: red like a failure, but with a thick
    # yellow frame, so the packer can tell "put the items back" from "scan again" at a glance.
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class BannerPalette:
    background: str
    foreground: str
    border: str


# Colours chosen for contrast of at least 4.5:1 between text and background, so the
# banner stays readable on a dim warehouse monitor.
PALETTES: dict[BannerKind, BannerPalette] = {
    BannerKind.IDLE: BannerPalette("#eceff1", "#263238", "#cfd8dc"),
    BannerKind.BUSY: BannerPalette("#e3f2fd", "#0d47a1", "#90caf9"),
    BannerKind.SUCCESS: BannerPalette("#1b5e20", "#ffffff", "#0d3b11"),
    BannerKind.FAILURE: BannerPalette("#b71c1c", "#ffffff", "#7f0000"),
    BannerKind.WARNING: BannerPalette("#ffb300", "#1a1a1a", "#c68400"),
    BannerKind.CANCELLED: BannerPalette("#b71c1c", "#ffffff", "#ffd600"),
}
# Frame width in pixels per kind; the cancellation frame is wide enough to see from a step away.
BORDER_WIDTHS: dict[BannerKind, int] = {BannerKind.CANCELLED: 8}


class Banner(QFrame):
    """A coloured panel with a big title line and a smaller detail line.

    Signals:
        changed(BannerKind): the banner shows a new message.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._kind = BannerKind.IDLE

        self._title = QLabel(self)
        self._title.setObjectName("bannerTitle")
        self._title.setWordWrap(True)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_font = QFont(self.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 2.2)
        title_font.setBold(True)
        self._title.setFont(title_font)

        self._detail = QLabel(self)
        self._detail.setObjectName("bannerDetail")
        self._detail.setWordWrap(True)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_font = QFont(self.font())
        detail_font.setPointSizeF(max(detail_font.pointSizeF(), 9.0) * 1.25)
        self._detail.setFont(detail_font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        # Room for a two-line title and a two-line detail, so a long message does not
        # make the table below jump.
        self.setMinimumHeight(
            self._title.fontMetrics().lineSpacing() * 2
            + self._detail.fontMetrics().lineSpacing() * 2
            + 36
        )
        self.show_message(BannerKind.IDLE, "", "")

    @property
    def kind(self) -> BannerKind:
        return self._kind

    def title(self) -> str:
        return self._title.text()

    def detail(self) -> str:
        return self._detail.text()

    def show_message(self, kind: BannerKind, title: str, detail: str = "") -> None:
        """Show ``title`` and ``detail`` as plain text in the colours of ``kind``."""
        self._kind = kind
        palette = PALETTES[kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {palette.background};"
            f" border: {BORDER_WIDTHS.get(kind, 2)}px solid {palette.border};"
            " border-radius: 8px; }"
            f" QFrame#banner QLabel {{ color: {palette.foreground}; background: transparent;"
            " border: none; }"
        )
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.changed.emit(kind)

    def show_success(self, title: str, detail: str = "") -> None:
        self.show_message(BannerKind.SUCCESS, title, detail)

    def show_failure(self, title: str, detail: str = "") -> None:
        self.show_message(BannerKind.FAILURE, title, detail)

    def show_warning(self, title: str, detail: str = "") -> None:
        self.show_message(BannerKind.WARNING, title, detail)
