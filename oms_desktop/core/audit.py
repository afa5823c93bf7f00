"""Audit log: who changed what, when, with the old and new values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from oms_desktop.core.models import AuditEvent, utcnow


def record(
    session: Session,
    *,
    station: str,
    action: str,
    entity: str = "",
    entity_id: str | int = "",
    old: Any = None,
    new: Any = None,
    operator: str = "",
    at: dt.datetime | None = None,
) -> AuditEvent:
    event = AuditEvent(
        at=at or utcnow(),
        station=station,
        operator=operator,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        old_value=old,
        new_value=new,
    )
    session.add(event)
    return event
