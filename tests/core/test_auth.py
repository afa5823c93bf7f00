"""Supervisor secret: hashing, verification and lockout."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from oms_desktop.core.auth import (
    LOCKOUT,
    MAX_FAILED_ATTEMPTS,
    CheckOutcome,
    check_secret,
    hash_secret,
    set_secret,
    verify_secret,
)
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import AuditEvent, SupervisorCredential
from tests.conftest import TestDatabase

T0 = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def test_hash_is_salted_and_verifies() -> None:
    first = hash_secret("4817")
    second = hash_secret("4817")

    assert first != second
    assert first.startswith("scrypt$")
    assert "4817" not in first
    assert verify_secret("4817", first)
    assert not verify_secret("4818", first)
    assert not verify_secret("4817", "garbage")


def test_short_secret_rejected(database: TestDatabase) -> None:
    with transaction(database.sessions) as session, pytest.raises(ConfigurationError):
        set_secret(session, "12", station="bench-1")


def test_check_accepts_right_secret(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        set_secret(session, "4817", station="bench-1")
    with transaction(database.sessions) as session:
        result = check_secret(session, "4817", station="bench-1", now=T0)
    assert result.outcome is CheckOutcome.ACCEPTED
    with database.sessions() as session:
        stored = session.scalars(select(SupervisorCredential.password_hash)).one()
    assert "4817" not in stored


def test_not_configured(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        assert check_secret(session, "x", station="b").outcome is CheckOutcome.NOT_CONFIGURED


def test_lockout_after_repeated_failures(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        set_secret(session, "4817", station="bench-1")

    outcomes = []
    for attempt in range(MAX_FAILED_ATTEMPTS):
        with transaction(database.sessions) as session:
            now = T0 + dt.timedelta(seconds=attempt)
            outcomes.append(check_secret(session, "0000", station="bench-1", now=now))

    assert [result.outcome for result in outcomes[:-1]] == [CheckOutcome.REJECTED] * (
        MAX_FAILED_ATTEMPTS - 1
    )
    assert outcomes[0].attempts_left == MAX_FAILED_ATTEMPTS - 1
    assert outcomes[-1].outcome is CheckOutcome.LOCKED
    # Even the right secret is refused while locked.
    with transaction(database.sessions) as session:
        locked = check_secret(session, "4817", station="bench-1", now=T0 + dt.timedelta(minutes=1))
    assert locked.outcome is CheckOutcome.LOCKED
    with transaction(database.sessions) as session:
        later = T0 + LOCKOUT + dt.timedelta(minutes=1)
        assert check_secret(session, "4817", station="bench-1", now=later).outcome is (
            CheckOutcome.ACCEPTED
        )
    with database.sessions() as session:
        failures = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "supervisor_login_failed")
        ).all()
    assert len(failures) == MAX_FAILED_ATTEMPTS
    assert all(event.station == "bench-1" for event in failures)
