"""In-memory records of the simulated Omnitron and their JSON representation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from oms_desktop.simulator.data import ISTANBUL_TIMEZONE, CargoCompany, Channel


@dataclass(frozen=True)
class Product:
    pk: int
    name: str
    sku: str
    barcode: str


@dataclass
class OrderItem:
    """One unit of a product in an order; Omnitron keeps quantity 1 per order item."""

    pk: int
    order_pk: int
    status: str
    price: int  # kuruş
    product: Product


@dataclass
class Order:
    pk: int
    number: str
    channel: int
    status: str
    date_placed: datetime
    modified_date: datetime
    cargo_company: int
    tracking_number: str
    customer: dict[str, str]
    shipping_address: dict[str, str]
    items: list[OrderItem] = field(default_factory=list)
    currency: str = "TRY"

    @property
    def amount(self) -> int:
        """Total of the item prices in kuruş."""
        return sum(item.price for item in self.items)


def format_money(kurus: int) -> str:
    """Format an amount in kuruş as the decimal string Omnitron sends, such as "123.45"."""
    return f"{kurus // 100}.{kurus % 100:02d}"


def format_datetime(moment: datetime, timespec: str = "microseconds") -> str:
    """Format an aware datetime in Turkish time as ISO 8601 with its UTC offset."""
    return moment.astimezone(ISTANBUL_TIMEZONE).isoformat(timespec=timespec)


def product_to_json(product: Product) -> dict[str, Any]:
    return {
        "pk": product.pk,
        "name": product.name,
        "sku": product.sku,
        "barcode": product.barcode,
    }


def order_item_to_json(item: OrderItem) -> dict[str, Any]:
    return {
        "pk": item.pk,
        "order": item.order_pk,
        "status": item.status,
        "price": format_money(item.price),
        "product": product_to_json(item.product),
    }


def order_to_json(order: Order) -> dict[str, Any]:
    return {
        "pk": order.pk,
        "number": order.number,
        "channel": order.channel,
        "status": order.status,
        "date_placed": format_datetime(order.date_placed, timespec="seconds"),
        "modified_date": format_datetime(order.modified_date),
        "cargo_company": order.cargo_company,
        "tracking_number": order.tracking_number,
        "amount": format_money(order.amount),
        "currency": order.currency,
        "customer": dict(order.customer),
        "shipping_address": dict(order.shipping_address),
        "orderitem_set": [order_item_to_json(item) for item in order.items],
    }


def channel_to_json(channel: Channel) -> dict[str, Any]:
    return {
        "pk": channel.pk,
        "name": channel.name,
        "channel_type": channel.channel_type,
        "is_active": True,
    }


def cargo_company_to_json(company: CargoCompany) -> dict[str, Any]:
    return {"pk": company.pk, "name": company.name, "erp_code": company.erp_code}
