"""ActionTableModel and ActionFilterProxy without a view: rows, roles, order, status filter, search,
and filtering 10,000 rows fast."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtCore import Qt

from ua_writer.core.store import ActionRow, open_store, search_key
from ua_writer.ui.models.actions_model import ActionFilterProxy, ActionTableModel, urgency

TODAY = dt.date(2011, 4, 1)


def row(id, title, deadline=None, search=None, persons="", country="RU", sent=0, drafts=0):
    text = (search or f"{title} {persons}").casefold()
    return ActionRow(id, title, country, persons, None, deadline, text, "user", sent, drafts,
                     search_key(text))


@pytest.fixture
def model(qapp):
    m = ActionTableModel(TODAY)
    m.set_rows([
        row("a", "Soon", dt.date(2011, 4, 5), persons="Ann One", sent=1, drafts=2),
        row("b", "Later", dt.date(2011, 4, 12)),
        row("c", "Far", dt.date(2011, 9, 1), search="far away prosecutor general"),
        row("d", "Gone", dt.date(2011, 3, 1)),
        row("e", "Older gone", dt.date(2010, 1, 1)),
        row("f", "No date"),
    ])
    return m


def ids(model_or_proxy):
    role = ActionTableModel.ActionIdRole
    return [model_or_proxy.index(r, 0).data(role) for r in range(model_or_proxy.rowCount())]


def test_rows_roles_and_default_order(model):
    assert model.rowCount() == 6 and model.columnCount() == 6
    # open by deadline, then past newest first, then undated
    assert ids(model) == ["a", "b", "c", "d", "e", "f"]
    i = model.index(0, ActionTableModel.COL_DAYS_LEFT)
    assert i.data(ActionTableModel.DaysLeftRole) == 4
    assert i.data() == "4 days"
    assert i.data(ActionTableModel.UrgencyRole) == "urgent"
    assert model.index(1, 0).data(ActionTableModel.UrgencyRole) == "soon"
    assert model.index(2, 0).data(ActionTableModel.UrgencyRole) == "open"
    assert model.index(3, 0).data(ActionTableModel.StatusRole) == "past"
    assert model.index(3, ActionTableModel.COL_DAYS_LEFT).data() == "ended"
    assert model.index(5, 0).data(ActionTableModel.StatusRole) == "undated"
    assert model.index(0, ActionTableModel.COL_TITLE).data() == "Soon"
    assert model.index(0, ActionTableModel.COL_ACTIVITY).data() == "✓1 ✎2"
    assert model.index(0, ActionTableModel.COL_DEADLINE).data(ActionTableModel.DeadlineRole) == dt.date(2011, 4, 5)
    assert model.index(0, ActionTableModel.COL_DEADLINE).data() == "Apr 5, 2011"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()      # ≤ 7 days: highlighted
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.headerData(ActionTableModel.COL_DAYS_LEFT, Qt.Orientation.Horizontal) == "Days left"
    assert model.row_for_id("c") == 2


def test_urgency_thresholds():
    assert [urgency(d) for d in (None, -1, 0, 7, 8, 14, 15)] == \
        ["undated", "past", "urgent", "urgent", "soon", "soon", "open"]


def test_sort_by_title_and_back(model):
    model.sort(ActionTableModel.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert ids(model) == ["c", "d", "b", "f", "e", "a"]
    model.sort(ActionTableModel.COL_DAYS_LEFT, Qt.SortOrder.AscendingOrder)
    assert ids(model) == ["a", "b", "c", "d", "e", "f"]


def test_update_row_changes_counts_without_reset(model, qtbot):
    with qtbot.waitSignal(model.dataChanged):
        model.update_row(row("b", "Later", dt.date(2011, 4, 12), sent=3))
    assert model.index(1, 0).data(ActionTableModel.SentCountRole) == 3


def test_proxy_status_filter_and_search(model):
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.status() == "open"
    assert ids(proxy) == ["a", "b", "c"]
    proxy.set_status("past")
    assert ids(proxy) == ["d", "e"]
    proxy.set_status("undated")
    assert ids(proxy) == ["f"]
    proxy.set_status("all")
    assert len(ids(proxy)) == 6
    proxy.set_search("  PROSECUTOR  ")
    assert ids(proxy) == ["c"]
    proxy.set_search("ann one")            # every word must match
    assert ids(proxy) == ["a"]
    proxy.set_search("ann far")
    assert ids(proxy) == []
    proxy.set_search("")
    proxy.set_status("open")
    assert ids(proxy) == ["a", "b", "c"]
    with pytest.raises(ValueError):
        proxy.set_status("nonsense")
    # the source changes: the proxy's cached decision follows
    model.set_rows([row("z", "New", dt.date(2011, 5, 1))])
    assert ids(proxy) == ["z"]
    assert proxy.proxy_row_for("z") == 0 and proxy.action_id_at(0) == "z"


def test_model_from_the_store_seeds(qapp, data_dir):
    with open_store(data_dir / "db.sqlite3") as store:
        model = ActionTableModel(TODAY)
        model.set_rows(store.action_rows())
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    assert ids(proxy)[0] == "juraev-2011"                 # the nearest deadline first
    proxy.set_search("juraev")
    assert ids(proxy) == ["juraev-2011"]
    proxy.set_search("джураев")                           # the Russian spelling is searchable too
    assert ids(proxy) == ["juraev-2011"]
    proxy.set_status("all")
    proxy.set_search("chaika")                            # recipients are searchable
    assert "juraev-2011" in ids(proxy)


def test_filtering_ten_thousand_rows_is_fast(qapp):
    rows = [row(f"id{i}", f"Action number {i}", TODAY + dt.timedelta(days=(i % 400) - 100),
                search=f"action number {i} person{i % 97} country{i % 13}") for i in range(10_000)]
    model = ActionTableModel(TODAY)
    model.set_rows(rows)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("all")
    timings = []
    texts = [r.search for r in rows]
    for query in ("person4", "person42 country3", "number 99", "", "zzz", "n", "9999", "action"):
        t = time.perf_counter()
        proxy.set_search(query)
        n = proxy.rowCount()
        timings.append(time.perf_counter() - t)
        expected = sum(all(w in text for w in query.split()) for text in texts)
        assert n == expected, query
    t = time.perf_counter()
    proxy.set_status("open")
    timings.append(time.perf_counter() - t)
    best = sorted(timings)[len(timings) // 2]
    # the benchmark target is ≤ 16 ms; leave room for slow CI machines here
    assert best < 0.06, f"median filter time {best * 1000:.1f} ms"


@pytest.fixture
def viewed(model, qtbot):
    """The model behind the filter proxy in a real table view (selection, persistent indexes)."""
    from PySide6.QtWidgets import QTableView

    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    qtbot.addWidget(view)
    return proxy, view


def _current_id(view):
    idx = view.currentIndex()
    return idx.data(ActionTableModel.ActionIdRole) if idx.isValid() else None


def test_the_selection_stays_on_its_action_through_filters(viewed):
    proxy, view = viewed
    proxy.set_status("all")
    view.selectRow(ids(proxy).index("c"))
    assert _current_id(view) == "c"
    proxy.set_search("far")                       # still shown, now on another row
    assert ids(proxy) == ["c"] and _current_id(view) == "c"
    assert view.selectionModel().isRowSelected(0)
    proxy.set_search("gone")                      # filtered out: nothing current
    assert ids(proxy) == ["d", "e"] and _current_id(view) is None
    proxy.set_search("")
    assert len(ids(proxy)) == 6


def test_the_selection_follows_a_sort(viewed):
    proxy, view = viewed
    view.selectRow(ids(proxy).index("a"))
    proxy.sort(ActionTableModel.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert ids(proxy) == ["c", "b", "a"]          # open ones, by title
    assert _current_id(view) == "a" and view.currentIndex().row() == 2


def test_the_proxy_forwards_changes_of_shown_rows_and_headers(viewed, qtbot):
    proxy, view = viewed
    model = proxy.sourceModel()
    with qtbot.waitSignal(proxy.dataChanged) as changed:
        model.update_row(row("b", "Later", dt.date(2011, 4, 12), sent=3))
    assert changed.args[0].row() == ids(proxy).index("b")
    assert proxy.index(1, 0).data(ActionTableModel.SentCountRole) == 3
    proxy.set_search("nothing matches this")
    assert proxy.rowCount() == 0
    assert proxy.headerData(ActionTableModel.COL_DAYS_LEFT, Qt.Orientation.Horizontal) == "Days left"
    assert not proxy.index(0, 0).isValid() and not proxy.hasChildren()


def test_rows_read_later_are_appended_through_the_proxy(qapp, qtbot):
    full = [row(f"r{i}", f"Action {i}", TODAY + dt.timedelta(days=i % 50 - 10)) for i in range(300)]
    model = ActionTableModel(TODAY)
    whole = ActionTableModel(TODAY)
    whole.set_rows(full)
    first = [r for r in full if r.deadline and 0 <= (r.deadline - TODAY).days <= 3]
    model.set_first_rows(first, {"open": 240, "past": 60, "undated": 0, "all": 300},
                         lambda: (full, None))
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    assert ids(proxy) == ids(whole)[:len(first)] and proxy.canFetchMore()
    resets = []
    proxy.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(proxy.rowsInserted):
        proxy.fetchMore()
    assert not resets and not proxy.canFetchMore()
    assert ids(proxy) == [i for i in ids(whole) if whole.statuses[whole.row_for_id(i)] == "open"]


def test_the_plain_int_qt_values_match_pyside6(qapp):
    """actions_model.py spells a few Qt values as ints (the first frame must not build PySide6's
    Qt namespace); they must be Qt's."""
    from ua_writer.ui.models import actions_model as am

    assert am._DISPLAY == Qt.ItemDataRole.DisplayRole.value
    assert am._TOOLTIP == Qt.ItemDataRole.ToolTipRole.value
    assert am._FONT == Qt.ItemDataRole.FontRole.value
    assert am._ALIGN == Qt.ItemDataRole.TextAlignmentRole.value
    assert am._USER == Qt.ItemDataRole.UserRole.value
    assert am.CENTER == Qt.AlignmentFlag.AlignCenter.value
    assert am.HORIZONTAL == Qt.Orientation.Horizontal.value
    assert (am.ASCENDING, am.DESCENDING) == (Qt.SortOrder.AscendingOrder.value,
                                             Qt.SortOrder.DescendingOrder.value)


def test_proxy_flags_are_selectable_rows(model):
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    flags = proxy.flags(proxy.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Action"


#: names in the scripts and spellings people type: Latin (several transliterations), Russian and
#: Tajik Cyrillic, diacritics, doubled letters, apostrophes and soft signs
NAMES = ["Nizomhon Juraev", "Низомхон Джураев", "Ҷӯраев Низомхон", "Dzhuraev Nizomkhon",
         "Djouraev", "Juraew", "Yuriy Kasymakhunov", "Юрий Касымахунов", "Iurii Kassymakhounov",
         "Ольга Щербакова", "Olga Shcherbakova", "Olga Sherbakova", "Zoë Müller-Lüdenscheidt",
         "Zoe Muller", "Łukasz Żółć", "Lukasz Zolc", "Şükrü Öztürk", "Дилшод Хайдаров",
         "Dilshod Khaydarov", "Dilshod Xaydarov", "Ғайрат Қодиров", "Gairat Kodirov",
         "Ilya Yashin", "Илья Яшин", "Tsoi Viktor", "Цой Виктор", "Tzoy", "Choi",
         "Мухаммадҷон Ғуломов", "O'Brien", "Obyektiv", "объектив", "zzzz", "yaya"]
QUERIES = ["juraev", "dzhuraev", "джураев", "ҷӯраев", "djuraev", "jurayev", "yuriy", "юрий",
           "iurii", "kasymakhunov", "касымахунов", "shcherbakova", "щербакова", "sherbakova",
           "zoë", "zoe", "müller", "muller", "łukasz", "lukasz", "öztürk", "khaydarov",
           "хайдаров", "xaydarov", "қодиров", "kodirov", "qodirov", "yashin", "яшин", "tsoi",
           "цой", "tzoy", "viktor", "o'brien", "obrien", "объектив", "obyektiv", "zz", "z", "y",
           "ya", "'", "ь", "a", "ov", "sh", "juraev nizomhon", "olga sherbakova", "y ov", "nobody",
           "ъ ь"]


def _old_way(texts: list[str], statuses: list[str], status: str, query: str) -> list[int]:
    """What the search matched before the keys were stored: every word is in the row's text, or
    its transliteration key is in the key of the row's text (computed here, as the GUI did)."""
    from ua_writer.core.translit import skeleton

    words = query.casefold().split()
    keys = [skeleton(t) for t in texts]
    return [i for i, t in enumerate(texts)
            if (status == "all" or statuses[i] == status)
            and all(w in t or (skeleton(w).strip() and skeleton(w) in keys[i]) for w in words)]


def test_the_stored_keys_match_the_same_rows_as_keying_in_the_gui(qapp, tmp_path):
    from ua_writer.core.model import Action, Person

    with open_store(tmp_path / "db.sqlite3", sync=False) as store:
        for n in range(len(NAMES) * 3):  # one, two or three people an action
            people = [NAMES[(n + k * 7) % len(NAMES)] for k in range(n % 3 + 1)]
            store.save_action(Action(id=f"a{n}", title=f"Action {n}", country=["RU", "TJ", None][n % 3],
                                     deadline=TODAY + dt.timedelta(days=n % 5 - 2),
                                     persons=[Person(name=p) for p in people]), origin="user")
        rows = store.action_rows()
    model = ActionTableModel(TODAY)
    model.set_rows(rows)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    for status in ("all", "open"):
        proxy.set_status(status)
        for q in QUERIES:
            proxy.set_search(q)
            want = [model.action_id(i) for i in _old_way(model.search_texts, model.statuses, status, q)]
            assert ids(proxy) == want, q
    proxy.set_status("all")
    proxy.set_search("dzhuraev")
    assert len(ids(proxy)) > 3  # (the queries do find rows across scripts)


def test_the_first_search_keys_only_the_query_not_every_row(qapp, monkeypatch):
    """The rows' keys come with the rows (the store computes them when it writes the search
    text): a search over 10,000 actions keys its words, never the rows' texts (~850 ms)."""
    from ua_writer.core import translit

    rows = [row(f"id{i}", f"Action {i}", TODAY, search=f"action {i} {NAMES[i % len(NAMES)]}")
            for i in range(2000)]
    model = ActionTableModel(TODAY)
    model.set_rows(rows)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    keyed = []
    real = translit.skeleton
    monkeypatch.setattr(translit, "skeleton", lambda text: keyed.append(text) or real(text))
    proxy.set_search("dzhuraev nizomhon")
    assert set(keyed) <= {"dzhuraev", "nizomhon"}
    assert len(ids(proxy)) == len([r for r in rows if real("dzhuraev") in real(r.search)
                                   and real("nizomhon") in real(r.search)]) > 0


def test_a_changed_row_is_found_by_its_new_key(model):
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_status("all")
    proxy.set_search("dzhuraev")
    assert ids(proxy) == []
    model.update_row(row("a", "Near", dt.date(2011, 4, 5), search="Near Джураев"))
    assert ids(proxy) == ["a"]
