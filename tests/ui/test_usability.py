"""Issue 14 item 7: the usability defects of the new-user walk-through, one test each (each
failed before its fix)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from .conftest import select


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
