"""Perturbation tests for the evidence reader: the same Urgent Action written differently — cue
sentences reworded (in seven languages), recipient blocks flattened onto one line, reordered, with
the title before or after the name, other bullet glyphs, other date forms — must give the same
fields. The UA below is made up for this test (no real case, no real address)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ua_writer.core.importer import import_text
from ua_writer.core.importer.general import label_segments, split_head, _Parsed

POINTS = [
    "Urge the authorities to release Aigerim Sultanova immediately and unconditionally.",
    "Call on them to ensure that she has regular access to her family and a lawyer of her choice.",
    "Ask them to stop the harassment of lawyers for their legitimate work.",
]

R1 = dict(name="Berik Asylov", title="Prosecutor General of the Republic of Kazakhstan",
          address=["14 Mangilik Yel Avenue", "Astana 010000", "Kazakhstan"], fax="+7 7172 71 28 21",
          email="office@prokuror.example.kz", salutation=None)
R2 = dict(name="Marat Dzhumabaev", title="Minister of Internal Affairs",
          address=["1 Tauelsizdik Avenue", "Astana 010000", "Kazakhstan"], fax="+7 7172 71 44 02",
          email="info@mvd.example.kz", salutation="Dear Minister")
R3 = dict(name="Yerzhan Tokarev", title="Ambassador, Embassy of the Republic of Kazakhstan",
          address=["1401 16th Street NW", "Washington DC 20036"], fax="+1 202 232 5845",
          email="info@embassy.example.org", salutation="Your Excellency")


def stacked(r, title_first=False, honorific=""):
    name = f"{honorific}{r['name']}"
    if r["title"].startswith("Ambassador, "):  # "Ambassador Yerzhan Tokarev" / "Embassy of …"
        head = [f"Ambassador {r['name']}", r["title"].split(", ", 1)[1]]
    else:
        head = [r["title"], name] if title_first else [name, r["title"]]
    lines = head + r["address"] + [f"Fax: {r['fax']}", f"Email: {r['email']}"]
    if r["salutation"]:
        lines.append(f"Salutation: {r['salutation']}")
    return "\n".join(lines)


def flat(r, **kw):
    return " ".join(stacked(r, **kw).split("\n"))


def make_ua(*, date="8 April 2021", lang_line="Please write immediately in Kazakh, Russian or your own language:",
            bullet=lambda k: "\u2022 ", points_inline=False,
            deadline="Please send your appeals before 14 May 2021 to the officials below.",
            blocks=None, copy_header="And copies to:", copies=None):
    blocks = blocks if blocks is not None else [stacked(R1), stacked(R2)]
    copies = copies if copies is not None else [stacked(R3)]
    if points_inline:
        pts = lang_line + "  " + "  ".join("\uf0a7 " + p for p in POINTS)
    else:
        pts = lang_line + "\n" + "\n".join(bullet(k) + p for k, p in enumerate(POINTS))
    return f"""Urgent Action: Human Rights Lawyer Held Incommunicado (Kazakhstan: UA 57.21)

{date}

Human rights lawyer Aigerim Sultanova was detained by police in Almaty on 2 April and has not been allowed to see her family or a lawyer since then. She is a prisoner of conscience and must be released immediately.

Aigerim Sultanova has defended peaceful protesters in court for ten years. Her colleagues say that she was questioned about her clients and threatened with charges of spreading false information.

{pts}

{deadline}

{chr(10).join(b + chr(10) for b in blocks)}
{copy_header}

{chr(10).join(c + chr(10) for c in copies)}
Dear Prosecutor General,

I am writing to express my concern about the detention of the human rights lawyer Aigerim Sultanova, who has been held without access to her family or a lawyer of her choice since 2 April.

Yours sincerely,
"""


def summary(text: str) -> dict:
    r = import_text(text)
    assert r.layout == "general", r.layout
    a = r.action

    def rec(x):
        return (x.name or "", re.sub(r"\s+", " ", x.title or ""), " ".join(x.address_lines),
                re.sub(r"\D", "", "".join(x.fax)), tuple(x.email), x.salutation, x.is_copy)
    return {
        "title": a.title, "issue_date": a.issue_date, "deadline": a.deadline,
        "languages": a.languages, "persons": [p.name for p in a.persons][:1],
        "appeals": [p.rstrip(".;") for pts in a.appeals.values() for p in pts],
        "recipients": sorted(rec(x) for x in a.recipients),
    }


BASE = make_ua()


def _want():
    def rec(x, copy, sal):
        return (x["name"] or "", x["title"], " ".join(x["address"]), re.sub(r"\D", "", x["fax"]), (x["email"],),
                sal, copy)
    return {
        "title": "Human Rights Lawyer Held Incommunicado", "issue_date": dt.date(2021, 4, 8),
        "deadline": dt.date(2021, 5, 14), "languages": ["kk", "ru"], "persons": ["Aigerim Sultanova"],
        "appeals": [p.rstrip(".") for p in POINTS],
        "recipients": sorted([rec(R1, False, "Dear Prosecutor General"), rec(R2, False, "Dear Minister"),
                              rec(R3, True, "Your Excellency")]),
    }


def test_the_base_text_reads_right():
    assert summary(BASE) == _want()


DEADLINES = [
    "PLEASE SEND APPEALS BEFORE 14 MAY 2021 TO:",
    "Send your appeals no later than 14 May 2021.",
    "Please write to the officials below before May 14, 2021.",
    "This action expires on 14 May 2021; please send your appeals as soon as possible.",
    "Contact the officials below by 14th May 2021:",
    "Please take action until: 14.05.2021",
    "Please check with your section office if sending appeals after 14 May 2021.",
    "Bitte schreiben Sie bis zum 14. Mai 2021 an die unten genannten Stellen.",
    "Nach dem 14. Mai 2021 bitte keine Appelle mehr verschicken.",
    "Envoyez vos appels avant le 14 mai 2021.",
    "Envíen llamamientos antes del 14 de mayo de 2021.",
    "Пожалуйста, отправьте обращения до 14 мая 2021 г.",
    "Inviate i vostri appelli entro il 14 maggio 2021.",
    "Prosimy o wysyłanie apeli do 14 maja 2021.",
]


@pytest.mark.parametrize("sentence", DEADLINES)
def test_reworded_deadline_sentences_give_the_same_fields(sentence):
    assert summary(make_ua(deadline=sentence)) == _want()


ISSUE_DATES = ["April 8, 2021", "08.04.2021", "2021-04-08", "8th April 2021", "Thursday, April 8, 2021",
               "Date: 8 April 2021", "8. April 2021", "8 avril 2021", "8 de abril de 2021", "8 апреля 2021 г."]


@pytest.mark.parametrize("date", ISSUE_DATES)
def test_other_issue_date_forms_give_the_same_fields(date):
    assert summary(make_ua(date=date)) == _want()


BULLETS = {
    "dash": lambda k: "- ", "star": lambda k: "* ", "square": lambda k: "\u25aa ", "en dash": lambda k: "\u2013 ",
    "wingdings": lambda k: "\uf0b7 ", "numbered": lambda k: f"{k + 1}. ", "paren": lambda k: f"{k + 1}) ",
}


@pytest.mark.parametrize("glyph", list(BULLETS))
def test_other_bullet_glyphs_give_the_same_points(glyph):
    assert summary(make_ua(bullet=BULLETS[glyph])) == _want()


def test_points_flattened_onto_the_lead_in_line_behind_private_use_glyphs():
    assert summary(make_ua(points_inline=True)) == _want()


def test_points_without_any_glyph_after_the_lead_in():
    assert summary(make_ua(bullet=lambda k: "")) == _want()


LANGUAGE_LINES = [
    ("Please write immediately in Kazakh, Russian or your own language:", ["kk", "ru"]),
    ("Schreiben Sie in gutem Kasachisch oder Russisch:", ["kk", "ru"]),
    ("Écrivez en kazakh ou en russe :", ["kk", "ru"]),
    ("Escriban en kazajo o ruso:", ["kk", "ru"]),
    ("Napiszcie po kazachsku lub rosyjsku:", ["kk", "ru"]),
    ("Пишите на казахском или русском языке:", ["kk", "ru"]),
]


@pytest.mark.parametrize("line,codes", LANGUAGE_LINES)
def test_the_write_in_instruction_in_any_cue_language(line, codes):
    got = summary(make_ua(lang_line=line))
    assert got["languages"] == codes
    assert got["appeals"] == _want()["appeals"]


BLOCK_FORMS = {
    "title first": dict(blocks=[stacked(R1, title_first=True), stacked(R2, title_first=True)]),
    "honorific": dict(blocks=[stacked(R1, honorific="Mr "), stacked(R2, honorific="Mr. ")]),
    "reordered": dict(blocks=[stacked(R2), stacked(R1)]),
    "flattened": dict(blocks=[flat(R1), flat(R2)], copies=[flat(R3)]),
    "flattened title first": dict(blocks=[flat(R1, title_first=True), flat(R2, title_first=True)]),
    "mixed": dict(blocks=[flat(R1), stacked(R2, title_first=True)]),
    "copy header": dict(copy_header="Copies to:"),
    "copy header short": dict(copy_header="And copy:"),
    "german copy header": dict(copy_header="Sende eine Kopie an"),
}


@pytest.mark.parametrize("form", list(BLOCK_FORMS))
def test_recipient_blocks_in_other_shapes_give_the_same_recipients(form):
    assert summary(make_ua(**BLOCK_FORMS[form])) == _want()


def test_blank_line_between_every_line_gives_the_same_recipients():
    doubled = "\n\n".join(BASE.split("\n"))
    got = summary(doubled)
    assert got["recipients"] == _want()["recipients"]
    assert got["deadline"] == _want()["deadline"]


def test_instructions_are_not_appeals_and_prose_is_not_an_address():
    text = BASE.replace("Please write immediately in Kazakh, Russian or your own language:",
                        "TAKE ACTION:\n1. Write a letter in your own words to the officials below.\n"
                        "2. Click here to let us know the actions you took.\n\n"
                        "Please write immediately in Kazakh, Russian or your own language:")
    got = summary(text)
    assert got["appeals"] == _want()["appeals"]
    assert got["recipients"] == _want()["recipients"]


# -- the pieces ------------------------------------------------------------------------------------

def test_label_segments_split_inline_and_glued_labels():
    prefix, labs = label_segments("CanadaTel: (613) 288-0497 Fax: (613) 230-8089")
    assert prefix == "Canada"
    assert [(k, v) for k, _, v in labs] == [("phone", "(613) 288-0497"), ("fax", "(613) 230-8089")]
    _, labs = label_segments("Phone: 202 298 5700 I Fax: 202 298 5735")
    assert [(k, v) for k, _, v in labs] == [("phone", "202 298 5700"), ("fax", "202 298 5735")]
    _, labs = label_segments("(korrekte Anrede: Your Excellency)")
    assert labs[0][0] == "salutation" and labs[0][2] == "Your Excellency"


@pytest.mark.parametrize("line,name,title", [
    ("Ambassador Dmitry Ivanov Embassy of Belarus", "Dmitry Ivanov", "Ambassador, Embassy of Belarus"),
    ("Ivanov Igor Petrovich Prosecutor General of the Russian Federation", "Ivanov Igor Petrovich",
     "Prosecutor General of the Russian Federation"),
    ("Procureur général Jan Kowalski", "Jan Kowalski", "Procureur général"),
    ("S.E. Herrn Ivan Petrov", "Ivan Petrov", None),
    ("Prosecutor General of the Republic of Kazakhstan Berik Asylov", "Berik Asylov",
     "Prosecutor General of the Republic of Kazakhstan"),
    ("Federal Migration Service", None, "Federal Migration Service"),
])
def test_head_lines_split_into_name_and_office(line, name, title):
    p = _Parsed()
    split_head(line, p)
    assert p.name == name
    assert (", ".join(p.roles) or None) == title


RU_UA = """Акция срочной помощи: журналисту грозит арест

Журналист Иван Петров задержан в Москве 2 марта за публикации о коррупции. Он узник совести и должен быть немедленно освобождён без всяких условий.

Пожалуйста, напишите обращения до 14 апреля 2021 г. на русском или английском языке:
• Призовите власти немедленно и безоговорочно освободить Ивана Петрова.
• Потребуйте защитить его от пыток и других видов жестокого обращения.

Адресаты:

Генеральному прокурору Российской Федерации
Краснову Игорю Викторовичу
ул. Большая Дмитровка, 15а
Москва, 125993
Россия
Факс: +7 495 987 58 39
Эл. почта: info@genproc.example.ru
"""


def test_a_ua_written_in_russian_reads_the_same_way():
    a = import_text(RU_UA).action
    assert a.title == "журналисту грозит арест"
    assert a.deadline == dt.date(2021, 4, 14)
    assert a.languages == ["ru", "en"]
    assert a.persons[0].name == "Иван Петров"
    assert [p[:10] for p in a.appeals["ru"]] == ["Призовите ", "Потребуйте"]
    (r,) = a.recipients
    assert (r.name, r.title) == ("Краснову Игорю Викторовичу", "Генеральному прокурору Российской Федерации")
    assert r.address_lines == ["ул. Большая Дмитровка, 15а", "Москва, 125993", "Россия"]
    assert r.fax == ["+7 495 987 58 39"] and r.email == ["info@genproc.example.ru"]


def test_numbers_without_a_colon_label_are_found_by_the_phone_matcher():
    text = BASE.replace(f"Fax: {R2['fax']}", f"{R2['fax']} (fax)").replace(
        f"Email: {R2['email']}", f"Tel. +7 7172 71 00 00\nEmail: {R2['email']}")
    a = import_text(text).action
    minister = next(r for r in a.recipients if r.name == R2["name"])
    assert minister.fax == [R2["fax"]]
    assert "+7 7172 71 00 00" in minister.note
    assert summary(text)["recipients"] == _want()["recipients"]
