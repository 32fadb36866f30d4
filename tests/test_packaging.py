"""The desktop-integration files and the packaging recipes, checked without building anything big
(issue #17; tests/test_deb.py builds and installs the real .deb)."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ua_writer import __version__

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "resources"
MIME_TYPE = "application/x-ua-writer-pack"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _desktop_entry() -> configparser.SectionProxy:
    cp = configparser.RawConfigParser(interpolation=None)
    cp.optionxform = str
    cp.read(RES / "ua-writer.desktop", encoding="utf-8")
    return cp["Desktop Entry"]


def test_desktop_file_opens_group_packs_only():
    entry = _desktop_entry()
    assert entry["Exec"] == "ua-writer %F" and entry["Icon"] == "ua-writer"
    assert entry["MimeType"] == f"{MIME_TYPE};"  # no text/plain, PDF or JSON claimed
    assert entry["StartupWMClass"] == "ua-writer"  # = QGuiApplication.desktopFileName()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed (.ci/system-deps.sh test installs it)")
def test_desktop_file_validates():
    r = subprocess.run(["desktop-file-validate", str(RES / "ua-writer.desktop")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


def test_mime_type_is_uapack_by_glob():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(RES / "mime" / "ua-writer.xml").getroot()
    types = root.findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == [MIME_TYPE]
    assert [g.get("pattern") for g in types[0].findall("m:glob", ns)] == ["*.uapack"]
    from ua_writer.ui.grouppacks import SUFFIX

    assert SUFFIX == ".uapack"


def test_changelog_starts_with_this_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+) — (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert first and first.group(1) == __version__, "add this version's changes to CHANGELOG.md"


def test_metainfo_lists_every_release_and_the_readme_screenshots():
    build_deb = _load("build_deb")
    xml = build_deb.metainfo("https://example.org/ua-writer")
    root = ET.fromstring(xml)
    assert root.findtext("id") == build_deb.COMPONENT_ID
    assert root.find("launchable").text == "ua-writer.desktop"
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__
    images = [i.text for i in root.iter("image")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for image in images:
        rel = image.split("example.org/ua-writer/", 1)[1]
        assert (ROOT / rel).is_file() and rel in readme, rel
    assert build_deb.raw_base("https://github.com/o/r") == "https://raw.githubusercontent.com/o/r/main"


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstream not installed (.ci/system-deps.sh test installs it)")
def test_metainfo_validates(tmp_path):
    build_deb = _load("build_deb")
    f = tmp_path / f"{build_deb.COMPONENT_ID}.metainfo.xml"
    f.write_text(build_deb.metainfo(build_deb.homepage()), encoding="utf-8")
    r = subprocess.run(["appstreamcli", "validate", "--no-net", str(f)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_hicolor_pngs_have_their_sizes():
    icons = _load("icons")
    for size in icons.HICOLOR_SIZES:
        png = RES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ua-writer.png"
        assert _png_size(png.read_bytes()) == (size, size), png


def test_ico_and_icns_hold_a_png_per_size(qapp):  # qapp: render_png must not make a bare QGuiApplication
    icons = _load("icons")
    pngs = {s: icons.render_png(s) for s in {*icons.ICO_SIZES, *(s for _, s in icons.ICNS_TYPES)}}
    assert _png_size(pngs[48]) == (48, 48)
    ico = icons.ico_bytes({s: pngs[s] for s in icons.ICO_SIZES})
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for i, size in enumerate(sorted(icons.ICO_SIZES)):
        w, h, _c, _r, _p, bpp, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i: 22 + 16 * i])
        assert (w or 256, h or 256, bpp) == (size, size, 32)
        assert _png_size(ico[offset:offset + length]) == (size, size)
    icns = icons.icns_bytes(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    pos, kinds = 8, []
    while pos < len(icns):
        kind, length = icns[pos:pos + 4].decode(), struct.unpack(">I", icns[pos + 4:pos + 8])[0]
        kinds.append(kind)
        assert _png_size(icns[pos + 8:pos + length])[0] == dict(icons.ICNS_TYPES)[kind]
        pos += length
    assert kinds == [k for k, _ in icons.ICNS_TYPES]


def test_open_suffixes_match_the_importer():
    from ua_writer import cli
    from ua_writer.core.importer import SUPPORTED_SUFFIXES

    assert set(cli.OPEN_SUFFIXES) == {".uapack", ".json", *SUPPORTED_SUFFIXES}


def test_version_everywhere():
    r = subprocess.run([sys.executable, "-m", "ua_writer", "--version"], capture_output=True,
                       text=True, timeout=60)
    assert r.stdout.strip() == f"ua-writer {__version__}"
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    assert "version" in project["dynamic"]  # hatch reads ua_writer.__version__: one place
