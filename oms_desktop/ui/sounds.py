"""Sound cues for scan outcomes: one WAV file per cue, the system beep when audio is missing.

The files in resources/sounds/ are made by scripts/generate_sounds.py. QtMultimedia is
imported only when sound is enabled. A machine without an audio output (a headless
test run, a bench PC without speakers, a missing multimedia backend) falls back to
``QApplication.beep()``, so a packer still hears that something went wrong.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

from oms_desktop.paths import resources_dir

log = logging.getLogger(__name__)

CUE_CONTEXT = "SoundCue"
# QSoundEffect volume, 0.0 to 1.0. The files already peak at about half of full scale.
DEFAULT_VOLUME = 0.9


class SoundCue(enum.Enum):
    """Meaning of a sound for the packer; the value is the WAV file's name without suffix."""

    SUCCESS = "success"  # a scan worked: an item counted, a package opened
    PACKED = "packed"  # a package was completed
    WRONG_ITEM = "wrong_item"  # an item that is not in the package, or one too many
    ERROR = "error"  # any other failed scan or refused action


class SoundBackend(enum.Enum):
    EFFECT = "effect"  # the cue's WAV file through QSoundEffect
    BEEP = "beep"  # QApplication.beep(), when the WAV file cannot be played
    OFF = "off"  # sound is switched off in the settings


# QT_TRANSLATE_NOOP only marks the text for lupdate and returns it; its stub says object.
_CUE_LABELS: dict[SoundCue, object] = {
    SoundCue.SUCCESS: QT_TRANSLATE_NOOP("SoundCue", "Scan accepted"),
    SoundCue.PACKED: QT_TRANSLATE_NOOP("SoundCue", "Package complete"),
    SoundCue.WRONG_ITEM: QT_TRANSLATE_NOOP("SoundCue", "Wrong item or one too many"),
    SoundCue.ERROR: QT_TRANSLATE_NOOP("SoundCue", "Error"),
}


def cue_label(cue: SoundCue) -> str:
    """Return the translated name of ``cue``, for a settings page that plays each one."""
    return QCoreApplication.translate(CUE_CONTEXT, str(_CUE_LABELS[cue]))


def sounds_dir() -> Path:
    return resources_dir() / "sounds"


def cue_path(cue: SoundCue, folder: Path | None = None) -> Path:
    return (folder or sounds_dir()) / f"{cue.value}.wav"


class Effect(Protocol):
    """The part of QSoundEffect the player uses."""

    def play(self) -> None: ...

    def failed(self) -> bool:
        """Tell whether the effect cannot play (file unreadable, format unsupported)."""
        ...


EffectFactory = Callable[[Path, float], Effect | None]


class _QtEffect:
    """A QSoundEffect behind the Effect protocol; the multimedia module is imported here."""

    def __init__(self, path: Path, volume: float, parent: QObject) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        self._status_error = QSoundEffect.Status.Error
        self._effect = QSoundEffect(parent)
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.setVolume(volume)

    def play(self) -> None:
        self._effect.play()

    def failed(self) -> bool:
        return bool(self._effect.status() == self._status_error)


def _audio_output_available() -> bool:
    """Tell whether QtMultimedia loads and lists at least one audio output device."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:
        log.warning("Sound cues fall back to the system beep: QtMultimedia is missing (%s)", error)
        return False
    if not QMediaDevices.audioOutputs():
        log.info("Sound cues fall back to the system beep: no audio output device")
        return False
    return True


class SoundPlayer(QObject):
    """Plays the cue for a scan outcome, or beeps when the cue's sound cannot be played.

    Args:
        enabled: False makes every ``play`` silent (the SOUND_ENABLED setting).
        folder: where the WAV files are; the bundled resources by default.
        effect_factory: builds the effect for one file; None means QSoundEffect after a
            check that an audio output exists. It may return None for "cannot play".
        beep: called in place of a cue that cannot be played; QApplication.beep by default.

    Signals:
        played(SoundCue, SoundBackend): a cue was requested and how it was rendered.
    """

    played = Signal(object, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        enabled: bool = True,
        folder: Path | None = None,
        effect_factory: EffectFactory | None = None,
        beep: Callable[[], None] | None = None,
        volume: float = DEFAULT_VOLUME,
    ) -> None:
        super().__init__(parent)
        self._folder = folder or sounds_dir()
        self._factory = effect_factory
        self._beep = beep or QApplication.beep
        self._volume = volume
        self._effects: dict[SoundCue, Effect | None] = {}
        self._loaded = False
        self._enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled

    def effects_available(self) -> bool:
        """Tell whether at least one cue plays from its file rather than as a beep."""
        self._load()
        return any(effect is not None and not effect.failed() for effect in self._effects.values())

    def reload(self) -> None:
        """Forget the loaded effects; the next cue looks for an audio device again."""
        self._effects.clear()
        self._loaded = False

    def play(self, cue: SoundCue) -> SoundBackend:
        """Play ``cue``; return how it was rendered."""
        if not self._enabled:
            backend = SoundBackend.OFF
        else:
            self._load()
            effect = self._effects.get(cue)
            if effect is not None and not effect.failed():
                effect.play()
                backend = SoundBackend.EFFECT
            else:
                self._beep()
                backend = SoundBackend.BEEP
        self.played.emit(cue, backend)
        return backend

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        factory = self._factory
        if factory is None:
            if not _audio_output_available():
                return
            factory = self._make_qt_effect
        for cue in SoundCue:
            path = cue_path(cue, self._folder)
            if not path.is_file():
                log.warning("Sound file %s is missing; cue %s beeps instead", path, cue.value)
                continue
            try:
                self._effects[cue] = factory(path, self._volume)
            except ImportError as error:
                log.warning("Cannot load sound %s, beeping instead: %s", path, error)
                self._effects[cue] = None

    def _make_qt_effect(self, path: Path, volume: float) -> Effect:
        return _QtEffect(path, volume, self)
