"""Issue #16, "Messages and promises": each message says what is wrong, in one line, and the
size rule for packs holds both ways.
"""

from __future__ import annotations

import io
import json
import struct
import time
import zipfile

import pytest

from ua_writer import paths
from ua_writer.core import packs, uapack, zipcheck
from ua_writer.core.errors import PackError
from ua_writer.core.model import Action

from ..cli_run import run


def _cli(capsys, dd, *argv):
    return run(capsys, "--data-dir", dd, "--today", "2011-04-01", *argv)


def test_one_size_rule_both_ways(capsys, dd, tmp_path):
    """A compact pack under the limit that would be over it as ua-writer writes it is refused on
    import, so nothing imported can become an export that is refused on re-import."""
    data = json.loads((paths.bundled_actions_dir() / "juraev-2011.json").read_text("utf-8"))
    data["id"] = "big-2011"
    data["recipients"][0]["address_lines"] = ["x"] * 600_000  # compact ~2.4 MB, indented ~6 MB
    p = tmp_path / "big.json"
    p.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    assert p.stat().st_size < packs.MAX_PACK_BYTES
    code, out, err = _cli(capsys, dd, "import", str(p))
    assert code == 2 and "too large: written out it takes" in err and err.count("\n") == 1, err
    assert "template" not in err


def test_the_store_holds_only_what_can_be_exported(data_dir):
    from ua_writer.core.store import open_store

    s = open_store()
    try:
        with pytest.raises(PackError, match="too large"):
            s.save_action(Action(id="huge-2011", title="H", notes="x" * (packs.MAX_PACK_BYTES + 1)))
        assert not s.has_action("huge-2011")
    finally:
        s.close()


def _letter_pdf(capsys, dd, tmp_path):
    out = tmp_path / "letter.pdf"
    assert _cli(capsys, dd, "letter", "juraev-2011", "--lang", "en", "-o", str(out))[0] == 0
    capsys.readouterr()
    return out.read_bytes()


def test_a_truncated_pdf_prints_one_line_only(capsys, dd, tmp_path):
    raw = _letter_pdf(capsys, dd, tmp_path)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(raw[: len(raw) // 2])
    code, out, err = _cli(capsys, dd, "import", str(cut))
    assert code == 2 and err.count("\n") == 1, err
    assert "EOF marker" not in err


def test_a_password_protected_pdf_says_so(capsys, dd, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_letter_pdf(capsys, dd, tmp_path))).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as f:
        writer.write(f)
    code, out, err = _cli(capsys, dd, "import", str(locked))
    assert code == 2 and "password-protected" in err and "damaged" not in err, err
    assert err.count("\n") == 1


def _many_entries(path, n):
    local, central = bytearray(), bytearray()
    for i in range(n):
        name = b"f%d" % i
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0,
                               len(name), 0, 0, 0, 0, 0, off) + name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + eocd))


def test_a_zip_with_too_many_entries_is_refused_from_its_end_record(capsys, dd, tmp_path,
                                                                   monkeypatch):
    p = tmp_path / "many.uapack"
    _many_entries(p, 60_000)
    with open(p, "rb") as f:
        assert zipcheck.entry_count(f) == 60_000

    def no_zipfile(*a, **k):
        raise AssertionError("zipfile read the whole central directory")

    monkeypatch.setattr(zipfile, "ZipFile", no_zipfile)
    t0 = time.monotonic()
    code, out, err = _cli(capsys, dd, "pack-import", str(p))
    assert code == 2 and "too many entries (60000 > 1000)" in err, err
    assert time.monotonic() - t0 < 5


def test_an_integrity_problem_is_one_line(tmp_path):
    from ua_writer.core.store import database_error

    e = Exception("*** in database main ***\nPage 5: btreeInitPage() returns error code 11\n"
                  "row 3 missing from index")
    message = database_error(tmp_path / "db.sqlite3", e).message
    assert "\n" not in message and "Page 5" in message


def test_a_summary_too_long_for_any_letter_is_refused_naming_the_field(capsys, dd, tmp_path):
    """It used to import, and then every letter failed with a message blaming the built-in
    template ("Fix the file, or delete it")."""
    from ua_writer.core import letter_templates

    assert packs.MAX_LETTER_TEXT == letter_templates.MAX_VALUE  # one rule
    data = json.loads((paths.bundled_actions_dir() / "juraev-2011.json").read_text("utf-8"))
    data["id"] = "long-2011"
    data["summary"] = "Lorem ipsum dolor sit amet. " * 1000
    p = tmp_path / "long.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _cli(capsys, dd, "import", str(p))
    assert code == 2 and "summary: is 28000 characters long" in err, err
    assert "template" not in err
    data["summary"] = "short"
    data["background"] = "Lorem ipsum dolor sit amet. " * 1000  # not in letters: no cap
    p.write_text(json.dumps(data), encoding="utf-8")
    assert _cli(capsys, dd, "import", str(p))[0] == 0
    code, out, err = _cli(capsys, dd, "letter", "long-2011", "--lang", "en")
    assert code == 0, err
