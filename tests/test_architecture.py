"""The architecture rules, enforced (``make test`` / ``.ci/run``):

* **layers** — ``cli`` → ``ui`` + ``app`` | ``commands`` → ``services`` → ``export`` → ``core`` →
  ``paths`` + ``logs`` + ``i18n`` → ``errors``: a module imports its own layer and the ones
  below, never one above, and the two front ends (``ui``/``app`` and ``commands``) never import
  each other. Every import statement counts, also one inside a function (a lazy import is
  still a dependency); read from the source with ``ast``, so a new violation fails here before
  anything runs it;
* **PySide6 only in ui/** — no other module imports it (the same scan), and everything outside
  ui/ and app.py imports with PySide6 blocked, so the core, exporters, services and CLI work on
  a machine without Qt or a display.
"""

from __future__ import annotations

import ast
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


# -- the layers -----------------------------------------------------------------------------------

ROOT = Path(ua_writer.__file__).parent

#: top to bottom: a module may import its own layer and the layers below it
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("front door", ("ua_writer.cli", "ua_writer.__main__")),
    ("front ends", ("ua_writer.ui", "ua_writer.app", "ua_writer.commands")),
    ("services", ("ua_writer.services",)),
    ("export", ("ua_writer.export",)),
    ("core", ("ua_writer.core",)),
    ("paths", ("ua_writer.paths", "ua_writer.logs", "ua_writer.i18n")),
    ("errors", ("ua_writer.errors",)),
    ("package", ("ua_writer",)),            # __init__: the version and app id
)
#: parts of one layer that must not import each other
INDEPENDENT: tuple[tuple[str, ...], ...] = (("ua_writer.ui", "ua_writer.app"), ("ua_writer.commands",))


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def layer_of(module: str) -> int:
    best, level = -1, None
    for i, (_name, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if _within(module, p) and len(p) > best:
                best, level = len(p), i
    assert level is not None, module
    return level


def _group(module: str) -> int | None:
    for i, prefixes in enumerate(INDEPENDENT):
        if any(_within(module, p) for p in prefixes):
            return i
    return None


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, module: str, root: Path = ROOT) -> list[tuple[str, int]]:
    """(imported ua_writer module or PySide6/shiboken6, line) for every import statement in the
    file, at any depth; ``from ua_writer import paths`` counts as ``ua_writer.paths``."""
    out = []
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                is_module = (root.parent / Path(*sub.split("."))).with_suffix(".py").exists() or \
                    (root.parent / Path(*sub.split(".")) / "__init__.py").exists()
                out.append((sub if is_module else base, node.lineno))
    return out


def violations(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        for target, line in imports(path, module, root):
            where = f"{path.relative_to(root.parent).as_posix()}:{line}"
            top = target.split(".")[0]
            if top in ("PySide6", "shiboken6") and not _within(module, "ua_writer.ui"):
                found.append(f"{where}: {module} imports {target} (PySide6 only in ua_writer.ui)")
                continue
            if top != "ua_writer":
                continue
            mine, theirs = layer_of(module), layer_of(target)
            if theirs < mine:
                found.append(f"{where}: {module} ({LAYERS[mine][0]}) imports {target} "
                             f"({LAYERS[theirs][0]}, a layer above)")
            elif theirs == mine and None not in (_group(module), _group(target)) \
                    and _group(module) != _group(target):
                found.append(f"{where}: {module} imports {target}: the front ends do not import "
                             f"each other")
    return list(dict.fromkeys(found))  # once per statement and target


def test_every_module_is_in_a_layer():
    for path in ROOT.rglob("*.py"):
        layer_of(module_name(path))


def test_layers_are_respected():
    found = violations()
    assert not found, "layer contract broken:\n" + "\n".join(found)


def test_the_contract_check_catches_violations(tmp_path):
    """The check itself fails on a planted violation of each kind (so the test above can fail)."""
    pkg = tmp_path / "ua_writer"
    for rel, text in {
        "__init__.py": "",
        "errors.py": "",
        "paths.py": "from ua_writer.core import store\n",                       # paths -> core
        "core/__init__.py": "",
        "core/store.py": "def f():\n    from ua_writer.export import pdf\n",  # lazy core -> export
        "core/ok.py": "from ua_writer import paths, errors, __version__\n",
        "export/__init__.py": "",
        "export/pdf.py": "from PySide6.QtGui import QPainter\n",                 # Qt outside ui/
        "services/__init__.py": "",
        "commands/__init__.py": "",
        "commands/gui.py": "import ua_writer.app\n",                            # front ends
        "app.py": "from .ui import window\n",
        "ui/__init__.py": "",
        "ui/window.py": "from PySide6.QtWidgets import QWidget\nfrom ua_writer.services import x\n",
    }.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text, encoding="utf-8")
    found = violations(pkg)
    assert len(found) == 4, found
    assert any("paths.py:1" in f and "a layer above" in f for f in found)
    assert any("core/store.py:2" in f and "ua_writer.export.pdf" in f for f in found)
    assert any("export/pdf.py:1" in f and "PySide6 only" in f for f in found)
    assert any("commands/gui.py:1" in f and "do not import each other" in f for f in found)


# -- the front ends change data only through the services -----------------------------------------

#: the store's methods that change what is stored (window state such as the last action shown,
#: ``set_setting``, is the window's own business)
STORE_WRITES = {"save_action", "save_actions", "delete_action", "sync_bundled", "save_contact",
                "attach_contact", "detach_contact", "update_setting", "save_profile", "set_pref",
                "save_draft", "delete_draft", "mark_sent", "delete_sent"}


def _is_store(node) -> bool:
    """``store``, ``self.store``, ``ctx.store()``: how the code names the store (the services'
    functions of the same names, ``records.mark_sent``, are what it should call)."""
    if isinstance(node, ast.Call):
        node = node.func
    return (isinstance(node, ast.Name) and node.id == "store"
            or isinstance(node, ast.Attribute) and node.attr == "store")


def store_writes(paths) -> list[str]:
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in STORE_WRITES and _is_store(node.func.value):
                found.append(f"{path.relative_to(ROOT.parent).as_posix()}:{node.lineno}: {node.func.attr}()")
    return found


def _front_end_files():
    for sub in ("commands", "ui"):
        yield from sorted((ROOT / sub).rglob("*.py"))
    yield from (ROOT / name for name in ("app.py", "cli.py", "__main__.py") if (ROOT / name).exists())


def test_the_front_ends_change_data_only_through_the_services():
    found = store_writes(_front_end_files())
    assert not found, "call ua_writer.services (records, editing, importing) instead:\n" + "\n".join(found)


def test_the_store_write_check_catches_a_direct_write(tmp_path):
    planted = tmp_path / "gui.py"
    planted.write_text("def f(store, ctx, records):\n    store.mark_sent('a', 'r', 'ru', 'fax', None)\n"
                       "    ctx.store().save_action(None)\n    records.mark_sent(store, 'a')\n", encoding="utf-8")
    ok = tmp_path / "ok.py"
    ok.write_text("def f(store):\n    store.get_draft('a', 'ru', 'r')\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path / "pkg"
    try:
        assert store_writes([planted, ok]) == ["gui.py:2: mark_sent()", "gui.py:3: save_action()"]
    finally:
        ROOT = saved
