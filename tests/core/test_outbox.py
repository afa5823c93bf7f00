"""The outbox on the database side: due rows, outcomes, retry of failed rows, counts."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from oms_desktop.core.db import transaction
from oms_desktop.core.models import OmnitronOutbox
from oms_desktop.core.outbox import (
    OutboxStats,
    backoff_delay,
    due_reports,
    mark_delivered,
    outbox_stats,
    park_failed,
    release_claims,
    retry_failed,
    schedule_retry,
)
from tests.conftest import TestDatabase

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


def add_reports(database: TestDatabase, *offsets_seconds: float) -> list[int]:
    """Add one pending report per offset, due that many seconds from NOW; return their ids."""
    with transaction(database.sessions) as session:
        rows = [
            OmnitronOutbox(
                order_item_omnitron_id=1000 + index,
                target_status="450",
                next_attempt_at=NOW + dt.timedelta(seconds=offset),
                created_at=NOW - dt.timedelta(minutes=10 - index),
            )
            for index, offset in enumerate(offsets_seconds)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def load(database: TestDatabase, report_id: int) -> OmnitronOutbox:
    with transaction(database.sessions) as session:
        row = session.get(OmnitronOutbox, report_id)
        assert row is not None
        return row


def test_due_reports_oldest_first_and_only_due(database: TestDatabase) -> None:
    ids = add_reports(database, -5, 30, -60, 0)

    with transaction(database.sessions) as session:
        due = [row.id for row in due_reports(session, NOW, limit=10)]

    assert due == [ids[2], ids[0], ids[3]]


def test_due_reports_respects_limit_and_state(database: TestDatabase) -> None:
    ids = add_reports(database, -3, -2, -1)
    with transaction(database.sessions) as session:
        mark_delivered(session, ids[0], NOW)

    with transaction(database.sessions) as session:
        due = [row.id for row in due_reports(session, NOW, limit=1)]
        assert due_reports(session, NOW, limit=0) == []

    assert due == [ids[1]]


def test_claim_hides_reports_until_it_expires(database: TestDatabase) -> None:
    ids = add_reports(database, -1, -1)

    with transaction(database.sessions) as session:
        claimed = [row.id for row in due_reports(session, NOW, 10, claim_seconds=60)]
    with transaction(database.sessions) as session:
        again = due_reports(session, NOW, 10)
        later = [row.id for row in due_reports(session, NOW + dt.timedelta(seconds=61), 10)]

    assert claimed == ids
    assert again == []
    assert later == ids


def test_release_claims_makes_reports_due_without_attempt(database: TestDatabase) -> None:
    ids = add_reports(database, -1, -1)
    with transaction(database.sessions) as session:
        due_reports(session, NOW, 10, claim_seconds=60)
        mark_delivered(session, ids[0], NOW)

    with transaction(database.sessions) as session:
        released = release_claims(session, ids, NOW)

    assert released == 1
    row = load(database, ids[1])
    assert row.next_attempt_at == NOW
    assert row.attempts == 0
    assert load(database, ids[0]).state == "delivered"


def test_mark_delivered(database: TestDatabase) -> None:
    (report_id,) = add_reports(database, 0)
    with transaction(database.sessions) as session:
        schedule_retry(session, report_id, "HTTP 503", NOW, 2)
        mark_delivered(session, report_id, NOW + dt.timedelta(seconds=3))

    row = load(database, report_id)
    assert row.state == "delivered"
    assert row.attempts == 2
    assert row.delivered_at == NOW + dt.timedelta(seconds=3)
    assert row.last_error is None


def test_schedule_retry_counts_and_delays(database: TestDatabase) -> None:
    (report_id,) = add_reports(database, 0)

    with transaction(database.sessions) as session:
        due_at = schedule_retry(session, report_id, "connection refused", NOW, 7.5)

    row = load(database, report_id)
    assert due_at == NOW + dt.timedelta(seconds=7.5)
    assert row.next_attempt_at == due_at
    assert row.attempts == 1
    assert row.state == "pending"
    assert row.last_error == "connection refused"
    with transaction(database.sessions) as session:
        assert due_reports(session, NOW + dt.timedelta(seconds=7), 10) == []


def test_schedule_retry_rejects_negative_delay(database: TestDatabase) -> None:
    (report_id,) = add_reports(database, 0)
    with transaction(database.sessions) as session, pytest.raises(ValueError, match="-1"):
        schedule_retry(session, report_id, "x", NOW, -1)


def test_unknown_report_raises_lookup_error(database: TestDatabase) -> None:
    with transaction(database.sessions) as session, pytest.raises(LookupError, match="4242"):
        mark_delivered(session, 4242, NOW)


def test_park_failed_keeps_body_and_clips_it(database: TestDatabase) -> None:
    first, second = add_reports(database, 0, 0)
    body = '{"non_field_errors": ["Order is cancelled."], "code": "order_cancelled"}'

    with transaction(database.sessions) as session:
        park_failed(session, first, body, NOW)
        park_failed(session, second, "x" * 5000, NOW)

    row = load(database, first)
    assert row.state == "failed"
    assert row.last_error == body
    assert row.attempts == 1
    clipped = load(database, second).last_error
    assert clipped is not None
    assert len(clipped) == 2000
    assert clipped.endswith("...")
    with transaction(database.sessions) as session:
        assert due_reports(session, NOW + dt.timedelta(days=1), 10) == []


def test_retry_failed_selected_and_all(database: TestDatabase) -> None:
    ids = add_reports(database, 0, 0, 0, 0)
    with transaction(database.sessions) as session:
        for report_id in ids[:3]:
            park_failed(session, report_id, "HTTP 400", NOW)

    with transaction(database.sessions) as session:
        assert retry_failed(session, [ids[0], ids[3]], now=NOW) == 1
        assert retry_failed(session, [], now=NOW) == 0
    assert load(database, ids[0]).state == "pending"
    assert load(database, ids[0]).last_error == "HTTP 400"
    assert load(database, ids[1]).state == "failed"

    with transaction(database.sessions) as session:
        assert retry_failed(session, None, now=NOW) == 2
        states = set(session.scalars(select(OmnitronOutbox.state)))
    assert states == {"pending"}


def test_outbox_stats(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        assert outbox_stats(session, NOW) == OutboxStats(0, 0, None, 0)
    ids = add_reports(database, -1, 60, 0, 0)
    with transaction(database.sessions) as session:
        park_failed(session, ids[2], "HTTP 404", NOW)
        mark_delivered(session, ids[3], NOW)

    with transaction(database.sessions) as session:
        stats = outbox_stats(session, NOW)

    assert stats.waiting == 2
    assert stats.due == 1
    assert stats.failed == 1
    assert stats.oldest_waiting_at == NOW - dt.timedelta(minutes=10)
    assert stats.oldest_waiting_at.tzinfo is not None


def test_backoff_doubles_up_to_cap() -> None:
    delays = [backoff_delay(attempt, base=2, cap=30, rng=lambda: 1.0) for attempt in range(1, 7)]
    assert delays == [2, 4, 8, 16, 30, 30]


def test_backoff_jitter_stays_in_upper_half() -> None:
    low = backoff_delay(3, base=1, cap=100, rng=lambda: 0.0)
    high = backoff_delay(3, base=1, cap=100, rng=lambda: 0.999)
    assert low == 2.0
    assert 3.99 < high < 4.0


def test_backoff_handles_huge_attempt_counts() -> None:
    assert backoff_delay(10_000, base=2, cap=300, rng=lambda: 1.0) == 300


@pytest.mark.parametrize(("attempt", "base", "cap"), [(0, 1, 1), (1, 0, 1), (1, 1, -1)])
def test_backoff_rejects_invalid_arguments(attempt: int, base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        backoff_delay(attempt, base=base, cap=cap)


def test_skip_locked_gives_concurrent_engines_different_rows(database: TestDatabase) -> None:
    if database.backend != "postgres":
        pytest.skip("SQLite serialises writers with BEGIN IMMEDIATE instead of row locks")
    add_reports(database, -1, -1, -1, -1)
    first_taken: list[int] = []
    second_taken: list[int] = []
    first_has_rows = threading.Event()
    second_done = threading.Event()

    def first_engine() -> None:
        with transaction(database.sessions) as session:
            first_taken.extend(row.id for row in due_reports(session, NOW, 2))
            first_has_rows.set()
            # Hold the row locks until the second engine has looked.
            second_done.wait(timeout=10)

    thread = threading.Thread(target=first_engine)
    thread.start()
    assert first_has_rows.wait(timeout=10)
    with transaction(database.sessions) as session:
        second_taken.extend(row.id for row in due_reports(session, NOW, 10))
    second_done.set()
    thread.join(timeout=10)

    assert len(first_taken) == 2
    assert len(second_taken) == 2
    assert not set(first_taken) & set(second_taken)
