"""The QAction registry: every command of the main window with its shortcut, text and tooltip.

One place lists the keyboard map (Ctrl+F search, Ctrl+E export PDF, Ctrl+P print, Ctrl+Shift+S
mark sent, Ctrl+Z / Ctrl+Shift+Z undo/redo, Ctrl+Shift+V paste a UA, ...). Texts are functions
so ``retranslate_ui()`` can rebuild them after a language switch. The main window connects the
triggers and builds menus from the keys. Must not import widgets or dialogs.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ua_writer.core.i18n import _

Std = QKeySequence.StandardKey


class Spec(NamedTuple):  # (not a frozen dataclass: ~4 M instructions less at start-up, issue #16)
    text: Callable[[], str]
    shortcut: tuple = ()
    tip: Callable[[], str] | None = None
    checkable: bool = False


SPECS: dict[str, Spec] = {
    "import": Spec(lambda: _("&Import action…"), (Std.Open,),
                   lambda: _("Import an action pack (.json) or an Urgent Action text or PDF")),
    "paste_ua": Spec(lambda: _("P&aste a UA"), ("Ctrl+Shift+V",),
                     tip=lambda: _("Import the Urgent Action text on the clipboard")),
    "pack_import": Spec(lambda: _("Import &group pack…"),
                        tip=lambda: _("Import actions and templates shared by your group (.uapack)")),
    "pack_export": Spec(lambda: _("Export g&roup pack…"),
                        tip=lambda: _("Save actions and your letter templates to share with your group")),
    "export_pdf": Spec(lambda: _("&Export PDF…"), ("Ctrl+E",)),
    "export_docx": Spec(lambda: _("Export &DOCX…"), ("Ctrl+Shift+E",)),
    "fax_packet": Spec(lambda: _("&Fax packet…")),
    "copies": Spec(lambda: _("&Copy letters…")),
    "print_preview": Spec(lambda: _("Print pre&view…")),
    "print": Spec(lambda: _("&Print…"), (Std.Print, "Ctrl+P")),
    "open_export_folder": Spec(lambda: _("Open e&xport folder")),
    "quit": Spec(lambda: _("&Quit"), (Std.Quit, "Ctrl+Q")),
    "undo": Spec(lambda: _("&Undo"), (Std.Undo,)),
    "redo": Spec(lambda: _("&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y")),
    "find": Spec(lambda: _("&Find action"), (Std.Find, "Ctrl+F")),
    "reset": Spec(lambda: _("Reset to &template")),
    "profile": Spec(lambda: _("Sender &profile…")),
    "preferences": Spec(lambda: _("Pr&eferences…"), (Std.Preferences, "Ctrl+,"),
                        tip=lambda: _("Paper size, envelope window, deadline reminders, interface language")),
    "add_recipient": Spec(lambda: _("&Add a recipient…")),
    "edit_action": Spec(lambda: _("&Edit action…"), ("Ctrl+Shift+A",),
                        lambda: _("Edit every field of this action: dates, people, appeal points, recipients")),
    "edit_recipients": Spec(lambda: _("Edit &recipients…"),
                            tip=lambda: _("Edit, remove or reorder this action's recipients")),
    "delete_action": Spec(lambda: _("&Delete action…"),
                          tip=lambda: _("Delete this action with its drafts and sent records")),
    "history": Spec(lambda: _("&History…"), ("Ctrl+H",)),
    "mark_sent": Spec(lambda: _("&Mark sent…"), ("Ctrl+Shift+S",)),
    "mail_merge": Spec(lambda: _("Mail mer&ge…"),
                       tip=lambda: _("One letter per signer of a CSV sheet, as PDF or DOCX files")),
    "letters_overview": Spec(lambda: _("Letters &overview"), ("Ctrl+Shift+L",),
                             lambda: _("Deadlines coming up and every letter drafted or sent, across actions"),
                             checkable=True),
    "ui_system": Spec(lambda: _("&System language"), checkable=True),
    "ui_en": Spec(lambda: "English", checkable=True),
    "ui_ru": Spec(lambda: "Русский", checkable=True),
    "about": Spec(lambda: _("&About ua-writer")),
}


def _unique(seq) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    seen = set()
    for s in seq:
        keys = QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)]
        for k in keys:
            text = k.toString()
            if text and text not in seen:
                seen.add(text)
                out.append(k)
    return out


class ActionRegistry(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.actions: dict[str, QAction] = {}
        for key, spec in SPECS.items():
            a = QAction(parent)
            a.setObjectName(f"action_{key}")
            a.setCheckable(spec.checkable)
            if spec.shortcut:
                a.setShortcuts(_unique(spec.shortcut))
            self.actions[key] = a
        self.ui_language_group = QActionGroup(self)
        for key in ("ui_system", "ui_en", "ui_ru"):
            self.ui_language_group.addAction(self.actions[key])
        self.retranslate_ui()

    def __getitem__(self, key: str) -> QAction:
        return self.actions[key]

    def retranslate_ui(self) -> None:
        for key, spec in SPECS.items():
            a = self.actions[key]
            a.setText(spec.text())
            tip = spec.tip() if spec.tip else a.text().replace("&", "").rstrip("…")
            keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setToolTip(f"{tip} ({keys})" if keys else tip)
            a.setStatusTip(tip)
