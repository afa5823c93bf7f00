"""The supervisor's "test connection": log in to Omnitron, read one page of orders, and
name the exact failure when that does not work.

The check goes through ``OmnitronClient``, so it exercises the same login, prefixes,
TLS settings and error mapping as the sync engine, with one attempt per request and no
retries, so a failure shows at once. A transport wrapper keeps the low-level exception
of the last request, because the client's error tree keeps only its text; the cause
tells a DNS failure, a certificate problem and a refused connection apart.

Nothing here puts the password into a result, a message or a log line.
"""

from __future__ import annotations

import enum
import errno
import logging
import os
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import httpx

from oms_desktop.core.settings import OMNITRON_CA_BUNDLE
from oms_desktop.sync.client import OmnitronClient
from oms_desktop.sync.errors import (
    InvalidAnswer,
    OmnitronConnectionError,
    OmnitronError,
    OmnitronNotConfigured,
    OmnitronTimeout,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorised,
)
from oms_desktop.sync.settings import OmnitronSettings, check_url, normalise_prefix

log = logging.getLogger(__name__)

# Seconds the test waits for a connection and for each response. Shorter than the sync
# engine's read timeout, because a person is waiting for the answer.
TEST_CONNECT_TIMEOUT = 5.0
TEST_READ_TIMEOUT = 10.0


class ConnectionTestKind(enum.Enum):
    """The outcome of a connection test; everything but SUCCESS is a failure."""

    SUCCESS = "success"
    NO_PASSWORD = "no_password"  # neither typed, nor in the keyring, nor in the environment
    INVALID_SETTINGS = "invalid_settings"  # an unreadable CA bundle
    DNS_FAILURE = "dns_failure"  # the host name does not resolve
    TLS_ERROR = "tls_error"  # certificate not trusted, expired, wrong host, no TLS
    CONNECTION_REFUSED = "connection_refused"  # nothing listens on the port
    CONNECTION_FAILED = "connection_failed"  # reset, unreachable, closed without a response
    TIMEOUT = "timeout"
    UNAUTHORISED = "unauthorised"  # wrong user name or password
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"  # 5xx from Omnitron or a proxy
    REJECTED = "rejected"  # another 4xx, typically a wrong path prefix (404)
    INVALID_ANSWER = "invalid_answer"  # not the JSON the API promises


@dataclass(frozen=True)
class ConnectionTestResult:
    """What a connection test found.

    ``detail`` is an English technical detail for the log and the details line (the
    certificate problem, the HTTP status, the server's message); it never contains the
    password. ``step`` is "login" or "orders": the request that failed, or the last one.
    """

    kind: ConnectionTestKind
    url: str
    user: str
    step: str = ""
    detail: str = ""
    order_count: int | None = None
    status_code: int | None = None
    elapsed_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind is ConnectionTestKind.SUCCESS

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url

    def describe(self) -> str:
        """Return one English sentence for a log line or the command line."""
        where = f"Omnitron at {self.url}"
        kind = self.kind
        if kind is ConnectionTestKind.SUCCESS:
            return f"connected to {where} as {self.user!r}; {self.order_count} orders visible"
        if kind is ConnectionTestKind.UNAUTHORISED:
            return f"{where} rejected the login of user {self.user!r}: {self.detail}"
        if kind is ConnectionTestKind.DNS_FAILURE:
            return f"the host name {self.host!r} cannot be resolved: {self.detail}"
        if kind is ConnectionTestKind.CONNECTION_REFUSED:
            return f"{where} refused the connection: nothing listens on that address and port"
        if kind is ConnectionTestKind.TLS_ERROR:
            return f"the TLS certificate of {where} is not accepted: {self.detail}"
        return f"{kind.value} during {self.step or 'the test'} at {where}: {self.detail}"


class _RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to ``inner`` and keeps the last exception a request raised."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.last_error: BaseException | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self.inner.handle_async_request(request)
        except Exception as error:
            self.last_error = error
            raise

    async def aclose(self) -> None:
        await self.inner.aclose()


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    """Yield ``error``, its causes and contexts, and the members of exception groups."""
    pending = [error] if error is not None else []
    seen: set[int] = set()
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        for linked in (current.__context__, current.__cause__):
            if linked is not None:
                pending.append(linked)


def classify_network_error(error: BaseException | None) -> tuple[ConnectionTestKind, str]:
    """Return the kind of a failed connection and a short detail, from its exception chain.

    An unknown cause is CONNECTION_FAILED with the outermost message as the detail.
    """
    causes = list(_chain(error))
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return ConnectionTestKind.TLS_ERROR, cause.verify_message or str(cause)
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return ConnectionTestKind.TLS_ERROR, cause.reason or str(cause)
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return ConnectionTestKind.DNS_FAILURE, cause.strerror or str(cause)
    for cause in causes:
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
        ):
            return ConnectionTestKind.CONNECTION_REFUSED, cause.strerror or str(cause)
    if error is None:
        return ConnectionTestKind.CONNECTION_FAILED, "no response"
    return ConnectionTestKind.CONNECTION_FAILED, str(error) or type(error).__name__


def connection_settings(
    *,
    url: str,
    user: str,
    password: str,
    auth_prefix: str,
    orders_prefix: str,
    update_prefix: str,
    ca_bundle: str = "",
) -> OmnitronSettings:
    """Build client settings from values a supervisor typed, checked and normalised.

    Raises:
        OmnitronNotConfigured: the URL is invalid, or the CA bundle file does not exist.
    """
    ca_bundle = ca_bundle.strip()
    if ca_bundle and not os.path.isfile(ca_bundle):
        raise OmnitronNotConfigured(
            OMNITRON_CA_BUNDLE, f"CA bundle file {ca_bundle!r} does not exist"
        )
    return OmnitronSettings(
        url=check_url(url),
        user=user.strip(),
        password=password,
        auth_prefix=normalise_prefix(auth_prefix),
        orders_prefix=normalise_prefix(orders_prefix),
        update_prefix=normalise_prefix(update_prefix),
        ca_bundle=ca_bundle or None,
    )


def _scrub(text: str, password: str) -> str:
    # Like the log redaction filter, strings under 4 characters are left alone: hiding
    # every "p" of a message would garble it without hiding anything.
    return text.replace(password, "***") if len(password) >= 4 else text


def _timeout_detail(recorded: BaseException | None, settings: OmnitronSettings) -> str:
    if isinstance(recorded, httpx.ConnectTimeout):
        return f"no connection within {settings.connect_timeout:g} s"
    if isinstance(recorded, httpx.PoolTimeout):
        return "no free connection in the pool"
    return f"no answer within {settings.read_timeout:g} s"


async def test_connection(
    settings: OmnitronSettings,
    *,
    connect_timeout: float = TEST_CONNECT_TIMEOUT,
    read_timeout: float = TEST_READ_TIMEOUT,
) -> ConnectionTestResult:
    """Log in with ``settings`` and read one page of orders; return what happened.

    Never raises for a failure of the connection, the login or the answer: each becomes a
    result with its kind and detail. Cancelling the awaiting task cancels the request.
    """
    settings = replace(settings, connect_timeout=connect_timeout, read_timeout=read_timeout)
    started = time.monotonic()

    def result(
        kind: ConnectionTestKind,
        step: str,
        detail: str = "",
        *,
        order_count: int | None = None,
        status_code: int | None = None,
    ) -> ConnectionTestResult:
        outcome = ConnectionTestResult(
            kind,
            settings.url,
            settings.user,
            step=step,
            detail=_scrub(detail, settings.password),
            order_count=order_count,
            status_code=status_code,
            elapsed_seconds=time.monotonic() - started,
        )
        level = logging.INFO if outcome.ok else logging.WARNING
        log.log(level, "Omnitron connection test: %s", outcome.describe())
        return outcome

    if not settings.password:
        return result(ConnectionTestKind.NO_PASSWORD, "login", "no password given")
    verify: ssl.SSLContext | bool = True
    if settings.ca_bundle:
        try:
            verify = ssl.create_default_context(cafile=settings.ca_bundle)
        except (OSError, ssl.SSLError) as error:
            return result(
                ConnectionTestKind.INVALID_SETTINGS,
                "login",
                f"the CA bundle {settings.ca_bundle!r} cannot be read: {error}",
            )
    transport = _RecordingTransport(httpx.AsyncHTTPTransport(verify=verify))
    step = "login"
    try:
        async with OmnitronClient(settings, transport=transport, max_attempts=1) as client:
            await client.login()
            step = "orders"
            page = await client.orders_page({"limit": "1"})
    except Unauthorised as error:
        return result(ConnectionTestKind.UNAUTHORISED, step, error.detail)
    except OmnitronTimeout:
        return result(
            ConnectionTestKind.TIMEOUT, step, _timeout_detail(transport.last_error, settings)
        )
    except OmnitronConnectionError as error:
        recorded = transport.last_error
        kind, detail = classify_network_error(recorded if recorded is not None else error)
        return result(kind, step, detail)
    except RateLimited as error:
        wait = f"{error.retry_after:g} s" if error.retry_after is not None else "a while"
        return result(ConnectionTestKind.RATE_LIMITED, step, f"Omnitron asked to wait {wait}")
    except ServerError as error:
        return result(
            ConnectionTestKind.SERVER_ERROR, step, str(error), status_code=error.status_code
        )
    except Rejected as error:
        return result(ConnectionTestKind.REJECTED, step, str(error), status_code=error.status_code)
    except InvalidAnswer as error:
        return result(ConnectionTestKind.INVALID_ANSWER, step, error.detail)
    except OmnitronError as error:
        return result(ConnectionTestKind.CONNECTION_FAILED, step, str(error))
    return result(ConnectionTestKind.SUCCESS, step, order_count=page.count)


# pytest collects module-level functions named test_*; this one is product code that a
# test module imports, so it opts out of collection.
test_connection.__test__ = False  # type: ignore[attr-defined]
