"""Locations of bundled resources and of the platform's per-user folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "oms-desktop"


def resources_dir() -> Path:
    """Return the resources folder: inside the installed wheel, or at the source checkout's top."""
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
