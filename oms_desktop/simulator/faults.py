"""Fault rules: parsing, validation and matching of injected failures.

A rule selects requests by path prefix and method and has exactly one effect:

- ``status``: respond with that status and a JSON body (``body``, or a default ``detail``),
  plus a Retry-After header when ``retry_after`` is given. The request is not processed.
- ``latency_ms``: wait, then process the request and respond normally.
- ``"body": "malformed"``: process the request, then respond 200 (or ``status``) with a body
  that is not valid JSON.
- ``"body": "truncated"``: process the request, then send the first half of the real JSON
  response with its real status and a Content-Length that matches the bytes sent.
- ``"body": "html"``: respond with an HTML error page, status 502 unless ``status`` is given,
  as a reverse proxy does when the application behind it fails. The request is not processed.
- ``"drop": true``: read the request, then close the connection without a response. The
  request is not processed.

``"malformed": true``, ``"truncated": true`` and ``"html": true`` are accepted as spellings of
the three ``body`` keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Effect = Literal["status", "latency", "malformed", "truncated", "html", "drop"]

# The keywords of "body" (and of the boolean fields that spell the same effects).
BODY_EFFECTS: dict[str, Effect] = {
    "malformed": "malformed",
    "truncated": "truncated",
    "html": "html",
}
BODY_KEYWORDS: frozenset[str] = frozenset(BODY_EFFECTS)
ALLOWED_FIELDS: frozenset[str] = frozenset(
    {"path", "method", "count", "status", "retry_after", "body", "latency_ms", "drop"}
    | BODY_KEYWORDS
)
# Effects that take no "status", with the reason given to the client.
STATUS_CONFLICTS: dict[Effect, str] = {
    "latency": '"latency_ms" responds normally after the delay; remove "status"',
    "drop": '"drop" sends no response at all; remove "status"',
    "truncated": '"truncated" keeps the status of the real response; remove "status"',
}
HTTP_METHODS: frozenset[str] = frozenset(
    {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"}
)
MAX_LATENCY_MS = 600_000


class FaultRuleError(ValueError):
    """An invalid fault rule; `index` is its position in the submitted list, `field` its key."""

    def __init__(self, index: int | None, field: str | None, message: str) -> None:
        self.index = index
        self.field = field
        self.message = message
        where = "the rule list" if index is None else f"rule {index}"
        super().__init__(f"Invalid fault rule: {where}: {message}")


@dataclass
class FaultRule:
    effect: Effect
    path: str | None = None
    method: str | None = None
    remaining: int | None = None  # None applies until the rules are cleared
    status: int | None = None
    retry_after: str | None = None
    body: Any = None
    has_body: bool = False
    latency_ms: float | None = None
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.remaining == 0:
            return False
        if self.method is not None and self.method != method:
            return False
        return self.path is None or path.startswith(self.path)

    def to_json(self) -> dict[str, Any]:
        """Describe the rule in the form it was submitted, plus remaining count and hits."""
        description: dict[str, Any] = {}
        if self.path is not None:
            description["path"] = self.path
        if self.method is not None:
            description["method"] = self.method
        if self.effect == "drop":
            description["drop"] = True
        elif self.effect == "latency":
            description["latency_ms"] = self.latency_ms
        elif self.effect in BODY_KEYWORDS:
            description["body"] = self.effect
        elif self.has_body:
            description["body"] = self.body
        if self.status is not None:
            description["status"] = self.status
        if self.retry_after is not None:
            description["retry_after"] = self.retry_after
        description["effect"] = self.effect
        description["remaining"] = self.remaining
        description["hits"] = self.hits
        return description


def parse_fault_rules(data: Any) -> list[FaultRule]:
    """Validate a submitted JSON list of rules; raise FaultRuleError naming the bad rule."""
    if not isinstance(data, list):
        raise FaultRuleError(
            None, None, f"expected a JSON list of rules, got {type(data).__name__}"
        )
    return [_parse_rule(index, raw_rule) for index, raw_rule in enumerate(data)]


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_rule(index: int, raw_rule: Any) -> FaultRule:
    if not isinstance(raw_rule, dict):
        raise FaultRuleError(index, None, f"expected a JSON object, got {type(raw_rule).__name__}")
    for key in raw_rule:
        if key not in ALLOWED_FIELDS:
            allowed = ", ".join(sorted(ALLOWED_FIELDS))
            raise FaultRuleError(index, key, f'unknown field "{key}"; allowed fields: {allowed}')

    rule = FaultRule(effect="status")
    _parse_selectors(index, raw_rule, rule)
    effects = _collect_effects(index, raw_rule)
    if len(effects) > 1:
        named = ", ".join(f'"{field}"' for _, field in effects)
        raise FaultRuleError(index, effects[1][1], f"a rule has exactly one effect, got {named}")

    has_status = "status" in raw_rule
    has_json_body = "body" in raw_rule and not _is_body_keyword(raw_rule["body"])
    if not effects:
        if not has_status and has_json_body:
            raise FaultRuleError(
                index,
                "body",
                'a JSON "body" needs a "status"; as an effect of its own "body" is one of '
                '"malformed", "truncated" or "html"',
            )
        if not has_status:
            raise FaultRuleError(
                index,
                None,
                'the rule has no effect; give one of "status", "latency_ms", '
                '"body": "malformed" | "truncated" | "html", or "drop": true',
            )
        effects = [("status", "status")]
    rule.effect = effects[0][0]

    if has_status:
        rule.status = _parse_status(index, raw_rule["status"])
        if rule.effect in STATUS_CONFLICTS:
            raise FaultRuleError(index, "status", STATUS_CONFLICTS[rule.effect])
    if "retry_after" in raw_rule:
        if not has_status:
            raise FaultRuleError(index, "retry_after", '"retry_after" needs a "status"')
        rule.retry_after = _parse_retry_after(index, raw_rule["retry_after"])
    if has_json_body:
        if rule.effect != "status":
            raise FaultRuleError(
                index,
                "body",
                f'a JSON "body" only goes with a plain "status", not with "{effects[0][1]}"',
            )
        rule.body = raw_rule["body"]
        rule.has_body = True
    if rule.effect == "latency":
        rule.latency_ms = _parse_latency(index, raw_rule["latency_ms"])
    return rule


def _parse_selectors(index: int, raw_rule: dict[str, Any], rule: FaultRule) -> None:
    if "path" in raw_rule:
        path = raw_rule["path"]
        if not isinstance(path, str) or not path.startswith("/"):
            raise FaultRuleError(
                index, "path", f'"path" must be a string starting with "/", got {path!r}'
            )
        rule.path = path
    if "method" in raw_rule:
        method = raw_rule["method"]
        if not isinstance(method, str) or method.upper() not in HTTP_METHODS:
            allowed = ", ".join(sorted(HTTP_METHODS))
            raise FaultRuleError(
                index, "method", f'"method" must be one of {allowed}, got {method!r}'
            )
        rule.method = method.upper()
    if "count" in raw_rule:
        count = raw_rule["count"]
        if not _is_integer(count) or count < 1:
            raise FaultRuleError(
                index, "count", f'"count" must be an integer of at least 1, got {count!r}'
            )
        rule.remaining = count


def _is_body_keyword(value: Any) -> bool:
    return isinstance(value, str) and value in BODY_EFFECTS


def _collect_effects(index: int, raw_rule: dict[str, Any]) -> list[tuple[Effect, str]]:
    """List the effects a rule names, each with the field that named it.

    A plain "status" is not listed here, because it is the effect only when nothing else is.
    """
    effects: list[tuple[Effect, str]] = []
    if "latency_ms" in raw_rule:
        effects.append(("latency", "latency_ms"))
    if "drop" in raw_rule:
        if raw_rule["drop"] is not True:
            raise FaultRuleError(index, "drop", f'"drop" must be true, got {raw_rule["drop"]!r}')
        effects.append(("drop", "drop"))
    for keyword, effect in BODY_EFFECTS.items():
        if keyword in raw_rule:
            if raw_rule[keyword] is not True:
                raise FaultRuleError(
                    index, keyword, f'"{keyword}" must be true, got {raw_rule[keyword]!r}'
                )
            effects.append((effect, keyword))
    body = raw_rule.get("body")
    if isinstance(body, str) and body in BODY_EFFECTS:
        effects.append((BODY_EFFECTS[body], "body"))

    # The same effect given both ways ("html": true and "body": "html") counts once.
    unique: dict[Effect, str] = {}
    for effect, field_name in effects:
        unique.setdefault(effect, field_name)
    return list(unique.items())


def _parse_status(index: int, value: Any) -> int:
    if not _is_integer(value) or not 200 <= value <= 599 or value in (204, 304):
        raise FaultRuleError(
            index,
            "status",
            f'"status" must be an integer from 200 to 599 other than 204 and 304 '
            f"(those carry no body), got {value!r}",
        )
    return int(value)


def _parse_retry_after(index: int, value: Any) -> str:
    if _is_integer(value) and value >= 0:
        return str(value)
    if not isinstance(value, str) or not value.strip() or "\r" in value or "\n" in value:
        raise FaultRuleError(
            index,
            "retry_after",
            f'"retry_after" must be a header value such as "2" (seconds) or an HTTP date, '
            f"got {value!r}",
        )
    return value


def _parse_latency(index: int, value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_LATENCY_MS
    ):
        raise FaultRuleError(
            index,
            "latency_ms",
            f'"latency_ms" must be a number of milliseconds from 0 to {MAX_LATENCY_MS}, '
            f"got {value!r}",
        )
    return float(value)
