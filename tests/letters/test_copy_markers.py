"""The copy marker reads as a phrase of its language, with the addressee in the right form and no
stray colon (issue 15, "Awkward": "KOPIE des Schreibens an: Herrn …")."""

from __future__ import annotations

from tests.letters.conftest import plain

import pytest

from tests.letters.conftest import DAY
from ua_writer.core.compose import compose_letter

MARKERS = {
    "ru": "КОПИЯ письма Генеральному прокурору Российской Федерации Ю. Я. Чайке",
    "en": "COPY of a letter to Yurii Ya. Chaika, Prosecutor General of the Russian Federation",
    "de": "KOPIE des Schreibens an Herrn Yurii Ya. Chaika, Generalstaatsanwalt der Russischen Föderation",
    "fr": "COPIE de la lettre adressée à Monsieur Yurii Ya. Chaika, Procureur général de la "
          "Fédération de Russie",
    "es": "COPIA de la carta dirigida al Sr. Yurii Ya. Chaika, Fiscal General de la Federación de Rusia",
}


@pytest.mark.parametrize("lang", sorted(MARKERS))
def test_copy_marker(seeds, berlin, lang):
    letter = compose_letter(seeds["juraev-2011"], "moscow-city-court", lang, berlin, DAY,
                            copy_of="prosecutor-general")
    assert plain(letter.copy_marker) == MARKERS[lang]
    assert ":" not in letter.copy_marker
