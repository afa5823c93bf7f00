"""Write the station's feedback sounds to resources/sounds/ as 16-bit mono PCM WAV files.

The tones are computed here, so the files carry no third-party audio and the script
rebuilds them byte for byte. Each cue differs in pitch and rhythm as well as in length,
so a packer can distinguish them without looking:

- success.wav: one short high blip (an item counted, a package opened);
- packed.wav: three rising notes (a package completed);
- wrong_item.wav: two low buzzes (a wrong item or one unit too many);
- error.wav: a falling pair of notes (any other failure).

Usage, from the project root:
    uv run python scripts/generate_sounds.py
"""

from __future__ import annotations

import math
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOUNDS = ROOT / "resources" / "sounds"
SAMPLE_RATE = 44_100
# Peak amplitude as a fraction of full scale: loud enough on a small speaker, with room
# left so that summed harmonics never clip.
PEAK = 0.55
# Milliseconds of linear fade at both ends of a note, so it starts and stops without a click.
FADE_MS = 6.0


@dataclass(frozen=True)
class Note:
    """A tone of ``frequency`` Hz for ``duration_ms``, then ``pause_ms`` of silence.

    ``harmonics`` are (multiple, relative amplitude) pairs added to the fundamental;
    odd multiples make the buzz of the wrong-item cue.
    """

    frequency: float
    duration_ms: float
    pause_ms: float = 0.0
    harmonics: tuple[tuple[int, float], ...] = ()


CUES: dict[str, tuple[Note, ...]] = {
    "success": (Note(1568.0, 70.0),),
    "packed": (
        Note(1046.5, 90.0, 15.0),
        Note(1318.5, 90.0, 15.0),
        Note(1568.0, 200.0),
    ),
    "wrong_item": (
        Note(196.0, 160.0, 70.0, harmonics=((3, 0.45), (5, 0.25), (7, 0.12))),
        Note(196.0, 160.0, 0.0, harmonics=((3, 0.45), (5, 0.25), (7, 0.12))),
    ),
    "error": (
        Note(880.0, 150.0, 20.0, harmonics=((2, 0.2),)),
        Note(440.0, 220.0, 0.0, harmonics=((2, 0.2),)),
    ),
}


def render(notes: Sequence[Note], sample_rate: int = SAMPLE_RATE) -> list[int]:
    """Return the cue as signed 16-bit samples."""
    samples: list[int] = []
    fade = max(1, int(sample_rate * FADE_MS / 1000))
    for note in notes:
        count = int(sample_rate * note.duration_ms / 1000)
        partials = ((1, 1.0), *note.harmonics)
        scale = PEAK / sum(amplitude for _, amplitude in partials)
        for index in range(count):
            envelope = min(1.0, index / fade, (count - 1 - index) / fade)
            t = index / sample_rate
            value = sum(
                amplitude * math.sin(2 * math.pi * note.frequency * multiple * t)
                for multiple, amplitude in partials
            )
            samples.append(round(32767 * scale * envelope * value))
        samples.extend([0] * int(sample_rate * note.pause_ms / 1000))
    return samples


def write_wav(path: Path, samples: Sequence[int], sample_rate: int = SAMPLE_RATE) -> None:
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(sample_rate)
        frames = b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples)
        output.writeframes(frames)


def main() -> int:
    SOUNDS.mkdir(parents=True, exist_ok=True)
    for name, notes in CUES.items():
        path = SOUNDS / f"{name}.wav"
        samples = render(notes)
        write_wav(path, samples)
        print(f"{path.relative_to(ROOT)}: {len(samples) / SAMPLE_RATE * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
