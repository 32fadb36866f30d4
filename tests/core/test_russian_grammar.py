"""Russian grammar of letters, table-driven. Every expected value was checked by hand as a careful
native writer would write it (names: Розенталь, «Справочник по правописанию и стилистике», §
склонение фамилий; addressee blocks: ГОСТ Р 7.0.97-2016, реквизит «Адресат»)."""

from __future__ import annotations

import pytest

from ua_writer.core.lang import get_rules
from ua_writer.core.lang import ru_morph as morph
from ua_writer.core.model import LocalizedRecipient, Person, Recipient

RU = get_rules("ru")

# (full name, case, gender or None, expected)
NAMES = [
    # the seeds' Central Asian names
    ("Низомхон Джураев", "gent", "m", "Низомхона Джураева"),
    ("Низомхон Джураев", "datv", "m", "Низомхону Джураеву"),
    ("Низомхон Джураев", "ablt", "m", "Низомхоном Джураевым"),
    ("Низомхон Джураев", "loct", "m", "Низомхоне Джураеве"),
    ("Исмон Азимов", "gent", "m", "Исмона Азимова"),
    ("Исмон Азимов", "datv", "m", "Исмону Азимову"),
    ("Юсуп Салимахунович Касымахунов", "gent", "m", "Юсупа Салимахуновича Касымахунова"),
    ("Юсуп Салимахунович Касымахунов", "datv", None, "Юсупу Салимахуновичу Касымахунову"),
    ("Иззат Амон", "gent", "m", "Иззата Амона"),
    ("Иззат Амон", "datv", "m", "Иззату Амону"),
    ("Изатулло Холов", "gent", "m", "Изатулло Холова"),          # -о names do not decline
    ("Гульнара Каримова", "datv", "f", "Гульнаре Каримовой"),
    ("Дилноза Усмонова", "ablt", "f", "Дилнозой Усмоновой"),
    ("Мехрангез Рахимова", "gent", None, "Мехрангез Рахимовой"),  # gender from the surname
    ("Ильхам Гейдар оглы Алиев", "datv", "m", "Ильхаму Гейдар оглы Алиеву"),
    # officials
    ("Юрий Яковлевич Чайка", "datv", "m", "Юрию Яковлевичу Чайке"),
    ("Юрий Яковлевич Чайка", "gent", None, "Юрия Яковлевича Чайки"),
    ("Чайка Юрий Яковлевич", "datv", None, "Чайке Юрию Яковлевичу"),
    ("Татьяна Николаевна Москалькова", "datv", None, "Татьяне Николаевне Москальковой"),
    ("Татьяна Николаевна Москалькова", "gent", "f", "Татьяны Николаевны Москальковой"),
    ("Элла Памфилова", "loct", "f", "Элле Памфиловой"),
    # female surnames in -ова/-ая, indeclinable ones, both genders
    ("Мария Иванова", "gent", "f", "Марии Ивановой"),
    ("Мария Иванова", "accs", "f", "Марию Иванову"),
    ("Анна Толстая", "gent", "f", "Анны Толстой"),
    ("Лев Толстой", "datv", "m", "Льву Толстому"),
    ("Любовь Ивановна Белая", "datv", "f", "Любови Ивановне Белой"),
    ("Наталья Шевчук", "gent", "f", "Натальи Шевчук"),             # f: indeclinable
    ("Наталья Шевчук", "datv", "f", "Наталье Шевчук"),
    ("Олег Шевчук", "datv", "m", "Олегу Шевчуку"),                 # m: declines
    ("Александр Дюма", "gent", "m", "Александра Дюма"),            # French -а: indeclinable
    ("Виктор Черных", "datv", "m", "Виктору Черных"),               # -ых: indeclinable
    ("Тарас Шевченко", "gent", "m", "Тараса Шевченко"),            # -ко: indeclinable
    ("Виктор Цой", "gent", "m", "Виктора Цоя"),
    ("Илья Никитин", "ablt", "m", "Ильёй Никитиным"),
    ("Пётр Петров", "gent", "m", "Петра Петрова"),
]

# (full name, gender, expected dative with initials — the addressee line)
INITIALS = [
    ("Юрий Яковлевич Чайка", "m", "Ю. Я. Чайке"),
    ("Вячеслав Михайлович Лебедев", None, "В. М. Лебедеву"),
    ("М. А. Пешков", "m", "М. А. Пешкову"),
    ("Татьяна Николаевна Москалькова", None, "Т. Н. Москальковой"),
    ("Наталья Шевчук", "f", "Н. Шевчук"),
]

# (title, case, expected): only the leading adjectives + head noun decline, the tail stays
TITLES = [
    ("Генеральный прокурор Российской Федерации", "datv", "Генеральному прокурору Российской Федерации"),
    ("Генеральный прокурор Российской Федерации", "gent", "Генерального прокурора Российской Федерации"),
    ("Председатель Верховного суда Российской Федерации", "datv",
     "Председателю Верховного суда Российской Федерации"),
    ("Министр иностранных дел Российской Федерации", "datv", "Министру иностранных дел Российской Федерации"),
    ("Директор Третьего департамента стран СНГ Министерства иностранных дел Российской Федерации", "datv",
     "Директору Третьего департамента стран СНГ Министерства иностранных дел Российской Федерации"),
    ("Директор департамента", "datv", "Директору департамента"),
    ("Президент Российской Федерации", "datv", "Президенту Российской Федерации"),
    ("Уполномоченный по правам человека в Российской Федерации", "datv",   # adjectival noun
     "Уполномоченному по правам человека в Российской Федерации"),
    ("Уполномоченный по правам человека", "gent", "Уполномоченного по правам человека"),
    ("Начальник ФКУ СИЗО-1 УФСИН России по г. Москве", "datv", "Начальнику ФКУ СИЗО-1 УФСИН России по г. Москве"),
    ("Судья Московского городского суда", "datv", "Судье Московского городского суда"),
    ("Судья Верховного суда", "accs", "Судью Верховного суда"),
    ("Первый заместитель Генерального прокурора Российской Федерации", "datv",
     "Первому заместителю Генерального прокурора Российской Федерации"),
    ("Чрезвычайный и Полномочный Посол Российской Федерации в Германии", "datv",
     "Чрезвычайному и Полномочному Послу Российской Федерации в Германии"),
    ("Главный военный прокурор", "datv", "Главному военному прокурору"),
    ("Руководитель Следственного комитета Российской Федерации", "datv",
     "Руководителю Следственного комитета Российской Федерации"),
    ("Глава Чеченской Республики", "datv", "Главе Чеченской Республики"),
]


def _official(name=None, title=None, organization=None, gender=None, salutation=None, **extra):
    return Recipient(id="r", gender=gender, localized={"ru": LocalizedRecipient(
        name=name, title=title, organization=organization, salutation=salutation)}, **extra)


# (recipient, expected salutation)
SALUTATIONS = [
    (_official("Юрий Яковлевич Чайка", "Генеральный прокурор Российской Федерации", gender="m"),
     "Уважаемый Юрий Яковлевич!"),
    (_official("Татьяна Николаевна Москалькова", "Уполномоченный по правам человека в Российской Федерации",
               gender="f"), "Уважаемая Татьяна Николаевна!"),
    (_official("Вячеслав Михайлович Лебедев", "Председатель Верховного Суда Российской Федерации"),
     "Уважаемый Вячеслав Михайлович!"),                    # gender from the patronymic
    (_official("Ю. Я. Чайка", "Генеральный прокурор Российской Федерации", gender="m"),
     "Уважаемый господин Генеральный прокурор!"),
    (_official("Э. А. Памфилова", "Председатель Центральной избирательной комиссии Российской Федерации",
               gender="f"), "Уважаемая госпожа Председатель!"),
    (_official(None, "Генеральный прокурор Российской Федерации"),
     "Уважаемый Генеральный прокурор!"),                  # unknown gender: agrees with the title
    (_official("В. П. Лукин", "Уполномоченный по правам человека в Российской Федерации", gender="m"),
     "Уважаемый господин Уполномоченный!"),
    (_official("Е. Ю. Иванова", "Судья Московского городского суда", gender="f"),
     "Уважаемая госпожа Судья!"),
    (_official("Исмон Азимов", None, gender="m"), "Уважаемый господин Азимов!"),
    (_official(None, None, "Московский городской суд"), "Уважаемые господа!"),   # institution
    (_official("М. А. Пешков", "Директор департамента", gender="m", salutation="Уважаемый господин Пешков"),
     "Уважаемый господин Пешков!"),                        # the pack's own salutation wins
    (Recipient(id="en-only", name="Yurii Chaika", title="Prosecutor General of the Russian Federation",
               gender="m"), "Уважаемый господин Генеральный прокурор!"),   # glossary fallback
]


@pytest.mark.parametrize("full,case,gender,expected", NAMES)
def test_personal_names(full, case, gender, expected):
    assert morph.inflect_name(full, case, gender)[0] == expected


@pytest.mark.parametrize("full,gender,expected", INITIALS)
def test_initials_and_surname_in_dative(full, gender, expected):
    assert morph.initials_name(full, "datv", gender)[0] == expected


@pytest.mark.parametrize("title,case,expected", TITLES)
def test_titles(title, case, expected):
    assert morph.inflect_title(title, case) == expected


@pytest.mark.parametrize("recipient,expected", SALUTATIONS)
def test_salutations(recipient, expected):
    assert RU.salutation(recipient) == expected


def test_table_has_at_least_forty_hand_checked_cases():
    assert len(NAMES) + len(INITIALS) + len(TITLES) + len(SALUTATIONS) >= 40


def test_unknown_gender_keeps_a_disagreeing_name_in_the_nominative():
    # "Саша" may be Александр or Александра: the surname's forms differ, so it is not declined
    assert morph.inflect_name("Саша Шевчук", "gent", None) == ("Саши Шевчук", False)


# -- persons inside sentences -------------------------------------------------------------------

def test_person_forms_and_gender_agreement():
    he = RU.person(Person(name="Nizomhon Juraev", gender="m", names={"ru": "Низомхон Джураев"}))
    she = RU.person(Person(name="Gulnara Karimova", gender="f", names={"ru": "Гульнара Каримова"}))
    assert f"в отношении {he.gent}" == "в отношении Низомхона Джураева"
    assert f"{he.datv} грозит выдача" == "Низомхону Джураеву грозит выдача"
    assert f"он {he.g('подал', 'подала')} жалобу" == "он подал жалобу"
    assert f"она {she.g('подал', 'подала')} жалобу" == "она подала жалобу"
    assert she.g("задержан", "задержана", "задержаны") == "задержана"
    group = RU.group([Person(name="A", gender="m", names={"ru": "Юсуп Касымахунов"}),
                      Person(name="B", gender="f", names={"ru": "Гульнара Каримова"})])
    assert f"судьба {group.gent}" == "судьба Юсупа Касымахунова и Гульнары Каримовой"
    assert group.g("задержан", "задержана", "задержаны") == "задержаны"


def test_pack_forms_override_the_library():
    p = Person(name="X", gender="m", names={"ru": "Иззат Амон"}, forms={"ru": {"gent": "Иззата Амона (Холова)"}})
    forms = RU.person(p)
    assert forms.gent == "Иззата Амона (Холова)"
    assert forms.datv == "Иззату Амону"


def test_about_subject_uses_the_prepositional_and_ob_before_a_vowel():
    def subject(name):
        return RU.about_subject(RU.group([Person(name="x", gender="m", names={"ru": name})]))

    assert subject("Низомхон Джураев") == "О Низомхоне Джураеве"
    assert subject("Исмон Азимов") == "Об Исмоне Азимове"


def test_appeals_become_first_person():
    assert RU.appeal("Призовите власти не выдавать его") == "Призываю власти не выдавать его."
    assert RU.appeal("Выражая обеспокоенность его судьбой.") == "Выражаю обеспокоенность его судьбой."
    assert RU.appeal("Прошу рассмотреть обращение.") == "Прошу рассмотреть обращение."


def test_untranslated_marker_declines_the_language_name():
    assert RU.untranslated_marker("en") == "[Текст на английском языке — пожалуйста, переведите]"
    assert RU.untranslated_marker("fr") == "[Текст на французском языке — пожалуйста, переведите]"


# -- the addressee block ------------------------------------------------------------------------

def test_addressee_official_in_dative_with_country_in_both_scripts():
    r = Recipient(id="pg", name="Yurii Yakovlevich Chaika", country="RU", gender="m",
                  address_lines=["Bolshaia Dmitrovka 15 A", "Moscow", "125993"],
                  localized={"ru": LocalizedRecipient(
                      name="Юрий Яковлевич Чайка", title="Генеральный прокурор Российской Федерации",
                      organization="Генеральная прокуратура Российской Федерации",
                      address_lines=["ул. Большая Дмитровка, д. 15а", "г. Москва", "125993"])})
    assert RU.addressee_block(r, sender_country="DE") == [
        "Генеральному прокурору Российской Федерации",
        "Ю. Я. Чайке",
        "ул. Большая Дмитровка, д. 15а",
        "г. Москва",
        "125993",
        "RUSSLAND / РОССИЯ",
    ]
    # posted inside Russia: no country line
    assert RU.addressee_block(r, sender_country="RU")[-1] == "125993"


def test_addressee_institution_stays_nominative():
    court = Recipient(id="court", organization="Moscow City Court", country="RU",
                      address_lines=["Bogorodskii Val, d. 8", "Moscow", "107076", "Russian Federation"],
                      localized={"ru": LocalizedRecipient(organization="Московский городской суд")})
    assert RU.addressee_block(court, sender_country="DE") == [
        "Московский городской суд", "Bogorodskii Val, d. 8", "Moscow", "107076",
        "RUSSLAND / РОССИЯ"]
    # in the «Копия:» list it is in the dative, like every person there
    assert RU.recipient_label(court) == "Московскому городскому суду"


def test_addressee_bare_title_is_preceded_by_the_organisation_in_nominative():
    r = _official("Михаил Андреевич Пешков", "Директор",
                  "Третий департамент стран СНГ МИД России", gender="m")
    assert RU.addressee_block(r) == ["Третий департамент стран СНГ МИД России", "Директору", "М. А. Пешкову"]
    assert RU.recipient_label(r) == "Директору М. А. Пешкову"


def test_explicit_dative_forms_win():
    r = Recipient(id="x", gender="m", localized={"ru": LocalizedRecipient(
        name="Юрий Чайка", title="Генпрокурор", forms={"name_datv": "Ю. Я. Чайке",
                                                       "title_datv": "Генеральному прокурору РФ"})})
    assert RU.addressee_block(r) == ["Генеральному прокурору РФ", "Ю. Я. Чайке"]
