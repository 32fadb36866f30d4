"""LettersOverview: a dock listing, across actions, the deadlines coming up and every letter
drafted or sent (``services.overview``); double-click or Enter on a row asks for its letter
(``letter_requested``). Reads through the store it is given; must not import the main window.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ua_writer.core.i18n import _, ngettext
from ua_writer.ui.models.overview_model import LettersOverviewModel


class LettersOverview(QDockWidget):
    #: (action id, language or "", recipient id or ""): open this letter
    letter_requested = Signal(str, str, str)

    def __init__(self, rows: Callable[[], list], today: _dt.date,
                 label_for: Callable[[str, str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lettersOverview")
        self._rows = rows
        self.model = LettersOverviewModel(today, label_for, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(objectName="lettersOverviewView")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LettersOverviewModel.COL_ACTION, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(self._open)  # double-click, Enter
        self.summary = QLabel(objectName="lettersOverviewSummary")
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 2, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.view, 1)
        self.setWidget(body)
        self.retranslate_ui()

    def refresh(self) -> None:
        self.model.set_rows(self._rows())
        self._update_summary()

    def _update_summary(self) -> None:
        kinds = [self.model.row(i).kind for i in range(self.model.rowCount())]
        self.summary.setText(" · ".join([
            ngettext("{n} deadline coming up", "{n} deadlines coming up",
                     kinds.count("deadline")).format(n=kinds.count("deadline")),
            ngettext("{n} draft", "{n} drafts", kinds.count("draft")).format(n=kinds.count("draft")),
            ngettext("{n} letter sent", "{n} letters sent", kinds.count("sent")).format(n=kinds.count("sent")),
        ]))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Letters"))
        self.view.setToolTip(_("Double-click a row (or press Enter) to open its letter"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        self._update_summary()

    def _open(self, index) -> None:
        aid, language, rid = self.proxy.data(index, LettersOverviewModel.LetterRole)
        self.letter_requested.emit(aid, language or "", rid or "")
