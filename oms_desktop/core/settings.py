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
