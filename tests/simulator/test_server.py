"""Server life cycle, logging, the command line and the package's import boundary."""

from __future__ import annotations

import ast
import logging
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

import oms_desktop.simulator
from oms_desktop.simulator import SimulatorServer, main
from tests.simulator.conftest import http_client, http_get, http_post

PACKAGE_DIR = Path(oms_desktop.simulator.__file__).parent


def handler_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if "process_request_thread" in t.name]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_context_manager_serves_then_stops() -> None:
    with SimulatorServer(seed=1) as server:
        url = server.url
        assert url.startswith("http://127.0.0.1:")
        assert http_get(f"{url}/_simulator/health").json() == {"ok": True, "orders": 60}

    with pytest.raises(httpx.ConnectError):
        http_get(f"{url}/_simulator/health")


def test_url_before_start_raises() -> None:
    server = SimulatorServer(seed=1)

    with pytest.raises(RuntimeError, match="start"):
        _ = server.url


def test_stop_twice_and_before_start_are_safe() -> None:
    never_started = SimulatorServer(seed=1)
    never_started.stop()

    server = SimulatorServer(seed=1)
    server.start()
    server.stop()
    server.stop()

    with pytest.raises(RuntimeError, match="restarted"):
        server.start()


def test_start_twice_raises(server: SimulatorServer) -> None:
    with pytest.raises(RuntimeError, match="already started"):
        server.start()


def test_taken_port_raises(server: SimulatorServer) -> None:
    second = SimulatorServer(seed=1, port=server.port)

    with pytest.raises(OSError):
        second.start()


def test_fixed_port_is_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]

    with SimulatorServer(seed=1, port=free_port) as server:
        assert server.url == f"http://127.0.0.1:{free_port}"
        assert http_get(f"{server.url}/_simulator/health").status_code == 200


def test_localhost_host_works() -> None:
    with SimulatorServer(seed=1, host="localhost", order_count=1) as server:
        assert server.url.startswith("http://localhost:")
        response = http_get(f"http://127.0.0.1:{server.port}/_simulator/health")
        assert response.json()["orders"] == 1


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "::1"])
def test_non_loopback_host_rejected(host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        SimulatorServer(seed=1, host=host)


def test_invalid_arguments_rejected() -> None:
    with pytest.raises(ValueError, match="order_count"):
        SimulatorServer(seed=1, order_count=-1)
    with pytest.raises(ValueError, match="port"):
        SimulatorServer(seed=1, port=70_000)


def test_stop_closes_idle_keep_alive_connections() -> None:
    baseline = len(handler_threads())
    server = SimulatorServer(seed=1)
    server.start()
    with http_client(server.url) as client:
        assert client.get("/_simulator/health").status_code == 200
        assert len(handler_threads()) > baseline

        server.stop()

        assert wait_until(lambda: len(handler_threads()) <= baseline)


def test_stop_does_not_wait_for_delayed_request() -> None:
    server = SimulatorServer(seed=1)
    server.start()
    http_post(f"{server.url}/_simulator/faults", json=[{"latency_ms": 3000}])
    failures: list[BaseException] = []

    def delayed_request() -> None:
        try:
            http_get(f"{server.url}/api/i1/channels/")
        except httpx.HTTPError as error:
            failures.append(error)

    worker = threading.Thread(target=delayed_request)
    worker.start()
    assert wait_until(lambda: http_get(f"{server.url}/_simulator/faults").json()[0]["hits"] == 1)

    started = time.perf_counter()
    server.stop()
    elapsed = time.perf_counter() - started
    worker.join(timeout=10)

    assert elapsed < 1.0
    assert len(failures) == 1


def test_requests_logged_without_stderr(
    server: SimulatorServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG, logger="oms_desktop.simulator")

    http_get(f"{server.url}/api/i1/orders/?limit=3")
    with socket.create_connection(("127.0.0.1", server.port)) as raw:
        raw.sendall(b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n")
        assert raw.recv(1024).startswith(b"HTTP/")

    messages = [record.getMessage() for record in caplog.records]
    assert "GET /api/i1/orders/?limit=3 -> 401" in "\n".join(messages)
    assert any("http.server" in message for message in messages)
    assert capsys.readouterr().err == ""


def test_main_rejects_negative_order_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--orders", "-1"]) == 2
    assert "--orders" in capsys.readouterr().err


def test_main_reports_taken_port(
    server: SimulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--port", str(server.port)]) == 1
    assert f"127.0.0.1:{server.port}" in capsys.readouterr().err


def test_module_serves_until_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "oms_desktop.simulator", "--port", "0", "--orders", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        hint = process.stdout.readline()
        url = first_line.rsplit(" ", 1)[-1]
        assert url.startswith("http://127.0.0.1:")
        assert "'station'" in hint
        assert http_get(f"{url}/_simulator/health", timeout=5).json() == {"ok": True, "orders": 5}

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


def test_package_imports_only_stdlib_and_itself() -> None:
    allowed_stdlib = sys.stdlib_module_names | {"__future__"}
    for source in sorted(PACKAGE_DIR.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                own = name == "oms_desktop.simulator" or name.startswith("oms_desktop.simulator.")
                assert own or top in allowed_stdlib, f"{source.name} imports {name}"


def test_chunked_body_rejected(server: SimulatorServer) -> None:
    with http_client(server.url) as client:
        response = client.post("/api/i1/auth/login/", content=iter([b'{"username": "x"}']))
        log = client.get("/_simulator/requests").json()

    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]
    assert log == [{"method": "POST", "path": "/api/i1/auth/login/", "query": "", "status": 411}]


def test_oversized_body_rejected_unread(server: SimulatorServer) -> None:
    request = (
        b"PATCH /api/v1/order_items/70001/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 999999999\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        raw.sendall(request)
        head = raw.recv(4096)

    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in head
