"""Hand-built Letters for exporter tests (independent of compose.py and the seed packs)."""

from __future__ import annotations

from dataclasses import replace

from ua_writer.core.letter import Letter

RU_PARAGRAPHS = [
    "Я обращаюсь к Вам в связи с положением Низомхона Джураева, правозащитника из Ташкента, "
    "который с 2 марта 2011 года содержится под стражей без связи с внешним миром. По имеющимся "
    "сведениям, ему не разрешают встречаться с выбранным им адвокатом и с родственниками, а "
    "следователи оказывают на него давление, добиваясь признательных показаний.",
    "Прошу Вас обеспечить, чтобы Низомхон Джураев был защищён от пыток и других видов жестокого "
    "обращения, чтобы ему незамедлительно предоставили доступ к адвокату по его выбору, к "
    "родственникам и к любой необходимой медицинской помощи.",
    "Призываю Вас немедленно и безоговорочно освободить его, если ему не будет предъявлено "
    "обвинение в признанном международным правом уголовном преступлении, и провести "
    "беспристрастное расследование сообщений о жестоком обращении, привлекши виновных к "
    "ответственности в ходе справедливого судебного разбирательства.",
    "Напоминаю, что Республика Узбекистан является участником Международного пакта о гражданских "
    "и политических правах и Конвенции против пыток и обязана соблюдать их положения в отношении "
    "всех лиц, находящихся под её юрисдикцией, включая правозащитников и журналистов.",
]

EN_PARAGRAPHS = [
    "I am writing to express my concern for Nizomkhon Dzhuraev, a human rights defender from "
    "Tashkent, who has been held incommunicado since 2 March 2011. He has reportedly been denied "
    "access to the lawyer of his choice and to his family.",
    "I urge you to ensure that he is protected from torture and other ill-treatment, and that he "
    "is given immediate access to a lawyer of his choice, his family and any medical care he needs.",
    "I call on you to release him immediately and unconditionally unless he is charged with a "
    "recognizably criminal offence, and to investigate the reports of ill-treatment impartially.",
]


def russian_letter(**changes) -> Letter:
    """A one-page Russian letter; ``changes`` replace its fields."""
    letter = Letter(
        language="ru",
        sender=["Анна Ковач", "Musterstraße 12", "10115 Berlin", "Германия",
                "anna.kovach@example.org"],
        place_date="Берлин, 3 мая 2011 г.",
        addressee=["Генеральному прокурору", "Республики Узбекистан", "Р. К. Кадырову",
                   "ул. Гулямова, 66", "Ташкент 100047", "Узбекистан"],
        subject="О Низомхоне Джураеве (UA 90/11)",
        salutation="Уважаемый Рашид Кадырович!",
        paragraphs=list(RU_PARAGRAPHS),
        closing="С уважением,",
        signature=["Анна Ковач"],
        copies_heading="Копии:",
        copies=["Посольство Республики Узбекистан в Германии, Перлебергер штрассе 62, 10559 Берлин"],
        meta={"title": "Письмо: Низомхон Джураев", "author": "Анна Ковач",
              "subject": "UA 90/11", "action_id": "test", "recipient_id": "prosecutor"},
    )
    return replace(letter, **changes)


def english_letter(**changes) -> Letter:
    """The English counterpart of :func:`russian_letter`."""
    letter = Letter(
        language="en",
        sender=["Anna Kovach", "Musterstraße 12", "10115 Berlin", "Germany", "anna.kovach@example.org"],
        place_date="Berlin, 3 May 2011",
        addressee=["Rashid Kadyrov", "Prosecutor General", "Prosecutor General's Office",
                   "ul. Gulyamova 66", "Tashkent 100047", "Uzbekistan"],
        subject="Nizomkhon Dzhuraev (UA 90/11)",
        salutation="Dear Prosecutor General,",
        paragraphs=list(EN_PARAGRAPHS),
        closing="Yours sincerely,",
        signature=["Anna Kovach"],
        copies_heading="Copies to:",
        copies=["Embassy of the Republic of Uzbekistan, Perleberger Str. 62, 10559 Berlin"],
        meta={"title": "Letter: Nizomkhon Dzhuraev", "author": "Anna Kovach", "subject": "UA 90/11"},
    )
    return replace(letter, **changes)


def long_russian_letter(repeat: int = 3) -> Letter:
    """A Russian letter long enough to need two or more pages."""
    return russian_letter(paragraphs=RU_PARAGRAPHS * repeat)
