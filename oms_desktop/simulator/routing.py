"""Path-and-method routing shared by the Omnitron API and the control API."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from oms_desktop.simulator.responses import Request, Response, method_not_allowed, not_found
from oms_desktop.simulator.store import SimulatorState

Handler = Callable[[SimulatorState, Request, "re.Match[str]"], Response]


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    handlers: dict[str, Handler]
    authenticated: bool = True


def route(pattern: str, handlers: dict[str, Handler], authenticated: bool = True) -> Route:
    return Route(re.compile(pattern), handlers, authenticated)


def resolve(routes: list[Route], request: Request) -> tuple[Route, re.Match[str]]:
    """Find the route of a request path; raise 404 for an unknown path."""
    for candidate in routes:
        match = candidate.pattern.fullmatch(request.path)
        if match is not None:
            return candidate, match
    raise not_found()


def handler_for(matched: Route, request: Request) -> Handler:
    """Return the route's handler for the request method; raise 405 when it has none."""
    handler = matched.handlers.get(request.method)
    if handler is None:
        raise method_not_allowed(request.method, list(matched.handlers))
    return handler
