"""Routing of an order to a shipment client: cargo company -> condition -> client.

Condition and client classes are looked up by their ``klass`` names in two registries,
so a deployment can add its own without changing the command. The names are the
lookup keys the station configuration JSON uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from oms_desktop.core.errors import NoRoute, NoTrackingNumber
from oms_desktop.core.models import Order, ShipmentCondition


class Condition(Protocol):
    def matches(self, order: Order) -> bool: ...


class ShipmentClient(Protocol):
    def tracking_number(self, order: Order, package_number: str) -> str: ...


CONDITION_CLASSES: dict[str, Callable[[ShipmentCondition], Condition]] = {}
SHIPMENT_CLIENTS: dict[str, Callable[[dict[str, Any]], ShipmentClient]] = {}


def register_condition(name: str) -> Callable[[type[Any]], type[Any]]:
    def decorator(cls: type[Any]) -> type[Any]:
        CONDITION_CLASSES[name] = cls
        return cls

    return decorator


def register_shipment_client(name: str) -> Callable[[type[Any]], type[Any]]:
    def decorator(cls: type[Any]) -> type[Any]:
        SHIPMENT_CLIENTS[name] = cls
        return cls

    return decorator


@register_condition("ChannelBasedOrdersCondition")
class ChannelBasedOrdersCondition:
    """Matches orders whose channel is one of the condition's channels."""

    def __init__(self, row: ShipmentCondition) -> None:
        self.channel_ids = frozenset(channel.id for channel in row.channels)

    def matches(self, order: Order) -> bool:
        return order.channel_id in self.channel_ids


@register_shipment_client("OmnitronShipmentClient")
class OmnitronShipmentClient:
    """Takes the tracking number the marketplace put on the Omnitron order; calls no carrier."""

    name: ClassVar[str] = "OmnitronShipmentClient"

    def __init__(self, conf: dict[str, Any]) -> None:
        self.conf = conf

    def tracking_number(self, order: Order, package_number: str) -> str:
        number = (order.tracking_number or "").strip()
        if not number:
            raise NoTrackingNumber(package_number, order.number)
        return number


@dataclass(frozen=True)
class Route:
    condition_id: int
    client_klass: str
    client: ShipmentClient


def resolve_route(session: Session, order: Order, package_number: str) -> Route:
    """Find the shipment client for ``order`` through the active conditions of its cargo company.

    Raises:
        NoRoute: no active condition of the order's cargo company matches the order, or a
            condition names a class missing from the registries.
    """
    channel_name = order.channel.name
    cargo = order.cargo_company
    if cargo is None:
        raise NoRoute(package_number, channel_name, None)
    rows = session.scalars(
        select(ShipmentCondition)
        .where(ShipmentCondition.cargo_company_id == cargo.id, ShipmentCondition.is_active)
        .options(selectinload(ShipmentCondition.channels))
        .order_by(ShipmentCondition.id)
    ).all()
    for row in rows:
        condition_factory = CONDITION_CLASSES.get(row.klass)
        client_klass = str(row.conf.get("klass", ""))
        client_factory = SHIPMENT_CLIENTS.get(client_klass)
        if condition_factory is None or client_factory is None:
            continue
        if condition_factory(row).matches(order):
            return Route(row.id, client_klass, client_factory(dict(row.conf)))
    raise NoRoute(package_number, channel_name, cargo.name)
