"""Importing through the GUI: an action pack or a received UA text, always via the review dialog
(``importReview``) that marks low-confidence fields; nothing is saved when the review is cancelled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ua_writer import paths

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "importer" / "corpus"


def _pack(tmp_path: Path) -> Path:
    data = json.loads((paths.bundled_actions_dir() / "azimov-2011.json").read_text("utf-8"))
    data["id"] = "azimov-copy-2011"
    data["title"] = "A copy of the Azimov action"
    out = tmp_path / "pack.json"
    out.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return out


def test_import_a_pack_through_the_review(window, fake_prompts, tmp_path):
    fake_prompts.open_path = str(_pack(tmp_path))
    seen = {}

    def review(dialog):
        seen["name"] = dialog.objectName()
        seen["low"] = dialog.low_confidence_widgets()
        dialog.title.setText("Azimov (my copy)")
        return True

    fake_prompts.on_dialog = review
    window.registry["import"].trigger()
    assert seen["name"] == "importReview" and seen["low"] == []
    assert window.store.get_action("azimov-copy-2011").title == "Azimov (my copy)"
    assert window.action.id == "azimov-copy-2011"          # selected at once
    assert window.list_pane.proxy.proxy_row_for("azimov-copy-2011") >= 0


def test_cancelled_review_saves_nothing(window, fake_prompts, tmp_path):
    fake_prompts.open_path = str(_pack(tmp_path))
    fake_prompts.on_dialog = lambda d: False
    window.registry["import"].trigger()
    assert not window.store.has_action("azimov-copy-2011")


def test_import_a_ua_text_by_drag_and_drop_marks_doubtful_fields(window, fake_prompts, qtbot, tmp_path):
    src = tmp_path / "ua.txt"
    shutil.copy(CORPUS / "classic_04_utf16.txt", src)
    seen = {}

    def review(dialog):
        seen["name"] = dialog.objectName()
        seen["low"] = {w.objectName() for w in dialog.low_confidence_widgets()}
        seen["marks"] = [w.objectName() for w in dialog.findChildren(type(dialog.intro))
                         if w.objectName().startswith("lowConfidence_")]
        seen["id"] = dialog.id.text()
        return True

    fake_prompts.on_dialog = review
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: "name" in seen)
    assert seen["name"] == "importReview"
    assert "reviewPersons" in seen["low"]
    assert "lowConfidence_persons" in seen["marks"]
    assert window.store.has_action(seen["id"])
    qtbot.waitUntil(lambda: window.action is not None and window.action.id == seen["id"])


def test_unreadable_file_is_a_plain_message(window, fake_prompts, tmp_path):
    bad = tmp_path / "junk.txt"
    bad.write_text("hello")
    fake_prompts.open_path = str(bad)
    window.registry["import"].trigger()
    kinds = fake_prompts.kinds()
    assert "error" in kinds and ("dialog", "importReview") not in fake_prompts.calls


def test_review_dates_are_date_fields_and_an_empty_title_is_refused(qtbot, tmp_path):
    """The dates are calendar fields in the UI language's format (no ISO text to type), a date can
    be unset; a cleared title is an error, not silently the imported one."""
    import datetime as dt

    from ua_writer.core import packs
    from ua_writer.ui.dialogs.import_review import ImportReviewDialog

    action = packs.load(_pack(tmp_path))
    d = ImportReviewDialog(action)
    qtbot.addWidget(d)
    assert d.deadline.date() == action.deadline and d.deadline.edit.calendarPopup()
    assert d.deadline.edit.displayFormat() == "M/d/yyyy"           # en_US short date, 4-digit year
    d.deadline.edit.setDate(d.deadline.edit.date().addDays(2))
    d.issue_date.check.setChecked(False)
    d.title.setText("  ")
    d.accept()
    assert d.result() == 0 and d.error.text() == "The action needs a title."
    d.title.setText("Fixed title")
    d.accept()
    got = d.action()
    assert d.result() == 1 and got.title == "Fixed title" and got.issue_date is None
    assert got.deadline == action.deadline + dt.timedelta(days=2)


def test_fix_a_recipient_in_the_review_and_show_json_has_it(window, fake_prompts, data_dir, capsys):
    """Import a UA text, correct a recipient's fax and give it a Russian title and dative in the
    review, fill the people's Russian names through Edit all fields…; the saved pack is exactly
    that."""
    from tests.cli_run import run

    fake_prompts.open_path = str(CORPUS / "classic_04_utf16.txt")
    seen = {}

    def review(dialog):
        if dialog.objectName() == "actionEditor":      # opened from the review
            dialog.open_tab("texts")
            dialog.notes.setPlainText("Checked against the PDF.")
            return True
        seen["id"] = dialog.id.text()
        seen["country"] = dialog.country.currentText()
        seen["languages"] = dialog.languages.item(0).text()
        ed = dialog.recipients
        assert ed.objectName() == "recipientEditor" and ed.list.count() >= 1
        ed.list.setCurrentRow(0)
        seen["fax_before"] = ed.fax.toPlainText()
        ed.fax.setPlainText("+7 495 111 22 33")
        ed.local_lang.setCurrentIndex(ed.local_lang.findData("ru"))
        ed.local_title.setText("Генеральный прокурор")
        ed.local_title.textEdited.emit("Генеральный прокурор")
        ed.title_datv.setText("Генеральному прокурору")
        ed.title_datv.textEdited.emit("Генеральному прокурору")
        assert dialog.edit_all_fields()
        assert dialog.notes.toPlainText() == "Checked against the PDF."
        assert ed.fax.toPlainText() == "+7 495 111 22 33"   # the review shows the editor's result
        return True

    fake_prompts.on_dialog = review
    window.registry["import"].trigger()
    assert seen["country"] and len(seen["country"]) > 2        # a name, not "RU"
    assert seen["languages"][0].isupper() and len(seen["languages"]) > 3
    code, out, _err = run(capsys, "--data-dir", str(data_dir), "show", seen["id"], "--json")
    assert code == 0
    pack = json.loads(out)
    first = pack["recipients"][0]
    assert first["fax"] == ["+7 495 111 22 33"]
    assert first["localized"]["ru"]["title"] == "Генеральный прокурор"
    assert first["localized"]["ru"]["forms"]["title_datv"] == "Генеральному прокурору"
    assert pack["notes"] == "Checked against the PDF."
