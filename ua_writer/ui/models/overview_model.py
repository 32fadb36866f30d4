"""LettersOverviewModel: the Letters overview's table — deadlines coming up, drafts and sent
letters across actions (``services.overview.OverviewRow``), with what to open for each row.
Must not import widgets.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ua_writer.core.i18n import _
from ua_writer.services.overview import OverviewRow
from ua_writer.ui import i18n_qt


class LettersOverviewModel(QAbstractTableModel):
    COL_STATE, COL_DATE, COL_ACTION, COL_RECIPIENT, COL_LANGUAGE = range(5)
    #: (action id, language or None, recipient id or None): the letter a row opens
    LetterRole = Qt.ItemDataRole.UserRole + 1
    KindRole = Qt.ItemDataRole.UserRole + 2
    #: the row's date as a datetime.date (sorting)
    DateRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, today: _dt.date, label_for: Callable[[str, str], str], parent=None):
        super().__init__(parent)
        self.today = today
        self._rows: list[OverviewRow] = []
        self._label_for = label_for

    def set_rows(self, rows: list[OverviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> OverviewRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("State"), _("Date"), _("Action"), _("To"), _("Language")][section]
        return None

    def state_text(self, r: OverviewRow) -> str:
        if r.kind == "deadline":
            return i18n_qt.days_left_sentence(r.days_left(self.today))
        if r.kind == "draft":
            return _("Draft")
        from ua_writer.ui.dialogs.mark_sent_dialog import channel_name

        return _("Sent by {channel}").format(channel=channel_name(r.channel or "").lower())

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.COL_STATE:
                return self.state_text(r)
            if col == self.COL_DATE:
                return i18n_qt.date_text(r.when)
            if col == self.COL_ACTION:
                return r.title
            if col == self.COL_RECIPIENT:
                return self._label_for(r.action_id, r.recipient_id) if r.recipient_id else ""
            if col == self.COL_LANGUAGE:
                return i18n_qt.language_name(r.language) if r.language else ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_STATE and r.kind == "deadline":
            days = r.days_left(self.today)
            if days is not None and days <= 7:
                return QBrush(QColor("#c62828"))
        if role == self.LetterRole:
            return (r.action_id, r.language, r.recipient_id)
        if role == self.KindRole:
            return r.kind
        if role == self.DateRole:
            return r.when
        return None
