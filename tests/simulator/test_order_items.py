"""PATCH /api/v1/order_items/{pk}/: status updates and the checks Omnitron applies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from tests.simulator.conftest import ORDERS_PATH, fetch_all_orders

ITEM_PATH = "/api/v1/order_items/{pk}/"


def find_order(api: httpx.Client, status: str, min_items: int = 1) -> dict[str, Any]:
    for order in fetch_all_orders(api, status=status):
        if len(order["orderitem_set"]) >= min_items:
            return order
    raise AssertionError(f"no order with status {status} and {min_items}+ items")


def order_with_status(api: httpx.Client, client: httpx.Client, status: str) -> dict[str, Any]:
    """Move the last approved order (and its items) to `status` through the control API."""
    order = fetch_all_orders(api, status="400")[-1]
    response = client.post(
        f"/_simulator/orders/{order['number']}/status", json={"status": status, "items": True}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def reload(api: httpx.Client, order: dict[str, Any]) -> dict[str, Any]:
    response = api.get(f"{ORDERS_PATH}{order['pk']}/")
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def test_patch_sets_item_status(api: httpx.Client) -> None:
    order = find_order(api, "400")
    item = order["orderitem_set"][0]

    response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"})

    assert response.status_code == 200
    body = response.json()
    assert body == {**item, "status": "450"}
    assert set(body) == {"pk", "order", "status", "price", "product"}
    reloaded = reload(api, order)
    assert reloaded["orderitem_set"][0]["status"] == "450"
    assert api.get(ITEM_PATH.format(pk=item["pk"])).json() == body


def test_patch_same_status_is_idempotent(api: httpx.Client) -> None:
    order = find_order(api, "400")
    item = order["orderitem_set"][0]

    first = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"})
    after_first = reload(api, order)
    second = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"})
    after_second = reload(api, order)

    assert first.status_code == 200
    assert second.status_code == 200
    assert second.json() == first.json()
    # Nothing changed the second time, so a modified_date cursor reports nothing new.
    assert after_second["modified_date"] == after_first["modified_date"]


def test_patch_accepts_integer_status(api: httpx.Client) -> None:
    item = find_order(api, "400")["orderitem_set"][0]

    response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": 450})

    assert response.status_code == 200
    assert response.json()["status"] == "450"


def test_patch_unknown_item_not_found(api: httpx.Client) -> None:
    response = api.patch(ITEM_PATH.format(pk=1), json={"status": "abc"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_patch_invalid_status_rejected(api: httpx.Client) -> None:
    order = find_order(api, "400")
    item = order["orderitem_set"][0]

    response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "abc"})

    assert response.status_code == 400
    assert response.json() == {"status": ['"abc" is not a valid choice.'], "code": "invalid"}
    assert reload(api, order) == order


def test_patch_null_status_rejected(api: httpx.Client) -> None:
    item = find_order(api, "400")["orderitem_set"][0]

    response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": None})

    assert response.status_code == 400
    assert list(response.json()["status"]) == ["This field may not be null."]


def test_patch_list_body_rejected(api: httpx.Client) -> None:
    item = find_order(api, "400")["orderitem_set"][0]

    response = api.patch(ITEM_PATH.format(pk=item["pk"]), json=[{"status": "450"}])

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_patch_invalid_json_rejected(api: httpx.Client) -> None:
    item = find_order(api, "400")["orderitem_set"][0]

    response = api.patch(
        ITEM_PATH.format(pk=item["pk"]),
        content=b'{"status": ',
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_patch_accepts_every_valid_code(api: httpx.Client, client: httpx.Client) -> None:
    item = order_with_status(api, client, "500")["orderitem_set"][0]
    codes = ["50", "100", "200", "300", "350", "400", "450", "500", "510", "520", "540"]
    codes += ["544", "545", "550", "600"]

    for code in reversed(codes):
        response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": code})
        assert response.status_code == 200, (code, response.text)


def test_patch_item_of_cancelled_order_rejected(api: httpx.Client, client: httpx.Client) -> None:
    for status in ("100", "50"):
        order = order_with_status(api, client, status)
        item = order["orderitem_set"][0]

        response = api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"})

        assert response.status_code == 400, status
        assert response.json() == {
            "non_field_errors": ["Order is cancelled."],
            "code": "order_cancelled",
        }
        assert reload(api, order) == order


def test_order_becomes_preparing_when_all_items_are(api: httpx.Client) -> None:
    order = find_order(api, "400", min_items=2)
    items = order["orderitem_set"]

    for item in items[:-1]:
        assert api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"}).status_code == 200
    partly = reload(api, order)
    assert partly["status"] == "400"

    assert (
        api.patch(ITEM_PATH.format(pk=items[-1]["pk"]), json={"status": "450"}).status_code == 200
    )
    complete = reload(api, order)

    assert complete["status"] == "450"
    assert {item["status"] for item in complete["orderitem_set"]} == {"450"}
    assert datetime.fromisoformat(complete["modified_date"]) > datetime.fromisoformat(
        partly["modified_date"]
    )


def test_shipped_order_keeps_status(api: httpx.Client, client: httpx.Client) -> None:
    order = order_with_status(api, client, "500")

    for item in order["orderitem_set"]:
        assert api.patch(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"}).status_code == 200

    assert reload(api, order)["status"] == "500"


def test_order_item_put_not_allowed(api: httpx.Client) -> None:
    item = find_order(api, "400")["orderitem_set"][0]

    response = api.put(ITEM_PATH.format(pk=item["pk"]), json={"status": "450"})

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}
