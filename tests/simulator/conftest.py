"""Fixtures: a fresh simulator on 127.0.0.1 per test, and httpx clients talking to it."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer

LOGIN_PATH = "/api/i1/auth/login/"
ORDERS_PATH = "/api/i1/orders/"

# The simulator speaks plain HTTP, so no certificate is ever checked. One shared context spares
# each client the CA bundle loading that httpx does by default (about 90 ms a client).
_SSL_CONTEXT = ssl.create_default_context()


def http_client(base_url: str = "", **kwargs: Any) -> httpx.Client:
    kwargs.setdefault("timeout", 10.0)
    return httpx.Client(base_url=base_url, verify=_SSL_CONTEXT, **kwargs)


def http_get(url: str, **kwargs: Any) -> httpx.Response:
    with http_client() as client:
        return client.get(url, **kwargs)


def http_post(url: str, **kwargs: Any) -> httpx.Response:
    with http_client() as client:
        return client.post(url, **kwargs)


@pytest.fixture
def server() -> Iterator[SimulatorServer]:
    with SimulatorServer(seed=1) as running:
        yield running


@pytest.fixture
def client(server: SimulatorServer) -> Iterator[httpx.Client]:
    """A client without credentials, for the control API and for login."""
    with http_client(server.url) as anonymous:
        yield anonymous


def log_in(client: httpx.Client) -> str:
    response = client.post(
        LOGIN_PATH, json={"username": DEFAULT_USER, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200, response.text
    key = response.json()["key"]
    assert isinstance(key, str)
    return key


@pytest.fixture
def api(server: SimulatorServer, client: httpx.Client) -> Iterator[httpx.Client]:
    """A client that sends a valid token with every request."""
    key = log_in(client)
    headers = {"Authorization": f"Token {key}"}
    with http_client(server.url, headers=headers) as authorized:
        yield authorized


def fetch_all_orders(api: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    """Follow `next` links through every page of the order list."""
    orders: list[dict[str, Any]] = []
    response = api.get(ORDERS_PATH, params={"limit": 1000, **params})
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        orders.extend(page["results"])
        if page["next"] is None:
            return orders
        response = api.get(page["next"])
