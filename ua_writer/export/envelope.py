"""Envelope PDFs (DL, C5, C6/5) and the postal address lines that envelopes and labels share.

The recipient's lines come from the letter language's rules (``core.lang``): the same addressee
block the letter carries — a Russian envelope is in Cyrillic, in the dative, in Russian address
order with the postal code. For international post (sender country ≠ recipient country) the last
line names the destination country in capitals twice, in the sender's language (what the
sender's post office reads) and in the destination's (what the delivering post reads), both from
Babel/CLDR territory names — "RUSSLAND / РОССИЯ"; English uses the UPU name ("RUSSIAN FEDERATION").
The sender's language is the first official language of the sender's country (Babel), else the
profile's first language.

Layout (mm from the top-left corner of the envelope, landscape): return address at 10/10 in 8 pt,
"PAR AVION / BY AIR MAIL" boxed below it for international post, a 45 × 40 mm stamp area left
blank top right, and the recipient's address in the lower right: from 45 % of the width to 15 mm
from the right edge, from 40 % of the height (at least 40 mm, clear of the stamp) to 15 mm above
the bottom edge (the strip postal sorting machines print their barcode into), vertically centred
there in PT Serif 11 pt, shrinking to 8 pt and wrapping long lines to fit. No Qt.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ua_writer.core.atomic import atomic_open
from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _
from ua_writer.core.model import Recipient, SenderProfile
from ua_writer.core.notices import Notice
from ua_writer.core.typography import typeset_lines
from ua_writer.export import fonts as _fonts
from ua_writer.export.common import ExportResult, language_tag

MM = 72.0 / 25.4


@dataclass(frozen=True)
class EnvelopeSize:
    key: str
    name: str
    width: float   # mm, landscape
    height: float  # mm


ENVELOPES: dict[str, EnvelopeSize] = {
    "dl": EnvelopeSize("dl", "DL", 220.0, 110.0),
    "c5": EnvelopeSize("c5", "C5", 229.0, 162.0),
    "c6/5": EnvelopeSize("c6/5", "C6/5", 229.0, 114.0),
}

ADDRESS_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
RETURN_SIZE = 8.0
AIRMAIL = ("PAR AVION", "BY AIR MAIL")


def envelope_size(key: str) -> EnvelopeSize:
    k = (key or "").strip().lower().replace("c65", "c6/5").replace("c6-5", "c6/5")
    if k not in ENVELOPES:
        raise UserFacingError(_("unknown envelope size {size}; use one of {sizes}").format(
            size=repr(key), sizes=", ".join(ENVELOPES)))
    return ENVELOPES[k]


# -- address lines (shared with labels.py) ---------------------------------------------------------

def sender_language(profile: SenderProfile | None) -> str:
    """The language the sender's post office reads: the first official language of the sender's
    country that Babel knows, else the profile's first language, else English."""
    from ua_writer.core import formatting

    country = (profile.country if profile else "") or ""
    if country:
        try:
            from babel.languages import get_official_languages

            for lang in get_official_languages(country.upper()):
                if formatting.known_locale(lang):
                    return lang.split("_")[0]
        except Exception:  # pragma: no cover - Babel data always present
            pass
    if profile and profile.languages:
        return profile.languages[0]
    return "en"


def destination_language(country: str, fallback: str) -> str:
    from ua_writer.core import formatting

    try:
        from babel.languages import get_official_languages

        for lang in get_official_languages(country.upper()):
            if formatting.known_locale(lang):
                return lang.split("_")[0]
    except Exception:  # pragma: no cover
        pass
    return fallback


def country_line(dest: str, sender_lang: str, dest_lang: str) -> str:
    """'RUSSLAND / РОССИЯ': the destination in capitals in the sender's and the destination's
    language (once if they agree) — the rule the letter's addressee block follows too."""
    from ua_writer.core.lang import postal_country_line

    return postal_country_line(dest, sender_lang, dest_lang)


def is_international(recipient: Recipient, profile: SenderProfile | None) -> bool:
    """True when the recipient's country is known and differs from the sender's (or the sender's
    is unknown: then we cannot tell, and the country line is the safe choice)."""
    if not recipient.country:
        return False
    sender = (profile.country if profile else "") or ""
    return not sender or sender.upper() != recipient.country.upper()


def has_postal_address(recipient: Recipient) -> bool:
    """True if the pack gives street/town lines for the recipient (in any language)."""
    return bool(recipient.address_lines) or any(l.address_lines for l in recipient.localized.values())


def postal_lines(recipient: Recipient, language: str, profile: SenderProfile | None) -> list[str]:
    """The recipient's address as printed on an envelope or label, in ``language``'s conventions
    (the letter's addressee block) plus the bilingual country line for international post."""
    from ua_writer.core.lang import get_rules

    try:
        rules = get_rules(language)
    except ValueError as e:
        raise UserFacingError(str(e)) from None
    # ask for the domestic form (no country line) and add our own, bilingual one
    lines = [l.strip() for l in rules.addressee_block(recipient, sender_country=recipient.country)
             if l and l.strip()]
    if is_international(recipient, profile):
        dest = recipient.country.upper()
        lines.append(country_line(dest, sender_language(profile),
                                  destination_language(dest, language)))
    return typeset_lines(lines, language)


def return_lines(profile: SenderProfile | None, recipient: Recipient | None = None) -> list[str]:
    """The sender's return address: name, address lines, and the sender's country (in the
    sender's and the destination's language) when the letter goes abroad."""
    if profile is None or profile.is_empty():
        return []
    lines = [profile.name.strip()] + [l.strip() for l in profile.address_lines if l.strip()]
    if recipient is not None and profile.country and is_international(recipient, profile):
        lines.append(country_line(profile.country.upper(), sender_language(profile),
                                  destination_language(recipient.country, "en")))
    return lines


# -- fitting text into a box -----------------------------------------------------------------------

class _Measure:
    """Duck-typed measurer for ``export.pdf.wrap`` (widths from reportlab's font metrics)."""

    def unit(self, text: str, font: str) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font, 1.0)

    def width(self, text: str, font: str, size: float) -> float:
        return self.unit(text, font) * size


@dataclass
class Fitted:
    """Lines laid out in a box: font size, leading, the wrapped lines; ``truncated`` if some
    text did not fit even at the smallest size."""

    size: float
    leading: float
    lines: list[str]
    truncated: bool = False

    def height(self) -> float:
        """Height in pt from the first line's top (baseline + size) to the last line's descent."""
        if not self.lines:
            return 0.0
        return self.size + (len(self.lines) - 1) * self.leading + DESCENT * self.size


#: below the baseline we reserve this fraction of the size (PT Serif descends ~0.27 em)
DESCENT = 0.3


def fit_lines(lines: list[str], font: str, width_pt: float, height_pt: float,
              sizes=ADDRESS_SIZES, leading_factor: float = 1.18) -> Fitted:
    """The largest size in ``sizes`` at which ``lines`` (wrapped to ``width_pt``) fit the box; at
    the smallest size, lines that still do not fit are cut and the last one ends in "…"."""
    from ua_writer.export.pdf import wrap

    m = _Measure()
    for size in sizes:
        wrapped = [w[0] for line in lines for w in wrap(line, font, size, width_pt, m)]
        fit = Fitted(size, size * leading_factor, wrapped)
        if fit.height() <= height_pt + 0.01:
            return fit
    # still too tall at the smallest size: keep as many lines as fit
    size = sizes[-1]
    fit = Fitted(size, size * leading_factor, wrapped, truncated=True)
    while fit.lines and fit.height() > height_pt + 0.01:
        fit.lines.pop()
    if fit.lines:
        last = fit.lines[-1]
        while last and m.width(last + "…", font, size) > width_pt:
            last = last[:-1]
        fit.lines[-1] = last.rstrip() + "…"
    return fit


def draw_fitted(c, fit: Fitted, font: str, x_pt: float, top_pt: float) -> None:
    """Draw ``fit`` left-aligned with its top at ``top_pt`` (PDF coordinates, y up)."""
    text = c.beginText()
    text.setFont(font, fit.size, fit.leading)
    text.setTextOrigin(x_pt, top_pt - fit.size)
    for line in fit.lines:
        text.textLine(line)
    c.drawText(text)


# -- the envelope ----------------------------------------------------------------------------------

@dataclass
class EnvelopeLayout:
    size: EnvelopeSize
    address: list[str]
    return_address: list[str]
    airmail: bool
    address_size: float = 0.0
    #: (x, y, w, h) in pt of the recipient's address field (PDF coordinates, origin bottom left)
    address_box: tuple[float, float, float, float] = (0, 0, 0, 0)
    warnings: list[str] = field(default_factory=list)


def render_envelope(recipient: Recipient, language: str, profile: SenderProfile | None,
                    out: BinaryIO, *, size: str = "dl", title: str | None = None,
                    invariant: bool = False) -> EnvelopeLayout:
    """Draw one envelope page into ``out`` (PDF)."""
    from reportlab.pdfgen.canvas import Canvas

    from ua_writer import __version__

    env = envelope_size(size)
    fs = _fonts.letter_fonts()
    W, H = env.width * MM, env.height * MM
    address = postal_lines(recipient, language, profile)
    ret = return_lines(profile, recipient)
    airmail = is_international(recipient, profile)
    lay = EnvelopeLayout(env, address, ret, airmail)
    if not has_postal_address(recipient):
        raise UserFacingError(_("recipient {id} has no postal address").format(id=repr(recipient.id)))
    if not ret:
        lay.warnings.append(Notice("envelope_no_return"))
    if airmail and not (profile and profile.country):
        lay.warnings.append(Notice("envelope_no_country"))
    missing = _fonts.missing_glyphs("".join(address + ret))
    if missing:
        lay.warnings.append(Notice("envelope_glyphs", characters=" ".join(sorted(missing))))

    c = Canvas(out, pagesize=(W, H), lang=language_tag(language), invariant=1 if invariant else 0,
               pageCompression=1, initialFontName=fs.regular, initialFontSize=RETURN_SIZE)
    c.setTitle(title or f"Envelope ({env.name}): {recipient.label()}")
    c.setCreator(f"ua-writer {__version__}")
    if profile and profile.name:
        c.setAuthor(profile.name)

    # return address, top left
    margin = 10 * MM
    ret_box_w = 0.45 * W - margin - 4 * MM
    y = H - margin
    if ret:
        fit = fit_lines(ret, fs.regular, ret_box_w, 30 * MM, sizes=(RETURN_SIZE, 7.5, 7.0, 6.5))
        draw_fitted(c, fit, fs.regular, margin, y)
        y -= fit.height() + 4 * MM
        if fit.truncated:
            lay.warnings.append(Notice("envelope_return_cut"))
    if airmail:
        box_w, box_h = 32 * MM, 11 * MM
        c.setLineWidth(0.8)
        c.rect(margin, y - box_h, box_w, box_h, stroke=1, fill=0)
        c.setFont(fs.bold, 9)
        c.drawCentredString(margin + box_w / 2, y - 4.6 * MM, AIRMAIL[0])
        c.setFont(fs.regular, 7.5)
        c.drawCentredString(margin + box_w / 2, y - 8.6 * MM, AIRMAIL[1])

    # recipient's address, lower right
    x0 = 0.45 * W
    right = W - 15 * MM
    top = H - max(40 * MM, 0.40 * H)
    bottom = 15 * MM
    box_w, box_h = right - x0, top - bottom
    lay.address_box = (x0, bottom, box_w, box_h)
    fit = fit_lines(address, fs.regular, box_w, box_h)
    lay.address_size = fit.size
    if fit.truncated:
        lay.warnings.append(Notice("envelope_address_cut"))
    elif fit.size < ADDRESS_SIZES[0]:
        lay.warnings.append(Notice("envelope_small_type", size=f"{fit.size:g}"))
    text_top = top - max(0.0, (box_h - fit.height()) / 2)
    draw_fitted(c, fit, fs.regular, x0, text_top)
    c.showPage()
    c.save()
    return lay


def envelope_pdf_bytes(recipient: Recipient, language: str, profile: SenderProfile | None,
                       **opts) -> tuple[bytes, EnvelopeLayout]:
    buf = io.BytesIO()
    lay = render_envelope(recipient, language, profile, buf, **opts)
    return buf.getvalue(), lay


def write_envelope_pdf(recipient: Recipient, language: str, profile: SenderProfile | None,
                       path: str | os.PathLike, **opts) -> ExportResult:
    """Write an envelope PDF atomically (the whole file or nothing)."""
    target = Path(path)
    with atomic_open(target) as fh:
        lay = render_envelope(recipient, language, profile, fh, **opts)
        size = fh.tell()
    return ExportResult(target, "pdf", pages=1, bytes_written=size, warnings=list(lay.warnings))
