"""HTTP requests and responses as plain values, independent of the server class."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

JSON_CONTENT_TYPE = "application/json"


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # without the query string, still percent-encoded
    query: str  # the raw query string, "" when there is none
    body: bytes
    authorization: str | None
    content_type: str | None
    base_url: str  # scheme and authority the client used, such as "http://127.0.0.1:8765"


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = JSON_CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    """An error response with an Omnitron-shaped JSON body, raised from request handling."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"HTTP {status}: {body!r}")
        self.status = status
        self.body = body
        self.headers = headers or {}

    def to_response(self) -> Response:
        return json_response(self.status, self.body, self.headers)


def encode_json(value: Any) -> bytes:
    # Turkish letters go out as UTF-8, not as \u escapes, as Django REST framework sends them.
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def json_response(status: int, value: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(status, encode_json(value), JSON_CONTENT_TYPE, dict(headers or {}))


def not_found() -> HttpError:
    return HttpError(404, {"detail": "Not found."})


def method_not_allowed(method: str, allowed: list[str]) -> HttpError:
    return HttpError(
        405,
        {"detail": f'Method "{method}" not allowed.'},
        {"Allow": ", ".join(sorted(allowed))},
    )


def parse_json_body(request: Request, *, require_json_content_type: bool) -> Any:
    """Decode the request body as JSON; an empty body reads as an empty object.

    With `require_json_content_type`, a body sent as another media type is rejected with 415,
    as Django REST framework does.
    """
    if not request.body:
        return {}
    if require_json_content_type and request.content_type:
        media_type = request.content_type.split(";", 1)[0].strip().lower()
        if media_type != JSON_CONTENT_TYPE and not media_type.endswith("+json"):
            raise HttpError(415, {"detail": f'Unsupported media type "{media_type}" in request.'})
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HttpError(400, {"detail": f"JSON parse error - {error}"}) from error
