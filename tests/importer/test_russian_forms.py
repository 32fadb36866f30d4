"""Suggested Russian forms for imported recipients: office titles from the directory data file,
Cyrillic spellings of Latin names, and their provenance (always below the review threshold)."""

from __future__ import annotations

import pytest

from ua_writer.core.importer import LOW_CONFIDENCE, import_text
from ua_writer.core.importer.russian import cyrillic, office_title


@pytest.mark.parametrize("title,country,ru", [
    ("Prosecutor General of the Russian Federation", "RU", "Генеральный прокурор Российской Федерации"),
    ("Prosecutor General of the Republic of Belarus", "BY", "Генеральный прокурор Республики Беларусь"),
    ("President of Kyrgyzstan", "KG", "Президент Кыргызской Республики"),
    ("Chair of the Supreme Court", "RU", "Председатель Верховного суда Российской Федерации"),
    ("Minister of Internal Affairs", "KZ", "Министр внутренних дел Республики Казахстан"),
    ("Minister of Justice", "AZ", "Министр юстиции Азербайджанской Республики"),
    ("Ambassador, Embassy of the Republic of Tajikistan", "TJ", "Посол Республики Таджикистан"),
    ("Ombudsperson, Office of the Ombudsman", "AM", "Уполномоченный по правам человека Республики Армения"),
    ("Chairman of the Investigative Committee", "RU", "Председатель Следственного комитета Российской Федерации"),
    ("Generalnomu Prokuroru", "UZ", "Генеральный прокурор Республики Узбекистан"),
    ("President of Turkmenistan", "TM", "Президент Туркменистана"),
])
def test_office_titles_come_from_the_directory(title, country, ru):
    assert office_title(title, country) == ru


def test_no_title_outside_the_directory_states_or_for_unknown_offices():
    assert office_title("Prosecutor General", "MX") is None
    assert office_title("Head of the Vozdukh organization", "KG") is None


@pytest.mark.parametrize("latin,cyr", [
    ("Yurii Yakovlevich Chaika", "Юрий Яковлевич Чайка"),
    ("Dmitry Basik", "Дмитрий Басик"),
    ("Andrey Shved", "Андрей Швед"),
    ("Nizomhon Juraev", "Низомхон Джураев"),
    ("Natalya Filonova", "Наталья Филонова"),
    ("Vladimir Kara-Murza", "Владимир Кара-Мурза"),
    ("Yevgeny Petrov", "Евгений Петров"),
    ("Ilham Aliyev", "Илхам Алиев"),
])
def test_cyrillic_spellings_are_suggested(latin, cyr):
    assert cyrillic(latin) == cyr


def test_cyrillic_names_are_left_alone():
    assert cyrillic("Алексей Навальный") is None


UA = """Urgent Action: Lawyer Detained (Russian Federation: UA 12.22)

Lawyer Ivan Sergeevich Orlov was detained in Moscow on 2 March and has been charged for his work. He is a prisoner of conscience and must be released at once, Amnesty International says.

Ivan Sergeevich Orlov has defended activists in court for many years and now faces ten years in prison.

Igor Viktorovich Krasnov
Prosecutor General of the Russian Federation
ul. Bolshaya Dmitrovka 15a
Moscow 125993
Russian Federation
Email: info@genproc.example.ru

Dear Prosecutor General,

I am writing to urge you to release the lawyer Ivan Sergeevich Orlov immediately and unconditionally.
"""


def test_an_imported_russian_ua_gets_russian_forms_all_marked_doubtful():
    r = import_text(UA)
    rec = r.action.recipients[0]
    assert rec.localized["ru"].title == "Генеральный прокурор Российской Федерации"
    assert rec.localized["ru"].name == "Игор Викторович Краснов"  # a suggestion: the review shows it
    assert r.action.persons[0].names["ru"] == "Иван Сергеевич Орлов"
    for path in ("recipients[0].localized.ru.title", "recipients[0].localized.ru.name", "persons[0].names.ru"):
        assert r.fields[path].confidence < LOW_CONFIDENCE
        assert path in r.low_confidence()
