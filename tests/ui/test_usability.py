"""Issue 14 item 7: the usability defects of the new-user walk-through, one test each (each
failed before its fix)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt

from .conftest import select, type_text


def _ru_action(window):
    """An action whose pack has a Russian title."""
    titles = window.store.localized_titles("ru")
    assert titles, "a seed with a Russian title"
    aid = sorted(titles)[0]
    return aid, titles[aid]


def test_russian_ui_has_no_english_leftovers(window, fake_prompts):
    from ua_writer.ui.dialogs.history_dialog import HistoryDialog

    aid, ru_title = _ru_action(window)
    window.set_ui_language("ru")
    select(window, aid)
    assert ru_title in window.windowTitle()
    dialog = HistoryDialog(window.store, window.action, window)
    assert ru_title in dialog.windowTitle() and dialog.windowTitle().startswith("История")
    # nothing sent: not «0 писем отмечены»
    assert "0" not in dialog.summary.text() and "не" in dialog.summary.text()
    dialog.close()
    combo = window.letter_panel.language_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert not any("просят" in t for t in texts), texts
    assert any("рекомендуется" in t for t in texts), texts


@pytest.mark.parametrize("language", ["en", "ru"])
def test_one_date_format_in_mark_sent_history_and_drafts(window, language):
    from ua_writer.ui import i18n_qt
    from ua_writer.ui.dialogs.history_dialog import HistoryDialog
    from ua_writer.ui.dialogs.mark_sent_dialog import MarkSentDialog

    window.set_ui_language(language)
    lp = window.letter_panel
    key = lp.current_key()
    window.store.save_draft(*key, "edited")
    window.record_sent(lp.current_recipient_id(), lp.current_language(), "post", window.today)
    expected = i18n_qt.date_text(window.today)  # "Apr 1, 2011" / "1 апр. 2011 г."
    mark = MarkSentDialog(window.action.recipients, lp.current_recipient_id(), lp.current_language(),
                          window.today, window)
    assert mark.date.text() == expected
    history = HistoryDialog(window.store, window.action, window)
    assert history.model.index(0, 0).data() == expected
    draft_day = i18n_qt.date_text(dt.datetime.fromisoformat(
        window.store.get_draft(*key).updated_at).astimezone().date())
    item = history.drafts.item(0).text()
    assert draft_day in item and "UTC" not in item and "T" not in item.split(" · ")[-1]
    mark.close()
    history.close()


def _mnemonics(window) -> dict[str, list[str]]:
    """Alt+key -> the menu titles and visible labels/buttons of the window that use it."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    seen: dict[str, list[str]] = {}

    def add(text: str) -> None:
        i = text.replace("&&", "").find("&")
        if i >= 0 and i + 1 < len(text.replace("&&", "")):
            seen.setdefault(text.replace("&&", "")[i + 1].lower(), []).append(text)

    for m in window.menus.values():
        add(m.title())
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if w.isVisibleTo(window) and w.window() is window:
            add(w.text())
    return seen


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_alt_key_is_used_twice(window, language):
    window.set_ui_language(language)
    clashes = {k: v for k, v in _mnemonics(window).items() if len(v) > 1}
    assert not clashes


def test_enter_after_the_subject_starts_a_paragraph_not_a_longer_subject(window, qtbot):
    from PySide6.QtGui import QTextCursor

    lp = window.letter_panel
    composed = lp.edited_letter()
    assert composed.subject, "the letter on screen has a subject line"
    editor = lp.editor
    text = editor.text()
    end = text.index(composed.subject) + len(composed.subject)
    editor.setFocus()
    editor.set_cursor_index(end)
    assert editor.textCursor().block().text() == composed.subject
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Please act now.")
    edited = lp.edited_letter()
    assert edited.subject == composed.subject
    assert "Please act now." in edited.paragraphs
    assert edited.salutation == composed.salutation
    # the same with the date line and the salutation
    editor.set_cursor_index(editor.text().index(composed.salutation) + len(composed.salutation))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "I write again.")
    edited = lp.edited_letter()
    assert edited.salutation == composed.salutation and "I write again." in edited.paragraphs


def test_envelope_labels_and_email_are_in_the_letter_menu(window, fake_prompts, tmp_path):
    menu = window.menus["letter"]
    entries = {a.text().replace("&", ""): a for a in menu.actions()}
    assert {"Envelope", "Labels", "E-mail…"} <= set(entries)
    assert entries["Envelope"].menu() is window.extras.envelope_menu
    assert entries["Labels"].menu() is window.extras.labels_menu
    assert entries["Envelope"].isEnabled()
    # the menu's entry does what the button does
    select(window, "kasymakhunov-2012", "ru", "prosecutor-general")
    assert entries["E-mail…"].isEnabled() == window.extras.email_button.isEnabled() is True
    fake_prompts.choice = None
    fake_prompts.save_path = str(tmp_path / "env.pdf")
    window.extras.envelope_actions["dl"].trigger()
    assert (tmp_path / "env.pdf").exists()
    select(window, "juraev-2011", "ru", "prosecutor-general")
    assert not entries["E-mail…"].isEnabled()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_alt_key_is_used_twice_in_a_menu(window, language):
    window.set_ui_language(language)
    for key, menu in window.menus.items():
        keys = {}
        for a in menu.actions():
            text = a.text().replace("&&", "")
            if "&" in text and not a.isSeparator():
                keys.setdefault(text[text.index("&") + 1].lower(), []).append(text)
        assert not {k: v for k, v in keys.items() if len(v) > 1}, key


def test_search_across_transliterations_says_when_nothing_matches_and_esc_clears(window, qtbot):
    lp = window.list_pane
    lp.set_status("all")
    box = lp.search_box

    def search(text):
        box.clear()
        type_text(qtbot, box, text)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        return [lp.proxy.index(i, 0).data(lp.model.ActionIdRole) for i in range(lp.proxy.rowCount())]

    found = search("Juraev")
    assert "juraev-2011" in found
    assert "juraev-2011" in search("Джураев")
    assert search("Dzhuraev") == found           # BGN/ICAO spelling of Джураев
    assert search("Djuraev") == found            # French spelling
    assert "kasymakhunov-2012" in search("Qosimaxunov") + search("Касымахунов")
    assert search("qqqzzzxxx") == []
    assert lp.empty_state is not None and lp.empty_state.isVisibleTo(lp)
    assert "qqqzzzxxx" in lp.empty_state.message_text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and lp.proxy.rowCount() == lp.model.rowCount()
    assert not lp.empty_state.isVisibleTo(lp)


def test_transliteration_keys():
    from ua_writer.core.translit import skeleton

    keys = {skeleton(n) for n in ("Dzhuraev", "Djuraev", "Juraev", "Джураев", "Ҷӯраев")}
    assert len(keys) == 1
    assert skeleton("Юрий") == skeleton("Yuriy") == skeleton("Iurii")
    assert skeleton("Kasymakhunov") == skeleton("Касымахунов")
    assert skeleton("Petrov") != skeleton("Ivanov")
    assert skeleton("a\nb") == "a\nb"


def test_letter_languages_in_order_and_an_unwritable_request_is_said(window, fake_prompts):
    action = window.action
    action.languages = ["be", "ru"]  # Belarusian: no letter templates
    window.store.save_action(action, replace=True)
    window.show_action(action.id)
    combo = window.letter_panel.language_combo
    items = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())
             if combo.itemText(i)]
    assert items[0] == ("Russian (requested)", "ru")
    assert items[1][1] is None and items[1][0].startswith("Belarusian")
    assert "no letter template" in items[1][0]
    assert not combo.model().item(1).isEnabled()
    rest = [text for text, code in items[2:]]
    assert rest == sorted(rest, key=str.casefold) and len(rest) >= 3  # by name, not by code
    assert window.letter_panel.current_language() == "ru"


def test_the_chosen_letter_language_is_remembered_per_action(build_app, data_dir):
    window = build_app()
    aid = window.action.id
    lp = window.letter_panel
    other_lang = next(lp.language_combo.itemData(i) for i in range(lp.language_combo.count())
                      if lp.language_combo.itemData(i) not in (None, lp.current_language()))
    lp.language_combo.setCurrentIndex(lp.language_combo.findData(other_lang))  # no edit
    other = next(r.id for r in window.store.action_rows() if r.id != aid)
    select(window, other)
    select(window, aid)
    assert lp.current_language() == other_lang
    window.close()
    again = build_app()  # and in the next session
    select(again, other)
    select(again, aid)
    assert again.letter_panel.current_language() == other_lang


def test_double_clicking_a_draft_in_history_opens_it(window, qtbot, fake_prompts):
    lp = window.letter_panel
    aid, lang, rid = lp.current_key()
    other_lang = next(lp.language_combo.itemData(i) for i in range(lp.language_combo.count())
                      if lp.language_combo.itemData(i) not in (None, lang))
    window.store.save_draft(aid, other_lang, rid, "My German draft\n\nwith words")

    def double_click(dialog):
        assert dialog.objectName() == "historyDialog"
        dialog.show()
        qtbot.waitExposed(dialog)
        row = next(i for i in range(dialog.drafts.count())
                   if dialog.drafts.item(i).data(Qt.ItemDataRole.UserRole)[0] == other_lang)
        item = dialog.drafts.item(row)
        rect = dialog.drafts.visualItemRect(item)
        # a real double click: press-release, then the second press arrives as a double click
        qtbot.mouseClick(dialog.drafts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dialog.drafts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.letter_to_open == (other_lang, rid), dialog.letter_to_open
        return dialog.result() == 1

    fake_prompts.on_dialog = double_click
    window.registry["history"].trigger()
    assert lp.current_language() == other_lang and lp.current_recipient_id() == rid
    assert "My German draft" in lp.editor.text()


def test_open_folder_goes_with_another_action(window, fake_prompts, tmp_path):
    aid = window.action.id
    fake_prompts.save_path = str(tmp_path / "letter.pdf")
    window.export("pdf")
    assert (tmp_path / "letter.pdf").exists()
    assert window.open_folder_button.isVisibleTo(window)
    window.show_action(aid)  # the same action again: it stays
    assert window.open_folder_button.isVisibleTo(window)
    select(window, next(r.id for r in window.store.action_rows() if r.id != aid))
    assert not window.open_folder_button.isVisibleTo(window)


def test_a_new_action_starts_at_its_title(window, qtbot):
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    pane = window.action_pane
    pane.resize(pane.width(), 120)  # short enough to scroll
    bar = pane.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    aid = window.action.id
    select(window, next(r.id for r in window.store.action_rows() if r.id != aid))
    assert bar.value() == 0


def test_menu_arrows_do_not_cover_the_button_text(window, qtbot):
    from PySide6.QtWidgets import QStyle

    window.show()
    qtbot.waitExposed(window)
    for button in (window.extras.envelope_button, window.extras.labels_button):
        text = button.fontMetrics().horizontalAdvance(button.text())
        arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
        assert button.width() >= text + arrow + 8, (button.objectName(), button.width(), text, arrow)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_window_fits_a_1024_by_600_screen(window, qtbot, language):
    """Issue 14 item 7: in Russian at 1024×600 the window was wider than the screen and its
    buttons were cut off. Every export button must be on screen, none overlapping another."""
    window.set_ui_language(language)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    lp = window.letter_panel
    buttons = [lp.pdf_button, lp.docx_button, lp.fax_button, lp.copies_button, lp.print_button,
               window.extras.envelope_button, window.extras.labels_button,
               window.extras.email_button, lp.mark_sent_button, lp.reset_button]
    rects = []
    for b in buttons:
        top_left = b.mapTo(window, b.rect().topLeft())
        r = b.rect().translated(top_left)
        assert window.rect().contains(r), (b.objectName(), r, window.rect())
        assert b.width() >= b.minimumSizeHint().width() - 1, b.objectName()
        rects.append((b.objectName(), r))
    for i, (na, a) in enumerate(rects):
        for nb, b in rects[i + 1:]:
            assert not a.intersects(b), (na, nb)


def test_a_second_start_brings_the_running_window_forward(window, qtbot, monkeypatch):
    from ua_writer import app as app_module
    from ua_writer.ui import application

    raised = []
    monkeypatch.setattr(window, "activateWindow", lambda: raised.append(True))
    window.showMinimized()
    with pytest.raises(application.AlreadyRunning):
        app_module.acquire_lock()  # what a second ua-writer on this data folder does first
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    assert not window.isMinimized()
    from ua_writer import paths

    assert not (paths.data_dir() / application.RAISE_NAME).exists()  # the request is answered


def test_tab_follows_the_path_of_the_window(window, qtbot):
    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.list_pane.status_filter.setFocus()
    order = []
    for _ in range(40):
        w = QApplication.focusWidget()
        if w in order:
            break
        order.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    ap, lp, ex = window.action_pane, window.letter_panel, window.extras
    names = [w.objectName() for w in order]
    assert "actionPane" not in names  # no stop without a visible focus
    want = [window.list_pane.view, ap.add_recipient, ap.edit_recipients, ap.history_button,
            lp.language_combo, lp.recipient_combo, lp.editor, lp.pdf_button, lp.print_button,
            ex.envelope_button, ex.labels_button, lp.mark_sent_button, window.profile_button]
    positions = [order.index(w) for w in want]
    assert positions == sorted(positions), [w.objectName() for w in want]
    # the recipients' own Edit… buttons come with the action, before Add a recipient
    cards = [w for w in ap.focus_chain() if w not in (ap.background_toggle, ap.add_recipient,
                                                       ap.edit_recipients, ap.history_button)]
    assert cards and all(order.index(c) < order.index(ap.add_recipient) for c in cards)
    # and still so after switching actions (new cards)
    aid = window.action.id
    select(window, next(r.id for r in window.store.action_rows() if r.id != aid))
    new_cards = [w for w in ap.focus_chain() if w not in (ap.background_toggle, ap.add_recipient,
                                                           ap.edit_recipients, ap.history_button)]
    assert new_cards and new_cards[-1].nextInFocusChain() is ap.add_recipient or \
        QWidget_next(new_cards[-1]) is ap.add_recipient


def QWidget_next(w):  # noqa: N802
    """The widget Tab moves to from ``w`` (skipping non-focusable children in between)."""
    n = w.nextInFocusChain()
    while n is not None and n.focusPolicy() == Qt.FocusPolicy.NoFocus:
        n = n.nextInFocusChain()
    return n


def _visible_title_chars(view, index) -> int:
    """How many characters of a title cell a user can read: its text laid out as the view's
    delegate does (wrapped when the view wraps), counting the lines that fit the cell's height."""
    from PySide6.QtGui import QTextLayout, QTextOption

    rect = view.visualRect(index)
    text = index.data()
    fm = view.fontMetrics()
    width = rect.width() - 2 * (view.style().pixelMetric(
        view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    layout = QTextLayout(text, view.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap if view.wordWrap() else QTextOption.WrapMode.NoWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    shown, height = 0, 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        height += fm.lineSpacing()
        if height > rect.height():
            break
        if line.naturalTextWidth() <= width:
            shown += line.textLength()
        else:  # one line, cut: what fits of it
            shown += len(fm.elidedText(text[line.textStart():], Qt.TextElideMode.ElideRight, width)) - 1
    layout.endLayout()
    return shown


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_action_titles_are_readable_in_a_narrow_list(window, qtbot, language, size):
    """Issue 14: at 1024×600 the action titles were cut to a word or two ("Russia extradites T…").
    A narrow list wraps titles onto two lines; every visible row shows at least 30 characters of
    its title (or all of it) and its whole days-left badge."""
    window.set_ui_language(language)
    window.list_pane.set_status("all")
    window.show()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    pane = window.list_pane
    view = pane.view
    model = view.model()
    from ua_writer.ui.models.actions_model import ActionTableModel

    assert model.rowCount() >= 3
    viewport = view.viewport().rect()
    for row in range(model.rowCount()):
        title = model.index(row, ActionTableModel.COL_TITLE)
        if not viewport.intersects(view.visualRect(title)):
            continue
        text = title.data()
        assert _visible_title_chars(view, title) >= min(len(text), 30), (size, text, view.visualRect(title))
        badge = view.visualRect(model.index(row, ActionTableModel.COL_DAYS_LEFT))
        assert viewport.contains(badge.adjusted(0, 0, -1, -1)) or badge.bottom() > viewport.bottom(), badge
    if size == (1024, 600):
        assert pane.is_two_line()
    if os.environ.get("UAW_SHOTS"):  # to look at: UAW_SHOTS=/tmp/shots pytest -k narrow_list
        qtbot.wait(300)
        window.grab().save(os.path.join(os.environ["UAW_SHOTS"], f"list-{language}-{size[0]}.png"))



def test_the_lists_own_width_decides_its_row_layout(window, qtbot):
    """The row layout follows the list's width (its viewport's, read from the header that spans
    it), not the window's: moving the splitter alone flips it, both ways."""
    pane = window.list_pane
    window.show()
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: window.letter_side_ready and not pane.is_two_line())
    window.main_split.setSizes([380, 1320])
    qtbot.waitUntil(lambda: pane.is_two_line())
    assert pane.view.horizontalHeader().width() == pane.view.viewport().width()
    window.main_split.setSizes([900, 800])
    qtbot.waitUntil(lambda: not pane.is_two_line())
    assert pane.view.horizontalHeader().width() == pane.view.viewport().width()


def test_the_letters_column_makes_room_in_a_narrow_list_unless_chosen(window, qtbot):
    """The narrow layout hides the Letters column for the titles' sake and brings it back when the
    window is widened; once the user picks it in the header's menu, their choice stays."""
    from ua_writer.ui.models.actions_model import ActionTableModel

    col = ActionTableModel.COL_ACTIVITY
    view = window.list_pane.view
    window.show()
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.list_pane.is_two_line())
    assert view.isColumnHidden(col)
    window.resize(1700, 900)
    qtbot.waitUntil(lambda: not window.list_pane.is_two_line())
    assert not view.isColumnHidden(col) and view.columnWidth(col) > 20
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.list_pane.is_two_line())
    window.list_pane._choose_column(col, True)  # what the header menu's check box does
    assert not view.isColumnHidden(col)
    window.resize(1000, 600)
    qtbot.wait(50)
    assert not view.isColumnHidden(col)
