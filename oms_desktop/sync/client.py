"""The Omnitron HTTP client: token login, retries, rate limits and validated responses.

One ``httpx.AsyncClient`` per ``OmnitronClient``. Every call goes through ``_send``, which

- logs in when there is no token, and logs in again exactly once when a call gets a 401;
- retries connection errors, timeouts, 5xx answers and 429s, up to ``max_attempts``
  sends per call, waiting an exponential, jittered and capped delay between them;
- honours Retry-After on a 429: it waits ``max(hint, backoff)``, and raises
  ``RateLimited`` at once when the hint is longer than ``max_rate_limit_wait``;
- maps every failure to the error tree in ``oms_desktop.sync.errors``.

Every body is validated with pydantic before it is returned. An order that fails
validation is logged with its number and skipped; the rest of its page is returned.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from oms_desktop.core.models import utcnow
from oms_desktop.core.outbox import backoff_delay
from oms_desktop.core.payloads import CargoCompanyPayload, ChannelPayload, OrderPayload, Page
from oms_desktop.sync.errors import (
    InvalidAnswer,
    OmnitronError,
    RateLimited,
    Rejected,
    Unauthorised,
    body_text,
    clip,
    describe_error_body,
    error_from_exception,
    error_from_response,
)
from oms_desktop.sync.redaction import redaction_filter
from oms_desktop.sync.settings import OmnitronSettings

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], dt.datetime]

DEFAULT_PAGE_SIZE = 100
# Omnitron's own integration client asks for at most 50 ids per id__in request.
MAX_IDS_PER_REQUEST = 50
# A list that promises more pages than its count allows is followed this far past the
# expected page count before the client calls the response invalid.
EXTRA_PAGES_ALLOWED = 2
USER_AGENT = "oms-desktop/0.1 (packing station)"


class LoginAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str = Field(min_length=1)


class OrderItemUpdate(BaseModel):
    """Omnitron's response to an order item PATCH: the item as it now is."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    pk: int
    status: str


@dataclass(frozen=True)
class InvalidOrder:
    """An order in a list response that failed validation and was skipped.

    ``ref`` is its number, else its pk, else its position in the page; ``modified_date``
    is read leniently so the order feed can move its cursor past the order.
    """

    ref: str
    reason: str
    modified_date: dt.datetime | None


@dataclass(frozen=True)
class OrdersPage:
    """One page of the order list, in the server's order, with invalid orders kept in place."""

    entries: list[OrderPayload | InvalidOrder]
    count: int
    next_params: dict[str, str] | None

    @property
    def orders(self) -> list[OrderPayload]:
        return [entry for entry in self.entries if isinstance(entry, OrderPayload)]

    @property
    def invalid(self) -> list[InvalidOrder]:
        return [entry for entry in self.entries if isinstance(entry, InvalidOrder)]


def describe_validation_error(error: ValidationError) -> str:
    """Return ``field: message`` pairs of a validation error, without the input values,
    which may be long or personal."""
    parts = []
    for item in error.errors(include_input=False, include_url=False):
        location = ".".join(str(part) for part in item.get("loc", ())) or "document"
        parts.append(f"{location}: {item.get('msg', 'invalid')}")
    return clip("; ".join(parts))


def _lenient_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment


def _order_ref(raw: Any, index: int) -> str:
    if isinstance(raw, dict):
        number = raw.get("number")
        if isinstance(number, str) and number.strip():
            return number.strip()
        pk = raw.get("pk")
        if isinstance(pk, int | str) and str(pk):
            return f"pk {pk}"
    return f"#{index} of the page"


def _query_params(url: str) -> dict[str, str]:
    parsed = httpx.URL(url)
    return {key: parsed.params[key] for key in parsed.params}


class OmnitronClient:
    """An async client for the Omnitron endpoints the packing station uses.

    Use it as an async context manager, or call ``aclose`` when done. ``transport``
    replaces the network for tests; ``sleep``, ``clock`` and ``rng`` replace the retry
    waits, the UTC clock and the jitter source.
    """

    def __init__(
        self,
        settings: OmnitronSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = utcnow,
        rng: Callable[[], float] = random.random,
        max_attempts: int = 3,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        max_rate_limit_wait: float = 60.0,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_connections: int = 8,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be 1 or more, got {max_attempts}")
        if page_size < 1:
            raise ValueError(f"page_size must be 1 or more, got {page_size}")
        self.settings = settings
        self._sleep = sleep
        self._clock = clock
        self._rng = rng
        self._max_attempts = max_attempts
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._max_rate_limit_wait = max_rate_limit_wait
        self.page_size = page_size
        self._token: str | None = None
        self._login_lock = asyncio.Lock()
        self._rate_limited_until: dt.datetime | None = None
        self.last_success_at: dt.datetime | None = None
        self._redaction = redaction_filter()
        self._redaction.add_secret(settings.password)
        self._closed = False
        verify: ssl.SSLContext | bool = True
        if settings.ca_bundle:
            verify = ssl.create_default_context(cafile=settings.ca_bundle)
        self._http = httpx.AsyncClient(
            base_url=settings.url,
            transport=transport,
            verify=verify,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            follow_redirects=False,
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections; the client cannot be used afterwards."""
        if self._closed:
            return
        self._closed = True
        await self._http.aclose()
        self._forget_token()
        self._redaction.remove_secret(self.settings.password)

    @property
    def rate_limited_until(self) -> dt.datetime | None:
        """UTC time before which Omnitron asked for no more requests, while it is ahead."""
        until = self._rate_limited_until
        if until is None or until <= self._clock():
            return None
        return until

    @property
    def logged_in(self) -> bool:
        return self._token is not None

    # Authentication

    def _forget_token(self) -> None:
        if self._token is not None:
            self._redaction.remove_secret(self._token)
            self._token = None

    async def login(self) -> None:
        """Log in with the configured user and keep the token for later calls.

        Raises:
            Unauthorised: Omnitron rejected the user name or password.
            OmnitronError: the login request failed for another reason.
        """
        async with self._login_lock:
            await self._login_locked()

    async def _login_locked(self) -> None:
        settings = self.settings
        path = f"{settings.auth_prefix}auth/login/"
        credentials = {"username": settings.user, "password": settings.password}
        try:
            response = await self._send("POST", path, json_body=credentials, authenticated=False)
        except Rejected as error:
            if error.status_code in (400, 401, 403):
                detail = self._redaction.redact(describe_error_body(error.body))
                log.error(
                    "Omnitron login of user %r at %s failed with HTTP %d: %s",
                    settings.user,
                    settings.url,
                    error.status_code,
                    detail,
                )
                raise Unauthorised(settings.user, settings.url, detail) from None
            raise
        answer = self._validate(LoginAnswer, self._json(response, "POST", path), "POST", path)
        self._forget_token()
        self._token = answer.key
        self._redaction.add_secret(answer.key)
        log.info("Logged in to Omnitron at %s as %r", settings.url, settings.user)

    async def _current_token(self) -> str:
        if self._token is None:
            async with self._login_lock:
                if self._token is None:
                    await self._login_locked()
        assert self._token is not None
        return self._token

    async def _login_again(self, rejected_token: str) -> None:
        async with self._login_lock:
            # Several calls in flight may get a 401 for the same token; the first one logs
            # in, the others find a new token already there and just send again.
            if self._token == rejected_token:
                log.info("Omnitron rejected the token (HTTP 401); logging in again")
                self._forget_token()
                await self._login_locked()

    # Sending

    async def _wait_for_rate_limit(self) -> None:
        until = self._rate_limited_until
        if until is None:
            return
        remaining = (until - self._clock()).total_seconds()
        if remaining <= 0:
            return
        if remaining > self._max_rate_limit_wait:
            raise RateLimited(until, remaining)
        log.info("Rate limited by Omnitron: waiting %.1f s before the next request", remaining)
        await self._sleep(remaining)

    def _retry_delay(self, attempt: int, error: OmnitronError) -> float:
        backoff = backoff_delay(
            attempt, base=self._backoff_base, cap=self._backoff_cap, rng=self._rng
        )
        if not isinstance(error, RateLimited):
            return backoff
        hint = error.retry_after
        if hint is None:
            delay = backoff
        elif hint > self._max_rate_limit_wait:
            log.warning(
                "Omnitron asked to wait %.1f s (until %s); more than the %.0f s the client "
                "waits, so the call gives up",
                hint,
                error.until.isoformat(timespec="seconds"),
                self._max_rate_limit_wait,
            )
            raise error
        else:
            delay = min(max(hint, backoff), self._max_rate_limit_wait)
        self._rate_limited_until = self._clock() + dt.timedelta(seconds=delay)
        return delay

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        authenticated: bool = True,
    ) -> httpx.Response:
        """Send one request with login, retries and rate limits; return the 2xx response."""
        if self._closed:
            raise RuntimeError("the Omnitron client is closed")
        attempt = 0
        logged_in_again = False
        while True:
            attempt += 1
            await self._wait_for_rate_limit()
            headers: dict[str, str] = {}
            token: str | None = None
            if authenticated:
                token = await self._current_token()
                headers["Authorization"] = f"Token {token}"
            error: OmnitronError | None
            try:
                response = await self._http.request(
                    method, path, params=params, json=json_body, headers=headers
                )
            except httpx.HTTPError as exc:
                error = error_from_exception(exc, method, path)
            else:
                if response.status_code == 401 and token is not None:
                    if logged_in_again:
                        raise Unauthorised(
                            self.settings.user,
                            self.settings.url,
                            f"{method} {path} was rejected with HTTP 401 right after a new login",
                        )
                    logged_in_again = True
                    await self._login_again(token)
                    # The re-login is not a failed attempt of this call.
                    attempt -= 1
                    continue
                error = error_from_response(response, method, path, self._clock())
                if error is None:
                    self._rate_limited_until = None
                    self.last_success_at = self._clock()
                    return response
            if isinstance(error, RateLimited):
                self._rate_limited_until = error.until
            if not error.retryable or attempt >= self._max_attempts:
                if error.retryable:
                    log.warning("%s %s failed after %d attempts: %s", method, path, attempt, error)
                raise error
            delay = self._retry_delay(attempt, error)
            log.warning(
                "%s %s failed (%s); retry %d of %d in %.2f s",
                method,
                path,
                error,
                attempt,
                self._max_attempts - 1,
                delay,
            )
            await self._sleep(delay)

    @staticmethod
    def _json(response: httpx.Response, method: str, path: str) -> Any:
        content_type = response.headers.get("Content-Type", "").lower()
        text = body_text(response)
        if "html" in content_type or text.lstrip().startswith("<"):
            raise InvalidAnswer(
                f"expected JSON, got an HTML page (HTTP {response.status_code}, "
                f"{len(response.content)} bytes)",
                method,
                path,
            )
        if not text.strip():
            raise InvalidAnswer(f"empty body (HTTP {response.status_code})", method, path)
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidAnswer(
                f"the body is not valid JSON ({error.msg} at character {error.pos} of "
                f"{len(text)}); it may be cut off",
                method,
                path,
            ) from None

    @staticmethod
    def _validate(model: type[ModelT], data: Any, method: str, path: str) -> ModelT:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            raise InvalidAnswer(
                f"the response does not match {model.__name__}: {describe_validation_error(error)}",
                method,
                path,
            ) from None

    # Lists

    async def _page(
        self, path: str, params: Mapping[str, str]
    ) -> tuple[Page | list[Any], dict[str, str] | None]:
        response = await self._send("GET", path, params=params)
        data = self._json(response, "GET", path)
        if isinstance(data, list):
            # A list endpoint without pagination returns a bare array.
            return data, None
        page = self._validate(Page, data, "GET", path)
        next_params = _query_params(page.next) if page.next else None
        return page, next_params

    async def _all_pages(self, path: str, params: Mapping[str, str]) -> list[Any]:
        query = {"limit": str(self.page_size), **params}
        items: list[Any] = []
        seen: set[tuple[tuple[str, str], ...]] = set()
        pages = 0
        while True:
            key = tuple(sorted(query.items()))
            if key in seen:
                raise InvalidAnswer(f"the next link repeats the query {dict(key)}", "GET", path)
            seen.add(key)
            page, next_params = await self._page(path, query)
            pages += 1
            if isinstance(page, list):
                return page
            items.extend(page.results)
            if next_params is None:
                return items
            expected_pages = -(-page.count // max(1, len(page.results) or 1))
            if pages > expected_pages + EXTRA_PAGES_ALLOWED:
                raise InvalidAnswer(
                    f"more pages than the count of {page.count} allows", "GET", path
                )
            query = next_params

    def _parse_orders(self, raw_orders: Sequence[Any]) -> list[OrderPayload | InvalidOrder]:
        entries: list[OrderPayload | InvalidOrder] = []
        for index, raw in enumerate(raw_orders):
            try:
                entries.append(OrderPayload.model_validate(raw))
            except ValidationError as error:
                ref = _order_ref(raw, index)
                reason = describe_validation_error(error)
                log.warning("Skipped Omnitron order %s: it failed validation: %s", ref, reason)
                modified = raw.get("modified_date") if isinstance(raw, dict) else None
                entries.append(InvalidOrder(ref, reason, _lenient_datetime(modified)))
        return entries

    @property
    def _orders_path(self) -> str:
        return f"{self.settings.orders_prefix}orders/"

    async def orders_page(self, params: Mapping[str, str]) -> OrdersPage:
        """Fetch one page of the order list with ``params`` (``limit`` defaults to page_size)."""
        query = {"limit": str(self.page_size), **params}
        page, next_params = await self._page(self._orders_path, query)
        if isinstance(page, list):
            return OrdersPage(self._parse_orders(page), len(page), None)
        return OrdersPage(self._parse_orders(page.results), page.count, next_params)

    async def iter_orders(self, params: Mapping[str, str]) -> AsyncIterator[OrderPayload]:
        """Yield every valid order the list filtered by ``params`` holds, page by page.

        Pages are fetched one at a time as the caller iterates, following ``next``.
        """
        query: dict[str, str] = {"limit": str(self.page_size), **params}
        seen: set[tuple[tuple[str, str], ...]] = set()
        while True:
            key = tuple(sorted(query.items()))
            if key in seen:
                raise InvalidAnswer(
                    f"the next link repeats the query {dict(key)}", "GET", self._orders_path
                )
            seen.add(key)
            page = await self.orders_page(query)
            for order in page.orders:
                yield order
            if page.next_params is None:
                return
            query = page.next_params

    async def orders_by_ids(
        self, ids: Sequence[int], *, batch_size: int = MAX_IDS_PER_REQUEST
    ) -> list[OrderPayload]:
        """Fetch the orders with the given Omnitron ids, ``batch_size`` ids a request.

        Ids Omnitron does not return are missing from the result; the caller decides
        what that means.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be 1 or more, got {batch_size}")
        orders: list[OrderPayload] = []
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), batch_size):
            chunk = unique[start : start + batch_size]
            params = {"id__in": ",".join(str(pk) for pk in chunk), "limit": str(len(chunk))}
            async for order in self.iter_orders(params):
                orders.append(order)
        return orders

    async def update_order_item_status(self, pk: int, status: str) -> OrderItemUpdate:
        """PATCH order item ``pk`` to ``status``; sending the same update twice is harmless.

        Raises:
            Rejected: Omnitron refused the change (unknown item, cancelled order, ...).
            OmnitronError: the request failed for another reason.
        """
        path = f"{self.settings.update_prefix}order_items/{pk}/"
        response = await self._send("PATCH", path, json_body={"status": status})
        answer = self._validate(OrderItemUpdate, self._json(response, "PATCH", path), "PATCH", path)
        if answer.status != status:
            log.warning(
                "Omnitron accepted order item %d but reports status %s instead of %s",
                pk,
                answer.status,
                status,
            )
        return answer

    async def _reference_list(self, name: str, model: type[ModelT]) -> list[ModelT]:
        path = f"{self.settings.orders_prefix}{name}/"
        result: list[ModelT] = []
        for index, raw in enumerate(await self._all_pages(path, {})):
            try:
                result.append(model.model_validate(raw))
            except ValidationError as error:
                ref = raw.get("pk", f"#{index}") if isinstance(raw, dict) else f"#{index}"
                log.warning(
                    "Skipped Omnitron %s entry %s: %s", name, ref, describe_validation_error(error)
                )
        return result

    async def channels(self) -> list[ChannelPayload]:
        """Fetch every sales channel."""
        return await self._reference_list("channels", ChannelPayload)

    async def cargo_companies(self) -> list[CargoCompanyPayload]:
        """Fetch every cargo company."""
        return await self._reference_list("cargo_companies", CargoCompanyPayload)
