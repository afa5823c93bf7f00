"""The Omnitron outbox on the database side: which reports are due, and what became of them.

A report row is written by the packing command in the same transaction as the packing.
The sync engine takes due rows, sends them, and records the outcome here, each step in a
short transaction of its own, so no lock is held while a request is on the network.

States: ``pending`` (waiting to be sent, ``next_attempt_at`` says when), ``delivered``
(Omnitron accepted it) and ``failed`` (Omnitron rejected it in a way a retry cannot fix;
a supervisor looks at ``last_error`` and may put it back with ``retry_failed``).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from oms_desktop.core.models import OmnitronOutbox, OutboxStatus

log = logging.getLogger(__name__)

# Delivery retry delays in seconds: the first retry waits about RETRY_BASE_SECONDS, each
# further one twice as long, never more than RETRY_CAP_SECONDS.
RETRY_BASE_SECONDS = 2.0
RETRY_CAP_SECONDS = 300.0
# Maximum length of last_error. Omnitron's error bodies are short JSON, but an HTML error
# page from a proxy is not.
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class OutboxStats:
    """Counts for the status bar: reports still to send, reports a supervisor must see."""

    waiting: int
    failed: int
    oldest_waiting_at: dt.datetime | None
    # Waiting reports whose next attempt has come; the rest wait out a retry delay or a claim.
    due: int = 0


def backoff_delay(
    attempt: int,
    *,
    base: float = RETRY_BASE_SECONDS,
    cap: float = RETRY_CAP_SECONDS,
    rng: Callable[[], float] = random.random,
) -> float:
    """Return the seconds to wait before retry number ``attempt`` (1 for the first retry).

    The delay doubles with each attempt up to ``cap``, and a random factor between 0.5 and 1
    spreads the retries of many rows or stations apart so they do not arrive together.
    """
    if attempt < 1:
        raise ValueError(f"attempt must be 1 or more, got {attempt}")
    if base <= 0 or cap <= 0:
        raise ValueError(f"base and cap must be positive, got base={base}, cap={cap}")
    # 2**exponent overflows a float long before the attempt count gets that high; the cap
    # is reached after a few dozen attempts anyway.
    exponent = min(attempt - 1, 60)
    ceiling = min(cap, base * 2.0**exponent)
    return ceiling * (0.5 + rng() / 2.0)


def _clip(text: str) -> str:
    if len(text) <= MAX_ERROR_LENGTH:
        return text
    return text[: MAX_ERROR_LENGTH - 3] + "..."


def due_reports(
    session: Session,
    now: dt.datetime,
    limit: int,
    *,
    claim_seconds: float | None = None,
) -> list[OmnitronOutbox]:
    """Return up to ``limit`` pending reports whose ``next_attempt_at`` has come, oldest first.

    On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so two sync engines that
    ask at the same time get different rows. The lock ends with the caller's transaction;
    with ``claim_seconds`` the rows' ``next_attempt_at`` also moves that far ahead, which
    keeps them away from every other engine after the commit while this one sends them.
    A claim left behind by a crashed engine expires by itself.
    """
    if limit < 1:
        return []
    statement = (
        select(OmnitronOutbox)
        .where(
            OmnitronOutbox.state == OutboxStatus.PENDING,
            OmnitronOutbox.next_attempt_at <= now,
        )
        .order_by(OmnitronOutbox.next_attempt_at, OmnitronOutbox.id)
        .limit(limit)
    )
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    rows = list(session.scalars(statement))
    if claim_seconds is not None and rows:
        claimed_until = now + dt.timedelta(seconds=claim_seconds)
        for row in rows:
            row.next_attempt_at = claimed_until
        session.flush()
    return rows


def _get(session: Session, report_id: int) -> OmnitronOutbox:
    row = session.get(OmnitronOutbox, report_id)
    if row is None:
        raise LookupError(f"outbox report {report_id} does not exist")
    return row


def mark_delivered(session: Session, report_id: int, now: dt.datetime) -> None:
    """Record that Omnitron accepted report ``report_id``."""
    row = _get(session, report_id)
    row.state = OutboxStatus.DELIVERED
    row.attempts += 1
    row.delivered_at = now
    row.last_error = None
    session.flush()


def schedule_retry(
    session: Session, report_id: int, error: str, now: dt.datetime, delay_seconds: float
) -> dt.datetime:
    """Count a failed attempt of report ``report_id`` and make it due again after a delay.

    Returns the new ``next_attempt_at``.
    """
    if delay_seconds < 0:
        raise ValueError(f"delay_seconds must not be negative, got {delay_seconds}")
    row = _get(session, report_id)
    row.attempts += 1
    row.last_error = _clip(error)
    row.next_attempt_at = now + dt.timedelta(seconds=delay_seconds)
    session.flush()
    return row.next_attempt_at


def park_failed(session: Session, report_id: int, error_body: str, now: dt.datetime) -> None:
    """Stop sending report ``report_id``: Omnitron rejected it for a reason a retry cannot fix.

    ``error_body`` is kept for the supervisor, who may put the report back with
    ``retry_failed`` once the cause is fixed.
    """
    row = _get(session, report_id)
    row.state = OutboxStatus.FAILED
    row.attempts += 1
    row.last_error = _clip(error_body)
    # next_attempt_at is the time of the failure while the row is parked, so the
    # supervisor's list can sort by it.
    row.next_attempt_at = now
    session.flush()


def release_claims(session: Session, report_ids: Sequence[int], now: dt.datetime) -> int:
    """Make claimed reports that were not sent due again at ``now``, without counting an attempt.

    Returns the number of reports released; delivered and failed ones are left alone.
    """
    if not report_ids:
        return 0
    result = session.execute(
        update(OmnitronOutbox)
        .where(
            OmnitronOutbox.id.in_(list(report_ids)),
            OmnitronOutbox.state == OutboxStatus.PENDING,
        )
        .values(next_attempt_at=now),
        execution_options={"synchronize_session": "fetch"},
    )
    return int(getattr(result, "rowcount", 0) or 0)


def retry_failed(
    session: Session, report_ids: Sequence[int] | None = None, now: dt.datetime | None = None
) -> int:
    """Put failed reports back to pending, due at once; all of them when ``report_ids`` is None.

    Returns the number of reports put back. ``attempts`` and ``last_error`` stay as they
    were, so the history of the report is not lost.
    """
    statement = update(OmnitronOutbox).where(OmnitronOutbox.state == OutboxStatus.FAILED)
    if report_ids is not None:
        if not report_ids:
            return 0
        statement = statement.where(OmnitronOutbox.id.in_(list(report_ids)))
    due_at = now or dt.datetime.now(dt.UTC)
    result = session.execute(
        statement.values(state=OutboxStatus.PENDING, next_attempt_at=due_at),
        execution_options={"synchronize_session": "fetch"},
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.info("Put %d failed Omnitron reports back in the queue", count)
    return count


def outbox_stats(session: Session, now: dt.datetime) -> OutboxStats:
    """Count waiting, due and failed reports and find when the oldest waiting one was written."""
    waiting_count, oldest = session.execute(
        select(func.count(OmnitronOutbox.id), func.min(OmnitronOutbox.created_at)).where(
            OmnitronOutbox.state == OutboxStatus.PENDING
        )
    ).one()
    due_count = session.scalar(
        select(func.count(OmnitronOutbox.id)).where(
            OmnitronOutbox.state == OutboxStatus.PENDING,
            OmnitronOutbox.next_attempt_at <= now,
        )
    )
    failed_count = session.scalar(
        select(func.count(OmnitronOutbox.id)).where(OmnitronOutbox.state == OutboxStatus.FAILED)
    )
    return OutboxStats(
        waiting=int(waiting_count or 0),
        failed=int(failed_count or 0),
        oldest_waiting_at=oldest,
        due=int(due_count or 0),
    )
