"""The command line, called in-process through ``main`` and, for a few cases, as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from oms_desktop import cli
from oms_desktop.cli import Exit, main
from oms_desktop.core.db import head_revision, make_engine, upgrade_database
from oms_desktop.core.errors import ConcurrentUpdate
from oms_desktop.core.ingest import ingest_order, package_number_for
from oms_desktop.core.models import AuditEvent, Package
from oms_desktop.core.shipment_status import apply_omnitron_status
from oms_desktop.core.statuses import PackageStatus
from tests.conftest import TestDatabase
from tests.factories import HEPSIBURADA, configure_station, order_payload

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the log file and the default database inside the test's folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("OMS_DATABASE_URL", "OMS_OMNITRON_URL", "OMS_STATION", "OMS_OPERATOR"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def station(sqlite_database: TestDatabase) -> TestDatabase:
    """A configured station with packages 1001 (Trendyol, routed) and 1002 (Hepsiburada, not)."""
    with sqlite_database.sessions() as session, session.begin():
        configure_station(session)
        ingest_order(session, order_payload(1001, tracking_number="7330001001"))
        ingest_order(session, order_payload(1002, channel=HEPSIBURADA, tracking_number="HB1002"))
    return sqlite_database


def run(
    capsys: pytest.CaptureFixture[str], database: TestDatabase | str, *arguments: str
) -> tuple[int, str, str]:
    url = database if isinstance(database, str) else database.url
    status = main([*arguments, "--database", url, "--station", "bench-1"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


def package(database: TestDatabase, number: str) -> Package:
    with database.sessions() as session:
        row = session.scalar(select(Package).where(Package.number == number))
        assert row is not None
        return row


# pack


def test_pack_success_prints_one_line(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    number = package_number_for(1001)
    status, out, err = run(capsys, station, "pack", number, "--operator", "ayse")

    assert status == Exit.OK
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert number in lines[0]
    assert "order 1000001001" in lines[0]
    assert "tracking number 7330001001" in lines[0]
    assert err == ""
    packed = package(station, number)
    assert packed.status == PackageStatus.PACKED.value
    assert packed.packed_by_station == "bench-1"
    assert packed.packed_by_operator == "ayse"


def test_pack_by_tracking_number(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, station, "pack", "7330001001")
    assert status == Exit.OK
    assert package_number_for(1001) in out


def expect_failure(
    capsys: pytest.CaptureFixture[str], station: TestDatabase, code: str, expected: int
) -> str:
    status, out, err = run(capsys, station, "pack", code)
    assert status == expected, err
    assert out == ""
    lines = error_lines(err)
    assert len(lines) == 1, err
    return lines[0]


def test_pack_unknown_code(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    line = expect_failure(capsys, station, "NOPE-1", Exit.NOT_FOUND)
    assert "'NOPE-1'" in line


def test_pack_ambiguous_code(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    with station.sessions() as session, session.begin():
        ingest_order(session, order_payload(1003, tracking_number="SHARED-1"))
        ingest_order(session, order_payload(1004, tracking_number="SHARED-1"))
    line = expect_failure(capsys, station, "SHARED-1", Exit.AMBIGUOUS)
    assert package_number_for(1003) in line
    assert package_number_for(1004) in line


def test_pack_already_packed(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    number = package_number_for(1001)
    assert run(capsys, station, "pack", number)[0] == Exit.OK
    line = expect_failure(capsys, station, number, Exit.ALREADY_PACKED)
    assert "already packed" in line
    assert "bench-1" in line


def test_pack_cancelled_order(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    with station.sessions() as session, session.begin():
        ingest_order(session, order_payload(1001, status="100", tracking_number="7330001001"))
    line = expect_failure(capsys, station, package_number_for(1001), Exit.CANCELLED)
    assert "cancelled" in line


def test_pack_without_transition(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    number = package_number_for(1001)
    with station.sessions() as session, session.begin():
        row = session.scalar(select(Package).where(Package.number == number))
        assert row is not None
        row.status = PackageStatus.OUT_OF_STOCK.value
        row.status_code = PackageStatus.OUT_OF_STOCK.code
    line = expect_failure(capsys, station, number, Exit.NO_TRANSITION)
    assert "out_of_stock" in line


def test_pack_without_route(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    line = expect_failure(capsys, station, package_number_for(1002), Exit.NO_ROUTE)
    assert "Hepsiburada" in line


def test_pack_without_tracking_number(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    with station.sessions() as session, session.begin():
        ingest_order(session, order_payload(1005, tracking_number=None))
    line = expect_failure(capsys, station, package_number_for(1005), Exit.NO_TRACKING_NUMBER)
    assert "no tracking number" in line


def test_pack_failure_changes_nothing(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    expect_failure(capsys, station, package_number_for(1002), Exit.NO_ROUTE)
    assert package(station, package_number_for(1002)).status == PackageStatus.WAITING.value


# packages


def packages_json(capsys: pytest.CaptureFixture[str], station: TestDatabase, *extra: str) -> Any:
    status, out, err = run(capsys, station, "packages", "--json", *extra)
    assert status == Exit.OK, err
    return json.loads(out)


def test_packages_json_shape(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    rows = packages_json(capsys, station)

    assert [row["number"] for row in rows] == [package_number_for(1001), package_number_for(1002)]
    first = rows[0]
    assert first["order_number"] == "1000001001"
    assert first["channel"] == "Trendyol"
    assert first["status"] == "waiting"
    assert first["status_code"] == 100
    assert isinstance(first["status_code"], int)
    assert first["tracking_number"] == "7330001001"
    assert first["shipment_status"] is None


def test_packages_json_follows_shipment_status(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    number = package_number_for(1001)
    run(capsys, station, "pack", number)
    packed = packages_json(capsys, station, "--status", "packed")
    assert [row["number"] for row in packed] == [number]
    assert packed[0]["status_code"] == 500
    assert packed[0]["shipment_status"] is None

    with station.sessions() as session, session.begin():
        row = session.scalar(select(Package).where(Package.number == number))
        assert row is not None
        apply_omnitron_status(session, row, "540")
    rows = packages_json(capsys, station, "--status", "720")
    assert rows[0]["status"] == "attempted_delivery"
    assert rows[0]["status_code"] == 720
    assert rows[0]["shipment_status"] == "attempted_delivery"


def test_packages_status_filter_accepts_lists(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, station, "pack", package_number_for(1001))
    rows = packages_json(capsys, station, "--status", "waiting,PACKED")
    assert len(rows) == 2
    assert packages_json(capsys, station, "--status", "shipped") == []


def test_packages_invalid_status_lists_valid_ones(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, station, "packages", "--status", "sent")
    assert status == Exit.USAGE
    assert out == ""
    line = error_lines(err)[0]
    assert "'sent'" in line
    for name in ("waiting (100)", "attempted_delivery (720)", "delivered (800)"):
        assert name in line


def test_packages_table(station: TestDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, station, "packages")
    lines = out.strip().splitlines()
    assert status == Exit.OK
    assert lines[0].split()[:2] == ["PACKAGE", "ORDER"]
    assert package_number_for(1002) in lines[2]
    assert "waiting (100)" in lines[1]
    assert lines[-1] == "2 package(s)"


# settings import / export


def test_settings_round_trip_through_files(
    station: TestDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sqlite_template: Path,
) -> None:
    exported_file = tmp_path / "station.json"
    status, out, _ = run(capsys, station, "settings", "export", "--output", str(exported_file))
    assert status == Exit.OK
    assert "2 channel(s)" in out
    document = json.loads(exported_file.read_text(encoding="utf-8"))

    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    status, out, _ = run(capsys, other, "settings", "import", str(exported_file))
    assert status == Exit.OK
    assert "create channel 42" in out
    assert out.strip().splitlines()[-1].startswith("imported ")

    status, out, _ = run(capsys, other, "settings", "export")
    assert status == Exit.OK
    assert json.loads(out) == document

    status, out, _ = run(capsys, other, "settings", "import", str(exported_file))
    assert status == Exit.OK
    assert out.startswith("no changes")


def test_settings_import_audits_station_and_operator(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "change.json"
    path.write_text(json.dumps({"settings": {"STATUS_POLL_BATCH_SIZE": 10}}), encoding="utf-8")
    status, _, _ = run(capsys, station, "settings", "import", str(path), "--operator", "mehmet")
    assert status == Exit.OK
    with station.sessions() as session:
        event = session.scalars(select(AuditEvent)).one()
    assert (event.station, event.operator) == ("bench-1", "mehmet")
    assert (event.old_value, event.new_value) == (50, 10)


def test_settings_import_dry_run_changes_nothing(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "change.json"
    path.write_text(json.dumps({"channels": [{"omnitron_id": 42, "name": "TY"}]}), "utf-8")
    status, out, _ = run(capsys, station, "settings", "import", str(path), "--dry-run")
    assert status == Exit.OK
    assert "update channel 42: name 'Trendyol' -> 'TY'" in out
    assert "dry run" in out
    _, exported, _ = run(capsys, station, "settings", "export")
    assert json.loads(exported)["channels"][0]["name"] == "Trendyol"


def test_settings_import_rejects_invalid_file_with_path(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, before, _ = run(capsys, station, "settings", "export")
    path = tmp_path / "bad.json"
    document = {
        "channels": [{"omnitron_id": 47, "name": "Pazarama"}],
        "conditions": [
            {
                "cargo_company": 7,
                "klass": "ChannelBasedOrdersCondition",
                "channels": [47, 99],
                "conf": {"klass": "OmnitronShipmentClient"},
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    status, out, err = run(capsys, station, "settings", "import", str(path))

    assert status == Exit.INVALID_CONFIGURATION
    assert out == ""
    line = error_lines(err)[0]
    assert "nothing imported" in line
    assert "conditions[0].channels[1]: channel 99 is neither in the file nor" in line
    _, after, _ = run(capsys, station, "settings", "export")
    assert after == before


def test_settings_import_missing_file(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    status, _, err = run(capsys, station, "settings", "import", str(missing))
    assert status == Exit.INVALID_CONFIGURATION
    assert error_lines(err) == [f"error: configuration file {missing} not found"]


def test_settings_import_invalid_json(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"channels": [\n  {"omnitron_id": 42,}\n]}', encoding="utf-8")
    status, _, err = run(capsys, station, "settings", "import", str(path))
    assert status == Exit.INVALID_CONFIGURATION
    line = error_lines(err)[0]
    assert "is not valid JSON" in line
    assert "line 2" in line


def test_settings_export_has_no_password(
    station: TestDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMS_OMNITRON_PASSWORD", "env-s3cret")
    _, out, _ = run(capsys, station, "settings", "export")
    assert "s3cret" not in out
    assert "password" not in out.lower()


# db


def test_db_status_and_upgrade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    status, out, _ = run(capsys, url, "db", "status")
    assert status == Exit.SCHEMA
    assert "schema: empty" in out

    status, out, _ = run(capsys, url, "db", "upgrade")
    assert status == Exit.OK
    assert f"to {head_revision()}" in out

    status, out, _ = run(capsys, url, "db", "status")
    assert status == Exit.OK
    assert "schema: current" in out
    assert f"database revision: {head_revision()}" in out

    status, out, _ = run(capsys, url, "db", "upgrade")
    assert status == Exit.OK
    assert out.startswith("already current")


def test_older_schema_refused_until_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    upgrade_database(engine, "0001")
    engine.dispose()

    status, _, err = run(capsys, url, "pack", "PKG-1")
    assert status == Exit.SCHEMA
    assert "run: oms-desktop db upgrade" in error_lines(err)[0]
    status, out, _ = run(capsys, url, "db", "status")
    assert status == Exit.SCHEMA
    assert "older than this application" in out

    assert run(capsys, url, "db", "upgrade")[0] == Exit.OK
    assert run(capsys, url, "pack", "PKG-1")[0] == Exit.NOT_FOUND


def write_newer_revision(database: TestDatabase) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))


def test_newer_schema_refuses_writes(
    station: TestDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_newer_revision(station)

    status, _, err = run(capsys, station, "pack", package_number_for(1001))
    assert status == Exit.SCHEMA
    line = error_lines(err)[0]
    assert "cannot write to this database" in line
    assert "update the application" in line
    assert package(station, package_number_for(1001)).status == PackageStatus.WAITING.value

    path = tmp_path / "change.json"
    path.write_text(json.dumps({"settings": {"STATUS_POLL_BATCH_SIZE": 10}}), encoding="utf-8")
    assert run(capsys, station, "settings", "import", str(path))[0] == Exit.SCHEMA
    assert run(capsys, station, "db", "upgrade")[0] == Exit.SCHEMA
    assert run(capsys, station, "db", "status")[0] == Exit.SCHEMA


def test_newer_schema_still_lists_packages(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    write_newer_revision(station)
    status, out, err = run(capsys, station, "packages", "--json")
    assert status == Exit.OK
    assert len(json.loads(out)) == 2
    assert "newer" in err


def test_empty_database_is_created_before_a_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'station.sqlite3'}"
    status, _, _ = run(capsys, url, "pack", "PKG-1")
    assert status == Exit.NOT_FOUND
    assert run(capsys, url, "db", "status")[0] == Exit.OK


def test_database_path_and_environment(
    station: TestDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = station.url.removeprefix("sqlite:///")
    monkeypatch.setenv("OMS_DATABASE_URL", path)
    assert main(["packages", "--json"]) == Exit.OK
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_unreachable_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
    status, _, err = run(capsys, url, "packages")
    assert status == Exit.DATABASE
    assert error_lines(err)[0].startswith("error: cannot open the database")


# options


def test_omnitron_url_with_password_rejected(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, station, "packages", "--omnitron-url", "https://u:secret@127.0.0.1:9/"
    )
    assert status == Exit.USAGE
    assert "process list" in err
    assert "secret" not in err


def test_common_option_before_subcommand(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--database", station.url, "packages", "--json"])
    assert status == Exit.OK
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_unknown_argument_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packages", "--colour"]) == Exit.USAGE
    assert "--colour" in capsys.readouterr().err


def test_help_lists_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "--help"]) == Exit.OK
    out = capsys.readouterr().out
    assert "exit statuses:" in out
    assert " 8  pack: no shipment condition" in out


def test_exit_codes_are_distinct() -> None:
    values = [value for name, value in vars(Exit).items() if name.isupper()]
    assert len(values) == len(set(values))


def test_sync_without_omnitron_url(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, station, "sync", "--once")
    assert status == Exit.INVALID_CONFIGURATION
    assert "Omnitron URL is missing" in error_lines(err)[0]


def test_health_counts_open_shipments_and_waiting_reports(
    station: TestDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, station, "pack", package_number_for(1001))
    with station.sessions() as session:
        health = cli.read_health(session)
    assert health.open_shipments == 1
    assert health.reports_waiting == 2
    assert health.reports_failed == 0


# As a process


def subprocess_environment(tmp_path: Path) -> dict[str, str]:
    environment = dict(os.environ)
    environment["XDG_STATE_HOME"] = str(tmp_path / "state")
    environment["XDG_DATA_HOME"] = str(tmp_path / "data")
    return environment


def test_module_entry_point_packs(station: TestDatabase, tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "oms_desktop", "pack", "HB1002", "--database", station.url],
        capture_output=True,
        text=True,
        env=subprocess_environment(tmp_path),
        cwd=PROJECT_DIR,
        timeout=60,
        check=False,
    )
    assert completed.returncode == Exit.NO_ROUTE
    assert completed.stdout == ""
    assert completed.stderr.startswith("error: no shipment condition routes channel Hepsiburada")
    assert (tmp_path / "state").exists()


def test_packages_imports_no_qt_and_no_httpx(station: TestDatabase, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from oms_desktop.cli import main\n"
        f"status = main(['packages', '--json', '--database', {station.url!r}])\n"
        "loaded = sorted(m for m in ('PySide6', 'httpx', 'oms_desktop.ui') if m in sys.modules)\n"
        "print(status, loaded, file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=subprocess_environment(tmp_path),
        cwd=PROJECT_DIR,
        timeout=60,
        check=False,
    )
    assert completed.stderr.strip().splitlines()[-1] == "0 []"
    assert len(json.loads(completed.stdout)) == 2


def test_pack_conflict_exit_code(
    station: TestDatabase, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real race needs two stations at the same instant, which the command's own race tests
    # cover. Here the command reports one, to check the command line's exit status.
    def lose_race(session: Any, code: str, **kwargs: Any) -> Any:
        raise ConcurrentUpdate(code)

    monkeypatch.setattr("oms_desktop.core.command.pack_code", lose_race)
    line = expect_failure(capsys, station, package_number_for(1001), Exit.CONFLICT)
    assert "changed by another station" in line


# The window, with run_gui replaced: Qt itself is tested with the UI.


class GuiRecorder:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.seen_packages = -1
        self.seen_cargo_conditions = -1

    def __call__(self, database_url: str, omnitron: Any, **options: Any) -> int:
        self.calls.append({"database_url": database_url, "omnitron": omnitron, **options})
        if options.get("window_title_suffix"):
            # While the window would be open: the demo's first sync fills the database.
            from oms_desktop.sync.runner import run_once

            report = run_once(database_url, omnitron)
            assert report.errors == []
            engine = make_engine(database_url)
            with engine.connect() as connection:
                self.seen_packages = connection.execute(
                    text("SELECT count(*) FROM package")
                ).scalar_one()
                self.seen_cargo_conditions = connection.execute(
                    text("SELECT count(DISTINCT cargo_company_id) FROM shipment_condition")
                ).scalar_one()
            engine.dispose()
        return 0


@pytest.fixture
def gui(monkeypatch: pytest.MonkeyPatch) -> GuiRecorder:
    recorder = GuiRecorder()
    monkeypatch.setattr("oms_desktop.ui.app.run_gui", recorder)
    return recorder


def test_gui_gets_database_station_and_language(
    station: TestDatabase, gui: GuiRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMS_OMNITRON_PASSWORD", "pw")
    arguments = ["--database", station.url, "--station", "bench-9", "--language", "tr"]
    status = main([*arguments, "--omnitron-url", "http://127.0.0.1:9"])
    assert status == Exit.OK
    call = gui.calls[0]
    assert call["database_url"] == station.url
    assert call["station"] == "bench-9"
    assert call["language"] == "tr"
    assert call["omnitron"].url == "http://127.0.0.1:9"
    assert call["omnitron"].password == "pw"


def test_gui_without_omnitron_url_opens_offline(station: TestDatabase, gui: GuiRecorder) -> None:
    assert main(["--database", station.url]) == Exit.OK
    assert gui.calls[0]["omnitron"] is None


def test_gui_rejects_newer_schema(
    station: TestDatabase, gui: GuiRecorder, capsys: pytest.CaptureFixture[str]
) -> None:
    write_newer_revision(station)
    assert main(["--database", station.url]) == Exit.SCHEMA
    assert gui.calls == []
    assert "update the application" in capsys.readouterr().err


def test_demo_prepares_syncs_and_cleans_up(gui: GuiRecorder) -> None:
    assert main(["--demo", "--station", "demo-bench"]) == Exit.OK

    call = gui.calls[0]
    assert call["window_title_suffix"] == " (demo)"
    assert call["station"] == "demo-bench"
    assert call["omnitron"].url.startswith("http://127.0.0.1:")
    assert gui.seen_packages > 0
    # One condition per cargo company of the simulator.
    assert gui.seen_cargo_conditions == 10
    demo_file = Path(call["database_url"].removeprefix("sqlite:///"))
    assert not demo_file.parent.exists()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{call['omnitron'].url}/_simulator/health", timeout=2)
