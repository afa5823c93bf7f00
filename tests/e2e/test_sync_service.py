"""The headless ``oms-desktop sync`` service as a real process against PostgreSQL.

The service runs as ``python -m oms_desktop sync``, configured through the environment
as a systemd unit or a Windows service would do it. Omnitron is the simulator on
loopback, in this process. These tests stop the service with SIGTERM and Ctrl-C
(SIGINT) while reports are on the wire, and check that it exits 0 with the outbox
consistent: every report delivered or due again, none left claimed.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from oms_desktop.core.command import pack_code
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.errors import DomainError
from oms_desktop.core.lease import current_holder
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    OmnitronOutbox,
    OutboxStatus,
    Package,
    ShipmentCondition,
)
from oms_desktop.core.settings import (
    ORDER_PULL_INTERVAL,
    OUTBOX_INTERVAL,
    STATUS_POLL_INTERVAL,
    set_setting,
)
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.jobs import DELIVERY_CLAIM_SECONDS
from tests.conftest import BACKENDS, TestDatabase, _empty_postgres
from tests.sync.conftest import SimulatorControl

PROJECT_DIR = Path(__file__).resolve().parents[2]
PATCH_PATH = "/api/v1/order_items/"


def fast_sync_database(request: pytest.FixtureRequest) -> TestDatabase:
    """Return the session's PostgreSQL test database, emptied, with fast sync intervals.

    The caller disposes of its engine.
    """
    if "postgres" not in BACKENDS:
        pytest.skip("PostgreSQL is left out by OMS_TEST_BACKENDS")
    url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    _empty_postgres(engine)
    database = TestDatabase("postgres", url, engine, make_session_factory(engine))
    with transaction(database.sessions) as session:
        set_setting(session, ORDER_PULL_INTERVAL, 1.0)
        set_setting(session, OUTBOX_INTERVAL, 0.5)
        set_setting(session, STATUS_POLL_INTERVAL, 1.0)
    return database


@pytest.fixture
def pg_database(request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    database = fast_sync_database(request)
    yield database
    database.engine.dispose()


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Wait for ``condition``; return the seconds it took.

    The conditions live in another process or its database, so there is no signal to
    wait on: this polls every 50 ms.
    """
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)
    return time.monotonic() - started


@dataclass
class SyncProcess:
    """One ``oms-desktop sync`` process with its standard error in a file."""

    name: str
    process: subprocess.Popen[bytes]
    stderr_path: Path
    log_path: Path

    @classmethod
    def start(
        cls,
        tmp_path: Path,
        name: str,
        database_url: str,
        omnitron_url: str,
        *arguments: str,
    ) -> SyncProcess:
        home = tmp_path / name
        home.mkdir(parents=True, exist_ok=True)
        environment = dict(os.environ)
        environment.update(
            {
                "OMS_DATABASE_URL": database_url,
                "OMS_OMNITRON_URL": omnitron_url,
                "OMS_OMNITRON_USER": DEFAULT_USER,
                "OMS_OMNITRON_PASSWORD": DEFAULT_PASSWORD,
                "OMS_STATION": name,
                "XDG_STATE_HOME": str(home / "state"),
                "XDG_DATA_HOME": str(home / "data"),
            }
        )
        stderr_path = home / "sync.stderr"
        with stderr_path.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-m", "oms_desktop", "sync", *arguments],
                cwd=PROJECT_DIR,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        log_path = home / "state" / "oms-desktop" / "log" / "oms-desktop.log"
        return cls(name, process, stderr_path, log_path)

    def output(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_line(self, text: str, timeout: float = 20.0) -> None:
        def seen() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.output()}"
                )
            return text in self.output()

        wait_until(seen, timeout, f"{text!r} from {self.name}")

    def stop(self, signal_number: int, timeout: float = 20.0) -> tuple[int, float]:
        """Send ``signal_number``; return the exit status and the seconds until the exit."""
        started = time.monotonic()
        self.process.send_signal(signal_number)
        status = self.process.wait(timeout=timeout)
        return status, time.monotonic() - started

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def processes() -> Iterator[list[SyncProcess]]:
    """Every sync process a test starts; killed at the end if still running."""
    started: list[SyncProcess] = []
    yield started
    for sync_process in started:
        sync_process.kill()


def pack_waiting(database: TestDatabase, count: int, timeout: float = 20.0) -> list[str]:
    """Pack ``count`` waiting packages as the service pulls them in, oldest first.

    Packages without a tracking number yet cannot be packed and are skipped.
    """
    packed: list[str] = []

    def pack_more() -> bool:
        route_everything(database)
        with database.sessions() as session:
            numbers = session.scalars(
                select(Package.number).where(Package.status == "waiting").order_by(Package.id)
            ).all()
        for number in numbers:
            if len(packed) == count:
                break
            try:
                with transaction(database.sessions) as session:
                    pack_code(session, number, station="Masa 1")
            except DomainError:  # no tracking number yet
                continue
            packed.append(number)
        return len(packed) == count

    wait_until(pack_more, timeout, f"{count} packable packages")
    return packed


def route_everything(database: TestDatabase) -> None:
    """Route every stored channel and cargo company to OmnitronShipmentClient.

    The service stores orders one transaction at a time, so this runs again as new
    channels and cargo companies arrive.
    """
    with transaction(database.sessions) as session:
        channels = list(session.scalars(select(Channel)))
        routed = {
            condition.cargo_company_id: condition
            for condition in session.scalars(select(ShipmentCondition))
        }
        for cargo in session.scalars(select(CargoCompany)):
            condition = routed.get(cargo.id)
            if condition is None:
                condition = ShipmentCondition(
                    cargo_company_id=cargo.id,
                    klass="ChannelBasedOrdersCondition",
                    conf={"klass": "OmnitronShipmentClient"},
                )
                session.add(condition)
            if set(condition.channels) != set(channels):
                condition.channels = list(channels)


def outbox_rows(database: TestDatabase) -> list[OmnitronOutbox]:
    with database.sessions() as session:
        return list(session.scalars(select(OmnitronOutbox).order_by(OmnitronOutbox.id)))


def patch_count(control: SimulatorControl) -> int:
    return sum(
        1
        for entry in control.requests()
        if entry["method"] == "PATCH" and entry["path"].startswith(PATCH_PATH)
    )


def claimed(rows: list[OmnitronOutbox], now: dt.datetime) -> list[OmnitronOutbox]:
    """Pending reports that are not due: claimed by an engine (no delivery failed here)."""
    return [row for row in rows if row.state == OutboxStatus.PENDING and row.next_attempt_at > now]


@pytest.mark.postgres
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_service_stops_with_outbox_consistent(
    stop_signal: signal.Signals,
    pg_database: TestDatabase,
    tmp_path: Path,
    processes: list[SyncProcess],
) -> None:
    with SimulatorServer(seed=5, order_count=12) as simulator:
        control = SimulatorControl(simulator.url)
        try:
            service = SyncProcess.start(
                tmp_path, "sync-server", pg_database.url, simulator.url, "--health-interval", "0.5"
            )
            processes.append(service)
            wait_until(lambda: count_packages(pg_database) > 0, 30, "the first order pull")
            service.wait_for_line("Health: ")
            # Each report takes 200 ms on the wire, so the stop finds one in flight. The
            # rest of a batch fits the 5 s grace: the simulator's orders have at most 5
            # items, so 3 packages make at most 15 reports.
            control.faults({"path": PATCH_PATH, "method": "PATCH", "latency_ms": 200})
            pack_waiting(pg_database, 3)
            wait_until(
                lambda: (
                    patch_count(control) >= 1
                    and bool(claimed(outbox_rows(pg_database), dt.datetime.now(dt.UTC)))
                ),
                15,
                "a report delivered while others are still claimed",
            )

            status, elapsed = service.stop(stop_signal)
        finally:
            control.close()

    output = service.output()
    assert status == 0, output
    # The grace period of 5 s lets the reports still to send finish.
    assert elapsed < 8.0, f"the service took {elapsed:.1f} s to stop"
    assert f"Received {stop_signal.name}" in output
    assert "Sync service stopped" in output
    assert DEFAULT_PASSWORD not in output
    health = next(line for line in output.splitlines() if "Health: " in line)
    assert "active" in health
    assert "open shipment(s)" in health
    assert "report(s) waiting" in health
    assert "last success" in health
    assert "Sync service stopped" in service.log_path.read_text(encoding="utf-8")

    # The stop found reports on the wire and let their cycle finish.
    assert "Waiting up to 5.0 s for the running sync cycle to finish" in output
    rows = outbox_rows(pg_database)
    now = dt.datetime.now(dt.UTC)
    assert len(rows) >= 3
    assert claimed(rows, now) == []
    delivered = [row for row in rows if row.state == OutboxStatus.DELIVERED]
    waiting = [row for row in rows if row.state == OutboxStatus.PENDING]
    assert len(delivered) >= 2
    assert len(delivered) + len(waiting) == len(rows)
    # Reports still waiting were never sent: due now, no attempt counted.
    assert all(row.attempts == 0 and row.next_attempt_at <= now for row in waiting)
    with pg_database.sessions() as session:
        assert current_holder(session) is None, "the lease was released at the stop"


@pytest.mark.postgres
def test_service_stop_with_hanging_omnitron(
    pg_database: TestDatabase, tmp_path: Path, processes: list[SyncProcess]
) -> None:
    with SimulatorServer(seed=5, order_count=12) as simulator:
        control = SimulatorControl(simulator.url)
        try:
            service = SyncProcess.start(
                tmp_path, "sync-server", pg_database.url, simulator.url, "--stop-grace", "0.5"
            )
            processes.append(service)
            wait_until(lambda: count_packages(pg_database) > 0, 30, "the first order pull")
            control.faults({"path": PATCH_PATH, "method": "PATCH", "latency_ms": 30_000})
            pack_waiting(pg_database, 3)
            # A batch is claimed: its first report is on the wire, the rest wait their turn.
            wait_until(
                lambda: len(claimed(outbox_rows(pg_database), dt.datetime.now(dt.UTC))) >= 2,
                15,
                "a batch of reports claimed for delivery",
            )

            status, elapsed = service.stop(signal.SIGTERM)
        finally:
            control.close()

    assert status == 0, service.output()
    assert elapsed < 5.0, f"the service took {elapsed:.1f} s to stop"
    now = dt.datetime.now(dt.UTC)
    rows = outbox_rows(pg_database)
    still_claimed = claimed(rows, now)
    # NOTE: the report whose request was cut short keeps its claim until it expires,
    # because the PATCH may have reached Omnitron. The rest of its batch is due at once.
    assert len(still_claimed) == 1
    limit = now + dt.timedelta(seconds=DELIVERY_CLAIM_SECONDS)
    assert still_claimed[0].next_attempt_at <= limit
    others = [row for row in rows if row not in still_claimed]
    assert others, "the batch had more than one report"
    assert all(row.state == OutboxStatus.PENDING for row in others)
    assert all(row.attempts == 0 and row.next_attempt_at <= now for row in others)


def count_packages(database: TestDatabase) -> int:
    with database.sessions() as session:
        return len(session.scalars(select(Package.id)).all())
