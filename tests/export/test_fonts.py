"""The bundled PT Serif: shipped with its licence, loaded only from resources/fonts, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.export.sample_letters import russian_letter
from ua_writer import paths
from ua_writer.core.errors import ExportError
from ua_writer.export import fonts
from ua_writer.export.pdf import letter_pdf_bytes


def test_four_faces_and_the_licence_are_bundled():
    folder = paths.fonts_dir()
    for name in fonts.FILES.values():
        assert (folder / name).is_file(), name
    licence = (folder / "LICENSE-PTSerif.txt").read_text(encoding="utf-8")
    assert "Copyright: 2009, ParaType Ltd. All Rights Reserved." in licence
    assert "You have no\n  right to modify the text of Licensing Agreement." in licence
    debian = Path("/usr/share/doc/fonts-paratype/copyright")
    if debian.exists():  # the licence body is the upstream text, only un-indented from DEP-5
        upstream = debian.read_text(encoding="utf-8")
        start = upstream.index("License: ParaType-Free-Font-License")
        body = []
        for line in upstream[start:].splitlines()[1:]:
            if not line.startswith(" "):
                break
            body.append("" if line == " ." else line[1:])
        assert "\n".join(body).strip() in licence


def test_registration_is_cached():
    assert fonts.letter_fonts() is fonts.letter_fonts()


def test_fonts_are_found_only_through_paths(monkeypatch):
    seen = []
    real = paths.fonts_dir

    def spy():
        seen.append(True)
        return real()

    monkeypatch.setattr(paths, "fonts_dir", spy)
    fonts.letter_fonts()
    assert seen


def _copy_fonts(tmp_path: Path, *, without: str | None = None, damage: str | None = None) -> Path:
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name in fonts.FILES.values():
        if name == without:
            continue
        if name == damage:
            (folder / name).write_bytes(b"\x00\x01\x00\x00" + b"garbage" * 10)
        else:
            shutil.copy(paths.fonts_dir() / name, folder / name)
    return folder


def test_missing_font_file_raises_export_error_naming_it(tmp_path, monkeypatch):
    folder = _copy_fonts(tmp_path, without="PTSerif-Bold.ttf")
    monkeypatch.setattr(paths, "fonts_dir", lambda: folder)
    with pytest.raises(ExportError) as info:
        letter_pdf_bytes(russian_letter())
    msg = info.value.message
    assert "PTSerif-Bold.ttf" in msg and "missing" in msg and "reinstall" in msg
    assert str(folder) in msg


def test_damaged_font_file_raises_export_error(tmp_path, monkeypatch):
    folder = _copy_fonts(tmp_path, damage="PTSerif-Regular.ttf")
    monkeypatch.setattr(paths, "fonts_dir", lambda: folder)
    with pytest.raises(ExportError) as info:
        fonts.letter_fonts()
    assert "PTSerif-Regular.ttf" in info.value.message and "reinstall" in info.value.message


def test_cyrillic_and_latin_coverage():
    text = ("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
            "ЎўҚқҒғҲҳІіЇїЄєҐґ ÄÖÜäöüßÉéÈèÇçÑñ«»„“”‘’–—…№")
    assert fonts.missing_glyphs(text) == set()


def test_printable_stand_ins():
    assert fonts.printable("3\u202fмая\u00ad") == "3\u00a0мая"
    assert fonts.printable("Oʻzbekiston") == "O\u2018zbekiston"


def test_embedded_subsets_are_built_once_and_stay_byte_identical(monkeypatch):
    """The subset cache (fonts._caching_ttfont): the same glyphs give the same bytes without
    building or deflating the subset again; other glyphs get their own subset."""
    import zlib

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import TTFontFile

    from tests.export.sample_letters import english_letter, russian_letter
    from ua_writer.export.pdf import letter_pdf_bytes

    built, deflated = [], []
    real_make, real_compress = TTFontFile.makeSubset, zlib.compress

    def make(self, subset):
        built.append(tuple(subset))
        return real_make(self, subset)

    monkeypatch.setattr(TTFontFile, "makeSubset", make)
    monkeypatch.setattr(pdfdoc.zlib, "compress", lambda data, *a: real_compress(data, *a))
    first, _ = letter_pdf_bytes(russian_letter(), invariant=True)
    n_built = len(built)
    monkeypatch.setattr(pdfdoc.zlib, "compress",
                        lambda data, *a: deflated.append(len(data)) or real_compress(data, *a))
    again, _ = letter_pdf_bytes(russian_letter(), invariant=True)
    assert again == first
    assert len(built) == n_built          # not built again
    assert all(n < 20_000 for n in deflated)  # the page and the small maps, not the ~40 KB font
    # glyphs in an order no earlier test used: a new subset
    import dataclasses
    import random
    import string

    subject = "".join(random.Random().sample(string.ascii_letters, 40))
    other, _ = letter_pdf_bytes(dataclasses.replace(english_letter(), subject=subject),
                                invariant=True)
    assert other != first
    import io

    import pypdf

    text = pypdf.PdfReader(io.BytesIO(other)).pages[0].extract_text()
    assert subject in text.replace("\n", "")     # no stale subset: every glyph maps back
