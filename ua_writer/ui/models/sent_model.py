"""SentLogModel: one action's sent letters (date, recipient, channel, language) for the history
view. Rows are the store's SentRecords plus a recipient-label lookup. Must not import widgets.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ua_writer.core.i18n import _
from ua_writer.core.model import SentRecord
from ua_writer.ui import i18n_qt


class SentLogModel(QAbstractTableModel):
    COL_DATE, COL_RECIPIENT, COL_CHANNEL, COL_LANGUAGE = range(4)
    RecordIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, label_for: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._records: list[SentRecord] = []
        self._label_for = label_for

    def set_records(self, records: list[SentRecord]) -> None:
        self.beginResetModel()
        self._records = sorted(records, key=lambda r: (r.sent_on, r.id or 0), reverse=True)
        self.endResetModel()

    def record(self, row: int) -> SentRecord:
        return self._records[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Sent on"), _("To"), _("By"), _("Language")][section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            from ua_writer.ui.dialogs.mark_sent_dialog import channel_name

            return [i18n_qt.date_text(r.sent_on), self._label_for(r.recipient_id),
                    channel_name(r.channel), i18n_qt.language_name(r.language)][index.column()]
        if role == self.RecordIdRole:
            return r.id
        return None
