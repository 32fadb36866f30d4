"""Adding and editing recipients as a new user does (issue 14's walk-through): an embassy added to
an action without recipients stays on it after Edit… → Save, is the letter's addressee at once,
and the address-book picker shows a saved entry's real data only when the user picks it."""

from __future__ import annotations

from .conftest import select


def _embassy(dialog):
    """Fill the add dialog as a user would: organisation, address, fax; nothing else touched."""
    assert dialog.objectName() == "recipientDialog"
    dialog.organization.setText("Embassy of the Russian Federation")
    dialog.address.setPlainText("Unter den Linden 63-65\n10117 Berlin")
    dialog.country.setCurrentIndex(dialog.country.findData("DE"))
    dialog.fax.setText("+49 30 229 93 97")
    dialog.salutation.setText("Your Excellency")
    return True


def test_a_first_recipient_is_not_a_copy_and_its_letter_appears(window, fake_prompts):
    window.list_pane.set_status("undated")
    lp = select(window, "ivanovo-refugees-2006")
    seen = {}

    def add(dialog):
        seen["copy"] = dialog.is_copy.isChecked()
        return _embassy(dialog)

    fake_prompts.on_dialog = add
    assert window.add_recipient()
    assert seen["copy"] is False               # never pre-ticked for a first recipient
    rid = "embassy-of-the-russian-federation"
    assert lp.current_recipient_id() == rid    # selected in To
    assert not lp.editor.isReadOnly() and "Excellency" in lp.text()
    assert lp.pdf_button.isEnabled()
    assert not window.action_pane.empty_recipients.isVisibleTo(window)


def test_editing_a_recipient_you_added_keeps_it_on_the_action(window, fake_prompts):
    window.list_pane.set_status("undated")
    lp = select(window, "ivanovo-refugees-2006")
    fake_prompts.on_dialog = _embassy
    assert window.add_recipient()
    rid = "embassy-of-the-russian-federation"
    fake_prompts.on_dialog = lambda dialog: True   # Edit… → Save without changes
    assert window.edit_recipient(rid)
    assert [r.id for r in window.store.action_address_book("ivanovo-refugees-2006")] == [rid]
    assert window.action.recipient(rid) is not None
    assert not window.action_pane.empty_recipients.isVisibleTo(window)
    assert lp.current_recipient_id() == rid and lp.text().strip()


def test_a_copy_is_pre_ticked_only_when_the_action_has_a_main_recipient(window, fake_prompts):
    select(window, "juraev-2011")              # has the Prosecutor General
    seen = {}

    def look(dialog):
        seen["copy"] = dialog.is_copy.isChecked()
        return False

    fake_prompts.on_dialog = look
    assert not window.add_recipient()
    assert seen["copy"] is True


def test_the_address_book_picker_shows_the_saved_entry_only_when_chosen(window, fake_prompts):
    window.list_pane.set_status("undated")
    select(window, "ivanovo-refugees-2006")
    fake_prompts.on_dialog = _embassy
    assert window.add_recipient()
    saved = window.store.contacts()[0]
    window.list_pane.set_status("open")
    select(window, "juraev-2011")
    seen = {}

    def pick(dialog):
        book = dialog.book
        seen["start"] = book.currentData()
        seen["enabled_at_start"] = dialog.organization.isEnabled()
        seen["hint_at_start"] = dialog.book_hint.isVisibleTo(dialog)
        book.setCurrentIndex(book.findData(saved.id))
        seen["hint"] = dialog.book_hint.isVisibleTo(dialog)
        seen["fields"] = (dialog.organization.text(), dialog.country.currentData(), dialog.fax.text(),
                          dialog.salutation.text(), dialog.is_copy.isChecked(),
                          dialog.address.toPlainText())
        return True

    fake_prompts.on_dialog = pick
    assert window.add_recipient()
    assert seen["start"] == "" and seen["enabled_at_start"]     # nothing pre-selected
    assert not seen["hint_at_start"] and seen["hint"]
    assert seen["fields"] == ("Embassy of the Russian Federation", "DE", "+49 30 229 93 97",
                              "Your Excellency", False, "Unter den Linden 63-65\n10117 Berlin")
    assert window.action.recipient(saved.id) is not None
    # still on the first action too
    assert [r.id for r in window.store.action_address_book("ivanovo-refugees-2006")] == [saved.id]


def test_blanks_are_not_a_recipient(qtbot):
    from ua_writer.ui.dialogs.recipient_dialog import RecipientDialog

    d = RecipientDialog(None, set())
    qtbot.addWidget(d)
    d.title.setText("   ")
    d.accept()
    assert d.result() == 0 and d.title.text() == "" and "needed" in d.title.placeholderText()


def test_an_address_book_entry_edited_while_adding_is_saved(window, fake_prompts):
    window.list_pane.set_status("undated")
    select(window, "ivanovo-refugees-2006")
    fake_prompts.on_dialog = _embassy
    assert window.add_recipient()
    saved = window.store.contacts()[0]
    window.list_pane.set_status("open")
    select(window, "juraev-2011")
    picked = {}

    def pick_and_fix(dialog):
        dialog.book.setCurrentIndex(dialog.book.findData(saved.id))
        picked["as_is"] = dialog.chosen_contact_id()
        dialog.fax.setText("+49 30 229 11 10")
        picked["edited"] = dialog.chosen_contact_id()
        return True

    fake_prompts.on_dialog = pick_and_fix
    assert window.add_recipient()
    assert picked == {"as_is": saved.id, "edited": ""}
    assert window.store.contacts()[0].fax == ["+49 30 229 11 10"]
    assert [c.id for c in window.store.contacts()] == [saved.id]        # the same entry
    assert window.action.recipient(saved.id).fax == ["+49 30 229 11 10"]


def test_only_a_copy_recipient_says_what_is_missing(window, fake_prompts):
    window.list_pane.set_status("undated")
    lp = select(window, "ivanovo-refugees-2006")

    def copy_only(dialog):
        _embassy(dialog)
        dialog.is_copy.setChecked(True)   # the user ticks it deliberately
        return True

    fake_prompts.on_dialog = copy_only
    assert window.add_recipient()
    assert lp.current_recipient_id() is None
    assert "only copy recipients" in lp.editor.placeholderText()
    assert lp.add_recipient_button.isVisibleTo(window)
