"""The simulator's in-memory state: orders, tokens, fault rules and the request log.

Every public method that reads or changes orders, tokens, rules or the log takes the one state
lock, so each request reads and leaves a consistent state. Nothing here sleeps or does I/O
while holding the lock.
"""

from __future__ import annotations

import dataclasses
import hmac
import logging
import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from oms_desktop.simulator.data import (
    CANCELLED_ORDER_STATUSES,
    CARGO_COMPANIES,
    CHANNELS,
    CHANNELS_BY_PK,
    ORDER_STATUSES,
    CargoCompany,
    Channel,
)
from oms_desktop.simulator.faults import FaultRule
from oms_desktop.simulator.generator import OrderGenerator
from oms_desktop.simulator.models import Order, order_item_to_json, order_to_json
from oms_desktop.simulator.responses import HttpError, not_found

logger = logging.getLogger("oms_desktop.simulator")

FIRST_ORDER_PK = 1_001
FIRST_ORDER_ITEM_PK = 70_001
MAX_LOGGED_REQUESTS = 100_000


class ModifiedDateClock:
    """Hands out strictly increasing timestamps, microseconds apart at least.

    A client that keeps the largest `modified_date` it has seen and asks for orders modified
    after it then never misses nor repeats a change, even when the wall clock steps back or
    two changes fall in the same microsecond. One clock serves every server in the process.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = datetime.min.replace(tzinfo=UTC)

    def next(self) -> datetime:
        with self._lock:
            now = datetime.now(UTC)
            if now <= self._last:
                now = self._last + timedelta(microseconds=1)
            self._last = now
            return now


MODIFIED_DATE_CLOCK = ModifiedDateClock()

# Sort keys for the `ordering` query parameter of the order list.
ORDER_SORT_KEYS: dict[str, Callable[[Order], Any]] = {
    "pk": lambda order: order.pk,
    "id": lambda order: order.pk,
    "modified_date": lambda order: order.modified_date,
    "date_placed": lambda order: order.date_placed,
}


@dataclass(frozen=True)
class OrderQuery:
    """Filters and ordering of an order list request; None means "no filter"."""

    statuses: frozenset[str] | None = None
    number: str | None = None
    pks: frozenset[int] | None = None
    channel_pk: int | None = None
    modified_after: datetime | None = None
    ordering: tuple[tuple[str, bool], ...] = ()  # (field, descending) pairs, first key first


def invalid_status_error(value: Any) -> HttpError:
    return HttpError(400, {"status": [f'"{value}" is not a valid choice.'], "code": "invalid"})


def validate_status_value(value: Any) -> str:
    """Return the status code a client sent, as a string, or raise the 400 Omnitron sends.

    Integers are accepted as Django REST framework's ChoiceField accepts them.
    """
    if value is None:
        raise HttpError(400, {"status": ["This field may not be null."], "code": "null"})
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise invalid_status_error(value)
    code = str(value)
    if code not in ORDER_STATUSES:
        raise invalid_status_error(value)
    return code


class SimulatorState:
    """Orders, credentials, tokens, fault rules and the request log of one simulator."""

    def __init__(self, seed: int, user: str, password: str, order_count: int) -> None:
        self.lock = threading.Lock()
        self.seed = seed
        self.started_at = datetime.now(UTC)
        self._user = user.encode("utf-8")
        self._password = password.encode("utf-8")
        self._generator = OrderGenerator(seed)
        self._orders: dict[int, Order] = {}
        self._orders_by_number: dict[str, Order] = {}
        self._order_by_item_pk: dict[int, Order] = {}
        self._next_index = 0
        self._next_item_pk = FIRST_ORDER_ITEM_PK
        self._token: str | None = None
        self._fault_rules: list[FaultRule] = []
        self._requests: deque[dict[str, Any]] = deque(maxlen=MAX_LOGGED_REQUESTS)
        self.add_orders(order_count, placed_before=self.started_at)

    # Authentication

    def login(self, username: str, password: str) -> str | None:
        """Return the user's token, creating one if none is valid; None for wrong credentials.

        Like Django REST framework's token store, every login of the user returns the same
        key until the tokens are expired, so two clients never log each other out.
        """
        user_matches = hmac.compare_digest(username.encode("utf-8"), self._user)
        password_matches = hmac.compare_digest(password.encode("utf-8"), self._password)
        if not (user_matches and password_matches):
            return None
        with self.lock:
            if self._token is None:
                self._token = secrets.token_hex(20)
            return self._token

    def is_valid_token(self, key: str) -> bool:
        with self.lock:
            if self._token is None:
                return False
            return hmac.compare_digest(key.encode("utf-8"), self._token.encode("utf-8"))

    def expire_tokens(self) -> int:
        """Invalidate every issued token; return how many there were."""
        with self.lock:
            expired = 0 if self._token is None else 1
            self._token = None
            return expired

    # Orders

    def add_orders(
        self,
        count: int,
        status: str | None = None,
        channel_pk: int | None = None,
        placed_before: datetime | None = None,
    ) -> list[tuple[int, str]]:
        """Generate `count` more orders from the seeded stream; return their (pk, number)."""
        created: list[tuple[int, str]] = []
        with self.lock:
            base_time = placed_before if placed_before is not None else datetime.now(UTC)
            for _ in range(count):
                index = self._next_index
                order = self._generator.generate(
                    index=index,
                    order_pk=FIRST_ORDER_PK + index,
                    first_item_pk=self._next_item_pk,
                    placed_before=base_time,
                    modified_date=MODIFIED_DATE_CLOCK.next(),
                    taken_numbers=self._orders_by_number,
                    status=status,
                    channel_pk=channel_pk,
                )
                self._next_index += 1
                self._next_item_pk += len(order.items)
                self._orders[order.pk] = order
                self._orders_by_number[order.number] = order
                for item in order.items:
                    self._order_by_item_pk[item.pk] = order
                created.append((order.pk, order.number))
        return created

    def order_count(self) -> int:
        with self.lock:
            return len(self._orders)

    def list_orders(
        self, query: OrderQuery, select_page: Callable[[int], slice]
    ) -> tuple[int, list[dict[str, Any]]]:
        """Filter and sort the orders, then return the total and the page `select_page` picks.

        `select_page` receives the number of matching orders and may raise HttpError for a
        page out of range.
        """
        with self.lock:
            orders = self._filter_orders(query)
            orders = _sort_orders(orders, query.ordering)
            page = select_page(len(orders))
            return len(orders), [order_to_json(order) for order in orders[page]]

    def _filter_orders(self, query: OrderQuery) -> list[Order]:
        if query.number is not None:
            found = self._orders_by_number.get(query.number)
            candidates = [] if found is None else [found]
        elif query.pks is not None:
            candidates = [self._orders[pk] for pk in sorted(query.pks) if pk in self._orders]
        else:
            candidates = list(self._orders.values())
        return [order for order in candidates if _order_matches(order, query)]

    def order_by_pk(self, pk: int) -> dict[str, Any] | None:
        with self.lock:
            order = self._orders.get(pk)
            return None if order is None else order_to_json(order)

    def order_by_number(self, number: str) -> dict[str, Any] | None:
        with self.lock:
            order = self._orders_by_number.get(number)
            return None if order is None else order_to_json(order)

    def order_item(self, pk: int) -> dict[str, Any] | None:
        with self.lock:
            order = self._order_by_item_pk.get(pk)
            if order is None:
                return None
            return next(order_item_to_json(item) for item in order.items if item.pk == pk)

    def update_order_item(self, pk: int, data: dict[str, Any]) -> dict[str, Any]:
        """Apply a PATCH to an order item, with Omnitron's checks in Omnitron's order.

        An unknown item is 404, then an invalid status is 400, then an item of a cancelled
        order (or one waiting for cancellation) is 400 with code "order_cancelled". A change
        moves the order's modified_date; when every item of an approved order ("400") is
        preparing ("450"), the order becomes preparing too.
        """
        with self.lock:
            order = self._order_by_item_pk.get(pk)
            if order is None:
                raise not_found()
            item = next(item for item in order.items if item.pk == pk)
            new_status = validate_status_value(data["status"]) if "status" in data else None
            if order.status in CANCELLED_ORDER_STATUSES:
                raise HttpError(
                    400, {"non_field_errors": ["Order is cancelled."], "code": "order_cancelled"}
                )
            if new_status is not None and new_status != item.status:
                old_status = item.status
                item.status = new_status
                if order.status == "400" and all(unit.status == "450" for unit in order.items):
                    order.status = "450"
                order.modified_date = MODIFIED_DATE_CLOCK.next()
                logger.info(
                    "Order item %d of order %s changed from %s to %s; order status is %s",
                    pk,
                    order.number,
                    old_status,
                    new_status,
                    order.status,
                )
            return order_item_to_json(item)

    def set_order_status(self, number: str, status: str, include_items: bool) -> dict[str, Any]:
        """Set an order's status (and optionally its items'); always moves modified_date."""
        with self.lock:
            order = self._orders_by_number.get(number)
            if order is None:
                raise not_found()
            order.status = status
            if include_items:
                for item in order.items:
                    item.status = status
            order.modified_date = MODIFIED_DATE_CLOCK.next()
            return order_to_json(order)

    def set_tracking_number(self, number: str, tracking_number: str) -> dict[str, Any]:
        with self.lock:
            order = self._orders_by_number.get(number)
            if order is None:
                raise not_found()
            order.tracking_number = tracking_number
            order.modified_date = MODIFIED_DATE_CLOCK.next()
            return order_to_json(order)

    # Reference data: fixed for the life of the server, so no lock is needed.

    @staticmethod
    def channels() -> tuple[Channel, ...]:
        return CHANNELS

    @staticmethod
    def cargo_companies() -> tuple[CargoCompany, ...]:
        return CARGO_COMPANIES

    @staticmethod
    def is_known_channel(pk: int) -> bool:
        return pk in CHANNELS_BY_PK

    # Fault rules

    def add_fault_rules(self, rules: list[FaultRule], replace: bool = False) -> int:
        """Append (or with `replace`, install) rules; return how many rules are installed."""
        with self.lock:
            if replace:
                self._fault_rules = []
            self._fault_rules.extend(rules)
            return len(self._fault_rules)

    def clear_fault_rules(self) -> int:
        with self.lock:
            cleared = len(self._fault_rules)
            self._fault_rules = []
            return cleared

    def fault_rules_json(self) -> list[dict[str, Any]]:
        with self.lock:
            return [
                {"index": index, **rule.to_json()} for index, rule in enumerate(self._fault_rules)
            ]

    def take_fault(self, method: str, path: str) -> tuple[int, FaultRule] | None:
        """Find the first rule that applies to a request, count it, and return a copy."""
        with self.lock:
            for index, rule in enumerate(self._fault_rules):
                if rule.matches(method, path):
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    rule.hits += 1
                    return index, dataclasses.replace(rule)
            return None

    # Request log

    def record_request(self, method: str, path: str, query: str, status: int | None) -> None:
        with self.lock:
            self._requests.append(
                {"method": method, "path": path, "query": query, "status": status}
            )

    def requests_json(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(entry) for entry in self._requests]

    def clear_requests(self) -> int:
        with self.lock:
            cleared = len(self._requests)
            self._requests.clear()
            return cleared


def _order_matches(order: Order, query: OrderQuery) -> bool:
    if query.statuses is not None and order.status not in query.statuses:
        return False
    if query.channel_pk is not None and order.channel != query.channel_pk:
        return False
    if query.pks is not None and order.pk not in query.pks:
        return False
    return query.modified_after is None or order.modified_date > query.modified_after


def _sort_orders(orders: list[Order], ordering: tuple[tuple[str, bool], ...]) -> list[Order]:
    """Sort by the requested keys, then by pk, using stable sorts from the last key back."""
    result = sorted(orders, key=lambda order: order.pk)
    for field_name, descending in reversed(ordering):
        result.sort(key=ORDER_SORT_KEYS[field_name], reverse=descending)
    return result
