"""Measure the packing window on a large database: scan latency, first paint, search, memory.

Setup (not measured): a fresh SQLite database with --packages waiting packages, one
order item each, inserted in bulk, and one shipment condition routing them all. The
real MainWindow runs on the offscreen platform.

Measured:

1. Scan to packed, item verification off (VERIFY_ITEMS false): from the moment the
   scan's terminator key is delivered to the package table until the package is
   committed as packed, its row's dataChanged arrived, and the table's viewport painted.
2. The same flow with verification on: the package scan (terminator to the packing
   panel painted) and the item scan that completes it (terminator to the row painted).
3. Time to first paint: from creating the window to the first painted page of rows.
4. Time per keystroke in the search box: the proxy's filtering and the repaint that
   follows one inserted character. The scanner filter delays a typed key by up to
   SCANNER_MAX_KEY_GAP_MS before the search box receives it; that delay is not included.
5. Resident memory (VmRSS from /proc/self/status) after the first page and at the end.

Keys are delivered with QApplication.sendEvent, 2 ms apart on the scanner filter's own
clock (an injected clock, so the bench does not sleep between keys).

6. The packing transaction alone: the worker function of a package scan, called in a
   loop on one thread with no window, for comparison with item 1.

The results of one run are printed and written to --output as a Markdown section.

Run: uv run python bench/bench_scan.py [--packages 100000] [--scans 1000]
     [--without-item-indexes] [--output FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, QEventLoop, QModelIndex, QObject, Qt, QTimer, qVersion
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.db import (
    make_engine,
    make_session_factory,
    transaction,
    upgrade_database,
)
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    Order,
    OrderItem,
    Package,
    PackageItem,
    ShipmentCondition,
)
from oms_desktop.core.scan import ScanSettings
from oms_desktop.core.settings import VERIFY_ITEMS, set_station_setting
from oms_desktop.ui.main_window import MainWindow
from oms_desktop.ui.package_model import PackageTableModel
from oms_desktop.ui.packing import PackageAction, lookup_scan
from oms_desktop.ui.sounds import SoundPlayer

STATION = "Bench 1"
# Indexes that schema revision 0003 added; --without-item-indexes drops them again.
ITEM_INDEXES = ("ix_package_item_package_id", "ix_oms_order_item_order_id")
BATCH = 10_000
# Milliseconds between two keys of a scan on the scanner filter's clock.
KEY_GAP_MS = 2.0
# Seconds one measured step may take before the bench gives up.
STEP_TIMEOUT_S = 30.0
# Milliseconds of idle event loop before each scan: the selection's repaint finishes
# first, as it would while the packer reaches for the next parcel.
SETTLE_MS = 40


def package_number(index: int) -> str:
    return f"PKG-{index:08d}"


def barcode(index: int) -> str:
    return f"2{index:012d}"


def fill_database(sessions: sessionmaker[Session], count: int) -> None:
    """Insert ``count`` approved orders with one waiting package and one item each."""
    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with transaction(sessions) as session:
        channel = Channel(omnitron_id=42, name="Trendyol", channel_type="sales_channel")
        cargo = CargoCompany(omnitron_id=7, name="Trendyol Express", code="TEX")
        session.add_all([channel, cargo])
        session.flush()
        condition = ShipmentCondition(
            cargo_company_id=cargo.id,
            klass="ChannelBasedOrdersCondition",
            conf={"klass": "OmnitronShipmentClient"},
        )
        condition.channels = [channel]
        session.add(condition)
        session.flush()
        channel_id, cargo_id = channel.id, cargo.id
    for start in range(1, count + 1, BATCH):
        indexes = range(start, min(start + BATCH, count + 1))
        with transaction(sessions) as session:
            session.execute(
                insert(Order),
                [
                    {
                        "id": index,
                        "omnitron_id": index,
                        "number": f"10{index:08d}",
                        "channel_id": channel_id,
                        "cargo_company_id": cargo_id,
                        "tracking_number": f"733{index:010d}",
                        "omnitron_status": "400",
                        "date_placed": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for index in indexes
                ],
            )
            session.execute(
                insert(OrderItem),
                [
                    {
                        "id": index,
                        "omnitron_id": index,
                        "order_id": index,
                        "omnitron_status": "400",
                        "product_name": f"Ürün {index}",
                        "sku": f"SKU-{index}",
                        "barcode": barcode(index),
                    }
                    for index in indexes
                ],
            )
            session.execute(
                insert(Package),
                [
                    {
                        "id": index,
                        "number": package_number(index),
                        "order_id": index,
                        "status": "waiting",
                        "status_code": 100,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for index in indexes
                ],
            )
            session.execute(
                insert(PackageItem),
                [
                    {
                        "id": index,
                        "package_id": index,
                        "order_item_id": index,
                        "status": "waiting",
                        "status_code": 100,
                    }
                    for index in indexes
                ],
            )


def drops_none_references() -> bool:
    """Tell whether PySide returns None from a void call without a reference to it.

    PySide6 6.12.0 does so on CPython 3.11 (found with this probe; 3.12 and later make
    None immortal, so there it is harmless). Every such call lowers None's reference
    count by one, and the process aborts with "deallocating None" once it reaches zero:
    a few ten thousand calls, fewer than this bench makes.
    """
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(100):
        widget.setEnabled(True)
    return sys.getrefcount(None) < before - 50


def resident_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PaintClock(QObject):
    """Records when a widget last painted, on the perf_counter clock."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append(time.perf_counter())
        return False

    def first_after(self, moment: float) -> float | None:
        return next((at for at in self.painted if at >= moment), None)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def wait_until(app: QApplication, condition: Callable[[], bool], what: str) -> None:
    """Run the event loop until ``condition`` holds, checking it every millisecond.

    The loop waits inside Qt between checks, without holding the GIL, as the window's
    own event loop does. A Python busy loop here would slow the worker threads down.
    """
    if condition():
        return
    loop = QEventLoop()
    deadline = time.perf_counter() + STEP_TIMEOUT_S
    timed_out = False

    def check() -> None:
        nonlocal timed_out
        if condition():
            loop.quit()
        elif time.perf_counter() > deadline:
            timed_out = True
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if timed_out:
        raise TimeoutError(f"timed out waiting for {what}")


def settle(app: QApplication, milliseconds: int = SETTLE_MS) -> None:
    """Run the event loop for a moment, so the repaint of the last change is done."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def send_scan(window: MainWindow, clock: FakeClock, code: str) -> float:
    """Type ``code`` into the table at scanner speed; return when the terminator was sent."""
    target = window.table
    clock.now += 1000
    for character in code:
        clock.now += KEY_GAP_MS
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target,
                QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character),
            )
    clock.now += KEY_GAP_MS
    started = time.perf_counter()
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"),
    )
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"),
    )
    return started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | {max(values):.1f}"


class RowWatch:
    """Notes when a package's row reports the packed status through dataChanged."""

    def __init__(self, model: PackageTableModel) -> None:
        self.model = model
        self.package_id = 0
        self.changed_at: float | None = None
        model.dataChanged.connect(self._changed)

    def arm(self, package_id: int) -> None:
        self.package_id = package_id
        self.changed_at = None

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object) -> None:
        row = self.model.row_of(self.package_id)
        if row is None or not top_left.row() <= row <= bottom_right.row():
            return
        status = self.model.index(row, PackageTableModel.COLUMN_STATUS).data(
            PackageTableModel.STATUS_ROLE
        )
        if status == "packed" and self.changed_at is None:
            self.changed_at = time.perf_counter()


def measure_scans(
    app: QApplication,
    window: MainWindow,
    clock: FakeClock,
    paints: PaintClock,
    panel_paints: PaintClock,
    indexes: range,
    *,
    verify: bool,
) -> tuple[list[float], list[float], list[float]]:
    """Return milliseconds: scan to row painted, scan to packed signal, package scan to panel."""
    watch = RowWatch(window.model)
    to_paint: list[float] = []
    to_packed: list[float] = []
    to_panel: list[float] = []
    packed_at: list[float] = []
    window.package_packed.connect(lambda _: packed_at.append(time.perf_counter()))
    for index in indexes:
        package_id = index
        window.select_package(package_id)
        wait_until(app, lambda: not window.is_busy(), "an idle window")
        settle(app)
        if verify:
            opened = send_scan(window, clock, package_number(index))
            wait_until(
                app,
                lambda opened=opened: (
                    window.controller.open_package is not None
                    and panel_paints.first_after(opened) is not None
                ),
                "the packing panel",
            )
            panel = panel_paints.first_after(opened)
            assert panel is not None
            to_panel.append((panel - opened) * 1000)
            wait_until(app, lambda: not window.is_busy(), "an idle window")
            settle(app)
        watch.arm(package_id)
        packed_at.clear()
        code = barcode(index) if verify else package_number(index)
        started = send_scan(window, clock, code)
        wait_until(
            app,
            lambda: (
                bool(packed_at)
                and watch.changed_at is not None
                and paints.first_after(watch.changed_at) is not None
            ),
            f"package {index} to be packed and painted",
        )
        painted = paints.first_after(watch.changed_at or started)
        assert painted is not None and packed_at
        to_paint.append((painted - started) * 1000)
        to_packed.append((packed_at[0] - started) * 1000)
    return to_paint, to_packed, to_panel


def measure_transactions(sessions: sessionmaker[Session], indexes: range) -> list[float]:
    """Return milliseconds per packing transaction alone, on this thread, with no window.

    The same worker function the window runs for a package scan when it does not verify
    items: read the scan, run the packing command, commit.
    """
    results: list[float] = []
    settings = ScanSettings()
    for index in indexes:
        started = time.perf_counter()
        lookup_scan(
            sessions,
            package_number(index),
            station=STATION,
            scan_settings=settings,
            current_package_id=None,
            package_action=PackageAction.PACK,
        )
        results.append((time.perf_counter() - started) * 1000)
    return results


def measure_search(app: QApplication, window: MainWindow) -> list[float]:
    """Return milliseconds per inserted character: the proxy's filter and a full repaint.

    The filter runs inside the insert; the repaint is forced, because a character that
    leaves the same rows listed would otherwise repaint nothing.
    """
    results: list[float] = []
    window.search_field.setFocus()
    viewport = window.table.viewport()
    for text in ("pkg-000001", "trendyol", "733000000"):
        window.search_field.clear()
        wait_until(app, lambda: not window.is_busy(), "an idle window")
        app.processEvents()
        for character in text:
            started = time.perf_counter()
            window.search_field.insert(character)
            viewport.repaint()
            results.append((time.perf_counter() - started) * 1000)
            app.processEvents()
    window.search_field.clear()
    return results


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    return (
        f'{cores} cores (`nproc`), CPU "{cpu}" (/proc/cpuinfo), Python '
        f"{platform.python_version()}, Qt {qVersion()} (PySide6 {pyside_version}), "
        f"{platform.system()} {platform.release()}, SQLite on local disk, offscreen platform"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("bench-scan-results.md"),
        help="Markdown file the results of this run are written to",
    )
    parser.add_argument(
        "--without-item-indexes",
        action="store_true",
        help="drop the indexes on package_item.package_id and oms_order_item.order_id "
        "(schema revision 0003) from the bench database, to measure the schema before them",
    )
    parser.add_argument(
        "--switch-interval-ms",
        type=float,
        default=None,
        help="set sys.setswitchinterval (milliseconds) before the window starts; Python's "
        "default is 5 ms, the longest a thread waits for the GIL before the holder must "
        "let go",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="run even where PySide drops references to None (see drops_none_references)",
    )
    arguments = parser.parse_args()
    if arguments.scans * 3 > arguments.packages:
        parser.error("--packages must be at least three times --scans")

    app = QApplication(sys.argv[:1])
    if arguments.switch_interval_ms is not None:
        sys.setswitchinterval(arguments.switch_interval_ms / 1000)
    if drops_none_references() and not arguments.force:
        print(
            f"PySide6 {pyside_version} on Python {platform.python_version()} drops a reference "
            "to None on every call that returns None; this bench would abort with "
            '"deallocating None" part way. Run it on Python 3.12 or later, or pass --force.',
            file=sys.stderr,
        )
        return 2
    folder = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    engine = make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade_database(engine)
    sessions = make_session_factory(engine)
    setup_started = time.perf_counter()
    fill_database(sessions, arguments.packages)
    if arguments.without_item_indexes:
        with engine.begin() as connection:
            for index in ITEM_INDEXES:
                connection.exec_driver_sql(f"DROP INDEX {index}")
    with transaction(sessions) as session:
        set_station_setting(session, VERIFY_ITEMS, STATION, False)
        assert session.scalar(select(Package.id).order_by(Package.id.desc()).limit(1)) == (
            arguments.packages
        )
    setup_s = time.perf_counter() - setup_started
    print(f"setup: {arguments.packages} packages in {setup_s:.1f} s", flush=True)

    clock = FakeClock()
    paints = PaintClock()
    panel_paints = PaintClock()
    created = time.perf_counter()
    window = MainWindow(
        sessions, station=STATION, sounds=SoundPlayer(enabled=False), scanner_clock=clock
    )
    window.table.viewport().installEventFilter(paints)
    window.verify_panel.installEventFilter(panel_paints)
    window.show()
    wait_until(
        app,
        lambda: window.model.rowCount() > 0 and paints.first_after(created) is not None,
        "the first page",
    )
    wait_until(
        app,
        lambda: (
            any(at >= created and window.model.rowCount() > 0 for at in paints.painted)
            and not window.is_busy()
        ),
        "the first painted page",
    )
    first_paint_ms = (paints.painted[-1] - created) * 1000
    memory_first_page = resident_memory_mb()
    first_page_rows = window.model.rowCount()

    # Scroll down the way a packer would until enough rows are loaded for both runs.
    needed = 2 * arguments.scans
    while window.model.rowCount() < needed:
        window.model.fetchMore(QModelIndex())
        wait_until(app, lambda: not window.is_busy(), "the next page")
    loaded_rows = window.model.rowCount()

    off_paint, off_packed, _ = measure_scans(
        app, window, clock, paints, panel_paints, range(1, arguments.scans + 1), verify=False
    )
    with transaction(sessions) as session:
        set_station_setting(session, VERIFY_ITEMS, STATION, True)
    window.reload_settings()
    wait_until(app, lambda: not window.is_busy(), "the settings")
    on_paint, on_packed, on_panel = measure_scans(
        app,
        window,
        clock,
        paints,
        panel_paints,
        range(arguments.scans + 1, 2 * arguments.scans + 1),
        verify=True,
    )
    search = measure_search(app, window)
    alone = measure_transactions(sessions, range(2 * arguments.scans + 1, 3 * arguments.scans + 1))
    memory_end = resident_memory_mb()
    rows_end = window.model.rowCount()
    window.close()
    engine.dispose()

    command = "uv run python bench/bench_scan.py"
    if arguments.packages != 100_000 or arguments.scans != 1000:
        command += f" --packages {arguments.packages} --scans {arguments.scans}"
    if arguments.without_item_indexes:
        command += " --without-item-indexes"
    if arguments.switch_interval_ms is not None:
        command += f" --switch-interval-ms {arguments.switch_interval_ms:g}"
    table = "\n".join(
        [
            "| measurement | samples | p50 (ms) | p95 (ms) | max (ms) |",
            "|---|---:|---:|---:|---:|",
            f"| package scan to row painted, verification off | {len(off_paint)} | "
            f"{summary(off_paint)} |",
            f"| package scan to packed committed (signal), verification off | "
            f"{len(off_packed)} | {summary(off_packed)} |",
            f"| package scan to packing panel painted, verification on | {len(on_panel)} | "
            f"{summary(on_panel)} |",
            f"| last item scan to row painted, verification on | {len(on_paint)} | "
            f"{summary(on_paint)} |",
            f"| last item scan to packed committed (signal), verification on | "
            f"{len(on_packed)} | {summary(on_packed)} |",
            f"| packing transaction alone, no window (worker function on one thread) | "
            f"{len(alone)} | {summary(alone)} |",
            f"| search box: one character to repaint ({loaded_rows} rows loaded) | "
            f"{len(search)} | {summary(search)} |",
            f"| window created to first page painted | 1 | {first_paint_ms:.1f} | | |",
        ]
    )
    memory = (
        f"Resident memory (VmRSS): {memory_first_page:.0f} MB after the first page "
        f"({first_page_rows} rows loaded), {memory_end:.0f} MB at the end ({rows_end} of "
        f"{arguments.packages} rows loaded)."
    )
    report = f"{table}\n\n{memory}\n"
    print(report)
    variant = (
        "without the item indexes of revision 0003"
        if arguments.without_item_indexes
        else "schema as migrated"
    )
    text = f"""### {arguments.packages:,} packages, {variant}

Command: `{command}`

Machine: {machine()}. Setup (bulk insert, not measured): {setup_s:.0f} s.

{table}

{memory}
"""
    arguments.output.write_text(text, encoding="utf-8")
    print(f"written to {arguments.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
