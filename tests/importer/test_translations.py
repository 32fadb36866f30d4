"""Another language's version of a stored action is added to it as a translation, not stored twice."""

from __future__ import annotations

import datetime as dt
import json

from ua_writer.core.importer import import_text
from ua_writer.core.importer.translations import as_translation, matching_action
from ua_writer.core.model import Action, Person

from ..cli_run import run

EN = """Urgent Action: Blogger Detained for Criticism (Azerbaijan: UA 77.21)

March 1, 2021

Blogger Rauf Karimli was detained in Baku on 20 February for posts criticizing the authorities. He is a prisoner of conscience and must be released immediately and unconditionally.

Please write immediately in Azerbaijani, English or your own language:
• Urge the authorities to release Rauf Karimli immediately and unconditionally.
• Call on them to protect him from torture and other ill-treatment.

Please send appeals before 12 April 2021.

Kamran Aliyev
Prosecutor General of the Republic of Azerbaijan
7 Nigar Rafibeyli Street
Baku AZ1001, Azerbaijan
Email: info@prosecutor.example.az
Salutation: Dear Prosecutor General
"""

DE = """Eilaktion: Blogger wegen Kritik inhaftiert (Aserbaidschan: UA 77/21)

Der Blogger Rauf Karimli wurde am 20. Februar in Baku festgenommen, weil er die Behörden in seinen Beiträgen kritisiert hat. Amnesty International betrachtet ihn als gewaltlosen politischen Gefangenen.

Schreiben Sie bitte in gutem Aserbaidschanisch, Englisch oder auf Deutsch:
• Fordern Sie die Behörden auf, Rauf Karimli sofort und bedingungslos freizulassen.
• Dringen Sie darauf, dass er vor Folter und anderen Misshandlungen geschützt wird.

Bitte schreiben Sie bis zum 12. April 2021.

Appell an

GENERALSTAATSANWALT
Kamran Aliyev
Prosecutor General of the Republic of Azerbaijan
7 Nigar Rafibeyli Street
Baku AZ1001, ASERBAIDSCHAN
(korrekte Anrede: Dear Prosecutor General)
E-Mail: info@prosecutor.example.az
"""


def test_a_german_version_matches_the_english_action_by_ua_number_and_is_added_as_german():
    en = import_text(EN).action
    r = import_text(DE)
    assert r.language == "de"
    assert r.action.appeals.get("de")
    assert matching_action(r.action, [en]) is en
    merged, changed = as_translation(en, r.action, "de")
    assert merged.appeals["en"] == en.appeals["en"]       # the English points are kept
    assert merged.appeals["de"][0].startswith("Fordern Sie die Behörden auf")
    assert merged.localized["de"]["title"].startswith("Blogger wegen Kritik inhaftiert")
    assert merged.recipients == en.recipients and merged.deadline == en.deadline
    assert {"appeals.de", "localized.de.title", "localized.de.summary"} <= set(changed)


def test_without_a_ua_number_the_same_persons_and_deadline_match():
    a = Action(id="a", title="A", deadline=dt.date(2021, 4, 12), persons=[Person("Rauf Karimli")])
    b = Action(id="b", title="B", deadline=dt.date(2021, 4, 12), persons=[Person("Rauf Kərimli")])
    other = Action(id="c", title="C", deadline=dt.date(2021, 4, 13), persons=[Person("Rauf Karimli")])
    assert matching_action(b, [other, a]) is a
    assert matching_action(b, [other]) is None


def test_cli_offers_then_adds_the_translation_instead_of_a_duplicate(capsys, dd, tmp_path):
    en_file, de_file = tmp_path / "en.txt", tmp_path / "de.txt"
    en_file.write_text(EN, encoding="utf-8")
    de_file.write_text(DE, encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", dd, "import", str(en_file), "--save")
    assert code == 0, err
    action_id = out.split()[1].rstrip(":")
    # the German text is recognised as a version of it: nothing stored, both ways out named
    code, out, err = run(capsys, "--data-dir", dd, "import", str(de_file))
    assert code == 2
    assert action_id in err and "--as-translation" in err and "--separate" in err
    code, out, err = run(capsys, "--data-dir", dd, "actions", "--status", "all", "--json")
    assert sum(1 for a in json.loads(out) if "karimli" in json.dumps(a).lower()) == 1
    code, out, err = run(capsys, "--data-dir", dd, "import", str(de_file), "--as-translation")
    assert code == 0, err
    assert action_id in out and "appeals.de" in out
    code, out, err = run(capsys, "--data-dir", dd, "show", action_id, "--json")
    pack = json.loads(out)
    assert pack["appeals"]["de"][1].startswith("Dringen Sie darauf")
    assert pack["appeals"]["en"][0].startswith("Urge the authorities")
    # --separate stores it as an action of its own
    code, out, err = run(capsys, "--data-dir", dd, "import", str(de_file), "--separate")
    assert code == 0, err
