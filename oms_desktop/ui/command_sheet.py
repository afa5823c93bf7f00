"""A printable page of command barcodes, so a packer can complete, undo or cancel by scanning.

The barcodes are Code 128, code set B, drawn here from the symbology's bar and space
widths (ISO/IEC 15417): a start character, the data, a modulo-103 check character and
the stop pattern, with quiet zones of ten modules on both sides. No barcode library
is needed, and the drawing lands on whole device pixels so the bars stay crisp on a
printer, in a PDF and on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oms_desktop.core.scan import ScanCommand
from oms_desktop.ui.messages import command_label

log = logging.getLogger(__name__)

# Bar and space widths in modules of the 107 Code 128 symbols, by symbol value. Each
# symbol is three bars and three spaces, starting with a bar, 11 modules wide. The stop
# symbol (106) has a fourth bar and is 13 modules wide.
CODE128_PATTERNS: tuple[str, ...] = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312",
    "132212", "221213", "221312", "231212", "112232", "122132", "122231", "113222",
    "123122", "123221", "223211", "221132", "221231", "213212", "223112", "312131",
    "311222", "321122", "321221", "312212", "322112", "322211", "212123", "212321",
    "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121",
    "313121", "211331", "231131", "213113", "213311", "213131", "311123", "311321",
    "331121", "312113", "312311", "332111", "314111", "221411", "431111", "111224",
    "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112",
    "421211", "212141", "214121", "412121", "111143", "111341", "131141", "114113",
    "114311", "411113", "411311", "113141", "114131", "311141", "411131", "211412",
    "211214", "211232", "2331112",
)  # fmt: skip

START_A = 103
START_B = 104
START_C = 105
STOP = 106
CHECKSUM_MODULUS = 103
# Quiet zone on each side, in modules; the symbology's minimum.
QUIET_ZONE_MODULES = 10
# Width of one module (the narrowest bar) on paper, in millimetres. 0.4 mm reads well
# with ordinary handheld scanners at a few centimetres.
MODULE_MM = 0.4
BAR_HEIGHT_MM = 16.0

# The commands on the sheet, in the order they are printed, with the key that does the same.
SHEET_COMMANDS: tuple[tuple[ScanCommand, str], ...] = (
    (ScanCommand.COMPLETE, "F2"),
    (ScanCommand.UNDO, "Ctrl+Z"),
    (ScanCommand.CANCEL, "Esc"),
    (ScanCommand.SEARCH, "Ctrl+F"),
)


@dataclass(frozen=True)
class Code128:
    """The symbol values of one Code 128 barcode: start, data, check character, stop."""

    text: str
    values: tuple[int, ...]

    @property
    def checksum(self) -> int:
        return self.values[-2]

    def widths(self) -> list[int]:
        """Return the bar and space widths in modules, bar first, without quiet zones."""
        return [int(width) for value in self.values for width in CODE128_PATTERNS[value]]

    def module_count(self, quiet_zone: int = QUIET_ZONE_MODULES) -> int:
        return sum(self.widths()) + 2 * quiet_zone


def code128_checksum(start: int, data: Sequence[int]) -> int:
    """Return the check character: the start value plus each data value times its position,
    modulo 103."""
    return (start + sum(position * value for position, value in enumerate(data, 1))) % (
        CHECKSUM_MODULUS
    )


def encode_code128b(text: str) -> Code128:
    """Encode ``text`` in Code 128 code set B (ASCII 32 to 127).

    Raises:
        ValueError: ``text`` is empty or has a character code set B cannot encode.
    """
    if not text:
        raise ValueError("a Code 128 barcode needs at least one character")
    data: list[int] = []
    for position, character in enumerate(text):
        point = ord(character)
        if not 32 <= point <= 127:
            raise ValueError(
                f"character {character!r} (U+{point:04X}) at position {position} is not in "
                "Code 128 code set B (ASCII 32 to 127)"
            )
        data.append(point - 32)
    checksum = code128_checksum(START_B, data)
    return Code128(text, (START_B, *data, checksum, STOP))


def paint_barcode(
    painter: QPainter, code: Code128, left: float, top: float, module: int, height: int
) -> float:
    """Draw ``code`` with its quiet zones from (left, top); return the width drawn.

    ``module`` and ``height`` are in device pixels, so every edge falls on a pixel.
    """
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    x = round(left) + QUIET_ZONE_MODULES * module
    y = round(top)
    for index, width in enumerate(code.widths()):
        span = width * module
        if index % 2 == 0:
            painter.fillRect(x, y, span, height, QColor("black"))
        x += span
    painter.restore()
    return float(code.module_count() * module)


def paint_command_sheet(painter: QPainter, page: QRectF, dots_per_mm: float, station: str) -> None:
    """Lay the sheet out on ``page`` (device pixels) at ``dots_per_mm`` device pixels per mm."""
    module = max(1, round(MODULE_MM * dots_per_mm))
    bar_height = round(BAR_HEIGHT_MM * dots_per_mm)
    gap = 8 * dots_per_mm

    title_font = QFont()
    title_font.setPixelSize(max(8, round(6 * dots_per_mm)))
    title_font.setBold(True)
    text_font = QFont()
    text_font.setPixelSize(max(6, round(3.6 * dots_per_mm)))
    caption_font = QFont(text_font)
    caption_font.setPixelSize(max(7, round(4.8 * dots_per_mm)))
    caption_font.setBold(True)
    code_font = QFont("monospace")
    code_font.setStyleHint(QFont.StyleHint.Monospace)
    code_font.setPixelSize(max(6, round(3.4 * dots_per_mm)))

    painter.save()
    painter.setPen(QColor("black"))
    y = page.top()
    painter.setFont(title_font)
    #: Title of the printed command barcode sheet.
    title = QCoreApplication.translate("CommandSheet", "Command barcodes")
    if station:
        #: Title of the command sheet; %1 is the station's name.
        title = QCoreApplication.translate("CommandSheet", "Command barcodes – station %1").replace(
            "%1", station
        )
    title_rect = QRectF(page.left(), y, page.width(), title_font.pixelSize() * 1.6)
    painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    y = title_rect.bottom() + gap / 4

    painter.setFont(text_font)
    intro = QCoreApplication.translate(
        "CommandSheet",
        "Scan a barcode below instead of pressing its key. They work wherever the focus is "
        "in the packing window.",
    )
    intro_rect = QRectF(page.left(), y, page.width(), text_font.pixelSize() * 3.2)
    painter.drawText(intro_rect, Qt.TextFlag.TextWordWrap, intro)
    y = intro_rect.bottom() + gap

    for command, key in SHEET_COMMANDS:
        code = encode_code128b(command.value)
        painter.setFont(caption_font)
        #: Caption above a command barcode; %1 is the command, %2 the key that does the same.
        caption = (
            QCoreApplication.translate("CommandSheet", "%1 (same as %2)")
            .replace("%1", command_label(command))
            .replace("%2", key)
        )
        caption_rect = QRectF(page.left(), y, page.width(), caption_font.pixelSize() * 1.5)
        painter.drawText(caption_rect, Qt.AlignmentFlag.AlignLeft, caption)
        y = caption_rect.bottom() + gap / 6
        width = paint_barcode(painter, code, page.left(), y, module, bar_height)
        y += bar_height + gap / 8
        painter.setFont(code_font)
        text_rect = QRectF(page.left(), y, width, code_font.pixelSize() * 1.5)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter, command.value)
        y = text_rect.bottom() + gap
    painter.restore()


def _a4_printer(printer: QPrinter) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)


def print_sheet(printer: QPrinter, station: str) -> None:
    """Paint the sheet on ``printer``, a real printer or a PDF file set up by the caller."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(
            f"cannot start printing to {printer.printerName() or printer.outputFileName()}"
        )
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        dots_per_mm = printer.resolution() / 25.4
        paint_command_sheet(
            painter, QRectF(0, 0, page.width(), page.height()), dots_per_mm, station
        )
    finally:
        painter.end()


def save_sheet_pdf(path: Path, station: str) -> None:
    """Write the sheet to ``path`` as an A4 PDF.

    Raises:
        OSError: the file cannot be written.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _a4_printer(printer)
    print_sheet(printer, station)
    if not path.is_file():
        raise OSError(f"the PDF {path} was not written")


def render_sheet_image(station: str, dots_per_mm: float = 4.0) -> QImage:
    """Return the sheet as an A4 image at ``dots_per_mm`` (4 is about 100 dpi), for a preview."""
    size = QSizeF(210 - 30, 297 - 30) * dots_per_mm
    image = QImage(round(size.width()), round(size.height()), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_command_sheet(painter, QRectF(QPointF(0, 0), size), dots_per_mm, station)
    finally:
        painter.end()
    return image


class CommandSheetDialog(QDialog):
    """A preview of the command sheet with Print and Save as PDF buttons."""

    def __init__(self, station: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._station = station
        self.setWindowTitle(self.tr("Command barcodes"))
        preview = QLabel(self)
        preview.setPixmap(QPixmap.fromImage(render_sheet_image(station)))
        scroll = QScrollArea(self)
        scroll.setWidget(preview)
        scroll.setMinimumSize(760, 600)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button.clicked.connect(self.save_pdf)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def print_sheet(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _a4_printer(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_sheet(printer, self._station)
        except OSError as error:
            log.warning("Printing the command sheet failed: %s", error)
            QMessageBox.warning(
                self,
                self.tr("Printing failed"),
                #: %1 is the reason from the printing system.
                self.tr("The sheet could not be printed: %1").replace("%1", str(error)),
            )

    def save_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save command barcodes"),
            "command-barcodes.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            save_sheet_pdf(path, self._station)
        except OSError as error:
            log.warning("Saving the command sheet to %s failed: %s", path, error)
            QMessageBox.warning(
                self,
                self.tr("Saving failed"),
                #: %1 is a file path, %2 the reason.
                self.tr("The PDF could not be written to %1: %2")
                .replace("%1", str(path))
                .replace("%2", str(error)),
            )
