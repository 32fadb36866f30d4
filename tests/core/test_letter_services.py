"""services/letters.py, the rules every front end shares: targets, languages, the letter to open
on, and copy letters composed for their copy recipient with the user's edits on top."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

import pytest

from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.model import Draft, SenderProfile
from ua_writer.core.store import open_store
from ua_writer.services import letters

DAY = _dt.date(2011, 4, 1)
ME = SenderProfile(name="Anna Kovach", address_lines=["Hauptstr. 1", "10115 Berlin"], city="Berlin",
                   country="DE", gender="f", languages=["en"])


@pytest.fixture
def actions(tmp_path):
    with open_store(tmp_path / "db.sqlite3") as store:
        return {a: store.get_action(a) for a in ("azimov-2011", "juraev-2011", "kasymakhunov-2012")}


def test_targets(actions):
    k = actions["kasymakhunov-2012"]
    assert [r.id for r in letters.targets(k)] == ["prosecutor-general"]
    assert [r.id for r in letters.targets(k, "all")] == ["prosecutor-general", "mfa-third-cis-department"]
    assert [r.id for r in letters.targets(k, "copies")] == ["supreme-court-chair"]
    with pytest.raises(NotFoundError, match="no recipient 'nobody'"):
        letters.targets(k, "nobody")
    # juraev's court takes copies only: never a main target, always a copy target
    j = actions["juraev-2011"]
    assert [r.id for r in letters.targets(j, "all")] == ["prosecutor-general"]
    assert letters.is_copy_target(j.recipient("moscow-city-court"))
    with pytest.raises(NotFoundError, match="--copy-of"):
        letters.main_recipient(j, "moscow-city-court")


def test_languages_follow_the_user_among_the_requested_ones(actions):
    a = actions["azimov-2011"]                     # requests ru, en
    assert letters.default_language(a, None) == "ru"
    assert letters.default_language(a, ME) == "en"   # Anna writes in English
    assert letters.default_language(a, ME, "de") == "de"
    assert letters.default_letter(a, ME, []) == ("en", None)
    drafts = [Draft("azimov-2011", "ru", "prosecutor-general", "…", "2011-04-01T10:00:00"),
              Draft("azimov-2011", "en", "moscow-regional-court", "…", "2011-04-02T10:00:00")]
    assert letters.default_letter(a, ME, drafts) == ("ru", "prosecutor-general")  # mains only


def test_a_copy_letter_is_composed_for_its_copy_recipient_with_the_users_edits(actions):
    a = actions["azimov-2011"]
    main = a.recipient("prosecutor-general")
    composed = letters.compose(a, main, "ru", ME, DAY)
    edited = replace(composed, paragraphs=composed.paragraphs[:1] + ["Мой собственный абзац."]
                     + composed.paragraphs[1:], salutation="Господин Генеральный прокурор!")
    ((court, copy),) = letters.copy_letters(a, main, "ru", ME, DAY, edited=edited)
    assert court.id == "moscow-regional-court"
    assert copy.addressee == letters.compose(a, court, "ru", ME, DAY).addressee != composed.addressee
    assert copy.copy_marker.startswith("КОПИЯ") and "Мой собственный абзац." in copy.paragraphs
    assert copy.salutation == "Господин Генеральный прокурор!"
    # the same through compose(): a copy recipient without copy_of copies the first main letter
    assert letters.compose(a, "moscow-regional-court", "ru", ME, DAY).addressee == copy.addressee


def test_no_main_recipient_is_a_clear_error(actions):
    a = actions["juraev-2011"]
    only_court = replace(a, recipients=[r for r in a.recipients if r.copies_only])
    with pytest.raises(UserFacingError, match="no main recipient"):
        letters.targets(only_court)
    with pytest.raises(UserFacingError, match="no main recipient"):
        letters.compose(only_court, "moscow-city-court", "ru", ME, DAY)
