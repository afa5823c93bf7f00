"""Scanner framing: scans land wherever the focus is, typing stays typing, fragments are dropped.

Key timing is deterministic: the filter reads an injected clock that the tests advance
by hand, 2 ms a key for a scanner and 150 ms for a person. Keys are delivered with
QApplication.sendEvent to the focused widget, the way Qt routes a real key press.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QSignalSpy
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from oms_desktop.core.db import transaction
from oms_desktop.core.errors import ConfigurationError
from oms_desktop.core.models import Package
from oms_desktop.core.scan import PackageMatch
from oms_desktop.core.settings import (
    SCANNER_MAX_KEY_GAP_MS,
    SCANNER_MIN_LENGTH,
    SCANNER_PREFIX,
    SCANNER_TERMINATOR,
    SETTINGS,
    get_station_setting,
    set_setting,
    set_station_setting,
    station_settings,
)
from oms_desktop.ui.scanner import (
    KeyKind,
    RejectedScan,
    RejectReason,
    ScannerConfig,
    ScannerInputFilter,
    ScannerTestBox,
    Terminator,
    TimedKey,
    assess_keys,
    classify_key,
    describe_scan,
    strip_prefix,
)
from tests.conftest import TestDatabase
from tests.ui.conftest import STATION, add_order

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CONTROL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    """Milliseconds that move only when a test advances them."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, milliseconds: float) -> None:
        self.now += milliseconds


def key_for(character: str) -> tuple[int, Qt.KeyboardModifier]:
    """Return the Qt key and modifiers a US keyboard uses to type ``character``."""
    if character == "\x1d":
        return Qt.Key.Key_BracketRight, CONTROL
    sequence = QKeySequence(character)
    key = sequence[0].key() if sequence.count() else Qt.Key.Key_unknown
    modifiers = SHIFT if character.isalpha() and character.isupper() else NO_MODIFIER
    return key, modifiers


class KeyDriver:
    """Delivers key presses and releases to a widget, the clock advancing before each."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def key(
        self,
        widget: QWidget,
        key: int,
        text: str = "",
        modifiers: Qt.KeyboardModifier = NO_MODIFIER,
        gap_ms: float = 2.0,
    ) -> None:
        self.clock.advance(gap_ms)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))

    def type(self, widget: QWidget, text: str, gap_ms: float = 2.0) -> None:
        for character in text:
            key, modifiers = key_for(character)
            self.key(widget, key, character, modifiers, gap_ms)

    def enter(self, widget: QWidget, gap_ms: float = 2.0) -> None:
        self.key(widget, Qt.Key.Key_Return, "\r", gap_ms=gap_ms)

    def tab(self, widget: QWidget, gap_ms: float = 2.0) -> None:
        self.key(widget, Qt.Key.Key_Tab, "\t", gap_ms=gap_ms)

    def line_feed(self, widget: QWidget, gap_ms: float = 2.0) -> None:
        self.key(widget, Qt.Key.Key_J, "\n", CONTROL, gap_ms)

    def scan(
        self, widget: QWidget, code: str, terminator: str = "enter", gap_ms: float = 2.0
    ) -> None:
        """Type ``code`` at scanner speed after a quiet second, then the terminator."""
        self.clock.advance(1000)
        self.type(widget, code, gap_ms)
        if terminator in ("enter", "crlf"):
            self.enter(widget, gap_ms)
        if terminator == "crlf":
            self.line_feed(widget, gap_ms)
        if terminator == "tab":
            self.tab(widget, gap_ms)


class ScanTarget(QWidget):
    """A small window with a line edit and a button, watched by a scanner filter."""

    def __init__(self, clock: FakeClock, config: ScannerConfig | None = None) -> None:
        super().__init__()
        self.edit = QLineEdit(self)
        self.other_edit = QLineEdit(self)
        self.button = QPushButton("OK", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.other_edit)
        layout.addWidget(self.button)
        self.scanner = ScannerInputFilter(self, config, clock=clock, parent=self)
        self.scanner.install()
        self.scans: list[str] = []
        self.rejected: list[RejectedScan] = []
        self.scanner.scan_received.connect(self.scans.append)
        self.scanner.scan_rejected.connect(self.rejected.append)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def keys(clock: FakeClock) -> KeyDriver:
    return KeyDriver(clock)


@pytest.fixture
def make_target(qtbot: QtBot, clock: FakeClock) -> Iterator[object]:
    targets: list[ScanTarget] = []

    def build(config: ScannerConfig | None = None) -> ScanTarget:
        target = ScanTarget(clock, config)
        qtbot.addWidget(target)
        target.show()
        qtbot.waitExposed(target)
        target.activateWindow()
        target.edit.setFocus()
        targets.append(target)
        return target

    yield build
    for target in targets:
        target.scanner.remove()


def wait_for_release(qtbot: QtBot, clock: FakeClock, scanner: ScannerInputFilter) -> None:
    """Let the hold timer see a pause, so held keys reach their widget."""
    clock.advance(500)
    qtbot.waitUntil(lambda: not scanner.is_holding(), timeout=2000)


# -- key classification and the test box's judgement ----------------------------------


@pytest.mark.parametrize(
    ("key", "modifiers", "text", "kind"),
    [
        (Qt.Key.Key_A, NO_MODIFIER, "a", KeyKind.CHARACTER),
        (Qt.Key.Key_A, SHIFT, "A", KeyKind.CHARACTER),
        (Qt.Key.Key_7, Qt.KeyboardModifier.KeypadModifier, "7", KeyKind.CHARACTER),
        (Qt.Key.Key_Return, NO_MODIFIER, "\r", KeyKind.ENTER),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, "\r", KeyKind.ENTER),
        (Qt.Key.Key_Return, CONTROL, "\r", KeyKind.OTHER),
        (Qt.Key.Key_M, CONTROL, "\r", KeyKind.ENTER),
        (Qt.Key.Key_Tab, NO_MODIFIER, "\t", KeyKind.TAB),
        (Qt.Key.Key_Backtab, SHIFT, "", KeyKind.OTHER),
        (Qt.Key.Key_J, CONTROL, "\n", KeyKind.LINE_FEED),
        (Qt.Key.Key_J, CONTROL, "", KeyKind.LINE_FEED),
        (Qt.Key.Key_BracketRight, CONTROL, "\x1d", KeyKind.CHARACTER),
        (Qt.Key.Key_Z, CONTROL, "\x1a", KeyKind.OTHER),
        (Qt.Key.Key_F, CONTROL, "\x06", KeyKind.OTHER),
        (Qt.Key.Key_F2, NO_MODIFIER, "", KeyKind.OTHER),
        (Qt.Key.Key_Shift, SHIFT, "", KeyKind.MODIFIER),
        (Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier, "a", KeyKind.OTHER),
    ],
)
def test_classify_key(key: int, modifiers: Qt.KeyboardModifier, text: str, kind: KeyKind):
    assert classify_key(key, modifiers, text) is kind


def timed(
    text: str, gap_ms: float = 2.0, end: tuple[KeyKind, ...] = (KeyKind.ENTER,)
) -> list[TimedKey]:
    keys = [
        TimedKey(KeyKind.CHARACTER, character, index * gap_ms)
        for index, character in enumerate(text)
    ]
    start = len(text) * gap_ms
    keys += [TimedKey(kind, "", start + index * gap_ms) for index, kind in enumerate(end)]
    return keys


def test_assess_fast_burst_is_scan():
    assessment = assess_keys(timed("PKG-0001001"), ScannerConfig())
    assert assessment.is_scan
    assert assessment.code == "PKG-0001001"
    assert assessment.ended_by == "enter"
    assert assessment.longest_gap_ms == 2.0


def test_assess_names_the_slow_key():
    keys = timed("PKG-0001001")
    late = [
        TimedKey(key.kind, key.text, key.at_ms + (80 if index >= 5 else 0))
        for index, key in enumerate(keys)
    ]
    assessment = assess_keys(late, ScannerConfig())
    assert not assessment.is_scan
    assert assessment.reason is RejectReason.PAUSE
    assert assessment.slow_character == 5
    assert assessment.gaps_ms[4] == 82.0


@pytest.mark.parametrize(
    ("terminator", "end", "is_scan", "ended_by"),
    [
        (Terminator.ENTER, (KeyKind.TAB,), False, "tab"),
        (Terminator.TAB, (KeyKind.TAB,), True, "tab"),
        (Terminator.CRLF, (KeyKind.ENTER, KeyKind.LINE_FEED), True, "crlf"),
        (Terminator.CRLF, (KeyKind.ENTER,), False, "enter"),
        (Terminator.ANY, (KeyKind.LINE_FEED,), True, "line feed"),
        (Terminator.ENTER, (), False, None),
    ],
)
def test_assess_terminators(
    terminator: Terminator, end: tuple[KeyKind, ...], is_scan: bool, ended_by: str | None
):
    assessment = assess_keys(timed("8690000000001", end=end), ScannerConfig(terminator=terminator))
    assert assessment.is_scan is is_scan
    assert assessment.ended_by == ended_by


def test_assess_short_burst_and_prefix():
    assert assess_keys(timed("ab"), ScannerConfig()).reason is RejectReason.TOO_SHORT
    only_prefix = assess_keys(timed("###"), ScannerConfig(min_length=2, prefix="###"))
    assert only_prefix.reason is RejectReason.EMPTY
    prefixed = assess_keys(timed("##PKG-1"), ScannerConfig(prefix="##"))
    assert prefixed.code == "PKG-1"


def test_describe_scan_shows_invisible_characters():
    lines = describe_scan("Aı\x1d").splitlines()
    assert lines[0].split("\t") == ["A", "U+0041", "LATIN CAPITAL LETTER A"]
    assert lines[1].split("\t") == ["ı", "U+0131", "LATIN SMALL LETTER DOTLESS I"]
    assert lines[2].split("\t") == ["␝", "U+001D", "GROUP SEPARATOR"]


def test_strip_prefix_through_turkish_layout():
    assert strip_prefix("~PKG-1", "~") == "PKG-1"
    # A US scanner's "-" arrives as "*" on a Turkish Q computer.
    assert strip_prefix("*PKG-1", "-") == "PKG-1"
    assert strip_prefix("PKG-1", "~") == "PKG-1"


# -- the filter on a plain window ----------------------------------------------------


def test_scan_into_line_edit_is_captured(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target()
    keys.scan(target.edit, "PKG-0001001")
    assert target.scans == ["PKG-0001001"]
    assert target.edit.text() == ""
    assert not target.scanner.is_holding()


def test_slow_typing_reaches_line_edit(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    keys.type(target.edit, "abc", gap_ms=150)
    keys.enter(target.edit, gap_ms=150)
    wait_for_release(qtbot, clock, target.scanner)
    assert target.edit.text() == "abc"
    assert target.scans == []
    assert target.rejected == []


def test_held_keys_keep_their_order(qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target):
    """A person's two quick keys (30 ms rollover) are held together and replayed in order."""
    target = make_target()
    keys.type(target.edit, "ab", gap_ms=10)
    keys.type(target.edit, "c", gap_ms=200)
    wait_for_release(qtbot, clock, target.scanner)
    assert target.edit.text() == "abc"


def test_short_fast_burst_stays_typing(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    returned: list[bool] = []
    target.edit.returnPressed.connect(lambda: returned.append(True))
    clock.advance(1000)
    keys.type(target.edit, "12")
    keys.enter(target.edit)
    assert target.edit.text() == "12"
    assert returned == [True]
    assert target.scans == []


@pytest.mark.parametrize("terminator", ["enter", "tab", "crlf", "any"])
def test_every_terminator_form(qtbot: QtBot, keys: KeyDriver, make_target, terminator: str):
    target = make_target(ScannerConfig(terminator=Terminator(terminator)))
    target.edit.setFocus()
    sent = "tab" if terminator == "any" else terminator
    keys.scan(target.edit, "8690000000001", terminator=sent)
    assert target.scans == ["8690000000001"]
    assert target.edit.text() == ""
    assert target.focusWidget() is target.edit


def test_any_swallows_line_feed_after_enter(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target(ScannerConfig(terminator=Terminator.ANY))
    keys.scan(target.edit, "8690000000001", terminator="crlf")
    assert target.scans == ["8690000000001"]
    assert target.rejected == []


def test_tab_scan_keeps_focus(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target(ScannerConfig(terminator=Terminator.TAB))
    target.edit.setFocus()
    keys.scan(target.edit, "PKG-0001001", terminator="tab")
    assert target.focusWidget() is target.edit
    assert target.other_edit.text() == ""


def test_wrong_terminator_rejected(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target(ScannerConfig(terminator=Terminator.ENTER))
    target.edit.setFocus()
    keys.scan(target.edit, "PKG-0001001", terminator="tab")
    assert target.scans == []
    assert [r.reason for r in target.rejected] == [RejectReason.WRONG_TERMINATOR]
    assert target.rejected[0].ended_by == "tab"
    assert target.rejected[0].text == "PKG-0001001"
    # The Tab belonged to the scanner: it neither moved the focus nor typed anything.
    assert target.focusWidget() is target.edit
    assert target.edit.text() == ""


def test_crlf_without_line_feed_rejected(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target(ScannerConfig(terminator=Terminator.CRLF))
    keys.scan(target.edit, "PKG-0001001", terminator="enter")
    clock.advance(100)
    qtbot.waitUntil(lambda: bool(target.rejected), timeout=2000)
    assert target.scans == []
    assert target.rejected[0].reason is RejectReason.WRONG_TERMINATOR
    assert target.rejected[0].ended_by == "enter"


def test_prefix_stripped(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target(ScannerConfig(prefix="]C0"))
    framed = []
    target.scanner.scan_framed.connect(framed.append)
    keys.scan(target.edit, "]C0PKG-0001001")
    keys.scan(target.edit, "PKG-0001002")
    assert target.scans == ["PKG-0001001", "PKG-0001002"]
    assert framed[0].raw == "]C0PKG-0001001"


def test_prefix_alone_rejected(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target(ScannerConfig(prefix="]C0"))
    keys.scan(target.edit, "]C0 ")
    assert target.scans == []
    assert target.rejected[0].reason is RejectReason.EMPTY


def test_group_separator_kept_in_scan(qtbot: QtBot, keys: KeyDriver, make_target):
    target = make_target()
    keys.scan(target.edit, "0108690000000013\x1d10LOT7")
    assert target.scans == ["0108690000000013\x1d10LOT7"]


def test_pause_before_terminator_drops_fragment(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    clock.advance(1000)
    keys.type(target.edit, "PKG-000")
    keys.type(target.edit, "1001", gap_ms=2)
    keys.enter(target.edit, gap_ms=90)
    assert target.scans == []
    assert [r.reason for r in target.rejected] == [RejectReason.PAUSE]
    assert target.rejected[0].text == "PKG-0001001"
    assert target.edit.text() == ""


def test_scan_split_by_pause_never_passes_tail(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    """The first half is a fragment; the second half is too close behind it to be a scan."""
    target = make_target()
    clock.advance(1000)
    keys.type(target.edit, "PKG-00")
    clock.advance(60)
    qtbot.waitUntil(lambda: bool(target.rejected), timeout=2000)
    clock.advance(40)
    keys.type(target.edit, "01001")
    keys.enter(target.edit)
    assert target.scans == []
    assert [r.reason for r in target.rejected] == [RejectReason.PAUSE, RejectReason.NOT_QUIET]
    assert [r.text for r in target.rejected] == ["PKG-00", "01001"]
    assert target.edit.text() == ""


def test_focus_lost_mid_scan_drops_fragment(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    clock.advance(1000)
    keys.type(target.edit, "PKG-000")
    QApplication.sendEvent(
        target.edit, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.ActiveWindowFocusReason)
    )
    assert [r.reason for r in target.rejected] == [RejectReason.FOCUS_LOST]
    keys.type(target.edit, "1001")
    keys.enter(target.edit)
    assert target.scans == []
    assert target.rejected[-1].reason is RejectReason.NOT_QUIET
    assert target.edit.text() == ""


def test_window_deactivation_drops_fragment(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    clock.advance(1000)
    keys.type(target.edit, "8690000")
    QApplication.sendEvent(target, QEvent(QEvent.Type.WindowDeactivate))
    assert [r.reason for r in target.rejected] == [RejectReason.FOCUS_LOST]
    assert not target.scanner.is_holding()


def test_other_key_after_burst_is_scanner_suffix(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    clock.advance(1000)
    keys.type(target.edit, "PKG-0001001")
    keys.key(target.edit, Qt.Key.Key_F12)
    assert target.scans == []
    assert target.rejected[0].reason is RejectReason.WRONG_TERMINATOR
    assert target.rejected[0].ended_by == "another key"


def test_scans_back_to_back(qtbot: QtBot, keys: KeyDriver, make_target):
    """A second scan right after the first one's terminator is a scan of its own."""
    target = make_target()
    keys.scan(target.edit, "8690000000001")
    keys.type(target.edit, "8690000000011")
    keys.enter(target.edit)
    assert target.scans == ["8690000000001", "8690000000011"]


def test_dialog_default_button_not_pressed(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    dialog = QDialog(target)
    field = QLineEdit(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    keys.scan(field, "PKG-0001001")
    assert target.scans == ["PKG-0001001"]
    assert dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert field.text() == ""
    # A person's Enter still presses it.
    clock.advance(1000)
    keys.enter(field)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_plain_key_shortcut_not_triggered(qtbot: QtBot, clock: FakeClock, make_target):
    """qtbot.keyClick sends the ShortcutOverride a real key press gets."""
    target = make_target()
    fired: list[bool] = []
    shortcut = QShortcut(QKeySequence("K"), target)
    shortcut.activated.connect(lambda: fired.append(True))
    clock.advance(1000)
    for character in "PKK-1001":
        clock.advance(2)
        qtbot.keyClick(target.edit, character)
    clock.advance(2)
    qtbot.keyClick(target.edit, Qt.Key.Key_Return)
    assert target.scans == ["PKK-1001"]
    assert fired == []


def test_other_windows_left_alone(qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target):
    target = make_target()
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    keys.scan(other, "PKG-0001001")
    assert target.scans == []
    assert other.text() == "PKG-0001001"


class KeyRecorder(QObject):
    """Records the key events that reach a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[QEvent.Type, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        ):
            self.events.append((event.type(), event.text()))
        return False


def test_no_key_of_a_scan_reaches_widget(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    recorder = KeyRecorder()
    target.edit.installEventFilter(recorder)
    keys.scan(target.edit, "PKG-0001001")
    assert target.scans == ["PKG-0001001"]
    assert recorder.events == []

    keys.type(target.edit, "ab", gap_ms=200)
    wait_for_release(qtbot, clock, target.scanner)
    assert recorder.events == [
        (QEvent.Type.KeyPress, "a"),
        (QEvent.Type.KeyRelease, "a"),
        (QEvent.Type.KeyPress, "b"),
        (QEvent.Type.KeyRelease, "b"),
    ]


# -- settings -------------------------------------------------------------------------


def test_terminator_setting_rejects_unknown_value():
    spec = SETTINGS[SCANNER_TERMINATOR]
    for value in ("enter", "tab", "crlf", "any"):
        assert spec.validate(value) == value
    with pytest.raises(ConfigurationError, match="not one of"):
        spec.validate("space")
    with pytest.raises(ConfigurationError, match="minimum"):
        SETTINGS[SCANNER_MAX_KEY_GAP_MS].validate(0)
    with pytest.raises(ConfigurationError, match="maximum"):
        SETTINGS[SCANNER_MIN_LENGTH].validate(1000)


def test_station_value_wins_over_shared(sqlite_database: TestDatabase):
    with transaction(sqlite_database.sessions) as session:
        set_setting(session, SCANNER_TERMINATOR, "tab")
        set_station_setting(session, SCANNER_TERMINATOR, STATION, "crlf")
        set_station_setting(session, SCANNER_PREFIX, "Masa 2", "#")
    with sqlite_database.sessions() as session:
        assert get_station_setting(session, SCANNER_TERMINATOR, STATION) == "crlf"
        assert get_station_setting(session, SCANNER_TERMINATOR, "Masa 2") == "tab"
        values = station_settings(session, STATION)
        assert values[SCANNER_TERMINATOR] == "crlf"
        assert values[SCANNER_PREFIX] == ""
        assert station_settings(session, "Masa 2")[SCANNER_PREFIX] == "#"
    config = ScannerConfig.from_settings(values)
    assert config.terminator is Terminator.CRLF
    assert config.max_key_gap_ms == 30
    assert config.min_length == 4


def test_station_setting_validated(sqlite_database: TestDatabase):
    with transaction(sqlite_database.sessions) as session:
        with pytest.raises(ConfigurationError, match="not one of"):
            set_station_setting(session, SCANNER_TERMINATOR, STATION, "space")
        with pytest.raises(ConfigurationError, match="station name"):
            set_station_setting(session, SCANNER_TERMINATOR, "  ", "tab")
        with pytest.raises(ConfigurationError, match="too long"):
            set_station_setting(session, SCANNER_TERMINATOR, "x" * 110, "tab")


# -- the main window -------------------------------------------------------------------


@pytest.fixture
def scan_window(station_db: TestDatabase, make_window, clock: FakeClock):
    add_order(station_db, 1001)
    return make_window(station_db, scanner_clock=clock)


def wait_opened(qtbot: QtBot, window) -> None:
    qtbot.waitUntil(lambda: window.controller.open_package is not None)
    qtbot.waitUntil(lambda: not window.is_busy())


def test_scan_with_focus_on_table(qtbot: QtBot, scan_window, keys: KeyDriver):
    window = scan_window
    window.table.setFocus()
    with qtbot.waitSignal(window.scanner.scan_received) as received:
        keys.scan(window.table, "PKG-0001001")
    assert received.args == ["PKG-0001001"]
    wait_opened(qtbot, window)
    assert window.controller.open_package.header.number == "PKG-0001001"
    assert window.scan_field.text() == ""
    assert window.focusWidget() is window.table


def test_scan_with_focus_on_search_box(qtbot: QtBot, scan_window, keys: KeyDriver):
    window = scan_window
    window.search_field.setFocus()
    keys.scan(window.search_field, "PKG-0001001")
    wait_opened(qtbot, window)
    assert window.search_field.text() == ""
    assert window.proxy.rowCount() == 1
    assert window.focusWidget() is window.search_field


def test_scan_with_focus_on_button(qtbot: QtBot, scan_window, keys: KeyDriver):
    window = scan_window
    assert window.select_package(window.model.loaded_ids()[0])
    button = window.complete_button
    button.setAutoDefault(True)  # so that Enter would click it if it arrived
    button.setFocus()
    clicks = QSignalSpy(button.clicked)
    keys.scan(button, "PKG-0001001")
    wait_opened(qtbot, window)
    assert clicks.count() == 0
    assert window.focusWidget() is button


def test_slow_typing_in_search_box(qtbot: QtBot, scan_window, clock: FakeClock, keys: KeyDriver):
    window = scan_window
    received = QSignalSpy(window.scanner.scan_received)
    window.search_field.setFocus()
    keys.type(window.search_field, "PKG-0001", gap_ms=150)
    wait_for_release(qtbot, clock, window.scanner)
    assert window.search_field.text() == "PKG-0001"
    assert received.count() == 0
    assert window.controller.open_package is None


def test_fragment_not_looked_up(qtbot: QtBot, scan_window, clock: FakeClock, keys: KeyDriver):
    window = scan_window
    window.table.setFocus()
    clock.advance(1000)
    keys.type(window.table, "PKG-0001001")
    keys.enter(window.table, gap_ms=80)
    qtbot.waitUntil(lambda: window.recent_scans.rowCount() == 1)
    assert window.controller.open_package is None
    assert not window.controller.is_busy()
    assert "Incomplete scan" in window.banner.title()
    with window._sessions() as session:
        package = session.get(Package, window.model.loaded_ids()[0])
        assert package is not None and package.claimed_by_station is None


def test_typed_code_in_scan_field(qtbot: QtBot, scan_window, clock: FakeClock, keys: KeyDriver):
    """The scan field still works for a code typed by hand and Enter."""
    window = scan_window
    window.scan_field.setFocus()
    keys.type(window.scan_field, "PKG-0001001", gap_ms=120)
    keys.enter(window.scan_field, gap_ms=120)
    wait_opened(qtbot, window)
    assert window.scan_field.text() == ""


# -- the scanner test box -------------------------------------------------------------


def test_box_explains_a_scan(
    qtbot: QtBot, station_db: TestDatabase, clock: FakeClock, keys: KeyDriver
):
    add_order(station_db, 1001)
    box = ScannerTestBox(station_db.sessions, ScannerConfig(), clock=clock)
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    with qtbot.waitSignal(box.interpreted, timeout=5000) as interpreted:
        keys.scan(box, "PKG-0001001", terminator="tab")
        clock.advance(100)
    resolution = interpreted.args[0]
    assert isinstance(resolution, PackageMatch)
    assert box.hasFocus() or box.window().focusWidget() is box
    model = box.characters
    assert model.rowCount() == 12
    assert model.index(0, model.COLUMN_CHARACTER).data() == "P"
    assert model.index(0, model.COLUMN_CODE_POINT).data() == "U+0050"
    assert model.index(11, model.COLUMN_CODE_POINT).data() == "U+0009"
    assert "ended with" in box.verdict.text()
    assert "PKG-0001001" in box.reading.text()
    box.shutdown()


def test_box_inside_watched_window_keeps_its_keys(
    qtbot: QtBot, clock: FakeClock, keys: KeyDriver, make_target
):
    target = make_target()
    box = ScannerTestBox(None, ScannerConfig(), target, clock=clock)
    target.layout().addWidget(box)
    box.setFocus()
    assessed = []
    box.assessed.connect(assessed.append)
    keys.scan(box, "8690000000001")
    clock.advance(100)
    qtbot.waitUntil(lambda: bool(assessed), timeout=3000)
    assert target.scans == []
    assert assessed[0].is_scan
    assert assessed[0].code == "8690000000001"
    assert "Recognised as a scan" in box.verdict.text()
    box.shutdown()


def test_box_reports_slow_key(qtbot: QtBot, clock: FakeClock, keys: KeyDriver):
    box = ScannerTestBox(None, ScannerConfig(max_key_gap_ms=20), clock=clock)
    qtbot.addWidget(box)
    box.show()
    assessed = []
    box.assessed.connect(assessed.append)
    clock.advance(2000)
    keys.type(box, "8690")
    keys.type(box, "000", gap_ms=45)
    keys.enter(box)
    clock.advance(100)
    qtbot.waitUntil(lambda: bool(assessed), timeout=3000)
    assert assessed[0].reason is RejectReason.PAUSE
    assert "45 ms" in box.verdict.text()
    assert "key 5" in box.verdict.text()
    box.shutdown()
