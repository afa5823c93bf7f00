"""Connection settings of the Omnitron client, from the database, the environment and the keyring.

The URL, the user and the path prefixes live in the shared application settings, so a
supervisor sets them once for every station; the environment overrides them for one
process. The password is never stored in the database: it comes from the environment or
from the operating system's keyring.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from ipaddress import ip_address
from urllib.parse import urlsplit

import keyring
import keyring.errors
from sqlalchemy.orm import Session

from oms_desktop.core.settings import (
    OMNITRON_AUTH_PREFIX,
    OMNITRON_CA_BUNDLE,
    OMNITRON_ORDERS_PREFIX,
    OMNITRON_UPDATE_PREFIX,
    OMNITRON_URL,
    OMNITRON_USER,
    get_setting,
)
from oms_desktop.sync.errors import OmnitronNotConfigured

log = logging.getLogger(__name__)

KEYRING_SERVICE = "oms-desktop"
ENV_URL = "OMS_OMNITRON_URL"
ENV_USER = "OMS_OMNITRON_USER"
ENV_PASSWORD = "OMS_OMNITRON_PASSWORD"
ENV_CA_BUNDLE = "OMS_OMNITRON_CA_BUNDLE"

# The keyring is asked once per process at most when it has no usable backend; repeating
# the warning on every cycle would bury the log.
_keyring_warning_logged = False


@dataclass(frozen=True)
class OmnitronSettings:
    """Address, credentials and path prefixes of Omnitron. Timeouts are in seconds."""

    url: str
    user: str
    password: str = field(repr=False)
    auth_prefix: str = "/api/i1/"
    orders_prefix: str = "/api/i1/"
    update_prefix: str = "/api/v1/"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    ca_bundle: str | None = None


def keyring_entry(url: str, user: str) -> str:
    """Return the keyring user name under which the password of ``user`` at ``url`` is stored."""
    return f"omnitron:{url}:{user}"


def password_from_keyring(url: str, user: str) -> str | None:
    """Read the password from the OS keyring; None when it is absent or no keyring works."""
    global _keyring_warning_logged
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_entry(url, user))
    except keyring.errors.KeyringError as error:
        if not _keyring_warning_logged:
            _keyring_warning_logged = True
            log.warning(
                "The OS keyring cannot be read (%s: %s); set %s to give the Omnitron password",
                type(error).__name__,
                error,
                ENV_PASSWORD,
            )
        return None


def normalise_prefix(prefix: str) -> str:
    """Return ``prefix`` with exactly one leading and one trailing slash."""
    stripped = prefix.strip().strip("/")
    return f"/{stripped}/" if stripped else "/"


def check_url(url: str) -> str:
    """Validate an Omnitron base URL and return it without a trailing slash.

    Raises:
        OmnitronNotConfigured: the URL is empty, has no host, or is not http or https.
    """
    url = url.strip()
    if not url:
        raise OmnitronNotConfigured(
            OMNITRON_URL,
            f"the Omnitron URL is missing; set it in the settings or in {ENV_URL}",
        )
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OmnitronNotConfigured(
            OMNITRON_URL,
            f"{url!r} is not a valid Omnitron URL; give one like https://omnitron.example.com",
        )
    if parts.query or parts.fragment:
        raise OmnitronNotConfigured(OMNITRON_URL, f"{url!r} must not contain a query or a fragment")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        log.warning(
            "The Omnitron URL %s uses plain http: the password and the token cross the "
            "network unencrypted",
            url,
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def load_omnitron_settings(
    session: Session, environ: Mapping[str, str] = os.environ
) -> OmnitronSettings:
    """Build the client settings: database values, overridden by OMS_OMNITRON_* variables.

    The password comes from OMS_OMNITRON_PASSWORD, else from the OS keyring under the
    service "oms-desktop" and the name ``omnitron:<url>:<user>``.

    Raises:
        OmnitronNotConfigured: no usable Omnitron URL is set.
    """
    url = check_url(environ.get(ENV_URL) or str(get_setting(session, OMNITRON_URL)))
    user = environ.get(ENV_USER) or str(get_setting(session, OMNITRON_USER))
    password = environ.get(ENV_PASSWORD)
    if password is None:
        password = password_from_keyring(url, user)
    if password is None:
        log.warning(
            "No Omnitron password for user %r at %s: set %s or store it in the OS keyring "
            "(service %r, name %r); the login will fail",
            user,
            url,
            ENV_PASSWORD,
            KEYRING_SERVICE,
            keyring_entry(url, user),
        )
        password = ""
    # The environment wins over the supervisor's setting, as for the URL and the user.
    ca_source = ENV_CA_BUNDLE if environ.get(ENV_CA_BUNDLE) else OMNITRON_CA_BUNDLE
    ca_bundle = environ.get(ENV_CA_BUNDLE) or str(get_setting(session, OMNITRON_CA_BUNDLE)) or None
    if ca_bundle is not None and not os.path.isfile(ca_bundle):
        raise OmnitronNotConfigured(
            ca_source,
            f"CA bundle file {ca_bundle!r} does not exist; fix the path or clear the setting",
        )
    return OmnitronSettings(
        url=url,
        user=user,
        password=password,
        auth_prefix=normalise_prefix(str(get_setting(session, OMNITRON_AUTH_PREFIX))),
        orders_prefix=normalise_prefix(str(get_setting(session, OMNITRON_ORDERS_PREFIX))),
        update_prefix=normalise_prefix(str(get_setting(session, OMNITRON_UPDATE_PREFIX))),
        ca_bundle=ca_bundle,
    )
