"""Perturbation tests for general importer weaknesses (issue #12): each UA line here is made up
for the test (no real case, no real address)."""

from __future__ import annotations

import datetime as dt

from ua_writer.core.importer import import_text

FI_UA = """EXTERNAL (for general distribution)     AI Index: EUR 99/07/95
Distr: UA/SC
3 March 1995

Further information on UA 41/95 (EUR 99/04/95, 10 February 1995) - Fear of torture

REPUBLIC OF ELBONIA     Dmitri Varga (m), journalist
                        Olga Varga (f), teacher

Dmitri Varga and Olga Varga were released without charge on 28 February 1995, after
two weeks in police custody in the capital. They say they were beaten during questioning.

RECOMMENDED ACTION:
Please write in English, Russian or your own language:
- welcoming the release of Dmitri and Olga Varga;
- urging the authorities to investigate the reports that they were beaten in custody;
- asking that those responsible be brought to justice.

APPEALS TO:

President of the Republic of Elbonia
Ivan Petrovich Kolev
Presidential Palace
Main Square 1
Elbonia City, Elbonia
Faxes: +99 12 345 678
Salutations: Dear President

COPIES TO: diplomatic representatives of Elbonia accredited to your country.

PLEASE SEND APPEALS IMMEDIATELY. Check with the International Secretariat, or your section
office, if sending appeals after 14 April 1995.
"""


def test_a_coherent_template_reading_still_lets_the_evidence_reader_win_on_other_fields():
    # the "fi" template reads recipients and deadline cleanly but misses the write-in languages
    # on their own line and takes the instruction line for an appeal point
    a = import_text(FI_UA).action
    assert a.issue_date == dt.date(1995, 3, 3)
    assert a.deadline == dt.date(1995, 4, 14)
    assert a.languages == ["en", "ru"]
    (points,) = a.appeals.values()
    assert len(points) == 3 and not any("Please write" in p for p in points)
    assert any(r.name == "Ivan Petrovich Kolev" for r in a.recipients)


# -- bullet glyphs come from cues/common.json alone -------------------------------------------------

import json  # noqa: E402

import pytest  # noqa: E402

from ua_writer.core.importer import text as T  # noqa: E402
from ua_writer.core.importer.cues import DIR  # noqa: E402
from tests.importer.test_perturbations import _want, make_ua, summary  # noqa: E402

NEW_GLYPHS = ["\u27a4 ", "\u2192 ", "\u2794 ", "\u25ba ", "\u25aa ", "\u25e6 ", "\u2713 ", "\u2014 ", "\u00b7 ",
              "o ", "a) "]


@pytest.mark.parametrize("glyph", NEW_GLYPHS)
def test_common_bullet_glyphs_give_the_same_points(glyph):
    bullet = (lambda k: "abc"[k] + ") ") if glyph == "a) " else (lambda k: glyph)
    assert summary(make_ua(bullet=bullet)) == _want()


def test_every_glyph_in_the_data_file_opens_a_bullet_line():
    glyphs = json.loads((DIR / "common.json").read_text(encoding="utf-8"))["bullets"]
    for g in glyphs:
        assert T.normalise(f"{g} Release Aigerim Sultanova now") == ["\u2022 Release Aigerim Sultanova now"], g


def test_glyphs_that_occur_in_prose_need_their_context():
    assert T.normalise("-5 degrees at night") == ["-5 degrees at night"]
    assert T.normalise("o dear, she wrote") == ["o dear, she wrote"]
    assert T.normalise("8. April 2021") == ["8. April 2021"]
