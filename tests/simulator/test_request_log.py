"""The log of served API requests under /_simulator/requests."""

from __future__ import annotations

import httpx

from oms_desktop.simulator import SimulatorServer
from tests.simulator.conftest import LOGIN_PATH, ORDERS_PATH

REQUESTS_PATH = "/_simulator/requests"


def test_log_lists_requests_oldest_first(api: httpx.Client, client: httpx.Client) -> None:
    client.delete(REQUESTS_PATH)

    api.get(ORDERS_PATH, params={"status": "400", "limit": 5})
    api.get("/api/i1/channels/")
    api.patch("/api/v1/order_items/1/", json={"status": "450"})
    client.get(ORDERS_PATH)

    log = client.get(REQUESTS_PATH).json()
    assert log == [
        {"method": "GET", "path": ORDERS_PATH, "query": "status=400&limit=5", "status": 200},
        {"method": "GET", "path": "/api/i1/channels/", "query": "", "status": 200},
        {"method": "PATCH", "path": "/api/v1/order_items/1/", "query": "", "status": 404},
        {"method": "GET", "path": ORDERS_PATH, "query": "", "status": 401},
    ]


def test_log_includes_login(client: httpx.Client) -> None:
    client.post(LOGIN_PATH, json={"username": "station", "password": "wrong"})

    log = client.get(REQUESTS_PATH).json()

    assert log == [{"method": "POST", "path": LOGIN_PATH, "query": "", "status": 400}]


def test_log_skips_control_requests(client: httpx.Client) -> None:
    client.get("/_simulator/health")
    client.post("/_simulator/orders", json={"count": 1})
    client.get("/_simulator/faults")

    assert client.get(REQUESTS_PATH).json() == []


def test_log_records_fault_statuses(api: httpx.Client, client: httpx.Client) -> None:
    client.delete(REQUESTS_PATH)
    client.post("/_simulator/faults", json=[{"status": 429, "retry_after": "1", "count": 1}])

    api.get(ORDERS_PATH)
    api.get(ORDERS_PATH)

    statuses = [entry["status"] for entry in client.get(REQUESTS_PATH).json()]
    assert statuses == [429, 200]


def test_log_delete_clears(api: httpx.Client, client: httpx.Client) -> None:
    api.get(ORDERS_PATH)
    api.get(ORDERS_PATH)

    cleared = client.delete(REQUESTS_PATH)

    assert cleared.status_code == 200
    assert cleared.json() == {"cleared": 3}  # the login and two list requests
    assert client.get(REQUESTS_PATH).json() == []
    api.get(ORDERS_PATH)
    assert len(client.get(REQUESTS_PATH).json()) == 1


def test_log_keeps_last_hundred_thousand(server: SimulatorServer, client: httpx.Client) -> None:
    # Filling the log over HTTP would take minutes, so the entries go straight into the state.
    for number in range(100_005):
        server.state.record_request("GET", ORDERS_PATH, f"page={number}", 200)

    log = client.get(REQUESTS_PATH).json()

    assert len(log) == 100_000
    assert log[0]["query"] == "page=5"
    assert log[-1]["query"] == "page=100004"
