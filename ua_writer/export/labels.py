"""Address labels on A4 sheets, one label per recipient, and a calibration page for the printer.

Sheets (all measures in mm; "pitch" = distance from one label's edge to the next one's):

========  ===================================  ============  ==========  ===========  ==========
key       sheet (and look-alikes)              label w × h   pitch x/y   left / top   cols × rows
========  ===================================  ============  ==========  ===========  ==========
``3x7``   Avery Zweckform 3652 (70 × 42.3)      70 × 42.3     70 / 42.41  0 / 0        3 × 7
``2x7``   Avery L7163 / J8163 (99.1 × 38.1)     99.06 × 38.1  101.6/38.1  4.67 / 15.15 2 × 7
========  ===================================  ============  ==========  ===========  ==========

Sources, looked up 2026-11: LibreOffice's label database
(``officecfg/registry/data/org/openoffice/Office/Labels.xcu``, LibreOffice/core), whose entries are
``S;pitch x;pitch y;width;height;left;top;cols;rows`` in 1/100 mm:

- "Avery A4 / L7163 Address": ``S;10160;3810;9906;3810;467;1515;2;7`` — the same numbers Avery
  publishes for L7163 (99.1 × 38.1 mm, side margin 4.65–4.67, top 15.15, 2.5 mm gap between the
  columns); cross-checked with an independent preset (margins 15.1 / 4.6, gutter 2.5).
- "Avery Zweckform / 3652 Inkjet+Laser+Kopier-Etiketten": ``S;7000;4241;7000;4241;0;0;3;7`` —
  edge-to-edge, 7 rows filling the 297 mm height. Zweckform sells it as 70 × 42.3 mm; we draw the
  label 42.3 mm tall on the 42.41 mm pitch (the difference is the die-cut).

The text of a label keeps :attr:`LabelSheet.pad_x`/``pad_y`` from the label's edges (most printers
cannot print the outer 4–5 mm of the page, and the 3652 sheet has no margin at all), is wrapped to
the label's width and shrinks from 11 pt down to 6 pt until it fits; what still does not fit is cut
with "…" and reported. Printers feed paper a little off: ``label_offset_x_mm`` /
``label_offset_y_mm`` (preferences; + moves right / down) shift everything, and the calibration
page (label outlines, centre crosshairs, corner ticks) shows by how much. No Qt.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ua_writer.core.atomic import atomic_open
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.model import Action, SenderProfile
from ua_writer.core.notices import Notice
from ua_writer.export import fonts as _fonts
from ua_writer.export.common import ExportResult
from ua_writer.export.envelope import MM, draw_fitted, fit_lines, has_postal_address, postal_lines

LABEL_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
#: offsets beyond this are a typo, not a printer's feed error
MAX_OFFSET_MM = 20.0


@dataclass(frozen=True)
class LabelSheet:
    key: str
    name: str
    cols: int
    rows: int
    label_w: float
    label_h: float
    pitch_x: float
    pitch_y: float
    left: float
    top: float
    pad_x: float = 5.0
    pad_y: float = 4.0
    page_w: float = 210.0
    page_h: float = 297.0

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    def label_rect(self, index: int, offset: tuple[float, float] = (0.0, 0.0)
                   ) -> tuple[float, float, float, float]:
        """Label ``index`` (0-based, row by row) as (x, y, w, h) in mm from the page's top-left
        corner, shifted by the calibration ``offset`` (x right, y down)."""
        i = index % self.per_sheet
        row, col = divmod(i, self.cols)
        return (self.left + col * self.pitch_x + offset[0], self.top + row * self.pitch_y + offset[1],
                self.label_w, self.label_h)


SHEETS: dict[str, LabelSheet] = {
    "3x7": LabelSheet("3x7", "3 × 7, 70 × 42.3 mm (Avery Zweckform 3652)", 3, 7,
                      70.0, 42.3, 70.0, 42.41, 0.0, 0.0, pad_x=5.0, pad_y=4.0),
    "2x7": LabelSheet("2x7", "2 × 7, 99.1 × 38.1 mm (Avery L7163)", 2, 7,
                      99.06, 38.1, 101.6, 38.1, 4.67, 15.15, pad_x=5.0, pad_y=3.5),
}


def sheet(key: str) -> LabelSheet:
    k = (key or "").strip().lower().replace("×", "x")
    if k not in SHEETS:
        raise UserFacingError(_("unknown label sheet {sheet}; use one of {sheets}").format(
            sheet=repr(key), sheets=", ".join(SHEETS)))
    return SHEETS[k]


def check_offset(x: float, y: float) -> tuple[float, float]:
    for name, v in (("x", x), ("y", y)):
        try:
            v = float(v)
        except (TypeError, ValueError):
            raise UserFacingError(_("the label {axis} offset must be a number of mm, got {value}").format(
                axis=name, value=repr(v))) from None
        if abs(v) > MAX_OFFSET_MM:
            raise UserFacingError(_("the label {axis} offset {value} mm is too large (at most "
                                    "±{max} mm); print the calibration page").format(
                axis=name, value=f"{v:g}", max=f"{MAX_OFFSET_MM:g}"))
    return float(x), float(y)


# -- which labels --------------------------------------------------------------------------------

@dataclass
class LabelAddress:
    action_id: str
    recipient_id: str
    lines: list[str]


def addresses_for(actions: list[Action], profile: SenderProfile | None, *, copies: bool = False,
                  language: str | None = None) -> tuple[list[LabelAddress], list[str]]:
    """One address per recipient of ``actions``: the ones letters go to, and with ``copies`` also
    the copy recipients; in ``language`` or each action's first language. Returns (addresses,
    warnings about recipients left out)."""
    out: list[LabelAddress] = []
    warnings: list[str] = []
    for action in actions:
        lang = language or (action.languages[0] if action.languages else "en")
        for r in action.recipients:
            is_copy = r.is_copy or r.copies_only
            if is_copy and not copies:
                continue
            if not has_postal_address(r):
                warnings.append(Notice("label_no_address", action=action.id, recipient=r.id))
                continue
            out.append(LabelAddress(action.id, r.id, postal_lines(r, lang, profile)))
    return out, warnings


# -- drawing ---------------------------------------------------------------------------------------

@dataclass
class LabelsLayout:
    sheet: LabelSheet
    pages: int = 0
    #: per label drawn: (page, index on the sheet, (x, y, w, h) of the label in pt, PDF coordinates)
    boxes: list[tuple[int, int, tuple[float, float, float, float]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _pdf_rect(s: LabelSheet, index: int, offset) -> tuple[float, float, float, float]:
    x, y, w, h = s.label_rect(index, offset)
    return x * MM, (s.page_h - y - h) * MM, w * MM, h * MM


def _canvas(out: BinaryIO, s: LabelSheet, title: str, invariant: bool):
    from reportlab.pdfgen.canvas import Canvas

    from ua_writer import __version__

    fs = _fonts.letter_fonts()
    c = Canvas(out, pagesize=(s.page_w * MM, s.page_h * MM), invariant=1 if invariant else 0,
               pageCompression=1, initialFontName=fs.regular, initialFontSize=10)
    c.setTitle(title)
    c.setCreator(f"ua-writer {__version__}")
    return c


def render_labels(addresses: list[list[str]], out: BinaryIO, *, sheet_key: str = "3x7",
                  offset: tuple[float, float] = (0.0, 0.0), skip: int = 0,
                  invariant: bool = False) -> LabelsLayout:
    """Draw one label per address (lists of lines), starting after ``skip`` used labels."""
    s = sheet(sheet_key)
    offset = check_offset(*offset)
    if skip < 0 or skip >= s.per_sheet:
        raise UserFacingError(_("--skip must be between 0 and {max} for this sheet").format(
            max=s.per_sheet - 1))
    if not addresses:
        raise UserFacingError(_("no addresses to print"))
    fs = _fonts.letter_fonts()
    lay = LabelsLayout(s)
    c = _canvas(out, s, f"Address labels ({s.name})", invariant)
    missing: set[str] = set()
    cut = 0
    for n, lines in enumerate(addresses):
        pos = skip + n
        page, index = divmod(pos, s.per_sheet)
        if index == 0 and n > 0:
            c.showPage()
        x, y, w, h = _pdf_rect(s, index, offset)
        lay.boxes.append((page, index, (x, y, w, h)))
        fit = fit_lines(lines, fs.regular, w - 2 * s.pad_x * MM, h - 2 * s.pad_y * MM,
                        sizes=LABEL_SIZES, leading_factor=1.15)
        cut += fit.truncated
        missing |= _fonts.missing_glyphs("".join(lines))
        inner_top = y + h - s.pad_y * MM
        inner_h = h - 2 * s.pad_y * MM
        top = inner_top - max(0.0, (inner_h - fit.height()) / 2)
        draw_fitted(c, fit, fs.regular, x + s.pad_x * MM, top)
    c.showPage()
    c.save()
    lay.pages = (skip + len(addresses) - 1) // s.per_sheet + 1
    if cut:
        # the English singular is the plural text too: the CLI prints exactly what it always did
        lay.warnings.append(ngettext(
            "{n} address(es) did not fit a label even at {size} pt and were cut; use the larger 2x7 "
            "sheet",
            "{n} address(es) did not fit a label even at {size} pt and were cut; use the larger 2x7 "
            "sheet", cut).format(n=cut, size=f"{LABEL_SIZES[-1]:g}"))
    if missing:
        lay.warnings.append(_("the font cannot print these characters: {characters}").format(
            characters=" ".join(sorted(missing))))
    return lay


def render_calibration(out: BinaryIO, *, sheet_key: str = "3x7",
                       offset: tuple[float, float] = (0.0, 0.0), invariant: bool = False) -> LabelsLayout:
    """A test page: every label's outline, a crosshair at its centre, corner ticks, and how to
    adjust the offsets. Print on plain paper, hold it on a label sheet against the light."""
    s = sheet(sheet_key)
    offset = check_offset(*offset)
    fs = _fonts.letter_fonts()
    lay = LabelsLayout(s, pages=1)
    c = _canvas(out, s, f"Label calibration ({s.name})", invariant)
    c.setLineWidth(0.4)
    arm = 5 * MM
    for i in range(s.per_sheet):
        x, y, w, h = _pdf_rect(s, i, offset)
        lay.boxes.append((0, i, (x, y, w, h)))
        c.setStrokeGray(0.55)
        c.rect(x, y, w, h, stroke=1, fill=0)
        c.setStrokeGray(0)
        cx, cy = x + w / 2, y + h / 2
        c.line(cx - arm, cy, cx + arm, cy)
        c.line(cx, cy - arm, cx, cy + arm)
        c.circle(cx, cy, 1.5 * MM, stroke=1, fill=0)
        t = 2 * MM
        for px, py, dx, dy in ((x, y, 1, 1), (x + w, y, -1, 1), (x, y + h, 1, -1), (x + w, y + h, -1, -1)):
            c.line(px, py, px + dx * t, py)
            c.line(px, py, px, py + dy * t)
        row, col = divmod(i, s.cols)
        c.setFont(fs.regular, 6.5)
        c.drawString(x + s.pad_x * MM, y + s.pad_y * MM, f"{row + 1}/{col + 1}")
    # the instructions go in the first label
    x, y, w, h = _pdf_rect(s, 0, offset)
    note = [s.name, f"offset x {offset[0]:+.1f} mm, y {offset[1]:+.1f} mm",
            "Print on plain paper; lay it on a label sheet against the light.",
            "Text too far right/down: lower label_offset_x_mm / _y_mm."]
    fit = fit_lines(note, fs.regular, w - 2 * s.pad_x * MM, h / 2 - s.pad_y * MM - 6 * MM,
                    sizes=(7.0, 6.5, 6.0, 5.5, 5.0), leading_factor=1.12)
    draw_fitted(c, fit, fs.regular, x + s.pad_x * MM, y + h - s.pad_y * MM)
    c.showPage()
    c.save()
    return lay


def write_labels_pdf(addresses: list[list[str]], path: str | os.PathLike, **opts) -> ExportResult:
    """Write the labels PDF atomically. Options as for :func:`render_labels`."""
    target = Path(path)
    with atomic_open(target) as fh:
        lay = render_labels(addresses, fh, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=lay.pages, bytes_written=size, warnings=list(lay.warnings))


def write_calibration_pdf(path: str | os.PathLike, **opts) -> ExportResult:
    """Write the calibration page atomically. Options as for :func:`render_calibration`."""
    target = Path(path)
    with atomic_open(target) as fh:
        lay = render_calibration(fh, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=1, bytes_written=size, warnings=list(lay.warnings))


def labels_pdf_bytes(addresses: list[list[str]], **opts) -> tuple[bytes, LabelsLayout]:
    buf = io.BytesIO()
    lay = render_labels(addresses, buf, **opts)
    return buf.getvalue(), lay
