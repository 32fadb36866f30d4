"""Exporting a letter that still has the "[… please translate]" block asks first (issue 15:
"exporting a letter that still has the marker asks first"); a finished letter does not ask."""

from __future__ import annotations

from tests.ui.conftest import select


def test_export_asks_before_a_letter_with_text_to_translate(window, fake_prompts, tmp_path):
    select(window, "juraev-2011", "de", "prosecutor-general")     # no German appeal points
    fake_prompts.save_path = str(tmp_path / "de.pdf")
    fake_prompts.choice = None                                     # Cancel, Esc
    fake_prompts.calls.clear()
    window.letter_panel.pdf_button.click()
    assert [c[:2] for c in fake_prompts.calls] == [("choose", "Text still to translate")]
    assert not (tmp_path / "de.pdf").exists()
    fake_prompts.choice = "go"
    window.letter_panel.pdf_button.click()
    assert (tmp_path / "de.pdf").exists()


def test_the_question_offers_the_translation_and_the_letter_then_has_no_marker(window, fake_prompts, tmp_path):
    lp = select(window, "juraev-2011", "de", "prosecutor-general")
    fake_prompts.save_path = str(tmp_path / "de.pdf")
    fake_prompts.choice = "translate"
    seen = {}

    def translate(d):
        seen["name"], seen["tab"] = d.objectName(), d.tabs.currentIndex()
        seen["lang"] = d.appeal_lang.code()
        for row in range(d.appeal_table.rowCount()):
            d.appeal_table.item(row, 1).setText(f"Punkt {row + 1}: bitte nicht ausliefern.")
        return True

    fake_prompts.on_dialog = translate
    window.letter_panel.pdf_button.click()
    assert seen == {"name": "actionEditor", "tab": 3, "lang": "de"}  # the Appeal points tab, in German
    assert not (tmp_path / "de.pdf").exists()                       # the letter did not leave
    letter = lp.composed_letter()
    assert not letter.has_untranslated and "Punkt 2: bitte nicht ausliefern." in lp.text()
    fake_prompts.calls.clear()
    window.letter_panel.pdf_button.click()                          # now it goes without a question
    assert "choose" not in fake_prompts.kinds() and (tmp_path / "de.pdf").exists()


def test_every_way_out_asks(window, fake_prompts, tmp_path, qtbot):
    """Print, e-mail, copy letters and mail merge ask too, and do nothing when cancelled."""
    select(window, "juraev-2011", "fr", "prosecutor-general")
    fake_prompts.choice = None
    out = tmp_path / "out"
    out.mkdir()
    fake_prompts.folder = str(out)
    for trigger in (lambda: window.exports.print_letter(), lambda: window.extras.email(),
                    lambda: window.exports.export_copies()):
        fake_prompts.calls.clear()
        trigger()
        assert fake_prompts.kinds()[-1] == "choose", fake_prompts.kinds()
        assert "print_dialog" not in fake_prompts.kinds()
    assert not list(out.iterdir())                                   # no copy letter written
    sheet = tmp_path / "signers.csv"
    sheet.write_text("name,city,country\nAnna Muster,Berlin,DE\n", encoding="utf-8")
    dialog = window.mail_merge_dialog(out)
    try:
        dialog.load_sheet(sheet)
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        fake_prompts.calls.clear()
        assert dialog.start() is False and fake_prompts.kinds() == ["choose"]
        assert not list(out.iterdir())
    finally:
        dialog.dispose()


def test_a_finished_letter_is_exported_without_asking(window, fake_prompts, tmp_path):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    fake_prompts.save_path = str(tmp_path / "ru.pdf")
    fake_prompts.calls.clear()
    window.letter_panel.pdf_button.click()
    assert "question" not in fake_prompts.kinds() and (tmp_path / "ru.pdf").exists()


def test_the_editor_marks_the_block_until_it_is_translated(window, qtbot):
    select(window, "juraev-2011", "fr", "prosecutor-general")
    editor = window.letter_panel.editor
    letter = window.letter_panel.composed_letter()
    assert letter.untranslated and editor.marked_lines() == letter.untranslated
    first = letter.untranslated[1]
    cursor = editor.textCursor()
    start = editor.text().index(first)
    cursor.setPosition(start)
    cursor.setPosition(start + len(first), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "Je demande aux autorites russes de ne pas extrader Nizomhon Juraev.")
    assert first not in editor.marked_lines() and len(editor.marked_lines()) == len(letter.untranslated) - 1
    select(window, "juraev-2011", "ru", "prosecutor-general")
    assert editor.marked_lines() == []
