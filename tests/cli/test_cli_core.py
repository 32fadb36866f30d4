"""The CLI contract of the foundation: actions/show/import/export/profile/drafts/sent and errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from ua_writer.cli import main

from ..cli_run import run


def test_actions_all_json_lists_the_five_seeds(capsys, dd):
    code, out, err = run(capsys, "--data-dir", dd, "--today", "2011-04-01", "actions", "--status", "all", "--json")
    assert code == 0, err
    rows = json.loads(out)
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 5
    assert by_id["juraev-2011"] == {
        "id": "juraev-2011", "title": "Russia extradites Tajikistani asylum seeker", "country": "RU",
        "issue_date": "2011-03-22", "deadline": "2011-05-03", "days_left": 32, "status": "open"}
    assert by_id["azimov-2011"]["deadline"] == "2011-08-23"
    assert by_id["kasymakhunov-2012"]["deadline"] == "2012-08-20"
    assert [r["status"] for r in rows] == ["open", "open", "open", "undated", "undated"]
    assert [r["id"] for r in rows[:3]] == ["juraev-2011", "azimov-2011", "kasymakhunov-2012"]


def test_default_status_is_open_and_today_env(capsys, dd, monkeypatch):
    monkeypatch.setenv("UA_WRITER_TODAY", "2011-06-01")
    code, out, _ = run(capsys, "--data-dir", dd, "actions", "--json")
    assert [r["id"] for r in json.loads(out)] == ["azimov-2011", "kasymakhunov-2012"]
    code, out, _ = run(capsys, "--data-dir", dd, "actions", "--status", "past", "--json")
    assert [r["id"] for r in json.loads(out)] == ["juraev-2011"]
    assert json.loads(out)[0]["days_left"] == -29
    code, out, _ = run(capsys, "--data-dir", dd, "actions")
    assert "azimov-2011" in out and "d left" in out


def test_show_json_round_trips_through_import_and_export(capsys, dd, tmp_path):
    code, shown, _ = run(capsys, "--data-dir", dd, "show", "kasymakhunov-2012", "--json")
    assert code == 0
    pack = tmp_path / "k.json"
    pack.write_text(shown, encoding="utf-8")
    # same id: refused without --replace
    code, _, err = run(capsys, "--data-dir", dd, "import", str(pack))
    assert code == 2 and err.startswith("ua-writer: error:") and "already exists" in err
    # into a fresh data dir under another id it imports, and shows identically
    other = json.loads(shown)
    other["id"] = "kasymakhunov-copy"
    pack.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", dd, "import", str(pack))
    assert code == 0, err
    code, shown2, _ = run(capsys, "--data-dir", dd, "show", "kasymakhunov-copy", "--json")
    assert json.loads(shown2) == other
    out_file = tmp_path / "exported.json"
    code, _, _ = run(capsys, "--data-dir", dd, "export", "kasymakhunov-copy", "-o", str(out_file))
    assert code == 0 and out_file.read_text(encoding="utf-8") == shown2
    assert stat.S_IMODE(os.stat(out_file).st_mode) == 0o600
    code, _, _ = run(capsys, "--data-dir", dd, "import", str(pack), "--replace")
    assert code == 0


def test_show_human_readable(capsys, dd):
    code, out, _ = run(capsys, "--data-dir", dd, "--today", "2011-04-01", "show", "kasymakhunov-2012")
    assert code == 0
    assert "+7 495 695 51 72" in out and "+7 495 691 98 77" in out and "Copy to:" in out


@pytest.mark.parametrize("argv, fragment", [
    (["show", "nope"], "no action with id 'nope'"),
    (["import", "/nonexistent/x.json"], "file not found"),
    (["--today", "2011-13-01", "actions"], "ISO date"),
    (["export", "juraev-2011", "-o", "/nonexistent-dir/x.json"], "does not exist"),
    (["export", "juraev-2011", "-o", "/proc/x.json"], "cannot write"),
    (["actions", "--status", "soon"], "invalid choice"),
    (["profile", "--set", "colour=red"], "unknown profile field"),
    (["drafts", "nope"], "no action"),
    (["mark-sent", "juraev-2011", "--to", "nobody", "--lang", "ru", "--channel", "fax"], "no recipient"),
])
def test_errors_are_one_line_exit_2_no_traceback(capsys, dd, argv, fragment):
    with pytest.raises(SystemExit) if "invalid choice" in fragment else _nullcontext() as e:
        code = main(["--data-dir", dd] + argv)
    out, err = capsys.readouterr()
    if "invalid choice" in fragment:
        code = e.value.code
    assert code == 2
    lines = [l for l in err.splitlines() if l.startswith("ua-writer: error:")]
    assert len(lines) == 1 and fragment in lines[0], err
    assert "Traceback" not in err


class _nullcontext:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def test_bad_pack_import_names_file_and_field_and_stores_nothing(capsys, dd, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "ua-writer/action@1", "id": "x-1", "title": "T",
                               "recipients": [{"id": "r", "fax": "+7 1"}]}), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", dd, "import", str(bad))
    assert code == 2 and "bad.json: recipients[0].fax: expected a list of strings" in err
    code, out, _ = run(capsys, "--data-dir", dd, "actions", "--status", "all", "--json")
    assert "x-1" not in out


def test_corrupt_database_one_line_error_then_repair(capsys, dd):
    os.makedirs(dd)
    db = os.path.join(dd, "ua-writer.sqlite3")
    with open(db, "wb") as f:
        f.write(b"garbage" * 1000)
    code, _, err = run(capsys, "--data-dir", dd, "actions")
    assert code == 2 and "damaged" in err and "ua-writer repair" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", dd, "repair")
    assert code == 0 and "moved to" in out
    assert any(n.startswith("ua-writer.sqlite3.damaged-") for n in os.listdir(dd))
    code, out, _ = run(capsys, "--data-dir", dd, "--today", "2011-04-01", "actions", "--json")
    assert code == 0 and len(json.loads(out)) == 3


def test_profile_drafts_sent(capsys, dd):
    code, out, _ = run(capsys, "--data-dir", dd, "profile", "--set", "name=Anna Kovač",
                       "address_lines=Hauptstr. 1|10115 Berlin", "city=Berlin", "country=de", "gender=f",
                       "languages=ru,en", "names.ru=Анна Ковач", "--json")
    p = json.loads(out)
    assert p["name"] == "Anna Kovač" and p["address_lines"] == ["Hauptstr. 1", "10115 Berlin"]
    assert p["country"] == "DE" and p["languages"] == ["ru", "en"] and p["names"] == {"ru": "Анна Ковач"}
    code, out, _ = run(capsys, "--data-dir", dd, "drafts", "--json")
    assert json.loads(out) == []
    from ua_writer.core.store import open_store
    from ua_writer import paths
    paths.set_data_dir(dd)
    s = open_store()
    s.save_draft("juraev-2011", "ru", "prosecutor-general", "Уважаемый Юрий Яковлевич!")
    s.close()
    code, out, _ = run(capsys, "--data-dir", dd, "drafts", "juraev-2011", "--json")
    d = json.loads(out)
    assert d[0]["text"] == "Уважаемый Юрий Яковлевич!" and set(d[0]) == {
        "action_id", "language", "recipient_id", "text", "updated_at"}
    code, out, _ = run(capsys, "--data-dir", dd, "--today", "2011-04-02", "mark-sent", "juraev-2011",
                       "--to", "prosecutor-general", "--lang", "ru", "--channel", "fax")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", dd, "sent", "--json")
    assert json.loads(out) == [{"action_id": "juraev-2011", "recipient_id": "prosecutor-general",
                                "language": "ru", "channel": "fax", "sent_on": "2011-04-02"}]


def test_entry_points_without_display(tmp_path):
    env = dict(os.environ, UA_WRITER_DATA_DIR=str(tmp_path / "d"))
    env.pop("DISPLAY", None)
    r = subprocess.run([sys.executable, "-m", "ua_writer", "--today", "2011-04-01", "actions"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and "juraev-2011" in r.stdout
    r = subprocess.run([sys.executable, "-m", "ua_writer", "--version"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("ua-writer ")


def test_no_command_starts_the_gui_without_loading_the_commands(tmp_path):
    """The desktop launcher's command line (no command, maybe --data-dir/--today) goes straight to
    the GUI: no command module (batch, multiprocessing, mail, ...) is imported first."""
    from ua_writer import cli

    assert cli.gui_only([]) and cli.gui_only(["--data-dir", "/x", "--today", "2011-04-01"])
    assert cli.gui_only(["--today=2011-04-01"])
    for argv in (["actions"], ["--help"], ["--version"], ["--today"], ["--data-dir", "--today", "x"],
                 ["--data-dir", "/x", "gui"], ["-h"]):
        assert not cli.gui_only(argv), argv
    code = (
        "import sys\n"
        "from ua_writer import cli\n"
        "cli.run_gui = lambda args, ctx: print('GUI', args.data_dir, ctx.today) or 0\n"
        f"rc = cli.main(['--data-dir', {str(tmp_path)!r}, '--today', '2011-04-01'])\n"
        "print('RC', rc)\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith('ua_writer.commands.')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, UA_WRITER_DATA_DIR=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    assert f"GUI {tmp_path} 2011-04-01" in r.stdout and "RC 0" in r.stdout
    assert "LOADED []" in r.stdout, r.stdout


def test_gui_without_a_display_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["UA_WRITER_DATA_DIR"] = str(tmp_path / "d")
    r = subprocess.run([sys.executable, "-m", "ua_writer"], capture_output=True, text=True, env=env,
                       timeout=60)
    assert r.returncode == 2
    assert r.stderr.startswith("ua-writer: error: no display") and "xvfb-run" in r.stderr
    assert "Traceback" not in r.stderr and "core dumped" not in r.stderr


@pytest.mark.parametrize("argv, values, rest", [
    (["--data-dir", "/x", "--today", "2011-04-01"], {"data_dir": "/x", "today": "2011-04-01"}, []),
    (["--data-dir=/y"], {"data_dir": "/y"}, []),
    (["--data", "/x", "--tod=2011-04-01"], {"data_dir": "/x", "today": "2011-04-01"}, []),  # argparse's
    (["-platform", "offscreen", "--data-dir", "/x"], {"data_dir": "/x"}, ["-platform", "offscreen"]),
    (["--today"], {}, ["--today"]),                      # no value: left for argparse to report
    (["--data-dir", "-x"], {}, ["--data-dir", "-x"]),
    (["--testability", "--", "x"], {}, ["--testability", "--", "x"]),  # Qt's and others' stay
])
def test_split_global_options_as_the_app_and_launcher_read_them(argv, values, rest):
    from ua_writer.commands import split_global_options

    assert split_global_options(argv) == (values, rest)
