"""``ua-writer install-desktop`` / ``uninstall-desktop`` for the current user (issue #17).

The autouse fixture points XDG_DATA_HOME at a temp folder, so nothing here touches the real menu.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_run import run
from ua_writer.commands import desktop


@pytest.fixture
def xdg(tmp_path) -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def _installed(xdg: Path) -> list[Path]:
    return sorted(p for p in xdg.rglob("*") if p.is_file() and "ua-writer" in p.name)


def test_install_puts_entry_icons_and_mime_type_and_uninstall_takes_them_away(capsys, xdg, data_dir):
    (xdg / "applications").mkdir(parents=True)
    other = xdg / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "profile", "--set", "name=Anna")
    assert code == 0, err
    data_before = sorted(p.name for p in data_dir.rglob("*"))

    code, out, err = run(capsys, "install-desktop")
    assert code == 0, err
    entry = xdg / "applications" / "ua-writer.desktop"
    assert entry.is_file()
    text = entry.read_text(encoding="utf-8")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %F")
    assert "MimeType=application/x-ua-writer-pack;" in text
    assert "text/plain" not in text and "application/pdf" not in text
    assert (xdg / "icons/hicolor/scalable/apps/ua-writer.svg").is_file()
    for size in (16, 32, 48, 128, 256):
        assert (xdg / f"icons/hicolor/{size}x{size}/apps/ua-writer.png").is_file()
    mime = xdg / "mime/packages/ua-writer.xml"
    assert '<glob pattern="*.uapack"/>' in mime.read_text(encoding="utf-8")
    assert f"installed {entry}" in out
    if shutil.which("desktop-file-validate"):
        r = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    if shutil.which("update-mime-database"):  # the cache was refreshed: .uapack is known
        assert "application/x-ua-writer-pack:*.uapack" in (xdg / "mime/globs2").read_text("utf-8")

    code, out, err = run(capsys, "uninstall-desktop")
    assert code == 0, err
    assert _installed(xdg / "applications") == [] and _installed(xdg / "icons") == []
    assert not mime.exists()
    assert other.is_file(), "another program's menu entry was removed"
    assert sorted(p.name for p in data_dir.rglob("*")) == data_before
    code, out, err = run(capsys, "uninstall-desktop")
    assert code == 0 and "nothing to remove" in out


def test_install_twice_is_the_same_as_once(capsys, xdg):
    assert run(capsys, "install-desktop")[0] == 0
    first = {p: p.read_bytes() for p in _installed(xdg)}
    assert run(capsys, "install-desktop")[0] == 0
    assert {p: p.read_bytes() for p in _installed(xdg)} == first


def test_uninstall_leaves_a_desktop_file_it_did_not_write(capsys, xdg):
    entry = xdg / "applications" / "ua-writer.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nType=Application\nName=mine\nExec=ua-writer\n", encoding="utf-8")
    code, out, err = run(capsys, "uninstall-desktop")
    assert code == 0
    assert entry.is_file() and "not written by install-desktop" in err


def test_exec_line_quotes_paths_with_spaces_and_specials():
    assert desktop.exec_quote("/opt/ua-writer/ua-writer") == "/opt/ua-writer/ua-writer"
    assert desktop.exec_quote("/home/a b/bin/ua-writer") == '"/home/a b/bin/ua-writer"'
    # `$` is escaped for the Exec quoting, and every backslash doubled for the string value
    assert desktop.exec_quote("/x/$HOME/ua") == '"/x/\\\\$HOME/ua"'
    entry = desktop.desktop_entry(["/home/a b/.local/bin/ua-writer"])
    assert 'Exec="/home/a b/.local/bin/ua-writer" %F' in entry
    assert "TryExec=/home/a b/.local/bin/ua-writer" in entry


def test_launch_command_is_absolute_and_runs_this_installation():
    command = desktop.launch_command()
    assert Path(command[0]).is_absolute() and Path(command[0]).exists()
    r = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("ua-writer ")
