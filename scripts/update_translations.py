"""Refresh the translation sources and build the catalogues the application loads.

Step 1 runs pyside6-lupdate over the Python files of oms_desktop/ and merges new and
changed texts into resources/translations/oms_desktop_<lang>.ts (texts no longer in
the code are dropped). Step 2 runs pyside6-lrelease to build the .qm file next to
each .ts. Translate the new entries (Qt Linguist: ``uv run pyside6-linguist FILE``)
between the two steps, or run the script again afterwards.

Usage, from the project root:
    uv run python scripts/update_translations.py            # both steps
    uv run python scripts/update_translations.py --release  # only build the .qm files
    uv run python scripts/update_translations.py --check    # CI: fail when out of date
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
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


def update_sources(folder: Path = TRANSLATIONS) -> None:
    ts_files = [str(folder / f"{CATALOGUE}_{language}.ts") for language in LANGUAGES]
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


def release(target_folder: Path = TRANSLATIONS) -> None:
    for language in LANGUAGES:
        source = TRANSLATIONS / f"{CATALOGUE}_{language}.ts"
        target = target_folder / f"{CATALOGUE}_{language}.qm"
        run([tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)])


def messages(ts_file: Path) -> dict[tuple[str, str], bool]:
    """Map (context, source text) to whether the entry has a finished translation."""
    result: dict[tuple[str, str], bool] = {}
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            result[(name, message.findtext("source", ""))] = finished
    return result


def check() -> int:
    """Return 1 when the code has texts the catalogues lack, or a .qm is stale."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for language in LANGUAGES:
            shutil.copy(TRANSLATIONS / f"{CATALOGUE}_{language}.ts", scratch)
        update_sources(scratch)
        for language in LANGUAGES:
            name = f"{CATALOGUE}_{language}.ts"
            committed = messages(TRANSLATIONS / name)
            refreshed = messages(scratch / name)
            missing = sorted(set(refreshed) - set(committed))
            # Finished-ness comes from the committed catalogue: lupdate of PySide6 6.11
            # does not see the plural argument of QCoreApplication.translate, and would
            # report those plural entries as unfinished after its merge.
            unfinished = sorted(
                key for key, done in committed.items() if not done and key in refreshed
            )
            problems += [f"{name}: not in the catalogue: {key[0]}: {key[1]!r}" for key in missing]
            problems += [f"{name}: not translated: {key[0]}: {key[1]!r}" for key in unfinished]
        release(scratch)
        for language in LANGUAGES:
            name = f"{CATALOGUE}_{language}.qm"
            built = (scratch / name).read_bytes()
            shipped = TRANSLATIONS / name
            if not shipped.exists() or shipped.read_bytes() != built:
                problems.append(f"{name} is not built from the current .ts file")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("run: uv run python scripts/update_translations.py", file=sys.stderr)
        return 1
    print("translations are up to date")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--release", action="store_true", help="only build the .qm files from the .ts files"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 when a text lacks a translation or a .qm is stale",
    )
    arguments = parser.parse_args()
    if arguments.check:
        return check()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if not arguments.release:
        update_sources()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
