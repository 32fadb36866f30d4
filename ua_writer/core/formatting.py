"""Babel wrappers for letter text: dates, country and language names, lists — always in an explicit
Locale, the LETTER's locale (never the UI's, never the process locale).

Every Babel call of the letter code lives here, so nothing else formats a date by hand. Locales are
parsed once and cached. No Qt, no I/O, no other ua_writer imports.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list

#: Latin-script country names for the last line of an international address where the Universal
#: Postal Union's name differs from CLDR's everyday English name (CLDR: "Russia").
_UPU_NAMES = {
    "RU": "RUSSIAN FEDERATION",
}


@lru_cache(maxsize=64)
def locale(tag: str) -> Locale:
    """The Babel Locale for ``tag`` ("ru", "en_GB", "de-AT"); ValueError for an unknown one."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as e:
        raise ValueError(f"unknown locale {tag!r}") from e


def known_locale(tag: str) -> bool:
    try:
        locale(tag)
    except ValueError:
        return False
    return True


def long_date(date: _dt.date, loc: Locale) -> str:
    """'3 May 2011' (en_GB), '3 мая 2011 г.' (ru), '3. Mai 2011' (de), '3 de mayo de 2011' (es).

    CLDR puts a narrow no-break space before "г."; a date line never wraps, and U+202F is missing
    from many fonts and confuses plain-text editing, so it becomes an ordinary space."""
    return format_date(date, format="long", locale=loc).replace("\u202f", " ").replace("\u00a0", " ")


def country_name(code: str | None, loc: Locale) -> str:
    """The name of ISO 3166 country ``code`` in ``loc``'s language ("" for None; the code if unknown)."""
    if not code:
        return ""
    return loc.territories.get(code.upper(), code.upper())


def postal_country_line(code: str | None, loc: Locale) -> str:
    """The destination-country line of an international address: upper case, in ``loc``'s language."""
    return country_name(code, loc).upper()


def latin_country_line(code: str | None) -> str:
    """The destination country in Latin capitals for foreign postal services ("RUSSIAN FEDERATION")."""
    if not code:
        return ""
    return _UPU_NAMES.get(code.upper()) or country_name(code, locale("en")).upper()


def country_names(code: str | None) -> set[str]:
    """Every spelling we know for ``code`` (lower case): to spot a country line inside an address."""
    if not code:
        return set()
    names = {code.lower()}
    for tag in ("en", "ru", "de", "fr", "es"):
        names.add(country_name(code, locale(tag)).lower())
    if code.upper() in _UPU_NAMES:
        names.add(_UPU_NAMES[code.upper()].lower())
    return names


def language_name(code: str, loc: Locale) -> str:
    """The name of language ``code`` in ``loc``'s language ('английский', 'Englisch', 'English')."""
    return loc.languages.get(code, code)


def join_list(items: list[str], loc: Locale) -> str:
    """'A, B and C' / 'A, B и C' / 'A, B und C' in ``loc``'s conventions ("" for no items)."""
    items = [i for i in items if i]
    if not items:
        return ""
    return format_list(items, style="standard", locale=loc)
