"""The import review as issue #12 asks for it: Edit ▸ Paste a UA (Ctrl+Shift+V, Ctrl+V in the
action list), another language's version of a stored action added as its translation, appeal
points in every language the UA has, suggested Russian forms and address-book details marked for
what they are. Real texts are read in place from ../shared/corpus/ua (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from tests.importer.test_known import UA as RU_UA
from tests.importer.test_translations import DE, EN

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "ua"
GERMAN = CORPUS / "23-azerbaijan-2009-ua308-bloggers-de.txt"
FRENCH = CORPUS / "29-poland-2020-ela-anna-joanna-fr.txt"
needs_corpus = pytest.mark.skipif(not GERMAN.is_file() or not FRENCH.is_file(),
                                  reason="../shared/corpus/ua is not beside this checkout")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _reviews(fake_prompts) -> int:
    return fake_prompts.calls.count(("dialog", "importReview"))


def _paste(window, fake_prompts, text: str, review) -> str | None:
    """Put ``text`` on the clipboard and paste it as a UA (Edit ▸ Paste a UA)."""
    QGuiApplication.clipboard().setText(text)
    fake_prompts.on_dialog = review
    return window.imports.import_clipboard()


def test_paste_a_ua_is_in_the_edit_menu_with_ctrl_shift_v(window):
    action = window.registry["paste_ua"]
    assert action in window.menus["edit"].actions()
    assert QKeySequence("Ctrl+Shift+V") in action.shortcuts()
    assert "Ctrl+Shift+V" in action.toolTip()


def test_ctrl_shift_v_and_ctrl_v_in_the_list_paste_a_ua_but_ctrl_v_in_the_letter_pastes_text(
        window, fake_prompts, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    QGuiApplication.clipboard().setText(EN)
    seen = []
    fake_prompts.on_dialog = lambda d: seen.append(d.title.text()) and False   # look, then cancel
    view = window.list_pane.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL_SHIFT)
    assert _reviews(fake_prompts) == 1 and seen[0].lower().startswith("blogger detained")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)          # the list is not empty: Ctrl+V pastes a UA too
    assert _reviews(fake_prompts) == 2
    # in the letter, Ctrl+V is the text's paste, not an import
    lp = window.letter_panel
    QGuiApplication.clipboard().setText("PASTED-INTO-THE-LETTER")
    lp.editor.setFocus()
    qtbot.keyClick(lp.editor, Qt.Key.Key_V, CTRL)
    assert "PASTED-INTO-THE-LETTER" in lp.text()
    assert _reviews(fake_prompts) == 2
    # Ctrl+Shift+V is Paste a UA wherever the focus is, the letter included
    QGuiApplication.clipboard().setText(EN)
    qtbot.keyClick(lp.editor, Qt.Key.Key_V, CTRL_SHIFT)
    assert _reviews(fake_prompts) == 3


def test_ctrl_v_on_the_empty_list_pastes_a_ua(window, fake_prompts, qtbot):
    pane = window.list_pane
    pane.search_box.setText("no action has this text")
    qtbot.waitUntil(lambda: pane.empty_state is not None and pane.empty_state.isVisibleTo(pane))
    QGuiApplication.clipboard().setText(EN)
    fake_prompts.on_dialog = lambda d: False
    qtbot.keyClick(pane.empty_state.paste_button, Qt.Key.Key_V, CTRL)   # the button passes the key on
    assert _reviews(fake_prompts) == 1
    pane.empty_state.paste_button.click()
    assert _reviews(fake_prompts) == 2


def test_a_german_version_is_added_as_a_translation_by_default(window, fake_prompts, qtbot):
    action_id = _paste(window, fake_prompts, EN, lambda d: True)
    assert action_id and window.store.has_action(action_id)
    before = len(window.store.action_rows())
    seen = {}

    def review(d):
        seen["visible"] = d.translation_box.isVisibleTo(d)
        seen["offer"] = d.as_translation_button.text()
        seen["default"] = d.as_translation_button.isChecked()
        seen["save"] = d.save_button.text()
        seen["recipients_enabled"] = d.recipients.isEnabled()
        seen["appeal_lang"] = d.appeal_lang
        return True

    assert _paste(window, fake_prompts, DE, review) == action_id
    assert seen["visible"] and seen["default"]
    stored_title = window.store.get_action(action_id).title
    assert seen["offer"] == f"Add as a translation of «{stored_title}»"
    assert seen["save"] == "Add translation" and not seen["recipients_enabled"]
    assert seen["appeal_lang"] == "de"
    assert len(window.store.action_rows()) == before                    # no duplicate
    stored = window.store.get_action(action_id, with_address_book=False)
    assert stored.appeals["de"][0].startswith("Fordern Sie die Behörden auf")
    assert stored.appeals["en"][0].startswith("Urge the authorities")   # English kept
    assert stored.localized["de"]["title"].startswith("Blogger wegen Kritik inhaftiert")
    # the list and the letter refreshed from the Changes: the German letter has the German points
    assert window.action.id == action_id and window.action.appeals.get("de")
    lp = window.letter_panel
    lp.language_combo.setCurrentIndex(lp.language_combo.findData("de"))
    qtbot.waitUntil(lambda: "Fordern Sie die Behörden auf" in lp.text() or "freizulassen" in lp.text())
    assert "[to translate]" not in lp.text()
    assert "German version was added" in window.statusBar().currentMessage()


def test_import_as_a_separate_action_gets_an_id_of_its_own(window, fake_prompts):
    action_id = _paste(window, fake_prompts, EN, lambda d: True)
    seen = {}

    def review(d):
        d.separate_button.setChecked(True)
        seen["id"] = d.id.text()
        seen["enabled"] = d.recipients.isEnabled() and d.id.isEnabled()
        seen["save"] = d.save_button.text()
        return True

    new_id = _paste(window, fake_prompts, DE, review)
    assert new_id == seen["id"] and new_id != action_id and seen["enabled"] and seen["save"].replace("&", "") == "Save"
    assert window.store.has_action(action_id) and window.store.has_action(new_id)
    assert window.store.get_action(action_id, with_address_book=False).appeals.get("de") is None
    assert window.store.get_action(new_id, with_address_book=False).appeals["de"]


def test_the_same_language_again_is_no_translation(window, fake_prompts):
    _paste(window, fake_prompts, EN, lambda d: True)
    seen = {}
    _paste(window, fake_prompts, EN, lambda d: seen.setdefault("offered", d.translation_box.isVisibleTo(d)))
    assert seen["offered"] is False


@needs_corpus
def test_a_german_uas_points_are_shown_in_german_and_no_language_is_dropped(window, fake_prompts):
    from ua_writer.core.importer import import_file

    result = import_file(GERMAN)
    assert result.language == "de" and result.action.appeals.get("de")
    seen = {}

    def review(d):
        seen["lang"] = d.appeal_lang
        seen["points"] = d.appeals.toPlainText()
        seen["offered"] = [d.appeal_language.itemData(i) for i in range(d.appeal_language.count())]
        d.appeals.setPlainText(d.appeals.toPlainText() + "\nBitte antworten Sie.")   # edit the German
        if "en" in seen["offered"]:
            d.show_appeal_language("en")
            seen["en"] = d.appeals.toPlainText()
        d.show_appeal_language("ru")                                               # add Russian points
        d.appeals.setPlainText("Освободите блогеров.")
        seen["counts"] = d.appeal_counts.text()
        return True

    fake_prompts.open_path = str(GERMAN)   # read in place
    fake_prompts.on_dialog = review
    window.registry["import"].trigger()
    assert seen["lang"] == "de"
    assert seen["points"].splitlines() == result.action.appeals["de"]
    assert "German: " in seen["counts"]
    stored = window.store.get_action(window.action.id, with_address_book=False)
    assert stored.appeals["de"] == result.action.appeals["de"] + ["Bitte antworten Sie."]
    assert stored.appeals["ru"] == ["Освободите блогеров."]
    for lang, points in result.action.appeals.items():   # every other language the UA had is kept
        if lang != "de":
            assert stored.appeals[lang] == points
            assert seen[lang].splitlines() == points


@needs_corpus
def test_a_french_ua_is_reviewed_in_french(window, fake_prompts):
    from ua_writer.core.importer import import_file

    result = import_file(FRENCH)
    assert result.language == "fr"
    seen = {}

    def review(d):
        seen["lang"] = d.appeal_lang
        seen["shown"] = d.appeals.toPlainText()
        d.appeals.setPlainText("Libérez Ela, Anna et Joanna.\nAbandonnez les poursuites.")
        return True

    fake_prompts.open_path = str(FRENCH)
    fake_prompts.on_dialog = review
    window.registry["import"].trigger()
    assert seen["lang"] == "fr"
    assert seen["shown"].splitlines() == result.action.appeals.get("fr", [])
    stored = window.store.get_action(window.action.id, with_address_book=False)
    assert stored.appeals["fr"] == ["Libérez Ela, Anna et Joanna.", "Abandonnez les poursuites."]
    assert "en" not in stored.appeals or stored.appeals["en"] == result.action.appeals.get("en")


@needs_corpus
def test_suggested_russian_forms_are_shown_marked_editable_and_saved(window, fake_prompts):
    from ua_writer.core.importer import import_file

    result = import_file(GERMAN)
    minister = next(k for k, r in enumerate(result.action.recipients) if "ru" in r.localized)
    suggested_title = result.action.recipients[minister].localized["ru"].title
    assert suggested_title
    seen = {}

    def review(d):
        ed = d.recipients
        seen["ru_column"] = d.persons_ru.isVisibleTo(d)
        seen["ru_names"] = d.persons_ru.toPlainText().splitlines()
        seen["ru_note"] = d.persons_ru.property("reviewNote")
        ed.list.setCurrentRow(minister)
        seen["local_lang"] = ed.local_lang.code()
        seen["local_title"] = ed.local_title.text()
        seen["noted"] = {w.objectName() for w in ed.noted_widgets()}
        seen["notes"] = ed.notes_label.text()
        seen["label"] = ed.local_form.labelForField(ed.local_title).text()
        # the user corrects the suggestions
        ed.local_title.setText("Министр юстиции Азербайджанской Республики (проверено)")
        ed.local_title.textEdited.emit(ed.local_title.text())
        names = d.persons_ru.toPlainText().splitlines()
        names[0] = "Аднан Гаджизаде"
        d.persons_ru.setPlainText("\n".join(names))
        return True

    fake_prompts.open_path = str(GERMAN)
    fake_prompts.on_dialog = review
    window.registry["import"].trigger()
    assert seen["ru_column"] and seen["ru_names"][0] == result.action.persons[0].names["ru"]
    assert seen["ru_note"] == "suggested — check"
    assert seen["local_lang"] == "ru" and seen["local_title"] == suggested_title
    assert {"recipientLocalTitle", "recipientLocalName"} <= seen["noted"]
    assert "suggested — check" in seen["notes"] and suggested_title in seen["notes"]
    assert seen["label"].startswith("⚠")
    stored = window.store.get_action(window.action.id, with_address_book=False)
    assert stored.persons[0].names["ru"] == "Аднан Гаджизаде"
    assert stored.persons[1].names["ru"] == result.action.persons[1].names["ru"]
    assert stored.recipients[minister].localized["ru"].title.endswith("(проверено)")


def test_details_from_the_address_book_are_marked_as_such(window, fake_prompts):
    """The UA names the Prosecutor General with an e-mail only; the seed action knows the office's
    address and fax: the review fills them and says where they came from."""
    seen = {}

    def review(d):
        ed = d.recipients
        ed.list.setCurrentRow(0)
        seen["address"] = ed.address.toPlainText()
        seen["fax"] = ed.fax.toPlainText()
        seen["noted"] = {w.objectName() for w in ed.noted_widgets()}
        seen["notes"] = ed.notes_label.text()
        seen["notes_visible"] = ed.notes_label.isVisibleTo(d)
        seen["fax_tip"] = ed.fax.toolTip()
        seen["email_tip"] = ed.email.toolTip()
        seen["intro"] = d.intro.text()
        return True

    action_id = _paste(window, fake_prompts, RU_UA, review)
    assert seen["fax"] == "+7 495 987 58 41" and seen["address"].startswith("Bolshaia Dmitrovka 15 A")
    assert {"recipientEditAddress", "recipientEditFax"} <= seen["noted"]
    assert "recipientEditEmail" not in seen["noted"]          # the UA's own e-mail: no mark
    assert seen["notes_visible"] and "from your address book" in seen["notes"]
    assert "from your address book" in seen["fax_tip"] and not seen["email_tip"]
    assert "from your address book" in seen["intro"]
    rec = window.store.get_action(action_id, with_address_book=False).recipients[0]
    assert rec.fax == ["+7 495 987 58 41"] and rec.email == ["prgenproc@example.ru"]


def test_marks_follow_the_recipient_when_the_list_is_reordered(qtbot):
    from ua_writer.core.model import Recipient
    from ua_writer.ui.widgets.recipient_editor import RecipientEditor

    ed = RecipientEditor()
    qtbot.addWidget(ed)
    ed.set_recipients([Recipient(id="a", title="A"), Recipient(id="b", title="B", fax=["1"])], 0)
    ed.set_notes({"b": {"fax": "from your address book: B"}})
    assert ed.noted_widgets() == [] and ed.notes_label.isHidden()
    ed.list.setCurrentRow(1)
    assert ed.noted_widgets() == [ed.fax] and ed.fax.toolTip() == "from your address book: B"
    ed.move_current(-1)                     # B is first now; its mark goes with it
    assert ed.current_row() == 0 and ed.noted_widgets() == [ed.fax]
    ed.list.setCurrentRow(1)
    assert ed.noted_widgets() == [] and ed.fax.toolTip() == ""


def test_the_german_version_again_updates_the_german_translation(window, fake_prompts):
    action_id = _paste(window, fake_prompts, EN, lambda d: True)
    _paste(window, fake_prompts, DE, lambda d: True)
    seen = {}

    def review(d):
        seen["offered"] = d.as_translation_button.isChecked()
        seen["note"] = d.translation_note.text()
        d.appeals.setPlainText("Lassen Sie Rauf Karimli frei.")
        return True

    assert _paste(window, fake_prompts, DE, review) == action_id
    assert seen["offered"] and "has German text already" in seen["note"]
    stored = window.store.get_action(action_id, with_address_book=False)
    assert stored.appeals["de"] == ["Lassen Sie Rauf Karimli frei."]
    assert stored.appeals["en"][0].startswith("Urge the authorities")
    assert sum(1 for row in window.store.action_rows() if "karimli" in row.id) == 1
