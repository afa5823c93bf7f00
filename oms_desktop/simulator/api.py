"""The Omnitron API subset: login, orders, channels, cargo companies and order item updates.

Paths, query parameters, bodies and error shapes follow Omnitron, a Django REST framework
application: unknown query parameters are ignored, an empty filter value means no filter, and
an unknown `ordering` field is dropped.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from oms_desktop.simulator.data import ISTANBUL_TIMEZONE, ORDER_STATUSES
from oms_desktop.simulator.models import cargo_company_to_json, channel_to_json
from oms_desktop.simulator.responses import (
    HttpError,
    Request,
    Response,
    json_response,
    not_found,
    parse_json_body,
)
from oms_desktop.simulator.routing import Route, handler_for, resolve, route
from oms_desktop.simulator.store import ORDER_SORT_KEYS, OrderQuery, SimulatorState

logger = logging.getLogger("oms_desktop.simulator")

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 1000

T = TypeVar("T")

# ASCII digits only: str.isdigit() also accepts characters such as "²" that int() rejects.
_DIGITS = re.compile(r"[0-9]+")


@dataclass
class PageRequest:
    """The `limit` and `page` of a list request; `number` is set once the page is resolved."""

    limit: int
    page: str | None
    number: int = 1
    page_count: int = 1

    def select(self, count: int) -> slice:
        """Resolve the page for `count` results; raise 404 "Invalid page." when out of range."""
        self.page_count = max(1, math.ceil(count / self.limit))
        if self.page is None:
            number = 1
        elif self.page == "last":
            number = self.page_count
        else:
            try:
                number = int(self.page)
            except ValueError:
                number = 0
        if not 1 <= number <= self.page_count:
            raise HttpError(404, {"detail": "Invalid page."})
        self.number = number
        return slice((number - 1) * self.limit, number * self.limit)


def _query_values(request: Request) -> dict[str, str]:
    """Return the query parameters; for a repeated name the last value wins, as in Django."""
    return dict(parse_qsl(request.query, keep_blank_values=True))


def _page_request(values: dict[str, str]) -> PageRequest:
    """Read `limit` and `page`; a missing, invalid or non-positive limit means the default."""
    limit = DEFAULT_PAGE_SIZE
    raw_limit = values.get("limit", "")
    if _DIGITS.fullmatch(raw_limit) and int(raw_limit) > 0:
        limit = min(int(raw_limit), MAX_PAGE_SIZE)
    page = values.get("page") or None
    return PageRequest(limit, page)


def _page_url(request: Request, page: int) -> str:
    """Build the absolute URL of another page, keeping every other query parameter.

    The link to page 1 carries no `page` parameter, as Django REST framework builds it.
    """
    pairs = [
        (name, value)
        for name, value in parse_qsl(request.query, keep_blank_values=True)
        if name != "page"
    ]
    if page > 1:
        pairs.append(("page", str(page)))
    query = urlencode(pairs)
    url = f"{request.base_url}{request.path}"
    return f"{url}?{query}" if query else url


def _paginated_response(
    request: Request, page: PageRequest, count: int, results: list[dict[str, Any]]
) -> Response:
    next_url = _page_url(request, page.number + 1) if page.number < page.page_count else None
    previous_url = _page_url(request, page.number - 1) if page.number > 1 else None
    return json_response(
        200, {"count": count, "next": next_url, "previous": previous_url, "results": results}
    )


def _paginate_fixed(
    request: Request, rows: Sequence[T], to_json: Callable[[T], dict[str, Any]]
) -> Response:
    page = _page_request(_query_values(request))
    selected = page.select(len(rows))
    return _paginated_response(request, page, len(rows), [to_json(row) for row in rows[selected]])


# Authentication


def _unauthorized(detail: str) -> HttpError:
    return HttpError(401, {"detail": detail}, {"WWW-Authenticate": "Token"})


def authenticate(state: SimulatorState, request: Request) -> None:
    """Check the `Authorization: Token <key>` header; raise 401 as Omnitron words it."""
    parts = (request.authorization or "").split()
    if not parts or parts[0].lower() != "token":
        raise _unauthorized("Authentication credentials were not provided.")
    if len(parts) == 1:
        raise _unauthorized("Invalid token header. No credentials provided.")
    if len(parts) > 2:
        raise _unauthorized("Invalid token header. Token string should not contain spaces.")
    if not state.is_valid_token(parts[1]):
        raise _unauthorized("Invalid token.")


def _login(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    data = parse_json_body(request, require_json_content_type=True)
    if not isinstance(data, dict):
        raise HttpError(
            400,
            {
                "non_field_errors": [
                    f"Invalid data. Expected a dictionary, but got {type(data).__name__}."
                ]
            },
        )
    errors: dict[str, list[str]] = {}
    for field_name in ("username", "password"):
        value = data.get(field_name)
        if field_name not in data or value is None:
            errors[field_name] = ["This field is required."]
        elif not isinstance(value, str):
            errors[field_name] = ["Not a valid string."]
        elif not value:
            errors[field_name] = ["This field may not be blank."]
    if errors:
        raise HttpError(400, errors)

    username = data["username"]
    key = state.login(username, data["password"])
    if key is None:
        logger.warning("Login failed for user %r: wrong user name or password", username)
        raise HttpError(400, {"non_field_errors": ["Unable to log in with provided credentials."]})
    logger.info("Login succeeded for user %r", username)
    return json_response(200, {"key": key})


# Orders


def _parse_order_query(values: dict[str, str]) -> OrderQuery:
    """Read the order list filters; raise 400 naming every invalid filter at once."""
    errors: dict[str, list[str]] = {}

    statuses: set[str] | None = None
    status = values.get("status", "")
    if status:
        if status not in ORDER_STATUSES:
            errors["status"] = [
                f"Select a valid choice. {status} is not one of the available choices."
            ]
        else:
            statuses = {status}
    status_list = [code for code in values.get("status__in", "").split(",") if code]
    if status_list:
        invalid = [code for code in status_list if code not in ORDER_STATUSES]
        if invalid:
            errors["status__in"] = [
                f"Select a valid choice. {invalid[0]} is not one of the available choices."
            ]
        else:
            statuses = set(status_list) if statuses is None else statuses & set(status_list)

    pks: set[int] | None = None
    id_list = [part.strip() for part in values.get("id__in", "").split(",") if part.strip()]
    if id_list:
        if all(_DIGITS.fullmatch(part) for part in id_list):
            pks = {int(part) for part in id_list}
        else:
            errors["id__in"] = ["Enter a whole number."]

    channel_pk: int | None = None
    channel = values.get("channel_id", "").strip()
    if channel:
        if _DIGITS.fullmatch(channel):
            channel_pk = int(channel)
        else:
            errors["channel_id"] = ["Enter a whole number."]

    modified_after: datetime | None = None
    raw_moment = values.get("modified_date__gt", "")
    if raw_moment:
        modified_after = _parse_datetime(raw_moment)
        if modified_after is None:
            errors["modified_date__gt"] = ["Enter a valid date/time."]
            logger.warning(
                "Rejected modified_date__gt=%r: not an ISO 8601 datetime "
                "(a '+' in a query string must be sent as %%2B)",
                raw_moment,
            )

    if errors:
        raise HttpError(400, errors)

    return OrderQuery(
        statuses=None if statuses is None else frozenset(statuses),
        number=values.get("number") or None,
        pks=None if pks is None else frozenset(pks),
        channel_pk=channel_pk,
        modified_after=modified_after,
        ordering=_parse_ordering(values.get("ordering", "")),
    )


def _parse_datetime(value: str) -> datetime | None:
    """Parse an ISO 8601 datetime; a value without offset is taken as Turkish time.

    NOTE: Omnitron's handling of a naive datetime is not published; Django reads one in the
    site's time zone, assumed here to be Europe/Istanbul.
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ISTANBUL_TIMEZONE)
    return moment


def _parse_ordering(value: str) -> tuple[tuple[str, bool], ...]:
    terms: list[tuple[str, bool]] = []
    for raw_term in value.split(","):
        term = raw_term.strip()
        descending = term.startswith("-")
        field_name = term.lstrip("-")
        if field_name in ORDER_SORT_KEYS:
            terms.append((field_name, descending))
        elif field_name:
            logger.debug("Ignoring unknown ordering field %r", field_name)
    return tuple(terms)


def _list_orders(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    values = _query_values(request)
    query = _parse_order_query(values)
    page = _page_request(values)
    count, results = state.list_orders(query, page.select)
    return _paginated_response(request, page, count, results)


def _order_detail(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    order = state.order_by_pk(int(match["pk"]))
    if order is None:
        raise not_found()
    return json_response(200, order)


def _list_channels(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return _paginate_fixed(request, state.channels(), channel_to_json)


def _list_cargo_companies(
    state: SimulatorState, request: Request, _match: re.Match[str]
) -> Response:
    return _paginate_fixed(request, state.cargo_companies(), cargo_company_to_json)


# Order items


def _order_item_detail(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    item = state.order_item(int(match["pk"]))
    if item is None:
        raise not_found()
    return json_response(200, item)


def _patch_order_item(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    pk = int(match["pk"])
    # Django REST framework looks the object up before it reads the body, so 404 comes first.
    if state.order_item(pk) is None:
        raise not_found()
    data = parse_json_body(request, require_json_content_type=True)
    if not isinstance(data, dict):
        raise HttpError(
            400,
            {
                "non_field_errors": [
                    f"Invalid data. Expected a dictionary, but got {type(data).__name__}."
                ],
                "code": "invalid",
            },
        )
    return json_response(200, state.update_order_item(pk, data))


API_ROUTES: list[Route] = [
    route(r"/api/i1/auth/login/", {"POST": _login}, authenticated=False),
    route(r"/api/i1/orders/", {"GET": _list_orders}),
    route(r"/api/i1/orders/(?P<pk>[0-9]+)/", {"GET": _order_detail}),
    route(r"/api/i1/channels/", {"GET": _list_channels}),
    route(r"/api/i1/cargo_companies/", {"GET": _list_cargo_companies}),
    route(
        r"/api/v1/order_items/(?P<pk>[0-9]+)/",
        {"GET": _order_item_detail, "PATCH": _patch_order_item},
    ),
]


def handle_api_request(state: SimulatorState, request: Request) -> Response:
    """Process one Omnitron API request; errors become Omnitron-shaped JSON responses."""
    try:
        matched, match = resolve(API_ROUTES, request)
        # Authentication comes before the method check, as in Django REST framework.
        if matched.authenticated:
            authenticate(state, request)
        return handler_for(matched, request)(state, request, match)
    except HttpError as error:
        return error.to_response()
