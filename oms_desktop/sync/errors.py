"""Failures of a call to Omnitron, as one small typed tree.

``error_from_exception`` and ``error_from_response`` are the one place where httpx
exceptions and HTTP status codes become these types; the client and the jobs only ever
see the tree. ``retryable`` tells whether sending the same request again later can
succeed without anyone changing anything.
"""

from __future__ import annotations

import datetime as dt
import json
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from oms_desktop.core.errors import ConfigurationError

# Maximum length of a response body excerpt in an error message or a log line.
MAX_BODY_IN_MESSAGE = 500


class OmnitronNotConfigured(ConfigurationError):
    """The Omnitron connection settings are missing or invalid; ``path`` names the setting."""


class OmnitronError(Exception):
    """A call to Omnitron failed."""

    retryable = False


class OmnitronConnectionError(OmnitronError):
    """No response: the connection could not be made, or broke before a complete response."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class OmnitronTimeout(OmnitronError):
    """Omnitron did not accept the connection or respond within the configured timeout."""

    retryable = True


class RateLimited(OmnitronError):
    """Omnitron responded with 429, so no request should be sent before ``until`` (UTC).

    ``retry_after`` is the wait in seconds the Retry-After header asked for, None when the
    response had no valid header.
    """

    retryable = True

    def __init__(self, until: dt.datetime, retry_after: float | None = None) -> None:
        super().__init__(f"rate limited by Omnitron until {until:%H:%M:%S} UTC")
        self.until = until
        self.retry_after = retry_after


class Unauthorised(OmnitronError):
    """Omnitron rejected the user's login, or rejected a fresh token at once."""

    def __init__(self, user: str, url: str, detail: str = "") -> None:
        reason = f": {detail}" if detail else ""
        super().__init__(
            f"Omnitron at {url} rejected the login of user {user!r}{reason}; "
            "check the user name and password in the Omnitron settings"
        )
        self.user = user
        self.url = url
        self.detail = detail


class Rejected(OmnitronError):
    """Omnitron responded with a 4xx status that sending the request again cannot change."""

    def __init__(self, status_code: int, body: str, method: str = "", path: str = "") -> None:
        where = f"{method} {path} " if method or path else ""
        super().__init__(f"{where}rejected with HTTP {status_code}: {clip(body)}")
        self.status_code = status_code
        self.body = body
        self.method = method
        self.path = path


class InvalidAnswer(OmnitronError):
    """Omnitron's response is not what the API promises: an HTML page, broken JSON or a
    document of the wrong shape."""

    def __init__(self, detail: str, method: str = "", path: str = "") -> None:
        where = f"{method} {path}: " if method or path else ""
        super().__init__(f"{where}invalid answer from Omnitron: {detail}")
        self.detail = detail
        self.method = method
        self.path = path


class ServerError(OmnitronError):
    """Omnitron, or a proxy in front of it, responded with a 5xx status."""

    retryable = True

    def __init__(self, status_code: int, body: str = "", method: str = "", path: str = "") -> None:
        where = f"{method} {path} " if method or path else ""
        suffix = f": {clip(body)}" if body else ""
        super().__init__(f"{where}failed with HTTP {status_code}{suffix}")
        self.status_code = status_code
        self.body = body


def clip(text: str, limit: int = MAX_BODY_IN_MESSAGE) -> str:
    """Shorten ``text`` to at most ``limit`` characters for a message or a log line."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - 3] + "..."


def error_from_exception(error: httpx.HTTPError, method: str, path: str) -> OmnitronError:
    """Map an httpx exception raised while sending ``method path`` to the error tree."""
    where = f"{method} {path}"
    if isinstance(error, httpx.TimeoutException):
        kind = type(error).__name__
        return OmnitronTimeout(f"{where} timed out ({kind})")
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        # A URL with a wrong scheme never starts working by itself.
        return OmnitronConnectionError(
            f"{where} cannot be sent: {error}; check the Omnitron URL", retryable=False
        )
    if isinstance(error, httpx.DecodingError):
        return InvalidAnswer(f"the body could not be decoded: {error}", method, path)
    if isinstance(error, httpx.TransportError):
        detail = str(error) or type(error).__name__
        return OmnitronConnectionError(f"{where} failed: {detail}")
    if isinstance(error, httpx.TooManyRedirects):
        return InvalidAnswer(f"too many redirects: {error}", method, path)
    return OmnitronConnectionError(f"{where} failed: {error}")


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Return the seconds a Retry-After header asks to wait, or None when it has no valid value.

    Accepts whole seconds ("120"), fractional seconds ("0.2", which some servers send
    although the HTTP standard allows only whole ones) and an HTTP date. A date in the past
    means 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if seconds != seconds or seconds < 0 or seconds == float("inf"):
            return None
        return seconds
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        # RFC 9110 dates are always GMT; "-0000" parses as naive.
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, (moment - now).total_seconds())


def body_text(response: httpx.Response) -> str:
    """Return the response body as text for a message, decoded leniently."""
    try:
        return response.text
    except (UnicodeDecodeError, LookupError):
        return response.content.decode("utf-8", errors="replace")


def describe_error_body(text: str) -> str:
    """Return the readable part of an Omnitron error body: ``detail``, the non-field
    errors, or ``field: message`` pairs; the raw text when it is not JSON."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return clip(text)
    if isinstance(data, dict):
        if isinstance(data.get("detail"), str):
            return clip(str(data["detail"]))
        parts: list[str] = []
        for key, messages in data.items():
            if key == "code":
                continue
            if isinstance(messages, list):
                joined = " ".join(str(message) for message in messages)
            else:
                joined = str(messages)
            parts.append(joined if key == "non_field_errors" else f"{key}: {joined}")
        if parts:
            return clip("; ".join(parts))
    return clip(text)


def error_from_response(
    response: httpx.Response, method: str, path: str, now: dt.datetime
) -> OmnitronError | None:
    """Map a response to the error tree; None for a 2xx answer.

    401 maps to a Rejected here; the client handles it first by logging in again.
    """
    status = response.status_code
    if 200 <= status < 300:
        return None
    text = body_text(response)
    if status == 429:
        wait = parse_retry_after(response.headers.get("Retry-After"), now)
        until = now + dt.timedelta(seconds=wait or 0.0)
        return RateLimited(until, wait)
    if status == 408:
        return OmnitronTimeout(f"{method} {path}: Omnitron timed out reading the request (408)")
    if status >= 500:
        return ServerError(status, _summary_for_server_error(response, text), method, path)
    if 300 <= status < 400:
        location = response.headers.get("Location", "")
        return InvalidAnswer(
            f"unexpected redirect {status} to {location or 'nowhere'}; "
            "set the Omnitron URL to the final address",
            method,
            path,
        )
    return Rejected(status, text, method, path)


def _summary_for_server_error(response: httpx.Response, text: str) -> str:
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type.lower() or text.lstrip().startswith("<"):
        return "an HTML error page"
    return describe_error_body(text)
