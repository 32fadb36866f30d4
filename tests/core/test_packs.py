"""Pack format validation: strict, and every error names file, field and problem."""

from __future__ import annotations

import copy
import json

import pytest

from ua_writer.core import packs
from ua_writer.core.errors import PackError

GOOD = {
    "format": "ua-writer/action@1",
    "id": "juraev-2011",
    "ua_number": None, "index": None,
    "title": "Russia extradites Tajikistani asylum seeker",
    "country": "RU",
    "issue_date": "2011-03-22", "deadline": "2011-05-03",
    "languages": ["ru", "en"],
    "persons": [{"name": "Nizomhon Juraev", "gender": "m", "names": {"ru": "Низомхон Джураев"}}],
    "summary": "s", "background": "b",
    "appeals": {"en": ["one", "two"], "ru": ["один", "два"]},
    "recipients": [{
        "id": "prosecutor-general", "name": "Yurii Yakovlevich Chaika",
        "title": "Prosecutor General of the Russian Federation",
        "address_lines": ["Prosecutor General's Office", "ul. Bolshaia Dmitrovka, 15a", "Moscow 125993"],
        "country": "RU", "fax": ["+7 495 987 58 41"], "email": [],
        "salutation": "Dear Prosecutor General", "gender": "m", "is_copy": False, "note": None,
        "localized": {"ru": {"name": "Юрий Яковлевич Чайка",
                             "title": "Генеральный прокурор Российской Федерации",
                             "address_lines": ["ул. Большая Дмитровка, д. 15а", "Москва, 125993"]}}}],
    "notes": "Do not send letters directly to the court, only copies.",
    "source": "000_e4e6033d01025e6d.txt",
}


def test_good_pack_loads_and_round_trips():
    a = packs.action_from_dict(copy.deepcopy(GOOD), source="x.json")
    assert a.deadline.isoformat() == "2011-05-03"
    assert a.recipients[0].localized["ru"].name == "Юрий Яковлевич Чайка"
    text = packs.dumps(a)
    assert packs.loads(text) == a
    # the keys are all present, in order
    assert list(json.loads(text))[:16] == list(GOOD)


def test_minimal_pack_needs_only_format_id_title():
    a = packs.action_from_dict({"format": "ua-writer/action@1", "id": "x", "title": "T"})
    assert a.recipients == [] and a.deadline is None and a.appeals == {}


@pytest.mark.parametrize("mutate, field, problem", [
    (lambda d: d.update(extra=1), "extra", "unknown key"),
    (lambda d: d.pop("title"), "title", "is required"),
    (lambda d: d.update(format="ua-writer/action@9"), "format", "unsupported format"),
    (lambda d: d.update(id="Bad Id"), "id", "slug"),
    (lambda d: d.update(deadline="3 May 2011"), "deadline", "ISO date"),
    (lambda d: d.update(deadline="2011-02-30"), "deadline", "ISO date"),
    (lambda d: d.update(country="Russia"), "country", "ISO 3166"),
    (lambda d: d.update(languages=["russian"]), "languages[0]", "ISO 639-1"),
    (lambda d: d["recipients"][0].update(fax="+7 495"), "recipients[0].fax", "list of strings"),
    (lambda d: d["recipients"][0].update(gender="x"), "recipients[0].gender", "must be"),
    (lambda d: d["recipients"][0].update(is_copy="yes"), "recipients[0].is_copy", "true or false"),
    (lambda d: d["recipients"][0].update(colour="red"), "recipients[0].colour", "unknown key"),
    (lambda d: d["recipients"].append(dict(d["recipients"][0])), "recipients[1].id", "duplicate"),
    (lambda d: d["recipients"][0]["localized"]["ru"].update(foo="x"),
     "recipients[0].localized.ru.foo", "unknown key"),
    (lambda d: d["persons"][0].update(gender="male"), "persons[0].gender", "must be"),
    (lambda d: d["appeals"].update(en="one point"), "appeals.en", "list of strings"),
    (lambda d: d.update(persons={}), "persons", "expected a list"),
])
def test_bad_packs_name_file_field_and_problem(mutate, field, problem):
    d = copy.deepcopy(GOOD)
    mutate(d)
    with pytest.raises(PackError) as e:
        packs.action_from_dict(d, source="bad.json")
    assert e.value.source == "bad.json"
    assert e.value.field == field
    assert problem in e.value.problem
    assert str(e.value).startswith("bad.json: " + field)


def test_syntax_errors_and_files(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('{"format": "ua-writer/action@1", "id": ', encoding="utf-8")
    with pytest.raises(PackError, match=r"broken.json: not valid JSON \(line 1"):
        packs.load(p)
    with pytest.raises(PackError, match="file not found"):
        packs.load(tmp_path / "missing.json")
    b = tmp_path / "latin1.json"
    b.write_bytes('{"title": "Caf\xe9"}'.encode("latin-1"))
    with pytest.raises(PackError, match="not UTF-8"):
        packs.load(b)
    with pytest.raises(PackError, match="expected an object"):
        packs.loads("[1, 2]")
    with pytest.raises(PackError, match="nested too deeply|expected an object"):
        packs.loads("[" * 100000 + "]" * 100000)


def test_localized_recipient_note_round_trips():
    d = copy.deepcopy(GOOD)
    d["recipients"][0]["localized"]["ru"]["note"] = "Если ответит голос, попросите включить факс."
    a = packs.action_from_dict(d)
    assert a.recipients[0].note_in("ru").startswith("Если ответит голос")
    assert a.recipients[0].note_in("en") is None
    assert packs.loads(packs.dumps(a)) == a
