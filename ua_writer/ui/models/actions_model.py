"""ActionTableModel (the action list) and ActionFilterProxy (status filter + search).

The model wraps the store's light ``ActionRow``s and an explicit "today"; it precomputes per row
what filtering and sorting need (status, days left, the store's casefolded ``search`` text) in
plain lists, so the proxy decides 10,000 rows in a list comprehension or one ``str.find`` scan
and keeps the visible rows itself (a QAbstractProxyModel: no Python callback per source row).
Sorting is done by the model itself (a Python sort and ``layoutChanged``), never by
per-comparison ``lessThan`` calls. Default order: open by deadline, then past newest first, then
undated by title.

A big list can start with its first screenful (``set_first_rows``: the nearest open deadlines,
which begin the list in the default order) and the rest is read when Qt asks
(``canFetchMore``/``fetchMore``), when ``fetch_all()`` is called (the window does, right after
its first paint), or before anything needs every row: another order, another status, a search,
selecting an action that is not loaded yet. Must not import widgets or the store class (it
receives rows and a function that reads them all).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from typing import Any, Callable

from PySide6.QtCore import QAbstractProxyModel, QAbstractTableModel, QModelIndex
from PySide6.QtGui import QFont

from ua_writer.core.i18n import _, ngettext
from ua_writer.ui import i18n_qt

STATUSES = ("open", "past", "undated", "all")

# Qt's roles, flags and orders as plain ints (Qt 6's fixed values; tests/ui/test_models.py checks
# them against PySide6's enums). data() compares roles for every visible cell on every repaint;
# and nothing the first frame runs may touch PySide6's ``Qt`` namespace: its first use builds the
# Python enum classes of all of it (93 of them, ~125 M instructions, a fifth of a bare window's
# start-up), so that happens after the first paint (issue #16).
_DISPLAY = 0           # Qt.ItemDataRole.DisplayRole
_TOOLTIP = 3           # Qt.ItemDataRole.ToolTipRole
_FONT = 6              # Qt.ItemDataRole.FontRole
_ALIGN = 7             # Qt.ItemDataRole.TextAlignmentRole
_USER = 0x100          # Qt.ItemDataRole.UserRole
CENTER = 0x84          # Qt.AlignmentFlag.AlignCenter
_CENTER = CENTER
HORIZONTAL = 1         # Qt.Orientation.Horizontal
ASCENDING, DESCENDING = 0, 1  # Qt.SortOrder
_HANDLED = frozenset({_DISPLAY, _TOOLTIP, _FONT, _ALIGN, *range(_USER + 1, _USER + 9)})
_STATUS_ORDER = {"open": 0, "past": 1, "undated": 2}


def _int(value) -> int:
    """A Qt enum member (or already an int) as its int value."""
    return int(getattr(value, "value", value))


def urgency(days: int | None) -> str:
    """'urgent' (≤ 7 days), 'soon' (≤ 14), 'open', 'past' or 'undated' — the badge's colour key."""
    if days is None:
        return "undated"
    if days < 0:
        return "past"
    if days <= 7:
        return "urgent"
    if days <= 14:
        return "soon"
    return "open"


def _title_key(r, titles: dict) -> str:
    return (titles.get(r.id) or r.title).casefold()


#: sort keys of the columns that do not sort by deadline: (row, localized titles) -> key
_SORT_KEYS = {
    0: _title_key,                                                       # COL_TITLE
    1: lambda r, titles: (r.country or "", _title_key(r, titles)),       # COL_COUNTRY
    2: lambda r, titles: r.persons.casefold(),                           # COL_PERSONS
    5: lambda r, titles: (r.sent_count, r.draft_count),                  # COL_ACTIVITY
}


class ActionTableModel(QAbstractTableModel):
    COL_TITLE, COL_COUNTRY, COL_PERSONS, COL_DEADLINE, COL_DAYS_LEFT, COL_ACTIVITY = range(6)
    COLUMN_COUNT = 6

    ActionIdRole = _USER + 1
    DaysLeftRole = _USER + 2      # int | None
    StatusRole = _USER + 3        # "open" | "past" | "undated"
    DeadlineRole = _USER + 4      # datetime.date | None
    SearchRole = _USER + 5        # casefolded search text
    SentCountRole = _USER + 6
    DraftCountRole = _USER + 7
    UrgencyRole = _USER + 8       # see urgency()

    def __init__(self, today: _dt.date, parent=None):
        super().__init__(parent)
        self.today = today
        self._rows: list = []
        #: parallel, precomputed lists (the proxy reads them directly)
        self.statuses: list[str] = []
        self.days: list[int | None] = []
        self.search_texts: list[str] = []
        #: the rows' transliteration keys (``ActionRow.search_key``, stored beside ``search``)
        self.search_keys: list[str] = []
        self._index_of: dict[str, int] = {}
        #: bumped whenever rows change, so proxies know their cached mask is stale
        self.generation = 0
        #: (column, ASCENDING | DESCENDING); None: the default order (= days left, ascending)
        self._sort: tuple[int, int] | None = None
        self.header_read = False  # headerData() was asked (a view's header or an accessibility tool)
        #: titles in the UI language where the pack has them (id -> title)
        self._titles: dict[str, str] = {}
        #: while only the first rows are loaded: reads (all rows, titles or None); and the
        #: number of actions per status, for counts shown meanwhile
        self._fetch: Callable[[], tuple[list, dict | None]] | None = None
        self._counts: dict[str, int] | None = None

    # -- loading --------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._fetch = self._counts = None
        self._assign(*self._ordered(list(rows)))
        self.endResetModel()

    def set_first_rows(self, rows: list, counts: dict[str, int],
                       fetch: Callable[[], tuple[list, dict | None]]) -> None:
        """Show ``rows`` — the start of the whole list in the default order, i.e. the open actions
        with the nearest deadlines and every action due on the last of those days — and read the
        rest with ``fetch()`` -> (all rows, their titles in the UI language or None) when needed.
        ``counts``: actions per status ("open", "past", "undated", "all") until then. In any other
        order than the default one the rows are read at once."""
        if not self._default_order():
            all_rows, titles = fetch()
            if titles is not None:
                self._titles = dict(titles)
            self.set_rows(all_rows)
            return
        self.beginResetModel()
        self._assign(*self._ordered(list(rows)))
        self._fetch, self._counts = fetch, dict(counts)
        self.endResetModel()

    @property
    def complete(self) -> bool:
        """Every row is loaded (not only the first screenful)."""
        return self._fetch is None

    def expected_count(self, status: str) -> int:
        """How many actions have ``status`` ("all" for every one), loaded or not."""
        if self._counts is not None:
            return self._counts.get(status, 0)
        return len(self.statuses) if status == "all" else self.statuses.count(status)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return self._fetch is not None and not parent.isValid()

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802 - Qt's name
        """Read the rest: appended after the first rows (which begin the full list) with
        ``rowsInserted``, so selection and scroll position stay; a reset if they do not."""
        if parent.isValid() or self._fetch is None:
            return
        fetch, self._fetch = self._fetch, None
        rows, titles = fetch()
        self._counts = None
        if titles is not None:
            self._titles = dict(titles)
        ordered = self._ordered(list(rows))
        n = len(self._rows)
        if len(ordered[0]) >= n and [r.id for r in ordered[0][:n]] == [r.id for r in self._rows]:
            if len(ordered[0]) > n:
                self.beginInsertRows(QModelIndex(), n, len(ordered[0]) - 1)
                self._assign(*ordered)
                self.endInsertRows()
            else:
                self._assign(*ordered)
            if n:  # the first rows were read again: counts may have changed meanwhile
                self.dataChanged.emit(self.index(0, 0), self.index(n - 1, self.COLUMN_COUNT - 1))
        else:  # pragma: no cover - the store changed between the two reads
            self.beginResetModel()
            self._assign(*ordered)
            self.endResetModel()

    def fetch_all(self) -> None:
        """Make sure every row is loaded (no-op once it is)."""
        if self._fetch is not None:
            self.fetchMore(QModelIndex())

    def titles(self) -> dict[str, str]:
        """Action id -> the title shown (the UI language's), for actions that have one."""
        return dict(self._titles)

    def set_titles(self, titles: dict[str, str]) -> None:
        """Show these titles (the UI language's) instead of the packs' English ones."""
        self._titles = dict(titles)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_TITLE), self.index(len(self._rows) - 1, self.COL_TITLE))

    def title(self, row: int) -> str:
        r = self._rows[row]
        return self._titles.get(r.id) or r.title

    def _assign(self, rows: list, days: list, statuses: list, texts: list, keys: list) -> None:
        self._rows, self.days, self.statuses, self.search_texts = rows, days, statuses, texts
        self.search_keys = keys
        self._reindex()

    def _reindex(self) -> None:
        self._index_of = {r.id: i for i, r in enumerate(self._rows)}
        self.generation += 1

    def row_for_id(self, action_id: str) -> int:
        return self._index_of.get(action_id, -1)

    def action_id(self, row: int) -> str:
        return self._rows[row].id

    def row_data(self, row: int):
        return self._rows[row]

    def update_row(self, new_row) -> None:
        """Replace one row (e.g. new sent/draft counts) without a reset."""
        i = self.row_for_id(new_row.id)
        if i < 0:
            return
        self._rows[i] = new_row
        self.search_texts[i] = new_row.search
        self.search_keys[i] = new_row.search_key
        self.days[i] = new_row.days_left(self.today)
        d = self.days[i]
        self.statuses[i] = "undated" if d is None else ("open" if d >= 0 else "past")
        self.generation += 1
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMN_COUNT - 1))

    # -- sorting (in Python, once; not per comparison) ------------------------------------------
    def _default_order(self) -> bool:
        """The order the first rows of a partly loaded list are right for."""
        return self._sort is None or (self._sort[0] in (self.COL_DAYS_LEFT, self.COL_DEADLINE)
                                      and self._sort[1] == ASCENDING)

    def sort(self, column: int, order=ASCENDING) -> None:
        order = _int(order)
        spec = (column, order) if column >= 0 else None
        if spec == self._sort or (spec == (self.COL_DAYS_LEFT, ASCENDING) and self._sort is None):
            return  # already in this order (rows are re-sorted whenever they change)
        self.fetch_all()  # another order starts elsewhere in the list
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._sort = (column, order) if column >= 0 else None
        self._assign(*self._ordered(self._rows))
        new_pos = self._index_of
        from_list, to_list = [], []
        for idx in self.persistentIndexList():
            if idx.isValid():
                new_row = new_pos[old_ids[idx.row()]]
                from_list.append(idx)
                to_list.append(self.index(new_row, idx.column()))
        self.changePersistentIndexList(from_list, to_list)
        self.layoutChanged.emit()

    def _ordered(self, rows: list) -> tuple[list, list, list, list, list]:
        """``rows`` in the current order, with their days left, statuses, search texts and keys."""
        today = self.today
        days = [None if r.deadline is None else (r.deadline - today).days for r in rows]
        titles = self._titles
        n = len(rows)
        if self._sort is None or self._sort[0] in (self.COL_DAYS_LEFT, self.COL_DEADLINE) \
                or self._sort[0] not in _SORT_KEYS:
            # open by deadline, then past newest first, then undated; by title (then id) within
            keys = []
            for r, d in zip(rows, days):
                title = (titles.get(r.id) or r.title).casefold()
                keys.append((2, 0, title, r.id) if d is None else
                            ((0, d, title, r.id) if d >= 0 else (1, -d, title, r.id)))
            order = sorted(range(n), key=keys.__getitem__)
            if self._sort is not None and self._sort[0] in (self.COL_DAYS_LEFT, self.COL_DEADLINE) \
                    and self._sort[1] == DESCENDING:
                order.reverse()
        else:
            desc = self._sort[1] == DESCENDING
            keyf = _SORT_KEYS[self._sort[0]]
            order = sorted(range(n), key=lambda i: keyf(rows[i], titles), reverse=desc)
        rows = [rows[i] for i in order]
        days = [days[i] for i in order]
        statuses = ["undated" if d is None else ("open" if d >= 0 else "past") for d in days]
        return rows, days, statuses, [r.search for r in rows], [r.search_key for r in rows]

    # -- Qt API ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def column_title(self, section: int) -> str | None:
        return {
            self.COL_TITLE: _("Action"),
            self.COL_COUNTRY: _("Country"),
            self.COL_PERSONS: _("People"),
            self.COL_DEADLINE: _("Deadline"),
            self.COL_DAYS_LEFT: _("Days left"),
            self.COL_ACTIVITY: _("Letters"),
        }.get(section)

    def column_tooltip(self, section: int) -> str | None:
        return _("Letters sent (✓) and drafts (✎)") if section == self.COL_ACTIVITY else None

    def headerData(self, section: int, orientation, role=_DISPLAY):  # noqa: N802
        # (the list's own header reads the titles from a plain model, ActionListPane: calling
        # this from C++ hands it a Qt enum, which builds the Qt namespace; see above)
        self.header_read = True
        if _int(orientation) != HORIZONTAL:
            return None
        role = _int(role)
        if role == _DISPLAY:
            return self.column_title(section)
        if role == _TOOLTIP:
            return self.column_tooltip(section)
        return None

    def retranslate(self) -> None:
        if self.header_read:  # someone read the titles from here: tell them (Qt enum: see above)
            from PySide6.QtCore import Qt

            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        # called for every visible cell and role on each repaint: cheap checks first, plain ints
        if role not in _HANDLED:
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, i: int, col: int, role: int = _DISPLAY) -> Any:
        """``data()`` of row ``i``, column ``col`` (the filter proxy asks here directly)."""
        if i < 0 or role not in _HANDLED:
            return None
        r = self._rows[i]
        if role == _DISPLAY:
            if col == 0:  # COL_TITLE
                return self._titles.get(r.id) or r.title
            if col == self.COL_DAYS_LEFT:
                return i18n_qt.days_left_text(self.days[i])
            if col == self.COL_ACTIVITY:
                return _activity_text(r.sent_count, r.draft_count)
            if col == self.COL_COUNTRY:
                return r.country or ""
            if col == self.COL_PERSONS:
                return r.persons
            if col == self.COL_DEADLINE:
                return i18n_qt.date_text(r.deadline)
            return None
        if role == _FONT:
            d = self.days[i]
            return _bold_font() if d is not None and 0 <= d <= 7 else None
        if role == _ALIGN:
            return _CENTER if col in (self.COL_DAYS_LEFT, self.COL_ACTIVITY) else None
        if role == _TOOLTIP:
            if col == self.COL_COUNTRY:
                return i18n_qt.country_name(r.country)
            if col == self.COL_ACTIVITY:
                return _activity_tooltip(r.sent_count, r.draft_count)
            if col in (self.COL_DAYS_LEFT, self.COL_DEADLINE):
                return i18n_qt.days_left_sentence(self.days[i])
            extra = " · ".join(x for x in (r.persons, i18n_qt.country_name(r.country)) if x)
            title = self._titles.get(r.id) or r.title
            return f"{title}\n{extra}" if extra else title
        if role == self.ActionIdRole:
            return r.id
        if role == self.DaysLeftRole:
            return self.days[i]
        if role == self.StatusRole:
            return self.statuses[i]
        if role == self.DeadlineRole:
            return r.deadline
        if role == self.SearchRole:
            return self.search_texts[i]
        if role == self.SentCountRole:
            return r.sent_count
        if role == self.DraftCountRole:
            return r.draft_count
        if role == self.UrgencyRole:
            return urgency(self.days[i])
        return None


_bold: QFont | None = None


def _bold_font() -> QFont:
    global _bold
    if _bold is None:
        _bold = QFont()
        _bold.setBold(True)
    return _bold


def _activity_text(sent: int, drafts: int) -> str:
    parts = []
    if sent:
        parts.append(f"✓{sent}")
    if drafts:
        parts.append(f"✎{drafts}")
    return " ".join(parts)


def _activity_tooltip(sent: int, drafts: int) -> str:
    return "\n".join([
        ngettext("{n} letter sent", "{n} letters sent", sent).format(n=sent),
        ngettext("{n} draft", "{n} drafts", drafts).format(n=drafts),
    ])


class ActionFilterProxy(QAbstractProxyModel):
    """Status filter (open/past/undated/all; default open) and a word search over the store's
    precomputed, casefolded search text (title, people, country, recipients).

    It holds the visible source rows itself (``_rows``, in the source's order) and announces a new
    filter with one ``layoutChanged`` (persistent indexes — the selection — follow their rows), so
    a search over 10,000 actions costs one pass over Python lists: no ``filterAcceptsRow``
    callback per source row and no signal per changed range, as a QSortFilterProxyModel would."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = "open"
        self._words: list[str] = []
        self._src: ActionTableModel | None = None
        #: proxy row -> source row, and source row -> proxy row (-1: filtered out)
        self._rows: list[int] = []
        self._proxy_of: list[int] = []
        self._joined, self._starts, self._joined_generation = "", [], -1
        #: the same for the transliteration keys (``_skeletons``)
        self._skel: tuple[str, list[int], list[str]] = ("", [], [])
        self._skel_generation = -1
        self._moving: list | None = None  # persistent indexes' action ids during a source sort

    # -- the filter -----------------------------------------------------------------------------
    def status(self) -> str:
        return self._status

    def set_status(self, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        if status != self._status:
            self._load_all()  # only the first open rows may be loaded yet
            self._status = status
            self._refilter()

    def search(self) -> str:
        return " ".join(self._words)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._load_all()  # a search covers every action
            self._words = words
            self._refilter()

    def _load_all(self) -> None:
        if self._src is not None and not self._src.complete:
            self._src.fetch_all()

    def _index(self) -> tuple[str, list[int]]:
        """All search texts joined by newlines (a query word never contains one) and where each
        row starts: one C-level ``str.find`` scan finds the matching rows, so a selective query
        costs about as much as its hits, not as 10,000 Python ``in`` tests."""
        src = self._src
        if self._joined_generation != src.generation:
            texts = src.search_texts
            starts, pos = [], 0
            for t in texts:
                starts.append(pos)
                pos += len(t) + 1
            self._joined = "\n".join(texts)
            self._starts = starts
            self._joined_generation = src.generation
        return self._joined, self._starts

    def _skeletons(self) -> tuple[str, list[int], list[str]]:
        """The rows' transliteration keys (``core.translit.skeleton`` of each search text, read
        from the store with the rows: never computed here), joined like :meth:`_index`."""
        src = self._src
        if self._skel_generation != src.generation:
            keys = src.search_keys
            starts, pos = [], 0
            for k in keys:
                starts.append(pos)
                pos += len(k) + 1
            self._skel = ("\n".join(keys), starts, keys)
            self._skel_generation = src.generation
        return self._skel

    def _matches(self, word: str) -> list[int]:
        """Rows whose text has ``word``, or whose transliteration key has the word's key
        ("Dzhuraev" finds "Juraev" and "Джураев")."""
        joined, starts = self._index()
        rows = self._rows_with(word, joined, starts, self._src.search_texts)
        n = len(starts)
        if len(rows) == n:  # every row has the word: no key can add one
            return rows
        from ua_writer.core.translit import skeleton

        key = skeleton(word)
        if not key.strip():
            return rows
        if 5 * len(rows) >= n:  # a common word: look for its key in the other rows only (a
            # list comprehension over 80 % of 10,000 keys costs less than scanning them all)
            found, keys = set(rows), self._src.search_keys
            more = [i for i in range(n) if i not in found and key in keys[i]]
            return sorted(rows + more) if more else rows
        more = self._rows_with(key, *self._skeletons())
        if more:
            rows = sorted(set(rows).union(more))
        return rows

    def _rows_with(self, word: str, joined: str, starts: list[int], texts: list[str]) -> list[int]:
        n = len(starts)
        rows: list[int] = []
        budget = n // 8  # a common word: hand the rest to a plain list comprehension
        pos = joined.find(word)
        while pos != -1:
            row = bisect_right(starts, pos) - 1
            rows.append(row)
            if row + 1 >= n:
                break
            if len(rows) > budget:
                return rows + [i for i in range(row + 1, n) if word in texts[i]]
            pos = joined.find(word, starts[row + 1])
        return rows

    def _visible(self) -> list[int]:
        """The source rows that pass the status filter and contain every search word, in order."""
        src = self._src
        if src is None:
            return []
        texts, statuses = src.search_texts, src.statuses
        st, words = self._status, self._words
        if not words:
            return list(range(len(texts))) if st == "all" else \
                [i for i, s in enumerate(statuses) if s == st]
        keep = self._matches(words[0])
        if st != "all":
            keep = [i for i in keep if statuses[i] == st]
        if len(words) > 1:
            from ua_writer.core.translit import skeleton

            keys = src.search_keys
            for w in words[1:]:
                k = skeleton(w)
                keep = [i for i in keep if w in texts[i] or (k.strip() and k in keys[i])]
        return keep

    def _set_rows(self, rows: list[int]) -> None:
        self._rows = rows
        proxy_of = [-1] * (len(self._src.search_texts) if self._src is not None else 0)
        for p, r in enumerate(rows):
            proxy_of[r] = p
        self._proxy_of = proxy_of

    def _refilter(self) -> None:
        rows = self._visible()
        if rows == self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        sources = [self._rows[i.row()] if i.isValid() and i.row() < len(self._rows) else -1 for i in old]
        self._set_rows(rows)
        self._move_persistent(old, sources)
        self.layoutChanged.emit()

    def _move_persistent(self, old: list, sources: list[int]) -> None:
        """Point the persistent indexes ``old`` (on source rows ``sources``) at their new rows."""
        if not old:
            return
        new = []
        for idx, s in zip(old, sources):
            p = self._proxy_of[s] if 0 <= s < len(self._proxy_of) else -1
            new.append(self.createIndex(p, idx.column()) if p >= 0 else QModelIndex())
        self.changePersistentIndexList(old, new)

    # -- following the source model -------------------------------------------------------------
    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt's name
        self.beginResetModel()
        old = self._src
        if old is not None:
            for signal, slot in self._connections(old):
                signal.disconnect(slot)
        super().setSourceModel(model)
        self._src = model  # a plain Python reference: no Qt call per filtered row
        if model is not None:
            for signal, slot in self._connections(model):
                signal.connect(slot)
        self._set_rows(self._visible())
        self.endResetModel()

    def _connections(self, model) -> list:
        return [(model.modelAboutToBeReset, self.beginResetModel),
                (model.modelReset, self._source_reset),
                (model.layoutAboutToBeChanged, self._source_layout_about_to_change),
                (model.layoutChanged, self._source_layout_changed),
                (model.rowsInserted, self._source_rows_inserted),
                (model.rowsRemoved, self._source_rows_removed),
                (model.dataChanged, self._source_data_changed),
                (model.headerDataChanged, self.headerDataChanged)]

    def _source_reset(self) -> None:
        self._set_rows(self._visible())
        self.endResetModel()

    def _source_layout_about_to_change(self, *args) -> None:
        # the source re-sorts: remember which action each persistent index (the view's selection
        # and current row) is on, to find it again in the new order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        src = self._src
        ids = [src.action_id(self._rows[i.row()]) if i.isValid() and i.row() < len(self._rows) else None
               for i in old]
        self._moving = [old, ids]

    def _source_layout_changed(self, *args) -> None:
        self._set_rows(self._visible())
        if self._moving is not None:
            old, ids = self._moving
            self._moving = None
            self._move_persistent(old, [self._src.row_for_id(i) if i else -1 for i in ids])
        self.layoutChanged.emit()

    def _source_rows_inserted(self, parent, first: int, last: int) -> None:
        src_n = len(self._src.search_texts)
        if first != src_n - (last - first + 1):  # pragma: no cover - the model only appends
            self.beginResetModel()
            self._source_reset()
            return
        rows = self._visible()
        n = len(self._rows)
        if rows[:n] != self._rows:  # pragma: no cover - appended rows never move earlier ones
            self.beginResetModel()
            self._source_reset()
            return
        if len(rows) > n:
            self.beginInsertRows(QModelIndex(), n, len(rows) - 1)
            self._set_rows(rows)
            self.endInsertRows()
        else:
            self._set_rows(rows)

    def _source_rows_removed(self, *args) -> None:  # pragma: no cover - the model resets instead
        self.beginResetModel()
        self._source_reset()

    def _source_data_changed(self, top_left, bottom_right, roles=()) -> None:
        rows = self._visible()  # a changed row may now pass the filter, or not
        if rows != self._rows:
            self.layoutAboutToBeChanged.emit()
            old = self.persistentIndexList()
            sources = [self._rows[i.row()] if i.isValid() and i.row() < len(self._rows) else -1
                       for i in old]
            self._set_rows(rows)
            self._move_persistent(old, sources)
            self.layoutChanged.emit()
            return
        shown = [p for p in self._proxy_of[top_left.row():bottom_right.row() + 1] if p >= 0]
        if shown:
            self.dataChanged.emit(self.createIndex(min(shown), top_left.column()),
                                  self.createIndex(max(shown), bottom_right.column()))

    # -- Qt API ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self._src is None else self._src.COLUMN_COUNT

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < len(self._rows)) or self._src is None \
                or not (0 <= column < self._src.COLUMN_COUNT):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: QModelIndex | None = None):
        if index is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, index: QModelIndex) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: QModelIndex) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid() or self._src is None or proxy_index.row() >= len(self._rows):
            return QModelIndex()
        return self._src.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: QModelIndex) -> QModelIndex:  # noqa: N802
        if not source_index.isValid() or source_index.row() >= len(self._proxy_of):
            return QModelIndex()
        p = self._proxy_of[source_index.row()]
        return self.createIndex(p, source_index.column()) if p >= 0 else QModelIndex()

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        # every visible cell and role on each repaint: straight to the source's row, no mapping
        if role not in _HANDLED or self._src is None:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        return self._src.cell(self._rows[row], index.column(), role)

    # flags(): QAbstractProxyModel's own (the source's through mapToSource: QAbstractTableModel's
    # selectable, enabled, no children); a Python flags() would have to return a Qt enum

    def headerData(self, section: int, orientation, role=_DISPLAY):  # noqa: N802
        return self._src.headerData(section, orientation, role) if self._src is not None else None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return self._src is not None and not parent.isValid() and self._src.canFetchMore(QModelIndex())

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802
        if self._src is not None and not parent.isValid():
            self._src.fetchMore(QModelIndex())

    # -- sorting is the source model's (one Python sort, no lessThan per comparison) ------------
    def sort(self, column: int, order=ASCENDING) -> None:
        if self._src is not None:
            self._src.sort(column, order)

    def source_row(self, proxy_row: int) -> int:
        return self._rows[proxy_row] if 0 <= proxy_row < len(self._rows) else -1

    def action_id_at(self, proxy_row: int) -> str:
        return self._src.action_id(self.source_row(proxy_row))

    def proxy_row_for(self, action_id: str) -> int:
        src_row = self._src.row_for_id(action_id) if self._src is not None else -1
        return self._proxy_of[src_row] if 0 <= src_row < len(self._proxy_of) else -1
