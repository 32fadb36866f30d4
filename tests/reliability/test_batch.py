"""The mail-merge: signer sheets (aliases, encodings, bad rows with line numbers) and ``ua-writer batch``."""

from __future__ import annotations

import datetime as dt
import re
import stat

import pytest

from ua_writer.cli import main
from ua_writer.services import mailmerge as batch
from ua_writer.core.errors import UserFacingError

SHEET = (
    "name,name_ru,address,postal_code,city,country,email,gender\n"
    "Anna Kovach,Анна Ковач,Musterstr. 12,10115,Berlin,DE,anna@example.org,f\n"
    'Bob Smith,,"1 High St|Flat 2",SW1A 1AA,London,GB,,m\n'
    ",,nobody,,,,,\n"
    "Eve,,x,,,Narnia,,\n"
)


def test_sheet_columns_aliases_and_bad_rows_with_line_numbers():
    sheet = batch.parse_signers(SHEET, "s.csv")
    assert [s.profile.name for s in sheet.signers] == ["Anna Kovach", "Bob Smith"]
    anna, bob = (s.profile for s in sheet.signers)
    assert anna.names == {"ru": "Анна Ковач"} and anna.gender == "f" and anna.country == "DE"
    assert anna.address_lines == ["Musterstr. 12", "10115 Berlin"] and anna.city == "Berlin"
    assert bob.address_lines == ["1 High St", "Flat 2", "London SW1A 1AA"]  # UK order
    assert [(b.line, b.message) for b in sheet.bad_rows] == [
        (4, "the name is empty"),
        (5, "unknown country 'Narnia'; use a two-letter code such as DE")]
    assert [s.line for s in sheet.signers] == [2, 3]


def test_semicolons_bom_quoted_newlines_and_russian_headers():
    text = ("\ufeffФИО;Адрес;Индекс;Город;Страна;Пол\r\n"
            'Анна Ковач;"ул. Ленина, 1\nкв. 5";101000;Москва;Россия;ж\r\n'
            "Иван Петров;пр. Мира, 2;;Казань;RU;м\r\n")
    sheet = batch.parse_signers(text)
    assert not sheet.bad_rows, sheet.bad_rows
    a, b = (s.profile for s in sheet.signers)
    assert a.address_lines == ["ул. Ленина, 1", "кв. 5", "101000 Москва"]
    assert a.country == "RU" and a.gender == "f" and b.gender == "m"
    assert [s.line for s in sheet.signers] == [2, 4]  # a quoted newline spans two lines


def test_file_names_are_unique_and_safe_even_for_equal_names():
    text = "name\nA/B: C\nA/B: C\n..\n" + "Ж" * 300 + "\n"
    sheet = batch.parse_signers(text)
    stems = [s.stem for s in sheet.signers[:3]]
    assert len(set(stems)) == 3
    assert all(re.fullmatch(r"\d{4}-[^/\\:*?\"<>|]+", s) for s in stems), stems
    assert sheet.bad_rows and "longer than 200" in sheet.bad_rows[0].message


def test_legacy_encoding_is_read_with_a_warning(tmp_path):
    p = tmp_path / "s.csv"
    p.write_bytes("name;city;country\nАнна Ковач;Москва;RU\nПётр Иванов;Тверь;RU\n".encode("cp1251"))
    sheet = batch.read_signers(p)
    assert sheet.signers[0].profile.name == "Анна Ковач"
    assert sheet.warnings and "not UTF-8" in sheet.warnings[0]


@pytest.mark.parametrize("text, problem", [
    ("", "empty"),
    ("city,country\nBerlin,DE\n", "no 'name' column"),
])
def test_unusable_sheets_raise_one_clear_error(text, problem):
    with pytest.raises(UserFacingError, match=problem):
        batch.parse_signers(text, "s.csv")


def test_too_many_fields_is_a_bad_row():
    sheet = batch.parse_signers("name,city\nA,B,C\nD,E\n")
    assert [b.line for b in sheet.bad_rows] == [2] and "needs quotes" in sheet.bad_rows[0].message


def _sheet_file(tmp_path, n: int, bad: bool = True):
    rows = ["name,name_ru,address,postal_code,city,country,email,gender"]
    for i in range(n):
        rows.append(f"Signer {i},Подписант {i},Straße {i}|Hinterhaus,{10000 + i},Berlin,DE,"
                    f"s{i}@example.org,{'mf'[i % 2]}")
    if bad:
        rows.insert(3, "Bad Gender,,x,,,DE,,q")
    p = tmp_path / "signers.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_cli_batch_writes_one_pdf_per_signer_on_two_processes_and_merges(tmp_path, capsys):
    pytest.importorskip("ua_writer.core.compose")
    from pypdf import PdfReader

    sheet = _sheet_file(tmp_path, 30)
    out = tmp_path / "out"
    merged = tmp_path / "all.pdf"
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "--lang", "ru", "--to", "prosecutor-general", "-o", str(out), "-j", "2",
                 "--merge", str(merged)])
    o, err = capsys.readouterr()
    assert code == 1, err  # one bad row skipped, the rest written
    assert "line 4: gender must be m or f" in err and "Traceback" not in err
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 30 and len({f.name for f in files}) == 30
    assert not list(out.glob(".*.part"))
    for f in (files[0], files[-1]):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600
    text = PdfReader(files[7]).pages[0].extract_text()
    assert "Подписант 7" in text and "Straße 7" in text  # each letter signed by its own signer
    assert len(PdfReader(merged).pages) >= 30
    assert "wrote 30 letters" in o


def test_cli_batch_docx_in_process(tmp_path, capsys):
    pytest.importorskip("ua_writer.core.compose")
    sheet = _sheet_file(tmp_path, 3, bad=False)
    out = tmp_path / "docx"
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "--lang", "en", "-o", str(out), "--format", "docx"])
    assert code == 0, capsys.readouterr().err
    assert len(list(out.glob("*.docx"))) == 3


def test_batch_progress_generator_api(tmp_path):
    pytest.importorskip("ua_writer.core.compose")
    from ua_writer.core.store import open_store

    store = open_store()
    action = store.get_action("juraev-2011")
    store.close()
    sheet = batch.read_signers(_sheet_file(tmp_path, 5, bad=False))
    job = batch.BatchJob(action, "prosecutor-general", "ru", tmp_path / "gen", dt.date(2011, 5, 3))
    run = batch.BatchRun(job, sheet.signers, chunk_size=2)
    seen = [(p.done, p.total) for p in run]
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    report = run.report()
    assert len(report.written) == 5 and not report.failed


def test_batch_errors_are_one_line(tmp_path, capsys):
    pytest.importorskip("ua_writer.core.compose")
    sheet = _sheet_file(tmp_path, 2, bad=False)
    code = main(["batch", "juraev-2011", "--signers", str(sheet), "--to", "nobody", "-o",
                 str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "no recipient 'nobody'" in err and err.count("\n") == 1
    code = main(["batch", "juraev-2011", "--signers", str(tmp_path / "none.csv"), "-o",
                 str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    code = main(["batch", "no-such-action", "--signers", str(sheet), "-o", str(tmp_path / "o")])
    assert code == 2 and "no-such-action" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch, capsys):
    pytest.importorskip("ua_writer.core.compose")
    import io
    import sys

    class Tty(io.StringIO):
        def isatty(self):
            return True

    sheet = _sheet_file(tmp_path, 3, bad=False)
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "-o", str(tmp_path / "tty")])
    assert code == 0
    assert "\r[" in tty.getvalue() and "3/3" in tty.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: no bar
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "-o", str(tmp_path / "plain")])
    assert code == 0 and "\r[" not in sys.stderr.getvalue()
