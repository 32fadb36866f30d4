"""Every input the attack found crashing (exit 70, "internal error") is one clear line and exit 2.

Issue #16, "Tracebacks": a JSON number of more than 4,300 digits in a pack, a .uapack action or
manifest; a lone surrogate in a pack; non-UTF-8 bytes in a file name or an argument; a damaged
UTF-16 signer sheet; ``profile --set languages=xx`` then ``labels``/``envelope``; ``--today
9999-12-31`` with ``due`` or ``snooze``; a 100,000-character action id; a wrong-shaped profile
in the database (which ``repair`` called "ok").
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from ua_writer import paths
from ua_writer.core import uapack

from ..cli_run import run

BIG = "9" * 5000


def _juraev() -> dict:
    return json.loads((paths.bundled_actions_dir() / "juraev-2011.json").read_text(encoding="utf-8"))


def _one_line(code, err):
    assert code == 2, err
    assert err.startswith("ua-writer: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err


def _cli(capsys, dd, *argv, today="2011-04-01"):
    return run(capsys, "--data-dir", dd, "--today", today, *argv)


def _zip(files: dict[str, bytes], manifest_text: str | None = None) -> bytes:
    m = {"format": uapack.FORMAT, "version": 1, "created": "2011-04-28T12:00:00Z",
         "actions": [n[8:-5] for n in files if n.startswith("actions/")],
         "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                   for n, d in files.items()}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("manifest.json", manifest_text or json.dumps(m))
        for n, d in files.items():
            z.writestr(n, d)
    return buf.getvalue()


def test_a_huge_json_number_in_a_pack(capsys, dd, tmp_path):
    p = tmp_path / "big.json"
    p.write_text(json.dumps(_juraev()).replace('"ua_number": null', f'"ua_number": {BIG}'),
                 encoding="utf-8")
    code, out, err = _cli(capsys, dd, "import", str(p))
    _one_line(code, err)
    assert "not valid JSON" in err


def test_a_huge_json_number_in_a_uapack_action_and_manifest(capsys, dd, tmp_path):
    action = json.dumps(_juraev()).replace('"ua_number": null', f'"ua_number": {BIG}').encode()
    p = tmp_path / "a.uapack"
    p.write_bytes(_zip({"actions/juraev-2011.json": action}))
    _one_line(*_cli(capsys, dd, "pack-import", str(p))[::2])
    p.write_bytes(_zip({}, manifest_text='{"format": "ua-writer/uapack", "version": %s}' % BIG))
    code, out, err = _cli(capsys, dd, "pack-import", str(p))
    _one_line(code, err)
    assert "manifest.json is not valid JSON" in err


def test_a_lone_surrogate_in_a_pack(capsys, dd, tmp_path):
    p = tmp_path / "s.json"
    data = _juraev()
    data["title"] = "lone \ud800"
    p.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _cli(capsys, dd, "import", str(p), "--replace")
    _one_line(code, err)


def test_non_utf8_bytes_in_an_argument_and_a_file_name(tmp_path):
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(tmp_path / "data"))
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(name, "wb") as f:
        f.write(b"Urgent Action. Please write to the Prosecutor General before 3 May 2011. "
                b"Nizomhon Juraev is at risk of torture and ill-treatment in custody.\n")
    for argv in ([b"profile", b"--set", b"name=\xff"], [b"import", name], [b"show", b"x\xff"]):
        r = subprocess.run([sys.executable.encode(), b"-m", b"ua_writer", *argv], env=env,
                           capture_output=True, timeout=120)
        assert r.returncode in (0, 2), r.stderr
        assert b"internal error" not in r.stderr and b"Traceback" not in r.stderr
        if r.returncode == 2:
            assert r.stderr.count(b"\n") == 1, r.stderr


def test_a_damaged_utf16_signer_sheet(capsys, dd, tmp_path):
    p = tmp_path / "s.csv"
    p.write_bytes("name\nAnna\n".encode("utf-16") + b"\x00\xd8")
    code, out, err = _cli(capsys, dd, "batch", "juraev-2011", "--signers", str(p), "--lang", "en",
                          "-o", str(tmp_path / "out"))
    _one_line(code, err)
    assert "UTF-16" in err


def _store_profile(dd, profile: dict) -> None:
    """Write the profile into the database as a version without the language check did."""
    con = sqlite3.connect(os.path.join(dd, "ua-writer.sqlite3"))
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('profile', ?)",
                (json.dumps(profile),))
    con.commit()
    con.close()


def test_an_unknown_profile_language_is_refused(capsys, dd):
    code, out, err = _cli(capsys, dd, "profile", "--set", "languages=xx")
    _one_line(code, err)


STORED = {"name": "Anna Petrova", "address_lines": ["1 Main Street"], "city": "Oxford",  # no country:
          "languages": ["xx", "en"], "names": {"qq": "Anna"}}  # the post reads the language

OUTPUTS = {
    "labels": lambda tmp: ["labels", "juraev-2011", "-o", str(tmp / "l.pdf")],
    "envelope": lambda tmp: ["envelope", "juraev-2011", "--to", "prosecutor-general", "-o",
                             str(tmp / "e.pdf")],
    "letter": lambda tmp: ["letter", "juraev-2011", "-o", str(tmp / "a.pdf")],
    "fax-cover": lambda tmp: ["fax-cover", "juraev-2011", "--to", "prosecutor-general", "-o",
                              str(tmp / "f.pdf")],
    "profile": lambda tmp: ["profile"],
    "batch": lambda tmp: ["batch", "juraev-2011", "--lang", "en", "--signers",
                          str(tmp / "s.csv"), "-o", str(tmp / "out")],
}


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_an_unknown_language_stored_by_an_old_version_is_ignored_with_a_warning(
        capsys, dd, tmp_path, command):
    assert _cli(capsys, dd, "actions")[0] == 0  # the database exists
    _store_profile(dd, STORED)
    (tmp_path / "s.csv").write_text("name\nAnna\n", encoding="utf-8")
    code, out, err = _cli(capsys, dd, *OUTPUTS[command](tmp_path))
    assert code == 0, err
    assert "internal error" not in err and "Traceback" not in err
    warnings = [l for l in err.splitlines() if "'xx'" in l]
    assert len(warnings) == 1 and "'qq'" in warnings[0] and "ignored" in warnings[0], err
    assert warnings[0].startswith("ua-writer: warning: ") and "repair" in warnings[0]


def test_repair_removes_an_unknown_stored_language_and_says_so(capsys, dd, tmp_path):
    assert _cli(capsys, dd, "mark-sent", "juraev-2011", "--to", "prosecutor-general", "--lang",
                "ru", "--channel", "fax")[0] == 0
    _store_profile(dd, STORED)
    code, out, err = _cli(capsys, dd, "repair")
    assert code == 0, err
    assert ": ok" not in out and "'xx'" in out and "'qq'" in out, out
    code, out, err = _cli(capsys, dd, "profile", "--json")
    assert code == 0 and err == "", err
    assert json.loads(out)["languages"] == ["en"] and json.loads(out)["name"] == "Anna Petrova"
    code, out, err = _cli(capsys, dd, "repair")
    assert code == 0 and out.rstrip().endswith(": ok"), out
    code, out, err = _cli(capsys, dd, *OUTPUTS["envelope"](tmp_path))
    assert code == 0 and "'xx'" not in err and "language" not in err, err
    assert '"juraev-2011"' in _cli(capsys, dd, "sent", "--json")[1]  # nothing else touched


@pytest.mark.parametrize("argv", [["due"], ["snooze", "juraev-2011"]])
def test_the_end_of_the_calendar(capsys, dd, argv):
    code, out, err = _cli(capsys, dd, *argv, today="9999-12-31")
    _one_line(code, err)
    code, out, err = _cli(capsys, dd, *argv, today="9000-12-31")  # the last date we take
    assert code == 0, err


def test_a_100000_character_id(capsys, dd, tmp_path):
    data = _juraev()
    data["id"] = "x" * 100_000
    p = tmp_path / "long.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _cli(capsys, dd, "import", str(p))
    _one_line(code, err)
    assert "at most 100" in err and len(err) < 400


@pytest.mark.parametrize("profile", ['[1, 2]', '{"name": 5}', '{"languages": "ru"}',
                                     '{"names": [1]}', '"text"'])
def test_a_wrong_shaped_profile_is_damage_and_repair_fixes_it(capsys, dd, profile):
    assert _cli(capsys, dd, "mark-sent", "juraev-2011", "--to", "prosecutor-general", "--lang",
                "ru", "--channel", "fax")[0] == 0
    con = sqlite3.connect(os.path.join(dd, "ua-writer.sqlite3"))
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('profile', ?)", (profile,))
    con.commit()
    con.close()
    code, out, err = _cli(capsys, dd, "profile")
    _one_line(code, err)
    assert "damaged" in err and "repair" in err
    code, out, err = _cli(capsys, dd, "repair")
    assert code == 0 and "moved to" in out, (out, err)
    code, out, err = _cli(capsys, dd, "profile")
    assert code == 0, err
    code, out, err = _cli(capsys, dd, "sent", "--json")
    assert '"juraev-2011"' in out  # the rest was salvaged
