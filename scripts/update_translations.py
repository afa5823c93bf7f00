"""Refresh the translation sources and build the catalogues the application loads.

Step 1 runs pyside6-lupdate over the Python files of oms_desktop/ and merges new and
changed texts into resources/translations/oms_desktop_<lang>.ts (texts no longer in
the code are dropped). Step 2 runs pyside6-lrelease to build the .qm file next to
each .ts. Translate the new entries (Qt Linguist: ``uv run pyside6-linguist FILE``)
between the two steps, or run the script again afterwards.

Usage, from the project root:
    uv run python scripts/update_translations.py            # both steps
    uv run python scripts/update_translations.py --release  # only build the .qm files
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "oms_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("tr", "en")
CATALOGUE = "oms_desktop"


def tool(name: str) -> str:
    """Return the path of a PySide6 tool, preferring the one beside this Python."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; run this script with `uv run` from the project")
    return found


def run(command: list[str]) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def update_sources() -> None:
    ts_files = [str(TRANSLATIONS / f"{CATALOGUE}_{language}.ts") for language in LANGUAGES]
    # lupdate scans only C++ and QML suffixes by default, so Python must be named.
    run(
        [
            tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "relative",
            str(SOURCES.relative_to(ROOT)),
            "-ts",
            *ts_files,
        ]
    )


def release() -> None:
    for language in LANGUAGES:
        source = TRANSLATIONS / f"{CATALOGUE}_{language}.ts"
        target = source.with_suffix(".qm")
        run([tool("pyside6-lrelease"), str(source), "-qm", str(target)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--release", action="store_true", help="only build the .qm files from the .ts files"
    )
    arguments = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if not arguments.release:
        update_sources()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
