"""The core's *non-error* texts a person reads in the app speak the UI language: the importer's
warnings and provenance notes (import review dialog), the envelope and label warnings, and the lines
of a group pack's import plan with the fields a changed action differs in. With the English UI —
and in the CLI, which never sets a language — every text is exactly what it was before.
A source scan keeps new warnings from being written as untranslatable literals."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest

from ua_writer.core import i18n, packs, uapack
from ua_writer.core.importer import LOW_CONFIDENCE, import_file, import_text
from ua_writer.core.model import Action, Recipient, SenderProfile
from ua_writer.export import envelope, labels

from ..source_scan import calls_in_core_and_export, literal_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "importer" / "seeds"
CLASSIC = SEEDS / "000_e4e6033d01025e6d.txt"      # Juraev, 2011: a classic UA
BACKGROUND = SEEDS / "004_eb31e6506aaa2254.txt"   # a background document (no recipients, no deadline)


def _classic_head() -> str:
    """The classic seed cut before "PLEASE SEND APPEALS BEFORE ...": no deadline, no recipients."""
    lines = CLASSIC.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, ln in enumerate(lines) if "SEND APPEALS BEFORE" in ln)
    return "\n".join(lines[:cut])


# -- importer: warnings and provenance (the import review dialog) ----------------------------------

def test_import_warnings_in_russian(russian):
    result = import_text(_classic_head(), "ua.txt")
    # without its appeals section the classic template matches too weakly; the evidence reader
    # reads it and gives the same warnings
    assert result.layout in ("classic", "general")
    assert result.warnings == [
        "крайний срок не найден",
        "адресаты не распознаны; добавьте их вручную (например, посольство этой страны в вашей)"]


def test_background_document_warning_and_provenance_in_russian(russian):
    result = import_file(BACKGROUND)
    assert result.layout == "background"
    assert result.warnings == ["нет ни адресатов, ни крайнего срока: импортировано как справочный "
                               "документ"]
    gender = result.fields["persons[0].gender"]
    assert gender.confidence < LOW_CONFIDENCE   # the review dialog quotes it in a "check this" tooltip
    assert gender.source_text == "по местоимениям в тексте"
    classic = import_file(CLASSIC)
    assert classic.fields["persons[0].gender"].source_text == "по местоимениям в описании дела"


def test_import_warnings_in_english_are_unchanged():
    result = import_text(_classic_head(), "ua.txt")
    assert result.warnings == [
        "no deadline found",
        "no recipients were recognised; add them by hand (e.g. the embassy of the country in yours)"]
    background = import_file(BACKGROUND)
    assert background.warnings == ["no recipients or deadline: imported as a background document"]
    assert background.fields["persons[0].gender"].source_text == "pronouns in the text"
    assert import_file(CLASSIC).fields["persons[0].gender"].source_text == "pronouns in the case text"


def test_layout_names_stay_as_they_are_in_the_russian_warning(russian, monkeypatch):
    from ua_writer.core import importer

    monkeypatch.setattr(importer, "detect_layout", lambda lines: [("classic", 0.7), ("modern", 0.65)])
    result = import_file(CLASSIC)
    assert "текст похож и на макет classic, и на макет modern; проверьте результат" in result.warnings


# -- group pack plan ------------------------------------------------------------------------------

def _items():
    return [uapack.PlanItem("action", "azimov-2011", "new", "Uzbekistan: Azimov"),
            uapack.PlanItem("action", "juraev-2011", "changed", "Juraev", ["deadline", "notes"]),
            uapack.PlanItem("action", "x-2012", "changed", "X"),
            uapack.PlanItem("action", "y-2012", "unchanged", "Y"),
            uapack.PlanItem("template", "ru/letter.j2", "new"),
            uapack.PlanItem("template", "en/letter.j2", "changed"),
            uapack.PlanItem("template", "de/letter.j2", "unchanged")]


def test_plan_lines_in_russian(russian):
    plan = uapack.ImportPlan(Path("group.uapack"), 1, _items())
    assert plan.lines() == [
        "новая    акция azimov-2011: Uzbekistan: Azimov",
        "изменена акция juraev-2011: Juraev (отличается: крайний срок, примечания) — заменит вашу версию",
        "изменена акция x-2012: X — заменит вашу версию",
        "без изменений акция y-2012: Y",
        "новый    шаблон ru/letter.j2",
        "изменён  шаблон en/letter.j2 — заменит вашу версию",
        "без изменений шаблон de/letter.j2"]


def test_plan_lines_in_english_are_what_pack_import_always_printed():
    plan = uapack.ImportPlan(Path("group.uapack"), 1, _items())
    assert plan.lines() == [
        "new      action azimov-2011: Uzbekistan: Azimov",
        "changed  action juraev-2011: Juraev (differs in deadline, notes) — would overwrite yours",
        "changed  action x-2012: X — would overwrite yours",
        "unchanged action y-2012: Y",
        "new      template ru/letter.j2",
        "changed  template en/letter.j2 — would overwrite yours",
        "unchanged template de/letter.j2"]


def _pack_keys() -> list[str]:
    a = Action(id="a-2011", title="A", localized={"ru": {"title": "А"}})
    return list(packs.action_to_dict(a))


def test_every_pack_field_has_a_russian_word_and_its_own_key_in_english(russian):
    keys = _pack_keys()
    words = {k: uapack.field_label(k) for k in keys}
    assert words["deadline"] == "крайний срок" and words["issue_date"] == "дата выпуска"
    assert all(w != k and any("а" <= c <= "я" for c in w) for k, w in words.items()), words
    assert uapack.field_label("something-new") == "something-new"
    i18n.set_language("en")
    assert [uapack.field_label(k) for k in keys] == keys


# -- envelopes and labels -------------------------------------------------------------------------

def _recipient() -> Recipient:
    return Recipient(id="prosecutor", name="Yury Chaika", title="Prosecutor General",
                     address_lines=["ul. Bolshaya Dmitrovka 15a", "Moscow 125993"], country="RU")


def test_envelope_warnings_in_russian(russian):
    _data, lay = envelope.envelope_pdf_bytes(_recipient(), "en", SenderProfile())
    assert lay.warnings == [
        "нет профиля отправителя: на конверте не будет обратного адреса (заполните его в «Правка ▸ "
        "Профиль отправителя…» или командой «ua-writer profile»)",
        "в профиле не указана страна отправителя: письмо считается международным"]


def test_envelope_warnings_in_english_are_unchanged():
    _data, lay = envelope.envelope_pdf_bytes(_recipient(), "en", SenderProfile())
    assert lay.warnings == [
        "no sender profile: the envelope has no return address (set one with 'ua-writer profile')",
        "the sender's country is not set in the profile: treating the letter as international post"]


LONG = ["Директору Третьего департамента стран Содружества Независимых Государств Министерства "
        "иностранных дел Российской Федерации и всех его территориальных подразделений"] * 12


@pytest.mark.parametrize("n, words", [(1, "1 адрес не поместился"), (2, "2 адреса не поместились"),
                                      (5, "5 адресов не поместились")])
def test_label_warnings_in_russian(n, words, russian):
    lay = labels.render_labels([LONG] * n, io.BytesIO())
    assert len(lay.warnings) == 1 and lay.warnings[0].startswith(words)
    assert "кеглем 6 пт" in lay.warnings[0]
    action = Action(id="a-2011", title="A", recipients=[Recipient(id="nowhere", name="Nobody")])
    _addresses, warnings = labels.addresses_for([action], None)
    assert warnings == ["a-2011: у адресата nowhere нет почтового адреса; этикетки не будет"]


def test_label_warnings_in_english_are_unchanged():
    lay = labels.render_labels([LONG, LONG], io.BytesIO())
    assert lay.warnings == ["2 address(es) did not fit a label even at 6 pt and were cut; use the "
                            "larger 2x7 sheet"]
    lay = labels.render_labels([LONG], io.BytesIO())
    assert lay.warnings[0].startswith("1 address(es) did not fit")
    action = Action(id="a-2011", title="A", recipients=[Recipient(id="nowhere", name="Nobody")])
    assert labels.addresses_for([action], None)[1] == ["a-2011: nowhere has no postal address; no label"]



def test_letter_layout_warning_in_russian_and_english(russian):
    from ua_writer.export.pdf import layout_letter

    from ..export.sample_letters import long_russian_letter

    layout = layout_letter(long_russian_letter(), "a4")
    assert layout.page_count > 1
    assert f"письмо занимает {layout.page_count} страниц" in " ".join(layout.warnings)
    i18n.set_language("en")
    layout = layout_letter(long_russian_letter(), "a4")
    assert f"the letter runs to {layout.page_count} pages" in layout.warnings


# -- no new untranslatable warnings ---------------------------------------------------------------

def test_warnings_are_marked_for_translation():
    """``<something>warnings.append("...")`` with literal text is a warning nobody can translate."""
    problems = []
    for rel, node in calls_in_core_and_export():
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "append" and node.args):
            continue
        target = node.func.value
        name = target.id if isinstance(target, ast.Name) else \
            target.attr if isinstance(target, ast.Attribute) else ""
        if name == "warnings" and literal_text(node.args[0]):
            problems.append(f"{rel}:{node.lineno}: a warning that is not marked for translation")
    assert not problems, "\n".join(problems)
