"""The salutation and the title follow the office the recipient actually holds, in every language
(issue 15, item 1): a UA may put the wrong title on a line ("Minister of Foreign Affairs" above a
department director); the hand-checked titles in the pack win, whatever language they are in."""

from __future__ import annotations

import datetime as dt

import pytest

from ua_writer.core.compose import compose_letter
from ua_writer.core.lang import get_rules
from ua_writer.core.model import Action, LocalizedRecipient, Recipient, SenderProfile

DAY = dt.date(2011, 4, 1)
PROFILE = SenderProfile(name="Anna Kovač", address_lines=["Hauptstr. 1", "10115 Berlin"],
                        city="Berlin", country="DE", gender="f")


def action_with(recipient: Recipient) -> Action:
    return Action(id="t", title="Man at risk", country="UA", languages=["en"],
                  appeals={"en": ["Urge the authorities to release him"]}, recipients=[recipient])


def director(**localized) -> Recipient:
    """A director whom the UA's English calls a minister (the way the Kasymakhunov UA does)."""
    return Recipient(id="dir", name="O. P. Kovalenko", title="Minister of Justice",
                     organization="Director, Second department", salutation="Dear Minister",
                     country="UA", gender="m", address_lines=["vul. Horodetskoho 13", "Kyiv", "01001"],
                     localized={k: LocalizedRecipient(**v) for k, v in localized.items()})


SALUTATIONS = {
    "en": "Dear Director,",
    "de": "Sehr geehrter Herr Direktor,",
    "fr": "Monsieur le Directeur,",
    "es": "Señor Director:",
}


@pytest.mark.parametrize("lang", sorted(SALUTATIONS))
def test_a_russian_title_corrects_the_uas_english_one(lang):
    r = director(ru={"name": "Олег Петрович Коваленко", "title": "Директор Второго департамента"})
    letter = compose_letter(action_with(r), r, lang, PROFILE, DAY)
    assert letter.salutation == SALUTATIONS[lang]
    assert "Minister" not in letter.closing and "Ministre" not in letter.closing


@pytest.mark.parametrize("lang", sorted(SALUTATIONS))
def test_the_title_in_the_letters_language_wins(lang):
    titles = {"en": "Director of the Second Department", "de": "Direktor der Zweiten Abteilung",
              "fr": "Directeur du Deuxième département", "es": "Director del Segundo Departamento"}
    r = director(**{lang: {"title": titles[lang]}})
    letter = compose_letter(action_with(r), r, lang, PROFILE, DAY)
    assert letter.salutation == SALUTATIONS[lang]
    assert titles[lang] in letter.addressee


def test_without_checked_titles_the_uas_office_is_used():
    r = director()
    assert compose_letter(action_with(r), r, "de", PROFILE, DAY).salutation == \
        "Sehr geehrter Herr Minister,"
    assert compose_letter(action_with(r), r, "en", PROFILE, DAY).salutation == "Dear Minister,"


def test_a_woman_director_in_every_language():
    r = director(ru={"title": "Директор департамента"})
    r.gender = "f"
    got = {l: compose_letter(action_with(r), r, l, PROFILE, DAY).salutation for l in SALUTATIONS}
    assert got == {"en": "Dear Director,", "de": "Sehr geehrte Frau Direktorin,",
                   "fr": "Madame la Directrice,", "es": "Señora Directora:"}


@pytest.mark.parametrize("lang,title,office", [
    ("de", "Generalstaatsanwalt der Russischen Föderation", "prosecutor general"),
    ("fr", "Procureure générale de la République", "prosecutor general"),
    ("es", "Presidente del Tribunal Supremo", "president"),
    ("ru", "Председатель Верховного Суда Российской Федерации", "chair"),
    ("ru", "Премьер-министр Республики", "prime minister"),
    ("en", "Minister of Foreign Affairs", "minister"),
])
def test_offices_recognised_from_titles_in_each_language(lang, title, office):
    assert get_rules(lang).recognize_office(title) == office


@pytest.mark.parametrize("lang,expected", [
    ("en", "Dear Director,"), ("de", "Sehr geehrter Herr Direktor,"),
    ("fr", "Monsieur le Directeur,"), ("es", "Señor Director:"),
    ("ru", "Уважаемый господин Пешков!"),
])
def test_the_mfa_department_director_in_the_kasymakhunov_pack(seeds, lang, expected):
    a = seeds["kasymakhunov-2012"]
    letter = compose_letter(a, "mfa-third-cis-department", lang, PROFILE, DAY)
    assert letter.salutation == expected
    text = letter.to_text()
    for wrong in ("Minister of Foreign Affairs", "Dear Minister", "Herr Minister", "le Ministre",
                  "Señor Ministro"):
        assert wrong not in text


@pytest.mark.parametrize("lang", ["ru", "en", "de", "fr", "es"])
def test_a_blank_name_is_no_name(lang):
    """Found by tests/reliability/test_fuzz.py: a name of one space took the surname of nothing."""
    r = director()
    r.name = " "
    letter = compose_letter(action_with(r), r, lang, PROFILE, DAY)
    assert letter.salutation.strip() and " " != letter.addressee[0].strip()
