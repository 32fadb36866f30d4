"""``ua-writer FILE.uapack`` (the menu entry's ``Exec=ua-writer %F``, a double-click in the file
manager): the window comes up, then the file goes through the same import as a drop (issue #17)."""

from __future__ import annotations

import subprocess
import sys

from ua_writer import cli


def _export_pack(tmp_path, name="group.uapack"):
    target = tmp_path / name
    r = subprocess.run([sys.executable, "-m", "ua_writer", "--data-dir", str(tmp_path / "other"),
                        "pack-export", "juraev-2011", "-o", str(target)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return target


def test_a_group_pack_on_the_command_line_is_imported_after_the_first_paint(build_app, fake_prompts,
                                                                            tmp_path, qtbot):
    pack = _export_pack(tmp_path)
    window = build_app(str(pack))
    # the pack holds a bundled action this data dir already has: the import says so, by file name
    qtbot.waitUntil(lambda: any(pack.name in str(c) for c in fake_prompts.calls), timeout=10000)
    assert any(c[0] == "info" and pack.name in c[2] for c in fake_prompts.calls), fake_prompts.calls
    assert window.isVisible()


def test_files_to_open_make_the_launcher_command_line(tmp_path):
    pack = _export_pack(tmp_path)
    assert cli.gui_only([str(pack)]) and cli.gui_only(["--today", "2011-04-01", str(pack)])
    assert not cli.gui_only([str(tmp_path / "missing.uapack")])
    notes = tmp_path / "notes.odt"
    notes.write_text("x", encoding="utf-8")
    assert not cli.gui_only([str(notes)])  # not a kind of file we import
    code = (
        "from ua_writer import cli\n"
        "cli.run_gui = lambda args, ctx: print('FILES', args.files) or 0\n"
        f"raise SystemExit(cli.main([{str(pack)!r}]))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and f"FILES [{str(pack)!r}]" in r.stdout, r.stdout + r.stderr


def test_on_a_first_start_the_profile_is_asked_before_the_pack_not_under_it(build_app, fake_prompts,
                                                                             tmp_path, qtbot):
    """A double-clicked .uapack on a machine with no sender profile: the profile dialog, then the
    pack's import — never the import's dialog stacked over the open profile dialog."""
    pack = _export_pack(tmp_path)
    seen = {}

    def on_dialog(dialog):
        if dialog.objectName() == "profileDialog":
            qtbot.wait(1500)  # the user takes a moment; the window's event loop runs meanwhile
            seen["pack while the profile was open"] = any(pack.name in str(c) for c in fake_prompts.calls)
        return False

    fake_prompts.on_dialog = on_dialog
    build_app(str(pack))
    qtbot.waitUntil(lambda: any(pack.name in str(c) for c in fake_prompts.calls), timeout=10000)
    kinds = [c[:2] for c in fake_prompts.calls]
    assert ("dialog", "profileDialog") in kinds
    assert seen == {"pack while the profile was open": False}
