"""The change feed: every ORM flush that touches a package or the configuration appends
to change_log in the same transaction, so other stations can refresh just those rows.

On PostgreSQL the flush also sends NOTIFY on ``CHANGES_CHANNEL``; it is delivered at
commit, so a listening station wakes without polling. SQLite stations poll the feed,
which costs one indexed query.

Only ORM unit-of-work changes are recorded: a bulk ``session.execute(update(...))``
bypasses the feed and must call ``record_changes`` itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Result, delete, event, insert, select, text
from sqlalchemy.orm import Session, UOWTransaction

from oms_desktop.core.models import (
    AppSetting,
    CargoCompany,
    ChangeLog,
    Channel,
    Package,
    PackageItem,
    Shipment,
    ShipmentCondition,
    StateTransition,
    utcnow,
)

log = logging.getLogger(__name__)

CHANGES_CHANNEL = "oms_changes"
PACKAGE_TOPIC = "package"
SETTINGS_TOPIC = "settings"
# A transaction that took a change id earlier may commit after a later one on PostgreSQL,
# whose sequences are not commit-ordered; readers look this many ids back to catch it.
LOOKBACK_IDS = 500

_CONFIGURATION_MODELS = (AppSetting, ShipmentCondition, Channel, CargoCompany, StateTransition)


def record_changes(
    connection: Connection, package_ids: Iterable[int], topics: Iterable[str] = ()
) -> None:
    rows: list[dict[str, Any]] = [
        {"topic": PACKAGE_TOPIC, "entity_id": package_id, "at": utcnow()}
        for package_id in sorted(set(package_ids))
    ]
    rows.extend(
        {"topic": topic, "entity_id": None, "at": utcnow()} for topic in sorted(set(topics))
    )
    if not rows:
        return
    connection.execute(insert(ChangeLog), rows)
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANGES_CHANNEL})


@event.listens_for(Session, "after_flush")
def _record_flushed_changes(session: Session, flush_context: UOWTransaction) -> None:
    package_ids: set[int] = set()
    topics: set[str] = set()
    for instance in chain(session.new, session.dirty, session.deleted):
        if instance in session.dirty and not session.is_modified(instance):
            continue
        if isinstance(instance, Package):
            package_ids.add(instance.id)
        elif isinstance(instance, PackageItem | Shipment):
            package_ids.add(instance.package_id)
        elif isinstance(instance, _CONFIGURATION_MODELS):
            topics.add(SETTINGS_TOPIC)
    record_changes(session.connection(), package_ids, topics)


@dataclass
class ChangeBatch:
    package_ids: set[int] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.package_ids or self.topics)


class ChangeFeed:
    """A reader's position in change_log. Not thread-safe: one per reading thread."""

    def __init__(self) -> None:
        self.cursor = 0
        self._seen: set[int] = set()

    def start_at_end(self, session: Session) -> None:
        """Skip everything already in the log: a window loads the current rows anyway."""
        last = session.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1))
        self.cursor = last or 0
        floor = max(0, self.cursor - LOOKBACK_IDS)
        self._seen = set(session.scalars(select(ChangeLog.id).where(ChangeLog.id > floor)))

    def poll(self, session: Session) -> ChangeBatch:
        floor = max(0, self.cursor - LOOKBACK_IDS)
        rows = session.execute(
            select(ChangeLog.id, ChangeLog.topic, ChangeLog.entity_id)
            .where(ChangeLog.id > floor)
            .order_by(ChangeLog.id)
        ).all()
        batch = ChangeBatch()
        for change_id, topic, entity_id in rows:
            if change_id in self._seen:
                continue
            self._seen.add(change_id)
            if topic == PACKAGE_TOPIC and entity_id is not None:
                batch.package_ids.add(entity_id)
            else:
                batch.topics.add(topic)
            self.cursor = max(self.cursor, change_id)
        floor = max(0, self.cursor - LOOKBACK_IDS)
        self._seen = {change_id for change_id in self._seen if change_id > floor}
        return batch


def prune_changes(
    session: Session, older_than: dt.timedelta, now: dt.datetime | None = None
) -> int:
    """Delete feed rows older than ``older_than``; stations only read the last few seconds."""
    cutoff = (now or utcnow()) - older_than
    return rowcount(session.execute(delete(ChangeLog).where(ChangeLog.at < cutoff)))


def rowcount(result: Result[Any]) -> int:
    """Return the rows an UPDATE or DELETE matched (typed access to CursorResult.rowcount)."""
    return int(cast(CursorResult[Any], result).rowcount)
