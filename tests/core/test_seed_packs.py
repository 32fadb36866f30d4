"""The five hand-transcribed seed packs in resources/actions/ load, and say what the sources say."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ua_writer.core import packs

ACTIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "actions"

UA_IDS = ("juraev-2011", "azimov-2011", "kasymakhunov-2012")
BACKGROUND_IDS = ("ivanovo-refugees-2006", "tajik-protesters-deportation")
SEED_IDS = UA_IDS + BACKGROUND_IDS

SOURCES = {
    "juraev-2011": "000_e4e6033d01025e6d.txt",
    "azimov-2011": "001_b4c268c41dd0115f.txt",
    "kasymakhunov-2012": "002_fa989ddf2a2683d9.txt",
    "ivanovo-refugees-2006": "003_fc3c476a38994bfe.txt",
    "tajik-protesters-deportation": "004_eb31e6506aaa2254.txt",
}

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def _path(action_id: str) -> Path:
    return ACTIONS_DIR / f"{action_id}.json"


@pytest.fixture(scope="module")
def seeds():
    return {i: packs.load(_path(i)) for i in SEED_IDS}


# -- every pack --------------------------------------------------------------------------------

@pytest.mark.parametrize("action_id", SEED_IDS)
def test_pack_loads_with_matching_id_and_source(action_id):
    a = packs.load(_path(action_id))
    assert a.id == action_id
    assert a.source == SOURCES[action_id]
    assert a.country == "RU"
    assert a.ua_number is None and a.index is None  # the seeds show neither
    assert a.title.strip() and "URGENT ACTION" not in a.title.upper()
    assert a.summary and a.summary.strip()
    assert a.background and "\n\n" in a.background
    # no PDF hard wraps left inside paragraphs, no empty paragraphs
    for para in a.background.split("\n\n"):
        assert para.strip() and "\n" not in para
    ru = a.localized["ru"]
    assert CYRILLIC.search(ru["title"]) and CYRILLIC.search(ru["summary"])


@pytest.mark.parametrize("action_id", SEED_IDS)
def test_dumps_round_trips(action_id):
    a = packs.load(_path(action_id))
    assert packs.loads(packs.dumps(a)) == a


# -- dates and languages -----------------------------------------------------------------------

def test_deadlines_and_issue_dates(seeds):
    assert seeds["juraev-2011"].deadline == dt.date(2011, 5, 3)
    assert seeds["juraev-2011"].issue_date == dt.date(2011, 3, 22)
    assert seeds["azimov-2011"].deadline == dt.date(2011, 8, 23)
    assert seeds["azimov-2011"].issue_date == dt.date(2011, 7, 13)
    assert seeds["kasymakhunov-2012"].deadline == dt.date(2012, 8, 20)
    assert seeds["kasymakhunov-2012"].issue_date is None  # the UA text carries no "Date:" line
    for i in BACKGROUND_IDS:
        assert seeds[i].deadline is None
        assert seeds[i].issue_date is None
        assert seeds[i].status(dt.date(2026, 11, 25)) == "undated"


def test_requested_languages(seeds):
    assert seeds["juraev-2011"].languages == ["ru"]
    assert seeds["azimov-2011"].languages == ["ru", "en"]
    assert seeds["kasymakhunov-2012"].languages == ["ru", "en"]
    for i in BACKGROUND_IDS:
        assert seeds[i].languages == []


# -- persons ------------------------------------------------------------------------------------

def test_persons(seeds):
    def only(a):
        assert len(a.persons) == 1
        return a.persons[0]

    juraev = only(seeds["juraev-2011"])
    assert (juraev.name, juraev.gender, juraev.names["ru"]) == ("Nizomhon Juraev", "m", "Низомхон Джураев")
    assert juraev.forms["ru"]["datv"] == "Низомхону Джураеву"
    azimov = only(seeds["azimov-2011"])
    assert (azimov.name, azimov.gender, azimov.names["ru"]) == ("Ismon Azimov", "m", "Исмон Азимов")
    assert azimov.forms["ru"]["gent"] == "Исмона Азимова"
    kasym = only(seeds["kasymakhunov-2012"])
    assert kasym.name == "Yusup Salimakhunovich Kasymakhunov" and kasym.gender == "m"
    assert kasym.names["ru"] == "Юсуп Салимахунович Касымахунов"
    assert kasym.forms["ru"]["gent"] == "Юсупа Салимахуновича Касымахунова"
    amon = only(seeds["tajik-protesters-deportation"])
    assert (amon.name, amon.names["ru"], amon.gender) == ("Izzat Amon", "Иззат Амон", "m")
    assert seeds["ivanovo-refugees-2006"].persons == []
    for a in seeds.values():
        for p in a.persons:
            for case, form in p.forms.get("ru", {}).items():
                assert case in ("gent", "datv", "accs", "ablt", "loct")
                assert CYRILLIC.search(form) and not LATIN.search(form)


# -- appeals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("action_id", UA_IDS)
def test_appeals_en_and_ru_match(seeds, action_id):
    a = seeds[action_id]
    assert set(a.appeals) == {"en", "ru"}
    en, ru = a.appeals["en"], a.appeals["ru"]
    assert en and len(en) == len(ru)
    for point in en:  # the UA's own wording (the importer reads exactly this from the seed)
        assert point.strip() and point[0].isupper()
        assert "authorties" not in point
    for point in ru:
        assert point.strip() and CYRILLIC.search(point) and point.rstrip().endswith(".")


def test_appeal_counts_and_wording(seeds):
    assert len(seeds["juraev-2011"].appeals["en"]) == 3
    assert len(seeds["azimov-2011"].appeals["en"]) == 3
    assert len(seeds["kasymakhunov-2012"].appeals["en"]) == 2
    assert seeds["juraev-2011"].appeals["en"][0] == "Urge the Russian authorities not to extradite Nizomhon Juraev"
    assert seeds["azimov-2011"].appeals["en"][0] == "Urging the authorities not to extradite Ismon Azimov"
    assert "Низомхона Джураева" in seeds["juraev-2011"].appeals["ru"][0]
    assert "Юсупа Касымахунова" in seeds["kasymakhunov-2012"].appeals["ru"][0]


@pytest.mark.parametrize("action_id", BACKGROUND_IDS)
def test_background_documents_have_no_letter_parts(seeds, action_id):
    a = seeds[action_id]
    assert a.appeals == {} and a.recipients == []


# -- recipients ---------------------------------------------------------------------------------

def test_recipient_ids(seeds):
    ids = {i: [r.id for r in seeds[i].recipients] for i in UA_IDS}
    assert ids == {
        "juraev-2011": ["prosecutor-general", "moscow-city-court"],
        "azimov-2011": ["prosecutor-general", "moscow-regional-court"],
        "kasymakhunov-2012": ["prosecutor-general", "mfa-third-cis-department", "supreme-court-chair"],
    }


def test_prosecutor_general(seeds):
    for i in UA_IDS:
        r = seeds[i].recipient("prosecutor-general")
        assert r.name == "Yurii Ya. Chaika" and r.gender == "m" and not r.is_copy
        assert r.fax == ["+7 495 987 58 41"] and r.country == "RU"
        assert r.address_lines[0] == "Bolshaia Dmitrovka 15 A"
        ru = r.local("ru")
        assert ru.name == "Юрий Яковлевич Чайка"
        assert ru.title == "Генеральный прокурор Российской Федерации"
        assert ru.address_lines == ["ул. Большая Дмитровка, д. 15а", "г. Москва", "125993"]
        assert ru.forms == {"title_datv": "Генеральному прокурору Российской Федерации",
                            "name_datv": "Ю. Я. Чайке"}
    assert seeds["juraev-2011"].recipient("prosecutor-general").salutation == "Dear Prosecutor General"
    assert seeds["azimov-2011"].recipient("prosecutor-general").salutation == "Dear Prosecutor General"
    pg_2012 = seeds["kasymakhunov-2012"].recipient("prosecutor-general")
    assert pg_2012.salutation == "Dear Prosecutor-General"
    assert pg_2012.email == ["prgenproc@gov.ru"]


def test_moscow_city_court_is_copies_only(seeds):
    a = seeds["juraev-2011"]
    court = a.recipient("moscow-city-court")
    assert court.is_copy and court.copies_only
    assert court.name is None and court.organization == "Moscow City Court"
    assert court.fax == ["+7 495 963 9359"]
    assert court.address_lines == ["Bogorodskii Val, d. 8", "Moscow", "107076"]
    assert court.note == "Please do not send letters directly to the court, only copies."
    assert court.local("ru").organization == "Московский городской суд"
    assert court.local("ru").address_lines[-2:] == ["г. Москва", "107076"]
    assert a.main_recipients() == [a.recipient("prosecutor-general")]
    assert "do not send letters directly" in a.notes


def test_moscow_regional_court(seeds):
    court = seeds["azimov-2011"].recipient("moscow-regional-court")
    assert court.is_copy and not court.copies_only
    assert court.organization == "Moscow Regional Court" and court.name is None
    assert court.fax == ["+7 498 692 6082"]
    ru = court.local("ru")
    assert ru.organization == "Московский областной суд"
    assert ru.address_lines == ["Московская область", "Красногорский район", "п/о Красногорск-2", "143402"]
    assert court.address_lines[0] == "123402 Moscow region"  # as the UA prints it; see the note


def test_mfa_recipient(seeds):
    mfa = seeds["kasymakhunov-2012"].recipient("mfa-third-cis-department")
    assert not mfa.is_copy and mfa.gender == "m"
    assert mfa.name == "M. A. Peshkov"
    # English fields as the UA prints the block; the Russian fields say what the office is
    assert mfa.title == "Minister of Foreign Affairs"
    assert mfa.organization == "Director, Third department on CIS countries"
    assert mfa.address_lines == ["Ul. Smolenskaya-Sennaia pl, 32/34", "Moscow", "119200"]
    assert mfa.email == ["3dsng@mid.ru"]
    assert mfa.fax == ["+7 499 241 21 75"]
    assert mfa.note and 'ask for "Fax"' in mfa.note
    assert mfa.salutation == "Dear Minister"
    ru = mfa.local("ru")
    assert ru.name == "М. А. Пешков"
    assert ru.title == ("Директор Третьего департамента стран СНГ "
                        "Министерства иностранных дел Российской Федерации")
    assert ru.address_lines == ["Смоленская-Сенная пл., д. 32/34", "г. Москва", "119200"]
    assert ru.forms["name_datv"] == "М. А. Пешкову"
    assert ru.forms["title_datv"].startswith("Директору Третьего департамента стран СНГ")


def test_supreme_court_chair(seeds):
    sc = seeds["kasymakhunov-2012"].recipient("supreme-court-chair")
    assert sc.is_copy and sc.gender == "m"
    assert sc.name == "Vyachslav Mikhailovich Lebedev"  # the UA's spelling; Russian form below
    assert sc.local("ru").name == "Вячеслав Михайлович Лебедев"
    assert sc.fax == ["+7 495 695 51 72", "+7 495 691 98 77"]
    assert sc.email == ["nikibor@vsrf.ru"]
    assert sc.address_lines == ["Povarskaya ul. 15", "Moscow", "121260"]
    ru = sc.local("ru")
    assert ru.name == "Вячеслав Михайлович Лебедев"
    assert ru.title == "Председатель Верховного Суда Российской Федерации"
    assert ru.address_lines == ["ул. Поварская, д. 15", "г. Москва", "121260"]
    assert ru.forms == {"title_datv": "Председателю Верховного Суда Российской Федерации",
                        "name_datv": "В. М. Лебедеву"}


@pytest.mark.parametrize("action_id", UA_IDS)
def test_every_ua_recipient_is_complete_in_russian(seeds, action_id):
    for r in seeds[action_id].recipients:
        assert r.country == "RU"
        assert r.address_lines and r.fax
        # the country goes in `country`, never into the address lines
        assert not any("Russian Federation" in line for line in r.address_lines)
        ru = r.local("ru")
        assert ru.address_lines, r.id
        assert not any("Российская Федерация" in line or LATIN.search(line) for line in ru.address_lines)
        assert ru.address_lines[-1].isdigit() and len(ru.address_lines[-1]) == 6  # postal code last
        assert ru.organization and CYRILLIC.search(ru.organization)
        if r.name is None:  # an institution
            assert r.organization and ru.name is None
        else:  # a person: name, title and hand-checked dative forms
            assert ru.name and CYRILLIC.search(ru.name) and not LATIN.search(ru.name)
            assert ru.title and CYRILLIC.search(ru.title)
            assert set(ru.forms) >= {"name_datv", "title_datv"}
            assert r.gender == "m"
    assert any(not r.is_copy for r in seeds[action_id].recipients)


@pytest.mark.parametrize("action_id", UA_IDS)
def test_ua_packs_carry_russian_notes_and_background(seeds, action_id):
    """The instructions and background read in Russian in the Russian UI (localized.ru)."""
    a = seeds[action_id]
    ru = a.localized["ru"]
    assert CYRILLIC.search(ru["notes"]) and "дипломатическим представителям" in ru["notes"]
    assert not re.search(r"[A-Za-z]{3,}", ru["notes"])
    # the same paragraphs as the English background, no hard wraps
    assert len(ru["background"].split("\n\n")) == len(a.background.split("\n\n"))
    for para in ru["background"].split("\n\n"):
        assert para.strip() and "\n" not in para and CYRILLIC.search(para)
    if action_id == "juraev-2011":
        assert "не отправляйте письма непосредственно в Московский городской суд" in ru["notes"]
