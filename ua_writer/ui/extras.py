"""ExtrasController: Envelope…, Labels… and E-mail… next to the export buttons, and the deadline
reminder banner (plus a tray icon where there is a tray).

``install(window)`` adds the widgets to a MainWindow using only its public parts (``store``,
``today``, ``exports``, ``letter_panel``, ``select_action``, ``statusBar``); the main window only
calls it. The work is the Qt-free core's: ``export.envelope``, ``export.labels``, ``core.mail``,
``core.reminders``. Files are chosen and questions asked through ``prompts``; a ``mailto:`` link
opens through :attr:`ExtrasController.open_url` (tests replace it). Nothing is ever sent: the mail
program opens a draft, and the user is asked afterwards whether to record it as sent by e-mail.
Must not import the main window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QStyle, QToolButton

from ua_writer.core.errors import UserFacingError
from ua_writer.core.notices import render
from ua_writer.core.i18n import _
from ua_writer.ui import prompts, untranslated
from ua_writer.ui.widgets.reminder_banner import ReminderBanner, ReminderTray

log = logging.getLogger(__name__)

ENVELOPE_SIZES = ("dl", "c5", "c6/5")


def _file_name(action_id: str, *parts: str, suffix: str) -> str:
    """services.exporters.file_name, imported when a file is first named (not at start-up)."""
    from ua_writer.services.exporters import file_name

    return file_name(action_id, *parts, suffix=suffix)


def _open_url(url: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl(url))


class ExtrasController(QObject):
    status = Signal(str)
    #: what the last e-mail did: "mailto", "clipboard" or "eml"
    emailed = Signal(str)

    #: how a mailto: link is opened (tests replace it)
    open_url = staticmethod(_open_url)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.envelope_button = QToolButton(objectName="envelopeButton")
        self.envelope_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.envelope_menu = QMenu(self.envelope_button)
        self.envelope_actions = {}
        for size in ENVELOPE_SIZES:
            a = self.envelope_menu.addAction("")
            a.triggered.connect(lambda _c=False, s=size: self.write_envelope(s))
            self.envelope_actions[size] = a
        self.envelope_button.setMenu(self.envelope_menu)

        self.labels_button = QToolButton(objectName="labelsButton")
        self.labels_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.labels_menu = QMenu(self.labels_button)
        self.labels_main = self.labels_menu.addAction("")
        self.labels_all = self.labels_menu.addAction("")
        self.labels_menu.addSeparator()
        self.labels_calibration = self.labels_menu.addAction("")
        self.labels_main.triggered.connect(lambda: self.write_labels(copies=False))
        self.labels_all.triggered.connect(lambda: self.write_labels(copies=True))
        self.labels_calibration.triggered.connect(self.write_calibration)
        self.labels_button.setMenu(self.labels_menu)

        self.email_button = QPushButton(objectName="emailButton")
        self.email_button.clicked.connect(self.email)
        #: the same commands in the Letter menu (install() adds them there)
        self.email_action = QAction(self)
        self.email_action.setObjectName("action_email")
        self.email_action.triggered.connect(self.email)

        self.banner = ReminderBanner(self.store, lambda: self.window.today)
        self.banner.open_requested.connect(self.window.select_action)
        #: the tray icon, made once the window is up (not part of it; on a desktop, asking for
        #: the tray and registering an icon go through D-Bus)
        self.tray = None
        # after the window's first paint: read what is due (the banner slides in), then the tray
        window.started.connect(self.refresh_reminders)
        window.started.connect(self._start_tray)
        self.retranslate_ui()
        self.update_enabled()

    def _start_tray(self) -> None:
        if self.tray is None and ReminderTray.available():  # pragma: no cover - no tray offscreen
            self.tray = ReminderTray(self.banner, self.window.windowIcon(), self)

    # -- state ----------------------------------------------------------------------------------
    def current(self):
        """(action, recipient, language, edited Letter) of the letter on screen, or None."""
        return self.window.current_letter()

    def update_enabled(self) -> None:
        cur = self.current()
        has = cur is not None
        self.envelope_button.setEnabled(has)
        self.labels_button.setEnabled(self.window.action is not None)
        self.email_button.setEnabled(has and bool(cur[1].email))
        self.envelope_menu.menuAction().setEnabled(self.envelope_button.isEnabled())
        self.labels_menu.menuAction().setEnabled(self.labels_button.isEnabled())
        self.email_action.setEnabled(self.email_button.isEnabled())

    def refresh_reminders(self) -> None:
        self.banner.refresh()
        if self.tray is not None:  # pragma: no cover
            self.tray.update()

    def retranslate_ui(self) -> None:
        self.envelope_button.setText(_("Envelope"))
        self.envelope_button.setToolTip(_("An envelope addressed to this recipient, as PDF"))
        names = {"dl": _("DL (220 × 110 mm)…"), "c5": _("C5 (229 × 162 mm)…"),
                 "c6/5": _("C6/5 (229 × 114 mm)…")}
        for size, a in self.envelope_actions.items():
            a.setText(names[size])
        self.labels_button.setText(_("Labels"))
        self.labels_button.setToolTip(_("Address labels for this action's recipients, as PDF"))
        self.labels_main.setText(_("Labels for the recipients…"))
        self.labels_all.setText(_("Labels including copy recipients…"))
        self.labels_calibration.setText(_("Calibration page…"))
        for button in (self.envelope_button, self.labels_button):  # room for text and ▾
            arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + arrow + 20)
        self.email_button.setText(_("E-mail…"))
        self.envelope_menu.setTitle(_("En&velope"))
        self.labels_menu.setTitle(_("La&bels"))
        self.email_action.setText(_("&E-mail…"))
        self.email_button.setToolTip(_("Open this letter as an e-mail draft in your mail program "
                                       "(nothing is sent without you)"))
        self.banner.retranslate_ui()
        if self.tray is not None:  # pragma: no cover
            self.tray.retranslate_ui()

    # -- helpers --------------------------------------------------------------------------------
    def _ask(self, title: str, name: str, filters: str) -> Path | None:
        folder = self.window.exports.export_dir()
        path = prompts.get().save_file(self.window, title, str(folder / name), filters)
        return Path(path) if path else None

    def _report(self, path: Path, warnings: list[str]) -> None:
        if warnings:
            prompts.get().warning(self.window, _("Please check"), "\n".join(render(w) for w in warnings))
        self.status.emit(_("Saved {path}").format(path=path))

    def _error(self, title: str, message: str) -> None:
        prompts.get().error(self.window, title, message)

    # -- envelope -------------------------------------------------------------------------------
    def write_envelope(self, size: str = "dl") -> Path | None:
        cur = self.current()
        if cur is None:
            return None
        action, recipient, language, _letter = cur
        path = self._ask(_("Save envelope"),
                         _file_name(action.id, recipient.id, "envelope", size.replace("/", "-"), suffix="pdf"),
                         _("PDF files (*.pdf)"))
        if path is None:
            return None
        from ua_writer.export.envelope import write_envelope_pdf

        try:
            result = write_envelope_pdf(recipient, language, self.store.profile(), path, size=size,
                                        title=_("Envelope: {title}").format(title=action.title_in(language)))
        except UserFacingError as e:
            self._error(_("Envelope not saved"), e.message)
            return None
        self._report(path, result.warnings)
        return path

    # -- labels ---------------------------------------------------------------------------------
    def _label_prefs(self):
        prefs = self.store.prefs()
        from ua_writer.core import settings

        return (settings.get(prefs, "label_sheet"),
                (settings.get(prefs, "label_offset_x_mm"), settings.get(prefs, "label_offset_y_mm")))

    def write_labels(self, copies: bool = False) -> Path | None:
        action = self.window.action
        if action is None:
            return None
        from ua_writer.export import labels

        sheet, offset = self._label_prefs()
        lang = self.window.letter_panel.current_language()
        try:
            addresses, warnings = labels.addresses_for([action], self.store.profile(), copies=copies,
                                                       language=lang)
            if not addresses:
                raise UserFacingError(_("No recipient of this action has a postal address."))
            path = self._ask(_("Save address labels"), _file_name(action.id, "labels", sheet, suffix="pdf"),
                             _("PDF files (*.pdf)"))
            if path is None:
                return None
            result = labels.write_labels_pdf([a.lines for a in addresses], path, sheet_key=sheet,
                                             offset=offset)
        except UserFacingError as e:
            self._error(_("Labels not saved"), e.message)
            return None
        self._report(path, warnings + result.warnings)
        return path

    def write_calibration(self) -> Path | None:
        from ua_writer.export import labels

        sheet, offset = self._label_prefs()
        path = self._ask(_("Save label calibration page"), f"labels-calibration-{sheet}.pdf",
                         _("PDF files (*.pdf)"))
        if path is None:
            return None
        try:
            result = labels.write_calibration_pdf(path, sheet_key=sheet, offset=offset)
        except UserFacingError as e:
            self._error(_("Calibration page not saved"), e.message)
            return None
        self._report(path, result.warnings)
        return path

    # -- e-mail ---------------------------------------------------------------------------------
    def email(self) -> str | None:
        """Open the letter as an e-mail draft: a full mailto: link, or (too long for a link) the
        body on the clipboard with a short link — or an .eml file if the user prefers."""
        cur = self.current()
        if cur is None:
            return None
        action, recipient, language, letter = cur
        if not untranslated.may_leave(self.window, [letter], _("Send anyway"),
                                      lambda: self.window.translate_points(language)):
            return None
        from ua_writer.core import mail

        try:
            draft = mail.draft_for(letter, action, recipient, profile=self.store.profile())
        except UserFacingError as e:
            self._error(_("No e-mail draft"), e.message)
            return None
        decision = mail.plan(draft)
        p = prompts.get()
        method = decision.method
        if method == "clipboard":
            way = p.choose(
                self.window, _("Letter too long for a mail link"),
                _("Mail programs cut links this long. Save the letter as an e-mail draft file "
                  "(.eml) to open in your mail program, or open a new message and paste the "
                  "letter from the clipboard?"),
                [("eml", _("Save draft file…")), ("clipboard", _("Paste from clipboard"))])
            if way is None:  # Cancel, Esc: nothing happens
                return None
            if way == "eml":
                path = self._ask(_("Save e-mail draft"),
                                 _file_name(action.id, recipient.id, language, suffix="eml"),
                                 _("E-mail drafts (*.eml)"))
                if path is None:
                    return None
                try:
                    mail.write_eml(draft, path)
                except UserFacingError as e:
                    self._error(_("E-mail draft not saved"), e.message)
                    return None
                p.open_folder(path)  # the system opens .eml with the mail program
                method = "eml"
                self.status.emit(_("Saved {path}").format(path=path))
            else:
                from PySide6.QtGui import QGuiApplication

                QGuiApplication.clipboard().setText(decision.body)
                self.open_url(decision.url)
                p.info(self.window, _("Paste the letter"),
                       _("The letter is on the clipboard: paste it into the new message."))
        else:
            self.open_url(decision.url)
        self.emailed.emit(method)
        if p.question(self.window, _("Sent?"),
                      _("When you have sent the e-mail, record the letter as sent by e-mail?"),
                      yes=_("Record as sent"), no=_("Not yet")):
            self.window.record_sent(recipient.id, language, "email", self.window.today)
        return method


def install(window) -> ExtrasController:
    """Add the extras to ``window`` (a MainWindow): buttons after Print…, the reminder banner on
    top of the letter side; keep them current and translated."""
    ctl = ExtrasController(window)
    lp = window.letter_panel
    lp.add_export_widgets([ctl.envelope_button, ctl.labels_button, ctl.email_button])
    for first, second in ((lp.print_button, ctl.envelope_button), (ctl.envelope_button, ctl.labels_button),
                          (ctl.labels_button, ctl.email_button), (ctl.email_button, lp.mark_sent_button)):
        window.setTabOrder(first, second)  # Tab goes through them in bar order
    window.add_banner(ctl.banner)
    letter_menu = window.menus["letter"]  # Envelope ▸, Labels ▸ and E-mail… after Mail merge…
    before = window.registry["mark_sent"]
    letter_menu.insertMenu(before, ctl.envelope_menu)
    letter_menu.insertMenu(before, ctl.labels_menu)
    letter_menu.insertAction(before, ctl.email_action)
    letter_menu.insertSeparator(before)
    lp.letter_switched.connect(ctl.update_enabled)
    window.data_changed.connect(lambda changes: ctl.refresh_reminders()
                                if changes.sent or changes.action_list or "remind_days" in changes.prefs
                                else None)
    window.action_shown.connect(lambda _aid: ctl.refresh_reminders())
    window.ui_language_changed.connect(lambda _code: ctl.retranslate_ui())
    ctl.status.connect(lambda m: window.statusBar().showMessage(m, 8000))
    ctl.update_enabled()
    return ctl
