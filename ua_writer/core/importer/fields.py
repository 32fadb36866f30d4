"""Recognisers for single values: dates, phone/fax lists, e-mail, salutations, countries, names.

Month, country and language names come from Babel's CLDR data (English plus the languages UAs
are received in), not hand lists; a few aliases that CLDR lacks ("Russian Federation", "Burma")
are added. Every regex here is linear (no nested quantifiers) and only ever sees one line of at
most text.MAX_LINE_CHARS characters. No Qt, no layouts.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

#: languages whose month names are recognised in dates
DATE_LOCALES = ("en", "ru", "de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr")
#: languages whose territory/language names are recognised
NAME_LOCALES = ("en", "ru", "de", "fr", "es", "it", "pl")


# -- dates ----------------------------------------------------------------------------------------

@functools.cache
def month_names() -> dict[str, int]:
    """Lower-case month name/abbreviation (any DATE_LOCALES language, any case form) -> 1..12."""
    from babel import Locale

    names: dict[str, int] = {}
    for code in DATE_LOCALES:
        loc = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    key = _month_key(name)
                    if len(key) >= 3:
                        names.setdefault(key, num)
    for alias, num in (("sept", 9), ("febr", 2), ("janv", 1), ("févr", 2), ("juil", 7),
                       ("sep", 9), ("june", 6), ("july", 7)):
        names.setdefault(alias, num)
    return names


def _month_key(name: str) -> str:
    return name.lower().strip(". ")


# re.I throughout: "12 DE ABRIL DE 2019", "12TH APRIL" read as their lower-case forms do
_D_M_Y = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|º|\.)?(?:\s+de\b)?[\s\-/.]*([^\W\d_]{3,12})\.?,?(?:\s+del?\b)?"
                    r"[\s\-/.]*((?:19|20)\d\d)\b", re.I)
_M_D_Y = re.compile(r"\b([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)?\d\d)\b")
_D_M = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er|\.)?(?:\s+de\b)?\s+([^\W\d_]{3,12})\b", re.I)
_M_D = re.compile(r"\b([^\W\d_]{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.:/]\d)", re.I)


def _mk(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[_dt.date, int, int]]:
    """All full dates (with a year) in ``text`` as (date, start, end), in order of position."""
    months = month_names()
    found: list[tuple[_dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(d, s, e):
        if d and not any(s < te and e > ts for ts, te in taken):
            found.append((d, s, e))
            taken.append((s, e))

    for m in _ISO.finditer(text):
        add(_mk(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    for m in _D_M_Y.finditer(text):
        mon = months.get(_month_key(m[2]))
        if mon:
            add(_mk(int(m[3]), mon, int(m[1])), m.start(), m.end())
    for m in _M_D_Y.finditer(text):
        mon = months.get(_month_key(m[1]))
        if mon:
            add(_mk(int(m[3]), mon, int(m[2])), m.start(), m.end())
    for m in _NUMERIC.finditer(text):
        y = int(m[3])
        if y < 100:
            y += 2000 if y < 50 else 1900
        a, b = int(m[1]), int(m[2])
        # day.month.year is what UAs use outside the USA; month/day only when day.month is impossible
        d = _mk(y, b, a) or _mk(y, a, b)
        add(d, m.start(), m.end())
    found.sort(key=lambda t: t[1])
    return found


def parse_date(text: str) -> _dt.date | None:
    """The first full date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None


def parse_partial_date(text: str, year_hint: int | None) -> tuple[_dt.date | None, bool]:
    """A date with or without a year. Returns (date, year_was_guessed)."""
    d = parse_date(text)
    if d:
        return d, False
    if year_hint is None:
        return None, False
    months = month_names()
    for m in _D_M.finditer(text):
        mon = months.get(_month_key(m[2]))
        if mon:
            return _mk(year_hint, mon, int(m[1])), True
    for m in _M_D.finditer(text):
        mon = months.get(_month_key(m[1]))
        if mon:
            return _mk(year_hint, mon, int(m[2])), True
    return None, False


def two_digit_year(yy: str) -> int:
    y = int(yy)
    return y + (2000 if y < 50 else 1900)


# -- phones, e-mail ---------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6}")
_OBFUSCATED_AT = re.compile(r"\s*[\[(]\s*at\s*[\])]\s*", re.I)
_OBFUSCATED_DOT = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*", re.I)
_PHONE_CHARS = re.compile(r"\+?\(?\d[\d\s().\-]{4,30}\d")
_PAREN = re.compile(r"\(([^()]{0,200})\)")


def find_emails(text: str) -> list[str]:
    text = _OBFUSCATED_AT.sub("@", text)
    text = _OBFUSCATED_DOT.sub(".", text)
    return [e.rstrip(".-") for e in EMAIL_RE.findall(text)]


def digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def split_phones(value: str) -> tuple[list[str], str | None]:
    """"+7 495 963 9359 / +7 495 963 3338 (if voice answers, ask for Fax)" -> (numbers, remark).

    Remarks in parentheses that contain words become the note; an area code in parentheses
    ("(495)") stays part of the number. Numbers are split on "/", ";", ",", "or", "and" between
    two things that each have enough digits to be a number.
    """
    remarks: list[str] = []

    def take_remark(m: re.Match) -> str:
        inner = m[1].strip()
        if re.search(r"[^\W\d_]{2}", inner):
            remarks.append(inner)
            return " "
        return m[0]

    value = _PAREN.sub(take_remark, value)
    value = re.sub(r"\+\s+(?=\d)", "+", value)
    # an unclosed remark "(if voice answers," at the end of a damaged line
    open_idx = value.find("(")
    if open_idx >= 0 and ")" not in value[open_idx:] and re.search(r"[^\W\d_]{2}", value[open_idx:]):
        remarks.append(value[open_idx + 1:].strip())
        value = value[:open_idx]
    # words after the numbers ("+7 495 123 45 67 via the Ministry") are a remark too
    numbers: list[str] = []
    rest_words: list[str] = []
    for part in re.split(r"\s*(?:/|;|,|\bor\b|\band\b|\||\s{3,})\s*", value):
        part = part.strip(" .:-")
        if not part:
            continue
        m = _PHONE_CHARS.search(part)
        short_tail = (m is not None and numbers and not part.lstrip().startswith(("+", "("))
                      and digit_count(m[0]) <= digit_count(numbers[-1]) - 4)
        if short_tail:
            # "+249 11 771651 / 779977": the second number shares the first one's prefix
            numbers[-1] = numbers[-1] + "/" + re.sub(r"\s+", " ", m[0]).strip()
        elif m and digit_count(m[0]) >= 5:
            num = re.sub(r"\s+", " ", m[0]).strip()
            # "+ 7 095" -> "+7 095"
            num = re.sub(r"^\+\s+", "+", num)
            ext = re.search(r"\b(?:ext|extension|доб)\.?\s*(\d{1,6})", part[m.end():], re.I)
            if ext:
                num += f" ext. {ext[1]}"
            numbers.append(num)
            tail = part[m.end():].strip(" .")
            if tail and re.search(r"[^\W\d_]{3}", tail) and not ext:
                rest_words.append(tail)
        elif numbers and digit_count(part) >= 2 and not re.search(r"[^\W\d_]{2}", part):
            # a fragment after a split inside one number ("+7 495 963 9359/60")
            numbers[-1] = numbers[-1] + "/" + part
        elif re.search(r"[^\W\d_]{2}", part):
            rest_words.append(part)
    remark = "; ".join(r for r in remarks + rest_words if r) or None
    if remark:
        remark = remark.replace("\u201c", '"').replace("\u201d", '"')
    return numbers, remark


def looks_like_phone_only(line: str) -> bool:
    """A line that is nothing but one or more phone numbers (a fax continued on the next line)."""
    stripped = _PAREN.sub("", line).strip()
    if not stripped or re.search(r"[^\W\d_]{3}", stripped):
        return False
    return digit_count(stripped) >= 6 and bool(re.fullmatch(r"[+\d\s().\-/;,]+", stripped))


# -- salutation, gender ------------------------------------------------------------------------------

_SALUTATION_LINE = re.compile(r"^(Dear|Your|Уважаем\w*|Sehr geehrte\w*|Monsieur|Madame|Señor\w*|Estimad\w*|"
                              r"Excelent\w*|Excellency)\b[^\n]{0,120}$", re.I)


def clean_salutation(text: str) -> str:
    text = text.strip().strip('"“”').strip()
    text = re.sub(r"[,:;!]+$", "", text).strip()
    return text


def looks_like_salutation(line: str) -> bool:
    return bool(_SALUTATION_LINE.match(line.strip())) and len(line) < 120


_MALE_HON = re.compile(r"^(?:Mr|Mister|Monsieur|Herr|Sr|Señor|Sir|Господин|Г-н)\b\.?\s*", re.I)
_FEMALE_HON = re.compile(r"^(?:Mrs|Ms|Miss|Madam|Madame|Mme|Frau|Sra|Señora|Госпожа|Г-жа)\b\.?\s*", re.I)
_OTHER_HON = re.compile(r"^(?:Dr|Prof|H\.\s?E|HE|His Excellency|Her Excellency|Hon|The Honourable|"
                        r"The Honorable|Judge|Justice|(?:Lieutenant|Major|Brigadier)[- ]General|"
                        r"Field Marshal|General|Colonel|Col|Brigadier|Captain|Capt|Major|Admiral|"
                        r"Sheikh|Shaikh|Rev|Reverend|Father|Imam|Ayatollah|Hojjatoleslam|Lic|Licenciad[oa]|Ing|Mtr[oa]|"
                        r"Abg|Abog|Arq|Don|Doña|Dra|His Majesty|Her Majesty|His Royal Highness|Her Royal Highness|"
                        r"Crown Prince|King|Queen|Prince|Princess|Emir|Amir|Sultan)\b\.?\s+(?=[^\W\d_])", re.I)


def strip_honorific(name: str) -> tuple[str, str | None]:
    """("Mr Yury Chaika") -> ("Yury Chaika", "m"). Gender from the honorific, if it tells."""
    gender = None
    for _ in range(3):
        if m := _MALE_HON.match(name):
            gender = gender or "m"
        elif m := _FEMALE_HON.match(name):
            gender = gender or "f"
        elif m := _OTHER_HON.match(name):
            if re.match(r"his\b", m.group(0), re.I):
                gender = gender or "m"
            elif re.match(r"her\b", m.group(0), re.I):
                gender = gender or "f"
        else:
            break
        rest = name[m.end():].strip()
        if not rest:
            break
        name = rest
    return name.strip(), gender


def gender_from_salutation(sal: str | None) -> str | None:
    if not sal:
        return None
    s = sal.lower()
    if re.search(r"\b(mr|sir|monsieur|herr|señor|уважаемый)\b", s):
        return "m"
    if re.search(r"\b(mrs|ms|miss|madam|madame|frau|señora|уважаемая)\b", s):
        return "f"
    return None


def gender_from_name(name: str) -> str | None:
    """Russian-style patronymics tell the gender: -ovich/-evich (m), -ovna/-evna/-ichna (f)."""
    for tok in re.findall(r"[^\W\d_]+", name.lower()):
        if re.search(r"(?:ovich|evich|ovitch|ович|евич|ьич|ilyich)$", tok):
            return "m"
        if re.search(r"(?:ovna|evna|ichna|овна|евна|ична)$", tok):
            return "f"
    toks = re.findall(r"[^\W\d_]+", name)
    if len(toks) >= 2:
        # East Slavic surnames and first names: Petrov/Petrova, Yurii/Mariya
        last = toks[-1].lower()
        first = toks[0].lower()
        if re.search(r"(?:ov|ev|yov|in|yn|sky|skiy|skii|skij|ский|ов|ев|ин)$", last) and len(last) > 3:
            return "m"
        if re.search(r"(?:ova|eva|yova|ina|yna|skaya|skaia|ская|ова|ева|ина)$", last) and len(last) > 4:
            return "f"
        if len(first) > 3 and re.search(r"(?:ii|iy|ий)$", first):
            return "m"
    low = name.lower()
    if re.search(r"\b(?:ogly|oglu|uulu|ули|оглы|улы|uly)\b", low):
        return "m"
    if re.search(r"\b(?:kyzy|qizi|kizi|кызы|гызы)\b", low):
        return "f"
    return None


def gender_from_marker(text: str) -> str | None:
    """"(m)", "(f)", "Gender m/f: f", "male", "female"."""
    t = text.strip().lower()
    m = re.search(r"\b(male|female|man|woman|m|f)\b", t)
    if not m:
        return None
    return "f" if m[1] in ("f", "female", "woman") else "m"


# -- countries, languages ------------------------------------------------------------------------------

_COUNTRY_ALIASES = {
    "russian federation": "RU", "the russian federation": "RU", "россия": "RU",
    "российская федерация": "RU", "российской федерации": "RU", "federazione russa": "RU",
    "federación rusa": "RU", "federacja rosyjska": "RU", "federacji rosyjskiej": "RU",
    "russische föderation": "RU", "fédération de russie": "RU", "usa": "US", "u.s.a.": "US", "united states of america": "US",
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB",
    "burma": "MM", "myanmar": "MM", "czech republic": "CZ", "turkey": "TR", "turkiye": "TR",
    "republic of korea": "KR", "korea": "KR", "dprk": "KP", "viet nam": "VN", "syrian arab republic": "SY",
    "iran (islamic republic of)": "IR", "islamic republic of iran": "IR", "kyrgyz republic": "KG",
    "kyrgyzstan": "KG", "lao pdr": "LA", "cote d'ivoire": "CI", "côte d'ivoire": "CI", "ivory coast": "CI",
    "macedonia": "MK", "moldova": "MD", "republic of moldova": "MD", "belarus": "BY", "byelorussia": "BY",
    "democratic republic of the congo": "CD", "drc": "CD", "dr congo": "CD", "republic of the congo": "CG",
    "congo": "CG", "occupied palestinian territories": "PS", "palestine": "PS", "swaziland": "SZ",
    "east timor": "TL", "timor-leste": "TL", "hong kong": "HK", "macao": "MO", "macau": "MO",
    "people's republic of china": "CN", "taiwan": "TW", "united republic of tanzania": "TZ",
    "bolivia": "BO", "venezuela": "VE", "bosnia and herzegovina": "BA", "bosnia-herzegovina": "BA",
    "the netherlands": "NL", "holland": "NL", "vatican": "VA", "holy see": "VA", "cape verde": "CV",
    "the gambia": "GM", "gambia": "GM", "kazakstan": "KZ", "tadjikistan": "TJ", "uzbekistan": "UZ",
    "brunei darussalam": "BN", "libyan arab jamahiriya": "LY", "zaire": "CD",
    "sri lanka": "LK", "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA",
}
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


@functools.cache
def country_names() -> dict[str, str]:
    """Lower-case country name (English, Russian, German, French, Spanish; aliases) -> ISO alpha-2."""
    from babel import Locale

    out: dict[str, str] = {}
    for code in NAME_LOCALES:
        for terr, name in Locale.parse(code).territories.items():
            if len(terr) == 2 and terr.isalpha() and terr not in _NOT_COUNTRIES:
                out.setdefault(_country_key(name), terr)
                # "Myanmar (Burma)" -> "myanmar"; "Congo - Kinshasa" stays as is
                short = re.sub(r"\s*\(.*\)$", "", name)
                out.setdefault(_country_key(short), terr)
    for k, v in _COUNTRY_ALIASES.items():
        out[_country_key(k)] = v
    return out


def _country_key(name: str) -> str:
    name = name.replace("\u2019", "'").lower().strip(" .,;")
    return re.sub(r"\s+", " ", name)


_STATE_PREFIX = re.compile(r"^(?:the\s+)?(?:kingdom|republic|state|sultanate|emirate|principality|"
                           r"federal\s+republic|islamic\s+republic|arab\s+republic|commonwealth)\s+of\s+(?:the\s+)?")


def country_code(line: str) -> str | None:
    """ISO code if the whole ``line`` is a country name ("Russian Federation" -> "RU")."""
    key = _country_key(line)
    if len(key) > 60:
        return None
    names = country_names()
    code = names.get(key)
    if code is None and (m := _STATE_PREFIX.match(key)):
        code = names.get(key[m.end():])  # "Kingdom of Saudi Arabia", "Arab Republic of Egypt"
    return code


def country_in_text(text: str) -> str | None:
    """First country named in ``text`` (longest names first), or None."""
    low = _country_key(text)
    best: tuple[int, str] | None = None
    for name, code in _country_index():
        i = _word_find(low, name)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, code)
    return best[1] if best else None


@functools.cache
def _country_index() -> list[tuple[str, str]]:
    return sorted(((n, c) for n, c in country_names().items() if len(n) >= 4), key=lambda t: -len(t[0]))


def _word_find(hay: str, needle: str) -> int:
    start = 0
    while True:
        i = hay.find(needle, start)
        if i < 0:
            return -1
        before = hay[i - 1] if i else " "
        after = hay[i + len(needle)] if i + len(needle) < len(hay) else " "
        if not before.isalnum() and not after.isalnum():
            return i
        start = i + 1


@functools.cache
def _language_forms() -> tuple[dict[str, str], tuple[tuple[dict[str, str], tuple[tuple[str, str], ...]], ...]]:
    """(every name form -> code, per cue language: (its names, its endings)). Names come from
    Babel's CLDR data in each cue language plus the cue files' ``language_names``; endings from
    their ``language_endings``."""
    from babel import Locale

    from ua_writer.core.importer.cues import LANGS, by_lang

    every: dict[str, str] = {}
    per = []
    for code in ("en",) + tuple(c for c in LANGS if c != "en"):
        names: dict[str, str] = {}
        try:
            for lc, name in Locale.parse(code).languages.items():
                if len(lc) == 2:
                    names.setdefault(_fold_word(name), lc)
        except Exception:  # a cue language Babel does not know: its own names still count
            pass
        c = by_lang()[code]
        for name, lc in c.language_names.items():
            names.setdefault(_fold_word(name), lc)
        per.append((names, tuple((_fold_word(e), _fold_word(r)) for e, r in c.language_endings)))
        for k, v in names.items():
            every.setdefault(k, v)
    return every, tuple(per)


def _fold_word(word: str) -> str:
    w = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in w if not unicodedata.combining(ch)).strip(".,;:()")


@functools.lru_cache(maxsize=4096)
def language_code(word: str) -> str | None:
    """ISO 639-1 code of a language name in any cue language and any grammatical form: "Russian",
    "Russisch", "russe", "ruso", "rosyjski"; «на русском», "po rosyjsku", "w języku rosyjskim",
    "in englischer Sprache", "lengua rusa", "lingua russa". An inflected form is taken only in
    lower case (language adjectives are written so in every cue language) and never when the word
    is a country ("Russia" is not "russo" + a, "Armenia" not "armenio")."""
    w = _fold_word(word)
    if len(w) < 3:
        return None
    every, per = _language_forms()
    if w in every:
        return every[w]
    if not word[:1].islower() or country_code(word):
        return None
    for names, endings in per:
        for end, repl in endings:
            if w.endswith(end) and len(w) - len(end) >= 3:
                code = names.get(w[: len(w) - len(end)] + repl)
                if code:
                    return code
    return None


def languages_in(text: str) -> list[str]:
    """Language codes named in "in Russian, English or your own language" (order kept)."""
    out: list[str] = []
    for word in re.findall(r"[^\W\d_]+", text[:400]):
        code = language_code(word) if word[0].isupper() else None
        if code and code not in out:
            out.append(code)
    return out


# -- names and title case ------------------------------------------------------------------------------

_ACRONYMS_KEEP = {"UN", "UNHCR", "EU", "NGO", "NGOS", "ECHR", "ECTHR", "ICC", "LGBT", "LGBTI", "HIV",
                  "AIDS", "USA", "UK", "US", "IMU", "FSB", "KGB", "OSCE", "PACE", "ISIS", "UAE", "DRC"}
_DEMONYM_SUFFIXES = ("", "n", "an", "ian", "i", "ese", "ish", "s", "ns", "ans", "is", "ic", "ean")
_IRREGULAR_DEMONYMS = {"french", "dutch", "swiss", "british", "welsh", "scottish", "irish", "greek",
                       "thai", "filipino", "turkish", "polish", "danish", "swedish", "finnish", "spanish",
                       "norwegian", "peruvian", "malagasy", "congolese", "english", "kurdish", "uyghur",
                       "uighur", "chechen", "roma", "tatar", "crimean", "kazakh", "kyrgyz", "afghan",
                       "arab", "arabic", "european", "african", "asian", "american", "muslim",
                       "christian", "jewish", "islamic", "soviet", "western", "eastern", "baha'i",
                       "bahá'í", "tamil", "tibetan", "saharawi", "sahrawi", "palestinian"}


@functools.cache
def _country_tokens() -> frozenset[str]:
    toks = set()
    for name in country_names():
        if name.isascii() or any("a" <= c <= "z" for c in name):
            for t in re.findall(r"[a-z'’]+", name):
                if len(t) >= 4 and t not in ("republic", "island", "islands", "democratic", "united",
                                               "kingdom", "states", "federation", "north", "south",
                                               "saint", "sint", "city", "territories", "republique",
                                               "guinea", "east", "west", "central", "great"):
                    toks.add(t)
    return frozenset(toks)


@functools.cache
def _whole_country_words() -> frozenset[str]:
    """Country names of one word ("russia", "serbien", "turquie"): only these are matched loosely
    ("Serb", "Croat"); a word of a longer name ("Tomasza" of São Tomé in Polish, "Mariana" of the
    Mariana Islands) must match exactly, or first names such as Tomas and Maria would be countries."""
    return frozenset(k for k in country_names() if re.fullmatch(r"[a-z'’]{4,}", k))


@functools.cache
def _country_tokens_by_prefix() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in _country_tokens():
        out.setdefault(t[:3], []).append(t)
    return {k: tuple(v) for k, v in out.items()}


def is_country_word(word: str) -> bool:
    """True for country names and demonyms: Russia, Russian, Tajik, Tajikistani, Uzbek, Chinese."""
    return _is_country_word(word.lower().strip("'’.,:;!?()\""))


@functools.lru_cache(maxsize=65536)
def _is_country_word(w: str) -> bool:
    if not w or not w.isalpha():
        return False
    if w in _IRREGULAR_DEMONYMS:
        return True
    for t in _country_tokens_by_prefix().get(w[:3], ()):
        if w.startswith(t) and w[len(t):] in _DEMONYM_SUFFIXES:
            return True
        if t.endswith("stan") and t.startswith(w) and len(w) >= 4:
            return True
        cp = 0
        for a, b in zip(w, t):
            if a != b:
                break
            cp += 1
        if len(t) >= 5 and cp >= len(t) - 2 and w[cp:] in ("", "ese", "an", "ian", "ish", "n", "ns", "i", "ans") \
                and (w == t or t in _whole_country_words()):
            return True
    return False


def sentence_case(headline: str, body: str = "", title_case: bool = False) -> str:
    """Turn an ALL-CAPS headline into sentence case. Words keep a capital when the body writes them
    capitalised mid-sentence (names, places), when they are countries/demonyms, or acronyms."""
    if not headline:
        return headline
    letters = [c for c in headline if c.isalpha()]
    if not letters:
        return headline
    if sum(c.isupper() for c in letters) < 0.8 * len(letters):
        # Title Case ("Ivanovo Refugees' Case") is treated like capitals; other mixed case is kept
        words = [w for w in re.findall(r"[^\W\d_][^\W\d_'’]*", headline) if len(w) >= 4]
        if not title_case or len(words) < 2 or sum(w[0].isupper() for w in words) < len(words):
            return headline
    body_caps = _body_case_votes(body.replace(headline, " ") if body else body)
    out = []
    first = True
    for tok in re.split(r"(\s+|[-/])", headline):
        if not tok or tok.isspace() or tok in "-/":
            out.append(tok)
            continue
        m = re.match(r"^([^\w]*)([\w'’.]*?)([^\w]*)$", tok)
        if not m:
            out.append(tok)
            continue
        pre, word, post = m.groups()
        if not word:
            out.append(tok)
            continue
        key = word.lower()
        vote = body_caps.get(key)
        if word.upper() in _ACRONYMS_KEEP or vote == "upper":
            new = word.upper()
        elif first or vote == "cap" or (vote is None and is_country_word(word)):
            new = _cap(word)
        else:
            new = word.lower()
        first = False
        if post.endswith((":", ".", "!", "?")):
            first = True
        out.append(pre + new + post)
    return "".join(out)


def _cap(word: str) -> str:
    low = word.lower()
    # McDonald / O'Brien are beyond us; capitalise after apostrophes/hyphens inside names only
    return low[:1].upper() + low[1:]


def _body_case_votes(body: str) -> dict[str, str]:
    """word (lower) -> "upper" | "cap" | "low" by majority of mid-sentence occurrences in mixed-case text."""
    counts: dict[str, list[int]] = {}
    for line in body.splitlines()[:4000]:
        letters = [c for c in line if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue  # skip all-caps lines (headings)
        prev = "."
        for w in re.findall(r"[\w'’]+|[.!?:;\"“”]", line):
            if w in ".!?:;\"“”":
                prev = w
                continue
            if not w[0].isalpha():
                prev = w
                continue
            c = counts.setdefault(w.lower(), [0, 0, 0])
            if prev not in ".!?:\"“”":
                if w.isupper() and len(w) > 1:
                    c[0] += 1
                elif w[0].isupper():
                    c[1] += 1
                else:
                    c[2] += 1
            prev = w
    votes = {}
    for k, (up, cap, low) in counts.items():
        total = up + cap + low
        if not total:
            continue
        if up > total / 2 and len(k) <= 6:
            votes[k] = "upper"
        elif cap + up > total / 2:
            votes[k] = "cap"
        else:
            votes[k] = "low"
    return votes


def fix_typos(text: str, body: str) -> str:
    """Correct a misspelt word when the document itself spells it otherwise: a word that never
    occurs elsewhere in ``body`` but whose one-edit variant (adjacent swap, missing, extra or wrong
    letter) occurs there at least twice ("ASLYUM" -> "asylum", "authorties" -> "authorities").
    Capitalised words (names, places) are left alone unless the text is all capitals."""
    counts: dict[str, int] = {}
    for w in re.findall(r"[^\W\d_]{4,}", body[:200000]):
        lw = w.lower()
        counts[lw] = counts.get(lw, 0) + 1
    all_caps = text.isupper()

    def fix(m: re.Match) -> str:
        w = m.group(0)
        lw = w.lower()
        if counts.get(lw, 0) > 1 or (w[0].isupper() and not all_caps):
            return w
        best = None
        for cand in _edits1(lw):
            c = counts.get(cand, 0)
            if c >= 3 and (best is None or c > best[1]):
                best = (cand, c)
        if not best:
            return w
        cand = best[0]
        if w.isupper():
            return cand.upper()
        if w[0].isupper():
            return cand[:1].upper() + cand[1:]
        return cand

    return re.sub(r"[^\W\d_]{6,}", fix, text)


def _edits1(w: str) -> set[str]:
    """One-letter edits away from the word's last two letters (endings are grammar, not typos)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    limit = len(w) - 2
    out = set()
    for i in range(max(0, limit)):
        a, b = w[:i], w[i:]
        out.add(a + b[1:])
        if i + 1 < limit:
            out.add(a + b[1] + b[0] + b[2:])
        for c in letters:
            out.add(a + c + b[1:])
            out.add(a + c + b)
    out.discard(w)
    return out


_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
                 "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def slugify(text: str, max_words: int = 6) -> str:
    text = "".join(_CYR.get(c, c) for c in text.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)[:max_words]
    return "-".join(words)
