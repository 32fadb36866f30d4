"""Turning received files into clean lines: decoding, HTML and DOCX text, bullets and whitespace.

Owns: byte decoding (UTF-8, UTF-8/16/32 with BOM, cp1251, latin-1 via charset-normalizer), HTML tag
stripping (lxml's libxml2 HTML parser, linear on any markup; page chrome dropped), DOCX paragraphs and tables (python-docx), and
``normalise`` which every layout parses. Raises ImportFailed for binary or undecodable input.
Must not import Qt or the layouts.
"""

from __future__ import annotations

import io
import re
import unicodedata

from ua_writer.core.errors import ImportFailed
from ua_writer.core.i18n import _

#: files larger than this are refused before any parsing
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: after extraction, text longer than this is cut (an Urgent Action is a few pages)
MAX_TEXT_CHARS = 400_000
#: lines longer than this are cut before any regex sees them
MAX_LINE_CHARS = 2_000

BULLET = "\u2022"
_BULLET_CHARS = (
    "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\u25ba\u25b8\u27a2\u2713\u2714\u00a7\u2666\u25c6"
)
# Symbol/Wingdings bullets land in the private-use area when PDFs are copied (U+F06E, U+F0B7 ...)
_PUA = re.compile(r"[\ue000-\uf8ff]")
_BULLET_LINE = re.compile(
    rf"^\s*(?:[{_BULLET_CHARS}]|[\ue000-\uf8ff]|[-*\u2013\u2014](?=\s)|o(?=\s+[^\W\d_a-z\u00df-\u00ff])|\d{{1,2}}[.)](?=\s)|[a-z]\)(?=\s))\s*"
)
#: a line opening with a day and a month name ("8. April 2021", "3. Mai"): not a numbered item
_DATE_START = re.compile(r"^\d{1,2}\.\s+(?:jan|feb|fév|fev|mär|mar|apr|avr|abr|ma[iy]|jun|jui|jul|lug|aug|aoû|ago|sep|set|okt|oct|ott|nov|dez|dec|déc|dic)\w*\b", re.I)
#: a bullet glyph inside a line, after text: the start of a flattened bullet point
_INLINE_BULLET = re.compile(r"(?<=\S)\s+(?=[\ue000-\uf8ff\u2022\u25cf\u25aa]\s*[^\W\d_])")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: stray punctuation before the first word of a line (copy-paste and OCR debris)
_LEADING_JUNK = re.compile(r"^[,;|~^`´¸]+\s*(?=[^\W\d_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# -- bytes -> str --------------------------------------------------------------------------------

def decode(raw: bytes, source: str | None = None) -> str:
    """Decode text bytes. BOMs win; then strict UTF-8; then charset-normalizer (cp1251, latin-1 ...)."""
    where = f"{source}: " if source else ""
    if not raw.strip():
        raise ImportFailed(where + _("the file is empty"))
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                     (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                raise ImportFailed(where + _("the file says it is {encoding} but is damaged").format(
                    encoding=enc.upper())) from None
    sample = raw[:65536]
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte of ASCII text is zero
        zeros_even = sample[0::2].count(0)
        zeros_odd = sample[1::2].count(0)
        half = len(sample) / 2
        if zeros_odd > 0.4 * half and zeros_even < 0.05 * half:
            return _decode_or_fail(raw, "utf-16-le", where)
        if zeros_even > 0.4 * half and zeros_odd < 0.05 * half:
            return _decode_or_fail(raw, "utf-16-be", where)
        raise ImportFailed(where + _("this is a binary file, not text, a PDF, a web page or a Word "
                                     "document"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # the encodings UAs arrive in: Windows Cyrillic, Western (latin-1/cp1252), KOI8-R
    best = from_bytes(raw[:262144], cp_isolation=["cp1251", "cp1252", "latin_1", "koi8_r"]).best()
    enc = best.encoding if best is not None else "cp1252"
    if enc in ("latin_1", "iso8859_1"):
        enc = "cp1252"  # latin-1 text is cp1252 in practice (curly quotes in 0x80-0x9f)
    text = raw.decode(enc, errors="replace")
    if _binary_ratio(text) > 0.1:
        raise ImportFailed(where + _("this is a binary file, not text, a PDF, a web page or a Word "
                                     "document"))
    return text


def _decode_or_fail(raw: bytes, enc: str, where: str) -> str:
    try:
        return raw.decode(enc)
    except UnicodeDecodeError:
        raise ImportFailed(where + _("the file cannot be decoded as text")) from None


def _binary_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t")
              or c == "\ufffd")
    return bad / len(sample)


def looks_binary(text: str) -> bool:
    """True if decoded text is mostly control characters or replacement characters."""
    return _binary_ratio(text) > 0.1


# -- HTML ---------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
              "svg", "iframe", "select", "template", "head", "menu"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
               "ul", "ol", "tr", "table", "blockquote", "address", "dd", "dt", "dl", "pre",
               "figure", "figcaption", "hr", "td", "th", "body", "html"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "area", "base", "col", "source"}
# class/id words of page furniture: cookie banners, share buttons, menus, comment forms
_CHROME_ATTR = re.compile(r"(?:^|[\s_-])(?:cookie|share|social|breadcrumb|navbar|menu|sidebar|"
                          r"newsletter|comment|footer|header|banner|skip|related|donate|signup)",
                          re.I)


#: HTML larger than this is refused (a UA web page is 50-300 KB; the parser is linear, this
#: only keeps memory small)
MAX_HTML_BYTES = 8 * 1024 * 1024
#: nesting deeper than this is not followed for skipping/bullets (text is still kept)
_MAX_DEPTH = 500


class _TextCollector:
    """Collects the visible text of a parsed page: the same rules for every element — page
    chrome and scripts skipped, block elements on their own lines, list items as bullets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skip_depth = 0
        self.stack: list[bool] = []  # per open element: does it skip its content?

    def start(self, tag: str, attrs) -> None:
        if tag in _VOID:
            if tag in ("br", "hr"):
                self.parts.append("\n")
            self.stack.append(False)
            return
        attr_text = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = tag in _SKIP_TAGS or bool(attr_text and _CHROME_ATTR.search(attr_text))
        skip = skip and len(self.stack) <= _MAX_DEPTH
        self.stack.append(skip)
        if skip:
            self.skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"):
                self.parts.append("\n")
        if tag == "li" and not self.skip_depth:
            self.parts.append(BULLET + " ")
        if tag in ("td", "th") and not self.skip_depth:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        if self.stack and self.stack.pop():
            self.skip_depth -= 1
        if tag in _VOID:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "div"):
                self.parts.append("\n")

    def data(self, data: str | None) -> None:
        if data and not self.skip_depth:
            self.parts.append(_SPACES.sub(" ", data.replace("\n", " ").replace("\r", " ")))


def _parse_html(html: str):
    """The page as an lxml tree (libxml2's HTML parser: linear in the input, unlike the
    standard library's, which took 21 s on 200 KB of "<a" repeated), or None."""
    from lxml import etree

    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True,
                              remove_pis=True, remove_blank_text=False, encoding="utf-8")
    try:
        return etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return None


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line, without scripts, menus and footers."""
    if len(html) > MAX_HTML_BYTES:
        raise ImportFailed(_("the web page is too large ({size} MB; an Urgent Action page is well "
                             "under {limit} MB)").format(size=len(html) // (1024 * 1024),
                                                         limit=MAX_HTML_BYTES // (1024 * 1024)))
    from lxml import etree

    root = _parse_html(html)
    c = _TextCollector()
    if root is not None:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            tag = tag.rsplit("}", 1)[-1].lower()
            if event == "start":
                c.start(tag, el.attrib.items())
                c.data(el.text)
            else:
                c.end(tag)
                c.data(el.tail)
    text = "".join(c.parts)
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    blank = 0
    for ln in lines:
        if not ln:
            blank += 1
            continue
        if out and blank:
            out.append("")
        blank = 0
        out.append(ln)
    return "\n".join(out)


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return bool(re.search(r"<(?:!doctype html|html|body|div|p|br|head)\b", head))


# -- DOCX ---------------------------------------------------------------------------------------

#: a .docx is a zip file: what its members may expand to before python-docx parses them (a UA's
#: document.xml is ~100 KB; one that inflated to 4 GB took 8 GB of memory)
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_MEMBER_BYTES = 16 * 1024 * 1024
DOCX_MAX_TOTAL_BYTES = 64 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_RATIO_MIN_BYTES = 1024 * 1024


def _check_docx_zip(raw: bytes, where: str) -> None:
    """Refuse a .docx whose zip members declare more than the limits, before anything inflates
    them (zipfile never reads past a member's declared size, so the declaration binds)."""
    import zipfile

    from ua_writer.core import zipcheck

    buf = io.BytesIO(raw)
    count = zipcheck.entry_count(buf)
    if count is None:
        return  # not a zip: python-docx says "not a readable Word document"
    too_big = ImportFailed(where + _(
        "the Word document expands to far more than an Urgent Action (a compression bomb?); it "
        "was not read"))
    if count > DOCX_MAX_ENTRIES:
        raise too_big
    try:
        infos = zipfile.ZipFile(buf).infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # python-docx reports it as unreadable
    zipcheck.check_members(infos, max_entries=DOCX_MAX_ENTRIES,
                           max_entry_bytes=DOCX_MAX_MEMBER_BYTES,
                           max_total_bytes=DOCX_MAX_TOTAL_BYTES, max_ratio=DOCX_MAX_RATIO,
                           ratio_min_bytes=DOCX_RATIO_MIN_BYTES, fail=lambda kind, info: too_big)

def docx_to_text(raw: bytes, source: str | None = None) -> str:
    """Paragraphs and table cells of a .docx in document order (cells one after another)."""
    where = f"{source}: " if source else ""
    _check_docx_zip(raw, where)
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(raw))
    except Exception as e:  # zipfile.BadZipFile, KeyError, lxml errors ...
        raise ImportFailed(where + _("not a readable Word document (.docx): {error}").format(
            error=type(e).__name__)) from None

    out: list[str] = []

    def para_text(p: Paragraph) -> str:
        t = p.text
        style = (p.style.name or "").lower() if p.style is not None else ""
        if "list" in style and t.strip():
            t = BULLET + " " + t
        return t

    def walk(parent, body) -> None:
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(para_text(Paragraph(child, parent)))
            elif tag == "tbl":
                table = Table(child, parent)
                # column by column: side-by-side address blocks stay whole
                rows = table.rows
                ncols = max((len(r.cells) for r in rows), default=0)
                for c in range(ncols):
                    for r in rows:
                        cells = r.cells
                        if c < len(cells):
                            for p in cells[c].paragraphs:
                                out.append(para_text(p))
                    out.append("")
                    out.append("")

    try:
        walk(document, document.element.body)
    except Exception as e:
        raise ImportFailed(where + _("the Word document is damaged: {error}").format(
            error=type(e).__name__)) from None
    return "\n".join(out)


# -- normalisation ------------------------------------------------------------------------------

def normalise(text: str) -> list[str]:
    """Clean lines: unified newlines and spaces, bullets as "• ", no control characters.

    Line numbers (index + 1) of the returned list are the ones provenance refers to. Blank lines
    are kept (they carry paragraph and block structure); trailing whitespace is removed.
    """
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\f", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    lines = []
    raws: list[str] = []
    for raw in text.split("\n"):
        # bullets flattened onto one line behind a glyph ("…language:  Urging …;  Urging …")
        raws.extend(_INLINE_BULLET.split(raw) if _INLINE_BULLET.search(raw) else [raw])
    for raw in raws:
        ln = raw[:MAX_LINE_CHARS]
        ln = unicodedata.normalize("NFC", ln)
        ln = _SPACES.sub(" ", ln).strip()
        ln = _LEADING_JUNK.sub("", ln)
        m = _BULLET_LINE.match(ln)
        if m and ln[:1].isdigit() and _DATE_START.match(ln):
            m = None  # "8. April 2021" is a date, not item 8
        if m and ln[m.end():].strip():
            ln = BULLET + " " + ln[m.end():].strip()
        elif m and not ln[m.end():].strip() and (_PUA.match(ln.strip()) or ln.strip() in _BULLET_CHARS):
            ln = ""  # a lone bullet glyph
        ln = _PUA.sub("", ln).strip() if _PUA.search(ln) else ln
        lines.append(ln)
    return lines


def is_bullet(line: str) -> bool:
    return line.startswith(BULLET + " ")


def strip_bullet(line: str) -> str:
    return line[2:].strip() if is_bullet(line) else line


def collapse(text: str) -> str:
    """Single spaces, stripped."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()
