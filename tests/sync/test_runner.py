"""run_cycle, SyncLoop and run_once against the simulator."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable

from sqlalchemy import select

from oms_desktop.core import lease
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import NoTrackingNumber
from oms_desktop.core.models import OmnitronOutbox, Order, Package
from oms_desktop.core.settings import (
    ORDER_PULL_INTERVAL,
    OUTBOX_INTERVAL,
    STATUS_POLL_INTERVAL,
    set_setting,
)
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.runner import CycleReport, SyncLoop, SyncStatus, run_cycle, run_once
from oms_desktop.sync.settings import OmnitronSettings
from tests.conftest import TestDatabase
from tests.sync.conftest import (
    FakeTime,
    SimulatorControl,
    make_client,
    pull_and_pack,
    route_every_order,
    run,
)

# Long enough that a job runs only when the test makes it run.
NEVER = 3600.0


def cycle(settings: OmnitronSettings, database: TestDatabase, fake_time: FakeTime) -> CycleReport:
    async def scenario() -> CycleReport:
        async with make_client(settings, fake_time) as client:
            return await run_cycle(client, database.sessions, clock=fake_time.clock)

    return run(scenario())


def test_cycle_runs_all_three_jobs(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    packed = pull_and_pack(omnitron_settings, database, fake_time, count=2)
    control.set_status(packed[0].order_number, "500")
    new_numbers = control.add_orders(2, status="400")

    report = cycle(omnitron_settings, database, fake_time)

    assert report.errors == []
    assert report.jobs == ["pull_orders", "deliver_reports", "poll_shipments"]
    assert report.orders_created == 2
    assert report.reports_delivered >= 2
    assert packed[0].package_id in report.packages_changed
    assert report.finished_at == fake_time.now
    with transaction(database.sessions) as session:
        statuses = session.scalars(
            select(Package.status).join(Package.order).where(Order.number.in_(new_numbers))
        ).all()
    assert statuses == ["waiting", "waiting"]


def test_cycle_survives_total_outage(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=1)
    control.faults({"path": "/api/", "status": 503})

    report = cycle(omnitron_settings, database, fake_time)

    assert len(report.errors) == 3
    assert all("503" in error for error in report.errors)
    assert report.reports_delivered == 0
    assert report.reports_retried == 1


def test_failing_job_does_not_stop_the_others(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=1)
    control.faults({"path": "/api/i1/orders/", "method": "GET", "body": "html", "status": 200})

    report = cycle(omnitron_settings, database, fake_time)

    assert len(report.errors) == 2, "pull and poll read the order list"
    assert all("HTML" in error for error in report.errors)
    assert report.reports_delivered >= 1


def configure(database: TestDatabase, **values: float) -> None:
    with transaction(database.sessions) as session:
        for key, value in values.items():
            set_setting(session, key, value)


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def run_loop(
    settings: OmnitronSettings,
    database: TestDatabase,
    body: Callable[[SyncLoop, list[CycleReport], list[SyncStatus]], Awaitable[None]],
    owner: str = "test-engine",
) -> tuple[list[CycleReport], list[SyncStatus]]:
    reports: list[CycleReport] = []
    statuses: list[SyncStatus] = []

    async def scenario() -> None:
        # Real sleeps, but short retry delays keep an outage test fast.
        async with OmnitronClient(settings, backoff_base=0.01) as client:
            loop = SyncLoop(
                client,
                database.sessions,
                on_cycle=reports.append,
                on_status=statuses.append,
                owner=owner,
            )
            stop = asyncio.Event()
            task = asyncio.ensure_future(loop.run(stop))
            try:
                await body(loop, reports, statuses)
            finally:
                stop.set()
                await asyncio.wait_for(task, timeout=5)

    run(scenario())
    return reports, statuses


def test_wake_delivers_reports_at_once(
    database: TestDatabase, omnitron_settings: OmnitronSettings, fake_time: FakeTime
) -> None:
    configure(
        database,
        **{ORDER_PULL_INTERVAL: NEVER, OUTBOX_INTERVAL: NEVER, STATUS_POLL_INTERVAL: NEVER},
    )

    async def body(loop: SyncLoop, reports: list[CycleReport], statuses: list[SyncStatus]) -> None:
        await wait_for(lambda: len(reports) == 1)
        assert reports[0].orders_created > 0
        await asyncio.to_thread(pull_and_pack_existing, database, fake_time)
        loop.wake()
        await wait_for(lambda: len(reports) == 2)

    reports, statuses = run_loop(omnitron_settings, database, body)

    assert reports[1].jobs == ["deliver_reports"]
    assert reports[1].reports_delivered >= 1
    assert statuses[-1].reports_waiting == 0
    assert statuses[-1].last_error is None
    assert statuses[-1].last_success_at is not None
    assert statuses[-1].standby_holder is None


def pull_and_pack_existing(database: TestDatabase, fake_time: FakeTime) -> None:
    """Pack one waiting package the loop's first pull created, as a packer would."""
    route_every_order(database)
    with transaction(database.sessions) as session:
        numbers = session.scalars(
            select(Package.number).where(Package.status == "waiting").order_by(Package.id)
        ).all()
    for number in numbers:
        try:
            with transaction(database.sessions) as session:
                pack_code(session, number, station="test")
            return
        except NoTrackingNumber:
            continue
    raise AssertionError("no package could be packed")


def test_status_reports_waiting_and_error_during_outage(
    database: TestDatabase,
    omnitron_settings: OmnitronSettings,
    fake_time: FakeTime,
    control: SimulatorControl,
) -> None:
    pull_and_pack(omnitron_settings, database, fake_time, count=1)
    configure(
        database,
        **{ORDER_PULL_INTERVAL: NEVER, OUTBOX_INTERVAL: NEVER, STATUS_POLL_INTERVAL: NEVER},
    )
    control.faults({"path": "/api/", "status": 503})

    async def body(loop: SyncLoop, reports: list[CycleReport], statuses: list[SyncStatus]) -> None:
        await wait_for(lambda: len(statuses) >= 1, timeout=20)

    _, statuses = run_loop(omnitron_settings, database, body)

    status = statuses[-1]
    assert status.reports_waiting >= 1
    assert status.oldest_waiting_at is not None
    assert status.last_error is not None and "503" in status.last_error
    assert status.last_success_at is None


def test_stop_interrupts_a_hanging_request(
    database: TestDatabase, omnitron_settings: OmnitronSettings, control: SimulatorControl
) -> None:
    control.faults({"path": "/api/i1/orders/", "latency_ms": 4000})

    async def body(loop: SyncLoop, reports: list[CycleReport], statuses: list[SyncStatus]) -> None:
        await wait_for(
            lambda: any(entry["path"].endswith("/login/") for entry in control.requests())
        )
        await asyncio.sleep(0.2)

    started = dt.datetime.now(dt.UTC)
    reports, _ = run_loop(omnitron_settings, database, body)
    elapsed = (dt.datetime.now(dt.UTC) - started).total_seconds()

    assert reports == [], "the cut-short cycle is not reported"
    assert elapsed < 3.5, f"stop took {elapsed:.1f} s"


def test_standby_while_another_engine_holds_the_lease(
    database: TestDatabase, omnitron_settings: OmnitronSettings, control: SimulatorControl
) -> None:
    assert lease.try_acquire(database.sessions, "other-station", dt.timedelta(minutes=5))

    async def body(loop: SyncLoop, reports: list[CycleReport], statuses: list[SyncStatus]) -> None:
        await wait_for(lambda: len(statuses) >= 1)

    reports, statuses = run_loop(omnitron_settings, database, body)

    assert reports == []
    assert statuses[-1].standby_holder == "other-station"
    assert control.requests() == [], "a standby engine sends nothing"


def test_run_once(
    database: TestDatabase, omnitron_settings: OmnitronSettings, control: SimulatorControl
) -> None:
    report = run_once(database.url, omnitron_settings)

    assert report.errors == []
    assert report.orders_created > 0
    assert report.finished_at is not None
    with transaction(database.sessions) as session:
        assert session.scalars(select(OmnitronOutbox)).all() == []
        # The single run gave the lease back, so a long-running engine can start at once.
        assert lease.current_holder(session) is None
