"""A table delegate that paints a package status as a coloured, rounded badge.

The colour comes from the status the model returns for STATUS_ROLE, the text from the
display role (the translated status name), so the same badge reads correctly in
Turkish and English.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from oms_desktop.core.statuses import PackageStatus


@dataclass(frozen=True)
class BadgeColours:
    background: QColor
    text: QColor


def _badge(background: str, text: str) -> BadgeColours:
    return BadgeColours(QColor(background), QColor(text))


_WHITE = "#ffffff"
_DARK = "#1a1a1a"

# Light text on dark badges and dark text on light ones keep a contrast of at least
# 4.5:1 (WCAG AA) for every pair.
BADGE_COLOURS: dict[PackageStatus, BadgeColours] = {
    PackageStatus.WAITING: _badge("#546e7a", _WHITE),
    PackageStatus.PREPARING: _badge("#ffb300", _DARK),
    PackageStatus.READY_TO_PACK: _badge("#ffca28", _DARK),
    PackageStatus.PACKED: _badge("#1565c0", _WHITE),
    PackageStatus.SHIPPED: _badge("#00695c", _WHITE),
    PackageStatus.ATTEMPTED_DELIVERY: _badge("#f57c00", _DARK),
    PackageStatus.DELIVERED: _badge("#2e7d32", _WHITE),
    PackageStatus.CANCELLED: _badge("#c62828", _WHITE),
    PackageStatus.OUT_OF_STOCK: _badge("#6d0a0a", _WHITE),
}
UNKNOWN_BADGE = _badge("#9e9e9e", _DARK)

# Pixels: text to badge edge, badge to cell edge (left and right), badge to cell edge
# (top and bottom).
HORIZONTAL_PADDING = 10
CELL_MARGIN = 4
VERTICAL_MARGIN = 3


def badge_colours(status: str | None) -> BadgeColours:
    """Return the badge colours for a stored status name; grey for an unknown one."""
    try:
        return BADGE_COLOURS[PackageStatus(status or "")]
    except ValueError:
        return UNKNOWN_BADGE


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status column: a rounded badge in the status colour with its name.

    ``status_role`` is the model role that returns the stored status name.
    """

    def __init__(self, status_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status_role = status_role

    @staticmethod
    def badge_font(base: QFont) -> QFont:
        font = QFont(base)
        font.setBold(True)
        return font

    @classmethod
    def badge_width(cls, base: QFont, text: str) -> int:
        """Return the pixels a badge for ``text`` needs in a cell of font ``base``."""
        metrics = QFontMetrics(cls.badge_font(base))
        return metrics.horizontalAdvance(text) + 2 * HORIZONTAL_PADDING + 2 * CELL_MARGIN

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        colours = badge_colours(index.data(self._status_role))
        widget = option.widget
        style = widget.style() if widget is not None else None

        painter.save()
        # The cell background first, so selection and hover still show around the badge.
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)

        font = self.badge_font(option.font)
        metrics = QFontMetrics(font)
        cell = QRectF(option.rect).adjusted(
            CELL_MARGIN, VERTICAL_MARGIN, -CELL_MARGIN, -VERTICAL_MARGIN
        )
        available = int(cell.width()) - 2 * HORIZONTAL_PADDING
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(available, 0))
        width = min(cell.width(), metrics.horizontalAdvance(shown) + 2 * HORIZONTAL_PADDING)
        badge = QRectF(cell.left(), cell.top(), width, cell.height())
        radius = min(badge.height() / 2, 10.0)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.background)
        painter.drawRoundedRect(badge, radius, radius)
        painter.setFont(font)
        painter.setPen(colours.text)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        font = self.badge_font(option.font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = self.badge_width(option.font, text)
        height = QFontMetrics(font).height() + 2 * VERTICAL_MARGIN + 6
        return QSize(max(base.width(), width), max(base.height(), height))
