"""The Omnitron password in the operating system's keyring, and where a station finds it.

The password never goes into the database, a settings file, a log line or an exported
configuration. It is stored with the ``keyring`` package under the service
``KEYRING_SERVICE`` and the name ``keyring_entry(url, user)``, the same place
``load_omnitron_settings`` reads it from. A computer without a keyring backend (a
headless Linux server has none unless one is installed) cannot store it; there the
station takes the password from the environment variable OMS_OMNITRON_PASSWORD, and
nothing writes it to disk in plain text instead.
"""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import keyring
import keyring.backend
import keyring.errors

from oms_desktop.sync.settings import ENV_PASSWORD, KEYRING_SERVICE, check_url, keyring_entry

log = logging.getLogger(__name__)

# Backends that store nothing: "fail" raises on every call, "null" silently drops writes
# and returns None for every read.
_NON_STORING_BACKENDS = ("keyring.backends.fail", "keyring.backends.null")


class SecretStoreUnavailable(Exception):
    """This computer has no usable keyring backend, so the password cannot be stored."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"no OS keyring is available on this computer ({detail}); set the environment "
            f"variable {ENV_PASSWORD} for the station and the sync service instead"
        )
        self.detail = detail


class SecretStoreError(Exception):
    """The keyring exists but refused the operation (locked, denied, or lost the value)."""


class PasswordSource(enum.Enum):
    ENVIRONMENT = "environment"  # OMS_OMNITRON_PASSWORD, which wins over the keyring
    KEYRING = "keyring"
    NONE = "none"


@dataclass(frozen=True)
class FoundPassword:
    """The password a station would use for one URL and user, and where it came from."""

    source: PasswordSource
    password: str | None = field(default=None, repr=False)
    # Why the keyring could not be read, when it could not; empty otherwise.
    keyring_problem: str = ""


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the OS keyring can store the password; ``backend`` is its display name."""

    available: bool
    backend: str
    detail: str = ""


def _backend() -> keyring.backend.KeyringBackend:
    return keyring.get_keyring()


def _backend_name(backend: keyring.backend.KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_status() -> KeyringStatus:
    """Tell whether the keyring can store a password, without reading or writing one."""
    try:
        backend = _backend()
    except keyring.errors.KeyringError as error:
        return KeyringStatus(False, "", f"{type(error).__name__}: {error}")
    name = _backend_name(backend)
    if type(backend).__module__ in _NON_STORING_BACKENDS:
        return KeyringStatus(False, name, f"the keyring backend {name} stores nothing")
    return KeyringStatus(True, name)


def _require_storing_backend() -> None:
    status = keyring_status()
    if not status.available:
        raise SecretStoreUnavailable(status.detail)


def _entry(url: str, user: str) -> str:
    return keyring_entry(check_url(url), user)


def read_omnitron_password(url: str, user: str) -> str | None:
    """Read the stored password of ``user`` at ``url``; None when none is stored.

    Raises:
        SecretStoreUnavailable: there is no usable keyring backend.
        SecretStoreError: the keyring refused the read.
        OmnitronNotConfigured: ``url`` is not a valid Omnitron URL.
    """
    _require_storing_backend()
    try:
        return keyring.get_password(KEYRING_SERVICE, _entry(url, user))
    except keyring.errors.NoKeyringError as error:
        raise SecretStoreUnavailable(str(error)) from None
    except keyring.errors.KeyringError as error:
        raise SecretStoreError(
            f"reading the password from the OS keyring failed: {error}"
        ) from None


def store_omnitron_password(url: str, user: str, password: str) -> str | None:
    """Store the password of ``user`` at ``url`` in the keyring; return the one it replaced.

    The value is read back, so a backend that accepts a write but keeps nothing is caught.

    Raises:
        ValueError: ``password`` is empty.
        SecretStoreUnavailable: there is no usable keyring backend.
        SecretStoreError: the keyring refused the write or did not keep the value.
        OmnitronNotConfigured: ``url`` is not a valid Omnitron URL.
    """
    if not password:
        raise ValueError("the Omnitron password must not be empty")
    previous = read_omnitron_password(url, user)
    entry = _entry(url, user)
    try:
        keyring.set_password(KEYRING_SERVICE, entry, password)
        kept = keyring.get_password(KEYRING_SERVICE, entry)
    except keyring.errors.NoKeyringError as error:
        raise SecretStoreUnavailable(str(error)) from None
    except keyring.errors.KeyringError as error:
        raise SecretStoreError(f"storing the password in the OS keyring failed: {error}") from None
    if kept != password:
        raise SecretStoreError("the OS keyring accepted the password but did not keep it")
    log.info(
        "Stored the Omnitron password of user %r at %s in the OS keyring (%s)",
        user,
        check_url(url),
        _backend_name(_backend()),
    )
    return previous


def delete_omnitron_password(url: str, user: str) -> bool:
    """Remove the stored password of ``user`` at ``url``; False when none was stored.

    Raises:
        SecretStoreUnavailable: there is no usable keyring backend.
        SecretStoreError: the keyring refused the deletion.
    """
    if read_omnitron_password(url, user) is None:
        return False
    try:
        keyring.delete_password(KEYRING_SERVICE, _entry(url, user))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as error:
        raise SecretStoreError(
            f"deleting the password from the OS keyring failed: {error}"
        ) from None
    log.info("Removed the Omnitron password of user %r at %s from the OS keyring", user, url)
    return True


def restore_omnitron_password(url: str, user: str, previous: str | None) -> None:
    """Put back what ``store_omnitron_password`` replaced: ``previous``, or nothing."""
    if previous is None:
        delete_omnitron_password(url, user)
    else:
        store_omnitron_password(url, user, previous)


def find_omnitron_password(
    url: str, user: str, environ: Mapping[str, str] = os.environ
) -> FoundPassword:
    """Find the password the station would log in with, in the order the sync engine uses:
    OMS_OMNITRON_PASSWORD first, then the keyring. A keyring that cannot be read counts as
    no password; ``keyring_problem`` says why."""
    from_environment = environ.get(ENV_PASSWORD)
    if from_environment is not None:
        return FoundPassword(PasswordSource.ENVIRONMENT, from_environment)
    try:
        stored = read_omnitron_password(url, user)
    except (SecretStoreUnavailable, SecretStoreError) as error:
        return FoundPassword(PasswordSource.NONE, keyring_problem=str(error))
    if stored is None:
        return FoundPassword(PasswordSource.NONE)
    return FoundPassword(PasswordSource.KEYRING, stored)
