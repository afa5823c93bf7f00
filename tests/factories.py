"""Builders of Omnitron payloads and station configuration for tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from oms_desktop.core.models import CargoCompany, Channel, ShipmentCondition
from oms_desktop.core.payloads import OrderPayload

TRENDYOL = 42
HEPSIBURADA = 43
TRENDYOL_EXPRESS = 7
HEPSIJET = 8


def order_payload(
    pk: int = 1001,
    *,
    number: str | None = None,
    status: str = "400",
    channel: int = TRENDYOL,
    cargo_company: int | None = TRENDYOL_EXPRESS,
    tracking_number: str | None = "7330001234567",
    items: int = 2,
    item_status: str | None = None,
) -> OrderPayload:
    data: dict[str, Any] = {
        "pk": pk,
        "number": number or f"10{pk:08d}",
        "channel": channel,
        "status": status,
        "date_placed": dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC).isoformat(),
        "modified_date": dt.datetime(2026, 12, 1, 9, 31, tzinfo=dt.UTC).isoformat(),
        "cargo_company": cargo_company,
        "tracking_number": tracking_number,
        "amount": "249.90",
        "currency": "TRY",
        "shipping_address": {
            "first_name": "Ayşe",
            "last_name": "Yıldırım",
            "line": "Çiçek Sokak No 4",
            "district": "Kadıköy",
            "city": "İstanbul",
            "postcode": "34710",
            "country": "TR",
            "phone": "05321234567",
        },
        "orderitem_set": [
            {
                "pk": pk * 10 + index,
                "order": pk,
                "status": item_status or status,
                "price": "124.95",
                "product": {
                    "pk": 500 + index,
                    "name": f"Pamuk Tişört {index}",
                    "sku": f"TSH-{index:03d}",
                    "barcode": f"869000000{index:03d}1",
                },
            }
            for index in range(items)
        ],
    }
    return OrderPayload.model_validate(data)


def configure_station(session: Session, *, route_channels: tuple[int, ...] = (TRENDYOL,)) -> None:
    """Create two marketplace channels, two cargo companies and a condition routing
    ``route_channels`` of Trendyol Express to OmnitronShipmentClient."""
    channels = {
        TRENDYOL: Channel(omnitron_id=TRENDYOL, name="Trendyol", channel_type="trendyol"),
        HEPSIBURADA: Channel(
            omnitron_id=HEPSIBURADA, name="Hepsiburada", channel_type="hepsiburada"
        ),
    }
    session.add_all(channels.values())
    express = CargoCompany(omnitron_id=TRENDYOL_EXPRESS, name="Trendyol Express", code="TEX")
    hepsijet = CargoCompany(omnitron_id=HEPSIJET, name="HepsiJet", code="HJ")
    session.add_all([express, hepsijet])
    session.flush()
    condition = ShipmentCondition(
        cargo_company_id=express.id,
        klass="ChannelBasedOrdersCondition",
        conf={"klass": "OmnitronShipmentClient"},
    )
    condition.channels = [channels[omnitron_id] for omnitron_id in route_channels]
    session.add(condition)
    session.flush()
