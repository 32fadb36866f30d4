"""Group packs from the GUI: File ▸ Export group pack… (``groupPackExport``) writes a .uapack that
core uapack reads back; File ▸ Import group pack… and a dropped .uapack show the plan
(``groupPackImport``) and apply it only when confirmed; a bad pack is a plain message and nothing
is applied."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import zipfile

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ua_writer.core import uapack

PAIR = ["juraev-2011", "azimov-2011"]


def _export(window, fake_prompts, target, ids=PAIR, templates=None):
    seen = {}

    def choose(dialog):
        if dialog.objectName() != "groupPackExport":        # e.g. the first-start profile
            return False
        seen["name"] = dialog.objectName()
        seen["checked"] = dialog.checked_ids()
        dialog.set_checked(ids)
        if templates is not None:
            dialog.include_templates.setChecked(templates)
        return True

    fake_prompts.on_dialog = choose
    fake_prompts.save_path = str(target)
    window.registry["pack_export"].trigger()
    return seen


def test_export_through_the_dialog(window, fake_prompts, tmp_path):
    tdir = window.group_packs.templates_dir
    (tdir / "ru").mkdir(parents=True)
    (tdir / "ru" / "letter.j2").write_text("Уважаемый {{ recipient }}", "utf-8")
    target = tmp_path / "group.uapack"
    seen = _export(window, fake_prompts, target)
    assert seen["name"] == "groupPackExport"
    assert window.action.id in seen["checked"]               # the current one is pre-checked
    assert "juraev-2011" in seen["checked"]                  # open on 2011-04-01
    assert "ivanovo-refugees-2006" not in seen["checked"] or window.action.id == "ivanovo-refugees-2006"
    assert target.exists()
    plan = uapack.read_pack(target, window.store, templates_dir=tdir)
    assert sorted(plan.actions) == sorted(PAIR)
    assert set(plan.templates) == {"ru/letter.j2"}
    assert not plan.has_work                                 # everything is the exporter's own
    assert not [c for c in fake_prompts.calls if c[0] == "error"]


def test_export_to_an_unwritable_folder_is_a_plain_message(window, fake_prompts, tmp_path):
    _export(window, fake_prompts, tmp_path / "no" / "such" / "folder" / "group.uapack")
    errors = [c for c in fake_prompts.calls if c[0] == "error"]
    assert len(errors) == 1 and "could not be saved" in errors[0][2]
    assert "Traceback" not in errors[0][2]


def _prepare_target(build_app, tmp_path):
    """A second window on a fresh data dir: azimov deleted (-> new), juraev's deadline moved
    (-> changed)."""
    other = build_app(data=tmp_path / "other-data")
    store = other.store
    store.delete_action("azimov-2011")
    juraev = store.get_action("juraev-2011", with_address_book=False)
    mine = dataclasses.replace(juraev, deadline=_dt.date(2011, 6, 1))
    store.save_action(mine, replace=True)
    other.reload_actions()
    return other


def _confirm_with(fake_prompts, seen, *, accept=True, overwrite=True):
    def review(dialog):
        if dialog.objectName() != "groupPackImport":
            return False
        seen["name"] = dialog.objectName()
        seen["lines"] = dialog.lines()
        dialog.overwrite.setChecked(overwrite)
        return accept

    fake_prompts.on_dialog = review


def test_import_shows_the_plan_and_applies_on_confirm(build_app, fake_prompts, tmp_path):
    source = build_app()
    pack = tmp_path / "group.uapack"
    _export(source, fake_prompts, pack, templates=False)
    other = _prepare_target(build_app, tmp_path)
    seen = {}
    _confirm_with(fake_prompts, seen)
    fake_prompts.open_path = str(pack)
    assert other.registry["pack_import"].trigger() is None
    assert seen["name"] == "groupPackImport"
    text = "\n".join(seen["lines"])
    assert "New: Action azimov-2011" in text
    assert "Changed: Action juraev-2011" in text and "deadline" in text
    assert other.store.has_action("azimov-2011")
    assert other.store.get_action("juraev-2011").deadline == _dt.date(2011, 5, 3)
    assert other.list_pane.proxy.proxy_row_for("azimov-2011") >= 0 or \
        other.model.row_for_id("azimov-2011") >= 0           # the list was refreshed
    infos = [c for c in fake_prompts.calls if c[0] == "info"]
    assert infos and "1 new action" in infos[-1][2] and "1 action updated" in infos[-1][2]


def test_import_without_overwrite_keeps_my_version(build_app, fake_prompts, tmp_path):
    source = build_app()
    pack = tmp_path / "group.uapack"
    _export(source, fake_prompts, pack, templates=False)
    other = _prepare_target(build_app, tmp_path)
    seen = {}
    _confirm_with(fake_prompts, seen, overwrite=False)
    other.group_packs.import_path(pack)
    assert other.store.has_action("azimov-2011")
    assert other.store.get_action("juraev-2011").deadline == _dt.date(2011, 6, 1)


def test_declined_import_applies_nothing(build_app, fake_prompts, tmp_path, qtbot):
    source = build_app()
    pack = tmp_path / "group.uapack"
    _export(source, fake_prompts, pack, templates=False)
    other = _prepare_target(build_app, tmp_path)
    seen = {}
    _confirm_with(fake_prompts, seen, accept=False)
    mime = QMimeData()                                       # dropped on the window this time
    mime.setUrls([QUrl.fromLocalFile(str(pack))])
    other.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: "name" in seen)
    assert seen["name"] == "groupPackImport"
    assert not other.store.has_action("azimov-2011")
    assert other.store.get_action("juraev-2011").deadline == _dt.date(2011, 6, 1)


def test_corrupt_pack_is_an_error_and_nothing_is_applied(build_app, fake_prompts, tmp_path):
    source = build_app()
    pack = tmp_path / "group.uapack"
    _export(source, fake_prompts, pack, templates=False)
    bad = tmp_path / "bad.uapack"
    with zipfile.ZipFile(pack) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "actions/azimov-2011.json":
                data = data.replace(b"2011-08-23", b"2011-08-24")   # hash no longer matches
            zout.writestr(info, data)
    other = _prepare_target(build_app, tmp_path)
    fake_prompts.calls.clear()
    fake_prompts.on_dialog = lambda d: True
    assert other.group_packs.import_path(bad) is None
    errors = [c for c in fake_prompts.calls if c[0] == "error"]
    assert len(errors) == 1 and "SHA-256" in errors[0][2] and "nothing was imported" in errors[0][2]
    assert ("dialog", "groupPackImport") not in fake_prompts.calls
    assert not other.store.has_action("azimov-2011")
    assert other.store.get_action("juraev-2011").deadline == _dt.date(2011, 6, 1)


HARM = "I also support the death penalty in this case."


def _template_pack(tmp_path, data: bytes, actions: dict[str, bytes] | None = None):
    """A .uapack with one templates/en/letter.j2 (and ``actions``: {id: pack json bytes})."""
    import hashlib
    import io
    import json

    files = {"templates/en/letter.j2": data}
    files.update({f"actions/{aid}.json": body for aid, body in (actions or {}).items()})
    manifest = {"format": "ua-writer/uapack", "version": 1, "created": "2011-04-28T12:00:00Z",
                "actions": sorted(actions or {}),
                "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                          for n, d in files.items()}}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for n, d in files.items():
            zf.writestr(n, d)
    pack = tmp_path / "evil.uapack"
    pack.write_bytes(buf.getvalue())
    return pack


def _review(fake_prompts, seen, *, tick: bool):
    """Look at the import dialog like a user: its lines, the diff, the tick box, Import."""
    def review(dialog):
        if dialog.objectName() != "groupPackImport":
            return False
        seen["lines"] = dialog.lines()
        seen["diff"] = dialog.diff_text()
        seen["diff_visible"] = not dialog.diff.isHidden()
        seen["read_only"] = dialog.diff.isReadOnly()
        seen["tick"] = dialog.overwrite.text()
        seen["import_before"] = dialog.import_button.isEnabled()
        dialog.overwrite.setChecked(tick)
        seen["import_after"] = dialog.import_button.isEnabled()
        return True   # press Import (refused while it is disabled, as a real dialog does)

    fake_prompts.on_dialog = review


def test_a_pack_template_is_not_installed_without_consent(window, fake_prompts, tmp_path):
    """Issue #16 item 4: a group pack's letter template is shown as a diff (here, new: its whole
    text as added lines, the same lines pack-import prints) and only installed when the user
    ticks the consent box; Import stays disabled until then, and pressing it installs nothing."""
    data = f"{{% block body %}}\n{HARM}\n{{% endblock %}}\n".encode()
    pack = _template_pack(tmp_path, data)
    target = window.group_packs.templates_dir / "en" / "letter.j2"
    seen = {}
    _review(fake_prompts, seen, tick=False)
    assert window.group_packs.import_path(pack) is None     # Import stayed disabled
    assert not target.exists()
    assert seen["diff_visible"] and seen["read_only"]
    assert f"+{HARM}" in seen["diff"].splitlines()
    plan = uapack.read_pack(pack, window.store, templates_dir=window.group_packs.templates_dir)
    assert seen["diff"] == "\n".join(plan.consent_diff()).strip("\n")   # what the CLI prints
    assert seen["tick"] == "Install 1 new letter template (the changes are shown above)"
    assert "Overwrite" not in seen["tick"]
    assert any(l.startswith("New: Template en/letter.j2") and "change your letters" in l
               for l in seen["lines"])
    assert seen["import_before"] is False and seen["import_after"] is False
    _review(fake_prompts, seen, tick=True)
    window.group_packs.import_path(pack)
    assert seen["import_before"] is False and seen["import_after"] is True
    assert target.read_bytes() == data


def test_a_changed_template_shows_what_it_replaces(window, fake_prompts, tmp_path):
    target = window.group_packs.templates_dir / "en" / "letter.j2"
    target.parent.mkdir(parents=True)
    mine = "{% block body %}\nPlease release him.\n{% endblock %}\n"
    target.write_text(mine, encoding="utf-8")
    pack = _template_pack(tmp_path, f"{{% block body %}}\n{HARM}\n{{% endblock %}}\n".encode())
    seen = {}
    _review(fake_prompts, seen, tick=False)
    window.group_packs.import_path(pack)
    lines = seen["diff"].splitlines()
    assert "-Please release him." in lines and f"+{HARM}" in lines
    assert seen["tick"] == "Overwrite my version of 1 changed item"
    assert target.read_text(encoding="utf-8") == mine


def test_new_actions_import_without_the_template(build_app, fake_prompts, tmp_path):
    """A new action beside a new template: Import is enabled without the tick (the action is
    imported), the template is not; the tick box names only the template."""
    from ua_writer.core import packs

    source = build_app()
    body = packs.dumps(source.store.get_action("azimov-2011", with_address_book=False)).encode()
    other = build_app(data=tmp_path / "other-data")
    other.store.delete_action("azimov-2011")
    pack = _template_pack(tmp_path, f"{{% block body %}}{HARM}{{% endblock %}}".encode(),
                          {"azimov-2011": body})
    seen = {}
    _review(fake_prompts, seen, tick=False)
    other.group_packs.import_path(pack)
    assert seen["import_before"] is True
    assert seen["tick"] == "Install 1 new letter template (the changes are shown above)"
    assert other.store.has_action("azimov-2011")
    assert not (other.group_packs.templates_dir / "en" / "letter.j2").exists()


def test_the_tick_box_names_templates_and_changed_items(window, tmp_path):
    from ua_writer.ui.dialogs.group_pack_dialog import GroupPackImportDialog

    plan = uapack.ImportPlan(tmp_path / "p.uapack", 1, [
        uapack.PlanItem("template", "en/letter.j2", "new", diff=["+a"]),
        uapack.PlanItem("template", "ru/letter.j2", "new", diff=["+b"]),
        uapack.PlanItem("action", "juraev-2011", "changed", diff=["-x", "+y"])])
    dialog = GroupPackImportDialog(plan)
    assert dialog.overwrite.text() == ("Install 2 new letter templates and overwrite my version "
                                       "of 1 changed item (the changes are shown above)")
    assert dialog.diff_text().splitlines() == ["+a", "", "+b", "", "-x", "+y"]
    assert not dialog.import_button.isEnabled()
    dialog.close()
