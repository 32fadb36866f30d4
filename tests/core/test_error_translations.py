"""User-facing errors of the core and the exporters speak the UI language: Russian once the GUI
has called ``i18n.set_language("ru")``, the unchanged English text otherwise (the CLI never sets a
language). Field paths, file names and ids stay as they are inside the translated sentence.
A source scan keeps new error messages from being written as untranslatable f-strings."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.export.sample_letters import russian_letter
from ua_writer.core import i18n, packs, uapack
from ua_writer.core.errors import ExportError, ImportFailed, NotFoundError, PackError, UserFacingError
from ua_writer.core.importer import import_file
from ua_writer.core.store import Store
from ua_writer.export.pdf import write_letter_pdf

from ..source_scan import calls_in_core_and_export, literal_text


def _pack(**changes) -> str:
    data = {"format": packs.FORMAT, "id": "test-2011", "title": "Test",
            "recipients": [{"id": "minister", "name": "Minister", "fax": ["+7 495 000 00 00"]}]}
    data.update(changes)
    return json.dumps(data)


# -- exporters ------------------------------------------------------------------------------------

def test_pdf_into_a_missing_folder(tmp_path, russian):
    target = tmp_path / "no-such-folder" / "letter.pdf"
    with pytest.raises(ExportError) as e:
        write_letter_pdf(russian_letter(), target)
    assert "не существует" in e.value.message
    assert str(target) in e.value.message and str(target.parent) in e.value.message


def test_pdf_onto_a_folder(tmp_path, russian):
    with pytest.raises(ExportError, match="это папка"):
        write_letter_pdf(russian_letter(), tmp_path)


def test_english_export_errors_are_unchanged(tmp_path):
    target = tmp_path / "no-such-folder" / "letter.pdf"
    with pytest.raises(ExportError) as e:
        write_letter_pdf(russian_letter(), target)
    assert e.value.message == f"cannot write {target}: the folder {target.parent} does not exist"
    with pytest.raises(ExportError) as e:
        write_letter_pdf(russian_letter(), target.parent.parent / "letter.pdf", page_size="a3")
    assert e.value.message == "unknown page size 'a3'; valid: a4, letter"


# -- action packs ---------------------------------------------------------------------------------

def test_malformed_pack_in_russian_keeps_the_field_path(tmp_path, russian):
    bad = json.loads(_pack())
    bad["recipients"][0]["fax"] = "+7 495 000 00 00"
    with pytest.raises(PackError) as e:
        packs.loads(json.dumps(bad), source="pack.json")
    assert e.value.field == "recipients[0].fax"
    assert e.value.message.startswith("pack.json: recipients[0].fax: ")
    assert "ожидался список строк" in e.value.message and "строка" in e.value.message
    with pytest.raises(PackError, match="некорректный JSON"):
        packs.loads("{", source="pack.json")
    with pytest.raises(PackError, match="файл не найден"):
        packs.load(tmp_path / "missing.json")


def test_malformed_pack_in_english_is_unchanged():
    with pytest.raises(PackError) as e:
        packs.loads(_pack(id="Not A Slug"), source="pack.json")
    assert e.value.message == ("pack.json: id: must be a slug of a-z, 0-9 and single hyphens, "
                               "got 'Not A Slug'")
    with pytest.raises(PackError) as e:
        packs.loads(_pack(persons={}), source="pack.json")
    assert e.value.message == "pack.json: persons: expected a list, got an object"


# -- importing received files ---------------------------------------------------------------------

def test_importing_an_empty_or_binary_file(tmp_path, russian):
    empty = tmp_path / "ua.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed) as e:
        import_file(empty)
    assert e.value.message == f"{empty}: файл пуст"
    garbage = tmp_path / "ua.bin"
    garbage.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ImportFailed, match="двоичный файл"):
        import_file(garbage)


def test_importing_in_english_is_unchanged(tmp_path):
    empty = tmp_path / "ua.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportFailed) as e:
        import_file(empty)
    assert e.value.message == f"{empty}: the file is empty"


# -- group packs, the store -----------------------------------------------------------------------

def test_group_pack_errors(tmp_path, russian):
    bogus = tmp_path / "group.uapack"
    bogus.write_bytes(b"not a zip at all")
    with pytest.raises(uapack.UapackError) as e:
        uapack.read_pack(bogus, store=None)
    assert "не групповой пакет" in e.value.message and "ничего не импортировано" in e.value.message
    assert str(bogus) in e.value.message


@pytest.mark.parametrize("n, words", [(1, "1 изменённый элемент"), (3, "3 изменённых элемента"),
                                      (5, "5 изменённых элементов"), (21, "21 изменённый элемент")])
def test_group_pack_overwrite_uses_russian_plural_forms(n, words, russian):
    plan = uapack.ImportPlan(Path("group.uapack"), 1,
                             [uapack.PlanItem("action", f"a{i}", "changed") for i in range(n)])
    with pytest.raises(uapack.UapackError) as e:
        uapack.apply_plan(plan, store=None)
    assert words in e.value.message and "акция a0" in e.value.message


def test_group_pack_overwrite_in_english_is_unchanged():
    plan = uapack.ImportPlan(Path("group.uapack"), 1, [uapack.PlanItem("action", "a", "changed"),
                                                       uapack.PlanItem("template", "ru/letter.j2",
                                                                       "changed")])
    with pytest.raises(uapack.UapackError) as e:
        uapack.apply_plan(plan, store=None)
    assert e.value.message == ("group.uapack: the pack would overwrite 2 changed item(s): action a, "
                               "template ru/letter.j2; confirm to overwrite them (--yes); nothing "
                               "was imported")


def test_store_errors(tmp_path, russian):
    with Store(tmp_path / "db.sqlite3") as store:
        with pytest.raises(NotFoundError, match="нет акции с id 'nope'"):
            store.get_action("nope")
        with pytest.raises(UserFacingError, match="неизвестная настройка 'nope'"):
            store.set_pref("nope", 1)


def test_switching_back_gives_english_again(tmp_path):
    i18n.set_language("ru")
    try:
        with pytest.raises(PackError, match="файл не найден"):
            packs.load(tmp_path / "missing.json")
    finally:
        i18n.set_language("en")
    with pytest.raises(PackError, match="file not found"):
        packs.load(tmp_path / "missing.json")


# -- no new untranslatable messages ---------------------------------------------------------------

#: callables whose message argument must go through _() / ngettext (name -> argument index)
_MESSAGE_ARG = {name: 0 for name in ("UserFacingError", "PackError", "StoreError", "CorruptStoreError",
                                     "NotFoundError", "ExportError", "TemplateError", "ImportFailed",
                                     "UapackError", "_Limit")}
_MESSAGE_ARG.update({"fail": 1, "_fail": 1, "_BadFile": 1, "_error": 2})
def test_user_facing_messages_are_marked_for_translation():
    problems = []
    for rel, node in calls_in_core_and_export():
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        index = _MESSAGE_ARG.get(name)
        if index is not None and len(node.args) > index and literal_text(node.args[index]):
            problems.append(f"{rel}:{node.lineno}: {name}() with an untranslated message")
    assert not problems, "\n".join(problems)
