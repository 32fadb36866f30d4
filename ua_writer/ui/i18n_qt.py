"""The UI language on the Qt side: Qt's own catalog (standard buttons, dialogs), fonts, and the
Babel-backed display helpers the widgets share (language and country names, dates, day counts).

``apply_language(lang)`` switches gettext (ua_writer.core.i18n) and Qt's ``qtbase`` translator
together; widgets then rebuild their texts in ``retranslate_ui()``. Dates and names shown in the
UI use the UI locale; the letter's own dates are compose.py's business. Must not import widgets.
"""

from __future__ import annotations

import datetime as _dt
import logging

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFont

from ua_writer import paths
from ua_writer.core import i18n
from ua_writer.core.i18n import _, ngettext

log = logging.getLogger(__name__)

_qt_translator: QTranslator | None = None
_letter_family: str | None = None


def apply_language(language: str | None) -> str:
    """Switch gettext and Qt's translator to ``language`` (None = system); returns the code."""
    global _qt_translator
    code = i18n.set_language(language if language else i18n.system_language(QLocale.system().uiLanguages()))
    app = QCoreApplication.instance()
    if app is not None:
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
        if code != i18n.SOURCE_LANGUAGE:
            from PySide6.QtCore import QLibraryInfo, QTranslator

            tr = QTranslator(app)
            if tr.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                app.installTranslator(tr)
                _qt_translator = tr
    QLocale.setDefault(QLocale(code))
    return code


def locale():
    """The UI language's babel Locale (babel is imported on first use: not needed to paint)."""
    from babel import Locale

    return Locale.parse(i18n.current_language())


def language_name(code: str) -> str:
    """'ru' -> 'Russian' / 'русский', capitalised, in the UI language."""
    from babel import Locale, UnknownLocaleError

    try:
        name = locale().languages.get(code) or Locale.parse(code).get_display_name(locale())
    except (UnknownLocaleError, ValueError):
        name = None
    name = name or code
    return name[:1].upper() + name[1:]


def by_name(codes) -> list[str]:
    """Language codes in the alphabetical order of their names in the UI language."""
    return sorted(codes, key=lambda c: language_name(c).casefold())


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return locale().territories.get(code.upper(), code)


def recipient_label(r) -> str:
    """A Recipient as the UI language writes it (the pack's localized fields), else its label."""
    loc = r.local(i18n.current_language())
    parts = [p for p in (loc.title or loc.organization, loc.name) if p]
    return " — ".join(parts) if parts else r.label()


def date_text(d: _dt.date | None, fmt: str = "medium") -> str:
    if not d:
        return ""
    from babel.dates import format_date

    return format_date(d, fmt, locale=locale())


def datetime_text(when: _dt.datetime | str | None) -> str:
    """A moment (a datetime or an ISO timestamp, UTC ones shown in local time) as the UI language
    writes it: the same medium date as :func:`date_text`, then the short time."""
    if not when:
        return ""
    if isinstance(when, str):
        when = _dt.datetime.fromisoformat(when)
    if when.tzinfo is not None:
        when = when.astimezone()
    from babel.dates import format_time

    loc = locale()
    pattern = loc.datetime_formats.get("medium") or "{1} {0}"
    pattern = getattr(pattern, "pattern", pattern)
    return pattern.replace("{1}", date_text(when.date())).replace("{0}", format_time(when, "short", locale=loc))


def qt_date_format() -> str:
    """The UI language's medium date pattern (Babel's, as :func:`date_text` writes dates) as a Qt
    display format, so a QDateEdit reads like every other date on screen."""
    import re

    pattern = locale().date_formats["medium"].pattern
    out = []
    for m in re.finditer(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+", pattern):
        text, letter = m.group(0), m.group(1)
        if not letter:
            out.append(text)
        elif letter in "yY":
            out.append("yy" if len(text) == 2 else "yyyy")
        elif letter in "ML":
            out.append("M" * min(len(text), 4))
        elif letter == "d":
            out.append("d" * min(len(text), 2))
        elif letter in "Ec":
            out.append("dddd" if len(text) >= 4 else "ddd")
        else:
            out.append(f"'{text}'")
    return "".join(out)


def days_left_text(days: int | None) -> str:
    """Badge text: '32 days', 'today', 'ended', '—'."""
    if days is None:
        return _("no deadline")
    if days < 0:
        return _("ended")
    if days == 0:
        return _("today")
    return ngettext("{n} day", "{n} days", days).format(n=days)


def days_left_sentence(days: int | None) -> str:
    if days is None:
        return _("No deadline")
    if days < 0:
        n = -days
        return ngettext("Deadline passed {n} day ago", "Deadline passed {n} days ago", n).format(n=n)
    if days == 0:
        return _("Deadline is today")
    return ngettext("{n} day left", "{n} days left", days).format(n=days)


def load_fonts() -> str | None:
    """Register the bundled letter font (PT Serif: Latin + Cyrillic); returns its family name."""
    global _letter_family
    if _letter_family is not None:
        return _letter_family
    from PySide6.QtGui import QFontDatabase

    family = None
    try:
        folder = paths.fonts_dir()
        for f in sorted(folder.glob("*.ttf")):
            fid = QFontDatabase.addApplicationFont(str(f))
            fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            if fams and family is None:
                family = fams[0]
    except Exception:  # a missing font folder must not stop the app
        log.warning("bundled fonts not loaded", exc_info=True)
    _letter_family = family
    return family


def letter_font() -> QFont:
    from PySide6.QtGui import QFont, QFontDatabase

    family = load_fonts()
    font = QFont(family) if family else QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    if family:
        font.setPointSizeF(11.0)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
