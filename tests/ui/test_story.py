"""The whole story through the real widgets: pick an open action, language and recipient, see the
composed letter, type, let the draft save itself, come back in a new window to the same draft,
export PDF/DOCX/fax packet/copies (the edited text, not the template), mark it sent."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from ua_writer.core.store import Store
from ua_writer.ui.models.actions_model import ActionTableModel

from .conftest import select, type_text

TYPED = " Прошу ответить мне лично"


def _type_after_first_paragraph(qtbot, lp, text=TYPED):
    first = lp.composed_letter().paragraphs[0]
    pos = lp.text().index(first) + len(first)
    cursor = lp.editor.textCursor()
    cursor.setPosition(len(lp.text()[:pos].encode("utf-16-le")) // 2)
    lp.editor.setTextCursor(cursor)
    lp.editor.setFocus()
    type_text(qtbot, lp.editor, text)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in out.splitlines() if l.startswith("Pages:")).split()[1])


def test_list_shows_open_actions_with_days_left(window):
    view = window.findChild(type(window.list_pane.view), "actionList")
    proxy = view.model()
    assert window.list_pane.status_filter.currentData() == "open"
    rows = [proxy.index(r, 0).data(ActionTableModel.ActionIdRole) for r in range(proxy.rowCount())]
    assert rows == ["juraev-2011", "azimov-2011", "kasymakhunov-2012"]
    days = proxy.index(0, ActionTableModel.COL_DAYS_LEFT)
    assert days.data() == "32 days"
    # the nearest deadline is selected on first start and its letter shown at once
    assert window.action.id == "juraev-2011"
    assert window.letter_panel.text().strip()


def test_filter_and_search_through_widgets(window, qtbot):
    lp = window.list_pane
    lp.set_status("all")
    assert lp.proxy.rowCount() == 5
    lp.set_status("undated")
    assert lp.proxy.rowCount() == 2
    lp.set_status("past")
    assert lp.proxy.rowCount() == 0
    lp.set_status("open")
    window.registry["find"].trigger()
    qtbot.keyClicks(lp.search_box, "azimov")
    qtbot.waitUntil(lambda: lp.proxy.rowCount() == 1)
    assert "1 action" in lp.count_label.text()
    lp.search_box.clear()
    qtbot.waitUntil(lambda: lp.proxy.rowCount() == 3)


def test_the_story(build_app, qtbot, data_dir, tmp_path, fake_prompts):
    window = build_app()
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    assert lp.language_combo.objectName() == "languageCombo"
    assert lp.language_combo.currentData() == "ru"
    assert lp.recipient_combo.currentData() == "prosecutor-general"
    assert "Уважаемый Юрий Яковлевич!" in lp.text()
    assert "Генеральному прокурору" in lp.text()
    # the action pane: notes and copy recipient, appeal checklist
    pane = window.action_pane
    assert "court" in pane.notes_banner.text.text().lower() or "суд" in pane.notes_banner.text.text()
    assert not pane.past_banner.isVisible()

    # type, and the draft saves itself (debounced, off the GUI thread)
    with qtbot.waitSignal(window.keeper.draft_saved, timeout=5000):
        _type_after_first_paragraph(qtbot, lp)
    assert window.isWindowModified() in (True, False)
    qtbot.waitUntil(lambda: window.draft_label.text().startswith("Draft saved"))
    with Store(window.store.path) as other:
        draft = other.get_draft("juraev-2011", "ru", "prosecutor-general")
    assert draft is not None and TYPED in draft.text
    # the list shows the action has a draft
    row = window.model.row_for_id("juraev-2011")
    assert window.model.index(row, 0).data(ActionTableModel.DraftCountRole) == 1

    # switching away and back restores the draft
    lp.language_combo.setCurrentIndex(lp.language_combo.findData("en"))
    assert TYPED not in lp.text() and "Dear" in lp.text()
    lp.language_combo.setCurrentIndex(lp.language_combo.findData("ru"))
    assert TYPED in lp.text()
    window.select_action("azimov-2011")
    window.select_action("juraev-2011")
    assert lp.current_language() == "ru" and TYPED in lp.text()

    # close mid-sentence: a new window on the same data dir shows the same draft
    type_text(qtbot, lp.editor, " и")
    window.close()
    window2 = build_app()
    assert window2.action.id == "juraev-2011"
    lp2 = window2.letter_panel
    assert lp2.current_language() == "ru"
    assert lp2.current_recipient_id() == "prosecutor-general"
    assert TYPED + " и" in lp2.text()

    # export PDF: the edited text, not the template
    out = tmp_path / "out"
    out.mkdir()
    fake_prompts.save_path = str(out / "letter.pdf")
    window2.findChild(type(lp2.pdf_button), "exportPdfButton").click()
    pdf = out / "letter.pdf"
    assert pdf.exists(), fake_prompts.calls
    text = " ".join(_pdf_text(pdf).split())
    assert "Прошу ответить мне лично" in text
    assert "Уважаемый Юрий Яковлевич!" in text
    assert window2.store.prefs()["export_dir"] == str(out)

    # DOCX
    fake_prompts.save_path = str(out / "letter.docx")
    window2.findChild(type(lp2.docx_button), "exportDocxButton").click()
    document = docx.Document(str(out / "letter.docx"))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Прошу ответить мне лично" in body

    # fax packet: a cover page + the letter
    fake_prompts.save_path = str(out / "fax.pdf")
    window2.findChild(type(lp2.fax_button), "faxPacketButton").click()
    assert _pdf_pages(out / "fax.pdf") >= 2
    fax_text = " ".join(_pdf_text(out / "fax.pdf").split())
    assert "Прошу ответить мне лично" in fax_text

    # copy letters, one per copy recipient, written off the GUI thread
    fake_prompts.folder = str(out)
    with qtbot.waitSignal(window2.exports.exported, timeout=20000) as blocker:
        lp2.copies_button.click()
    copies = [Path(p) for p in blocker.args[0]]
    assert len(copies) == 1 and copies[0].exists()
    copy_text = " ".join(_pdf_text(copies[0]).split())
    assert "КОПИЯ" in copy_text and "Прошу ответить мне лично" in copy_text

    # mark sent (by fax, on the app's "today") and see it in the list
    def fill(dialog):
        assert dialog.objectName() == "markSentDialog"
        dialog.set_values(channel="fax")
        return True

    fake_prompts.on_dialog = fill
    window2.findChild(type(lp2.mark_sent_button), "markSentButton").click()
    with Store(window2.store.path) as other:
        sent = other.sent("juraev-2011")
    assert [(s.recipient_id, s.language, s.channel, s.sent_on.isoformat()) for s in sent] == \
        [("prosecutor-general", "ru", "fax", "2011-04-01")]
    row = window2.model.row_for_id("juraev-2011")
    assert window2.model.index(row, ActionTableModel.COL_ACTIVITY).data().startswith("✓1")

    # the history view lists it
    seen = {}

    def look(dialog):
        seen["name"] = dialog.objectName()
        seen["rows"] = dialog.model.rowCount()
        return False

    fake_prompts.on_dialog = look
    window2.registry["history"].trigger()
    assert seen == {"name": "historyDialog", "rows": 1}


def test_export_to_unwritable_folder_is_a_plain_message(window, fake_prompts, tmp_path):
    fake_prompts.save_path = str(tmp_path / "missing-folder" / "x.pdf")
    window.letter_panel.pdf_button.click()
    errors = [c for c in fake_prompts.calls if c[0] == "error"]
    assert errors and "missing-folder" in errors[0][2]


def test_cancelled_export_writes_nothing(window, fake_prompts, tmp_path):
    fake_prompts.save_path = None
    fake_prompts.calls.clear()
    window.registry["export_pdf"].trigger()
    assert fake_prompts.kinds() == ["save_file"]


def test_past_deadline_action_shows_the_advice(build_app):
    window = build_app("--today", "2011-06-01")   # juraev's deadline (3 May 2011) has passed
    window.list_pane.set_status("past")
    select(window, "juraev-2011")
    assert window.action_pane.past_banner.isVisibleTo(window)
    assert "section" in window.action_pane.past_banner.text.text()


def test_action_without_recipients_offers_to_add_one(window, fake_prompts):
    window.list_pane.set_status("undated")
    lp = select(window, "ivanovo-refugees-2006")
    assert lp.editor.isReadOnly()
    assert window.action_pane.empty_recipients.isVisibleTo(window)
    assert lp.add_recipient_button.isVisibleTo(window)
    assert not lp.pdf_button.isEnabled()

    def fill(dialog):
        assert dialog.objectName() == "recipientDialog"
        dialog.organization.setText("Embassy of the Russian Federation")
        dialog.address.setPlainText("Unter den Linden 63-65\n10117 Berlin")
        dialog.is_copy.setChecked(False)
        return True

    fake_prompts.on_dialog = fill
    lp.add_recipient_button.click()
    assert lp.recipient_combo.count() == 1
    assert lp.current_recipient_id() == "embassy-of-the-russian-federation"
    assert not lp.editor.isReadOnly() and lp.text().strip()
    assert [r.id for r in window.store.contacts()] == ["embassy-of-the-russian-federation"]
    # the address book entry is searchable in the list
    window.list_pane.set_status("all")
    window.list_pane.proxy.set_search("embassy")
    assert window.list_pane.proxy.rowCount() == 1


def test_keyboard_shortcuts_are_registered(window):
    shortcuts = {k: [s.toString() for s in a.shortcuts()] for k, a in window.registry.actions.items()}
    assert "Ctrl+F" in shortcuts["find"]
    assert "Ctrl+E" in shortcuts["export_pdf"]
    assert "Ctrl+P" in shortcuts["print"]
    assert "Ctrl+Shift+S" in shortcuts["mark_sent"]
    assert "Ctrl+Z" in shortcuts["undo"]
    assert "Ctrl+Shift+Z" in shortcuts["redo"]


def test_object_names_contract(window):
    from PySide6.QtWidgets import QWidget

    for name in ("actionList", "statusFilter", "searchBox", "languageCombo", "recipientCombo",
                 "letterEditor", "exportPdfButton", "exportDocxButton", "faxPacketButton",
                 "printButton", "markSentButton"):
        assert window.findChild(QWidget, name) is not None, name


@pytest.mark.parametrize("key", ["print", "print_preview"])
def test_print_goes_through_the_seam(window, fake_prompts, key):
    fake_prompts.calls.clear()
    window.registry[key].trigger()
    assert fake_prompts.kinds() == ["print_dialog" if key == "print" else "print_preview"]


def test_print_renders_pages(window, tmp_path):
    """Printing paints the exporter's layout; render it to a PDF printer to prove it draws."""
    from PySide6.QtPrintSupport import QPrinter

    from ua_writer.export.pdf import layout_letter
    from ua_writer.ui.page_render import print_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    layout = layout_letter(window.letter_panel.edited_letter())
    print_layout(printer, layout)
    assert _pdf_pages(tmp_path / "printed.pdf") == layout.page_count
    assert "Dear" in _pdf_text(tmp_path / "printed.pdf") or "Уважаем" in _pdf_text(tmp_path / "printed.pdf")


def _tab_stops(window, start, n):
    """The next ``n`` widgets Tab reaches from ``start`` (visible, enabled, accepting Tab focus)."""
    out, w = [], start
    while len(out) < n:
        w = w.nextInFocusChain()
        if w is start:
            break
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus and w.isEnabled() \
                and w.isVisibleTo(window) and w.focusProxy() is None:
            out.append(w)
    return out


def test_tab_order_follows_the_path(window):
    lp, pane, lst = window.letter_panel, window.action_pane, window.list_pane
    assert _tab_stops(window, lst.status_filter, 2) == [lst.search_box, lst.view]
    assert _tab_stops(window, lst.view, 1)[0] in (pane.add_recipient, pane.background_toggle)
    assert _tab_stops(window, pane.history_button, 3) == [lp.language_combo, lp.recipient_combo,
                                                          lp.reset_button]
    assert _tab_stops(window, lp.editor, 2) == [lp.pdf_button, lp.docx_button]
    # the add-ons' buttons follow Print… in bar order (issue 14 item 7), then Mark sent
    ex = window.extras
    stops = _tab_stops(window, lp.print_button, 3)
    assert stops[:2] == [ex.envelope_button, ex.labels_button]
    assert stops[2] in (ex.email_button, lp.mark_sent_button)  # E-mail… only when it can be used


def test_selection_shows_letter_immediately(window, qtbot):
    view = window.list_pane.view
    row = window.list_pane.proxy.proxy_row_for("azimov-2011")
    rect = view.visualRect(window.list_pane.proxy.index(row, ActionTableModel.COL_TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.action.id == "azimov-2011"
    assert window.letter_panel.text().strip()


def test_undo_redo_and_reset(window, qtbot):
    lp = window.letter_panel
    original = lp.text()
    _type_after_first_paragraph(qtbot, lp, " one two")
    assert " one two" in lp.text()
    assert window.registry["undo"].isEnabled()
    window.registry["undo"].trigger()      # word by word
    assert " one" in lp.text() and " two" not in lp.text()
    window.registry["undo"].trigger()
    assert lp.text() == original
    window.registry["redo"].trigger()
    window.registry["redo"].trigger()
    assert " one two" in lp.text()
    # keyboard: Ctrl+Z in the editor goes to our stack
    qtbot.keyClick(lp.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert " two" not in lp.text()
    qtbot.keyClick(lp.editor, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert " one two" in lp.text()
    # reset to template, undoable
    lp.reset_button.click()
    assert lp.text() == original
    window.registry["undo"].trigger()
    assert " one two" in lp.text()
    # the window's modified flag follows the stack's clean state (autosave makes it clean)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)


def test_appeal_coverage_in_status_line(window, qtbot):
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    qtbot.waitUntil(lambda: window.coverage_label.text() == "3 of 3 appeal points mentioned")
    point = window.action.appeals["ru"][0]
    start = lp.text().index(point)
    cursor = lp.editor.textCursor()
    cursor.setPosition(len(lp.text()[:start].encode("utf-16-le")) // 2)
    cursor.setPosition(len(lp.text()[:start + len(point)].encode("utf-16-le")) // 2,
                       QTextCursor.MoveMode.KeepAnchor)
    lp.editor.setTextCursor(cursor)
    qtbot.keyClick(lp.editor, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.coverage_label.text() == "2 of 3 appeal points mentioned")
    assert point in window.coverage_label.toolTip()


def test_page_count_marker(window, qtbot):
    qtbot.waitUntil(lambda: window.pages_label.text() == "fits on one page", timeout=10000)
    lp = window.letter_panel
    _type_after_first_paragraph(qtbot, lp, "")
    lp.editor.moveCursor(QTextCursor.MoveOperation.End)
    long_text = "\n\n" + "\n\n".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 6] * 8)
    lp.editor.insertPlainText(long_text)
    qtbot.waitUntil(lambda: "runs past one page" in window.pages_label.text(), timeout=10000)
    assert window.preview.page_count() >= 2


def test_open_the_export_folder_after_exporting(window, fake_prompts, tmp_path):
    fake_prompts.save_path = str(tmp_path / "a.pdf")
    assert not window.open_folder_button.isVisibleTo(window)
    window.letter_panel.pdf_button.click()
    assert window.open_folder_button.isVisibleTo(window)
    window.open_folder_button.click()
    assert fake_prompts.opened_folders == [str(tmp_path)]


def test_compose_warnings_are_shown_above_the_letter(window):
    lp = window.letter_panel
    # no profile yet: compose says the letter has placeholders
    assert lp.warnings_label.isVisibleTo(window)
    assert "profile" in lp.warnings_label.text()


def test_shortcuts_reach_their_commands(window, qtbot, fake_prompts, tmp_path):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    lp = window.letter_panel
    lp.editor.setFocus()
    fake_prompts.calls.clear()
    fake_prompts.save_path = None
    qtbot.keyClick(lp.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fake_prompts.calls and fake_prompts.calls[0][0] == "save_file"      # Ctrl+E: export PDF
    qtbot.keyClick(lp.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.list_pane.search_box.hasFocus()                                # Ctrl+F: search
    fake_prompts.calls.clear()
    qtbot.keyClick(window.list_pane.search_box, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert ("dialog", "markSentDialog") in fake_prompts.calls                   # Ctrl+Shift+S


def test_edit_a_recipient_of_the_pack_and_of_the_address_book(window, fake_prompts):
    select(window, "juraev-2011", "ru", "prosecutor-general")

    def new_fax(dialog):
        assert dialog.objectName() == "recipientDialog"
        dialog.fax.setText("+7 495 000 00 00")
        return True

    fake_prompts.on_dialog = new_fax
    assert window.edit_recipient("prosecutor-general")
    assert window.store.get_action("juraev-2011").recipient("prosecutor-general").fax == ["+7 495 000 00 00"]
    assert any("+7 495 000 00 00" in lab.text() for lab in window.action_pane.findChildren(QLabel))
    # the letter stays on the same recipient and language
    assert window.letter_panel.current_recipient_id() == "prosecutor-general"
    assert window.letter_panel.current_language() == "ru"

    def embassy(dialog):
        dialog.organization.setText("Embassy of the Russian Federation in Germany")
        dialog.is_copy.setChecked(True)
        return True

    fake_prompts.on_dialog = embassy
    assert window.add_recipient()
    contact = window.store.contacts()[0]
    assert contact.is_copy and window.action.recipient(contact.id) is not None

    def rename(dialog):
        dialog.note.setText("send a copy, please")
        return True

    fake_prompts.on_dialog = rename
    assert window.edit_recipient(contact.id)
    assert window.store.contacts()[0].note == "send a copy, please"
    assert window.letter_panel.copies_button.isEnabled()
