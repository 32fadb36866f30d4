"""Replacing an action keeps its drafts and sent records attached, and the plan names what changed.

Issue #16 item 8: ``import --replace`` and ``pack-import --yes`` left drafts and sent records
pointing at recipients that no longer existed (the new version spelled the id differently), and
the plan said only "differs in recipients" when just a fax number had changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from ua_writer.core import packs, uapack
from ua_writer.core.model import Recipient
from ua_writer.core.store import match_recipients, open_store

from ..cli_run import run


@pytest.fixture
def store(data_dir):
    s = open_store()
    yield s
    s.close()


def _cli(capsys, data_dir, *argv):
    return run(capsys, "--data-dir", str(data_dir), "--today", "2011-04-01", *argv)


def _write_with_my_work(store) -> None:
    store.save_draft("juraev-2011", "ru", "prosecutor-general", "Мой черновик генпрокурору")
    store.save_draft("juraev-2011", "en", "prosecutor-general", "My draft")
    store.mark_sent("juraev-2011", "prosecutor-general", "ru", "fax", dt.date(2011, 4, 1))


def _new_version(store, **changes):
    """The Juraev action with its Prosecutor General changed as ``changes`` say."""
    action = store.get_action("juraev-2011", with_address_book=False)
    action.recipients = [dataclasses.replace(r, **changes) if r.id == "prosecutor-general" else r
                         for r in action.recipients]
    return action


def test_import_replace_with_a_new_recipient_id_keeps_drafts_and_sent(store, capsys, data_dir,
                                                                       tmp_path):
    _write_with_my_work(store)
    new = _new_version(store, id="prosecutor-general-of-the", fax=["+7 495 692 17 25"])
    pack = tmp_path / "juraev.json"
    pack.write_text(packs.dumps(new), encoding="utf-8")
    store.close()

    code, out, err = _cli(capsys, data_dir, "import", str(pack), "--replace")
    assert code == 0, err

    s = open_store()
    try:
        drafts = {(d.language, d.recipient_id): d.text for d in s.drafts("juraev-2011")}
        assert drafts == {("ru", "prosecutor-general-of-the"): "Мой черновик генпрокурору",
                          ("en", "prosecutor-general-of-the"): "My draft"}
        assert [r.recipient_id for r in s.sent("juraev-2011")] == ["prosecutor-general-of-the"]
        ids = {r.id for r in s.get_action("juraev-2011").recipients}
        assert all(d[1] in ids for d in drafts)  # nothing orphaned
    finally:
        s.close()
    code, out, err = _cli(capsys, data_dir, "drafts", "juraev-2011")
    assert "prosecutor-general-of-the" in out


def test_pack_import_yes_keeps_drafts_and_the_plan_names_the_fax(store, capsys, data_dir, tmp_path):
    _write_with_my_work(store)
    new = _new_version(store, fax=["+7 495 692 17 25"])
    target = tmp_path / "group.uapack"
    target.write_bytes(uapack.build_pack([new], {}))
    store.close()

    code, out, err = _cli(capsys, data_dir, "pack-import", str(target), "--dry-run")
    assert code == 0, err
    assert "differs in recipients (prosecutor-general: fax)" in out, out

    moved = _new_version(open_store(), id="chaika", fax=["+7 495 692 17 25"])
    target.write_bytes(uapack.build_pack([moved], {}))
    code, out, err = _cli(capsys, data_dir, "pack-import", str(target), "--yes")
    assert code == 0, err
    assert "chaika: id was prosecutor-general, fax" in out, out
    s = open_store()
    try:
        assert {d.recipient_id for d in s.drafts("juraev-2011")} == {"chaika"}
        assert [r.recipient_id for r in s.sent("juraev-2011")] == ["chaika"]
    finally:
        s.close()


def test_match_recipients_by_identity_not_by_position():
    old = [Recipient("pg", name="Yurii Chaika", title="Prosecutor General", fax=["+7 495 987 58 41"]),
           Recipient("court", organization="Moscow City Court", is_copy=True),
           Recipient("gone", name="Somebody Else")]
    new = [Recipient("court-2", organization="moscow  city court", is_copy=True),
           Recipient("prosecutor", name="Y. Chaika", title="Prosecutor General",
                     fax=["8 (495) 987-58-41"]),
           Recipient("ombudsman", name="Ella Pamfilova")]
    assert match_recipients(old, new) == {"pg": "prosecutor", "court": "court-2"}
    # the same role only: a copy recipient never takes a main recipient's drafts
    assert match_recipients([Recipient("a", name="X Y")], [Recipient("b", name="X Y", is_copy=True)]) == {}
    # ambiguous: two equally good candidates, no guess
    assert match_recipients([Recipient("a", name="X Y")],
                            [Recipient("b", name="X Y"), Recipient("c", name="x y")]) == {}


def test_a_draft_already_at_the_new_key_is_never_overwritten(store):
    store.save_draft("juraev-2011", "ru", "prosecutor-general", "old key")
    store.save_draft("juraev-2011", "ru", "pg-new", "already there")
    new = _new_version(store, id="pg-new")
    store.save_action(new, origin="imported", replace=True)
    drafts = {d.recipient_id: d.text for d in store.drafts("juraev-2011")}
    assert drafts == {"prosecutor-general": "old key", "pg-new": "already there"}
