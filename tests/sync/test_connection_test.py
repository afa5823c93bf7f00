"""The supervisor's connection test against the simulator and a local TLS server: each
failure is named for what it is, and the password never appears in a result or a log."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.connection_test import (
    ConnectionTestKind,
    classify_network_error,
    connection_settings,
    test_connection,
)
from oms_desktop.sync.errors import OmnitronNotConfigured
from oms_desktop.sync.settings import OmnitronSettings
from tests.sync.conftest import SimulatorControl, run

WRONG_PASSWORD = "Yanlis-Parola-913"


def test_success_counts_orders(omnitron_settings: OmnitronSettings):
    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.SUCCESS
    assert result.ok
    assert result.order_count == 20
    assert result.step == "orders"
    assert "20 orders visible" in result.describe()


def test_wrong_password_names_user_and_url(
    omnitron_settings: OmnitronSettings, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.DEBUG)
    settings = replace(omnitron_settings, password=WRONG_PASSWORD)

    result = run(test_connection(settings))

    assert result.kind is ConnectionTestKind.UNAUTHORISED
    assert result.step == "login"
    described = result.describe()
    assert DEFAULT_USER in described
    assert omnitron_settings.url in described
    assert WRONG_PASSWORD not in described
    assert WRONG_PASSWORD not in repr(result)
    assert WRONG_PASSWORD not in caplog.text


def test_stopped_server_is_connection_refused(omnitron_settings: OmnitronSettings):
    with SimulatorServer(seed=2, order_count=1) as stopped:
        url = stopped.url

    result = run(test_connection(replace(omnitron_settings, url=url)))

    assert result.kind is ConnectionTestKind.CONNECTION_REFUSED
    assert "refused" in result.describe()


def test_slow_answer_times_out(omnitron_settings: OmnitronSettings, control: SimulatorControl):
    control.faults({"path": "/api/i1/orders/", "latency_ms": 1500})

    result = run(test_connection(omnitron_settings, read_timeout=0.5))

    assert result.kind is ConnectionTestKind.TIMEOUT
    assert result.step == "orders"
    assert "0.5 s" in result.detail


def test_slow_answer_within_timeout_succeeds(
    omnitron_settings: OmnitronSettings, control: SimulatorControl
):
    control.faults({"path": "/api/i1/auth/login/", "latency_ms": 300})

    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.SUCCESS
    assert result.elapsed_seconds >= 0.3


def test_wrong_prefix_is_rejected(omnitron_settings: OmnitronSettings):
    settings = replace(omnitron_settings, orders_prefix="/api/v9/")

    result = run(test_connection(settings))

    assert result.kind is ConnectionTestKind.REJECTED
    assert result.status_code == 404
    assert result.step == "orders"


def test_malformed_answer_is_invalid(
    omnitron_settings: OmnitronSettings, control: SimulatorControl
):
    control.faults({"path": "/api/i1/orders/", "body": "malformed"})

    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.INVALID_ANSWER
    assert result.step == "orders"


def test_server_error_is_named(omnitron_settings: OmnitronSettings, control: SimulatorControl):
    control.faults({"path": "/api/i1/auth/login/", "status": 503})

    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.SERVER_ERROR
    assert result.status_code == 503


def test_rate_limit_is_named(omnitron_settings: OmnitronSettings, control: SimulatorControl):
    control.faults({"path": "/api/i1/auth/login/", "status": 429, "retry_after": "30"})

    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.RATE_LIMITED
    assert "30 s" in result.detail


def test_dropped_connection_fails(omnitron_settings: OmnitronSettings, control: SimulatorControl):
    control.faults({"path": "/api/i1/auth/login/", "drop": True})

    result = run(test_connection(omnitron_settings))

    assert result.kind is ConnectionTestKind.CONNECTION_FAILED
    assert result.detail


def test_missing_password_is_not_sent(
    omnitron_settings: OmnitronSettings, control: SimulatorControl
):
    control.clear_requests()

    result = run(test_connection(replace(omnitron_settings, password="")))

    assert result.kind is ConnectionTestKind.NO_PASSWORD
    assert control.requests() == []


def test_cancelling_stops_the_request(
    omnitron_settings: OmnitronSettings, control: SimulatorControl
):
    control.faults({"path": "/api/i1/auth/login/", "latency_ms": 3000})

    async def cancel_soon() -> bool:
        task = asyncio.create_task(test_connection(omnitron_settings))
        await asyncio.sleep(0.2)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            return True
        return False

    assert run(asyncio.wait_for(cancel_soon(), timeout=2.0))


# ---------------------------------------------------------------------------------------
# TLS: a real HTTPS server on 127.0.0.1 with a self-signed certificate
# ---------------------------------------------------------------------------------------


class _NotFound(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = b'{"detail": "Not found."}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    completed = subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        pytest.fail(f"openssl could not make a test certificate: {completed.stderr}")
    return cert, key


@pytest.fixture
def https_url(certificate: tuple[Path, Path]) -> Iterator[str]:
    cert, key = certificate
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_untrusted_certificate_is_tls_error(https_url: str):
    settings = OmnitronSettings(url=https_url, user=DEFAULT_USER, password=DEFAULT_PASSWORD)

    result = run(test_connection(settings))

    assert result.kind is ConnectionTestKind.TLS_ERROR
    assert "self-signed" in result.detail
    assert "not accepted" in result.describe()


def test_company_ca_bundle_is_trusted(https_url: str, certificate: tuple[Path, Path]):
    cert, _ = certificate
    settings = OmnitronSettings(
        url=https_url, user=DEFAULT_USER, password=DEFAULT_PASSWORD, ca_bundle=str(cert)
    )

    result = run(test_connection(settings))

    # The handshake succeeds; this server is no Omnitron, so the login path is not found.
    assert result.kind is ConnectionTestKind.REJECTED
    assert result.status_code == 404


def test_plain_http_on_tls_port_is_tls_error(omnitron_settings: OmnitronSettings):
    https_to_http = omnitron_settings.url.replace("http://", "https://")

    result = run(test_connection(replace(omnitron_settings, url=https_to_http)))

    assert result.kind is ConnectionTestKind.TLS_ERROR


def test_unreadable_ca_bundle_is_invalid(tmp_path: Path, omnitron_settings: OmnitronSettings):
    not_a_certificate = tmp_path / "ca.pem"
    not_a_certificate.write_text("not a certificate", encoding="utf-8")

    result = run(test_connection(replace(omnitron_settings, ca_bundle=str(not_a_certificate))))

    assert result.kind is ConnectionTestKind.INVALID_SETTINGS
    assert "CA bundle" in result.detail


# ---------------------------------------------------------------------------------------
# Classification of low-level causes that cannot be produced on loopback
# ---------------------------------------------------------------------------------------


def _wrapped(cause: BaseException) -> httpx.ConnectError:
    """Chain ``cause`` under an httpx error the way httpx and httpcore raise it."""
    try:
        try:
            raise cause
        except BaseException as inner:
            raise httpx.ConnectError(str(inner)) from inner
    except httpx.ConnectError as outer:
        return outer


def test_name_resolution_failure_is_dns():
    # A real lookup of an unknown name would ask a DNS server off this machine.
    error = _wrapped(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))

    kind, detail = classify_network_error(error)

    assert kind is ConnectionTestKind.DNS_FAILURE
    assert detail == "Name or service not known"


def test_refusal_inside_exception_group_is_found():
    group = OSError("All connection attempts failed")
    group.__cause__ = ExceptionGroup("attempts", [ConnectionRefusedError(111, "refused")])

    kind, _ = classify_network_error(_wrapped(group))

    assert kind is ConnectionTestKind.CONNECTION_REFUSED


def test_unknown_cause_keeps_message():
    kind, detail = classify_network_error(_wrapped(OSError(113, "No route to host")))

    assert kind is ConnectionTestKind.CONNECTION_FAILED
    assert "No route to host" in detail


# ---------------------------------------------------------------------------------------
# Settings built from typed values
# ---------------------------------------------------------------------------------------


def test_typed_values_are_normalised():
    settings = connection_settings(
        url=" https://omnitron.example.com/ ",
        user=" depo ",
        password="x-secret",
        auth_prefix="api/i1",
        orders_prefix="/api/i1",
        update_prefix="api/v1/",
    )

    assert settings.url == "https://omnitron.example.com"
    assert settings.user == "depo"
    assert (settings.auth_prefix, settings.orders_prefix, settings.update_prefix) == (
        "/api/i1/",
        "/api/i1/",
        "/api/v1/",
    )
    assert settings.ca_bundle is None


@pytest.mark.parametrize(
    ("url", "ca_bundle"),
    [("omnitron.example.com", ""), ("", ""), ("https://omnitron.example.com", "/no/such.pem")],
)
def test_invalid_typed_values_rejected(url: str, ca_bundle: str):
    with pytest.raises(OmnitronNotConfigured):
        connection_settings(
            url=url,
            user="u",
            password="p",
            auth_prefix="/",
            orders_prefix="/",
            update_prefix="/",
            ca_bundle=ca_bundle,
        )
