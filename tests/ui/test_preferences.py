"""Edit ▸ Preferences…: paper size, envelope window side, reminder days and interface language,
changed in the dialog, are saved and take effect at once (the next PDF, the preview, the reminder
banner, the menus); the dialog is built from core/settings.py, whose defaults are the store's."""

from __future__ import annotations

import subprocess

from ua_writer.core import settings
from ua_writer.core.store import DEFAULT_PREFS

from .conftest import select
from .test_front_ends_agree import PT_PER_MM, _WORD


def _address_x_mm(pdf) -> float:
    """Left edge (mm) of the first word of the address block (its first line starts 62.7 mm
    down the page, in the DIN 5008 address zone)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = [(float(y0) / PT_PER_MM, float(x0) / PT_PER_MM, w) for x0, y0, _x1, _y1, w in _WORD.findall(out)]
    zone = sorted(w for w in words if 62 <= w[0] <= 90)
    return zone[0][1]


def _docx_frame_x_mm(path) -> float:
    """Horizontal position (mm) of the DOCX's address block: the head table's window-field cell
    (page margin + table indent + the columns before it + the cell's left padding)."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(path))
    table = d.tables[0]
    tw = lambda el: int(el.get(qn("w:w"))) / 56.6929  # noqa: E731  (twips -> mm)
    x = d.sections[0].left_margin.mm + tw(table._tbl.tblPr.find(qn("w:tblInd")))
    cols = [tw(c) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = table.rows[1].cells
    k = max(range(len(cells)), key=lambda i: len([p for p in cells[i].paragraphs if p.text]))
    mar = cells[k]._tc.tcPr.find(qn("w:tcMar")).find(qn("w:left"))
    return x + sum(cols[:k]) + tw(mar)


def _page_size_pt(pdf) -> tuple[int, int]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("Page size:"))
    w, _x, h = line.split(":", 1)[1].split()[:3]
    return round(float(w)), round(float(h))


def test_the_store_defaults_are_the_declared_ones():
    assert DEFAULT_PREFS == {s.key: s.default for s in settings.SETTINGS}
    assert {s.key for s in settings.SETTINGS if s.user} == {"page_size", "window_side", "remind_days",
                                                          "ui_language"}


def test_preferences_change_paper_window_reminders_and_language(window, qtbot, fake_prompts, tmp_path):
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    fake_prompts.save_path = str(tmp_path / "before.pdf")
    lp.pdf_button.click()
    assert _page_size_pt(tmp_path / "before.pdf") == (595, 842)          # A4
    assert abs(_address_x_mm(tmp_path / "before.pdf") - 25) < 1          # window on the left
    assert window.extras.banner.isHidden() or not window.extras.banner.items

    seen = {}

    def fill(dialog):
        assert dialog.objectName() == "preferencesDialog"
        seen["defaults"] = dialog.values()
        dialog.set_value("page_size", "letter")
        dialog.set_value("window_side", "right")
        dialog.set_value("remind_days", 40)       # juraev-2011 is due in 32 days
        dialog.set_value("ui_language", "ru")
        return True

    fake_prompts.on_dialog = fill
    assert window.menus["edit"].actions()[-1] is window.registry["preferences"]
    window.registry["preferences"].trigger()
    assert seen["defaults"] == {"ui_language": None, "page_size": "a4", "window_side": "left",
                                "remind_days": 7}
    prefs = window.store.prefs()
    assert (prefs["page_size"], prefs["window_side"], prefs["remind_days"], prefs["ui_language"]) == \
        ("letter", "right", 40, "ru")

    # the interface is Russian at once, the reminder banner shows the action now due
    assert window.menus["edit"].title() == "&Правка"
    assert window.extras.banner.items and window.extras.banner.isVisibleTo(window)
    # the next PDF: US Letter, the address at the right margin
    fake_prompts.save_path = str(tmp_path / "after.pdf")
    lp.pdf_button.click()
    assert _page_size_pt(tmp_path / "after.pdf") == (612, 792)
    assert abs(_address_x_mm(tmp_path / "after.pdf") - (215.9 - 20 - 85 + 5)) < 1
    # the DOCX too: its address frame sits where the window is
    fake_prompts.save_path = str(tmp_path / "after.docx")
    lp.docx_button.click()
    assert abs(_docx_frame_x_mm(tmp_path / "after.docx") - (215.9 - 20 - 85 + 5)) < 0.5
    # the preview marks the window where the PDF has it
    qtbot.waitUntil(lambda: window.preview.layout_ is not None and
                    window.preview.layout_.geometry.field_left > 100, timeout=10000)


def test_restore_defaults_and_cancel(window, fake_prompts):
    window.store.set_pref("page_size", "letter")

    def restore(dialog):
        dialog.restore_defaults()
        assert dialog.values()["page_size"] == settings.default("page_size")
        return False  # Cancel: nothing saved

    fake_prompts.on_dialog = restore
    assert not window.edit_preferences()
    assert window.store.prefs()["page_size"] == "letter"


def test_letter_warnings_follow_a_live_language_switch_without_composing_again(window, monkeypatch):
    """Compose's warnings are Notices: the panel renders them in the new UI language; it used to
    compose the letter again only to get the sentence translated."""
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    assert "No sender profile yet" in lp.warnings_label.text()   # the store has no profile
    from ua_writer.services import letters

    calls = []
    real = letters.compose
    monkeypatch.setattr(letters, "compose", lambda *a, **k: calls.append(a) or real(*a, **k))
    window.set_ui_language("ru")
    assert "Профиль отправителя ещё не заполнен" in lp.warnings_label.text(), lp.warnings_label.text()
    assert calls == []
