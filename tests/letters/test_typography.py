"""One typography pass per language for every renderer (issue 15, "Typography"): no-break spaces
after initials and in «2011 г.», French no-break spaces before ":" everywhere (letter and fax
cover alike), curly apostrophes and the language's quotes, CLDR's city names in the date line."""

from __future__ import annotations

import re

import pytest

from tests.letters.conftest import DAY
from ua_writer.core.compose import compose_letter
from ua_writer.core.typography import NBSP, typeset
from ua_writer.export.faxcover import cover_data


def test_initials_stay_with_the_surname(seeds, berlin):
    ru = compose_letter(seeds["juraev-2011"], "prosecutor-general", "ru", berlin, DAY)
    assert f"Ю.{NBSP}Я.{NBSP}Чайке" in ru.addressee
    assert ru.place_date == f"1 апреля 2011{NBSP}г."
    assert f"ул.{NBSP}Большая Дмитровка, д.{NBSP}15а" in ru.addressee
    en = compose_letter(seeds["juraev-2011"], "prosecutor-general", "en", berlin, DAY)
    assert en.addressee[0] == f"Yurii{NBSP}Ya.{NBSP}Chaika"    # no break after "Yurii" either


def test_french_colons_and_apostrophes_everywhere(seeds, berlin):
    a = seeds["juraev-2011"]
    fr = compose_letter(a, "moscow-city-court", "fr", berlin, DAY, copy_of="prosecutor-general")
    text = fr.to_text()
    assert re.search(r"\S:", text.replace("http://", "")) is None      # never glued to the word
    assert not re.search(r" :", text)                                  # never an ordinary space
    assert fr.subject.startswith(f"Objet{NBSP}:") and fr.copies_heading == f"Copie à{NBSP}:"
    assert "'" not in text and "d’agréer" in fr.closing
    data = cover_data(fr, a.recipient("moscow-city-court"), berlin, a, 2, date=DAY)
    assert data.labels["colon"] == f"{NBSP}:" and NBSP in data.labels["pages"]


@pytest.mark.parametrize("lang,expected", [("en", "ask for “Fax”."), ("de", "ask for „Fax“."),
                                           ("fr", f"ask for «{NBSP}Fax{NBSP}»."),
                                           ("ru", "ask for «Fax».")])
def test_quotes_of_the_language(lang, expected):
    assert typeset('ask for "Fax".', lang) == expected


@pytest.mark.parametrize("lang,city", [("es", "Berlín"), ("de", "Berlin"), ("fr", "Berlin"),
                                       ("en", "Berlin")])
def test_cldr_city_names_in_the_date_line(seeds, berlin, lang, city):
    letter = compose_letter(seeds["juraev-2011"], "prosecutor-general", lang, berlin, DAY)
    assert letter.place_date.startswith(city + ",")


def test_nothing_is_reworded():
    text = "Hauptstr. 1, 10115 Berlin; I call on them. Thank you! 10:30"
    assert typeset(text, "en") == text
