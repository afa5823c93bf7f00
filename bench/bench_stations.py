"""Measure scan-to-packed latency at a packing station with 100,000 packages in the database.

Two set-ups, each on a fresh database filled in bulk (not measured):

- PostgreSQL, shared: this process is station A. While it packs, a second station
  process packs other packages in a loop, and an ``oms-desktop sync`` process works
  against the Omnitron simulator (a third process) with the default intervals.
- SQLite, alone: station A only, as on a single bench.

Measured per scan at station A, over ``--scans`` scans (after ``WARMUP_SCANS`` not
counted), each on a different package scanned by its tracking number (what a packer
scans from the label) or, with ``--scan-by package``, by its package number:

- "packed": ``run_transaction`` + ``pack_code``, the path the window's scan takes, up to
  the commit;
- "seen": the above plus the read another station does to show it: one
  ``ChangeFeed.poll`` and a ``list_packages`` of the changed ids, until the row reads
  "packed". A real window starts that read on NOTIFY (PostgreSQL) or its next one-second
  poll (SQLite); that wait is not part of this number.

Run from the project root (PostgreSQL on 127.0.0.1:5432, user postgres, trust auth):

    uv run python bench/bench_stations.py [--packages 100000] [--scans 1000]
        [--scan-by tracking|package]

The bulk packages are unknown to the simulator, so the sync engine's reports for them
get 404 and are parked as failed. Its database work per report (claim, send, record) is
the same as for an accepted one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.changes import ChangeFeed
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import (
    make_engine,
    make_session_factory,
    run_transaction,
    transaction,
    upgrade_database,
)
from oms_desktop.core.errors import DomainError
from oms_desktop.core.lookup import find_packages
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    Order,
    OrderItem,
    Package,
    PackageItem,
    ShipmentCondition,
)
from oms_desktop.core.queries import list_packages
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
WARMUP_SCANS = 20
INSERT_CHUNK = 5000
# Omnitron ids of the bulk orders start here, far above the simulator's own order pks.
BULK_OMNITRON_ID = 50_000_000
SIMULATOR_ORDERS = 200


@dataclass
class Result:
    backend: str
    load: str
    packages: int
    packed_ms: list[float]
    seen_ms: list[float]
    other_station_packs: int = 0
    sync_requests: int = 0
    # Median milliseconds of find_packages by kind of code, on the idle database.
    lookup_ms: dict[str, float] = field(default_factory=dict)


# -- setup ------------------------------------------------------------------------------


def bulk_fill(sessions: sessionmaker[Session], count: int) -> None:
    """Insert ``count`` routed orders with one item and one waiting package each."""
    now = dt.datetime.now(dt.UTC)
    with transaction(sessions) as session:
        channel = Channel(omnitron_id=42, name="Trendyol", channel_type="trendyol")
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
        channel_id, cargo_id = channel.id, cargo.id

    for start in range(1, count + 1, INSERT_CHUNK):
        ids = range(start, min(start + INSERT_CHUNK, count + 1))
        with transaction(sessions) as session:
            session.execute(
                insert(Order),
                [
                    {
                        "id": index,
                        "omnitron_id": BULK_OMNITRON_ID + index,
                        "number": order_number(index),
                        "channel_id": channel_id,
                        "cargo_company_id": cargo_id,
                        "tracking_number": tracking_number(index),
                        "omnitron_status": "400",
                        "date_placed": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for index in ids
                ],
            )
            session.execute(
                insert(OrderItem),
                [
                    {
                        "id": index,
                        "omnitron_id": BULK_OMNITRON_ID + index,
                        "order_id": index,
                        "omnitron_status": "400",
                        "product_name": "Pamuk Tişört",
                        "sku": "TSH-001",
                        "barcode": "8690000000011",
                    }
                    for index in ids
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
                    for index in ids
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
                    for index in ids
                ],
            )
    bind = sessions.kw["bind"]
    if bind.dialect.name == "postgresql":
        # Explicit ids leave the sequences at 1; the sync engine's own inserts need them past.
        with bind.begin() as connection:
            for table in ("oms_order", "oms_order_item", "package", "package_item"):
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :last)"),
                    {"last": count},
                )
            connection.execute(text("ANALYZE"))


def tracking_number(index: int) -> str:
    return f"7330{index:09d}"


def package_number(index: int) -> str:
    return f"PKG-B{index:08d}"


def order_number(index: int) -> str:
    return f"B{index:08d}"


SCAN_CODES = {"tracking": tracking_number, "package": package_number}
LOOKUP_CODES = {"package": package_number, "order": order_number, "tracking": tracking_number}
LOOKUP_SAMPLES = 50


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    name = f"oms_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(url: str, packages: int) -> tuple[Engine, sessionmaker[Session], float]:
    engine = make_engine(url)
    upgrade_database(engine)
    sessions = make_session_factory(engine)
    started = time.perf_counter()
    bulk_fill(sessions, packages)
    return engine, sessions, time.perf_counter() - started


# -- the other processes --------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_simulator() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oms_desktop",
            "simulator",
            "--port",
            str(port),
            "--orders",
            str(SIMULATOR_ORDERS),
        ],
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/_simulator/health", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)  # the port is not listening yet
    process.kill()
    raise SystemExit(f"the simulator at {url} did not start within 30 s")


def start_sync(database_url: str, omnitron_url: str, home: Path) -> subprocess.Popen[bytes]:
    environment = dict(os.environ)
    environment.update(
        {
            "OMS_DATABASE_URL": database_url,
            "OMS_OMNITRON_URL": omnitron_url,
            "OMS_OMNITRON_USER": DEFAULT_USER,
            "OMS_OMNITRON_PASSWORD": DEFAULT_PASSWORD,
            "OMS_STATION": "bench-sync",
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_DATA_HOME": str(home / "data"),
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "oms_desktop", "sync", "--log-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def start_second_station(
    database_url: str, first: int, scan_by: str, stop_file: Path
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--worker",
            database_url,
            str(first),
            scan_by,
            str(stop_file),
        ],
        cwd=PROJECT_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )


def second_station(database_url: str, first: int, scan_by: str, stop_file: Path) -> None:
    """Pack packages ``first``, ``first`` - 1, ... until ``stop_file`` exists; print the count."""
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    packed = 0
    index = first
    while not stop_file.exists() and index > 0:
        code = SCAN_CODES[scan_by](index)
        index -= 1
        try:
            run_transaction(
                sessions, lambda session, code=code: pack_code(session, code, station="bench-b")
            )
        except DomainError as error:
            print(f"station B could not pack {code}: {error}", file=sys.stderr)
            continue
        packed += 1
    engine.dispose()
    print(packed, flush=True)


# -- the measurement -------------------------------------------------------------------


def measure_lookups(sessions: sessionmaker[Session], packages: int) -> dict[str, float]:
    """Time ``find_packages`` by each kind of code on packages no scan touches; median ms."""
    middle = packages // 2
    medians: dict[str, float] = {}
    with sessions() as session:
        for kind, code_of in LOOKUP_CODES.items():
            timings = []
            for index in range(middle, middle + LOOKUP_SAMPLES):
                started = time.perf_counter()
                found = find_packages(session, code_of(index))
                timings.append((time.perf_counter() - started) * 1000)
                if len(found) != 1:
                    raise AssertionError(f"{kind} {code_of(index)} found {len(found)} packages")
            medians[kind] = statistics.median(timings)
    return medians


def measure(
    sessions: sessionmaker[Session], scans: int, scan_by: str
) -> tuple[list[float], list[float]]:
    """Pack packages 1..scans (plus the warm-up) at station A; return (packed, seen) in ms."""
    feed = ChangeFeed()
    with sessions() as session:
        feed.start_at_end(session)
    packed_ms: list[float] = []
    seen_ms: list[float] = []
    for index in range(1, WARMUP_SCANS + scans + 1):
        code = SCAN_CODES[scan_by](index)
        started = time.perf_counter()
        result = run_transaction(
            sessions, lambda session, code=code: pack_code(session, code, station="bench-a")
        )
        committed = time.perf_counter()
        with sessions() as session:
            batch = feed.poll(session)
            rows = list_packages(session, ids=sorted(batch.package_ids))
        shown = {row.id: row.status for row in rows}
        if shown.get(result.package_id) != "packed":
            raise AssertionError(f"the other station did not see {code} packed: {shown}")
        finished = time.perf_counter()
        if index > WARMUP_SCANS:
            packed_ms.append((committed - started) * 1000)
            seen_ms.append((finished - started) * 1000)
    return packed_ms, seen_ms


def run_postgres(admin_url: str, packages: int, scans: int, scan_by: str, home: Path) -> Result:
    with postgres_database(admin_url) as url:
        engine, sessions, fill_seconds = prepare(url, packages)
        print(f"postgresql: {packages} packages inserted in {fill_seconds:.1f} s", flush=True)
        lookups = measure_lookups(sessions, packages)
        simulator, omnitron_url = start_simulator()
        sync = start_sync(url, omnitron_url, home)
        stop_file = home / "stop-second-station"
        # The second station works down from the last package, away from station A's.
        second = start_second_station(url, packages, scan_by, stop_file)
        try:
            time.sleep(3.0)  # let the sync engine log in and pull, and station B get going
            packed_ms, seen_ms = measure(sessions, scans, scan_by)
        finally:
            stop_file.touch()
            other_packs = int((second.communicate(timeout=60)[0] or "0").strip() or 0)
            sync.terminate()
            sync.wait(timeout=30)
            requests = httpx.get(f"{omnitron_url}/_simulator/requests", timeout=10).json()
            simulator.terminate()
            simulator.wait(timeout=30)
            engine.dispose()
    return Result(
        "PostgreSQL",
        "2nd station packing + sync engine",
        packages,
        packed_ms,
        seen_ms,
        other_packs,
        len(requests),
        lookups,
    )


def run_sqlite(packages: int, scans: int, scan_by: str, home: Path) -> Result:
    url = f"sqlite:///{home / 'bench.sqlite3'}"
    engine, sessions, fill_seconds = prepare(url, packages)
    print(f"sqlite: {packages} packages inserted in {fill_seconds:.1f} s", flush=True)
    try:
        lookups = measure_lookups(sessions, packages)
        packed_ms, seen_ms = measure(sessions, scans, scan_by)
    finally:
        engine.dispose()
    return Result(
        "SQLite", "none (single station)", packages, packed_ms, seen_ms, lookup_ms=lookups
    )


# -- report ---------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def table(results: list[Result]) -> str:
    lines = [
        "| database | packages | concurrent load | scans | packed p50 | packed p95 "
        "| seen p50 | seen p95 | station B packs | sync engine requests |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        lines.append(
            f"| {result.backend} | {result.packages:,} | {result.load} "
            f"| {len(result.packed_ms)} "
            f"| {statistics.median(result.packed_ms):.1f} ms "
            f"| {percentile(result.packed_ms, 0.95):.1f} ms "
            f"| {statistics.median(result.seen_ms):.1f} ms "
            f"| {percentile(result.seen_ms, 0.95):.1f} ms "
            f"| {result.other_station_packs or '-'} | {result.sync_requests or '-'} |"
        )
    return "\n".join(lines)


def lookup_table(results: list[Result]) -> str:
    kinds = list(LOOKUP_CODES)
    lines = [
        "| database | " + " | ".join(f"find by {kind} number" for kind in kinds) + " |",
        "|---|" + "---:|" * len(kinds),
    ]
    for result in results:
        cells = " | ".join(f"{result.lookup_ms[kind]:.1f} ms" for kind in kinds)
        lines.append(f"| {result.backend} | {cells} |")
    return "\n".join(lines)


def machine(admin_url: str | None) -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    parts = [
        f"nproc {os.cpu_count()}",
        f"CPU {cpu}",
        f"Python {platform.python_version()}",
        f"SQLite {sqlite3.sqlite_version}",
    ]
    if admin_url is not None:
        engine = create_engine(admin_url)
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
        parts.append(f"PostgreSQL {version}")
    return ", ".join(parts)


def check_loopback(url: str) -> None:
    host = make_url(url).host
    if host not in LOOPBACK_HOSTS:
        raise SystemExit(f"the benchmark only runs against a local server, not {host!r}")


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["--worker"]:
        second_station(arguments[1], int(arguments[2]), arguments[3], Path(arguments[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--scan-by", choices=sorted(SCAN_CODES), default="tracking")
    parser.add_argument("--postgres-admin-url", default=DEFAULT_ADMIN_URL)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args(arguments)
    if args.scans + WARMUP_SCANS > args.packages // 2:
        parser.error("--packages must be at least twice --scans plus the warm-up")
    logging.basicConfig(level=logging.WARNING)

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="oms-bench-") as folder:
        home = Path(folder)
        if not args.skip_postgres:
            check_loopback(args.postgres_admin_url)
            results.append(
                run_postgres(args.postgres_admin_url, args.packages, args.scans, args.scan_by, home)
            )
        if not args.skip_sqlite:
            results.append(run_sqlite(args.packages, args.scans, args.scan_by, home))

    print()
    print(f"Scanned by {args.scan_by} number.")
    print(table(results))
    print()
    print(f"Median of {LOOKUP_SAMPLES} code lookups (find_packages) on the idle database:")
    print(lookup_table(results))
    print()
    print(f"Command: uv run python bench/bench_stations.py {' '.join(arguments)}".rstrip())
    print(f"Machine: {machine(None if args.skip_postgres else args.postgres_admin_url)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
