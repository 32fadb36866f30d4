"""Every bundled action × every recipient × every language, composed for real; plus hand-checked
letters for the seed UAs (Juraev, Azimov, Kasymakhunov)."""

from __future__ import annotations

import datetime as dt

import pytest

from ua_writer import paths
from ua_writer.core import packs
from ua_writer.core.compose import available_languages, compose_letter
from ua_writer.core.errors import UserFacingError
from ua_writer.core.lang import get_rules
from ua_writer.core.letter import from_text
from ua_writer.core.typography import typeset, typeset_lines
from tests.letters.conftest import plain
from ua_writer.core.model import SenderProfile

DAY = dt.date(2011, 4, 1)
PROFILE = SenderProfile(name="Anna Kovač", names={"ru": "Анна Ковач"},
                        address_lines=["Musterstraße 12", "10115 Berlin"], city="Berlin", country="DE",
                        email="anna@example.org", gender="f")
PLACE_DATE = {"en": "Berlin, 1 April 2011", "ru": "1 апреля 2011 г.", "de": "Berlin, 1. April 2011",
              "fr": "Berlin, le 1er avril 2011", "es": "Berlín, 1 de abril de 2011"}  # CLDR: Berlín
SALUTATION_END = {"en": ",", "ru": "!", "de": ",", "fr": ",", "es": ":"}
LANGS = ["en", "ru", "de", "fr", "es"]


def _actions():
    return [packs.load(p) for p in sorted(paths.bundled_actions_dir().glob("*.json"))]


def _cases():
    return [pytest.param(a, r, lang, id=f"{a.id}-{r.id}-{lang}")
            for a in _actions() for r in a.recipients for lang in LANGS]


def _action(action_id):
    return packs.load(paths.bundled_actions_dir() / f"{action_id}.json")


def test_the_seed_packs_are_there():
    assert len(_cases()) >= 7 * 5      # 7 recipients in the three UAs, 5 languages
    assert set(LANGS) <= set(available_languages())


@pytest.mark.parametrize("action,recipient,lang", _cases())
def test_every_seed_letter(action, recipient, lang):
    rules = get_rules(lang)
    if recipient.copies_only:
        with pytest.raises(UserFacingError):
            compose_letter(action, recipient, lang, PROFILE, DAY)
        original = next(r for r in action.main_recipients() if not r.copies_only)
        letter = compose_letter(action, recipient, lang, PROFILE, DAY, copy_of=original)
        # the copy marker says whom the original is written to; the window shows the copy recipient
        assert plain(letter.copy_marker).startswith(rules.words["copy_marker"] + " ")
        assert typeset(rules.recipient_label(original), lang) in letter.copy_marker
        window = recipient
        addressee = original
    else:
        letter = compose_letter(action, recipient, lang, PROFILE, DAY)
        assert plain(letter.copy_marker) == ""
        addressee = window = recipient

    assert letter.language == lang
    assert plain(letter.place_date) == PLACE_DATE[lang]
    assert letter.sender[0] == ("Анна Ковач" if lang == "ru" else "Anna Kovač")
    # addressee: the recipient's postal lines in the letter's language (else the hand-checked
    # English form, else the UA's), then the country line
    lines = next(l for l in (window.local(lang).address_lines, window.local("en").address_lines,
                             window.address_lines) if l is not None)
    for line in lines:
        assert typeset(line, lang) in letter.addressee
    assert letter.addressee[-1] == "RUSSLAND / РОССИЯ"    # as on the envelope: sender in Germany
    assert letter.addressee == typeset_lines(rules.addressee_block(window, sender_country="DE"), lang)
    assert letter.salutation == typeset(rules.salutation(addressee), lang)
    assert letter.salutation.endswith(SALUTATION_END[lang])
    assert letter.closing == typeset(rules.closing(addressee), lang)
    # appeal points: in the letter's language, else English behind a visible marker
    own = action.appeals.get(lang)
    if own:
        for point in own:
            assert typeset(rules.appeal(point), lang) in letter.paragraphs
    elif action.appeals.get("en"):
        marker = typeset(rules.untranslated_marker("en"), lang)
        i = letter.paragraphs.index(marker)
        en = get_rules("en")
        assert letter.paragraphs[i + 1:i + 1 + len(action.appeals["en"])] == \
            [typeset(en.appeal(p), lang) for p in action.appeals["en"]]
        assert any("no appeal points" in w for w in letter.warnings)
    # the persons are named in the opening paragraph
    for p in action.persons:
        forms = rules.person(p)
        assert any(typeset(f.case("gent" if lang == "ru" else "nomn"), lang) in letter.paragraphs[0]
                   for f in (forms, forms.short))
    # copies: every copy recipient but the addressee
    assert letter.copies == [typeset(rules.recipient_label(r), lang)
                             for r in action.copy_recipients() if r.id != addressee.id]
    heading = rules.words["copies_heading"]
    if len(letter.copies) == 1:   # «Копия:» / "Copy to:" for one entry
        heading = rules.words.get("copy_heading", heading)
    assert letter.copies_heading == heading
    assert letter.meta["action_id"] == action.id and letter.meta["recipient_id"] == recipient.id
    assert action.notes is None or action.notes not in letter.to_text()
    assert from_text(letter.to_text(), letter) == letter


# -- hand-checked seed letters ------------------------------------------------------------------

def test_juraev_russian_letter_to_the_prosecutor_general():
    l = compose_letter(_action("juraev-2011"), "prosecutor-general", "ru", PROFILE, DAY)
    assert plain(l.addressee) == ["Генеральному прокурору Российской Федерации", "Ю. Я. Чайке",
                           "ул. Большая Дмитровка, д. 15а", "г. Москва", "125993",
                           "RUSSLAND / РОССИЯ"]
    assert plain(l.salutation) == "Уважаемый Юрий Яковлевич!"
    assert plain(l.paragraphs[0]).startswith("Я обращаюсь к Вам в связи с делом Низомхона Джураева, судьба "
                                      "которого вызывает у меня глубокую тревогу.")
    assert "Призываю российские власти не выдавать Низомхона Джураева Таджикистану." in l.paragraphs
    assert l.closing == "С уважением,"
    assert (l.copies_heading, plain(l.copies)) == ("Копия:", ["Московскому городскому суду"])
    assert l.warnings == []


def test_juraev_copy_for_the_moscow_city_court():
    a = _action("juraev-2011")
    with pytest.raises(UserFacingError, match="only to send copies"):
        compose_letter(a, "moscow-city-court", "ru", PROFILE, DAY)
    l = compose_letter(a, "moscow-city-court", "ru", PROFILE, DAY, copy_of="prosecutor-general")
    assert plain(l.copy_marker) == "КОПИЯ письма Генеральному прокурору Российской Федерации Ю. Я. Чайке"
    # the envelope window shows the court, the body is the letter to the Prosecutor General
    assert plain(l.addressee[:2]) == ["Московский городской суд", "ул. Богородский Вал, д. 8"]
    assert plain(l.salutation) == "Уважаемый Юрий Яковлевич!"
    assert l.to_text().startswith(l.copy_marker + "\n\nАнна Ковач\n")


def test_juraev_english_german_french_spanish_salutations():
    a = _action("juraev-2011")
    got = {lang: compose_letter(a, "prosecutor-general", lang, PROFILE, DAY) for lang in LANGS}
    assert got["en"].salutation == "Dear Prosecutor General,"
    assert plain(got["en"].addressee[:2]) == ["Yurii Ya. Chaika", "Prosecutor General of the Russian Federation"]
    assert got["en"].addressee[-1] == "RUSSLAND / РОССИЯ"
    assert got["en"].paragraphs[1] == "I urge the Russian authorities not to extradite Nizomhon Juraev."
    assert got["de"].salutation == "Sehr geehrter Herr Generalstaatsanwalt,"
    assert plain(got["de"].addressee[0]) == "Herrn Yurii Ya. Chaika"
    assert got["fr"].salutation == "Monsieur le Procureur général,"
    assert got["fr"].closing == ("Je vous prie d’agréer, Monsieur le Procureur général, l’expression de ma "
                                 "haute considération.")
    assert got["es"].salutation == "Señor Fiscal General:"


def test_kasymakhunov_letter_to_the_foreign_ministry():
    a = _action("kasymakhunov-2012")
    ru = compose_letter(a, "mfa-third-cis-department", "ru", PROFILE, DAY)
    assert plain(ru.addressee[:2]) == ["Директору Третьего департамента стран СНГ Министерства иностранных дел "
                                "Российской Федерации", "М. А. Пешкову"]
    assert plain(ru.salutation) == "Уважаемый господин Пешков!"                # the pack's own salutation
    assert plain(ru.copies) == ["Председателю Верховного Суда Российской Федерации В. М. Лебедеву"]
    en = compose_letter(a, "prosecutor-general", "en", PROFILE, DAY)
    assert plain(en.salutation) == "Dear Prosecutor-General,"
    assert plain(en.copies) == ["Vyachslav Mikhailovich Lebedev, Chair of the Supreme Court of the Russian Federation"]
    assert "I call on the authorities to rescind the extradition order granted by the General " \
           "Prosecutor’s Office against Yusup Kasymakhunov." in en.paragraphs


def test_azimov_letter_to_the_regional_court_is_addressed_to_the_institution():
    l = compose_letter(_action("azimov-2011"), "moscow-regional-court", "ru", PROFILE, DAY)
    assert plain(l.addressee) == ["Московский областной суд", "Московская область", "Красногорский район",
                           "п/о Красногорск-2", "143402", "RUSSLAND / РОССИЯ"]
    assert plain(l.salutation) == "Уважаемые господа!"
    assert plain(l.copies) == []
    assert "Исмона Азимова" in l.paragraphs[0]
