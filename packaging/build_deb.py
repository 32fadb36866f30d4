"""Wrap the PyInstaller bundle (``make bundle`` -> dist/ua-writer/) into ``ua-writer_<version>_<arch>.deb``
with dpkg-deb alone: no network, no debhelper. A build tool, not part of the ua_writer package.

    python packaging/build_deb.py [--bundle dist/ua-writer] [--out dist] [--homepage URL]

Layout: the program in /opt/ua-writer, /usr/bin/ua-writer (a two-line shell script that execs
it), the .desktop file, the hicolor icons (SVG + PNG sizes), the shared-mime-info file for
``.uapack``, the AppStream metainfo (releases from CHANGELOG.md, the README's screenshots), and
/usr/share/doc/ua-writer/ (copyright, CHANGELOG.md, README.md).

The libraries the bundle took from the system (listed by the spec in
``dist/ua-writer.system-libraries.tsv``) are left out of /opt/ua-writer; ``Depends:`` names the
Debian package owning each library that any file in /opt/ua-writer then loads from the system
(ldd + ``dpkg-query -S``, as dh_shlibdeps would), plus Qt's runtime libraries, CUPS and the UI
font. No maintainer scripts: the menu, icon and MIME caches are refreshed by the triggers of
desktop-file-utils, hicolor-icon-theme and shared-mime-info, and nothing at install or removal
goes near a user's home or data folder.
The .desktop file and the metainfo are checked with desktop-file-validate and
``appstreamcli validate --no-net`` when those tools are installed (``--require-validators``: must be).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ua_writer import __version__  # noqa: E402

PACKAGE = "ua-writer"
COMPONENT_ID = "io.github.ua_writer.UaWriter"
#: always in Depends: Qt's runtime libraries (.ci/system-deps.sh RUN_PKGS: what the bundle's Qt
#: plugins load, some only at run time), CUPS for printing and a UI font with Cyrillic
BASE_DEPENDS = ("libc6", "libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0",
                "libfontconfig1", "libfreetype6", "libdbus-1-3", "libglib2.0-0", "libxcb-cursor0",
                "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxcb-render-util0",
                "libxcb-image0", "libxcb-randr0", "libxcb-xinerama0", "libxcb-xkb1", "libxrender1",
                "libxi6", "libcups2", "fonts-dejavu-core")
#: the README's screenshots, shown by software centres
SCREENSHOTS = (("docs/main-window-en.png", "The main window: open actions by deadline, the action, "
                "the composed Russian letter and its page preview"),
               ("docs/main-window-ru.png", "The same window in Russian"),
               ("docs/letter-ru.png", "A Russian letter as exported to PDF"))
HEADING = re.compile(r"^## (\d+\.\d+\.\d+\S*) — (\d{4}-\d{2}-\d{2})\s*$", re.M)


def homepage() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["urls"]["Homepage"]


def raw_base(home: str) -> str:
    """Where files of the main branch are served from, for the screenshots."""
    m = re.match(r"https://github\.com/([^/]+)/([^/]+?)/?$", home)
    if m:
        return f"https://raw.githubusercontent.com/{m.group(1)}/{m.group(2)}/main"
    return home.rstrip("/")


def releases(changelog: str) -> list[tuple[str, str]]:
    """(version, date) for each ``## <version> — <date>`` heading of CHANGELOG.md, newest first."""
    found = HEADING.findall(changelog)
    if not found or found[0][0] != __version__:
        raise SystemExit(f"build_deb: CHANGELOG.md has no '## {__version__} — YYYY-MM-DD' heading "
                         "at the top; add this version's changes first")
    return found


def metainfo(home: str) -> str:
    template = (ROOT / "packaging" / "linux" / "ua-writer.metainfo.xml.in").read_text("utf-8")
    base = raw_base(home)
    default = ' type="default"'
    shots = "\n".join(
        f'    <screenshot{default if i == 0 else ""}>\n'
        f"      <caption>{escape(caption)}</caption>\n"
        f"      <image>{escape(base)}/{path}</image>\n"
        f"    </screenshot>" for i, (path, caption) in enumerate(SCREENSHOTS))
    rel = "\n".join(f'    <release version="{v}" date="{d}"/>'
                    for v, d in releases((ROOT / "CHANGELOG.md").read_text("utf-8")))
    text = template.replace("@HOMEPAGE@", escape(home)).replace("@SCREENSHOTS@", shots)
    return text.replace("@RELEASES@", rel)


def owning_package(path: str) -> str | None:
    """The Debian package that installed ``path`` (trying the /usr-merged twin), or None."""
    candidates = [path]
    if path.startswith("/usr/"):
        candidates.append(path[4:])
    else:
        candidates.append("/usr" + path)
    for p in candidates:
        r = subprocess.run(["dpkg-query", "-S", p], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            pkg = r.stdout.split(":", 1)[0].strip()
            if "," not in pkg and not pkg.startswith("diversion"):
                return pkg
    return None


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
    for dirpath, dirnames, filenames in os.walk(dst):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            f = Path(dirpath, name)
            if f.is_symlink():
                continue
            os.chmod(f, 0o755 if os.access(f, os.X_OK) else 0o644)


def install_file(src: Path | bytes | str, dst: Path, mode: int = 0o644) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(src, Path):
        shutil.copyfile(src, dst)
    else:
        dst.write_bytes(src.encode("utf-8") if isinstance(src, str) else src)
    os.chmod(dst, mode)


def prune_system_libraries(bundle: Path, opt: Path) -> list[str]:
    """Remove the system libraries from the copy in ``opt``; the Debian packages owning them."""
    manifest = bundle.parent / f"{bundle.name}.system-libraries.tsv"
    if not manifest.is_file():
        raise SystemExit(f"build_deb: {manifest} is missing; build the bundle with "
                         "packaging/ua-writer.spec (make bundle)")
    packages = set()
    for line in manifest.read_text("utf-8").splitlines():
        dest, src = line.split("\t")
        pkg = owning_package(src)
        if pkg is None:
            continue  # not from a Debian package: it stays in the bundle
        packages.add(pkg)
        target = opt / "_internal" / dest
        if target.exists() or target.is_symlink():
            target.unlink()
    return sorted(packages)


def linked_packages(opt: Path) -> list[str]:
    """The Debian packages owning every library the staged ELF files load from the system (ldd
    with the bundle's own folder first, as its launcher arranges), like dh_shlibdeps: this
    catches what PyInstaller never bundles (libGL, libwayland-client, ...)."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(opt / "_internal"))
    outside: set[str] = set()
    for path in sorted(opt.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        r = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in r.stdout.splitlines():
            m = re.match(r"\s*(\S+) => (/\S+)", line)
            if m and not Path(m.group(2)).resolve().is_relative_to(opt):
                outside.add(m.group(2))
            elif "not found" in line:
                print(f"build_deb: warning: {path.relative_to(opt)}: {line.strip()}")
    packages = {owning_package(p) for p in outside}
    return sorted(p for p in packages if p)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def installed_size_kib(root: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath, name)
            if not p.is_symlink():
                total += p.stat().st_size
    return (total + 1023) // 1024


def control(depends: list[str], size_kib: int, arch: str, home: str) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {__version__}\n"
        f"Architecture: {arch}\n"
        "Maintainer: ua-writer developers <ua-writer@users.noreply.invalid>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Section: text\n"
        "Priority: optional\n"
        f"Homepage: {home}\n"
        "Description: write letters for Urgent Actions, offline\n"
        " ua-writer turns an Amnesty-style Urgent Action (the officials to write to, the\n"
        " copies, the appeal points and the deadline) into finished letters in Russian,\n"
        " English, German, French or Spanish: PDF, DOCX, plain text and fax packets.\n"
        " .\n"
        " Python, Qt and the Russian morphology dictionaries come inside\n"
        " /opt/ua-writer. Your letters and addresses stay in your own data\n"
        " folder (~/.local/share/ua-writer), which installing or removing this package\n"
        " never touches. Changes: /usr/share/doc/ua-writer/CHANGELOG.md\n"
    )


def validate(staging: Path, required: bool) -> None:
    checks = [(["desktop-file-validate", str(staging / "usr/share/applications/ua-writer.desktop")]),
              (["appstreamcli", "validate", "--no-net",
                str(staging / f"usr/share/metainfo/{COMPONENT_ID}.metainfo.xml")])]
    for cmd in checks:
        if shutil.which(cmd[0]) is None:
            if required:
                raise SystemExit(f"build_deb: {cmd[0]} is not installed (.ci/system-deps.sh test)")
            print(f"build_deb: {cmd[0]} not installed, not checked")
            continue
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"build_deb: {' '.join(cmd)} failed:\n{r.stdout}{r.stderr}")


def build(bundle: Path, out: Path, home: str, required: bool = False,
          workdir: Path = ROOT / "build" / "deb") -> Path:
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: no bundle at {bundle}; run `make bundle` first")
    arch = architecture()
    staging = workdir / f"{PACKAGE}_{__version__}_{arch}"
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / "opt" / PACKAGE
    copy_tree(bundle, opt)
    pruned = prune_system_libraries(bundle, opt)
    depends = sorted(set(BASE_DEPENDS) | set(pruned) | set(linked_packages(opt)))
    usr = staging / "usr"
    install_file("#!/bin/sh\n# ua-writer: the program lives in /opt/ua-writer\n"
                 f'exec /opt/{PACKAGE}/{PACKAGE} "$@"\n', usr / "bin" / PACKAGE, 0o755)
    res = ROOT / "resources"
    install_file(res / "ua-writer.desktop", usr / "share/applications/ua-writer.desktop")
    install_file(res / "icons" / "ua-writer.svg", usr / "share/icons/hicolor/scalable/apps/ua-writer.svg")
    for png in sorted((res / "icons" / "hicolor").glob("*/apps/ua-writer.png")):
        install_file(png, usr / "share/icons/hicolor" / png.relative_to(res / "icons" / "hicolor"))
    install_file(res / "mime" / "ua-writer.xml", usr / "share/mime/packages/ua-writer.xml")
    install_file(metainfo(home), usr / f"share/metainfo/{COMPONENT_ID}.metainfo.xml")
    doc = usr / "share/doc" / PACKAGE
    install_file(ROOT / "CHANGELOG.md", doc / "CHANGELOG.md")
    install_file(ROOT / "README.md", doc / "README.md")
    install_file(copyright_text(), doc / "copyright")
    install_file(gzip.compress(changelog_debian().encode("utf-8"), mtime=0),
                 doc / "changelog.Debian.gz")
    validate(staging, required)
    for d in [staging, *[p for p in staging.rglob("*") if p.is_dir() and not p.is_symlink()]]:
        os.chmod(d, 0o755)
    debian = staging / "DEBIAN"
    debian.mkdir(mode=0o755)
    install_file(control(depends, installed_size_kib(staging), arch, home), debian / "control")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{__version__}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def copyright_text() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\n\n"
        "Files: *\nLicense: GPL-3.0-or-later\n\n"
        "Files: opt/ua-writer/_internal/ua_writer/_data/resources/fonts/*\n"
        "Copyright: ParaType Inc.\nLicense: ParaType Free Font License\n"
        " See opt/ua-writer/_internal/ua_writer/_data/resources/fonts/LICENSE-PTSerif.txt\n\n"
        "Files: opt/ua-writer/_internal/PySide6/* opt/ua-writer/_internal/shiboken6/*\n"
        "Copyright: The Qt Company Ltd.\nLicense: LGPL-3.0-only\n\n"
        "License: GPL-3.0-or-later\n"
        " On Debian systems the full text is in /usr/share/common-licenses/GPL-3.\n"
        "License: LGPL-3.0-only\n"
        " On Debian systems the full text is in /usr/share/common-licenses/LGPL-3.\n"
    )


def changelog_debian() -> str:
    date = _dt.datetime.now(_dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    return (f"{PACKAGE} ({__version__}) unstable; urgency=medium\n\n"
            "  * Upstream release; the changes are in /usr/share/doc/ua-writer/CHANGELOG.md\n\n"
            f" -- ua-writer developers <ua-writer@users.noreply.invalid>  {date}\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="build_deb.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    p.add_argument("--out", type=Path, default=ROOT / "dist")
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "deb",
                   help="where the package tree is staged (default: build/deb)")
    p.add_argument("--homepage", default=None, help="default: [project.urls] Homepage")
    p.add_argument("--require-validators", action="store_true",
                   help="fail when desktop-file-validate or appstreamcli is missing")
    args = p.parse_args(argv)
    deb = build(args.bundle.resolve(), args.out.resolve(), args.homepage or homepage(),
                args.require_validators, args.workdir.resolve())
    print(f"{deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
