"""Two stations on one database: a change committed by another process shows in the window.

The other station is a separate Python process that packs (or claims) a package through
the same core code a station uses, and prints the wall-clock time right after its
commit. The window under test runs in this process with pytest-qt. The measured latency
is from that commit to the moment the window's row shows the change: PostgreSQL wakes
the window through LISTEN/NOTIFY, SQLite through the once-a-second change-log poll.
Both must stay under 2 s, and the packer's selection and scroll position must survive.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from oms_desktop.core.db import make_engine, make_session_factory, transaction, upgrade_database
from oms_desktop.ui import crash
from oms_desktop.ui.main_window import MainWindow
from tests.conftest import BACKENDS, TestDatabase, _empty_postgres
from tests.factories import configure_station
from tests.ui.conftest import add_order, insert_packages

PROJECT_DIR = Path(__file__).resolve().parents[2]
MAX_LATENCY_SECONDS = 2.0
BULK_PACKAGES = 300

# Runs in the other station's process: pack or claim one package, or change a setting,
# then print the time of the commit. Arguments: database URL, action ("pack", "claim" or
# "setting"), package number.
OTHER_STATION = """
import sys, time
from sqlalchemy import select
from oms_desktop.core.claims import claim_package
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.models import Package
from oms_desktop.core.settings import AUTO_RUN_SHIP, set_setting

url, action, number = sys.argv[1:4]
engine = make_engine(url)
with transaction(make_session_factory(engine)) as session:
    if action == "pack":
        pack_code(session, number, station="Masa 2", operator="other")
    elif action == "claim":
        package_id = session.scalar(select(Package.id).where(Package.number == number))
        assert claim_package(session, package_id, "Masa 2").claimed
    else:
        set_setting(session, AUTO_RUN_SHIP, False)
print(repr(time.time()), flush=True)
engine.dispose()
"""


@pytest.fixture(autouse=True)
def no_crash_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    # A modal crash dialog would hang a headless run; bugs are logged instead.
    monkeypatch.setenv(crash.CRASH_DIALOG_ENV, "0")


@pytest.fixture(params=BACKENDS)
def shared_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDatabase]:
    """A station database on each backend, with a route and a few hundred packages."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        engine = make_engine(url)
        _empty_postgres(engine)
    else:
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        engine = make_engine(url)
        upgrade_database(engine)
    database = TestDatabase(request.param, url, engine, make_session_factory(engine))
    with transaction(database.sessions) as session:
        configure_station(session)
    yield database
    engine.dispose()


def run_other_station(database: TestDatabase, action: str, number: str) -> subprocess.Popen[str]:
    """Start the other station's process; it prints its commit time and exits."""
    return subprocess.Popen(
        [sys.executable, "-c", OTHER_STATION, database.url, action, number],
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class RowWatch(QObject):
    """Notes the wall-clock time at which a condition on the window first holds."""

    def __init__(self, window: MainWindow, condition: Callable[[], bool]) -> None:
        super().__init__(window)
        self.seen_at: float | None = None
        self._condition = condition
        window.model.rows_updated.connect(self._check)
        window.model.dataChanged.connect(self._check)

    def _check(self, *_: object) -> None:
        if self.seen_at is None and self._condition():
            self.seen_at = time.time()


def build_window(qtbot: QtBot, database: TestDatabase) -> MainWindow:
    window = MainWindow(database.sessions, station="Masa 1")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.is_busy() and window.model.rowCount() > 0, timeout=10_000)
    if database.backend == "postgres":
        qtbot.waitUntil(window.change_watcher.is_listening, timeout=5000)
        qtbot.waitUntil(lambda: not window.is_busy())
    return window


def status_of(window: MainWindow, package_id: int) -> str | None:
    row = window.model.row_of(package_id)
    return None if row is None else window.model.package_at(row).status


def wait_for_other_station(
    qtbot: QtBot, process: subprocess.Popen[str], watch: RowWatch
) -> tuple[float, float]:
    """Wait for the process and the window; return (commit time, time the window showed it)."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    committed_at = float(stdout.strip().splitlines()[-1])
    qtbot.waitUntil(lambda: watch.seen_at is not None, timeout=10_000)
    assert watch.seen_at is not None
    return committed_at, watch.seen_at


def test_other_station_change_shows_within_two_seconds(
    qtbot: QtBot, shared_database: TestDatabase
) -> None:
    packed_id = add_order(shared_database, 1)
    claimed_id = add_order(shared_database, 2)
    with transaction(shared_database.sessions) as session:
        insert_packages(session, BULK_PACKAGES)
    window = build_window(qtbot, shared_database)
    table = window.table
    while window.model.canFetchMore(window.model.index(-1, -1)):
        window.model.fetchMore(window.model.index(-1, -1))
        qtbot.waitUntil(lambda: not window.is_busy())

    # The packer selected the package and scrolled the list: both must stay put.
    assert window.select_package(packed_id)
    scroll_bar = table.verticalScrollBar()
    assert scroll_bar.maximum() > 0, "the list must be long enough to scroll"
    scroll_bar.setValue(scroll_bar.maximum() // 2)
    scroll_before = scroll_bar.value()
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    window.proxy.modelReset.connect(lambda: resets.append(True))

    watch = RowWatch(window, lambda: status_of(window, packed_id) == "packed")
    process = run_other_station(shared_database, "pack", "PKG-0000001")
    committed_at, seen_at = wait_for_other_station(qtbot, process, watch)
    latency = seen_at - committed_at
    print(f"\n{shared_database.backend}: packed at another station, shown after {latency:.3f} s")

    assert latency < MAX_LATENCY_SECONDS
    selected = window.selected_package()
    assert selected is not None
    assert selected.id == packed_id
    assert selected.status == "packed"
    assert scroll_bar.value() == scroll_before
    assert resets == [], "the table was reset instead of updated in place"

    claim_column = window.model.COLUMN_CLAIM
    claim_text = "Being packed at station Masa 2"
    row_of = window.model.row_of
    claim_watch = RowWatch(
        window, lambda: window.model.index(row_of(claimed_id), claim_column).data() == claim_text
    )
    process = run_other_station(shared_database, "claim", "PKG-0000002")
    committed_at, seen_at = wait_for_other_station(qtbot, process, claim_watch)
    latency = seen_at - committed_at
    print(f"{shared_database.backend}: claimed at another station, shown after {latency:.3f} s")

    assert latency < MAX_LATENCY_SECONDS
    selected = window.selected_package()
    assert selected is not None
    assert selected.id == packed_id
    assert resets == []
    window.close()


def test_other_station_setting_reaches_window(qtbot: QtBot, shared_database: TestDatabase) -> None:
    add_order(shared_database, 1)
    window = build_window(qtbot, shared_database)
    changed_at: list[float] = []
    window.settings_changed.connect(lambda: changed_at.append(time.time()))

    process = run_other_station(shared_database, "setting", "-")
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    committed_at = float(stdout.strip().splitlines()[-1])
    qtbot.waitUntil(lambda: bool(changed_at), timeout=10_000)

    latency = changed_at[0] - committed_at
    print(f"\n{shared_database.backend}: setting changed at another station, {latency:.3f} s")
    assert latency < MAX_LATENCY_SECONDS
    window.close()
