"""Seeded generation of marketplace orders.

Each order draws from its own `random.Random`, keyed by the seed and the order's position in
the stream. So the 500th order is the same whether it was created at start-up or by a later
request for more orders, and an override of one order's status or channel changes nothing in
the others. `random.Random` hashes string seeds with SHA-512, independent of PYTHONHASHSEED.
"""

from __future__ import annotations

import random
from collections.abc import Container, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from oms_desktop.simulator.data import (
    APPAREL_SIZES,
    CARGO_COMPANIES_BY_ERP_CODE,
    CHANNELS,
    CHANNELS_BY_PK,
    CITIES,
    COLOURS,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LAST_NAMES,
    NEIGHBOURHOODS,
    ORDER_STATUS_WEIGHTS,
    PRODUCT_TEMPLATES,
    SHOE_SIZES,
    STREET_KINDS,
    STREETS,
    Channel,
    ProductTemplate,
    ean13_check_digit,
    s10_check_digit,
)
from oms_desktop.simulator.models import Order, OrderItem, Product

FIRST_PRODUCT_PK = 30_001

# One order in NO_TRACKING_PERIOD (2 %) arrives approved but without a tracking number.
NO_TRACKING_PERIOD = 50
NO_TRACKING_OFFSET = 7

MAX_PLACED_MINUTES_AGO = 2 * 24 * 60

ITEM_COUNT_WEIGHTS: tuple[tuple[int, int], ...] = ((1, 50), (2, 25), (3, 12), (4, 8), (5, 5))

_TURKISH_TO_ASCII = str.maketrans("çğıİöşüÇĞÖŞÜ", "cgiIosuCGOSU")

T = TypeVar("T")


def _weighted_choice(rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _ in weighted]
    weights = [weight for _, weight in weighted]
    return rng.choices(values, weights=weights)[0]


def _digits(rng: random.Random, length: int) -> str:
    """Draw a digit string of exactly `length` digits; leading zeros are allowed."""
    return f"{rng.randrange(10**length):0{length}d}"


def _digits_without_leading_zero(rng: random.Random, length: int) -> str:
    return str(rng.randrange(10 ** (length - 1), 10**length))


def generate_barcode(rng: random.Random) -> str:
    """Draw an EAN-13 barcode, mostly with the Turkish GS1 prefix 869."""
    prefix = _weighted_choice(rng, (("869", 85), ("868", 7), ("400", 4), ("590", 4)))
    body = prefix + _digits(rng, 9)
    return body + str(ean13_check_digit(body))


def generate_order_number(rng: random.Random, channel: Channel) -> str:
    """Draw an order number in the style of the channel's marketplace."""
    if channel.pk == 42:  # Trendyol: ten digits
        return _digits_without_leading_zero(rng, 10)
    if channel.pk == 43:  # Hepsiburada: nine digits
        return _digits_without_leading_zero(rng, 9)
    if channel.pk == 44:  # Amazon: 3-7-7 digit groups
        return f"405-{_digits(rng, 7)}-{_digits(rng, 7)}"
    if channel.pk == 45:  # n11: twelve digits starting with 2
        return "2" + _digits(rng, 11)
    if channel.pk == 46:  # Çiçeksepeti: eight digits
        return _digits_without_leading_zero(rng, 8)
    return "3" + _digits(rng, 10)  # Pazarama: eleven digits starting with 3


def generate_tracking_number(rng: random.Random, erp_code: str) -> str:
    """Draw a tracking number in the style of the carrier.

    Only PTT numbers carry a check digit (UPU S10). The other carriers publish no format, so
    their numbers are plausible strings of differing lengths, some with leading zeros.
    """
    if erp_code == "ptt":
        serial = _digits(rng, 8)
        service = rng.choice(("KP", "RR", "CP", "EA"))
        return f"{service}{serial}{s10_check_digit(serial)}TR"
    if erp_code == "trendyol_express":
        return "7330" + _digits(rng, 10)
    if erp_code == "hepsijet":
        return "HJ" + _digits(rng, 12)
    if erp_code == "amazon_logistics":
        return "TBA" + _digits(rng, 12)
    if erp_code == "ups":
        # NOTE: UPS numbers have a check character that is not computed here.
        shipper = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6))
        return f"1Z{shipper}68{_digits(rng, 8)}"
    lengths = {"mng": 12, "yurtici": 12, "aras": 13, "surat": 11, "horoz": 10}
    return _digits(rng, lengths.get(erp_code, 12))


def _variant_labels(rng: random.Random, template: ProductTemplate) -> list[tuple[str, str]]:
    """Draw up to three (name suffix, SKU suffix) variants of a product line."""
    count = rng.randint(1, 3)
    if template.variant_kind == "apparel":
        colour_name, colour_code = rng.choice(COLOURS)
        sizes = sorted(rng.sample(APPAREL_SIZES, count), key=APPAREL_SIZES.index)
        return [(f"{colour_name}, {size}", f"{colour_code}-{size}") for size in sizes]
    if template.variant_kind == "shoe":
        colour_name, colour_code = rng.choice(COLOURS)
        sizes = sorted(rng.sample(SHOE_SIZES, count))
        return [(f"{colour_name}, {size} Numara", f"{colour_code}-{size}") for size in sizes]
    if template.variant_kind == "colour":
        return [(name, code) for name, code in rng.sample(COLOURS, count)]
    return [("", "")]


def build_catalog(seed: int) -> list[tuple[Product, int]]:
    """Build the product catalogue of a seed as (product, price in kuruş) pairs."""
    rng = random.Random(f"oms-simulator:{seed}:catalog")
    catalog: list[tuple[Product, int]] = []
    barcodes: set[str] = set()
    for line_number, template in enumerate(PRODUCT_TEMPLATES, start=1):
        # Template minimums end in 90 kuruş, so prices end in ,90 or ,99 as shop prices do.
        price = rng.randrange(template.min_price, template.max_price + 1, 100)
        price += rng.choice((0, 9))
        for name_suffix, sku_suffix in _variant_labels(rng, template):
            barcode = generate_barcode(rng)
            while barcode in barcodes:
                barcode = generate_barcode(rng)
            barcodes.add(barcode)
            name = f"{template.name} - {name_suffix}" if name_suffix else template.name
            sku = f"{template.sku_code}-{1000 + line_number}"
            if sku_suffix:
                sku = f"{sku}-{sku_suffix}"
            product = Product(FIRST_PRODUCT_PK + len(catalog), name, sku, barcode)
            catalog.append((product, price))
    return catalog


def _email_local_part(first_name: str, last_name: str) -> str:
    ascii_name = f"{first_name}.{last_name}".translate(_TURKISH_TO_ASCII)
    return ascii_name.replace(" ", "").lower()


def _generate_phone(rng: random.Random) -> str:
    return f"05{rng.randint(30, 59)}{_digits(rng, 7)}"


def _generate_person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _generate_address(
    rng: random.Random, first_name: str, last_name: str, phone: str
) -> dict[str, str]:
    city = _weighted_choice(rng, CITIES)
    district = rng.choice(city.districts)
    street = f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
    line = f"{rng.choice(NEIGHBOURHOODS)} Mah. {street} No: {rng.randint(1, 180)}"
    if rng.random() < 0.7:
        line += f" D: {rng.randint(1, 24)}"
    return {
        "first_name": first_name,
        "last_name": last_name,
        "line": line,
        "district": district,
        "city": city.name,
        "postcode": f"{city.plate_code}{_digits(rng, 3)}",
        "country": "TR",
        "phone": phone,
    }


class OrderGenerator:
    """Creates the orders of one seed's stream, one position at a time."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.catalog = build_catalog(seed)
        # The first six orders of a stream cover every channel once, in a seeded order.
        self._opening_channels = random.Random(f"oms-simulator:{seed}:channels").sample(
            CHANNELS, len(CHANNELS)
        )

    def generate(
        self,
        index: int,
        order_pk: int,
        first_item_pk: int,
        placed_before: datetime,
        modified_date: datetime,
        taken_numbers: Container[str],
        status: str | None = None,
        channel_pk: int | None = None,
    ) -> Order:
        """Create the order at position `index` of the stream.

        `taken_numbers` contains the order numbers already in use, and a colliding number is
        drawn again. `status` and `channel_pk` override the drawn values without shifting any other
        field.
        """
        rng = random.Random(f"oms-simulator:{self.seed}:order:{index}")

        drawn_channel = _weighted_choice(
            rng, [(channel, channel.order_weight) for channel in CHANNELS]
        )
        if index < len(self._opening_channels):
            drawn_channel = self._opening_channels[index]
        channel = CHANNELS_BY_PK[channel_pk] if channel_pk is not None else drawn_channel

        drawn_status = _weighted_choice(rng, ORDER_STATUS_WEIGHTS)
        without_tracking = index % NO_TRACKING_PERIOD == NO_TRACKING_OFFSET
        if without_tracking:
            drawn_status = "400"
        order_status = status if status is not None else drawn_status

        carrier = CARGO_COMPANIES_BY_ERP_CODE[_weighted_choice(rng, channel.carrier_weights)]
        number = generate_order_number(rng, channel)
        while number in taken_numbers:
            number = generate_order_number(rng, channel)
        tracking_number = generate_tracking_number(rng, carrier.erp_code)
        if without_tracking:
            tracking_number = ""

        first_name, last_name = _generate_person(rng)
        phone = _generate_phone(rng)
        email_local_part = _email_local_part(first_name, last_name)
        email = f"{email_local_part}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
        customer = {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "phone": phone,
        }
        if rng.random() < 0.15:  # a gift or a delivery to someone else
            recipient_first, recipient_last = _generate_person(rng)
            address = _generate_address(rng, recipient_first, recipient_last, _generate_phone(rng))
        else:
            address = _generate_address(rng, first_name, last_name, phone)

        placed_offset = timedelta(
            minutes=rng.randint(1, MAX_PLACED_MINUTES_AGO - 1), seconds=rng.randint(0, 59)
        )
        date_placed = placed_before.replace(microsecond=0) - placed_offset

        order = Order(
            pk=order_pk,
            number=number,
            channel=channel.pk,
            status=order_status,
            date_placed=date_placed,
            modified_date=modified_date,
            cargo_company=carrier.pk,
            tracking_number=tracking_number,
            customer=customer,
            shipping_address=address,
        )
        order.items = self._generate_items(rng, order_pk, first_item_pk, order_status)
        return order

    def _generate_items(
        self, rng: random.Random, order_pk: int, first_item_pk: int, status: str
    ) -> list[OrderItem]:
        unit_count = _weighted_choice(rng, ITEM_COUNT_WEIGHTS)
        items: list[OrderItem] = []
        product, price = rng.choice(self.catalog)
        for position in range(unit_count):
            # A later unit repeats the previous product 30 % of the time: quantity 2 or more
            # arrives as several order items of the same product.
            if position > 0 and rng.random() >= 0.3:
                product, price = rng.choice(self.catalog)
            items.append(OrderItem(first_item_pk + position, order_pk, status, price, product))
        return items
