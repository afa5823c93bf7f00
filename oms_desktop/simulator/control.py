"""The control API under /_simulator/: inspect and change orders, tokens, faults and the log.

It needs no authentication, is never subject to fault rules and is not recorded in the
request log. Paths work with or without a trailing slash, and bodies are read as JSON
whatever their Content-Type, so a plain `curl -d '{...}'` works.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from oms_desktop.simulator.faults import FaultRuleError, parse_fault_rules
from oms_desktop.simulator.responses import (
    HttpError,
    Request,
    Response,
    json_response,
    not_found,
    parse_json_body,
)
from oms_desktop.simulator.routing import Handler, Route, handler_for, resolve, route
from oms_desktop.simulator.store import SimulatorState, validate_status_value

logger = logging.getLogger("oms_desktop.simulator")

CONTROL_PREFIX = "/_simulator"
MAX_GENERATED_ORDERS = 100_000


def is_control_path(path: str) -> bool:
    return path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")


def _json_object(request: Request) -> dict[str, Any]:
    data = parse_json_body(request, require_json_content_type=False)
    if not isinstance(data, dict):
        raise HttpError(400, {"detail": f"Expected a JSON object, got {type(data).__name__}."})
    return data


def _health(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return json_response(200, {"ok": True, "orders": state.order_count()})


def _order_number(match: re.Match[str]) -> str:
    return unquote(match["number"])


def _get_order(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    order = state.order_by_number(_order_number(match))
    if order is None:
        raise not_found()
    return json_response(200, order)


def _set_order_status(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    number = _order_number(match)
    data = _json_object(request)
    if "status" not in data:
        raise HttpError(400, {"status": ["This field is required."], "code": "required"})
    status = validate_status_value(data["status"])
    include_items = data.get("items", False)
    if not isinstance(include_items, bool):
        raise HttpError(400, {"items": [f"Must be true or false, got {include_items!r}."]})
    order = state.set_order_status(number, status, include_items)
    logger.info(
        "Control: order %s set to status %s%s",
        number,
        status,
        " with its items" if include_items else "",
    )
    return json_response(200, order)


def _set_tracking_number(state: SimulatorState, request: Request, match: re.Match[str]) -> Response:
    number = _order_number(match)
    data = _json_object(request)
    tracking_number = data.get("tracking_number")
    if not isinstance(tracking_number, str):
        raise HttpError(
            400,
            {"tracking_number": ["A string is required; an empty string removes the number."]},
        )
    order = state.set_tracking_number(number, tracking_number)
    logger.info("Control: order %s got tracking number %r", number, tracking_number)
    return json_response(200, order)


def _add_orders(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    data = _json_object(request)
    count = data.get("count")
    if (
        isinstance(count, bool)
        or not isinstance(count, int)
        or not 1 <= count <= MAX_GENERATED_ORDERS
    ):
        raise HttpError(
            400,
            {"count": [f"An integer from 1 to {MAX_GENERATED_ORDERS} is required, got {count!r}."]},
        )
    status = validate_status_value(data["status"]) if data.get("status") is not None else None
    channel_pk = data.get("channel")
    if channel_pk is not None and (
        isinstance(channel_pk, bool)
        or not isinstance(channel_pk, int)
        or not state.is_known_channel(channel_pk)
    ):
        known = ", ".join(str(channel.pk) for channel in state.channels())
        raise HttpError(
            400, {"channel": [f"Unknown channel {channel_pk!r}; known channel pks: {known}."]}
        )

    created = state.add_orders(count, status=status, channel_pk=channel_pk)
    logger.info(
        "Control: generated %d orders (status %s, channel %s)",
        len(created),
        status or "drawn",
        channel_pk or "drawn",
    )
    return json_response(
        200, {"numbers": [number for _, number in created], "pks": [pk for pk, _ in created]}
    )


def _expire_tokens(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    expired = state.expire_tokens()
    logger.info("Control: expired %d tokens", expired)
    return json_response(200, {"expired": expired})


def _list_faults(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return json_response(200, state.fault_rules_json())


def _install_faults(state: SimulatorState, request: Request, replace: bool) -> Response:
    data = parse_json_body(request, require_json_content_type=False)
    try:
        rules = parse_fault_rules(data)
    except FaultRuleError as error:
        raise HttpError(
            400, {"detail": str(error), "index": error.index, "field": error.field}
        ) from error
    installed = state.add_fault_rules(rules, replace=replace)
    logger.info(
        "Control: %s %d fault rules, %d installed",
        "replaced with" if replace else "added",
        len(rules),
        installed,
    )
    return json_response(200, {"rules": installed})


def _add_faults(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return _install_faults(state, request, replace=False)


def _replace_faults(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return _install_faults(state, request, replace=True)


def _clear_faults(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    cleared = state.clear_fault_rules()
    logger.info("Control: cleared %d fault rules", cleared)
    return json_response(200, {"rules": 0, "cleared": cleared})


def _list_requests(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return json_response(200, state.requests_json())


def _clear_requests(state: SimulatorState, request: Request, _match: re.Match[str]) -> Response:
    return json_response(200, {"cleared": state.clear_requests()})


def _control_route(pattern: str, handlers: dict[str, Handler]) -> Route:
    return route(pattern, handlers, authenticated=False)


CONTROL_ROUTES: list[Route] = [
    _control_route(r"/_simulator/health/?", {"GET": _health}),
    _control_route(r"/_simulator/orders/?", {"POST": _add_orders}),
    _control_route(r"/_simulator/orders/(?P<number>[^/]+)/?", {"GET": _get_order}),
    _control_route(r"/_simulator/orders/(?P<number>[^/]+)/status/?", {"POST": _set_order_status}),
    _control_route(
        r"/_simulator/orders/(?P<number>[^/]+)/tracking/?", {"POST": _set_tracking_number}
    ),
    _control_route(r"/_simulator/tokens/expire/?", {"POST": _expire_tokens}),
    _control_route(
        r"/_simulator/faults/?",
        {"GET": _list_faults, "POST": _add_faults, "PUT": _replace_faults, "DELETE": _clear_faults},
    ),
    _control_route(r"/_simulator/requests/?", {"GET": _list_requests, "DELETE": _clear_requests}),
]


def handle_control_request(state: SimulatorState, request: Request) -> Response:
    try:
        matched, match = resolve(CONTROL_ROUTES, request)
        return handler_for(matched, request)(state, request, match)
    except HttpError as error:
        return error.to_response()
