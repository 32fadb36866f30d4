"""PDF text in reading order, without interleaving address blocks printed side by side.

pdfplumber gives word boxes; words are grouped into lines by their top edge, lines are cut into
segments at wide horizontal gaps, and runs of lines whose segments share the same gutters become a
column region that is emitted column by column (left block whole, then the right block). A blank
line is emitted where the vertical gap says a paragraph ends. pypdf's plain extraction is the
fallback if pdfplumber fails on a file. Raises ImportFailed for encrypted, damaged or image-only
PDFs. No Qt.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass

from ua_writer.core.errors import ImportFailed
from ua_writer.core.i18n import _

MAX_PAGES = 60
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


def pdf_to_text(raw: bytes, source: str | None = None) -> str:
    where = f"{source}: " if source else ""
    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise ImportFailed(where + _("not a PDF file"))
    try:
        text = _with_pdfplumber(raw)
    except ImportFailed:
        raise
    except Exception:
        text = _with_pypdf(raw, where)
    if not text.strip() or sum(c.isalpha() for c in text) < 20:
        raise ImportFailed(where + _("the PDF contains no text (probably a scanned image); copy the "
                                     "text from it by hand or use a text-recognition (OCR) tool "
                                     "first"))
    return text


def _with_pdfplumber(raw: bytes) -> str:
    import pdfplumber

    pages_text: list[str] = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for page in pdf.pages[:MAX_PAGES]:
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False,
                                       use_text_flow=False)
            pages_text.append(_layout_words(words))
    return "\n\n".join(pages_text)


def _with_pypdf(raw: bytes, where: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ImportFailed(where + _("the PDF is password-protected")) from None
        out = []
        for page in reader.pages[:MAX_PAGES]:
            try:
                out.append(page.extract_text(extraction_mode="layout") or "")
            except Exception:
                out.append(page.extract_text() or "")
        return "\n\n".join(out)
    except ImportFailed:
        raise
    except Exception as e:
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
