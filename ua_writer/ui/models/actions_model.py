"""ActionTableModel (the action list) and ActionFilterProxy (status filter + search).

The model wraps the store's light ``ActionRow``s and an explicit "today"; it precomputes per row
what filtering and sorting need (status, days left, the store's casefolded ``search`` text) in
plain lists, so the proxy can decide 10,000 rows in one list comprehension and answer Qt's
per-row ``filterAcceptsRow`` with an index lookup. Sorting is done by the model itself (a Python
sort and ``layoutChanged``), never by per-comparison ``lessThan`` calls. Default order: open by
deadline, then past newest first, then undated by title. Must not import widgets or the store
class (it receives rows).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from ua_writer.core.i18n import _, ngettext
from ua_writer.ui import i18n_qt

STATUSES = ("open", "past", "undated", "all")
_STATUS_ORDER = {"open": 0, "past": 1, "undated": 2}


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


class ActionTableModel(QAbstractTableModel):
    COL_TITLE, COL_COUNTRY, COL_PERSONS, COL_DEADLINE, COL_DAYS_LEFT, COL_ACTIVITY = range(6)
    COLUMN_COUNT = 6

    ActionIdRole = Qt.ItemDataRole.UserRole + 1
    DaysLeftRole = Qt.ItemDataRole.UserRole + 2      # int | None
    StatusRole = Qt.ItemDataRole.UserRole + 3        # "open" | "past" | "undated"
    DeadlineRole = Qt.ItemDataRole.UserRole + 4      # datetime.date | None
    SearchRole = Qt.ItemDataRole.UserRole + 5        # casefolded search text
    SentCountRole = Qt.ItemDataRole.UserRole + 6
    DraftCountRole = Qt.ItemDataRole.UserRole + 7
    UrgencyRole = Qt.ItemDataRole.UserRole + 8       # see urgency()

    def __init__(self, today: _dt.date, parent=None):
        super().__init__(parent)
        self.today = today
        self._rows: list = []
        #: parallel, precomputed lists (the proxy reads them directly)
        self.statuses: list[str] = []
        self.days: list[int | None] = []
        self.search_texts: list[str] = []
        self._index_of: dict[str, int] = {}
        #: bumped whenever rows change, so proxies know their cached mask is stale
        self.generation = 0
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: titles in the UI language where the pack has them (id -> title)
        self._titles: dict[str, str] = {}

    # -- loading --------------------------------------------------------------------------------
    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._recompute()
        self._apply_sort()
        self.endResetModel()

    def set_titles(self, titles: dict[str, str]) -> None:
        """Show these titles (the UI language's) instead of the packs' English ones."""
        self._titles = dict(titles)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_TITLE), self.index(len(self._rows) - 1, self.COL_TITLE))

    def title(self, row: int) -> str:
        r = self._rows[row]
        return self._titles.get(r.id) or r.title

    def set_today(self, today: _dt.date) -> None:
        self.beginResetModel()
        self.today = today
        self._recompute()
        self._apply_sort()
        self.endResetModel()

    def _recompute(self) -> None:
        today = self.today
        self.days = [r.days_left(today) for r in self._rows]
        self.statuses = ["undated" if d is None else ("open" if d >= 0 else "past") for d in self.days]
        self.search_texts = [r.search for r in self._rows]
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
        self.days[i] = new_row.days_left(self.today)
        d = self.days[i]
        self.statuses[i] = "undated" if d is None else ("open" if d >= 0 else "past")
        self.generation += 1
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.COLUMN_COUNT - 1))

    # -- sorting (in Python, once; not per comparison) ------------------------------------------
    def default_key(self, i: int):
        r, d, st = self._rows[i], self.days[i], self.statuses[i]
        title = (self._titles.get(r.id) or r.title).casefold()
        if st == "open":
            return (0, d, title)
        if st == "past":
            return (1, -r.deadline.toordinal(), title)
        return (2, 0, title)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.id for r in self._rows]
        self._sort = (column, order) if column >= 0 else None
        self._apply_sort()
        new_pos = {r.id: i for i, r in enumerate(self._rows)}
        from_list, to_list = [], []
        for idx in self.persistentIndexList():
            if idx.isValid():
                new_row = new_pos[old_ids[idx.row()]]
                from_list.append(idx)
                to_list.append(self.index(new_row, idx.column()))
        self.changePersistentIndexList(from_list, to_list)
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        order = list(range(len(self._rows)))
        if self._sort is None or self._sort[0] == self.COL_DAYS_LEFT or self._sort[0] == self.COL_DEADLINE:
            order.sort(key=self.default_key)
            if self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder:
                order.reverse()
        else:
            column, desc = self._sort[0], self._sort[1] == Qt.SortOrder.DescendingOrder
            keyf = {
                self.COL_TITLE: lambda i: self.title(i).casefold(),
                self.COL_COUNTRY: lambda i: (self._rows[i].country or "", self.title(i).casefold()),
                self.COL_PERSONS: lambda i: self._rows[i].persons.casefold(),
                self.COL_ACTIVITY: lambda i: (self._rows[i].sent_count, self._rows[i].draft_count),
            }.get(column, self.default_key)
            order.sort(key=keyf, reverse=desc)
        self._rows = [self._rows[i] for i in order]
        self.days = [self.days[i] for i in order]
        self.statuses = [self.statuses[i] for i in order]
        self.search_texts = [self.search_texts[i] for i in order]
        self._reindex()

    # -- Qt API ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.COL_TITLE: _("Action"),
                self.COL_COUNTRY: _("Country"),
                self.COL_PERSONS: _("People"),
                self.COL_DEADLINE: _("Deadline"),
                self.COL_DAYS_LEFT: _("Days left"),
                self.COL_ACTIVITY: _("Letters"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_ACTIVITY:
            return _("Letters sent (✓) and drafts (✎)")
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i, col = index.row(), index.column()
        r = self._rows[i]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_TITLE:
                return self._titles.get(r.id) or r.title
            if col == self.COL_COUNTRY:
                return r.country or ""
            if col == self.COL_PERSONS:
                return r.persons
            if col == self.COL_DEADLINE:
                return i18n_qt.date_text(r.deadline)
            if col == self.COL_DAYS_LEFT:
                return i18n_qt.days_left_text(self.days[i])
            if col == self.COL_ACTIVITY:
                return _activity_text(r.sent_count, r.draft_count)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_COUNTRY:
                return i18n_qt.country_name(r.country)
            if col == self.COL_ACTIVITY:
                return _activity_tooltip(r.sent_count, r.draft_count)
            if col in (self.COL_DAYS_LEFT, self.COL_DEADLINE):
                return i18n_qt.days_left_sentence(self.days[i])
            if col in (self.COL_TITLE, self.COL_PERSONS):
                extra = " · ".join(x for x in (r.persons, i18n_qt.country_name(r.country)) if x)
                title = self._titles.get(r.id) or r.title
                return f"{title}\n{extra}" if extra else title
            return None
        if role == Qt.ItemDataRole.FontRole:
            d = self.days[i]
            if d is not None and 0 <= d <= 7:
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.COL_DAYS_LEFT, self.COL_ACTIVITY):
            return int(Qt.AlignmentFlag.AlignCenter)
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


class ActionFilterProxy(QSortFilterProxyModel):
    """Status filter (open/past/undated/all; default open) and a word search over the store's
    precomputed, casefolded search text (title, people, country, recipients)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._status = "open"
        self._words: list[str] = []
        self._mask: list[bool] = []
        self._mask_generation = -1
        self._src = None

    # -- the filter -----------------------------------------------------------------------------
    def status(self) -> str:
        return self._status

    def set_status(self, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        if status != self._status:
            self._status = status
            self._refilter()

    def search(self) -> str:
        return " ".join(self._words)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._refilter()

    def _refilter(self) -> None:
        self._mask_generation = -1
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9: re-filter rows only, much faster
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.invalidateRowsFilter()

    def _compute_mask(self) -> None:
        src = self._src
        texts, statuses = src.search_texts, src.statuses
        st, words = self._status, self._words
        if not words:
            mask = [True] * len(texts) if st == "all" else [s == st for s in statuses]
        elif len(words) == 1:
            w = words[0]
            if st == "all":
                mask = [w in t for t in texts]
            else:
                mask = [s == st and w in t for s, t in zip(statuses, texts)]
        else:  # narrow the candidates word by word (no per-row generator)
            first = words[0]
            keep = [i for i, t in enumerate(texts) if first in t and (st == "all" or statuses[i] == st)]
            for w in words[1:]:
                keep = [i for i in keep if w in texts[i]]
            mask = [False] * len(texts)
            for i in keep:
                mask[i] = True
        self._mask = mask
        self._mask_generation = src.generation

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt's name
        self._src = model  # a plain Python reference: no Qt call per filtered row
        self._mask_generation = -1
        super().setSourceModel(model)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 - Qt's name
        # called once per source row: keep it to a generation check and an index lookup
        if self._mask_generation != self._src.generation:
            self._compute_mask()
        return self._mask[row]

    # -- sorting is the source model's (one Python sort, no lessThan per comparison) ------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        src = self.sourceModel()
        if src is not None:
            src.sort(column, order)

    def source_row(self, proxy_row: int) -> int:
        return self.mapToSource(self.index(proxy_row, 0)).row()

    def action_id_at(self, proxy_row: int) -> str:
        return self.sourceModel().action_id(self.source_row(proxy_row))

    def proxy_row_for(self, action_id: str) -> int:
        src_row = self.sourceModel().row_for_id(action_id)
        if src_row < 0:
            return -1
        idx = self.mapFromSource(self.sourceModel().index(src_row, 0))
        return idx.row() if idx.isValid() else -1

