"""The editing use cases (services/editing.py): an edited action, one recipient saved or removed, an
action deleted; own recipients go into the pack, attached address-book entries stay contacts,
and ``show --json`` afterwards prints exactly what was saved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from ua_writer.services import editing, records
from ua_writer.services.records import Changes
from ua_writer.core.errors import NotFoundError
from ua_writer.core.model import LocalizedRecipient, Person, Recipient
from ua_writer.core.store import Store

from tests.cli_run import run
from tests.core.test_store import make_action


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    s.save_action(make_action())
    yield s
    s.close()


def _embassy():
    return Recipient(id="embassy", organization="Embassy of the Russian Federation", is_copy=True,
                     fax=["+49 30 1"])


def test_update_action_splits_own_recipients_from_address_book_entries(store):
    store.save_contact(_embassy())
    store.attach_contact("juraev-2011", "embassy")
    a = store.get_action("juraev-2011")
    a.title = "Edited title"
    a.deadline = dt.date(2011, 6, 1)
    a.appeals["de"] = ["Erster Punkt", "Zweiter Punkt"]
    a.persons = [Person("Nizomhon Juraev", "m", names={"ru": "Низомхон Джураев"},
                        forms={"ru": {"datv": "Низомхону Джураеву"}})]
    a.recipients[1] = dataclasses.replace(a.recipients[1], fax=["+49 30 2"])
    a.recipients.append(Recipient(id="court", organization="City Court", is_copy=True))
    done = editing.update_action(store, a)
    assert done == Changes(actions=frozenset({"juraev-2011"}), action_list=True, recipients=True)
    pack = store.get_action("juraev-2011", with_address_book=False)
    assert [r.id for r in pack.recipients] == ["prosecutor-general", "court"]
    assert pack.title == "Edited title" and pack.deadline == dt.date(2011, 6, 1)
    assert pack.appeals["de"] == ["Erster Punkt", "Zweiter Punkt"]
    assert pack.persons[0].forms == {"ru": {"datv": "Низомхону Джураеву"}}
    assert store.contacts()[0].fax == ["+49 30 2"]
    # an address-book entry no longer listed is detached, and stays in the book
    a = store.get_action("juraev-2011")
    a.recipients = [r for r in a.recipients if r.id != "embassy"]
    editing.update_action(store, a)
    assert store.action_address_book("juraev-2011") == [] and store.contacts()


def test_update_action_needs_an_existing_action(store):
    with pytest.raises(NotFoundError):
        editing.update_action(store, make_action("nope"))


def test_update_and_remove_one_recipient(store):
    store.save_contact(_embassy())
    store.attach_contact("juraev-2011", "embassy")
    pg = store.get_action("juraev-2011").recipient("prosecutor-general")
    pg.localized["ru"] = LocalizedRecipient(title="Генпрокурор", forms={"title_datv": "Генпрокурору"})
    assert records.update_recipient(store, "juraev-2011", pg.id, pg).recipients
    got = store.get_action("juraev-2011").recipient("prosecutor-general")
    assert got.localized["ru"].forms == {"title_datv": "Генпрокурору"}
    assert records.update_recipient(store, "juraev-2011", "embassy",
                                    dataclasses.replace(_embassy(), note="n")).recipients
    assert store.contacts()[0].note == "n"
    assert editing.remove_recipient(store, "juraev-2011", "embassy") == Changes(
        actions=frozenset({"juraev-2011"}), recipients=True)
    editing.remove_recipient(store, "juraev-2011", "prosecutor-general")
    assert store.get_action("juraev-2011").recipients == [] and len(store.contacts()) == 1
    with pytest.raises(NotFoundError):
        editing.remove_recipient(store, "juraev-2011", "prosecutor-general")


def test_delete_action_names_what_goes_with_it(store):
    store.save_draft("juraev-2011", "ru", "prosecutor-general", "text")
    store.mark_sent("juraev-2011", "prosecutor-general", "ru", "fax", dt.date(2011, 4, 2))
    assert editing.footprint(store, "juraev-2011") == editing.Footprint(drafts=1, sent=1)
    done = editing.delete_action(store, "juraev-2011")
    assert done.removed == frozenset({"juraev-2011"}) and done.action_list and bool(done)
    assert not store.has_action("juraev-2011") and store.drafts() == [] and store.sent() == []


def test_show_json_carries_the_edits(tmp_path, capsys):
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "actions", "--status", "all")[0] == 0
    s = Store(data / "ua-writer.sqlite3")   # the CLI's store (paths.database_path) with the seeds
    a = s.get_action("juraev-2011")
    a.appeals["de"] = ["Bitte liefern Sie ihn nicht aus.", "Prüfen Sie seinen Asylantrag."]
    a.recipients[0].localized["ru"].forms["title_datv"] = "Генеральному прокурору РФ"
    editing.update_action(s, a)
    s.close()
    code, out, _err = run(capsys, "--data-dir", str(data), "show", "juraev-2011", "--json")
    assert code == 0
    pack = json.loads(out)
    assert pack["appeals"]["de"] == ["Bitte liefern Sie ihn nicht aus.", "Prüfen Sie seinen Asylantrag."]
    assert pack["recipients"][0]["localized"]["ru"]["forms"]["title_datv"] == "Генеральному прокурору РФ"
