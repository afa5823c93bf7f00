"""The settings dialog: routing edits that make packing work, validation marked on the
field, one-transaction saves with audit, import and export, the keyring, the Omnitron
reports, and a connection test that never freezes the window."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from oms_desktop.core.changes import SETTINGS_TOPIC
from oms_desktop.core.command import pack_code
from oms_desktop.core.db import transaction
from oms_desktop.core.errors import NoRoute
from oms_desktop.core.ingest import ingest_order
from oms_desktop.core.models import (
    AppSetting,
    AuditEvent,
    ChangeLog,
    Channel,
    OmnitronOutbox,
    OutboxStatus,
    StateTransition,
)
from oms_desktop.core.settings import SETTINGS, get_setting, get_station_setting
from oms_desktop.simulator import DEFAULT_PASSWORD, DEFAULT_USER, SimulatorServer
from oms_desktop.sync.connection_test import ConnectionTestKind
from oms_desktop.sync.secrets import read_omnitron_password, store_omnitron_password
from oms_desktop.sync.settings import KEYRING_SERVICE
from oms_desktop.ui.settings_application import application_keys
from oms_desktop.ui.settings_common import is_marked
from oms_desktop.ui.settings_dialog import SettingsDialog
from oms_desktop.ui.settings_labels import unlabelled_settings
from oms_desktop.ui.settings_store import StaleConfiguration
from tests.conftest import TestDatabase
from tests.factories import HEPSIBURADA, TRENDYOL, TRENDYOL_EXPRESS, order_payload
from tests.sync.conftest import SimulatorControl
from tests.sync.test_secrets import MemoryKeyring

STATION = "Masa 1"
OPERATOR = "Ayşe Demir"
OMNITRON_PASSWORD = "Kargo-Parola-4417"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def simulator() -> Iterator[SimulatorServer]:
    with SimulatorServer(seed=1, order_count=20) as server:
        yield server


@pytest.fixture
def control(simulator: SimulatorServer) -> Iterator[SimulatorControl]:
    client = SimulatorControl(simulator.url)
    yield client
    client.close()


class Answers:
    """Stands in for the yes/no message box; records each question."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, title: str, question: str) -> bool:
        self.questions.append(question)
        return self.answer


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def make_dialog(qtbot: QtBot, answers: Answers, memory_keyring: MemoryKeyring) -> Iterator[Any]:
    dialogs: list[SettingsDialog] = []

    def build(db: TestDatabase, environ: dict[str, str] | None = None) -> SettingsDialog:
        dialog = SettingsDialog(
            db.sessions, station=STATION, operator=OPERATOR, environ=environ or {}, confirm=answers
        )
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=5000):
            dialog.show()
        return dialog

    yield build
    answers.answer = True
    for dialog in dialogs:
        dialog.shutdown()


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the text of ``field`` and emit textEdited, as typing does.

    QTest.keyClicks would type it key by key, but aborts on characters such as "ü" that
    have no key code of their own.
    """
    field.setText(text)
    field.textEdited.emit(text)


def save(qtbot: QtBot, dialog: SettingsDialog) -> list[Any]:
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        dialog.save_button.click()
    return list(blocker.args[0])


def save_fails(qtbot: QtBot, dialog: SettingsDialog) -> BaseException:
    with qtbot.waitSignal(dialog.save_failed, timeout=5000) as blocker:
        dialog.save_button.click()
    error = blocker.args[0]
    assert isinstance(error, BaseException)
    return error


def count(db: TestDatabase, column: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count(column))) or 0)


def count_settings_changes(db: TestDatabase) -> int:
    with db.sessions() as session:
        return int(
            session.scalar(
                select(func.count(ChangeLog.id)).where(ChangeLog.topic == SETTINGS_TOPIC)
            )
            or 0
        )


# ---------------------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------------------


def test_condition_edit_makes_channel_packable(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    with transaction(station_db.sessions) as session:
        result = ingest_order(
            session, order_payload(2001, channel=HEPSIBURADA, cargo_company=TRENDYOL_EXPRESS)
        )
    package_number = f"PKG-{2001:07d}"
    assert result.package_id is not None
    with pytest.raises(NoRoute), transaction(station_db.sessions) as session:
        pack_code(session, package_number, station=STATION)

    dialog = make_dialog(station_db)
    routing = dialog.routing_tab
    dialog.tabs.setCurrentWidget(routing)
    assert "Hepsiburada" in routing.uncovered_text()
    routing.table.selectRow(0)
    position = routing.channel_model.row_of(HEPSIBURADA)
    assert position is not None
    index = routing.channel_model.index(position, 0)
    routing.channel_model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    assert "Hepsiburada" not in routing.uncovered_text()
    changes = save(qtbot, dialog)

    assert [change.entity for change in changes] == ["shipment_condition"]
    with transaction(station_db.sessions) as session:
        packed = pack_code(session, package_number, station=STATION)
    assert packed.package_number == package_number


def test_condition_classes_come_from_registries(make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    routing = dialog.routing_tab
    routing.table.selectRow(0)

    klasses = [routing.klass_field.itemText(i) for i in range(routing.klass_field.count())]
    clients = [routing.client_field.itemText(i) for i in range(routing.client_field.count())]

    assert "ChannelBasedOrdersCondition" in klasses
    assert "OmnitronShipmentClient" in clients
    assert not routing.klass_field.isEditable()
    assert not routing.client_field.isEditable()


def test_new_condition_for_other_cargo(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    routing = dialog.routing_tab
    routing.add_condition()
    hepsijet = -1
    for position in range(routing.cargo_field.count()):
        if routing.cargo_field.itemText(position).startswith("HepsiJet"):
            hepsijet = position
    routing.cargo_field.setCurrentIndex(hepsijet)
    routing.cargo_field.activated.emit(hepsijet)
    model = routing.channel_model
    position = model.row_of(HEPSIBURADA)
    assert position is not None
    model.setData(model.index(position, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    changes = save(qtbot, dialog)

    assert len(changes) == 1
    assert changes[0].old is None
    assert changes[0].new["cargo_company"] == 8
    assert changes[0].new["channels"] == [HEPSIBURADA]


# ---------------------------------------------------------------------------------------
# State transitions
# ---------------------------------------------------------------------------------------


def test_unknown_status_marked_and_not_saved(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.transitions_tab
    dialog.tabs.setCurrentWidget(tab)
    tab.add_transition()
    tab.slug_field.setText("complete-from-shipping")
    tab.slug_field.textEdited.emit("complete-from-shipping")
    tab.from_field.setEditText("shipping")

    assert is_marked(tab.from_field)
    assert "shipping" in tab.from_field.toolTip()
    assert "shipping" in tab.problems.text()
    error = save_fails(qtbot, dialog)

    assert type(error).__name__ == "InvalidDraft"
    assert count(station_db, StateTransition.id) == 3
    assert "Nothing was saved" in dialog.status.text()
    assert dialog.tabs.currentWidget() is tab


def test_duplicate_slug_marked_and_not_saved(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.transitions_tab
    existing = dialog.draft.transitions[0].slug
    tab.add_transition()
    tab.from_field.setEditText("packed")
    tab.to_field.setEditText("shipped")
    tab.command_field.setEditText("SHIP")
    type_into(qtbot, tab.slug_field, existing)

    assert is_marked(tab.slug_field)
    assert existing in tab.slug_field.toolTip()
    assert not is_marked(tab.from_field)
    save_fails(qtbot, dialog)
    with station_db.sessions() as session:
        slugs = list(session.scalars(select(StateTransition.slug)))
        commands = set(session.scalars(select(StateTransition.command)))
    assert len(slugs) == 3
    assert commands == {"CHANNEL_BASED_COMPLETE_PACKAGING"}


def test_empty_slug_and_duplicate_pair_marked(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.transitions_tab
    tab.add_transition()  # CHANNEL_BASED_COMPLETE_PACKAGING from waiting exists already

    assert is_marked(tab.slug_field)
    assert is_marked(tab.from_field)
    assert "waiting" in tab.from_field.toolTip()
    save_fails(qtbot, dialog)
    assert count(station_db, StateTransition.id) == 3


def test_valid_transition_edits_saved(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.transitions_tab
    tab.add_transition()
    tab.command_field.setEditText("MARK_OUT_OF_STOCK")
    tab.to_field.setEditText("out_of_stock")
    type_into(qtbot, tab.slug_field, "mark-out-of-stock-waiting")
    deleted_slug = dialog.draft.transitions[0].slug
    tab.select(dialog.draft.transitions[0])
    tab.delete_current()

    changes = save(qtbot, dialog)

    assert sorted(change.entity for change in changes) == ["state_transition"] * 2
    with station_db.sessions() as session:
        slugs = set(session.scalars(select(StateTransition.slug)))
    assert "mark-out-of-stock-waiting" in slugs
    assert deleted_slug not in slugs


def test_swapped_slugs_save(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.transitions_tab
    first, second = dialog.draft.transitions[0], dialog.draft.transitions[1]
    first_slug, second_slug = first.slug, second.slug
    tab.select(first)
    type_into(qtbot, tab.slug_field, second_slug)
    tab.select(second)
    type_into(qtbot, tab.slug_field, first_slug)

    save(qtbot, dialog)

    with station_db.sessions() as session:
        stored = {row.id: row.slug for row in session.scalars(select(StateTransition))}
    assert stored[first.stored_id] == second_slug
    assert stored[second.stored_id] == first_slug


# ---------------------------------------------------------------------------------------
# Channels and cargo companies
# ---------------------------------------------------------------------------------------


def test_channel_first_seen_on_order_is_listed(make_dialog, station_db: TestDatabase):
    with transaction(station_db.sessions) as session:
        ingest_order(session, order_payload(3001, channel=77))

    dialog = make_dialog(station_db)
    listed = {row.omnitron_id: row.name for row in dialog.channels_tab.model.rows()}

    assert listed[77] == "Channel 77"
    assert "Channel 77" in dialog.routing_tab.uncovered_text()


def test_channels_fetched_from_simulator(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, simulator: SimulatorServer
):
    dialog = make_dialog(station_db)
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, simulator.url)
    type_into(qtbot, connection.user_field, DEFAULT_USER)
    type_into(qtbot, connection.password_field, DEFAULT_PASSWORD)

    with qtbot.waitSignal(dialog.channels_tab.fetched, timeout=10_000) as blocker:
        dialog.channels_tab.fetch_button.click()

    assert blocker.args[0].added == 4  # Amazon, n11, Çiçeksepeti, Pazarama
    assert count(station_db, Channel.id) == 2  # only in the draft until saved
    save(qtbot, dialog)
    with station_db.sessions() as session:
        names = set(session.scalars(select(Channel.name)))
    assert {"Amazon", "n11", "Çiçeksepeti", "Pazarama"} <= names
    assert read_omnitron_password(simulator.url, DEFAULT_USER) == DEFAULT_PASSWORD


def test_channel_fetch_failure_shown(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, simulator: SimulatorServer
):
    dialog = make_dialog(station_db)
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, simulator.url)
    type_into(qtbot, connection.user_field, DEFAULT_USER)
    type_into(qtbot, connection.password_field, "not-the-password")

    with qtbot.waitSignal(dialog.channels_tab.fetch_failed, timeout=10_000) as blocker:
        dialog.channels_tab.fetch_button.click()

    assert DEFAULT_USER in blocker.args[0]
    assert "not-the-password" not in blocker.args[0]


def test_cargo_company_added_and_deactivated(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.cargo_tab
    tab.add_cargo_company()
    tab.id_field.setValue(31)
    type_into(qtbot, tab.name_field, "Sürat Kargo")
    type_into(qtbot, tab.code_field, "surat")
    hepsijet = dialog.draft.cargo_company(8)
    assert hepsijet is not None
    tab.select(hepsijet)
    tab.deactivate_button.click()

    changes = save(qtbot, dialog)

    assert {(change.entity, change.key) for change in changes} == {
        ("cargo_company", "31"),
        ("cargo_company", "8"),
    }
    assert dialog.draft.cargo_company(8).is_active is False
    assert dialog.draft.cargo_company(31).name == "Sürat Kargo"


def test_empty_channel_name_marked(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    tab = dialog.channels_tab
    tab.add_channel()

    assert is_marked(tab.name_field)
    last_row = tab.model.index(tab.model.rowCount() - 1, 0)
    assert tab.model.data(last_row, Qt.ItemDataRole.ForegroundRole) is not None
    save_fails(qtbot, dialog)
    assert count(station_db, Channel.id) == 2


# ---------------------------------------------------------------------------------------
# Application settings
# ---------------------------------------------------------------------------------------


def test_every_setting_rendered_by_type(make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    widgets = dialog.application_tab.widgets

    assert unlabelled_settings() == []
    assert set(widgets) == set(application_keys())
    expected: dict[type, type[QWidget]] = {bool: QCheckBox, int: QSpinBox, float: QDoubleSpinBox}
    for key, widget in widgets.items():
        spec = SETTINGS[key]
        if spec.type is str:
            assert isinstance(widget, QComboBox if spec.choices else QLineEdit), key
        else:
            assert isinstance(widget, expected[spec.type]), key
        if isinstance(widget, QSpinBox | QDoubleSpinBox) and spec.minimum is not None:
            assert widget.minimum() == spec.minimum, key
            assert widget.maximum() == spec.maximum, key
    for key in ("AUTO_RUN_SHIP_THE_PACKAGE_COMMAND", "LANGUAGE", "SOUND_ENABLED"):
        assert key in widgets
    language = widgets["LANGUAGE"]
    assert isinstance(language, QComboBox)
    assert [language.itemData(i) for i in range(language.count())] == ["system", "tr", "en"]


def test_shared_and_station_settings_saved(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    settings_changes_before = count_settings_changes(station_db)
    dialog = make_dialog(station_db)
    widgets = dialog.application_tab.widgets
    auto_ship = widgets["AUTO_RUN_SHIP_THE_PACKAGE_COMMAND"]
    sound = widgets["SOUND_ENABLED"]
    batch = widgets["STATUS_POLL_BATCH_SIZE"]
    assert isinstance(auto_ship, QCheckBox)
    assert isinstance(sound, QCheckBox)
    assert isinstance(batch, QSpinBox)
    auto_ship.setChecked(False)
    sound.setChecked(False)
    batch.setValue(120)

    save(qtbot, dialog)

    with station_db.sessions() as session:
        assert get_setting(session, "AUTO_RUN_SHIP_THE_PACKAGE_COMMAND") is False
        assert get_setting(session, "STATUS_POLL_BATCH_SIZE") == 120
        assert get_station_setting(session, "SOUND_ENABLED", STATION) is False
        # The sound is this station's own: the value for every station stays as it was.
        assert get_setting(session, "SOUND_ENABLED") is True
        assert get_station_setting(session, "SOUND_ENABLED", "Masa 2") is True
        assert session.get(AppSetting, f"SOUND_ENABLED@{STATION}") is not None
    # The change feed tells the other stations to read their settings again.
    assert count_settings_changes(station_db) > settings_changes_before


def test_audit_records_old_and_new(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    batch = dialog.application_tab.widgets["STATUS_POLL_BATCH_SIZE"]
    assert isinstance(batch, QSpinBox)
    batch.setValue(75)
    trendyol = dialog.draft.channel(TRENDYOL)
    dialog.channels_tab.select(trendyol)
    type_into(qtbot, dialog.channels_tab.name_field, "Trendyol TR")
    before = dt.datetime.now(dt.UTC)

    save(qtbot, dialog)

    with station_db.sessions() as session:
        events = list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "configuration_edited"))
        )
    by_entity = {(event.entity, event.entity_id): event for event in events}
    setting = by_entity[("setting", "STATUS_POLL_BATCH_SIZE")]
    assert (setting.old_value, setting.new_value) == (50, 75)
    channel = by_entity[("channel", str(TRENDYOL))]
    assert channel.old_value["name"] == "Trendyol"
    assert channel.new_value["name"] == "Trendyol TR"
    for event in events:
        assert (event.station, event.operator) == (STATION, OPERATOR)
        assert event.at >= before - dt.timedelta(seconds=1)
    assert len(events) == 2


def test_invalid_omnitron_url_marked(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, "https://user:pw@omnitron.example.com")

    assert is_marked(connection.url_field)
    save_fails(qtbot, dialog)
    type_into(qtbot, connection.url_field, "omnitron.example.com")
    assert is_marked(connection.url_field)
    type_into(qtbot, connection.url_field, "https://omnitron.example.com")
    assert not is_marked(connection.url_field)


# ---------------------------------------------------------------------------------------
# Saving: one transaction, stale rows, keyring
# ---------------------------------------------------------------------------------------


def test_stale_row_refused_and_nothing_saved(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, memory_keyring: MemoryKeyring
):
    url = "https://omnitron.example.com"
    with transaction(station_db.sessions) as session:
        from oms_desktop.core.settings import set_setting

        set_setting(session, "OMNITRON_URL", url)
        set_setting(session, "OMNITRON_USER", "depo")
    store_omnitron_password(url, "depo", "eski-parola")
    dialog = make_dialog(station_db)
    batch = dialog.application_tab.widgets["STATUS_POLL_BATCH_SIZE"]
    assert isinstance(batch, QSpinBox)
    batch.setValue(99)
    dialog.channels_tab.select(dialog.draft.channel(TRENDYOL))
    type_into(qtbot, dialog.channels_tab.name_field, "Trendyol (bu istasyon)")
    type_into(qtbot, dialog.connection_tab.password_field, "yeni-parola")
    # Another station renames the same channel meanwhile.
    with transaction(station_db.sessions) as session:
        channel = session.scalars(select(Channel).where(Channel.omnitron_id == TRENDYOL)).one()
        channel.name = "Trendyol (öbür istasyon)"

    error = save_fails(qtbot, dialog)

    assert isinstance(error, StaleConfiguration)
    assert "another station" in dialog.status.text()
    with station_db.sessions() as session:
        assert get_setting(session, "STATUS_POLL_BATCH_SIZE") == 50
        names = set(session.scalars(select(Channel.name)))
    assert "Trendyol (öbür istasyon)" in names
    # The password stored before the failed write was taken back.
    assert read_omnitron_password(url, "depo") == "eski-parola"


def test_password_saved_to_keyring_not_database(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, memory_keyring: MemoryKeyring
):
    dialog = make_dialog(station_db)
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, "https://omnitron.example.com/")
    type_into(qtbot, connection.user_field, "depo")
    type_into(qtbot, connection.password_field, OMNITRON_PASSWORD)

    save(qtbot, dialog)

    assert memory_keyring.entries == {
        (KEYRING_SERVICE, "omnitron:https://omnitron.example.com:depo"): OMNITRON_PASSWORD
    }
    assert connection.password_field.text() == ""
    assert "keyring" in connection.password_status.text()
    with station_db.sessions() as session:
        stored = [json.dumps(row.value) for row in session.scalars(select(AppSetting))]
        audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "omnitron_password_changed")
        ).one()
    assert not any(OMNITRON_PASSWORD in value for value in stored)
    assert audit.entity_id == "depo@https://omnitron.example.com/"
    assert audit.new_value is None


def test_password_without_keyring_refused(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        dialog = make_dialog(station_db)
        connection = dialog.connection_tab
        assert "OMS_OMNITRON_PASSWORD" in connection.password_status.text()
        type_into(qtbot, connection.url_field, "https://omnitron.example.com")
        type_into(qtbot, connection.user_field, "depo")
        type_into(qtbot, connection.password_field, OMNITRON_PASSWORD)

        save_fails(qtbot, dialog)

        assert is_marked(connection.password_field)
        assert "OMS_OMNITRON_PASSWORD" in connection.password_field.toolTip()
        with station_db.sessions() as session:
            assert get_setting(session, "OMNITRON_URL") == ""
    finally:
        keyring.set_keyring(previous)


def test_environment_password_is_reported(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db, environ={"OMS_OMNITRON_PASSWORD": "x"})
    with transaction(station_db.sessions) as session:
        from oms_desktop.core.settings import set_setting

        set_setting(session, "OMNITRON_URL", "https://omnitron.example.com")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.reload()

    assert "OMS_OMNITRON_PASSWORD" in dialog.connection_tab.password_status.text()


def test_close_with_unsaved_edits_asks(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, answers: Answers
):
    dialog = make_dialog(station_db)
    batch = dialog.application_tab.widgets["STATUS_POLL_BATCH_SIZE"]
    assert isinstance(batch, QSpinBox)
    batch.setValue(60)
    assert dialog.windowTitle().endswith("*")

    answers.answer = False
    dialog.reject()
    assert dialog.isVisible()
    assert len(answers.questions) == 1
    dialog.close()  # the window's close box
    assert dialog.isVisible()
    assert len(answers.questions) == 2

    answers.answer = True
    dialog.reject()
    assert not dialog.isVisible()


# ---------------------------------------------------------------------------------------
# Import and export
# ---------------------------------------------------------------------------------------


def test_import_preview_then_apply(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, tmp_path: Path, answers: Answers
):
    document = {
        "channels": [{"omnitron_id": 99, "name": "Pazarama", "channel_type": "sales_channel"}],
        "settings": {"STATUS_POLL_BATCH_SIZE": 40},
    }
    path = tmp_path / "config.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    dialog = make_dialog(station_db)
    tab = dialog.transfer_tab

    with qtbot.waitSignal(tab.preview_ready, timeout=5000) as blocker:
        tab.preview_import(str(path))

    plan = blocker.args[0]
    assert len(plan.changes) == 2
    assert "create channel 99" in tab.preview_text.toPlainText()
    assert tab.apply_button.isEnabled()
    with station_db.sessions() as session:
        assert session.scalar(select(Channel).where(Channel.omnitron_id == 99)) is None
        assert get_setting(session, "STATUS_POLL_BATCH_SIZE") == 50

    with (
        qtbot.waitSignal(dialog.loaded, timeout=5000),
        qtbot.waitSignal(tab.imported, timeout=5000),
    ):
        tab.apply_button.click()

    assert len(answers.questions) == 1
    with station_db.sessions() as session:
        assert session.scalar(select(Channel.name).where(Channel.omnitron_id == 99)) == "Pazarama"
        assert get_setting(session, "STATUS_POLL_BATCH_SIZE") == 40
        imported = list(
            session.scalars(
                select(AuditEvent.operator).where(AuditEvent.action == "configuration_imported")
            )
        )
    assert imported == [OPERATOR, OPERATOR]
    assert dialog.draft.channel(99) is not None


def test_import_declined_changes_nothing(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, tmp_path: Path, answers: Answers
):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"settings": {"STATUS_POLL_BATCH_SIZE": 41}}), encoding="utf-8")
    dialog = make_dialog(station_db)
    tab = dialog.transfer_tab
    with qtbot.waitSignal(tab.preview_ready, timeout=5000):
        tab.preview_import(str(path))
    answers.answer = False

    tab.apply_button.click()

    with station_db.sessions() as session:
        assert get_setting(session, "STATUS_POLL_BATCH_SIZE") == 50


def test_invalid_import_lists_problems(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, tmp_path: Path
):
    path = tmp_path / "config.json"
    document = {"settings": {"OMNITRON_PASSWORD": "x", "STATUS_POLL_BATCH_SIZE": 0}}
    path.write_text(json.dumps(document), encoding="utf-8")
    dialog = make_dialog(station_db)
    tab = dialog.transfer_tab

    with qtbot.waitSignal(tab.failed, timeout=5000) as blocker:
        tab.preview_import(str(path))

    assert "nothing was imported" in blocker.args[0]
    assert "OMNITRON_PASSWORD" in tab.preview_text.toPlainText()
    assert not tab.apply_button.isEnabled()


def test_export_contains_no_secret(
    qtbot: QtBot,
    make_dialog,
    station_db: TestDatabase,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
):
    from oms_desktop.core.auth import set_secret

    with transaction(station_db.sessions) as session:
        set_secret(session, "97531", station="it-desk")
    dialog = make_dialog(station_db)
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, "https://omnitron.example.com")
    type_into(qtbot, connection.user_field, "depo")
    type_into(qtbot, connection.password_field, OMNITRON_PASSWORD)
    save(qtbot, dialog)
    path = tmp_path / "export.json"

    with qtbot.waitSignal(dialog.transfer_tab.exported, timeout=5000):
        dialog.transfer_tab.export_to(str(path))

    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["settings"]["OMNITRON_USER"] == "depo"
    assert OMNITRON_PASSWORD not in text
    assert "97531" not in text
    assert "scrypt" not in text
    assert "password" not in text.lower()


# ---------------------------------------------------------------------------------------
# Omnitron reports
# ---------------------------------------------------------------------------------------


def test_failed_reports_listed_and_retried(qtbot: QtBot, make_dialog, station_db: TestDatabase):
    now = dt.datetime.now(dt.UTC)
    with transaction(station_db.sessions) as session:
        session.add_all(
            [
                OmnitronOutbox(
                    order_item_omnitron_id=5001,
                    target_status="450",
                    state=OutboxStatus.FAILED,
                    attempts=1,
                    last_error='{"detail": "Order item is cancelled."}',
                    next_attempt_at=now,
                    created_at=now - dt.timedelta(minutes=10),
                ),
                OmnitronOutbox(
                    order_item_omnitron_id=5002,
                    target_status="450",
                    state=OutboxStatus.FAILED,
                    attempts=2,
                    last_error='{"status": ["invalid"]}',
                    next_attempt_at=now,
                    created_at=now - dt.timedelta(minutes=9),
                ),
                OmnitronOutbox(
                    order_item_omnitron_id=5003,
                    target_status="450",
                    state=OutboxStatus.PENDING,
                    next_attempt_at=now,
                    created_at=now - dt.timedelta(minutes=30),
                ),
            ]
        )
    dialog = make_dialog(station_db)
    tab = dialog.reports_tab
    qtbot.waitUntil(lambda: tab.overview is not None and tab.model.rowCount() == 2)

    assert "1 reports wait" in tab.stats_label.text()
    assert "30 min" in tab.stats_label.text()
    assert "2 reports failed" in tab.stats_label.text()
    rows = {report.order_item_omnitron_id: report for report in tab.model.rows()}
    assert "cancelled" in rows[5001].error
    tab.table.selectRow(tab.model.row_of(rows[5001]))

    with qtbot.waitSignal(tab.retried, timeout=5000) as blocker:
        tab.retry_button.click()

    assert blocker.args == [1]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    with station_db.sessions() as session:
        states = {
            item: state
            for item, state in session.execute(
                select(OmnitronOutbox.order_item_omnitron_id, OmnitronOutbox.state)
            )
        }
        retry_audit = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "omnitron_reports_retried")
        ).one()
    assert states == {5001: "pending", 5002: "failed", 5003: "pending"}
    assert retry_audit.operator == OPERATOR


# ---------------------------------------------------------------------------------------
# Test connection
# ---------------------------------------------------------------------------------------


def fill_connection(
    qtbot: QtBot, dialog: SettingsDialog, url: str, password: str = DEFAULT_PASSWORD
) -> None:
    connection = dialog.connection_tab
    type_into(qtbot, connection.url_field, url)
    type_into(qtbot, connection.user_field, DEFAULT_USER)
    type_into(qtbot, connection.password_field, password)


def run_test(qtbot: QtBot, dialog: SettingsDialog, timeout: int = 10_000) -> Any:
    with qtbot.waitSignal(dialog.connection_tab.test_finished, timeout=timeout) as blocker:
        dialog.connection_tab.test_button.click()
    return blocker.args[0]


def test_connection_success(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, simulator: SimulatorServer
):
    dialog = make_dialog(station_db)
    fill_connection(qtbot, dialog, simulator.url)

    result = run_test(qtbot, dialog)

    assert result.kind is ConnectionTestKind.SUCCESS
    text = dialog.connection_tab.test_result.text()
    assert "Connected" in text
    assert "20 orders" in text


def test_connection_wrong_password(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, simulator: SimulatorServer
):
    dialog = make_dialog(station_db)
    fill_connection(qtbot, dialog, simulator.url, password="Tamamen-Yanlis-55")

    result = run_test(qtbot, dialog)

    assert result.kind is ConnectionTestKind.UNAUTHORISED
    text = dialog.connection_tab.test_result.text()
    assert DEFAULT_USER in text
    assert simulator.url in text
    assert "Tamamen-Yanlis-55" not in text


def test_connection_refused_when_stopped(
    qtbot: QtBot, make_dialog, station_db: TestDatabase, simulator: SimulatorServer
):
    url = simulator.url
    simulator.stop()
    dialog = make_dialog(station_db)
    fill_connection(qtbot, dialog, url)

    result = run_test(qtbot, dialog)

    assert result.kind is ConnectionTestKind.CONNECTION_REFUSED
    assert "refused" in dialog.connection_tab.test_result.text()


def test_connection_uses_stored_password(
    qtbot: QtBot,
    make_dialog,
    station_db: TestDatabase,
    simulator: SimulatorServer,
    memory_keyring: MemoryKeyring,
):
    store_omnitron_password(simulator.url, DEFAULT_USER, DEFAULT_PASSWORD)
    dialog = make_dialog(station_db)
    fill_connection(qtbot, dialog, simulator.url, password="")

    result = run_test(qtbot, dialog)

    assert result.kind is ConnectionTestKind.SUCCESS


def test_slow_answer_keeps_dialog_responsive(
    qtbot: QtBot,
    make_dialog,
    station_db: TestDatabase,
    simulator: SimulatorServer,
    control: SimulatorControl,
):
    control.faults({"path": "/api/i1/auth/login/", "latency_ms": 1500})
    dialog = make_dialog(station_db)
    fill_connection(qtbot, dialog, simulator.url)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    tab = dialog.connection_tab
    start_ticks = len(ticks)

    with qtbot.waitSignal(tab.test_finished, timeout=10_000) as blocker:
        tab.test_button.click()
        assert tab.is_testing()
        assert not tab.test_button.isEnabled()
        assert "Connecting" in tab.test_result.text()
    timer.stop()

    assert blocker.args[0].kind is ConnectionTestKind.SUCCESS
    assert blocker.args[0].elapsed_seconds >= 1.5
    # 1.5 s at a 20 ms interval is 75 ticks on an idle machine; a blocked GUI thread would
    # deliver at most one when it woke up.
    assert len(ticks) - start_ticks >= 20
    assert tab.test_button.isEnabled()


# ---------------------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------------------


@pytest.fixture
def turkish(qapp: Any) -> Iterator[None]:
    from PySide6.QtCore import QLocale

    from oms_desktop.ui import i18n

    previous_locale = QLocale()
    i18n.install_translators(qapp, "tr")
    yield
    i18n.remove_translators(qapp)
    QLocale.setDefault(previous_locale)


def test_turkish_texts(qtbot: QtBot, turkish: None, make_dialog, station_db: TestDatabase):
    from oms_desktop.sync.connection_test import ConnectionTestResult
    from oms_desktop.ui.settings_connection import connection_result_text

    dialog = make_dialog(station_db)
    titles = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
    assert titles[:3] == ["Omnitron bağlantısı", "Kanallar", "Kargo firmaları"]
    assert dialog.save_button.text() == "Kaydet"
    assert dialog.application_tab.widgets["LANGUAGE"].itemText(0) == "İşletim sistemindeki gibi"

    # Texts of base-class methods, called on a subclass, are found under the base's context.
    channels = dialog.channels_tab
    channels.add_channel()
    channels.add_channel()
    assert "başka satırda" in channels.problems.text()
    assert "boş olamaz" in channels.name_field.toolTip()

    refused = ConnectionTestResult(
        ConnectionTestKind.UNAUTHORISED, "https://omnitron.example.com", "depo", "login", "x"
    )
    text = connection_result_text(refused)
    assert text.startswith("https://omnitron.example.com adresindeki Omnitron, depo")


def test_models_pass_model_tester(qtmodeltester: Any, make_dialog, station_db: TestDatabase):
    dialog = make_dialog(station_db)

    qtmodeltester.check(dialog.channels_tab.model)
    qtmodeltester.check(dialog.transitions_tab.model)
    dialog.routing_tab.table.selectRow(0)
    qtmodeltester.check(dialog.routing_tab.channel_model)
