"""Command line of the simulator: serve in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from oms_desktop.simulator.server import (
    DEFAULT_ORDER_COUNT,
    DEFAULT_PASSWORD,
    DEFAULT_PORT,
    DEFAULT_USER,
    SimulatorServer,
)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oms-desktop simulator",
        description="Serve a simulated Omnitron (seeded marketplace orders) on 127.0.0.1.",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"TCP port on 127.0.0.1; 0 lets the system pick a free one (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the generated orders (default 1)"
    )
    parser.add_argument(
        "--user", default=DEFAULT_USER, help=f"user name for logging in (default {DEFAULT_USER!r})"
    )
    parser.add_argument(
        "--password",
        default=DEFAULT_PASSWORD,
        help="password for logging in (default: the demo password)",
    )
    parser.add_argument(
        "--orders",
        type=int,
        default=DEFAULT_ORDER_COUNT,
        help=f"number of orders generated at start (default {DEFAULT_ORDER_COUNT})",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the simulator in the foreground; return the process exit status."""
    args = _build_parser().parse_args(argv)
    if args.orders < 0:
        print(f"--orders must be 0 or more, got {args.orders}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    server = SimulatorServer(
        seed=args.seed,
        user=args.user,
        password=args.password,
        port=args.port,
        order_count=args.orders,
    )
    try:
        server.start()
    except OSError as error:
        print(f"Cannot listen on 127.0.0.1:{args.port}: {error}", file=sys.stderr)
        return 1

    password_hint = (
        f"password {DEFAULT_PASSWORD!r}"
        if args.password == DEFAULT_PASSWORD
        else "the password given with --password"
    )
    print(f"Omnitron simulator at {server.url}", flush=True)
    print(f"Log in as {args.user!r} with {password_hint}.", flush=True)
    print(f"Control API: {server.url}/_simulator/health. Stop with Ctrl-C.", flush=True)

    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    previous_handler = None
    if threading.current_thread() is threading.main_thread():
        previous_handler = signal.signal(signal.SIGTERM, request_stop)
    try:
        while not stop_requested.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
    return 0
