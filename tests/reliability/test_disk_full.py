"""A full disk is not a damaged database: nothing is called damaged, nothing is moved aside.

Issue #16 item 1: with the disk full every command said the database "is damaged; run 'ua-writer
repair'", and ``repair`` moved the healthy file aside and then failed to create a new one, so the
app started empty once space was freed. The real case runs on a 2 MB tmpfs (root only, as in CI);
the ordering rule of ``repair`` (the damaged file stays in place until its replacement is
complete) is also checked without root by making the fresh store fail half-way.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ua_writer.core import salvage
from ua_writer.core import store as store_mod
from ua_writer.core.errors import DiskFullError

TODAY = "2011-04-01"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "ua_writer", "--today", TODAY, *args],
                          capture_output=True, text=True, env=env, timeout=120)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs mounted under tmp_path (root only); unmounted afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root (CI runs as root)")
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def _fill(mnt: Path) -> None:
    """Write until not one more byte fits (tmpfs inodes aside)."""
    fd = os.open(mnt / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        for chunk in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError:
                pass
    finally:
        os.close(fd)


def _free(mnt: Path) -> None:
    (mnt / "filler").unlink(missing_ok=True)


def _setup(data: Path) -> None:
    assert _cli(data, "profile", "--set", "name=Anna Kovač", "city=Berlin", "country=DE").returncode == 0
    r = _cli(data, "mark-sent", "juraev-2011", "--to", "prosecutor-general", "--lang", "ru",
             "--channel", "fax")
    assert r.returncode == 0, r.stderr


def _one_line_disk_full(r: subprocess.CompletedProcess) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("ua-writer: error: disk full: nothing was changed"), r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    assert " is damaged" not in r.stderr and "ua-writer repair" not in r.stderr


def test_full_disk_never_calls_a_healthy_database_damaged(small_disk):
    data = small_disk / "data"
    _setup(data)
    db = data / "ua-writer.sqlite3"
    before = _sha(db)
    _fill(small_disk)

    r = _cli(data, "sent")  # read-only: still shows what is stored
    assert r.returncode == 0, r.stderr
    assert "juraev-2011" in r.stdout and "prosecutor-general" in r.stdout
    assert "damaged" not in r.stderr

    _one_line_disk_full(_cli(data, "mark-sent", "azimov-2011", "--to", "prosecutor-general",
                             "--lang", "ru", "--channel", "post"))
    _one_line_disk_full(_cli(data, "profile", "--set", "city=Hamburg"))

    r = _cli(data, "repair")  # the database is sound: nothing is moved aside
    assert r.returncode == 0, r.stderr
    assert ": ok" in r.stdout
    assert "disk full: nothing was changed" in r.stderr
    assert sorted(p.name for p in data.iterdir() if ".damaged" in p.name or ".repair" in p.name) == []
    assert _sha(db) == before

    _free(small_disk)
    r = _cli(data, "sent", "--json")
    assert r.returncode == 0 and '"juraev-2011"' in r.stdout and "azimov" not in r.stdout, r
    r = _cli(data, "profile")
    assert "Anna Kovač" in r.stdout and "Berlin" in r.stdout
    r = _cli(data, "repair")
    assert r.returncode == 0 and ": ok" in r.stdout and r.stderr == "", r


def _names(folder: Path) -> list[str]:
    wal = folder / "ua-writer.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def _damage_a_setting(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('junk', '{not json')")
    con.commit()
    con.close()


def test_repair_on_a_full_disk_changes_nothing_then_works_once_space_is_freed(small_disk):
    data = small_disk / "data"
    _setup(data)
    s = store_mod.open_store(data / "ua-writer.sqlite3")
    s.save_draft("juraev-2011", "ru", "prosecutor-general", "my draft text")
    s.close()
    db = data / "ua-writer.sqlite3"
    _damage_a_setting(db)
    before = _names(data)
    digest = _sha(db)
    _fill(small_disk)

    _one_line_disk_full(_cli(data, "repair"))
    # nothing aside, nothing half-made (SQLite's own empty -wal/-shm from opening aside)
    assert _names(data) == before
    assert _sha(db) == digest

    _free(small_disk)
    r = _cli(data, "repair")
    assert r.returncode == 0 and "moved to" in r.stdout, r
    s = store_mod.open_store(db)
    try:
        assert s.get_draft("juraev-2011", "ru", "prosecutor-general").text == "my draft text"
        assert [x.channel for x in s.sent()] == ["fax"]
        assert s.profile().name == "Anna Kovač"
    finally:
        s.close()


def test_repair_keeps_the_damaged_file_in_place_until_the_new_one_is_complete(data_dir, monkeypatch):
    """Without root: the fresh store fails half-way (as on a full disk): the damaged file is
    where it was, byte for byte, and nothing half-made is left beside it."""
    db = data_dir / "ua-writer.sqlite3"
    s = store_mod.open_store(db)
    s.save_draft("juraev-2011", "ru", "prosecutor-general", "my draft text")
    s.close()
    _damage_a_setting(db)
    digest = _sha(db)
    names = _names(data_dir)

    real = salvage.salvage_into

    def fails_half_way(damaged, fresh):
        real(damaged, fresh)
        raise DiskFullError("disk full: nothing was changed (test)")

    monkeypatch.setattr(salvage, "salvage_into", fails_half_way)
    with pytest.raises(DiskFullError):
        salvage.recover(db)
    assert _names(data_dir) == names
    assert _sha(db) == digest

    def link_fails(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(salvage, "salvage_into", real)
    monkeypatch.setattr(os, "link", link_fails)
    with pytest.raises(DiskFullError):
        salvage.recover(db)
    assert _names(data_dir) == names
    assert _sha(db) == digest

    monkeypatch.undo()
    kept, report = salvage.recover(db)
    assert kept.exists() and _sha(kept) == digest  # the damaged file, kept as it was
    s = store_mod.open_store(db)
    try:
        assert s.get_draft("juraev-2011", "ru", "prosecutor-general").text == "my draft text"
    finally:
        s.close()


def test_an_io_error_with_space_left_is_not_called_damage(tmp_path):
    e = sqlite3.OperationalError("disk I/O error")
    e.sqlite_errorname = "SQLITE_IOERR_READ"
    err = store_mod.database_error(tmp_path / "x.sqlite3", e)
    assert "damaged" not in err.message and "repair" not in err.message
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorname = "SQLITE_FULL"
    assert isinstance(store_mod.database_error(tmp_path / "x.sqlite3", full), DiskFullError)
    bad = sqlite3.DatabaseError("database disk image is malformed")
    bad.sqlite_errorname = "SQLITE_CORRUPT"
    assert "repair" in store_mod.database_error(tmp_path / "x.sqlite3", bad).message
