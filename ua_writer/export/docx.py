"""Letter -> DOCX (python-docx) with real paragraph styles, tagged with the letter's language.

Each block is its own paragraph in a named style — "Copy Marker", "Sender", "Addressee", "Date",
"Subject", "Salutation", "Body Text", "Closing", "Signature", "Copies Heading", "Copies" — so a
user can restyle the whole letter in Word or LibreOffice. The DOCX follows the PDF's layout
(``pdf.layout_letter``), not its own guess: the body size the PDF chose to keep one page (11 ->
10 pt), its exact line pitch and paragraph spacing, and the head of page 1 as one borderless table
whose two rows have EXACT heights — row 1 from the top margin (the PDF's sender top, 14 mm) to the
address field with the copy marker and the sender, row 2 the DIN 5008 form B field itself
(85 × 45 mm at 20 mm from the left, 45 mm from the top) with the addressee lines exactly as the PDF
sized and wrapped them (a line break where the PDF wrapped) from 62.7 mm, and the date on the
baseline of the last address line. Nothing in that table can grow, so no word processor can push
the address out of the window or the body down (a frame could: LibreOffice lets a framed
paragraph push the text after it); tests/letters/test_docx_libreoffice.py checks every bundled
letter through LibreOffice. The page is A4 (or US Letter) with the PDF's margins; pages 2+ get a
"n / N" footer. With the window on the right (``window_side="right"``, the PDF's option) the table's
columns swap: the field at the right margin, the date below it in the flow. The document defaults, every style we define and every run carry
``<w:lang w:val="ru-RU"/>`` (etc.), the "already proofread" flag of python-docx's template is
dropped and automatic hyphenation is on, so Word and LibreOffice spell-check and hyphenate in
the letter's language. The untranslated block (``Letter.untranslated``) is italic with a bar on
its left, as in the PDF, and its English stand-ins are tagged English.

Font: the styles ask for "PT Serif" (``w:ascii``/``w:hAnsi``/``w:eastAsia``/``w:cs``; theme
fonts removed). We cannot embed the font in a DOCX portably (Word's obfuscated embedding is not
read by every program and needs the font's embedding rights handled per file), so a machine
without PT Serif shows a substitute; the PDF is the faithful rendering. No Qt.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
from pathlib import Path

from ua_writer.core.errors import ExportError
from ua_writer.core.i18n import _
from ua_writer.core.letter import Letter
from ua_writer.core.atomic import atomic_open
from ua_writer.export.common import ExportResult, language_tag
from ua_writer.export.fonts import FAMILY
from ua_writer.export.pdf import geometry

_RTL = {"ar", "he", "fa", "ur", "yi", "ps", "dv"}
MM_PT = 72.0 / 25.4

#: style name -> (size pt or None for the body's, bold, alignment, space before in body lines,
#: exact line pitch in pt or None for the body's) — the PDF's measures (pdf.py), so Word and
#: LibreOffice break lines and pages where the PDF does
_STYLES = {
    "Copy Marker": (16, True, "left", 0, 22),
    "Copy Marker Note": (8.5, False, "left", 0, 10.2),
    "Sender": (9, False, "right", 0, 11),
    "Addressee": (10, False, "left", 0, 12),
    "Date": (None, False, "right", 0, None),
    "Subject": (None, True, "left", 0, None),
    "Salutation": (None, False, "left", 1, None),
    "Closing": (None, False, "left", 1, None),
    "Signature": (None, False, "left", 2.6, None),
    "Copies Heading": (9.5, False, "left", 1, 12),
    "Copies": (9.5, False, "left", 0, 12),
}


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _insert_ordered(parent, child, seq: tuple[str, ...]) -> None:
    """Insert ``child`` into ``parent`` respecting the schema order ``seq`` (prefixed tag names)."""
    tag = child.tag
    names = [_w(t) for t in seq]
    if tag not in names:
        parent.append(child)
        return
    after = set(names[names.index(tag) + 1:])
    for i, existing in enumerate(parent):
        if existing.tag in after:
            parent.insert(i, child)
            return
    parent.append(child)


#: schema order of w:rPr / w:pPr children (ECMA-376 CT_RPr, CT_PPrBase); Word rejects other orders
_RPR_SEQ = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
_PPR_SEQ = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)


def _set_lang(rpr, tag: str, bidi: bool) -> None:
    from docx.oxml import OxmlElement

    for old in rpr.findall(_w("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(_w("w:val"), tag)
    lang.set(_w("w:eastAsia"), tag)
    if bidi:
        lang.set(_w("w:bidi"), tag)
    _insert_ordered(rpr, lang, _RPR_SEQ)


def _set_fonts(rpr) -> None:
    from docx.oxml import OxmlElement

    for old in rpr.findall(_w("w:rFonts")):
        rpr.remove(old)
    rfonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(_w(attr), FAMILY)
    _insert_ordered(rpr, rfonts, _RPR_SEQ)


def _style_rpr(style):
    return style.element.get_or_add_rPr()


#: built-in styles a letter uses or Word expects (their names as stored in styles.xml); the rest
#: of python-docx's template (438 KB of styles, twice, and a thumbnail) is dropped once per process
_KEEP_STYLES = {"Normal", "Body Text", "Body Text Char", "footer", "Footer Char", "header",
                "Header Char", "Default Paragraph Font", "Normal Table", "No List"}
_lean: bytes | None = None
#: (language tag, bidi, page size, alignment) -> the saved package after setup (styles, page)
_PREPARED: dict[tuple, bytes] = {}


def _lean_template() -> io.BytesIO:
    """python-docx's default template without the styles we never use: parsing and saving its
    styles.xml (and the same again as stylesWithEffects.xml) cost more than the letter itself."""
    global _lean
    if _lean is None:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        doc = docx.Document()
        styles = doc.styles.element
        for st in styles.findall(_w("w:style")):
            name = st.find(_w("w:name"))
            if st.get(_w("w:default")) not in ("1", "true") and \
                    (name is None or name.get(_w("w:val")) not in _KEEP_STYLES):
                styles.remove(st)
        for rid, rel in list(doc.part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                doc.part.drop_rel(rid)
        pkg_rels = doc.part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                pkg_rels.pop(rid)
        buf = io.BytesIO()
        doc.save(buf)
        _lean = buf.getvalue()
    return io.BytesIO(_lean)


class _Builder:
    def __init__(self, letter: Letter, page_size: str, align: str = "left",
                 window_side: str = "left"):
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        self.letter = letter
        if align not in ("left", "justify"):
            raise ExportError(_("unknown alignment {align}; valid: {valid}").format(
                align=repr(align), valid="left, justify"))
        self.align = align
        from ua_writer.export.pdf import layout_letter

        # the PDF's layout of this letter: its body size (11 -> 10 pt to keep one page), the
        # addressee lines as it wrapped and sized them for the window, the date's place
        self.layout = layout_letter(letter, page_size, align=align, window_side=window_side)
        self.tag = language_tag(letter.language)
        self.bidi = self.tag.split("-")[0] in _RTL
        self.g = self.layout.geometry   # the field where the window is ("auto": the sender's country)
        self.doc = docx.Document(_lean_template())
        self._style_ids: dict[str, str] = {}
        self.Mm = Mm
        self.ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                      "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}

    # -- document-level setup -----------------------------------------------------------------
    def setup(self) -> None:
        """Styles, page and settings are built once per (language tag, page size, alignment) and
        reused as a saved package; only this letter's document properties are set each time."""
        import docx

        key = (self.tag, self.bidi, self.g.name, self.align, self.layout.body_size)
        prepared = _PREPARED.get(key)
        if prepared is None:
            self._defaults()
            self._styles()
            self._page()
            self._settings()
            buf = io.BytesIO()
            self.doc.save(buf)
            prepared = _PREPARED[key] = buf.getvalue()
        else:
            self.doc = docx.Document(io.BytesIO(prepared))
        self._properties()

    def _defaults(self) -> None:
        styles = self.doc.styles.element
        rpr = styles.find(_w("w:docDefaults")).find(_w("w:rPrDefault")).find(_w("w:rPr"))
        _set_fonts(rpr)
        _set_lang(rpr, self.tag, self.bidi)
        ppr = styles.find(_w("w:docDefaults")).find(_w("w:pPrDefault")).find(_w("w:pPr"))
        for sp in ppr.findall(_w("w:spacing")):
            ppr.remove(sp)

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt
        from docx.styles.style import StyleFactory

        styles = self.doc.styles
        size, leading = self.layout.body_size, self.layout.body_leading
        normal = styles["Normal"]
        normal.font.size = Pt(size)
        _set_fonts(_style_rpr(normal))
        _set_lang(_style_rpr(normal), self.tag, self.bidi)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = 1.0
        pf.widow_control = True

        body = styles["Body Text"]
        body.paragraph_format.alignment = self.ALIGN[self.align]
        body.paragraph_format.space_before = Pt(round(0.55 * leading, 2))   # as the PDF
        body.paragraph_format.space_after = Pt(0)
        body.paragraph_format.widow_control = True
        body.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        body.paragraph_format.line_spacing = Pt(leading)

        for name, (st_size, bold, align, before, exact) in _STYLES.items():
            # styles.add_style() first scans every style name for a duplicate (~1 ms each);
            # ours are new names, so add the element directly
            st = StyleFactory(styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False))
            st.base_style = normal
            st.quick_style = True
            st.font.size = Pt(st_size or size)
            st.font.bold = bold or None
            pf = st.paragraph_format
            pf.alignment = self.ALIGN[align]
            pf.space_before, pf.space_after = Pt(round(before * leading, 2)), Pt(0)
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(exact or leading)
        for name in ("Subject", "Salutation", "Closing", "Copies Heading", "Date"):
            styles[name].paragraph_format.keep_with_next = True
        styles["Closing"].paragraph_format.keep_together = True
        styles["Copies"].paragraph_format.left_indent = self.Mm(4)
        for name in ("Footer",):
            _set_fonts(_style_rpr(styles[name]))

    def _page(self) -> None:
        Mm, g = self.Mm, self.g
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(g.width), Mm(g.height)
        sec.left_margin, sec.right_margin = Mm(g.left), Mm(g.right)
        # page 1 begins with the sender block at the PDF's sender top: the head table fills the
        # page from there to the foot of the address field
        sec.top_margin, sec.bottom_margin = Mm(g.sender_top), Mm(g.bottom)
        sec.header_distance, sec.footer_distance = Mm(10), Mm(8)
        sec.different_first_page_header_footer = True
        para = sec.footer.paragraphs[0]
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para.style = self.doc.styles["Footer"]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._field(para, "PAGE")
        self._run(para, " / ")
        self._field(para, "NUMPAGES")

    def _settings(self) -> None:
        from docx.oxml import OxmlElement

        settings = self.doc.settings.element
        for el in settings.findall(_w("w:proofState")):   # "already checked": make Word check
            settings.remove(el)
        hyph = OxmlElement("w:autoHyphenation")
        tab = settings.find(_w("w:defaultTabStop"))
        if tab is not None:
            tab.addnext(hyph)
        else:
            settings.append(hyph)

    def _properties(self) -> None:
        letter, meta = self.letter, self.letter.meta or {}
        cp = self.doc.core_properties
        cp.title = meta.get("title") or letter.subject or "Letter"
        author = meta.get("author") or (letter.signature[0] if letter.signature else "")
        cp.author = author
        cp.last_modified_by = author
        cp.subject = meta.get("subject") or letter.subject
        cp.keywords = meta.get("keywords", "")
        cp.comments = ""
        cp.language = self.tag
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
        cp.created = cp.modified = now
        cp.revision = 1

    # -- content -------------------------------------------------------------------------------
    def _run(self, para, text: str, bold: bool | None = None, tag: str | None = None):
        run = para.add_run(text)
        if bold is not None:
            run.bold = bold
        _set_lang(run._r.get_or_add_rPr(), tag or self.tag, self.bidi)
        return run

    def _field(self, para, instr: str) -> None:
        from docx.oxml import OxmlElement

        def fld(kind):
            run = self._run(para, "")
            el = OxmlElement("w:fldChar")
            el.set(_w("w:fldCharType"), kind)
            run._r.append(el)

        fld("begin")
        run = self._run(para, "")
        it = OxmlElement("w:instrText")
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        it.text = f" {instr} "
        run._r.append(it)
        fld("separate")
        self._run(para, "1")
        fld("end")

    def _styled(self, style: str):
        """A new paragraph with ``style``, set by its cached id: python-docx's own ``style=``
        scans every style of the template twice per paragraph (bench: 60% of a letter's time)."""
        ids = self._style_ids
        if style not in ids:
            ids[style] = self.doc.styles[style].style_id
        p = self.doc.add_paragraph()
        p._p.style = ids[style]
        return p

    def para(self, text: str, style: str, bold: bool | None = None, tag: str | None = None):
        p = self._styled(style)
        for k, line in enumerate(text.split("\n")):
            if k:
                self._run(p, "", tag=tag).add_break()
            self._run(p, line, bold, tag=tag)
        return p

    def _mark_untranslated(self, p) -> None:
        """The untranslated block is never ordinary body text: italic, with a bar on the left
        (a paragraph border), as the PDF draws it."""
        from docx.oxml import OxmlElement

        for run in p.runs:
            run.italic = True
        bdr = OxmlElement("w:pBdr")
        left = OxmlElement("w:left")
        for k, v in (("w:val", "single"), ("w:sz", "16"), ("w:space", "6"), ("w:color", "4D4D4D")):
            left.set(_w(k), v)
        bdr.append(left)
        _insert_ordered(p._p.get_or_add_pPr(), bdr, _PPR_SEQ)

    # -- the head of page 1: one table of exact measures ------------------------------------------
    def _cell_margins(self, cell, **mm: float) -> None:
        from docx.oxml import OxmlElement

        tcpr = cell._tc.get_or_add_tcPr()
        for old in tcpr.findall(_w("w:tcMar")):
            tcpr.remove(old)
        mar = OxmlElement("w:tcMar")
        for side in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(_w("w:w"), str(int(self.Mm(mm.get(side, 0.0)).twips)))
            el.set(_w("w:type"), "dxa")
            mar.append(el)
        tcpr.append(mar)

    def _cell_para(self, cell, text: str, style: str, *, first: bool, bold: bool | None = None):
        if first:
            p = cell.paragraphs[0]
            p._p.style = self._style_id(style)
        else:
            p = cell.add_paragraph()
            p._p.style = self._style_id(style)
        self._run(p, text, bold)
        return p

    def _style_id(self, style: str) -> str:
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.styles[style].style_id
        return self._style_ids[style]

    def _head(self) -> None:
        """Sender, copy marker, addressee and date in one borderless 2 × 2 table whose rows have
        EXACT heights: row 1 from the top margin (= the PDF's sender top) to the address field,
        row 2 the DIN 5008 field itself (85 × 45 mm, from 20 mm left and 45 mm down). Nothing in
        it can grow, so nothing pushes the address out of the window or the body down; the
        address lines are the PDF's own (same size, same breaks), the date on the PDF's line."""
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
        from docx.oxml import OxmlElement
        from docx.shared import Pt

        letter, g, lay, Mm = self.letter, self.g, self.layout, self.Mm
        # the field on the left (DIN 5008): [field | the rest]; on the right: [the rest | field]
        right_side = g.field_left > g.left
        if right_side:
            widths = (g.field_left - g.left, g.field_width)
            indent = 0.0
        else:
            widths = (g.field_width, g.width - g.right - g.field_left - g.field_width)
            indent = g.field_left - g.left
        table = self.doc.add_table(rows=2, cols=2)
        tbl = table._tbl
        tblpr = tbl.tblPr
        for tag, attrs in (("w:tblW", {"w:w": str(int(Mm(sum(widths)).twips)), "w:type": "dxa"}),
                           ("w:tblInd", {"w:w": str(int(Mm(indent).twips)), "w:type": "dxa"}),
                           ("w:tblLayout", {"w:type": "fixed"})):
            for old in tblpr.findall(_w(tag)):
                tblpr.remove(old)
            el = OxmlElement(tag)
            for k, v in attrs.items():
                el.set(_w(k), v)
            tblpr.append(el)
        # no default cell padding (Word's 1.9 mm, which LibreOffice subtracts from tblInd)
        for old in tblpr.findall(_w("w:tblCellMar")):
            tblpr.remove(old)
        mar = OxmlElement("w:tblCellMar")
        for side in ("top", "left", "bottom", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(_w("w:w"), "0")
            el.set(_w("w:type"), "dxa")
            mar.append(el)
        tblpr.append(mar)
        grid = tbl.tblGrid
        for col, width in zip(grid.findall(_w("w:gridCol")), widths):
            col.set(_w("w:w"), str(int(Mm(width).twips)))
        for row, height in zip(table.rows, (g.field_top - g.sender_top, g.field_height)):
            row.height = Mm(height)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            for cell, width in zip(row.cells, widths):
                cell.width = Mm(width)
        marker_cell, sender_cell = table.rows[0].cells
        address_cell, date_cell = table.rows[1].cells
        if right_side:
            date_cell, address_cell = address_cell, date_cell

        # row 1: the copy marker (boxed first word, the rest small beneath it) and the sender
        self._cell_margins(marker_cell, left=0.0 if right_side else g.left - g.field_left)
        self._cell_margins(sender_cell)
        if letter.copy_marker:
            head, _sep, rest = letter.copy_marker.partition(" ")
            p = self._cell_para(marker_cell, head, "Copy Marker", first=True)
            self._border(p.runs[0])
            if rest:
                self._cell_para(marker_cell, rest, "Copy Marker Note", first=False)
        for k, line in enumerate(letter.sender):
            self._cell_para(sender_cell, line, "Sender", first=k == 0, bold=True if k == 0 else None)

        # row 2: the address as the PDF laid it out, from the PDF's top, indented 5 mm
        self._cell_margins(address_cell, top=lay.address_top - g.field_top, left=g.field_indent)
        # one paragraph per address line; where the PDF wrapped a long line, a line break at
        # the same word, so no word processor can wrap it into one more line
        p = None
        for k, ln in enumerate(lay.address):
            if p is None or ln.starts:
                p = self._cell_para(address_cell, ln.text, "Addressee", first=k == 0)
                p.paragraph_format.line_spacing = Pt(round(ln.height * MM_PT, 2))
            else:
                p.runs[-1].add_break()
                self._run(p, ln.text)
            if abs(ln.size - _STYLES["Addressee"][0]) > 1e-6:
                p.runs[-1].font.size = Pt(ln.size)
        if self.layout.date_beside and letter.place_date:
            # the date's line box ends where the last address line's does: the same baseline
            last = lay.address[-1] if lay.address else None
            bottom = (lay.address_top + sum(l.height for l in lay.address)) if last else g.field_bottom
            line_mm = lay.body_leading / MM_PT
            top = bottom - line_mm - (last.height - line_mm) * 0.22 if last else bottom - line_mm
            # LibreOffice takes one top padding for a whole row: the date cell gets the address
            # cell's, and the date paragraph the rest as space before
            self._cell_margins(date_cell, top=lay.address_top - g.field_top)
            date_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            p = self._cell_para(date_cell, letter.place_date, "Date", first=True)
            p.paragraph_format.space_before = Pt(round(max(0.0, top - lay.address_top) * MM_PT, 2))
        else:
            self._cell_margins(date_cell, top=lay.address_top - g.field_top)

    def build(self) -> None:
        from docx.shared import Pt

        letter, g, lay = self.letter, self.g, self.layout
        body = self.doc.paragraphs
        if body and not body[0].text:                 # the template's empty first paragraph
            body[0]._p.getparent().remove(body[0]._p)
        self._head()
        # the body starts where the PDF's does (body_top below the field, or below a long address)
        line_mm = lay.body_leading / MM_PT
        address_bottom = lay.address_top + sum(l.height for l in lay.address)
        gap_mm = max(g.body_top, address_bottom + line_mm) - g.field_bottom
        first = None
        if letter.place_date and not lay.date_beside:
            first = self.para(letter.place_date, "Date")
        if letter.subject:
            p = self.para(letter.subject, "Subject")
            if first is not None:
                p.paragraph_format.space_before = Pt(lay.body_leading)
            first = first or p
        if letter.salutation:
            p = self.para(letter.salutation, "Salutation")
            first = first or p
        marked = set(letter.untranslated_indexes())
        marker = letter.untranslated[0] if letter.untranslated else None
        source = language_tag((letter.meta or {}).get("untranslated_lang") or "en")
        for k, text in enumerate(letter.paragraphs):
            # each paragraph tagged with its own language: the English stand-ins as English,
            # so the spell checker does not flag every word of them
            tag = source if k in marked and text != marker else None
            p = self.para(text, "Body Text", tag=tag)
            if k == 0:
                p.paragraph_format.space_before = Pt(lay.body_leading)
            if k in marked:
                self._mark_untranslated(p)
            first = first or p
        if first is not None:
            first.paragraph_format.space_before = Pt(round(max(0.0, gap_mm) * MM_PT, 2))
        closing = []
        if letter.closing:
            closing.append(self.para(letter.closing, "Closing"))
        for k, line in enumerate(letter.signature):
            p = self.para(line, "Signature")
            if k:
                p.paragraph_format.space_before = Pt(0)
            elif not letter.closing:
                p.paragraph_format.space_before = Pt(lay.body_leading)
            closing.append(p)
        for p in closing[:-1]:                        # closing and signature stay together
            p.paragraph_format.keep_with_next = True
        if letter.copies:
            if letter.copies_heading:
                self.para(letter.copies_heading, "Copies Heading")
            for line in letter.copies:
                self.para(line, "Copies")

    def _border(self, run) -> None:
        from docx.oxml import OxmlElement

        bdr = OxmlElement("w:bdr")
        for k, v in (("w:val", "single"), ("w:sz", "12"), ("w:space", "2"), ("w:color", "000000")):
            bdr.set(_w(k), v)
        _insert_ordered(run._r.get_or_add_rPr(), bdr, _RPR_SEQ)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def letter_docx_document(letter: Letter, *, page_size: str = "a4", align: str = "left",
                         window_side: str = "left"):
    """The letter as a python-docx ``Document`` (not saved). ``align`` of the body: "left"
    (ragged right, as in the PDF) or "justify"; ``window_side``: as in the PDF."""
    b = _Builder(letter, page_size, align, window_side)
    b.setup()
    b.build()
    return b.doc


def letter_docx_bytes(letter: Letter, *, page_size: str = "a4", align: str = "left",
                      window_side: str = "left") -> bytes:
    """The letter as DOCX bytes."""
    buf = io.BytesIO()
    letter_docx_document(letter, page_size=page_size, align=align, window_side=window_side).save(buf)
    return buf.getvalue()


def write_letter_docx(letter: Letter, path: str | os.PathLike, *, page_size: str = "a4",
                      align: str = "left", window_side: str = "left") -> ExportResult:
    """Write the letter as a DOCX file, atomically. The page count is unknown (None): only a
    word processor knows where its lines break."""
    target = Path(path)
    if page_size not in ("a4", "letter"):
        raise ExportError(_("unknown page size {size}; valid: {valid}").format(
            size=repr(page_size), valid="a4, letter"))
    # zip in memory first: a zipfile left half-written on a failing stream is never closed
    buf = io.BytesIO()
    letter_docx_document(letter, page_size=page_size, align=align, window_side=window_side).save(buf)
    data = buf.getvalue()
    with atomic_open(target) as fh:
        fh.write(data)
    return ExportResult(target, "docx", bytes_written=len(data))
