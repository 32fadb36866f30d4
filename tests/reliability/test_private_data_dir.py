"""The data dir is the user's own and private; nothing in it is followed through a symlink.

Issue #16 item 6: a world-writable data dir was accepted (another local user could plant a
template or a ``logs`` symlink; the log was appended to a file of the attacker's choice).
Item 7: ``.ics`` and ``.uapack`` exports and the data dir's lock file were 0644, ``templates/``
0755 (0777 under umask 0): private files are 0600, folders 0700, as the README promises.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from ua_writer import logs, paths
from ua_writer.core.errors import UserFacingError

from ..cli_run import run


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_a_world_writable_data_dir_is_tightened_with_a_warning(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    code, out, err = run(capsys, "--data-dir", str(data), "--today", "2011-04-01", "actions")
    assert code == 0, err
    assert _mode(data) == 0o700
    assert "ua-writer: warning:" in err and "now private (0700)" in err


def test_a_logs_symlink_is_never_followed(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    victim_dir = tmp_path / "victim"
    victim_dir.mkdir()
    (data / "logs").symlink_to(victim_dir, target_is_directory=True)
    paths.set_data_dir(data)
    with pytest.raises(UserFacingError, match="does not follow"):
        paths.log_dir()
    monkeypatch.setattr(logs, "_configured", False)
    import logging

    root = logging.getLogger("ua_writer")
    before = list(root.handlers)
    try:
        logs.setup()
        logging.getLogger("ua_writer.test").error("something to log")
    finally:
        for h in root.handlers[len(before):]:
            root.removeHandler(h)
            h.close()
    assert list(victim_dir.iterdir()) == []


def test_a_symlinked_log_file_is_not_appended_to(tmp_path):
    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True, mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (data / "logs" / "ua-writer.log").symlink_to(victim)
    handler = None
    with pytest.raises(OSError):
        handler = logs._PrivateRotatingFileHandler(data / "logs" / "ua-writer.log", 1000, 1)
    assert handler is None and victim.read_text(encoding="utf-8") == "keep me\n"


PLANTED = "{% block body %}I also support the death penalty in this case.{% endblock %}"


def _letter(capsys, data):
    return run(capsys, "--data-dir", str(data), "--today", "2011-04-01", "letter", "juraev-2011",
               "--lang", "en")


def _planted(tmp_path):
    planted = tmp_path / "planted" / "en"
    planted.mkdir(parents=True)
    (planted / "letter.j2").write_text(PLANTED, encoding="utf-8")
    return planted


def _ignored_with_one_warning(code, out, err, link):
    """The letter is written with the built-in template; one line says which link was skipped."""
    assert code == 0, err
    assert "death penalty" not in out and "Dear" in out
    lines = [l for l in err.splitlines() if "symbolic link" in l]
    assert len(lines) == 1 and str(link) in lines[0] and "built-in template" in lines[0], err


def test_a_templates_symlink_is_not_followed(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    planted = _planted(tmp_path)
    (data / "templates").symlink_to(planted.parent, target_is_directory=True)
    _ignored_with_one_warning(*_letter(capsys, data), data / "templates")


def test_a_symlinked_language_folder_is_not_followed(capsys, tmp_path):
    data = tmp_path / "data"
    (data / "templates").mkdir(parents=True, mode=0o700)
    planted = _planted(tmp_path)
    (data / "templates" / "en").symlink_to(planted, target_is_directory=True)
    _ignored_with_one_warning(*_letter(capsys, data), data / "templates" / "en")
    # and it is not offered as a language of its own either
    (data / "templates" / "xx").symlink_to(planted, target_is_directory=True)
    paths.set_data_dir(data)
    from ua_writer.core import letter_templates

    assert "xx" not in letter_templates.template_languages()


def test_a_symlinked_letter_template_is_not_followed(capsys, tmp_path):
    data = tmp_path / "data"
    (data / "templates" / "en").mkdir(parents=True, mode=0o700)
    planted = _planted(tmp_path)
    link = data / "templates" / "en" / "letter.j2"
    link.symlink_to(planted / "letter.j2")
    _ignored_with_one_warning(*_letter(capsys, data), link)


def test_a_template_replaced_by_a_symlink_is_not_served_from_the_cache(capsys, tmp_path):
    data = tmp_path / "data"
    (data / "templates" / "en").mkdir(parents=True, mode=0o700)
    own = data / "templates" / "en" / "letter.j2"
    own.write_text("{% block body %}My own words.{% endblock %}", encoding="utf-8")
    code, out, err = _letter(capsys, data)
    assert code == 0 and "My own words." in out
    planted = _planted(tmp_path)
    own.unlink()
    own.symlink_to(planted / "letter.j2")
    _ignored_with_one_warning(*_letter(capsys, data), own)


def test_an_own_template_others_may_write_is_tightened_and_used(capsys, tmp_path):
    data = tmp_path / "data"
    folder = data / "templates" / "en"
    folder.mkdir(parents=True, mode=0o700)
    own = folder / "letter.j2"
    own.write_text("{% block body %}My own words.{% endblock %}", encoding="utf-8")
    folder.chmod(0o777)
    own.chmod(0o666)
    code, out, err = _letter(capsys, data)
    assert code == 0 and "My own words." in out, err
    assert _mode(folder) == 0o700 and _mode(own) == 0o600


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_template_of_another_users_is_not_used(capsys, tmp_path):
    data = tmp_path / "data"
    folder = data / "templates" / "en"
    folder.mkdir(parents=True, mode=0o700)
    own = folder / "letter.j2"
    own.write_text(PLANTED, encoding="utf-8")
    os.chown(own, 65534, 65534)
    code, out, err = _letter(capsys, data)
    assert code == 0 and "death penalty" not in out and "Dear" in out
    assert f"{own} was not used because it belongs to another user" in err
    os.chown(own, 0, 0)
    os.chown(folder, 65534, 65534)
    code, out, err = _letter(capsys, data)
    assert code == 0 and "death penalty" not in out
    assert f"{folder} was not used because it belongs to another user" in err


def test_exports_and_created_folders_are_private(capsys, tmp_path):
    old = os.umask(0)
    try:
        data = tmp_path / "data"
        ics = tmp_path / "deadlines.ics"
        pack = tmp_path / "group.uapack"
        args = ("--data-dir", str(data), "--today", "2011-04-01")
        assert run(capsys, *args, "calendar", "-o", str(ics))[0] == 0
        assert run(capsys, *args, "pack-export", "juraev-2011", "-o", str(pack))[0] == 0
        assert _mode(ics) == 0o600 and _mode(pack) == 0o600
        # a pack with a template creates templates/ and templates/ru/: 0700 both
        from ua_writer.core import uapack

        other = tmp_path / "other"
        tdir = other / "templates"
        from ua_writer.core.store import open_store

        s = open_store(other / "db.sqlite3")
        try:
            source = tmp_path / "with-template.uapack"
            source.write_bytes(uapack.build_pack([], {"ru/letter.j2": b"{{ salutation }}"}))
            uapack.apply_plan(uapack.read_pack(source, s, templates_dir=tdir), s,
                              templates_dir=tdir, overwrite=True)
        finally:
            s.close()
        assert _mode(tdir) == 0o700 and _mode(tdir / "ru") == 0o700
        assert run(capsys, *args, "actions")[0] == 0
        assert _mode(data) == 0o700 and _mode(paths.log_dir()) == 0o700
    finally:
        os.umask(old)


def test_the_gui_lock_file_is_private(tmp_path):
    code = ("import os, stat, sys\n"
            "from ua_writer import paths\n"
            "paths.set_data_dir(sys.argv[1])\n"
            "from ua_writer.ui.application import acquire_lock\n"
            "lock = acquire_lock('ua-writer.lock')\n"
            "print(oct(stat.S_IMODE(os.stat(paths.data_dir() / 'ua-writer.lock').st_mode)))\n"
            "lock.unlock()\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "0o600"
