"""ReminderBanner and ReminderTray: "a deadline is near and nothing was sent yet", with
"Remind me tomorrow" and "Done".

Both only show what ``core.reminders.due()`` says (deadline within the ``remind_days`` preference,
no letter recorded as sent, not snoozed, not dismissed) and call ``reminders.snooze``/``dismiss``;
the state lives in the store, so the command line (``ua-writer due``) agrees. The tray icon exists
only where the platform has a system tray (``QSystemTrayIcon.isSystemTrayAvailable()``).
Must not import the main window.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.ui.widgets.action_pane import Banner

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from ua_writer.core import reminders

log = logging.getLogger(__name__)


def reminder_text(items: list[reminders.Reminder]) -> str:
    """One line for the first due action, and how many more there are."""
    if not items:
        return ""
    first = items[0]
    if first.days_left == 0:
        head = _("Deadline today: {title} — no letter sent yet.").format(title=first.title)
    else:
        head = ngettext("Deadline in {n} day: {title} — no letter sent yet.",
                        "Deadline in {n} days: {title} — no letter sent yet.",
                        first.days_left).format(n=first.days_left, title=first.title)
    more = len(items) - 1
    if more:
        head += " " + ngettext("({n} more action due soon)", "({n} more actions due soon)",
                               more).format(n=more)
    return head


class ReminderBanner(Banner):
    """A banner above the letter side; hidden when nothing is due."""

    open_requested = Signal(str)   # action id
    changed = Signal()             # snoozed or dismissed

    def __init__(self, store, today_fn: Callable[[], _dt.date], parent: QWidget | None = None):
        super().__init__("SP_MessageBoxWarning", parent)
        self.setObjectName("reminderBanner")
        self.store = store
        self.today_fn = today_fn
        self.items: list[reminders.Reminder] = []
        self.open_button = QPushButton(objectName="reminderOpenButton")
        self.snooze_button = QPushButton(objectName="reminderSnoozeButton")
        self.done_button = QPushButton(objectName="reminderDoneButton")
        for b in (self.open_button, self.snooze_button, self.done_button):
            self.layout().addWidget(b)
        self.open_button.clicked.connect(self.open_current)
        self.snooze_button.clicked.connect(self.snooze)
        self.done_button.clicked.connect(self.dismiss)
        self.retranslate_ui()
        self.hide()  # until refresh(): the window reads the reminders right after its first paint

    def current_id(self) -> str | None:
        return self.items[0].id if self.items else None

    def refresh(self) -> None:
        from ua_writer.core import reminders

        try:
            self.items = reminders.due(self.store, self.today_fn())
        except UserFacingError as e:  # pragma: no cover - a busy store: try again later
            log.warning("reminders not read: %s", e)
            self.items = []
        self.text.setText(reminder_text(self.items))
        self.setVisible(bool(self.items))

    def open_current(self) -> None:
        if self.current_id():
            self.open_requested.emit(self.current_id())

    def snooze(self) -> None:
        """Remind me tomorrow (about the action shown)."""
        from ua_writer.core import reminders

        self._change(lambda aid: reminders.snooze(self.store, aid, self.today_fn()))

    def dismiss(self) -> None:
        """Done: no more reminders for the action shown (until its deadline changes)."""
        from ua_writer.core import reminders

        self._change(lambda aid: reminders.dismiss(self.store, aid, self.today_fn()))

    def _change(self, fn) -> None:
        aid = self.current_id()
        if not aid:
            return
        try:
            fn(aid)
        except UserFacingError as e:
            log.warning("reminder not changed: %s", e)
        self.refresh()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.open_button.setText(_("Open"))
        self.snooze_button.setText(_("Remind me tomorrow"))
        self.done_button.setText(_("Done"))
        self.done_button.setToolTip(_("No more reminders for this action"))
        self.text.setText(reminder_text(self.items))


class ReminderTray(QObject):
    """A system-tray icon that mirrors the banner (where the platform has a tray). Made after
    the window's first paint; its Qt classes are imported then."""

    def __init__(self, banner: ReminderBanner, icon: QIcon, parent: QObject | None = None):
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenu, QSystemTrayIcon

        super().__init__(parent)
        self.banner = banner
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.open_action = QAction(self.menu)
        self.snooze_action = QAction(self.menu)
        self.done_action = QAction(self.menu)
        for a in (self.open_action, self.snooze_action, self.done_action):
            self.menu.addAction(a)
        self.open_action.triggered.connect(banner.open_current)
        self.snooze_action.triggered.connect(banner.snooze)
        self.done_action.triggered.connect(banner.dismiss)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(lambda _reason: banner.open_current())
        banner.changed.connect(self.update)
        self._announced = False
        self.retranslate_ui()
        self.update()

    @staticmethod
    def available() -> bool:
        from PySide6.QtWidgets import QSystemTrayIcon

        return QSystemTrayIcon.isSystemTrayAvailable()

    def update(self) -> None:
        items = self.banner.items
        self.icon.setVisible(bool(items))
        self.icon.setToolTip(reminder_text(items))
        if items and not self._announced and self.icon.supportsMessages():
            self._announced = True
            self.icon.showMessage("ua-writer", reminder_text(items))

    def retranslate_ui(self) -> None:
        self.open_action.setText(_("Open"))
        self.snooze_action.setText(_("Remind me tomorrow"))
        self.done_action.setText(_("Done"))
        self.icon.setToolTip(reminder_text(self.banner.items))
