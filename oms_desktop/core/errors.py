"""Expected failures of the packing station's domain operations.

Each error carries the values a person needs to act on it; the UI turns them into
translated sentences, the command line into one line, so no message text lives here
beyond the English one used for logs and the command line.
"""

from __future__ import annotations

import datetime as dt


class DomainError(Exception):
    """An expected failure that a packer or supervisor can act on."""


class UnknownCode(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no package, order or tracking number matches {code!r}")
        self.code = code


class AmbiguousCode(DomainError):
    def __init__(self, code: str, package_numbers: list[str]) -> None:
        numbers = ", ".join(package_numbers)
        super().__init__(f"{code!r} matches several packages ({numbers}); scan the package number")
        self.code = code
        self.package_numbers = package_numbers


class AlreadyPacked(DomainError):
    def __init__(
        self,
        package_number: str,
        status: str,
        packed_at: dt.datetime | None,
        station: str | None,
    ) -> None:
        when = packed_at.isoformat(timespec="seconds") if packed_at else "an unknown time"
        where = f" at station {station}" if station else ""
        super().__init__(f"package {package_number} is already {status}, packed {when}{where}")
        self.package_number = package_number
        self.status = status
        self.packed_at = packed_at
        self.station = station


class OrderCancelled(DomainError):
    def __init__(self, package_number: str, order_number: str) -> None:
        super().__init__(
            f"order {order_number} of package {package_number} is cancelled: "
            "do not pack, put the items back"
        )
        self.package_number = package_number
        self.order_number = order_number


class NoTransition(DomainError):
    def __init__(self, package_number: str, status: str, command: str) -> None:
        super().__init__(
            f"package {package_number} is {status}; {command} has no transition from {status}"
        )
        self.package_number = package_number
        self.status = status
        self.command = command


class NoRoute(DomainError):
    def __init__(self, package_number: str, channel_name: str, cargo_company: str | None) -> None:
        cargo = cargo_company or "no cargo company"
        super().__init__(
            f"no shipment condition routes channel {channel_name} ({cargo}) "
            f"for package {package_number}; a supervisor must add one in the settings"
        )
        self.package_number = package_number
        self.channel_name = channel_name
        self.cargo_company = cargo_company


class NoTrackingNumber(DomainError):
    def __init__(self, package_number: str, order_number: str) -> None:
        super().__init__(
            f"order {order_number} of package {package_number} has no tracking number "
            "from the marketplace yet; set it aside and scan it again after the next sync"
        )
        self.package_number = package_number
        self.order_number = order_number


class ConcurrentUpdate(DomainError):
    """Another station changed the package between our read and our write."""

    def __init__(self, package_number: str) -> None:
        super().__init__(f"package {package_number} was changed by another station; scan it again")
        self.package_number = package_number


class ConfigurationError(DomainError):
    """A configuration document or value is invalid; ``path`` names the bad field."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason
