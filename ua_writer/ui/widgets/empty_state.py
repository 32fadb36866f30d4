"""EmptyState (objectName ``emptyState``): what the action list shows when it has no row to show,
saying why and what to do — "No open actions — 3 past deadline, 2 undated." with buttons to show
those, to import a UA from a file and to paste one; or "No action matches …" with a button that
clears the search. Paste (Ctrl+V) while it has the focus asks for a paste too. Emits requests only; the list pane decides when it is visible. Must not import
the store, dialogs or the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ua_writer.core.i18n import _, ngettext

_STATUS_NAMES = {"open": lambda: _("No open actions"), "past": lambda: _("No past-deadline actions"),
                 "undated": lambda: _("No undated actions"), "all": lambda: _("No actions yet")}


class EmptyState(QFrame):
    status_requested = Signal(str)   # "past", "undated" or "all"
    import_requested = Signal()
    paste_requested = Signal()
    clear_search_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(objectName="emptyStateMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.show_past = QPushButton(objectName="emptyStateShowPast")
        self.show_undated = QPushButton(objectName="emptyStateShowUndated")
        self.show_all = QPushButton(objectName="emptyStateShowAll")
        self.import_button = QPushButton(objectName="emptyStateImport")
        self.paste_button = QPushButton(objectName="emptyStatePaste")
        self.clear_search = QPushButton(objectName="emptyStateClearSearch")
        self.show_past.clicked.connect(lambda: self.status_requested.emit("past"))
        self.show_undated.clicked.connect(lambda: self.status_requested.emit("undated"))
        self.show_all.clicked.connect(lambda: self.status_requested.emit("all"))
        self.import_button.clicked.connect(self.import_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.clear_search.clicked.connect(self.clear_search_requested)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addStretch(1)
        lay.addWidget(self.message)
        lay.addSpacing(8)
        for b in (self.clear_search, self.show_past, self.show_undated, self.show_all,
                  self.import_button, self.paste_button):
            lay.addWidget(b)
        lay.addStretch(2)
        self._state: tuple = ("open", {}, "")
        self.retranslate_ui()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Ctrl+V on the empty list (its buttons pass the key on): paste a UA."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def set_state(self, status: str, counts: dict[str, int], search: str = "") -> None:
        """Why the list is empty: the filter ``status``, the store's ``counts`` per status,
        and the search text (if any)."""
        self._state = (status, dict(counts), search)
        self.retranslate_ui()

    def message_text(self) -> str:
        return self.message.text()

    def retranslate_ui(self) -> None:
        status, counts, search = self._state
        past, undated, total = counts.get("past", 0), counts.get("undated", 0), counts.get("all", 0)
        if search:
            text = _("No action matches “{search}”.").format(search=search)
        else:
            text = _STATUS_NAMES.get(status, _STATUS_NAMES["all"])()
            others = []
            if past and status != "past":
                others.append(ngettext("{n} past deadline", "{n} past deadline", past).format(n=past))
            if undated and status != "undated":
                others.append(ngettext("{n} undated", "{n} undated", undated).format(n=undated))
            if others:
                text = _("{empty} — {counts}.").format(empty=text, counts=", ".join(others))
            else:
                text = _("{empty}.").format(empty=text)
            text += "\n" + _("Import an Urgent Action you received, or paste its text.")
        self.message.setText(text)
        self.clear_search.setVisible(bool(search))
        self.show_past.setVisible(not search and bool(past) and status != "past")
        self.show_undated.setVisible(not search and bool(undated) and status != "undated")
        self.show_all.setVisible(not search and total > 0 and status != "all"
                                 and total != counts.get(status, 0))
        self.show_past.setText(ngettext("Show {n} past-deadline action", "Show {n} past-deadline actions",
                                        past).format(n=past))
        self.show_undated.setText(ngettext("Show {n} undated action", "Show {n} undated actions",
                                           undated).format(n=undated))
        self.show_all.setText(_("Show all actions"))
        self.import_button.setText(_("Import a UA…"))
        self.import_button.setToolTip(_("Import a UA text, PDF, web page or Word file, or an action pack"))
        self.paste_button.setText(_("Paste a UA"))
        self.paste_button.setToolTip(_("Import the UA text on the clipboard"))
        self.clear_search.setText(_("Clear the search"))
