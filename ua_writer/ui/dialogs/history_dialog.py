"""HistoryDialog: what happened with one action — letters recorded as sent (removable, in case
of a mistake) and the drafts kept for it. Reads and deletes through the Store it is given.
Must not import the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QListWidget, QPushButton, QTableView, QVBoxLayout, QWidget)

from ua_writer.core import i18n
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action
from ua_writer.core.store import Store
from ua_writer.services import records
from ua_writer.ui import i18n_qt
from ua_writer.ui.models.sent_model import SentLogModel


class HistoryDialog(QDialog):
    def __init__(self, store: Store, action: Action, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.store, self.action = store, action
        #: what deleting records changed (``services.records.Changes``), for the window to apply
        self.changes = records.NOTHING
        self.setWindowTitle(_("History: {title}").format(
            title=action.title_in(i18n.current_language())))
        self.model = SentLogModel(self._label)
        self.view = QTableView(objectName="sentLog")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SentLogModel.COL_RECIPIENT, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(False)
        self.summary = QLabel()
        self.delete_button = QPushButton(_("Remove record"))
        self.delete_button.setToolTip(_("Remove the selected record (if it was marked by mistake)"))
        self.delete_button.clicked.connect(self._delete)
        self.drafts = QListWidget(objectName="draftList")
        self.drafts.setToolTip(_("Double-click a draft (or press Enter) to open it"))
        #: (language, recipient id) of the letter the user asked to open, after the dialog
        self.letter_to_open: tuple[str, str] | None = None
        self.drafts.itemActivated.connect(self._open_draft)
        self.view.activated.connect(self._open_sent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 2)
        lay.addWidget(QLabel(_("Drafts:")))
        lay.addWidget(self.drafts, 1)
        lay.addWidget(buttons)
        self.resize(620, 420)
        self.reload()

    def _label(self, recipient_id: str) -> str:
        r = self.action.recipient(recipient_id)
        return i18n_qt.recipient_label(r) if r else recipient_id

    def reload(self) -> None:
        records = self.store.sent(self.action.id)
        self.model.set_records(records)
        n = len(records)
        self.summary.setText(_("No letter recorded as sent yet.") if not n else
                             ngettext("{n} letter recorded as sent", "{n} letters recorded as sent",
                                      n).format(n=n))
        self.drafts.clear()
        for d in self.store.drafts(self.action.id):
            self.drafts.addItem(f"{i18n_qt.language_name(d.language)} · {self._label(d.recipient_id)} · "
                                f"{i18n_qt.datetime_text(d.updated_at)}")
            self.drafts.item(self.drafts.count() - 1).setData(Qt.ItemDataRole.UserRole,
                                                              (d.language, d.recipient_id))
        self.delete_button.setEnabled(n > 0)

    def _open_draft(self, item) -> None:
        """Open this draft's letter in the window (the dialog closes)."""
        self.letter_to_open = tuple(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _open_sent(self, index) -> None:
        record = self.model.record(index.row())
        self.letter_to_open = (record.language, record.recipient_id)
        self.accept()

    def _delete(self) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            return
        record = self.model.record(idx.row())
        if record.id is not None:
            self.changes |= records.delete_sent(self.store, self.action.id, record.id)
            self.reload()
