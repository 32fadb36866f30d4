"""Details a native reader checks that had no test of their own (issue 15): the date on the
baseline of the last address line in every letter, no English office in a de/fr/es envelope or
label, one «е»/«ё» rule in Russian letter text, and the copies heading in the singular and the
plural in every language."""

from __future__ import annotations

import dataclasses

import pytest

from tests.letters.conftest import DAY, LANGS, UA_IDS
from ua_writer.core.compose import compose_letter
from ua_writer.export import pdf as pdf_export
from ua_writer.export.envelope import postal_lines
from ua_writer.export.labels import addresses_for


def _main_letters(seeds, profile, lang):
    for aid in UA_IDS:
        action = seeds[aid]
        for r in action.main_recipients():
            if not r.copies_only:
                yield aid, r.id, compose_letter(action, r, lang, profile, DAY)


def _baseline(layout, text):
    """The baseline (pt) of the line that reads ``text`` (a French "1er" is drawn in pieces: the
    first piece's baseline, which is the line's)."""
    ys = [op[2] for page in layout.pages[:1] for op in page
          if op[0] == "t" and op[5] and (op[5] == text or text.startswith(op[5]) and len(op[5]) >= 8)]
    assert ys, text
    return ys[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_date_stands_on_the_baseline_of_the_last_address_line(seeds, berlin, lang):
    for aid, rid, letter in _main_letters(seeds, berlin, lang):
        layout = pdf_export.layout_letter(letter)
        date_y = _baseline(layout, letter.place_date)
        last_y = _baseline(layout, letter.addressee[-1])
        # the report was 1.6 mm (4.5 pt); the date stays inside the head (the DOCX's exact-height
        # table), so an address filling the field to its foot may lift it by up to 0.2 mm
        assert abs(date_y - last_y) < 0.6, (aid, rid, date_y, last_y)


def _english_offices(action):
    return [x for r in action.recipients for x in (r.title, r.organization, r.salutation) if x]


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_envelopes_and_labels_carry_no_english_office(seeds, berlin, lang):
    for aid in UA_IDS:
        action = seeds[aid]
        english = _english_offices(action)
        labels, _warnings = addresses_for([action], berlin, copies=True, language=lang)
        blocks = [postal_lines(r, lang, berlin) for r in action.recipients if r.address_lines] + \
                 [a.lines for a in labels]
        assert blocks
        for lines in blocks:
            text = "\n".join(lines)
            for bit in english:
                assert bit not in text, (aid, lang, bit)


def test_russian_letter_text_writes_e_not_yo(seeds, berlin):
    """The packs write «е» (as Russian official correspondence does), so the template and the rules
    must too: a woman writing about a woman is where «её», «подчёркиваю», «ещё» would slip in."""
    her = dataclasses.replace(berlin, gender="f")
    for aid in UA_IDS:
        action = seeds[aid]
        women = dataclasses.replace(action, persons=[dataclasses.replace(p, gender="f") for p in action.persons])
        for a in (action, women):
            main = next(r for r in a.main_recipients() if not r.copies_only)
            letters = [compose_letter(a, r, "ru", her, DAY) for r in a.main_recipients() if not r.copies_only]
            letters += [compose_letter(a, r, "ru", her, DAY, copy_of=main) for r in a.copy_recipients()]
            for letter in letters:
                assert "ё" not in letter.to_text().lower(), (aid, [p for p in letter.paragraphs if "ё" in p])


@pytest.mark.parametrize("lang", LANGS)
def test_the_copies_heading_agrees_with_the_number_of_copies(seeds, berlin, lang):
    action = seeds["juraev-2011"]
    main = next(r for r in action.main_recipients() if not r.copies_only)
    copies = action.copy_recipients()
    assert copies
    one = dataclasses.replace(action, recipients=[main, copies[0]])
    two = dataclasses.replace(action, recipients=[main, copies[0], dataclasses.replace(copies[0], id="second-copy")])
    h1 = compose_letter(one, main, lang, berlin, DAY).copies_heading
    h2 = compose_letter(two, main, lang, berlin, DAY).copies_heading
    assert h1 != h2, (lang, h1, h2)            # «Копия:» / «Копии:», "Copy to:" / "Copies to:", …
