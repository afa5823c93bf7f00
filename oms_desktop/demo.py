"""The demo environment: a fresh database, a simulated Omnitron and a ready configuration.

``oms-desktop --demo`` needs no setup. The simulator listens on a free port of 127.0.0.1
with its built-in demo user. The station configuration is built from the simulator's own
channel and cargo company lists, and the first sync fills the window with orders.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oms_desktop.core import db as core_db
from oms_desktop.core.config_io import apply_import, plan_import
from oms_desktop.core.settings import (
    AUTO_RUN_SHIP,
    OMNITRON_URL,
    OMNITRON_USER,
    ORDER_PULL_INTERVAL,
    OUTBOX_INTERVAL,
    STATUS_POLL_INTERVAL,
)
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.simulator.data import CARGO_COMPANIES_BY_ERP_CODE, CHANNELS
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.settings import OmnitronSettings

log = logging.getLogger(__name__)

DEMO_STATION = "demo"
DEMO_SEED = 1
DEMO_ORDER_COUNT = 60
# Short intervals, in seconds, so a demo shows reports and shipment updates quickly.
DEMO_SETTINGS: dict[str, Any] = {
    AUTO_RUN_SHIP: True,
    ORDER_PULL_INTERVAL: 3.0,
    OUTBOX_INTERVAL: 1.0,
    STATUS_POLL_INTERVAL: 5.0,
}


@dataclass
class DemoEnvironment:
    """A running demo: call :meth:`stop` to stop the simulator and delete the temporary
    folder (a database given by the caller is kept)."""

    database_url: str
    omnitron: OmnitronSettings
    simulator: SimulatorServer
    folder: Path | None
    _cleanups: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def stop(self) -> None:
        """Stop the simulator and remove the temporary folder; a second call does nothing."""
        while self._cleanups:
            cleanup = self._cleanups.pop()
            try:
                cleanup()
            except OSError as error:
                log.warning("Demo cleanup failed: %s", error)


def routed_channels_by_cargo_company() -> dict[int, list[int]]:
    """Return, per cargo company pk of the simulator, the channel pks whose orders it carries."""
    routes: dict[int, list[int]] = {}
    for channel in CHANNELS:
        for erp_code, _weight in channel.carrier_weights:
            cargo = CARGO_COMPANIES_BY_ERP_CODE[erp_code]
            routes.setdefault(cargo.pk, []).append(channel.pk)
    return routes


def demo_configuration(
    channels: list[dict[str, Any]],
    cargo_companies: list[dict[str, Any]],
    omnitron_url: str,
) -> dict[str, Any]:
    """Build the station configuration document for the simulator's channels and carriers.

    Each cargo company gets one ChannelBasedOrdersCondition that routes the channels using it
    to OmnitronShipmentClient. A cargo company missing from the simulator's carrier table
    routes every channel, so no demo order is left without a route.
    """
    routes = routed_channels_by_cargo_company()
    channel_ids = sorted(channel["omnitron_id"] for channel in channels)
    conditions = []
    for cargo in cargo_companies:
        routed = [pk for pk in routes.get(cargo["omnitron_id"], channel_ids) if pk in channel_ids]
        conditions.append(
            {
                "cargo_company": cargo["omnitron_id"],
                "klass": "ChannelBasedOrdersCondition",
                "channels": sorted(set(routed)),
                "conf": {"klass": "OmnitronShipmentClient"},
            }
        )
    return {
        "channels": channels,
        "cargo_companies": cargo_companies,
        "conditions": conditions,
        "settings": {**DEMO_SETTINGS, OMNITRON_URL: omnitron_url, OMNITRON_USER: DEFAULT_USER},
    }


async def _fetch_reference_lists(
    settings: OmnitronSettings,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    async with OmnitronClient(settings) as client:
        channels = await client.channels()
        cargo_companies = await client.cargo_companies()
    return (
        [
            {
                "omnitron_id": channel.pk,
                "name": channel.name,
                "channel_type": channel.channel_type,
                "is_active": channel.is_active,
            }
            for channel in channels
        ],
        [
            {"omnitron_id": cargo.pk, "name": cargo.name, "code": cargo.erp_code}
            for cargo in cargo_companies
        ],
    )


def _database_url(database: str | None) -> tuple[str, Path | None]:
    if database is None:
        folder = Path(tempfile.mkdtemp(prefix="oms-desktop-demo-"))
        return f"sqlite:///{folder / 'demo.sqlite3'}", folder
    if "://" in database:
        return database, None
    return f"sqlite:///{Path(database).expanduser().resolve()}", None


def prepare_demo(database: str | None = None) -> DemoEnvironment:
    """Create the demo database, start the simulator and import the demo configuration.

    ``database`` is a URL or a SQLite file path to use instead of a new file in a temporary
    folder. Its configuration is overwritten with the demo's.

    Raises:
        RuntimeError: the database schema is newer than this application.
        OmnitronError: the simulator did not answer the channel or cargo company request.
    """
    url, folder = _database_url(database)
    environment: DemoEnvironment | None = None
    server = SimulatorServer(
        seed=DEMO_SEED,
        user=DEFAULT_USER,
        password=DEFAULT_PASSWORD,
        port=0,
        order_count=DEMO_ORDER_COUNT,
    )
    engine = core_db.make_engine(url)
    try:
        state = core_db.schema_state(engine).state
        if state is core_db.SchemaState.NEWER:
            raise RuntimeError(f"the demo database {url} has a newer schema than this application")
        if state is not core_db.SchemaState.CURRENT:
            core_db.upgrade_database(engine)

        server.start()
        environment = DemoEnvironment(
            database_url=url,
            omnitron=OmnitronSettings(url=server.url, user=DEFAULT_USER, password=DEFAULT_PASSWORD),
            simulator=server,
            folder=folder,
        )
        environment._cleanups.append(server.stop)
        if folder is not None:
            environment._cleanups.insert(0, lambda: shutil.rmtree(folder, ignore_errors=True))

        channels, cargo_companies = asyncio.run(_fetch_reference_lists(environment.omnitron))
        document = demo_configuration(channels, cargo_companies, server.url)
        sessions = core_db.make_session_factory(engine)
        with core_db.transaction(sessions) as session:
            plan = plan_import(session, document)
            applied = apply_import(session, plan, DEMO_STATION, operator="demo")
        log.info(
            "Demo ready: database %s, simulator %s, %d configuration changes",
            url,
            server.url,
            len(applied.changes),
        )
        return environment
    except BaseException:
        if environment is not None:
            environment.stop()
        else:
            server.stop()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        engine.dispose()
