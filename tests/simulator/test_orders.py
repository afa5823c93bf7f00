"""The order list: pagination, filters, ordering and the modified_date cursor."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from oms_desktop.simulator import SimulatorServer
from tests.simulator.conftest import ORDERS_PATH, fetch_all_orders, http_client


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def latest_modified_date(orders: list[dict[str, Any]]) -> str:
    return max(orders, key=lambda order: datetime.fromisoformat(order["modified_date"]))[
        "modified_date"
    ]


# Pagination


def test_first_page_uses_default_limit(api: httpx.Client, server: SimulatorServer) -> None:
    response = api.get(ORDERS_PATH)

    assert response.status_code == 200
    page = response.json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] == 60
    assert len(page["results"]) == 10
    assert page["previous"] is None
    assert page["next"].startswith(f"{server.url}{ORDERS_PATH}?")
    assert query_of(page["next"]) == {"page": ["2"]}


def test_last_page_links_back(api: httpx.Client, server: SimulatorServer) -> None:
    page = api.get(ORDERS_PATH, params={"limit": 25, "page": 3}).json()

    assert page["count"] == 60
    assert len(page["results"]) == 10
    assert page["next"] is None
    assert page["previous"].startswith(server.url)
    assert query_of(page["previous"]) == {"limit": ["25"], "page": ["2"]}

    second = api.get(page["previous"]).json()
    assert query_of(second["previous"]) == {"limit": ["25"]}


def test_page_last_keyword(api: httpx.Client) -> None:
    page = api.get(ORDERS_PATH, params={"limit": 25, "page": "last"}).json()

    assert len(page["results"]) == 10
    assert page["next"] is None


def test_page_out_of_range_not_found(api: httpx.Client) -> None:
    for page in ("7", "0", "-1", "abc"):
        response = api.get(ORDERS_PATH, params={"page": page})
        assert response.status_code == 404, page
        assert response.json() == {"detail": "Invalid page."}


def test_empty_result_has_first_page(api: httpx.Client) -> None:
    page = api.get(ORDERS_PATH, params={"number": "no-such-order"}).json()

    assert page == {"count": 0, "next": None, "previous": None, "results": []}
    assert api.get(ORDERS_PATH, params={"number": "no-such-order", "page": 2}).status_code == 404


def test_next_links_keep_filters(api: httpx.Client) -> None:
    first = api.get(ORDERS_PATH, params={"status": "400", "limit": 5}).json()

    assert query_of(first["next"]) == {"status": ["400"], "limit": ["5"], "page": ["2"]}
    second = api.get(first["next"]).json()
    assert second["count"] == first["count"]
    assert len(second["results"]) == 5
    assert all(order["status"] == "400" for order in second["results"])
    assert not {o["pk"] for o in first["results"]} & {o["pk"] for o in second["results"]}


def test_walking_pages_visits_each_order_once(api: httpx.Client) -> None:
    pks: list[int] = []
    url: str | None = f"{ORDERS_PATH}?limit=7"
    while url is not None:
        page = api.get(url).json()
        pks.extend(order["pk"] for order in page["results"])
        url = page["next"]

    assert len(pks) == 60
    assert pks == sorted(set(pks))


def test_limit_capped_at_one_thousand(api: httpx.Client, client: httpx.Client) -> None:
    client.post("/_simulator/orders", json={"count": 1000})

    page = api.get(ORDERS_PATH, params={"limit": 5000}).json()

    assert page["count"] == 1060
    assert len(page["results"]) == 1000
    assert query_of(page["next"])["page"] == ["2"]


def test_invalid_limit_uses_default(api: httpx.Client) -> None:
    for limit in ("0", "-3", "many", "²"):
        page = api.get(ORDERS_PATH, params={"limit": limit}).json()
        assert len(page["results"]) == 10, limit


# Filters


def test_filter_by_status(api: httpx.Client) -> None:
    everything = fetch_all_orders(api)
    approved = fetch_all_orders(api, status="400")

    assert approved
    assert all(order["status"] == "400" for order in approved)
    assert len(approved) == sum(1 for order in everything if order["status"] == "400")


def test_filter_by_status_list(api: httpx.Client) -> None:
    everything = fetch_all_orders(api)
    cancelled = fetch_all_orders(api, status__in="100,50")

    expected = [order["pk"] for order in everything if order["status"] in {"100", "50"}]
    assert expected
    assert [order["pk"] for order in cancelled] == expected


def test_invalid_status_filter_rejected(api: httpx.Client) -> None:
    single = api.get(ORDERS_PATH, params={"status": "abc"})
    comma = api.get(ORDERS_PATH, params={"status": "400,450"})
    listed = api.get(ORDERS_PATH, params={"status__in": "400,999"})

    assert single.status_code == 400
    assert list(single.json()) == ["status"]
    assert comma.status_code == 400
    assert listed.status_code == 400
    assert list(listed.json()) == ["status__in"]


def test_empty_filter_value_ignored(api: httpx.Client) -> None:
    page = api.get(ORDERS_PATH, params={"status": "", "number": "", "id__in": ""}).json()

    assert page["count"] == 60


def test_filter_by_number(api: httpx.Client) -> None:
    target = fetch_all_orders(api)[17]

    page = api.get(ORDERS_PATH, params={"number": target["number"]}).json()

    assert page["count"] == 1
    assert page["results"] == [target]


def test_filter_by_id_list(api: httpx.Client) -> None:
    page = api.get(ORDERS_PATH, params={"id__in": "1010,1003,1057,999999"}).json()

    assert [order["pk"] for order in page["results"]] == [1003, 1010, 1057]


def test_invalid_id_list_rejected(api: httpx.Client) -> None:
    response = api.get(ORDERS_PATH, params={"id__in": "1003,abc"})

    assert response.status_code == 400
    assert response.json() == {"id__in": ["Enter a whole number."]}


def test_filter_by_channel(api: httpx.Client) -> None:
    everything = fetch_all_orders(api)
    trendyol = fetch_all_orders(api, channel_id=42)
    trendyol_approved = fetch_all_orders(api, channel_id=42, status="400")

    assert trendyol
    assert len(trendyol) == sum(1 for order in everything if order["channel"] == 42)
    assert all(order["channel"] == 42 for order in trendyol)
    assert all(o["channel"] == 42 and o["status"] == "400" for o in trendyol_approved)
    expected = [o["pk"] for o in everything if o["channel"] == 42 and o["status"] == "400"]
    assert [order["pk"] for order in trendyol_approved] == expected
    assert api.get(ORDERS_PATH, params={"channel_id": "x"}).status_code == 400


def test_order_detail_matches_list(api: httpx.Client) -> None:
    listed = fetch_all_orders(api)[3]

    response = api.get(f"{ORDERS_PATH}{listed['pk']}/")

    assert response.status_code == 200
    assert response.json() == listed
    assert api.get(f"{ORDERS_PATH}999999/").status_code == 404


# Ordering


def test_default_ordering_by_pk(api: httpx.Client) -> None:
    pks = [order["pk"] for order in fetch_all_orders(api)]

    assert pks == sorted(pks)


def test_ordering_descending_pk(api: httpx.Client) -> None:
    pks = [order["pk"] for order in fetch_all_orders(api, ordering="-pk")]

    assert pks == sorted(pks, reverse=True)


def test_ordering_by_modified_date(api: httpx.Client, client: httpx.Client) -> None:
    first = fetch_all_orders(api)[0]
    client.post(f"/_simulator/orders/{first['number']}/status", json={"status": "500"})

    ordered = fetch_all_orders(api, ordering="modified_date")
    descending = fetch_all_orders(api, ordering="-modified_date")

    assert ordered[-1]["pk"] == first["pk"]
    assert descending[0]["pk"] == first["pk"]
    moments = [datetime.fromisoformat(order["modified_date"]) for order in ordered]
    assert moments == sorted(moments)


def test_unknown_ordering_field_ignored(api: httpx.Client) -> None:
    pks = [order["pk"] for order in fetch_all_orders(api, ordering="shoe_size")]

    assert pks == sorted(pks)


# The modified_date cursor


def test_cursor_at_latest_change_returns_nothing(api: httpx.Client) -> None:
    cursor = latest_modified_date(fetch_all_orders(api))

    page = api.get(ORDERS_PATH, params={"modified_date__gt": cursor}).json()

    assert page["count"] == 0


def test_cursor_returns_strictly_later_orders(api: httpx.Client) -> None:
    ordered = fetch_all_orders(api, ordering="modified_date")
    cursor = ordered[49]["modified_date"]

    later = fetch_all_orders(api, modified_date__gt=cursor, ordering="modified_date")

    assert [order["pk"] for order in later] == [order["pk"] for order in ordered[50:]]


def test_cursor_accepts_other_offsets(api: httpx.Client) -> None:
    ordered = fetch_all_orders(api, ordering="modified_date")
    cursor = datetime.fromisoformat(ordered[49]["modified_date"]).astimezone(UTC)

    later_utc = fetch_all_orders(api, modified_date__gt=cursor.isoformat())
    later_z = fetch_all_orders(api, modified_date__gt=cursor.isoformat().replace("+00:00", "Z"))

    assert len(later_utc) == 10
    assert [order["pk"] for order in later_z] == [order["pk"] for order in later_utc]


def test_cursor_sees_each_change_once(api: httpx.Client, client: httpx.Client) -> None:
    orders = fetch_all_orders(api)
    cursor = latest_modified_date(orders)
    changed_numbers = [orders[5]["number"], orders[30]["number"], orders[5]["number"]]
    for number in changed_numbers:
        response = client.post(f"/_simulator/orders/{number}/status", json={"status": "500"})
        assert response.status_code == 200

    changed = fetch_all_orders(api, modified_date__gt=cursor, ordering="modified_date")

    # Order 5 changed twice, so it comes once, after order 30, with its last state.
    assert [order["number"] for order in changed] == [orders[30]["number"], orders[5]["number"]]
    next_cursor = latest_modified_date(changed)
    assert fetch_all_orders(api, modified_date__gt=next_cursor) == []


def test_cursor_sees_order_item_update(api: httpx.Client) -> None:
    orders = fetch_all_orders(api, status="400")
    cursor = latest_modified_date(fetch_all_orders(api))
    item = orders[0]["orderitem_set"][0]

    response = api.patch(f"/api/v1/order_items/{item['pk']}/", json={"status": "450"})
    assert response.status_code == 200

    changed = fetch_all_orders(api, modified_date__gt=cursor)
    assert [order["pk"] for order in changed] == [orders[0]["pk"]]
    changed_item = next(i for i in changed[0]["orderitem_set"] if i["pk"] == item["pk"])
    assert changed_item["status"] == "450"


def test_invalid_cursor_rejected(api: httpx.Client) -> None:
    response = api.get(ORDERS_PATH, params={"modified_date__gt": "yesterday"})

    assert response.status_code == 400
    assert response.json() == {"modified_date__gt": ["Enter a valid date/time."]}


def test_cursor_with_unencoded_plus_rejected(api: httpx.Client) -> None:
    cursor = latest_modified_date(fetch_all_orders(api))
    assert "+" in cursor

    # A '+' left raw in a query string decodes as a space, so the offset is lost.
    response = api.get(f"{ORDERS_PATH}?modified_date__gt={cursor}")

    assert response.status_code == 400


def test_concurrent_changes_get_distinct_dates(api: httpx.Client, server: SimulatorServer) -> None:
    approved = fetch_all_orders(api, status="400")[:40]
    cursor = latest_modified_date(fetch_all_orders(api))
    item_pks = [order["orderitem_set"][0]["pk"] for order in approved]
    statuses: list[int] = []

    def patch_items(pks: list[int]) -> None:
        with http_client(server.url, headers=api.headers) as worker_client:
            for pk in pks:
                response = worker_client.patch(f"/api/v1/order_items/{pk}/", json={"status": "450"})
                statuses.append(response.status_code)

    workers = [threading.Thread(target=patch_items, args=(item_pks[i::4],)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)

    assert statuses == [200] * 40
    changed = fetch_all_orders(api, modified_date__gt=cursor, ordering="modified_date")
    assert sorted(order["pk"] for order in changed) == sorted(order["pk"] for order in approved)
    assert len({order["modified_date"] for order in changed}) == 40
