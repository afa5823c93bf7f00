"""The Omnitron password in the OS keyring: storing, reading, the missing-keyring case, and
the command-line commands that set it and the supervisor secret."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from jaraco.classes.properties import classproperty
from sqlalchemy import select

from oms_desktop import cli
from oms_desktop.core.auth import CheckOutcome, check_secret
from oms_desktop.core.db import transaction
from oms_desktop.core.models import AuditEvent, SupervisorCredential
from oms_desktop.core.settings import OMNITRON_URL, OMNITRON_USER, set_setting
from oms_desktop.sync.errors import OmnitronNotConfigured
from oms_desktop.sync.secrets import (
    PasswordSource,
    SecretStoreError,
    SecretStoreUnavailable,
    delete_omnitron_password,
    find_omnitron_password,
    keyring_status,
    read_omnitron_password,
    restore_omnitron_password,
    store_omnitron_password,
)
from oms_desktop.sync.settings import KEYRING_SERVICE, keyring_entry, load_omnitron_settings
from tests.conftest import TestDatabase

URL = "https://omnitron.example.com"
USER = "depo-istasyon"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring backend that keeps passwords in a dict, for tests on machines without one.

    keyring registers every subclass it sees; a priority that raises makes this one
    unviable, so keyring never picks it by itself as the process-wide default and only
    the tests that call set_keyring use it.
    """

    @classproperty
    def priority(cls) -> float:
        raise RuntimeError("MemoryKeyring is used only where a test sets it")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}")


class RefusingKeyring(MemoryKeyring):
    """A keyring whose writes fail, as a locked desktop keyring's do."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the keyring is locked")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_store_and_read_back(memory_keyring: MemoryKeyring):
    previous = store_omnitron_password(URL + "/", USER, "Çilek-Şifre-2026")

    assert previous is None
    # Stored under the entry load_omnitron_settings reads: the URL without its trailing slash.
    entry = (KEYRING_SERVICE, keyring_entry(URL, USER))
    assert memory_keyring.entries == {entry: "Çilek-Şifre-2026"}
    assert read_omnitron_password(URL, USER) == "Çilek-Şifre-2026"


def test_store_returns_replaced_password(memory_keyring: MemoryKeyring):
    store_omnitron_password(URL, USER, "first-secret")
    previous = store_omnitron_password(URL, USER, "second-secret")

    assert previous == "first-secret"
    assert read_omnitron_password(URL, USER) == "second-secret"


def test_restore_puts_back_or_removes(memory_keyring: MemoryKeyring):
    store_omnitron_password(URL, USER, "old-secret")
    previous = store_omnitron_password(URL, USER, "new-secret")
    restore_omnitron_password(URL, USER, previous)
    assert read_omnitron_password(URL, USER) == "old-secret"

    other = store_omnitron_password(URL, "someone-else", "fresh-secret")
    restore_omnitron_password(URL, "someone-else", other)
    assert read_omnitron_password(URL, "someone-else") is None


def test_delete_reports_whether_one_existed(memory_keyring: MemoryKeyring):
    store_omnitron_password(URL, USER, "to-be-deleted")

    assert delete_omnitron_password(URL, USER) is True
    assert delete_omnitron_password(URL, USER) is False


def test_empty_password_rejected(memory_keyring: MemoryKeyring):
    with pytest.raises(ValueError, match="empty"):
        store_omnitron_password(URL, USER, "")


def test_invalid_url_rejected(memory_keyring: MemoryKeyring):
    with pytest.raises(OmnitronNotConfigured):
        store_omnitron_password("omnitron.example.com", USER, "a-secret")


def test_no_keyring_is_reported(no_keyring: None):
    status = keyring_status()

    assert status.available is False
    assert "fail" in status.backend
    with pytest.raises(SecretStoreUnavailable, match="OMS_OMNITRON_PASSWORD"):
        store_omnitron_password(URL, USER, "cannot-be-kept")


def test_refusing_keyring_raises_store_error():
    previous = keyring.get_keyring()
    keyring.set_keyring(RefusingKeyring())
    try:
        with pytest.raises(SecretStoreError, match="locked"):
            store_omnitron_password(URL, USER, "a-secret")
    finally:
        keyring.set_keyring(previous)


def test_find_prefers_environment(memory_keyring: MemoryKeyring):
    store_omnitron_password(URL, USER, "from-keyring")

    from_env = find_omnitron_password(URL, USER, {"OMS_OMNITRON_PASSWORD": "from-env"})
    from_keyring = find_omnitron_password(URL, USER, {})
    nothing = find_omnitron_password(URL, "unknown-user", {})

    assert (from_env.source, from_env.password) == (PasswordSource.ENVIRONMENT, "from-env")
    assert (from_keyring.source, from_keyring.password) == (PasswordSource.KEYRING, "from-keyring")
    assert (nothing.source, nothing.password) == (PasswordSource.NONE, None)


def test_find_without_keyring_says_why(no_keyring: None):
    found = find_omnitron_password(URL, USER, {})

    assert found.source is PasswordSource.NONE
    assert "OMS_OMNITRON_PASSWORD" in found.keyring_problem


def test_sync_settings_read_stored_password(
    memory_keyring: MemoryKeyring, sqlite_database: TestDatabase
):
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, OMNITRON_URL, URL)
        set_setting(session, OMNITRON_USER, USER)
    store_omnitron_password(URL, USER, "kept-in-keyring")

    with sqlite_database.sessions() as session:
        settings = load_omnitron_settings(session, {})

    assert settings.password == "kept-in-keyring"


def test_password_never_logged(memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)

    store_omnitron_password(URL, USER, "Gizli-Parola-77")

    assert "Gizli-Parola-77" not in caplog.text
    assert USER in caplog.text


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------


def run_cli(
    arguments: list[str], stdin_text: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin_text))
    stdout = io.StringIO()
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    monkeypatch.setattr("sys.stderr", stderr)
    monkeypatch.setattr("oms_desktop.logging_setup.default_log_file", lambda: tmp_path / "cli.log")
    status = cli.main(arguments)
    return status, stdout.getvalue(), stderr.getvalue()


def test_cli_sets_omnitron_password(
    memory_keyring: MemoryKeyring,
    sqlite_database: TestDatabase,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, OMNITRON_URL, URL)
        set_setting(session, OMNITRON_USER, USER)

    status, out, err = run_cli(
        ["omnitron", "set-password", "--database", sqlite_database.url],
        "Parola-From-Stdin\n",
        monkeypatch,
        tmp_path,
    )

    assert status == 0, err
    assert read_omnitron_password(URL, USER) == "Parola-From-Stdin"
    assert "Parola-From-Stdin" not in out + err
    assert USER in out


def test_cli_password_without_keyring_fails(
    no_keyring: None,
    sqlite_database: TestDatabase,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, OMNITRON_URL, URL)
        set_setting(session, OMNITRON_USER, USER)

    status, _, err = run_cli(
        ["omnitron", "set-password", "--database", sqlite_database.url],
        "Parola-Nowhere\n",
        monkeypatch,
        tmp_path,
    )

    assert status == cli.Exit.INVALID_CONFIGURATION
    assert "OMS_OMNITRON_PASSWORD" in err
    assert "Parola-Nowhere" not in err


def test_cli_password_needs_url(
    memory_keyring: MemoryKeyring,
    sqlite_database: TestDatabase,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    status, _, err = run_cli(
        ["omnitron", "set-password", "--database", sqlite_database.url],
        "whatever-secret\n",
        monkeypatch,
        tmp_path,
    )

    assert status == cli.Exit.INVALID_CONFIGURATION
    assert "URL" in err


def test_cli_sets_supervisor_secret(
    sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    status, out, err = run_cli(
        ["supervisor", "set-secret", "--database", sqlite_database.url, "--station", "it-desk"],
        "4321\n",
        monkeypatch,
        tmp_path,
    )

    assert status == 0, err
    assert "4321" not in out + err
    with transaction(sqlite_database.sessions) as session:
        stored = session.get(SupervisorCredential, "supervisor")
        assert stored is not None
        assert "4321" not in stored.password_hash
        assert check_secret(session, "4321", station="t").outcome is CheckOutcome.ACCEPTED
        actions = list(session.scalars(select(AuditEvent.action)))
    assert "supervisor_secret_set" in actions


def test_cli_supervisor_secret_too_short(
    sqlite_database: TestDatabase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    status, _, err = run_cli(
        ["supervisor", "set-secret", "--database", sqlite_database.url],
        "12\n",
        monkeypatch,
        tmp_path,
    )

    assert status == cli.Exit.INVALID_CONFIGURATION
    assert "at least" in err
    with sqlite_database.sessions() as session:
        assert session.get(SupervisorCredential, "supervisor") is None


def test_cli_has_no_secret_argument():
    parser = cli.build_parser()
    with pytest.raises(cli.CommandFailed):
        parser.parse_args(["supervisor", "set-secret", "--secret", "1234"])


def test_memory_keyring_never_chosen_by_default():
    viable = list(keyring.backend.KeyringBackend.get_viable_backends())

    assert MemoryKeyring not in viable
    assert RefusingKeyring not in viable
