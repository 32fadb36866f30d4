"""The copies list and the opening read as a careful writer would write them (issue 15, "Awkward"):
one case in the Russian copies list (dative, institutions too), «Копия:» / "Copy to:" for one
entry, the person's full name not three times over, and a collective addressee addressed in the
plural («вам», "Les escribo… expresarles")."""

from __future__ import annotations

from tests.letters.conftest import plain

from tests.letters.conftest import DAY
from ua_writer.core.compose import compose_letter
from ua_writer.core.model import Action, LocalizedRecipient, Person, Recipient


def test_russian_copies_list_is_all_dative_with_a_singular_heading(seeds, berlin):
    l = compose_letter(seeds["juraev-2011"], "prosecutor-general", "ru", berlin, DAY)
    assert (l.copies_heading, plain(l.copies)) == ("Копия:", ["Московскому городскому суду"])
    l = compose_letter(seeds["kasymakhunov-2012"], "prosecutor-general", "ru", berlin, DAY)
    assert (l.copies_heading, plain(l.copies)) == (
        "Копия:", ["Председателю Верховного Суда Российской Федерации В. М. Лебедеву"])
    en = compose_letter(seeds["juraev-2011"], "prosecutor-general", "en", berlin, DAY)
    assert en.copies_heading == "Copy to:"


def _two_copies_action():
    return Action(
        id="t", title="t", country="RU", languages=["ru"], appeals={"ru": ["Прошу освободить его."]},
        persons=[Person(name="Ivan Ivanovich Petrov", gender="m", names={"ru": "Иван Иванович Петров"})],
        recipients=[
            Recipient(id="pg", gender="m", country="RU", name="Yurii Ya. Chaika",
                      title="Prosecutor General", localized={"ru": LocalizedRecipient(
                name="Юрий Яковлевич Чайка", title="Генеральный прокурор Российской Федерации")}),
            Recipient(id="court", is_copy=True, country="RU", organization="Moscow City Court",
                      localized={"ru": LocalizedRecipient(organization="Московский городской суд")}),
            Recipient(id="embassy", is_copy=True, country="DE", organization="Embassy",
                      localized={"ru": LocalizedRecipient(
                          organization="Посольство Российской Федерации в Германии")}),
        ])


def test_two_copies_plural_heading(berlin):
    l = compose_letter(_two_copies_action(), "pg", "ru", berlin, DAY)
    assert l.copies_heading == "Копии:"
    assert plain(l.copies) == ["Московскому городскому суду", "Посольству Российской Федерации в Германии"]
    en = compose_letter(_two_copies_action(), "pg", "en", berlin, DAY)
    assert en.copies_heading == "Copies to:"


def test_the_full_name_once_when_the_summary_names_the_person(seeds, berlin):
    for lang, full in (("ru", "Юсупа Салимахуновича Касымахунова"),
                       ("en", "Yusup Salimakhunovich Kasymakhunov")):
        l = compose_letter(seeds["kasymakhunov-2012"], "prosecutor-general", lang, berlin, DAY)
        text = " ".join(l.paragraphs)
        assert text.count(full) == 1, (lang, text)          # the summary's own mention
    ru = compose_letter(seeds["kasymakhunov-2012"], "prosecutor-general", "ru", berlin, DAY)
    assert ru.paragraphs[0].startswith("Я обращаюсь к Вам в связи с делом Юсупа Касымахунова,")
    assert "чтобы права Юсупа Касымахунова были соблюдены" in ru.paragraphs[-1]
    # without a summary naming him, the opening names him in full
    a = _two_copies_action()
    l = compose_letter(a, "pg", "ru", berlin, DAY)
    assert "в связи с делом Ивана Ивановича Петрова" in l.paragraphs[0]


def test_a_collective_addressee_is_addressed_in_the_plural(berlin):
    a = _two_copies_action()
    embassy = Recipient(id="emb", organization="Embassy of the Russian Federation", country="DE",
                        localized={"ru": LocalizedRecipient(organization="Посольство Российской Федерации"),
                                   "es": LocalizedRecipient(organization="Embajada de Rusia")})
    a.recipients.append(embassy)
    a.appeals["es"] = ["Pido su liberación."]
    ru = compose_letter(a, embassy, "ru", berlin, DAY)
    assert plain(ru.salutation) == "Уважаемые господа!"
    body = " ".join(ru.paragraphs)
    assert "Я обращаюсь к вам" in body and "Благодарю вас" in body and "на ваш ответ" in body
    assert "Вам" not in body and "Вас" not in body
    es = compose_letter(a, embassy, "es", berlin, DAY)
    assert plain(es.salutation) == "Estimados señores:"
    assert es.paragraphs[0].startswith("Les escribo para expresarles")
    assert es.paragraphs[-1].startswith("Les agradezco de antemano la atención que presten")
    person = compose_letter(a, "pg", "es", berlin, DAY)
    assert person.paragraphs[0].startswith("Le escribo para expresarle")
