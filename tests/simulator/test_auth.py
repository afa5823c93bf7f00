"""Login, token authentication and token expiry."""

from __future__ import annotations

import logging

import httpx
import pytest

from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from tests.simulator.conftest import LOGIN_PATH, ORDERS_PATH, http_client, log_in

NOT_PROVIDED = {"detail": "Authentication credentials were not provided."}
INVALID_TOKEN = {"detail": "Invalid token."}


def test_login_returns_key(client: httpx.Client) -> None:
    response = client.post(
        LOGIN_PATH, json={"username": DEFAULT_USER, "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"key"}
    assert len(body["key"]) >= 20


def test_login_twice_returns_same_key(client: httpx.Client) -> None:
    assert log_in(client) == log_in(client)


def test_login_keys_differ_between_servers() -> None:
    with SimulatorServer(seed=1) as first, SimulatorServer(seed=1) as second:
        with http_client(first.url) as first_client:
            first_key = log_in(first_client)
        with http_client(second.url) as second_client:
            second_key = log_in(second_client)
    assert first_key != second_key


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": DEFAULT_USER, "password": "wrong"},
        {"username": "someone", "password": DEFAULT_PASSWORD},
        {"username": DEFAULT_USER.upper(), "password": DEFAULT_PASSWORD},
    ],
)
def test_login_wrong_credentials_rejected(
    client: httpx.Client, credentials: dict[str, str]
) -> None:
    response = client.post(LOGIN_PATH, json=credentials)

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_login_missing_fields_rejected(client: httpx.Client) -> None:
    response = client.post(LOGIN_PATH, json={"username": DEFAULT_USER})

    assert response.status_code == 400
    assert response.json() == {"password": ["This field is required."]}


def test_login_non_json_body_rejected(client: httpx.Client) -> None:
    response = client.post(
        LOGIN_PATH, content=b"username=station", headers={"Content-Type": "text/plain"}
    )

    assert response.status_code == 415


def test_login_only_accepts_post(client: httpx.Client) -> None:
    response = client.get(LOGIN_PATH)

    assert response.status_code == 405
    assert "POST" in response.headers["allow"]


def test_login_custom_credentials() -> None:
    with (
        SimulatorServer(seed=1, user="depo", password="gizli-şifre") as server,
        http_client(server.url) as client,
    ):
        wrong = client.post(
            LOGIN_PATH, json={"username": DEFAULT_USER, "password": DEFAULT_PASSWORD}
        )
        right = client.post(LOGIN_PATH, json={"username": "depo", "password": "gizli-şifre"})
    assert wrong.status_code == 400
    assert right.status_code == 200


def test_login_never_logs_password(client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="oms_desktop.simulator")

    client.post(LOGIN_PATH, json={"username": DEFAULT_USER, "password": DEFAULT_PASSWORD})
    client.post(LOGIN_PATH, json={"username": DEFAULT_USER, "password": "a-wrong-password"})

    assert "Login succeeded" in caplog.text
    assert "Login failed" in caplog.text
    assert DEFAULT_PASSWORD not in caplog.text
    assert "a-wrong-password" not in caplog.text


def test_request_without_token_unauthorized(client: httpx.Client) -> None:
    for path in (ORDERS_PATH, "/api/i1/channels/", "/api/i1/cargo_companies/"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.json() == NOT_PROVIDED
        assert response.headers["www-authenticate"] == "Token"

    patch = client.patch("/api/v1/order_items/70001/", json={"status": "450"})
    assert patch.status_code == 401


def test_request_with_unknown_token_unauthorized(client: httpx.Client) -> None:
    response = client.get(ORDERS_PATH, headers={"Authorization": "Token not-a-key"})

    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN


def test_request_with_other_scheme_unauthorized(client: httpx.Client) -> None:
    key = log_in(client)
    response = client.get(ORDERS_PATH, headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 401
    assert response.json() == NOT_PROVIDED


def test_token_scheme_is_case_insensitive(client: httpx.Client) -> None:
    key = log_in(client)
    response = client.get(ORDERS_PATH, headers={"Authorization": f"token {key}"})

    assert response.status_code == 200


def test_expired_token_needs_new_login(client: httpx.Client) -> None:
    old_key = log_in(client)
    headers = {"Authorization": f"Token {old_key}"}
    assert client.get(ORDERS_PATH, headers=headers).status_code == 200

    expired = client.post("/_simulator/tokens/expire")
    assert expired.status_code == 200
    assert expired.json() == {"expired": 1}

    rejected = client.get(ORDERS_PATH, headers=headers)
    assert rejected.status_code == 401
    assert rejected.json() == INVALID_TOKEN

    new_key = log_in(client)
    assert new_key != old_key
    assert client.get(ORDERS_PATH, headers={"Authorization": f"Token {new_key}"}).status_code == 200


def test_unknown_api_path_not_found(api: httpx.Client) -> None:
    response = api.get("/api/i1/nothing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_orders_path_needs_trailing_slash(api: httpx.Client) -> None:
    assert api.get("/api/i1/orders").status_code == 404
