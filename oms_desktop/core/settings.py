"""Application settings, declared once with type, default and unit, stored in app_setting.

Every station reads them from the shared database, so a supervisor's change reaches
all benches without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import AppSetting, utcnow


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None
    # Allowed values of a str setting; empty means any string.
    choices: tuple[str, ...] = ()
    # A station-scoped setting may also be stored for one station (see station_key); that
    # value wins over the value for every station.
    station_scoped: bool = False

    def validate(self, value: Any) -> Any:
        if self.type is bool:
            if not isinstance(value, bool):
                raise ConfigurationError(self.key, f"expected true or false, got {value!r}")
            return value
        if self.type in (int, float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigurationError(self.key, f"expected a number, got {value!r}")
            if self.type is int and not float(value).is_integer():
                raise ConfigurationError(self.key, f"expected a whole number, got {value!r}")
            value = self.type(value)
            if self.minimum is not None and value < self.minimum:
                raise ConfigurationError(self.key, f"{value} is below the minimum {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ConfigurationError(self.key, f"{value} is above the maximum {self.maximum}")
            return value
        if not isinstance(value, self.type):
            raise ConfigurationError(
                self.key, f"expected {self.type.__name__}, got {type(value).__name__}"
            )
        if self.choices and value not in self.choices:
            allowed = ", ".join(self.choices)
            raise ConfigurationError(self.key, f"{value!r} is not one of {allowed}")
        return value


AUTO_RUN_SHIP = "AUTO_RUN_SHIP_THE_PACKAGE_COMMAND"
ORDER_PULL_INTERVAL = "ORDER_PULL_INTERVAL_SECONDS"
OUTBOX_INTERVAL = "OUTBOX_INTERVAL_SECONDS"
STATUS_POLL_INTERVAL = "STATUS_POLL_INTERVAL_SECONDS"
STATUS_POLL_BATCH_SIZE = "STATUS_POLL_BATCH_SIZE"
STATUS_POLL_CONCURRENCY = "STATUS_POLL_CONCURRENCY"
OMNITRON_URL = "OMNITRON_URL"
OMNITRON_USER = "OMNITRON_USER"
OMNITRON_AUTH_PREFIX = "OMNITRON_AUTH_PREFIX"
OMNITRON_ORDERS_PREFIX = "OMNITRON_ORDERS_PREFIX"
OMNITRON_UPDATE_PREFIX = "OMNITRON_UPDATE_PREFIX"
OMNITRON_CA_BUNDLE = "OMNITRON_CA_BUNDLE"
LANGUAGE = "LANGUAGE"
# "system" follows the operating system's locale, as the OMS_LANGUAGE variable does when unset.
LANGUAGE_CHOICES = ("system", "tr", "en")

# Scanning and item verification. These are station-scoped: each bench has its own scanner.
SCANNER_MAX_KEY_GAP_MS = "SCANNER_MAX_KEY_GAP_MS"
SCANNER_MIN_LENGTH = "SCANNER_MIN_LENGTH"
SCANNER_TERMINATOR = "SCANNER_TERMINATOR"
# "crlf" is Enter followed by a line feed (Ctrl+J); "any" accepts Enter, Tab and CR LF.
SCANNER_TERMINATOR_CHOICES = ("enter", "tab", "crlf", "any")
SCANNER_PREFIX = "SCANNER_PREFIX"
DUPLICATE_SCAN_WINDOW_MS = "DUPLICATE_SCAN_WINDOW_MS"
VERIFY_ITEMS = "VERIFY_ITEMS"
AUTO_COMPLETE_WHEN_VERIFIED = "AUTO_COMPLETE_WHEN_VERIFIED"
ALLOW_COMPLETE_WITHOUT_VERIFYING = "ALLOW_COMPLETE_WITHOUT_VERIFYING"
SOUND_ENABLED = "SOUND_ENABLED"

SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(AUTO_RUN_SHIP, bool, True, "Poll shipment status"),
        SettingSpec(ORDER_PULL_INTERVAL, float, 5.0, "Seconds between order pulls", 1, 3600),
        SettingSpec(OUTBOX_INTERVAL, float, 2.0, "Seconds between report deliveries", 0.5, 3600),
        SettingSpec(STATUS_POLL_INTERVAL, float, 10.0, "Seconds between shipment polls", 1, 86400),
        SettingSpec(STATUS_POLL_BATCH_SIZE, int, 50, "Order ids per status request", 1, 500),
        SettingSpec(STATUS_POLL_CONCURRENCY, int, 4, "Status requests in flight", 1, 32),
        SettingSpec(OMNITRON_URL, str, "", "Omnitron base URL"),
        SettingSpec(OMNITRON_USER, str, "", "Omnitron user name"),
        SettingSpec(OMNITRON_AUTH_PREFIX, str, "/api/i1/", "Path prefix of the login endpoint"),
        SettingSpec(OMNITRON_ORDERS_PREFIX, str, "/api/i1/", "Path prefix of orders and channels"),
        SettingSpec(OMNITRON_UPDATE_PREFIX, str, "/api/v1/", "Path prefix of order item updates"),
        SettingSpec(
            OMNITRON_CA_BUNDLE,
            str,
            "",
            "PEM file of the CA certificates to trust instead of the system's (empty: system)",
        ),
        SettingSpec(LANGUAGE, str, "system", "Language of the window", choices=LANGUAGE_CHOICES),
        SettingSpec(
            SCANNER_MAX_KEY_GAP_MS,
            int,
            30,
            "Longest pause in milliseconds between two keys of one barcode scan",
            5,
            500,
            station_scoped=True,
        ),
        SettingSpec(
            SCANNER_MIN_LENGTH,
            int,
            4,
            "Fewest characters a fast key burst needs to count as a scan",
            1,
            64,
            station_scoped=True,
        ),
        SettingSpec(
            SCANNER_TERMINATOR,
            str,
            "enter",
            "Key the scanner sends after each code: enter, tab, crlf or any",
            choices=SCANNER_TERMINATOR_CHOICES,
            station_scoped=True,
        ),
        SettingSpec(
            SCANNER_PREFIX,
            str,
            "",
            "Text the scanner sends before each code, removed from the scan (empty: none)",
            station_scoped=True,
        ),
        SettingSpec(
            DUPLICATE_SCAN_WINDOW_MS,
            int,
            30,
            "Milliseconds within which a repeat of the same item barcode counts once",
            0,
            1000,
            station_scoped=True,
        ),
        SettingSpec(
            VERIFY_ITEMS,
            bool,
            True,
            "A package scan opens the package for item scanning (off: it packs at once)",
            station_scoped=True,
        ),
        SettingSpec(
            AUTO_COMPLETE_WHEN_VERIFIED,
            bool,
            True,
            "Complete packaging as soon as every item is scanned",
            station_scoped=True,
        ),
        SettingSpec(
            ALLOW_COMPLETE_WITHOUT_VERIFYING,
            bool,
            False,
            "Allow completing a package before every item is scanned (audited)",
            station_scoped=True,
        ),
        SettingSpec(SOUND_ENABLED, bool, True, "Play a sound for each scan", station_scoped=True),
    )
}


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise ConfigurationError(key, "unknown setting") from None


def get_setting(session: Session, key: str) -> Any:
    spec = _spec(key)
    row = session.get(AppSetting, key)
    if row is None:
        return spec.default
    try:
        return spec.validate(row.value)
    except ConfigurationError:
        return spec.default


def all_settings(session: Session) -> dict[str, Any]:
    stored = {row.key: row.value for row in session.scalars(select(AppSetting))}
    result: dict[str, Any] = {}
    for key, spec in SETTINGS.items():
        try:
            result[key] = spec.validate(stored[key]) if key in stored else spec.default
        except ConfigurationError:
            result[key] = spec.default
    return result


def set_setting(session: Session, key: str, value: Any) -> tuple[Any, Any]:
    """Validate and store one setting; return (old, new) for the audit log."""
    spec = _spec(key)
    value = spec.validate(value)
    row = session.get(AppSetting, key)
    old = spec.default if row is None else row.value
    if row is None:
        session.add(AppSetting(key=key, value=value, updated_at=utcnow()))
    else:
        row.value = value
        row.updated_at = utcnow()
    return old, value


# Separates the setting key from the station name in app_setting.key. Setting keys are
# upper-case identifiers, so the first "@" always ends the key.
STATION_SEPARATOR = "@"
# Length of app_setting.key in the schema.
_MAX_STORED_KEY_LENGTH = 120


def station_key(key: str, station: str) -> str:
    """Return the app_setting key under which ``station``'s own value of ``key`` is stored.

    Raises:
        ConfigurationError: ``key`` is unknown or not station-scoped, ``station`` is empty,
            or the combined key does not fit the app_setting.key column.
    """
    spec = _spec(key)
    if not spec.station_scoped:
        raise ConfigurationError(key, "this setting applies to every station alike")
    name = station.strip()
    if not name:
        raise ConfigurationError(key, "a station name is required for a station's own value")
    stored = f"{key}{STATION_SEPARATOR}{name}"
    if len(stored) > _MAX_STORED_KEY_LENGTH:
        raise ConfigurationError(
            key,
            f"station name {name!r} is too long: key and name together may have at most "
            f"{_MAX_STORED_KEY_LENGTH} characters",
        )
    return stored


def get_station_setting(session: Session, key: str, station: str) -> Any:
    """Return ``station``'s own value of ``key``, else the value for every station.

    A stored value that no longer validates (a newer station wrote it, or a limit changed)
    is skipped, as ``get_setting`` does.
    """
    spec = _spec(key)
    if spec.station_scoped and station.strip():
        row = session.get(AppSetting, station_key(key, station))
        if row is not None:
            try:
                return spec.validate(row.value)
            except ConfigurationError:
                pass
    return get_setting(session, key)


def station_settings(session: Session, station: str) -> dict[str, Any]:
    """Return the effective value of every setting for ``station``, in one query."""
    stored = {row.key: row.value for row in session.scalars(select(AppSetting))}
    name = station.strip()
    result: dict[str, Any] = {}
    for key, spec in SETTINGS.items():
        candidates = [key]
        if spec.station_scoped and name:
            candidates.insert(0, f"{key}{STATION_SEPARATOR}{name}")
        result[key] = spec.default
        for candidate in candidates:
            if candidate not in stored:
                continue
            try:
                result[key] = spec.validate(stored[candidate])
            except ConfigurationError:
                continue
            break
    return result


def set_station_setting(session: Session, key: str, station: str, value: Any) -> tuple[Any, Any]:
    """Validate and store ``station``'s own value of ``key``; return (old, new) for the audit.

    ``old`` is the value the station used before: its own, or the one for every station.
    """
    stored_key = station_key(key, station)
    spec = _spec(key)
    value = spec.validate(value)
    old = get_station_setting(session, key, station)
    row = session.get(AppSetting, stored_key)
    if row is None:
        session.add(AppSetting(key=stored_key, value=value, updated_at=utcnow()))
    else:
        row.value = value
        row.updated_at = utcnow()
    return old, value


def clear_station_setting(session: Session, key: str, station: str) -> bool:
    """Remove ``station``'s own value of ``key``, so the value for every station applies.

    Returns True when a value was stored.
    """
    row = session.get(AppSetting, station_key(key, station))
    if row is None:
        return False
    session.delete(row)
    return True
