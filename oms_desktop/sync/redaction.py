"""A logging filter that keeps the Omnitron password and token out of every log record.

httpx logs one line per request at INFO (method, URL, status) and httpcore logs its
steps at DEBUG; neither prints header values today (httpx 0.28, httpcore 1.0), but a
future version, a DEBUG switch or our own code must not be able to leak the token either.
The filter is attached to the loggers that see requests, and replaces every registered
secret and every ``Authorization`` header value in a record's message with ``***``.
"""

from __future__ import annotations

import logging
import re
import threading

REDACTED = "***"

# Loggers whose records can carry request details. A logger-level filter only sees records
# created on that exact logger, not on its children, so httpcore's children are listed.
HTTP_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "oms_desktop.sync",
    "oms_desktop.sync.client",
    "oms_desktop.sync.jobs",
    "oms_desktop.sync.runner",
    "oms_desktop.sync.engine",
)

# "Authorization: Token abc", "'authorization': 'Token abc'", "(b'Authorization', b'Token abc')".
_AUTHORIZATION = re.compile(
    r"(?i)(authorization['\"]?\s*[:,=]\s*b?['\"]?)((?:token|bearer|basic)\s+)?[^'\"\s,)]+"
)


class SecretRedactingFilter(logging.Filter):
    """Replace registered secrets and Authorization header values in log messages."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: dict[str, int] = {}

    def add_secret(self, secret: str) -> None:
        """Start hiding ``secret``; each add needs a matching ``remove_secret``."""
        # Very short strings would also blank out ordinary words in every message.
        if len(secret) < 4:
            return
        with self._lock:
            self._secrets[secret] = self._secrets.get(secret, 0) + 1

    def remove_secret(self, secret: str) -> None:
        with self._lock:
            count = self._secrets.get(secret, 0)
            if count <= 1:
                self._secrets.pop(secret, None)
            else:
                self._secrets[secret] = count - 1

    def redact(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return _AUTHORIZATION.sub(
            lambda match: f"{match.group(1)}{match.group(2) or ''}{REDACTED}", text
        )

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # A broken format string is the logging call's bug; let the handler report it.
            return True
        redacted = self.redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


_FILTER = SecretRedactingFilter()
_installed = False
_install_lock = threading.Lock()


def redaction_filter() -> SecretRedactingFilter:
    """Return the process-wide filter, attaching it to the HTTP loggers on first use."""
    global _installed
    with _install_lock:
        if not _installed:
            for name in HTTP_LOGGERS:
                logging.getLogger(name).addFilter(_FILTER)
            _installed = True
    return _FILTER
