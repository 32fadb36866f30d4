"""The action editor (``actionEditor``) and its recipient editor (``recipientEditor``) as a user
meets them: Action ▸ Edit action…, translating appeal points, the people's Russian forms,
removing a recipient and taking it back with Undo, reordering, and deleting an action."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ua_writer.core import packs

from tests.cli_run import run
from .conftest import select, type_text


def _edit_in_dialog(fake_prompts, fn):
    seen = {}

    def run_it(dialog):
        seen["name"] = dialog.objectName()
        fn(dialog)
        return True

    fake_prompts.on_dialog = run_it
    return seen


def test_translate_appeal_points_into_german_and_the_german_letter_uses_them(window, fake_prompts, qtbot):
    lp = select(window, "juraev-2011")

    def translate(d):
        d.open_tab("appeals")
        d.appeal_lang.setCurrentIndex(d.appeal_lang.findData("de"))
        t = d.appeal_table
        assert t.columnCount() == 2 and t.rowCount() == 3
        assert t.horizontalHeaderItem(1).text() == "German"
        t.item(0, 1).setText("Liefern Sie Nizomhon Juraev nicht aus.")
        t.item(1, 1).setText("Erinnern Sie an das Folterverbot.")
        t.item(2, 1).setText("Prüfen Sie seinen Asylantrag.")

    seen = _edit_in_dialog(fake_prompts, translate)
    window.registry["edit_action"].trigger()
    assert seen["name"] == "actionEditor"
    stored = window.store.get_action("juraev-2011")
    assert stored.appeals["de"][1] == "Erinnern Sie an das Folterverbot."
    assert stored.appeals["en"] == packs.load(_bundled("juraev-2011")).appeals["en"]
    lp.language_combo.setCurrentIndex(lp.language_combo.findData("de"))
    text = lp.text()
    assert "Erinnern Sie an das Folterverbot." in text and "Prüfen Sie seinen Asylantrag." in text
    assert "translate" not in text.casefold() and "übersetz" not in text.casefold()


def _bundled(aid):
    from ua_writer import paths
    return paths.bundled_actions_dir() / f"{aid}.json"


def test_undo_in_the_editor_brings_a_removed_recipient_back(window, fake_prompts, qtbot):
    select(window, "juraev-2011")

    def remove_and_undo(d):
        d.open_tab("recipients")
        ed = d.recipients
        assert ed.objectName() == "recipientEditor" and ed.list.count() == 2
        ed.list.setCurrentRow(0)
        ed.remove_button.click()
        assert [r.id for r in d.action().recipients] == ["moscow-city-court"]
        d.undo_button.click()
        assert [r.id for r in d.action().recipients] == ["prosecutor-general", "moscow-city-court"]
        d.redo_button.click()
        d.undo_button.click()
        # reorder: the court first
        ed.list.setCurrentRow(1)
        ed.up_button.click()
        assert [r.id for r in d.action().recipients] == ["moscow-city-court", "prosecutor-general"]

    seen = _edit_in_dialog(fake_prompts, remove_and_undo)
    window.registry["edit_recipients"].trigger()
    assert seen["name"] == "actionEditor"
    assert [r.id for r in window.store.get_action("juraev-2011").recipients] == \
        ["moscow-city-court", "prosecutor-general"]


def test_typing_merges_into_one_undo_step_and_undo_restores_every_field(qtbot):
    from ua_writer.ui.dialogs.action_editor import ActionEditorDialog

    a = packs.load(_bundled("juraev-2011"))
    d = ActionEditorDialog(a)
    qtbot.addWidget(d)
    d.show()
    d.title.setFocus()
    d.title.selectAll()
    qtbot.keyClicks(d.title, "New title")
    d.deadline.check.setChecked(False)
    assert d.undo_stack.count() == 2
    assert d.action().title == "New title" and d.action().deadline is None
    d.undo_stack.undo()
    assert d.deadline.check.isChecked() and d.action().deadline == dt.date(2011, 5, 3)
    d.undo_stack.undo()
    assert d.title.text() == a.title and d.action() == a


def test_a_recipients_russian_title_and_dative_forms(window, fake_prompts, qtbot):
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")

    def russian(d):
        ed = d.recipients
        d.open_tab("recipients")
        ed.list.setCurrentRow(0)
        assert ed.local_lang.code() == "ru"           # the language the action asks for
        assert ed.title_datv.isVisibleTo(d)
        ed.title_datv.clear()
        type_text(qtbot, ed.title_datv, "Генеральному прокурору России")
        ed.fax.setPlainText("+7 495 000 00 00\n+7 495 111 11 11")
        ed.local_lang.setCurrentIndex(ed.local_lang.findData("de"))
        assert not ed.title_datv.isVisibleTo(d)       # German has no such forms in the pack

    _edit_in_dialog(fake_prompts, russian)
    window.registry["edit_action"].trigger()
    r = window.store.get_action("juraev-2011").recipient("prosecutor-general")
    assert r.localized["ru"].forms["title_datv"] == "Генеральному прокурору России"
    assert r.fax == ["+7 495 000 00 00", "+7 495 111 11 11"]
    assert "Генеральному прокурору России" in lp.text()


def test_a_person_gets_a_russian_name_and_cases(window, fake_prompts, qtbot):
    window.list_pane.set_status("undated")
    select(window, "ivanovo-refugees-2006")

    def person(d):
        d.open_tab("people")
        d.person_add.click()
        qtbot.keyClicks(d.person_name, "Rustam Azimov")
        d.person_gender.setCurrentIndex(d.person_gender.findData("m"))
        assert d.person_lang.code() == "ru" and d.case_edits["datv"].isVisibleTo(d)
        type_text(qtbot, d.person_local, "Рустам Азимов")
        type_text(qtbot, d.case_edits["datv"], "Рустаму Азимову")
        assert d.person_list.item(d.person_list.count() - 1).text() == "Rustam Azimov"

    _edit_in_dialog(fake_prompts, person)
    window.registry["edit_action"].trigger()
    p = window.store.get_action("ivanovo-refugees-2006").persons[-1]
    assert (p.name, p.gender, p.names, p.forms) == ("Rustam Azimov", "m", {"ru": "Рустам Азимов"},
                                                    {"ru": {"datv": "Рустаму Азимову"}})


def test_editor_fields_show_names_and_save_dates_and_languages(window, fake_prompts, data_dir, capsys):
    select(window, "juraev-2011")

    def general(d):
        assert d.country.currentText() == "Russia"
        langs = d.languages
        names = [langs.item(i).text() for i in range(langs.count())]
        assert "Belarusian (no letter template)" in names and "Russian" in names
        item = langs.item(names.index("Belarusian (no letter template)"))
        item.setCheckState(Qt.CheckState.Checked)
        d.deadline.edit.setDate(d.deadline.edit.date().addDays(30))
        d.ua_number.setText("UA 85/11")
        d.ua_number.textEdited.emit("UA 85/11")

    _edit_in_dialog(fake_prompts, general)
    window.registry["edit_action"].trigger()
    a = window.store.get_action("juraev-2011")
    assert a.languages == ["ru", "be"] and a.deadline == dt.date(2011, 6, 2) and a.ua_number == "UA 85/11"
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "show", "juraev-2011", "--json")
    assert code == 0
    pack = json.loads(out)
    assert (pack["languages"], pack["deadline"], pack["ua_number"]) == (["ru", "be"], "2011-06-02", "UA 85/11")


def test_a_title_is_required(qtbot):
    from ua_writer.ui.dialogs.action_editor import ActionEditorDialog

    d = ActionEditorDialog(packs.load(_bundled("azimov-2011")))
    qtbot.addWidget(d)
    d.title.clear()
    d.title.textEdited.emit("")
    d.accept()
    assert d.result() == 0 and d.error.text()


def test_delete_an_action_after_a_confirmation_naming_its_drafts(window, fake_prompts):
    select(window, "juraev-2011")
    window.store.save_draft("juraev-2011", "ru", "prosecutor-general", "draft")
    fake_prompts.answer = False
    window.registry["delete_action"].trigger()
    assert window.store.has_action("juraev-2011")
    asked = [c for c in fake_prompts.calls if c[0] == "question"][-1]
    assert "1 draft" in asked[2] and "Russia extradites" in asked[2]
    fake_prompts.answer = True
    window.registry["delete_action"].trigger()
    assert not window.store.has_action("juraev-2011")
    assert window.list_pane.proxy.proxy_row_for("juraev-2011") < 0
    assert window.action is None
    assert not window.registry["edit_action"].isEnabled() and not window.registry["delete_action"].isEnabled()


def test_deleting_the_action_being_typed_in_loses_nothing_else_and_says_nothing_wrong(window, fake_prompts, qtbot):
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    lp.editor.moveCursor(lp.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(lp.editor, " typed just now")
    fake_prompts.answer = True
    window.registry["delete_action"].trigger()
    qtbot.wait(1200)   # past the autosave delay
    assert not window.store.has_action("juraev-2011") and window.store.drafts("juraev-2011") == []
    assert not [c for c in fake_prompts.calls if c[0] in ("error", "error_details")]
    assert window.action is None and lp.editor.isReadOnly()


def test_ctrl_z_outside_a_text_field_undoes_the_last_step(qtbot):
    from ua_writer.ui.dialogs.action_editor import ActionEditorDialog

    d = ActionEditorDialog(packs.load(_bundled("juraev-2011")))
    qtbot.addWidget(d)
    d.show()
    d.open_tab("recipients")
    ed = d.recipients
    ed.list.setCurrentRow(1)
    ed.remove_button.setFocus()
    ed.remove_button.click()
    assert ed.list.count() == 1
    assert d.undo_button.defaultAction().text() == "Undo remove recipient"
    d.activateWindow()     # a shortcut needs its window active (offscreen loses it on the way)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    qtbot.keyClick(ed.add_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ed.list.count() == 2 and ed.list.item(1).text().startswith("copy:")
    qtbot.keyClick(d.tabs, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert d.tabs.currentIndex() == 3          # Appeal points


def test_a_title_in_russian_for_an_imported_action(window, fake_prompts, qtbot):
    window.list_pane.set_status("undated")
    select(window, "ivanovo-refugees-2006")

    def russian_title(d):
        d.local_lang.setCurrentIndex(d.local_lang.findData("ru"))
        d.local_title.clear()
        type_text(qtbot, d.local_title, "Дело ивановских беженцев")
        d.undo_stack.undo()
        assert d.local_title.text() == (window.action.localized.get("ru") or {}).get("title", "")
        d.undo_stack.redo()
        assert d.local_title.text() == "Дело ивановских беженцев"

    _edit_in_dialog(fake_prompts, russian_title)
    window.registry["edit_action"].trigger()
    assert window.store.get_action("ivanovo-refugees-2006").localized["ru"]["title"] == "Дело ивановских беженцев"
    assert window.store.localized_titles("ru")["ivanovo-refugees-2006"] == "Дело ивановских беженцев"


def test_the_editors_fit_the_screen_they_open_on(qtbot, tmp_path):
    """The offscreen screen is small (800×600 unless told): both dialogs open within it, their
    tall tabs scrolling rather than pushing Save off the screen."""
    from ua_writer.ui.dialogs.action_editor import ActionEditorDialog
    from ua_writer.ui.dialogs.import_review import ImportReviewDialog

    action = packs.load(_bundled("juraev-2011"))
    for d in (ActionEditorDialog(action), ImportReviewDialog(action)):
        qtbot.addWidget(d)
        d.show()
        free = d.screen().availableGeometry()
        assert d.width() <= free.width() and d.height() <= free.height(), (d.objectName(), d.size())


def test_removing_the_recipient_on_screen_moves_the_letter_on(window, fake_prompts):
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")

    def remove(d):
        d.open_tab("recipients")
        d.recipients.list.setCurrentRow(0)
        d.recipients.remove_button.click()

    _edit_in_dialog(fake_prompts, remove)
    window.registry["edit_recipients"].trigger()
    assert window.action.recipient("prosecutor-general") is None
    assert lp.current_recipient_id() != "prosecutor-general"
    assert lp.current_language() == "ru"
    assert not [c for c in fake_prompts.calls if c[0] in ("error", "error_details")]
