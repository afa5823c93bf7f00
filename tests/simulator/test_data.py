"""Seeded order data: determinism, check digits, channels, carriers, statuses and shapes."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from oms_desktop.simulator import SimulatorServer
from tests.simulator.conftest import fetch_all_orders, http_client, log_in

TIME_FIELDS = ("date_placed", "modified_date")


def ean13_is_valid(code: str) -> bool:
    """Check an EAN-13 code: the weighted digit sum (1, 3, 1, 3, ...) is a multiple of ten."""
    if not re.fullmatch(r"[0-9]{13}", code):
        return False
    total = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(code))
    return total % 10 == 0


def s10_is_valid(code: str) -> bool:
    """Check a UPU S10 identifier such as RR123456785TR."""
    match = re.fullmatch(r"([A-Z]{2})([0-9]{8})([0-9])([A-Z]{2})", code)
    if match is None:
        return False
    weights = (8, 6, 4, 2, 3, 5, 9, 7)
    total = sum(int(digit) * weight for digit, weight in zip(match[2], weights, strict=True))
    expected = 11 - total % 11
    expected = {10: 0, 11: 5}.get(expected, expected)
    return int(match[3]) == expected


def orders_without_times(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in order.items() if key not in TIME_FIELDS} for order in orders
    ]


def fetch_orders_of(server: SimulatorServer) -> list[dict[str, Any]]:
    with http_client(server.url) as anonymous:
        key = log_in(anonymous)
        anonymous.headers["Authorization"] = f"Token {key}"
        return fetch_all_orders(anonymous)


@pytest.fixture
def many_orders(api: httpx.Client, client: httpx.Client) -> list[dict[str, Any]]:
    """The 60 seeded orders plus 1,440 more, enough for the rarer carriers and statuses."""
    response = client.post("/_simulator/orders", json={"count": 1440})
    assert response.status_code == 200, response.text
    orders = fetch_all_orders(api)
    assert len(orders) == 1500
    return orders


def test_check_helpers_know_good_and_bad_codes() -> None:
    assert ean13_is_valid("4006381333931")
    assert not ean13_is_valid("4006381333932")
    assert s10_is_valid("RR123456785TR")
    assert not s10_is_valid("RR123456784TR")


def test_same_seed_serves_same_orders() -> None:
    with SimulatorServer(seed=7) as first, SimulatorServer(seed=7) as second:
        first_orders = fetch_orders_of(first)
        second_orders = fetch_orders_of(second)

    assert len(first_orders) == 60
    assert orders_without_times(first_orders) == orders_without_times(second_orders)


def test_other_seed_serves_other_orders() -> None:
    with SimulatorServer(seed=7) as first, SimulatorServer(seed=8) as second:
        first_numbers = [order["number"] for order in fetch_orders_of(first)]
        second_numbers = [order["number"] for order in fetch_orders_of(second)]

    assert len(second_numbers) == 60
    assert first_numbers != second_numbers
    assert not set(first_numbers) & set(second_numbers)


def test_order_count_parameter_sets_number_of_orders() -> None:
    with SimulatorServer(seed=1, order_count=7) as server:
        assert len(fetch_orders_of(server)) == 7


def test_barcodes_are_valid_ean13(many_orders: list[dict[str, Any]]) -> None:
    barcodes = [
        item["product"]["barcode"] for order in many_orders for item in order["orderitem_set"]
    ]

    assert barcodes
    invalid = [code for code in barcodes if not ean13_is_valid(code)]
    assert invalid == []
    turkish = [code for code in barcodes if code.startswith("869")]
    assert len(turkish) > 0.7 * len(barcodes)


def test_product_pk_determines_product(many_orders: list[dict[str, Any]]) -> None:
    products: dict[int, dict[str, Any]] = {}
    for order in many_orders:
        for item in order["orderitem_set"]:
            product = item["product"]
            assert products.setdefault(product["pk"], product) == product
    assert len({product["barcode"] for product in products.values()}) == len(products)
    assert len({product["sku"] for product in products.values()}) == len(products)


def test_ptt_tracking_numbers_are_valid_s10(
    many_orders: list[dict[str, Any]], api: httpx.Client
) -> None:
    companies = api.get("/api/i1/cargo_companies/", params={"limit": 100}).json()["results"]
    ptt_pk = next(company["pk"] for company in companies if company["erp_code"] == "ptt")
    ptt_numbers = [
        order["tracking_number"]
        for order in many_orders
        if order["cargo_company"] == ptt_pk and order["tracking_number"]
    ]

    assert len(ptt_numbers) >= 10
    assert [code for code in ptt_numbers if not s10_is_valid(code)] == []
    assert all(code.endswith("TR") for code in ptt_numbers)


def test_tracking_numbers_follow_carrier_styles(
    many_orders: list[dict[str, Any]], api: httpx.Client
) -> None:
    companies = api.get("/api/i1/cargo_companies/", params={"limit": 100}).json()["results"]
    erp_code_by_pk = {company["pk"]: company["erp_code"] for company in companies}
    patterns = {
        "trendyol_express": r"7330[0-9]{10}",
        "hepsijet": r"HJ[0-9]{12}",
        "amazon_logistics": r"TBA[0-9]{12}",
        "ups": r"1Z[0-9A-Z]{16}",
        "mng": r"[0-9]{12}",
        "yurtici": r"[0-9]{12}",
        "aras": r"[0-9]{13}",
        "surat": r"[0-9]{11}",
        "horoz": r"[0-9]{10}",
        "ptt": r"[A-Z]{2}[0-9]{9}TR",
    }
    seen: Counter[str] = Counter()
    for order in many_orders:
        if not order["tracking_number"]:
            continue
        erp_code = erp_code_by_pk[order["cargo_company"]]
        seen[erp_code] += 1
        assert re.fullmatch(patterns[erp_code], order["tracking_number"]), order
    assert set(seen) == set(patterns)


def test_all_six_channels_present(api: httpx.Client) -> None:
    channels = api.get("/api/i1/channels/").json()["results"]
    orders = fetch_all_orders(api)

    names = {channel["name"] for channel in channels}
    assert names == {"Trendyol", "Hepsiburada", "Amazon", "n11", "Çiçeksepeti", "Pazarama"}
    types = {channel["name"]: channel["channel_type"] for channel in channels}
    assert types["Trendyol"] == "trendyol"
    assert types["Hepsiburada"] == "hepsiburada"
    assert types["Çiçeksepeti"] == "sales_channel"
    assert types["Pazarama"] == "sales_channel"
    assert all(channel["pk"] > 6 for channel in channels)
    assert {order["channel"] for order in orders} == {channel["pk"] for channel in channels}


def test_every_seed_covers_all_channels() -> None:
    with SimulatorServer(seed=12345, order_count=6) as server:
        channels = {order["channel"] for order in fetch_orders_of(server)}
    assert len(channels) == 6


def test_order_numbers_follow_marketplace_styles(
    many_orders: list[dict[str, Any]], api: httpx.Client
) -> None:
    channels = api.get("/api/i1/channels/").json()["results"]
    pk_by_name = {channel["name"]: channel["pk"] for channel in channels}
    patterns = {
        "Trendyol": r"[1-9][0-9]{9}",
        "Hepsiburada": r"[1-9][0-9]{8}",
        "Amazon": r"405-[0-9]{7}-[0-9]{7}",
        "n11": r"2[0-9]{11}",
        "Çiçeksepeti": r"[1-9][0-9]{7}",
        "Pazarama": r"3[0-9]{10}",
    }
    for name, pattern in patterns.items():
        numbers = [order["number"] for order in many_orders if order["channel"] == pk_by_name[name]]
        assert numbers, name
        assert [number for number in numbers if not re.fullmatch(pattern, number)] == [], name
    all_numbers = [order["number"] for order in many_orders]
    assert len(set(all_numbers)) == len(all_numbers)


def test_carriers_fit_marketplaces(many_orders: list[dict[str, Any]], api: httpx.Client) -> None:
    companies = api.get("/api/i1/cargo_companies/", params={"limit": 100}).json()["results"]
    name_by_pk = {company["pk"]: company["name"] for company in companies}
    hepsiburada = Counter(name_by_pk[o["cargo_company"]] for o in many_orders if o["channel"] == 43)
    trendyol = Counter(name_by_pk[o["cargo_company"]] for o in many_orders if o["channel"] == 42)

    assert hepsiburada.most_common(1)[0][0] == "HepsiJet"
    assert trendyol.most_common(1)[0][0] == "Trendyol Express"
    assert len(trendyol) >= 4
    assert "HepsiJet" not in trendyol
    assert "Trendyol Express" not in hepsiburada


def test_status_mix_is_mostly_approved(
    api: httpx.Client, many_orders: list[dict[str, Any]]
) -> None:
    seeded = Counter(
        order["status"]
        for order in fetch_all_orders(api, id__in=",".join(str(pk) for pk in range(1001, 1061)))
    )
    overall = Counter(order["status"] for order in many_orders)

    assert seeded["400"] >= 40
    assert set(seeded) - {"400"}
    assert {"400", "450", "500", "300", "100", "50"} <= set(overall)
    assert 0.78 < overall["400"] / len(many_orders) < 0.92


def test_items_follow_order_status(many_orders: list[dict[str, Any]]) -> None:
    for order in many_orders:
        assert {item["status"] for item in order["orderitem_set"]} == {order["status"]}


def test_some_approved_orders_lack_tracking(
    api: httpx.Client, many_orders: list[dict[str, Any]]
) -> None:
    seeded_without = [order for order in fetch_all_orders(api) if order["tracking_number"] == ""]
    overall_without = [order for order in many_orders if order["tracking_number"] == ""]

    assert len(seeded_without) >= 1
    assert all(order["status"] == "400" for order in seeded_without)
    assert len(overall_without) == 30  # one order in fifty


def test_order_items_are_single_units(many_orders: list[dict[str, Any]]) -> None:
    repeated_products = 0
    for order in many_orders:
        items = order["orderitem_set"]
        assert 1 <= len(items) <= 5
        assert all(item["order"] == order["pk"] for item in items)
        assert all("quantity" not in item for item in items)
        product_pks = [item["product"]["pk"] for item in items]
        if len(set(product_pks)) < len(product_pks):
            repeated_products += 1
        assert all(item["price"].endswith((".90", ".99")) for item in items), items
        total = sum(Decimal(item["price"]) for item in items)
        assert Decimal(order["amount"]) == total
        assert re.fullmatch(r"[0-9]+\.[0-9]{2}", order["amount"])
    assert repeated_products > 10

    item_pks = [item["pk"] for order in many_orders for item in order["orderitem_set"]]
    assert len(set(item_pks)) == len(item_pks)


def test_customers_are_turkish(many_orders: list[dict[str, Any]]) -> None:
    names = " ".join(
        order["customer"]["first_name"] + order["customer"]["last_name"] for order in many_orders
    )
    for letter in "çğıİöşüÇÖŞÜ":
        assert letter in names, letter

    for order in many_orders:
        customer = order["customer"]
        address = order["shipping_address"]
        assert customer["email"].isascii()
        assert re.fullmatch(r"[a-z.]+[0-9]+@example\.(com|net|org)", customer["email"])
        assert re.fullmatch(r"05[0-9]{9}", customer["phone"])
        assert address["country"] == "TR"
        assert re.fullmatch(r"[0-9]{5}", address["postcode"])
        assert address["line"]
        assert address["district"]
        assert address["city"]
        assert order["currency"] == "TRY"


def test_dates_have_offsets_and_order(api: httpx.Client) -> None:
    orders = fetch_all_orders(api)
    now = datetime.now(UTC)

    modified = [datetime.fromisoformat(order["modified_date"]) for order in orders]
    assert all(moment.tzinfo is not None for moment in modified)
    assert all(re.search(r"\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$", o["modified_date"]) for o in orders)
    assert len(set(modified)) == len(modified)
    assert modified == sorted(modified)

    for order in orders:
        placed = datetime.fromisoformat(order["date_placed"])
        assert placed.tzinfo is not None
        assert now - timedelta(days=2, minutes=2) <= placed <= now
