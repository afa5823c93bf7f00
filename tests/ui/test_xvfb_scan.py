"""End to end under a real X server: xdotool types a scan into the package table.

The window runs in a subprocess on Xvfb with the xcb platform plugin, so key events go
through the X server, with X timestamps, exactly as a USB scanner's would. The focus is
on the package table, not the scan field. xdotool types the package number and then
each item barcode at 2 ms a key, each followed by Return. The test waits until the
database shows the package packed. The window saves screenshots of itself (while
verifying and after packing) into the test's temporary folder, and "import -window
root" adds one of the whole screen when ImageMagick is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.models import Package
from tests.conftest import TestDatabase
from tests.factories import configure_station
from tests.ui.test_verify_panel import MUG, SHIRT, add_package

ROOT = Path(__file__).resolve().parents[2]
STATION = "Xvfb 1"
ENV_DATABASE = "OMS_XVFB_DATABASE"
ENV_OUTPUT = "OMS_XVFB_OUTPUT"
ENV_TITLE = "OMS_XVFB_TITLE"
# Seconds for the window to start, and for each step the test waits on.
START_TIMEOUT_S = 60
STEP_TIMEOUT_S = 20

pytestmark = pytest.mark.slow


def _free_display() -> int:
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :199")


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def xvfb() -> Iterator[str]:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install xvfb xdotool)")
    number = _free_display()
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(
            lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or server.poll() is not None,
            10,
            f"Xvfb on {display}",
        )
        if server.poll() is not None:
            pytest.fail(f"Xvfb on {display} exited with status {server.returncode}")
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def child_main() -> None:
    """Run the window the test drives; configured by the OMS_XVFB_* environment variables."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from oms_desktop.ui import crash
    from oms_desktop.ui.i18n import install_translators
    from oms_desktop.ui.main_window import MainWindow
    from oms_desktop.ui.sounds import SoundPlayer

    output = Path(os.environ[ENV_OUTPUT])
    app = QApplication(sys.argv)
    install_translators(app, os.environ.get("OMS_LANGUAGE", "tr"))
    crash.install_excepthook()
    engine = make_engine(f"sqlite:///{os.environ[ENV_DATABASE]}")
    window = MainWindow(
        make_session_factory(engine),
        station=STATION,
        operator="xvfb",
        sounds=SoundPlayer(beep=lambda: None),
    )
    window.setWindowTitle(os.environ[ENV_TITLE])
    window.resize(1400, 860)
    saved: set[str] = set()

    def save(name: str) -> None:
        # Saved after the next paint, so the screenshot shows the new state.
        def grab() -> None:
            window.grab().save(str(output / f"{name}.png"))
            saved.add(name)

        QTimer.singleShot(250, grab)

    def on_feedback(_: object) -> None:
        open_package = window.controller.open_package
        if open_package is not None and open_package.has_progress and "verifying" not in saved:
            save("verifying")

    def write_state() -> None:
        focus = QApplication.focusWidget()
        state = {
            "search": window.search_field.text(),
            "scan_field": window.scan_field.text(),
            "focus": focus.objectName() if focus is not None else "",
            "recent": [record.result for record in window.recent_scans.records()],
            "banner": window.banner.title(),
        }
        (output / "state.json").write_text(json.dumps(state), encoding="utf-8")

    def on_packed(_: object) -> None:
        save("packed")
        QTimer.singleShot(600, write_state)

    window.feedback_shown.connect(on_feedback)
    window.package_packed.connect(on_packed)
    window.show()

    def ready() -> None:
        window.activateWindow()
        window.table.setFocus()
        window.table.selectRow(0)
        print("READY", flush=True)

    QTimer.singleShot(500, ready)
    app.exec()
    window.shutdown()
    engine.dispose()


def _xdotool(display: str, *arguments: str) -> str:
    result = subprocess.run(
        ["xdotool", *arguments],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT_S,
        check=True,
    )
    return result.stdout.strip()


def _package(db: TestDatabase, package_id: int) -> Package:
    with db.sessions() as session:
        package = session.scalars(select(Package).where(Package.id == package_id)).one()
        session.expunge(package)
        return package


def test_scan_typed_into_table(xvfb: str, sqlite_database: TestDatabase, tmp_path: Path):
    db = sqlite_database
    with transaction(db.sessions) as session:
        configure_station(session)
    package_id = add_package(db, 1001, [SHIRT, SHIRT, MUG])
    title = f"oms-xvfb-scan-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        ENV_DATABASE: db.url.removeprefix("sqlite:///"),
        ENV_OUTPUT: str(tmp_path),
        ENV_TITLE: title,
        "OMS_LANGUAGE": os.environ.get("OMS_XVFB_LANGUAGE", "tr"),
        "PYTHONPATH": str(ROOT),
    }
    log_path = tmp_path / "window.log"
    with log_path.open("w", encoding="utf-8") as log_file:
        child = subprocess.Popen(
            [sys.executable, "-c", "from tests.ui.test_xvfb_scan import child_main; child_main()"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log_file,
            text=True,
        )
    try:
        assert child.stdout is not None
        started = time.monotonic()
        line = child.stdout.readline()
        assert line.strip() == "READY", (
            f"window did not start in {time.monotonic() - started:.0f} s: "
            f"{log_path.read_text(encoding='utf-8')[-2000:]}"
        )
        window_id = _xdotool(xvfb, "search", "--sync", "--name", title).splitlines()[0]
        _xdotool(xvfb, "windowfocus", "--sync", window_id)

        _xdotool(xvfb, "type", "--delay", "2", "PKG-0001001")
        _xdotool(xvfb, "key", "Return")
        _wait_for(
            lambda: _package(db, package_id).claimed_by_station == STATION,
            STEP_TIMEOUT_S,
            "the package to open at the station",
        )
        for barcode in (SHIRT, MUG, SHIRT):
            time.sleep(0.3)  # a packer needs longer to pick the next item
            _xdotool(xvfb, "type", "--delay", "2", barcode)
            _xdotool(xvfb, "key", "Return")
        _wait_for(
            lambda: _package(db, package_id).status == "packed",
            STEP_TIMEOUT_S,
            "the package to be packed",
        )
        _wait_for(lambda: (tmp_path / "state.json").exists(), STEP_TIMEOUT_S, "the window's state")
        if shutil.which("import"):
            subprocess.run(
                ["import", "-window", "root", str(tmp_path / "screen.png")],
                env={**os.environ, "DISPLAY": xvfb},
                timeout=STEP_TIMEOUT_S,
                check=False,
            )
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=5)

    package = _package(db, package_id)
    assert package.packed_by_station == STATION
    assert package.claimed_by_station is None
    state = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    # Nothing the scanner typed reached a widget, and the focus stayed on the table.
    assert state["search"] == ""
    assert state["scan_field"] == ""
    assert state["focus"] == "packageTable"
    assert len(state["recent"]) == 5
    assert "PKG-0001001" in state["banner"]
    for name in ("verifying", "packed"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000, f"{name}.png missing"
    print(f"screenshots in {tmp_path}")
