"""Station configuration import and export, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from oms_desktop.core.config_io import (
    AUDIT_ACTION,
    InvalidConfiguration,
    apply_import,
    export_config,
    plan_import,
)
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import AuditEvent, CargoCompany, Channel, ShipmentCondition
from oms_desktop.core.settings import (
    AUTO_RUN_SHIP,
    OMNITRON_URL,
    STATUS_POLL_BATCH_SIZE,
    get_setting,
    set_setting,
)
from tests.conftest import TestDatabase
from tests.factories import (
    HEPSIBURADA,
    HEPSIJET,
    TRENDYOL,
    TRENDYOL_EXPRESS,
    configure_station,
)


def full_document() -> dict[str, Any]:
    return {
        "channels": [
            {"omnitron_id": 42, "name": "Trendyol", "channel_type": "trendyol", "is_active": True},
            {"omnitron_id": 46, "name": "Çiçeksepeti", "channel_type": "sales_channel"},
        ],
        "cargo_companies": [
            {"omnitron_id": 11, "name": "Trendyol Express", "code": "trendyol_express"},
            {"omnitron_id": 12, "name": "MNG Kargo", "code": "mng", "is_active": True},
        ],
        "conditions": [
            {
                "cargo_company": 11,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [42],
                "conf": {"klass": "OmnitronShipmentClient"},
            },
            {
                "cargo_company": 12,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [46, 42],
                "conf": {"klass": "OmnitronShipmentClient"},
            },
        ],
        "settings": {AUTO_RUN_SHIP: False, STATUS_POLL_BATCH_SIZE: 20},
    }


def import_document(database: TestDatabase, document: object, station: str = "bench-1") -> Any:
    with database.sessions() as session, session.begin():
        plan = plan_import(session, document)
        return apply_import(session, plan, station, operator="ayse")


def exported(database: TestDatabase) -> dict[str, Any]:
    with database.sessions() as session:
        return export_config(session)


def audit_count(database: TestDatabase) -> int:
    with database.sessions() as session:
        return int(session.scalar(select(func.count(AuditEvent.id))) or 0)


# Round trip and preview


def test_export_then_import_plans_no_change(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session, route_channels=(TRENDYOL, HEPSIBURADA))
        set_setting(session, STATUS_POLL_BATCH_SIZE, 25)
    document = exported(database)

    with database.sessions() as session:
        plan = plan_import(session, json.loads(json.dumps(document)))
    assert plan.is_empty, plan.describe()


def test_import_into_empty_station_then_export_matches(database: TestDatabase) -> None:
    applied = import_document(database, full_document())
    assert len(applied.changes) == 2 + 2 + 2 + 2

    document = exported(database)
    assert [c["omnitron_id"] for c in document["channels"]] == [42, 46]
    assert document["channels"][1] == {
        "omnitron_id": 46,
        "name": "Çiçeksepeti",
        "channel_type": "sales_channel",
        "is_active": True,
    }
    assert document["cargo_companies"][1]["code"] == "mng"
    assert document["conditions"][1]["channels"] == [42, 46]
    assert document["conditions"][1]["conf"] == {"klass": "OmnitronShipmentClient"}
    assert document["settings"][AUTO_RUN_SHIP] is False
    assert document["settings"][STATUS_POLL_BATCH_SIZE] == 20

    with database.sessions() as session:
        assert plan_import(session, document).is_empty


def test_export_writes_all_four_sections_and_every_setting(database: TestDatabase) -> None:
    document = exported(database)
    assert set(document) == {"channels", "cargo_companies", "conditions", "settings"}
    assert AUTO_RUN_SHIP in document["settings"]
    assert document["settings"][STATUS_POLL_BATCH_SIZE] == 50


def test_plan_preview_lists_changes_without_writing(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
    document = {
        "channels": [{"omnitron_id": TRENDYOL, "name": "Trendyol TR"}],
        "settings": {STATUS_POLL_BATCH_SIZE: 10},
    }
    with database.sessions() as session:
        plan = plan_import(session, document)
        lines = plan.describe()

    assert [(c.entity, c.key) for c in plan.changes] == [
        ("channel", str(TRENDYOL)),
        ("setting", STATUS_POLL_BATCH_SIZE),
    ]
    assert lines[0] == "update channel 42: name 'Trendyol' -> 'Trendyol TR'"
    assert lines[1] == f"set setting {STATUS_POLL_BATCH_SIZE}: 50 -> 10"
    with database.sessions() as session:
        channel = session.scalar(select(Channel).where(Channel.omnitron_id == TRENDYOL))
        assert channel is not None
        assert channel.name == "Trendyol"
    assert audit_count(database) == 0


def test_plan_preview_describes_created_and_replaced(database: TestDatabase) -> None:
    with database.sessions() as session:
        lines = plan_import(session, full_document()).describe()
    assert lines[0].startswith("create channel 42: ")
    assert (
        "replace conditions of cargo company 12: (none) -> "
        "ChannelBasedOrdersCondition[42,46] -> OmnitronShipmentClient"
    ) in lines


def test_omitted_optional_fields_keep_stored_values(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
        channel = session.scalar(select(Channel).where(Channel.omnitron_id == HEPSIBURADA))
        assert channel is not None
        channel.is_active = False
    import_document(database, {"channels": [{"omnitron_id": HEPSIBURADA, "name": "HB"}]})

    with database.sessions() as session:
        channel = session.scalar(select(Channel).where(Channel.omnitron_id == HEPSIBURADA))
        assert channel is not None
        assert channel.name == "HB"
        assert channel.channel_type == "hepsiburada"
        assert channel.is_active is False


def test_conditions_replace_only_named_cargo_companies(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
        hepsijet = session.scalar(select(CargoCompany).where(CargoCompany.omnitron_id == HEPSIJET))
        hepsiburada = session.scalar(select(Channel).where(Channel.omnitron_id == HEPSIBURADA))
        assert hepsijet is not None and hepsiburada is not None
        kept = ShipmentCondition(
            cargo_company_id=hepsijet.id,
            klass="ChannelBasedOrdersCondition",
            conf={"klass": "OmnitronShipmentClient"},
        )
        kept.channels = [hepsiburada]
        session.add(kept)

    document = {
        "conditions": [
            {
                "cargo_company": TRENDYOL_EXPRESS,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [HEPSIBURADA],
                "conf": {"klass": "OmnitronShipmentClient"},
            },
            {
                "cargo_company": TRENDYOL_EXPRESS,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [TRENDYOL],
                "conf": {"klass": "OmnitronShipmentClient"},
                "is_active": False,
            },
        ]
    }
    applied = import_document(database, document)
    assert [(c.entity, c.key) for c in applied.changes] == [("conditions", str(TRENDYOL_EXPRESS))]

    conditions = exported(database)["conditions"]
    by_cargo: dict[int, list[dict[str, Any]]] = {}
    for condition in conditions:
        by_cargo.setdefault(condition["cargo_company"], []).append(condition)
    assert [c["channels"] for c in by_cargo[TRENDYOL_EXPRESS]] == [[HEPSIBURADA], [TRENDYOL]]
    assert [c["is_active"] for c in by_cargo[TRENDYOL_EXPRESS]] == [True, False]
    assert [c["channels"] for c in by_cargo[HEPSIJET]] == [[HEPSIBURADA]]


def test_condition_may_name_channels_from_file_and_database(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
    document = {
        "channels": [{"omnitron_id": 47, "name": "Pazarama", "channel_type": "sales_channel"}],
        "conditions": [
            {
                "cargo_company": HEPSIJET,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [47, HEPSIBURADA],
                "conf": {"klass": "OmnitronShipmentClient"},
            }
        ],
    }
    import_document(database, document)
    conditions = [c for c in exported(database)["conditions"] if c["cargo_company"] == HEPSIJET]
    assert conditions[0]["channels"] == [HEPSIBURADA, 47]


# Audit


def test_audit_event_per_change_with_old_and_new(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
    document = {
        "channels": [
            {"omnitron_id": TRENDYOL, "name": "Trendyol TR"},
            {"omnitron_id": 47, "name": "Pazarama", "channel_type": "sales_channel"},
        ],
        "settings": {STATUS_POLL_BATCH_SIZE: 10},
    }
    import_document(database, document, station="bench-7")

    with database.sessions() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.entity, e.entity_id) for e in events] == [
        ("channel", "42"),
        ("channel", "47"),
        ("setting", STATUS_POLL_BATCH_SIZE),
    ]
    assert all(e.action == AUDIT_ACTION for e in events)
    assert all(e.station == "bench-7" for e in events)
    assert all(e.operator == "ayse" for e in events)
    assert events[0].old_value == {
        "name": "Trendyol",
        "channel_type": "trendyol",
        "is_active": True,
    }
    assert events[0].new_value == {
        "name": "Trendyol TR",
        "channel_type": "trendyol",
        "is_active": True,
    }
    assert events[1].old_value is None
    assert events[1].new_value["name"] == "Pazarama"
    assert events[2].old_value == 50
    assert events[2].new_value == 10


def test_apply_replans_against_current_state(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
    document = {"settings": {STATUS_POLL_BATCH_SIZE: 10, AUTO_RUN_SHIP: False}}
    with database.sessions() as session:
        plan = plan_import(session, document)
    assert len(plan.changes) == 2
    with database.sessions() as session, session.begin():
        set_setting(session, STATUS_POLL_BATCH_SIZE, 10)

    with database.sessions() as session, session.begin():
        applied = apply_import(session, plan, "bench-1")
    assert [c.key for c in applied.changes] == [AUTO_RUN_SHIP]
    with database.sessions() as session:
        assert get_setting(session, AUTO_RUN_SHIP) is False


# Rejection


def with_change(path: list[Any], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(full_document())
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def without(path: list[Any]) -> dict[str, Any]:
    document = copy.deepcopy(full_document())
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return document


INVALID_DOCUMENTS = [
    pytest.param([1, 2], "", "expected a JSON object at the top level", id="not-an-object"),
    pytest.param(
        {**full_document(), "channel": []}, "channel", "unknown field", id="unknown-section"
    ),
    pytest.param(
        with_change(["channels", 0, "omnitron_id"], "42"),
        "channels[0].omnitron_id",
        "expected a whole number, got '42'",
        id="id-as-string",
    ),
    pytest.param(
        with_change(["channels", 0, "omnitron_id"], 0),
        "channels[0].omnitron_id",
        "must be greater than 0",
        id="id-zero",
    ),
    pytest.param(
        without(["channels", 1, "name"]),
        "channels[1].name",
        "required field is missing",
        id="missing-name",
    ),
    pytest.param(
        with_change(["channels", 1, "name"], "  "),
        "channels[1].name",
        "must not be empty",
        id="blank-name",
    ),
    pytest.param(
        with_change(["channels", 1, "is_active"], "yes"),
        "channels[1].is_active",
        "expected true or false",
        id="active-as-string",
    ),
    pytest.param(
        with_change(["channels", 1, "omnitron_id"], 42),
        "channels[1].omnitron_id",
        "duplicate omnitron_id 42; channels[0] has it already",
        id="duplicate-channel",
    ),
    pytest.param(
        with_change(["cargo_companies", 0, "password"], "x"),
        "cargo_companies[0].password",
        "unknown field",
        id="extra-field",
    ),
    pytest.param(
        with_change(["conditions", 1, "channels", 0], 99),
        "conditions[1].channels[0]",
        "channel 99 is neither in the file nor in the database",
        id="unknown-channel",
    ),
    pytest.param(
        with_change(["conditions", 1, "channels", 1], 46),
        "conditions[1].channels[1]",
        "channel 46 is listed twice",
        id="channel-twice",
    ),
    pytest.param(
        with_change(["conditions", 0, "cargo_company"], 999),
        "conditions[0].cargo_company",
        "cargo company 999 is neither in the file nor in the database",
        id="unknown-cargo-company",
    ),
    pytest.param(
        with_change(["conditions", 0, "klass"], "Foo"),
        "conditions[0].klass",
        'unknown condition class "Foo"; known: ChannelBasedOrdersCondition',
        id="unknown-condition-class",
    ),
    pytest.param(
        with_change(["conditions", 1, "conf", "klass"], "CargoApiClient"),
        "conditions[1].conf.klass",
        'unknown shipment client "CargoApiClient"; known: OmnitronShipmentClient',
        id="unknown-shipment-client",
    ),
    pytest.param(
        with_change(["conditions", 1, "conf"], {}),
        "conditions[1].conf.klass",
        "required field is missing",
        id="conf-without-klass",
    ),
    pytest.param(
        with_change(["conditions", 0, "conf", "api_token"], "abc"),
        "conditions[0].conf.api_token",
        "secrets do not belong in the station configuration",
        id="secret-in-conf",
    ),
    pytest.param(
        with_change(["conditions", 0, "channels"], 42),
        "conditions[0].channels",
        "expected a list, got 42",
        id="channels-not-a-list",
    ),
    pytest.param(
        with_change(["settings", STATUS_POLL_BATCH_SIZE], 0),
        f"settings.{STATUS_POLL_BATCH_SIZE}",
        "0 is below the minimum 1",
        id="setting-below-minimum",
    ),
    pytest.param(
        with_change(["settings", STATUS_POLL_BATCH_SIZE], "ten"),
        f"settings.{STATUS_POLL_BATCH_SIZE}",
        "expected a number, got 'ten'",
        id="setting-not-a-number",
    ),
    pytest.param(
        with_change(["settings", AUTO_RUN_SHIP], "yes"),
        f"settings.{AUTO_RUN_SHIP}",
        "expected true or false",
        id="setting-not-a-bool",
    ),
    pytest.param(
        with_change(["settings", "OMNITRON_PASSWORD"], "hunter2"),
        "settings.OMNITRON_PASSWORD",
        "secrets do not belong in the station configuration",
        id="password-setting",
    ),
    pytest.param(
        with_change(["settings", "NO_SUCH_SETTING"], 1),
        "settings.NO_SUCH_SETTING",
        "unknown setting; known settings: ",
        id="unknown-setting",
    ),
    pytest.param(
        with_change(["settings", OMNITRON_URL], "https://station:hunter2@omnitron.example.com"),
        f"settings.{OMNITRON_URL}",
        "the URL contains a password",
        id="password-in-url",
    ),
    pytest.param(
        with_change(["settings", OMNITRON_URL], "omnitron.example.com"),
        f"settings.{OMNITRON_URL}",
        "expected an http:// or https:// URL",
        id="url-without-scheme",
    ),
    pytest.param(
        with_change(["settings"], [AUTO_RUN_SHIP]),
        "settings",
        "expected an object",
        id="settings-not-an-object",
    ),
]


@pytest.mark.parametrize(("document", "path", "reason"), INVALID_DOCUMENTS)
def test_invalid_document_rejected_whole(
    database: TestDatabase, document: object, path: str, reason: str
) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
    before = exported(database)

    with (
        pytest.raises(InvalidConfiguration) as caught,
        database.sessions() as session,
        session.begin(),
    ):
        plan = plan_import(session, document)
        apply_import(session, plan, "bench-1")

    assert caught.value.path == path
    assert reason in caught.value.reason
    assert isinstance(caught.value, ConfigurationError)
    assert exported(database) == before
    assert audit_count(database) == 0


def test_every_problem_is_listed_in_document_order(database: TestDatabase) -> None:
    document = with_change(["conditions", 0, "klass"], "Foo")
    document["settings"][STATUS_POLL_BATCH_SIZE] = 0
    with database.sessions() as session, pytest.raises(InvalidConfiguration) as caught:
        plan_import(session, document)
    assert [problem.path for problem in caught.value.problems] == [
        "conditions[0].klass",
        f"settings.{STATUS_POLL_BATCH_SIZE}",
    ]
    assert str(caught.value).startswith("conditions[0].klass: unknown condition class")


def test_valid_sections_are_not_applied_when_settings_fail(database: TestDatabase) -> None:
    document = with_change(["settings", STATUS_POLL_BATCH_SIZE], 10_000)
    with pytest.raises(InvalidConfiguration):
        import_document(database, document)
    with database.sessions() as session:
        assert session.scalar(select(func.count(Channel.id))) == 0
        assert session.scalar(select(func.count(ShipmentCondition.id))) == 0


# Secrets


def test_export_contains_no_secret(database: TestDatabase) -> None:
    with database.sessions() as session, session.begin():
        configure_station(session)
        condition = session.scalars(select(ShipmentCondition)).one()
        condition.conf = {"klass": "OmnitronShipmentClient", "api_token": "tok-s3cret"}
        set_setting(session, OMNITRON_URL, "https://station:pw-s3cret@omnitron.example.com:8443/")

    document = exported(database)
    text = json.dumps(document)
    assert "s3cret" not in text
    assert document["settings"][OMNITRON_URL] == "https://station@omnitron.example.com:8443/"
    assert document["conditions"][0]["conf"] == {"klass": "OmnitronShipmentClient"}
    assert not any("password" in key.lower() for key in document["settings"])
