"""The README screenshots can be made (tests/ui/screenshots.py): 1280×800, English and Russian;
the mail-merge dialog after a run."""

from __future__ import annotations

from PySide6.QtGui import QImage

from .screenshots import SIZE, take, take_mail_merge


def test_screenshots_are_made_at_1280x800(qapp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    paths = take(tmp_path, data)
    assert [p.name for p in paths] == ["main-window-en.png", "main-window-ru.png"]
    for p in paths:
        img = QImage(str(p))
        assert (img.width(), img.height()) == SIZE


def test_mail_merge_screenshot_after_a_run(qapp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = take_mail_merge(tmp_path, data)
    img = QImage(str(path))
    assert path.name == "mail-merge.png" and img.width() >= 600 and img.height() > 300
    assert len(list((data / "mail-merge" / "juraev-2011-letters").glob("0*.pdf"))) == 3
