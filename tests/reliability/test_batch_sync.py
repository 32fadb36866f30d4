"""The mail merge's write path (core/atomic.FileBatch): one sync per chunk of letters, as honest
as one per letter — a full disk is reported, nothing is left half-written under its name.

Issue #16 (speed): an fsync per letter cost the 1,000-letter merge a quarter of its time. A chunk's
files now go to hidden temp files, one ``syncfs`` (or one fsync per file where syncfs does not
report write-back errors) makes them durable, and only then are they renamed into place.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat

import pytest

from tests.reliability.test_batch import _sheet_file
from tests.reliability.test_disk_full import small_disk  # noqa: F401  (fixture)
from ua_writer.core import atomic
from ua_writer.core.errors import ExportError
from ua_writer.core.store import open_store
from ua_writer.services import mailmerge as batch


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-per-file"])
def test_files_appear_only_when_the_batch_commits(tmp_path, monkeypatch, syncfs):
    synced = []
    if syncfs:
        real = atomic._syncfs()
        if real is None:
            pytest.skip("no syncfs that reports write-back errors here")
        monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: synced.append(fd) or real(fd))
    else:
        real_fsync = os.fsync
        monkeypatch.setattr(atomic, "_syncfs", lambda: None)
        monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    (tmp_path / "b.pdf").write_bytes(b"old")
    os.chmod(tmp_path / "b.pdf", 0o640)
    with atomic.FileBatch(tmp_path) as files:
        files.write(tmp_path / "a.pdf", b"A" * 1000)
        files.write(tmp_path / "b.pdf", b"B" * 1000)
        shown = _names(tmp_path)
        assert "a.pdf" not in shown and (tmp_path / "b.pdf").read_bytes() == b"old"
        assert len([n for n in shown if n.endswith(".part")]) == 2
    assert _names(tmp_path) == ["a.pdf", "b.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"A" * 1000
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "b.pdf").stat().st_mode) == 0o640   # keeps its mode
    # syncfs: once for the batch (+ the folder); without it: each file (+ the folder)
    assert len(synced) == (1 if syncfs else 3)


def test_an_error_the_disk_reports_at_the_sync_leaves_nothing(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_syncfs", lambda: full)
    (tmp_path / "b.pdf").write_bytes(b"old")
    with pytest.raises(ExportError, match="the disk is full"):
        with atomic.FileBatch(tmp_path) as files:
            files.write(tmp_path / "a.pdf", b"A")
            files.write(tmp_path / "b.pdf", b"B")
    assert _names(tmp_path) == ["b.pdf"] and (tmp_path / "b.pdf").read_bytes() == b"old"


def test_a_failing_letter_discards_the_chunk_and_devices_are_refused(tmp_path):
    with pytest.raises(RuntimeError):
        with atomic.FileBatch(tmp_path) as files:
            files.write(tmp_path / "a.pdf", b"A")
            raise RuntimeError("boom")
    assert _names(tmp_path) == []
    with atomic.FileBatch(tmp_path) as files:
        (tmp_path / "dir.pdf").mkdir()
        with pytest.raises(ExportError, match="it is a folder"):
            files.write(tmp_path / "dir.pdf", b"A")
    assert _names(tmp_path) == ["dir.pdf"]


def test_merge_on_a_full_disk_reports_it_and_leaves_only_complete_letters(small_disk, tmp_path):
    """The real case (root, as in CI): 2 MB of tmpfs holds a few dozen letters of 60."""
    pytest.importorskip("ua_writer.core.compose")
    from pypdf import PdfReader

    sheet = batch.read_signers(_sheet_file(tmp_path, 60, bad=False))
    out = small_disk / "letters"
    store = open_store()
    try:
        act = store.get_action("juraev-2011")
    finally:
        store.close()

    job = batch.BatchJob(act, "prosecutor-general", "ru", out, dt.date(2011, 5, 3))
    # room for some letters (~35 KB each), not for all
    (small_disk / "filler").write_bytes(b"\0" * (2 * 1024 * 1024 - 700 * 1024))
    with pytest.raises(ExportError, match="the disk is full"):
        batch.BatchRun(job, sheet.signers, workers=1, chunk_size=5).run()
    left = _names(out)
    assert not [n for n in left if n.endswith(".part")]
    assert 0 < len(left) < 60
    for name in left:
        assert len(PdfReader(out / name).pages) == 1    # every letter there is complete


def test_a_batch_removes_stale_temp_files_of_the_names_it_writes_and_nothing_else(tmp_path):
    """Like a single write (test_atomic_exports): a killed merge's ``.<name>.XXXXXXXX.part`` goes
    when that name is written again and is over 10 minutes old; the folder is read once per
    batch, not once per letter (it holds up to a whole merge's letters)."""
    old = os.path.getmtime(tmp_path) - atomic.STALE_PART_SECONDS - 60

    def make(name, age=old):
        p = tmp_path / name
        p.write_bytes(b"half a letter")
        os.utime(p, (age, age))
        return p

    stale = [make(".0001-Anna.pdf.k3x_9q2z.part"), make(".0002-Emma.pdf.a1b2c3d4.part")]
    fresh = make(".0001-Anna.pdf.zzzzzzzz.part", age=os.path.getmtime(tmp_path))
    kept = [fresh, make(".0003-Olga.pdf.abcdefgh.part"), make(".0001-Anna.pdf.x.abcdefgh.part"),
            make(".0001-Anna.pdf.ABCDEFGH.part")]
    scans = []
    real_scandir = os.scandir

    def counting_scandir(path):
        scans.append(path)
        return real_scandir(path)

    import unittest.mock as mock

    with mock.patch.object(os, "scandir", counting_scandir):
        with atomic.FileBatch(tmp_path) as files:
            for name in ("0001-Anna.pdf", "0002-Emma.pdf", "0004-Ivan.pdf"):
                files.write(tmp_path / name, b"%PDF letter")
    assert len(scans) == 1
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)
    assert (tmp_path / "0002-Emma.pdf").read_bytes() == b"%PDF letter"
