"""UI translations (gettext catalogs built with Babel): ``_``, ``ngettext``, ``pgettext``, ``N_``.

Owns the *UI* language only: which catalog the interface strings come from (English source
strings, Russian from ``translations/ru/LC_MESSAGES/ua_writer.mo``). The letter's language is a
separate thing chosen per letter (compose.py). Callers import the functions explicitly
(``from ua_writer.core.i18n import _``); nothing is installed into builtins. Messages use named
placeholders (``{name}`` or ``%(name)s``) so translators can reorder them; counts go through
``ngettext`` (Russian has three plural forms). The functions look up the *current* catalog on
every call, so switching the language takes effect for everything rebuilt afterwards.
Must not import Qt or anything from ua_writer except ``paths``: it sits in the ``paths`` layer
(tests/test_architecture.py), so ``paths`` and ``logs`` can translate their messages too. The core
and the layers above import it by its older name, ``ua_writer.core.i18n``.
"""

from __future__ import annotations

import gettext as _gettext
import os

DOMAIN = "ua_writer"
SOURCE_LANGUAGE = "en"
#: the UI languages we ship a catalog for, with their names in their own language
UI_LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translate at display time)."""
    return message


def current_language() -> str:
    return _language


def normalize(tag: str | None) -> str | None:
    """'ru_RU.UTF-8' / 'ru-RU' / 'RU' -> 'ru' if we ship it, else None."""
    if not tag:
        return None
    code = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in UI_LANGUAGES else None


def system_language(candidates: list[str] | None = None) -> str:
    """The first shipped UI language among ``candidates`` (e.g. Qt's ``QLocale.uiLanguages()``),
    else the POSIX environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    tags: list[str] = list(candidates or [])
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            tags += value.split(":")
            break
    for tag in tags:
        if tag in ("C", "POSIX"):
            continue
        code = normalize(tag)
        if code:
            return code
    import locale  # only now: the module costs ~1.5 ms of start-up and is rarely needed

    try:
        code = normalize(locale.getlocale(locale.LC_MESSAGES)[0] or "")
    except (AttributeError, ValueError):  # pragma: no cover - Windows has no LC_MESSAGES
        code = None
    return code or SOURCE_LANGUAGE


def load(language: str) -> _gettext.NullTranslations:
    """The catalog for ``language`` (NullTranslations for the source language or a missing .mo)."""
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    from ua_writer import paths

    try:
        localedir = paths.translations_dir()
    except Exception:  # an incomplete install: fall back to English rather than fail to start
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(localedir), languages=[language], fallback=True)


def set_language(language: str | None) -> str:
    """Switch the UI language (None = follow the system). Returns the language now in effect."""
    global _translations, _language
    code = normalize(language) if language else system_language()
    code = code or SOURCE_LANGUAGE
    _translations = load(code)
    _language = code
    return code
