"""User overrides in ``<data dir>/templates/<lang>/`` take effect — also when added, changed or
removed after a letter was composed — and a template folder alone adds a language."""

from __future__ import annotations

import datetime as dt
import os

from ua_writer import paths
from ua_writer.core.compose import available_languages, compose_letter, letter_languages
from ua_writer.core.model import Action, Person, Recipient, SenderProfile

DAY = dt.date(2011, 5, 3)
ACTION = Action(id="a", title="Woman detained", languages=["it", "en"],
                persons=[Person(name="Gulnara Karimova", gender="f", names={"ru": "Гульнара Каримова"})],
                appeals={"en": ["Urge the authorities to release her."], "ru": ["Прошу освободить её."]},
                recipients=[Recipient(id="r", name="Rashid Kadyrov", title="Prosecutor General", gender="m",
                                      country="UZ", address_lines=["Tashkent"])])
PROFILE = SenderProfile(name="Anna", city="Berlin", country="DE")


def _write(lang: str, source: str, name: str = "letter.j2"):
    folder = paths.user_templates_dir() / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return path


def test_override_takes_effect_and_can_be_changed_and_removed():
    bundled = compose_letter(ACTION, "r", "en", PROFILE, DAY)          # warms the template cache
    assert bundled.paragraphs[0].startswith("I am writing")

    path = _write("en", "{% block body %}Custom letter about {{ persons.nomn }}.\n\n"
                        "{% for p in appeals %}* {{ p }}\n\n{% endfor %}{% endblock %}")
    letter = compose_letter(ACTION, "r", "en", PROFILE, DAY)
    assert letter.paragraphs == ["Custom letter about Gulnara Karimova.",
                                 "* I urge the authorities to release her."]
    assert letter.meta["template"] == str(path)
    # blocks it does not define keep their defaults
    assert (letter.salutation, letter.closing) == ("Dear Prosecutor General,", "Yours sincerely,")

    path.write_text("{% block body %}Changed.{% endblock %}"
                    "{% block salutation %}Dear Mr Kadyrov,{% endblock %}"
                    "{% block closing %}With best regards,{% endblock %}"
                    "{% block subject %}About {{ persons.nomn }}{% endblock %}", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    letter = compose_letter(ACTION, "r", "en", PROFILE, DAY)
    assert letter.paragraphs == ["Changed."]
    assert (letter.salutation, letter.closing, letter.subject) == (
        "Dear Mr Kadyrov,", "With best regards,", "About Gulnara Karimova")

    path.unlink()
    assert compose_letter(ACTION, "r", "en", PROFILE, DAY).paragraphs == bundled.paragraphs


def test_override_of_one_language_leaves_the_others_alone():
    _write("ru", "{% block body %}Моё письмо о {{ persons.loct }}.{% endblock %}")
    assert compose_letter(ACTION, "r", "ru", PROFILE, DAY).paragraphs == ["Моё письмо о Гульнаре Каримовой."]
    assert compose_letter(ACTION, "r", "en", PROFILE, DAY).paragraphs[0].startswith("I am writing")


def test_override_may_include_its_own_partials():
    _write("en", "Dear friends,\nSee you.", name="signoff.j2")
    _write("en", "{% block body %}Body.\n\n{% include 'signoff.j2' %}{% endblock %}")
    assert compose_letter(ACTION, "r", "en", PROFILE, DAY).paragraphs == ["Body.", "Dear friends, See you."]


def test_a_template_folder_adds_a_language():
    assert "it" not in available_languages()
    _write("it", "{% block salutation %}Egregio Procuratore Generale,{% endblock %}"
                 "{% block body %}Le scrivo a proposito di {{ persons.nomn }}.\n\n"
                 "{{ untranslated }}\n\n{% for p in appeals %}{{ p }}\n\n{% endfor %}{% endblock %}"
                 "{% block closing %}Distinti saluti,{% endblock %}")
    assert "it" in available_languages()
    assert letter_languages(ACTION)[:2] == ["it", "en"]
    letter = compose_letter(ACTION, "r", "it", PROFILE, DAY)
    assert letter.place_date == "Berlino, 3 maggio 2011"   # Babel (CLDR's city name too)
    assert letter.addressee[-1] == "USBEKISTAN / OʻZBEKISTON"   # sender in Germany: the envelope's rule
    assert letter.salutation == "Egregio Procuratore Generale,"
    assert letter.paragraphs[0] == "Le scrivo a proposito di Gulnara Karimova."
    assert letter.paragraphs[1].startswith("[") and "inglese" in letter.paragraphs[1]
    assert letter.closing == "Distinti saluti,"
