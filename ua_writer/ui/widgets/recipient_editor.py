"""RecipientEditor (objectName ``recipientEditor``): an action's recipients as a list to add to,
remove from and reorder, and a form for the selected one — title, name, organisation, address
lines, country (by name), fax numbers and e-mail addresses (one a line), salutation, gender,
copy or main recipient, note — and the same fields in another language, with the Russian dative
forms of title and name that the letter's address block uses. ``set_notes`` marks fields of
particular recipients with where their value came from (the import review: "from your address
book", "suggested — check"): ⚠ on the field's label, the note as its tooltip, and the notes of the
selected recipient in words above its form (``recipientNotes``).

It holds plain ``Recipient`` objects (``recipients()`` / ``set_recipients()``) and emits
``changed(key)`` after every edit; it keeps no undo of its own: the dialog around it records
snapshots (``ActionEditorDialog``). Must not import the store, dialogs or the main window.
"""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from ua_writer.core.i18n import _, pgettext
from ua_writer.core.model import LocalizedRecipient, Recipient
from ua_writer.ui import i18n_qt
from ua_writer.ui.widgets.edit_fields import (CountryCombo, LanguageCombo, letter_languages, lines_of,
                                              quiet, small_text)

#: the grammatical forms of a localized recipient the pack format has, per language
FORM_KEYS = {"ru": ("title_datv", "name_datv")}


def name_new_ids(recipients: list[Recipient], known: set[str]) -> list[Recipient]:
    """Recipients added in an editor (placeholder ids ``recipient``, ``recipient-2``) get ids
    from their labels, as the add dialog gives them; known ids stay."""
    from ua_writer.ui.dialogs.recipient_dialog import new_id

    taken = {r.id for r in recipients}
    out = []
    for r in recipients:
        if r.id not in known and r.id.startswith("recipient"):
            taken.discard(r.id)
            r = dataclasses.replace(r, id=new_id(r, taken))
            taken.add(r.id)
        out.append(r)
    return out


def unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class RecipientEditor(QWidget):
    changed = Signal(str)  # which field changed ("recipients.order", "recipient.fax", ...)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("recipientEditor")
        self._items: list[Recipient] = []
        self._taken: set[str] = set()
        #: recipient id -> {field key ("fax", "local.ru.title"): note}, see set_notes
        self._notes: dict[str, dict[str, str]] = {}
        self.notes_label = QLabel(objectName="recipientNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.hide()

        self.list = QListWidget(objectName="recipientList")
        self.list.setMinimumWidth(140)
        self.list.currentRowChanged.connect(self._show_current)
        self.add_button = QPushButton(objectName="recipientAdd")
        self.remove_button = QPushButton(objectName="recipientRemove")
        self.up_button = QPushButton(objectName="recipientUp")
        self.down_button = QPushButton(objectName="recipientDown")
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.add_button, self.remove_button):
            row.addWidget(b)
        ll.addLayout(row)
        row = QHBoxLayout()
        for b in (self.up_button, self.down_button):
            row.addWidget(b)
        ll.addLayout(row)

        self.title = QLineEdit(objectName="recipientEditTitle")
        self.name = QLineEdit(objectName="recipientEditName")
        self.organization = QLineEdit(objectName="recipientEditOrganization")
        self.address = small_text(3, object_name="recipientEditAddress")
        self.country = CountryCombo(object_name="recipientEditCountry")
        self.fax = small_text(2, object_name="recipientEditFax")
        self.email = small_text(2, object_name="recipientEditEmail")
        self.salutation = QLineEdit(objectName="recipientEditSalutation")
        self.gender = QComboBox(objectName="recipientEditGender")
        self.is_copy = QCheckBox(objectName="recipientEditIsCopy")
        self.note = QLineEdit(objectName="recipientEditNote")
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        self.form.setContentsMargins(0, 0, 0, 0)
        self._rows: list[tuple[QWidget, str]] = []

        # the same recipient in another language
        self.local_box = QGroupBox(objectName="recipientLocalBox")
        self.local_lang = LanguageCombo(letter_languages(), object_name="recipientLocalLanguage")
        self.local_title = QLineEdit(objectName="recipientLocalTitle")
        self.local_name = QLineEdit(objectName="recipientLocalName")
        self.local_organization = QLineEdit(objectName="recipientLocalOrganization")
        self.local_address = small_text(3, object_name="recipientLocalAddress")
        self.local_salutation = QLineEdit(objectName="recipientLocalSalutation")
        self.title_datv = QLineEdit(objectName="recipientTitleDative")
        self.name_datv = QLineEdit(objectName="recipientNameDative")
        self.local_form = QFormLayout(self.local_box)
        self.local_lang.currentIndexChanged.connect(lambda _i: self._show_local())
        self._labels: list[QLabel] = []
        for form, widgets in ((self.form, (self.title, self.name, self.organization, self.address,
                                           self.country, self.fax, self.email, self.salutation,
                                           self.gender, self.is_copy, self.note)),
                              (self.local_form, (self.local_lang, self.local_title, self.local_name,
                                                 self.local_organization, self.local_address,
                                                 self.local_salutation, self.title_datv, self.name_datv))):
            for w in widgets:
                label = QLabel()
                label.setBuddy(w)
                self._labels.append(label)
                form.addRow(label, w)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.notes_label)
        rl.addWidget(self.form_box)
        rl.addWidget(self.local_box)
        rl.addStretch(1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 600])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

        for key, w in (("title", self.title), ("name", self.name), ("organization", self.organization),
                       ("salutation", self.salutation), ("note", self.note)):
            w.textEdited.connect(lambda _t, k=key: self._edited(k))
        for key, w in (("address", self.address), ("fax", self.fax), ("email", self.email)):
            w.textChanged.connect(lambda k=key: self._edited(k))
        self.country.currentIndexChanged.connect(lambda _i: self._edited("country"))
        self.gender.currentIndexChanged.connect(lambda _i: self._edited("gender"))
        self.is_copy.toggled.connect(lambda _on: self._edited("is_copy"))
        for key, w in (("local.title", self.local_title), ("local.name", self.local_name),
                       ("local.organization", self.local_organization),
                       ("local.salutation", self.local_salutation), ("local.title_datv", self.title_datv),
                       ("local.name_datv", self.name_datv)):
            w.textEdited.connect(lambda _t, k=key: self._edited(k))
        self.local_address.textChanged.connect(lambda: self._edited("local.address"))
        self.retranslate_ui()
        self._show_current(-1)

    # -- notes on fields (where a value came from) ----------------------------------------
    def _note_widgets(self) -> dict[str, QWidget]:
        return {"title": self.title, "name": self.name, "organization": self.organization,
                "address": self.address, "country": self.country, "fax": self.fax,
                "email": self.email, "salutation": self.salutation, "note": self.note,
                "local.title": self.local_title, "local.name": self.local_name,
                "local.organization": self.local_organization, "local.address": self.local_address,
                "local.salutation": self.local_salutation}

    def set_notes(self, notes: dict[str, dict[str, str]]) -> None:
        """Notes on fields, by recipient id: ``{"pg": {"fax": "from your address book: …",
        "local.ru.title": "suggested — check: …"}}`` (keys as in ``changed``: "title", "address",
        "fax", …; a localized field as "local.<language>.<field>")."""
        self._notes = {rid: dict(n) for rid, n in notes.items() if n}
        self._show_notes()

    def notes(self) -> dict[str, dict[str, str]]:
        return {rid: dict(n) for rid, n in self._notes.items()}

    def noted_widgets(self) -> list[QWidget]:
        """The fields of the selected recipient that carry a note."""
        return [w for w in self._note_widgets().values() if w.property("reviewNote")]

    def _show_notes(self) -> None:
        row = self.list.currentRow()
        rid = self._items[row].id if 0 <= row < len(self._items) else None
        notes = self._notes.get(rid or "", {})
        lang = self.local_lang.code()
        shown: dict[str, list[str]] = {}
        for key, w in self._note_widgets().items():
            note_key = f"local.{lang}.{key[6:]}" if key.startswith("local.") else key
            note = notes.get(note_key)
            w.setProperty("reviewNote", note or None)
            w.setToolTip(note or "")
            label = self._base_label.get(w)
            if label is not None:
                lw, text = label
                lw.setText(("⚠ " + text) if note else text)
            if note:
                name = (label[1] if label else key).replace("&", "").rstrip(":")
                if key.startswith("local."):
                    name = _("{field} in {language}").format(field=name,
                                                             language=i18n_qt.language_name(lang))
                shown.setdefault(note, []).append(name)
        self.notes_label.setText("\n".join(f"⚠ {note} ({', '.join(names)})" for note, names in shown.items()))
        self.notes_label.setVisible(bool(shown))

    # -- data in and out --------------------------------------------------------------------
    def set_recipients(self, recipients: list[Recipient], current: int | None = None) -> None:
        """Show ``recipients`` (copied); ``current`` is the row to select (default: kept)."""
        row = self.list.currentRow() if current is None else current
        self._items = [copy.deepcopy(r) for r in recipients]
        self._taken |= {r.id for r in recipients}
        with quiet(self.list):
            self.list.clear()
            for r in self._items:
                self.list.addItem(self._item_text(r))
            row = min(max(row, 0), len(self._items) - 1)
            self.list.setCurrentRow(row)
        self._show_current(row)

    def recipients(self) -> list[Recipient]:
        return [copy.deepcopy(r) for r in self._items]

    def current_row(self) -> int:
        return self.list.currentRow()

    def set_languages(self, codes: list[str]) -> None:
        """The languages offered for the localized fields: the letter languages plus ``codes``."""
        first = self.local_lang.count() == 0 or not self._items
        self.local_lang.set_codes(set(letter_languages()) | set(codes))
        wanted = next((c for c in codes if c != "en"), None)
        if first and wanted:  # the language the action asks letters in
            with quiet(self.local_lang):
                self.local_lang.setCurrentIndex(max(self.local_lang.findData(wanted), 0))

    def show_language(self, code: str) -> None:
        """Show the fields in ``code`` (e.g. the Russian forms an import suggested)."""
        if self.local_lang.findData(code) < 0:
            self.local_lang.set_codes([self.local_lang.itemData(i) for i in range(self.local_lang.count())]
                                      + [code])
        self.local_lang.setCurrentIndex(self.local_lang.findData(code))

    # -- list operations --------------------------------------------------------------------
    def add(self) -> None:
        rid = unique_id("recipient", self._taken | {r.id for r in self._items})
        self._taken.add(rid)
        copy_by_default = any(not r.is_copy for r in self._items)
        self._items.append(Recipient(id=rid, is_copy=copy_by_default))
        self.set_recipients(self._items, len(self._items) - 1)
        self.changed.emit("recipients.add")
        self.title.setFocus()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self.set_recipients(self._items, row)
            self.changed.emit("recipients.remove")

    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if 0 <= row < len(self._items) and 0 <= to < len(self._items):
            self._items[row], self._items[to] = self._items[to], self._items[row]
            self.set_recipients(self._items, to)
            self.changed.emit("recipients.order")

    # -- the form ---------------------------------------------------------------------------
    def _item_text(self, r: Recipient) -> str:
        label = i18n_qt.recipient_label(r) if (r.title or r.name or r.organization or r.localized) else ""
        label = label if label and label != r.id else _("(new recipient)")
        return (_("copy: {recipient}").format(recipient=label)) if r.is_copy else label

    def _show_current(self, row: int) -> None:
        has = 0 <= row < len(self._items)
        self.form_box.setEnabled(has)
        self.local_box.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self._items) - 1)
        r = self._items[row] if has else Recipient(id="")
        widgets = (self.title, self.name, self.organization, self.address, self.country, self.fax,
                   self.email, self.salutation, self.gender, self.is_copy, self.note)
        blockers = [quiet(w) for w in widgets]
        self.title.setText(r.title or "")
        self.name.setText(r.name or "")
        self.organization.setText(r.organization or "")
        self.address.setPlainText("\n".join(r.address_lines))
        self.country.set_code(r.country)
        self.fax.setPlainText("\n".join(r.fax))
        self.email.setPlainText("\n".join(r.email))
        self.salutation.setText(r.salutation or "")
        self.gender.setCurrentIndex(max(self.gender.findData(r.gender), 0))
        self.is_copy.setChecked(r.is_copy)
        self.note.setText(r.note or "")
        del blockers
        self._show_local()

    def _show_local(self) -> None:
        row = self.list.currentRow()
        r = self._items[row] if 0 <= row < len(self._items) else Recipient(id="")
        lang = self.local_lang.code()
        loc = r.localized.get(lang) or LocalizedRecipient()
        widgets = (self.local_title, self.local_name, self.local_organization, self.local_address,
                   self.local_salutation, self.title_datv, self.name_datv)
        blockers = [quiet(w) for w in widgets]
        self.local_title.setText(loc.title or "")
        self.local_name.setText(loc.name or "")
        self.local_organization.setText(loc.organization or "")
        self.local_address.setPlainText("\n".join(loc.address_lines or []))
        self.local_salutation.setText(loc.salutation or "")
        self.title_datv.setText(loc.forms.get("title_datv", ""))
        self.name_datv.setText(loc.forms.get("name_datv", ""))
        del blockers
        has_forms = "title_datv" in FORM_KEYS.get(lang, ())
        for w in (self.title_datv, self.name_datv):
            w.setVisible(has_forms)
            self.local_form.labelForField(w).setVisible(has_forms)
        self.local_box.setTitle(_("In {language}").format(language=i18n_qt.language_name(lang)))
        self._show_notes()

    def _edited(self, key: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._items):
            return
        r = self._items[row]
        text = lambda w: w.text().strip() or None  # noqa: E731
        if key.startswith("local."):
            lang = self.local_lang.code()
            loc = copy.deepcopy(r.localized.get(lang) or LocalizedRecipient())
            loc.title, loc.name = text(self.local_title), text(self.local_name)
            loc.organization, loc.salutation = text(self.local_organization), text(self.local_salutation)
            loc.address_lines = lines_of(self.local_address.toPlainText()) or None
            forms = {k: v for k, v in loc.forms.items() if k not in ("title_datv", "name_datv")}
            if "title_datv" in FORM_KEYS.get(lang, ()):
                for k, w in (("title_datv", self.title_datv), ("name_datv", self.name_datv)):
                    if w.text().strip():
                        forms[k] = w.text().strip()
            loc.forms = forms
            localized = dict(r.localized)
            if loc == LocalizedRecipient(note=loc.note) and not loc.note:
                localized.pop(lang, None)
            else:
                localized[lang] = loc
            new = dataclasses.replace(r, localized=localized)
        else:
            new = dataclasses.replace(
                r, title=text(self.title), name=text(self.name), organization=text(self.organization),
                address_lines=[l.strip() for l in self.address.toPlainText().splitlines() if l.strip()],
                country=self.country.code(), fax=lines_of(self.fax.toPlainText()),
                email=lines_of(self.email.toPlainText()), salutation=text(self.salutation),
                gender=self.gender.currentData(), is_copy=self.is_copy.isChecked(), note=text(self.note))
        self._items[row] = new
        item = self.list.item(row)
        if item is not None:
            item.setText(self._item_text(new))
        self.changed.emit(f"recipient.{row}.{key}")

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("&Add"))
        self.remove_button.setText(_("&Remove"))
        self.up_button.setText(_("Move &up"))
        self.down_button.setText(_("Move do&wn"))
        self.remove_button.setToolTip(_("Take this recipient off the action (Undo brings it back)"))
        with quiet(self.gender):
            g = self.gender.currentData()
            self.gender.clear()
            self.gender.addItem(_("Not specified"), None)
            self.gender.addItem(_("Female"), "f")
            self.gender.addItem(_("Male"), "m")
            self.gender.setCurrentIndex(max(self.gender.findData(g), 0))
        self.is_copy.setText(_("Send a copy only (e.g. an embassy)"))
        self.title.setPlaceholderText(_("e.g. Ambassador"))
        self.fax.setPlaceholderText(_("One number a line"))
        self.email.setPlaceholderText(_("One address a line"))
        texts = (_("&Title:"), _("&Name:"), _("&Organisation:"), _("A&ddress:"), _("C&ountry:"),
                 _("&Fax:"), _("&E-mail:"), _("&Salutation:"), _("&Gender:"), "", _("N&ote:"),
                 _("Language:"), pgettext("a recipient's office", "Title:"), _("Name:"),
                 _("Organisation:"), _("Address:"), _("Salutation:"), _("Title, dative (to whom):"), _("Name, dative (to whom):"))
        self._base_label = {}
        for label, text in zip(self._labels, texts):
            label.setText(text)
            self._base_label[label.buddy()] = (label, text)
        self.local_title.setPlaceholderText(_("e.g. Генеральный прокурор"))
        self.title_datv.setPlaceholderText(_("e.g. Генеральному прокурору"))
        self.name_datv.setPlaceholderText(_("e.g. Ю. Я. Чайке"))
        self._show_notes()
