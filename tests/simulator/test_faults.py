"""Fault rules: every effect, counts, matching, order of rules and validation."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from tests.simulator.conftest import ORDERS_PATH, fetch_all_orders, http_client

FAULTS_PATH = "/_simulator/faults"
CHANNELS_PATH = "/api/i1/channels/"
ITEMS_PREFIX = "/api/v1/order_items/"


def install(client: httpx.Client, rules: list[dict[str, Any]]) -> None:
    response = client.post(FAULTS_PATH, json=rules)
    assert response.status_code == 200, response.text


def first_approved_item(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any]]:
    order = fetch_all_orders(api, status="400")[0]
    return order, order["orderitem_set"][0]


def item_status(client: httpx.Client, order_number: str, item_pk: int) -> str:
    order = client.get(f"/_simulator/orders/{order_number}").json()
    status: str = next(item["status"] for item in order["orderitem_set"] if item["pk"] == item_pk)
    return status


def wait_for_hits(client: httpx.Client, index: int, hits: int, timeout: float = 5.0) -> None:
    """Poll the rule list until rule `index` has been applied `hits` times."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get(FAULTS_PATH).json()[index]["hits"] >= hits:
            return
        time.sleep(0.01)
    raise AssertionError(f"fault rule {index} was not applied {hits} times within {timeout} s")


def test_status_with_retry_after(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"path": ORDERS_PATH, "status": 429, "retry_after": "2", "count": 1}])

    throttled = api.get(ORDERS_PATH)
    normal = api.get(ORDERS_PATH)

    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "2"
    assert throttled.json() == {"detail": "Request was throttled. Expected available in 2 seconds."}
    assert normal.status_code == 200
    assert "retry-after" not in normal.headers


def test_status_with_custom_body(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"status": 503, "body": {"detail": "Bakım çalışması"}}])

    response = api.get(CHANNELS_PATH)

    assert response.status_code == 503
    assert response.json() == {"detail": "Bakım çalışması"}


def test_status_fault_skips_processing(api: httpx.Client, client: httpx.Client) -> None:
    order, item = first_approved_item(api)
    install(client, [{"path": ITEMS_PREFIX, "method": "PATCH", "status": 500}])

    response = api.patch(f"{ITEMS_PREFIX}{item['pk']}/", json={"status": "450"})

    assert response.status_code == 500
    assert item_status(client, order["number"], item["pk"]) == "400"


def test_latency_delays_only_matching_requests(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"path": ORDERS_PATH, "latency_ms": 600, "count": 1}])
    slow_result: dict[str, Any] = {}

    def slow_request() -> None:
        started = time.perf_counter()
        slow_result["response"] = api.get(ORDERS_PATH)
        slow_result["elapsed"] = time.perf_counter() - started

    worker = threading.Thread(target=slow_request)
    worker.start()
    wait_for_hits(client, 0, 1)

    # The delayed request holds no lock, so another API request gets its response meanwhile.
    with http_client(str(api.base_url), headers=api.headers) as other:
        started = time.perf_counter()
        fast = other.get(CHANNELS_PATH)
        fast_elapsed = time.perf_counter() - started
    still_waiting = worker.is_alive()
    worker.join(timeout=10)

    assert fast.status_code == 200
    assert still_waiting
    assert fast_elapsed < 0.5
    assert slow_result["response"].status_code == 200
    assert slow_result["response"].json()["count"] == 60
    assert slow_result["elapsed"] >= 0.6


def test_malformed_body(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"path": ORDERS_PATH, "body": "malformed"}])

    response = api.get(ORDERS_PATH)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_malformed_alias_and_status(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"malformed": True, "status": 400}])

    response = api.get(ORDERS_PATH)

    assert response.status_code == 400
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_body_cuts_real_response(api: httpx.Client, client: httpx.Client) -> None:
    full = api.get(CHANNELS_PATH).content
    install(client, [{"path": CHANNELS_PATH, "body": "truncated", "count": 1}])

    response = api.get(CHANNELS_PATH)

    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.content == full[: len(full) // 2]
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_patch_is_still_applied(api: httpx.Client, client: httpx.Client) -> None:
    order, item = first_approved_item(api)
    install(client, [{"path": ITEMS_PREFIX, "truncated": True}])

    response = api.patch(f"{ITEMS_PREFIX}{item['pk']}/", json={"status": "450"})

    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert item_status(client, order["number"], item["pk"]) == "450"


def test_html_error_page(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"body": "html", "count": 1}, {"html": True, "status": 504}])

    default = api.get(ORDERS_PATH)
    chosen = api.get(ORDERS_PATH)

    assert default.status_code == 502
    assert default.headers["content-type"].startswith("text/html")
    assert default.text.lstrip().startswith("<!DOCTYPE html>")
    assert "502 Bad Gateway" in default.text
    assert chosen.status_code == 504
    assert "504 Gateway Timeout" in chosen.text


def test_drop_closes_connection(api: httpx.Client, client: httpx.Client) -> None:
    order, item = first_approved_item(api)
    install(client, [{"path": ITEMS_PREFIX, "drop": True, "count": 1}])

    with pytest.raises(httpx.RemoteProtocolError):
        api.patch(f"{ITEMS_PREFIX}{item['pk']}/", json={"status": "450"})

    assert item_status(client, order["number"], item["pk"]) == "400"
    retried = api.patch(f"{ITEMS_PREFIX}{item['pk']}/", json={"status": "450"})
    assert retried.status_code == 200
    log = client.get("/_simulator/requests").json()
    patches = [entry for entry in log if entry["method"] == "PATCH"]
    assert [entry["status"] for entry in patches] == [None, 200]


def test_count_exhaustion(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"status": 500, "count": 2}])

    statuses = [api.get(CHANNELS_PATH).status_code for _ in range(3)]

    assert statuses == [500, 500, 200]
    listed = client.get(FAULTS_PATH).json()
    assert listed[0]["remaining"] == 0
    assert listed[0]["hits"] == 2


def test_rule_without_count_stays(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"status": 503}])

    statuses = [api.get(CHANNELS_PATH).status_code for _ in range(4)]

    assert statuses == [503] * 4
    assert client.get(FAULTS_PATH).json()[0]["remaining"] is None


def test_path_and_method_matching(api: httpx.Client, client: httpx.Client) -> None:
    _, item = first_approved_item(api)
    install(client, [{"path": ITEMS_PREFIX, "method": "patch", "status": 502}])

    listed = api.get(ORDERS_PATH)
    item_read = api.get(f"{ITEMS_PREFIX}{item['pk']}/")
    patched = api.patch(f"{ITEMS_PREFIX}{item['pk']}/", json={"status": "450"})

    assert listed.status_code == 200
    assert item_read.status_code == 200
    assert patched.status_code == 502
    assert client.get(FAULTS_PATH).json()[0]["method"] == "PATCH"


def test_first_matching_rule_applies(api: httpx.Client, client: httpx.Client) -> None:
    install(
        client,
        [
            {"path": "/api/i1/", "status": 500, "count": 1},
            {"path": "/api/i1/orders/", "status": 503, "count": 1},
            {"status": 429},
        ],
    )

    statuses = [api.get(ORDERS_PATH).status_code for _ in range(3)]

    assert statuses == [500, 503, 429]


def test_login_subject_to_faults(client: httpx.Client) -> None:
    install(client, [{"path": "/api/i1/auth/login/", "status": 503, "count": 1}])

    response = client.post("/api/i1/auth/login/", json={"username": "station", "password": "x"})

    assert response.status_code == 503


def test_control_api_never_faulted(client: httpx.Client) -> None:
    install(client, [{"drop": True}])

    health = client.get("/_simulator/health")
    order = client.get("/_simulator/orders/nothing")

    assert health.status_code == 200
    assert order.status_code == 404
    assert client.get(FAULTS_PATH).json()[0]["hits"] == 0


def test_post_appends_put_replaces_delete_clears(client: httpx.Client) -> None:
    first = client.post(FAULTS_PATH, json=[{"status": 500}])
    second = client.post(FAULTS_PATH, json=[{"latency_ms": 10}, {"drop": True, "path": "/x"}])
    assert first.json() == {"rules": 1}
    assert second.json() == {"rules": 3}

    listed = client.get(FAULTS_PATH).json()
    assert [rule["effect"] for rule in listed] == ["status", "latency", "drop"]
    assert listed[1] == {
        "index": 1,
        "latency_ms": 10.0,
        "effect": "latency",
        "remaining": None,
        "hits": 0,
    }
    assert listed[2]["path"] == "/x"

    replaced = client.put(FAULTS_PATH, json=[{"body": "html"}])
    assert replaced.json() == {"rules": 1}
    assert [rule["effect"] for rule in client.get(FAULTS_PATH).json()] == ["html"]

    cleared = client.delete(FAULTS_PATH)
    assert cleared.status_code == 200
    assert cleared.json()["rules"] == 0
    assert client.get(FAULTS_PATH).json() == []


def test_cleared_faults_stop_applying(api: httpx.Client, client: httpx.Client) -> None:
    install(client, [{"status": 500}])
    assert api.get(CHANNELS_PATH).status_code == 500

    client.delete(FAULTS_PATH)

    assert api.get(CHANNELS_PATH).status_code == 200


@pytest.mark.parametrize(
    ("rules", "index", "field"),
    [
        ({"status": 500}, None, None),
        ([{"status": 500}, "drop"], 1, None),
        ([{"status": 500}, {"latency_ms": "fast"}], 1, "latency_ms"),
        ([{"latency_ms": -1}], 0, "latency_ms"),
        ([{"status": 99}], 0, "status"),
        ([{"status": "500"}], 0, "status"),
        ([{"status": 204}], 0, "status"),
        ([{"status": 500, "count": 0}], 0, "count"),
        ([{"status": 500, "count": 1.5}], 0, "count"),
        ([{"status": 500, "path": "api/i1/"}], 0, "path"),
        ([{"status": 500, "method": "FETCH"}], 0, "method"),
        ([{"status": 500, "retry_after": "2\r\nX-Evil: 1"}], 0, "retry_after"),
        ([{"latency_ms": 10, "retry_after": "2"}], 0, "retry_after"),
        ([{"drop": False}], 0, "drop"),
        ([{"drop": True, "status": 500}], 0, "status"),
        ([{"latency_ms": 10, "status": 500}], 0, "status"),
        ([{"latency_ms": 10, "body": "malformed"}], 0, "body"),
        ([{"body": {"detail": "x"}}], 0, "body"),
        ([{"body": "truncated", "status": 500}], 0, "status"),
        ([{"html": True, "body": {"detail": "x"}, "status": 500}], 0, "body"),
        ([{"path": "/api/"}], 0, None),
        ([{"status": 500, "colour": "red"}], 0, "colour"),
    ],
)
def test_invalid_rule_list_rejected(
    client: httpx.Client, rules: Any, index: int | None, field: str | None
) -> None:
    client.post(FAULTS_PATH, json=[{"status": 500}])

    response = client.post(FAULTS_PATH, json=rules)

    assert response.status_code == 400
    body = response.json()
    assert body["index"] == index
    assert body["field"] == field
    where = "the rule list" if index is None else f"rule {index}"
    assert where in body["detail"]
    if field is not None:
        assert field in body["detail"]
    # A rejected list installs none of its rules.
    assert len(client.get(FAULTS_PATH).json()) == 1


def test_invalid_json_rule_list_rejected(client: httpx.Client) -> None:
    response = client.post(FAULTS_PATH, content=b"[{", headers={"Content-Type": "application/json"})

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
