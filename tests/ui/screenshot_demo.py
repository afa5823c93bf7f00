"""Save screenshots of the packing window for a visual check (not collected by pytest).

Builds a throwaway SQLite database with packages in most statuses and opens the window.
Then it scans four codes into the scan field and saves the window after each: one
packing, an unknown code, a cancelled order and a package packed at another station.

Run it on a real X server, for example Xvfb:
    Xvfb :99 -screen 0 1400x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb uv run python -m tests.ui.screenshot_demo --language tr

The PNG files go to --output-dir (default: the system's temporary folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core.command import complete_packaging
from oms_desktop.core.db import make_engine, make_session_factory, transaction, upgrade_database
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import Package
from oms_desktop.core.statuses import PackageStatus, ShipmentStatus
from oms_desktop.sync.runner import SyncStatus
from oms_desktop.ui.i18n import install_translators
from oms_desktop.ui.main_window import MainWindow
from tests.factories import HEPSIBURADA, configure_station, order_payload

# Milliseconds between a scan and its screenshot: enough for the worker thread to pack
# and the row to refresh on an idle machine.
SETTLE_MS = 900
SCANS = [
    ("PKG-0001001", "packed"),
    ("XYZ-999", "unknown-code"),
    ("PKG-0001006", "order-cancelled"),
    ("PKG-0001005", "already-packed"),
]


def _package(session: Session, omnitron_id: int) -> Package:
    return session.scalars(select(Package).where(Package.number == f"PKG-{omnitron_id:07d}")).one()


def build_window(path: Path) -> MainWindow:
    """Create a demo database at ``path`` and return a window on it."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    sessions = make_session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    with transaction(sessions) as session:
        configure_station(session)
        for index in range(12):
            payload = order_payload(
                1001 + index, items=1 + index % 3, tracking_number=f"73300012345{index:02d}"
            ).model_copy(update={"date_placed": now - dt.timedelta(minutes=7 + index * 97)})
            ingest_order(session, payload, now=now)
        ingest_order(
            session, order_payload(1100, channel=HEPSIBURADA, tracking_number="RR123456785TR")
        )
    with transaction(sessions) as session:
        _package(session, 1009).set_status(PackageStatus.PREPARING, now)
        _package(session, 1007).set_status(PackageStatus.OUT_OF_STOCK, now)
    with transaction(sessions) as session:
        ingest_order(session, order_payload(1006, status="100", tracking_number="7330001234505"))
    carrier_states = {
        1003: (PackageStatus.SHIPPED, ShipmentStatus.SHIPPED),
        1004: (PackageStatus.ATTEMPTED_DELIVERY, ShipmentStatus.ATTEMPTED_DELIVERY),
        1005: None,
    }
    for omnitron_id, state in carrier_states.items():
        with transaction(sessions) as session:
            package = _package(session, omnitron_id)
            complete_packaging(session, package.id, station="Masa 2")
            if state is not None:
                package.set_status(state[0], now)
                assert package.shipment is not None
                package.shipment.status = state[1].value
    return MainWindow(sessions, station="Masa 1")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["tr", "en"], default="tr")
    parser.add_argument("--output-dir", type=Path, default=Path(tempfile.gettempdir()))
    arguments = parser.parse_args()

    app = QApplication(sys.argv[:1])
    install_translators(app, arguments.language)
    window = build_window(Path(tempfile.mkdtemp()) / "screenshot.sqlite3")
    window.resize(1380, 760)
    now = dt.datetime.now(dt.UTC)
    window.on_sync_status(
        SyncStatus(
            last_success_at=now - dt.timedelta(seconds=20),
            reports_waiting=4,
            oldest_waiting_at=now - dt.timedelta(minutes=12),
            reports_failed=2,
            last_error="HTTP 503 Service Unavailable from Omnitron /api/v1/order_items/55/",
            rate_limited_until=now + dt.timedelta(minutes=3),
        )
    )
    window.show()
    pending = list(SCANS)

    def next_scan() -> None:
        if not pending:
            app.quit()
            return
        code, name = pending.pop(0)
        window.scan_field.setText(code)
        window.scan_field.returnPressed.emit()
        QTimer.singleShot(SETTLE_MS, lambda: save(name))

    def save(name: str) -> None:
        target = arguments.output_dir / f"oms-ui-{arguments.language}-{name}.png"
        window.grab().save(str(target))
        print(target)
        next_scan()

    QTimer.singleShot(SETTLE_MS, next_scan)
    app.exec()
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
