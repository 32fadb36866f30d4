"""The architecture rule: everything outside ua_writer/ui/ (and the GUI bootstrap app.py) imports
with PySide6 blocked, so the core, exporters and CLI work on a machine without Qt or a display."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import ua_writer

QT_MODULES = {"ua_writer.app"}


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(ua_writer.__path__, "ua_writer."):
        name = info.name
        if name == "ua_writer.ui" or name.startswith("ua_writer.ui.") or name in QT_MODULES:
            continue
        names.append(name)
    return sorted(names)


def test_core_modules_import_without_pyside6():
    modules = _modules()
    assert "ua_writer.core.store" in modules and "ua_writer.cli" in modules
    script = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = [m for m in sys.modules if m.startswith('PySide6.')]\n"
        "assert not leaked, leaked\n"
        "print('ok', len(" + repr(modules) + "))\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       cwd=Path(ua_writer.__file__).parent.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok")


def test_only_ui_imports_pyside6_in_source():
    root = Path(ua_writer.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("ui/"):  # app.py too: its Qt calls live in ui/application.py
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import PySide6|from PySide6)", text, re.M):
            offenders.append(rel)
    assert not offenders, f"PySide6 imported outside ui/: {offenders}"


def test_cli_actions_runs_with_pyside6_blocked(tmp_path):
    script = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from ua_writer.cli import main\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path)!r}, '--today', '2011-04-01', 'actions', '--status', 'all']))\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
