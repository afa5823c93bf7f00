"""The change feed other stations refresh from, the sync lease and package claims."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from oms_desktop.core.changes import ChangeFeed, prune_changes
from oms_desktop.core.claims import active_claim, claim_package, release_claim
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.lease import current_holder, release, try_acquire
from oms_desktop.core.models import ChangeLog, Package
from oms_desktop.core.settings import AUTO_RUN_SHIP, set_setting
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload

T0 = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
TTL = dt.timedelta(seconds=30)


def make_packages(database: TestDatabase, count: int = 2) -> list[int]:
    with transaction(database.sessions) as session:
        configure_station(session)
        for pk in range(1, count + 1):
            ingest_order(session, order_payload(pk=pk))
    with database.sessions() as session:
        return list(session.scalars(select(Package.id).order_by(Package.id)))


def test_feed_reports_packed_package_only(database: TestDatabase) -> None:
    ids = make_packages(database)
    feed = ChangeFeed()
    with database.sessions() as session:
        feed.start_at_end(session)

    with transaction(database.sessions) as session:
        pack_code(session, "PKG-0000002", station="bench-1")

    with database.sessions() as session:
        batch = feed.poll(session)
        assert batch.package_ids == {ids[1]}
        assert not feed.poll(session)


def test_feed_reports_settings_topic(database: TestDatabase) -> None:
    feed = ChangeFeed()
    with database.sessions() as session:
        feed.start_at_end(session)
    with transaction(database.sessions) as session:
        set_setting(session, AUTO_RUN_SHIP, False)

    with database.sessions() as session:
        batch = feed.poll(session)
    assert batch.topics == {"settings"}
    assert batch.package_ids == set()


def test_feed_catches_late_committed_lower_id(database: TestDatabase) -> None:
    ids = make_packages(database)
    feed = ChangeFeed()
    with database.sessions() as session:
        feed.start_at_end(session)
        start = feed.cursor
    # Ids start+2 and start+1 arrive in that order, as when the transaction holding
    # the lower id commits second.
    with transaction(database.sessions) as session:
        session.add(ChangeLog(id=start + 2, topic="package", entity_id=ids[0], at=T0))
    with database.sessions() as session:
        assert feed.poll(session).package_ids == {ids[0]}
    with transaction(database.sessions) as session:
        session.add(ChangeLog(id=start + 1, topic="package", entity_id=ids[1], at=T0))

    with database.sessions() as session:
        assert feed.poll(session).package_ids == {ids[1]}


def test_prune_keeps_recent_rows(database: TestDatabase) -> None:
    with transaction(database.sessions) as session:
        session.add(ChangeLog(topic="package", entity_id=1, at=T0 - dt.timedelta(days=2)))
        session.add(ChangeLog(topic="package", entity_id=2, at=T0))
    with transaction(database.sessions) as session:
        removed = prune_changes(session, dt.timedelta(days=1), now=T0)

    assert removed == 1
    with database.sessions() as session:
        assert session.scalars(select(ChangeLog.entity_id)).all() == [2]


def test_lease_has_one_holder_until_expiry(database: TestDatabase) -> None:
    sessions = database.sessions
    assert try_acquire(sessions, "engine-a", TTL, now=T0)
    assert not try_acquire(sessions, "engine-b", TTL, now=T0 + dt.timedelta(seconds=10))
    assert try_acquire(sessions, "engine-a", TTL, now=T0 + dt.timedelta(seconds=20))
    with sessions() as session:
        assert current_holder(session, now=T0 + dt.timedelta(seconds=21)) == "engine-a"
    # engine-a renewed at +20 s, so its lease runs to +50 s.
    assert not try_acquire(sessions, "engine-b", TTL, now=T0 + dt.timedelta(seconds=45))
    assert try_acquire(sessions, "engine-b", TTL, now=T0 + dt.timedelta(seconds=51))
    with sessions() as session:
        assert current_holder(session, now=T0 + dt.timedelta(seconds=52)) == "engine-b"


def test_released_lease_is_free_at_once(database: TestDatabase) -> None:
    assert try_acquire(database.sessions, "engine-a", TTL)
    release(database.sessions, "engine-a")
    with database.sessions() as session:
        assert current_holder(session) is None
    assert try_acquire(database.sessions, "engine-b", TTL)


def test_claim_blocks_other_station_until_expiry(database: TestDatabase) -> None:
    ids = make_packages(database, 1)
    with transaction(database.sessions) as session:
        assert claim_package(session, ids[0], "bench-1", now=T0).claimed
    with transaction(database.sessions) as session:
        refused = claim_package(session, ids[0], "bench-2", now=T0 + dt.timedelta(seconds=5))
    assert not refused.claimed
    assert refused.holder == "bench-1"
    assert refused.expires_at is not None

    with transaction(database.sessions) as session:
        later = refused.expires_at + dt.timedelta(seconds=1)
        assert claim_package(session, ids[0], "bench-2", now=later).claimed
        assert active_claim(session, ids[0], now=later) is not None


def test_claim_take_over_and_release(database: TestDatabase) -> None:
    ids = make_packages(database, 1)
    with transaction(database.sessions) as session:
        claim_package(session, ids[0], "bench-1", now=T0)
    with transaction(database.sessions) as session:
        assert claim_package(session, ids[0], "bench-2", take_over=True, now=T0).claimed
    with transaction(database.sessions) as session:
        release_claim(session, ids[0], "bench-1")  # not the holder any more: no effect
        assert active_claim(session, ids[0], now=T0) is not None
        release_claim(session, ids[0], "bench-2")
        assert active_claim(session, ids[0], now=T0) is None


def test_claim_does_not_bump_version(database: TestDatabase) -> None:
    ids = make_packages(database, 1)
    with database.sessions() as session:
        before = session.get_one(Package, ids[0]).version
    with transaction(database.sessions) as session:
        claim_package(session, ids[0], "bench-1")

    with database.sessions() as session:
        assert session.get_one(Package, ids[0]).version == before
