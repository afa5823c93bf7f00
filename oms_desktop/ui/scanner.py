"""Barcode scanner input wherever the focus is in the window, separated from typing by timing.

A USB scanner in keyboard mode types the code faster than any person and ends it with
a terminator key. ``ScannerInputFilter`` watches every key press aimed at a widget of
the packing window. A burst counts as a scan when all of these hold:

- every gap between two keys, and the gap before the terminator, is at most
  ``max_key_gap_ms``;
- it has at least ``min_length`` characters;
- it ends with the configured terminator (Enter, Tab, Enter then line feed, or any);
- it starts after a quiet moment (``ScannerConfig.quiet_ms``) since the last key that
  was not part of an accepted scan, so the tail of a scan that a pause cut in two is
  never taken for a whole code.

A scan is captured: its keys never reach the focused widget, a Tab never moves the
focus, an Enter never presses a dialog's default button, and no key of it triggers a
shortcut. The code, without the configured prefix, is emitted as ``scan_received``.

The filter only knows a burst is a burst after a few keys, so it holds every key for at
most ``max_key_gap_ms``. When no further key follows in time, it replays the held keys
to the widget they were aimed at, in their order: a person typing keeps typing, with
each key delayed by that much at most. A fast burst that stops without its terminator
(a pause, another key, the window losing focus) is a fragment. It is dropped, logged
at debug level and reported as ``scan_rejected``, and never looked up.

``ScannerTestBox`` is the "test your scanner" box for the settings dialog: it shows
each character the scanner sends with its code point, how the timing measured up, and
what the station reads the code as.
"""

from __future__ import annotations

import enum
import itertools
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from oms_desktop.core.keyboard_layouts import LAYOUTS, type_as
from oms_desktop.core.scan import ScanResolution, ScanSettings, describe_characters, interpret_scan
from oms_desktop.core.settings import (
    SCANNER_MAX_KEY_GAP_MS,
    SCANNER_MIN_LENGTH,
    SCANNER_PREFIX,
    SCANNER_TERMINATOR,
    SETTINGS,
)
from oms_desktop.ui.banner import BannerKind
from oms_desktop.ui.messages import BannerMessage, resolution_text
from oms_desktop.ui.tasks import DATABASE_ERRORS, TaskRunner

log = logging.getLogger(__name__)

# A widget whose class sets this Python attribute to True reads scanner input itself (the
# scanner test box), so the window's filter leaves its keys and those of its children alone.
# It is not a Qt dynamic property: reading one would call QObject.property() on every key.
# PySide6 6.12 on CPython 3.11 drops a reference to None whenever that returns nothing.
OWNS_SCANNER_INPUT = "owns_scanner_input"

# The quiet moment before a scan is this many key gaps, and at least MIN_QUIET_MS. Aiming
# the scanner at the next label takes far longer; the tail of a code split by a USB or
# Bluetooth hiccup comes sooner. Both figures are estimates, not measurements.
QUIET_GAPS = 5
MIN_QUIET_MS = 150.0
# Milliseconds the test box waits after the last key before it judges the burst, for a
# scanner that sends no terminator at all.
TEST_BOX_IDLE_MS = 1000
# Control characters that belong to a code: FNC1 arrives as GS in GS1 data, and ISO 15434
# envelopes on carriers' 2D labels use RS, GS and EOT. A scanner sends them as Ctrl+key.
DATA_CONTROL_CHARACTERS = frozenset("\x04\x1c\x1d\x1e\x1f")
# Text colour of a gap longer than the threshold in the test box.
SLOW_GAP_COLOUR = "#b71c1c"

_TEXT_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.KeypadModifier
    | Qt.KeyboardModifier.GroupSwitchModifier
)
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_ScrollLock,
        Qt.Key.Key_Mode_switch,
    }
)


class Terminator(enum.StrEnum):
    """Terminator the scanner sends after each code (the SCANNER_TERMINATOR setting)."""

    ENTER = "enter"
    TAB = "tab"
    CRLF = "crlf"  # Enter, then a line feed (Ctrl+J)
    ANY = "any"  # Enter, Tab or Enter then line feed


class KeyKind(enum.Enum):
    CHARACTER = "character"  # text that can be part of a code
    ENTER = "enter"  # Return or keypad Enter (carriage return)
    TAB = "tab"
    LINE_FEED = "line_feed"  # Ctrl+J
    MODIFIER = "modifier"  # Shift, Ctrl, Alt ... pressed alone: never ends a burst
    OTHER = "other"  # any other key; it ends a burst


class RejectReason(enum.Enum):
    """Reason a fast key burst was not taken as a scan."""

    PAUSE = "pause"  # a pause longer than the key gap came before the terminator
    FOCUS_LOST = "focus_lost"  # the window lost the focus in the middle of the burst
    WRONG_TERMINATOR = "wrong_terminator"  # it ended with another key than configured
    NOT_QUIET = "not_quiet"  # it followed other keys too closely: maybe a scan's tail
    EMPTY = "empty"  # nothing was left after removing the prefix
    TOO_SHORT = "too_short"  # fewer characters than the minimum (the test box only)


def classify_key(key: int, modifiers: Qt.KeyboardModifier, text: str) -> KeyKind:
    """Return what a key press means for scan framing."""
    if key in _MODIFIER_KEYS:
        return KeyKind.MODIFIER
    command_modifiers = modifiers & ~_TEXT_MODIFIERS
    plain = command_modifiers == Qt.KeyboardModifier.NoModifier
    if text == "\n" or (
        key == Qt.Key.Key_J and command_modifiers == Qt.KeyboardModifier.ControlModifier
    ):
        return KeyKind.LINE_FEED
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return KeyKind.ENTER if plain else KeyKind.OTHER
    if text == "\r":  # Ctrl+M
        return KeyKind.ENTER
    if key == Qt.Key.Key_Tab:
        return KeyKind.TAB if plain else KeyKind.OTHER
    if text == "\t":  # Ctrl+I
        return KeyKind.TAB
    if len(text) == 1 and text in DATA_CONTROL_CHARACTERS:
        return KeyKind.CHARACTER
    if text and plain and text.isprintable():
        return KeyKind.CHARACTER
    return KeyKind.OTHER


def terminator_accepts(terminator: Terminator, kind: KeyKind) -> bool:
    """Tell whether ``kind`` ends a code under ``terminator`` (for CRLF: the Enter half)."""
    if terminator is Terminator.ENTER or terminator is Terminator.CRLF:
        return kind is KeyKind.ENTER
    if terminator is Terminator.TAB:
        return kind is KeyKind.TAB
    return kind in (KeyKind.ENTER, KeyKind.TAB, KeyKind.LINE_FEED)


def strip_prefix(text: str, prefix: str) -> str:
    """Remove ``prefix`` from the start of ``text``, also as typed through a Turkish layout.

    A scanner programmed for the US layout types its prefix through the computer's
    layout like the rest of the code, so those forms are removed too. Text without the
    prefix is returned unchanged.
    """
    if not prefix:
        return text
    for form in (prefix, *(type_as(prefix, layout) for layout in LAYOUTS)):
        if text.startswith(form):
            return text[len(form) :]
    return text


def _spec_default(key: str) -> Any:
    return SETTINGS[key].default


@dataclass(frozen=True)
class ScannerConfig:
    """Thresholds that separate a scan from typing; see the module docstring."""

    max_key_gap_ms: int = field(default_factory=lambda: int(_spec_default(SCANNER_MAX_KEY_GAP_MS)))
    min_length: int = field(default_factory=lambda: int(_spec_default(SCANNER_MIN_LENGTH)))
    terminator: Terminator = field(
        default_factory=lambda: Terminator(_spec_default(SCANNER_TERMINATOR))
    )
    prefix: str = field(default_factory=lambda: str(_spec_default(SCANNER_PREFIX)))

    def __post_init__(self) -> None:
        if self.max_key_gap_ms < 1:
            raise ValueError(f"max_key_gap_ms must be at least 1, got {self.max_key_gap_ms}")
        if self.min_length < 1:
            raise ValueError(f"min_length must be at least 1, got {self.min_length}")
        if not isinstance(self.terminator, Terminator):
            raise ValueError(f"terminator must be a Terminator, got {self.terminator!r}")

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> ScannerConfig:
        """Build the config from effective setting values (``station_settings``' result)."""
        return cls(
            max_key_gap_ms=int(values[SCANNER_MAX_KEY_GAP_MS]),
            min_length=int(values[SCANNER_MIN_LENGTH]),
            terminator=Terminator(values[SCANNER_TERMINATOR]),
            prefix=str(values[SCANNER_PREFIX]),
        )

    @property
    def quiet_ms(self) -> float:
        """Milliseconds without keys a scan must follow, unless it follows another scan."""
        return max(MIN_QUIET_MS, QUIET_GAPS * self.max_key_gap_ms)


@dataclass(frozen=True)
class FramedScan:
    """A scan taken from the keyboard stream.

    ``code`` has neither the prefix nor the terminator; ``raw`` keeps the prefix.
    ``at`` is the arrival of the terminator on the filter's clock, in seconds. That clock
    is ``time.monotonic()`` unless a test injected another one. The item verification
    compares ``at`` against its duplicate window.
    """

    code: str
    raw: str
    terminator: str
    duration_ms: float
    at: float


@dataclass(frozen=True)
class RejectedScan:
    """A fast key burst that was dropped; ``ended_by`` names the key that ended it, if any."""

    reason: RejectReason
    text: str
    expected: Terminator
    ended_by: str | None = None


@dataclass(frozen=True)
class _KeyTime:
    arrived: float  # the filter's clock, milliseconds
    stamp: int | None  # the window system's event time, milliseconds, when it has one


def _elapsed(earlier: _KeyTime, later: _KeyTime) -> float:
    """Milliseconds between two keys: by event time when both have one, else by arrival.

    Event times stay right when the GUI thread was busy and delivered queued keys late.
    A negative or implausible difference (the window system's clock wrapped) falls back
    to arrival times.
    """
    if earlier.stamp is not None and later.stamp is not None:
        difference = later.stamp - earlier.stamp
        if 0 <= difference < 60_000:
            return float(difference)
    return later.arrived - earlier.arrived


@dataclass
class _HeldKey:
    receiver: QObject
    event: QKeyEvent
    kind: KeyKind
    time: _KeyTime | None  # None for a held key release


def _key_name(kind: KeyKind) -> str:
    return {
        KeyKind.ENTER: "enter",
        KeyKind.TAB: "tab",
        KeyKind.LINE_FEED: "line feed",
    }.get(kind, "another key")


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


class ScannerInputFilter(QObject):
    """Frames scanner input aimed at any widget of ``window``; see the module docstring.

    Install it with ``install()``: it becomes an application event filter, because a key
    event goes to whichever widget has the focus. Widgets of other top-level windows are
    left alone, except dialogs and pop-ups whose parent chain leads to ``window``.

    Args:
        window: the top-level widget whose keys are watched.
        config: thresholds and terminator.
        clock: milliseconds, monotonic; injectable so tests control key timing. The
            default is ``time.monotonic()`` in milliseconds.

    Signals:
        scan_received(str): a code was scanned (prefix removed).
        scan_framed(FramedScan): the same scan with its timing.
        scan_rejected(RejectedScan): a fast burst was dropped as a fragment.

    The signals are emitted while the key event is being delivered: slots must return
    quickly and must not open a modal dialog.
    """

    scan_received = Signal(str)
    scan_framed = Signal(object)
    scan_rejected = Signal(object)

    def __init__(
        self,
        window: QWidget,
        config: ScannerConfig | None = None,
        *,
        clock: Callable[[], float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._config = config or ScannerConfig()
        self._clock = clock or _monotonic_ms
        self._installed = False
        self._held: list[_HeldKey] = []
        self._tainted = False
        # Time of the last key that was not part of an accepted scan.
        self._last_noise: _KeyTime | None = None
        # CRLF terminator: the Enter arrived; the burst waits for its line feed.
        self._pending_enter: tuple[list[_HeldKey], _KeyTime] | None = None
        # Terminator "any": after an accepted Enter, a line feed that follows belongs to it.
        self._enter_accepted_at: _KeyTime | None = None
        # Keys of dropped or captured presses whose releases must not reach a widget.
        self._swallow_releases: dict[tuple[int, int], int] = {}
        self._replaying = False
        # Signature of the last key press passed on: Qt offers a key the focus widget
        # ignored to its parents, and the filter sees that same event again.
        self._passed_signature: tuple[int, int, str, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    # -- public ------------------------------------------------------------------

    @property
    def config(self) -> ScannerConfig:
        return self._config

    def set_config(self, config: ScannerConfig) -> None:
        """Use new thresholds from the next key on; a burst in progress is judged as before."""
        self._config = config

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("a QApplication must exist before the scanner filter is installed")
        if not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        """Uninstall the filter; keys held at that moment are handed to their widgets."""
        app = QCoreApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
        self._installed = False
        self._timer.stop()
        self._pending_enter = None
        self._replay(self._held)
        self._held = []

    def is_holding(self) -> bool:
        """Tell whether keys are held back, waiting to be judged."""
        return bool(self._held) or self._pending_enter is not None

    # -- event filter --------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            if self._replaying or not isinstance(event, QKeyEvent):
                return False
            if not isinstance(watched, QWidget) or not self._watches(watched):
                return False
            if kind == QEvent.Type.ShortcutOverride:
                return self._on_shortcut_override(event)
            if kind == QEvent.Type.KeyRelease:
                return self._on_release(watched, event)
            return self._on_press(watched, event)
        if kind == QEvent.Type.WindowDeactivate and watched is self._window:
            self._abandon("the window was deactivated")
        elif kind == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if event.reason() == Qt.FocusReason.ActiveWindowFocusReason and self._is_ours(watched):
                self._abandon("the window lost the keyboard focus")
        elif kind == QEvent.Type.ApplicationStateChange:
            state = QApplication.applicationState()
            if state != Qt.ApplicationState.ApplicationActive:
                self._abandon("the application became inactive")
        return False

    def _is_ours(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and self._watches(watched)

    def _watches(self, widget: QWidget) -> bool:
        """Tell whether ``widget`` belongs to the window (or a dialog or pop-up of it)."""
        node: QWidget | None = widget
        while node is not None:
            if getattr(node, OWNS_SCANNER_INPUT, False) is True:
                return False
            if node is self._window:
                return True
            node = node.parentWidget()
        return False

    def _on_shortcut_override(self, event: QKeyEvent) -> bool:
        """Claim keys of a burst, so that no shortcut fires for them."""
        kind = classify_key(event.key(), event.modifiers(), event.text())
        claim = kind is KeyKind.CHARACTER and (
            bool(self._held) or event.text() in DATA_CONTROL_CHARACTERS
        )
        if kind in (KeyKind.ENTER, KeyKind.TAB, KeyKind.LINE_FEED):
            claim = self.is_holding() or self._enter_accepted_at is not None
        if claim:
            event.accept()
            return True
        return False

    def _on_release(self, receiver: QObject, event: QKeyEvent) -> bool:
        signature = (event.key(), event.nativeScanCode())
        pending = self._swallow_releases.get(signature, 0)
        if pending:
            if pending == 1:
                del self._swallow_releases[signature]
            else:
                self._swallow_releases[signature] = pending - 1
            return True
        if self._held and not event.isAutoRepeat():
            self._held.append(_HeldKey(receiver, event.clone(), KeyKind.OTHER, None))
            return True
        return False

    def _on_press(self, receiver: QWidget, event: QKeyEvent) -> bool:
        key_kind = classify_key(event.key(), event.modifiers(), event.text())
        if key_kind is KeyKind.MODIFIER:
            return False
        at = _KeyTime(self._clock(), event.timestamp() or None)
        signature = (event.key(), int(event.modifiers().value), event.text(), at.arrived)
        if self._passed_signature is not None and self._is_propagation(signature):
            return False
        self._passed_signature = None
        if event.isAutoRepeat():
            key_kind = KeyKind.OTHER

        if self._pending_enter is not None and key_kind is not KeyKind.LINE_FEED:
            self._reject_pending_enter(ended_by=_key_name(key_kind))
            if key_kind in (KeyKind.ENTER, KeyKind.TAB):
                # A second terminator right after the first comes from the scanner too.
                return self._capture(event)

        if key_kind is KeyKind.CHARACTER:
            return self._on_character(receiver, event, at)
        if key_kind is KeyKind.OTHER:
            return self._on_other_key(receiver, event, at)
        return self._on_terminator(receiver, event, key_kind, at)

    def _is_propagation(self, signature: tuple[int, int, str, float]) -> bool:
        previous = self._passed_signature
        assert previous is not None
        return previous[:3] == signature[:3] and abs(signature[3] - previous[3]) < 1.0

    # -- decisions -------------------------------------------------------------------

    def _on_character(self, receiver: QWidget, event: QKeyEvent, at: _KeyTime) -> bool:
        self._enter_accepted_at = None
        gap = self._config.max_key_gap_ms
        if self._held:
            last = self._last_held_time()
            if _elapsed(last, at) <= gap:
                self._hold(receiver, event, KeyKind.CHARACTER, at)
                return True
            self._end_without_terminator(RejectReason.PAUSE, ended_by=None)
        self._tainted = (
            self._last_noise is not None and _elapsed(self._last_noise, at) < self._config.quiet_ms
        )
        self._hold(receiver, event, KeyKind.CHARACTER, at)
        return True

    def _on_other_key(self, receiver: QWidget, event: QKeyEvent, at: _KeyTime) -> bool:
        self._enter_accepted_at = None
        if self._held:
            if self._held_character_count() >= self._config.min_length:
                self._drop(RejectReason.WRONG_TERMINATOR, ended_by=_key_name(KeyKind.OTHER))
                return self._capture(event)
            self._release_held()
        return self._pass(event, at)

    def _on_terminator(
        self, receiver: QWidget, event: QKeyEvent, key_kind: KeyKind, at: _KeyTime
    ) -> bool:
        gap = self._config.max_key_gap_ms
        if self._pending_enter is not None:  # and key_kind is LINE_FEED
            held, enter_time = self._pending_enter
            self._pending_enter = None
            if _elapsed(enter_time, at) <= gap:
                self._accept(held, "crlf", at)
            else:
                self._held = held
                self._drop(RejectReason.WRONG_TERMINATOR, ended_by="enter")
            return self._capture(event)
        if key_kind is KeyKind.LINE_FEED and self._enter_accepted_at is not None:
            accepted_at = self._enter_accepted_at
            self._enter_accepted_at = None
            if _elapsed(accepted_at, at) <= gap:
                return self._capture(event)
        self._enter_accepted_at = None
        if not self._held:
            return self._pass(event, at)

        if _elapsed(self._last_held_time(), at) > gap:
            if self._held_character_count() >= self._config.min_length:
                self._drop(RejectReason.PAUSE, ended_by=_key_name(key_kind))
                return self._capture(event)
            self._release_held()
            return self._pass(event, at)
        if self._held_character_count() < self._config.min_length:
            self._release_held()
            return self._pass(event, at)
        if self._tainted:
            self._drop(RejectReason.NOT_QUIET, ended_by=_key_name(key_kind))
            return self._capture(event)
        terminator = self._config.terminator
        if not terminator_accepts(terminator, key_kind):
            self._drop(RejectReason.WRONG_TERMINATOR, ended_by=_key_name(key_kind))
            return self._capture(event)
        if terminator is Terminator.CRLF:
            self._pending_enter = (self._held, at)
            self._held = []
            self._timer.start(gap + 1)
            return self._capture(event)
        held = self._held
        self._held = []
        self._accept(held, "crlf" if key_kind is KeyKind.LINE_FEED else key_kind.value, at)
        if key_kind is KeyKind.ENTER and terminator is Terminator.ANY:
            self._enter_accepted_at = at
        return self._capture(event)

    def _on_timeout(self) -> None:
        # NOTE: when the GUI thread stalls in the middle of a scan, this timer can fire
        # before the queued rest of the code is delivered. The held keys are then judged
        # without it; the rest follows too closely to count as a scan (NOT_QUIET), so no
        # partial code is looked up, but up to min_length - 1 characters may reach a widget.
        gap = self._config.max_key_gap_ms
        now = self._clock()
        if self._pending_enter is not None:
            waited = now - self._pending_enter[1].arrived
            if waited >= gap:
                self._reject_pending_enter(ended_by=None)
            else:
                self._timer.start(int(gap - waited) + 1)
            return
        if not self._held:
            return
        waited = now - self._last_held_time().arrived
        if waited >= gap:
            self._end_without_terminator(RejectReason.PAUSE, ended_by=None)
        else:
            self._timer.start(int(gap - waited) + 1)

    def _abandon(self, why: str) -> None:
        if self._pending_enter is not None:
            self._held, _ = self._pending_enter
            self._pending_enter = None
        if not self._held:
            return
        log.debug("Key burst interrupted: %s", why)
        self._end_without_terminator(RejectReason.FOCUS_LOST, ended_by=None)

    # -- actions -------------------------------------------------------------------

    def _hold(self, receiver: QWidget, event: QKeyEvent, kind: KeyKind, at: _KeyTime) -> None:
        self._held.append(_HeldKey(receiver, event.clone(), kind, at))
        self._timer.start(self._config.max_key_gap_ms + 1)

    def _last_held_time(self) -> _KeyTime:
        for held in reversed(self._held):
            if held.time is not None:
                return held.time
        raise AssertionError("no key press is held")

    def _held_character_count(self) -> int:
        return sum(1 for held in self._held if held.kind is KeyKind.CHARACTER)

    def _held_text(self, held: Sequence[_HeldKey]) -> str:
        return "".join(key.event.text() for key in held if key.kind is KeyKind.CHARACTER)

    def _end_without_terminator(self, reason: RejectReason, *, ended_by: str | None) -> None:
        """Judge a burst that no terminator ended: a fragment is dropped, typing replayed."""
        if self._held_character_count() >= self._config.min_length:
            self._drop(reason, ended_by=ended_by)
        else:
            self._release_held()

    def _release_held(self) -> None:
        held = self._held
        self._held = []
        self._timer.stop()
        self._note_noise(held)
        self._replay(held)

    def _drop(self, reason: RejectReason, *, ended_by: str | None) -> None:
        held = self._held
        self._held = []
        self._timer.stop()
        self._note_noise(held)
        self._swallow_later_releases(held)
        rejected = RejectedScan(reason, self._held_text(held), self._config.terminator, ended_by)
        log.debug(
            "Dropped a %d-character key burst (%s, ended by %s): %r",
            len(rejected.text),
            reason.value,
            ended_by or "nothing",
            rejected.text,
        )
        self.scan_rejected.emit(rejected)

    def _reject_pending_enter(self, *, ended_by: str | None) -> None:
        assert self._pending_enter is not None
        held, _ = self._pending_enter
        self._pending_enter = None
        self._held = held
        self._drop(RejectReason.WRONG_TERMINATOR, ended_by=ended_by or "enter")

    def _accept(self, held: list[_HeldKey], terminator: str, at: _KeyTime) -> None:
        self._timer.stop()
        self._swallow_later_releases(held)
        raw = self._held_text(held)
        code = strip_prefix(raw, self._config.prefix)
        if not code.strip():
            self._held = held
            self._drop(RejectReason.EMPTY, ended_by=terminator)
            return
        first = held[0].time
        duration = _elapsed(first, at) if first is not None else 0.0
        scan = FramedScan(code, raw, terminator, duration, at.arrived / 1000.0)
        log.debug("Scan framed: %r (%d characters in %.0f ms)", code, len(raw), duration)
        self.scan_received.emit(code)
        self.scan_framed.emit(scan)

    def _capture(self, event: QKeyEvent) -> bool:
        """Swallow a press that belongs to the scanner, and later its release."""
        signature = (event.key(), event.nativeScanCode())
        self._swallow_releases[signature] = self._swallow_releases.get(signature, 0) + 1
        return True

    def _pass(self, event: QKeyEvent, at: _KeyTime) -> bool:
        self._last_noise = at
        self._passed_signature = (
            event.key(),
            int(event.modifiers().value),
            event.text(),
            at.arrived,
        )
        return False

    def _note_noise(self, held: Sequence[_HeldKey]) -> None:
        for key in reversed(held):
            if key.time is not None:
                self._last_noise = key.time
                return

    def _swallow_later_releases(self, held: Sequence[_HeldKey]) -> None:
        """Swallow the releases of dropped presses that have not arrived yet."""
        balance: dict[tuple[int, int], int] = {}
        for key in held:
            signature = (key.event.key(), key.event.nativeScanCode())
            step = 1 if key.time is not None else -1
            balance[signature] = balance.get(signature, 0) + step
        for signature, count in balance.items():
            if count > 0:
                self._swallow_releases[signature] = self._swallow_releases.get(signature, 0) + count

    def _replay(self, held: Sequence[_HeldKey]) -> None:
        """Deliver held keys to the widgets they were aimed at, in their order."""
        if not held:
            return
        self._replaying = True
        try:
            for key in held:
                if shiboken6.isValid(key.receiver):
                    QCoreApplication.sendEvent(key.receiver, key.event)
        finally:
            self._replaying = False


# -- the "test your scanner" box -----------------------------------------------------


@dataclass(frozen=True)
class TimedKey:
    """One key press recorded by the test box; ``at_ms`` is on the box's clock."""

    kind: KeyKind
    text: str
    at_ms: float
    name: str = ""


@dataclass(frozen=True)
class KeyAssessment:
    """Judgement of one recorded key burst against a ScannerConfig.

    ``gaps_ms[i]`` is the time from key i to key i + 1, the terminator included.
    """

    text: str
    code: str
    ended_by: str | None
    gaps_ms: tuple[float, ...]
    is_scan: bool
    reason: RejectReason | None
    # Index (into the characters) of the first character that came too late.
    slow_character: int | None = None

    @property
    def longest_gap_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)


def assess_keys(keys: Sequence[TimedKey], config: ScannerConfig) -> KeyAssessment:
    """Judge a recorded burst by the rules ``ScannerInputFilter`` applies."""
    presses = [key for key in keys if key.kind is not KeyKind.MODIFIER]
    characters: list[TimedKey] = []
    ended: list[TimedKey] = []
    for key in presses:
        if key.kind is KeyKind.CHARACTER and not ended:
            characters.append(key)
        else:
            ended.append(key)
    text = "".join(key.text for key in characters)
    timed = characters + ended[:2]
    gaps = tuple(later.at_ms - earlier.at_ms for earlier, later in itertools.pairwise(timed))
    ended_by = _describe_end(ended)
    code = strip_prefix(text, config.prefix)

    slow = next((index + 1 for index, gap in enumerate(gaps) if gap > config.max_key_gap_ms), None)
    reason: RejectReason | None = None
    if len(characters) < config.min_length:
        reason = RejectReason.TOO_SHORT
    elif slow is not None:
        reason = RejectReason.PAUSE
    elif not ended or not _ends_correctly(ended, config.terminator):
        reason = RejectReason.WRONG_TERMINATOR if ended else RejectReason.PAUSE
    elif not code.strip():
        reason = RejectReason.EMPTY
    return KeyAssessment(
        text=text,
        code=code,
        ended_by=ended_by,
        gaps_ms=gaps,
        is_scan=reason is None,
        reason=reason,
        slow_character=slow,
    )


def _describe_end(ended: Sequence[TimedKey]) -> str | None:
    if not ended:
        return None
    first = ended[0]
    if first.kind is KeyKind.ENTER and len(ended) > 1 and ended[1].kind is KeyKind.LINE_FEED:
        return "crlf"
    if first.kind is KeyKind.OTHER:
        return first.name or "another key"
    return _key_name(first.kind)


def _ends_correctly(ended: Sequence[TimedKey], terminator: Terminator) -> bool:
    first = ended[0]
    if terminator is Terminator.CRLF:
        return first.kind is KeyKind.ENTER and len(ended) > 1 and ended[1].kind is KeyKind.LINE_FEED
    return terminator_accepts(terminator, first.kind)


def describe_scan(raw: str) -> str:
    """Return one line per character of ``raw``: the character, its code point and its name.

    Invisible characters are shown by their Unicode control pictures, as
    ``core.scan.describe_characters`` does.
    """
    return "\n".join(
        f"{shown}\t{code_point}\t{name}" for shown, code_point, name in describe_characters(raw)
    )


class CharacterTableModel(QAbstractTableModel):
    """The characters of one recorded burst: position, character, code point, name, gap."""

    COLUMN_POSITION = 0
    COLUMN_CHARACTER = 1
    COLUMN_CODE_POINT = 2
    COLUMN_NAME = 3
    COLUMN_GAP = 4
    COLUMN_COUNT = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, float | None]] = []
        self._max_gap_ms = 0

    def set_keys(self, keys: Sequence[TimedKey], max_gap_ms: int) -> None:
        self.beginResetModel()
        self._max_gap_ms = max_gap_ms
        self._rows = []
        previous: TimedKey | None = None
        for key in keys:
            if key.kind is KeyKind.MODIFIER:
                continue
            gap = key.at_ms - previous.at_ms if previous is not None else None
            previous = key
            text = key.text if key.kind is KeyKind.CHARACTER else _KEY_TEXTS.get(key.kind, "")
            if text:
                for shown, code_point, name in describe_characters(text):
                    self._rows.append((shown, code_point, name, gap))
                    gap = None
            else:
                label = key.name or _key_name(key.kind)
                self._rows.append((label, "", "", gap))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        labels = {
            self.COLUMN_POSITION: QCoreApplication.translate("ScannerTestBox", "#"),
            #: Column of the scanner test: the character as received.
            self.COLUMN_CHARACTER: QCoreApplication.translate("ScannerTestBox", "Character"),
            #: Column of the scanner test: the Unicode code point, such as U+0041.
            self.COLUMN_CODE_POINT: QCoreApplication.translate("ScannerTestBox", "Code point"),
            #: Column of the scanner test: the Unicode character name.
            self.COLUMN_NAME: QCoreApplication.translate("ScannerTestBox", "Unicode name"),
            #: Column of the scanner test: milliseconds since the previous key.
            self.COLUMN_GAP: QCoreApplication.translate("ScannerTestBox", "Gap (ms)"),
        }
        return labels.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        shown, code_point, name, gap = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_POSITION:
                return index.row() + 1
            if column == self.COLUMN_CHARACTER:
                return shown
            if column == self.COLUMN_CODE_POINT:
                return code_point
            if column == self.COLUMN_NAME:
                return name
            if column == self.COLUMN_GAP:
                return "" if gap is None else f"{gap:.0f}"
        slow = gap is not None and gap > self._max_gap_ms
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_GAP and slow:
            return QColor(SLOW_GAP_COLOUR)
        return None


_KEY_TEXTS = {KeyKind.ENTER: "\r", KeyKind.TAB: "\t", KeyKind.LINE_FEED: "\n"}


class ScannerTestBox(QFrame):
    """A box that records what the scanner types into it and explains it.

    Click it (or tab into it) and scan: every key is recorded here, none reaches another
    widget or shortcut. After the terminator (or a second without keys) the box lists
    each character with its code point and gap, shows whether the station would take the
    burst for a scan under ``config`` and, given ``sessions``, what the code names.

    Signals:
        assessed(KeyAssessment): a recorded burst was judged.
        interpreted(ScanResolution): the station's reading of the code arrived.
    """

    assessed = Signal(object)
    interpreted = Signal(object)

    # Read by ScannerInputFilter: the box records scanner keys itself.
    owns_scanner_input = True

    def __init__(
        self,
        sessions: sessionmaker[Session] | None = None,
        config: ScannerConfig | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scannerTestBox")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._sessions = sessions
        self._config = config or ScannerConfig()
        self._clock = clock or _monotonic_ms
        self._keys: list[TimedKey] = []
        self._runner = TaskRunner(self, max_threads=1)
        self._generation = 0
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._finish)

        self.prompt = QLabel(
            self.tr(
                "Click here, then scan a barcode. The box lists every character the scanner "
                "sends and tells what the station makes of it."
            ),
            self,
        )
        self.prompt.setWordWrap(True)
        self.characters = CharacterTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.characters)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            CharacterTableModel.COLUMN_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("scannerVerdict")
        self.reading = QLabel(self)
        self.reading.setWordWrap(True)
        self.reading.setObjectName("scannerReading")
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(self.reading)

    @property
    def config(self) -> ScannerConfig:
        return self._config

    def set_config(self, config: ScannerConfig) -> None:
        """Judge the next burst by ``config`` (for a settings page edited live)."""
        self._config = config

    def recorded_keys(self) -> list[TimedKey]:
        return list(self._keys)

    def shutdown(self) -> None:
        self._idle_timer.stop()
        self._runner.shutdown()

    # -- key capture -------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Every key typed here is recorded, none is a shortcut.
            event.accept()
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            # Tab and Backtab reach event() before keyPressEvent and would move the focus.
            self._record(event)
            return True
        return super().event(event)

    def _record(self, event: QKeyEvent) -> None:
        kind = classify_key(event.key(), event.modifiers(), event.text())
        if kind is KeyKind.MODIFIER:
            return
        now = self._clock()
        if self._keys and now - self._keys[-1].at_ms > TEST_BOX_IDLE_MS:
            self._keys = []
        name = _describe_other_key(event) if kind is KeyKind.OTHER else ""
        self._keys.append(TimedKey(kind, event.text(), now, name))
        if kind in (KeyKind.ENTER, KeyKind.TAB, KeyKind.LINE_FEED, KeyKind.OTHER):
            # A line feed may follow an Enter; wait one key gap for it.
            self._idle_timer.start(self._config.max_key_gap_ms + 1)
        else:
            self._idle_timer.start(TEST_BOX_IDLE_MS)

    def _finish(self) -> None:
        keys = self._keys
        self._keys = []
        if not keys:
            return
        self._show(keys)

    def _show(self, keys: Sequence[TimedKey]) -> None:
        assessment = assess_keys(keys, self._config)
        self.characters.set_keys(keys, self._config.max_key_gap_ms)
        self.verdict.setText(assessment_text(assessment, self._config))
        self.assessed.emit(assessment)
        self._generation += 1
        if self._sessions is None or not assessment.text.strip():
            self.reading.clear()
            return
        generation = self._generation
        sessions = self._sessions
        prefix = self._config.prefix
        text = assessment.text
        self.reading.setText(self.tr("Looking the code up…"))

        def interpret() -> ScanResolution:
            with sessions() as session:
                return interpret_scan(session, text, ScanSettings(prefix=prefix))

        def shown(resolution: ScanResolution) -> None:
            if generation != self._generation:
                return
            self.reading.setText(resolution_text(resolution))
            self.interpreted.emit(resolution)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.reading.setText(
                    self.tr("The code could not be looked up: the database is busy or unreachable.")
                )

        self._runner.submit(
            interpret, shown, failed, expected=DATABASE_ERRORS, description="testing a scan"
        )


def _describe_other_key(event: QKeyEvent) -> str:
    combination = event.keyCombination()
    return QKeySequence(combination).toString(QKeySequence.SequenceFormat.NativeText)


# -- texts -----------------------------------------------------------------------------

_TERMINATOR_LABELS: dict[str, object] = {
    "enter": QT_TRANSLATE_NOOP("ScannerTerminator", "Enter"),
    "tab": QT_TRANSLATE_NOOP("ScannerTerminator", "Tab"),
    "crlf": QT_TRANSLATE_NOOP("ScannerTerminator", "Enter and line feed"),
    "any": QT_TRANSLATE_NOOP("ScannerTerminator", "Enter, Tab, or Enter and line feed"),
    "line feed": QT_TRANSLATE_NOOP("ScannerTerminator", "line feed (Ctrl+J)"),
    "another key": QT_TRANSLATE_NOOP("ScannerTerminator", "another key"),
}


def terminator_label(name: str) -> str:
    """Return the translated name of a terminator or a key that ended a burst."""
    source = _TERMINATOR_LABELS.get(name)
    if source is None:
        return name
    return QCoreApplication.translate("ScannerTerminator", str(source))


def _fill(template: str, *values: object) -> str:
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def assessment_text(assessment: KeyAssessment, config: ScannerConfig) -> str:
    """Return the test box's verdict on one burst, with the fix when it is not a scan."""

    expected = terminator_label(config.terminator.value)
    ended = terminator_label(assessment.ended_by) if assessment.ended_by else ""
    if assessment.is_scan:
        #: %1 characters, %2 longest gap in ms, %3 the limit in ms, %4 the terminator.
        return _fill(
            QCoreApplication.translate(
                "ScannerTestBox",
                "Recognised as a scan: %1 characters, longest gap %2 ms (limit %3 ms), "
                "ended by %4.",
            ),
            len(assessment.text),
            f"{assessment.longest_gap_ms:.0f}",
            config.max_key_gap_ms,
            ended,
        )
    reason = assessment.reason
    if reason is RejectReason.TOO_SHORT:
        #: %1 characters received, %2 the minimum.
        return _fill(
            QCoreApplication.translate(
                "ScannerTestBox",
                "Not a scan: %1 characters, fewer than the minimum of %2. Keys like these "
                "are passed on as typing.",
            ),
            len(assessment.text),
            config.min_length,
        )
    if reason is RejectReason.PAUSE and assessment.slow_character is not None:
        gap = assessment.gaps_ms[assessment.slow_character - 1]
        #: %1 a pause in ms, %2 the position of the late key, %3 the limit in ms.
        return _fill(
            QCoreApplication.translate(
                "ScannerTestBox",
                "Not a scan: a pause of %1 ms before key %2 is longer than the limit of "
                "%3 ms. Raise the limit in the settings, or set the scanner to send faster.",
            ),
            f"{gap:.0f}",
            assessment.slow_character + 1,
            config.max_key_gap_ms,
        )
    if reason is RejectReason.PAUSE:
        #: %1 is the terminator the station expects.
        return _fill(
            QCoreApplication.translate(
                "ScannerTestBox",
                "Not a scan: no terminator arrived. The station expects %1 after each code; "
                "program the scanner to send it.",
            ),
            expected,
        )
    if reason is RejectReason.WRONG_TERMINATOR:
        #: %1 the key that ended the code, %2 the terminator the station expects.
        return _fill(
            QCoreApplication.translate(
                "ScannerTestBox",
                "Not a scan: it ended with %1, but the station expects %2. Change the "
                "scanner terminator setting or program the scanner.",
            ),
            ended,
            expected,
        )
    return QCoreApplication.translate(
        "ScannerTestBox", "Not a scan: nothing but the prefix arrived."
    )


def rejected_message(rejected: RejectedScan) -> BannerMessage:
    """Return the banner for a fast key burst the station dropped instead of looking it up."""

    if rejected.reason is RejectReason.WRONG_TERMINATOR:
        ended = terminator_label(rejected.ended_by or "another key")
        return BannerMessage(
            BannerKind.FAILURE,
            #: %1 is the key the scanner sent after the code.
            _fill(QCoreApplication.translate("ScanMessages", "Scanner ends codes with %1"), ended),
            #: %1 is the terminator this station expects.
            _fill(
                QCoreApplication.translate(
                    "ScanMessages",
                    "This station expects %1 after each code, so the scan was not used. "
                    "Change the scanner terminator setting (or program the scanner), then "
                    "scan again.",
                ),
                terminator_label(rejected.expected.value),
            ),
        )
    if rejected.reason is RejectReason.EMPTY:
        return BannerMessage(
            BannerKind.FAILURE,
            QCoreApplication.translate("ScanMessages", "Only the scanner prefix arrived"),
            QCoreApplication.translate(
                "ScanMessages", "The code after the prefix was empty. Scan again."
            ),
        )
    if rejected.reason is RejectReason.FOCUS_LOST:
        detail = QCoreApplication.translate(
            "ScanMessages", "The window lost the keyboard focus during the scan. Scan again."
        )
    else:
        detail = QCoreApplication.translate(
            "ScanMessages", "The code arrived with a pause in it, so it was not used. Scan again."
        )
    return BannerMessage(
        BannerKind.FAILURE,
        QCoreApplication.translate("ScanMessages", "Incomplete scan ignored"),
        detail,
    )
