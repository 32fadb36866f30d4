"""``-o`` writes regular files only, through symlinks, keeping an existing file's mode.

Issue #16 item 5: as root ``-o /dev/null`` and ``/dev/full`` became regular files (and
``/dev/full`` "wrote (1 page)"); a FIFO was replaced rather than written to. Now every target
that is not a regular file is refused in one line, a symlinked target is written where it
points (the link stays) and an existing file keeps its permissions.
"""

from __future__ import annotations

import os
import stat

import pytest

from ua_writer.core.atomic import atomic_write_bytes
from ua_writer.core.errors import ExportError

from ..cli_run import run


def _letter(capsys, dd, target):
    return run(capsys, "--data-dir", dd, "--today", "2011-04-01", "letter", "juraev-2011",
               "--lang", "en", "-o", str(target))


def _refused(code, err, what):
    assert code == 2, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("ua-writer: error: cannot write") and what in last, err


def test_a_fifo_is_refused_not_replaced(capsys, dd, tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    code, out, err = _letter(capsys, dd, fifo)
    _refused(code, err, "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_refused_and_stays_a_device(capsys, dd, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    code, out, err = _letter(capsys, dd, device)
    _refused(code, err, "not a regular file")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert "wrote" not in out


def test_a_folder_is_refused_by_the_writer(tmp_path):
    with pytest.raises(ExportError, match="it is a folder"):
        atomic_write_bytes(tmp_path, b"x")


def test_a_symlink_is_written_where_it_points_and_stays_a_link(capsys, dd, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, out, err = _letter(capsys, dd, link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Prosecutor General" in real.read_text(encoding="utf-8")


def test_an_existing_file_keeps_its_mode_and_a_new_one_is_private(capsys, dd, tmp_path):
    shared = tmp_path / "shared.txt"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o640)
    code, out, err = _letter(capsys, dd, shared)
    assert code == 0, err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    assert _letter(capsys, dd, fresh)[0] == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_proc_self_mem_is_not_called_a_missing_folder(capsys, dd):
    if not os.path.exists("/proc/self/mem"):
        pytest.skip("no /proc here")
    code, out, err = _letter(capsys, dd, "/proc/self/mem")
    assert code == 2 and "does not exist" not in err and "ua-writer: error: cannot write" in err
