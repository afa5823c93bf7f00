"""Measure one shipment status poll of 10,000 open shipments against the simulator.

Setup (not measured): a simulator on 127.0.0.1 with 10,000 extra approved orders, a fresh
SQLite database filled by pull_orders, and every package packed through core.command.
Measured: one poll_shipments cycle (id__in batches) and, for the same open shipments, a
naive poller that asks for each order by number with GET /api/i1/orders/?number=...
at the same concurrency. Both apply the statuses they read, so both do the same database
work; the request counts come from the simulator's request log.

Run: uv run python bench/bench_poll.py [--orders 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import platform
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.command import complete_packaging
from oms_desktop.core.db import make_engine, make_session_factory, transaction, upgrade_database
from oms_desktop.core.errors import DomainError
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    Order,
    Package,
    ShipmentCondition,
    utcnow,
)
from oms_desktop.core.settings import STATUS_POLL_BATCH_SIZE, STATUS_POLL_CONCURRENCY, get_setting
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.jobs import (
    apply_order_statuses,
    open_shipment_orders,
    poll_shipments,
    pull_orders,
)
from oms_desktop.sync.settings import OmnitronSettings


def route_everything(sessions: sessionmaker[Session]) -> None:
    with transaction(sessions) as session:
        channels = list(session.scalars(select(Channel)))
        for cargo in session.scalars(select(CargoCompany)):
            condition = ShipmentCondition(
                cargo_company_id=cargo.id,
                klass="ChannelBasedOrdersCondition",
                conf={"klass": "OmnitronShipmentClient"},
            )
            condition.channels = list(channels)
            session.add(condition)


def pack_all(sessions: sessionmaker[Session], batch: int = 500) -> int:
    with transaction(sessions) as session:
        ids = list(session.scalars(select(Package.id).where(Package.status == "waiting")))
    packed = 0
    for start in range(0, len(ids), batch):
        with transaction(sessions) as session:
            for package_id in ids[start : start + batch]:
                try:
                    with session.begin_nested():
                        complete_packaging(session, package_id, station="bench")
                    packed += 1
                except DomainError:
                    # A few simulated orders have no tracking number yet.
                    continue
    return packed


async def naive_poll(
    client: OmnitronClient, sessions: sessionmaker[Session], concurrency: int
) -> int:
    """Ask for each open shipment's order by number, ``concurrency`` requests at a time."""
    with transaction(sessions) as session:
        pks = open_shipment_orders(session)
        rows = session.execute(
            select(Order.omnitron_id, Order.number).where(Order.omnitron_id.in_(pks))
        )
        numbers = {pk: number for pk, number in rows}
    semaphore = asyncio.Semaphore(concurrency)
    changed = 0

    async def one(number: str) -> None:
        nonlocal changed
        async with semaphore:
            page = await client.orders_page({"number": number, "limit": "1"})
        changed += len(apply_order_statuses(sessions, page.orders, utcnow()))

    await asyncio.gather(*(one(numbers[pk]) for pk in pks))
    return changed


def request_count(control: httpx.Client) -> int:
    return len(control.get("/_simulator/requests").json())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000, help="approved orders to add")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    workdir = Path(tempfile.mkdtemp(prefix="bench-poll-"))
    engine = make_engine(f"sqlite:///{workdir / 'bench.sqlite3'}")
    upgrade_database(engine)
    sessions = make_session_factory(engine)

    with SimulatorServer(
        seed=7, user=DEFAULT_USER, password=DEFAULT_PASSWORD, order_count=0
    ) as sim:
        control = httpx.Client(base_url=sim.url, timeout=120)
        control.post("/_simulator/orders", json={"count": arguments.orders, "status": "400"})
        settings = OmnitronSettings(url=sim.url, user=DEFAULT_USER, password=DEFAULT_PASSWORD)

        async def setup() -> None:
            async with OmnitronClient(settings, page_size=1000) as client:
                await pull_orders(client, sessions)

        started = time.perf_counter()
        asyncio.run(setup())
        route_everything(sessions)
        packed = pack_all(sessions)
        setup_seconds = time.perf_counter() - started

        # A share of the orders moves on at Omnitron, so the poll has statuses to apply.
        with transaction(sessions) as session:
            numbers = list(session.scalars(select(Order.number).order_by(Order.id)))
            batch_size = int(get_setting(session, STATUS_POLL_BATCH_SIZE))
            concurrency = int(get_setting(session, STATUS_POLL_CONCURRENCY))
        for number in numbers[::10]:
            control.post(f"/_simulator/orders/{number}/status", json={"status": "500"})

        async def measured_poll() -> tuple[int, float, int]:
            async with OmnitronClient(settings) as client:
                await client.login()
                control.delete("/_simulator/requests")
                begin = time.perf_counter()
                report = await poll_shipments(client, sessions)
                seconds = time.perf_counter() - begin
                return request_count(control), seconds, len(report.changed_package_ids)

        poll_requests, poll_seconds, poll_changed = asyncio.run(measured_poll())

        # Move the same orders on once more, so the naive poller has the same work to do.
        for number in numbers[::10]:
            control.post(f"/_simulator/orders/{number}/status", json={"status": "540"})

        async def measured_naive() -> tuple[int, float, int]:
            async with OmnitronClient(settings) as client:
                await client.login()
                control.delete("/_simulator/requests")
                begin = time.perf_counter()
                changed = await naive_poll(client, sessions, concurrency)
                seconds = time.perf_counter() - begin
                return request_count(control), seconds, changed

        naive_requests, naive_seconds, naive_changed = asyncio.run(measured_naive())
        control.close()

    engine.dispose()
    print(f"Setup: {arguments.orders} orders pulled, {packed} packed in {setup_seconds:.1f} s")
    print(f"Python {platform.python_version()}, batch size {batch_size}, concurrency {concurrency}")
    print()
    print("| poller | open shipments | HTTP requests | wall time (s) | packages changed |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| poll_shipments (id__in, {batch_size} per request, {concurrency} in flight) "
        f"| {packed} | {poll_requests} | {poll_seconds:.2f} | {poll_changed} |"
    )
    print(
        f"| naive (one ?number= request per order, {concurrency} in flight) "
        f"| {packed} | {naive_requests} | {naive_seconds:.2f} | {naive_changed} |"
    )


if __name__ == "__main__":
    main()
