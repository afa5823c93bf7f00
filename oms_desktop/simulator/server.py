"""The HTTP server of the Omnitron simulator, built on the standard library's http.server."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from oms_desktop.simulator.api import handle_api_request
from oms_desktop.simulator.control import handle_control_request, is_control_path
from oms_desktop.simulator.faults import FaultRule
from oms_desktop.simulator.responses import (
    JSON_CONTENT_TYPE,
    Request,
    Response,
    json_response,
)
from oms_desktop.simulator.store import SimulatorState

logger = logging.getLogger("oms_desktop.simulator")

DEFAULT_USER = "station"
DEFAULT_PASSWORD = "station-demo"
DEFAULT_PORT = 8765
DEFAULT_ORDER_COUNT = 60

MAX_BODY_BYTES = 10 * 1024 * 1024
# Seconds a keep-alive connection may sit idle before the server closes it.
IDLE_CONNECTION_TIMEOUT = 120.0
# Seconds between the serving loop's checks for a stop request; stop() waits up to this long.
SHUTDOWN_POLL_INTERVAL = 0.02

MALFORMED_BODY = b'{"count": 1, "results": [{"pk": 1001, "number": }'


def _default_fault_body(status: int, retry_after: str | None) -> dict[str, str]:
    if status == 429:
        detail = "Request was throttled."
        if retry_after is not None and retry_after.isdigit():
            detail += f" Expected available in {retry_after} seconds."
        return {"detail": detail}
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Simulated error"
    return {"detail": f"{phrase}."}


def _html_error_page(status: int) -> bytes:
    try:
        title = f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        title = str(status)
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
        f"<body><h1>{title}</h1>\n"
        "<p>The application server behind this proxy did not respond (simulated fault).</p>\n"
        "</body></html>\n"
    )
    return page.encode("utf-8")


class _FramingError(Exception):
    """A request whose body length is unknown or too large to read."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class _SimulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that can close its open keep-alive connections on stop."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SimulatorState) -> None:
        self.state = state
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _RequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Shut down every open client connection, so no handler thread outlives stop()."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            # OSError: the client has closed the connection already.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.exception("Unhandled error while serving %s", client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "OmnitronSimulator/1.0"
    timeout = IDLE_CONNECTION_TIMEOUT
    server: _SimulatorHTTPServer

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes. Without TCP_NODELAY, Nagle's algorithm
        # delays the body until the client's delayed ACK, about 40 ms a response on Linux.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        # http.server writes these to stderr; requests are logged by _handle instead.
        logger.debug("http.server: " + format, *args)

    def _handle(self) -> None:
        started = time.perf_counter()
        split = urlsplit(self.path)
        path = split.path or "/"
        query = split.query
        state = self.server.state
        control = is_control_path(path)

        try:
            body = self._read_body()
        except _FramingError as error:
            if not control:
                state.record_request(self.command, path, query, error.status)
            self._send_framing_error(error)
            return
        request = Request(
            method=self.command,
            path=path,
            query=query,
            body=body,
            authorization=self.headers.get("Authorization"),
            content_type=self.headers.get("Content-Type"),
            base_url=self._base_url(),
        )

        if control:
            control_response = self._call(handle_control_request, request)
            self._send(control_response)
            logger.debug("Control %s %s -> %d", self.command, self.path, control_response.status)
            return

        response = self._process_api_request(request)
        # The log entry is written before the response is sent, so a client that reads the
        # log right after receiving its response always finds its request there.
        state.record_request(
            self.command, path, query, None if response is None else response.status
        )
        elapsed_ms = (time.perf_counter() - started) * 1000
        if response is None:
            self.close_connection = True
            logger.info(
                "%s %s -> connection dropped after %.1f ms", self.command, self.path, elapsed_ms
            )
            return
        self._send(response)
        logger.info("%s %s -> %d in %.1f ms", self.command, self.path, response.status, elapsed_ms)

    def _process_api_request(self, request: Request) -> Response | None:
        """Process an API request, applying the first fault rule that matches it.

        Returns None when the connection must be dropped without a response.
        """
        matched_fault = self.server.state.take_fault(request.method, request.path)
        if matched_fault is None:
            return self._call(handle_api_request, request)
        index, rule = matched_fault
        logger.info(
            "Fault rule %d (%s) applies to %s %s", index, rule.effect, request.method, request.path
        )
        return self._apply_fault(rule, request)

    def _apply_fault(self, rule: FaultRule, request: Request) -> Response | None:
        headers = {} if rule.retry_after is None else {"Retry-After": rule.retry_after}
        if rule.effect == "drop":
            return None
        if rule.effect == "latency":
            # The sleep holds no lock, so other requests are served meanwhile.
            time.sleep((rule.latency_ms or 0.0) / 1000)
            return self._call(handle_api_request, request)
        if rule.effect == "status":
            status = rule.status or 500
            body = rule.body if rule.has_body else _default_fault_body(status, rule.retry_after)
            return json_response(status, body, headers)
        if rule.effect == "html":
            status = rule.status or 502
            return Response(status, _html_error_page(status), "text/html; charset=utf-8", headers)

        real = self._call(handle_api_request, request)
        if rule.effect == "malformed":
            return Response(rule.status or 200, MALFORMED_BODY, JSON_CONTENT_TYPE, headers)
        # Truncated: the real response with its status, cut in the middle of the JSON text.
        cut = real.body[: max(1, len(real.body) // 2)]
        return Response(real.status, cut, real.content_type, real.headers)

    def _call(
        self, handler: Callable[[SimulatorState, Request], Response], request: Request
    ) -> Response:
        try:
            response = handler(self.server.state, request)
        except Exception:
            logger.exception("Simulator failed on %s %s", request.method, self.path)
            return json_response(500, {"detail": "A server error occurred."})
        return response

    def _read_body(self) -> bytes:
        """Read the request body; raise _FramingError when its length cannot be known."""
        transfer_encoding = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in transfer_encoding:
            raise _FramingError(
                411, "Chunked request bodies are not supported; send Content-Length."
            )
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            return b""
        try:
            length = int(raw_length)
        except ValueError:
            length = -1
        if length < 0:
            raise _FramingError(400, f"Invalid Content-Length header {raw_length!r}.")
        if length > MAX_BODY_BYTES:
            raise _FramingError(
                413, f"Request body of {length} bytes exceeds {MAX_BODY_BYTES} bytes."
            )
        return self.rfile.read(length)

    def _send_framing_error(self, error: _FramingError) -> None:
        # The unread body would be taken for the next request, so the connection is closed.
        logger.warning("%s %s rejected: %s", self.command, self.path, error.detail)
        self.close_connection = True
        self._send(json_response(error.status, {"detail": error.detail}, {"Connection": "close"}))

    def _base_url(self) -> str:
        host = self.headers.get("Host")
        if host:
            return f"http://{host}"
        address, port = self.server.server_address[:2]
        return f"http://{address!s}:{port}"

    def _send(self, response: Response) -> None:
        try:
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
        except (BrokenPipeError, ConnectionResetError) as error:
            self.close_connection = True
            logger.info(
                "Client closed the connection before the response to %s %s was sent: %s",
                self.command,
                self.path,
                error,
            )


def _check_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is None or address.version != 4 or not address.is_loopback:
        raise ValueError(
            f"The simulator serves only on IPv4 loopback (127.0.0.1 or localhost), not on {host!r}."
        )


class SimulatorServer:
    """An Omnitron stand-in on loopback HTTP, serving seeded orders from a daemon thread.

    Usable as a context manager, which starts it and stops it. A stopped server cannot be
    started again; create a new one with the same seed to get the same orders.
    """

    def __init__(
        self,
        seed: int = 1,
        user: str = DEFAULT_USER,
        password: str = DEFAULT_PASSWORD,
        port: int = 0,
        order_count: int = DEFAULT_ORDER_COUNT,
        host: str = "127.0.0.1",
    ) -> None:
        _check_loopback(host)
        if order_count < 0:
            raise ValueError(f"order_count must be 0 or more, got {order_count}")
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be from 0 to 65535, got {port}")
        self.seed = seed
        self.host = host
        self.state = SimulatorState(seed, user, password, order_count)
        self._requested_port = port
        self._lock = threading.Lock()
        self._httpd: _SimulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def port(self) -> int:
        """The port the server listens on; raises RuntimeError before start()."""
        if self._httpd is None:
            raise RuntimeError("The simulator is not started; call start() first.")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """The base URL, such as "http://127.0.0.1:8765"; raises RuntimeError before start()."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        """Bind, listen and serve from a daemon thread; return once the socket listens.

        Raises OSError when the port is taken and RuntimeError when called twice.
        """
        with self._lock:
            if self._stopped:
                raise RuntimeError("A stopped simulator cannot be restarted; create a new one.")
            if self._httpd is not None:
                raise RuntimeError("The simulator is already started.")
            httpd = _SimulatorHTTPServer((self.host, self._requested_port), self.state)
            thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": SHUTDOWN_POLL_INTERVAL},
                name=f"omnitron-simulator-{httpd.server_address[1]}",
                daemon=True,
            )
            thread.start()
            self._httpd = httpd
            self._thread = thread
        logger.info(
            "Omnitron simulator listening on %s (seed %d, %d orders)",
            self.url,
            self.seed,
            self.state.order_count(),
        )

    def stop(self) -> None:
        """Stop serving, close open connections and the socket; a second call does nothing."""
        with self._lock:
            httpd, thread = self._httpd, self._thread
            if httpd is None or thread is None or self._stopped:
                return
            self._stopped = True
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        thread.join(timeout=5)
        logger.info("Omnitron simulator on %s stopped", self.url)

    def __enter__(self) -> SimulatorServer:
        if self._httpd is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
