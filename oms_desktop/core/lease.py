"""A lease row that lets exactly one sync engine per database talk to Omnitron.

The holder renews the lease well before it expires; when a holder dies, its lease
lapses and another engine takes over on its next attempt. Acquisition is one
conditional UPDATE (or an INSERT that a primary key makes unique), so the database
decides, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.changes import rowcount as _rowcount
from oms_desktop.core.models import SyncLease, utcnow

log = logging.getLogger(__name__)

SYNC_LEASE = "sync"


def try_acquire(
    sessions: sessionmaker[Session],
    holder: str,
    ttl: dt.timedelta,
    *,
    name: str = SYNC_LEASE,
    now: dt.datetime | None = None,
) -> bool:
    """Take or renew the lease for ``holder``; return False while another holder has it.

    Runs its own short transactions, so the lease never waits on the caller's work.
    """
    now = now or utcnow()
    expires = now + ttl
    with sessions.begin() as session:
        result = session.execute(
            update(SyncLease)
            .where(
                SyncLease.name == name,
                or_(SyncLease.holder == holder, SyncLease.expires_at < now),
            )
            .values(holder=holder, expires_at=expires, acquired_at=now)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) == 1:
            return True
        exists = session.scalar(select(SyncLease.name).where(SyncLease.name == name))
        if exists is not None:
            return False
    try:
        with sessions.begin() as session:
            session.add(SyncLease(name=name, holder=holder, acquired_at=now, expires_at=expires))
    except IntegrityError:
        # Another engine inserted the row between our check and our insert.
        return False
    return True


def release(sessions: sessionmaker[Session], holder: str, *, name: str = SYNC_LEASE) -> None:
    """Give the lease up at shutdown, so the next engine need not wait for the expiry."""
    with sessions.begin() as session:
        session.execute(
            update(SyncLease)
            .where(SyncLease.name == name, SyncLease.holder == holder)
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
            .execution_options(synchronize_session=False)
        )


def current_holder(
    session: Session, *, name: str = SYNC_LEASE, now: dt.datetime | None = None
) -> str | None:
    now = now or utcnow()
    lease = session.get(SyncLease, name)
    if lease is None or lease.expires_at < now:
        return None
    return lease.holder
