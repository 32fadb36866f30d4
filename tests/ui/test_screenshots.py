"""The README screenshots can be made (tests/ui/screenshots.py): 1280×800, English and Russian."""

from __future__ import annotations

from PySide6.QtGui import QImage

from .screenshots import SIZE, take


def test_screenshots_are_made_at_1280x800(qapp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    paths = take(tmp_path, data)
    assert [p.name for p in paths] == ["main-window-en.png", "main-window-ru.png"]
    for p in paths:
        img = QImage(str(p))
        assert (img.width(), img.height()) == SIZE
