"""load_omnitron_settings: database values, environment overrides, password sources."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import keyring.errors
import pytest

from oms_desktop.core.db import transaction
from oms_desktop.core.settings import (
    OMNITRON_ORDERS_PREFIX,
    OMNITRON_URL,
    OMNITRON_USER,
    set_setting,
)
from oms_desktop.sync import settings as sync_settings
from oms_desktop.sync.errors import OmnitronNotConfigured
from oms_desktop.sync.settings import load_omnitron_settings, normalise_prefix
from tests.conftest import TestDatabase


@pytest.fixture(autouse=True)
def fresh_keyring_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_settings, "_keyring_warning_logged", False)


def store(database: TestDatabase, **values: str) -> None:
    with transaction(database.sessions) as session:
        for key, value in values.items():
            set_setting(session, key, value)


def load(database: TestDatabase, environ: dict[str, str]) -> sync_settings.OmnitronSettings:
    with transaction(database.sessions) as session:
        return load_omnitron_settings(session, environ)


def test_database_values_and_env_password(sqlite_database: TestDatabase) -> None:
    store(
        sqlite_database,
        **{
            OMNITRON_URL: "https://omnitron.example.com/",
            OMNITRON_USER: "depo1",
            OMNITRON_ORDERS_PREFIX: "api/i2",
        },
    )

    settings = load(sqlite_database, {"OMS_OMNITRON_PASSWORD": "s3cret"})

    assert settings.url == "https://omnitron.example.com"
    assert settings.user == "depo1"
    assert settings.password == "s3cret"
    assert settings.orders_prefix == "/api/i2/"
    assert settings.auth_prefix == "/api/i1/"
    assert settings.update_prefix == "/api/v1/"
    assert "s3cret" not in repr(settings)


def test_environment_overrides_database(sqlite_database: TestDatabase) -> None:
    store(sqlite_database, **{OMNITRON_URL: "https://a.example.com", OMNITRON_USER: "a"})

    settings = load(
        sqlite_database,
        {
            "OMS_OMNITRON_URL": "http://127.0.0.1:8765",
            "OMS_OMNITRON_USER": "b",
            "OMS_OMNITRON_PASSWORD": "",
        },
    )

    assert settings.url == "http://127.0.0.1:8765"
    assert settings.user == "b"
    assert settings.password == ""


def test_missing_url_raises(sqlite_database: TestDatabase) -> None:
    with pytest.raises(OmnitronNotConfigured, match="OMS_OMNITRON_URL") as caught:
        load(sqlite_database, {})
    assert caught.value.path == OMNITRON_URL


@pytest.mark.parametrize(
    "url", ["omnitron.example.com", "ftp://omnitron.example.com", "https://", "https://h/?a=1"]
)
def test_invalid_url_raises(sqlite_database: TestDatabase, url: str) -> None:
    with pytest.raises(OmnitronNotConfigured, match=r"Omnitron URL|query"):
        load(sqlite_database, {"OMS_OMNITRON_URL": url, "OMS_OMNITRON_PASSWORD": "x"})


def test_password_from_keyring(
    sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def get_password(service: str, name: str) -> str | None:
        asked.append((service, name))
        return "from-keyring"

    # No keyring backend runs on this headless machine, so its lookup is replaced.
    monkeypatch.setattr(keyring, "get_password", get_password)

    settings = load(
        sqlite_database, {"OMS_OMNITRON_URL": "https://o.example.com", "OMS_OMNITRON_USER": "u"}
    )

    assert settings.password == "from-keyring"
    assert asked == [("oms-desktop", "omnitron:https://o.example.com:u")]


def test_keyring_failure_logged_once(
    sqlite_database: TestDatabase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_backend(service: str, name: str) -> str | None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    monkeypatch.setattr(keyring, "get_password", no_backend)
    environ = {"OMS_OMNITRON_URL": "https://o.example.com", "OMS_OMNITRON_USER": "u"}

    with caplog.at_level(logging.WARNING, logger="oms_desktop.sync.settings"):
        first = load(sqlite_database, environ)
        load(sqlite_database, environ)

    assert first.password == ""
    keyring_lines = [r for r in caplog.records if "keyring cannot be read" in r.getMessage()]
    assert len(keyring_lines) == 1
    assert "NoKeyringError" in keyring_lines[0].getMessage()
    missing = [r for r in caplog.records if "No Omnitron password" in r.getMessage()]
    assert len(missing) == 2


def test_plain_http_to_remote_host_warns(
    sqlite_database: TestDatabase, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="oms_desktop.sync.settings"):
        load(
            sqlite_database,
            {"OMS_OMNITRON_URL": "http://omnitron.lan", "OMS_OMNITRON_PASSWORD": "x"},
        )
        load(
            sqlite_database,
            {"OMS_OMNITRON_URL": "http://127.0.0.1:9", "OMS_OMNITRON_PASSWORD": "x"},
        )

    warnings = [r.getMessage() for r in caplog.records if "plain http" in r.getMessage()]
    assert warnings == [
        "The Omnitron URL http://omnitron.lan uses plain http: the password and the token "
        "cross the network unencrypted"
    ]


def test_missing_ca_bundle_raises(sqlite_database: TestDatabase) -> None:
    environ = {
        "OMS_OMNITRON_URL": "https://o.example.com",
        "OMS_OMNITRON_PASSWORD": "x",
        "OMS_OMNITRON_CA_BUNDLE": "/nonexistent/ca.pem",
    }
    with pytest.raises(OmnitronNotConfigured, match=r"/nonexistent/ca\.pem"):
        load(sqlite_database, environ)


def test_ca_bundle_from_setting(sqlite_database: TestDatabase, tmp_path: Path) -> None:
    bundle = tmp_path / "company-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    store(sqlite_database, OMNITRON_CA_BUNDLE=str(bundle))
    environ = {"OMS_OMNITRON_URL": "https://o.example.com", "OMS_OMNITRON_PASSWORD": "x"}

    assert load(sqlite_database, environ).ca_bundle == str(bundle)


def test_ca_bundle_setting_missing_file_named(sqlite_database: TestDatabase) -> None:
    store(sqlite_database, OMNITRON_CA_BUNDLE="/nonexistent/company-ca.pem")
    environ = {"OMS_OMNITRON_URL": "https://o.example.com", "OMS_OMNITRON_PASSWORD": "x"}

    with pytest.raises(OmnitronNotConfigured) as raised:
        load(sqlite_database, environ)
    assert raised.value.path == "OMNITRON_CA_BUNDLE"
    assert "company-ca.pem" in str(raised.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("/api/i1/", "/api/i1/"), ("api/v1", "/api/v1/"), (" /x// ", "/x/"), ("", "/")],
)
def test_normalise_prefix(raw: str, expected: str) -> None:
    assert normalise_prefix(raw) == expected
