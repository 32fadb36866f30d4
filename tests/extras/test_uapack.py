"""Group packs (.uapack): export, the import plan, all-or-nothing apply, and hostile files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import stat
import zipfile

import pytest

from ua_writer.core import packs, uapack
from ua_writer.core.errors import UserFacingError
from ua_writer.core.store import open_store

NOW = dt.datetime(2011, 4, 28, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def tdir(tmp_path):
    d = tmp_path / "templates"
    (d / "ru").mkdir(parents=True)
    (d / "ru" / "letter.j2").write_text("{{ salutation }}\nГруппа 42\n", encoding="utf-8")
    return d


@pytest.fixture
def other(tmp_path):
    """A second user's store (the group member who imports)."""
    s = open_store(tmp_path / "other" / "db.sqlite3", sync=False)
    yield s
    s.close()


def export(store, tmp_path, tdir, ids=("juraev-2011", "azimov-2011")):
    target = tmp_path / "group.uapack"
    uapack.export_pack(store, list(ids), target, templates_dir=tdir, now=NOW)
    return target


def pack_bytes(files: dict[str, bytes], *, manifest: dict | None = None, extra: dict | None = None,
               actions: list[str] | None = None) -> bytes:
    """A hand-made pack: ``files`` with a correct manifest (unless ``manifest`` overrides keys)
    and ``extra`` entries written raw (not in the manifest)."""
    m = {"format": uapack.FORMAT, "version": 1, "created": "2011-04-28T12:00:00Z",
         "actions": actions if actions is not None else
         [n[len("actions/"):-len(".json")] for n in files if n.startswith("actions/")],
         "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in files.items()}}
    m.update(manifest or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(m))
        for n, d in list(files.items()) + list((extra or {}).items()):
            zf.writestr(n, d)
    return buf.getvalue()


def action_bytes(store, aid="juraev-2011") -> bytes:
    return packs.dumps(store.get_action(aid, with_address_book=False)).encode()


# -- export and a clean import ----------------------------------------------------------------------

def test_export_layout_manifest_and_hashes(store, tmp_path, tdir):
    target = export(store, tmp_path, tdir)
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert names[0] == "manifest.json"
        assert set(names) == {"manifest.json", "actions/juraev-2011.json", "actions/azimov-2011.json",
                              "templates/ru/letter.j2"}
        m = json.loads(zf.read("manifest.json"))
        assert m["format"] == "ua-writer/uapack" and m["version"] == 1
        assert m["actions"] == ["juraev-2011", "azimov-2011"]
        for name, meta in m["files"].items():
            data = zf.read(name)
            assert meta == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    # reproducible: same input, same bytes
    again = tmp_path / "again.uapack"
    uapack.export_pack(store, ["juraev-2011", "azimov-2011"], again, templates_dir=tdir, now=NOW)
    assert again.read_bytes() == target.read_bytes()


def test_export_unknown_id_and_hidden_files(store, tmp_path, tdir):
    with pytest.raises(UserFacingError, match="nope"):
        uapack.export_pack(store, ["juraev-2011", "nope"], tmp_path / "x.uapack", templates_dir=tdir)
    assert not (tmp_path / "x.uapack").exists()
    (tdir / ".secret").write_text("x")
    (tdir / "ru" / "letter.j2~").write_text("backup")
    target = export(store, tmp_path, tdir, ids=["juraev-2011"])
    with zipfile.ZipFile(target) as zf:
        assert [n for n in zf.namelist() if n.startswith("templates/")] == ["templates/ru/letter.j2"]


def test_import_into_an_empty_store(store, other, tmp_path, tdir):
    target = export(store, tmp_path, tdir)
    dest = tmp_path / "their-templates"
    plan = uapack.read_pack(target, other, templates_dir=dest)
    assert [(i.kind, i.name, i.status) for i in plan.items] == [
        ("action", "azimov-2011", "new"), ("action", "juraev-2011", "new"),
        ("template", "ru/letter.j2", "new")]
    assert not plan.changed and plan.has_work
    # a template rewrites every letter in its language: never installed without consent
    assert [i.name for i in plan.needs_consent] == ["ru/letter.j2"]
    with pytest.raises(UserFacingError, match="would install 1 letter template: ru/letter.j2"):
        uapack.apply_plan(plan, other, templates_dir=dest)
    assert other.action_rows() == [] and not (dest / "ru" / "letter.j2").exists()
    result = uapack.apply_plan(plan, other, templates_dir=dest, overwrite=True)
    assert sorted(result.added) == ["azimov-2011", "juraev-2011"] and result.updated == []
    assert packs.dumps(other.get_action("juraev-2011")) == packs.dumps(store.get_action("juraev-2011", with_address_book=False))
    assert (dest / "ru" / "letter.j2").read_text(encoding="utf-8") == "{{ salutation }}\nГруппа 42\n"
    assert {r.origin for r in other.action_rows()} == {"imported"}
    # importing again: everything unchanged, nothing to do
    again = uapack.read_pack(target, other, templates_dir=dest)
    assert {i.status for i in again.items} == {"unchanged"} and not again.has_work


def test_plan_shows_changes_and_overwrite_needs_consent(store, other, tmp_path, tdir):
    target = export(store, tmp_path, tdir)
    dest = tmp_path / "their-templates"
    uapack.apply_plan(uapack.read_pack(target, other, templates_dir=dest), other, templates_dir=dest,
                      overwrite=True)
    # the other user edits their copy and their template
    mine = other.get_action("juraev-2011")
    mine.deadline = dt.date(2011, 6, 1)
    mine.notes = "our notes"
    other.save_action(mine, replace=True)
    (dest / "ru" / "letter.j2").write_text("ours", encoding="utf-8")
    plan = uapack.read_pack(target, other, templates_dir=dest)
    changed = {i.name: i for i in plan.changed}
    assert set(changed) == {"juraev-2011", "ru/letter.j2"}
    assert changed["juraev-2011"].changes == ["deadline", "notes"]
    assert "would overwrite" in changed["juraev-2011"].describe()
    with pytest.raises(UserFacingError, match="overwrite 2 changed"):
        uapack.apply_plan(plan, other, templates_dir=dest)
    assert other.get_action("juraev-2011").notes == "our notes"          # nothing applied
    assert (dest / "ru" / "letter.j2").read_text(encoding="utf-8") == "ours"
    result = uapack.apply_plan(plan, other, templates_dir=dest, overwrite=True)
    assert result.updated == ["juraev-2011"]
    assert other.get_action("juraev-2011").deadline == dt.date(2011, 5, 3)
    assert (dest / "ru" / "letter.j2").read_text(encoding="utf-8").startswith("{{ salutation }}")


def test_a_failing_transaction_applies_nothing(store, other, tmp_path, tdir, monkeypatch):
    target = export(store, tmp_path, tdir)
    dest = tmp_path / "their-templates"
    plan = uapack.read_pack(target, other, templates_dir=dest)
    calls = []
    real = type(other)._save_action

    def flaky(self, db, action, origin, replace):
        calls.append(action.id)
        if len(calls) == 2:
            raise OSError("disk on fire")
        return real(self, db, action, origin, replace)

    monkeypatch.setattr(type(other), "_save_action", flaky)
    with pytest.raises(OSError):
        uapack.apply_plan(plan, other, templates_dir=dest, overwrite=True)
    monkeypatch.undo()
    assert other.action_rows() == []                                     # rolled back
    assert not (dest / "ru" / "letter.j2").exists()
    assert list((dest / "ru").iterdir()) == []                           # no temp files left


def test_a_bad_action_among_good_ones_imports_nothing(store, other, tmp_path):
    bad = json.loads(action_bytes(store))
    bad["id"] = "broken-one"
    bad["deadline"] = "someday"
    src = tmp_path / "mixed.uapack"
    src.write_bytes(pack_bytes({"actions/azimov-2011.json": action_bytes(store, "azimov-2011"),
                                "actions/broken-one.json": json.dumps(bad).encode()}))
    with pytest.raises(UserFacingError, match=r"broken-one\.json.*deadline.*nothing was imported"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")
    assert other.action_rows() == []


# -- hostile and broken files -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../evil.txt", "templates/../../evil.j2", "/etc/passwd",
                                  "C:/evil.j2", "templates\\..\\evil.j2", "templates/./x.j2"])
def test_zip_slip_names_are_refused(store, other, tmp_path, name):
    src = tmp_path / "slip.uapack"
    src.write_bytes(pack_bytes({"actions/juraev-2011.json": action_bytes(store), name: b"x"}))
    with pytest.raises(UserFacingError, match="unsafe"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "evil.j2").exists()


@pytest.mark.parametrize("name", ["actions/" + "x" * 5000 + ".json", "../" + "y" * 60_000, "templates/" + "z" * 9000])
def test_a_huge_entry_name_is_cut_short_in_the_one_line_error(store, other, tmp_path, name):
    src = tmp_path / "long.uapack"
    src.write_bytes(pack_bytes({"actions/juraev-2011.json": action_bytes(store), name: b"{}"}))
    with pytest.raises(UserFacingError) as info:
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")
    message = info.value.message
    assert "\n" not in message and len(message) < 400 and "…" in message, message[:500]


@pytest.mark.parametrize("name", ["templates/.hidden.j2", "templates/a/b/c/d.j2", "templates/ru/ä.j2"])
def test_odd_template_paths_are_refused(store, other, tmp_path, name):
    src = tmp_path / "odd.uapack"
    src.write_bytes(pack_bytes({name: b"x"}))
    with pytest.raises(UserFacingError, match="unsafe template path"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")


def test_symlink_entries_are_refused(other, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", "{}")
        info = zipfile.ZipInfo("templates/ru/letter.j2")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    src = tmp_path / "link.uapack"
    src.write_bytes(buf.getvalue())
    with pytest.raises(UserFacingError, match="symbolic link"):
        uapack.read_pack(src, other)


def test_zip_bomb_and_oversized_entries_are_refused(other, tmp_path, monkeypatch):
    src = tmp_path / "bomb.uapack"
    src.write_bytes(pack_bytes({"templates/ru/letter.j2": b"\0" * (4 * 1024 * 1024)}))
    with pytest.raises(UserFacingError, match="zip bomb"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")
    monkeypatch.setattr(uapack, "MAX_ENTRY_BYTES", 1000)
    src.write_bytes(pack_bytes({"templates/ru/letter.j2": os.urandom(2000)}))
    with pytest.raises(UserFacingError, match="too large"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")
    monkeypatch.setattr(uapack, "MAX_ENTRIES", 3)
    src.write_bytes(pack_bytes({f"templates/ru/{i}.j2": b"x" for i in range(5)}))
    with pytest.raises(UserFacingError, match="too many entries"):
        uapack.read_pack(src, other, templates_dir=tmp_path / "t")


def test_unknown_version_and_wrong_format(store, other, tmp_path):
    src = tmp_path / "v2.uapack"
    src.write_bytes(pack_bytes({"actions/juraev-2011.json": action_bytes(store)}, manifest={"version": 2}))
    with pytest.raises(UserFacingError, match="unknown pack version 2.*newer ua-writer"):
        uapack.read_pack(src, other)
    src.write_bytes(pack_bytes({}, manifest={"format": "something/else"}))
    with pytest.raises(UserFacingError, match="does not name the format"):
        uapack.read_pack(src, other)


def test_hash_mismatch_missing_and_unlisted_files(store, other, tmp_path):
    data = action_bytes(store)
    good = pack_bytes({"actions/juraev-2011.json": data})
    # same manifest, altered content
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(buf, "w") as zout:
        zout.writestr("manifest.json", zin.read("manifest.json"))
        zout.writestr("actions/juraev-2011.json", data.replace(b"2011-05-03", b"2011-05-30"))
    src = tmp_path / "tampered.uapack"
    src.write_bytes(buf.getvalue())
    with pytest.raises(UserFacingError, match="does not match its SHA-256"):
        uapack.read_pack(src, other)
    src.write_bytes(pack_bytes({"actions/juraev-2011.json": data}, extra={"actions/x.json": b"{}"}))
    with pytest.raises(UserFacingError, match="not listed in the manifest"):
        uapack.read_pack(src, other)
    m = {"files": {"actions/juraev-2011.json": {"sha256": "0" * 64, "size": 3}}}
    src.write_bytes(pack_bytes({}, manifest=m, actions=["juraev-2011"]))
    with pytest.raises(UserFacingError, match="listed in the manifest but missing"):
        uapack.read_pack(src, other)


def test_not_a_zip_no_manifest_misnamed_action(store, other, tmp_path):
    src = tmp_path / "x.uapack"
    src.write_text("hello")
    with pytest.raises(UserFacingError, match="not a zip"):
        uapack.read_pack(src, other)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("actions/juraev-2011.json", action_bytes(store))
    src.write_bytes(buf.getvalue())
    with pytest.raises(UserFacingError, match="no manifest"):
        uapack.read_pack(src, other)
    src.write_bytes(pack_bytes({"actions/other-name.json": action_bytes(store)}))
    with pytest.raises(UserFacingError, match="must be named actions/juraev-2011.json"):
        uapack.read_pack(src, other)
    with pytest.raises(UserFacingError, match="not found"):
        uapack.read_pack(tmp_path / "missing.uapack", other)


def test_templates_never_escape_through_a_symlinked_folder(store, other, tmp_path, tdir):
    target = export(store, tmp_path, tdir, ids=["juraev-2011"])
    dest = tmp_path / "their-templates"
    dest.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (dest / "ru").symlink_to(outside, target_is_directory=True)
    plan = uapack.read_pack(target, other, templates_dir=dest)
    with pytest.raises(UserFacingError, match="outside"):
        uapack.apply_plan(plan, other, templates_dir=dest, overwrite=True)
    assert list(outside.iterdir()) == [] and other.action_rows() == []


# -- CLI --------------------------------------------------------------------------------------------

def test_cli_pack_export_and_import(cli, tmp_path, data_dir, monkeypatch):
    target = tmp_path / "group.uapack"
    code, out, err = cli("pack-export", "juraev-2011", "kasymakhunov-2012", "-o", str(target))
    assert code == 0, err
    assert "2 actions" in out and target.exists()
    # the same data dir: everything unchanged
    code, out, err = cli("pack-import", str(target))
    assert code == 0, err
    assert "unchanged" in out and "nothing to import" in out
    # change one action locally: without --yes and without a TTY, refuse
    s = open_store()
    a = s.get_action("juraev-2011")
    a.notes = "local"
    s.save_action(a, replace=True)
    s.close()
    code, out, _ = cli("pack-import", str(target), "--dry-run")
    assert code == 0 and "changed  action juraev-2011" in out and "dry run" in out
    code, out, err = cli("pack-import", str(target))
    assert code == 2 and "re-run with --yes" in err
    code, out, err = cli("pack-import", str(target), "--yes")
    assert code == 0, err
    assert "1 updated" in out
    s = open_store()
    assert s.get_action("juraev-2011").notes != "local"
    s.close()


def test_cli_pack_import_bad_file(cli, tmp_path):
    bad = tmp_path / "bad.uapack"
    bad.write_bytes(b"PK\x03\x04garbage")
    code, _, err = cli("pack-import", str(bad))
    assert code == 2 and err.startswith("ua-writer: error:") and "nothing was imported" in err


class _Terminal:
    """A stdin that is a terminal and answers ``answer`` to the question."""

    def __init__(self, answer: str):
        self.answer = answer
        self.asked = 0

    def isatty(self):
        return True

    def readline(self):
        self.asked += 1
        return self.answer + "\n"


@pytest.mark.parametrize("answer, code, notes_kept", [
    ("y", 0, False), ("YES", 0, False), ("n", 2, True), ("", 2, True), ("maybe", 2, True),
])
def test_cli_pack_import_asks_on_a_terminal(cli, tmp_path, monkeypatch, answer, code, notes_kept):
    import sys

    target = tmp_path / "group.uapack"
    assert cli("pack-export", "juraev-2011", "-o", str(target))[0] == 0
    s = open_store()
    a = s.get_action("juraev-2011")
    a.notes = "local"
    s.save_action(a, replace=True)
    s.close()
    terminal = _Terminal(answer)
    monkeypatch.setattr(sys, "stdin", terminal)
    got, out, err = cli("pack-import", str(target))
    assert terminal.asked == 1 and "Overwrite 1 changed item? [y/N] " in err
    assert got == code, err
    s = open_store()
    assert (s.get_action("juraev-2011").notes == "local") is notes_kept
    s.close()
    if notes_kept:
        assert "re-run with --yes" in err
    else:
        assert "1 updated" in out
