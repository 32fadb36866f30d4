"""The action pane shows the action's notes, summary and background in the UI language where the
pack has them (``localized.<lang>``), falls back to the pack's base text, and follows a live switch
of the interface language."""

from __future__ import annotations

from .conftest import select


def _pane_texts(window) -> tuple[str, str, str]:
    pane = window.action_pane
    return pane.notes_banner.text.text(), pane.summary.text(), pane.background.text()


def test_notes_summary_and_background_follow_the_ui_language(window):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    pane = window.action_pane
    ru = window.action.localized["ru"]
    notes, summary, background = _pane_texts(window)
    assert notes.startswith("Also send copies to diplomatic representatives")
    assert summary == window.action.summary and background == window.action.background

    window.registry["ui_ru"].trigger()
    notes, summary, background = _pane_texts(window)
    assert notes == ru["notes"]
    assert notes.startswith("Направьте также копии дипломатическим представителям")
    assert "Московский городской суд" in notes
    assert summary == ru["summary"] and background == ru["background"]
    assert pane.notes_banner.isVisibleTo(window) and pane.summary.isVisibleTo(window)
    pane.background_toggle.setChecked(True)
    assert pane.background.isVisibleTo(window)
    assert pane.title.text() == ru["title"]

    # another action while the UI is Russian, then back to English live
    select(window, "azimov-2011")
    assert _pane_texts(window)[0] == window.action.localized["ru"]["notes"]
    window.registry["ui_en"].trigger()
    notes, summary, background = _pane_texts(window)
    assert notes == window.action.notes and summary == window.action.summary
    assert background == window.action.background


def test_base_text_where_the_pack_has_no_translation(window):
    """A background document's notes exist only in English: the Russian UI shows them as they are."""
    window.registry["ui_ru"].trigger()
    select(window, "ivanovo-refugees-2006")
    a = window.action
    assert "notes" not in a.localized.get("ru", {})
    notes, summary, _background = _pane_texts(window)
    assert notes == a.notes                      # the fallback: the pack's own text
    assert summary == a.localized["ru"]["summary"]  # what is translated is shown translated


def test_recipient_notes_follow_the_ui_language(window):
    from ua_writer.ui.widgets.action_pane import RecipientCard

    def card_texts():
        return " ".join(c.info.text() for c in window.action_pane.findChildren(RecipientCard))

    select(window, "juraev-2011", "ru", "prosecutor-general")
    assert "only copies" in card_texts()
    window.registry["ui_ru"].trigger()
    texts = card_texts()
    assert "не отправляйте письма непосредственно в суд" in texts and "only copies" not in texts
    window.registry["ui_en"].trigger()
    assert "only copies" in card_texts()
