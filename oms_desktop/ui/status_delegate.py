"""A table delegate that paints a package status as a coloured, rounded badge.

The colour comes from the status the model returns for STATUS_ROLE, the text from the
display role (the translated status name), so the same badge reads correctly in
Turkish and English. A package with a live claim (CLAIM_ROLE) is being packed at a
station, and its badge gets a purple marker on the corner. The claim column names the
station.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.package_model import CLAIM_TEXT_COLOUR, PackageTableModel


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
# Pixels: diameter of the claim marker and the width of its white ring, which keeps it
# visible on every badge colour.
CLAIM_MARKER_SIZE = 9
CLAIM_MARKER_RING = 2


def badge_colours(status: str | None) -> BadgeColours:
    """Return the badge colours for a stored status name; grey for an unknown one."""
    try:
        return BADGE_COLOURS[PackageStatus(status or "")]
    except ValueError:
        return UNKNOWN_BADGE


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status column: a rounded badge in the status colour with its name.

    ``status_role`` is the model role that returns the stored status name, and
    ``claim_role`` the one that returns the station holding a live claim (or None).
    """

    def __init__(
        self,
        status_role: int,
        parent: QWidget | None = None,
        claim_role: int = PackageTableModel.CLAIM_ROLE,
    ) -> None:
        super().__init__(parent)
        self._status_role = status_role
        self._claim_role = claim_role

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
        if index.data(self._claim_role):
            self._paint_claim_marker(painter, badge)
        painter.restore()

    @staticmethod
    def _paint_claim_marker(painter: QPainter, badge: QRectF) -> None:
        size = float(CLAIM_MARKER_SIZE)
        marker = QRectF(badge.right() - size + 1, badge.top() - 1, size, size)
        painter.setPen(QPen(QColor("#ffffff"), CLAIM_MARKER_RING))
        painter.setBrush(CLAIM_TEXT_COLOUR)
        painter.drawEllipse(marker)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        font = self.badge_font(option.font)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = self.badge_width(option.font, text)
        height = QFontMetrics(font).height() + 2 * VERTICAL_MARGIN + 6
        return QSize(max(base.width(), width), max(base.height(), height))
