"""RecipientDialog: add or edit a recipient (an official to write to, or a copy recipient such as
the embassy in your country). New recipients can also be picked from the address book: nothing
is picked until the user chooses an entry, which then fills every field with the entry's saved
data (still editable: Save updates the entry). "Send a copy only" starts ticked only when the
action already has someone to write to (``copy_by_default``). Returns a Recipient; the caller
stores it (``Store.save_contact`` + ``attach_contact``). Must not import the store or the main
window.
"""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QWidget)

from ua_writer.core.i18n import _
from ua_writer.core.model import Recipient
from ua_writer.ui import i18n_qt


def new_id(recipient: Recipient, taken: set[str]) -> str:
    """A pack-style id (lowercase ASCII, hyphens) not in ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", (recipient.label() or "").lower()).strip("-")[:40].strip("-")
    base = base or "recipient"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _lines(text: str) -> list[str]:
    return [l.strip() for l in re.split(r"[\n;,]+", text) if l.strip()]


class RecipientDialog(QDialog):
    def __init__(self, recipient: Recipient | None, taken_ids: set[str],
                 contacts: list[Recipient] | None = None, parent: QWidget | None = None, *,
                 copy_by_default: bool = False):
        super().__init__(parent)
        self.setObjectName("recipientDialog")
        self.setWindowTitle(_("Edit recipient") if recipient else _("Add a recipient"))
        self._original = recipient
        self._taken = set(taken_ids)
        self._contacts = {c.id: c for c in contacts or []}
        r = recipient or Recipient(id="")
        self.book = QComboBox(objectName="addressBook")
        self.book.addItem(_("New recipient"), "")
        for c in contacts or []:
            self.book.addItem(c.label(), c.id)
        self.book.currentIndexChanged.connect(self._from_book)
        self.book_hint = QLabel(_("Saved in your address book: changes here apply to every action "
                                  "it is on."), objectName="addressBookHint")
        self.book_hint.setWordWrap(True)
        self.book_hint.hide()
        self.title = QLineEdit(r.title or "", objectName="recipientTitle")
        self.title.setPlaceholderText(_("e.g. Ambassador"))
        self.name = QLineEdit(r.name or "", objectName="recipientName")
        self.organization = QLineEdit(r.organization or "", objectName="recipientOrganization")
        self.organization.setPlaceholderText(_("e.g. Embassy of the Russian Federation"))
        self.address = QPlainTextEdit("\n".join(r.address_lines), objectName="recipientAddress")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.country = QComboBox(objectName="recipientCountry")
        self.country.addItem("—", "")
        for code, name in sorted(((c, n) for c, n in i18n_qt.locale().territories.items()
                                  if len(c) == 2 and c.isalpha()), key=lambda cn: cn[1].casefold()):
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(self.country.findData(r.country or ""), 0))
        self.fax = QLineEdit(", ".join(r.fax), objectName="recipientFax")
        self.email = QLineEdit(", ".join(r.email), objectName="recipientEmail")
        self.salutation = QLineEdit(r.salutation or "", objectName="recipientSalutation")
        self.salutation.setPlaceholderText(_("e.g. Your Excellency"))
        self.gender = QComboBox(objectName="recipientGender")
        self.gender.addItem(_("Not specified"), None)
        self.gender.addItem(_("Female"), "f")
        self.gender.addItem(_("Male"), "m")
        self.gender.setCurrentIndex(max(self.gender.findData(r.gender), 0))
        self.is_copy = QCheckBox(_("Send a copy only (e.g. an embassy)"), objectName="recipientIsCopy")
        self.is_copy.setChecked(r.is_copy if recipient else copy_by_default)
        self.note = QLineEdit(r.note or "", objectName="recipientNote")

        form = QFormLayout(self)
        if recipient is None and contacts:
            form.addRow(_("From the &address book:"), self.book)
            form.addRow("", self.book_hint)
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Organisation:"), self.organization)
        form.addRow(_("A&ddress:"), self.address)
        form.addRow(_("C&ountry:"), self.country)
        form.addRow(_("&Fax:"), self.fax)
        form.addRow(_("&E-mail:"), self.email)
        form.addRow(_("&Salutation:"), self.salutation)
        form.addRow(_("&Gender:"), self.gender)
        form.addRow("", self.is_copy)
        form.addRow(_("N&ote:"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        self.book.setCurrentIndex(0)  # "New recipient": a saved entry is a deliberate choice
        self.title.setFocus()         # typing (or Space) goes into a field, never picks an entry

    def chosen_contact_id(self) -> str:
        """The address-book entry picked and left as it was (attach it as it is), or "" — also
        when its fields were edited: then ``recipient()`` (same id) is to be saved first."""
        picked = self._picked_id()
        if picked and self._fields(self._contacts[picked]) == self._contacts[picked]:
            return picked
        return ""

    def _picked_id(self) -> str:
        return self.book.currentData() or ""

    def _from_book(self, _i: int) -> None:
        """Show the chosen entry's saved data in every field (or empty fields for a new one)."""
        chosen = self._contacts.get(self.book.currentData() or "")
        self.book_hint.setVisible(chosen is not None)
        c = chosen or Recipient(id="")
        self.title.setText(c.title or "")
        self.name.setText(c.name or "")
        self.organization.setText(c.organization or "")
        self.address.setPlainText("\n".join(c.address_lines))
        self.country.setCurrentIndex(max(self.country.findData(c.country or ""), 0))
        self.fax.setText(", ".join(c.fax))
        self.email.setText(", ".join(c.email))
        self.salutation.setText(c.salutation or "")
        self.gender.setCurrentIndex(max(self.gender.findData(c.gender), 0))
        self.is_copy.setChecked(c.is_copy)
        self.note.setText(c.note or "")

    def accept(self) -> None:
        if not (self._picked_id() or self.title.text().strip() or self.name.text().strip()
                or self.organization.text().strip()):
            self.title.clear()  # blanks only: show the hint below
            self.title.setFocus()
            self.title.setPlaceholderText(_("A title, name or organisation is needed"))
            return
        super().accept()

    def recipient(self) -> Recipient:
        r = self._fields(self._contacts.get(self._picked_id()) or self._original or Recipient(id=""))
        if not r.id:
            r.id = new_id(r, self._taken)
        return r

    def _fields(self, base: Recipient) -> Recipient:
        """``base`` with the values the form shows."""
        return dataclasses.replace(
            base,
            title=self.title.text().strip() or None,
            name=self.name.text().strip() or None,
            organization=self.organization.text().strip() or None,
            address_lines=[l.strip() for l in self.address.toPlainText().splitlines() if l.strip()],
            country=self.country.currentData() or None,
            fax=_lines(self.fax.text()),
            email=_lines(self.email.text()),
            salutation=self.salutation.text().strip() or None,
            gender=self.gender.currentData(),
            is_copy=self.is_copy.isChecked(),
            note=self.note.text().strip() or None,
        )
