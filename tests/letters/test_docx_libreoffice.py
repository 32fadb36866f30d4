"""The DOCX keeps the envelope-window layout in LibreOffice (issue 15, item 4): every bundled
action × main and copy recipient × ru/en/de/fr/es, written as DOCX and converted by LibreOffice
headless (its own profile, PT Serif from resources/fonts as the only extra font), has the whole
addressee block inside the DIN 5008 window and as many pages as our PDF — and the date where the
PDF has it. Skipped, saying why, only where `soffice` or `pdftotext` is missing;
`.ci/system-deps.sh test` installs both."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.export.helpers import HAS_PDFTOTEXT, pdf_pages, word_boxes
from tests.letters.conftest import DAY, LANGS, UA_IDS
from ua_writer.core.compose import compose_letter
from ua_writer.export.docx import write_letter_docx
from ua_writer.export.pdf import geometry, write_letter_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
MM = 72 / 25.4
#: how far a word's box may stand past the window's edge (glyph boxes are not ink)
SLACK = 0.8 * MM

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                       "apt-get install libreoffice-writer-nogui (.ci/system-deps.sh test does)"),
    pytest.mark.skipif(not HAS_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed"),
]


def _cases(seeds, profile):
    """(name, letter, window side): every letter with the DIN 5008 (left) window, and the
    French ones again for envelopes with the window on the right."""
    for action_id in UA_IDS:
        action = seeds[action_id]
        mains = [r for r in action.main_recipients() if not r.copies_only]
        for lang in LANGS:
            for r in mains:
                letter = compose_letter(action, r, lang, profile, DAY)
                yield f"{action_id}-{r.id}-{lang}", letter, "left"
                if lang == "fr":
                    yield f"{action_id}-{r.id}-{lang}-right", letter, "right"
            for r in action.copy_recipients():
                yield (f"{action_id}-{r.id}-{lang}",
                       compose_letter(action, r, lang, profile, DAY, copy_of=mains[0]), "left")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seeds):
    """{name: (letter, our PDF, LibreOffice's PDF of our DOCX)} for every case, in one soffice run."""
    from ua_writer.core.model import SenderProfile

    profile = SenderProfile(name="Anna Kovač", address_lines=["Hauptstr. 1", "10115 Berlin"],
                            city="Berlin", country="DE", gender="f", names={"ru": "Анна Ковач"})
    root = tmp_path_factory.mktemp("lo")
    home = root / "home"
    (home / ".fonts").mkdir(parents=True)
    for font in FONTS.glob("*.ttf"):
        shutil.copy(font, home / ".fonts" / font.name)
    out: dict[str, tuple] = {}
    docx_files = []
    for name, letter, side in _cases(seeds, profile):
        write_letter_pdf(letter, root / f"{name}.pdf", window_side=side)
        write_letter_docx(letter, root / f"{name}.docx", window_side=side)
        docx_files.append(str(root / f"{name}.docx"))
        out[name] = (letter, root / f"{name}.pdf", root / "lo" / f"{name}.pdf", side)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{root}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(root / "lo"), *docx_files],
                   check=True, capture_output=True, timeout=600, env=env)
    return out


def _inside_window(pdf, side: str = "left") -> tuple[Counter, Counter]:
    """(words inside the window rectangle, all words) of page 1."""
    g = geometry("a4", side)
    left, right = g.field_left * MM - SLACK, (g.field_left + g.field_width) * MM + SLACK
    top, bottom = g.field_top * MM - SLACK, g.field_bottom * MM + SLACK
    inside, everywhere = Counter(), Counter()
    for word, x0, y0, x1, y1 in word_boxes(pdf):
        everywhere[word] += 1
        if x0 >= left and x1 <= right and y0 >= top and y1 <= bottom:
            inside[word] += 1
    return inside, everywhere


def test_there_are_cases(rendered, seeds):
    recipients = sum(len(seeds[a].recipients) for a in UA_IDS)
    mains = sum(1 for a in UA_IDS for r in seeds[a].recipients if not r.is_copy and not r.copies_only)
    assert recipients == 7 and len(rendered) == recipients * len(LANGS) + mains


def test_the_address_stays_in_the_window_and_the_pages_match(rendered):
    problems = []
    for name, (letter, ours, lo, side) in sorted(rendered.items()):
        tokens = Counter(w for line in letter.addressee for w in line.split())
        for label, pdf in (("PDF", ours), ("LibreOffice", lo)):
            inside, _all = _inside_window(pdf, side)
            missing = tokens - inside
            if missing:
                problems.append(f"{name} ({label}): outside the window: {sorted(missing)}")
            intruders = inside - tokens
            if intruders:
                problems.append(f"{name} ({label}): in the window but not the address: "
                                f"{sorted(intruders)}")
        if pdf_pages(lo) != pdf_pages(ours):
            problems.append(f"{name}: LibreOffice {pdf_pages(lo)} pages, our PDF {pdf_pages(ours)}")
    assert not problems, "\n".join(problems)


def test_the_date_where_the_pdf_has_it(rendered):
    problems = []
    for name, (letter, ours, lo, _side) in sorted(rendered.items()):
        first = letter.place_date.split()[0]
        pos = {}
        for label, pdf in (("pdf", ours), ("lo", lo)):
            boxes = [b for b in word_boxes(pdf) if b[0] == first]
            pos[label] = max(boxes, key=lambda b: b[1])   # the date line stands right
        (_, ax, _ay, _ax1, ay1), (_, bx, _by, _bx1, by1) = pos["pdf"], pos["lo"]
        if abs(ax - bx) > 1.5 * MM or abs(ay1 - by1) > 1.5 * MM:
            problems.append(f"{name}: date at ({bx / MM:.1f}, {by1 / MM:.1f}) mm, "
                            f"the PDF's at ({ax / MM:.1f}, {ay1 / MM:.1f}) mm")
    assert not problems, "\n".join(problems)
