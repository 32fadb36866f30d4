"""Russian letter rules: the addressee in the dative («Генеральному прокурору Российской Федерации /
Ю. Я. Чайке»), institutions in the nominative (as on Russian envelopes), the country line in Russian
and Latin capitals, «Уважаемый Юрий Яковлевич!» / «Уважаемая госпожа …!» / «Уважаемые господа!»,
persons declined inside sentences with gender agreement, «С уважением,» and «Копии:».

Explicit forms in the pack win over the libraries: ``recipient.localized["ru"].forms``
(``name_datv``, ``title_datv``, ``name_gent`` …), ``localized["ru"].salutation`` and
``person.forms["ru"][case]``. Otherwise ru_morph declines names (pytrovich) and titles (pymorphy3).
No Qt, no I/O.
"""

from __future__ import annotations

import datetime as _dt
import re

from ua_writer.core import formatting
from ua_writer.core.lang import LanguageRules, LocalFields, PersonForms, PersonGroup, match_title
from ua_writer.core.lang import ru_morph as morph
from ua_writer.core.model import Person, Recipient

#: English title (as in the UA) -> Russian title, for salutations when the pack has no Russian title
TITLES = {
    "prosecutor general": "Генеральный прокурор",
    "general prosecutor": "Генеральный прокурор",
    "deputy prosecutor general": "Заместитель Генерального прокурора",
    "minister": "Министр",
    "prime minister": "Премьер-министр",
    "president": "Президент",
    "chair": "Председатель",
    "chairman": "Председатель",
    "chairperson": "Председатель",
    "chairwoman": "Председатель",
    "director": "Директор",
    "judge": "Судья",
    "ambassador": "Посол",
    "governor": "Губернатор",
    "mayor": "Мэр",
    "ombudsman": "Уполномоченный по правам человека",
    "ombudsperson": "Уполномоченный по правам человека",
    "human rights commissioner": "Уполномоченный по правам человека",
    "commissioner for human rights": "Уполномоченный по правам человека",
}

#: a UA's instruction verbs (imperative or adverbial participle) -> the writer's first person
_FIRST_PERSON = {
    "призовите": "Призываю", "призывайте": "Призываю", "призывая": "Призываю",
    "напомните": "Напоминаю", "напоминая": "Напоминаю",
    "попросите": "Прошу", "просите": "Прошу", "прося": "Прошу",
    "потребуйте": "Требую", "требуйте": "Требую", "требуя": "Требую",
    "выразите": "Выражаю", "выражая": "Выражаю",
    "настаивайте": "Настаиваю", "настаивая": "Настаиваю",
    "подчеркните": "Подчеркиваю", "подчеркивая": "Подчеркиваю", "подчёркивая": "Подчеркиваю",
    "отметьте": "Отмечаю", "отмечая": "Отмечаю",
    "приветствуйте": "Приветствую", "приветствуя": "Приветствую",
    "обратитесь": "Обращаюсь", "обращаясь": "Обращаюсь",
}
#: titles of the highest offices keep their capital inside a sentence («Генеральному прокурору
#: Российской Федерации»); others do not («директору Третьего департамента»)
_CAPITALISED_OFFICES = ("президент", "председател", "генеральн", "уполномоченн")


def in_sentence(label: str) -> str:
    """A title that opens an address line, as written inside a sentence."""
    word = label.split(" ", 1)[0].lower()
    if not label or word.startswith(_CAPITALISED_OFFICES) or not morph.is_cyrillic(word):
        return label
    return label[0].lower() + label[1:]


_FIRST_WORD = re.compile(r"^([А-Яа-яЁё]+)\b")
_VOWELS = set("АОУЭИаоуэи")


#: how a Russian title begins -> the office (English key of TITLES)
OFFICES = {
    "генеральный прокурор": "prosecutor general",
    "заместитель генерального прокурора": "deputy prosecutor general",
    "министр": "minister", "премьер-министр": "prime minister",
    "председатель правительства": "prime minister", "президент": "president",
    "председатель": "chair", "директор": "director", "судья": "judge", "посол": "ambassador",
    "губернатор": "governor", "мэр": "mayor",
    "уполномоченный по правам человека": "ombudsman",
}

class RussianRules(LanguageRules):
    code = "ru"
    locale_tag = "ru_RU"
    words = {
        "closing": "С уважением,",
        "copies_heading": "Копии:",
        "copy_heading": "Копия:",
        "copy_marker": "КОПИЯ",
        "copy_of": "КОПИЯ письма {label}",
        "copy_of_to": "КОПИЯ письма {to}",
        "your_name": "[Ваше имя]",
        "your_address": "[Ваш адрес]",
        "untranslated": "[Текст на языке «{language}» — пожалуйста, переведите]",
        "untranslated_loct": "[Текст на {language} языке — пожалуйста, переведите]",
        "subject_prefix": "",
        "institution_salutation": "Уважаемые господа",
    }
    salutation_mark = "!"
    offices = OFFICES

    # Russian letters carry the date alone; the sender's town is in the sender block
    def place_date(self, city: str, date: _dt.date) -> str:
        return formatting.long_date(date, self.loc)

    def country_line(self, code: str) -> str:
        return f"{formatting.postal_country_line(code, self.loc)} / {formatting.latin_country_line(code)}"

    # -- addressee -------------------------------------------------------------------------------
    def _russian(self, f: LocalFields, attr: str) -> str | None:
        """The field if it is the Russian one (not the untranslated fallback)."""
        val = getattr(f, attr)
        return val if val and attr not in f.fallback and morph.is_cyrillic(val) else None

    def _gender(self, recipient: Recipient, f: LocalFields):
        name = self._russian(f, "name")
        return recipient.gender or (morph.detect_gender(morph.parse_name(name)) if name else None)

    def title_datv(self, f: LocalFields) -> str | None:
        if f.forms.get("title_datv"):
            return f.forms["title_datv"]
        title = self._russian(f, "title")
        if title:
            return morph.inflect_title(title, "datv") or title
        return f.title

    def name_datv(self, recipient: Recipient, f: LocalFields) -> str | None:
        if f.forms.get("name_datv"):
            return f.forms["name_datv"]
        name = self._russian(f, "name")
        if name:
            return morph.initials_name(name, "datv", self._gender(recipient, f))[0]
        return f.name

    def addressee_block(self, recipient: Recipient, *, sender_country: str | None = None) -> list[str]:
        f = self.fields(recipient)
        if f.is_institution:
            head = [f.organization]
        else:
            title = self._russian(f, "title")
            with_org = f.organization and (not title or not morph.title_has_tail(title))
            head = [f.organization if with_org else None, self.title_datv(f),
                    self.name_datv(recipient, f)]
        return [l for l in head if l] + self.address_lines(recipient, f, sender_country=sender_country)

    def recipient_label(self, recipient: Recipient) -> str:
        f = self.fields(recipient)
        if f.is_institution:   # «Копия: Московскому городскому суду», as for a person: dative
            org = self._russian(f, "organization")
            return (morph.inflect_title(org, "datv") if org else None) or f.organization or recipient.id
        return " ".join(p for p in (self.title_datv(f), self.name_datv(recipient, f)) if p)

    def to_phrase(self, recipient: Recipient) -> str | None:
        """«Генеральному прокурору Российской Федерации Ю. Я. Чайке» (the dative needs no
        preposition); an institution: None (its case would need the noun's gender)."""
        if self.fields(recipient).is_institution:
            return None
        return in_sentence(self.recipient_label(recipient))

    def recipient_issues(self, recipient: Recipient) -> list[tuple[str, str]]:
        f = self.fields(recipient)
        issues = []
        for attr in ("name", "title", "organization"):
            if getattr(f, attr) and not self._russian(f, attr) and attr not in f.forms:
                issues.append(("not_localized", getattr(f, attr)))
        title = self._russian(f, "title")
        if title and not f.forms.get("title_datv") and morph.inflect_title(title, "datv") is None:
            issues.append(("not_inflected", title))
        name = self._russian(f, "name")
        if name and not f.forms.get("name_datv") and not morph.initials_name(
                name, "datv", self._gender(recipient, f))[1]:
            issues.append(("uncertain_gender", name))
        return issues

    # -- salutation ------------------------------------------------------------------------------
    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        if f.is_institution:
            return self.words["institution_salutation"]
        name = self._russian(f, "name")
        gender = self._gender(recipient, f)
        dear = {"m": "Уважаемый", "f": "Уважаемая"}
        if name and gender in dear:
            fp = morph.first_and_patronymic(name)
            if fp:
                return f"{dear[gender]} {fp}"
        title = self._russian(f, "title") or (TITLES.get(f.office) if f.office else None)
        head = morph.title_head(title) if title else None
        if head and gender in dear:
            return f"{dear[gender]} {'господин' if gender == 'm' else 'госпожа'} {head[0]}"
        if name and gender in dear:
            surname = morph.parse_name(name).last
            if surname:
                return f"{dear[gender]} {'господин' if gender == 'm' else 'госпожа'} {surname}"
        if head:  # gender unknown: the adjective agrees with the title itself
            return f"{'Уважаемая' if head[1] == 'femn' else 'Уважаемый'} {head[0]}"
        return self.words["institution_salutation"]

    # -- persons ---------------------------------------------------------------------------------
    def person(self, person: Person) -> PersonForms:
        forms = person.forms.get("ru", {})
        name = person.names.get("ru")
        if not name or not morph.is_cyrillic(name):
            latin = name or person.name
            pf = PersonForms(lambda case: forms.get(case) or latin, person.gender)
            pf.uncertain = not forms
            return pf
        parts = morph.parse_name(name)
        gender = person.gender or morph.detect_gender(parts)

        def inflect(case: str) -> str:
            return forms.get(case) or morph.inflect_name(name, case, gender)[0]

        pf = PersonForms(inflect, gender)
        pf.uncertain = gender is None and len(forms) < 5
        return pf

    def person_issues(self, person: Person) -> list[tuple[str, str]]:
        name = person.names.get("ru")
        if not name or not morph.is_cyrillic(name):
            return [("not_localized", person.name)]
        if self.person(person).uncertain:
            return [("uncertain_gender", name)]
        return []

    def about_subject(self, group: PersonGroup) -> str:
        """«О Низомхоне Джураеве», «Об Исмоне Азимове»."""
        loct = group.loct
        return f"{'Об' if loct[:1] in _VOWELS else 'О'} {loct}"

    # -- text ------------------------------------------------------------------------------------
    def appeal(self, text: str) -> str:
        text = " ".join(text.split())
        m = _FIRST_WORD.match(text)
        if m and m.group(1).lower() in _FIRST_PERSON:
            text = _FIRST_PERSON[m.group(1).lower()] + text[m.end():]
        if text and text[-1] not in ".!?…":
            text += "."
        return text

    def untranslated_marker(self, source_lang: str) -> str:
        name = formatting.language_name(source_lang, self.loc)
        loct = morph.inflect_title(name, "loct") if name and name.isalpha() else None
        if loct and loct != name:
            return self.words["untranslated_loct"].format(language=loct.lower())
        return self.words["untranslated"].format(language=name)


RULES = RussianRules()
