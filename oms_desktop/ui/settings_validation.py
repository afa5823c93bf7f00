"""Validation of the settings dialog's draft: every invalid field, with a kind the dialog
translates and the offending value.

No Qt here. The limits match the database columns, so a value that passes fits.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from oms_desktop.core.routing import CONDITION_CLASSES, SHIPMENT_CLIENTS
from oms_desktop.core.settings import (
    OMNITRON_AUTH_PREFIX,
    OMNITRON_CA_BUNDLE,
    OMNITRON_ORDERS_PREFIX,
    OMNITRON_UPDATE_PREFIX,
    OMNITRON_URL,
    SETTINGS,
)
from oms_desktop.core.statuses import PackageStatus
from oms_desktop.ui.settings_model import (
    CARGO_COMPANIES,
    CHANNELS,
    CONDITIONS,
    SETTINGS_SECTION,
    TRANSITIONS,
    CargoCompanyRow,
    ChannelRow,
    StationConfig,
    TransitionRow,
)

# Column sizes of the tables, so a value that fits the form also fits the database.
NAME_MAX = 200
CODE_MAX = 60
COMMAND_MAX = 80
SLUG_MAX = 120
# A command name is an upper-case identifier such as CHANNEL_BASED_COMPLETE_PACKAGING.
COMMAND_PATTERN = re.compile(r"[A-Z][A-Z0-9_]*")
# A slug has no white space; the seeded ones look like "channel-based-complete-packaging-waiting".
SLUG_PATTERN = re.compile(r"\S+")
PREFIX_SETTINGS = (OMNITRON_AUTH_PREFIX, OMNITRON_ORDERS_PREFIX, OMNITRON_UPDATE_PREFIX)


class ProblemKind(enum.Enum):
    """Kind of invalid field; the dialog turns each kind into a translated sentence."""

    REQUIRED = "required"
    NOT_POSITIVE = "not_positive"
    TOO_LONG = "too_long"
    DUPLICATE = "duplicate"
    UNKNOWN_STATUS = "unknown_status"
    UNKNOWN_CLASS = "unknown_class"
    UNKNOWN_CARGO_COMPANY = "unknown_cargo_company"
    UNKNOWN_CHANNEL = "unknown_channel"
    INVALID_COMMAND = "invalid_command"
    INVALID_SLUG = "invalid_slug"
    INVALID_URL = "invalid_url"
    PASSWORD_IN_URL = "password_in_url"
    FILE_NOT_FOUND = "file_not_found"
    INVALID_SETTING = "invalid_setting"


@dataclass(frozen=True)
class Problem:
    """One invalid field: ``uid`` is the draft row (None for a setting), ``field`` the
    attribute or setting key, ``value`` the offending value as text, ``reason`` English."""

    section: str
    uid: int | None
    field: str
    kind: ProblemKind
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.section}.{self.field}: {self.reason}"


class InvalidDraft(Exception):
    """The edited configuration has invalid fields; nothing was saved."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems[:5]))
        self.problems = tuple(problems)


def _text_problems(
    section: str, uid: int, name: str, value: str, maximum: int, *, required: bool = True
) -> list[Problem]:
    if required and not value.strip():
        return [Problem(section, uid, name, ProblemKind.REQUIRED, value, "must not be empty")]
    if len(value) > maximum:
        return [
            Problem(
                section, uid, name, ProblemKind.TOO_LONG, str(maximum), f"longer than {maximum}"
            )
        ]
    return []


def _id_problems(
    section: str, rows: Sequence[ChannelRow] | Sequence[CargoCompanyRow]
) -> list[Problem]:
    problems = []
    seen: set[int] = set()
    for row in rows:
        if row.omnitron_id <= 0:
            problems.append(
                Problem(
                    section,
                    row.uid,
                    "omnitron_id",
                    ProblemKind.NOT_POSITIVE,
                    str(row.omnitron_id),
                    f"Omnitron id must be greater than 0, got {row.omnitron_id}",
                )
            )
        elif row.omnitron_id in seen:
            problems.append(
                Problem(
                    section,
                    row.uid,
                    "omnitron_id",
                    ProblemKind.DUPLICATE,
                    str(row.omnitron_id),
                    f"Omnitron id {row.omnitron_id} is used twice",
                )
            )
        seen.add(row.omnitron_id)
    return problems


def _channel_problems(config: StationConfig) -> list[Problem]:
    problems = _id_problems(CHANNELS, config.channels)
    for row in config.channels:
        problems += _text_problems(CHANNELS, row.uid, "name", row.name, NAME_MAX)
        problems += _text_problems(
            CHANNELS, row.uid, "channel_type", row.channel_type, CODE_MAX, required=False
        )
    return problems


def _cargo_problems(config: StationConfig) -> list[Problem]:
    problems = _id_problems(CARGO_COMPANIES, config.cargo_companies)
    for row in config.cargo_companies:
        problems += _text_problems(CARGO_COMPANIES, row.uid, "name", row.name, NAME_MAX)
        problems += _text_problems(
            CARGO_COMPANIES, row.uid, "code", row.code, CODE_MAX, required=False
        )
    return problems


def _condition_problems(config: StationConfig) -> list[Problem]:
    problems = []
    cargo_ids = {row.omnitron_id for row in config.cargo_companies}
    channel_ids = {row.omnitron_id for row in config.channels}
    for row in config.conditions:
        if row.cargo_company not in cargo_ids:
            problems.append(
                Problem(
                    CONDITIONS,
                    row.uid,
                    "cargo_company",
                    ProblemKind.UNKNOWN_CARGO_COMPANY,
                    str(row.cargo_company),
                    f"cargo company {row.cargo_company} does not exist",
                )
            )
        if row.klass not in CONDITION_CLASSES:
            problems.append(
                Problem(
                    CONDITIONS,
                    row.uid,
                    "klass",
                    ProblemKind.UNKNOWN_CLASS,
                    row.klass,
                    f"unknown condition class {row.klass!r}",
                )
            )
        if row.client_klass not in SHIPMENT_CLIENTS:
            problems.append(
                Problem(
                    CONDITIONS,
                    row.uid,
                    "client_klass",
                    ProblemKind.UNKNOWN_CLASS,
                    row.client_klass,
                    f"unknown shipment client class {row.client_klass!r}",
                )
            )
        missing = sorted(set(row.channels) - channel_ids)
        if missing:
            text = ", ".join(str(channel) for channel in missing)
            problems.append(
                Problem(
                    CONDITIONS,
                    row.uid,
                    "channels",
                    ProblemKind.UNKNOWN_CHANNEL,
                    text,
                    f"channels {text} do not exist",
                )
            )
    return problems


def _status_problem(row: TransitionRow, name: str, value: str) -> Problem | None:
    if value in PackageStatus._value2member_map_:
        return None
    known = ", ".join(status.value for status in PackageStatus)
    return Problem(
        TRANSITIONS,
        row.uid,
        name,
        ProblemKind.UNKNOWN_STATUS,
        value,
        f"{value!r} is not a package status; known statuses: {known}",
    )


def _transition_problems(config: StationConfig) -> list[Problem]:
    problems: list[Problem] = []
    slugs: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for row in config.transitions:
        if not COMMAND_PATTERN.fullmatch(row.command) or len(row.command) > COMMAND_MAX:
            kind = ProblemKind.REQUIRED if not row.command else ProblemKind.INVALID_COMMAND
            problems.append(
                Problem(
                    TRANSITIONS,
                    row.uid,
                    "command",
                    kind,
                    row.command,
                    f"{row.command!r} is not a command name (upper-case letters, digits, _)",
                )
            )
        for name, value in (("from_status", row.from_status), ("to_status", row.to_status)):
            problem = _status_problem(row, name, value)
            if problem is not None:
                problems.append(problem)
        if not row.slug:
            problems.append(
                Problem(TRANSITIONS, row.uid, "slug", ProblemKind.REQUIRED, "", "must not be empty")
            )
        elif not SLUG_PATTERN.fullmatch(row.slug) or len(row.slug) > SLUG_MAX:
            problems.append(
                Problem(
                    TRANSITIONS,
                    row.uid,
                    "slug",
                    ProblemKind.INVALID_SLUG,
                    row.slug,
                    f"slug {row.slug!r} contains white space or is longer than {SLUG_MAX}",
                )
            )
        elif row.slug in slugs:
            problems.append(
                Problem(
                    TRANSITIONS,
                    row.uid,
                    "slug",
                    ProblemKind.DUPLICATE,
                    row.slug,
                    f"slug {row.slug!r} is used by another transition",
                )
            )
        slugs.add(row.slug)
        pair = (row.command, row.from_status)
        if row.command and row.from_status and pair in pairs:
            problems.append(
                Problem(
                    TRANSITIONS,
                    row.uid,
                    "from_status",
                    ProblemKind.DUPLICATE,
                    row.from_status,
                    f"{row.command} already has a transition from {row.from_status}",
                )
            )
        pairs.add(pair)
    return problems


def url_problem(value: str) -> tuple[ProblemKind, str] | None:
    """Check an Omnitron base URL; an empty one is allowed (the station runs without sync)."""
    value = value.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ProblemKind.INVALID_URL, f"expected an http:// or https:// URL, got {value!r}"
    if parts.password is not None:
        return ProblemKind.PASSWORD_IN_URL, "the URL contains a password"
    if parts.query or parts.fragment:
        return ProblemKind.INVALID_URL, "the URL must not contain a query or a fragment"
    return None


def _setting_problems(config: StationConfig) -> list[Problem]:
    problems = []
    for key, value in [*config.settings.items(), *config.station_settings.items()]:
        spec = SETTINGS.get(key)
        if spec is None:
            problems.append(
                Problem(SETTINGS_SECTION, None, key, ProblemKind.INVALID_SETTING, key, "unknown")
            )
            continue
        try:
            spec.validate(value)
        except Exception as error:  # ConfigurationError; anything else is just as invalid
            reason = getattr(error, "reason", str(error))
            problems.append(
                Problem(
                    SETTINGS_SECTION, None, key, ProblemKind.INVALID_SETTING, str(value), reason
                )
            )
            continue
        if key == OMNITRON_URL:
            found = url_problem(str(value))
            if found is not None:
                problems.append(Problem(SETTINGS_SECTION, None, key, found[0], value, found[1]))
        elif key in PREFIX_SETTINGS and not str(value).strip().strip("/"):
            problems.append(
                Problem(SETTINGS_SECTION, None, key, ProblemKind.REQUIRED, value, "empty prefix")
            )
        elif key == OMNITRON_CA_BUNDLE and value and not os.path.isfile(str(value)):
            problems.append(
                Problem(
                    SETTINGS_SECTION,
                    None,
                    key,
                    ProblemKind.FILE_NOT_FOUND,
                    str(value),
                    f"file {value!r} does not exist",
                )
            )
    return problems


def validate_config(config: StationConfig) -> list[Problem]:
    """Return every invalid field of ``config``, tab by tab; an empty list when valid."""
    return [
        *_channel_problems(config),
        *_cargo_problems(config),
        *_condition_problems(config),
        *_transition_problems(config),
        *_setting_problems(config),
    ]
