"""The window's schema check: ask before upgrading an older schema, refuse a newer one."""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine, create_engine, inspect, text

from oms_desktop.core.db import (
    SchemaCheck,
    SchemaState,
    current_revision,
    head_revision,
    make_engine,
    schema_state,
    upgrade_database,
)
from oms_desktop.logging_setup import QUIET_LOGGERS, SQLALCHEMY_ENGINE_LOGGER
from oms_desktop.ui import i18n
from oms_desktop.ui.app import (
    EXIT_OK,
    EXIT_SCHEMA_NEWER,
    EXIT_UPGRADE_DECLINED,
    ask_to_upgrade,
    run_gui,
)
from oms_desktop.ui.main_window import MainWindow
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL

FIRST_REVISION = "0001"


@pytest.fixture
def restore_app(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    previous_locale = QLocale()
    yield
    qapp.setQuitOnLastWindowClosed(True)
    i18n.remove_translators(qapp)
    QLocale.setDefault(previous_locale)


@pytest.fixture(params=BACKENDS)
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database at the first schema revision: what an older program version left."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
        engine = make_engine(url)
        upgrade_database(engine, FIRST_REVISION)
        yield url, engine
        engine.dispose()
        return
    name = f"oms_prompt_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade_database(engine, FIRST_REVISION)
    yield url, engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class Prompt:
    """Stands for the upgrade question; records what it was shown and answers."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.checks: list[SchemaCheck] = []

    def __call__(self, check: SchemaCheck) -> bool:
        self.checks.append(check)
        return self.answer


def close_window_when_shown(seen: list[MainWindow]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible() and not widget.is_busy():
            seen.append(widget)
            widget.close()
            return
    QTimer.singleShot(20, lambda: close_window_when_shown(seen))


def main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def table_names(engine: Engine) -> set[str]:
    inspector = inspect(engine)
    return set(inspector.get_table_names())


def test_older_schema_accepted_upgrades(
    restore_app: None, old_database: tuple[str, Engine]
) -> None:
    url, engine = old_database
    prompt = Prompt(answer=True)
    seen: list[MainWindow] = []
    QTimer.singleShot(0, lambda: close_window_when_shown(seen))

    code = run_gui(url, None, station="Masa 4", language="en", confirm_upgrade=prompt)

    assert code == EXIT_OK
    assert len(prompt.checks) == 1
    assert prompt.checks[0].state is SchemaState.OLDER
    assert prompt.checks[0].database_revision == FIRST_REVISION
    assert prompt.checks[0].code_revision == head_revision()
    assert len(seen) == 1, "the window opens after the upgrade"
    assert schema_state(engine).state is SchemaState.CURRENT


def test_older_schema_declined_leaves_database(
    restore_app: None, old_database: tuple[str, Engine]
) -> None:
    url, engine = old_database
    tables_before = table_names(engine)
    windows_before = set(main_windows())
    prompt = Prompt(answer=False)

    code = run_gui(url, None, station="Masa 4", language="en", confirm_upgrade=prompt)

    assert code == EXIT_UPGRADE_DECLINED
    assert len(prompt.checks) == 1
    assert current_revision(engine) == FIRST_REVISION
    assert table_names(engine) == tables_before
    assert set(main_windows()) == windows_before, "no window opened"


def test_newer_schema_refused_without_prompt(
    restore_app: None, old_database: tuple[str, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, engine = old_database
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, message: shown.append(message)
    )
    prompt = Prompt(answer=True)

    code = run_gui(url, None, station="Masa 4", language="en", confirm_upgrade=prompt)

    assert code == EXIT_SCHEMA_NEWER
    assert prompt.checks == []
    assert len(shown) == 1
    assert "from_the_future" in shown[0]
    assert "Install the newer version" in shown[0]
    assert current_revision(engine) == "from_the_future"


def test_empty_database_created_without_prompt(restore_app: None, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    prompt = Prompt(answer=False)
    seen: list[MainWindow] = []
    QTimer.singleShot(0, lambda: close_window_when_shown(seen))

    assert run_gui(url, None, station="Masa 4", language="en", confirm_upgrade=prompt) == EXIT_OK

    assert prompt.checks == []
    engine = make_engine(url)
    assert schema_state(engine).state is SchemaState.CURRENT
    engine.dispose()


def answer_dialog(button_text: str, seen: dict[str, Any]) -> None:
    """Press ``button_text`` in the open upgrade question, noting what it showed."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            seen["text"] = widget.text()
            seen["informative"] = widget.informativeText()
            seen["buttons"] = [button.text() for button in widget.buttons()]
            default = widget.defaultButton()
            seen["default"] = default.text() if default is not None else None
            for button in widget.buttons():
                if button.text() == button_text:
                    button.click()
                    return
    QTimer.singleShot(20, lambda: answer_dialog(button_text, seen))


@pytest.mark.parametrize(("button", "expected"), [("Upgrade now", True), ("Quit", False)])
def test_upgrade_question_names_both_revisions(
    qapp: QApplication, button: str, expected: bool
) -> None:
    check = SchemaCheck(SchemaState.OLDER, FIRST_REVISION, head_revision())
    seen: dict[str, Any] = {}
    QTimer.singleShot(0, lambda: answer_dialog(button, seen))

    assert ask_to_upgrade(check) is expected

    assert f"revision {FIRST_REVISION}" in seen["text"]
    assert f"revision {head_revision()}" in seen["text"]
    assert "oms-desktop db upgrade" in seen["informative"]
    assert seen["buttons"] == ["Upgrade now", "Quit"]
    # A scanner's Enter must not upgrade a shared database by accident.
    assert seen["default"] == "Quit"


@pytest.fixture
def logger_levels() -> Iterator[None]:
    """Put back the logger levels that the command line's logging set-up changes."""
    names = ["", *QUIET_LOGGERS, SQLALCHEMY_ENGINE_LOGGER]
    levels = {name: logging.getLogger(name).level for name in names}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_command_line_leaves_older_schema_to_window(
    old_database: tuple[str, Engine],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    logger_levels: None,
) -> None:
    from oms_desktop.cli import Exit, main

    url, engine = old_database
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    calls: list[dict[str, Any]] = []

    def recorder(database_url: str, omnitron: Any, **options: Any) -> int:
        calls.append({"database_url": database_url, "omnitron": omnitron, **options})
        return EXIT_OK

    monkeypatch.setattr("oms_desktop.ui.app.run_gui", recorder)

    assert main(["--database", url]) == Exit.OK

    assert len(calls) == 1
    assert calls[0]["omnitron"] is None
    assert callable(calls[0]["omnitron_loader"])
    assert current_revision(engine) == FIRST_REVISION, "the command line upgraded silently"
