"""Per-language letter rules behind one small interface, and the registry that finds them.

The template (``templates/<lang>/letter.j2``) writes the body; a rules module writes every piece whose
*grammar* depends on who is written to or about. One module per language (``ru.py``, ``en.py``, …),
each defining ``RULES``, an instance of a :class:`LanguageRules` subclass. The interface:

- ``code``, ``locale_tag``: "ru", "ru_RU": the letter language and its Babel locale
- ``place_date(city, date)``: "Berlin, 3 May 2011" / "3 мая 2011 г."
- ``addressee_block(recipient, sender_country=…)``: lines (Russian: dative; country line if abroad)
- ``salutation(recipient)``: "Dear Prosecutor General," / "Уважаемый Юрий Яковлевич!"
- ``closing(recipient)``: "Yours sincerely," / "С уважением," / the French formula
- ``recipient_label(recipient)``: one line naming a copy recipient (the "Копии:" list)
- ``to_phrase(recipient)``: "to X, Prosecutor General …" / "an Herrn X, …" / «Генеральному прокурору
  … Ю. Я. Чайке», for sentences (copy marker, fax cover); None where grammar needs what we don't know
- ``long_date(date)``: the date alone ("1er avril 2011"), as the place/date line writes it
- ``person(person)`` / ``group(persons)``: :class:`PersonForms`, the name in each case + agreement
- ``appeal(text)``: an appeal point turned into a sentence of the letter ("I urge …")
- ``subject(title, ua_number)``, ``about_subject(group)``: the subject line («О Низомхоне …»)
- ``untranslated_marker(source_lang)``: "[Text in English — please translate]" in this language
- ``recipient_issues(r)``, ``person_issues(p)``: (code, text) pairs that compose turns into
  warnings: "not_localized", "not_inflected", "uncertain_gender"
- ``words``: fixed words (copies heading, "COPY", "[Your name]", …)

Case names are pymorphy's: ``nomn gent datv accs ablt loct``. Grammatical gender is "m", "f" or
None (unknown). Adding a language = one module here + one template folder; :func:`get_rules` finds
the module by its file name, so no list needs editing. A template folder without a module gets
:class:`GenericRules` (Babel dates and country names, neutral wording the template can override).
Pure Python: no Qt, no I/O beyond importing modules; Russian morphology loads lazily in ``ru``.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ua_writer.core import formatting
from ua_writer.core.i18n import _
from ua_writer.core.model import Gender, Person, Recipient

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_CODE_RE = re.compile(r"^[a-z]{2,3}$")


# -- what templates see of a person ------------------------------------------------------------

class PersonForms:
    """A person (or a group of persons) as a template sees it.

    ``p.nomn``, ``p.gent``, ``p.datv``, ``p.accs``, ``p.ablt``, ``p.loct``: the name in that case
    (languages without cases return the same name); ``p.gender`` "m"/"f"/None; ``p.plural``;
    ``p.g(m, f, other)``: the word agreeing with the gender (``other`` for a group or an unknown
    gender; if omitted, "m/f"). Example: ``{{ p.g("задержан", "задержана", "задержаны") }}``.
    """

    #: True when a form may be wrong (gender unknown, name not in this language's script)
    uncertain = False

    def __init__(self, inflect: Callable[[str], str], gender: Gender = None, plural: bool = False):
        self._inflect = inflect
        self._cache: dict[str, str] = {}
        self.gender = None if plural else gender
        self.plural = plural

    def case(self, name: str) -> str:
        if name not in CASES:
            raise ValueError(f"unknown case {name!r}; valid: {', '.join(CASES)}")
        if name not in self._cache:
            self._cache[name] = self._inflect(name)
        return self._cache[name]

    nomn = property(lambda self: self.case("nomn"))
    gent = property(lambda self: self.case("gent"))
    datv = property(lambda self: self.case("datv"))
    accs = property(lambda self: self.case("accs"))
    ablt = property(lambda self: self.case("ablt"))
    loct = property(lambda self: self.case("loct"))

    def g(self, m: str, f: str, other: str | None = None) -> str:
        if not self.plural and self.gender == "m":
            return m
        if not self.plural and self.gender == "f":
            return f
        return other if other is not None else f"{m}/{f}"

    def __str__(self) -> str:
        return self.nomn

    @property
    def short(self) -> "PersonForms":
        """The name without a patronymic ("Yusup Kasymakhunov", «Юсупа Касымахунова»), for a
        second mention; names without one are unchanged."""
        short = PersonForms(lambda case: drop_patronymic(self.case(case)), self.gender, self.plural)
        short.uncertain = self.uncertain
        return short

    def mentioned_in(self, text: str) -> bool:
        """True when ``text`` names this person (their surname in any case)."""
        if not text:
            return False
        return any(self.case(c).split()[-1] in text for c in CASES if self.case(c).split())


#: a patronymic: Russian/Ukrainian/Belarusian endings, in Cyrillic or Latin transliteration
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|инична|вича|вичу|вичем|виче|вны|вне|вной|вну|ичны|ичне|ичной|ичну"
                         r"|vich|vna|vitch|ovich|evich|ovna|evna|ichna)$", re.I)


def drop_patronymic(name: str) -> str:
    """"Yusup Salimakhunovich Kasymakhunov" -> "Yusup Kasymakhunov"; other names unchanged."""
    parts = name.split()
    if len(parts) == 3 and _PATRONYMIC.search(parts[1]):
        return f"{parts[0]} {parts[2]}"
    return name


class PersonGroup(PersonForms):
    """Several PersonForms joined with the language's "and" ("A, B и C"); iterable; ``count``."""

    def __init__(self, members: list[PersonForms], loc):
        self._loc = loc
        self.members = list(members)
        self.count = len(self.members)
        gender = self.members[0].gender if self.count == 1 else None
        super().__init__(lambda case: formatting.join_list([m.case(case) for m in self.members], loc),
                         gender=gender, plural=self.count > 1)

    @property
    def short(self) -> "PersonGroup":
        group = PersonGroup([m.short for m in self.members], self._loc)
        return group

    def mentioned_in(self, text: str) -> bool:
        return any(m.mentioned_in(text) for m in self.members)

    def __iter__(self):
        return iter(self.members)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class LocalFields:
    """A recipient's fields in one language, falling back to the pack's base fields."""

    name: str | None
    title: str | None
    organization: str | None
    address_lines: list[str]
    salutation: str | None
    forms: dict[str, str]
    #: which of name/title/organization/salutation came from the base (untranslated) fields
    fallback: set[str]
    #: the office the recipient holds, as an English glossary key ("director", "prosecutor
    #: general"), recognised from the hand-checked titles first (see LanguageRules.office)
    office: str | None = None

    @property
    def is_institution(self) -> bool:
        return not self.name and not self.title


def local_fields(recipient: Recipient, code: str, *, base_salutation: bool = False) -> LocalFields:
    loc = recipient.localized.get(code)
    fallback: set[str] = set()

    def pick(attr: str):
        val = getattr(loc, attr) if loc else None
        if val:
            return val
        base = getattr(recipient, attr)
        if base:
            fallback.add(attr)
        return base

    lines = loc.address_lines if loc and loc.address_lines is not None else None
    if lines is None:
        # the postal lines in Latin script: the hand-checked English form before the UA's own
        en = recipient.localized.get("en")
        lines = en.address_lines if en and en.address_lines is not None else recipient.address_lines
    sal = loc.salutation if loc else None
    if not sal and base_salutation and recipient.salutation:
        sal = recipient.salutation
        fallback.add("salutation")
    return LocalFields(pick("name"), pick("title"), pick("organization"), list(lines or []), sal,
                       dict(loc.forms) if loc else {}, fallback)


def _norm_title(text: str) -> str:
    return re.sub(r"[\s\-‐]+", " ", text.strip().lower())


def match_title(title: str | None, glossary: dict[str, object]):
    """The glossary entry whose key (an English title such as "prosecutor general") starts
    ``title``, longest key first; None if none does. Used for salutations when a pack has no
    title in the letter's language."""
    if not title:
        return None
    norm = _norm_title(title)
    for k, key in _sorted_keys(tuple(glossary)):
        if norm == k or norm.startswith(k + " ") or norm.startswith(k + ","):
            return glossary[key]
    return None


@lru_cache(maxsize=64)
def _sorted_keys(keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(normalised key, key), longest first — once per glossary."""
    return sorted(((_norm_title(k), k) for k in keys), key=lambda kk: len(kk[0]), reverse=True)


def with_final(text: str, mark: str) -> str:
    """``text`` ending in ``mark`` (",", "!", ":") unless it already ends in punctuation."""
    text = text.strip()
    if not text or text[-1] in ",.!:;?":
        return text
    return text + mark


# -- the interface ------------------------------------------------------------------------------

class LanguageRules:
    """Defaults shared by all languages (English-like conventions); modules override what differs."""

    code = "en"
    locale_tag = "en_GB"
    #: fixed words; every module sets all keys
    words: dict[str, str] = {
        "closing": "Yours sincerely,",
        "copies_heading": "Copies to:",
        "copy_heading": "Copy to:",
        "copy_marker": "COPY",
        "copy_of": "COPY of a letter to {label}",
        "copy_of_to": "COPY of a letter {to}",
        "your_name": "[Your name]",
        "your_address": "[Your address]",
        "untranslated": "[Text in {language} — please translate]",
        "subject_prefix": "",
    }
    salutation_mark = ","
    #: English title -> (masculine, feminine) title in this language, for generated salutations
    titles: dict[str, tuple[str, str]] = {}
    #: how an office's title begins in this language -> the English glossary key of the office
    #: ("generalstaatsanwalt" -> "prosecutor general"), to recognise a hand-checked title
    offices: dict[str, str] = {}

    @property
    def loc(self):
        return formatting.locale(self.locale_tag)

    # dates and places
    def long_date(self, date: _dt.date) -> str:
        """The date alone in this language's letter style (the place/date line, a fax cover)."""
        return formatting.long_date(date, self.loc)

    def place_date(self, city: str, date: _dt.date) -> str:
        day = self.long_date(date)
        city = local_city(city, self.loc)
        return f"{city}, {day}" if city else day

    # recipients
    def fields(self, recipient: Recipient) -> LocalFields:
        f = local_fields(recipient, self.code, base_salutation=self.code == "en")
        f.office = self.office(recipient)
        if "salutation" in f.fallback:
            # the UA's own salutation ("Dear Minister") only where it names the office the
            # hand-checked titles name (a UA may copy the wrong one from the line above)
            said = recognize_office(re.sub(r"^\s*dear\s+", "", f.salutation or "", flags=re.I), "en")
            if said is not None and f.office is not None and said != f.office:
                f.salutation = None
        return f

    def recognize_office(self, title: str | None) -> str | None:
        """The office a title in THIS language names ("Direktor des …" -> "director"), or None."""
        glossary = self.__dict__.get("_office_glossary")
        if glossary is None:
            glossary = {key: key for key in self.titles}
            glossary.update(self.offices)
            self.__dict__["_office_glossary"] = glossary
        return match_title(title, glossary)

    def office(self, recipient: Recipient) -> str | None:
        """The office the recipient holds, recognised from their titles: the one in this language,
        then the other hand-checked (localized) ones, the UA's own English title last — a UA may
        put the wrong title on a line ("Minister of Foreign Affairs" above a department director),
        and the forms in the pack are the checked correction."""
        candidates = [(self.code, recipient.local(self.code).title)]
        others = sorted(l for l in recipient.localized if l not in (self.code, "en"))
        candidates += [(l, recipient.localized[l].title) for l in others]
        candidates += [("en", recipient.local("en").title), ("en", recipient.title)]
        for lang, title in candidates:
            if title:
                found = recognize_office(title, lang)
                if found is not None:
                    return found
        return None

    def address_lines(self, recipient: Recipient, f: LocalFields, *,
                      sender_country: str | None) -> list[str]:
        """The postal lines: the pack's lines minus a trailing country line, plus our own country
        line when the letter goes abroad (or the sender's country is unknown). With the sender's
        country known, the line is the envelope's: the destination in the language of the
        sender's post, then in the destination's («RUSSLAND / РОССИЯ») — one rule for the letter
        in the window and the envelope, whatever language the letter is in."""
        lines = [l for l in f.address_lines if l.strip()]
        names = formatting.country_names(recipient.country)
        while lines and lines[-1].strip().lower() in names:
            lines.pop()
        if recipient.country and (not sender_country or sender_country.upper() != recipient.country):
            if sender_country:
                dest = recipient.country.upper()
                lines.append(postal_country_line(
                    dest, official_language(sender_country, self.code),
                    official_language(dest, self.code)))
            else:
                lines.append(self.country_line(recipient.country))
        return lines

    def country_line(self, code: str) -> str:
        return formatting.postal_country_line(code, self.loc)

    def name_line(self, f: LocalFields, gender: Gender) -> str | None:
        return f.name

    def addressee_block(self, recipient: Recipient, *, sender_country: str | None = None) -> list[str]:
        f = self.fields(recipient)
        head = [self.name_line(f, recipient.gender), f.title, f.organization]
        return [l for l in head if l] + self.address_lines(recipient, f, sender_country=sender_country)

    def title_word(self, f: LocalFields, gender: Gender) -> str | None:
        """The title as used in a salutation ("Prosecutor General"), or None if unknown: the
        word for the office the recipient holds (``f.office``), whatever language named it."""
        entry = self.titles.get(f.office) if f.office else match_title(f.title, self.titles)
        if entry is None:
            return None
        m, fem = entry
        return fem if gender == "f" else m

    def salutation(self, recipient: Recipient) -> str:
        f = self.fields(recipient)
        if f.salutation:
            return with_final(f.salutation, self.salutation_mark)
        return with_final(self.make_salutation(recipient, f), self.salutation_mark)

    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        return "Dear Sir or Madam"

    def closing(self, recipient: Recipient) -> str:
        return self.words["closing"]

    def own(self, f: LocalFields, attr: str) -> str | None:
        """``f.<attr>`` if it is written in this language, None if it is the UA's English
        stand-in — which may do for a postal line, never inside this language's sentences."""
        val = getattr(f, attr)
        return val if self.code == "en" or attr not in f.fallback else None

    def recipient_label(self, recipient: Recipient) -> str:
        """One line of the copies list: name, title, organisation — those in this language; the
        untranslated ones only when nothing else names the recipient."""
        f = self.fields(recipient)
        parts = [p for p in (self.name_line(f, recipient.gender), self.own(f, "title"),
                             self.own(f, "organization")) if p]
        if not parts:  # an institution known only by its English name
            parts = [p for p in (f.title, f.organization) if p]
        return ", ".join(parts) or recipient.id

    def to_phrase(self, recipient: Recipient) -> str | None:
        """"to Yurii Ya. Chaika, Prosecutor General of the Russian Federation" — the recipient
        after a verb of sending, in this language; None where the grammar needs what we do not
        know (an institution's gender). English: "to the Moscow City Court"."""
        f = self.fields(recipient)
        if f.is_institution:
            return f"to the {f.organization}" if f.organization else None
        who = ", ".join(p for p in (self.name_line(f, recipient.gender), f.title) if p)
        return f"to {who}" if f.name else f"to the {who}"

    # persons
    def person(self, person: Person) -> PersonForms:
        name = person.name_in(self.code)
        forms = person.forms.get(self.code, {})
        return PersonForms(lambda case: forms.get(case) or name, person.gender)

    def group(self, persons: list[Person]) -> PersonGroup:
        return PersonGroup([self.person(p) for p in persons], self.loc)

    def about_subject(self, group: PersonGroup) -> str:
        return group.nomn

    # things the user should check (compose turns them into translated warnings)
    def recipient_issues(self, recipient: Recipient) -> list[tuple[str, str]]:
        """A title or organisation the pack has only in English: it stays in the address block
        (where the post reads it) but is left out of this language's sentences and copies list."""
        if self.code == "en":
            return []
        f = self.fields(recipient)
        return [("not_localized", getattr(f, a)) for a in ("title", "organization")
                if getattr(f, a) and a in f.fallback]

    def person_issues(self, person: Person) -> list[tuple[str, str]]:
        return []

    # text
    def appeal(self, text: str) -> str:
        return text.strip()

    def subject(self, title: str, ua_number: str | None) -> str:
        text = title.strip()
        if ua_number:
            num = ua_number.strip()
            num = num if num.upper().startswith("UA") else f"UA {num}"
            text = f"{text} ({num})"
        return self.words["subject_prefix"] + text

    def untranslated_marker(self, source_lang: str) -> str:
        return self.words["untranslated"].format(
            language=formatting.language_name(source_lang, self.loc))


class GenericRules(LanguageRules):
    """Rules for a language that has a template folder but no rules module: Babel dates and
    country names in that language, English-like structure; the template's ``salutation`` and
    ``closing`` blocks are expected to supply the wording."""

    def __init__(self, code: str):
        self.code = code
        self.locale_tag = code
        self.words = dict(LanguageRules.words)


#: countries whose window envelopes have the window on the right (French NF and Swiss SN 010130
#: conventions); everywhere else the DIN 5008 / ISO 269 left window
RIGHT_WINDOW_COUNTRIES = frozenset({"FR", "MC", "BE", "LU", "CH", "LI"})


def window_side_for(country: str | None) -> str:
    """"right" for a sender in France, Belgium, Luxembourg, Monaco, Switzerland or
    Liechtenstein, else "left": where the window of the envelopes on sale there is."""
    return "right" if (country or "").upper() in RIGHT_WINDOW_COUNTRIES else "left"


@lru_cache(maxsize=256)
def official_language(country: str, fallback: str) -> str:
    """The first official language of ``country`` that Babel has a locale for, else ``fallback``."""
    from babel.languages import get_official_languages

    for lang in get_official_languages((country or "").upper()):
        if formatting.known_locale(lang):
            return lang.split("_")[0]
    return fallback


def postal_country_line(dest: str, sender_lang: str, dest_lang: str) -> str:
    """"RUSSLAND / РОССИЯ": the destination in capitals in the sender's post's language and in
    the destination's (once if they agree); English uses the UPU name ("RUSSIAN FEDERATION")."""
    def name(lang: str) -> str:
        if lang == "en":
            return formatting.latin_country_line(dest)
        return formatting.postal_country_line(dest, formatting.locale(lang))

    parts: list[str] = []
    for lang in (sender_lang, dest_lang):
        n = name(lang)
        if n and n not in parts:
            parts.append(n)
    return " / ".join(parts)


@lru_cache(maxsize=1)
def _zone_cities() -> dict[str, str]:
    """English city name (as in a time zone id: "New York") -> the zone id, from CLDR."""
    from babel.core import get_global

    ids = get_global("zone_territories")
    return {z.rsplit("/", 1)[-1].replace("_", " ").lower(): z for z in ids if "/" in z}


def local_city(city: str, loc) -> str:
    """The city as the letter's language writes it, where CLDR knows it (Babel's exemplar
    cities of time zones): "Berlin" -> "Berlín" in Spanish, "Moscow" -> "Moscou" in French;
    any other city as given."""
    if not city:
        return city
    zone = _zone_cities().get(city.strip().lower())
    if zone is None:
        return city
    local = (loc.time_zones.get(zone) or {}).get("city")
    return local or city


def recognize_office(title: str | None, lang: str) -> str | None:
    """The office ``title`` (written in ``lang``) names, as an English glossary key; None if the
    language has no rules or the title no known office."""
    if not title:
        return None
    try:
        rules = get_rules(lang)
    except ValueError:
        return None
    return rules.recognize_office(title)


# -- registry -----------------------------------------------------------------------------------

def module_languages() -> list[str]:
    """Codes of the languages that have a rules module here (``ru.py`` -> "ru")."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if _CODE_RE.match(m.name))


@lru_cache(maxsize=None)
def get_rules(code: str) -> LanguageRules:
    """The rules for ``code``: its module's ``RULES``, else GenericRules if Babel knows the
    language; ValueError otherwise."""
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ValueError(_("not a language code: {code}").format(code=repr(code)))
    if code in module_languages():
        return importlib.import_module(f"{__name__}.{code}").RULES
    if formatting.known_locale(code):
        return GenericRules(code)
    # shown to the user (envelopes and labels pass it on as a UserFacingError)
    raise ValueError(_("no letter rules for language {code}").format(code=repr(code)))
