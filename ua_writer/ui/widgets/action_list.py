"""ActionListPane: the status filter, the search box and the action table (left side).

Shows the store's actions through ActionTableModel + ActionFilterProxy, paints days left as a
coloured badge (red ≤ 7 days, amber ≤ 14, grey once past — the only hard-coded colours, chosen to
read on light and dark palettes) and emits ``action_selected(action_id)`` ("" when nothing is
selected). When no row is left to show it shows ``EmptyState`` (why, and buttons to other
filters, Import and Paste; its requests come out as ``import_requested`` / ``paste_requested``)
and says so with ``emptied(bool)``. Paste (Ctrl+V) in the list or its empty state asks for a
UA to be pasted too (``paste_requested``). Must not import the store, dialogs or the letter widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QModelIndex, QPointF, QRectF, QSize, QTimer, Signal
from PySide6.QtGui import (QBrush, QColor, QKeySequence, QPainter, QPainterPath, QPalette,
                           QStandardItemModel, QTextCharFormat, QTextLayout)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMenu, QStyledItemDelegate, QTableView, QVBoxLayout,
                               QWidget)

from ua_writer.core.i18n import _, ngettext
from ua_writer.ui.models.actions_model import ASCENDING, ActionFilterProxy, ActionTableModel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

#: badge colours (background, text): the only fixed colours in the UI
BADGE_COLOURS = {
    "urgent": (QColor("#c62828"), QColor("#ffffff")),
    "soon": (QColor("#f9a825"), QColor("#1a1a1a")),
    "past": (QColor("#8a8a8a"), QColor("#ffffff")),
}


def _brush(colour: QColor) -> QBrush:
    """A solid brush of ``colour``. (Through a palette: QBrush(QColor) and the painter's
    setPen/setBrush are overloaded with Qt enums, and PySide6 builds the whole ``Qt`` namespace
    to tell them apart — which the first frame must not do; see DaysLeftDelegate.)"""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, colour)
    return palette.brush(QPalette.ColorRole.Window)


class DaysLeftDelegate(QStyledItemDelegate):
    """Paints the days-left cell as a rounded badge over the style's item background. The first
    frame paints these cells, so nothing here may touch PySide6's ``QStyle`` (its Python enums,
    ~50 M instructions) or ``Qt`` namespace (~125 M; ui/models/actions_model.py): the base class
    draws the background (selection, focus) with the text left out (``initStyleOption``), the
    badge is a filled path and its text a QTextLayout with a foreground brush (no setPen)."""

    _brushes: dict = {}

    def initStyleOption(self, option, index: QModelIndex) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.text = ""  # the badge draws the text

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)  # the background: selection, focus
        text = index.data() or ""
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)  # the cell's font (bold when urgent)
        key = index.data(ActionTableModel.UrgencyRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = opt.fontMetrics
        w = min(opt.rect.width() - 6, fm.horizontalAdvance(text) + 14)
        h = min(opt.rect.height() - 4, fm.height() + 4)
        rect = QRectF(opt.rect.center().x() - w / 2 + 0.5, opt.rect.center().y() - h / 2 + 0.5, w, h)
        if key in BADGE_COLOURS:
            if key not in self._brushes:
                self._brushes[key] = tuple(_brush(c) for c in BADGE_COLOURS[key])
            bg, fg = self._brushes[key]
            badge = QPainterPath()
            badge.addRoundedRect(rect, h / 2, h / 2)
            painter.fillPath(badge, bg)
        else:
            view = self.parent()
            selected = view is not None and view.selectionModel().isSelected(index)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            fg = opt.palette.brush(role)
        # the text, centred in the badge, in ``fg`` (a layout with a foreground: see above)
        layout = QTextLayout(text, opt.font)
        fmt = QTextCharFormat()
        fmt.setForeground(fg)
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = 0, len(text), fmt
        layout.setFormats([span])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(max(1.0, rect.width() * 4))
        layout.endLayout()
        if line.isValid():
            layout.draw(painter, QPointF(rect.center().x() - line.naturalTextWidth() / 2,
                                         rect.center().y() - line.height() / 2))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        s = super().sizeHint(option, index)
        return QSize(s.width() + 16, s.height() + 4)


class ActionListPane(QWidget):
    action_selected = Signal(str)
    #: from the empty state's buttons (``emptyState``)
    import_requested = Signal()
    paste_requested = Signal()
    #: True when the list has no row to show (the action pane's placeholder follows it)
    emptied = Signal(bool)

    def __init__(self, model: ActionTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.proxy = ActionFilterProxy(self)  # its source: once the header has its own model

        self.status_filter = QComboBox(objectName="statusFilter")
        for key in ("open", "past", "undated", "all"):
            self.status_filter.addItem("", key)
        self.search_box = QLineEdit(objectName="searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)  # Esc clears the search
        self.count_label = QLabel()
        self.count_label.setProperty("dataLabel", True)

        self.view = QTableView(objectName="actionList")
        self.view.installEventFilter(self)  # Paste (Ctrl+V) pastes a UA
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the header's titles come from a plain C++ model: the header asking ActionTableModel
        # would hand Python a Qt enum (see actions_model.py); sorting on a header click and the
        # header's menu are set up right after the first paint (finish_setup)
        self.header_model = QStandardItemModel(0, ActionTableModel.COLUMN_COUNT, self)
        self.view.horizontalHeader().setModel(self.header_model)
        self.proxy.setSourceModel(model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setItemDelegateForColumn(ActionTableModel.COL_DAYS_LEFT, DaysLeftDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        # ResizeToContents measures at most 100 rows (the badge/country/letters columns are
        # uniform): Qt's default asks 1,000 rows per column on every reset, dataChanged and
        # selection (bench: ~0.5 s of start-up at 10,000 actions). Not 0 ("visible rows"): before
        # the window is shown Qt then measures every row.
        header.setResizeContentsPrecision(100)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        # reading order on screen: badge, title, country, people, deadline, letters
        header.moveSection(header.visualIndex(ActionTableModel.COL_DAYS_LEFT), 0)
        header.setSectionResizeMode(ActionTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # fixed widths (set in retranslate_ui from the texts they must hold): no size-hint pass
        # over the rows at every filter change
        for col in (ActionTableModel.COL_DAYS_LEFT, ActionTableModel.COL_ACTIVITY):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ActionTableModel.COL_COUNTRY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ActionTableModel.COL_PERSONS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActionTableModel.COL_DEADLINE, QHeaderView.ResizeMode.ResizeToContents)
        for col in (ActionTableModel.COL_COUNTRY, ActionTableModel.COL_PERSONS, ActionTableModel.COL_DEADLINE):
            self.view.setColumnHidden(col, True)  # shown on demand: right-click the header
        # (the header's context menu: finish_setup, right after the first paint)
        # a narrow list (a 1024-px screen) wraps titles onto two lines instead of cutting them
        # to a word or two; the badge and letters columns keep their fixed widths
        self._two_line: bool | None = None
        self._one_line_height = self.view.verticalHeader().defaultSectionSize()
        self._activity_width = 0
        self._activity_chosen = False  # the user showed/hid the Letters column themselves
        # the list's width is its viewport's, which the horizontal header always spans (the
        # view gives it the viewport's width in its updateGeometries). Watched on the header, not
        # the viewport: the viewport is a plain QWidget that Python has not seen, and handing it
        # to Python makes PySide6 try every QWidget subclass it knows to find its type — it
        # builds ~80 classes with their enums (QWizard, QMdiArea, QCalendarWidget, …: ~50 M
        # instructions, a twentieth of the start-up) before the first frame
        header.installEventFilter(self)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.status_filter)
        top.addWidget(self.search_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._layout = layout
        self.empty_state = None  # made the first time the list is empty (not on the start-up path)
        self._empty: bool | None = None  # unknown until the model is first filled
        self.proxy.modelReset.connect(self._model_filled)

        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._apply_search)
        self.status_filter.currentIndexChanged.connect(self._on_status_changed)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._last_emitted = ""
        self.retranslate_ui()

    def finish_setup(self) -> None:
        """What the first frame does not need: sorting by a click on a column's header (the
        arrow where the saved layout had it, else days left, ascending) and the header's menu
        of columns. Called right after the first paint (MainWindow)."""
        if self.view.isSortingEnabled():
            return
        from PySide6.QtCore import Qt

        header = self.view.horizontalHeader()
        if not header.isSortIndicatorShown():  # no saved layout
            header.setSortIndicator(ActionTableModel.COL_DAYS_LEFT, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # sorts by the arrow (nothing to do in the default order)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    def sort_by(self, column: int, order: int = ASCENDING) -> None:
        """Sort the list (``order``: actions_model's ASCENDING or DESCENDING), without a Qt enum."""
        self.model.sort(column, order)

    def retranslate_ui(self) -> None:
        labels = {"open": _("Open"), "past": _("Past deadline"), "undated": _("Undated"),
                  "all": _("All actions")}
        for i in range(self.status_filter.count()):
            self.status_filter.setItemText(i, labels[self.status_filter.itemData(i)])
        self.status_filter.setToolTip(_("Which actions to list"))
        self.search_box.setPlaceholderText(_("Search actions (Ctrl+F)"))
        self.search_box.setToolTip(_("Search by title, person, country or recipient"))
        self.view.setAccessibleName(_("Actions"))
        self.header_model.setHorizontalHeaderLabels(
            [self.model.column_title(c) or "" for c in range(ActionTableModel.COLUMN_COUNT)])
        for c in range(ActionTableModel.COLUMN_COUNT):
            self.header_model.horizontalHeaderItem(c).setToolTip(self.model.column_tooltip(c) or "")
        self.model.retranslate()
        if self.empty_state is not None:
            self.empty_state.retranslate_ui()
        self._fit_fixed_columns()
        self._two_line = None  # the font or texts may have changed: measure again
        self._update_row_layout()
        self._update_count()

    def _fit_fixed_columns(self) -> None:
        from ua_writer.ui import i18n_qt

        fm = self.view.fontMetrics()
        bold = self.view.font()
        bold.setBold(True)
        fmb = type(fm)(bold)
        header = self.view.horizontalHeader()
        samples = [i18n_qt.days_left_text(d) for d in (None, -1, 0, 5, 22, 365)]
        w = max(fmb.horizontalAdvance(t) for t in samples) + 28
        title = self.model.column_title(ActionTableModel.COL_DAYS_LEFT) or ""
        w = max(w, header.fontMetrics().horizontalAdvance(title) + 28)
        header.resizeSection(ActionTableModel.COL_DAYS_LEFT, w)
        title = self.model.column_title(ActionTableModel.COL_ACTIVITY) or ""
        w = max(fm.horizontalAdvance("✓99 ✎99"), header.fontMetrics().horizontalAdvance(title)) + 24
        self._activity_width = w
        if not self.view.isColumnHidden(ActionTableModel.COL_ACTIVITY):
            header.resizeSection(ActionTableModel.COL_ACTIVITY, w)

    #: below this many average characters of title width, titles wrap onto two lines
    NARROW_TITLE_CHARS = 40

    def _update_row_layout(self) -> None:
        """A narrow list (a 1024-px screen) wraps titles onto two lines and hides the Letters
        column (unless the user chose it in the header's menu): the title gets the room.
        Decided from the list's width, not the title column's, so hiding a column cannot flip it
        back."""
        header = self.view.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(self.model.COLUMN_COUNT)
                     if c not in (ActionTableModel.COL_TITLE, ActionTableModel.COL_ACTIVITY)
                     and not self.view.isColumnHidden(c))
        fm = self.view.fontMetrics()
        room = header.width() - others - self._activity_width  # the viewport's width (__init__)
        two = room < self.NARROW_TITLE_CHARS * fm.averageCharWidth()
        if two == self._two_line:
            return
        self._two_line = two
        self.view.setWordWrap(two)
        vh = self.view.verticalHeader()
        vh.setDefaultSectionSize(max(self._one_line_height, 2 * fm.lineSpacing() + 8) if two
                                 else self._one_line_height)
        if not self._activity_chosen:
            self.view.setColumnHidden(ActionTableModel.COL_ACTIVITY, two)
            if not two:
                header.resizeSection(ActionTableModel.COL_ACTIVITY, self._activity_width)

    def layout_rows_again(self) -> None:
        """Decide the row layout afresh at the next resize (after a header state was restored)."""
        self._two_line = None
        self._update_row_layout()

    def is_two_line(self) -> bool:
        """True while titles wrap onto two lines (the list is narrow)."""
        return bool(self._two_line)

    def _header_menu(self, pos) -> None:
        menu = QMenu(self)
        header = self.view.horizontalHeader()
        for col in range(self.model.COLUMN_COUNT):
            if col in (ActionTableModel.COL_TITLE, ActionTableModel.COL_DAYS_LEFT):
                continue
            a = menu.addAction(self.model.column_title(col))
            a.setCheckable(True)
            a.setChecked(not self.view.isColumnHidden(col))
            a.toggled.connect(lambda on, c=col: self._choose_column(c, on))
        menu.exec(header.mapToGlobal(pos))
        menu.deleteLater()

    def _choose_column(self, col: int, on: bool) -> None:
        if col == ActionTableModel.COL_ACTIVITY:
            self._activity_chosen = True
        self.view.setColumnHidden(col, not on)
        if on and col == ActionTableModel.COL_ACTIVITY:
            self.view.horizontalHeader().resizeSection(col, self._activity_width)

    # -- filter ---------------------------------------------------------------------------------
    def set_status(self, status: str) -> None:
        i = self.status_filter.findData(status)
        if i >= 0:
            self.status_filter.setCurrentIndex(i)

    def _on_status_changed(self, _i: int) -> None:
        self.proxy.set_status(self.status_filter.currentData())
        self._after_filter()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_search(self.search_box.text())
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        if not self.view.currentIndex().isValid() and self.proxy.rowCount() > 0 and self._last_emitted:
            row = self.proxy.proxy_row_for(self._last_emitted)
            if row >= 0:
                self.view.selectRow(row)

    def _update_count(self, *args) -> None:
        # while only the first rows are loaded, the count is the store's (no search runs then)
        n = self.proxy.rowCount() if self.model.complete else self.model.expected_count(self.proxy.status())
        self.count_label.setText(ngettext("{n} action", "{n} actions", n).format(n=n))
        self._update_empty_state(n == 0)

    def _model_filled(self) -> None:
        if self._empty is None:
            self._empty = False
            self._update_count()

    def is_empty(self) -> bool:
        return bool(self._empty)

    def _update_empty_state(self, empty: bool) -> None:
        """An empty list shows why and what to do instead of a blank table (``emptyState``)."""
        if self._empty is None:  # the pane is being built: no rows were read yet
            return
        if empty and self.empty_state is None:
            from ua_writer.ui.widgets.empty_state import EmptyState

            self.empty_state = EmptyState(self)
            self.empty_state.status_requested.connect(self.set_status)
            self.empty_state.import_requested.connect(self.import_requested)
            self.empty_state.paste_requested.connect(self.paste_requested)
            self.empty_state.clear_search_requested.connect(self._clear_search)
            self._layout.insertWidget(self._layout.indexOf(self.view) + 1, self.empty_state, 1)
        if self.empty_state is not None:
            if empty:
                counts = {s: self.model.expected_count(s) for s in ("open", "past", "undated", "all")}
                self.empty_state.set_state(self.proxy.status(), counts, self.search_box.text().strip())
            self.empty_state.setVisible(empty)
            self.view.setVisible(not empty)
        if empty != self._empty:
            self._empty = empty
            self.emptied.emit(empty)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Esc in a search box with text clears it (and shows every action of the filter); the
        list's width decides its row layout; Paste (Ctrl+V) in the action list imports the UA
        text on the clipboard."""
        if obj is self.view.horizontalHeader() and event.type() == QEvent.Type.Resize:
            self._update_row_layout()
            return False
        if (obj is self.view and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Paste)):
            self.paste_requested.emit()
            return True
        if obj is self.search_box and event.type() == QEvent.Type.KeyPress and self.search_box.text():
            from PySide6.QtCore import Qt

            if event.key() != Qt.Key.Key_Escape:
                return super().eventFilter(obj, event)
            self.search_box.clear()
            self._apply_search()
            return True
        return super().eventFilter(obj, event)

    def _clear_search(self) -> None:
        self.search_box.clear()
        self._apply_search()
        self.search_box.setFocus()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # -- selection ------------------------------------------------------------------------------
    def select_action(self, action_id: str) -> bool:
        if self.model.row_for_id(action_id) < 0:
            self.model.fetch_all()  # not among the first rows read
        row = self.proxy.proxy_row_for(action_id)
        if row < 0 and self.proxy.status() != "all":
            status = self.model.statuses[self.model.row_for_id(action_id)] \
                if self.model.row_for_id(action_id) >= 0 else None
            if status:
                self.set_status(status)
                row = self.proxy.proxy_row_for(action_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        # the first column on screen (the days-left badge, moved there), not logical column 0:
        # in a list narrower than its columns that would scroll the badges out of view
        first = self.view.horizontalHeader().logicalIndex(0)
        self.view.scrollTo(self.proxy.index(row, first))
        return True

    def current_action_id(self) -> str:
        idx = self.view.currentIndex()
        return self.proxy.data(idx, ActionTableModel.ActionIdRole) if idx.isValid() else ""

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        action_id = self.proxy.data(current, ActionTableModel.ActionIdRole) if current.isValid() else ""
        if action_id and action_id != self._last_emitted:
            self._last_emitted = action_id
            self.action_selected.emit(action_id)
