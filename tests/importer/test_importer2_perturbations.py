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


# -- dates in capitals ------------------------------------------------------------------------------

from ua_writer.core.importer import fields as F  # noqa: E402


@pytest.mark.parametrize("text, want", [
    ("12 DE ABRIL DE 2019", dt.date(2019, 4, 12)), ("ANTES DEL 12 DE ABRIL DEL 2019", dt.date(2019, 4, 12)),
    ("12TH APRIL 2019", dt.date(2019, 4, 12)), ("APRIL 12TH, 2019", dt.date(2019, 4, 12)),
])
def test_upper_case_dates_parse_as_lower_case_ones_do(text, want):
    assert F.parse_date(text) == want


def test_upper_case_issue_date_and_deadline_in_a_ua():
    text = make_ua(date="8 DE ABRIL DE 2021",
                   deadline="ENVÍEN SUS LLAMAMIENTOS ANTES DEL 14 DE MAYO DE 2021.")
    assert summary(text) == _want()


@pytest.mark.parametrize("line", [
    "UA 57/21 Incommunicado detention/fear of torture 8 April 2021",
    "UA 57/21 Prisoner of conscience/health concern 8 April 2021",
])
def test_a_date_ending_a_ua_number_line_with_a_slashed_concern_is_the_issue_date(line):
    assert summary(make_ua(date=line)) == _want()


def test_a_month_name_opening_with_de_is_not_the_spanish_connector():
    assert F.parse_date("nach dem 22. Dezember 2009 keine") == dt.date(2009, 12, 22)
    assert F.parse_date("22. DEZEMBER 2009") == dt.date(2009, 12, 22)


# -- copy headers with leading conjunctions ---------------------------------------------------------

from tests.importer.test_perturbations import R3, flat  # noqa: E402
from ua_writer.core.importer.general import _header_kind  # noqa: E402

COPY_HEADERS = ["Y copias a:", "In copia a:", "E copie a:", "cc:", "Copies to:", "And also copies to:",
                "I kopie do:", "Et copies à :", "Und Kopien an:", "А также копии:"]


@pytest.mark.parametrize("header", COPY_HEADERS)
def test_copy_headers_with_leading_conjunctions_open_the_copies(header):
    assert _header_kind(header) == "copies"
    assert summary(make_ua(copy_header=header)) == _want()


def test_a_conjunction_does_not_turn_a_write_to_header_into_copies():
    assert _header_kind("And write to:") == "recipients"
    assert _header_kind("Y escriba a:") == "recipients"
    assert _header_kind("In the meantime:") is None


def test_a_one_line_copy_recipient_after_cc():
    assert summary(make_ua(copy_header="cc:", copies=[flat(R3)])) == _want()


# -- no cue entries keyed to one document -----------------------------------------------------------

from ua_writer.core.importer.cues import text_language  # noqa: E402

REMOVED = {"it": ["pussy", "riot", "cattedrale", "lascia un commento al post", "tre", "ovunque"],
           "en": ["riot", "band", "documenting"],
           "de": ["europarat", "weltklimakonferenz", "journalistenschule", "menschenrechtszentrum",
                  "straßenverkäuferin", "mittlerweile", "insbesondere", "zudem", "daher", "zwischen"],
           "fr": ["vierge"], "es": ["parlamento", "declaración", "parece", "fuentes"],
           "pl": ["działaczom", "kandydatowi", "jednemu", "dwóm", "obecnie", "ponadto"]}


@pytest.mark.parametrize("lang", list(REMOVED))
def test_document_keyed_words_are_not_cue_data(lang):
    data = json.loads((DIR / f"{lang}.json").read_text(encoding="utf-8"))
    words = {w.lower() for v in data.values() if isinstance(v, list) for w in v if isinstance(w, str)}
    assert not words & set(REMOVED[lang])


@pytest.mark.parametrize("text, lang", [
    ("Die Behörden müssen sie sofort freilassen. Sie ist eine gewaltlose politische Gefangene und wird "
     "ohne Kontakt zu ihrer Familie festgehalten.", "de"),
    ("Le autorità devono rilasciarla immediatamente. È una prigioniera di coscienza e non può vedere "
     "la sua famiglia.", "it"),
    ("Władze muszą ją natychmiast uwolnić. Jest więźniarką sumienia i nie może widzieć się z rodziną.", "pl"),
])
def test_the_text_language_does_not_need_those_stop_words(text, lang):
    assert text_language(text) == lang
