"""The import rules between the layers, checked on the source text of every module.

core imports no Qt, no httpx and none of sync, ui or simulator. sync never imports ui. The
simulator imports nothing of the station, so a contract mismatch cannot hide in shared code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "oms_desktop"

QT_AND_HTTP = ("PySide6", "shiboken6", "qasync", "httpx", "httpcore")


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Return the absolute names of every module ``source`` imports, relative ones resolved."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names.add(target)
            # "from oms_desktop import ui" imports the module oms_desktop.ui.
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def violations(directory: Path, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted(directory.rglob("*.py")):
        name = module_name(path)
        source = path.read_text(encoding="utf-8")
        for imported in sorted(imported_modules(source, name, path.name == "__init__.py")):
            for prefix in forbidden:
                if imported == prefix or imported.startswith(prefix + "."):
                    found.append(f"{name} imports {imported}")
    return found


def test_walker_finds_absolute_relative_and_nested_imports() -> None:
    source = (
        "import httpx\n"
        "from PySide6.QtCore import QObject\n"
        "from ..ui import app\n"
        "def later():\n"
        "    from oms_desktop import sync\n"
    )
    names = imported_modules(source, "oms_desktop.core.example")
    assert "httpx" in names
    assert "PySide6.QtCore" in names
    assert "oms_desktop.ui" in names
    assert "oms_desktop.ui.app" in names
    assert "oms_desktop.sync" in names


def test_package_init_resolves_relative_imports_from_itself() -> None:
    names = imported_modules("from .server import x\n", "oms_desktop.simulator", True)
    assert "oms_desktop.simulator.server" in names


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (
            "core",
            (*QT_AND_HTTP, "oms_desktop.sync", "oms_desktop.ui", "oms_desktop.simulator"),
        ),
        ("sync", ("oms_desktop.ui",)),
        (
            "simulator",
            (
                "oms_desktop.core",
                "oms_desktop.sync",
                "oms_desktop.ui",
                "oms_desktop.cli",
                "oms_desktop.demo",
            ),
        ),
    ],
)
def test_layer_imports_stay_downward(layer: str, forbidden: tuple[str, ...]) -> None:
    directory = PACKAGE_DIR / layer
    assert any(directory.rglob("*.py")), f"{directory} has no modules to check"
    assert violations(directory, forbidden) == []
