"""A damaged database gives a clear message and a way out, never a traceback or a crash loop.

The real database file is damaged in place (random bytes, truncation, zeroed pages, random
byte flips); ``ua-writer actions`` must then either work (damage in unused space) or exit 2 with
a message naming ``ua-writer repair``; ``ua-writer repair`` keeps the damaged file aside and
starts a fresh store; and the GUI's ``build()`` must not raise on a damaged file.
"""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ua_writer.cli import main

PAGE = 4096


def _make_db(data_dir: Path) -> Path:
    from ua_writer.core.store import open_store

    db = data_dir / "ua-writer.sqlite3"
    s = open_store(db)
    s.save_draft("juraev-2011", "ru", "prosecutor-general", "Уважаемый Юрий Яковлевич! " * 50)
    s.close()
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0
    return db


def _cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["--today", "2011-04-01", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _damage_random(db: Path, rnd: random.Random) -> None:
    db.write_bytes(rnd.randbytes(db.stat().st_size))


def _damage_truncate(db: Path, rnd: random.Random) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.truncate(rnd.choice([100, PAGE + 17, size // 2, size - PAGE]))


def _damage_zero_first_page(db: Path, rnd: random.Random) -> None:
    with open(db, "r+b") as f:
        f.write(b"\0" * PAGE)


def _damage_zero_middle_pages(db: Path, rnd: random.Random) -> None:
    pages = db.stat().st_size // PAGE
    with open(db, "r+b") as f:
        for p in range(1, pages):
            f.seek(p * PAGE)
            f.write(b"\0" * PAGE)


def _damage_header(db: Path, rnd: random.Random) -> None:
    with open(db, "r+b") as f:
        f.write(b"this is not a database file at all")


DAMAGES = [_damage_random, _damage_truncate, _damage_zero_first_page, _damage_zero_middle_pages,
           _damage_header]


def _assert_clear_or_fine(code: int, err: str) -> None:
    assert code in (0, 2), f"exit {code} (a bug, not a user-facing message): {err}"
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("ua-writer: error: ") and err.count("\n") == 1, err
        assert "repair" in err, err


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__[8:])
def test_cli_on_damaged_database_says_repair_and_repair_starts_fresh(damage, data_dir, capsys):
    db = _make_db(data_dir)
    damage(db, random.Random(7))

    code, out, err = _cli(capsys, "actions", "--status", "all")
    _assert_clear_or_fine(code, err)
    assert code == 2, "this damage must be detected"
    # the same again: no state was changed by the failed attempt (no crash loop, same message)
    code2, _, err2 = _cli(capsys, "actions", "--status", "all")
    assert (code2, err2) == (code, err)

    code, out, err = _cli(capsys, "repair")
    assert code == 0, err
    assert "moved to" in out
    kept = [p for p in data_dir.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1, sorted(p.name for p in data_dir.iterdir())

    code, out, err = _cli(capsys, "actions", "--status", "all")
    assert code == 0, err
    assert "juraev-2011" in out  # bundled actions reloaded into the fresh store
    code, out, err = _cli(capsys, "repair")
    assert code == 0 and "ok" in out


def test_zero_length_database_is_a_fresh_one(data_dir, capsys):
    db = _make_db(data_dir)
    db.write_bytes(b"")
    code, out, err = _cli(capsys, "actions", "--status", "all")
    assert code == 0, err
    assert "juraev-2011" in out


@settings(max_examples=30, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(flips=st.lists(st.tuples(st.integers(0, 10**9), st.integers(1, 255)), min_size=1, max_size=40))
def test_random_byte_flips_never_crash(flips, data_dir, capsys):
    for p in data_dir.glob("ua-writer.sqlite3*"):
        p.unlink()
    db = _make_db(data_dir)
    raw = bytearray(db.read_bytes())
    for off, xor in flips:
        raw[off % len(raw)] ^= xor
    db.write_bytes(bytes(raw))
    for args in (("actions", "--status", "all"), ("show", "juraev-2011"), ("drafts",)):
        code, out, err = _cli(capsys, *args)
        assert "Traceback" not in err
        assert code in (0, 2), f"{args}: exit {code}: {err}"
    code, out, err = _cli(capsys, "repair")
    if code == 2 and "newer ua-writer" in err:
        return  # a flipped schema number that a newer release could have written: upgrade, not repair
    assert code == 0, err
    code, out, err = _cli(capsys, "actions", "--status", "all")
    assert code == 0, err


def test_repair_salvages_drafts_from_a_damaged_row(data_dir, capsys):
    """One damaged byte in a bundled action's row must not cost the user their drafts."""
    db = _make_db(data_dir)
    raw = bytearray(db.read_bytes())
    hits = [i for i in range(len(raw)) if raw.startswith(b"torture", i)]  # titles, search texts
    assert hits
    for at in hits:
        raw[at] = 0xff  # not UTF-8
    db.write_bytes(bytes(raw))
    code, _, err = _cli(capsys, "actions", "--status", "all")
    assert code == 2 and "repair" in err and "Traceback" not in err
    code, out, err = _cli(capsys, "repair")
    assert code == 0 and "moved to" in out and "1 drafts" in out, out + err
    code, out, err = _cli(capsys, "drafts", "--json")
    assert code == 0 and "juraev-2011" in out


def test_gui_on_damaged_database_offers_a_way_out_once(data_dir, tmp_path):
    """build() raises CorruptStoreError (a UserFacingError, by the GUI's contract) or copes; main()
    asks once, keeps the file aside, starts fresh and opens the window: no traceback, no loop."""
    if importlib.util.find_spec("ua_writer.app") is None:
        pytest.skip("the GUI (ua_writer.app) is not built yet")
    db = _make_db(data_dir)
    _damage_header(db, random.Random(1))
    script = (
        "import os, sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from ua_writer import app\n"
        "from ua_writer.core.errors import UserFacingError\n"
        "from ua_writer.ui import prompts\n"
        "asked = []\n"
        "class P(prompts.Prompts):\n"
        "    def question(self, *a, **k): asked.append(a[1]); return True\n"
        "    def error(self, *a, **k): print('ERROR', a[2]); \n"
        "    def warning(self, *a, **k): print('WARNING', a[2])\n"
        "    def info(self, *a, **k): pass\n"
        "prompts.set_prompts(P())\n"
        "try:\n"
        "    qapp, win = app.build([])\n"
        "    print('BUILT')\n"
        "    win.store.close(); win.lock.unlock()\n"
        "except UserFacingError as e:\n"
        "    print('BUILD-REFUSED', type(e).__name__)\n"
        "real_build = app.build\n"
        "def build(argv=None):\n"
        "    qapp, win = real_build(argv)\n"
        "    QTimer.singleShot(0, qapp.quit)\n"
        "    return qapp, win\n"
        "app.build = build\n"
        "code = app.main([])\n"
        "print('MAIN', code, 'ASKED', len(asked))\n"
    )
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr
    assert "BUILT" in r.stdout or "BUILD-REFUSED CorruptStoreError" in r.stdout, r.stdout
    assert "MAIN 0" in r.stdout, r.stdout + r.stderr[-2000:]
    assert "ASKED 1" in r.stdout or "ASKED 0" in r.stdout
    assert any(".damaged-" in p.name for p in data_dir.iterdir())  # kept aside, never deleted
