"""PreferencesDialog (Edit ▸ Preferences…): every preference ``core.settings`` marks ``user``
— paper size, envelope window side, deadline reminders, interface language — built from those
declarations (label, allowed values, range, default), so a new setting shows up here without
restating its default. Returns the chosen values; the caller saves them through
``services.records.set_prefs``. Must not import the store or the main window.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLineEdit, QSpinBox, QWidget)

from ua_writer.core import settings
from ua_writer.core.i18n import _, ngettext


#: a combo box's data for the value None ("not set", e.g. follow the system language)
_NONE = ""


def choice_names() -> dict[str, dict[object, Callable[[], str]]]:
    """How each allowed value reads in the dialog (translated when called)."""
    return {
        "ui_language": {None: lambda: _("System language"), "en": lambda: "English",
                        "ru": lambda: "Русский"},
        "page_size": {"a4": lambda: _("A4 (210 × 297 mm)"),
                      "letter": lambda: _("US Letter (8.5 × 11 in)")},
        "window_side": {"auto": lambda: _("As the post in my country has it"),
                        "left": lambda: _("Left (DIN 5008: DL, C5, C6/5)"),
                        "right": lambda: _("Right (e.g. Swiss envelopes)")},
    }


class PreferencesDialog(QDialog):
    def __init__(self, prefs: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("Preferences"))
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        names = choice_names()
        for s in settings.SETTINGS:
            if not s.user:
                continue
            value = settings.get(prefs, s.key)
            if s.choices:
                editor = QComboBox(objectName=f"pref_{s.key}")
                for choice in s.choices:
                    text = names.get(s.key, {}).get(choice)
                    editor.addItem(text() if text else str(choice), _NONE if choice is None else choice)
                editor.setCurrentIndex(max(editor.findData(_NONE if value is None else value), 0))
            elif s.type is int:
                editor = QSpinBox(objectName=f"pref_{s.key}")
                editor.setRange(int(s.minimum or 0), int(s.maximum if s.maximum is not None else 9999))
                editor.setValue(int(value))
                if s.key == "remind_days":
                    editor.valueChanged.connect(lambda n, e=editor: self._days_suffix(e, n))
                    self._days_suffix(editor, int(value))
            elif s.type is float:
                editor = QDoubleSpinBox(objectName=f"pref_{s.key}")
                editor.setRange(s.minimum if s.minimum is not None else -1e6,
                                s.maximum if s.maximum is not None else 1e6)
                editor.setValue(float(value))
            else:
                editor = QLineEdit("" if value is None else str(value), objectName=f"pref_{s.key}")
            self.editors[s.key] = editor
            form.addRow(s.label() + ":", editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        form.addRow(buttons)

    @staticmethod
    def _days_suffix(editor: QSpinBox, n: int) -> None:
        # " days before the deadline": the number itself is the spin box's value
        editor.setSuffix(ngettext(" day before the deadline", " days before the deadline", n))

    def set_value(self, key: str, value) -> None:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(_NONE if value is None else value), 0))
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setValue(value)
        else:
            editor.setText("" if value is None else str(value))

    def restore_defaults(self) -> None:
        for key in self.editors:
            self.set_value(key, settings.default(key))

    def values(self) -> dict:
        """{key: value} of every preference shown."""
        out = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                data = editor.currentData()
                out[key] = None if data == _NONE else data
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                out[key] = editor.value()
            else:
                out[key] = editor.text().strip() or None
        return out
