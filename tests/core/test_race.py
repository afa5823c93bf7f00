"""Two stations in two real processes pack the same packages at the same moment.

Each round, both processes wait on a barrier and then pack the same package. The
database decides: exactly one wins, the other is told who packed it and when, and
no shipment or report exists twice.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import pytest
from sqlalchemy import func, select

from oms_desktop.core.command import pack_code
from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.errors import AlreadyPacked
from oms_desktop.core.ingest import ingest_order, package_number_for
from oms_desktop.core.models import OmnitronOutbox, Package, Shipment
from tests.conftest import TestDatabase
from tests.factories import configure_station, order_payload

ROUNDS = int(os.environ.get("OMS_RACE_ROUNDS", "200"))
ITEMS_PER_ORDER = 2


def race_worker(url: str, station: str, rounds: int, barrier: Any, results: Any) -> None:
    """Pack package 1..rounds, one per barrier round, and report each outcome."""
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    for pk in range(1, rounds + 1):
        barrier.wait(timeout=30)
        try:
            with transaction(sessions) as session:
                pack_code(session, package_number_for(pk), station=station)
        except AlreadyPacked as error:
            results.put((pk, station, "lost", error.station, error.packed_at))
        except Exception as error:  # reported to the test, which fails on it
            results.put((pk, station, "error", repr(error), None))
        else:
            results.put((pk, station, "won", station, None))
    engine.dispose()


@pytest.mark.slow
def test_one_winner_every_round(database: TestDatabase) -> None:
    rounds = ROUNDS if database.backend == "postgres" else max(20, ROUNDS // 4)
    with transaction(database.sessions) as session:
        configure_station(session)
        for pk in range(1, rounds + 1):
            ingest_order(session, order_payload(pk=pk, items=ITEMS_PER_ORDER))

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=race_worker, args=(database.url, name, rounds, barrier, results))
        for name in ("bench-a", "bench-b")
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in range(2 * rounds)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0

    errors = [outcome for outcome in outcomes if outcome[2] == "error"]
    assert errors == []
    by_round: dict[int, list[tuple[Any, ...]]] = {}
    for outcome in outcomes:
        by_round.setdefault(outcome[0], []).append(outcome)
    assert sorted(by_round) == list(range(1, rounds + 1))
    for pk, pair in by_round.items():
        winners = [outcome for outcome in pair if outcome[2] == "won"]
        losers = [outcome for outcome in pair if outcome[2] == "lost"]
        assert len(winners) == 1, f"round {pk}: {pair}"
        assert len(losers) == 1, f"round {pk}: {pair}"
        # The loser is told which station packed it, and when.
        assert losers[0][3] == winners[0][1]
        assert losers[0][4] is not None

    with database.sessions() as session:
        shipments = session.scalar(select(func.count()).select_from(Shipment))
        reports = session.scalar(select(func.count()).select_from(OmnitronOutbox))
        distinct_reports = session.scalar(
            select(func.count(func.distinct(OmnitronOutbox.order_item_omnitron_id)))
        )
        packed = session.scalar(
            select(func.count()).select_from(Package).where(Package.status == "packed")
        )
    assert shipments == rounds
    assert reports == rounds * ITEMS_PER_ORDER
    assert distinct_reports == reports
    assert packed == rounds
