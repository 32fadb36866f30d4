"""EditingController: the window's doors to the action editor — Action ▸ Edit action…, Edit
recipients… (the same editor on its Recipients tab) and Delete action… (with a confirmation that
says how many drafts and sent records go with it). Saving goes through ``services/editing.py``;
the window refreshes from the ``records.Changes`` a use case returns (``edited`` signal). Must
not import the main window: it gets the store, the parent widget and the action on screen.
"""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ua_writer.services import editing
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action
from ua_writer.ui import prompts

log = logging.getLogger(__name__)


class EditingController(QObject):
    #: the ``records.Changes`` of every saved edit or deletion
    edited = Signal(object)

    def __init__(self, parent: QWidget, store, current_action: Callable[[], Action | None]):
        super().__init__(parent)
        self.parent_widget = parent
        self.store = store
        self.current_action = current_action

    def edit_action(self, tab: str = "general", language: str | None = None) -> bool:
        """Open the action editor on the action on screen (on ``tab``; the appeal points in
        ``language`` when given); True when an edit was saved."""
        from ua_writer.ui.dialogs.action_editor import ActionEditorDialog

        action = self.current_action()
        if action is None:
            return False
        try:  # the stored action, not the one on screen: nothing stale goes back
            action = self.store.get_action(action.id)
        except UserFacingError as e:
            prompts.get().error(self.parent_widget, _("Cannot open the action"), e.message)
            return False
        dialog = ActionEditorDialog(action, self.parent_widget)
        dialog.open_tab(tab)
        if language:
            dialog.show_appeals_in(language)
        if not prompts.get().run_dialog(dialog):
            return False
        try:
            done = editing.update_action(self.store, dialog.action())
        except UserFacingError as e:
            prompts.get().error(self.parent_widget, _("Action not saved"), e.message)
            return False
        log.info("action %s edited", action.id)
        self.edited.emit(done)
        return True

    def edit_recipients(self) -> bool:
        return self.edit_action("recipients")

    def delete_action(self) -> bool:
        """Delete the action on screen after a confirmation naming what goes with it."""
        action = self.current_action()
        if action is None:
            return False
        fp = editing.footprint(self.store, action.id)
        text = _("Delete “{title}”?").format(title=action.title)
        parts = []
        if fp.drafts:
            parts.append(ngettext("{n} draft", "{n} drafts", fp.drafts).format(n=fp.drafts))
        if fp.sent:
            parts.append(ngettext("{n} sent record", "{n} sent records", fp.sent).format(n=fp.sent))
        if parts:
            what = parts[0] if len(parts) == 1 else _("{first} and {second}").format(
                first=parts[0], second=parts[1])
            text += " " + _("Deleted with it: {what}.").format(what=what)
        text += " " + _("This cannot be undone; export a group pack first to keep a copy.")
        if not prompts.get().question(self.parent_widget, _("Delete the action"), text,
                                      yes=_("Delete"), no=_("Keep")):
            return False
        try:
            done = editing.delete_action(self.store, action.id)
        except UserFacingError as e:
            prompts.get().error(self.parent_widget, _("Action not deleted"), e.message)
            return False
        log.info("action %s deleted", action.id)
        self.edited.emit(done)
        return True
