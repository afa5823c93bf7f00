"""Logging setup: redaction of secrets, quiet libraries, the rotating file, repeated setup."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from oms_desktop import logging_setup
from oms_desktop.logging_setup import configure_logging, redact, reset_logging


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    watched = ("httpx", "httpcore", "sqlalchemy.engine")
    levels = {name: logging.getLogger(name).level for name in watched}
    yield
    reset_logging()
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def own_handlers() -> list[logging.Handler]:
    return [
        handler
        for handler in logging.getLogger().handlers
        if getattr(handler, "_oms_desktop_handler", False)
    ]


def flush_all() -> None:
    for handler in own_handlers():
        handler.flush()


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("sending Authorization: Token 9f8e7d6c5b4a", "9f8e7d6c5b4a"),
        ("headers {'Authorization': 'Token abcdef123456'}", "abcdef123456"),
        ("headers {'authorization': 'Bearer eyJhbGciOi'}", "eyJhbGciOi"),
        ('body {"username": "station", "password": "hunter2 x"}', "hunter2 x"),
        ("kwargs {'password': 'p@ss'}", "p@ss"),
        ("POST auth/login/ password=s3cr3t&username=station", "s3cr3t"),
        ("env OMS_OMNITRON_PASSWORD=topsecret", "topsecret"),
        ('{"token": "tok-123"}', "tok-123"),
        ("url https://station:pa55word@omnitron.example.com/api", "pa55word"),
    ],
)
def test_redact_masks_secret(text: str, secret: str) -> None:
    cleaned = redact(text)
    assert secret not in cleaned
    assert logging_setup.MASK in cleaned


def test_redact_keeps_ordinary_text() -> None:
    text = "package PKG-0001001 packed; the password field is required"
    assert redact(text) == text


def test_file_redacts_message_args_traceback(tmp_path: Path) -> None:
    log_file = tmp_path / "station.log"
    configure_logging("INFO", log_file=log_file, stderr=False)
    log = logging.getLogger("oms_desktop.test")

    log.info("login answered %s", {"key": "x", "password": "from-args"})
    log.warning("retrying with Authorization: Token from-message")
    try:
        raise RuntimeError("failed with password=from-traceback")
    except RuntimeError:
        log.exception("call failed")
    flush_all()

    text = log_file.read_text(encoding="utf-8")
    assert "from-args" not in text
    assert "from-message" not in text
    assert "from-traceback" not in text
    assert text.count(logging_setup.MASK) >= 3
    assert "call failed" in text


def test_format_has_time_level_logger_and_message(tmp_path: Path) -> None:
    log_file = tmp_path / "station.log"
    configure_logging("INFO", log_file=log_file, stderr=False)
    logging.getLogger("oms_desktop.format").info("hello %s", "world")
    flush_all()
    line = log_file.read_text(encoding="utf-8").strip().splitlines()[-1]
    date, time, level, logger, message = line.split(maxsplit=4)
    assert len(date) == 10
    assert date[4] == "-"
    assert ":" in time
    assert level == "INFO"
    assert logger == "oms_desktop.format:"
    assert message == "hello world"


def test_httpx_and_httpcore_stay_at_warning(tmp_path: Path) -> None:
    log_file = tmp_path / "station.log"
    configure_logging("DEBUG", log_file=log_file, stderr=False)

    logging.getLogger("httpx").info('HTTP Request: GET /api/i1/orders/ "HTTP/1.1 200 OK"')
    logging.getLogger("httpcore.connection").debug("connect_tcp.started")
    logging.getLogger("httpx").warning("httpx warning still shows")
    flush_all()

    text = log_file.read_text(encoding="utf-8")
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING
    assert "HTTP Request" not in text
    assert "connect_tcp" not in text
    assert "httpx warning still shows" in text


def test_sqlalchemy_engine_parameters_never_reach_the_file(tmp_path: Path) -> None:
    log_file = tmp_path / "station.log"
    configure_logging("DEBUG", log_file=log_file, stderr=False)
    assert logging.getLogger("sqlalchemy.engine").level == logging.WARNING

    # Someone turns the engine logger up again: the handlers still drop its INFO records.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    logging.getLogger("sqlalchemy.engine.Engine").info("[generated] ('Ayşe', 'Kadıköy')")
    logging.getLogger("sqlalchemy.engine.Engine").warning("engine warning still shows")
    flush_all()

    text = log_file.read_text(encoding="utf-8")
    assert "Kadıköy" not in text
    assert "engine warning still shows" in text


def test_rotating_file_is_created_and_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_LOG_BYTES", 2000)
    log_file = tmp_path / "logs" / "station.log"
    path = configure_logging("INFO", log_file=log_file, stderr=False)

    assert path == log_file
    assert log_file.exists()
    handlers = [h for h in own_handlers() if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1
    assert handlers[0].backupCount == logging_setup.LOG_BACKUP_COUNT

    log = logging.getLogger("oms_desktop.rotation")
    for index in range(200):
        log.info("line %03d of a message long enough to fill the small test file", index)
    flush_all()
    assert (tmp_path / "logs" / "station.log.1").exists()
    assert not (tmp_path / "logs" / f"station.log.{logging_setup.LOG_BACKUP_COUNT + 1}").exists()


def test_default_file_lives_in_platform_log_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = configure_logging("INFO", stderr=False)
    assert path is not None
    assert path.is_relative_to(tmp_path / "state")
    assert path.name == logging_setup.LOG_FILE_NAME
    assert path.exists()


def test_setup_twice_keeps_one_handler_set(tmp_path: Path) -> None:
    foreign = logging.NullHandler()
    logging.getLogger().addHandler(foreign)
    try:
        configure_logging("INFO", log_file=tmp_path / "a.log", stderr=True)
        configure_logging("WARNING", log_file=tmp_path / "b.log", stderr=True)

        handlers = own_handlers()
        assert len(handlers) == 2
        files = [h for h in handlers if isinstance(h, logging.FileHandler)]
        assert [Path(h.baseFilename).name for h in files] == ["b.log"]
        assert foreign in logging.getLogger().handlers
        assert logging.getLogger().level == logging.WARNING
    finally:
        logging.getLogger().removeHandler(foreign)


def test_stderr_level_raises_only_stderr_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "station.log"
    configure_logging("INFO", log_file=log_file, stderr=True, stderr_level="WARNING")
    log = logging.getLogger("oms_desktop.split")
    log.info("details for the file")
    log.warning("attention for the user")
    flush_all()

    err = capsys.readouterr().err
    assert "details for the file" not in err
    assert "attention for the user" in err
    text = log_file.read_text(encoding="utf-8")
    assert "details for the file" in text


def test_reset_removes_own_handlers(tmp_path: Path) -> None:
    configure_logging("INFO", log_file=tmp_path / "station.log", stderr=True)
    reset_logging()
    assert own_handlers() == []
