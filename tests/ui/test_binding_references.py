"""The Qt binding must not leak references to None.

PySide6 6.12.0 returns None from void calls without a reference on CPython 3.11; each
call lowers None's count by one until the interpreter aborts with "deallocating None",
after some ten thousand calls in a packing shift. pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from CPython 3.12 on; its count is fixed"
)
def test_void_calls_keep_none_references(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)

    for _ in range(1000):
        widget.setEnabled(True)

    assert sys.getrefcount(None) >= before - 10
