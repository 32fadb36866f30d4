"""Fax covers in the letter's language (issue 15, items 3 and 8, and the cover rules of "Awkward"):
the title and office in that language, the letter's own subject (not the UA's English headline),
the French "1er", the Russian dative after «Кому», one sender asking («Прошу»), the ministry
named once, and a copy recipient told it gets a copy."""

from __future__ import annotations

from tests.letters.conftest import plain

import re

import pytest

from tests.export.helpers import needs_pdftotext, norm, pdf_text
from tests.letters.conftest import DAY, UA_IDS
from ua_writer.core.compose import compose_letter
from ua_writer.export.faxcover import cover_data, fax_cover_pdf


def _cover(action, rid, lang, profile, copy_of=None):
    letter = compose_letter(action, rid, lang, profile, DAY, copy_of=copy_of)
    return letter, cover_data(letter, action.recipient(rid), profile, action, 2, date=DAY)


def _english_bits(action):
    """English words a de/fr/es cover must not contain: the UA's headline and titles."""
    bits = [action.title]
    for r in action.recipients:
        bits += [x for x in (r.title, r.organization) if x]
    return bits


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
@pytest.mark.parametrize("action_id", UA_IDS)
def test_no_english_title_or_headline_on_a_de_fr_es_cover(seeds, berlin, lang, action_id):
    action = seeds[action_id]
    for r in action.main_recipients():
        if r.copies_only:
            continue
        letter, data = _cover(action, r.id, lang, berlin)
        text = " ".join(data.to_lines + [data.subject, data.message])
        for bit in _english_bits(action):
            assert bit not in text, (r.id, bit)
        assert data.subject == letter.meta["subject_text"]
        assert not data.subject.startswith(("Objet", "Asunto"))   # the label is the cover's


def test_french_cover_of_the_letter_to_the_prosecutor_general(seeds, berlin):
    _letter, data = _cover(seeds["juraev-2011"], "prosecutor-general", "fr", berlin)
    assert plain(data.to_lines) == ["Monsieur Yurii Ya. Chaika", "Procureur général de la Fédération de Russie"]
    assert data.subject == "Nizomhon Juraev – menace d’extradition vers le Tadjikistan"
    assert plain(data.message) == ("Merci de bien vouloir transmettre la lettre ci-jointe à Monsieur "
                            "Yurii Ya. Chaika, Procureur général de la Fédération de Russie.")
    assert data.date == "1er avril 2011"          # as the letter writes it (item 8)
    assert "Yurii\u00a0Ya.\u00a0Chaika" in data.message  # the name never breaks ("Yurii⏎Ya. Chaika")


@pytest.mark.parametrize("lang,to,message", [
    ("de", ["Herrn M. A. Peshkov", "Direktor des Dritten GUS-Departements",
            "Ministerium für Auswärtige Angelegenheiten der Russischen Föderation"],
     "Bitte übergeben Sie das beigefügte Schreiben an Herrn M. A. Peshkov, Direktor des Dritten "
     "GUS-Departements. Vielen Dank."),
    ("es", ["Sr. M. A. Peshkov", "Director del Tercer Departamento de la CEI",
            "Ministerio de Asuntos Exteriores de la Federación de Rusia"],
     "Les ruego que hagan llegar la carta adjunta al Sr. M. A. Peshkov, Director del Tercer "
     "Departamento de la CEI. Muchas gracias."),
    ("ru", ["Директору Третьего департамента стран СНГ Министерства иностранных дел Российской "
            "Федерации", "М. А. Пешкову"],
     "Прошу передать прилагаемое письмо директору Третьего департамента стран СНГ Министерства "
     "иностранных дел Российской Федерации М. А. Пешкову. Спасибо."),
])
def test_the_ministry_cover_names_the_office_once_in_the_right_form(seeds, berlin, lang, to, message):
    _letter, data = _cover(seeds["kasymakhunov-2012"], "mfa-third-cis-department", lang, berlin)
    assert plain(data.to_lines) == to
    assert plain(data.message) == message
    assert sum("Министерств" in l or "Ministerium" in l or "Ministerio" in l for l in data.to_lines) == 1


def test_russian_cover_dative_and_one_sender(seeds, berlin):
    _letter, data = _cover(seeds["juraev-2011"], "prosecutor-general", "ru", berlin)
    assert plain(data.to_lines) == ["Генеральному прокурору Российской Федерации", "Ю. Я. Чайке"]
    assert plain(data.message).startswith("Прошу передать прилагаемое письмо Генеральному прокурору "
                                   "Российской Федерации Ю. Я. Чайке.")
    assert data.subject == "О выдаче Низомхона Джураева Таджикистану"
    assert "Просим" not in data.message


@pytest.mark.parametrize("lang,expected", [
    ("ru", "Направляю Вам для сведения копию моего письма Генеральному прокурору Российской "
           "Федерации Ю. Я. Чайке."),
    ("en", "Please find attached, for your information, a copy of my letter to Yurii Ya. Chaika, "
           "Prosecutor General of the Russian Federation."),
    ("de", "Beigefügt erhalten Sie zur Kenntnisnahme eine Kopie meines Schreibens an Herrn "
           "Yurii Ya. Chaika, Generalstaatsanwalt der Russischen Föderation."),
])
def test_a_copy_recipients_cover_says_it_is_a_copy(seeds, berlin, lang, expected):
    _letter, data = _cover(seeds["juraev-2011"], "moscow-city-court", lang, berlin,
                           copy_of="prosecutor-general")
    assert plain(data.message) == expected


@needs_pdftotext
def test_french_cover_date_in_the_pdf(seeds, berlin, tmp_path):
    action = seeds["kasymakhunov-2012"]
    letter = compose_letter(action, "prosecutor-general", "fr", berlin, DAY)
    fax_cover_pdf(letter, action.recipient("prosecutor-general"), berlin, action,
                  tmp_path / "c.pdf", date=DAY)
    text = norm(pdf_text(tmp_path / "c.pdf"))
    assert "1er avril 2011" in text and not re.search(r"\b1 avril", text)
    assert "Objet : Yusup Kasymakhunov" in text and "Objet : Objet" not in text
