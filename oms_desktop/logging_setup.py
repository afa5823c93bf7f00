"""Logging for the window, the headless sync service and the command line.

One set of root handlers: a rotating file in the platform's log folder and, optionally,
standard error. Every record passes a redaction filter on the way out, so a password or
an Omnitron token that slips into a message or a traceback is masked in both.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path
from typing import Final

from oms_desktop.paths import log_dir

LOG_FILE_NAME = "oms-desktop.log"
MAX_LOG_BYTES = 5 * 1024 * 1024
LOG_BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
MASK = "***"

# httpx logs every request line at INFO, with URLs that may carry query parameters.
QUIET_LOGGERS: Final = ("httpx", "httpcore")
# SQLAlchemy's engine logger prints statements and their bound parameters at INFO.
SQLALCHEMY_ENGINE_LOGGER: Final = "sqlalchemy.engine"


class _DefaultLogFile:
    def __repr__(self) -> str:
        return "<the platform's log folder>"


DEFAULT_LOG_FILE: Final = _DefaultLogFile()

# Each pattern pairs with its replacement: the label stays, the value becomes MASK.
_REDACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Token abc / Bearer abc, in headers and in dict reprs.
    (
        re.compile(
            r"""(authorization['"]?\s*[:=]\s*['"]?(?:token|bearer|basic)\s+)[^\s'",}]+""",
            re.IGNORECASE,
        ),
        rf"\g<1>{MASK}",
    ),
    # "password": "...", 'token': '...' in JSON bodies and Python reprs.
    (
        re.compile(
            r"""(['"](?:[a-z_]*password|passwd|secret|token|access_token|api_key)['"]\s*:\s*)"""
            r"""(["'])(?:(?!\2).)*\2""",
            re.IGNORECASE,
        ),
        rf"\g<1>\g<2>{MASK}\g<2>",
    ),
    # password=..., token=... in query strings, form bodies and keyword reprs.
    (
        re.compile(
            r"""\b((?:[a-z_]*password|passwd|secret|token|api_key)=)"""
            r"""(?:"[^"]*"|'[^']*'|[^\s&,;)]+)""",
            re.IGNORECASE,
        ),
        rf"\g<1>{MASK}",
    ),
    # https://user:secret@host
    (
        re.compile(r"""(\b[a-z][a-z0-9+.-]*://[^\s:/@]+:)[^\s/@]+(?=@)""", re.IGNORECASE),
        rf"\g<1>{MASK}",
    ),
)


def redact(text: str) -> str:
    """Mask passwords, tokens and Authorization header values in ``text``."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Replaces a record's message with its redacted form; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True


class SqlParameterFilter(logging.Filter):
    """Drops SQLAlchemy engine records below WARNING: at INFO they print bound parameters,
    which include order addresses and names."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == SQLALCHEMY_ENGINE_LOGGER or record.name.startswith(
            SQLALCHEMY_ENGINE_LOGGER + "."
        ):
            return record.levelno >= logging.WARNING
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the formatted text too, which covers tracebacks and stack information."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def default_log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


_MARK = "_oms_desktop_handler"


def _remove_own_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()


def _level(level: str | int) -> int:
    if isinstance(level, int):
        return level
    number = logging.getLevelName(level.upper())
    if not isinstance(number, int):
        raise ValueError(f"unknown log level {level!r}")
    return number


def reset_logging() -> None:
    """Remove and close the handlers :func:`configure_logging` installed."""
    _remove_own_handlers(logging.getLogger())


def _prepare(handler: logging.Handler) -> logging.Handler:
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    handler.addFilter(SqlParameterFilter())
    handler.addFilter(RedactingFilter())
    setattr(handler, _MARK, True)
    return handler


def configure_logging(
    level: str | int = "INFO",
    *,
    log_file: Path | _DefaultLogFile | None = DEFAULT_LOG_FILE,
    stderr: bool = True,
    stderr_level: str | int | None = None,
) -> Path | None:
    """Install the root handlers and quiet the chatty libraries; return the log file path.

    ``log_file`` defaults to ``oms-desktop.log`` in the platform's log folder; None writes
    no file. The file rotates at 5 MB and keeps 5 old files. ``stderr_level`` raises the
    threshold of the standard error handler above ``level`` (None: the same). Calling this
    again replaces the handlers it installed before and keeps any other root handler.
    """
    root = logging.getLogger()
    _remove_own_handlers(root)
    root.setLevel(_level(level))

    path = default_log_file() if isinstance(log_file, _DefaultLogFile) else log_file
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUP_COUNT, encoding="utf-8"
        )
        root.addHandler(_prepare(file_handler))
    if stderr:
        stream_handler = logging.StreamHandler(sys.stderr)
        if stderr_level is not None:
            stream_handler.setLevel(_level(stderr_level))
        root.addHandler(_prepare(stream_handler))

    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # The handlers' SqlParameterFilter drops engine records below WARNING as well, in case
    # something turns this logger up to INFO again.
    logging.getLogger(SQLALCHEMY_ENGINE_LOGGER).setLevel(logging.WARNING)
    return path
