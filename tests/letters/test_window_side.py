"""The envelope window's side follows the sender's country (left for DIN 5008 countries, right
for France, Switzerland and their neighbours' envelopes), unless Preferences say otherwise
(issue 15: "a sender in France gets a left (DIN) window, French envelopes have it on the right")."""

from __future__ import annotations

import pytest

from tests.letters.conftest import DAY
from ua_writer.core.compose import compose_letter
from ua_writer.core.lang import window_side_for
from ua_writer.core.model import SenderProfile
from ua_writer.export.docx import letter_docx_document
from ua_writer.export.pdf import layout_letter
from ua_writer.services.exporters import layout_options


@pytest.mark.parametrize("country,side", [("FR", "right"), ("CH", "right"), ("BE", "right"),
                                          ("DE", "left"), ("AT", "left"), ("GB", "left"),
                                          ("", "left"), (None, "left")])
def test_the_side_by_country(country, side):
    assert window_side_for(country) == side


def _letter(seeds, country):
    profile = SenderProfile(name="Claire Martin", address_lines=["12 rue de la Paix", "69001 Lyon"],
                            city="Lyon", country=country, gender="f")
    return compose_letter(seeds["juraev-2011"], "prosecutor-general", "fr", profile, DAY)


def test_auto_puts_a_french_senders_window_on_the_right(seeds):
    fr = layout_letter(_letter(seeds, "FR"), window_side="auto")
    de = layout_letter(_letter(seeds, "DE"), window_side="auto")
    assert fr.geometry.field_left == 105.0 and de.geometry.field_left == 20.0
    assert all(ln.x > 105 for ln in fr.address)
    # the DOCX follows: the field is the head table's second column
    doc = letter_docx_document(_letter(seeds, "FR"), window_side="auto")
    field_row = doc.tables[0].rows[1]
    assert [p.text for p in field_row.cells[1].paragraphs][0].startswith("Monsieur Yurii")
    assert round(field_row.cells[1].width.mm) == 85


def test_preferences_override_and_auto_is_the_default():
    assert layout_options({})["window_side"] == "auto"
    assert layout_options({"window_side": "left"})["window_side"] == "left"
    assert layout_options({"window_side": "right"})["window_side"] == "right"


def test_an_explicit_side_wins_over_the_country(seeds):
    assert layout_letter(_letter(seeds, "FR"), window_side="left").geometry.field_left == 20.0
