"""MainWindow: which action → what it asks → my letter → out the door, left to right.

Assembles the action list, the action pane, the letter panel with its page preview, menus,
status line and banners; routes their requests to the services and the dialogs; keeps the status
line current (draft saved at, page count, appeal points mentioned); switches the UI language live
(``retranslate_ui``); restores the last letter and the window layout; saves drafts on close.
Owns no domain logic: composing and exporting are ``services.letters``/``services.exporters``'.
Every change of data goes through ``services.records``, whose ``Changes`` the window applies in
one place, ``apply_changes`` (then ``data_changed`` tells the add-ons). Add-ons plug in through
``add_banner`` and the letter panel's ``add_export_widgets``.

Start-up order: the first paint shows the list (a big one its first screenful, the nearest open
deadlines), the menus and the status line; right after it, in the same turn of the event loop,
the letter side (action pane, letter panel, preview, profile banner, extras) is built
(``_build_letter_side``, from an event filter on the window's QWindow; its widgets are properties
that build it at once if anything needs them sooner) and painted on the next turn; then the rest
of the list is read, the database's integrity is checked on a worker thread (``store_damaged`` if
it fails) and the last letter is composed. Commands that act on the letter are disabled or do
nothing (no action on screen) until then.
Must not import ua_writer.app.
"""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (QFrame, QLabel, QMainWindow, QMenu, QPushButton, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from ua_writer import __version__
from ua_writer.core import i18n
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.store import Store
from ua_writer.ui import i18n_qt, prompts, ui_state
from ua_writer.ui.actions import ActionRegistry
from ua_writer.ui.autosave import DraftKeeper
from ua_writer.ui.models.actions_model import ActionTableModel
from ua_writer.ui.widgets.action_list import ActionListPane

if TYPE_CHECKING:
    from ua_writer.core.model import Action
    from ua_writer.ui.exporting import ExportController
    from ua_writer.ui.grouppacks import GroupPackController
    from ua_writer.ui.importing import ImportController
    from ua_writer.ui.workers import Runner

log = logging.getLogger(__name__)

LAST_ACTION_KEY = "ui_last_action"
LAST_LETTERS_KEY = "ui_last_letters"
PAGINATE_MS = 600


def _paginate(letter, options: dict):
    """Qt-free job: the exporter's layout of the letter (page count, ops for the preview)."""
    from ua_writer.export.pdf import layout_letter

    return layout_letter(letter, **options)


class _AfterFirstFrame(QObject):
    """An event filter on the main window's QWindow: the first event it gets after the widgets
    painted the first frame builds the letter side, in the same turn of the event loop (offscreen
    and on X11 the window's own Paint event, right after its widgets' paint). Platforms without
    such an event get it on the next turn (``MainWindow._after_first_paint``)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        window = self.parent()
        if window._painted:
            obj.removeEventFilter(self)
            if not window._closed:
                window._build_letter_side()
        return False


class MainWindow(QMainWindow):
    ui_language_changed = Signal(str)
    action_shown = Signal(str)
    #: the database turned out to be damaged (background check or a failed read): what is wrong
    store_damaged = Signal(str)
    #: once, right after the first paint: start-up work that is not part of the window hooks here
    started = Signal()
    #: a service changed data (a ``services.records.Changes``), after the window refreshed
    data_changed = Signal(object)
    #: once: the letter side exists (``letter_side_ready``); see ``_build_letter_side``
    letter_side_built = Signal()

    #: up to this many actions the whole list is read before the window shows; above it, the
    #: first screenful of open actions first and the rest right after the first paint
    FULL_LOAD_MAX = 2000
    #: at least this many rows in the first screenful (None: as many text lines as the screen
    #: is high, which is more rows than any list on it can show)
    FIRST_ROWS: int | None = None
    #: True once __init__ has finished: a window whose __init__ raised (a damaged database met
    #: while reading) is left half-built, and closing it must not touch what it never made
    _built = False

    def __init__(self, store: Store, today: _dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.today = today
        self.action: Action | None = None
        self.lock = None  # the data-dir lock (set by ua_writer.app), released on close
        self._show_next: str | None = None  # the recipient to show after recipients changed
        self._closed = False

        self.keeper = DraftKeeper(store, self)
        self.model = ActionTableModel(today, self)
        self.registry = ActionRegistry(self)
        self.list_pane = ActionListPane(self.model)
        # the letter side (action pane, letter panel, preview, profile banner, extras) is built
        # right after the first paint (_build_letter_side); until then its place is empty
        self._letter_side: dict | None = None
        self._first_start = True  # no saved window layout (set below from ui_state)

        right = QWidget()
        self._right_layout = right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.setSpacing(0)
        # (no Qt enum before the first paint: ui/models/actions_model.py; horizontal is the default)
        self.main_split = QSplitter(objectName="mainSplitter")
        self.main_split.addWidget(self.list_pane)
        self.main_split.addWidget(right)
        self.main_split.setStretchFactor(0, 2)
        self.main_split.setStretchFactor(1, 5)
        self.setCentralWidget(self.main_split)

        # status line: draft · pages · appeal points
        self.draft_label = QLabel(objectName="draftStatus")
        self.pages_label = QLabel(objectName="pagesStatus")
        self.coverage_label = QLabel(objectName="coverageStatus")
        for i, lab in enumerate((self.draft_label, self.pages_label, self.coverage_label)):
            if i:
                sep = QFrame()
                sep.setFrameShape(QFrame.Shape.VLine)
                sep.setFrameShadow(QFrame.Shadow.Sunken)
                self.statusBar().addWidget(sep)
            self.statusBar().addWidget(lab)
        self.profile_button = QToolButton(objectName="profileButton")
        self.profile_button.setAutoRaise(True)
        self.profile_button.clicked.connect(self.edit_profile)
        self.menuBar().setCornerWidget(self.profile_button)  # (the top right corner)

        self.open_folder_button = QToolButton(objectName="openFolderButton")
        self.open_folder_button.setAutoRaise(True)
        self.open_folder_button.clicked.connect(lambda: self.exports.open_export_folder())
        self.open_folder_button.hide()
        self.statusBar().addPermanentWidget(self.open_folder_button)
        # exports, imports, group packs and the page counter are made on first use (properties
        # below): their modules are not needed to show the window
        self._paginate_timer = QTimer(self, singleShot=True, interval=PAGINATE_MS)
        self._paginate_timer.timeout.connect(self._start_pagination)
        self._pagination_seq = 0
        self._last_saved: str | None = None

        self._build_menus()
        self._connect()
        self._set_tab_order()
        self.setAcceptDrops(True)
        self._titles_language: str | None = None
        self._load_actions()
        self.retranslate_ui()
        self._first_start = not ui_state.restore(self, self._splitters(), self._headers())
        sort = ui_state.saved_sort("actions")
        if sort is not None:  # the list in the order its header's arrow shows (restored above)
            self.list_pane.sort_by(*sort)
        if self._first_start:
            self._default_size()
        self.list_pane.layout_rows_again()  # a restored header may hold the other width's columns
        #: True once the last action and its letter are shown (after the first paint)
        self.ready = False
        #: the background integrity check: its runner, its connection (to interrupt it on close)
        self._checker: Runner | None = None
        self._check_connections: list = []
        self.integrity_checked = False
        self._restore_scheduled = False
        self._painted = False  # the first frame (the list, the menus) is on screen
        self._frame_hook: _AfterFirstFrame | None = None  # see showEvent
        # the first letter is composed after the window's first paint (see paintEvent); this
        # fallback covers a window that is never painted (e.g. minimised at start)
        QTimer.singleShot(400, self._schedule_restore)
        self._built = True

    # -- the letter side, built right after the first paint -------------------------------------
    #: the action pane, the letter panel, its page preview, the profile banner (and its button)
    #: and the extras (``ui/extras.py``): made by ``_build_letter_side`` on the first turn of the
    #: event loop after the first paint — or at once, on first use, if anything asks for them sooner
    right_split = property(lambda self: self._side("right_split"))
    action_pane = property(lambda self: self._side("action_pane"))
    letter_panel = property(lambda self: self._side("letter_panel"))
    preview = property(lambda self: self._side("preview"))
    profile_banner = property(lambda self: self._side("profile_banner"))
    profile_banner_button = property(lambda self: self._side("profile_banner_button"))
    extras = property(lambda self: self._side("extras"))

    @property
    def letter_side_ready(self) -> bool:
        """True once the letter side exists (every widget's objectName with it)."""
        return self._letter_side is not None and "extras" in self._letter_side

    def _side(self, name: str):
        if self._letter_side is None:
            self._build_letter_side()
        return self._letter_side[name]

    def _build_letter_side(self) -> None:
        """Make the letter side and put it in its place (the window shows the list and the menus
        without it first); emits ``letter_side_built``."""
        if self._letter_side is not None:
            return
        from ua_writer.ui.widgets.action_pane import ActionPane, Banner
        from ua_writer.ui.widgets.letter_panel import LetterPanel
        from ua_writer.ui.widgets.page_preview import PagePreview

        from PySide6.QtCore import Qt

        self._letter_side = side = {}
        side["right_split"] = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        self._right_layout.addWidget(self.right_split, 1)
        side["action_pane"] = ActionPane()
        side["letter_panel"] = LetterPanel(self.keeper, self._compose)
        side["preview"] = PagePreview()
        self.letter_panel.set_preview(self.preview)

        # profile banner (empty state) above the letter side
        side["profile_banner"] = Banner("SP_MessageBoxInformation")
        self.profile_banner.setObjectName("profileBanner")
        side["profile_banner_button"] = QPushButton()
        self.profile_banner_button.clicked.connect(self.edit_profile)
        self.profile_banner.layout().addWidget(self.profile_banner_button)

        self.right_split.addWidget(self.action_pane)
        self.right_split.addWidget(self.letter_panel)
        self.right_split.setStretchFactor(0, 2)
        self.right_split.setStretchFactor(1, 3)
        self._right_layout.insertWidget(0, self.profile_banner)
        self._connect_letter_side()
        self.action_pane.set_list_empty(self.list_pane._empty)
        self._retranslate_letter_side()
        from ua_writer.ui import extras  # envelope/labels/e-mail buttons, deadline reminder banner
        side["extras"] = extras.install(self)
        self._set_tab_order()  # the letter side's widgets (the extras' buttons too) in path order
        if self._first_start:  # (the list's splitter again: the letter side's minimum width)
            self._default_letter_side_size()
        else:
            ui_state.restore_splitters(self, self._splitters())
        self.registry["reset"].setEnabled(True)
        self.list_pane.finish_setup()  # sorting on header clicks, the header's menu
        self.letter_side_built.emit()

    # -- controllers, made on first use -----------------------------------------------------------
    @cached_property
    def exports(self) -> ExportController:
        from ua_writer.ui.exporting import ExportController

        ctl = ExportController(self, self.store, lambda: self.today, self.current_letter,
                               self.statusBar())
        ctl.status.connect(lambda m: self.statusBar().showMessage(m, 8000))
        ctl.exported.connect(self._after_export)
        ctl.translate = self.translate_points
        return ctl

    @cached_property
    def imports(self) -> ImportController:
        from ua_writer.ui.importing import ImportController

        ctl = ImportController(self, self.store)
        ctl.imported.connect(self._after_import)
        ctl.translation_added.connect(self._after_translation)
        return ctl

    @cached_property
    def editing(self):
        from ua_writer.ui.editing import EditingController

        ctl = EditingController(self, self.store, lambda: self.action)
        ctl.edited.connect(self._after_edit)
        return ctl

    def translate_points(self, language: str) -> bool:
        """Open the action editor on its appeal points in ``language``, beside the English ones
        (offered when a letter with text still to translate is about to leave)."""
        return self.editing.edit_action("appeals", language=language)

    @cached_property
    def group_packs(self) -> GroupPackController:
        from ua_writer.ui.grouppacks import GroupPackController

        return GroupPackController(self)

    @cached_property
    def paginator(self) -> Runner:
        from ua_writer.ui.workers import Runner

        runner = Runner(self)
        runner.finished.connect(self._on_paginated)
        runner.failed.connect(lambda m, d: log.warning("page count failed: %s", m))
        return runner

    @cached_property
    def overview(self):
        """The Letters overview dock (widgets/letters_overview.py), made when first shown."""
        from ua_writer.services import overview
        from ua_writer.ui.widgets.letters_overview import LettersOverview

        dock = LettersOverview(lambda: overview.letters_overview(self.store, self.today,
                                                                 titles=self.model.titles()),
                               self.today, self._overview_label, self)
        from PySide6.QtCore import Qt

        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [max(140, self.height() // 4)], Qt.Orientation.Vertical)
        dock.letter_requested.connect(self.open_letter)
        dock.visibilityChanged.connect(lambda shown: shown and dock.refresh())
        dock.toggleViewAction().toggled.connect(self.registry["letters_overview"].setChecked)
        self.data_changed.connect(lambda _c: dock.isVisible() and dock.refresh())
        self.keeper.draft_saved.connect(lambda *a: dock.isVisible() and dock.refresh())
        self.ui_language_changed.connect(lambda _c: dock.retranslate_ui())
        return dock

    def show_overview(self, shown: bool = True) -> None:
        """View ▸ Letters overview: show or hide the dock."""
        if shown or "overview" in self.__dict__:
            self.overview.setVisible(shown)
            if shown:
                self.overview.refresh()

    def _overview_label(self, action_id: str, recipient_id: str) -> str:
        if self.action is not None and self.action.id == action_id:
            action = self.action
        else:
            cache = self.__dict__.setdefault("_overview_actions", {})
            if action_id not in cache:
                try:
                    cache[action_id] = self.store.get_action(action_id)
                except UserFacingError:
                    cache[action_id] = None
            action = cache[action_id]
        r = action.recipient(recipient_id) if action is not None else None
        return i18n_qt.recipient_label(r) if r is not None else recipient_id

    def open_letter(self, action_id: str, language: str = "", recipient_id: str = "") -> bool:
        """Show ``action_id`` (selected in the list) with this letter (else its default one)."""
        if not self.select_action(action_id):
            self.show_action(action_id)
        if self.action is None or self.action.id != action_id:
            return False
        lp = self.letter_panel
        want = (language or lp.current_language(), recipient_id or lp.current_recipient_id())
        if (language or recipient_id) and want != (lp.current_language(), lp.current_recipient_id()):
            self.show_action(action_id, *want)
        return True

    def add_banner(self, widget: QWidget) -> None:
        """An add-on's banner (e.g. deadline reminders) on top of the letter side."""
        self._right_layout.insertWidget(0, widget)

    # -- construction ---------------------------------------------------------------------------
    def _splitters(self) -> dict:
        if self._letter_side is None:  # before the letter side exists: the list's splitter only
            return {"main": self.main_split}
        return {"main": self.main_split, "right": self.right_split, "letter": self.letter_panel.split}

    def _headers(self) -> dict:
        return {"actions": self.list_pane.view.horizontalHeader()}

    def _default_size(self) -> None:
        """First start: 1280×800 where the screen allows, with the list about a third wide."""
        screen = self.screen().availableGeometry() if self.screen() else None
        w, h = 1280, 800
        if screen is not None and screen.width() > 200:
            w, h = min(w, int(screen.width() * 0.95)), min(h, int(screen.height() * 0.95))
        self.resize(w, h)
        self.main_split.setSizes([int(w * 0.32), int(w * 0.68)])

    def _default_letter_side_size(self) -> None:
        w, h = self.width(), self.height()
        self.main_split.setSizes([int(w * 0.32), int(w * 0.68)])
        self.right_split.setSizes([int(h * 0.38), int(h * 0.62)])
        self.letter_panel.split.setSizes([int(w * 0.42), int(w * 0.26)])

    def _build_menus(self) -> None:
        a = self.registry
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}

        def menu(key: str, items: list) -> QMenu:
            m = bar.addMenu("")
            m.setObjectName(f"menu_{key}")
            for item in items:
                if item is None:
                    m.addSeparator()
                elif isinstance(item, QMenu):
                    m.addMenu(item)
                else:
                    m.addAction(a[item])
            self.menus[key] = m
            return m

        menu("file", ["import", "paste_ua", "pack_import", "pack_export", None, "export_pdf", "export_docx", "fax_packet", "copies", None,
                      "print_preview", "print", "open_export_folder", None, "quit"])
        menu("edit", ["undo", "redo", None, "paste_ua", None, "find", None, "profile", "preferences"])
        menu("action", ["edit_action", "add_recipient", "edit_recipients", "history", None, "delete_action"])
        menu("letter", ["reset", None, "mail_merge", None, "mark_sent"])
        self.ui_language_menu = QMenu(self)
        self.ui_language_menu.setObjectName("menu_ui_language")
        for key in ("ui_system", "ui_en", "ui_ru"):
            self.ui_language_menu.addAction(a[key])
        menu("view", ["letters_overview", None, self.ui_language_menu])
        menu("help", ["about"])

    def _connect(self) -> None:
        a = self.registry
        a["import"].triggered.connect(lambda: self.imports.choose_and_import())
        a["paste_ua"].triggered.connect(lambda: self.imports.import_clipboard())
        a["pack_import"].triggered.connect(lambda: self.group_packs.choose_and_import())
        a["pack_export"].triggered.connect(lambda: self.group_packs.export_pack())
        a["export_pdf"].triggered.connect(lambda: self.export("pdf"))
        a["export_docx"].triggered.connect(lambda: self.export("docx"))
        a["fax_packet"].triggered.connect(lambda: self.export("fax"))
        a["copies"].triggered.connect(lambda: self.export("copies"))
        a["print_preview"].triggered.connect(lambda: self.exports.print_preview())
        a["print"].triggered.connect(lambda: self.export("print"))
        a["open_export_folder"].triggered.connect(lambda: self.exports.open_export_folder())
        a["quit"].triggered.connect(self.close)
        a["undo"].setEnabled(False)
        a["redo"].setEnabled(False)
        a["reset"].setEnabled(False)  # until the letter side exists (_connect_letter_side)
        a["find"].triggered.connect(self.list_pane.focus_search)
        a["profile"].triggered.connect(self.edit_profile)
        a["preferences"].triggered.connect(self.edit_preferences)
        a["add_recipient"].triggered.connect(self.add_recipient)
        a["edit_action"].triggered.connect(lambda: self.editing.edit_action())
        a["edit_recipients"].triggered.connect(lambda: self.editing.edit_recipients())
        a["delete_action"].triggered.connect(lambda: self.editing.delete_action())
        for key in ("edit_action", "edit_recipients", "delete_action"):
            a[key].setEnabled(False)  # until an action is shown (_update_title)
        a["history"].triggered.connect(self.show_history)
        a["mark_sent"].triggered.connect(self.mark_sent)
        a["mail_merge"].triggered.connect(self.mail_merge)
        a["ui_system"].triggered.connect(lambda: self.set_ui_language(None))
        a["ui_en"].triggered.connect(lambda: self.set_ui_language("en"))
        a["ui_ru"].triggered.connect(lambda: self.set_ui_language("ru"))
        a["about"].triggered.connect(self._about)
        a["letters_overview"].toggled.connect(self.show_overview)

        self.list_pane.action_selected.connect(self.show_action)
        self.list_pane.import_requested.connect(lambda: self.imports.choose_and_import())
        self.list_pane.paste_requested.connect(lambda: self.imports.import_clipboard())

    def _connect_letter_side(self) -> None:
        a, lp = self.registry, self.letter_panel
        a["undo"].triggered.connect(lp.undo_group.undo)
        a["redo"].triggered.connect(lp.undo_group.redo)
        lp.undo_group.canUndoChanged.connect(a["undo"].setEnabled)
        lp.undo_group.canRedoChanged.connect(a["redo"].setEnabled)
        lp.undo_group.cleanChanged.connect(lambda clean: self.setWindowModified(not clean))
        a["reset"].triggered.connect(lp.reset_to_template)
        self.list_pane.emptied.connect(self.action_pane.set_list_empty)
        self.action_pane.add_recipient_requested.connect(self.add_recipient)
        self.action_pane.edit_recipient_requested.connect(self.edit_recipient)
        self.action_pane.edit_recipients_requested.connect(lambda: self.editing.edit_recipients())
        self.action_pane.history_requested.connect(self.show_history)
        lp.export_requested.connect(self.export)
        lp.mark_sent_requested.connect(self.mark_sent)
        lp.add_recipient_requested.connect(self.add_recipient)
        lp.language_changed.connect(self.action_pane.set_letter_language)
        lp.letter_switched.connect(self._on_letter_switched)
        lp.letter_switched.connect(self._remember_letter)
        self.action_shown.connect(self._hide_open_folder)
        self.action_shown.connect(self._set_tab_order)
        lp.text_settled.connect(self._on_text_settled)
        self.keeper.draft_saved.connect(self._on_draft_saved)
        self.keeper.draft_removed.connect(self._on_draft_removed)
        self.keeper.save_failed.connect(self._on_save_failed)

    def _set_tab_order(self, *_args) -> None:
        """Tab follows the path: list, the action (its recipients, Add, Edit, History), the
        letter (language, To, Reset, text), every output button in bar order (the add-ons' after
        Print…), Mark sent, then the profile. Again whenever an action is shown (its recipient
        cards are new widgets)."""
        if self._letter_side is None:  # the first frame: the list, then the profile button
            chain = [self.list_pane.status_filter, self.list_pane.search_box, self.list_pane.view,
                     self.profile_button]
            for first, second in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, second)
            return
        lp = self.letter_panel
        extras = self._letter_side.get("extras")
        add_ons = [extras.envelope_button, extras.labels_button, extras.email_button] if extras else []
        chain = [self.list_pane.status_filter, self.list_pane.search_box, self.list_pane.view,
                 *self.action_pane.focus_chain(),
                 lp.language_combo, lp.recipient_combo, lp.add_recipient_button, lp.reset_button,
                 lp.editor, lp.pdf_button, lp.docx_button, lp.fax_button, lp.copies_button,
                 lp.print_button, *add_ons, lp.mark_sent_button,
                 self.profile_banner_button, self.profile_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def retranslate_ui(self) -> None:
        titles = {"file": _("&File"), "edit": _("&Edit"), "action": _("&Action"), "letter": _("&Letter"),
                  "view": _("&View"), "help": _("&Help")}
        for key, m in self.menus.items():
            m.setTitle(titles[key])
        self.ui_language_menu.setTitle(_("&Interface language"))
        self.registry.retranslate_ui()
        pref = self.store.prefs().get("ui_language")
        self.registry["ui_system" if not pref else f"ui_{pref}"].setChecked(True)
        if self._titles_language != i18n.current_language():
            self.model.fetch_all()
            self._titles_language = i18n.current_language()
            self.model.set_titles(self.store.localized_titles(self._titles_language))
        self.list_pane.retranslate_ui()
        self.open_folder_button.setText(_("Open folder"))
        self.open_folder_button.setToolTip(_("Open the folder of the last export"))
        self._update_profile_widgets()
        self._update_title()
        if self._letter_side is not None:
            self._retranslate_letter_side()

    def _retranslate_letter_side(self) -> None:
        self.action_pane.retranslate_ui()
        self.letter_panel.retranslate_ui()
        self.preview.retranslate_ui()
        self.profile_banner.text.setText(_("Add your name and address to sign letters."))
        self.profile_banner_button.setText(_("Add…"))
        self._update_profile_widgets()
        self._update_draft_label()
        self._update_sent_note()
        self._on_text_settled()
        self._show_page_count(self.preview.page_count())

    # -- the UI language ------------------------------------------------------------------------
    def set_ui_language(self, language: str | None) -> str:
        """Switch the interface language live (None = follow the system) and remember it."""
        from ua_writer.services import records

        try:
            self.apply_changes(records.set_pref(self.store, "ui_language", language))
        except UserFacingError as e:  # pragma: no cover - a busy store
            log.warning("UI language not saved: %s", e)
            self._switch_ui_language(language)
        return i18n.current_language()

    def _switch_ui_language(self, language: str | None) -> None:
        code = i18n_qt.apply_language(language)
        self.retranslate_ui()
        self.ui_language_changed.emit(code)

    # -- the one place that refreshes after a service changed data --------------------------------
    def apply_changes(self, changes) -> None:
        """Bring the window up to date with what a service reports it changed
        (``services.records.Changes``), then tell the add-ons (``data_changed``)."""
        if not changes:
            return
        if changes.removed:
            for aid in changes.removed:
                self.keeper.forget(aid)
            if self.action is not None and self.action.id in changes.removed:
                self.action = None
                self.action_pane.set_action(None, self.today)
                self.letter_panel.set_action(None, None, None)
                self._update_title()
        if changes.action_list:
            self.reload_actions()
        else:
            for aid in sorted(changes.actions):
                self._refresh_row(aid, full=changes.recipients)
        if changes.recipients and self.action is not None and self.action.id in changes.actions:
            self._show_again()
        if changes.sent:
            self._update_sent_note()
        if changes.profile:
            self._update_profile_widgets()
        if changes.profile or changes.templates:
            self.letter_panel.recompose()
        if "ui_language" in changes.prefs:
            self._switch_ui_language(self.store.prefs().get("ui_language"))
        if changes.prefs & {"page_size", "window_side"}:
            self._paginate_timer.start(0)
        self.data_changed.emit(changes)

    def layout_options(self) -> dict:
        """The letter's page options from the preferences: page_size, window_side."""
        from ua_writer.services.exporters import layout_options

        return layout_options(self.store.prefs())

    # -- actions --------------------------------------------------------------------------------
    def reload_actions(self) -> None:
        current = self.list_pane.current_action_id()
        self._titles_language = i18n.current_language()
        self.model.set_titles(self.store.localized_titles(self._titles_language))
        self.model.set_rows(self.store.action_rows())
        if current:
            self.list_pane.select_action(current)

    def _load_actions(self) -> None:
        """The list at start: all of it when small; else its first screenful now (exactly the
        rows the whole list starts with) and the rest when the model is asked for it."""
        if self.store.action_count() <= self.FULL_LOAD_MAX:
            self.reload_actions()
            return
        self._titles_language = language = i18n.current_language()
        first = self.FIRST_ROWS
        if first is None:
            screen = self.screen().availableGeometry().height() if self.screen() else 2160
            first = max(40, screen // max(1, self.list_pane.view.fontMetrics().height()))
        rows = self.store.first_open_rows(self.today, first)
        self.model.set_titles(self.store.localized_titles(language, [r.id for r in rows]))
        self.model.set_first_rows(rows, self.store.status_counts(self.today), self._read_all_rows)

    def _read_all_rows(self) -> tuple[list, dict]:
        try:
            titles = self.store.localized_titles(self._titles_language or i18n.current_language())
            return self.store.action_rows(), titles
        except sqlite3.DatabaseError as e:  # read without the check at open: damage shows here
            log.error("reading the action list failed: %s", e)
            QTimer.singleShot(0, lambda m=str(e): self.store_damaged.emit(m))
            return [self.model.row_data(i) for i in range(self.model.rowCount())], None

    def ensure_loaded(self) -> None:
        """Read the rest of a list that shows only its first screenful (see _load_actions)."""
        self.model.fetch_all()

    def _refresh_row(self, action_id: str, *, full: bool = False) -> None:
        """New sent/draft counts for one row (two small queries, not the whole list); ``full``
        also re-reads its searchable text (after recipients changed)."""
        row = self.model.row_for_id(action_id)
        if row < 0:
            return
        if full:
            for new in self.store.action_rows():
                if new.id == action_id:
                    self.model.update_row(new)
            return
        old = self.model.row_data(row)
        self.model.update_row(old._replace(sent_count=len(self.store.sent(action_id)),
                                           draft_count=len(self.store.drafts(action_id))))

    def select_action(self, action_id: str) -> bool:
        """Select ``action_id`` in the list (switching the status filter if needed)."""
        if self.list_pane.select_action(action_id):
            return True
        return False

    def show_action(self, action_id: str, language: str | None = None, recipient_id: str | None = None) -> None:
        try:
            action = self.store.get_action(action_id)
        except UserFacingError as e:
            prompts.get().error(self, _("Cannot open the action"), e.message)
            return
        self.action = action
        self.action_pane.set_action(action, self.today)
        if language is None and recipient_id is None:
            language, recipient_id = self._default_letter(action)
        self.letter_panel.set_action(action, language, recipient_id)
        self._update_title()
        days = action.days_left(self.today)
        if days is not None and days < 0:
            self.statusBar().showMessage(_("The deadline has passed: check with your section office "
                                           "before sending."), 10000)
        self.action_shown.emit(action_id)

    def _default_letter(self, action: Action) -> tuple[str | None, str | None]:
        """The letter to open the action on: the one last shown for it (also without edits),
        else services.letters.default_letter."""
        from ua_writer.services import letters

        last = self._letters_shown.get(action.id)
        if last and last[0] in letters.available_languages():
            return last[0], last[1]
        return letters.default_letter(action, self.store.profile(), self.store.drafts(action.id))

    @cached_property
    def _letters_shown(self) -> dict:
        """Action id -> [language, recipient id] of the letter last shown for it (kept across
        sessions in the store's settings, written on close)."""
        value = self.store.get_setting(LAST_LETTERS_KEY) or {}
        return dict(value) if isinstance(value, dict) else {}

    def _remember_letter(self) -> None:
        key = self.letter_panel.current_key()
        if key is not None:
            self._letters_shown[key[0]] = [key[1], key[2]]

    def showEvent(self, e) -> None:  # noqa: N802 - Qt's name
        super().showEvent(e)
        handle = self.windowHandle()
        if self._letter_side is None and handle is not None and self._frame_hook is None:
            # the letter side follows the first frame in the same turn of the event loop
            self._frame_hook = _AfterFirstFrame(self)
            handle.installEventFilter(self._frame_hook)

    def paintEvent(self, e) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(e)
        self._painted = True
        if not self._restore_scheduled:
            self._schedule_restore()

    def _schedule_restore(self) -> None:
        if not self._restore_scheduled:
            self._restore_scheduled = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The first turn of the event loop after the first paint: build the letter side, then
        (once its layout is done: the next turn) paint it and restore the last letter."""
        if self._closed:
            return
        self._build_letter_side()
        QTimer.singleShot(0, self._paint_letter_side)

    def _paint_letter_side(self) -> None:
        if self._closed:
            return
        if not self._first_start:  # again, now that the letter side is laid out
            ui_state.restore_splitters(self, self._splitters())
        self.repaint()  # the second frame, complete, before the first letter is composed
        self._restore_last_action()

    def _restore_last_action(self) -> None:
        """Read the rest of the list, start the integrity check, select the action of the last
        session (else the first in the list) and show its letter. Runs once the event loop does,
        so the window paints before any of it."""
        try:
            if self._closed:
                return
            self.letter_panel.show_icons()
            self.ensure_loaded()
            self._start_integrity_check()
            self.started.emit()
            if self.action is not None:
                return
            last = self.store.get_setting(LAST_ACTION_KEY)
            if last and self.store.has_action(last) and self.select_action(last):
                return
            if self.list_pane.proxy.rowCount():
                self.list_pane.view.selectRow(0)
        finally:
            self.ready = True

    # -- the database's integrity (checked after the first paint, not before) -------------------
    def _start_integrity_check(self) -> None:
        if self._checker is not None:
            return
        from ua_writer.core.store import check_integrity
        from ua_writer.ui.workers import Runner

        self._checker = Runner(self)
        self._checker.finished.connect(self._on_integrity_checked)
        self._checker.failed.connect(lambda m, d: log.warning("integrity check failed to run: %s", m))
        self._checker.start(check_integrity, self.store.path, on_connect=self._check_connections.append)

    def _on_integrity_checked(self, problem: str | None) -> None:
        self.integrity_checked = True
        if problem and not self._closed:
            log.error("the database is damaged: %s", problem)
            self.store_damaged.emit(problem)

    def _compose(self, action, recipient, language):
        from ua_writer.services import letters

        return letters.compose(action, recipient, language, self.store.profile(), self.today)

    def current_letter(self):
        """(action, recipient, language, edited Letter) of the letter on screen, or None."""
        lp = self.letter_panel
        letter = lp.edited_letter()
        recipient = lp.current_recipient()
        if letter is None or recipient is None or self.action is None:
            return None
        return self.action, recipient, lp.current_language(), letter

    def _update_title(self) -> None:
        title = self.action.title_in(i18n.current_language()) if self.action else ""
        self.setWindowTitle(f"{title}[*] — ua-writer" if title else "ua-writer[*]")
        for key in ("edit_action", "edit_recipients", "delete_action"):  # need an action on screen
            self.registry[key].setEnabled(self.action is not None)

    # -- status line ----------------------------------------------------------------------------
    def _on_letter_switched(self) -> None:
        key = self.letter_panel.current_key()
        draft = self.store.get_draft(*key) if key else None
        self._last_saved = draft.updated_at if draft and self.letter_panel.is_edited() else None
        self.setWindowModified(False)
        self._update_draft_label()
        self._update_sent_note()
        self.preview.set_layout(None)
        self._show_page_count(None)
        self._paginate_timer.start(0)

    def _update_sent_note(self) -> None:
        """The letter pane says when this letter already went out (date, channel)."""
        from ua_writer.services.overview import last_sent
        from ua_writer.ui.dialogs.mark_sent_dialog import channel_name

        key = self.letter_panel.current_key()
        record = last_sent(self.store, *key) if key else None
        self.letter_panel.set_sent_note(
            _("✓ Sent on {date} by {channel}").format(date=i18n_qt.date_text(record.sent_on),
                                                     channel=channel_name(record.channel).lower())
            if record else "")

    def _on_draft_saved(self, action_id: str, language: str, recipient_id: str, when: str) -> None:
        if (action_id, language, recipient_id) == self.letter_panel.current_key():
            self._last_saved = when
            self._update_draft_label(just_saved=True)
        self._refresh_row(action_id)

    def _on_draft_removed(self, action_id: str, language: str, recipient_id: str) -> None:
        if (action_id, language, recipient_id) == self.letter_panel.current_key():
            self._last_saved = None
            self._update_draft_label()
        self._refresh_row(action_id)

    def _on_save_failed(self, message: str) -> None:
        self.draft_label.setText(_("⚠ The draft could not be saved: {reason}").format(reason=message))

    def _update_draft_label(self, just_saved: bool = False) -> None:
        if self.letter_panel.current_key() is None:
            self.draft_label.setText("")
            return
        if not self._last_saved:
            self.draft_label.setText(_("Letter as composed") if not self.letter_panel.is_edited()
                                     else _("Draft not saved yet"))
            return
        from babel.dates import format_datetime

        when = _dt.datetime.fromisoformat(self._last_saved).astimezone()
        if when.date() == _dt.datetime.now().date():
            stamp = format_datetime(when, "HH:mm", locale=i18n_qt.locale())
            self.draft_label.setText(_("Draft saved {time}").format(time=stamp))
        else:
            stamp = i18n_qt.datetime_text(when)
            self.draft_label.setText(_("Draft saved {time}").format(time=stamp))

    def _on_text_settled(self) -> None:
        points = self.action_pane.appeal_points()
        if not points or self.letter_panel.current_key() is None:
            self.coverage_label.setText("")
            self.coverage_label.setToolTip("")
            self.action_pane.set_coverage(None)
        else:
            from ua_writer.core.coverage import coverage  # with the first letter, not at start

            cov = coverage(points, self.letter_panel.text(), self._names_text())
            self.action_pane.set_coverage(cov)
            n = sum(c.mentioned for c in cov)
            self.coverage_label.setText(ngettext("{n} of {total} appeal point mentioned",
                                                 "{n} of {total} appeal points mentioned",
                                                 len(cov)).format(n=n, total=len(cov)))
            missing = [c.point for c in cov if not c.mentioned]
            self.coverage_label.setToolTip(
                (_("Not mentioned any more:") + "\n• " + "\n• ".join(missing)) if missing else "")
        self._paginate_timer.start()

    def _names_text(self) -> str:
        """People's and places' names in every spelling and case (coverage ignores them)."""
        a = self.action
        if a is None:
            return ""
        parts = [a.country or "", i18n_qt.country_name(a.country)]
        for p in a.persons:
            parts += [p.name, *p.names.values()]
            parts += [f for forms in p.forms.values() for f in forms.values()]
        return " ".join(parts)

    def _start_pagination(self) -> None:
        cur = self.current_letter()
        if cur is None:
            self.preview.set_layout(None)
            self._show_page_count(None)
            return
        self._pagination_seq += 1
        seq = self._pagination_seq
        options = self.layout_options()
        self.paginator.start(lambda: (seq, _paginate(cur[3], options)))

    def _on_paginated(self, result) -> None:
        seq, layout = result
        if seq != self._pagination_seq:
            return  # an older letter's layout
        self.preview.set_layout(layout)
        self._show_page_count(layout.page_count)

    def _show_page_count(self, pages: int | None) -> None:
        if pages is None:
            self.pages_label.setText("")
        elif pages <= 1:
            self.pages_label.setText(_("fits on one page"))
        else:
            self.pages_label.setText(ngettext("⚠ runs past one page ({n} page)",
                                              "⚠ runs past one page ({n} pages)", pages).format(n=pages))

    # -- exports --------------------------------------------------------------------------------
    def export(self, kind: str) -> None:
        if kind == "copies":
            self.exports.export_copies()
        elif kind == "print":
            self.exports.print_letter()
        else:
            self.exports.export(kind)

    def _after_export(self, paths: list) -> None:
        self.open_folder_button.show()
        self._exported_for = self.action.id if self.action else None

    def _hide_open_folder(self, action_id: str) -> None:
        """"Open folder" belongs to the action it exported: another action hides it."""
        if action_id != getattr(self, "_exported_for", None):
            self.open_folder_button.hide()

    # -- sent log -------------------------------------------------------------------------------
    def mark_sent(self) -> bool:
        from ua_writer.ui.dialogs.mark_sent_dialog import MarkSentDialog

        lp = self.letter_panel
        if self.action is None or lp.current_key() is None:
            return False
        dialog = MarkSentDialog(self.action.recipients, lp.current_recipient_id(), lp.current_language(),
                                self.today, self)
        if not prompts.get().run_dialog(dialog):
            return False
        recipient_id, channel, sent_on = dialog.values()
        return self.record_sent(recipient_id, lp.current_language(), channel, sent_on)

    def record_sent(self, recipient_id: str, language: str, channel: str, sent_on: _dt.date) -> bool:
        """Record the letter of the action on screen as sent (the mark-sent dialog, the e-mail
        add-on) and say how many letters went out for the action."""
        from ua_writer.services import records

        aid = self.action.id
        try:
            changes = records.mark_sent(self.store, aid, recipient_id, language, channel, sent_on)
        except UserFacingError as e:
            prompts.get().error(self, _("Not recorded"), e.message)
            return False
        self.apply_changes(changes)
        n = len(self.store.sent(aid))
        self.statusBar().showMessage(ngettext("Recorded as sent. {n} letter sent for this action.",
                                              "Recorded as sent. {n} letters sent for this action.",
                                              n).format(n=n), 8000)
        return True

    def mail_merge_dialog(self, folder: str | Path | None = None):
        """The mail-merge dialog for the letter on screen: its language and recipient, the user's
        profile and drafts (for *Use my edits*), letters into ``folder`` (default: the export
        folder)."""
        from ua_writer.ui.dialogs.batch_dialog import BatchDialog

        lp, aid = self.letter_panel, self.action.id
        return BatchDialog(self.action, lp.current_language(), lp.current_recipient_id(), self.today,
                           folder if folder is not None else self.exports.export_dir(),
                           self.layout_options()["page_size"], self,
                           window_side=self.layout_options()["window_side"],
                           profile=self.store.profile(),
                           draft_text=lambda lang, rid: self.keeper.text_for((aid, lang, rid)))

    def mail_merge(self) -> None:
        """Letter ▸ Mail merge…: one letter per signer of a CSV sheet (dialogs/batch_dialog.py)."""
        if self.action is not None:
            dialog = self.mail_merge_dialog()
            prompts.get().run_dialog(dialog)
            dialog.dispose()

    def show_history(self) -> None:
        from ua_writer.ui.dialogs.history_dialog import HistoryDialog

        if self.action is None:
            return
        dialog = HistoryDialog(self.store, self.action, self)
        prompts.get().run_dialog(dialog)
        self.apply_changes(dialog.changes)
        if dialog.letter_to_open and self.action is not None:  # a draft double-clicked
            self.open_letter(self.action.id, *dialog.letter_to_open)

    # -- profile --------------------------------------------------------------------------------
    def _update_profile_widgets(self) -> None:
        name = self.store.profile_name()  # ("" without a profile)
        if self._letter_side is not None:
            self.profile_banner.setVisible(not name)
        self.profile_button.setText(name or _("No sender profile"))
        self.profile_button.setToolTip(_("Edit your sender profile (name and address on your letters)"))

    def ask_profile_first_start(self) -> None:
        """Called once the event loop runs (QTimer.singleShot from build) when there is no profile."""
        if not self._closed and self.store.profile().is_empty():
            self.edit_profile()

    def edit_profile(self) -> bool:
        from ua_writer.ui.dialogs.profile_dialog import ProfileDialog

        from ua_writer.services import letters, records

        dialog = ProfileDialog(self.store.profile(), letters.available_languages(), self)
        if not prompts.get().run_dialog(dialog):
            return False
        try:
            changes = records.save_profile(self.store, dialog.profile())
        except UserFacingError as e:
            prompts.get().error(self, _("Profile not saved"), e.message)
            return False
        self._update_profile_widgets()
        from ua_writer.ui.resigning import offer_to_sign_drafts
        offer_to_sign_drafts(self)  # drafts still signed "[Your name]"
        self.apply_changes(changes)
        return True

    # -- preferences ----------------------------------------------------------------------------
    def edit_preferences(self) -> bool:
        """Edit ▸ Preferences…: the user's settings (core/settings.py), applied at once."""
        from ua_writer.services import records
        from ua_writer.ui.dialogs.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.store.prefs(), self)
        if not prompts.get().run_dialog(dialog):
            return False
        try:
            changes = records.set_prefs(self.store, dialog.values())
        except UserFacingError as e:
            prompts.get().error(self, _("Preferences not saved"), e.message)
            return False
        self.apply_changes(changes)
        return True

    # -- recipients -----------------------------------------------------------------------------
    def add_recipient(self) -> bool:
        from ua_writer.ui.dialogs.recipient_dialog import RecipientDialog

        if self.action is None:
            return False
        taken = {c.id for c in self.store.contacts()} | {r.id for r in self.action.recipients}
        attached = {r.id for r in self.store.action_address_book(self.action.id)}
        contacts = [c for c in self.store.contacts() if c.id not in attached]
        dialog = RecipientDialog(None, taken, contacts, self,
                                 copy_by_default=bool(self.action.main_recipients()))
        if not prompts.get().run_dialog(dialog):
            return False
        recipient = dialog.recipient()
        from ua_writer.services import records

        try:
            changes = records.add_recipient(self.store, self.action.id, recipient,
                                            from_address_book=bool(dialog.chosen_contact_id()))
        except UserFacingError as e:
            prompts.get().error(self, _("Recipient not saved"), e.message)
            return False
        self._show_next = recipient.id if not recipient.is_copy else None
        self.apply_changes(changes)
        return True

    def edit_recipient(self, recipient_id: str) -> bool:
        from ua_writer.ui.dialogs.recipient_dialog import RecipientDialog

        if self.action is None or self.action.recipient(recipient_id) is None:
            return False
        dialog = RecipientDialog(self.action.recipient(recipient_id), set(), None, self)
        if not prompts.get().run_dialog(dialog):
            return False
        from ua_writer.services import records

        try:
            changes = records.update_recipient(self.store, self.action.id, recipient_id,
                                               dialog.recipient())
        except UserFacingError as e:
            prompts.get().error(self, _("Recipient not saved"), e.message)
            return False
        self.apply_changes(changes)
        return True

    def _show_again(self) -> None:
        """Show the action on screen again (its recipients changed), keeping the letter's
        language and recipient (or the one just added, ``_show_next``)."""
        lp = self.letter_panel
        rid = self._show_next or lp.current_recipient_id()
        self._show_next = None
        self.show_action(self.action.id, lp.current_language(), rid)

    def _after_edit(self, changes) -> None:
        """An editor saved (or an action was deleted): refresh, then say so."""
        self.apply_changes(changes)
        self.statusBar().showMessage(_("Action deleted.") if changes.removed else _("Action saved."), 8000)

    # -- import ---------------------------------------------------------------------------------
    def _after_import(self, action_id: str, changes) -> None:
        self.keeper.forget(action_id)
        self.apply_changes(changes)
        self.select_action(action_id)
        self.statusBar().showMessage(_("Action imported."), 8000)

    def _after_translation(self, action_id: str, language: str, changes) -> None:
        """An imported UA was added to a stored action as its translation (drafts stay)."""
        self.apply_changes(changes)
        self.select_action(action_id)
        self.statusBar().showMessage(_("The {language} version was added to this action.").format(
            language=i18n_qt.language_name(language)), 8000)

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        from ua_writer.ui.grouppacks import SUFFIX as PACK_SUFFIX
        from ua_writer.ui.importing import supported_suffixes

        urls = e.mimeData().urls() if e.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in supported_suffixes() + (PACK_SUFFIX,)
                        for u in urls):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        e.acceptProposedAction()
        # import after the drop returns, so the source application is not kept waiting
        from ua_writer.ui.grouppacks import SUFFIX as PACK_SUFFIX

        QTimer.singleShot(0, lambda: [(self.group_packs if p.suffix.lower() == PACK_SUFFIX
                                        else self.imports).import_path(p) for p in paths])

    # -- misc -----------------------------------------------------------------------------------
    def _about(self) -> None:
        from ua_writer.paths import changelog_path

        text = _("ua-writer {version}\nLetters for Urgent Actions, offline. Your letters and "
                 "addresses stay on this computer.\nData folder: {folder}").format(
                     version=__version__, folder=Path(self.store.path).parent)
        changelog = changelog_path()
        if changelog is not None:
            text += "\n" + _("What's new in each version: {file}").format(file=changelog)
        prompts.get().info(self, _("About ua-writer"), text)

    def closeEvent(self, e) -> None:  # noqa: N802
        if not self._built:  # __init__ raised: nothing of ours to save or stop
            super().closeEvent(e)
            return
        if not self._closed:
            self._closed = True
            self.keeper.close()
            try:
                ui_state.save(self, self._splitters(), self._headers())
                if self.action is not None:
                    self.store.set_setting(LAST_ACTION_KEY, self.action.id)
                if "_letters_shown" in self.__dict__:
                    self.store.set_setting(LAST_LETTERS_KEY, self._letters_shown)
            except Exception:  # closing must never fail
                log.warning("UI state not saved", exc_info=True)
            for db in self._check_connections:  # a check still running stops at once
                try:
                    db.interrupt()
                except Exception:  # already closed
                    pass
            if "paginator" in self.__dict__:  # made on first use (cached_property)
                self.paginator.pool.waitForDone(3000)
            if self.lock is not None:
                self.lock.unlock()
                self.lock = None
        super().closeEvent(e)

