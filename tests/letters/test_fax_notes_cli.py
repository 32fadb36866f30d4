"""`fax-cover` and `letter --fax-cover` leave the writer's note off unless `--note` asks for it
(issue 15, item 2: "If voice answers, ask for 'Fax'" was faxed to the ministry)."""

from __future__ import annotations

import pytest

from tests.cli_run import run
from tests.export.helpers import needs_pdftotext, norm, pdf_text


@needs_pdftotext
@pytest.mark.parametrize("lang,hint", [("en", "If voice answers"), ("ru", "Если ответит голос")])
def test_the_writers_note_needs_note(capsys, berlin_dd, tmp_path, lang, hint):
    base = ["--data-dir", berlin_dd, "--today", "2011-04-01"]
    cover, packet, asked = tmp_path / "c.pdf", tmp_path / "p.pdf", tmp_path / "n.pdf"
    for argv in (["fax-cover", "kasymakhunov-2012", "-o", str(cover)],
                 ["letter", "kasymakhunov-2012", "--fax-cover", "-o", str(packet)],
                 ["fax-cover", "kasymakhunov-2012", "--note", "-o", str(asked)]):
        code, _out, err = run(capsys, *base, *argv, "--to", "mfa-third-cis-department", "--lang", lang)
        assert code == 0, err
    assert hint not in norm(pdf_text(cover)) and hint not in norm(pdf_text(packet))
    assert hint in norm(pdf_text(asked))
