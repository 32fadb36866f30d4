"""Letter -> DOCX (python-docx) with real paragraph styles, tagged with the letter's language.

Each block is its own paragraph in a named style — "Copy Marker", "Sender", "Addressee", "Date",
"Subject", "Salutation", "Body Text", "Closing", "Signature", "Copies Heading", "Copies" — so a
user can restyle the whole letter in Word or LibreOffice. The addressee sits in a frame
(``w:framePr``) at the DIN 5008 form B window position used by the PDF (25 mm from the left,
62.7 mm from the top); the page is A4 (or US Letter) with the PDF's margins; pages 2+ get a
"n / N" footer. The document defaults, every style we define and every run carry
``<w:lang w:val="ru-RU"/>`` (etc.), the "already proofread" flag of python-docx's template is
dropped and automatic hyphenation is on, so Word and LibreOffice spell-check and hyphenate in
the letter's language.

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

#: style name -> (size pt, bold, alignment, space_before pt, space_after pt, exact line pt or None)
_STYLES = {
    "Copy Marker": (16, True, "left", 0, 0, 24),
    "Sender": (9, False, "right", 0, 0, 11),
    "Addressee": (10, False, "left", 0, 0, 12),
    "Date": (11, False, "right", 0, 12, None),
    "Subject": (11, True, "left", 0, 12, None),
    "Salutation": (11, False, "left", 0, 12, None),
    "Closing": (11, False, "left", 12, 0, None),
    "Signature": (11, False, "left", 36, 0, None),
    "Copies Heading": (9.5, False, "left", 12, 0, None),
    "Copies": (9.5, False, "left", 0, 0, None),
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
        self.tag = language_tag(letter.language)
        self.bidi = self.tag.split("-")[0] in _RTL
        self.g = geometry(page_size, window_side)  # the address frame where the window is
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

        key = (self.tag, self.bidi, self.g.name, self.align)
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

        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.size = Pt(11)
        _set_fonts(_style_rpr(normal))
        _set_lang(_style_rpr(normal), self.tag, self.bidi)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = 1.0
        pf.widow_control = True

        body = styles["Body Text"]
        body.paragraph_format.alignment = self.ALIGN[self.align]
        body.paragraph_format.space_after = Pt(6)
        body.paragraph_format.widow_control = True

        from docx.styles.style import StyleFactory

        for name, (size, bold, align, before, after, exact) in _STYLES.items():
            # styles.add_style() first scans every style name for a duplicate (~1 ms each);
            # ours are new names, so add the element directly
            st = StyleFactory(styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False))
            st.base_style = normal
            st.quick_style = True
            st.font.size = Pt(size)
            st.font.bold = bold or None
            pf = st.paragraph_format
            pf.alignment = self.ALIGN[align]
            pf.space_before, pf.space_after = Pt(before), Pt(after)
            if exact:
                pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                pf.line_spacing = Pt(exact)
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
        sec.top_margin, sec.bottom_margin = Mm(g.top), Mm(g.bottom)
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
    def _run(self, para, text: str, bold: bool | None = None):
        run = para.add_run(text)
        if bold is not None:
            run.bold = bold
        _set_lang(run._r.get_or_add_rPr(), self.tag, self.bidi)
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

    def para(self, text: str, style: str, bold: bool | None = None):
        p = self._styled(style)
        for k, line in enumerate(text.split("\n")):
            if k:
                self._run(p, "").add_break()
            self._run(p, line, bold)
        return p

    def _frame(self, p, top_mm: float) -> None:
        from docx.oxml import OxmlElement

        Mm, g = self.Mm, self.g
        fp = OxmlElement("w:framePr")
        fp.set(_w("w:w"), str(int(Mm(g.field_width - g.field_indent).twips)))
        fp.set(_w("w:hRule"), "auto")
        fp.set(_w("w:wrap"), "notBeside")
        fp.set(_w("w:vAnchor"), "page")
        fp.set(_w("w:hAnchor"), "page")
        fp.set(_w("w:x"), str(int(Mm(g.field_left + g.field_indent).twips)))
        fp.set(_w("w:y"), str(int(Mm(top_mm).twips)))
        _insert_ordered(p._p.get_or_add_pPr(), fp, _PPR_SEQ)

    def build(self) -> None:
        from docx.shared import Pt

        letter, g = self.letter, self.g
        body = self.doc.paragraphs
        if body and not body[0].text:                 # the template's empty first paragraph
            body[0]._p.getparent().remove(body[0]._p)
        used_pt = 0.0
        if letter.copy_marker:
            head, _sep, rest = letter.copy_marker.partition(" ")
            p = self._styled("Copy Marker")
            run = self._run(p, head)
            self._border(run)
            used_pt += _STYLES["Copy Marker"][5]
            if rest:  # whom the original is written to: small, beside the boxed word
                small = self._run(p, "  " + rest, bold=False)
                small.font.size = Pt(8.5)
        for k, line in enumerate(letter.sender):
            self.para(line, "Sender", bold=True if k == 0 else None)
            used_pt += _STYLES["Sender"][5]
        top = g.address_zone_top if len(letter.addressee) <= 6 else g.field_top + 1
        for line in letter.addressee:
            self._frame(self.para(line, "Addressee"), top)
        # the first flowing paragraph after the frame starts below the address field
        gap_pt = max(0.0, (g.body_top - g.top) * 72 / 25.4 - used_pt)
        first = None
        if letter.place_date:
            first = self.para(letter.place_date, "Date")
        if letter.subject:
            p = self.para(letter.subject, "Subject")
            first = first or p
        if letter.salutation:
            p = self.para(letter.salutation, "Salutation")
            first = first or p
        for text in letter.paragraphs:
            p = self.para(text, "Body Text")
            first = first or p
        if first is not None:
            first.paragraph_format.space_before = Pt(round(gap_pt, 1))
        if letter.closing:
            self.para(letter.closing, "Closing")
        for k, line in enumerate(letter.signature):
            p = self.para(line, "Signature")
            if k:
                p.paragraph_format.space_before = Pt(0)
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
