"""Crash safety: SIGKILL writers of drafts and of PDF exports at random moments, then check that
nothing committed was lost, the database is intact and no half-written export exists.

The writers are forked from a warm helper process (crash_zygote.py), so each of the 60 kills
costs milliseconds of start-up, not a fresh interpreter. POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.crash_zygote import check_draft

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")]

ZYGOTE = Path(__file__).with_name("crash_zygote.py")
DRAFT_KILLS = 40
EXPORT_KILLS = 20


class Zygote:
    def __init__(self):
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, PYTHONPATH=str(root))
        self.proc = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=root)

    def fork(self, *args) -> int:
        self.proc.stdin.write(" ".join(str(a) for a in args) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line.strip().isdigit(), f"zygote died: {line!r}"
        return int(line)

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def _kill_rounds(zygote: Zygote, rounds: int, cmd: str, target: Path, log: Path, rnd: random.Random,
                 max_wait: float) -> list[float]:
    kills = []
    for i in range(rounds):
        pid = zygote.fork(cmd, target, log, rnd.randrange(10**6))
        time.sleep(rnd.uniform(0.0, max_wait))
        kills.append(time.time())
        os.kill(pid, signal.SIGKILL)
    return kills


def _read_log(log: Path) -> list[tuple[str, int, float]]:
    entries = []
    if not log.exists():
        return entries
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:  # the last line of a killed writer may be torn
            try:
                entries.append((parts[0], int(parts[1]), float(parts[2])))
            except ValueError:
                pass
    return entries


def test_sigkill_while_saving_drafts_loses_nothing_committed(tmp_path):
    from ua_writer.core.store import Store, open_store

    db = tmp_path / "ua-writer.sqlite3"
    open_store(db).close()  # bundled actions present: drafts reference them
    log = tmp_path / "drafts.log"
    zygote = Zygote()
    try:
        kills = _kill_rounds(zygote, DRAFT_KILLS, "drafts", db, log, random.Random(20110503), 0.25)
    finally:
        zygote.close()

    entries = _read_log(log)
    assert len(entries) > DRAFT_KILLS, "the writers hardly committed anything; the test proves nothing"

    # integrity first, on a raw connection (the WAL is replayed on open)
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()

    store = Store(db)
    try:
        assert store.integrity_ok()
        stored = {f"{d.action_id}/{d.language}/{d.recipient_id}": d.text for d in store.drafts()}
    finally:
        store.close()

    # every commit the writer logged (i.e. save_draft returned) must be there, at least as new:
    # stronger than "saved more than 1 s before the kill" — a SIGKILL never loses a COMMIT
    last_logged: dict[str, tuple[int, float]] = {}
    for key, counter, t in entries:
        if counter > last_logged.get(key, (-1, 0))[0]:
            last_logged[key] = (counter, t)
    for key, (counter, t) in last_logged.items():
        assert key in stored, f"draft {key} committed at {t} is gone"
        text = stored[key]
        assert check_draft(text), f"draft {key} is damaged"
        got = int(re.match(r".* #(\d+)\n", text).group(1))
        assert got >= counter, f"draft {key}: committed #{counter}, found older #{got}"
    # and, in the brief's words, drafts saved more than 1 s before the last kill are intact
    old = {k for k, _, t in entries if t < kills[-1] - 1.0}
    assert old and all(k in stored and check_draft(stored[k]) for k in old)


def test_sigkill_while_exporting_pdfs_leaves_no_half_written_letter(tmp_path):
    pytest.importorskip("ua_writer.export.pdf")
    from pypdf import PdfReader

    folder = tmp_path / "letters"
    folder.mkdir()
    log = tmp_path / "exports.log"
    zygote = Zygote()
    try:
        _kill_rounds(zygote, EXPORT_KILLS, "export", folder, log, random.Random(42), 0.6)
    finally:
        zygote.close()

    written = {name for name, _, _ in _read_log(log)}
    assert written, "no export finished before a kill; the test proves nothing"
    files = sorted(p.name for p in folder.iterdir())
    exports = [f for f in files if not f.endswith(".part")]
    leftovers = [f for f in files if f.endswith(".part")]
    # every logged export exists and every visible file is a complete PDF
    assert written <= set(exports)
    for name in exports:
        assert name in written or re.fullmatch(r"letter-\d\.pdf", name), name
        reader = PdfReader(folder / name)
        assert len(reader.pages) >= 1
        assert (folder / name).read_bytes().rstrip().endswith(b"%%EOF")
    # a killed writer can leave only its own temp file: hidden, named after the target, ".part" —
    # never something a "*.pdf" glob or a file manager would take for a letter
    for name in leftovers:
        assert re.fullmatch(r"\.letter-\d\.pdf\.[^./]+\.part", name), name
        assert not name.endswith(".pdf")
    assert sorted(folder.glob("*.pdf")) == sorted(folder / n for n in exports)
    # the export folder is still usable: a new export over an old file just works
    from tests.reliability.crash_zygote import sample_letter
    from ua_writer.export.pdf import write_letter_pdf

    write_letter_pdf(sample_letter(1), folder / "letter-0.pdf")
    assert len(PdfReader(folder / "letter-0.pdf").pages) >= 1
