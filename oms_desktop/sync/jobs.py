"""The three sync jobs: pull new orders, deliver the outbox, poll shipment status.

Each job takes an ``OmnitronClient`` and a ``sessionmaker`` and works in short
transactions: it reads what it needs, commits, talks to Omnitron, then writes the
outcome in a new transaction. No transaction is open while a request is on the network,
so a slow Omnitron never holds a lock a packer is waiting for.

A job records the Omnitron failures it handled in its report's ``errors`` and returns
normally; what it could do before the failure is committed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, contains_eager, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from oms_desktop.core.db import transaction
from oms_desktop.core.ingest import IngestOutcome, ingest_order
from oms_desktop.core.models import Order, Package, Shipment, SyncState, utcnow
from oms_desktop.core.outbox import (
    backoff_delay,
    due_reports,
    mark_delivered,
    park_failed,
    release_claims,
    schedule_retry,
)
from oms_desktop.core.payloads import OrderPayload
from oms_desktop.core.settings import (
    AUTO_RUN_SHIP,
    STATUS_POLL_BATCH_SIZE,
    STATUS_POLL_CONCURRENCY,
    get_setting,
)
from oms_desktop.core.shipment_status import apply_omnitron_status
from oms_desktop.core.statuses import OPEN_SHIPMENT_STATUSES
from oms_desktop.sync.client import InvalidOrder, OmnitronClient
from oms_desktop.sync.errors import InvalidAnswer, OmnitronError, RateLimited, Rejected

log = logging.getLogger(__name__)

Sessions = sessionmaker[Session]
Clock = Callable[[], dt.datetime]

ORDERS_CURSOR_KEY = "orders.modified_cursor"
# Reports taken per outbox round trip to the database.
DELIVERY_BATCH_SIZE = 50
# How long a taken report stays invisible to other sync engines while this one sends it;
# longer than one PATCH with all its retries can take (3 sends of at most 15 s plus waits).
DELIVERY_CLAIM_SECONDS = 120.0


# Order feed cursor


def read_orders_cursor(session: Session) -> dt.datetime | None:
    """Return the ``modified_date`` of the newest order the feed has handled, if any."""
    row = session.get(SyncState, ORDERS_CURSOR_KEY)
    if row is None or not row.value:
        return None
    try:
        moment = dt.datetime.fromisoformat(row.value)
    except ValueError:
        log.error(
            "Ignoring the stored order cursor %r: it is not an ISO date; pulling all orders",
            row.value,
        )
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def write_orders_cursor(session: Session, value: dt.datetime, now: dt.datetime) -> None:
    """Store ``value`` as the order cursor unless the stored one is already later."""
    current = read_orders_cursor(session)
    if current is not None and current >= value:
        return
    text = value.astimezone(dt.UTC).isoformat()
    row = session.get(SyncState, ORDERS_CURSOR_KEY)
    if row is None:
        session.add(SyncState(key=ORDERS_CURSOR_KEY, value=text, updated_at=now))
    else:
        row.value = text
        row.updated_at = now
    session.flush()


# Pull


@dataclass
class PullReport:
    """Outcome counts of one order pull; ``changed_package_ids`` are packages created or changed."""

    pages: int = 0
    received: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stored: int = 0
    cancelled: int = 0
    skipped: int = 0
    changed_package_ids: list[int] = field(default_factory=list)
    cursor: dt.datetime | None = None
    errors: list[str] = field(default_factory=list)


def _count_outcome(report: PullReport, outcome: IngestOutcome) -> None:
    if outcome is IngestOutcome.CREATED:
        report.created += 1
    elif outcome is IngestOutcome.UPDATED:
        report.updated += 1
    elif outcome is IngestOutcome.CANCELLED:
        report.cancelled += 1
    elif outcome is IngestOutcome.STORED:
        report.stored += 1
    else:
        report.unchanged += 1


class _StopPull(Exception):
    """The database refused a write the pull cannot skip; the cursor stays where it is."""


def _ingest_one(
    sessions: Sessions,
    payload: OrderPayload,
    advance_to: dt.datetime | None,
    report: PullReport,
    now: dt.datetime,
) -> None:
    try:
        with transaction(sessions) as session:
            result = ingest_order(session, payload, now)
            if advance_to is not None:
                # The cursor moves in the same transaction as the order, so after a crash
                # the feed resumes exactly after the last order that was stored.
                write_orders_cursor(session, advance_to, now)
    except (IntegrityError, DataError) as error:
        # The order contradicts what is stored (for example its number belongs to another
        # Omnitron order): retrying cannot help, so it is skipped like an invalid payload.
        report.skipped += 1
        log.error(
            "Skipped Omnitron order %s (pk %d): the database rejected it: %s",
            payload.number,
            payload.pk,
            error.orig if error.orig is not None else error,
        )
        _advance_cursor(sessions, advance_to, now)
        return
    except StaleDataError as error:
        raise _StopPull(
            f"order {payload.number} changed at a station while it was ingested; "
            "it is read again on the next pull"
        ) from error
    except SQLAlchemyError as error:
        raise _StopPull(f"order {payload.number} could not be stored: {error}") from error
    _count_outcome(report, result.outcome)
    if result.package_id is not None and result.outcome in (
        IngestOutcome.CREATED,
        IngestOutcome.UPDATED,
        IngestOutcome.CANCELLED,
    ):
        report.changed_package_ids.append(result.package_id)


def _advance_cursor(sessions: Sessions, advance_to: dt.datetime | None, now: dt.datetime) -> None:
    if advance_to is None:
        return
    try:
        with transaction(sessions) as session:
            write_orders_cursor(session, advance_to, now)
    except SQLAlchemyError as error:
        raise _StopPull(f"the order cursor could not be stored: {error}") from error


def _entry_date(entry: OrderPayload | InvalidOrder) -> dt.datetime | None:
    return entry.modified_date


async def pull_orders(
    client: OmnitronClient,
    sessions: Sessions,
    *,
    clock: Clock = utcnow,
    max_pages: int | None = None,
) -> PullReport:
    """Fetch the orders modified since the stored cursor and ingest them one by one.

    Pages are requested with ``ordering=modified_date`` and ``modified_date__gt=<cursor>``;
    after each full page the query starts again from the new cursor, so an order changed
    while the pull runs can move to the end of the list but never falls between two pages.
    Orders that share the last ``modified_date`` of a full page are ingested, but the cursor
    stays before them until the next page shows the group has ended. An invalid order is
    logged with its number, counted as skipped, and the cursor moves past it.
    """
    report = PullReport()
    with transaction(sessions) as session:
        cursor = read_orders_cursor(session)
    report.cursor = cursor
    query_cursor = cursor
    next_params: dict[str, str] | None = None

    while max_pages is None or report.pages < max_pages:
        if next_params is not None:
            params = next_params
        else:
            params = {"ordering": "modified_date"}
            if query_cursor is not None:
                params["modified_date__gt"] = query_cursor.astimezone(dt.UTC).isoformat()
        try:
            page = await client.orders_page(params)
        except OmnitronError as error:
            log.error("Order pull stopped at cursor %s: %s", report.cursor, error)
            report.errors.append(f"order pull: {error}")
            break
        report.pages += 1
        report.received += len(page.entries)

        full = page.next_params is not None
        dates = [date for date in map(_entry_date, page.entries) if date is not None]
        held_date = max(dates) if full and dates else None
        now = clock()
        try:
            for entry in page.entries:
                date = _entry_date(entry)
                advance_to = None if date is None or date == held_date else date
                if isinstance(entry, InvalidOrder):
                    report.skipped += 1
                    _advance_cursor(sessions, advance_to, now)
                else:
                    _ingest_one(sessions, entry, advance_to, report, now)
                if advance_to is not None and (report.cursor is None or advance_to > report.cursor):
                    report.cursor = advance_to
        except _StopPull as stop:
            log.error("Order pull stopped at cursor %s: %s", report.cursor, stop)
            report.errors.append(f"order pull: {stop}")
            break

        if not full:
            break
        if report.cursor is not None and (query_cursor is None or report.cursor > query_cursor):
            query_cursor = report.cursor
            next_params = None
        else:
            # The whole page shares one modified_date: step through that group by the
            # server's own next link, since a new cursor query would return the same page.
            next_params = page.next_params

    if report.received or report.errors:
        log.info(
            "Order pull: %d received, %d created, %d updated, %d cancelled, %d stored, "
            "%d skipped; cursor %s",
            report.received,
            report.created,
            report.updated,
            report.cancelled,
            report.stored,
            report.skipped,
            report.cursor.isoformat() if report.cursor else "none",
        )
    return report


# Deliver


@dataclass
class DeliveryReport:
    """Outcome counts of one outbox run over the reports that were due."""

    attempted: int = 0
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    delivered_ids: list[int] = field(default_factory=list)
    failed_ids: list[int] = field(default_factory=list)
    package_ids: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Due:
    id: int
    package_id: int | None
    order_item_omnitron_id: int
    target_status: str
    attempts: int


def _retry_delay(
    error: OmnitronError, attempts: int, now: dt.datetime, rng: Callable[[], float]
) -> float:
    delay = backoff_delay(attempts + 1, rng=rng)
    if isinstance(error, RateLimited):
        delay = max(delay, (error.until - now).total_seconds())
    return delay


async def deliver_reports(
    client: OmnitronClient,
    sessions: Sessions,
    *,
    clock: Clock = utcnow,
    batch_size: int = DELIVERY_BATCH_SIZE,
    claim_seconds: float = DELIVERY_CLAIM_SECONDS,
    rng: Callable[[], float] = random.random,
    after_send: Callable[[int], None] | None = None,
) -> DeliveryReport:
    """Send every due outbox report to Omnitron and record each outcome.

    A 2xx marks the report delivered. A 4xx that a retry cannot fix (400, 403, 404, ...)
    parks it as failed with Omnitron's response body. Anything else schedules a retry with
    backoff, and a failure that concerns Omnitron as a whole (connection, timeout, 5xx,
    429, login) also ends the run, so an outage costs one request per run and not one per
    report. ``after_send`` is called with the report id after each accepted PATCH, before
    it is marked delivered; tests use it to stand for a crash in between.
    """
    report = DeliveryReport()
    while True:
        now = clock()
        with transaction(sessions) as session:
            due = [
                _Due(
                    row.id,
                    row.package_id,
                    row.order_item_omnitron_id,
                    row.target_status,
                    row.attempts,
                )
                for row in due_reports(session, now, batch_size, claim_seconds=claim_seconds)
            ]
        if not due:
            break
        stopped = await _deliver_batch(client, sessions, due, report, clock, rng, after_send)
        if stopped or len(due) < batch_size:
            break
    if report.attempted:
        log.info(
            "Outbox: %d sent, %d delivered, %d to retry, %d failed",
            report.attempted,
            report.delivered,
            report.retried,
            report.failed,
        )
    return report


async def _deliver_batch(
    client: OmnitronClient,
    sessions: Sessions,
    due: Sequence[_Due],
    report: DeliveryReport,
    clock: Clock,
    rng: Callable[[], float],
    after_send: Callable[[int], None] | None,
) -> bool:
    """Send ``due`` in order; return True when a failure ended the run early."""
    for index, row in enumerate(due):
        try:
            stop = await _deliver_one(client, sessions, row, report, clock, rng, after_send)
        except BaseException:
            # A crash or a cancellation: the reports not sent yet become due again at once
            # instead of waiting out their claim. The current one keeps its claim, since
            # its PATCH may have been applied; it is sent again when the claim expires.
            _release(sessions, due[index + 1 :], clock())
            raise
        if stop:
            _release(sessions, due[index + 1 :], clock())
            return True
    return False


def _release(sessions: Sessions, rows: Sequence[_Due], now: dt.datetime) -> None:
    if rows:
        with transaction(sessions) as session:
            release_claims(session, [row.id for row in rows], now)


async def _deliver_one(
    client: OmnitronClient,
    sessions: Sessions,
    row: _Due,
    report: DeliveryReport,
    clock: Clock,
    rng: Callable[[], float],
    after_send: Callable[[int], None] | None,
) -> bool:
    """Send one report and record the outcome; return True when the run must stop."""
    report.attempted += 1
    try:
        await client.update_order_item_status(row.order_item_omnitron_id, row.target_status)
    except Rejected as error:
        _park(sessions, row, error, report, clock())
        return False
    except InvalidAnswer as error:
        # The PATCH may or may not have been applied; sending it again is harmless.
        _reschedule(sessions, row, error, report, clock(), rng)
        return False
    except OmnitronError as error:
        _reschedule(sessions, row, error, report, clock(), rng)
        report.errors.append(f"report delivery: {error}")
        return True
    if after_send is not None:
        after_send(row.id)
    with transaction(sessions) as session:
        try:
            mark_delivered(session, row.id, clock())
        except LookupError:
            log.warning("Outbox report %d vanished before it could be marked delivered", row.id)
            return False
    report.delivered += 1
    report.delivered_ids.append(row.id)
    if row.package_id is not None and row.package_id not in report.package_ids:
        report.package_ids.append(row.package_id)
    log.debug(
        "Delivered outbox report %d: order item %d is %s",
        row.id,
        row.order_item_omnitron_id,
        row.target_status,
    )
    return False


def _park(
    sessions: Sessions, row: _Due, error: Rejected, report: DeliveryReport, now: dt.datetime
) -> None:
    body = f"HTTP {error.status_code}: {error.body}"
    with transaction(sessions) as session:
        park_failed(session, row.id, body, now)
    report.failed += 1
    report.failed_ids.append(row.id)
    if row.package_id is not None and row.package_id not in report.package_ids:
        report.package_ids.append(row.package_id)
    log.error(
        "Outbox report %d failed for good: Omnitron rejected order item %d -> %s with %s; "
        "a supervisor can retry it after fixing the cause",
        row.id,
        row.order_item_omnitron_id,
        row.target_status,
        body,
    )


def _reschedule(
    sessions: Sessions,
    row: _Due,
    error: OmnitronError,
    report: DeliveryReport,
    now: dt.datetime,
    rng: Callable[[], float],
) -> None:
    delay = _retry_delay(error, row.attempts, now, rng)
    with transaction(sessions) as session:
        due_at = schedule_retry(session, row.id, str(error), now, delay)
    report.retried += 1
    log.warning(
        "Outbox report %d (order item %d -> %s) not delivered, attempt %d: %s; next try at %s",
        row.id,
        row.order_item_omnitron_id,
        row.target_status,
        row.attempts + 1,
        error,
        due_at.isoformat(timespec="seconds"),
    )


# Poll


@dataclass
class PollReport:
    """Outcome of one shipment status poll; ``batches`` counts the id__in batches requested."""

    enabled: bool = True
    open_shipments: int = 0
    batches: int = 0
    received: int = 0
    missing: int = 0
    changed_package_ids: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_shipment_orders(session: Session) -> list[int]:
    """Return the Omnitron ids of the orders whose package has an open shipment."""
    statuses = sorted(status.value for status in OPEN_SHIPMENT_STATUSES)
    statement = (
        select(Order.omnitron_id)
        .join(Package, Package.order_id == Order.id)
        .join(Shipment, Shipment.package_id == Package.id)
        .where(Package.status.in_(statuses))
        .order_by(Package.id)
    )
    return list(dict.fromkeys(session.scalars(statement)))


def apply_order_statuses(
    sessions: Sessions, orders: Sequence[OrderPayload], now: dt.datetime
) -> list[int]:
    """Apply the statuses of ``orders`` to their open shipments in one transaction; return
    the ids of the packages that changed."""
    by_pk = {order.pk: order for order in orders}
    statuses = sorted(status.value for status in OPEN_SHIPMENT_STATUSES)
    changed: list[int] = []
    with transaction(sessions) as session:
        packages = session.scalars(
            select(Package)
            .join(Package.order)
            .where(Order.omnitron_id.in_(list(by_pk)), Package.status.in_(statuses))
            .options(
                contains_eager(Package.order),
                selectinload(Package.shipment),
                selectinload(Package.items),
            )
        ).all()
        for package in packages:
            payload = by_pk[package.order.omnitron_id]
            if package.order.omnitron_status != payload.status:
                package.order.omnitron_status = payload.status
            if apply_omnitron_status(session, package, payload.status, now):
                changed.append(package.id)
    return changed


async def poll_shipments(
    client: OmnitronClient, sessions: Sessions, *, clock: Clock = utcnow
) -> PollReport:
    """Ask Omnitron for the status of every order with an open shipment and apply it.

    Runs only while AUTO_RUN_SHIP_THE_PACKAGE_COMMAND is true. Orders are requested
    STATUS_POLL_BATCH_SIZE ids at a time with ``id__in``, at most STATUS_POLL_CONCURRENCY
    requests in flight, so the requests per poll grow with the open shipments divided by
    the batch size and never with the packages in the database.
    """
    with transaction(sessions) as session:
        enabled = bool(get_setting(session, AUTO_RUN_SHIP))
        batch_size = int(get_setting(session, STATUS_POLL_BATCH_SIZE))
        concurrency = int(get_setting(session, STATUS_POLL_CONCURRENCY))
        order_ids = open_shipment_orders(session) if enabled else []
    report = PollReport(enabled=enabled, open_shipments=len(order_ids))
    if not enabled:
        log.debug("Shipment poll skipped: %s is false", AUTO_RUN_SHIP)
        return report
    if not order_ids:
        return report

    semaphore = asyncio.Semaphore(concurrency)
    batches = [
        order_ids[start : start + batch_size] for start in range(0, len(order_ids), batch_size)
    ]

    async def poll_batch(batch: list[int]) -> None:
        async with semaphore:
            report.batches += 1
            try:
                orders = await client.orders_by_ids(batch, batch_size=len(batch))
            except OmnitronError as error:
                log.error(
                    "Shipment poll of %d orders (ids %d..%d) failed: %s",
                    len(batch),
                    batch[0],
                    batch[-1],
                    error,
                )
                report.errors.append(f"shipment poll: {error}")
                return
        report.received += len(orders)
        returned = {order.pk for order in orders}
        missing = [pk for pk in batch if pk not in returned]
        if missing:
            report.missing += len(missing)
            log.warning(
                "Omnitron returned no order for %d polled ids, such as %s",
                len(missing),
                ", ".join(str(pk) for pk in missing[:5]),
            )
        try:
            report.changed_package_ids.extend(apply_order_statuses(sessions, orders, clock()))
        except StaleDataError:
            log.warning(
                "A station changed a package while its shipment status was applied; "
                "the %d orders are polled again next time",
                len(orders),
            )
            report.errors.append("shipment poll: a package changed concurrently; retried next poll")

    await asyncio.gather(*(poll_batch(batch) for batch in batches))
    if report.changed_package_ids or report.errors:
        log.info(
            "Shipment poll: %d open shipments, %d batches, %d packages changed, %d errors",
            report.open_shipments,
            report.batches,
            len(report.changed_package_ids),
            len(report.errors),
        )
    return report
