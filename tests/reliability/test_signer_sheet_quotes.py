"""An unclosed quote in a signer sheet is a bad row, never a signer swallowed into another's address.

Issue #16 item 9: ``Anna,"Hauptstr. 1`` with no closing quote took the next signer's line into
Anna's address; the batch wrote 1 letter, exit 0, no bad-row report.
"""

from __future__ import annotations

from ua_writer.services.mailmerge import parse_signers

from ..cli_run import run

UNCLOSED = 'name,address,city\nAnna Kovač,"Hauptstr. 1,Berlin\nBoris Ivanov,Lenina 5,Moskva\n'
CLOSED_BY_THE_NEXT_ROW = ('name,address,city\nAnna Kovač,"Hauptstr. 1,Berlin\n'
                          'Boris Ivanov,"Lenina 5",Moskva\nCarla Ruiz,Calle 3,Madrid\n')
MULTI_LINE_ADDRESS = 'name,address,city\n"Anna Kovač","Hauptstr. 1\nHinterhaus",Berlin\nBoris Ivanov,Lenina 5,Moskva\n'


def test_an_unclosed_quote_is_a_bad_row_and_the_next_signer_is_read():
    sheet = parse_signers(UNCLOSED)
    assert [(s.line, s.profile.name) for s in sheet.signers] == [(3, "Boris Ivanov")]
    assert [b.line for b in sheet.bad_rows] == [2]
    assert "quote" in sheet.bad_rows[0].message and "not closed" in sheet.bad_rows[0].message


def test_a_quote_closed_only_by_a_later_row_is_caught_too():
    sheet = parse_signers(CLOSED_BY_THE_NEXT_ROW)
    assert [(s.line, s.profile.name) for s in sheet.signers] == [(3, "Boris Ivanov"),
                                                                 (4, "Carla Ruiz")]
    assert [b.line for b in sheet.bad_rows] == [2]
    assert all("Boris" not in " ".join(s.profile.address_lines) for s in sheet.signers)


def test_a_properly_quoted_multi_line_address_is_still_one_signer():
    sheet = parse_signers(MULTI_LINE_ADDRESS)
    assert not sheet.bad_rows
    assert [(s.line, s.profile.name) for s in sheet.signers] == [(2, "Anna Kovač"), (4, "Boris Ivanov")]
    assert sheet.signers[0].profile.address_lines[:2] == ["Hauptstr. 1", "Hinterhaus"]


def test_cli_batch_reports_the_bad_row_and_exits_1(tmp_path, capsys):
    sheet = tmp_path / "signers.csv"
    sheet.write_text(UNCLOSED, encoding="utf-8")
    out_dir = tmp_path / "out"
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "data"), "--today", "2011-04-01",
                         "batch", "juraev-2011", "--signers", str(sheet), "--lang", "en",
                         "--to", "prosecutor-general", "-o", str(out_dir), "--jobs", "1")
    assert code == 1, err
    assert f"skipped {sheet}: line 2:" in err and "quote" in err
    assert len(list(out_dir.glob("*.pdf"))) == 1 and "Boris" in next(out_dir.glob("*.pdf")).name
