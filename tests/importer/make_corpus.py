"""Generate the corpus files that are not plain UTF-8 text: other encodings, PDFs, a .docx.

Run ``python tests/importer/make_corpus.py`` after changing a text below; the outputs are committed
(tests only read them). PDFs are made with reportlab (DejaVu/Helvetica), including pages with two
and three address blocks printed side by side, which a naive text extraction interleaves line by
line. The expected packs (``*.expected.json``) are written by hand, not generated.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

BELARUS_CP1251 = """\
URGENT ACTION
YOUTH ACTIVISTS FACE PRISON FOR PROTEST
Two youth activists in Belarus, Pavel Vinogradov and Dmitry Dashkevich, face up to three years in
prison for taking part in a peaceful street action in Minsk on 19 December.

Pavel Vinogradov and Dmitry Dashkevich were detained by police as they unfurled a banner calling for
fair elections. They have been charged with "gross violation of public order".

Please write immediately in Belarusian, Russian or your own language:
Urge the authorities to drop the charges against Pavel Vinogradov and Dmitry Dashkevich, as they are
being prosecuted solely for peacefully exercising their right to freedom of expression;
Call on them to release the two men immediately and unconditionally.

PLEASE SEND APPEALS BEFORE 2 FEBRUARY 2012 TO:
Prosecutor General
Aleksandr Koniuk
Генеральная прокуратура Республики Беларусь
ul. Internatsionalnaia 22
220030 Minsk
Belarus
Fax: +375 17 226 42 52
Email: info@prokuratura.gov.by
Salutation: Dear Prosecutor General

And copies to:
Minister of Internal Affairs
Anatol Kuleshov
ul. Gorodskoi val 4
220030 Minsk
Belarus
Fax: +375 17 218 78 38

Also send copies to diplomatic representatives accredited to your country.
Please check with your section office if sending appeals after the above date.

Date: 22 декабря 2011 г.
"""

UTF16_UZBEK = """\
URGENT ACTION
UZBEK HUMAN RIGHTS DEFENDER DENIED MEDICAL CARE
Imprisoned human rights defender Azam Farmonov is seriously ill and has been denied medical care in
Jaslyk prison colony. His family fear for his life.

Azam Farmonov, chair of the Human Rights Society of Uzbekistan in Syrdaria region, was sentenced to
nine years in prison in 2006 after an unfair trial.

Please write immediately in Uzbek, Russian, English or your own language:
- Urge the authorities to ensure that Azam Farmonov receives all the medical care he needs;
- Call on them to release him immediately and unconditionally.

PLEASE SEND APPEALS BEFORE 15 NOVEMBER 2013 TO:
President of the Republic of Uzbekistan
Islam Karimov
Rezidentsia prezidenta
ul. Uzbekistanskaia 43
Tashkent 700163
Uzbekistan
Email: presidents_office@press-service.uz
Salutation: Dear President

And copies to:
Embassy of the Republic of Uzbekistan
Mr Ulugbek Khamidov, Charge d'Affaires
1746 Massachusetts Ave NW
Washington DC 20036
Fax: +1 202 293 6804
Email: info@uzbekistan.org

UA: 198/13 Index: EUR 62/007/2013 Issue Date: 3 October 2013
"""

LATIN1_MEXICO = """\
URGENT ACTION
INDIGENOUS LEADER THREATENED IN GUERRERO
Indigenous community leader Obtilia Eugenio Manuel has received death threats after denouncing
abuses by soldiers in the state of Guerrero, Mexico. Her life is in danger.

Obtilia Eugenio Manuel, of the Me'phaa Indigenous People's Organization (OPIM), received a text
message on 7 March warning her that she would be killed. She has filed a complaint with the state
prosecutor's office in Ayutla de los Libres.

Please write immediately in Spanish or your own language:
Urge the authorities to provide effective protection for Obtilia Eugenio Manuel, in accordance with
her wishes;
Call for a full and impartial investigation into the threats against her.

PLEASE SEND APPEALS BEFORE 18 APRIL 2014 TO:
Governor of Guerrero State
Lic. Ángel Heladio Aguirre Rivero
Palacio de Gobierno, Edificio Centro, 1er Piso
Blvd. René Juárez Cisneros No. 62, Col. Ciudad de los Servicios
Chilpancingo, Guerrero, C.P. 39075
Mexico
Fax: +52 747 471 9956
Salutation: Dear Governor/Señor Gobernador

And copies to:
Centro de Derechos Humanos de la Montaña Tlachinollan
Calle Mina No. 77, Barrio de San Antonio
Tlapa de Comonfort, Guerrero, C.P. 41304
Mexico
Email: cdhm@tlachinollan.org

Date: 5 de marzo de 2014
"""

PDF_CLASSIC = """\
URGENT ACTION
WOMAN HUMAN RIGHTS DEFENDER ARRESTED IN AZERBAIJAN
Human rights defender Leyla Yunus was arrested in Baku on 30 July and charged with treason. She
suffers from diabetes and her health is at risk in detention.

Leyla Yunus, director of the Institute for Peace and Democracy, had been documenting cases of
political prisoners in Azerbaijan. Her husband Arif Yunus is also under investigation.

Please write immediately in Azerbaijani, English or your own language:
Calling for the immediate and unconditional release of Leyla Yunus;
Urging the authorities to ensure that she receives the medical care she needs.

PLEASE SEND APPEALS BEFORE 12 SEPTEMBER 2014 TO:
President
Ilham Aliyev
Office of the President
19 Istiqlaliyyat Street
Baku AZ1066
Azerbaijan
Fax: +994 12 492 0625
Email: office@pa.gov.az
Salutation: Dear President

Also send copies to diplomatic representatives accredited to your country.

UA: 190/14 Index: EUR 55/010/2014 Issue Date: 1 August 2014
"""

COLUMNS_INTRO = """\
URGENT ACTION
PEACEFUL PROTESTERS SENTENCED IN KYRGYZSTAN
Three peaceful protesters in Kyrgyzstan, Askar Sadykov, Nurlan Abdyrakhmanov and Bakyt Toktogulov, were
sentenced to five years in prison on 2 June for taking part in a demonstration in Bishkek.

Please write immediately in Kyrgyz, Russian or your own language:
Calling for the release of the three men, who are prisoners of conscience;
Urging the authorities to investigate reports that they were beaten in custody.

PLEASE SEND APPEALS BEFORE 20 JULY 2016 TO:
"""

COLUMN_BLOCKS = [
    ["President", "Almazbek Atambaev", "Office of the President", "Prospekt Chui 205", "720003 Bishkek",
     "Kyrgyzstan", "Fax: +996 312 63 70 03", "Salutation: Dear President"],
    ["Prosecutor General", "Indira Dzholdubaeva", "Office of the Prosecutor General", "ul. Logvinenko 41",
     "720040 Bishkek", "Kyrgyzstan", "Fax: +996 312 66 25 81", "Email: gp@prokuror.kg",
     "Salutation: Dear Prosecutor General"],
    ["And copies to:", "Ombudsman", "Kubat Otorbaev", "Ombudsman's Office", "ul. Toktogula 247",
     "720040 Bishkek", "Kyrgyzstan", "Fax: +996 312 61 14 36"],
]

COLUMNS_OUTRO = """\
Also send copies to diplomatic representatives accredited to your country.
Please check with your section office if sending appeals after the above date.

UA: 131/16 Index: EUR 58/4201/2016 Issue Date: 8 June 2016
"""

DOCX_PARAS = [
    "URGENT ACTION",
    "TRANSGENDER WOMAN AT RISK OF DEPORTATION TO CHECHNYA",
    "Zelimkha Bakaeva, a transgender woman from Chechnya, is detained in Moscow and faces deportation to "
    "Chechnya, where she would be at risk of torture and killing.",
    "",
    "Zelimkha Bakaeva fled Chechnya in 2017 after relatives threatened her. She was detained in Moscow on "
    "2 February 2020 for a document check.",
    "",
    "Please write immediately in Russian, English or your own language:",
    "•Urge the authorities not to return Zelimkha Bakaeva to Chechnya;",
    "•Call on them to release her from detention and ensure her safety.",
    "",
    "PLEASE SEND APPEALS BEFORE 26 MARCH 2020 TO:",
]

DOCX_TABLE = [
    ["Head of the Main Department of the Interior Ministry for Moscow", "Oleg Baranov", "ul. Petrovka 38",
     "127994 Moscow", "Russian Federation", "Fax: +7 495 694 91 37", "Salutation: Dear Head of Department"],
    ["And copies to:", "Commissioner for Human Rights", "Tatiana Moskalkova", "ul. Miasnitskaia 47",
     "101000 Moscow", "Russian Federation", "Email: ombudsmanrf@ombudsmanrf.org"],
]

DOCX_AFTER = [
    "",
    "Also send copies to diplomatic representatives accredited to your country.",
    "UA: 22/20 Index: EUR 46/1877/2020 Issue Date: 13 February 2020",
]

MODERN_PDF = """\
URGENT ACTION
DEFENDER OF MIGRANT WORKERS DETAINED
Migrant rights defender Abdulla Ergashev was detained by police in Moscow on 11 March and is held in a
migrant detention centre. He faces forcible return to Tajikistan, where he is at risk of torture.

TAKE ACTION: WRITE AN APPEAL IN YOUR OWN WORDS OR USING THIS MODEL LETTER

Head of the Main Directorate for Migration Issues
Valentina Kazakova
Ministry of Internal Affairs
ul. Zhitnaya 16
Moscow 119049, Russian Federation
Email: gumvd@mvd.ru

Dear Ms Kazakova,

I am writing to you about migrant rights defender Abdulla Ergashev, who was detained in Moscow on
11 March and is at risk of forcible return to Tajikistan.

I urge you to halt the expulsion of Abdulla Ergashev and to ensure that his asylum application is
examined in a fair and effective procedure.

Yours sincerely,

PREFERRED LANGUAGE TO ADDRESS TARGET: Russian, English

PLEASE TAKE ACTION AS SOON AS POSSIBLE UNTIL: 6 May 2020

NAME AND PRONOUN: Abdulla Ergashev (he/him)
"""


def _fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont("DejaVu", path))
            return "DejaVu"
    return "Helvetica"


def _pdf_lines(c, lines, x, y, font, size=10, leading=13):
    c.setFont(font, size)
    for ln in lines:
        if y < 60:
            c.showPage()
            c.setFont(font, size)
            y = 800
        c.drawString(x, y, ln)
        y -= leading
    return y


def write_text_pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 800
    for para in text.split("\n"):
        y = _pdf_lines(c, [para] if para else [""], 50, y, font)
    c.showPage()
    c.save()


def write_columns_pdf(path: Path, blocks: list[list[str]]) -> None:
    """Intro text full width, then len(blocks) address blocks side by side, then full-width text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _fonts()
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = _pdf_lines(c, COLUMNS_INTRO.splitlines(), 40, 800, font, size=9, leading=12)
    y -= 8
    width = 515 / len(blocks)
    bottom = y
    for k, block in enumerate(blocks):
        yy = _pdf_lines(c, block, 40 + k * width, y, font, size=8, leading=11)
        bottom = min(bottom, yy)
    _pdf_lines(c, [""] + COLUMNS_OUTRO.splitlines(), 40, bottom - 10, font, size=9, leading=12)
    c.showPage()
    c.save()


def write_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    for p in DOCX_PARAS:
        d.add_paragraph(p)
    table = d.add_table(rows=max(len(col) for col in DOCX_TABLE), cols=len(DOCX_TABLE))
    for c, col in enumerate(DOCX_TABLE):
        for r, text in enumerate(col):
            table.cell(r, c).text = text
    for p in DOCX_AFTER:
        d.add_paragraph(p)
    d.core_properties.author = "ua-writer corpus"
    # fixed timestamps so the committed file does not change on every run
    import datetime as dt

    d.core_properties.created = dt.datetime(2020, 2, 13)
    d.core_properties.modified = dt.datetime(2020, 2, 13)
    d.save(str(path))


def main() -> int:
    CORPUS.mkdir(exist_ok=True)
    (CORPUS / "classic_03_belarus_cp1251.txt").write_bytes(BELARUS_CP1251.encode("cp1251"))
    (CORPUS / "classic_04_utf16.txt").write_bytes(UTF16_UZBEK.replace("\n", "\r\n").encode("utf-16"))
    (CORPUS / "classic_06_latin1.txt").write_bytes(LATIN1_MEXICO.encode("latin-1"))
    write_text_pdf(CORPUS / "classic_08_plain.pdf", PDF_CLASSIC)
    write_columns_pdf(CORPUS / "classic_09_columns2.pdf", COLUMN_BLOCKS[:2])
    write_columns_pdf(CORPUS / "classic_10_columns3.pdf", COLUMN_BLOCKS)
    write_docx(CORPUS / "classic_11_table.docx")
    write_text_pdf(CORPUS / "modern_05_model.pdf", MODERN_PDF)
    print(f"wrote corpus files to {CORPUS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
