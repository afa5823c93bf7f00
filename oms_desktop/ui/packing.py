"""The packing action as worker-thread work: one session and one transaction per scan.

These functions run on a TaskRunner thread, never on the GUI thread, and touch no
widget. They return what the banner and the table need.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.command import PackResult, complete_packaging, pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.queries import list_packages


@dataclass(frozen=True)
class PackOutcome:
    """A committed packing: the command's result plus the item count shown to the packer."""

    result: PackResult
    item_count: int


def _outcome(session: Session, result: PackResult) -> PackOutcome:
    rows = list_packages(session, ids=[result.package_id])
    item_count = rows[0].item_count if rows else result.reports_queued
    return PackOutcome(result, item_count)


def pack_scanned_code(sessions: sessionmaker[Session], code: str, station: str) -> PackOutcome:
    """Pack the package that ``code`` names (package, order or tracking number) and commit.

    Raises:
        DomainError: the package cannot be packed; nothing was written.
        sqlalchemy.exc.OperationalError: the database is locked or unreachable.
    """
    with transaction(sessions) as session:
        result = pack_code(session, code, station=station)
        return _outcome(session, result)


def pack_package(sessions: sessionmaker[Session], package_id: int, station: str) -> PackOutcome:
    """Pack the package with database id ``package_id`` and commit; raises as above."""
    with transaction(sessions) as session:
        result = complete_packaging(session, package_id, station=station)
        return _outcome(session, result)
