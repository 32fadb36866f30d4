"""The SQLite store: schema migrations, bundled packs vs user edits, drafts, sent log, corruption,
killed writers and a concurrent second instance."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from ua_writer.core import packs, store as store_mod
from ua_writer.core.errors import CorruptStoreError, NotFoundError, StoreError, UserFacingError
from ua_writer.core.model import Recipient, SenderProfile
from ua_writer.core.store import Store, open_store

from tests.core.test_packs import GOOD

TODAY = dt.date(2011, 4, 1)


def make_action(action_id="juraev-2011", **over):
    d = copy.deepcopy(GOOD)
    d["id"] = action_id
    d.update(over)
    return packs.action_from_dict(d)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def write_pack(folder, action):
    folder.mkdir(exist_ok=True)
    (folder / f"{action.id}.json").write_text(packs.dumps(action), encoding="utf-8")


def test_new_store_has_current_schema_wal_and_private_file(tmp_path):
    s = Store(tmp_path / "d" / "db.sqlite3")
    assert s.schema_version == store_mod.SCHEMA_VERSION
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert stat.S_IMODE(os.stat(tmp_path / "d" / "db.sqlite3").st_mode) == 0o600
    s.close()


def test_migration_from_schema_1_keeps_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(store_mod.MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    a = make_action()
    db.execute("INSERT INTO actions (id, pack, title, origin, created_at, updated_at) VALUES (?,?,?,?,?,?)",
               (a.id, packs.dumps(a), a.title, "user", "t", "t"))
    db.execute("INSERT INTO drafts VALUES (?,?,?,?,?)", (a.id, "ru", "prosecutor-general", "Текст", "t"))
    db.commit()
    db.close()
    s = Store(path)
    assert s.schema_version == store_mod.SCHEMA_VERSION
    assert s.get_action(a.id).title == a.title
    assert s.get_draft(a.id, "ru", "prosecutor-general").text == "Текст"
    assert s.contacts() == []  # the new table exists
    assert all(got == want for got, want in _keys(s).values())  # schema 5: the search keys
    s.close()


def _keys(s):
    """Every action's (search, search_key) columns, and what the key should be."""
    from ua_writer.core.translit import skeleton

    rows = s.db.execute("SELECT id, search, search_key FROM actions ORDER BY id").fetchall()
    return {r[0]: (r[2], skeleton(r[1])) for r in rows}


def test_migration_to_schema_5_keys_every_search_text_and_keeps_the_list_covered(tmp_path):
    """Schema 5 stores each search text's transliteration key (computed in Python by a function
    the store registers to migrate): the list's search keys no rows in the GUI."""
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    for script in store_mod.MIGRATIONS[:4]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 4")
    for aid, text in [("a", "низомхон джураев ҷӯраев"), ("b", "dzhuraev zoë müller"), ("c", "")]:
        db.execute("INSERT INTO actions (id, pack, title, search, origin, created_at, updated_at) "
                   "VALUES (?,?,?,?,?,?,?)", (aid, packs.dumps(make_action(aid)), "T", text, "user", "t", "t"))
    db.commit()
    db.close()
    s = Store(path)
    assert s.schema_version == store_mod.SCHEMA_VERSION >= 5
    keys = _keys(s)
    assert all(got == want for got, want in keys.values()), keys
    assert keys["a"][0] == "nizomhon uraev uraev" and keys["b"][0] == "uraev zoe muler"
    assert {r.id: r.search_key for r in s.action_rows()} == {k: v[0] for k, v in keys.items()}
    query = "SELECT id, title, country, persons, issue_date, deadline, search, origin, search_key FROM actions"
    plan = " ".join(str(r[3]) for r in s.db.execute("EXPLAIN QUERY PLAN " + query))
    assert "COVERING INDEX actions_list" in plan  # the list never walks the packs
    s.close()


def test_every_write_of_the_search_text_writes_its_key(store, tmp_path):
    store.save_action(make_action())
    bundle = tmp_path / "bundle"
    write_pack(bundle, make_action("azimov-2011", persons=[{"name": "Джураев Азимов"}]))
    store.sync_bundled(bundle)
    embassy = Recipient(id="emb", organization="Посольство Ҷумҳурии Тоҷикистон")
    store.save_contact(embassy)
    store.attach_contact("juraev-2011", embassy.id)
    keys = _keys(store)
    assert all(got == want for got, want in keys.values()) and "tojikiston" in keys["juraev-2011"][0]
    store.save_contact(Recipient(id="emb", organization="Посольство Узбекистана"))
    assert "uzbekistana" in _keys(store)["juraev-2011"][0]
    store.detach_contact("juraev-2011", embassy.id)
    assert "uzbekistana" not in _keys(store)["juraev-2011"][0]
    store.save_action(make_action(title="Щербакова"), replace=True)
    keys = _keys(store)
    assert all(got == want for got, want in keys.values()) and "sherbakova" in keys["juraev-2011"][0]
    rows = {r.id: r for r in store.action_rows()}
    assert all(r.search_key == keys[i][0] for i, r in rows.items())


def test_newer_schema_is_refused_with_a_message(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer ua-writer"):
        Store(path)


def test_listing_by_status_and_deadline(store):
    store.save_action(make_action("a-open-late", deadline="2011-08-23"))
    store.save_action(make_action("a-open-soon", deadline="2011-05-03"))
    store.save_action(make_action("a-past", deadline="2011-03-01"))
    store.save_action(make_action("a-undated", deadline=None))
    assert [r.id for r in store.list_actions(TODAY, "open")] == ["a-open-soon", "a-open-late"]
    assert [r.id for r in store.list_actions(TODAY, "past")] == ["a-past"]
    assert [r.id for r in store.list_actions(TODAY, "undated")] == ["a-undated"]
    assert len(store.list_actions(TODAY, "all")) == 4
    row = store.list_actions(TODAY, "open")[0]
    assert row.days_left(TODAY) == 32 and row.status(TODAY) == "open"
    assert "chaika" in row.search and "джураев" in row.search and "russia" in row.search
    with pytest.raises(UserFacingError):
        store.list_actions(TODAY, "soon")


def test_duplicate_id_refused_unless_replace(store):
    store.save_action(make_action())
    with pytest.raises(UserFacingError, match="already exists"):
        store.save_action(make_action(title="Other"))
    store.save_action(make_action(title="Other"), replace=True)
    assert store.get_action("juraev-2011").title == "Other"
    with pytest.raises(NotFoundError):
        store.get_action("nope")


def test_bundled_sync_adds_updates_and_never_clobbers_user_edits(tmp_path, store):
    bundle = tmp_path / "bundle"
    write_pack(bundle, make_action("one", title="One v1"))
    write_pack(bundle, make_action("two", title="Two v1"))
    (bundle / "broken.json").write_text("{nope", encoding="utf-8")
    assert sorted(store.sync_bundled(bundle)) == ["one", "two"]
    assert store.sync_bundled(bundle) == []  # unchanged bundle: nothing to do
    # the user edits "one" and deletes "two"
    edited = store.get_action("one")
    edited.title = "One, my edit"
    store.save_action(edited, replace=True)
    store.delete_action("two")
    # an upgrade ships new versions of both, plus a third
    write_pack(bundle, make_action("one", title="One v2"))
    write_pack(bundle, make_action("two", title="Two v2"))
    write_pack(bundle, make_action("three", title="Three v1"))
    assert store.sync_bundled(bundle) == ["three"]
    assert store.get_action("one").title == "One, my edit"
    assert not store.has_action("two")
    # an unedited bundled action does follow the upgrade
    write_pack(bundle, make_action("three", title="Three v2"))
    assert store.sync_bundled(bundle) == ["three"]
    assert store.get_action("three").title == "Three v2"


def test_address_book_recipients_join_actions_and_search(store):
    store.save_action(make_action())
    embassy = Recipient(id="ru-embassy-berlin", organization="Embassy of the Russian Federation",
                        address_lines=["Unter den Linden 63-65", "10117 Berlin"], country="DE",
                        salutation="Your Excellency", is_copy=True)
    store.save_contact(embassy)
    store.attach_contact("juraev-2011", embassy.id)
    a = store.get_action("juraev-2011")
    assert [r.id for r in a.recipients] == ["prosecutor-general", "ru-embassy-berlin"]
    assert store.get_action("juraev-2011", with_address_book=False).recipients[-1].id == "prosecutor-general"
    assert "embassy of the russian federation" in store.list_actions(TODAY, "all")[0].search
    store.detach_contact("juraev-2011", embassy.id)
    assert len(store.get_action("juraev-2011").recipients) == 1
    assert store.contacts() == [embassy]


def test_profile_and_prefs_defaults(store):
    assert store.profile() == SenderProfile() and not store.has_profile()
    p = SenderProfile(name="Anna Kovač", address_lines=["Str. 1"], city="Berlin", country="DE", gender="f",
                      languages=["ru", "en"], names={"ru": "Анна Ковач"})
    store.save_profile(p)
    assert store.profile() == p
    assert store.prefs()["page_size"] == "a4"
    store.set_pref("page_size", "letter")
    assert store.prefs()["page_size"] == "letter"
    with pytest.raises(UserFacingError):
        store.set_pref("colour", "red")


def test_known_letter_languages_are_told_as_babel_tells_them(monkeypatch):
    """The store tells a known language code from its data file in Babel's folder, without
    importing Babel (the GUI reads the profile before its first frame; issue #16): the same answer
    as Babel's Locale.parse for every code Babel has a file for and for unknown ones."""
    from babel import Locale, UnknownLocaleError

    def babel_knows(code):
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            return False
        return True

    data = store_mod._babel_locale_data()
    assert data is not None and (data / "ru.dat").is_file()
    codes = sorted(p.stem for p in data.glob("*.dat") if packs.LANG_RE.match(p.stem))
    assert len(codes) > 100
    codes += ["xx", "qq", "zzz", "iw", "in", "ji", "mo", "no", "tl"]
    store_mod._known_locale.cache_clear()
    assert [store_mod._known_locale(c) for c in codes] == [babel_knows(c) for c in codes]
    script = ("import sys; from ua_writer.core import store; "
              "print(store._known_locale('ru'), store._known_locale('en'), 'babel' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["True", "True", "False"], out.stderr


@pytest.mark.parametrize("raw", [None, {}, {"name": "  "}, {"name": "Anna Kovač", "city": "Berlin"},
                                 {"name": "Anna", "languages": ["xx"], "names": {"qq": "A"}, "x": 1}])
def test_the_profile_name_is_the_profiles_without_building_it(store, raw):
    """The window's first frame shows the sender's name from ``profile_name()``, which reads it
    without the domain model (issue #16): the name of ``profile()``, "" for an empty one."""
    if raw is not None:
        store.set_setting("profile", raw)
    profile = store.profile()
    assert store.profile_name() == ("" if profile.is_empty() else profile.name)
    assert store.has_profile() == bool(store.profile_name())


@pytest.mark.parametrize("raw", [[1, 2], {"name": 5}, {"languages": "ru"}, {"names": [1]}, "text",
                                 {"gender": "x"}, {"address_lines": "1 Main St"}])
def test_a_wrong_shaped_profile_is_damage_for_its_name_too(store, raw):
    """(At start-up the damaged database's question, as before: build() turns this into it.)"""
    store.set_setting("profile", raw)
    with pytest.raises(sqlite3.DatabaseError):
        store.profile()
    with pytest.raises(sqlite3.DatabaseError, match="damaged profile"):
        store.profile_name()


def test_the_stores_language_code_rule_is_the_packs():
    assert store_mod._LANG_RE.pattern == packs.LANG_RE.pattern


def test_drafts_per_action_language_recipient_and_sent_log(store):
    store.save_action(make_action())
    store.save_draft("juraev-2011", "ru", "prosecutor-general", "Черновик 1")
    store.save_draft("juraev-2011", "en", "prosecutor-general", "Draft EN")
    store.save_draft("juraev-2011", "ru", "prosecutor-general", "Черновик 2")
    assert store.get_draft("juraev-2011", "ru", "prosecutor-general").text == "Черновик 2"
    assert len(store.drafts("juraev-2011")) == 2
    rec = store.mark_sent("juraev-2011", "prosecutor-general", "ru", "fax", dt.date(2011, 4, 2))
    assert rec.id and store.sent("juraev-2011")[0].channel == "fax"
    with pytest.raises(UserFacingError):
        store.mark_sent("juraev-2011", "prosecutor-general", "ru", "pigeon", TODAY)
    row = store.list_actions(TODAY, "all")[0]
    assert (row.sent_count, row.draft_count) == (1, 2)
    store.delete_action("juraev-2011")  # cascades
    assert store.drafts() == [] and store.sent() == []


def test_corrupt_database_gives_message_and_a_way_out(tmp_path):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(CorruptStoreError, match="damaged") as e:
        Store(path)
    assert e.value.path == str(path)
    kept = store_mod.quarantine(path)
    assert kept.exists() and not path.exists()
    assert kept.read_bytes().startswith(b"this is not a database")
    s = Store(path)  # a fresh store starts
    assert s.schema_version == store_mod.SCHEMA_VERSION
    s.close()


def test_truncated_database_is_detected(tmp_path):
    path = tmp_path / "db.sqlite3"
    s = Store(path)
    for i in range(200):
        s.save_action(make_action(f"a-{i}"))
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\0" * 4096)
    with pytest.raises(CorruptStoreError):
        s2 = Store(path)
        s2.action_rows()
        s2.close()


WRITER = textwrap.dedent("""
    import sys, time
    from ua_writer.core.store import Store
    from ua_writer.core import packs
    from tests.core.test_store import make_action
    s = Store(sys.argv[1])
    if not s.has_action("juraev-2011"):
        s.save_action(make_action())
    i = 0
    while True:
        i += 1
        s.save_draft("juraev-2011", "ru", "prosecutor-general", "черновик " * 50 + str(i))
        print(i, flush=True)
""")


def test_killed_writer_leaves_a_consistent_database(tmp_path):
    path = tmp_path / "db.sqlite3"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for _ in range(5):
        p = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                             text=True, cwd=root)
        last = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            if not line:
                break
            last = int(line)
            if last >= 20:
                break
        p.send_signal(signal.SIGKILL)
        p.wait()
        assert last is not None
        s = Store(path)
        assert s.integrity_ok()
        text = s.get_draft("juraev-2011", "ru", "prosecutor-general").text
        # the draft confirmed last (printed after commit) is there, or a later one: never torn
        n = int(text.rsplit(" ", 1)[1])
        assert n >= last and text.startswith("черновик " * 50)
        s.close()


def test_second_instance_writing_at_the_same_time(tmp_path):
    path = tmp_path / "db.sqlite3"
    a, b = Store(path), Store(path)
    a.save_action(make_action())
    for i in range(50):
        a.save_draft("juraev-2011", "ru", "prosecutor-general", f"a{i}")
        b.save_draft("juraev-2011", "en", "prosecutor-general", f"b{i}")
    assert b.get_draft("juraev-2011", "ru", "prosecutor-general").text == "a49"
    assert a.get_draft("juraev-2011", "en", "prosecutor-general").text == "b49"
    # a writer holding a long transaction: the other gets a clear message, not corruption
    b.db.execute("PRAGMA busy_timeout = 100")
    with a.transaction():
        with pytest.raises(StoreError, match="busy"):
            with b.transaction():
                pass
    assert a.integrity_ok()
    a.close()
    b.close()


def test_open_store_loads_the_bundled_seed_actions():
    s = open_store()
    ids = {r.id for r in s.action_rows()}
    s.close()
    from ua_writer import paths
    expected = {p.stem for p in paths.bundled_actions_dir().glob("*.json")}
    assert ids == expected


def test_saving_an_attached_contact_again_keeps_its_links(store):
    """Editing an address-book entry must not detach it from the actions it is on (an
    INSERT OR REPLACE deleted the row first and the foreign key cascaded the links away)."""
    store.save_action(make_action())
    store.save_action(make_action("azimov-2011"))
    embassy = Recipient(id="embassy", organization="Embassy", is_copy=True)
    store.save_contact(embassy)
    store.attach_contact("juraev-2011", embassy.id)
    store.attach_contact("azimov-2011", embassy.id)
    store.save_contact(embassy)  # saved without changes
    assert [r.id for r in store.action_address_book("juraev-2011")] == ["embassy"]
    store.save_contact(Recipient(id="embassy", organization="Embassy of Russia", fax=["+7 1"]))
    assert store.get_action("azimov-2011").recipient("embassy").fax == ["+7 1"]
    assert "russia" in store.db.execute(
        "SELECT search FROM actions WHERE id = 'juraev-2011'").fetchone()[0].casefold()
