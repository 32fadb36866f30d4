"""The Debian package, end to end, as a user gets it (issue #17).

Builds the PyInstaller bundle and the .deb from this checkout (into a temp dir: nothing cached
outside it), installs it with ``apt-get install ./ua-writer_*.deb`` as root, and runs the
installed copy with the checkout and the Python standard library hidden (a private mount
namespace puts an empty tmpfs over both, so nothing can come from the source tree or from a
Python installation): ``--version``, a Russian letter to PDF read back with pdftotext, and the
desktop app offscreen until it logs its first paint. Then ``apt-get remove``, always (in a
``finally``), and the user data dir made before the install must be exactly as it was.

Needs root, apt-get, dpkg-deb, unshare and pdftotext (`.ci/system-deps.sh test`); skipped with
the reason elsewhere. Takes a few minutes (most of it dpkg-deb's xz compression).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from ua_writer import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ua-writer"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages: Linux only"),
    pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() != 0,
                       reason="installs a .deb with apt-get: needs root (CI runs as root)"),
    pytest.mark.skipif(any(shutil.which(t) is None for t in
                           ("apt-get", "dpkg-deb", "dpkg-query", "unshare", "pdftotext")),
                       reason="needs apt-get, dpkg-deb, unshare and pdftotext"),
]


def _run(cmd, timeout=900, **kw):
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kw)
    assert r.returncode == 0, f"{cmd}: exit {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(bundle dir, .deb path), built from the checkout as `make deb` does."""
    work = tmp_path_factory.mktemp("packaging")
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(work / "pyinstaller-cache"))
    _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", work / "dist", "--workpath", work / "build",
          ROOT / "packaging" / "ua-writer.spec"], env=env, cwd=work)
    r = _run([sys.executable, ROOT / "packaging" / "build_deb.py", "--bundle", work / "dist" / PACKAGE,
              "--out", work / "out", "--workdir", work / "staging", "--require-validators"], cwd=work)
    debs = list((work / "out").glob(f"{PACKAGE}_*.deb"))
    assert len(debs) == 1, r.stdout
    return work / "dist" / PACKAGE, debs[0]


def _tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def test_bundle_is_lean_and_complete(built):
    bundle, _ = built
    internal = bundle / "_internal"
    names = {p.name for p in internal.rglob("*")}
    # what the app needs at run time
    for needed in ("libqxcb.so", "libqoffscreen.so", "libqwayland.so", "libcupsprintersupport.so",
                   "libQt6Widgets.so.6", "libQt6PrintSupport.so.6", "PTSerif-Regular.ttf",
                   "letter.j2", "ua_writer.mo", "juraev-2011.json", "rules.json", "gender.json",
                   "words.dawg", "ru.dat", "ru_RU.dat"):
        assert needed in names, f"{needed} missing from the bundle"
    assert (internal / "ua_writer" / "_data" / "CHANGELOG.md").is_file()
    # the importer's data files (cue words per language, the office directory)
    for data in ("cues/en.json", "cues/de.json", "cues/common.json", "directory/offices.json",
                 "directory/translit_ru.json"):
        assert (internal / "ua_writer" / "core" / "importer" / data).is_file(), f"{data} missing"
    # and what it does not: unused Qt modules and plugins, Qt's own catalogs, geodata, other locales
    for unwanted in ("libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Network.so.6", "libQt6Svg.so.6",
                     "libQt6Pdf.so.6", "libqgtk3.so", "libqeglfs.so", "libqvnc.so",
                     "QtNetwork.abi3.so", "ja.dat", "zh.dat"):
        assert unwanted not in names, f"{unwanted} should not be in the bundle"
    assert not (internal / "phonenumbers" / "geodata").exists()
    dangling = [str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling, f"symlinks to nothing in the bundle: {dangling}"
    size_mb = _tree_size(bundle) / 2**20
    print(f"bundle: {size_mb:.0f} MiB")
    assert size_mb < 230, f"the bundle grew to {size_mb:.0f} MiB"


def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                         p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _hidden(cmd: list, hide: list[Path]) -> list[str]:
    """``cmd`` in a private mount namespace where each folder in ``hide`` is an empty tmpfs."""
    script = "set -e; " + " ".join(f'mount -t tmpfs ua-writer-test-hide "{h}";' for h in hide)
    script += " " + " ".join(f'test ! -e "{h}/pyproject.toml";' for h in hide)
    script += ' exec "$@"'
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
            *[str(c) for c in cmd]]


def _wait_for(path: Path, text: str, proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = path.read_text("utf-8", errors="replace") if path.is_file() else ""
        if text in content:
            return content
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    out = proc.stdout.read() if proc.poll() is not None and proc.stdout else ""
    raise AssertionError(f"no {text!r} in {path} (exit {proc.poll()}):\n{out[-3000:]}")


def _installed_already() -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", PACKAGE], capture_output=True, text=True)
    return "install ok installed" in r.stdout


def test_deb_installs_runs_from_the_installed_copy_and_removes_cleanly(built, tmp_path):
    if _installed_already():
        pytest.skip("a ua-writer package is installed on this machine; this test would replace "
                    "and then remove it")
    bundle, deb = built
    assert not tmp_path.is_relative_to(ROOT)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    hide = [ROOT, stdlib]
    # a user with letters already: their data dir, made by this checkout's CLI before installing
    home = tmp_path / "home"
    user_data = home / ".local" / "share" / "ua-writer"
    user_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("UA_WRITER_", "XDG_", "PYTHON"))}
    user_env["HOME"] = str(home)
    _run([sys.executable, "-m", "ua_writer", "profile", "--set", "name=Anna Kovač", "city=Berlin",
          "country=DE"], env=user_env, cwd=tmp_path)
    (user_data / "my-notes.txt").write_text("Письмо отправлено 2 апреля.\n", encoding="utf-8")
    assert (user_data / "ua-writer.sqlite3").is_file()
    before = _snapshot(user_data)

    apt_env = dict(user_env, DEBIAN_FRONTEND="noninteractive")
    # the lock timeout: another apt-get on the machine (system-deps, a parallel run) waits its turn
    _run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "install", "-y", "-q",
          "--no-install-recommends", f"./{deb.name}"],
         cwd=deb.parent, env=apt_env)
    try:
        listed = _run(["dpkg-query", "-L", PACKAGE]).stdout.split()
        for path in ("/usr/bin/ua-writer", "/opt/ua-writer/ua-writer",
                     "/usr/share/applications/ua-writer.desktop",
                     "/usr/share/icons/hicolor/scalable/apps/ua-writer.svg",
                     "/usr/share/icons/hicolor/48x48/apps/ua-writer.png",
                     "/usr/share/mime/packages/ua-writer.xml",
                     "/usr/share/metainfo/io.github.ua_writer.UaWriter.metainfo.xml",
                     "/usr/share/doc/ua-writer/CHANGELOG.md"):
            assert path in listed, path
        depends = _run(["dpkg-query", "-W", "-f", "${Depends}", PACKAGE]).stdout
        for lib in ("libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libfontconfig1"):
            assert lib in depends
        # the system's MIME database now knows .uapack files (the shared-mime-info trigger ran)
        assert "application/x-ua-writer-pack" in Path("/usr/share/mime/globs2").read_text("utf-8")

        run_data = tmp_path / "run-data"
        env = dict(user_env, UA_WRITER_DATA_DIR=str(run_data))
        r = _run(_hidden(["/usr/bin/ua-writer", "--version"], hide), env=env, cwd=tmp_path)
        assert r.stdout.strip() == f"ua-writer {__version__}"

        pdf = tmp_path / "letter.pdf"
        _run(_hidden(["/usr/bin/ua-writer", "--today", "2011-04-01", "letter", "juraev-2011",
                      "--lang", "ru", "-o", pdf], hide), env=env, cwd=tmp_path)
        text = _run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
        assert "Генеральному прокурору Российской Федерации" in text
        assert "Уважаемый Юрий Яковлевич!" in text

        log = run_data / "logs" / "ua-writer.log"
        gui = subprocess.Popen(_hidden(["/usr/bin/ua-writer", "--today", "2011-04-01"], hide),
                               env=dict(env, QT_QPA_PLATFORM="offscreen"), cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            content = _wait_for(log, "window painted", gui, timeout=90)
        finally:
            gui.send_signal(signal.SIGTERM)
            try:
                gui.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gui.kill()
                gui.wait()
        assert "Traceback" not in content and "ERROR" not in content, content
    finally:
        removed = subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=600", "remove", "-y", "-q",
                                  PACKAGE], capture_output=True,
                                 text=True, timeout=600, env=apt_env)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/usr/bin/ua-writer").exists() and not Path("/opt/ua-writer/ua-writer").exists()
    assert _snapshot(user_data) == before, "installing or removing the package changed the data dir"
