"""Bundled files are found from an installed wheel, not only from a checkout.

Builds the wheel, installs it (without dependencies) into a throw-away venv whose only other
path is the test venv's site-packages (for PySide6 & co., without the editable checkout), and runs
the CLI and the resource lookups from there.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                        str(ROOT)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    wheels = list(out.glob("ua_writer-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_bundled_trees(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("ua_writer/_data/resources/actions/juraev-2011.json",
                     "ua_writer/_data/templates/", "ua_writer/_data/translations/",
                     "ua_writer/paths.py"):
        assert any(n.startswith(expected) for n in names), expected
    assert any(n.startswith("ua_writer/_data/resources/fonts/") and n.endswith(".ttf") for n in names)
    assert any(n.endswith(".mo") for n in names), "compiled UI catalogs missing from the wheel"
    # what `ua-writer install-desktop` and the About dialog read (issue #17)
    for expected in ("ua_writer/_data/CHANGELOG.md", "ua_writer/_data/resources/ua-writer.desktop",
                     "ua_writer/_data/resources/mime/ua-writer.xml",
                     "ua_writer/_data/resources/icons/ua-writer.svg",
                     "ua_writer/_data/resources/icons/hicolor/48x48/apps/ua-writer.png"):
        assert expected in names, expected


def test_installed_wheel_finds_actions_templates_translations(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    vpy = venv / "bin" / "python"
    purelib = subprocess.run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # dependencies come from the test venv's site-packages, added as a plain path (its .pth files,
    # among them the editable checkout's, are not processed)
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "deps.pth").write_text(deps + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                        "--target", purelib, str(wheel)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    code = (
        "import ua_writer, ua_writer.paths as p\n"
        "from pathlib import Path\n"
        "base = Path(ua_writer.__file__).parent\n"
        "assert '_data' in str(p.templates_dir()), p.templates_dir()\n"
        "for d in (p.templates_dir(), p.translations_dir(), p.bundled_actions_dir(), p.fonts_dir()):\n"
        "    assert d.is_dir() and base in d.parents, d\n"
        "assert len(list(p.bundled_actions_dir().glob('*.json'))) == 5\n"
        "assert list(p.translations_dir().rglob('*.mo'))\n"
        "assert any(p.templates_dir().rglob('*.j2'))\n"
        "print(ua_writer.__file__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["UA_WRITER_DATA_DIR"] = str(tmp_path / "data")
    r = subprocess.run([str(vpy), "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert str(venv) in r.stdout and str(ROOT) not in r.stdout
    r = subprocess.run([str(vpy), "-m", "ua_writer", "--today", "2011-04-01", "actions", "--status", "all",
                        "--json"], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert "juraev-2011" in r.stdout and "kasymakhunov-2012" in r.stdout
