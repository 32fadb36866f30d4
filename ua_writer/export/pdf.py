"""Letter -> PDF with reportlab's canvas: DIN 5008 form B layout for a DL/C5/C6-5 window envelope.

Page 1 (A4, all measures from the top-left corner): sender block top right; the copy marker
("COPY"/"КОПИЯ") boxed top left; the addressee in the address field of DIN 5008 form B — field
at 45 mm from the top and 20 mm from the left, 85 × 45 mm, of which the lower 27.3 mm
(the *Anschriftzone*, from 62.7 mm) hold the address, text indented 5 mm; the date right-aligned
beside the foot of the address field; the body from about 98 mm (where form B puts the subject)
with a 25 mm left and 20 mm right margin. Fold marks at 105 mm and 210 mm and the hole mark at
148.5 mm sit on the left edge. US Letter keeps the same address field (it lands in a #10 window
closely enough) with the fold marks at thirds of its height. For envelopes with the window on the
right (``window_side="right"``) the same field sits at the right margin, the date below it.

The writer lays the letter out itself (line breaks chosen for an even right edge; ragged right by
default as DIN 5008 recommends — without hyphenation, which would break text extraction,
justified Russian gapes — or justified with the PDF word-spacing operator on request;
orphan/widow control; closing and signature kept together) and
only then draws, so it knows the page count before drawing page numbers ("2 / 3", no words to
translate) — and the fax cover (faxcover.py) can print the packet's real total. Unless a font
size is forced, a letter that would run onto a second page at 11 pt is tried at 10.5 and 10 pt.
The untranslated block (``Letter.untranslated``: the "[… please translate]" marker and the English
stand-ins behind it) is set in italic with a grey bar in the left margin, so it never passes for
ordinary body text. The font is PT Serif, embedded as a subset (reportlab does this for TrueType).
No Qt.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal

from ua_writer.core.errors import ExportError
from ua_writer.core.i18n import _
from ua_writer.core.notices import Notice
from ua_writer.core.letter import Letter
from ua_writer.export import fonts as _fonts
from ua_writer.core.atomic import atomic_open
from ua_writer.export.common import ExportResult, language_tag

MM = 72.0 / 25.4
PageSizeName = Literal["a4", "letter"]
Align = Literal["justify", "left"]

#: (width, height) in mm
PAGE_SIZES_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}

#: body (size, leading) in pt, tried in order until the letter fits one page
BODY_SIZES = ((11.0, 14.0), (10.5, 13.3), (10.0, 12.6))
#: addressee (size, leading), tried in order until the address fits the window zone
ADDRESS_SIZES = ((10.0, 12.0), (9.0, 10.8), (8.0, 9.6))
SENDER_SIZE, SENDER_LEADING = 9.0, 11.0
COPIES_SIZE, COPIES_LEADING = 9.5, 12.0
GRAY = 0.45
#: the bar beside the untranslated block
UNTRANSLATED_GRAY = 0.3


@dataclass(frozen=True)
class Geometry:
    """Page measures in mm from the top-left corner (converted to PDF points where drawn)."""

    name: str
    width: float
    height: float
    left: float = 25.0            # text left margin (DIN 5008: 25 mm)
    right: float = 20.0           # text right margin
    top: float = 20.0             # top margin of pages 2+
    bottom: float = 20.0          # bottom margin (page number sits in it)
    sender_top: float = 14.0      # first sender line's top
    sender_width: float = 85.0    # sender lines wrap beyond this width
    field_left: float = 20.0      # DIN 5008 address field, form B
    field_top: float = 45.0
    field_width: float = 85.0
    field_height: float = 45.0
    note_zone: float = 17.7       # Zusatz- und Vermerkzone (top of the field)
    field_indent: float = 5.0     # text starts 5 mm inside the field
    body_top: float = 95.0        # top of the first body line on page 1 (subject ~98.5 mm)
    folds: tuple[float, ...] = (105.0, 210.0)
    hole: float = 148.5

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def address_zone_top(self) -> float:
        return self.field_top + self.note_zone

    @property
    def field_bottom(self) -> float:
        return self.field_top + self.field_height


#: where the envelope's window is: "left" (DIN 5008 form B, DL/C5/C6-5) or "right" (e.g. Swiss
#: envelopes): the address field moves to the right margin, the same size
WINDOW_SIDES = ("left", "right")


def geometry(page_size: str, window_side: str = "left") -> Geometry:
    key = (page_size or "a4").lower()
    if key not in PAGE_SIZES_MM:
        raise ExportError(_("unknown page size {size}; valid: {valid}").format(
            size=repr(page_size), valid=", ".join(PAGE_SIZES_MM)))
    if window_side not in WINDOW_SIDES:
        raise ExportError(_("unknown envelope window side {side}; valid: {valid}").format(
            side=repr(window_side), valid=", ".join(WINDOW_SIDES)))
    w, h = PAGE_SIZES_MM[key]
    g = Geometry(key, w, h)
    if key != "a4":
        g = replace(g, folds=(round(h / 3, 2), round(2 * h / 3, 2)), hole=h / 2)
    if window_side == "right":
        g = replace(g, field_left=w - g.right - g.field_width)
    return g


# -- layout ---------------------------------------------------------------------------------------

@dataclass
class Line:
    """One laid-out line: text at ``x`` (mm from the left), ``height`` of vertical space in mm."""

    text: str
    font: str
    size: float
    height: float                 # mm this line takes in the flow
    x: float = 0.0                # mm from the page's left edge
    align: str = "left"           # "left" | "right" (x = right edge) | "justify"
    width: float = 0.0            # natural width in pt
    measure: float = 0.0          # pt available (for justify)
    mark: bool = False            # part of the untranslated block: a bar in the left margin
    starts: bool = True           # the first line of its source line (False: a wrapped part)


@dataclass
class Block:
    lines: list[Line]
    space_before: float = 0.0     # mm, dropped at the top of a page
    keep_together: bool = False
    keep_with_next: bool = False


# drawing operations, PDF coordinates (points, origin bottom-left)
#   ("t", x, y, font, size, text, wordspace)   ("l", x1, y1, x2, y2, width, gray)
#   ("r", x, y, w, h, width)
Op = tuple


@dataclass
class LetterLayout:
    """A letter laid out on pages of drawing operations, ready for any canvas."""

    geometry: Geometry
    pages: list[list[Op]]
    body_size: float
    warnings: list[str] = field(default_factory=list)
    chars: set[str] = field(default_factory=set)
    #: what the DOCX writer copies to match: body leading (pt), the addressee lines as laid out
    #: (size, wrapping, indents) and their top (mm), and whether the date sits beside the field
    body_leading: float = 0.0
    address: list[Line] = field(default_factory=list)
    address_top: float = 0.0
    date_beside: bool = False

    @property
    def page_count(self) -> int:
        return len(self.pages)


_LIST_PREFIX = re.compile(r"^(\s*(?:[-–—•·*▪]|\d{1,2}[.)]|[a-zа-я][.)])\s+)")
_SPACES = re.compile(r"[ \t]+")


class _Measurer:
    """Word widths at 1 pt, cached per (font, word) for the duration of one layout."""

    def __init__(self):
        from reportlab.pdfbase import pdfmetrics

        self._get_font = pdfmetrics.getFont
        self._fonts: dict[str, object] = {}
        self._cache: dict[tuple[str, str], float] = {}

    def unit(self, text: str, font: str) -> float:
        key = (font, text)
        w = self._cache.get(key)
        if w is None:
            f = self._fonts.get(font)
            if f is None:
                f = self._fonts[font] = self._get_font(font)
            w = self._cache[key] = f.stringWidth(text, 1.0)
        return w

    def width(self, text: str, font: str, size: float) -> float:
        return self.unit(text, font) * size


def _split_long_word(word: str, font: str, size: float, measure: float, m: _Measurer) -> list[str]:
    """Break a word wider than the measure (a URL, an e-mail address) into pieces that fit."""
    pieces, cur = [], ""
    for ch in word:
        if cur and m.width(cur + ch, font, size) > measure:
            pieces.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        pieces.append(cur)
    return pieces


def _breaks(widths: list[float], space: float, first: float, rest: float) -> list[int]:
    """Where to end lines: the fewest lines (what greedy filling gives), and among those the
    most even right edge (least sum of squared slack, last line free) — a small dynamic
    programme in the spirit of TeX's, which keeps justified lines from gaping. Returns the
    index after each line's last word."""
    n = len(widths)
    best: list[tuple[int, float]] = [(0, 0.0)] * (n + 1)
    nxt = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        avail = first if i == 0 else rest
        width = -space
        choice, end = None, i + 1
        for j in range(i + 1, n + 1):
            width += space + widths[j - 1]
            if width > avail + 0.01 and j > i + 1:
                break
            lines, bad = best[j]
            slack = 0.0 if j == n else max(0.0, avail - width)
            cand = (lines + 1, bad + slack * slack)
            if choice is None or cand < choice:
                choice, end = cand, j
        best[i], nxt[i] = choice, end
    out, i = [], 0
    while i < n:
        i = nxt[i]
        out.append(i)
    return out


def wrap(text: str, font: str, size: float, measure_pt: float, m: _Measurer,
         hang: bool = False) -> list[tuple[str, float, float, bool]]:
    """Break one paragraph into lines (see :func:`_breaks`).

    Returns ``(line, natural_width_pt, indent_pt, ends_paragraph_line)`` tuples; ``\\n`` in the text
    forces a break. With ``hang``, a list prefix ("1. ", "– ") makes continuation lines hang.
    """
    out: list[tuple[str, float, float, bool]] = []
    space = m.unit(" ", font) * size
    for raw in text.split("\n"):
        raw = _SPACES.sub(" ", raw.strip())
        if not raw:
            continue
        indent = 0.0
        if hang:
            mo = _LIST_PREFIX.match(raw)
            if mo:
                indent = m.width(mo.group(1), font, size)
        words: list[str] = []
        for w in raw.split(" "):
            avail = measure_pt - indent
            if m.width(w, font, size) > avail:
                words.extend(_split_long_word(w, font, size, avail, m))
            else:
                words.append(w)
        widths = [m.unit(w, font) * size for w in words]
        start = 0
        for end in _breaks(widths, space, measure_pt, measure_pt - indent):
            line_w = sum(widths[start:end]) + space * (end - start - 1)
            out.append((" ".join(words[start:end]), line_w, 0.0 if start == 0 else indent,
                        end == len(words)))
            start = end
    return out


def _block(text: str, font: str, size: float, leading: float, g: Geometry, m: _Measurer, *,
           align: str = "left", space_before: float = 0.0, hang: bool = False,
           keep_with_next: bool = False, x: float | None = None, measure_mm: float | None = None
           ) -> Block:
    x = g.left if x is None else x
    measure = (measure_mm if measure_mm is not None else g.text_width) * MM
    lines = []
    for s, w, ind, last in wrap(text, font, size, measure, m, hang=hang):
        a = "left" if (align == "justify" and last) else align
        lines.append(Line(s, font, size, leading / MM, x=x + ind / MM, align=a, width=w,
                          measure=measure - ind))
    return Block(lines, space_before=space_before, keep_with_next=keep_with_next)


def _flow(blocks: list[Block], g: Geometry, first_top: float) -> list[list[tuple[float, Line]]]:
    """Place blocks on pages; returns per page a list of (top_mm, line)."""
    pages: list[list[tuple[float, Line]]] = [[]]
    bottom = g.height - g.bottom
    cursor = first_top

    def new_page():
        nonlocal cursor
        pages.append([])
        cursor = g.top

    def heights(lines):
        return sum(ln.height for ln in lines)

    for i, b in enumerate(blocks):
        if not b.lines:
            continue
        sb = b.space_before if pages[-1] else 0.0
        need = sb + (heights(b.lines) if b.keep_together else heights(b.lines[:2]))
        if b.keep_with_next and i + 1 < len(blocks) and blocks[i + 1].lines:
            nxt = blocks[i + 1]
            need = sb + heights(b.lines) + nxt.space_before + heights(nxt.lines[:2])
        if pages[-1] and cursor + need > bottom + 1e-6:
            new_page()
            sb = 0.0
        cursor += sb
        j, n = 0, len(b.lines)
        while j < n:
            # how many of the remaining lines fit on this page
            fit, h = 0, cursor
            while j + fit < n and h + b.lines[j + fit].height <= bottom + 1e-6:
                h += b.lines[j + fit].height
                fit += 1
            remaining = n - j
            if fit >= remaining:
                take = remaining
            else:
                take = fit
                if remaining - take == 1 and take >= 2 and (j > 0 or take - 1 >= 2):
                    take -= 1          # widow: never leave a single line at the top of a page
                if j == 0 and take < 2 and pages[-1] and not b.keep_together:
                    take = 0           # orphan: never leave a single first line at the bottom
            if take == 0 and not pages[-1]:
                take = max(1, fit)     # an empty page must make progress
            for ln in b.lines[j:j + take]:
                pages[-1].append((cursor, ln))
                cursor += ln.height
            j += take
            if j < n:
                new_page()
    return pages


def _sender_lines(letter: Letter, fs: _fonts.FontSet, g: Geometry, m: _Measurer) -> list[Line]:
    out: list[Line] = []
    right = g.width - g.right
    for k, text in enumerate(letter.sender):
        font = fs.bold if k == 0 else fs.regular
        for s, w, _ind, _last in wrap(text, font, SENDER_SIZE, g.sender_width * MM, m):
            out.append(Line(s, font, SENDER_SIZE, SENDER_LEADING / MM, x=right, align="right", width=w))
    return out


def _address_lines(letter: Letter, fs: _fonts.FontSet, g: Geometry, m: _Measurer
                   ) -> tuple[list[Line], float, list[str]]:
    """Addressee lines sized to fit the window; returns (lines, top_mm, warnings)."""
    x = g.field_left + g.field_indent
    measure = (g.field_width - g.field_indent) * MM
    zone = g.field_bottom - g.address_zone_top
    attempt: list[Line] = []
    for size, leading in ADDRESS_SIZES:
        attempt = []
        for text in letter.addressee:
            for k, (s, w, ind, _last) in enumerate(wrap(text, fs.regular, size, measure, m)):
                attempt.append(Line(s, fs.regular, size, leading / MM, x=x + ind / MM, width=w,
                                    starts=k == 0))
        if sum(ln.height for ln in attempt) <= zone + 1e-6:
            return attempt, g.address_zone_top, []
    # too long for the address zone: use the whole field (the note zone is empty anyway)
    height = sum(ln.height for ln in attempt)
    warnings = []
    if height > g.field_height + 1e-6:
        warnings.append(Notice("address_overflow"))
    return attempt, g.field_top + 1.0, warnings


def _pdfmetrics():
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics


def printable_letter(letter: Letter, fs: _fonts.FontSet | None = None) -> Letter:
    """A copy of the letter with characters the font lacks replaced (fonts.printable)."""
    table = _fonts.stand_in_table(fs)

    def p(text: str) -> str:
        return text.translate(table)

    return replace(
        letter, sender=[p(s) for s in letter.sender], place_date=p(letter.place_date),
        addressee=[p(s) for s in letter.addressee], subject=p(letter.subject),
        salutation=p(letter.salutation), paragraphs=[p(s) for s in letter.paragraphs],
        closing=p(letter.closing), signature=[p(s) for s in letter.signature],
        copies_heading=p(letter.copies_heading), copies=[p(s) for s in letter.copies],
        copy_marker=p(letter.copy_marker), untranslated=[p(s) for s in letter.untranslated])


def layout_letter(letter: Letter, page_size: PageSizeName | str = "a4", *,
                  font_size: float | None = None, align: Align | str = "left",
                  window_side: str = "left") -> LetterLayout:
    """Lay the letter out; tries smaller body sizes (11 -> 10 pt) to keep it on one page
    unless ``font_size`` is given. ``window_side``: where the envelope window is; "auto" (or
    None): as the envelopes in the sender's country have it (``lang.window_side_for``)."""
    if window_side in (None, "auto"):
        from ua_writer.core.lang import window_side_for

        window_side = window_side_for((letter.meta or {}).get("sender_country"))
    g = geometry(page_size, window_side)
    fs = _fonts.letter_fonts()
    letter = printable_letter(letter, fs)
    if align not in ("justify", "left"):
        raise ExportError(_("unknown alignment {align}; valid: {valid}").format(
            align=repr(align), valid="justify, left"))
    m = _Measurer()
    sizes = [(font_size, round(font_size * 1.27, 2))] if font_size else list(BODY_SIZES)
    layout = first = None
    for size, leading in sizes:
        layout = _layout_at(letter, g, fs, m, size, leading, align)
        if layout.page_count == 1:
            break
        first = first or layout
    else:
        layout = first          # two pages anyway: keep the larger, more readable size
    assert layout is not None
    if layout.page_count > 1:
        layout.warnings.append(Notice("pages", n=layout.page_count))
    chars = set()
    for part in (letter.sender, letter.addressee, letter.paragraphs, letter.signature, letter.copies,
                 [letter.place_date, letter.subject, letter.salutation, letter.closing,
                  letter.copies_heading, letter.copy_marker]):
        for s in part:
            chars.update(s)
    layout.chars = chars
    cmap = _pdfmetrics().getFont(fs.regular).face.charToGlyph
    missing = {ch for ch in chars if not ch.isspace() and ord(ch) not in cmap}
    if missing:
        shown = " ".join(sorted(missing)[:10])
        layout.warnings.append(Notice("missing_glyphs", chars=shown))
    return layout


def _layout_at(letter: Letter, g: Geometry, fs: _fonts.FontSet, m: _Measurer,
               size: float, leading: float, align: str) -> LetterLayout:
    H = g.height * MM
    line_mm = leading / MM
    warnings: list[str] = []
    first: list[Op] = []

    def put(ops: list[Op], top: float, ln: Line) -> None:
        baseline = H - (top + ln.height * 0.78) * MM if ln.height else H - top * MM
        x = ln.x * MM
        ws = 0.0
        if ln.align == "right":
            x -= ln.width
        elif ln.align == "justify":
            gaps = ln.text.count(" ") + ln.text.count("\u00a0")
            if gaps and ln.measure > ln.width:
                ws = (ln.measure - ln.width) / gaps
                if ws > ln.size * 2.0:      # a line of two or three words: leave it ragged
                    ws = 0.0
        ops.append(("t", x, baseline, ln.font, ln.size, ln.text, ws))

    # fold and hole marks (page 1 only)
    for y in g.folds:
        first.append(("l", 4 * MM, H - y * MM, 9 * MM, H - y * MM, 0.5, GRAY))
    first.append(("l", 4 * MM, H - g.hole * MM, 12 * MM, H - g.hole * MM, 0.5, GRAY))

    # copy marker, boxed, top left
    # (the first word, e.g. "COPY"/"КОПИЯ", big in a box; the rest — whom the original letter
    # is written to — small beneath it, wrapped left of the sender block, above the window)
    if letter.copy_marker:
        head, _sep, rest = letter.copy_marker.partition(" ")
        msize = 16.0
        w = m.width(head, fs.bold, msize)
        x0, top = g.left * MM, (g.sender_top - 1.0)
        pad = 2.2 * MM
        box_h = msize + 2 * pad
        first.append(("r", x0, H - top * MM - box_h, w + 2 * pad, box_h, 1.2))
        first.append(("t", x0 + pad, H - top * MM - pad - msize * 0.8, fs.bold, msize, head, 0.0))
        if rest:
            rsize = 8.5
            avail = (g.width - g.right - g.sender_width - g.left - 5.0) * MM
            y = H - top * MM - box_h - 1.5 * MM
            for text, _w, _indent, _end in wrap(rest, fs.regular, rsize, avail, m):
                y -= rsize * 1.2
                first.append(("t", x0, y, fs.regular, rsize, text, 0.0))

    # sender, top right
    cursor = g.sender_top
    for ln in _sender_lines(letter, fs, g, m):
        put(first, cursor, ln)
        cursor += ln.height
    sender_bottom = cursor

    # addressee in the window
    addr, addr_top, w_addr = _address_lines(letter, fs, g, m)
    warnings += w_addr
    cursor = addr_top
    for ln in addr:
        put(first, cursor, ln)
        cursor += ln.height
    address_bottom = cursor

    blocks: list[Block] = []
    # date: right-aligned beside the foot of the address field when there is room
    date_w = m.width(letter.place_date, fs.regular, size)
    right = g.width - g.right
    date_top = g.field_bottom - line_mm
    if addr:
        # on the baseline of the last address line ("beside the foot of the address")
        last = addr[-1]
        date_top = min(date_top, address_bottom - last.height + 0.78 * (last.height - line_mm))
    beside = bool(letter.place_date and right * MM - date_w > (g.field_left + g.field_width + 3) * MM
                  and sender_bottom < date_top - 1.0)
    body_top = max(g.body_top, address_bottom + line_mm)
    if letter.place_date:
        dline = Line(letter.place_date, fs.regular, size, line_mm, x=right, align="right", width=date_w)
        if beside:
            put(first, date_top, dline)
        else:
            body_top = max(body_top, sender_bottom + line_mm)
            blocks.append(Block([dline], keep_with_next=True))

    gap = line_mm
    if letter.subject:
        blocks.append(_block(letter.subject, fs.bold, size, leading, g, m,
                             space_before=gap if blocks else 0.0, keep_with_next=True))
    if letter.salutation:
        blocks.append(_block(letter.salutation, fs.regular, size, leading, g, m,
                             space_before=gap if blocks else 0.0, keep_with_next=True))
    marked = set(letter.untranslated_indexes())
    for k, p in enumerate(letter.paragraphs):
        sb = gap if k == 0 else 0.55 * line_mm
        # the untranslated block is never ordinary body text: italic, with a bar in the margin
        b = _block(p, fs.italic if k in marked else fs.regular, size, leading, g, m, align=align,
                   space_before=sb, hang=True)
        if k in marked:
            for ln in b.lines:
                ln.mark = True
        blocks.append(b)
    closing: list[Line] = []
    if letter.closing:
        closing += _block(letter.closing, fs.regular, size, leading, g, m).lines
    if letter.signature:
        closing.append(Line("", fs.regular, size, 2.6 * line_mm))      # room to sign by hand
        for s in letter.signature:
            closing += _block(s, fs.regular, size, leading, g, m).lines
    if closing:
        blocks.append(Block(closing, space_before=gap, keep_together=True))
    if letter.copies:
        clines: list[Line] = []
        if letter.copies_heading:
            clines += _block(letter.copies_heading, fs.regular, COPIES_SIZE, COPIES_LEADING, g, m).lines
        for c in letter.copies:
            clines += _block(c, fs.regular, COPIES_SIZE, COPIES_LEADING, g, m, x=g.left + 4,
                             measure_mm=g.text_width - 4, hang=True).lines
        blocks.append(Block(clines, space_before=gap))

    placed = _flow(blocks, g, body_top)
    pages: list[list[Op]] = []
    for k, page in enumerate(placed):
        ops: list[Op] = first if k == 0 else []
        if k > 0 and letter.copy_marker:
            ops.append(("t", g.left * MM, H - 12 * MM, fs.bold, 10.0, letter.copy_marker, 0.0))
        for top, ln in page:
            if ln.text:
                put(ops, top, ln)
            if ln.mark:
                bar_x = (g.left - 3.0) * MM
                ops.append(("l", bar_x, H - top * MM, bar_x, H - (top + ln.height) * MM,
                            2.0, UNTRANSLATED_GRAY))
        pages.append(ops)
    return LetterLayout(g, pages, size, warnings, body_leading=leading, address=addr,
                        address_top=addr_top, date_beside=beside)


# -- drawing --------------------------------------------------------------------------------------

def new_canvas(out: BinaryIO, letter: Letter, g: Geometry, *, invariant: bool = False,
               title: str | None = None):
    """A reportlab canvas with the letter's metadata and document language set."""
    from reportlab.pdfgen.canvas import Canvas

    from ua_writer import __version__

    fs = _fonts.letter_fonts()
    c = Canvas(out, pagesize=(g.width * MM, g.height * MM), lang=language_tag(letter.language),
               invariant=1 if invariant else 0, pageCompression=1,
               initialFontName=fs.regular, initialFontSize=11)
    meta = letter.meta or {}
    c.setTitle(title or meta.get("title") or letter.subject or "Letter")
    author = meta.get("author") or (letter.signature[0] if letter.signature else "")
    if author:
        c.setAuthor(author)
    subject = meta.get("subject") or letter.subject
    if subject:
        c.setSubject(subject)
    if meta.get("keywords"):
        c.setKeywords(meta["keywords"])
    c.setCreator(f"ua-writer {__version__}")
    return c


def draw_page(c, ops: list[Op]) -> None:
    """Draw one page's operations (does not end the page)."""
    text = None
    cur_font = cur_ws = None
    for op in ops:
        kind = op[0]
        if kind == "t":
            _k, x, y, font, size, s, ws = op
            if text is None:
                text = c.beginText()
                cur_font = cur_ws = None
            if cur_font != (font, size):
                text.setFont(font, size)
                cur_font = (font, size)
            if cur_ws != ws:
                text.setWordSpace(ws)
                cur_ws = ws
            text.setTextOrigin(x, y)
            text.textOut(s)
        else:
            if text is not None:
                c.drawText(text)
                text = None
            if kind == "l":
                _k, x1, y1, x2, y2, width, gray = op
                c.setLineWidth(width)
                c.setStrokeGray(gray)
                c.line(x1, y1, x2, y2)
                c.setStrokeGray(0)
            elif kind == "r":
                _k, x, y, w, h, width = op
                c.setLineWidth(width)
                c.rect(x, y, w, h, stroke=1, fill=0)
    if text is not None:
        c.drawText(text)


def draw_letter(c, layout: LetterLayout) -> None:
    """Draw every page of the layout on ``c``, numbering pages "n / N" when there are several."""
    fs = _fonts.letter_fonts()
    g = layout.geometry
    total = layout.page_count
    for k, ops in enumerate(layout.pages, start=1):
        draw_page(c, ops)
        if total > 1:
            c.setFont(fs.regular, 9)
            c.drawCentredString(g.width * MM / 2, 10 * MM, f"{k} / {total}")
        c.showPage()


def render_letter_pdf(letter: Letter, out: BinaryIO, *, page_size: PageSizeName | str = "a4",
                      font_size: float | None = None, align: Align | str = "left",
                      window_side: str = "left", invariant: bool = False) -> LetterLayout:
    """Render the letter as PDF into ``out``; returns the layout (page count, warnings)."""
    layout = layout_letter(letter, page_size, font_size=font_size, align=align,
                           window_side=window_side)
    c = new_canvas(out, letter, layout.geometry, invariant=invariant)
    draw_letter(c, layout)
    c.save()
    return layout


def letter_pdf_bytes(letter: Letter, **opts) -> tuple[bytes, int]:
    """The letter as PDF bytes and its page count. Options as for :func:`render_letter_pdf`."""
    buf = io.BytesIO()
    layout = render_letter_pdf(letter, buf, **opts)
    return buf.getvalue(), layout.page_count


def write_letter_pdf(letter: Letter, path: str | os.PathLike, **opts) -> ExportResult:
    """Write the letter as a PDF file, atomically. Options as for :func:`render_letter_pdf`."""
    target = Path(path)
    with atomic_open(target) as fh:
        layout = render_letter_pdf(letter, fh, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=layout.page_count, bytes_written=size,
                        warnings=list(layout.warnings))
