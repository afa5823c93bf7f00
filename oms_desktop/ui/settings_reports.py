"""The settings dialog's Omnitron reports tab: the report queue's state and the reports
Omnitron rejected for good, which a supervisor sends again after fixing the cause.

A report is parked as failed when Omnitron responded with an error a retry cannot fix (an
unknown order item, a cancelled order); its response body is kept. "Retry" puts it back
in the queue, due at once, and the sync engine sends it at its next delivery round.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core import audit
from oms_desktop.core.db import transaction
from oms_desktop.core.models import OmnitronOutbox, OutboxStatus, Package, utcnow
from oms_desktop.core.outbox import OutboxStats, outbox_stats, retry_failed
from oms_desktop.ui.labels import format_age, format_moment
from oms_desktop.ui.settings_common import Column, RecordTableModel, fill
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)


RETRY_AUDIT_ACTION = "omnitron_reports_retried"


@dataclass(frozen=True)
class FailedReport:
    """A report Omnitron rejected for good; ``failed_at`` is when it was parked."""

    id: int
    package_number: str | None
    order_item_omnitron_id: int
    target_status: str
    attempts: int
    failed_at: dt.datetime
    error: str


@dataclass(frozen=True)
class OutboxOverview:
    stats: OutboxStats
    failed: list[FailedReport]


# The list shows the newest parked reports first; more than this many means a systematic
# cause, which "retry all" handles without listing every row.
MAX_FAILED_LISTED = 500


def outbox_overview(session: Session, now: dt.datetime | None = None) -> OutboxOverview:
    """Read the queue's counts and the failed reports, newest failure first."""
    now = now or utcnow()
    rows = session.execute(
        select(OmnitronOutbox, Package.number)
        .outerjoin(Package, OmnitronOutbox.package_id == Package.id)
        .where(OmnitronOutbox.state == OutboxStatus.FAILED)
        .order_by(OmnitronOutbox.next_attempt_at.desc(), OmnitronOutbox.id.desc())
        .limit(MAX_FAILED_LISTED)
    ).all()
    failed = [
        FailedReport(
            id=report.id,
            package_number=number,
            order_item_omnitron_id=report.order_item_omnitron_id,
            target_status=report.target_status,
            attempts=report.attempts,
            failed_at=report.next_attempt_at,
            error=report.last_error or "",
        )
        for report, number in rows
    ]
    return OutboxOverview(outbox_stats(session, now), failed)


def retry_reports(
    session: Session, report_ids: Sequence[int] | None, *, station: str, operator: str
) -> int:
    """Put failed reports back in the queue (all of them when ``report_ids`` is None) and
    audit it; returns how many went back."""
    count = retry_failed(session, report_ids)
    if count:
        audit.record(
            session,
            station=station,
            operator=operator,
            action=RETRY_AUDIT_ACTION,
            entity="omnitron_outbox",
            entity_id="all" if report_ids is None else ",".join(str(i) for i in report_ids),
            new={"count": count},
        )
    return count


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 120 else line[:117] + "..."


class ReportsTab(QWidget):
    """Shows the report queue and lets a supervisor retry failed reports.

    Signals:
        loaded(object): an OutboxOverview was read and shown.
        retried(int): that many failed reports went back to the queue.
        load_failed(str): the database could not be read or written.
    """

    loaded = Signal(object)
    retried = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        runner: TaskRunner,
        *,
        station: str,
        operator: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._runner = runner
        self._station = station
        self._operator = operator
        self.overview: OutboxOverview | None = None

        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("outboxStats")
        self.stats_label.setWordWrap(True)
        self.model: RecordTableModel[FailedReport] = RecordTableModel(self._columns(), self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        #: Button that reads the report queue again.
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        #: Button that puts the selected failed reports back in the queue.
        self.retry_button = QPushButton(self.tr("Retry selected"), self)
        #: Button that puts every failed report back in the queue.
        self.retry_all_button = QPushButton(self.tr("Retry all failed"), self)
        self.refresh_button.clicked.connect(self.reload)
        self.retry_button.clicked.connect(self.retry_selected)
        self.retry_all_button.clicked.connect(self.retry_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.retry_all_button)

        note = QLabel(
            self.tr(
                "Omnitron rejected these reports for good. Read the answer (hover over it), "
                "fix the cause in Omnitron or here, then retry them."
            ),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stats_label)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def _columns(self) -> Sequence[Column[FailedReport]]:
        return [
            Column(self.tr("Report"), lambda row: str(row.id), lambda row: row.id),
            Column(self.tr("Package"), lambda row: row.package_number or "–"),
            Column(self.tr("Order item"), lambda row: str(row.order_item_omnitron_id)),
            Column(self.tr("Status sent"), lambda row: row.target_status),
            Column(self.tr("Attempts"), lambda row: str(row.attempts), lambda row: row.attempts),
            Column(
                self.tr("Failed at"),
                lambda row: format_moment(row.failed_at),
                lambda r: r.failed_at,
            ),
            Column(
                self.tr("Omnitron's answer"),
                lambda row: _first_line(row.error),
                tooltip=lambda row: row.error,
            ),
        ]

    # -- loading -------------------------------------------------------------------

    def reload(self) -> None:
        sessions = self._sessions

        def work() -> OutboxOverview:
            with sessions() as session:
                return outbox_overview(session)

        self.refresh_button.setEnabled(False)
        self._runner.submit(
            work,
            self._show,
            self._on_failed,
            expected=DATABASE_ERRORS,
            description="reading the Omnitron report queue",
        )

    def _show(self, overview: OutboxOverview) -> None:
        self.overview = overview
        self.refresh_button.setEnabled(True)
        self.model.set_rows(list(overview.failed))
        stats = overview.stats
        if stats.oldest_waiting_at is not None:
            age = format_age((utcnow() - stats.oldest_waiting_at).total_seconds())
            #: %1 is a number of reports, %2 an age such as "5 min".
            waiting = fill(
                self.tr("%1 reports wait to be sent; the oldest for %2."), stats.waiting, age
            )
        else:
            waiting = self.tr("No report waits to be sent.")
        #: %1 is a number of reports.
        failed = fill(self.tr("%1 reports failed for good."), stats.failed)
        self.stats_label.setText(f"{waiting} {failed}")
        self._update_buttons()
        self.loaded.emit(overview)

    def _on_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        #: %1 is the database's error message.
        text = fill(self.tr("The report queue cannot be read: %1"), error)
        self.stats_label.setText(text)
        self.load_failed.emit(text)

    def _update_buttons(self, *_: object) -> None:
        self.retry_button.setEnabled(bool(self.selected_ids()))
        self.retry_all_button.setEnabled(self.model.rowCount() > 0)

    # -- retry ---------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        ids = []
        for index in self.table.selectionModel().selectedRows():
            report = self.model.row_at(index.row())
            if report is not None:
                ids.append(report.id)
        return sorted(ids)

    def retry_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._retry(ids)

    def retry_all(self) -> None:
        self._retry(None)

    def _retry(self, ids: list[int] | None) -> None:
        sessions = self._sessions
        station = self._station
        operator = self._operator

        def work() -> int:
            with transaction(sessions) as session:
                return retry_reports(session, ids, station=station, operator=operator)

        self.retry_button.setEnabled(False)
        self.retry_all_button.setEnabled(False)
        self._runner.submit(
            work,
            self._on_retried,
            self._on_failed,
            expected=DATABASE_ERRORS,
            description="retrying failed Omnitron reports",
        )

    def _on_retried(self, count: int) -> None:
        log.info(
            "Supervisor %s put %d failed Omnitron reports back in the queue", self._operator, count
        )
        self.retried.emit(count)
        self.reload()
