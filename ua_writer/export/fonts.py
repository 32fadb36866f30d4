"""The letter font, PT Serif (ParaType; Latin + Cyrillic), registered with reportlab once.

Font files come only from the bundled ``resources/fonts`` (``ua_writer.paths.fonts_dir()``),
never from system font paths, so a PDF looks the same on every machine and the licence
(``resources/fonts/LICENSE-PTSerif.txt``) travels with the files. Registration is cached per
fonts folder and guarded by a lock (exports may run on a worker thread). A missing or damaged
file raises :class:`ExportError` naming the file and the fix (reinstall). No Qt.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from ua_writer import paths
from ua_writer.core.errors import ExportError
from ua_writer.core.i18n import _

#: the family name word processors know the font by (DOCX styles use it)
FAMILY = "PT Serif"

#: face -> bundled file name
FILES = {
    "regular": "PTSerif-Regular.ttf",
    "bold": "PTSerif-Bold.ttf",
    "italic": "PTSerif-Italic.ttf",
    "bolditalic": "PTSerif-BoldItalic.ttf",
}

#: reportlab's internal names (prefixed so they cannot clash with another library's "PTSerif")
_RL_NAMES = {
    "regular": "UAW-PTSerif",
    "bold": "UAW-PTSerif-Bold",
    "italic": "UAW-PTSerif-Italic",
    "bolditalic": "UAW-PTSerif-BoldItalic",
}


@dataclass(frozen=True)
class FontSet:
    """reportlab font names of the registered faces."""

    regular: str
    bold: str
    italic: str
    bolditalic: str
    folder: Path


_lock = threading.Lock()
_cache: dict[Path, FontSet] = {}


def _load(face: str, path: Path):
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not path.is_file():
        raise ExportError(
            _("the font file {name} is missing (looked in {folder}); reinstall ua-writer to "
              "restore it").format(name=path.name, folder=path.parent))
    try:
        return TTFont(_RL_NAMES[face], str(path))
    except (OSError, TTFError, ValueError, IndexError, KeyError) as e:
        # TTFError: not a TrueType file; the others: a truncated/damaged file
        raise ExportError(
            _("the font file {name} in {folder} cannot be read ({error}); reinstall ua-writer to "
              "restore it").format(name=path.name, folder=path.parent, error=e)) from None


def letter_fonts() -> FontSet:
    """Register PT Serif with reportlab (once per fonts folder) and return the face names."""
    folder = paths.fonts_dir()
    cached = _cache.get(folder)
    if cached is not None:
        return cached
    with _lock:
        cached = _cache.get(folder)
        if cached is not None:
            return cached
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics

        loaded = {face: _load(face, folder / name) for face, name in FILES.items()}
        for font in loaded.values():
            pdfmetrics.registerFont(font)
        regular = _RL_NAMES["regular"]
        addMapping(regular, 0, 0, _RL_NAMES["regular"])
        addMapping(regular, 1, 0, _RL_NAMES["bold"])
        addMapping(regular, 0, 1, _RL_NAMES["italic"])
        addMapping(regular, 1, 1, _RL_NAMES["bolditalic"])
        fs = FontSet(folder=folder, **_RL_NAMES)
        _cache[folder] = fs
        return fs


def missing_glyphs(text: str, face: str = "regular") -> set[str]:
    """Characters of ``text`` the font cannot draw (would show as empty boxes); whitespace ignored."""
    from reportlab.pdfbase import pdfmetrics

    fs = letter_fonts()
    font = pdfmetrics.getFont(getattr(fs, face))
    cmap = font.face.charToGlyph
    return {ch for ch in set(printable(text, fs)) if not ch.isspace() and ord(ch) not in cmap}


#: invisible characters dropped before drawing (a soft hyphen would print as a hyphen mid-line)
_DROP = {0x00AD: None, 0x200B: None, 0x2060: None, 0xFEFF: None}
#: stand-ins for characters PT Serif lacks: the narrow/thin/figure spaces Babel and French
#: typography use become no-break spaces (so "2011 г." stays on one line), dash variants plain ones
_STAND_INS = {
    0x202F: "\u00a0", 0x2007: "\u00a0", 0x2008: "\u00a0", 0x2009: "\u00a0", 0x200A: "\u00a0",
    0x2002: " ", 0x2003: " ", 0x2004: " ", 0x2005: " ", 0x2006: " ",
    0x2010: "-", 0x2012: "\u2013", 0x2212: "-", 0x02BB: "\u2018",
}
_tables: dict[Path, dict[int, str | None]] = {}


def stand_in_table(fs: FontSet | None = None) -> dict[int, str | None]:
    """The ``str.translate`` table of :func:`printable` for the registered font."""
    fs = fs or letter_fonts()
    table = _tables.get(fs.folder)
    if table is None:
        from reportlab.pdfbase import pdfmetrics

        cmap = pdfmetrics.getFont(fs.regular).face.charToGlyph
        table = dict(_DROP)
        table.update({k: v for k, v in _STAND_INS.items() if k not in cmap})
        _tables[fs.folder] = table
    return table


def printable(text: str, fs: FontSet | None = None) -> str:
    """``text`` with characters the letter font lacks replaced by close stand-ins (see above)."""
    return text.translate(stand_in_table(fs))
