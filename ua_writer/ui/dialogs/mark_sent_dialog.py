"""MarkSentDialog: record that a letter went out — to whom, how (post, fax, e-mail) and when
(default: the app's "today", which ``--today`` sets). Returns values; the caller writes the store.
Must not import the store or the main window.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QWidget)

from ua_writer.core import i18n
from ua_writer.core.i18n import _
from ua_writer.core.model import CHANNELS, Recipient
from ua_writer.ui import i18n_qt


def channel_name(channel: str) -> str:
    return {"post": _("Post"), "fax": _("Fax"), "email": _("E-mail")}.get(channel, channel)


class MarkSentDialog(QDialog):
    def __init__(self, recipients: list[Recipient], recipient_id: str | None, language: str,
                 today: _dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("markSentDialog")
        self.setWindowTitle(_("Mark letter as sent"))
        self.language = language
        self.recipient = QComboBox(objectName="sentRecipient")
        for r in recipients:
            label = i18n_qt.recipient_label(r) + (" " + _("(copy)") if r.is_copy else "")
            self.recipient.addItem(label, r.id)
        i = self.recipient.findData(recipient_id)
        self.recipient.setCurrentIndex(max(i, 0))
        self.channel = QComboBox(objectName="sentChannel")
        for c in CHANNELS:
            self.channel.addItem(channel_name(c), c)
        self.date = QDateEdit(QDate(today.year, today.month, today.day), objectName="sentDate")
        self.date.setCalendarPopup(True)
        # the same date format as History and the rest of the UI (Babel's, in the UI language)
        self.date.setLocale(QLocale(i18n.current_language()))
        self.date.setDisplayFormat(i18n_qt.qt_date_format())
        self.date.setMaximumDate(QDate(today.year, today.month, today.day).addYears(1))
        self.recipient.currentIndexChanged.connect(self._suggest_channel)
        self._recipients = {r.id: r for r in recipients}
        self._suggest_channel()
        form = QFormLayout(self)
        form.addRow(_("Letter in:"), QLabel(i18n_qt.language_name(language)))
        form.addRow(_("Sent to:"), self.recipient)
        form.addRow(_("Sent by:"), self.channel)
        form.addRow(_("Sent on:"), self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _suggest_channel(self, *args) -> None:
        r = self._recipients.get(self.recipient.currentData()) if hasattr(self, "_recipients") else None
        if r is not None:
            best = "fax" if r.fax else ("email" if r.email else "post")
            self.channel.setCurrentIndex(self.channel.findData(best))

    def set_values(self, channel: str | None = None, sent_on: _dt.date | None = None,
                   recipient_id: str | None = None) -> None:
        if recipient_id:
            self.recipient.setCurrentIndex(self.recipient.findData(recipient_id))
        if channel:
            self.channel.setCurrentIndex(self.channel.findData(channel))
        if sent_on:
            self.date.setDate(QDate(sent_on.year, sent_on.month, sent_on.day))

    def values(self) -> tuple[str, str, _dt.date]:
        """(recipient_id, channel, sent_on)."""
        d = self.date.date()
        return self.recipient.currentData(), self.channel.currentData(), _dt.date(d.year(), d.month(), d.day())
