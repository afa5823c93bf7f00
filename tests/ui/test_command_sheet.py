"""Code 128 command barcodes: the pattern table, the check character, a decode, the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from oms_desktop.core.scan import ScanCommand
from oms_desktop.ui import i18n
from oms_desktop.ui.command_sheet import (
    CODE128_PATTERNS,
    QUIET_ZONE_MODULES,
    SHEET_COMMANDS,
    START_B,
    STOP,
    CommandSheetDialog,
    code128_checksum,
    encode_code128b,
    paint_barcode,
    render_sheet_image,
    save_sheet_pdf,
)
from oms_desktop.ui.messages import command_label


def widths(pattern: str) -> list[int]:
    return [int(digit) for digit in pattern]


def test_pattern_table_shape():
    assert len(CODE128_PATTERNS) == 107
    assert len(set(CODE128_PATTERNS)) == 107
    for value, pattern in enumerate(CODE128_PATTERNS):
        modules = widths(pattern)
        expected = 13 if value == STOP else 11
        assert sum(modules) == expected, value
        assert all(1 <= module <= 4 for module in modules), value
        # Code 128's parity: the bars of a symbol add up to an even number of modules,
        # the spaces to an odd number.
        assert sum(modules[0::2]) % 2 == 0, value
        assert sum(modules[1::2]) % 2 == 1, value


def test_start_and_stop_patterns():
    assert CODE128_PATTERNS[103] == "211412"  # Start A
    assert CODE128_PATTERNS[START_B] == "211214"
    assert CODE128_PATTERNS[105] == "211232"  # Start C
    assert CODE128_PATTERNS[STOP] == "2331112"
    assert CODE128_PATTERNS[0] == "212222"  # the space character in code set B


def test_checksum_worked_example():
    # "PJJ123C": 104 + 48*1 + 42*2 + 42*3 + 17*4 + 18*5 + 19*6 + 35*7 = 879; 879 % 103 = 55.
    code = encode_code128b("PJJ123C")
    assert code.values == (104, 48, 42, 42, 17, 18, 19, 35, 55, 106)
    assert code.checksum == 55
    assert code128_checksum(START_B, [48, 42, 42, 17, 18, 19, 35]) == 55


@pytest.mark.parametrize("command", list(ScanCommand))
def test_command_codes_encode(command: ScanCommand):
    code = encode_code128b(command.value)
    data = code.values[1:-2]
    assert code.values[0] == START_B
    assert code.values[-1] == STOP
    assert [value + 32 for value in data] == [ord(character) for character in command.value]
    assert code.checksum == code128_checksum(START_B, data)
    assert code.module_count() == 11 * (len(command.value) + 3) + 2 + 2 * QUIET_ZONE_MODULES


@pytest.mark.parametrize("text", ["", "Paket İ", "tab\there"])
def test_encoder_rejects_what_set_b_cannot_hold(text: str):
    with pytest.raises(ValueError):
        encode_code128b(text)


def decode_row(image: QImage, y: int, module: int) -> str:
    """Read a Code 128 B barcode back from one pixel row, as a scanner would."""
    dark = [QColor(image.pixel(x, y)).lightness() < 128 for x in range(image.width())]
    runs: list[int] = []
    start = dark.index(True)
    end = len(dark) - dark[::-1].index(True)
    current = dark[start]
    length = 0
    for pixel in dark[start:end]:
        if pixel == current:
            length += 1
        else:
            runs.append(length)
            current = pixel
            length = 1
    runs.append(length)
    assert all(run % module == 0 for run in runs), "bar edges off the module grid"
    modules = [run // module for run in runs]
    by_pattern = {pattern: value for value, pattern in enumerate(CODE128_PATTERNS)}
    symbols = [
        "".join(map(str, modules[index : index + 6])) for index in range(0, len(modules) - 7, 6)
    ]
    stop = "".join(map(str, modules[-7:]))
    values = [by_pattern[symbol] for symbol in symbols]
    assert by_pattern[stop] == STOP
    assert values[0] == START_B
    data, checksum = values[1:-1], values[-1]
    assert code128_checksum(START_B, data) == checksum, "check character mismatch"
    return "".join(chr(value + 32) for value in data)


@pytest.mark.parametrize("module", [1, 3])
def test_drawn_barcode_decodes(qapp: QApplication, module: int):
    code = encode_code128b("CMD:COMPLETE")
    image = QImage(code.module_count() * module + 20, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    drawn = paint_barcode(painter, code, 10, 5, module, 30)
    painter.end()
    assert drawn == code.module_count() * module
    assert decode_row(image, 20, module) == "CMD:COMPLETE"
    # The quiet zones are white.
    for x in range(10, 10 + QUIET_ZONE_MODULES * module):
        assert QColor(image.pixel(x, 20)).lightness() > 200


def test_sheet_image_holds_every_command(qapp: QApplication):
    image = render_sheet_image("Masa 1", dots_per_mm=4.0)
    assert image.width() == 720
    dark_rows = [
        y
        for y in range(image.height())
        if sum(QColor(image.pixel(x, y)).lightness() < 128 for x in range(0, 400, 2)) > 20
    ]
    # Four barcodes, each 16 mm (64 px) of bars, so well over 200 rows are mostly bars.
    assert len(dark_rows) > 200
    assert [command for command, _ in SHEET_COMMANDS] == [
        ScanCommand.COMPLETE,
        ScanCommand.UNDO,
        ScanCommand.CANCEL,
        ScanCommand.SEARCH,
    ]


def test_sheet_barcodes_decode_from_image(qapp: QApplication):
    image = render_sheet_image("Masa 1", dots_per_mm=5.0)  # 0.4 mm modules = 2 px
    found = []
    y = 0
    while y < image.height():
        row_dark = sum(QColor(image.pixel(x, y)).lightness() < 128 for x in range(image.width()))
        if row_dark > 60:
            try:
                found.append(decode_row(image, y + 10, 2))
            except (AssertionError, KeyError, ValueError):
                pass
            else:
                y += 90
                continue
        y += 1
    assert found == [command.value for command, _ in SHEET_COMMANDS]


def test_sheet_saved_as_pdf(qapp: QApplication, tmp_path: Path):
    path = tmp_path / "commands.pdf"
    save_sheet_pdf(path, "Masa 1")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/Type /Page" in data
    assert len(data) > 2000


def test_pdf_to_unwritable_path_fails(qapp: QApplication, tmp_path: Path):
    with pytest.raises(OSError):
        save_sheet_pdf(tmp_path / "missing" / "folder" / "commands.pdf", "Masa 1")


def test_dialog_builds_preview(qtbot: QtBot):
    dialog = CommandSheetDialog("Masa 1")
    qtbot.addWidget(dialog)
    assert dialog.print_button.isEnabled()
    assert dialog.pdf_button.text() == "Save as PDF…"


def test_captions_translated(qapp: QApplication):
    previous_locale = QLocale()
    english = command_label(ScanCommand.COMPLETE)
    try:
        i18n.install_translators(qapp, "tr")
        turkish = command_label(ScanCommand.COMPLETE)
    finally:
        i18n.remove_translators(qapp)
        QLocale.setDefault(previous_locale)
    assert english == "Complete packaging"
    assert turkish == "Paketlemeyi tamamla"
