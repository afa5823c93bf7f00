"""The supervisor's LANGUAGE setting picks the window's language unless overridden."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from oms_desktop.core.db import transaction
from oms_desktop.core.settings import LANGUAGE, set_setting
from oms_desktop.ui.app import apply_stored_language
from oms_desktop.ui.i18n import install_translators, remove_translators
from tests.conftest import TestDatabase


def store_language(database: TestDatabase, value: str) -> None:
    with transaction(database.sessions) as session:
        set_setting(session, LANGUAGE, value)


def test_setting_switches_language(qtbot: QtBot, sqlite_database: TestDatabase) -> None:
    app = QApplication.instance()
    assert app is not None
    chosen = install_translators(app, "en")
    store_language(sqlite_database, "tr")
    try:
        result = apply_stored_language(app, sqlite_database.sessions, None, chosen, environ={})
        assert result == "tr"
    finally:
        remove_translators(app)


def test_command_line_and_environment_win(qtbot: QtBot, sqlite_database: TestDatabase) -> None:
    app = QApplication.instance()
    assert app is not None
    store_language(sqlite_database, "tr")

    from_argument = apply_stored_language(app, sqlite_database.sessions, "en", "en", environ={})
    from_environment = apply_stored_language(
        app, sqlite_database.sessions, None, "en", environ={"OMS_LANGUAGE": "en"}
    )

    assert from_argument == "en"
    assert from_environment == "en"


def test_system_setting_keeps_choice(qtbot: QtBot, sqlite_database: TestDatabase) -> None:
    app = QApplication.instance()
    assert app is not None
    store_language(sqlite_database, "system")

    assert apply_stored_language(app, sqlite_database.sessions, None, "en", environ={}) == "en"
