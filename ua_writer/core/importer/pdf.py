"""PDF text in reading order, without interleaving address blocks printed side by side.

pdfplumber gives word boxes; words are grouped into lines by their top edge, lines are cut into
segments at wide horizontal gaps, and runs of lines whose segments share the same gutters become a
column region that is emitted column by column (left block whole, then the right block). A blank
line is emitted where the vertical gap says a paragraph ends. pypdf's plain extraction is the
fallback if pdfplumber fails on a file. Raises ImportFailed for encrypted, damaged or image-only
PDFs. No Qt.

Bounded: a hostile file must not take all memory or time (issue #16). Before any PDF library
sees the bytes, every compressed stream that the text extraction would inflate is inflated here
piece by piece, counting, never holding more than a megabyte: one that expands past
``MAX_STREAM_BYTES`` (or all of them past ``MAX_INFLATED_BYTES``) is refused. Each page's
decoded content is then checked against a glyph budget (``MAX_PAGE_GLYPHS``, ``MAX_GLYPHS``:
tiny text in the hundreds of thousands of characters took seconds per page and gigabytes), and
the whole extraction against a time budget (``MAX_SECONDS``). Each refusal is one line.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import time
import zlib
from dataclasses import dataclass

from ua_writer.core.errors import ImportFailed
from ua_writer.core.i18n import _

MAX_PAGES = 60
#: a compressed stream the extraction reads (page content, fonts, object streams) may inflate to
#: this much; all of them together to MAX_INFLATED_BYTES. Images are never inflated for text.
MAX_STREAM_BYTES = 16 * 1024 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024
#: decoded page content: at most this many bytes and glyph codes per page (a dense UA page has
#: ~5,000 characters), and glyph codes over the whole file
MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024
MAX_PAGE_GLYPHS = 30_000
MAX_GLYPHS = 150_000
#: wall-clock budget for the whole extraction, checked page by page
MAX_SECONDS = 20.0
_CHUNK = 1 << 20
#: horizontal gap (points) that separates two columns on one line
COLUMN_GAP = 18.0


@dataclass
class _Seg:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class _Line:
    top: float
    bottom: float
    segs: list[_Seg]


class _Budget:
    """What one extraction may still spend: glyphs and time."""

    def __init__(self, where: str, seconds: float = MAX_SECONDS):
        self.where = where
        self.glyphs = 0
        self.deadline = time.monotonic() + seconds

    def page(self, number: int, content: bytes) -> None:
        if len(content) > MAX_PAGE_CONTENT_BYTES:
            raise ImportFailed(self.where + _(
                "page {page} of the PDF holds more than {size} MB of drawing instructions; an "
                "Urgent Action is a few pages of text (copy the text into a .txt file "
                "instead)").format(page=number, size=MAX_PAGE_CONTENT_BYTES // (1024 * 1024)))
        glyphs = _glyph_estimate(content)
        self.glyphs += glyphs
        if glyphs > MAX_PAGE_GLYPHS or self.glyphs > MAX_GLYPHS:
            raise ImportFailed(self.where + _(
                "the PDF holds far more text than an Urgent Action (page {page}: about {count} "
                "characters); copy the part you need into a .txt file instead").format(
                    page=number, count=glyphs))
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ImportFailed(self.where + _(
                "reading the PDF takes too long (over {seconds} seconds); copy its text into a "
                ".txt file instead").format(seconds=int(MAX_SECONDS)))


_STRING_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")


def _glyph_estimate(content: bytes) -> int:
    """How many glyph codes a page's content shows: the bytes of its literal strings plus half
    the digits of its hex strings (an over-estimate for 2-byte fonts, which is fine for a cap)."""
    n = 0
    for m in _STRING_RE.finditer(content):
        t = m.group()
        n += len(t) - 2 if t[:1] == b"(" else (len(t) - 2) // 2
    return n


_STREAM_RE = re.compile(rb"stream\r?\n")


def check_streams(raw: bytes, where: str = "") -> None:
    """Refuse a PDF whose compressed (Flate) streams would inflate past the limits, by
    inflating each one here in pieces, counting and discarding (never more than a megabyte in
    memory). Image streams are skipped: text extraction never inflates them."""
    total = 0
    pos = 0
    view = memoryview(raw)
    while True:
        m = _STREAM_RE.search(raw, pos)
        if m is None:
            return
        start = m.end()
        end = raw.find(b"endstream", start)
        if end < 0:
            end = len(raw)
        pos = max(end, start)
        head = raw[max(0, m.start() - 1024):m.start()]
        head = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        if b"Flate" not in head and b"/Fl" not in head:
            continue
        if re.search(rb"/Subtype\s*/Image", head):
            continue
        size = _inflated_size(view[start:end], MAX_STREAM_BYTES)
        total += size
        if size > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            raise ImportFailed(where + _(
                "the PDF holds a compressed part that expands to more than {size} MB (a "
                "compression bomb, or not an Urgent Action); it was not read").format(
                    size=(MAX_STREAM_BYTES if size > MAX_STREAM_BYTES else MAX_INFLATED_BYTES)
                    // (1024 * 1024)))


def _inflated_size(data, cap: int) -> int:
    """How many bytes ``data`` inflates to, counting at most ``cap + 1`` (0 if not zlib data)."""
    d = zlib.decompressobj()
    total = 0
    try:
        chunk = d.decompress(data, _CHUNK)
        while True:
            total += len(chunk)
            if total > cap or d.eof or (not d.unconsumed_tail and len(chunk) < _CHUNK):
                return total  # over the cap, the end of the stream, or the input used up
            chunk = d.decompress(d.unconsumed_tail, _CHUNK)
    except zlib.error:
        return total


def _quiet_pdf_loggers() -> None:
    """pypdf and pdfminer log warnings ("EOF marker not found") that would reach stderr as
    stray lines; what matters is said by our own one-line message."""
    for name in ("pypdf", "pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


_PASSWORD_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "FileNotDecryptedError",
                    "PDFEncryptionWarning", "WrongPasswordError")


def pdf_to_text(raw: bytes, source: str | None = None) -> str:
    where = f"{source}: " if source else ""
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise ImportFailed(where + _("not a PDF file"))
    _quiet_pdf_loggers()
    check_streams(raw, where)
    budget = _Budget(where)
    try:
        text = _with_pdfplumber(raw, budget)
    except ImportFailed:
        raise
    except Exception as e:
        if type(e).__name__ in _PASSWORD_ERRORS:
            raise ImportFailed(where + _("the PDF is password-protected; open it with its password "
                                         "and save or copy the text without protection "
                                         "first")) from None
        text = _with_pypdf(raw, where, budget)
    if not text.strip() or sum(c.isalpha() for c in text) < 20:
        raise ImportFailed(where + _("the PDF contains no text (probably a scanned image); copy the "
                                     "text from it by hand or use a text-recognition (OCR) tool "
                                     "first"))
    return text


def _page_content(page_obj) -> bytes:
    """The decoded content of a pdfminer page (its streams were checked by check_streams)."""
    out = []
    for stream in page_obj.contents or []:
        try:
            out.append(stream.get_data())
        except Exception:  # a damaged stream: the extraction itself will say so or skip it
            continue
    return b"\n".join(out)


def _with_pdfplumber(raw: bytes, budget: _Budget | None = None) -> str:
    import pdfplumber

    budget = budget or _Budget("")
    pages_text: list[str] = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for number, page in enumerate(pdf.pages[:MAX_PAGES], 1):
            budget.page(number, _page_content(page.page_obj))
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False,
                                       use_text_flow=False)
            pages_text.append(_layout_words(words))
            page.close()  # drop the page's parsed objects before the next one
    budget.check_time()
    return "\n\n".join(pages_text)


def _with_pypdf(raw: bytes, where: str, budget: _Budget | None = None) -> str:
    budget = budget or _Budget(where)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise ImportFailed(where + _("the PDF is password-protected; open it with its "
                                             "password and save or copy the text without "
                                             "protection first")) from None
        out = []
        for number, page in enumerate(reader.pages[:MAX_PAGES], 1):
            contents = page.get_contents()
            budget.page(number, contents.get_data() if contents is not None else b"")
            try:
                out.append(page.extract_text(extraction_mode="layout") or "")
            except Exception:
                out.append(page.extract_text() or "")
        return "\n\n".join(out)
    except ImportFailed:
        raise
    except Exception as e:
        if type(e).__name__ in _PASSWORD_ERRORS:
            raise ImportFailed(where + _("the PDF is password-protected; open it with its password "
                                         "and save or copy the text without protection "
                                         "first")) from None
        raise ImportFailed(where + _("the PDF is damaged and cannot be read ({error})").format(
            error=type(e).__name__)) from None


def _layout_words(words: list[dict]) -> str:
    if not words:
        return ""
    lines = _group_lines(words)
    return "\n".join(_emit(lines))


def _group_lines(words: list[dict]) -> list[_Line]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for w in words:
        if rows and abs(w["top"] - rows[-1][0]["top"]) <= 2.5:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        sizes = [w["bottom"] - w["top"] for w in row]
        size = statistics.median(sizes) if sizes else 10
        gap_limit = max(COLUMN_GAP, 1.6 * size)
        segs: list[_Seg] = []
        for w in row:
            label = bool(segs) and segs[-1].text.endswith(":") and len(segs[-1].text) <= 25 \
                and w["x0"] - segs[-1].x1 <= 6 * gap_limit
            if segs and (w["x0"] - segs[-1].x1 <= gap_limit or label):
                s = segs[-1]
                s.text += " " + w["text"]
                s.x1 = max(s.x1, w["x1"])
                s.bottom = max(s.bottom, w["bottom"])
            else:
                segs.append(_Seg(w["x0"], w["x1"], w["top"], w["bottom"], w["text"]))
        lines.append(_Line(min(s.top for s in segs), max(s.bottom for s in segs), segs))
    return lines


def _emit(lines: list[_Line]) -> list[str]:
    """Lines in reading order; regions of multi-segment lines are emitted column by column."""
    heights = [ln.bottom - ln.top for ln in lines]
    h = statistics.median(heights) if heights else 10
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top - a.bottom > 0]
    normal_gap = statistics.median(gaps) if gaps else h * 0.3
    para_gap = max(normal_gap * 1.8, h * 0.6)

    out: list[str] = []
    i = 0
    prev_bottom = None
    while i < len(lines):
        ln = lines[i]
        if len(ln.segs) >= 2:
            j, columns = _column_region(lines, i)
            if prev_bottom is not None and ln.top - prev_bottom > para_gap:
                out.append("")
            for c, col in enumerate(columns):
                if c:
                    out.extend(["", ""])
                last = None
                for seg in col:
                    if last is not None and seg.top - last > para_gap:
                        out.append("")
                    out.append(seg.text)
                    last = seg.bottom
            prev_bottom = lines[j - 1].bottom
            i = j
            continue
        if prev_bottom is not None and ln.top - prev_bottom > para_gap:
            out.append("")
        out.append(ln.segs[0].text)
        prev_bottom = ln.bottom
        i += 1
    return out


def _column_region(lines: list[_Line], start: int) -> tuple[int, list[list[_Seg]]]:
    """From lines[start] (which has several segments), extend while lines fit the same columns.

    Columns start where the first line's segments start; a segment belongs to the column whose
    start is the last one at or left of it, and must end before the next column starts. A segment
    reaching into the next column is full-width text and ends the region.
    """
    first = lines[start]
    starts = [s.x0 for s in first.segs]
    columns: list[list[_Seg]] = [[] for _ in starts]
    j = start
    while j < len(lines):
        ln = lines[j]
        placed = []
        for seg in ln.segs:
            k = _assign(seg, starts)
            if k is None:
                break
            placed.append((k, seg))
        else:
            if j > start and len(ln.segs) == 1:
                gap_above = ln.top - lines[j - 1].bottom
                if gap_above > 2.5 * (ln.bottom - ln.top):
                    break  # a lone line after a gap: the region is over
            for k, seg in placed:
                columns[k].append(seg)
            j += 1
            continue
        break
    return j, [c for c in columns if c]


def _assign(seg: _Seg, starts: list[float]) -> int | None:
    """Column index of ``seg``, or None if it runs into the next column (full-width text)."""
    k = 0
    for i, x in enumerate(starts):
        if seg.x0 >= x - 4:
            k = i
    if k + 1 < len(starts) and seg.x1 > starts[k + 1] - 4:
        return None
    if seg.x0 < starts[0] - 30:
        return None
    return k
