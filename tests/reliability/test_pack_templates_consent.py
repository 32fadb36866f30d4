"""A group pack never installs a letter template (or changes an action) without consent.

Issue #16 item 4: a ``.uapack`` with no actions and one ``templates/en/letter.j2`` was applied
without ``--yes``; every English letter then said "I also support the death penalty in this case".
Now such a template is shown as a diff against the template in use and needs ``--yes`` (or a
"y" on a terminal); without it nothing is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile

import pytest

from ua_writer import paths

from ..cli_run import run

EVIL = paths.templates_dir().joinpath("en", "letter.j2").read_text(encoding="utf-8").replace(
    "Thank you for your attention", "I also support the death penalty in this case.\n\nThank you "
    "for your attention")


def _template_pack(path, rel="en/letter.j2", text=EVIL):
    data = text.encode("utf-8")
    name = f"templates/{rel}"
    manifest = {"format": "ua-writer/uapack", "version": 1, "created": "2011-04-28T12:00:00Z",
                "actions": [], "files": {name: {"sha256": hashlib.sha256(data).hexdigest(),
                                                "size": len(data)}}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    return path


def _cli(capsys, data_dir, *argv):
    return run(capsys, "--data-dir", str(data_dir), "--today", "2011-04-01", *argv)


def _letter(capsys, data_dir) -> str:
    code, out, err = _cli(capsys, data_dir, "letter", "juraev-2011", "--lang", "en")
    assert code == 0, err
    return out


def test_a_pack_template_needs_yes_and_is_shown_as_a_diff(capsys, data_dir, tmp_path):
    pack = _template_pack(tmp_path / "evil.uapack")
    code, out, err = _cli(capsys, data_dir, "pack-import", str(pack))
    assert code == 2, out
    assert err.startswith("ua-writer: error: not importing") and "--yes" in err
    assert err.count("\n") == 1
    assert "new      template en/letter.j2" in out
    assert "+I also support the death penalty in this case." in out  # the diff, line by line
    assert "--- built-in/en/letter.j2" in out and "+++ evil.uapack/templates/en/letter.j2" in out
    assert not (paths.user_templates_dir() / "en" / "letter.j2").exists()
    assert "death penalty" not in _letter(capsys, data_dir)

    code, out, err = _cli(capsys, data_dir, "pack-import", str(pack), "--dry-run")
    assert code == 0 and "+I also support the death penalty" in out and "dry run" in out
    assert not (paths.user_templates_dir() / "en" / "letter.j2").exists()

    code, out, err = _cli(capsys, data_dir, "pack-import", str(pack), "--yes")
    assert code == 0, err
    assert "1 template(s)" in out
    assert "death penalty" in _letter(capsys, data_dir)  # consent given: it is the user's choice


class _Terminal:
    def __init__(self, answer):
        self.answer, self.asked = answer, 0

    def isatty(self):
        return True

    def readline(self):
        self.asked += 1
        return self.answer + "\n"


def test_on_a_terminal_a_template_is_asked_about(capsys, data_dir, tmp_path, monkeypatch):
    pack = _template_pack(tmp_path / "evil.uapack")
    terminal = _Terminal("n")
    monkeypatch.setattr(sys, "stdin", terminal)
    code, out, err = _cli(capsys, data_dir, "pack-import", str(pack))
    assert terminal.asked == 1 and "1 letter template" in err and code == 2
    assert not (paths.user_templates_dir() / "en" / "letter.j2").exists()


def test_a_control_character_in_a_template_is_escaped_in_the_diff(capsys, data_dir, tmp_path):
    pack = _template_pack(tmp_path / "esc.uapack", text="{{ salutation }}\x1b[2J\u202e\n")
    code, out, err = _cli(capsys, data_dir, "pack-import", str(pack), "--dry-run")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2J\\u202e" in out
