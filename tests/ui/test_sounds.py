"""Sound cues: the bundled WAV files, the player, and the beep when audio is missing."""

from __future__ import annotations

import importlib.util
import sys
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from oms_desktop.ui import i18n
from oms_desktop.ui.sounds import (
    SoundBackend,
    SoundCue,
    SoundPlayer,
    cue_label,
    cue_path,
    sounds_dir,
)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "generate_sounds.py"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_sounds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_sounds", module)
    spec.loader.exec_module(module)
    return module


class FakeEffect:
    def __init__(self, path: Path, log: list[str], *, broken: bool = False) -> None:
        self.name = path.stem
        self.log = log
        self.broken = broken

    def play(self) -> None:
        self.log.append(self.name)

    def failed(self) -> bool:
        return self.broken


def test_every_cue_has_a_wav():
    durations = {}
    for cue in SoundCue:
        path = cue_path(cue)
        assert path.parent == sounds_dir()
        with wave.open(str(path), "rb") as sound:
            assert sound.getnchannels() == 1
            assert sound.getsampwidth() == 2
            assert sound.getframerate() == 44_100
            durations[cue] = sound.getnframes() / sound.getframerate()
    assert durations[SoundCue.SUCCESS] < 0.1
    assert all(0.05 < seconds < 0.5 for seconds in durations.values())


def test_wavs_are_what_the_script_makes():
    generator = load_generator()
    contents = set()
    for cue in SoundCue:
        samples = generator.render(generator.CUES[cue.value])
        frames = b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples)
        with wave.open(str(cue_path(cue)), "rb") as sound:
            committed = sound.readframes(sound.getnframes())
        assert committed == frames, f"{cue.value}.wav differs from scripts/generate_sounds.py"
        contents.add(committed)
    assert len(contents) == len(SoundCue)


def test_samples_never_clip():
    generator = load_generator()
    for notes in generator.CUES.values():
        samples = generator.render(notes)
        assert max(abs(sample) for sample in samples) < 32767 * 0.6


def test_player_plays_each_cue_from_its_file(qtbot: QtBot):
    played: list[str] = []
    beeps: list[bool] = []
    player = SoundPlayer(
        effect_factory=lambda path, volume: FakeEffect(path, played),
        beep=lambda: beeps.append(True),
    )
    reported = []
    player.played.connect(lambda cue, backend: reported.append((cue, backend)))

    for cue in SoundCue:
        assert player.play(cue) is SoundBackend.EFFECT

    assert played == ["success", "packed", "wrong_item", "error"]
    assert beeps == []
    assert reported == [(cue, SoundBackend.EFFECT) for cue in SoundCue]
    assert player.effects_available()


def test_player_disabled_is_silent():
    played: list[str] = []
    beeps: list[bool] = []
    player = SoundPlayer(
        enabled=False,
        effect_factory=lambda path, volume: FakeEffect(path, played),
        beep=lambda: beeps.append(True),
    )
    assert player.play(SoundCue.ERROR) is SoundBackend.OFF
    assert played == []
    assert beeps == []
    player.set_enabled(True)
    assert player.play(SoundCue.ERROR) is SoundBackend.EFFECT


def test_beep_when_multimedia_missing():
    beeps: list[bool] = []

    def no_multimedia(path: Path, volume: float):
        raise ImportError("No module named 'PySide6.QtMultimedia'")

    player = SoundPlayer(effect_factory=no_multimedia, beep=lambda: beeps.append(True))
    assert player.play(SoundCue.WRONG_ITEM) is SoundBackend.BEEP
    assert beeps == [True]
    assert not player.effects_available()


def test_beep_when_effect_cannot_play():
    played: list[str] = []
    beeps: list[bool] = []
    player = SoundPlayer(
        effect_factory=lambda path, volume: FakeEffect(path, played, broken=True),
        beep=lambda: beeps.append(True),
    )
    assert player.play(SoundCue.PACKED) is SoundBackend.BEEP
    assert played == []
    assert beeps == [True]


def test_beep_when_file_missing(tmp_path: Path):
    played: list[str] = []
    beeps: list[bool] = []
    player = SoundPlayer(
        folder=tmp_path,
        effect_factory=lambda path, volume: FakeEffect(path, played),
        beep=lambda: beeps.append(True),
    )
    assert player.play(SoundCue.SUCCESS) is SoundBackend.BEEP
    assert played == []
    assert beeps == [True]


def test_real_player_on_this_machine(qtbot: QtBot):
    """QSoundEffect where an audio output exists, the beep where none does (a CI box)."""
    from PySide6.QtMultimedia import QMediaDevices

    beeps: list[bool] = []
    player = SoundPlayer(beep=lambda: beeps.append(True))
    backend = player.play(SoundCue.SUCCESS)
    if QMediaDevices.audioOutputs():
        assert backend is SoundBackend.EFFECT
    else:
        assert backend is SoundBackend.BEEP
        assert beeps == [True]


def test_cue_labels_translated(qapp: QApplication):
    english = {cue: cue_label(cue) for cue in SoundCue}
    assert len(set(english.values())) == len(SoundCue)
    previous_locale = QLocale()
    try:
        i18n.install_translators(qapp, "tr")
        turkish = {cue: cue_label(cue) for cue in SoundCue}
    finally:
        i18n.remove_translators(qapp)
        QLocale.setDefault(previous_locale)
    assert turkish[SoundCue.WRONG_ITEM] != english[SoundCue.WRONG_ITEM]
    assert all(turkish.values())


@pytest.mark.parametrize("cue", list(SoundCue))
def test_cue_names_match_files(cue: SoundCue):
    assert cue_path(cue).name == f"{cue.value}.wav"
