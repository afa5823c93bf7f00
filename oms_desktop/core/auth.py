"""The supervisor's PIN or password: a salted scrypt hash and a lockout after failures.

Only the hash is stored (``scrypt$n$r$p$salt$hash``, base64 parts). After
``MAX_FAILED_ATTEMPTS`` wrong attempts in a row the settings stay locked for
``LOCKOUT``; every failed attempt is logged and written to the audit log.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from oms_desktop.core import audit
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import SupervisorCredential, utcnow

log = logging.getLogger(__name__)

SUPERVISOR = "supervisor"
MIN_SECRET_LENGTH = 4
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=5)
# scrypt cost: n=2**14, r=8 needs 16 MiB and about 50 ms on a desktop CPU, slow enough
# to make guessing a 4-digit PIN offline cost hours, fast enough for a person.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    encode = base64.b64encode
    return (
        f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(digest).decode()}"
    )


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        secret.encode(),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


def is_configured(session: Session, name: str = SUPERVISOR) -> bool:
    return session.get(SupervisorCredential, name) is not None


def set_secret(
    session: Session, secret: str, *, station: str, name: str = SUPERVISOR, operator: str = ""
) -> None:
    """Set or replace the supervisor secret inside the caller's transaction."""
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigurationError("secret", f"use at least {MIN_SECRET_LENGTH} characters or digits")
    row = session.get(SupervisorCredential, name)
    if row is None:
        row = SupervisorCredential(name=name, password_hash=hash_secret(secret))
        session.add(row)
    else:
        row.password_hash = hash_secret(secret)
    row.failed_attempts = 0
    row.locked_until = None
    row.updated_at = utcnow()
    audit.record(
        session,
        station=station,
        operator=operator,
        action="supervisor_secret_set",
        entity="supervisor_credential",
        entity_id=name,
    )


class CheckOutcome(enum.Enum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LOCKED = "locked"
    NOT_CONFIGURED = "not_configured"


@dataclass(frozen=True)
class CheckResult:
    outcome: CheckOutcome
    attempts_left: int = 0
    locked_until: dt.datetime | None = None


def check_secret(
    session: Session,
    secret: str,
    *,
    station: str,
    name: str = SUPERVISOR,
    now: dt.datetime | None = None,
) -> CheckResult:
    """Check ``secret`` inside the caller's transaction, counting failures toward a lockout."""
    now = now or utcnow()
    row = session.get(SupervisorCredential, name, with_for_update=True)
    if row is None:
        return CheckResult(CheckOutcome.NOT_CONFIGURED)
    if row.locked_until is not None and row.locked_until > now:
        log.warning("Supervisor login at %s refused: locked until %s", station, row.locked_until)
        return CheckResult(CheckOutcome.LOCKED, locked_until=row.locked_until)
    if verify_secret(secret, row.password_hash):
        row.failed_attempts = 0
        row.locked_until = None
        return CheckResult(CheckOutcome.ACCEPTED, MAX_FAILED_ATTEMPTS)

    row.failed_attempts += 1
    locked_until = None
    if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
        locked_until = now + LOCKOUT
        row.locked_until = locked_until
        row.failed_attempts = 0
    log.warning(
        "Wrong supervisor secret at station %s (attempt %d of %d)",
        station,
        row.failed_attempts or MAX_FAILED_ATTEMPTS,
        MAX_FAILED_ATTEMPTS,
    )
    audit.record(
        session,
        station=station,
        action="supervisor_login_failed",
        entity="supervisor_credential",
        entity_id=name,
        new={"locked_until": locked_until.isoformat() if locked_until else None},
        at=now,
    )
    if locked_until is not None:
        return CheckResult(CheckOutcome.LOCKED, locked_until=locked_until)
    return CheckResult(CheckOutcome.REJECTED, MAX_FAILED_ATTEMPTS - row.failed_attempts)
