"""The PDF writer's shortcuts (issue #16, pdf_floor_ratio) give exactly what the general way gives.

* ``pdf._breaks`` (the line-breaking programme) compares only the ends that give the fewest lines;
  it must choose the same breaks, float for float, as the full programme below (the one it
  replaced), tie-breaking included.
* ``pdf.draw_page`` writes the text operators itself and encodes each line with one
  ``str.translate``; the PDF must be byte for byte what reportlab's text objects write
  (``pdf._draw_page_text_objects``) — also past the first 256-glyph subset of a face.
* Word widths and paragraph lines remembered across layouts change nothing, and a font
  registered anew under the same name is measured anew.
"""

from __future__ import annotations

import random

import pytest

from tests.export.sample_letters import (EN_PARAGRAPHS, RU_PARAGRAPHS, english_letter,
                                         long_russian_letter, russian_letter)
from ua_writer.export import pdf
from ua_writer.export.fonts import letter_fonts


def _breaks_reference(widths, space, first, rest):
    """The full dynamic programme (every end tried for every start), as it was before."""
    n = len(widths)
    best = [(0, 0.0)] * (n + 1)
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


def test_line_breaks_are_those_of_the_full_programme():
    rnd = random.Random(16)
    for _ in range(20_000):
        n = rnd.randint(0, 40)
        kind = rnd.random()
        if kind < 0.3:    # equal widths: many exact ties between candidate ends
            widths = [float(rnd.choice([10, 20, 30])) for _ in range(n)]
        elif kind < 0.4:  # words longer than the measure, and empty ones
            widths = [rnd.choice([10.0, 150.0, 0.0]) for _ in range(n)]
        else:
            widths = [rnd.uniform(0, 80) for _ in range(n)]
        space = rnd.choice([0.0, 2.5, 3.0, rnd.uniform(0, 5)])
        rest = rnd.choice([100.0, 60.0, rnd.uniform(20, 200)])
        first = rnd.choice([rest, rest + 20, rest - 15])
        assert pdf._breaks(widths, space, first, rest) == \
            _breaks_reference(widths, space, first, rest), (widths, space, first, rest)


def _wide_letter():
    """A letter using more than 256 different glyphs of the regular face (two subsets)."""
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(letter_fonts().regular).face.charToGlyph
    chars = "".join(chr(c) for c in sorted(cmap) if c > 32 and not chr(c).isspace())
    assert len(chars) > 300
    extra = [chars[i:i + 50] + " " + chars[i + 50:i + 100] for i in range(0, len(chars), 100)]
    return russian_letter(paragraphs=RU_PARAGRAPHS + extra, subject="Тема " + chars[-200:])


LETTERS = {
    "ru": russian_letter,
    "en": english_letter,
    "long": lambda: long_russian_letter(4),
    "copy": lambda: russian_letter(copy_marker="КОПИЯ письма Генеральному прокурору"),
    "untranslated": lambda: english_letter(untranslated=[EN_PARAGRAPHS[1]]),
    "french-1er": lambda: english_letter(language="fr", place_date="Paris, le 1er mai 2011"),
    "wide": _wide_letter,
    "empty-lines": lambda: english_letter(paragraphs=[""], sender=["", "x"], subject=""),
}


@pytest.mark.parametrize("name", list(LETTERS))
@pytest.mark.parametrize("align", ["left", "justify"])
def test_direct_text_operators_are_what_reportlab_text_objects_write(name, align, monkeypatch):
    letter = LETTERS[name]()
    calls = []
    general = pdf._draw_page_text_objects
    monkeypatch.setattr(pdf, "_draw_page_text_objects", lambda c, ops: calls.append(1) or
                        general(c, ops))
    fast, pages = pdf.letter_pdf_bytes(letter, invariant=True, align=align)
    assert calls == []                       # the shortcut drew every page
    monkeypatch.setattr(pdf, "_text_runs", lambda c, ops: None)
    slow, pages_slow = pdf.letter_pdf_bytes(letter, invariant=True, align=align)
    assert len(calls) == pages == pages_slow
    assert fast == slow


def test_remembered_widths_and_lines_change_nothing():
    letter = long_russian_letter(2)
    pdf.clear_layout_caches()
    cold, _pages = pdf.letter_pdf_bytes(letter, invariant=True, align="justify")
    warm, _pages = pdf.letter_pdf_bytes(letter, invariant=True, align="justify")
    assert cold == warm
    m = pdf._Measurer()
    font = letter_fonts().regular
    first = pdf.wrap(RU_PARAGRAPHS[0], font, 11, 400, m, hang=True)
    again = pdf.wrap(RU_PARAGRAPHS[0], font, 11, 400, m, hang=True)
    assert first == again and first is not again
    again.clear()                            # a caller's list is its own
    assert pdf.wrap(RU_PARAGRAPHS[0], font, 11, 400, m, hang=True) == first
    # another measure or size is laid out anew
    assert len(pdf.wrap(RU_PARAGRAPHS[0], font, 11, 200, m)) > len(first)


def test_each_font_object_has_its_own_widths(monkeypatch):
    """Widths are remembered per font object: another object under a name (reportlab keeps the
    first one registered, but its table can be changed) is measured anew."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from ua_writer import paths

    folder = paths.fonts_dir()
    name = "UAW-Test-Remeasured"
    monkeypatch.setitem(pdfmetrics._fonts, name, TTFont(name, str(folder / "PTSerif-Regular.ttf")))
    text = "Wide words measured in the first face"
    regular = pdf.wrap(text, name, 11, 100, pdf._Measurer())
    monkeypatch.setitem(pdfmetrics._fonts, name, TTFont(name, str(folder / "PTSerif-Bold.ttf")))
    bold = pdf.wrap(text, name, 11, 100, pdf._Measurer())
    assert [w for _s, w, _i, _l in regular] != [w for _s, w, _i, _l in bold]
    assert bold[0][1] == pytest.approx(pdfmetrics.stringWidth(bold[0][0], name, 11))
