"""A damaged draft row never puts its letter text on stderr or into the log.

Issue #16 item 10: sqlite3's "Could not decode to UTF-8 column 'text' with text '…'" quoted
~110 characters of the letter in the one-line error.
"""

from __future__ import annotations

import sqlite3

from ua_writer.core import salvage
from ua_writer.core.store import check_integrity, open_store

from ..cli_run import run

SECRET = "My secret paragraph and my home address"


def _damaged_draft(data_dir):
    s = open_store(data_dir / "ua-writer.sqlite3")
    s.close()
    con = sqlite3.connect(data_dir / "ua-writer.sqlite3")
    bad = b"\xd0\xa3\xff" + SECRET.encode()
    con.execute("INSERT INTO drafts VALUES ('juraev-2011', 'ru', 'prosecutor-general', "
                "CAST(? AS TEXT), '2011-04-01')", (bad,))
    con.commit()
    con.close()


def test_a_damaged_draft_is_reported_without_its_text(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    _damaged_draft(data)
    for args in (["drafts"], ["drafts", "--json"], ["letter", "juraev-2011", "--lang", "ru"]):
        code, out, err = run(capsys, "--data-dir", str(data), "--today", "2011-04-01", *args)
        assert "secret" not in err and "home address" not in err, err
        if code:
            assert code == 2 and "damaged" in err and err.count("\n") == 1, err
    log = data / "logs" / "ua-writer.log"
    assert not log.exists() or "secret" not in log.read_text(encoding="utf-8")


def test_checks_name_the_column_not_the_text(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    _damaged_draft(data)
    s = open_store(data / "ua-writer.sqlite3", sync=False)
    try:
        problem = salvage.deep_check(s)
    finally:
        s.close()
    assert problem and "secret" not in problem and "column 'text'" in problem
    assert check_integrity(data / "ua-writer.sqlite3") is None or "secret" not in check_integrity(
        data / "ua-writer.sqlite3")
