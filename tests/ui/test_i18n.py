"""UI translations: the catalogs compile and are complete, placeholders survive translation,
Russian has its three plural forms, and the main window switches to Russian and back live with no
English left on the main screens."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu,
                               QPlainTextEdit, QTableView, QWidget)

from ua_writer import paths
from ua_writer.core import i18n

from .conftest import select

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sd]")
#: strings that are the same in both languages
ALLOW = {"PDF", "DOCX", "English", "Русский", "ua-writer", "—", "…"}


def _catalogs():
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/ua_writer.po"))


def _msgids() -> set[str]:
    with open(TRANSLATIONS / "ua_writer.pot", "rb") as f:
        pot = read_po(f)
    ids = set()
    for m in pot:
        if m.id:
            ids.update([m.id] if isinstance(m.id, str) else m.id)
    return ids


def test_the_template_and_catalogs_exist():
    assert (TRANSLATIONS / "babel.cfg").exists()
    assert (TRANSLATIONS / "ua_writer.pot").exists()
    assert [p.parent.parent.name for p in _catalogs()] == ["ru"]
    assert paths.translations_dir().resolve() == TRANSLATIONS.resolve()


@pytest.mark.parametrize("po", _catalogs(), ids=lambda p: p.parent.parent.name)
def test_catalog_compiles_is_complete_and_keeps_placeholders(po, tmp_path):
    with open(po, "rb") as f:
        catalog = read_po(f, locale=po.parent.parent.name)
    with open(tmp_path / "out.mo", "wb") as f:
        write_mo(f, catalog)
    # the committed .mo is the compiled .po
    assert (po.with_suffix(".mo")).stat().st_mtime >= 0
    problems = []
    for m in catalog:
        if not m.id:
            continue
        if m.fuzzy:
            problems.append(f"fuzzy: {m.id!r}")
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        want = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            if set(PLACEHOLDER.findall(s)) != want:
                problems.append(f"placeholders differ: {ids[0]!r} -> {s!r}")
        if m.python_format or "%(" in ids[0]:
            for s in strings:
                if set(re.findall(r"%\((\w+)\)", s)) != set(re.findall(r"%\((\w+)\)", ids[-1])):
                    problems.append(f"%-placeholders differ: {ids[0]!r}")
    assert not problems, "\n".join(problems)
    # errors pybabel itself would report
    assert not list(catalog.check())


def test_compiled_catalog_is_current():
    """translations/ru/.../ua_writer.mo must be compiled from the committed .po."""
    import gettext

    po = TRANSLATIONS / "ru" / "LC_MESSAGES" / "ua_writer.po"
    with open(po, "rb") as f:
        catalog = read_po(f, locale="ru")
    with open(po.with_suffix(".mo"), "rb") as f:
        mo = gettext.GNUTranslations(f)
    for m in catalog:
        if m.id and isinstance(m.id, str):
            got = mo.pgettext(m.context, m.id) if m.context else mo.gettext(m.id)
            assert got == m.string, f"stale .mo for {m.id!r}: run make catalogs"


def test_every_source_string_is_in_the_catalog(tmp_path):
    """Catches UI strings added after the last `make catalogs` (they would show in English)."""
    pot = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", str(TRANSLATIONS / "babel.cfg"), "-o", str(pot), "ua_writer"],
                   cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        fresh = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(f) if m.id}
    with open(TRANSLATIONS / "ru" / "LC_MESSAGES" / "ua_writer.po", "rb") as f:
        ru = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m.string
              for m in read_po(f, locale="ru") if m.id}
    missing = sorted(f"{i} (context {c})" if c else i for c, i in fresh if not ru.get((c, i)))
    assert not missing, ("untranslated UI strings (run `make catalogs` and translate them in "
                         "translations/ru/LC_MESSAGES/ua_writer.po):\n" + "\n".join(missing))


def test_russian_plural_forms():
    i18n.set_language("ru")
    try:
        forms = [i18n.ngettext("{n} day left", "{n} days left", n).format(n=n) for n in (1, 2, 5, 11, 21, 22, 25)]
        assert forms == ["Остался 1 день", "Осталось 2 дня", "Осталось 5 дней", "Осталось 11 дней",
                         "Остался 21 день", "Осталось 22 дня", "Осталось 25 дней"]
        assert i18n._("Open") == "Открытые"
        assert i18n.pgettext("no-such-context", "Open") == "Open"
    finally:
        i18n.set_language("en")


def test_i18n_is_not_in_builtins():
    import builtins

    assert not hasattr(builtins, "_") or builtins._ is not i18n._


def test_system_language_detection(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ru_RU:en")
    assert i18n.system_language() == "ru"
    assert i18n.system_language(["de-DE", "ru-RU"]) == "ru"
    monkeypatch.setenv("LANGUAGE", "fr")
    monkeypatch.setenv("LC_ALL", "C")
    assert i18n.system_language([]) == "en"


# -- the live switch ---------------------------------------------------------------------------------

def _is_data(w: QWidget) -> bool:
    while w is not None:
        if w.property("dataLabel"):
            return True
        w = w.parentWidget()
    return False


def _texts(window) -> dict[tuple, str]:
    """Every visible piece of UI text of the main window, keyed by (object, what)."""
    out: dict[tuple, str] = {}

    def put(obj, what, text):
        if text and text.strip():
            out[(id(obj), type(obj).__name__, obj.objectName(), what)] = text

    for w in [window, *window.findChildren(QWidget)]:
        if _is_data(w) or not w.isVisibleTo(window) and not isinstance(w, QMenu):
            continue
        put(w, "toolTip", w.toolTip())
        if w is window:
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            put(w, "text", w.text())
        if isinstance(w, QGroupBox):
            put(w, "title", w.title())
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            put(w, "placeholder", w.placeholderText())
        if isinstance(w, QMenu):
            put(w, "title", w.title())
        if isinstance(w, QComboBox) and w.objectName() == "statusFilter":
            for i in range(w.count()):
                put(w, f"item{i}", w.itemText(i))
        if isinstance(w, QTableView):
            m = w.model()
            for c in range(m.columnCount()):
                put(w, f"header{c}", m.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal))
    for a in window.findChildren(QAction):
        put(a, "text", a.text())
        put(a, "statusTip", a.statusTip())
    return out


def _strip(s: str) -> str:
    return s.replace("&", "").strip()


def test_switch_to_russian_and_back_live(window, qtbot):
    select(window, "juraev-2011", "ru", "prosecutor-general")
    qtbot.waitUntil(lambda: window.pages_label.text() != "", timeout=10000)
    english = _texts(window)
    assert len(english) > 60
    window.registry["ui_ru"].trigger()
    assert i18n.current_language() == "ru"
    assert window.store.prefs()["ui_language"] == "ru"
    qtbot.waitUntil(lambda: window.pages_label.text() != "", timeout=10000)
    russian = _texts(window)
    msgids = {_strip(m) for m in _msgids()}
    leftovers = []
    for key, ru_text in russian.items():
        if _strip(ru_text) in ALLOW or not re.search(r"[A-Za-z]{2}", ru_text):
            continue
        if _strip(ru_text) in msgids:
            leftovers.append(f"{key}: {ru_text!r} is an English source string")
        elif key in english and english[key] == ru_text:
            leftovers.append(f"{key}: {ru_text!r} did not change")
    assert not leftovers, "\n".join(leftovers)
    # some known translations on the main screen
    assert window.list_pane.status_filter.currentText() == "Открытые"
    assert window.menus["file"].title() == "&Файл"
    assert window.letter_panel.mark_sent_button.text() == "Отметить отправку"
    assert window.model.index(0, window.model.COL_TITLE).data() == \
        "Россия выдает Таджикистану гражданина, ищущего убежища"
    assert "32 дня" in window.model.index(0, window.model.COL_DAYS_LEFT).data()
    # the letter's language is independent of the UI's
    assert window.letter_panel.current_language() == "ru"
    # and back
    window.registry["ui_en"].trigger()
    assert i18n.current_language() == "en"
    qtbot.waitUntil(lambda: window.pages_label.text() != "", timeout=10000)
    back = _texts(window)
    changed = {k: (v, back.get(k)) for k, v in english.items() if k in back and back[k] != v}
    assert not changed, changed


def test_ui_language_preference_is_used_at_start(build_app):
    w = build_app()
    w.set_ui_language("ru")
    w.close()
    w2 = build_app()
    assert i18n.current_language() == "ru"
    assert w2.registry["ui_ru"].isChecked()
    assert w2.menus["file"].title() == "&Файл"


def test_switch_before_the_letter_side_exists_leaves_no_english(build_app, qtbot):
    """build() returns the list and the menus; the letter side comes a turn later. A switch
    made in between must reach the widgets built after it (issue #16's staged first frame)."""
    window = build_app(wait=False)
    assert not window.letter_side_ready
    window.set_ui_language("ru")
    assert not window.letter_side_ready  # the switch itself did not build the letter side
    qtbot.waitUntil(lambda: window.ready)
    select(window, "juraev-2011", "ru", "prosecutor-general")
    qtbot.waitUntil(lambda: window.pages_label.text() != "", timeout=10000)
    russian = _texts(window)
    assert len(russian) > 60
    msgids = {_strip(m) for m in _msgids()}
    leftovers = [f"{key}: {text!r} is an English source string" for key, text in russian.items()
                 if _strip(text) not in ALLOW and re.search(r"[A-Za-z]{2}", text)
                 and _strip(text) in msgids]
    assert not leftovers, "\n".join(leftovers)
    assert window.letter_panel.mark_sent_button.text() == "Отметить отправку"
    assert window.profile_banner_button.text() == "Добавить…"
    assert window.profile_banner.text.text() == "Добавьте своё имя и адрес, чтобы подписывать письма."
    assert window.extras.envelope_button.text() == "Конверт"
