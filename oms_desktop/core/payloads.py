"""Validated shapes of what Omnitron sends, checked before anything touches the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from oms_desktop.core.statuses import is_known_omnitron_code


def _check_status(value: str) -> str:
    if not is_known_omnitron_code(value):
        raise ValueError(f"{value!r} is not an Omnitron status code")
    return value


class _Lenient(BaseModel):
    # Omnitron adds fields over time; unknown ones are ignored, missing ones fail.
    model_config = ConfigDict(extra="ignore", frozen=True)


class ProductPayload(_Lenient):
    pk: int | None = None
    name: str = ""
    sku: str = ""
    barcode: str = ""


class OrderItemPayload(_Lenient):
    pk: int
    status: str
    price: Decimal | None = None
    product: ProductPayload = Field(default_factory=ProductPayload)

    _status = field_validator("status")(_check_status)


class AddressPayload(_Lenient):
    first_name: str = ""
    last_name: str = ""
    line: str = ""
    district: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    phone: str = ""


class OrderPayload(_Lenient):
    pk: int
    number: str = Field(min_length=1)
    channel: int
    status: str
    date_placed: dt.datetime | None = None
    modified_date: dt.datetime | None = None
    cargo_company: int | None = None
    tracking_number: str | None = None
    amount: Decimal | None = None
    currency: str = "TRY"
    shipping_address: AddressPayload | None = None
    orderitem_set: list[OrderItemPayload] = Field(default_factory=list)

    _status = field_validator("status")(_check_status)

    @field_validator("number", "tracking_number")
    @classmethod
    def _strip(cls, value: str | None) -> str | None:
        return value.strip() if isinstance(value, str) else value


class ChannelPayload(_Lenient):
    pk: int
    name: str
    channel_type: str = ""
    is_active: bool = True


class CargoCompanyPayload(_Lenient):
    pk: int
    name: str
    erp_code: str = ""


class Page(_Lenient):
    count: int
    next: str | None = None
    previous: str | None = None
    results: list[dict[str, Any]]
