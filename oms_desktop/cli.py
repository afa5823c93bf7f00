"""The ``oms-desktop`` command line: the window, the headless sync service and station tools.

Qt, httpx and the sync engine are imported inside the subcommands that need them, so
``oms-desktop pack`` and ``oms-desktop packages`` work on a machine where Qt cannot load.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import getpass
import importlib.metadata
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO
from urllib.parse import urlsplit

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from oms_desktop.core import db as core_db
from oms_desktop.core.errors import (
    AlreadyPacked,
    AmbiguousCode,
    ConcurrentUpdate,
    ConfigurationError,
    DomainError,
    NoRoute,
    NoTrackingNumber,
    NoTransition,
    OrderCancelled,
    UnknownCode,
)
from oms_desktop.logging_setup import configure_logging, reset_logging

log = logging.getLogger(__name__)

PROG = "oms-desktop"
ENV_DATABASE_URL = "OMS_DATABASE_URL"
ENV_OMNITRON_URL = "OMS_OMNITRON_URL"
ENV_STATION = "OMS_STATION"
ENV_OPERATOR = "OMS_OPERATOR"
DEFAULT_HEALTH_INTERVAL = 60.0
# Seconds the sync service lets a running cycle finish after SIGTERM or Ctrl-C, so a report
# on the wire is recorded as delivered instead of staying claimed until its claim expires.
DEFAULT_STOP_GRACE = 5.0


class Exit:
    """Process exit statuses. Every failure kind has its own, so scripts can branch on it."""

    OK = 0
    ERROR = 1  # unexpected failure; details in the log file
    USAGE = 2  # invalid arguments
    NOT_FOUND = 3  # no package, order or tracking number matches the code
    AMBIGUOUS = 4  # the code matches several packages
    ALREADY_PACKED = 5
    CANCELLED = 6  # the order is cancelled
    NO_TRANSITION = 7  # the package's status has no transition for the command
    NO_ROUTE = 8  # no shipment condition routes the order
    NO_TRACKING_NUMBER = 9
    CONFLICT = 10  # another station changed the package at the same time
    INVALID_CONFIGURATION = 11  # invalid configuration file or setting, or no Omnitron URL
    SCHEMA = 12  # database schema older or newer than this application
    DATABASE = 13  # the database cannot be opened or is locked
    OMNITRON = 14  # Omnitron unreachable, login failed or the sync cycle failed
    BUSY = 15  # another sync engine holds the lease for this database


EXIT_CODES_HELP = """\
exit statuses:
   0  success
   1  unexpected error (details in the log file)
   2  invalid arguments
   3  pack: no package, order or tracking number matches the code
   4  pack: the code matches several packages; scan the package number
   5  pack: the package is already packed
   6  pack: the order is cancelled
   7  pack: the package's status has no transition for the command
   8  pack: no shipment condition routes the order's channel and cargo company
   9  pack: the order has no tracking number yet
  10  pack: another station changed the package at the same time
  11  invalid configuration file or setting, or Omnitron not configured
  12  database schema older than the application (run "oms-desktop db upgrade")
      or newer (update the application)
  13  the database cannot be opened or stays locked
  14  sync: Omnitron unreachable, login rejected or the cycle failed
  15  sync --once: another sync engine is talking to Omnitron for this database

environment:
  OMS_DATABASE_URL       database URL when --database is not given
  OMS_OMNITRON_URL       Omnitron URL when --omnitron-url is not given
  OMS_OMNITRON_USER      Omnitron user, overriding the stored setting
  OMS_OMNITRON_PASSWORD  Omnitron password; otherwise the OS keyring is read
  OMS_STATION            station name when --station is not given
"""

PACK_ERRORS: tuple[tuple[type[DomainError], int], ...] = (
    (UnknownCode, Exit.NOT_FOUND),
    (AmbiguousCode, Exit.AMBIGUOUS),
    (AlreadyPacked, Exit.ALREADY_PACKED),
    (OrderCancelled, Exit.CANCELLED),
    (NoTransition, Exit.NO_TRANSITION),
    (NoRoute, Exit.NO_ROUTE),
    (NoTrackingNumber, Exit.NO_TRACKING_NUMBER),
    (ConcurrentUpdate, Exit.CONFLICT),
    (ConfigurationError, Exit.INVALID_CONFIGURATION),
)


class CommandFailed(Exception):
    """Ends a subcommand with a one-line message on standard error and an exit status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise CommandFailed(Exit.USAGE, f"{self.prog}: {message}")


# ---------------------------------------------------------------------------------------
# Parser
# ---------------------------------------------------------------------------------------


def _common_options() -> _ArgumentParser:
    # SUPPRESS keeps an option given before the subcommand from being reset by the
    # subcommand's own default.
    common = _ArgumentParser(add_help=False)
    group = common.add_argument_group("common options")
    group.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"database URL or SQLite file path (default ${ENV_DATABASE_URL}, "
        "else the SQLite file in the user's data folder)",
    )
    group.add_argument(
        "--omnitron-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"Omnitron base URL (default ${ENV_OMNITRON_URL}, else the stored setting); "
        "the password never goes on the command line",
    )
    group.add_argument(
        "--station",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=f"station name recorded with packings and audit events "
        f"(default ${ENV_STATION}, else the host name)",
    )
    group.add_argument(
        "--log-level",
        metavar="LEVEL",
        default=argparse.SUPPRESS,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        type=str.upper,
        help="log level of the log file: DEBUG, INFO (default), WARNING or ERROR",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _ArgumentParser(
        prog=PROG,
        description="Packing station for marketplace packages handled through Akinon Omnitron. "
        "Without a subcommand, opens the window.",
        parents=[common],
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a fresh demo database with a built-in Omnitron simulator",
    )
    parser.add_argument(
        "--language", choices=["tr", "en"], help="language of the window (default: the system's)"
    )
    subcommands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_ArgumentParser
    )

    subcommands.add_parser(
        "simulator",
        add_help=False,
        help="run the Omnitron simulator in the foreground on 127.0.0.1 "
        "(see oms-desktop simulator --help)",
    )

    sync = subcommands.add_parser(
        "sync",
        parents=[common],
        help="run the sync engine without a window",
        description="Pull orders from Omnitron, deliver the reports and poll shipment statuses "
        "until SIGTERM or Ctrl-C.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sync.add_argument("--once", action="store_true", help="run one cycle, print a summary, exit")
    sync.add_argument(
        "--health-interval",
        type=_positive_float,
        default=DEFAULT_HEALTH_INTERVAL,
        metavar="SECONDS",
        help=f"seconds between health lines in the log (default {DEFAULT_HEALTH_INTERVAL:g})",
    )
    sync.add_argument(
        "--lease-ttl",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help="seconds the sync lease lasts without renewal (default 15); the holder renews it "
        "every third of that, and another sync engine takes over within 4/3 of it after "
        "the holder dies. Every engine on one database should use the same value",
    )
    sync.add_argument(
        "--stop-grace",
        type=_non_negative_float,
        default=DEFAULT_STOP_GRACE,
        metavar="SECONDS",
        help="seconds a running cycle may take to finish after SIGTERM or Ctrl-C "
        f"(default {DEFAULT_STOP_GRACE:g})",
    )

    pack = subcommands.add_parser(
        "pack",
        parents=[common],
        help="run CHANNEL_BASED_COMPLETE_PACKAGING on the package a code names",
        description="Pack the package that CODE names: a package number, an order number or "
        "a tracking number.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    pack.add_argument(
        "code", metavar="CODE", help="package number, order number or tracking number"
    )
    pack.add_argument(
        "--operator",
        metavar="NAME",
        help=f"operator recorded with the packing (default ${ENV_OPERATOR}, else the login name)",
    )

    packages = subcommands.add_parser(
        "packages",
        parents=[common],
        help="list packages",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    packages.add_argument(
        "--status",
        action="append",
        metavar="S",
        help="only packages in status S (a name such as waiting, or a code such as 500); "
        "repeat or separate with commas for several",
    )
    packages.add_argument("--json", action="store_true", help="print a JSON array")
    packages.add_argument("--limit", type=_positive_int, metavar="N", help="print at most N")

    settings = subcommands.add_parser(
        "settings",
        help="import or export the station configuration as JSON",
        description="The station configuration: channels, cargo companies, shipment "
        "conditions and settings. It never contains the Omnitron password.",
    )
    settings_commands = settings.add_subparsers(
        dest="settings_command", metavar="ACTION", required=True, parser_class=_ArgumentParser
    )
    settings_import = settings_commands.add_parser(
        "import",
        parents=[common],
        help="validate a configuration file, show the changes and apply them",
        description="Validate FILE whole, print the changes, and apply them in one "
        "transaction. Conditions in the file replace the station's conditions of each cargo "
        "company the file names; channels and cargo companies are created or updated by "
        "their Omnitron id and never deleted.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    settings_import.add_argument("file", metavar="FILE", help="JSON file; - reads standard input")
    settings_import.add_argument(
        "--dry-run", action="store_true", help="print the changes without applying them"
    )
    settings_import.add_argument(
        "--operator", metavar="NAME", help="operator recorded in the audit log"
    )
    settings_export = settings_commands.add_parser(
        "export",
        parents=[common],
        help="print the station configuration as JSON",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    settings_export.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )

    supervisor = subcommands.add_parser(
        "supervisor", help="set the supervisor PIN or password that guards the settings"
    )
    supervisor_commands = supervisor.add_subparsers(
        dest="supervisor_command", metavar="ACTION", required=True, parser_class=_ArgumentParser
    )
    set_secret = supervisor_commands.add_parser(
        "set-secret",
        parents=[common],
        help="set or replace the supervisor PIN or password of this database",
        description="Read the new PIN or password from the terminal (asked twice) or, when "
        "standard input is not a terminal, from its first line, and store its salted hash. "
        "It is never taken from an argument, which other users could read in the process list.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    set_secret.add_argument("--operator", metavar="NAME", help="operator recorded in the audit log")

    omnitron = subcommands.add_parser(
        "omnitron", help="store the Omnitron password in the OS keyring"
    )
    omnitron_commands = omnitron.add_subparsers(
        dest="omnitron_command", metavar="ACTION", required=True, parser_class=_ArgumentParser
    )
    set_password = omnitron_commands.add_parser(
        "set-password",
        parents=[common],
        help="store the Omnitron password of the configured user in the OS keyring",
        description="Read the Omnitron password from the terminal (asked twice) or, when "
        "standard input is not a terminal, from its first line, and store it in the OS "
        "keyring under the Omnitron URL and user of the settings. On a computer without a "
        "keyring, set OMS_OMNITRON_PASSWORD for the station and the sync service instead.",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    set_password.add_argument(
        "--user",
        metavar="NAME",
        help="Omnitron user (default $OMS_OMNITRON_USER, else the stored setting)",
    )

    database = subcommands.add_parser("db", help="show or upgrade the database schema")
    database_commands = database.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=_ArgumentParser
    )
    database_commands.add_parser(
        "upgrade",
        parents=[common],
        help="upgrade the schema to this application's revision",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_commands.add_parser(
        "status",
        parents=[common],
        help="compare the database schema with this application's; exit 0 only when current",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _version() -> str:
    try:
        return importlib.metadata.version("oms-desktop")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected 0 or a positive number, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {text!r}")
    return value


# ---------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Resolved common options of one invocation."""

    database_url: str
    database_given: bool
    omnitron_url: str | None
    station: str
    log_level: str
    environ: Mapping[str, str]

    def omnitron_environ(self) -> dict[str, str]:
        """Return the environment for the Omnitron settings, with --omnitron-url applied."""
        environ = dict(self.environ)
        if self.omnitron_url:
            environ[ENV_OMNITRON_URL] = self.omnitron_url
        return environ


def database_url_from(value: str) -> str:
    """Turn a database URL or a SQLite file path into a URL."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def display_url(url: str) -> str:
    """Return ``url`` with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _resolve_context(args: argparse.Namespace, environ: Mapping[str, str]) -> Context:
    given = getattr(args, "database", None)
    raw_url = given or environ.get(ENV_DATABASE_URL) or core_db.default_database_url()
    omnitron_url = getattr(args, "omnitron_url", None)
    if omnitron_url:
        parts = urlsplit(omnitron_url)
        if parts.password is not None:
            raise CommandFailed(
                Exit.USAGE,
                "--omnitron-url contains a password, which other users can read in the process "
                "list; give the password in OMS_OMNITRON_PASSWORD or the OS keyring",
            )
    station = getattr(args, "station", None) or environ.get(ENV_STATION) or socket.gethostname()
    return Context(
        database_url=database_url_from(raw_url),
        database_given=given is not None,
        omnitron_url=omnitron_url,
        station=station,
        log_level=getattr(args, "log_level", None) or "INFO",
        environ=environ,
    )


def _operator(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    given = getattr(args, "operator", None) or environ.get(ENV_OPERATOR)
    if given:
        return str(given)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name, as in some containers
        return ""


def _open_engine(url: str) -> Engine:
    try:
        return core_db.make_engine(url)
    except ArgumentError as error:
        raise CommandFailed(
            Exit.USAGE, f"invalid database URL {display_url(url)!r}: {error}"
        ) from None
    except ImportError as error:
        raise CommandFailed(
            Exit.DATABASE, f"no database driver for {display_url(url)!r}: {error}"
        ) from None


def _schema_check(engine: Engine, url: str) -> core_db.SchemaCheck:
    try:
        return core_db.schema_state(engine)
    except OperationalError as error:
        raise CommandFailed(
            Exit.DATABASE, f"cannot open the database {display_url(url)}: {_first_line(error)}"
        ) from None


def _first_line(error: BaseException) -> str:
    origin = getattr(error, "orig", None) or error
    text = str(origin).strip()
    return text.splitlines()[0] if text else type(error).__name__


def prepare_database(url: str, *, purpose: str) -> Engine:
    """Open the database and make sure this application may use its schema.

    ``purpose`` is "write" (reject an older or newer schema), "read" (reject an older one,
    warn about a newer one) or "gui" (reject a newer one, leave an older one as it is).
    For "gui", the window names both revisions and offers the upgrade. An empty database
    gets the schema in every case.
    """
    engine = _open_engine(url)
    check = _schema_check(engine, url)
    state = check.state
    if state is core_db.SchemaState.EMPTY:
        log.info("Creating the database schema in %s", display_url(url))
        _upgrade(engine, url)
        return engine
    if state is core_db.SchemaState.OLDER:
        if purpose == "gui":
            return engine
        engine.dispose()
        raise CommandFailed(
            Exit.SCHEMA,
            f"the database schema is at revision {check.database_revision}, older than this "
            f"application's {check.code_revision}; run: oms-desktop db upgrade",
        )
    if state is core_db.SchemaState.NEWER:
        message = (
            f"the database schema is at revision {check.database_revision}, which a newer "
            f"oms-desktop created (this one knows up to {check.code_revision}); "
            "update the application"
        )
        if purpose == "read":
            print(f"warning: {message}; reading anyway", file=sys.stderr)
            return engine
        engine.dispose()
        raise CommandFailed(Exit.SCHEMA, f"cannot write to this database: {message}")
    return engine


def _upgrade(engine: Engine, url: str) -> None:
    try:
        core_db.upgrade_database(engine)
    except OperationalError as error:
        raise CommandFailed(
            Exit.DATABASE,
            f"cannot upgrade the database {display_url(url)}: {_first_line(error)}",
        ) from None


@contextlib.contextmanager
def _database_errors(url: str) -> Iterator[None]:
    """Turn a locked or vanished database into a one-line failure."""
    try:
        yield
    except OperationalError as error:
        raise CommandFailed(
            Exit.DATABASE, f"database {display_url(url)} failed: {_first_line(error)}"
        ) from None


# ---------------------------------------------------------------------------------------
# pack
# ---------------------------------------------------------------------------------------


def command_pack(args: argparse.Namespace, context: Context, out: TextIO) -> int:
    from oms_desktop.core.command import pack_code

    engine = prepare_database(context.database_url, purpose="write")
    sessions = core_db.make_session_factory(engine)
    operator = _operator(args, context.environ)
    try:
        with _database_errors(context.database_url), core_db.transaction(sessions) as session:
            result = pack_code(session, args.code, station=context.station, operator=operator)
    except StaleDataError:
        raise CommandFailed(
            Exit.CONFLICT,
            f"the package for {args.code!r} was changed by another station; scan it again",
        ) from None
    except DomainError as error:
        for error_type, status in PACK_ERRORS:
            if isinstance(error, error_type):
                raise CommandFailed(status, str(error)) from None
        raise
    finally:
        engine.dispose()
    print(
        f"packed {result.package_number}: order {result.order_number}, "
        f"tracking number {result.tracking_number}, "
        f"{result.reports_queued} report(s) queued for Omnitron",
        file=out,
    )
    return Exit.OK


# ---------------------------------------------------------------------------------------
# packages
# ---------------------------------------------------------------------------------------


def parse_statuses(values: Sequence[str] | None) -> list[str]:
    """Turn --status values (names or codes, comma-separated or repeated) into status names."""
    from oms_desktop.core.statuses import PackageStatus

    names: list[str] = []
    for value in values or ():
        for part in value.split(","):
            text = part.strip().lower()
            if not text:
                continue
            if text.isdigit():
                try:
                    names.append(PackageStatus.from_code(int(text)).value)
                    continue
                except ValueError:
                    pass
            elif text in PackageStatus._value2member_map_:
                names.append(text)
                continue
            valid = ", ".join(f"{status.value} ({status.code})" for status in PackageStatus)
            raise CommandFailed(
                Exit.USAGE, f"invalid package status {part.strip()!r}; valid statuses: {valid}"
            )
    return names


PACKAGE_COLUMNS: tuple[tuple[str, Callable[[Any], str]], ...] = (
    ("PACKAGE", lambda row: row.number),
    ("ORDER", lambda row: row.order_number),
    ("CHANNEL", lambda row: row.channel),
    ("CARGO COMPANY", lambda row: row.cargo_company or "-"),
    ("ITEMS", lambda row: str(row.item_count)),
    ("STATUS", lambda row: f"{row.status} ({row.status_code})"),
    ("TRACKING NUMBER", lambda row: row.tracking_number or "-"),
    ("SHIPMENT", lambda row: row.shipment_status or "-"),
    (
        "PACKED AT (UTC)",
        lambda row: row.packed_at.strftime("%Y-%m-%d %H:%M") if row.packed_at else "-",
    ),
)


def format_table(rows: Sequence[Any]) -> str:
    cells = [[render(row) for _, render in PACKAGE_COLUMNS] for row in rows]
    headers = [title for title, _ in PACKAGE_COLUMNS]
    widths = [
        max([len(header), *(len(line[index]) for line in cells)])
        for index, header in enumerate(headers)
    ]
    lines = ["  ".join(text.ljust(width) for text, width in zip(headers, widths, strict=True))]
    for line in cells:
        lines.append("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)))
    return "\n".join(text.rstrip() for text in lines)


def command_packages(args: argparse.Namespace, context: Context, out: TextIO) -> int:
    from oms_desktop.core.queries import list_packages

    statuses = parse_statuses(args.status)
    engine = prepare_database(context.database_url, purpose="read")
    sessions = core_db.make_session_factory(engine)
    try:
        with _database_errors(context.database_url), sessions() as session:
            rows = list_packages(session, statuses=statuses or None, limit=args.limit)
    finally:
        engine.dispose()
    if args.json:
        json.dump([row.to_json() for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif rows:
        print(format_table(rows), file=out)
        print(f"{len(rows)} package(s)", file=out)
    else:
        print("no packages", file=out)
    return Exit.OK


# ---------------------------------------------------------------------------------------
# settings import / export
# ---------------------------------------------------------------------------------------


def read_document(name: str, stdin: TextIO) -> object:
    """Read and parse a JSON configuration file; ``-`` reads ``stdin``."""
    if name == "-":
        text = stdin.read()
        source = "standard input"
    else:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandFailed(
                Exit.INVALID_CONFIGURATION, f"configuration file {name} not found"
            ) from None
        except IsADirectoryError:
            raise CommandFailed(
                Exit.INVALID_CONFIGURATION, f"configuration file {name} is a folder, not a file"
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandFailed(
                Exit.INVALID_CONFIGURATION, f"cannot read configuration file {name}: {error}"
            ) from None
        source = name
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandFailed(
            Exit.INVALID_CONFIGURATION,
            f"{source} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}",
        ) from None


def command_settings_import(
    args: argparse.Namespace, context: Context, out: TextIO, stdin: TextIO
) -> int:
    from oms_desktop.core.config_io import InvalidConfiguration, apply_import, plan_import

    document = read_document(args.file, stdin)
    engine = prepare_database(context.database_url, purpose="write")
    sessions = core_db.make_session_factory(engine)
    operator = _operator(args, context.environ)
    source = "standard input" if args.file == "-" else args.file
    try:
        with _database_errors(context.database_url), sessions() as session, session.begin():
            plan = plan_import(session, document)
            if args.dry_run or plan.is_empty:
                session.rollback()
            else:
                plan = apply_import(session, plan, context.station, operator)
    except InvalidConfiguration as error:
        others = "".join(f"\n  also {problem}" for problem in error.problems[1:])
        raise CommandFailed(
            Exit.INVALID_CONFIGURATION,
            f"invalid configuration in {source}, nothing imported: {error}{others}",
        ) from None
    except ConfigurationError as error:
        raise CommandFailed(
            Exit.INVALID_CONFIGURATION, f"invalid configuration in {source}: {error}"
        ) from None
    finally:
        engine.dispose()

    if plan.is_empty:
        print("no changes: the station configuration already matches the file", file=out)
        return Exit.OK
    for line in plan.describe():
        print(f"  {line}", file=out)
    count = len(plan.changes)
    if args.dry_run:
        print(f"dry run: {count} change(s) listed, nothing applied", file=out)
    else:
        print(f"imported {count} change(s) from {source}", file=out)
    return Exit.OK


def command_settings_export(args: argparse.Namespace, context: Context, out: TextIO) -> int:
    from oms_desktop.core.config_io import export_config

    engine = prepare_database(context.database_url, purpose="read")
    sessions = core_db.make_session_factory(engine)
    try:
        with _database_errors(context.database_url), sessions() as session:
            document = export_config(session)
    finally:
        engine.dispose()
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandFailed(Exit.ERROR, f"cannot write {args.output}: {error}") from None
        print(
            f"wrote {len(document['channels'])} channel(s), "
            f"{len(document['cargo_companies'])} cargo company(ies), "
            f"{len(document['conditions'])} condition(s) and "
            f"{len(document['settings'])} setting(s) to {args.output}",
            file=out,
        )
    else:
        out.write(text)
    return Exit.OK


# ---------------------------------------------------------------------------------------
# db
# ---------------------------------------------------------------------------------------


def command_db_status(context: Context, out: TextIO) -> int:
    engine = _open_engine(context.database_url)
    try:
        check = _schema_check(engine, context.database_url)
    finally:
        engine.dispose()
    advice = {
        core_db.SchemaState.EMPTY: "empty; any oms-desktop command creates the schema",
        core_db.SchemaState.OLDER: "older than this application; run: oms-desktop db upgrade",
        core_db.SchemaState.CURRENT: "current",
        core_db.SchemaState.NEWER: "newer than this application; update oms-desktop",
    }[check.state]
    print(f"database: {display_url(context.database_url)}", file=out)
    print(f"schema: {advice}", file=out)
    print(f"database revision: {check.database_revision or '(none)'}", file=out)
    print(f"application revision: {check.code_revision}", file=out)
    return Exit.OK if check.state is core_db.SchemaState.CURRENT else Exit.SCHEMA


def command_db_upgrade(context: Context, out: TextIO) -> int:
    url = context.database_url
    engine = _open_engine(url)
    try:
        check = _schema_check(engine, url)
        if check.state is core_db.SchemaState.NEWER:
            raise CommandFailed(
                Exit.SCHEMA,
                f"the database schema is at revision {check.database_revision}, newer than "
                f"this application's {check.code_revision}; update the application",
            )
        if check.state is core_db.SchemaState.CURRENT:
            print(f"already current at revision {check.code_revision}", file=out)
            return Exit.OK
        _upgrade(engine, url)
    finally:
        engine.dispose()
    before = check.database_revision or "(empty)"
    print(f"upgraded {display_url(url)} from {before} to {check.code_revision}", file=out)
    return Exit.OK


# ---------------------------------------------------------------------------------------
# sync
# ---------------------------------------------------------------------------------------


def _load_omnitron(sessions: Any, context: Context) -> Any:
    from oms_desktop.sync.settings import load_omnitron_settings

    with sessions() as session:
        return load_omnitron_settings(session, context.omnitron_environ())


@dataclass(frozen=True)
class Health:
    open_shipments: int
    reports_waiting: int
    reports_failed: int


def read_health(session: Session) -> Health:
    """Count the shipments still moving and the Omnitron reports not yet delivered."""
    from oms_desktop.core.models import Package, Shipment
    from oms_desktop.core.outbox import outbox_stats
    from oms_desktop.core.statuses import OPEN_SHIPMENT_STATUSES

    open_shipments = session.scalar(
        select(func.count(Shipment.id))
        .join(Package, Shipment.package_id == Package.id)
        .where(Package.status.in_([status.value for status in OPEN_SHIPMENT_STATUSES]))
    )
    stats = outbox_stats(session, dt.datetime.now(dt.UTC))
    return Health(int(open_shipments or 0), stats.waiting, stats.failed)


def command_sync(args: argparse.Namespace, context: Context, out: TextIO) -> int:
    from oms_desktop.sync.errors import OmnitronNotConfigured

    engine = prepare_database(context.database_url, purpose="write")
    sessions = core_db.make_session_factory(engine)
    try:
        try:
            omnitron = _load_omnitron(sessions, context)
        except OmnitronNotConfigured as error:
            raise CommandFailed(Exit.INVALID_CONFIGURATION, str(error)) from None
        if args.once:
            return _sync_once(context, omnitron, out)
        return _sync_forever(
            context,
            omnitron,
            sessions,
            args.health_interval,
            lease_ttl=args.lease_ttl,
            stop_grace=args.stop_grace,
        )
    finally:
        engine.dispose()


def summarise_cycle(report: Any) -> str:
    """Return the one-line summary of a sync CycleReport that ``sync --once`` prints."""
    parts = []
    if report.pull is not None:
        parts.append(
            f"pulled {report.orders_pulled} order(s): {report.orders_created} new package(s), "
            f"{report.orders_updated} updated, {report.orders_cancelled} cancelled, "
            f"{report.orders_skipped} skipped"
        )
    if report.delivery is not None:
        parts.append(
            f"delivered {report.reports_delivered} report(s), {report.reports_retried} to retry, "
            f"{report.reports_failed} failed"
        )
    if report.poll is not None:
        if report.poll.enabled:
            parts.append(
                f"polled {report.poll.open_shipments} open shipment(s), "
                f"{len(report.poll.changed_package_ids)} package(s) changed"
            )
        else:
            parts.append("shipment polling is off")
    parts.append(f"{len(report.errors)} error(s)")
    return "sync: " + "; ".join(parts)


def _sync_once(context: Context, omnitron: Any, out: TextIO) -> int:
    from oms_desktop.sync.runner import run_once

    report = run_once(context.database_url, omnitron)
    if not report.jobs:
        # The runner ran nothing, because another engine holds the sync lease.
        reason = report.errors[0] if report.errors else "no job ran"
        raise CommandFailed(Exit.BUSY, f"sync did not run: {reason}")
    print(summarise_cycle(report), file=out)
    if report.errors:
        # The jobs record an unreachable Omnitron, a rejected login or a failed request
        # as errors and carry on, so any error means the cycle did not fully succeed.
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise CommandFailed(Exit.OMNITRON, f"sync failed: {report.errors[0]}{more}")
    return Exit.OK


def _sync_forever(
    context: Context,
    omnitron: Any,
    sessions: Any,
    health_interval: float,
    *,
    lease_ttl: float | None = None,
    stop_grace: float = DEFAULT_STOP_GRACE,
) -> int:
    from oms_desktop.sync.client import OmnitronClient
    from oms_desktop.sync.runner import LEASE_TTL_SECONDS, SyncLoop, engine_owner, takeover_bound

    ttl = lease_ttl or LEASE_TTL_SECONDS

    async def run() -> None:
        stop = asyncio.Event()
        _install_stop_handlers(stop)
        log.info(
            "Sync service starting for %s against %s as station %s "
            "(lease %g s, takeover within %g s)",
            display_url(context.database_url),
            omnitron.url,
            context.station,
            ttl,
            takeover_bound(ttl),
        )
        async with OmnitronClient(omnitron) as client:
            sync_loop = SyncLoop(
                client,
                sessions,
                owner=engine_owner(context.station),
                lease_ttl_seconds=ttl,
                stop_grace_seconds=stop_grace,
            )
            health = asyncio.create_task(
                _log_health(sessions, client, sync_loop, stop, health_interval)
            )
            try:
                await sync_loop.run(stop)
            finally:
                stop.set()
                await health
        log.info("Sync service stopped")

    try:
        asyncio.run(run())
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        log.warning("Sync service interrupted during shutdown")
        return 130
    return Exit.OK


def _install_stop_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signal_number, _request_stop, stop, signal_number)
        except (NotImplementedError, RuntimeError):
            # Windows event loops have no add_signal_handler, so a plain handler sets the event.
            signal.signal(
                signal_number,
                lambda number, frame: loop.call_soon_threadsafe(_request_stop, stop, number),
            )


def _request_stop(stop: asyncio.Event, signal_number: int) -> None:
    if not stop.is_set():
        log.info(
            "Received %s; finishing the current step and stopping",
            signal.Signals(signal_number).name,
        )
    stop.set()


async def _log_health(
    sessions: Any, client: Any, sync_loop: Any, stop: asyncio.Event, interval: float
) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
        if stop.is_set():
            return
        try:
            health = await asyncio.to_thread(_read_health_with, sessions)
        except SQLAlchemyError as error:
            log.warning("Health check cannot read the database: %s", _first_line(error))
            continue
        last = client.last_success_at
        last_text = last.isoformat(timespec="seconds") if last else "never"
        log.info(
            "Health: %s; %d open shipment(s), %d report(s) waiting, %d failed; last success %s",
            _role(sync_loop),
            health.open_shipments,
            health.reports_waiting,
            health.reports_failed,
            last_text,
        )


def _role(sync_loop: Any) -> str:
    """Describe whether the engine talks to Omnitron, for the health line."""
    if sync_loop.is_leader:
        return "active"
    if sync_loop.standby_holder:
        return f"standby, {sync_loop.standby_holder} holds the sync lease"
    return "starting"


def _read_health_with(sessions: Any) -> Health:
    with sessions() as session:
        return read_health(session)


# ---------------------------------------------------------------------------------------
# GUI
# ---------------------------------------------------------------------------------------


def command_gui(args: argparse.Namespace, context: Context) -> int:
    try:
        from oms_desktop.ui.app import run_gui
    except ImportError as error:
        raise CommandFailed(Exit.ERROR, f"the window cannot start: {error}") from None

    if args.demo:
        from oms_desktop.demo import prepare_demo

        environment = prepare_demo(context.database_url if context.database_given else None)
        try:
            return int(
                run_gui(
                    environment.database_url,
                    environment.omnitron,
                    station=context.station,
                    language=args.language,
                    window_title_suffix=" (demo)",
                )
            )
        finally:
            environment.stop()

    engine = prepare_database(context.database_url, purpose="gui")
    sessions = core_db.make_session_factory(engine)
    try:
        older = _schema_check(engine, context.database_url).state is core_db.SchemaState.OLDER
        # An older schema may lack what the settings need; the window reads them after
        # the packer accepted the upgrade.
        omnitron = None if older else _gui_omnitron(sessions, context)
    finally:
        engine.dispose()
    status = run_gui(
        context.database_url,
        omnitron,
        station=context.station,
        language=args.language,
        omnitron_loader=(lambda upgraded: _gui_omnitron(upgraded, context)) if older else None,
    )
    return int(status)


def _gui_omnitron(sessions: Any, context: Context) -> Any:
    from oms_desktop.sync.errors import OmnitronNotConfigured

    try:
        return _load_omnitron(sessions, context)
    except OmnitronNotConfigured as error:
        log.warning("Omnitron is not configured (%s); the window opens without sync", error)
        return None


# ---------------------------------------------------------------------------------------
# supervisor set-secret, omnitron set-password
# ---------------------------------------------------------------------------------------


def read_secret(prompt: str, stdin: TextIO, *, confirm: bool) -> str:
    """Read a secret without echo from a terminal (twice with ``confirm``), else the first
    line of ``stdin``, so scripts can pipe it in without putting it on the command line."""
    if stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat it: ") != first:
            raise CommandFailed(Exit.USAGE, "the two entries differ; nothing was changed")
        return first
    return stdin.readline().rstrip("\r\n")


def command_supervisor_set_secret(
    args: argparse.Namespace, context: Context, out: TextIO, stdin: TextIO
) -> int:
    from oms_desktop.core.auth import MIN_SECRET_LENGTH, set_secret

    secret = read_secret(
        f"New supervisor PIN or password (at least {MIN_SECRET_LENGTH} characters): ",
        stdin,
        confirm=True,
    )
    engine = prepare_database(context.database_url, purpose="write")
    sessions = core_db.make_session_factory(engine)
    operator = _operator(args, context.environ)
    try:
        with _database_errors(context.database_url), core_db.transaction(sessions) as session:
            set_secret(session, secret, station=context.station, operator=operator)
    except ConfigurationError as error:
        raise CommandFailed(
            Exit.INVALID_CONFIGURATION, f"supervisor secret not set: {error.reason}"
        ) from None
    finally:
        engine.dispose()
    print(
        f"supervisor PIN or password set for every station on {display_url(context.database_url)}",
        file=out,
    )
    return Exit.OK


def command_omnitron_set_password(
    args: argparse.Namespace, context: Context, out: TextIO, stdin: TextIO
) -> int:
    from oms_desktop.core.settings import OMNITRON_URL, OMNITRON_USER, get_setting
    from oms_desktop.sync.errors import OmnitronNotConfigured
    from oms_desktop.sync.secrets import (
        SecretStoreError,
        SecretStoreUnavailable,
        store_omnitron_password,
    )
    from oms_desktop.sync.settings import ENV_URL, ENV_USER, check_url

    engine = prepare_database(context.database_url, purpose="read")
    sessions = core_db.make_session_factory(engine)
    try:
        with _database_errors(context.database_url), sessions() as session:
            stored_url = str(get_setting(session, OMNITRON_URL))
            stored_user = str(get_setting(session, OMNITRON_USER))
    finally:
        engine.dispose()
    environ = context.omnitron_environ()
    try:
        url = check_url(environ.get(ENV_URL) or stored_url)
    except OmnitronNotConfigured as error:
        raise CommandFailed(Exit.INVALID_CONFIGURATION, error.reason) from None
    user = (args.user or environ.get(ENV_USER) or stored_user).strip()
    if not user:
        raise CommandFailed(
            Exit.INVALID_CONFIGURATION,
            f"no Omnitron user: set it in the settings, in {ENV_USER} or with --user",
        )
    password = read_secret(f"Omnitron password of {user} at {url}: ", stdin, confirm=True)
    if not password:
        raise CommandFailed(Exit.USAGE, "no password given; nothing was changed")
    try:
        store_omnitron_password(url, user, password)
    except SecretStoreUnavailable as error:
        raise CommandFailed(Exit.INVALID_CONFIGURATION, str(error)) from None
    except SecretStoreError as error:
        raise CommandFailed(Exit.ERROR, str(error)) from None
    print(f"stored the Omnitron password of user {user!r} at {url} in the OS keyring", file=out)
    return Exit.OK


# ---------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------


def _dispatch(args: argparse.Namespace, context: Context, out: TextIO, stdin: TextIO) -> int:
    command = args.command
    if command == "pack":
        return command_pack(args, context, out)
    if command == "packages":
        return command_packages(args, context, out)
    if command == "sync":
        return command_sync(args, context, out)
    if command == "settings":
        if args.settings_command == "import":
            return command_settings_import(args, context, out, stdin)
        return command_settings_export(args, context, out)
    if command == "supervisor":
        return command_supervisor_set_secret(args, context, out, stdin)
    if command == "omnitron":
        return command_omnitron_set_password(args, context, out, stdin)
    if command == "db":
        if args.db_command == "upgrade":
            return command_db_upgrade(context, out)
        return command_db_status(context, out)
    return command_gui(args, context)


def _configure_logging_for(command: str | None, level: str, *, once: bool) -> None:
    # Long-running modes log everything to standard error as well. One-shot commands show
    # only warnings and their one-line failure there, and the details go to the file.
    long_running = command is None or (command == "sync" and not once)
    try:
        configure_logging(level, stderr=True, stderr_level=level if long_running else "WARNING")
    except OSError as error:
        configure_logging(level, log_file=None, stderr=True)
        log.warning("Cannot open the log file (%s); logging to standard error only", error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(arguments)
    except CommandFailed as failure:
        print(f"error: {failure.message}", file=sys.stderr)
        return failure.status
    except SystemExit as exit_request:  # --help and --version print and exit
        return int(exit_request.code or 0)

    if args.command == "simulator":
        from oms_desktop.simulator import main as simulator_main

        return simulator_main(extra)
    if extra:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: unrecognized arguments: {' '.join(extra)}", file=sys.stderr)
        return Exit.USAGE

    try:
        context = _resolve_context(args, os.environ)
        once = bool(getattr(args, "once", False))
        _configure_logging_for(args.command, context.log_level, once=once)
        return _dispatch(args, context, sys.stdout, sys.stdin)
    except CommandFailed as failure:
        log.info("%s", failure.message)
        print(f"error: {failure.message}", file=sys.stderr)
        return failure.status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        # The last line of defence: one line for the user, the traceback in the log file.
        log.exception("Unexpected failure of %s %s", PROG, args.command or "")
        kind = type(error).__name__
        print(f"error: unexpected {kind}: {error}; see the log file", file=sys.stderr)
        return Exit.ERROR
    finally:
        reset_logging()


if __name__ == "__main__":
    raise SystemExit(main())
