"""Exporting a letter that still has the "[… please translate]" block asks first (issue 15:
"exporting a letter that still has the marker asks first"); a finished letter does not ask."""

from __future__ import annotations

from tests.ui.conftest import select


def test_export_asks_before_a_letter_with_text_to_translate(window, fake_prompts, tmp_path):
    select(window, "juraev-2011", "de", "prosecutor-general")     # no German appeal points
    fake_prompts.save_path = str(tmp_path / "de.pdf")
    fake_prompts.answer = False
    fake_prompts.calls.clear()
    window.letter_panel.pdf_button.click()
    assert [c[:2] for c in fake_prompts.calls] == [("question", "Text still to translate")]
    assert not (tmp_path / "de.pdf").exists()
    fake_prompts.answer = True
    window.letter_panel.pdf_button.click()
    assert (tmp_path / "de.pdf").exists()


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
