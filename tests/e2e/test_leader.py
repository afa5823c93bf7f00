"""Sync leadership across real ``oms-desktop sync`` processes on one PostgreSQL database.

Each engine talks to its own simulator (same seed, same orders), so a simulator's
request log names the engine behind every request. A sampler thread reads both logs'
lengths and the lease row every 50 ms; "two leaders at once" would show as both logs
growing between two samples. The lease TTL is 3 s here (renewal every 1 s), so a
takeover after kill -9 must happen within ``takeover_bound(3)`` = 4 s, and not before
the killed engine's last renewal lapsed, ``3 - 1`` = 2 s after the kill at the
earliest.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from oms_desktop.core.db import make_engine, make_session_factory, transaction
from oms_desktop.core.lease import current_holder
from oms_desktop.simulator import SimulatorServer
from oms_desktop.sync.runner import holder_station, renew_interval, takeover_bound
from tests.conftest import TestDatabase
from tests.e2e.test_sync_service import SyncProcess, fast_sync_database, wait_until

LEASE_TTL = 3.0
# Seconds a measured takeover may exceed the bound: process scheduling on a busy
# two-core machine, and the login request that is the new leader's first.
SLACK = 1.5
SAMPLE_SECONDS = 0.05


@pytest.fixture
def shared_database(request: pytest.FixtureRequest) -> Iterator[TestDatabase]:
    database = fast_sync_database(request)
    yield database
    database.engine.dispose()


@dataclass(frozen=True)
class Sample:
    at: float
    requests: tuple[int, int]
    holder: str | None


class Sampler:
    """Records both simulators' request counts and the lease holder on a thread."""

    def __init__(self, database_url: str, simulators: tuple[SimulatorServer, ...]) -> None:
        self.samples: list[Sample] = []
        self._simulators = simulators
        self._engine = make_engine(database_url)
        self._sessions = make_session_factory(self._engine)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leader-sampler", daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._engine.dispose()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            with transaction(self._sessions) as session:
                holder = current_holder(session)
            first, second = (len(server.state.requests_json()) for server in self._simulators)
            station = holder_station(holder) if holder else None
            self.samples.append(Sample(time.monotonic(), (first, second), station))

    def latest(self) -> Sample:
        wait_until(lambda: bool(self.samples), 5, "the first sample")
        return self.samples[-1]

    def between(self, start: float, end: float) -> list[Sample]:
        return [sample for sample in self.samples if start <= sample.at <= end]


def both_grew(samples: list[Sample]) -> list[tuple[Sample, Sample]]:
    """Pairs of consecutive samples between which both simulators served requests."""
    return [
        (before, after)
        for before, after in itertools.pairwise(samples)
        if after.requests[0] > before.requests[0] and after.requests[1] > before.requests[1]
    ]


@pytest.fixture
def engines() -> Iterator[list[SyncProcess]]:
    started: list[SyncProcess] = []
    yield started
    for engine in started:
        engine.kill()


@pytest.mark.postgres
@pytest.mark.slow
def test_one_leader_and_takeover_after_kill(
    shared_database: TestDatabase, tmp_path: Path, engines: list[SyncProcess]
) -> None:
    url = shared_database.url
    options = ("--lease-ttl", str(LEASE_TTL), "--stop-grace", "0")
    with (
        SimulatorServer(seed=9, order_count=10) as for_a,
        SimulatorServer(seed=9, order_count=10) as for_b,
        Sampler(url, (for_a, for_b)) as sampler,
    ):
        engine_a = SyncProcess.start(tmp_path, "engine-a", url, for_a.url, *options)
        engines.append(engine_a)
        wait_until(lambda: sampler.latest().requests[0] > 0, 30, "engine-a talking to Omnitron")
        engine_b = SyncProcess.start(tmp_path, "engine-b", url, for_b.url, *options)
        engines.append(engine_b)
        engine_b.wait_for_line("is in standby")
        standby_from = time.monotonic()
        # Two lease periods in standby: the holder keeps renewing, the standby keeps off.
        time.sleep(2 * LEASE_TTL)
        killed_at = time.monotonic()
        engine_a.process.send_signal(signal.SIGKILL)
        engine_a.process.wait(timeout=10)

        wait_until(
            lambda: sampler.latest().requests[1] > 0, takeover_bound(LEASE_TTL) + 10, "takeover"
        )
        takeover = time.monotonic() - killed_at
        engine_b.wait_for_line("took over the lease")
        time.sleep(1.0)  # a few samples of engine-b leading
        finished_at = time.monotonic()

    standby = sampler.between(standby_from, killed_at)
    assert standby, "no sample while engine-b waited"
    assert all(sample.requests[1] == 0 for sample in standby), "the standby engine polled"
    assert standby[-1].requests[0] > standby[0].requests[0], "the leader stopped polling"
    assert {sample.holder for sample in standby} == {"engine-a"}

    assert takeover <= takeover_bound(LEASE_TTL) + SLACK, f"takeover took {takeover:.2f} s"
    earliest = LEASE_TTL - renew_interval(LEASE_TTL)
    assert takeover >= earliest - 0.2, f"engine-b took a live lease after {takeover:.2f} s"
    bound = takeover_bound(LEASE_TTL)
    print(f"\nmeasured takeover after kill -9: {takeover:.2f} s (bound {bound:g} s)")

    after = sampler.between(killed_at, finished_at)
    assert after[-1].holder == "engine-b"
    assert both_grew(sampler.samples) == [], "two engines polled Omnitron at the same time"


@pytest.mark.postgres
@pytest.mark.slow
def test_rejoining_engine_waits_and_takes_over_on_release(
    shared_database: TestDatabase, tmp_path: Path, engines: list[SyncProcess]
) -> None:
    url = shared_database.url
    options = ("--lease-ttl", str(LEASE_TTL), "--stop-grace", "0")
    with (
        SimulatorServer(seed=9, order_count=10) as for_a,
        SimulatorServer(seed=9, order_count=10) as for_b,
        Sampler(url, (for_a, for_b)) as sampler,
    ):
        engine_b = SyncProcess.start(tmp_path, "engine-b", url, for_b.url, *options)
        engines.append(engine_b)
        wait_until(lambda: sampler.latest().requests[1] > 0, 30, "engine-b talking to Omnitron")
        engine_a = SyncProcess.start(tmp_path, "engine-a", url, for_a.url, *options)
        engines.append(engine_a)
        engine_a.wait_for_line("is in standby")
        standby_from = time.monotonic()
        # Two lease periods of observation: the rejoining engine must stay in standby.
        time.sleep(2 * LEASE_TTL)

        # A clean stop releases the lease, so the standby engine need not wait for the TTL.
        stopped_at = time.monotonic()
        status, _ = engine_b.stop(signal.SIGTERM)
        wait_until(
            lambda: sampler.latest().requests[0] > 0, takeover_bound(LEASE_TTL) + 10, "handover"
        )
        handover = time.monotonic() - stopped_at
        time.sleep(1.0)  # a few samples of engine-a leading
        status_a, _ = engine_a.stop(signal.SIGTERM)

    assert status == 0, engine_b.output()
    assert status_a == 0, engine_a.output()
    standby = sampler.between(standby_from, stopped_at)
    assert all(sample.requests[0] == 0 for sample in standby), "the rejoining engine polled"
    assert {sample.holder for sample in standby} == {"engine-b"}
    assert handover <= renew_interval(LEASE_TTL) + SLACK, f"handover took {handover:.2f} s"
    assert both_grew(sampler.samples) == [], "two engines polled Omnitron at the same time"
