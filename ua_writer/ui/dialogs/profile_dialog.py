"""ProfileDialog: who signs the letters — name (and its Cyrillic spelling for Russian letters),
address, city, country, e-mail, phone, fax, gender (for grammatical agreement) and the letter
languages to prefer. Edits a copy of a SenderProfile and returns it; the caller saves it.
Must not import the store or the main window.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget)

from ua_writer.core.i18n import _
from ua_writer.core.model import SenderProfile
from ua_writer.ui import i18n_qt


class ProfileDialog(QDialog):
    def __init__(self, profile: SenderProfile, languages: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle(_("Sender profile"))
        self._original = profile
        self.intro = QLabel(_("Your name and address appear on every letter you sign. They stay "
                              "on this computer."))
        self.intro.setWordWrap(True)
        self.name = QLineEdit(profile.name, objectName="profileName")
        self.name_ru = QLineEdit(profile.names.get("ru", ""), objectName="profileNameRu")
        self.name_ru.setPlaceholderText(_("e.g. Анна Ковач"))
        self.address = QPlainTextEdit("\n".join(profile.address_lines), objectName="profileAddress")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.address.setPlaceholderText(_("Street and number\nPostal code and town"))
        self.city = QLineEdit(profile.city, objectName="profileCity")
        self.country = QComboBox(objectName="profileCountry")
        self.country.addItem("—", "")
        territories = i18n_qt.locale().territories
        for code, name in sorted(((c, n) for c, n in territories.items() if len(c) == 2 and c.isalpha()),
                                 key=lambda cn: cn[1].casefold()):
            self.country.addItem(name, code)
        i = self.country.findData(profile.country or "")
        self.country.setCurrentIndex(max(i, 0))
        self.email = QLineEdit(profile.email, objectName="profileEmail")
        self.phone = QLineEdit(profile.phone, objectName="profilePhone")
        self.fax = QLineEdit(profile.fax, objectName="profileFax")
        self.gender = QComboBox(objectName="profileGender")
        self.gender.addItem(_("Not specified"), None)
        self.gender.addItem(_("Female"), "f")
        self.gender.addItem(_("Male"), "m")
        self.gender.setCurrentIndex(max(self.gender.findData(profile.gender), 0))
        self.gender.setToolTip(_("Some languages (e.g. Russian) need it for the verb forms in your "
                                 "letters"))
        self.languages = QListWidget(objectName="profileLanguages")
        self.languages.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        for code in languages:
            item = QListWidgetItem(i18n_qt.language_name(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in profile.languages else Qt.CheckState.Unchecked)
            self.languages.addItem(item)

        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("Name in &Cyrillic:"), self.name_ru)
        form.addRow(_("&Address:"), self.address)
        form.addRow(_("C&ity:"), self.city)
        form.addRow(_("C&ountry:"), self.country)
        form.addRow(_("&E-mail:"), self.email)
        form.addRow(_("&Phone:"), self.phone)
        form.addRow(_("&Fax:"), self.fax)
        form.addRow(_("&Gender:"), self.gender)
        form.addRow(_("Letter &languages:"), self.languages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(480)

    def profile(self) -> SenderProfile:
        names = dict(self._original.names)
        if self.name_ru.text().strip():
            names["ru"] = self.name_ru.text().strip()
        else:
            names.pop("ru", None)
        langs = [self.languages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.languages.count())
                 if self.languages.item(i).checkState() == Qt.CheckState.Checked]
        return dataclasses.replace(
            self._original,
            name=self.name.text().strip(),
            address_lines=[l.strip() for l in self.address.toPlainText().splitlines() if l.strip()],
            city=self.city.text().strip(),
            country=self.country.currentData() or "",
            email=self.email.text().strip(),
            phone=self.phone.text().strip(),
            fax=self.fax.text().strip(),
            gender=self.gender.currentData(),
            languages=langs or list(self._original.languages),
            names=names,
        )
