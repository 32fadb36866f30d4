"""The letter font, PT Serif (ParaType; Latin + Cyrillic), registered with reportlab once.

Font files come only from the bundled ``resources/fonts`` (``ua_writer.paths.fonts_dir()``),
never from system font paths, so a PDF looks the same on every machine and the licence
(``resources/fonts/LICENSE-PTSerif.txt``) travels with the files. Registration is cached per
fonts folder and guarded by a lock (exports may run on a worker thread). A missing or damaged
file raises :class:`ExportError` naming the file and the fix (reinstall). No Qt.

Each face is a :class:`TTFont` that remembers its last few embedded subsets: reportlab builds the
TrueType subset of the glyphs a document uses and deflates it (and its ToUnicode map) for every
PDF, which was a third of a letter's time; the letters of a mail merge (and re-exports of one
letter) use the same glyphs in the same order, so the same bytes are built and compressed once. The result is identical,
byte for byte (the subset and zlib are deterministic; the cache is keyed by the exact glyph list).
Each subset's ``Widths`` array (a hundred or more numbers, formatted one by one) is formatted once
per list of widths too.
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

#: subsets remembered per face (a subset is ~40-50 KB, deflated ~25 KB)
SUBSET_CACHE_SIZE = 8
_font_class = None


def _caching_ttfont():
    """reportlab's TTFont with its subsets (and their deflated bytes) cached; made on first use so
    importing this module does not import reportlab."""
    global _font_class
    if _font_class is not None:
        return _font_class
    import zlib
    from collections import OrderedDict

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import TTFont

    class _Flate:
        """FlateDecode like ``pdfdoc.PDFZCompress``, remembering the last few results by
        content (the subset bytes come from the cache below, so their hash is computed once)."""

        pdfname = "FlateDecode"

        def __init__(self):
            self._done: OrderedDict[bytes, bytes] = OrderedDict()
            self._lock = threading.Lock()

        def encode(self, data):
            if isinstance(data, str):
                data = data.encode("utf8")
            with self._lock:
                out = self._done.get(data)
                if out is not None:
                    self._done.move_to_end(data)
                    return out
            out = zlib.compress(data)
            with self._lock:
                self._done[data] = out
                while len(self._done) > SUBSET_CACHE_SIZE * len(FILES):
                    self._done.popitem(last=False)
            return out

        def decode(self, encoded):
            return zlib.decompress(encoded)

    flate = _Flate()

    class _Preformatted(pdfdoc.PDFObject):
        """A PDF object whose bytes are already known."""

        def __init__(self, data: bytes):
            self.data = data

        def format(self, document):
            return self.data

    class _WidthsCache:
        """Formatted ``Widths`` arrays by their numbers (numbers format the same in any
        document: no encryption applies to them)."""

        def __init__(self):
            self._done: OrderedDict[tuple, _Preformatted] = OrderedDict()
            self._lock = threading.Lock()

        def formatted(self, array, doc):
            key = tuple(array.sequence)
            if not all(type(v) in (int, float) for v in key):
                return array
            with self._lock:
                out = self._done.get(key)
                if out is not None:
                    self._done.move_to_end(key)
                    return out
            out = _Preformatted(array.format(doc))
            with self._lock:
                self._done[key] = out
                while len(self._done) > SUBSET_CACHE_SIZE * len(FILES):
                    self._done.popitem(last=False)
            return out

    widths_cache = _WidthsCache()

    class CachingTTFont(TTFont):
        """The subset cache sits on the font's face (``TTFontFace``), which builds the subsets."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            face = self.face
            subsets: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
            lock = threading.Lock()
            cls = type(face)

            def cached_subset(subset):
                key = tuple(subset)
                with lock:
                    data = subsets.get(key)
                    if data is not None:
                        subsets.move_to_end(key)
                        return data
                data = cls.makeSubset(face, subset)
                with lock:
                    subsets[key] = data
                    while len(subsets) > SUBSET_CACHE_SIZE:
                        subsets.popitem(last=False)
                return data

            def subset_objects(doc, fontname, subset):
                ref = cls.addSubsetObjects(face, doc, fontname, subset)
                stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
                if isinstance(stream, pdfdoc.PDFStream) and stream.filters:
                    stream.filters = [flate if f is pdfdoc.PDFZCompress else f
                                      for f in stream.filters]
                return ref

            face.makeSubset = cached_subset
            face.addSubsetObjects = subset_objects

        def addObjects(self, doc):
            super().addObjects(doc)
            # the subsets' ToUnicode maps: the same text for the same glyph list, deflated once
            for name, obj in doc.idToObject.items():
                if (isinstance(name, str) and name.startswith("toUnicodeCMap:")
                        and isinstance(obj, pdfdoc.PDFStream) and obj.filters):
                    obj.filters = [flate if f is pdfdoc.PDFZCompress else f for f in obj.filters]
            # each subset's widths (an array of ~100-200 numbers, formatted one by one): the
            # same numbers for the same glyph list, formatted once
            prefix = f"Font {self.fontName} subset "
            fonts = doc.idToObject.get("BasicFonts")
            for obj in getattr(fonts, "dict", {}).values():
                widths = getattr(obj, "Widths", None)
                if (isinstance(widths, pdfdoc.PDFArray) and type(widths) is pdfdoc.PDFArray
                        and str(getattr(obj, "__Comment__", "")).startswith(prefix)):
                    obj.Widths = widths_cache.formatted(widths, doc)

    _font_class = CachingTTFont
    return _font_class


def _load(face: str, path: Path):
    from reportlab.pdfbase.ttfonts import TTFError

    if not path.is_file():
        raise ExportError(
            _("the font file {name} is missing (looked in {folder}); reinstall ua-writer to "
              "restore it").format(name=path.name, folder=path.parent))
    try:
        return _caching_ttfont()(_RL_NAMES[face], str(path))
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
