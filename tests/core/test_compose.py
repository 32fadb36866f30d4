"""compose_letter on Actions built here (independent of the bundled packs): every block of the
Letter in all five languages, copy letters, placeholders, fallbacks, round trip, speed."""

from __future__ import annotations

from tests.letters.conftest import plain

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ua_writer
from ua_writer.core.compose import available_languages, compose_letter, letter_languages
from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.letter import from_text
from ua_writer.core.model import Action, LocalizedRecipient, Person, Recipient, SenderProfile

DAY = dt.date(2011, 5, 3)

EN_APPEALS = ["Urge the authorities to release Gulnara Karimova immediately",
              "Calling on them to ensure she is not tortured or otherwise ill-treated."]
RU_APPEALS = ["Призовите власти немедленно освободить Гульнару Каримову.",
              "Прошу обеспечить, чтобы её не подвергали пыткам и другим видам жестокого обращения."]


def make_action(**changes) -> Action:
    a = Action(
        id="test-ua", title="Woman detained, at risk of torture", ua_number="90/11", country="UZ",
        languages=["ru", "en"],
        persons=[Person(name="Gulnara Karimova", gender="f", names={"ru": "Гульнара Каримова"})],
        summary="Gulnara Karimova has been detained incommunicado since 2 March 2011.",
        appeals={"en": list(EN_APPEALS), "ru": list(RU_APPEALS)},
        notes="Do not send letters after 1 June. THIS NOTE MUST NOT APPEAR IN LETTERS.",
        localized={"ru": {"title": "Задержанной грозят пытки",
                          "summary": "Гульнара Каримова со 2 марта 2011 года содержится под стражей "
                                     "без связи с внешним миром."}},
        recipients=[
            Recipient(id="prosecutor", name="Rashid Kadyrovich Kadyrov", title="Prosecutor General",
                      address_lines=["ul. Gulyamova 66", "Tashkent 100047", "Uzbekistan"], country="UZ",
                      gender="m", salutation="Dear Prosecutor General",
                      localized={"ru": LocalizedRecipient(
                          name="Рашид Кадырович Кадыров",
                          title="Генеральный прокурор Республики Узбекистан",
                          address_lines=["ул. Гулямова, д. 66", "г. Ташкент", "100047"])}),
            Recipient(id="minister", name="Dilnoza Usmonova", title="Minister of Justice",
                      address_lines=["Sayilgoh ko'chasi 5", "Tashkent 100047"], country="UZ", gender="f"),
            Recipient(id="court", organization="Tashkent City Court", address_lines=["Tashkent"],
                      country="UZ", is_copy=True, copies_only=True,
                      localized={"ru": LocalizedRecipient(organization="Ташкентский городской суд")}),
            Recipient(id="ombudsman", name="Sayora Rashidova", title="Ombudsperson", country="UZ",
                      gender="f", is_copy=True,
                      localized={"ru": LocalizedRecipient(
                          name="Сайёра Рашидова",
                          title="Уполномоченный Олий Мажлиса Республики Узбекистан по правам человека")}),
        ],
    )
    for k, v in changes.items():
        setattr(a, k, v)
    return a


@pytest.fixture
def action():
    return make_action()


@pytest.fixture
def profile():
    return SenderProfile(name="Anna Kovač", address_lines=["Musterstraße 12", "10115 Berlin"], city="Berlin",
                         country="DE", email="anna@example.org", gender="f", names={"ru": "Анна Ковач"})


def test_available_languages_and_order(action):
    assert {"ru", "en", "de", "fr", "es"} <= set(available_languages())
    langs = letter_languages(action)
    assert langs[:2] == ["ru", "en"] and set(langs) == set(available_languages())
    assert letter_languages(make_action(languages=["xx", "de"]))[0] == "de"


def test_english_letter(action, profile):
    l = compose_letter(action, "prosecutor", "en", profile, DAY)
    assert l.language == "en"
    assert l.sender == ["Anna Kovač", "Musterstraße 12", "10115 Berlin", "Germany", "anna@example.org"]
    assert l.place_date == "Berlin, 3 May 2011"
    assert plain(l.addressee) == ["Rashid Kadyrovich Kadyrov", "Prosecutor General", "ul. Gulyamova 66",
                           "Tashkent 100047", "USBEKISTAN / OʻZBEKISTON"]
    assert l.subject == "Gulnara Karimova (UA 90/11)"     # the matter, not the UA's headline
    assert plain(l.salutation) == "Dear Prosecutor General,"
    assert l.paragraphs[0] == ("I am writing to express my deep concern for Gulnara Karimova. "
                               "Gulnara Karimova has been detained incommunicado since 2 March 2011.")
    assert "I urge the authorities to release Gulnara Karimova immediately." in l.paragraphs
    assert "I call on them to ensure she is not tortured or otherwise ill-treated." in l.paragraphs
    assert l.paragraphs[-1].startswith("Thank you for your attention")
    assert (l.closing, l.signature) == ("Yours sincerely,", ["Anna Kovač"])
    assert l.copies_heading == "Copies to:"
    assert plain(l.copies) == ["Tashkent City Court", "Sayora Rashidova, Ombudsperson"]
    assert plain(l.copy_marker) == ""
    assert l.meta["action_id"] == "test-ua" and l.meta["recipient_id"] == "prosecutor"
    assert l.meta["language"] == "en" and l.meta["locale"] == "en_GB"
    assert l.meta["author"] == "Anna Kovač" and l.meta["title"]
    assert l.warnings == []
    assert "NOTE MUST NOT APPEAR" not in l.to_text()


def test_english_generated_salutations(action, profile):
    assert compose_letter(action, "minister", "en", profile, DAY).salutation == "Dear Minister,"
    court_like = Recipient(id="inst", organization="Supreme Court", country="UZ")
    l = compose_letter(make_action(recipients=[court_like]), "inst", "en", profile, DAY)
    assert (l.salutation, l.closing) == ("Dear Sir or Madam,", "Yours faithfully,")


def test_russian_letter(action, profile):
    l = compose_letter(action, "prosecutor", "ru", profile, DAY)
    assert l.sender[0] == "Анна Ковач" and "Германия" in l.sender
    assert l.place_date == "3 мая 2011\u00a0г."           # no break before «г.»
    assert plain(l.addressee) == ["Генеральному прокурору Республики Узбекистан", "Р. К. Кадырову",
                           "ул. Гулямова, д. 66", "г. Ташкент", "100047", "USBEKISTAN / OʻZBEKISTON"]
    assert l.subject == "О Гульнаре Каримовой (UA 90/11)"  # the matter, not the UA's headline
    assert plain(l.salutation) == "Уважаемый Рашид Кадырович!"
    assert l.paragraphs[0].startswith("Я обращаюсь к Вам в связи с делом Гульнары Каримовой, судьба "
                                      "которой вызывает у меня глубокую тревогу. Гульнара Каримова со 2 марта")
    assert "Призываю власти немедленно освободить Гульнару Каримову." in l.paragraphs
    assert RU_APPEALS[1] in l.paragraphs
    assert "права Гульнары Каримовой были соблюдены" in l.paragraphs[-1]
    assert (l.closing, l.signature) == ("С уважением,", ["Анна Ковач"])
    assert l.copies_heading == "Копии:"
    assert plain(l.copies) == ["Ташкентскому городскому суду",
                        "Уполномоченному Олий Мажлиса Республики Узбекистан по правам человека С. Рашидовой"]
    assert l.warnings == []


def test_russian_letter_to_an_official_without_russian_forms_warns(action, profile):
    l = compose_letter(action, "minister", "ru", profile, DAY)
    assert plain(l.salutation) == "Уважаемая госпожа Министр!"      # from the English title, gender f
    assert plain(l.addressee[:2]) == ["Minister of Justice", "Dilnoza Usmonova"]   # Russian order
    assert any("Dilnoza Usmonova" in w for w in l.warnings)


@pytest.mark.parametrize("lang,recipient,salutation,closing,place_date", [
    ("de", "prosecutor", "Sehr geehrter Herr Generalstaatsanwalt,", "Mit freundlichen Grüßen",
     "Berlin, 3. Mai 2011"),
    ("de", "minister", "Sehr geehrte Frau Ministerin,", "Mit freundlichen Grüßen", "Berlin, 3. Mai 2011"),
    ("fr", "prosecutor", "Monsieur le Procureur général,",
     "Je vous prie d’agréer, Monsieur le Procureur général, l’expression de ma haute considération.",
     "Berlin, le 3 mai 2011"),
    ("fr", "minister", "Madame la Ministre,",
     "Je vous prie d’agréer, Madame la Ministre, l’expression de ma haute considération.",
     "Berlin, le 3 mai 2011"),
    ("es", "prosecutor", "Señor Fiscal General:", "Atentamente,", "Berlín, 3 de mayo de 2011"),
    ("es", "minister", "Señora Ministra:", "Atentamente,", "Berlín, 3 de mayo de 2011"),
])
def test_german_french_spanish(action, profile, lang, recipient, salutation, closing, place_date):
    l = compose_letter(action, recipient, lang, profile, DAY)
    assert (l.salutation, l.closing, l.place_date) == (salutation, closing, place_date)
    marker = {"de": "[Text auf Englisch – bitte übersetzen]", "fr": "[Texte en anglais — à traduire]",
              "es": "[Texto en inglés: tradúzcalo, por favor]"}[lang]
    i = l.paragraphs.index(marker)
    assert l.paragraphs[i + 1] == "I urge the authorities to release Gulnara Karimova immediately."
    # the title exists only in English: kept in the address, said in a warning
    title = action.recipient(recipient).title
    language = dict(de='German', fr='French', es='Spanish')[lang]
    assert title in l.addressee and sorted(l.warnings) == sorted([
        f"“{title}” is not available in {language}; the original spelling is used.",
        f"The action has no appeal points in {language}: the English text is used, marked for "
        f"translation."])
    # the envelope's rule, whatever the letter's language: the sender's post's name, then the
    # destination's own
    assert plain(l.addressee[-1]) == "USBEKISTAN / OʻZBEKISTON"
    assert l.copies_heading == {"de": "Kopien an:", "fr": "Copies à\u00a0:", "es": "Copias a:"}[lang]  # two copies
    assert len(l.copies) == 2
    assert "Gulnara Karimova" in l.paragraphs[0]


def test_german_body_starts_lower_case_after_the_salutation(action, profile):
    assert compose_letter(action, "prosecutor", "de", profile, DAY).paragraphs[0].startswith("ich wende")


def test_french_first_of_the_month():
    from ua_writer.core.lang import get_rules

    assert get_rules("fr").place_date("Lyon", dt.date(2011, 4, 1)) == "Lyon, le 1er avril 2011"


def test_russian_falls_back_to_english_appeals_with_a_marker(profile):
    a = make_action(appeals={"en": list(EN_APPEALS)})
    l = compose_letter(a, "prosecutor", "ru", profile, DAY)
    i = l.paragraphs.index("[Текст на английском языке — пожалуйста, переведите]")
    assert l.paragraphs[i + 1] == "I urge the authorities to release Gulnara Karimova immediately."
    assert any("no appeal points in Russian" in w for w in l.warnings)


def test_no_appeals_at_all_warns(profile):
    l = compose_letter(make_action(appeals={}), "prosecutor", "en", profile, DAY)
    assert len(l.paragraphs) == 2 and any("no appeal points" in w for w in l.warnings)


@pytest.mark.parametrize("lang,placeholder", [("en", "[Your name]"), ("ru", "[Ваше имя]"),
                                              ("de", "[Ihr Name]"), ("fr", "[Votre nom]"),
                                              ("es", "[Su nombre]")])
def test_missing_profile_gives_placeholders_and_a_warning(action, lang, placeholder):
    for profile in (None, SenderProfile()):
        l = compose_letter(action, "prosecutor", lang, profile, DAY)
        assert l.sender[0] == placeholder and l.signature == [placeholder]
        assert any("profile" in w for w in l.warnings)
        assert from_text(l.to_text(), l) == l


def test_copies_only_recipient_gets_only_copy_letters(action, profile):
    with pytest.raises(UserFacingError, match="only to send copies"):
        compose_letter(action, "court", "en", profile, DAY)
    l = compose_letter(action, "court", "ru", profile, DAY, copy_of="prosecutor")
    # the marker names the original's addressee; the window shows the copy recipient
    assert plain(l.copy_marker) == "КОПИЯ письма Генеральному прокурору Республики Узбекистан Р. К. Кадырову"
    assert plain(l.addressee[0]) == "Ташкентский городской суд"
    assert plain(l.salutation) == "Уважаемый Рашид Кадырович!"
    assert "Ташкентскому городскому суду" in l.copies      # «Копия:» + dative, as for persons
    assert (l.meta["recipient_id"], l.meta["copy_of"]) == ("court", "prosecutor")
    original = compose_letter(action, "prosecutor", "ru", profile, DAY)
    assert l.paragraphs == original.paragraphs and l.copies == original.copies
    assert compose_letter(action, "court", "en", profile, DAY, copy_of="prosecutor").copy_marker == \
        "COPY of a letter to Rashid Kadyrovich Kadyrov, Prosecutor General"
    with pytest.raises(UserFacingError):
        compose_letter(action, "prosecutor", "en", profile, DAY, copy_of="court")


def test_a_copy_recipient_that_is_not_copies_only_can_be_written_to(action, profile):
    l = compose_letter(action, "ombudsman", "ru", profile, DAY)
    assert plain(l.addressee[:2]) == ["Уполномоченному Олий Мажлиса Республики Узбекистан по правам человека",
                               "С. Рашидовой"]
    assert plain(l.salutation) == "Уважаемая госпожа Уполномоченный!"
    assert plain(l.copies) == ["Ташкентскому городскому суду"]       # never a copy to oneself
    assert l.copies_heading == "Копия:"                       # one entry


def test_extra_copies_and_unknown_recipient(action, profile):
    embassy = Recipient(id="embassy", organization="Embassy of Uzbekistan", address_lines=["Berlin"])
    l = compose_letter(action, "prosecutor", "en", profile, DAY,
                       extra_copies=[embassy, "My local newspaper"])
    assert l.copies[-2:] == ["Embassy of Uzbekistan", "My local newspaper"]
    with pytest.raises(NotFoundError, match="prosecutor, minister, court, ombudsman"):
        compose_letter(action, "nobody", "en", profile, DAY)
    with pytest.raises(UserFacingError):
        compose_letter(action, "prosecutor", "not-a-language", profile, DAY)


def test_sender_in_the_same_country_omits_country_lines(action):
    local = SenderProfile(name="Ali", city="Tashkent", country="UZ", address_lines=["Navoi 1"])
    l = compose_letter(action, "prosecutor", "en", local, DAY)
    assert l.sender == ["Ali", "Navoi 1", "Tashkent"]
    assert plain(l.addressee[-1]) == "Tashkent 100047"


def test_group_of_persons_agrees_in_plural(profile):
    a = make_action(persons=[Person(name="A", gender="m", names={"ru": "Юсуп Касымахунов"}),
                             Person(name="B", gender="f", names={"ru": "Гульнара Каримова"})])
    l = compose_letter(a, "prosecutor", "ru", profile, DAY)
    assert l.paragraphs[0].startswith("Я обращаюсь к Вам в связи с делом Юсупа Касымахунова и Гульнары "
                                      "Каримовой, судьба которых")
    assert compose_letter(a, "prosecutor", "en", profile, DAY).paragraphs[0].startswith(
        "I am writing to express my deep concern for A and B.")


@pytest.mark.parametrize("lang", ["en", "ru", "de", "fr", "es"])
def test_text_round_trip(action, profile, lang):
    for rid, copy_of in (("prosecutor", None), ("minister", None), ("court", "prosecutor")):
        l = compose_letter(action, rid, lang, profile, DAY, copy_of=copy_of)
        assert from_text(l.to_text(), l) == l


def test_compose_after_warm_up_repeats_no_expensive_work(action, profile, monkeypatch):
    """Composing the same kind of letter again compiles no template and builds no morphology
    analyser: that work is done once per process. (Its speed is measured in bench/, not here:
    a timed unit test only measures how busy the CI machine is.)"""
    import jinja2

    for lang in ("ru", "en"):
        compose_letter(action, "prosecutor", lang, profile, DAY)
    compiled = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, *args, **kwargs):
        compiled.append(args[:1])
        return real_compile(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    import pymorphy3

    built = []
    real_init = pymorphy3.MorphAnalyzer.__init__

    def counting_init(self, *args, **kwargs):
        built.append(1)
        return real_init(self, *args, **kwargs)

    monkeypatch.setattr(pymorphy3.MorphAnalyzer, "__init__", counting_init)
    for lang in ("ru", "en"):
        for _ in range(3):
            compose_letter(action, "prosecutor", lang, profile, DAY)
    assert compiled == [] and built == []


def test_compose_runs_with_pyside6_blocked(tmp_path):
    script = (
        "import sys, datetime\n"
        "sys.modules['PySide6'] = None\n"
        "from ua_writer.core.compose import compose_letter\n"
        "from ua_writer.core.model import Action, Recipient, LocalizedRecipient\n"
        "a = Action(id='a', title='t', appeals={'ru': ['Прошу.']}, recipients=[Recipient(id='r', gender='m',"
        " localized={'ru': LocalizedRecipient(name='Юрий Яковлевич Чайка', title='Генеральный прокурор')})])\n"
        "l = compose_letter(a, 'r', 'ru', None, datetime.date(2011, 5, 3))\n"
        "assert l.salutation == 'Уважаемый Юрий Яковлевич!', l.salutation\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6.')]\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       cwd=Path(ua_writer.__file__).parent.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"
