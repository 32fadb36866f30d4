"""General rules that replaced cue entries and code keyed to single dev-corpus texts (issue #12):
sample-letter markers and letter intros, first-person letter text, follow-up UA lines, calls to
action, site names, lists of given names. Every UA line here is made up for the test (no real
case, no real address)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.importer.test_perturbations import R1, R2, _want, make_ua, stacked, summary
from ua_writer.core.importer import general as G
from ua_writer.core.importer import import_text
from ua_writer.core.importer.cues import DIR

# -- nothing keyed to one document -------------------------------------------------------------------

REMOVED = {"de": ["hier ist der brief", "hier ist das anschreiben", "beispielnachricht"],
           "es": ["s información sobre"],
           "it": ["... lascia un commento al post."],
           "en": ["amnesty international uk", "amnesty international usa"]}


@pytest.mark.parametrize("lang", list(REMOVED))
def test_document_keyed_phrases_are_not_cue_data(lang):
    data = json.loads((DIR / f"{lang}.json").read_text(encoding="utf-8"))
    words = {w.lower() for v in data.values() if isinstance(v, list) for w in v if isinstance(w, str)}
    assert not words & set(REMOVED[lang])


def test_the_evidence_reader_has_no_document_keyed_literals():
    src = Path(G.__file__).read_text(encoding="utf-8")
    for literal in ("passez à l", "включайся", r"s\s+información", "take action|"):
        assert literal not in src, literal


# -- sample-letter markers -----------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Sample letter:", "A sample letter", "Suggested message to the Minister", "Musterbrief", "Beispielbrief:",
    "Beispielnachricht: \"Ich denke an Sie\"", "Briefvorschlag", "Modèle de lettre :", "Un modèle de lettre",
    "Carta modelo", "Modelo de carta", "Lettera tipo", "Wzór listu", "Przykładowy list", "Образец письма",
])
def test_sample_letter_markers_in_every_cue_language(line):
    assert G.sample_marker(line) is not None


@pytest.mark.parametrize("line", [
    "Model United Nations", "Ministry of the Interior", "Sample collection", "November-Brief 2004",
    "Letter Box 12", "Prosecutor General of the Republic of Kazakhstan",
])
def test_names_and_headlines_are_not_sample_markers(line):
    assert G.sample_marker(line) is None


@pytest.mark.parametrize("line, intro", [
    ("Hier ist der Brief an den Generalstaatsanwalt", True),
    ("Hier ist das Anschreiben an die Botschaft des Landes", True),
    ("Here is the letter to the embassy:", True),
    ("Voici la lettre pour le procureur", True),
    ("Esta es la carta para el fiscal", True),
    ("Ecco la lettera per il procuratore", True),
    ("Oto list do prokuratora", True),
    ("Вот письмо для прокурора", True),
    ("November-Brief 2004", False),
    ("Ministry of the Interior of the Republic of Kazakhstan", False),
    ("Kanzlei der Botschaft der", False),
    ("Fax: +7 7172 71 28 21", False),
])
def test_a_short_phrase_naming_a_letter_introduces_one(line, intro):
    assert G._letter_intro(line) is intro


@pytest.mark.parametrize("line, letter", [
    ("I am thinking of you", True), ("Ich denke an Sie", True), ("Je vous demande de le libérer", True),
    ("J'exhorte les autorités à le libérer", True), ("We urge you to release her", True),
    ("Я прошу вас освободить её", True),
    ("Phone: 202 298 5700 I Fax: 202 298 5735", False), ("Kanzlei der Botschaft der", False),
    ("Ministry of Internal Affairs", False),
])
def test_first_person_lines_are_letter_text(line, letter):
    assert G._first_person(line) is letter


INTROS = [
    "Here is the letter to the Prosecutor General",
    "Hier ist der Brief an den Generalstaatsanwalt",
    "Voici la lettre au procureur général",
    "Aquí está la carta para el fiscal general",
    "Sample letter to the Prosecutor General",
    "Musterbrief an den Generalstaatsanwalt",
]


@pytest.mark.parametrize("intro", INTROS)
def test_a_letter_intro_right_above_a_block_stays_out_of_the_address(intro):
    # no blank line between the intro and the block: only the line's own features can cut it off
    text = make_ua(blocks=[intro + "\n" + stacked(R1), stacked(R2)])
    assert summary(text) == _want()


@pytest.mark.parametrize("intro", INTROS[:2])
def test_a_letter_intro_in_a_double_spaced_copy_stays_out_of_the_address(intro):
    text = make_ua(blocks=[intro + "\n" + stacked(R1), stacked(R2)])
    got = summary("\n\n".join(text.split("\n")))
    assert got["recipients"] == _want()["recipients"]


@pytest.mark.parametrize("tail", [
    'Beispielnachricht: "I am thinking of you / Ich denke an Sie"',
    'Sample message: "We are thinking of you"',
    '"I am wishing you well / Ich wünsche Ihnen alles Gute"',
])
def test_sample_message_right_below_a_block_is_not_an_address_line(tail):
    text = make_ua(blocks=[stacked(R1) + "\n" + tail, stacked(R2)])
    assert summary(text) == _want()


# -- follow-up UA lines, calls to action, site names --------------------------------------------------

@pytest.mark.parametrize("line", [
    "Further information on UA 57/21 (EUR 99/01/21, 2 April 2021) 8 April 2021",
    "Más información sobre AU 57/21 (EUR 99/01/21, 2 de abril de 2021) 8 de abril de 2021",
    "Weitere Informationen zu UA 57/21 8. April 2021",
])
def test_a_date_ending_a_follow_up_line_is_the_issue_date(line):
    assert summary(make_ua(date=line))["issue_date"] == dt.date(2021, 4, 8)


@pytest.mark.parametrize("line", ["TAKE ACTION", "Agir", "Включайся!", "Jetzt handeln", "Actúa ya", "Działaj"])
def test_a_call_to_action_line_is_evidence_of_a_ua(line):
    lines = ["Lawyer detained", "", line, "",
             "The lawyer was detained on 2 April and has not been allowed to see her family since."]
    assert G.score(lines) >= 0.2
    assert G.score(lines[:2] + lines[4:]) < 0.2


def test_a_call_to_action_inside_prose_is_not_one():
    assert not G._call_to_action("You can take action by writing to the minister before the end of May.")


@pytest.mark.parametrize("line, chrome", [
    ("Amnesty International UK", True), ("Amnesty International USA", True),
    ("Amnesty International Ireland", True), ("Amnesty International Canada", True),
    ("Amnesty International says she must be freed", False),
])
def test_a_site_name_is_the_organisation_and_its_country(line, chrome):
    assert G._is_chrome(line) is chrome


def test_a_site_name_is_not_the_title():
    text = "Amnesty International Ireland\n\n" + make_ua()
    assert summary(text)["title"] == _want()["title"]


# -- inline lists of given names -------------------------------------------------------------------

NAMES_UA = """Urgent Action: Drop the charges against {names}

Women human rights defenders {names} were charged on 2 March 2021 with "offending religious feelings"
for putting up posters in their town. They face up to two years in prison.

Please write before 14 May 2021 to the Prosecutor General:
• Urge him to drop the charges against {names}.

Prosecutor General Jan Kowalski
Al. Przykladowa 11
00-950 Warsaw
Poland
Email: office@prokurator.example.pl
"""


@pytest.mark.parametrize("names, want", [
    ("Ela, Anna and Joanna", ["Ela", "Anna", "Joanna"]),
    ("Olga, Irina, Marta and Zofia", ["Olga", "Irina", "Marta", "Zofia"]),
    ("Olga and Irina", ["Olga", "Irina"]),
])
def test_an_inline_list_of_given_names_gives_each_person(names, want):
    a = import_text(NAMES_UA.format(names=names)).action
    assert sorted(p.name for p in a.persons) == sorted(want)


@pytest.mark.parametrize("conj", ["et", "und", "y", "i", "e"])
def test_given_name_lists_with_the_conjunction_of_every_cue_language(conj):
    text = f"Ela, Anna {conj} Joanna wurden verhaftet. Ela, Anna {conj} Joanna sind frei."
    assert [n for n, _key in G._given_name_lists(text)] == [["Ela", "Anna", "Joanna"]] * 2


def test_places_and_names_after_a_surname_are_not_given_name_lists():
    text = "She travelled to Lithuania and Poland. Ales Bialik, Anna and Maria came. Lithuania and Poland."
    a = import_text(NAMES_UA.format(names="Ela, Anna and Joanna") + "\n" + text).action
    assert not {"Lithuania", "Poland", "Maria"} & {p.name for p in a.persons}
    assert not any(names[0] == "Anna" for names, _k in G._given_name_lists(text))


def test_a_two_name_list_said_once_is_not_enough():
    text = NAMES_UA.format(names="the two women").replace("for putting up", "Olga and Irina said, for putting up")
    assert not {"Olga", "Irina"} & {p.name for p in import_text(text).action.persons}
    assert re.search("Olga and Irina", text)


# -- languages in every grammatical form ----------------------------------------------------------

from ua_writer.core.importer import fields as F  # noqa: E402

WRITE_IN = [
    ("Пишите на кыргызском, русском или английском языках:", ["ky", "ru", "en"]),
    ("Пишите на киргизском или русском языке:", ["ky", "ru"]),
    ("Пишите по-русски или по-английски:", ["ru", "en"]),
    ("Напишите обращение на белорусском или русском языке:", ["be", "ru"]),
    ("Napiszcie po białorusku lub po rosyjsku:", ["be", "ru"]),
    ("Piszcie w języku rosyjskim lub angielskim:", ["ru", "en"]),
    ("Schreiben Sie auf Russisch oder Englisch:", ["ru", "en"]),
    ("Schreiben Sie in gutem Usbekisch, Russisch oder Englisch:", ["uz", "ru", "en"]),
    ("Schreiben Sie in englischer oder russischer Sprache:", ["en", "ru"]),
    ("Bitte schreiben Sie auf Weißrussisch oder Russisch:", ["be", "ru"]),
    ("Escriban en inglés, ruso o en su propio idioma:", ["en", "ru"]),
    ("Escriban en lengua rusa o inglesa:", ["ru", "en"]),
    ("Écrivez en russe ou en anglais :", ["ru", "en"]),
    ("Écrivez en langue russe ou anglaise :", ["ru", "en"]),
    ("Scrivete in russo o in inglese:", ["ru", "en"]),
    ("Scrivete in lingua russa o inglese:", ["ru", "en"]),
    ("Please write in Kyrgyz, Russian or your own language:", ["ky", "ru"]),
    ("Please write in Kirghiz or Russian:", ["ky", "ru"]),
    ("Please write in Belorussian or English:", ["be", "en"]),
    ("Please write in Azeri or English:", ["az", "en"]),
]


@pytest.mark.parametrize("line, codes", WRITE_IN)
def test_write_in_languages_in_every_grammatical_form(line, codes):
    got = summary(make_ua(lang_line=line))
    assert got["languages"] == codes
    assert got["appeals"] == _want()["appeals"]


@pytest.mark.parametrize("word, code", [
    ("русском", "ru"), ("кыргызском", "ky"), ("русски", "ru"), ("rosyjsku", "ru"), ("białorusku", "be"),
    ("rosyjskim", "ru"), ("englischer", "en"), ("Usbekisch", "uz"), ("rusa", "ru"), ("inglesa", "en"),
    ("russa", "ru"), ("anglaise", "en"), ("Russian", "ru"), ("russe", "ru"), ("kazajo", "kk"),
])
def test_language_name_forms(word, code):
    assert F.language_code(word) == code


@pytest.mark.parametrize("word", ["Russia", "Armenia", "Bielorussia", "Georgia", "Deutsche", "Russen", "oder",
                                  "lengua", "rus"])
def test_countries_capitalised_inflections_and_plain_words_are_no_language(word):
    assert F.language_code(word) is None


def test_a_country_in_the_write_in_sentence_is_not_a_language():
    line = "Scrivete alle autorità in Bielorussia, in russo o in inglese:"
    assert summary(make_ua(lang_line=line))["languages"] == ["ru", "en"]


def test_the_endings_are_data_per_language():
    for lang in ("ru", "pl", "de", "es", "fr", "it"):
        data = json.loads((DIR / f"{lang}.json").read_text(encoding="utf-8"))
        assert data["language_endings"] and all(len(pair) == 2 for pair in data["language_endings"]), lang


def test_a_sample_letter_flattened_into_one_long_line_still_gives_its_salutation():
    line = "SAMPLE LETTER Dear Prosecutor General, " + "I am writing to urge you to release him. " * 15
    assert len(line) > 500
    assert G.salutation_in(line)[0] == "Dear Prosecutor General"


# -- a web copy in the classic layout (found importing a pasted UA in the GUI) --------------------------

WEB_COPY = """Urgent Action: Poet Held Over Verses ({suffix})

{date_line}

{noun} Tomas Verhal was detained in Lindau on 3 February for poems criticizing the mayor. He is a prisoner of conscience and must be released immediately and unconditionally.

Please write immediately in English or your own language:
• Urge the authorities to release Tomas Verhal immediately and unconditionally.
• Call on them to protect him from torture and other ill-treatment.

Please send appeals before 12 April 2021.

Anna Example
Prosecutor General
1 Example Street
Lindau 1001
Salutation: Dear Prosecutor General
"""


@pytest.mark.parametrize("suffix", ["Ruritania: UA 77.21", "UA 77/21", "ruritania: ua 12.34", "Ruritania: 77/21"])
def test_a_country_and_ua_number_suffix_leaves_the_title(suffix):
    a = import_text(WEB_COPY.format(suffix=suffix, date_line="March 1, 2021", noun="Poet")).action
    assert a.title == "Poet held over verses", a.title


@pytest.mark.parametrize("date_line", ["March 1, 2021", "1 March 2021", "01.03.2021", "Published: March 1, 2021"])
def test_a_date_line_under_the_headline_is_the_issue_date_not_the_summary(date_line):
    a = import_text(WEB_COPY.format(suffix="UA 77/21", date_line=date_line, noun="Poet")).action
    assert a.issue_date == dt.date(2021, 3, 1)
    assert a.summary.startswith("Poet Tomas Verhal was detained")


@pytest.mark.parametrize("noun", ["Poet", "Blogger", "Journalist", "Lawyer", "Student"])
def test_what_a_person_is_is_not_part_of_their_name(noun):
    a = import_text(WEB_COPY.format(suffix="UA 77/21", date_line="March 1, 2021", noun=noun)).action
    assert [p.name for p in a.persons] == ["Tomas Verhal"]
    assert a.id == "verhal-2021"


# -- a header line after the series name is not the headline; street words of more languages ---------------

IS_LAYOUT_ES = """ACCIÓN URGENTE
AU: 12/21 Índice: AMR 99/0001/2021 Ruritania Fecha: 3 de marzo de 2021
PERIODISTA DETENIDA POR INFORMAR
La periodista Lucía Marvel fue detenida el 1 de marzo de 2021 en Villanueva tras publicar un reportaje. Lucía Marvel es presa de conciencia.
ESCRIBAN INMEDIATAMENTE en español o en su propio idioma:
* Pidiendo a las autoridades que pongan en libertad inmediata e incondicional a Lucía Marvel;
ENVÍEN LLAMAMIENTOS ANTES DEL 14 DE ABRIL DE 2021 A:
Fiscal General
Pedro Ejemplo
Fiscalía General
{street}
Villanueva 1010, Ruritania
Tratamiento: Señor Fiscal General
"""


@pytest.mark.parametrize("street", ["Esquina de Santa Ana", "Plaza Mayor 4", "Paseo del Prado 12", "Carrera 7 No. 12-15"])
def test_the_numbered_header_line_is_not_the_title_and_the_street_stays_in_the_address(street):
    a = import_text(IS_LAYOUT_ES.format(street=street)).action
    assert a.title.lower() == "periodista detenida por informar"
    assert a.deadline == dt.date(2021, 4, 14)
    r = a.recipients[0]
    assert street in r.address_lines and street not in (r.title or ""), (r.title, r.address_lines)


# -- a page's button is not its headline; particles in names; a heading naming the office --------------

PAGE = """Ruritania: Free Jailed Poet Tomas Verhal

Tomas Verhal, a poet, was arrested in Lindau on 12 January 2025 during a peaceful protest. He faces ten years in prison.

{cta}

Write to the {office} before 30 August 2025.

{heading}

{name}
{office} of Ruritania
24 Example Street
Lindau 0114
Ruritania
Email: info@example.rt
"""


@pytest.mark.parametrize("cta", ["TAKE ACTION", "PASSEZ À L’ACTION", "Jetzt handeln!", "ACTÚA YA"])
def test_a_call_to_action_line_is_not_the_title(cta):
    text = PAGE.format(cta=cta, office="Prosecutor General", heading="", name="Anna Example")
    # the button comes first: the headline must still win
    a = import_text(cta + "\n\n" + text).action
    assert a.title == "Ruritania: Free Jailed Poet Tomas Verhal"


@pytest.mark.parametrize("name", ["Abdel Fattah al-Sisi", "Hamada el-Sawy", "Omar ibn-Hassan", "Anna d’Arcy"])
def test_a_surname_with_a_particle_is_a_name_not_part_of_the_title(name):
    a = import_text(PAGE.format(cta="", office="Prosecutor General", heading="", name=name)).action
    (r,) = a.recipients
    assert r.name == name and name not in (r.title or "")


@pytest.mark.parametrize("heading", ["Write to the Prosecutor General", "Write to the President"])
def test_a_heading_that_names_the_office_is_not_part_of_the_address(heading):
    a = import_text(PAGE.format(cta="", office="Prosecutor General", heading=heading, name="Anna Example")).action
    (r,) = a.recipients
    assert "Write" not in (r.title or "") + (r.name or "") + " ".join(r.address_lines)
    assert r.title == "Prosecutor General of Ruritania"


# -- "Also send copies to:" and a copy recipient flattened onto one line ------------------------------

CLASSIC_COPIES = """UA: 12/21 Index: EUR 99/001/2021 Ruritania Date: 3 March 2021
URGENT ACTION
POET AT RISK OF TORTURE
Poet Tomas Verhal has been detained in Lindau since 1 March. Tomas Verhal is at risk of torture.
PLEASE WRITE IMMEDIATELY in English or your own language:
- Calling on the authorities to release Tomas Verhal immediately and unconditionally.
PLEASE SEND APPEALS BEFORE 14 APRIL 2021 TO:
Prosecutor General
Anna Example
7 Example Street
Lindau 1005, Ruritania
Fax: +49 30 1234567
Salutation: Dear Prosecutor General
{header}
Ambassador Piet Sample, Embassy of Ruritania, 2741 34th Street NW, Washington DC 20008
PLEASE SEND APPEALS IMMEDIATELY. Check with your section office if sending appeals after the above date.
"""


@pytest.mark.parametrize("header", ["Also send copies to:", "Please also send copies to:", "And send copies to:", "Copies to:"])
def test_a_copy_header_with_send_starts_a_copy_recipient_read_from_one_line(header):
    a = import_text(CLASSIC_COPIES.format(header=header)).action
    assert [r.is_copy for r in a.recipients] == [False, True]
    main, copy = a.recipients
    assert main.address_lines == ["7 Example Street", "Lindau 1005, Ruritania"]    # nothing glued on
    assert copy.name == "Piet Sample" and copy.title == "Ambassador"
    assert copy.address_lines == ["2741 34th Street NW", "Washington DC 20008"]


# -- a 1990s UA copied from its web page: the page title repeats the UA line without the date ----------

FI_WEB = """• Campaigns

UA 12/99 - Ruritania: fear of torture: Tomas Verhal

, Index number: EUR 99/011/1999

EXTERNAL (for general distribution) AI Index: EUR 99/11/99
UA 12/99 Fear of torture {date}
RURITANIA Tomas Verhal (m), aged 34
Tomas Verhal, a teacher from Lindau, was reportedly detained by police on 20 April 1999 and has been
held incommunicado since then. Amnesty International fears that he is at risk of torture.
RECOMMENDED ACTION: Please send faxes/airmail letters in English or your own language:
- urging the authorities to reveal the whereabouts of Tomas Verhal;
- seeking assurances that he will not be tortured or ill-treated.
APPEALS TO:
Minister of Internal Affairs
Piet Sample
Ministry of Internal Affairs
1 Example Street
Lindau
Faxes: + 49 30 133 89 34
Salutation: Dear Minister
PLEASE SEND APPEALS IMMEDIATELY. Check with the International Secretariat, or your section office, if sending appeals after 10 June 1999.
"""


@pytest.mark.parametrize("date,expected", [("29 April 1999", dt.date(1999, 4, 29)), ("", None)])
def test_the_documents_own_ua_line_gives_the_issue_date(date, expected):
    a = import_text(FI_WEB.format(date=date)).action
    assert a.issue_date == expected
    assert a.deadline == dt.date(1999, 6, 10)


@pytest.mark.parametrize("noun", ["Правозащитница", "Журналистка", "Узница совести", "Блогер", "Студентка"])
def test_a_russian_person_noun_is_not_part_of_the_name_and_cases_merge(noun):
    text = (f"Срочная акция: Руритания. Освободите Анну Примерову\n\n"
            f"{noun} Анна Примерова была задержана в октябре 2022 года после мирного протеста в Линдау.\n\n"
            f"Я обращаюсь к вам в связи с задержанием Анны Примеровой и других активистов, которые мирно "
            f"выражали своё мнение.\n\nПожалуйста, освободите Анну Примерову немедленно и безоговорочно.\n")
    a = import_text(text).action
    assert [p.name for p in a.persons] == ["Анна Примерова"]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Action urgente : Ruritanie. Libérez Anna Exempla\n\nLa blogueuse Anna Exempla a été arrêtée le 3 mai 2024 à Lindau après une manifestation pacifique.\n\nNous demandons la libération immédiate de Anna Exempla par les autorités.\n"),
    ("es", "Acción urgente: Ruritania. Liberen a Anna Exempla\n\nLa bloguera Anna Exempla fue detenida el 3 de mayo de 2024 en Lindau tras una protesta pacífica.\n\nPedimos la liberación inmediata de Anna Exempla por las autoridades.\n"),
    ("it", "Azione urgente: Ruritania. Liberate Anna Exempla\n\nLa studentessa Anna Exempla è stata arrestata il 3 maggio 2024 a Lindau dopo una protesta pacifica.\n\nChiediamo alle autorità il rilascio immediato di Anna Exempla senza condizioni.\n"),
    ("pl", "Pilna akcja: Ruritania. Uwolnijcie Annę Exempla\n\nDziennikarka Anna Exempla została zatrzymana 3 maja 2024 roku w Lindau po pokojowym proteście.\n\nWzywamy władze do natychmiastowego uwolnienia Anna Exempla bez żadnych warunków.\n"),
])
def test_feminine_person_nouns_are_not_part_of_the_name(lang, text):
    a = import_text(text).action
    assert "Anna Exempla" in [p.name for p in a.persons], [p.name for p in a.persons]
    assert not any(p.name.split()[0].lower() in ("blogueuse", "bloguera", "studentessa", "dziennikarka")
                   for p in a.persons)
