"""Perturbation tests for general importer weaknesses (issue #12): each UA line here is made up
for the test (no real case, no real address)."""

from __future__ import annotations

import datetime as dt

from ua_writer.core.importer import import_text

FI_UA = """EXTERNAL (for general distribution)     AI Index: EUR 99/07/95
Distr: UA/SC
3 March 1995

Further information on UA 41/95 (EUR 99/04/95, 10 February 1995) - Fear of torture

REPUBLIC OF ELBONIA     Dmitri Varga (m), journalist
                        Olga Varga (f), teacher

Dmitri Varga and Olga Varga were released without charge on 28 February 1995, after
two weeks in police custody in the capital. They say they were beaten during questioning.

RECOMMENDED ACTION:
Please write in English, Russian or your own language:
- welcoming the release of Dmitri and Olga Varga;
- urging the authorities to investigate the reports that they were beaten in custody;
- asking that those responsible be brought to justice.

APPEALS TO:

President of the Republic of Elbonia
Ivan Petrovich Kolev
Presidential Palace
Main Square 1
Elbonia City, Elbonia
Faxes: +99 12 345 678
Salutations: Dear President

COPIES TO: diplomatic representatives of Elbonia accredited to your country.

PLEASE SEND APPEALS IMMEDIATELY. Check with the International Secretariat, or your section
office, if sending appeals after 14 April 1995.
"""


def test_a_coherent_template_reading_still_lets_the_evidence_reader_win_on_other_fields():
    # the "fi" template reads recipients and deadline cleanly but misses the write-in languages
    # on their own line and takes the instruction line for an appeal point
    a = import_text(FI_UA).action
    assert a.issue_date == dt.date(1995, 3, 3)
    assert a.deadline == dt.date(1995, 4, 14)
    assert a.languages == ["en", "ru"]
    (points,) = a.appeals.values()
    assert len(points) == 3 and not any("Please write" in p for p in points)
    assert any(r.name == "Ivan Petrovich Kolev" for r in a.recipients)
