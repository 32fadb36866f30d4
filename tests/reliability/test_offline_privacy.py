"""The offline promise and privacy, checked on one whole session (session_script.py) run in a
subprocess with every socket call forbidden and the umask at 0: the CLI (profile, actions, show,
letter to PDF/DOCX/text/fax, imports, batch on worker processes, drafts, repair) and the GUI
(build, open a letter, type, autosave, export).

* nothing tries to open a socket or resolve a name;
* the data dir and its logs dir are 0700, the database (and its -wal/-shm), the GUI's
  ui-state.ini, every other file in the data dir and every exported letter 0600, whatever the
  umask;
* no log line holds letter text, names, addresses or e-mail addresses (marker strings planted in
  the profile, the signer sheet and the typed letter text).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.session_script import MARKERS

SCRIPT = Path(__file__).with_name("session_script.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    base = tmp_path_factory.mktemp("session")
    data, work = base / "data", base / "work"
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(data), XDG_CONFIG_HOME=str(base / "config"),
               XDG_DATA_HOME=str(base / "xdg-data"), XDG_CACHE_HOME=str(base / "cache"),
               HOME=str(base / "home"), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               LANGUAGE="en")
    env.pop("UA_WRITER_TODAY", None)
    r = subprocess.run([sys.executable, str(SCRIPT), str(work)], capture_output=True, text=True,
                       timeout=300, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    lines = r.stdout.splitlines()
    network = next((json.loads(ln[8:]) for ln in lines if ln.startswith("NETWORK ")), None)
    assert network is not None, r.stdout[-2000:] + r.stderr[-3000:]
    return {"data": data, "work": work, "base": base, "network": network, "stdout": r.stdout,
            "stderr": r.stderr}


def test_nothing_tries_to_reach_the_network(session):
    assert session["network"] == [], session["network"]
    assert "GUI-ERROR" not in session["stdout"], session["stdout"]


def test_the_session_really_ran(session):
    out = session["stdout"]
    assert "CLI 0 batch" in out and "CLI 0 letter" in out
    work = session["work"]
    assert len(list((work / "batch").glob("*.pdf"))) == 30
    if "GUI-SKIPPED" not in out:
        assert "GUI-EDITOR True" in out
        assert list(work.glob("gui-*.pdf")), out


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_private_permissions_whatever_the_umask(session):
    data, work = session["data"], session["work"]
    assert _mode(data) == 0o700
    assert _mode(data / "logs") == 0o700
    for p in data.glob("ua-writer.sqlite3*"):
        assert _mode(p) == 0o600, p.name
    for p in data.glob("logs/*.log*"):
        assert _mode(p) == 0o600, p.name
    if "GUI-SKIPPED" not in session["stdout"]:
        assert (data / "ui-state.ini").exists()  # the GUI's QSettings (window layout)
    for p in data.rglob("*"):  # nothing in the data dir is readable by others
        if p.is_file():
            assert _mode(p) == 0o600, f"{p.relative_to(data)}: {oct(_mode(p))}"
    exports = [p for p in work.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx", ".txt")]
    assert len(exports) >= 36
    for p in exports:
        assert _mode(p) == 0o600, f"{p.name}: {oct(_mode(p))}"
    assert _mode(work / "batch") == 0o700


def test_logs_never_hold_letter_text_or_addresses(session):
    logs = list((session["data"] / "logs").glob("*"))
    assert logs, "the session wrote no log at all; nothing was checked"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    for what, marker in MARKERS.items():
        assert marker not in text, f"the log holds the {what}: {marker!r}"
    # and nothing else the user keeps private lands in config/cache folders either
    for folder in ("config", "cache", "xdg-data"):
        for p in (session["base"] / folder).rglob("*"):
            if p.is_file():
                content = p.read_bytes().decode("utf-8", errors="replace")
                for marker in MARKERS.values():
                    assert marker not in content, f"{p} holds {marker!r}"


def test_the_typed_text_was_kept_as_a_draft(session):
    """The markers did go somewhere: into the database (0600), not into logs."""
    if "GUI-SKIPPED" in session["stdout"]:
        pytest.skip("no GUI here")
    import sqlite3

    db = sqlite3.connect(session["data"] / "ua-writer.sqlite3")
    try:
        texts = [r[0] for r in db.execute("SELECT text FROM drafts")]
    finally:
        db.close()
    assert any(MARKERS["letter"] in t for t in texts)


def test_data_dir_is_created_0700_with_a_permissive_umask(tmp_path, monkeypatch):
    from ua_writer import paths

    target = tmp_path / "deep" / "ua-writer"
    monkeypatch.setenv("UA_WRITER_DATA_DIR", str(target))
    old = os.umask(0)
    try:
        d = paths.data_dir()
        logs = paths.log_dir()
        db = paths.database_path()
        from ua_writer.core.store import Store

        Store(db).close()
    finally:
        os.umask(old)
    assert _mode(d) == 0o700 and _mode(logs) == 0o700
    assert _mode(db) == 0o600


def test_the_network_guard_itself_catches_a_connection():
    """Guard against a vacuous pass: the same patches do record a real attempt."""
    code = (
        "import tests.reliability.session_script as s, urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.org', timeout=2)\n"
        "except Exception:\n"
        "    pass\n"
        "print(len(s.ATTEMPTS))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.stdout.strip() not in ("", "0"), r.stderr


def test_the_log_rotates_by_size_and_every_file_stays_private(tmp_path):
    """ua-writer.log rolls over to .1 … .3 at its size limit (oldest dropped), each file 0600
    under umask 0; nothing is lost but what falls off the last backup."""
    import logging

    from ua_writer.logs import _PrivateRotatingFileHandler

    log_file = tmp_path / "ua-writer.log"
    old = os.umask(0)
    try:
        handler = _PrivateRotatingFileHandler(log_file, max_bytes=200, backup_count=3)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger = logging.getLogger("ua_writer.test_rotation")
        logger.propagate = False
        logger.addHandler(handler)
        try:
            for i in range(40):
                logger.warning("line %02d %s", i, "x" * 40)
        finally:
            logger.removeHandler(handler)
            handler.close()
    finally:
        os.umask(old)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["ua-writer.log", "ua-writer.log.1", "ua-writer.log.2", "ua-writer.log.3"]
    for p in tmp_path.iterdir():
        assert _mode(p) == 0o600, p.name
        assert 0 < p.stat().st_size <= 200, p.name
    text = "".join((tmp_path / n).read_text() for n in reversed(files[1:])) + log_file.read_text()
    numbers = [int(line.split()[1]) for line in text.splitlines()]
    assert numbers == list(range(numbers[0], 40))  # the newest lines, in order, none missing
