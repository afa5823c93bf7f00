"""The control API under /_simulator/: orders, statuses, tracking numbers and generation."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import httpx
import pytest

from oms_desktop.simulator import SimulatorServer
from tests.simulator.conftest import ORDERS_PATH, fetch_all_orders, http_client, log_in


def order_by_number(api: httpx.Client, number: str) -> dict[str, Any]:
    page = api.get(ORDERS_PATH, params={"number": number}).json()
    assert page["count"] == 1
    result: dict[str, Any] = page["results"][0]
    return result


def later(after: dict[str, Any], before: dict[str, Any]) -> bool:
    return datetime.fromisoformat(after["modified_date"]) > datetime.fromisoformat(
        before["modified_date"]
    )


def test_health_counts_orders(client: httpx.Client) -> None:
    response = client.get("/_simulator/health")

    assert response.status_code == 200
    assert response.json() == {"ok": True, "orders": 60}


def test_control_paths_allow_trailing_slash(client: httpx.Client) -> None:
    assert client.get("/_simulator/health/").json() == {"ok": True, "orders": 60}


def test_unknown_control_path_not_found(client: httpx.Client) -> None:
    assert client.get("/_simulator/nothing").status_code == 404
    assert client.delete("/_simulator/health").status_code == 405


def test_get_order_by_number(api: httpx.Client, client: httpx.Client) -> None:
    for listed in fetch_all_orders(api)[:12]:
        response = client.get(f"/_simulator/orders/{listed['number']}")
        assert response.status_code == 200
        assert response.json() == listed


def test_get_unknown_order_not_found(client: httpx.Client) -> None:
    response = client.get("/_simulator/orders/0000000000")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_set_order_status(api: httpx.Client, client: httpx.Client) -> None:
    before = fetch_all_orders(api, status="400")[0]

    response = client.post(f"/_simulator/orders/{before['number']}/status", json={"status": "500"})

    assert response.status_code == 200
    after = order_by_number(api, before["number"])
    assert response.json() == after
    assert after["status"] == "500"
    assert {item["status"] for item in after["orderitem_set"]} == {"400"}
    assert later(after, before)


def test_set_order_status_with_items(api: httpx.Client, client: httpx.Client) -> None:
    before = fetch_all_orders(api, status="400")[0]

    response = client.post(
        f"/_simulator/orders/{before['number']}/status", json={"status": "550", "items": True}
    )

    assert response.status_code == 200
    after = order_by_number(api, before["number"])
    assert after["status"] == "550"
    assert {item["status"] for item in after["orderitem_set"]} == {"550"}


def test_set_same_status_still_moves_modified_date(api: httpx.Client, client: httpx.Client) -> None:
    before = fetch_all_orders(api, status="400")[0]

    client.post(f"/_simulator/orders/{before['number']}/status", json={"status": "400"})

    assert later(order_by_number(api, before["number"]), before)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "abc"}, "status"),
        ({"status": "999"}, "status"),
        ({}, "status"),
        ({"status": "500", "items": "yes"}, "items"),
    ],
)
def test_set_order_status_validated(
    api: httpx.Client, client: httpx.Client, body: dict[str, Any], field: str
) -> None:
    before = fetch_all_orders(api)[0]

    response = client.post(f"/_simulator/orders/{before['number']}/status", json=body)

    assert response.status_code == 400
    assert field in response.json()
    assert order_by_number(api, before["number"]) == before


def test_set_status_of_unknown_order_not_found(client: httpx.Client) -> None:
    response = client.post("/_simulator/orders/0000000000/status", json={"status": "500"})

    assert response.status_code == 404


def test_control_reads_json_without_content_type(api: httpx.Client, client: httpx.Client) -> None:
    number = fetch_all_orders(api)[0]["number"]

    response = client.post(
        f"/_simulator/orders/{number}/status",
        content=b'{"status": "500"}',
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "500"


def test_replace_tracking_number(api: httpx.Client, client: httpx.Client) -> None:
    before = fetch_all_orders(api)[2]

    response = client.post(
        f"/_simulator/orders/{before['number']}/tracking", json={"tracking_number": "7330999888777"}
    )

    assert response.status_code == 200
    after = order_by_number(api, before["number"])
    assert response.json() == after
    assert after["tracking_number"] == "7330999888777"
    assert later(after, before)


def test_tracking_number_can_be_removed(api: httpx.Client, client: httpx.Client) -> None:
    number = fetch_all_orders(api)[2]["number"]

    client.post(f"/_simulator/orders/{number}/tracking", json={"tracking_number": ""})

    assert order_by_number(api, number)["tracking_number"] == ""


def test_tracking_number_must_be_string(api: httpx.Client, client: httpx.Client) -> None:
    number = fetch_all_orders(api)[2]["number"]

    response = client.post(f"/_simulator/orders/{number}/tracking", json={"tracking_number": 7330})

    assert response.status_code == 400
    assert "tracking_number" in response.json()


def test_add_orders(api: httpx.Client, client: httpx.Client) -> None:
    response = client.post("/_simulator/orders", json={"count": 3})

    assert response.status_code == 200
    body = response.json()
    assert body["pks"] == [1061, 1062, 1063]
    assert len(body["numbers"]) == 3
    listed = fetch_all_orders(api, id__in=",".join(str(pk) for pk in body["pks"]))
    assert [order["number"] for order in listed] == body["numbers"]
    assert client.get("/_simulator/health").json()["orders"] == 63


def test_add_orders_with_status_and_channel(api: httpx.Client, client: httpx.Client) -> None:
    response = client.post("/_simulator/orders", json={"count": 20, "status": "400", "channel": 43})

    assert response.status_code == 200
    pks = response.json()["pks"]
    added = fetch_all_orders(api, id__in=",".join(str(pk) for pk in pks))
    assert len(added) == 20
    assert {order["status"] for order in added} == {"400"}
    assert {order["channel"] for order in added} == {43}


def test_added_orders_appear_after_cursor(api: httpx.Client, client: httpx.Client) -> None:
    cursor = fetch_all_orders(api, ordering="-modified_date")[0]["modified_date"]

    pks = client.post("/_simulator/orders", json={"count": 4}).json()["pks"]

    later_orders = fetch_all_orders(api, modified_date__gt=cursor)
    assert [order["pk"] for order in later_orders] == pks


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "count"),
        ({"count": 0}, "count"),
        ({"count": "5"}, "count"),
        ({"count": True}, "count"),
        ({"count": 100_001}, "count"),
        ({"count": 2, "status": "abc"}, "status"),
        ({"count": 2, "channel": 1}, "channel"),
        ({"count": 2, "channel": "42"}, "channel"),
    ],
)
def test_add_orders_validated(client: httpx.Client, body: dict[str, Any], field: str) -> None:
    response = client.post("/_simulator/orders", json=body)

    assert response.status_code == 400
    assert field in response.json()
    assert client.get("/_simulator/health").json()["orders"] == 60


def test_added_orders_continue_seeded_stream() -> None:
    with (
        SimulatorServer(seed=3, order_count=60) as grown,
        SimulatorServer(seed=3, order_count=70) as born,
    ):
        with http_client(grown.url) as grown_client:
            grown_client.post("/_simulator/orders", json={"count": 10})
            grown_client.headers["Authorization"] = f"Token {log_in(grown_client)}"
            grown_orders = fetch_all_orders(grown_client)
        with http_client(born.url) as born_client:
            born_client.headers["Authorization"] = f"Token {log_in(born_client)}"
            born_orders = fetch_all_orders(born_client)

    def without_times(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in o.items() if k not in ("date_placed", "modified_date")}
            for o in orders
        ]

    assert len(grown_orders) == 70
    assert without_times(grown_orders) == without_times(born_orders)


def test_generating_ten_thousand_orders_is_fast(api: httpx.Client, client: httpx.Client) -> None:
    started = time.perf_counter()
    response = client.post("/_simulator/orders", json={"count": 10_000})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    body = response.json()
    assert len(body["numbers"]) == 10_000
    assert len(set(body["numbers"])) == 10_000
    assert body["pks"] == list(range(1061, 11_061))
    # About 0.4 s on a two-core container; the bound leaves room for slower machines.
    assert elapsed < 5.0
    assert client.get("/_simulator/health").json()["orders"] == 10_060
    page = api.get(ORDERS_PATH, params={"status": "400", "limit": 1000, "page": 2}).json()
    assert len(page["results"]) == 1000
