"""Comparing and saving the settings dialog's draft, routing coverage, and merges of the
lists Omnitron returns.

No Qt here, so the rules are testable without a window. The dialog loads a
``StationConfig``, edits a copy of it, and hands both to ``save_config``, which

1. validates the whole edited copy and raises ``InvalidDraft`` listing every bad field;
2. compares it with the copy loaded at the start and refuses with ``StaleConfiguration``
   when another station changed one of the same rows in the meantime;
3. writes every change and one audit event per change (who, when, old and new value)
   inside the caller's transaction, so the caller's single commit saves all or nothing.

Every write to these tables appends to the change feed's "settings" topic on flush, which
is how the other stations learn about the change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core import audit
from oms_desktop.core.models import (
    CargoCompany,
    Channel,
    ShipmentCondition,
    StateTransition,
    utcnow,
)
from oms_desktop.core.payloads import CargoCompanyPayload, ChannelPayload
from oms_desktop.core.routing import CONDITION_CLASSES, SHIPMENT_CLIENTS
from oms_desktop.core.settings import (
    SETTINGS,
    STATION_SEPARATOR,
    set_setting,
    set_station_setting,
    station_key,
)
from oms_desktop.ui.settings_model import (
    CARGO_COMPANIES,
    CHANNELS,
    CONDITIONS,
    ENTITY_BY_SECTION,
    SETTINGS_SECTION,
    STATION_SETTINGS_SECTION,
    TRANSITIONS,
    CargoCompanyRow,
    ChannelRow,
    ConditionRow,
    StationConfig,
    load_config,
)
from oms_desktop.ui.settings_validation import InvalidDraft, validate_config

AUDIT_ACTION = "configuration_edited"
PASSWORD_AUDIT_ACTION = "omnitron_password_changed"


@dataclass(frozen=True)
class ConfigChange:
    """One change of the edited configuration: ``old`` is None for a created row, ``new``
    None for a deleted one. ``key`` is the Omnitron id, database id or setting key."""

    section: str
    key: str
    old: Any
    new: Any
    uid: int | None = None

    @property
    def entity(self) -> str:
        return ENTITY_BY_SECTION[self.section]


class StaleConfiguration(Exception):
    """Another station changed rows this save would change; nothing was saved."""

    def __init__(self, changes: Sequence[ConfigChange]) -> None:
        names = ", ".join(f"{change.entity} {change.key}" for change in changes)
        super().__init__(f"changed by another station since the dialog loaded it: {names}")
        self.changes = tuple(changes)


def _keyed_changes(
    section: str,
    base: dict[str, tuple[int, dict[str, Any]]],
    draft: dict[str, tuple[int, dict[str, Any]]],
) -> list[ConfigChange]:
    changes = []
    for key, (uid, new) in draft.items():
        old = base.get(key, (uid, None))[1]
        if old != new:
            changes.append(ConfigChange(section, key, old, new, uid))
    for key, (uid, old) in base.items():
        if key not in draft:
            changes.append(ConfigChange(section, key, old, None, uid))
    return changes


def _stored_key(stored_id: int | None, uid: int) -> str:
    return str(stored_id) if stored_id is not None else f"new-{uid}"


def diff_config(base: StationConfig, draft: StationConfig) -> list[ConfigChange]:
    """List what saving ``draft`` over ``base`` changes, in the order it is applied."""
    changes = _keyed_changes(
        CHANNELS,
        {str(row.omnitron_id): (row.uid, row.state()) for row in base.channels},
        {str(row.omnitron_id): (row.uid, row.state()) for row in draft.channels},
    )
    changes += _keyed_changes(
        CARGO_COMPANIES,
        {str(row.omnitron_id): (row.uid, row.state()) for row in base.cargo_companies},
        {str(row.omnitron_id): (row.uid, row.state()) for row in draft.cargo_companies},
    )
    changes += _keyed_changes(
        CONDITIONS,
        {_stored_key(row.stored_id, row.uid): (row.uid, row.state()) for row in base.conditions},
        {_stored_key(row.stored_id, row.uid): (row.uid, row.state()) for row in draft.conditions},
    )
    changes += _keyed_changes(
        TRANSITIONS,
        {_stored_key(row.stored_id, row.uid): (row.uid, row.state()) for row in base.transitions},
        {_stored_key(row.stored_id, row.uid): (row.uid, row.state()) for row in draft.transitions},
    )
    for key, value in draft.settings.items():
        old = base.settings.get(key, SETTINGS[key].default if key in SETTINGS else None)
        if old != value:
            changes.append(ConfigChange(SETTINGS_SECTION, key, old, value))
    for key, value in draft.station_settings.items():
        old = base.station_settings.get(key, SETTINGS[key].default if key in SETTINGS else None)
        if old != value:
            stored_key = station_key(key, draft.station)
            changes.append(ConfigChange(STATION_SETTINGS_SECTION, stored_key, old, value))
    return changes


def _current_states(current: StationConfig) -> dict[tuple[str, str], Any]:
    states: dict[tuple[str, str], Any] = {}
    for channel in current.channels:
        states[(CHANNELS, str(channel.omnitron_id))] = channel.state()
    for cargo in current.cargo_companies:
        states[(CARGO_COMPANIES, str(cargo.omnitron_id))] = cargo.state()
    for condition in current.conditions:
        states[(CONDITIONS, str(condition.stored_id))] = condition.state()
    for transition in current.transitions:
        states[(TRANSITIONS, str(transition.stored_id))] = transition.state()
    for key, value in current.settings.items():
        states[(SETTINGS_SECTION, key)] = value
    for key, value in current.station_settings.items():
        states[(STATION_SETTINGS_SECTION, station_key(key, current.station))] = value
    return states


def stale_changes(
    session: Session, station: str, changes: Iterable[ConfigChange]
) -> list[ConfigChange]:
    """Return the changes whose row no longer contains the ``old`` value the dialog loaded."""
    states = _current_states(load_config(session, station))
    stale = []
    for change in changes:
        if change.key.startswith("new-"):
            continue
        if states.get((change.section, change.key)) != change.old:
            stale.append(change)
    return stale


def save_config(
    session: Session,
    base: StationConfig,
    draft: StationConfig,
    *,
    station: str,
    operator: str,
    password_changed_for: tuple[str, str] | None = None,
) -> list[ConfigChange]:
    """Validate ``draft``, write what differs from ``base`` and audit each change.

    Runs inside the caller's transaction: the caller commits once, so the whole edit is
    saved or nothing is. ``password_changed_for`` is the (url, user) whose Omnitron password
    the caller stored in the keyring; it is audited without any value.

    Raises:
        InvalidDraft: a field of ``draft`` is invalid.
        StaleConfiguration: another station changed one of the same rows since ``base``
            was loaded.
    """
    problems = validate_config(draft)
    if problems:
        raise InvalidDraft(problems)
    changes = diff_config(base, draft)
    stale = stale_changes(session, draft.station, changes)
    if stale:
        raise StaleConfiguration(stale)

    now = utcnow()
    _apply_channels(session, changes)
    _apply_cargo_companies(session, changes)
    session.flush()
    applied_keys = _apply_conditions(session, changes)
    applied_keys.update(_apply_transitions(session, changes))
    for change in changes:
        if change.section == SETTINGS_SECTION:
            set_setting(session, change.key, change.new)
        elif change.section == STATION_SETTINGS_SECTION:
            setting_key = change.key.partition(STATION_SEPARATOR)[0]
            set_station_setting(session, setting_key, draft.station, change.new)
    session.flush()

    for change in changes:
        audit.record(
            session,
            station=station,
            operator=operator,
            action=AUDIT_ACTION,
            entity=change.entity,
            entity_id=applied_keys.get(change.uid, change.key),
            old=change.old,
            new=change.new,
            at=now,
        )
    if password_changed_for is not None:
        url, user = password_changed_for
        audit.record(
            session,
            station=station,
            operator=operator,
            action=PASSWORD_AUDIT_ACTION,
            entity="omnitron_credential",
            entity_id=f"{user}@{url}",
            at=now,
        )
    session.flush()
    return changes


def _apply_channels(session: Session, changes: Sequence[ConfigChange]) -> None:
    for change in changes:
        if change.section != CHANNELS or change.new is None:
            continue
        omnitron_id = int(change.key)
        row = session.scalar(select(Channel).where(Channel.omnitron_id == omnitron_id))
        if row is None:
            row = Channel(omnitron_id=omnitron_id)
            session.add(row)
        row.name = change.new["name"]
        row.channel_type = change.new["channel_type"]
        row.is_active = change.new["is_active"]


def _apply_cargo_companies(session: Session, changes: Sequence[ConfigChange]) -> None:
    for change in changes:
        if change.section != CARGO_COMPANIES or change.new is None:
            continue
        omnitron_id = int(change.key)
        row = session.scalar(select(CargoCompany).where(CargoCompany.omnitron_id == omnitron_id))
        if row is None:
            row = CargoCompany(omnitron_id=omnitron_id)
            session.add(row)
        row.name = change.new["name"]
        row.code = change.new["code"]
        row.is_active = change.new["is_active"]


def _apply_conditions(session: Session, changes: Sequence[ConfigChange]) -> dict[int | None, str]:
    """Apply condition changes; return the database ids of created conditions by draft uid."""
    channels = {row.omnitron_id: row for row in session.scalars(select(Channel))}
    cargo_companies = {row.omnitron_id: row for row in session.scalars(select(CargoCompany))}
    created: dict[int | None, ShipmentCondition] = {}
    for change in changes:
        if change.section != CONDITIONS:
            continue
        if change.new is None:
            existing = session.get(ShipmentCondition, int(change.key))
            if existing is not None:
                session.delete(existing)
            continue
        if change.old is None:
            row = ShipmentCondition()
            session.add(row)
            created[change.uid] = row
        else:
            found = session.get(ShipmentCondition, int(change.key))
            assert found is not None, "stale_changes checked that the condition exists"
            row = found
        state = change.new
        row.cargo_company_id = cargo_companies[state["cargo_company"]].id
        row.klass = state["klass"]
        row.conf = dict(state["conf"])
        row.is_active = state["is_active"]
        row.channels = [channels[omnitron_id] for omnitron_id in state["channels"]]
    session.flush()
    return {uid: str(row.id) for uid, row in created.items()}


def _apply_transitions(session: Session, changes: Sequence[ConfigChange]) -> dict[int | None, str]:
    """Apply transition changes; return the database ids of created ones by draft uid."""
    updates: list[tuple[StateTransition, dict[str, Any]]] = []
    for change in changes:
        if change.section != TRANSITIONS:
            continue
        if change.new is None:
            existing = session.get(StateTransition, int(change.key))
            if existing is not None:
                session.delete(existing)
        elif change.old is not None:
            found = session.get(StateTransition, int(change.key))
            assert found is not None, "stale_changes checked that the transition exists"
            updates.append((found, change.new))
    session.flush()
    # Two rows may swap slugs or (command, from status) pairs. The unique constraints are
    # checked row by row, so the updated rows first get placeholder values of their own.
    for row, _ in updates:
        row.slug = f"~{row.id}"
        row.command = f"~{row.id}"
    session.flush()
    for row, state in updates:
        row.command = state["command"]
        row.from_status = state["from_status"]
        row.to_status = state["to_status"]
        row.slug = state["slug"]
    session.flush()
    created: dict[int | None, StateTransition] = {}
    for change in changes:
        if change.section == TRANSITIONS and change.old is None and change.new is not None:
            created[change.uid] = StateTransition(**change.new)
            session.add(created[change.uid])
    session.flush()
    return {uid: str(row.id) for uid, row in created.items()}


# ---------------------------------------------------------------------------------------
# Routing coverage and merges from Omnitron
# ---------------------------------------------------------------------------------------


def _routable(condition: ConditionRow) -> bool:
    return (
        condition.is_active
        and condition.klass in CONDITION_CLASSES
        and condition.client_klass in SHIPMENT_CLIENTS
    )


def uncovered_channels(config: StationConfig, cargo_company: int | None = None) -> list[ChannelRow]:
    """Return the active channels that no active, resolvable condition lists.

    With ``cargo_company`` (an Omnitron id) only that company's conditions count: an order
    of that carrier from one of the returned channels has no route and cannot be packed.
    """
    covered: set[int] = set()
    for condition in config.conditions:
        if not _routable(condition):
            continue
        if cargo_company is not None and condition.cargo_company != cargo_company:
            continue
        covered.update(condition.channels)
    return [row for row in config.channels if row.is_active and row.omnitron_id not in covered]


@dataclass(frozen=True)
class MergeCount:
    added: int
    updated: int


def merge_channels(config: StationConfig, payloads: Iterable[ChannelPayload]) -> MergeCount:
    """Add the channels Omnitron lists to ``config`` and update the names, types and active
    flags of known ones; channels Omnitron does not list are kept."""
    added = updated = 0
    for payload in payloads:
        row = config.channel(payload.pk)
        if row is None:
            config.channels.append(
                ChannelRow(payload.pk, payload.name, payload.channel_type, payload.is_active)
            )
            added += 1
            continue
        before = row.state()
        row.name = payload.name
        row.channel_type = payload.channel_type
        row.is_active = payload.is_active
        updated += row.state() != before
    config.channels.sort(key=lambda row: row.omnitron_id)
    return MergeCount(added, updated)


def merge_cargo_companies(
    config: StationConfig, payloads: Iterable[CargoCompanyPayload]
) -> MergeCount:
    """Add the cargo companies Omnitron lists to ``config`` and update the names and codes
    of known ones; a code typed at the station is kept when Omnitron has none."""
    added = updated = 0
    for payload in payloads:
        row = config.cargo_company(payload.pk)
        if row is None:
            config.cargo_companies.append(
                CargoCompanyRow(payload.pk, payload.name, payload.erp_code)
            )
            added += 1
            continue
        before = row.state()
        row.name = payload.name
        row.code = payload.erp_code or row.code
        updated += row.state() != before
    config.cargo_companies.sort(key=lambda row: row.omnitron_id)
    return MergeCount(added, updated)
