"""Station configuration as a JSON document: export, validated import and its preview.

The document has four optional top-level keys::

    {
      "channels": [{"omnitron_id": 42, "name": "Trendyol", "channel_type": "trendyol",
                    "is_active": true}],
      "cargo_companies": [{"omnitron_id": 11, "name": "Trendyol Express",
                           "code": "trendyol_express", "is_active": true}],
      "conditions": [{"cargo_company": 11, "klass": "ChannelBasedOrdersCondition",
                      "channels": [42], "conf": {"klass": "OmnitronShipmentClient"},
                      "is_active": true}],
      "settings": {"AUTO_RUN_SHIP_THE_PACKAGE_COMMAND": true}
    }

Rules of an import:

- The whole document is validated before anything changes; an invalid document raises
  :class:`InvalidConfiguration` with the JSON path of the first bad field and changes nothing.
- Channels and cargo companies are matched by ``omnitron_id``: a new id is created, a known
  one is updated. An optional field left out (``channel_type``, ``code``, ``is_active``)
  keeps the stored value. Channels and cargo companies missing from the file are kept,
  because orders refer to them.
- Conditions replace, per cargo company: for every cargo company that at least one
  condition in the file names, the station's conditions of that cargo company are deleted
  and the file's conditions for it are created, in file order. The conditions of cargo
  companies the file does not name stay as they are. A condition may name channels and cargo
  companies defined earlier in the same file or already in the database.
- Settings are validated against the declared setting specs; unknown keys are rejected.
- Secrets never enter the document: a key that looks like a password, token or secret is
  rejected on import and never written on export, and a URL with a password in it is
  rejected. The Omnitron password lives in the OS keyring or the environment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oms_desktop.core import audit
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import CargoCompany, Channel, ShipmentCondition
from oms_desktop.core.routing import CONDITION_CLASSES, SHIPMENT_CLIENTS
from oms_desktop.core.settings import OMNITRON_URL, SETTINGS, all_settings, set_setting

AUDIT_ACTION = "configuration_imported"

# Key names that mark a secret, matched case-insensitively anywhere in the key.
_SECRET_KEY = re.compile(r"passw(or)?d|secret|token|api_?key|credential", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """One invalid field of a configuration document."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class InvalidConfiguration(ConfigurationError):
    """A configuration document failed validation; ``problems`` lists every bad field found,
    in document order, and ``path``/``reason`` describe the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("InvalidConfiguration needs at least one problem")
        first = problems[0]
        super().__init__(first.path, first.reason)
        self.problems: tuple[Problem, ...] = tuple(problems)


# ---------------------------------------------------------------------------------------
# Document shape
# ---------------------------------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _clean_name(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    return value


class _ChannelEntry(_Entry):
    omnitron_id: int = Field(gt=0)
    name: str = Field(max_length=200)
    channel_type: str | None = Field(default=None, max_length=60)
    is_active: bool | None = None

    _name = field_validator("name")(_clean_name)


class _CargoCompanyEntry(_Entry):
    omnitron_id: int = Field(gt=0)
    name: str = Field(max_length=200)
    code: str | None = Field(default=None, max_length=60)
    is_active: bool | None = None

    _name = field_validator("name")(_clean_name)


class _ConditionEntry(_Entry):
    cargo_company: int = Field(gt=0)
    klass: str
    channels: list[int]
    conf: dict[str, Any]
    is_active: bool = True


class _Document(_Entry):
    channels: list[_ChannelEntry] | None = None
    cargo_companies: list[_CargoCompanyEntry] | None = None
    conditions: list[_ConditionEntry] | None = None
    settings: dict[str, Any] | None = None


_TYPE_MESSAGES = {
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "string_type": "expected a string",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected an object",
    "model_type": "expected an object",
}


def _format_path(location: Iterable[int | str]) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _describe_pydantic_error(error: Any, model_fields: Iterable[str]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        known = ", ".join(model_fields)
        return f"unknown field; known fields: {known}"
    if kind in _TYPE_MESSAGES:
        return f"{_TYPE_MESSAGES[kind]}, got {error['input']!r}"
    if kind == "greater_than":
        return f"must be greater than {error['ctx']['gt']}, got {error['input']!r}"
    if kind == "string_too_long":
        return f"longer than {error['ctx']['max_length']} characters"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


_FIELDS_BY_SECTION: dict[str, Sequence[str]] = {
    "": list(_Document.model_fields),
    "channels": list(_ChannelEntry.model_fields),
    "cargo_companies": list(_CargoCompanyEntry.model_fields),
    "conditions": list(_ConditionEntry.model_fields),
}


def _parse(document: object) -> _Document:
    if not isinstance(document, dict):
        raise InvalidConfiguration(
            [Problem("", f"expected a JSON object at the top level, got {type(document).__name__}")]
        )
    try:
        return _Document.model_validate(document)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            location = list(item["loc"])
            section = str(location[0]) if len(location) > 1 else ""
            fields = _FIELDS_BY_SECTION.get(section, ())
            problems.append(Problem(_format_path(location), _describe_pydantic_error(item, fields)))
        raise InvalidConfiguration(problems) from None


# ---------------------------------------------------------------------------------------
# Semantic checks
# ---------------------------------------------------------------------------------------


def _secret_keys(value: Any, path: str) -> list[str]:
    """Return the paths of keys inside ``value`` whose names look like secrets."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            inner_path = f"{path}.{key}"
            if _SECRET_KEY.search(str(key)):
                found.append(inner_path)
            found.extend(_secret_keys(inner, inner_path))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(_secret_keys(inner, f"{path}[{index}]"))
    return found


def _url_problem(value: str) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"expected an http:// or https:// URL, got {value!r}"
    if parts.password is not None:
        return (
            "the URL contains a password; remove it and store the password in the OS keyring "
            "or the OMS_OMNITRON_PASSWORD environment variable"
        )
    return None


def _duplicate_problems(
    entries: Sequence[_ChannelEntry | _CargoCompanyEntry], section: str
) -> list[Problem]:
    problems = []
    first_index: dict[int, int] = {}
    for index, entry in enumerate(entries):
        if entry.omnitron_id in first_index:
            problems.append(
                Problem(
                    f"{section}[{index}].omnitron_id",
                    f"duplicate omnitron_id {entry.omnitron_id}; "
                    f"{section}[{first_index[entry.omnitron_id]}] has it already",
                )
            )
        else:
            first_index[entry.omnitron_id] = index
    return problems


def _condition_problems(
    session: Session, document: _Document, channel_ids: set[int], cargo_ids: set[int]
) -> list[Problem]:
    problems: list[Problem] = []
    known_conditions = ", ".join(sorted(CONDITION_CLASSES)) or "none"
    known_clients = ", ".join(sorted(SHIPMENT_CLIENTS)) or "none"
    stored_channels = set(session.scalars(select(Channel.omnitron_id)))
    stored_cargo = set(session.scalars(select(CargoCompany.omnitron_id)))
    for index, condition in enumerate(document.conditions or ()):
        path = f"conditions[{index}]"
        if condition.cargo_company not in cargo_ids | stored_cargo:
            problems.append(
                Problem(
                    f"{path}.cargo_company",
                    f"cargo company {condition.cargo_company} is neither in the file "
                    "nor in the database",
                )
            )
        if condition.klass not in CONDITION_CLASSES:
            problems.append(
                Problem(
                    f"{path}.klass",
                    f"unknown condition class {json.dumps(condition.klass)}; "
                    f"known: {known_conditions}",
                )
            )
        seen: set[int] = set()
        for channel_index, channel_id in enumerate(condition.channels):
            channel_path = f"{path}.channels[{channel_index}]"
            if channel_id in seen:
                problems.append(Problem(channel_path, f"channel {channel_id} is listed twice"))
            elif channel_id not in channel_ids | stored_channels:
                problems.append(
                    Problem(
                        channel_path,
                        f"channel {channel_id} is neither in the file nor in the database",
                    )
                )
            seen.add(channel_id)
        client = condition.conf.get("klass")
        if client is None:
            problems.append(Problem(f"{path}.conf.klass", "required field is missing"))
        elif not isinstance(client, str) or client not in SHIPMENT_CLIENTS:
            problems.append(
                Problem(
                    f"{path}.conf.klass",
                    f"unknown shipment client {json.dumps(client)}; known: {known_clients}",
                )
            )
        problems.extend(
            Problem(secret, "secrets do not belong in the station configuration")
            for secret in _secret_keys(condition.conf, f"{path}.conf")
        )
    return problems


def _setting_problems(settings: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    known = ", ".join(SETTINGS)
    for key, value in settings.items():
        path = f"settings.{key}"
        if _SECRET_KEY.search(key):
            problems.append(
                Problem(
                    path,
                    "secrets do not belong in the station configuration; store the Omnitron "
                    "password in the OS keyring or the OMS_OMNITRON_PASSWORD environment variable",
                )
            )
            continue
        spec = SETTINGS.get(key)
        if spec is None:
            problems.append(Problem(path, f"unknown setting; known settings: {known}"))
            continue
        try:
            validated = spec.validate(value)
        except ConfigurationError as error:
            problems.append(Problem(path, error.reason))
            continue
        if key == OMNITRON_URL:
            url_problem = _url_problem(validated)
            if url_problem:
                problems.append(Problem(path, url_problem))
    return problems


def _check(session: Session, parsed: _Document) -> None:
    """Check what the document's shape cannot: duplicates, references, registries, settings."""
    problems: list[Problem] = []
    problems.extend(_duplicate_problems(parsed.channels or [], "channels"))
    problems.extend(_duplicate_problems(parsed.cargo_companies or [], "cargo_companies"))
    channel_ids = {entry.omnitron_id for entry in parsed.channels or ()}
    cargo_ids = {entry.omnitron_id for entry in parsed.cargo_companies or ()}
    problems.extend(_condition_problems(session, parsed, channel_ids, cargo_ids))
    problems.extend(_setting_problems(parsed.settings or {}))
    if problems:
        raise InvalidConfiguration(problems)


# ---------------------------------------------------------------------------------------
# Plan
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change an import makes: ``old`` is None for a created entity."""

    entity: str  # "channel", "cargo_company", "conditions" or "setting"
    key: str  # Omnitron id, or the setting key
    old: Any
    new: Any

    def describe(self) -> str:
        if self.entity == "conditions":
            old = _describe_conditions(self.old)
            new = _describe_conditions(self.new)
            return f"replace conditions of cargo company {self.key}: {old} -> {new}"
        label = self.entity.replace("_", " ")
        if self.old is None:
            return f"create {label} {self.key}: {self.new}"
        if isinstance(self.old, dict) and isinstance(self.new, dict):
            diffs = [
                f"{name} {self.old.get(name)!r} -> {value!r}"
                for name, value in self.new.items()
                if self.old.get(name) != value
            ]
            return f"update {label} {self.key}: " + ", ".join(diffs)
        return f"set {label} {self.key}: {self.old!r} -> {self.new!r}"


def _describe_conditions(states: list[dict[str, Any]]) -> str:
    if not states:
        return "(none)"
    parts = []
    for state in states:
        channels = ",".join(str(channel) for channel in state["channels"])
        text = f"{state['klass']}[{channels}] -> {state['conf'].get('klass')}"
        parts.append(text if state["is_active"] else f"{text} (inactive)")
    return "; ".join(parts)


@dataclass(frozen=True)
class ImportPlan:
    """The changes a validated document makes to the station configuration, in apply order."""

    document: Any = field(repr=False)
    changes: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def describe(self) -> list[str]:
        return [change.describe() for change in self.changes]


def _channel_state(channel: Channel) -> dict[str, Any]:
    return {
        "name": channel.name,
        "channel_type": channel.channel_type,
        "is_active": channel.is_active,
    }


def _cargo_state(cargo: CargoCompany) -> dict[str, Any]:
    return {"name": cargo.name, "code": cargo.code, "is_active": cargo.is_active}


def _merge(
    old: dict[str, Any] | None, entry: BaseModel, defaults: dict[str, Any]
) -> dict[str, Any]:
    """Combine an entry with the stored state: a field left out keeps the stored value."""
    given = entry.model_dump(exclude={"omnitron_id"}, exclude_none=True)
    base = dict(defaults if old is None else old)
    base.update(given)
    return base


def _condition_state(condition: ShipmentCondition) -> dict[str, Any]:
    return {
        "klass": condition.klass,
        "channels": sorted(channel.omnitron_id for channel in condition.channels),
        "conf": dict(condition.conf),
        "is_active": condition.is_active,
    }


def _entry_condition_state(entry: _ConditionEntry) -> dict[str, Any]:
    return {
        "klass": entry.klass,
        "channels": sorted(entry.channels),
        "conf": dict(entry.conf),
        "is_active": entry.is_active,
    }


def _stored_conditions(session: Session) -> dict[int, list[dict[str, Any]]]:
    rows = session.scalars(
        select(ShipmentCondition)
        .options(
            selectinload(ShipmentCondition.channels),
            selectinload(ShipmentCondition.cargo_company),
        )
        .order_by(ShipmentCondition.id)
    )
    by_cargo: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_cargo.setdefault(row.cargo_company.omnitron_id, []).append(_condition_state(row))
    return by_cargo


def _plan(session: Session, document: _Document) -> tuple[Change, ...]:
    changes: list[Change] = []

    channels = {row.omnitron_id: row for row in session.scalars(select(Channel))}
    for channel_entry in document.channels or ():
        channel = channels.get(channel_entry.omnitron_id)
        old = _channel_state(channel) if channel else None
        new = _merge(old, channel_entry, {"channel_type": "", "is_active": True})
        if old != new:
            changes.append(Change("channel", str(channel_entry.omnitron_id), old, new))

    cargo_companies = {row.omnitron_id: row for row in session.scalars(select(CargoCompany))}
    for cargo_entry in document.cargo_companies or ():
        cargo = cargo_companies.get(cargo_entry.omnitron_id)
        old = _cargo_state(cargo) if cargo else None
        new = _merge(old, cargo_entry, {"code": "", "is_active": True})
        if old != new:
            changes.append(Change("cargo_company", str(cargo_entry.omnitron_id), old, new))

    wanted: dict[int, list[dict[str, Any]]] = {}
    for condition_entry in document.conditions or ():
        wanted.setdefault(condition_entry.cargo_company, []).append(
            _entry_condition_state(condition_entry)
        )
    stored = _stored_conditions(session)
    for cargo_id, new_conditions in wanted.items():
        old_conditions = stored.get(cargo_id, [])
        if old_conditions != new_conditions:
            changes.append(Change("conditions", str(cargo_id), old_conditions, new_conditions))

    if document.settings:
        current = all_settings(session)
        for key, value in document.settings.items():
            new_value = SETTINGS[key].validate(value)
            if current[key] != new_value:
                changes.append(Change("setting", key, current[key], new_value))

    return tuple(changes)


def plan_import(session: Session, document: object) -> ImportPlan:
    """Validate ``document`` whole and list the changes importing it would make.

    Reads the session only; nothing is written.

    Raises:
        InvalidConfiguration: the document is invalid; its ``path`` names the first bad field.
    """
    parsed = _parse(document)
    _check(session, parsed)
    return ImportPlan(document=parsed, changes=_plan(session, parsed))


# ---------------------------------------------------------------------------------------
# Apply
# ---------------------------------------------------------------------------------------


def apply_import(
    session: Session, plan: ImportPlan, station: str, operator: str = ""
) -> ImportPlan:
    """Apply ``plan`` inside the caller's transaction and audit each change.

    The document is checked and planned again against the session's current state, so a
    plan made earlier cannot apply stale changes. The returned plan lists what was applied.
    The caller commits once, so a failure leaves nothing half imported.
    """
    if not isinstance(plan.document, _Document):
        raise TypeError("apply_import needs a plan returned by plan_import")
    _check(session, plan.document)
    fresh = ImportPlan(document=plan.document, changes=_plan(session, plan.document))
    for change in fresh.changes:
        if change.entity == "channel":
            _apply_channel(session, change)
        elif change.entity == "cargo_company":
            _apply_cargo_company(session, change)
    session.flush()
    for change in fresh.changes:
        if change.entity == "conditions":
            _apply_conditions(session, change)
        elif change.entity == "setting":
            set_setting(session, change.key, change.new)
    session.flush()
    for change in fresh.changes:
        audit.record(
            session,
            station=station,
            operator=operator,
            action=AUDIT_ACTION,
            entity=change.entity,
            entity_id=change.key,
            old=change.old,
            new=change.new,
        )
    session.flush()
    return fresh


def _apply_channel(session: Session, change: Change) -> None:
    omnitron_id = int(change.key)
    channel = session.scalar(select(Channel).where(Channel.omnitron_id == omnitron_id))
    if channel is None:
        channel = Channel(omnitron_id=omnitron_id)
        session.add(channel)
    channel.name = change.new["name"]
    channel.channel_type = change.new["channel_type"]
    channel.is_active = change.new["is_active"]


def _apply_cargo_company(session: Session, change: Change) -> None:
    omnitron_id = int(change.key)
    cargo = session.scalar(select(CargoCompany).where(CargoCompany.omnitron_id == omnitron_id))
    if cargo is None:
        cargo = CargoCompany(omnitron_id=omnitron_id)
        session.add(cargo)
    cargo.name = change.new["name"]
    cargo.code = change.new["code"]
    cargo.is_active = change.new["is_active"]


def _apply_conditions(session: Session, change: Change) -> None:
    cargo = session.scalar(select(CargoCompany).where(CargoCompany.omnitron_id == int(change.key)))
    if cargo is None:  # validation guarantees it; a concurrent delete would land here
        raise ConfigurationError("conditions", f"cargo company {change.key} disappeared")
    existing = session.scalars(
        select(ShipmentCondition).where(ShipmentCondition.cargo_company_id == cargo.id)
    ).all()
    for row in existing:
        session.delete(row)
    session.flush()
    channels = {row.omnitron_id: row for row in session.scalars(select(Channel))}
    for state in change.new:
        condition = ShipmentCondition(
            cargo_company_id=cargo.id,
            klass=state["klass"],
            conf=dict(state["conf"]),
            is_active=state["is_active"],
        )
        condition.channels = [channels[channel_id] for channel_id in state["channels"]]
        session.add(condition)
    session.flush()


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def _without_secrets(conf: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _without_secrets(value) if isinstance(value, dict) else value
        for key, value in conf.items()
        if not _SECRET_KEY.search(str(key))
    }


def export_config(session: Session) -> dict[str, Any]:
    """Return the station configuration as a document that :func:`plan_import` accepts.

    Every setting is written with its effective value (the default when none is stored).
    Keys that look like secrets are left out of condition configurations, and a password
    inside the Omnitron URL is removed.
    """
    channels = [
        {"omnitron_id": row.omnitron_id, **_channel_state(row)}
        for row in session.scalars(select(Channel).order_by(Channel.omnitron_id))
    ]
    cargo_companies = [
        {"omnitron_id": row.omnitron_id, **_cargo_state(row)}
        for row in session.scalars(select(CargoCompany).order_by(CargoCompany.omnitron_id))
    ]
    conditions: list[dict[str, Any]] = []
    for cargo_id, states in sorted(_stored_conditions(session).items()):
        for state in states:
            conditions.append(
                {
                    "cargo_company": cargo_id,
                    "klass": state["klass"],
                    "channels": state["channels"],
                    "conf": _without_secrets(state["conf"]),
                    "is_active": state["is_active"],
                }
            )
    settings = all_settings(session)
    if isinstance(settings.get(OMNITRON_URL), str):
        settings[OMNITRON_URL] = _without_password(settings[OMNITRON_URL])
    return {
        "channels": channels,
        "cargo_companies": cargo_companies,
        "conditions": conditions,
        "settings": settings,
    }
