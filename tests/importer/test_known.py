"""An office the stored actions or the address book already know fills what the UA left out."""

from __future__ import annotations

import json

from ua_writer.core.importer import LOW_CONFIDENCE, import_text
from ua_writer.core.importer.known import fill_from_known
from ua_writer.core.model import Recipient

from ..cli_run import run

UA = """Urgent Action: Activist Jailed for Protest (Russian Federation: UA 90.21)

Activist Oleg Smirnov was jailed in Moscow on 3 May for a peaceful one-person picket. He is a prisoner of conscience and must be released immediately and unconditionally.

Yurii Ya. Chaika
Prosecutor General of the Russian Federation
Online form: https://example.org/form
Email: prgenproc@example.ru

Dear Prosecutor General,

I am writing to urge you to release the activist Oleg Smirnov immediately and unconditionally.
"""


def test_missing_details_come_from_a_known_office_and_are_marked():
    r = import_text(UA)
    rec = r.action.recipients[0]
    assert rec.address_lines == [] and rec.fax == []
    known = Recipient(id="pg", name="Yurii Ya. Chaika", title="Prosecutor General of the Russian Federation",
                      address_lines=["Bolshaia Dmitrovka 15 A", "Moscow 125993"], country="RU",
                      fax=["+7 495 987 58 41"], email=["other@example.ru"])
    filled = fill_from_known(r, [Recipient(id="x", title="Minister of Justice", fax=["1"]), known])
    assert set(filled) == {"recipients[0].address_lines", "recipients[0].fax"}
    assert rec.address_lines == known.address_lines and rec.fax == known.fax
    assert rec.email == ["prgenproc@example.ru"]          # what the UA says is kept
    info = r.fields["recipients[0].fax"]
    assert info.confidence < LOW_CONFIDENCE and "address book" in info.source_text


def test_cli_import_fills_from_the_bundled_seed_actions(capsys, dd, tmp_path):
    path = tmp_path / "ua.txt"
    path.write_text(UA, encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", dd, "import", str(path))
    assert code == 0, err
    assert "recipients[0].fax" in out            # listed for a look in the summary
    action_id = out.split()[1].rstrip(":")
    code, out, err = run(capsys, "--data-dir", dd, "show", action_id, "--json")
    rec = json.loads(out)["recipients"][0]
    assert rec["fax"] == ["+7 495 987 58 41"]   # the Juraev seed's Prosecutor General
    assert rec["address_lines"][0] == "Bolshaia Dmitrovka 15 A"
