"""services/records.py: every change of stored data says what it changed (``Changes``), so the
GUI refreshes from one place; preferences are checked against core/settings.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from ua_writer.core.errors import UserFacingError
from ua_writer.core.model import Recipient, SenderProfile
from ua_writer.core.store import open_store
from ua_writer.services import records
from ua_writer.services.records import NOTHING, Changes

DAY = _dt.date(2011, 4, 2)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "db.sqlite3") as s:
        yield s


def test_mark_sent_and_delete_touch_one_row(store):
    ch = records.mark_sent(store, "juraev-2011", "prosecutor-general", "ru", "fax", DAY)
    assert ch == Changes(actions=frozenset({"juraev-2011"}), sent=True)
    (rec,) = store.sent("juraev-2011")
    assert records.delete_sent(store, "juraev-2011", rec.id) == ch and store.sent() == []


def test_recipients_and_profile(store):
    embassy = Recipient(id="embassy-berlin", name="Embassy of the Russian Federation", title="",
                        address_lines=["Unter den Linden 63-65", "10117 Berlin"], country="DE")
    ch = records.add_recipient(store, "juraev-2011", embassy, from_address_book=False)
    assert ch.recipients and ch.actions == {"juraev-2011"} and not ch.action_list
    assert store.get_action("juraev-2011").recipient("embassy-berlin") is not None
    edited = Recipient(**{**embassy.__dict__, "name": "Botschaft der Russischen Föderation"})
    ch = records.update_recipient(store, "juraev-2011", "embassy-berlin", edited)
    assert ch.recipients and store.contacts()[0].name == "Botschaft der Russischen Föderation"
    assert records.save_profile(store, SenderProfile(name="Anna")) == Changes(profile=True)


def test_preferences_are_checked_and_only_real_changes_count(store):
    assert records.set_prefs(store, {"page_size": "a4", "remind_days": 7}) == NOTHING
    ch = records.set_prefs(store, {"page_size": "letter", "remind_days": 7, "window_side": "right"})
    assert ch.prefs == {"page_size", "window_side"}
    with pytest.raises(UserFacingError, match="page_size"):
        records.set_pref(store, "page_size", "a3")
    with pytest.raises(UserFacingError, match="unknown preference"):
        records.set_pref(store, "colour", "red")
    assert store.prefs()["page_size"] == "letter"


def test_changes_combine():
    a = Changes(actions=frozenset({"x"}), sent=True)
    b = Changes(prefs=frozenset({"page_size"}), templates=True)
    assert (a | b) == Changes(actions=frozenset({"x"}), sent=True, prefs=frozenset({"page_size"}),
                              templates=True)
    assert not NOTHING and (NOTHING | a) == a
