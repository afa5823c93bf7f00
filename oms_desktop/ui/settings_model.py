"""The station configuration as plain values: the draft the settings dialog edits.

No Qt here. ``load_config`` reads the channels, cargo companies, shipment conditions,
state transitions and application settings into a ``StationConfig``; the dialog edits a
copy and ``settings_store.save_config`` writes the difference.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oms_desktop.core.models import CargoCompany, Channel, ShipmentCondition, StateTransition
from oms_desktop.core.settings import SETTINGS, all_settings, station_settings

CHANNELS = "channels"
CARGO_COMPANIES = "cargo_companies"
CONDITIONS = "conditions"
TRANSITIONS = "transitions"
SETTINGS_SECTION = "settings"
STATION_SETTINGS_SECTION = "station_settings"

ENTITY_BY_SECTION = {
    CHANNELS: "channel",
    CARGO_COMPANIES: "cargo_company",
    CONDITIONS: "shipment_condition",
    TRANSITIONS: "state_transition",
    SETTINGS_SECTION: "setting",
    STATION_SETTINGS_SECTION: "setting",
}

# Draft rows get a process-wide unique id, so a problem can point at a row that has no
# database id yet.
_uids = itertools.count(1)


def new_uid() -> int:
    return next(_uids)


# ---------------------------------------------------------------------------------------
# Draft rows
# ---------------------------------------------------------------------------------------


@dataclass
class ChannelRow:
    omnitron_id: int
    name: str
    channel_type: str = ""
    is_active: bool = True
    stored: bool = False  # the row exists in the database, so its Omnitron id is fixed
    uid: int = field(default_factory=new_uid)

    def state(self) -> dict[str, Any]:
        return {"name": self.name, "channel_type": self.channel_type, "is_active": self.is_active}


@dataclass
class CargoCompanyRow:
    omnitron_id: int
    name: str
    code: str = ""
    is_active: bool = True
    stored: bool = False
    uid: int = field(default_factory=new_uid)

    def state(self) -> dict[str, Any]:
        return {"name": self.name, "code": self.code, "is_active": self.is_active}


@dataclass
class ConditionRow:
    """A shipment condition; ``cargo_company`` and ``channels`` are Omnitron ids.

    ``conf`` contains the shipment client's configuration apart from its ``klass``, which is
    ``client_klass`` here; keys the dialog does not edit are kept as they were.
    """

    cargo_company: int
    klass: str
    channels: list[int]
    client_klass: str
    conf: dict[str, Any] = field(default_factory=dict)
    is_active: bool = True
    stored_id: int | None = None
    uid: int = field(default_factory=new_uid)

    def state(self) -> dict[str, Any]:
        return {
            "cargo_company": self.cargo_company,
            "klass": self.klass,
            "channels": sorted(set(self.channels)),
            "conf": {**self.conf, "klass": self.client_klass},
            "is_active": self.is_active,
        }


@dataclass
class TransitionRow:
    command: str
    from_status: str
    to_status: str
    slug: str
    stored_id: int | None = None
    uid: int = field(default_factory=new_uid)

    def state(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "from_status": self.from_status,
            "to_status": self.to_status,
            "slug": self.slug,
        }


@dataclass
class StationConfig:
    """Everything the settings dialog edits, as plain values.

    ``settings`` contains the value for every station of each setting that is not
    station-scoped. ``station_settings`` contains the effective value for ``station`` of each
    station-scoped setting (its own value, else the one for every station); saving one of
    them stores it for ``station`` only.
    """

    channels: list[ChannelRow] = field(default_factory=list)
    cargo_companies: list[CargoCompanyRow] = field(default_factory=list)
    conditions: list[ConditionRow] = field(default_factory=list)
    transitions: list[TransitionRow] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    station_settings: dict[str, Any] = field(default_factory=dict)
    station: str = ""

    def copy(self) -> StationConfig:
        """Return a deep copy; the rows keep their uids, so the copy can be compared."""
        return copy.deepcopy(self)

    def channel(self, omnitron_id: int) -> ChannelRow | None:
        return next((row for row in self.channels if row.omnitron_id == omnitron_id), None)

    def cargo_company(self, omnitron_id: int) -> CargoCompanyRow | None:
        return next((row for row in self.cargo_companies if row.omnitron_id == omnitron_id), None)


def load_config(session: Session, station: str) -> StationConfig:
    """Read the configuration that applies to ``station``; writes nothing."""
    channels = [
        ChannelRow(row.omnitron_id, row.name, row.channel_type, row.is_active, stored=True)
        for row in session.scalars(select(Channel).order_by(Channel.omnitron_id))
    ]
    cargo_companies = [
        CargoCompanyRow(row.omnitron_id, row.name, row.code, row.is_active, stored=True)
        for row in session.scalars(select(CargoCompany).order_by(CargoCompany.omnitron_id))
    ]
    conditions = []
    statement = (
        select(ShipmentCondition)
        .options(
            selectinload(ShipmentCondition.channels),
            selectinload(ShipmentCondition.cargo_company),
        )
        .order_by(ShipmentCondition.id)
    )
    for condition in session.scalars(statement):
        conf = dict(condition.conf)
        client_klass = str(conf.pop("klass", ""))
        conditions.append(
            ConditionRow(
                cargo_company=condition.cargo_company.omnitron_id,
                klass=condition.klass,
                channels=sorted(channel.omnitron_id for channel in condition.channels),
                client_klass=client_klass,
                conf=conf,
                is_active=condition.is_active,
                stored_id=condition.id,
            )
        )
    transitions = [
        TransitionRow(row.command, row.from_status, row.to_status, row.slug, stored_id=row.id)
        for row in session.scalars(
            select(StateTransition).order_by(StateTransition.command, StateTransition.id)
        )
    ]
    shared = {
        key: value
        for key, value in all_settings(session).items()
        if not SETTINGS[key].station_scoped
    }
    own = {
        key: value
        for key, value in station_settings(session, station).items()
        if SETTINGS[key].station_scoped
    }
    return StationConfig(
        channels, cargo_companies, conditions, transitions, shared, own, station.strip()
    )
