"""The first screen on a date when every bundled UA is past its deadline: the list says why it is
empty and offers Past deadline, Undated, Import and Paste (``emptyState``); the action pane's
placeholder agrees; a search without result says so and clears with one button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "importer" / "corpus"


def test_no_open_action_points_to_past_undated_import_and_paste(build_app, fake_prompts):
    window = build_app("--today", "2026-12-04")
    lst = window.list_pane
    es = lst.empty_state
    assert es is not None and es.objectName() == "emptyState" and es.isVisibleTo(window)
    assert not lst.view.isVisibleTo(window)
    text = es.message_text()
    assert text.startswith("No open actions — 3 past deadline, 2 undated.")
    assert es.show_past.isVisibleTo(window) and es.show_undated.isVisibleTo(window)
    assert es.import_button.isVisibleTo(window) and es.paste_button.isVisibleTo(window)
    assert "list on the left" in window.action_pane.placeholder.text()
    es.show_past.click()
    assert lst.proxy.status() == "past" and lst.proxy.rowCount() == 3
    assert lst.view.isVisibleTo(window) and not es.isVisibleTo(window)
    assert window.action_pane.placeholder.text() == "Choose an action from the list."
    fake_prompts.open_path = None
    lst.set_status("open")
    es.import_button.click()
    assert ("open_file", "Import an action") in fake_prompts.calls


def test_paste_a_ua_goes_through_the_review(build_app, fake_prompts):
    window = build_app("--today", "2026-12-04")
    text = (CORPUS / "classic_01_turkmen.txt").read_text("utf-8")
    QGuiApplication.clipboard().setText(text)
    seen = {}

    def review(dialog):
        seen["name"] = dialog.objectName()
        seen["id"] = dialog.id.text()
        return True

    fake_prompts.on_dialog = review
    window.list_pane.empty_state.paste_button.click()
    assert seen["name"] == "importReview" and window.store.has_action(seen["id"])
    QGuiApplication.clipboard().setText("")
    fake_prompts.calls.clear()
    window.registry["paste_ua"].trigger()
    assert [c[0] for c in fake_prompts.calls] == ["info"]


def test_a_search_without_result_says_so_and_clears(window):
    lst = window.list_pane
    lst.search_box.setText("zzzz-nothing")
    lst._apply_search()
    es = lst.empty_state
    assert es.isVisibleTo(window) and "zzzz-nothing" in es.message_text()
    assert es.clear_search.isVisibleTo(window) and not es.import_button.isHidden()
    es.clear_search.click()
    assert lst.search_box.text() == "" and lst.proxy.rowCount() > 0 and not es.isVisibleTo(window)
