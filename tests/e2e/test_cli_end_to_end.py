"""The whole marketplace flow through the command line, every part a separate process.

The simulator runs as ``python -m oms_desktop simulator``. Each station step is one
``python -m oms_desktop`` call against a SQLite file, configured only through the
environment, as a script or a service unit would do it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from oms_desktop.core.db import make_engine

PROJECT_DIR = Path(__file__).resolve().parents[2]
USER = "e2e-station"
PASSWORD = "e2e-password"
STARTUP_TIMEOUT = 20.0
COMMAND_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Simulator:
    url: str
    process: subprocess.Popen[str]

    def token(self) -> str:
        answer = httpx.post(
            f"{self.url}/api/i1/auth/login/",
            json={"username": USER, "password": PASSWORD},
            timeout=5,
        )
        answer.raise_for_status()
        return str(answer.json()["key"])

    def all_pages(self, path: str) -> list[dict[str, Any]]:
        headers = {"Authorization": f"Token {self.token()}"}
        results: list[dict[str, Any]] = []
        next_url: str | None = f"{self.url}{path}?limit=50"
        while next_url:
            page = httpx.get(next_url, headers=headers, timeout=5)
            page.raise_for_status()
            body = page.json()
            results.extend(body["results"])
            next_url = body["next"]
        return results

    def order(self, number: str) -> dict[str, Any]:
        answer = httpx.get(f"{self.url}/_simulator/orders/{number}", timeout=5)
        answer.raise_for_status()
        return dict(answer.json())

    def set_status(self, number: str, status: str) -> None:
        answer = httpx.post(
            f"{self.url}/_simulator/orders/{number}/status", json={"status": status}, timeout=5
        )
        answer.raise_for_status()


def wait_for_health(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the simulator exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/_simulator/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        # Polling a port that is not listening yet: there is no event to wait on.
        time.sleep(0.1)
    raise AssertionError(f"the simulator at {url} did not answer within {STARTUP_TIMEOUT} s")


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[Simulator]:
    port = free_port()
    log = (tmp_path / "simulator.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "oms_desktop",
            "simulator",
            "--port",
            str(port),
            "--seed",
            "7",
            "--user",
            USER,
            "--password",
            PASSWORD,
            "--orders",
            "24",
        ],
        cwd=PROJECT_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield Simulator(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    assert process.returncode == 0, (tmp_path / "simulator.log").read_text(encoding="utf-8")


@dataclass
class Station:
    environment: dict[str, str]

    def run(self, *arguments: str, expect: int = 0) -> str:
        completed = subprocess.run(
            [sys.executable, "-m", "oms_desktop", *arguments],
            capture_output=True,
            text=True,
            env=self.environment,
            cwd=PROJECT_DIR,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        assert completed.returncode == expect, (
            f"oms-desktop {' '.join(arguments)} exited {completed.returncode}\n"
            f"stdout: {completed.stdout}\nstderr: {completed.stderr}"
        )
        return completed.stdout

    def packages(self, *arguments: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.run("packages", "--json", *arguments))
        return rows


@pytest.fixture
def station(tmp_path: Path, simulator: Simulator) -> Station:
    environment = dict(os.environ)
    environment.update(
        {
            "OMS_DATABASE_URL": f"sqlite:///{tmp_path / 'station.sqlite3'}",
            "OMS_OMNITRON_URL": simulator.url,
            "OMS_OMNITRON_USER": USER,
            "OMS_OMNITRON_PASSWORD": PASSWORD,
            "OMS_STATION": "e2e-bench",
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
    )
    return Station(environment)


def configuration(simulator: Simulator) -> dict[str, Any]:
    """Route every simulator channel, for every cargo company, to OmnitronShipmentClient."""
    channels = simulator.all_pages("/api/i1/channels/")
    cargo_companies = simulator.all_pages("/api/i1/cargo_companies/")
    channel_ids = [channel["pk"] for channel in channels]
    return {
        "channels": [
            {
                "omnitron_id": channel["pk"],
                "name": channel["name"],
                "channel_type": channel["channel_type"],
                "is_active": channel["is_active"],
            }
            for channel in channels
        ],
        "cargo_companies": [
            {"omnitron_id": cargo["pk"], "name": cargo["name"], "code": cargo["erp_code"]}
            for cargo in cargo_companies
        ],
        "conditions": [
            {
                "cargo_company": cargo["pk"],
                "klass": "ChannelBasedOrdersCondition",
                "channels": channel_ids,
                "conf": {"klass": "OmnitronShipmentClient"},
            }
            for cargo in cargo_companies
        ],
        "settings": {"AUTO_RUN_SHIP_THE_PACKAGE_COMMAND": True},
    }


def by_number(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["number"]: row for row in rows}


# About ten process starts of two seconds each on a two-core machine.
@pytest.mark.slow
def test_marketplace_flow_through_command_line(
    tmp_path: Path, simulator: Simulator, station: Station
) -> None:
    config_file = tmp_path / "station.json"
    config_file.write_text(json.dumps(configuration(simulator)), encoding="utf-8")
    imported = station.run("settings", "import", str(config_file))
    assert "create channel 42" in imported

    summary = station.run("sync", "--once")
    assert summary.startswith("sync: pulled ")
    waiting = [row for row in station.packages("--status", "waiting") if row["tracking_number"]]
    assert len(waiting) >= 4
    assert all(row["status_code"] == 100 for row in waiting)
    assert all(row["shipment_status"] is None for row in waiting)

    chosen = waiting[:4]
    for row in chosen:
        packed_line = station.run("pack", row["number"])
        assert row["number"] in packed_line
        assert row["tracking_number"] in packed_line

    station.run("sync", "--once")
    for row in chosen:
        items = simulator.order(row["order_number"])["orderitem_set"]
        assert items, row
        assert {item["status"] for item in items} == {"450"}, row

    shipped, attempted, delivered, informed = chosen
    simulator.set_status(shipped["order_number"], "500")
    simulator.set_status(attempted["order_number"], "540")
    simulator.set_status(delivered["order_number"], "550")
    simulator.set_status(informed["order_number"], "510")
    station.run("sync", "--once")

    rows = by_number(station.packages())
    assert rows[shipped["number"]]["status"] == "shipped"
    assert rows[shipped["number"]]["status_code"] == 700
    assert rows[shipped["number"]]["shipment_status"] == "shipped"
    assert rows[attempted["number"]]["status"] == "attempted_delivery"
    assert rows[attempted["number"]]["status_code"] == 720
    assert rows[attempted["number"]]["shipment_status"] == "attempted_delivery"
    assert rows[delivered["number"]]["status"] == "delivered"
    assert rows[delivered["number"]]["status_code"] == 800
    assert rows[delivered["number"]]["shipment_status"] == "delivered"
    assert rows[informed["number"]]["status"] == "packed"
    assert rows[informed["number"]]["status_code"] == 500
    assert rows[informed["number"]]["shipment_status"] is None


def test_sync_once_fails_on_rejected_login(station: Station) -> None:
    station.environment["OMS_OMNITRON_PASSWORD"] = "wrong-password"
    completed = subprocess.run(
        [sys.executable, "-m", "oms_desktop", "sync", "--once"],
        capture_output=True,
        text=True,
        env=station.environment,
        cwd=PROJECT_DIR,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert completed.returncode == 14, completed.stderr
    last_line = completed.stderr.strip().splitlines()[-1]
    assert last_line.startswith("error: sync failed: ")
    assert "rejected the login" in last_line
    assert "wrong-password" not in completed.stderr


def test_sync_once_fails_when_omnitron_is_down(station: Station) -> None:
    station.environment["OMS_OMNITRON_URL"] = f"http://127.0.0.1:{free_port()}"
    completed = subprocess.run(
        [sys.executable, "-m", "oms_desktop", "sync", "--once"],
        capture_output=True,
        text=True,
        env=station.environment,
        cwd=PROJECT_DIR,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert completed.returncode == 14, completed.stderr
    assert completed.stderr.strip().splitlines()[-1].startswith("error: sync failed: ")


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        # The condition lives in another process's database: there is no event to wait on.
        time.sleep(0.2)


def count_packages(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM package")).scalar_one())
    except OperationalError:  # the schema does not exist yet
        return 0
    finally:
        engine.dispose()


def test_sync_service_stops_cleanly_on_sigterm(
    tmp_path: Path, simulator: Simulator, station: Station
) -> None:
    config_file = tmp_path / "station.json"
    config_file.write_text(json.dumps(configuration(simulator)), encoding="utf-8")
    station.run("settings", "import", str(config_file))
    stderr_file = tmp_path / "sync.stderr"
    with stderr_file.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "oms_desktop", "sync", "--health-interval", "0.5"],
            cwd=PROJECT_DIR,
            env=station.environment,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
        )
        try:
            database_url = station.environment["OMS_DATABASE_URL"]
            wait_until(lambda: count_packages(database_url) > 0, 30, "the first order pull")
            wait_until(
                lambda: "Health: " in stderr_file.read_text(encoding="utf-8"), 10, "a health line"
            )
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()

    output = stderr_file.read_text(encoding="utf-8")
    assert status == 0, output
    assert "Received SIGTERM" in output
    assert "Sync service stopped" in output
    assert PASSWORD not in output
    health = next(line for line in output.splitlines() if "Health: " in line)
    assert "open shipment(s)" in health
    assert "report(s) waiting" in health
    log_file = tmp_path / "state" / "oms-desktop" / "log" / "oms-desktop.log"
    assert "Sync service stopped" in log_file.read_text(encoding="utf-8")
