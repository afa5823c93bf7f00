"""Running the sync jobs: one cycle, a long-running loop, and the single-run entry point.

No Qt here: the headless ``oms-desktop sync`` service and the GUI's SyncEngine both use
``SyncLoop``. Only one engine per database talks to Omnitron at a time. The active one
holds the sync lease row and renews it while it runs. The others wait in standby and
take over when the lease lapses. The active engine also prunes old change-log rows.

Lease timing: the holder renews every ``ttl / 3`` seconds, a standby engine tries to
take the lease as often, and a lease not renewed for ``ttl`` seconds lapses. After the
holder dies, another engine therefore takes over within ``takeover_bound(ttl)``: 20 s
for the default 15 s lease. Lease times come from the database server's clock on
PostgreSQL, so clock drift between stations cannot make two engines active at once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core import lease
from oms_desktop.core.changes import prune_changes
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.models import utcnow
from oms_desktop.core.outbox import outbox_stats
from oms_desktop.core.settings import (
    ORDER_PULL_INTERVAL,
    OUTBOX_INTERVAL,
    SETTINGS,
    STATUS_POLL_INTERVAL,
    get_setting,
)
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.errors import OmnitronError
from oms_desktop.sync.jobs import (
    DeliveryReport,
    PollReport,
    PullReport,
    deliver_reports,
    poll_shipments,
    pull_orders,
)
from oms_desktop.sync.settings import OmnitronSettings

log = logging.getLogger(__name__)

Sessions = sessionmaker[Session]
Clock = Callable[[], dt.datetime]

PULL = "pull_orders"
DELIVER = "deliver_reports"
POLL = "poll_shipments"
ALL_JOBS: tuple[str, ...] = (PULL, DELIVER, POLL)
INTERVAL_SETTINGS = {
    PULL: ORDER_PULL_INTERVAL,
    DELIVER: OUTBOX_INTERVAL,
    POLL: STATUS_POLL_INTERVAL,
}

# Seconds a sync engine keeps the lease without renewing it. The holder renews it every
# third of this, so two renewals in a row may fail (a database hiccup) before it lapses.
LEASE_TTL_SECONDS = 15.0
# The loop wakes at least this often to notice interval changes and a stop. It renews
# the lease (or, in standby, tries to take it) every time it wakes.
MAX_IDLE_SECONDS = 5.0
# Change-log rows older than this are deleted by the active engine. Stations read only
# the last seconds of the log. A station that was offline for longer shows stale rows
# until the packer changes the filter or restarts it.
CHANGE_LOG_RETENTION = dt.timedelta(days=1)
PRUNE_INTERVAL_SECONDS = 600.0


def renew_interval(ttl_seconds: float) -> float:
    """Return the seconds between lease renewals (and standby attempts) for a lease TTL."""
    return ttl_seconds / 3.0


def takeover_bound(ttl_seconds: float = LEASE_TTL_SECONDS) -> float:
    """Return the most seconds a standby engine needs to take over from a dead holder.

    The holder's last renewal makes the lease run ``ttl_seconds`` past it, and the
    standby engine tries again every ``renew_interval`` seconds, so it succeeds at the
    latest that long after the lapse, plus the time of one lease transaction.
    """
    return ttl_seconds + renew_interval(ttl_seconds)


@dataclass
class CycleReport:
    """Outcome of one run of the due jobs; the sub-reports are None for jobs that did not run."""

    orders_pulled: int = 0
    orders_created: int = 0
    orders_updated: int = 0
    orders_cancelled: int = 0
    orders_skipped: int = 0
    reports_delivered: int = 0
    reports_retried: int = 0
    reports_failed: int = 0
    packages_changed: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    finished_at: dt.datetime | None = None
    jobs: list[str] = field(default_factory=list)
    pull: PullReport | None = None
    delivery: DeliveryReport | None = None
    poll: PollReport | None = None

    def _add_packages(self, ids: Sequence[int]) -> None:
        for package_id in ids:
            if package_id not in self.packages_changed:
                self.packages_changed.append(package_id)


@dataclass(frozen=True)
class SyncStatus:
    """State of the sync engine for the status bar.

    ``standby_holder`` names the station whose engine holds the lease while this one
    waits (the station part of the holder name, see ``holder_station``).
    """

    last_success_at: dt.datetime | None
    reports_waiting: int
    oldest_waiting_at: dt.datetime | None
    reports_failed: int
    last_error: str | None
    rate_limited_until: dt.datetime | None
    standby_holder: str | None = None


# Lease


def default_owner() -> str:
    """Return a name for this engine that is unique across stations and restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def engine_owner(station: str) -> str:
    """Return a unique lease holder name that starts with the station's name."""
    return f"{station}/{default_owner()}"


def holder_station(holder: str) -> str:
    """Return the station part of a lease holder name made by ``engine_owner``."""
    station, separator, _ = holder.rpartition("/")
    return station if separator and station else holder


def database_now(sessions: Sessions) -> dt.datetime:
    """Return the current time of the PostgreSQL server, or this machine's on SQLite.

    Every engine then compares lease expiry times against one clock. A SQLite file has
    no server, and every engine using it runs on this machine.
    """
    bind = sessions.kw.get("bind")
    dialect = getattr(getattr(bind, "dialect", None), "name", None)
    if dialect != "postgresql":
        return utcnow()
    with sessions() as session:
        value = session.scalar(select(func.statement_timestamp()))
    if not isinstance(value, dt.datetime):
        raise TypeError(f"statement_timestamp() returned {value!r}, expected a datetime")
    return value.astimezone(dt.UTC)


def take_lease(
    sessions: Sessions,
    owner: str,
    now: dt.datetime | None = None,
    *,
    ttl_seconds: float = LEASE_TTL_SECONDS,
) -> str | None:
    """Take or renew the sync lease for ``owner``; return the other holder's name while
    another engine holds it, None when ``owner`` holds it now.

    ``now`` defaults to ``database_now(sessions)``.
    """
    now = now or database_now(sessions)
    if lease.try_acquire(sessions, owner, dt.timedelta(seconds=ttl_seconds), now=now):
        return None
    with transaction(sessions) as session:
        holder = lease.current_holder(session, now=now)
    return holder or "another sync engine"


async def keep_lease(
    sessions: Sessions, owner: str, ttl_seconds: float, lease_clock: Clock | None = None
) -> str:
    """Renew the lease every ``renew_interval(ttl_seconds)`` until cancelled.

    The caller must hold the lease when it starts this. Returns the other holder's name
    when a renewal finds that another engine took the lease over, or a description when
    the renewals failed on the database for ``ttl_seconds``, after which another engine
    may hold it. A single failed renewal is logged and tried again.
    """
    renewed_at = time.monotonic()
    while True:
        await asyncio.sleep(renew_interval(ttl_seconds))
        try:
            now = lease_clock() if lease_clock is not None else None
            holder = take_lease(sessions, owner, now, ttl_seconds=ttl_seconds)
        except SQLAlchemyError as error:
            if time.monotonic() - renewed_at >= ttl_seconds:
                return f"no known engine: the lease lapsed while renewals failed ({error})"
            log.warning("Could not renew the sync lease of %s: %s", owner, error)
            continue
        if holder is not None:
            return holder
        renewed_at = time.monotonic()


# One cycle


async def _run_job(
    name: str, job: Callable[[], Awaitable[object]], report: CycleReport
) -> object | None:
    try:
        return await job()
    except OmnitronError as error:
        log.error("Sync job %s failed: %s", name, error)
        report.errors.append(f"{name}: {error}")
    except SQLAlchemyError as error:
        # A locked or unreachable database is expected now and then on a shared server;
        # the job runs again at its next interval.
        log.error("Sync job %s failed on the database: %s", name, error)
        report.errors.append(f"{name}: database error: {error}")
    return None


async def run_cycle(
    client: OmnitronClient,
    sessions: Sessions,
    *,
    jobs: Sequence[str] = ALL_JOBS,
    clock: Clock = utcnow,
) -> CycleReport:
    """Run the given jobs once, in the order pull, deliver, poll, and report what changed.

    A job that fails with an Omnitron or database error is recorded in ``errors`` and the
    next job still runs; other exceptions are bugs and propagate.
    """
    report = CycleReport(jobs=[name for name in ALL_JOBS if name in jobs])
    if PULL in jobs:
        pulled = await _run_job(PULL, lambda: pull_orders(client, sessions, clock=clock), report)
        if isinstance(pulled, PullReport):
            report.pull = pulled
            report.orders_pulled = pulled.received
            report.orders_created = pulled.created
            report.orders_updated = pulled.updated
            report.orders_cancelled = pulled.cancelled
            report.orders_skipped = pulled.skipped
            report._add_packages(pulled.changed_package_ids)
            report.errors.extend(pulled.errors)
    if DELIVER in jobs:
        delivered = await _run_job(
            DELIVER, lambda: deliver_reports(client, sessions, clock=clock), report
        )
        if isinstance(delivered, DeliveryReport):
            report.delivery = delivered
            report.reports_delivered = delivered.delivered
            report.reports_retried = delivered.retried
            report.reports_failed = delivered.failed
            report.errors.extend(delivered.errors)
    if POLL in jobs:
        polled = await _run_job(POLL, lambda: poll_shipments(client, sessions, clock=clock), report)
        if isinstance(polled, PollReport):
            report.poll = polled
            report._add_packages(polled.changed_package_ids)
            report.errors.extend(polled.errors)
    report.finished_at = clock()
    return report


# The loop


class SyncLoop:
    """Runs the three jobs forever, each on its own interval, until a stop event is set.

    Intervals are read from the settings before every wait, so a supervisor's change
    applies without a restart. ``on_cycle`` receives each CycleReport and ``on_status``
    each SyncStatus; both are called on the loop's thread and must not block.

    Args:
        owner: lease holder name; ``engine_owner(station)`` makes one.
        lease_ttl_seconds: lease time to live (see the module docstring).
        lease_clock: replaces the database clock for the lease, for tests.
        stop_grace_seconds: how long a stop lets the running cycle finish before it
            cancels it. A report whose request is cut short stays claimed until its
            claim expires (then any engine sends it again); a finished one is recorded.
        change_log_retention: age of the change-log rows the active engine deletes.
    """

    def __init__(
        self,
        client: OmnitronClient,
        sessions: Sessions,
        *,
        on_cycle: Callable[[CycleReport], None] | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        clock: Clock = utcnow,
        owner: str | None = None,
        lease_ttl_seconds: float = LEASE_TTL_SECONDS,
        lease_clock: Clock | None = None,
        stop_grace_seconds: float = 0.0,
        change_log_retention: dt.timedelta = CHANGE_LOG_RETENTION,
    ) -> None:
        if lease_ttl_seconds <= 0:
            raise ValueError(f"lease_ttl_seconds must be positive, got {lease_ttl_seconds}")
        if stop_grace_seconds < 0:
            raise ValueError(f"stop_grace_seconds must not be negative, got {stop_grace_seconds}")
        self.client = client
        self.sessions = sessions
        self.on_cycle = on_cycle
        self.on_status = on_status
        self.clock = clock
        self.owner = owner or default_owner()
        self.lease_ttl_seconds = lease_ttl_seconds
        self.lease_clock = lease_clock
        self.stop_grace_seconds = stop_grace_seconds
        self.change_log_retention = change_log_retention
        # None until the first lease attempt, then whether this engine holds the lease.
        self.is_leader: bool | None = None
        self._last_prune: float | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake_event: asyncio.Event | None = None
        self._wake_requested = threading.Event()
        self._last_run: dict[str, dt.datetime] = {}
        self._intervals = {
            name: float(SETTINGS[key].default) for name, key in INTERVAL_SETTINGS.items()
        }
        self._last_error: str | None = None
        self._standby_holder: str | None = None
        self.status: SyncStatus | None = None

    def wake(self) -> None:
        """Make the outbox delivery run now; safe to call from any thread."""
        self._wake_requested.set()
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._set_wake_event()
        else:
            loop.call_soon_threadsafe(self._set_wake_event)

    def _set_wake_event(self) -> None:
        if self._wake_event is not None:
            self._wake_event.set()

    def _read_intervals(self) -> None:
        try:
            with transaction(self.sessions) as session:
                for name, key in INTERVAL_SETTINGS.items():
                    self._intervals[name] = float(get_setting(session, key))
        except SQLAlchemyError as error:
            log.warning("Could not read the sync intervals, keeping the last ones: %s", error)

    def _due_jobs(self, now: dt.datetime) -> list[str]:
        due = []
        for name in ALL_JOBS:
            last = self._last_run.get(name)
            if last is None or (now - last).total_seconds() >= self._intervals[name]:
                due.append(name)
        if self._wake_requested.is_set() and DELIVER not in due:
            due.append(DELIVER)
        return due

    def _seconds_until_next(self, now: dt.datetime) -> float:
        waits = []
        for name in ALL_JOBS:
            last = self._last_run.get(name)
            if last is None:
                return 0.0
            waits.append(self._intervals[name] - (now - last).total_seconds())
        return max(0.0, min(min(waits), self._idle_seconds()))

    def _idle_seconds(self) -> float:
        return min(MAX_IDLE_SECONDS, renew_interval(self.lease_ttl_seconds))

    def _publish_status(self) -> None:
        now = self.clock()
        try:
            with transaction(self.sessions) as session:
                stats = outbox_stats(session, now)
        except SQLAlchemyError as error:
            log.warning("Could not read the outbox counts for the status: %s", error)
            return
        self.status = SyncStatus(
            last_success_at=self.client.last_success_at,
            reports_waiting=stats.waiting,
            oldest_waiting_at=stats.oldest_waiting_at,
            reports_failed=stats.failed,
            last_error=self._last_error,
            rate_limited_until=self.client.rate_limited_until,
            standby_holder=holder_station(self._standby_holder) if self._standby_holder else None,
        )
        if self.on_status is not None:
            self.on_status(self.status)

    async def _wait(self, stop_event: asyncio.Event, seconds: float) -> None:
        assert self._wake_event is not None
        if seconds <= 0:
            return
        stop_task = asyncio.ensure_future(stop_event.wait())
        wake_task = asyncio.ensure_future(self._wake_event.wait())
        try:
            await asyncio.wait(
                {stop_task, wake_task}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            stop_task.cancel()
            wake_task.cancel()
            await asyncio.gather(stop_task, wake_task, return_exceptions=True)
        self._wake_event.clear()

    async def _run_due(self, stop_event: asyncio.Event, due: list[str]) -> CycleReport | None:
        """Run ``due`` as one cycle; None when a stop or a lost lease cut it short."""
        if DELIVER in due:
            self._wake_requested.clear()
        cycle = asyncio.ensure_future(
            run_cycle(self.client, self.sessions, jobs=due, clock=self.clock)
        )
        stop_task = asyncio.ensure_future(stop_event.wait())
        # A first pull of a large backlog can outlast the lease; renewing it during the
        # cycle keeps a standby engine from taking over in the middle.
        renew_task = asyncio.ensure_future(
            keep_lease(self.sessions, self.owner, self.lease_ttl_seconds, self.lease_clock)
        )
        try:
            await asyncio.wait({cycle, stop_task, renew_task}, return_when=asyncio.FIRST_COMPLETED)
            if stop_task.done() and not cycle.done() and self.stop_grace_seconds > 0:
                log.info(
                    "Waiting up to %.1f s for the running sync cycle to finish",
                    self.stop_grace_seconds,
                )
                await asyncio.wait(
                    {cycle, renew_task},
                    timeout=self.stop_grace_seconds,
                    return_when=asyncio.FIRST_COMPLETED,
                )
        finally:
            stop_task.cancel()
            renew_task.cancel()
            await asyncio.gather(stop_task, renew_task, return_exceptions=True)
        if not cycle.done() and renew_task.done() and not renew_task.cancelled():
            failure = renew_task.exception()
            log.error(
                "Sync engine %s lost the lease to %s during a cycle; stopping the cycle",
                self.owner,
                repr(failure) if failure is not None else renew_task.result(),
            )
            self.is_leader = False
        if not cycle.done():
            # A cancelled job stops at its next await. Database work between awaits is
            # synchronous, so the transaction in progress always finishes first.
            cycle.cancel()
            await asyncio.gather(cycle, return_exceptions=True)
            return None
        return cycle.result()

    async def run(self, stop_event: asyncio.Event) -> None:
        """Run the jobs until ``stop_event`` is set; an unexpected error in a cycle is logged
        and the loop goes on."""
        self._loop = asyncio.get_running_loop()
        self._wake_event = asyncio.Event()
        if self._wake_requested.is_set():
            self._wake_event.set()
        log.info("Sync engine %s started against %s", self.owner, self.client.settings.url)
        try:
            while not stop_event.is_set():
                await self._iterate(stop_event)
        finally:
            try:
                lease.release(self.sessions, self.owner)
            except SQLAlchemyError as error:
                log.warning("Could not release the sync lease: %s", error)
            log.info("Sync engine %s stopped", self.owner)

    @property
    def standby_holder(self) -> str | None:
        """The lease holder this engine waits for, None while it holds the lease itself."""
        return self._standby_holder

    def _prune_change_log(self) -> None:
        """Delete old change-log rows every PRUNE_INTERVAL_SECONDS; the lease holder's job."""
        started = time.monotonic()
        if self._last_prune is not None and started - self._last_prune < PRUNE_INTERVAL_SECONDS:
            return
        self._last_prune = started
        try:
            with transaction(self.sessions) as session:
                removed = prune_changes(session, self.change_log_retention, now=self.clock())
        except SQLAlchemyError as error:
            log.warning("Could not prune the change log: %s", error)
            return
        if removed:
            log.info(
                "Pruned %d change-log row(s) older than %s", removed, self.change_log_retention
            )

    async def _iterate(self, stop_event: asyncio.Event) -> None:
        self._read_intervals()
        try:
            lease_now = self.lease_clock() if self.lease_clock is not None else None
            holder = take_lease(
                self.sessions, self.owner, lease_now, ttl_seconds=self.lease_ttl_seconds
            )
        except SQLAlchemyError as error:
            log.error("Could not take the sync lease: %s", error)
            self._last_error = f"database error: {error}"
            self._publish_status()
            await self._wait(stop_event, self._idle_seconds())
            return
        if holder is not None:
            if self._standby_holder != holder:
                log.info("Sync engine %s is in standby: %s talks to Omnitron", self.owner, holder)
            self._standby_holder = holder
            self.is_leader = False
            self._publish_status()
            await self._wait(stop_event, renew_interval(self.lease_ttl_seconds))
            return
        if self._standby_holder is not None:
            log.info("Sync engine %s took over the lease from %s", self.owner, self._standby_holder)
            self._standby_holder = None
        elif not self.is_leader:
            log.info("Sync engine %s holds the sync lease", self.owner)
        self.is_leader = True
        self._prune_change_log()

        now = self.clock()
        due = self._due_jobs(now)
        if not due:
            await self._wait(stop_event, self._seconds_until_next(now))
            return
        try:
            report = await self._run_due(stop_event, due)
        except Exception as error:  # a long-running service must outlive a bug
            log.exception("Sync cycle %s failed unexpectedly", ", ".join(due))
            report = CycleReport(
                jobs=due, errors=[f"unexpected error: {error!r}"], finished_at=self.clock()
            )
        if report is None:
            return
        finished = report.finished_at or self.clock()
        for name in due:
            self._last_run[name] = finished
        self._last_error = report.errors[-1] if report.errors else None
        if self.on_cycle is not None:
            self.on_cycle(report)
        self._publish_status()


# Single run


async def _run_once(database_url: str, settings: OmnitronSettings, owner: str) -> CycleReport:
    engine = make_engine(database_url)
    try:
        sessions = make_session_factory(engine)
        holder = take_lease(sessions, owner)
        if holder is not None:
            message = f"another sync engine ({holder}) is talking to Omnitron; nothing was run"
            log.warning(message)
            return CycleReport(errors=[message], finished_at=utcnow())
        # NOTE: a lost lease is only logged here; a single run has no loop to stand down.
        renewal = asyncio.ensure_future(keep_lease(sessions, owner, LEASE_TTL_SECONDS))
        try:
            async with OmnitronClient(settings) as client:
                return await run_cycle(client, sessions)
        finally:
            renewal.cancel()
            await asyncio.gather(renewal, return_exceptions=True)
            if renewal.done() and not renewal.cancelled() and renewal.exception() is None:
                log.error("sync --once lost the lease to %s during its cycle", renewal.result())
            lease.release(sessions, owner)
    finally:
        engine.dispose()


def run_once(database_url: str, settings: OmnitronSettings) -> CycleReport:
    """Run pull, deliver and poll once against ``database_url``; used by ``sync --once``."""
    return asyncio.run(_run_once(database_url, settings, default_owner()))
