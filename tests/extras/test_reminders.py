"""Deadline reminders (due/snooze/dismiss) and the iCalendar export, core and CLI."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest

from ua_writer.core import reminders
from ua_writer.core.errors import NotFoundError, UserFacingError


def ids(items):
    return [r.id for r in items]


def test_due_uses_remind_days_pref_and_skips_past_and_undated(store, today):
    # juraev: 2011-05-03 (5 d), azimov: 2011-08-23, kasymakhunov: 2012-08-20, two undated
    assert ids(reminders.due(store, today)) == ["juraev-2011"]
    assert reminders.due(store, today)[0].days_left == 5
    store.set_pref("remind_days", 4)
    assert reminders.due(store, today) == []
    assert ids(reminders.due(store, today, within=200)) == ["juraev-2011", "azimov-2011"]
    # past deadline: never due
    assert reminders.due(store, dt.date(2011, 5, 4), within=10) == []
    # the deadline day itself is still due (0 days left)
    on_day = reminders.due(store, dt.date(2011, 5, 3), within=0)
    assert ids(on_day) == ["juraev-2011"] and on_day[0].days_left == 0


def test_bad_remind_days_pref_falls_back_to_default(store, today):
    with pytest.raises(UserFacingError):         # the store refuses it (core/settings.py) ...
        store.set_pref("remind_days", "soon")
    store.set_setting("prefs", {"remind_days": "soon"})  # ... but an older version kept it
    assert reminders.remind_days(store) == 7
    with pytest.raises(UserFacingError):
        reminders.due(store, today, within=-1)


def test_sent_letters_end_the_reminder(store, today):
    store.mark_sent("juraev-2011", "prosecutor-general", "ru", "post", today)
    assert reminders.due(store, today) == []
    shown = reminders.due(store, today, include_sent=True)
    assert ids(shown) == ["juraev-2011"] and shown[0].sent_count == 1


def test_snooze_hides_until_the_next_day(store, today):
    until = reminders.snooze(store, "juraev-2011", today)
    assert until == today + dt.timedelta(days=1)
    assert reminders.due(store, today) == []
    hidden = reminders.due(store, today, include_hidden=True)
    assert hidden[0].snoozed_until == until and hidden[0].hidden
    assert ids(reminders.due(store, until)) == ["juraev-2011"]


def test_dismiss_until_the_deadline_changes(store, today):
    reminders.dismiss(store, "juraev-2011", today)
    assert reminders.due(store, today) == []
    assert reminders.due(store, today, include_hidden=True)[0].dismissed
    # the UA is extended: the reminder comes back by itself
    action = store.get_action("juraev-2011", with_address_book=False)
    action.deadline = dt.date(2011, 5, 1)
    store.save_action(action, replace=True)
    assert ids(reminders.due(store, today)) == ["juraev-2011"]


def test_restore_and_unknown_ids(store, today):
    reminders.dismiss(store, "juraev-2011", today)
    reminders.restore(store, "juraev-2011", today)
    assert ids(reminders.due(store, today)) == ["juraev-2011"]
    with pytest.raises(NotFoundError):
        reminders.snooze(store, "nope", today)
    with pytest.raises(UserFacingError):
        reminders.snooze(store, "juraev-2011", today, days=0)
    with pytest.raises(UserFacingError, match="no deadline"):
        reminders.dismiss(store, "ivanovo-refugees-2006", today)


def test_state_is_pruned_of_deleted_actions(store, today):
    reminders.dismiss(store, "azimov-2011", today)
    store.delete_action("azimov-2011")
    reminders.snooze(store, "juraev-2011", today)
    state = store.get_setting(reminders.SETTINGS_KEY)
    assert "azimov-2011" not in state["dismissed"]
    assert state["snoozed"] == {"juraev-2011": "2011-04-29"}


# -- calendar -------------------------------------------------------------------------------------

def test_ics_has_one_all_day_event_per_open_action(store, today):
    now = dt.datetime(2011, 4, 28, 9, 0, tzinfo=dt.timezone.utc)
    data = reminders.deadlines_ics(store, today, now=now)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    events = cal.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [
        "juraev-2011@deadlines.ua-writer.invalid", "azimov-2011@deadlines.ua-writer.invalid",
        "kasymakhunov-2012@deadlines.ua-writer.invalid"]
    ev = events[0]
    assert ev.decoded("dtstart") == dt.date(2011, 5, 3)            # all-day: a DATE, not a time
    assert ev["dtstart"].params.get("VALUE") in (None, "DATE")
    assert ev.decoded("dtend") == dt.date(2011, 5, 4)
    assert str(ev["summary"]) == "Russia extradites Tajikistani asylum seeker"
    desc = str(ev["description"])
    assert "Nizomhon Juraev" in desc and "Prosecutor General of the Russian Federation" in desc
    assert "Moscow City Court" in desc                                  # a copies-only recipient
    alarms = ev.walk("VALARM")
    assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
    assert alarms[0].decoded("trigger") == dt.timedelta(days=-reminders.ALARM_DAYS_BEFORE)
    # stable: the same input gives the same bytes (so calendars update, not duplicate)
    assert reminders.deadlines_ics(store, today, now=now) == data


def test_ics_after_all_deadlines_is_an_empty_valid_calendar(store):
    data = reminders.deadlines_ics(store, dt.date(2013, 1, 1))
    cal = icalendar.Calendar.from_ical(data)
    assert cal.walk("VEVENT") == []


# -- CLI --------------------------------------------------------------------------------------------

def test_cli_due_json_and_text(cli):
    code, out, err = cli("due", "--json")
    assert code == 0, err
    assert json.loads(out) == [{"id": "juraev-2011", "title": "Russia extradites Tajikistani asylum seeker",
                                "deadline": "2011-05-03", "days_left": 5, "sent_count": 0}]
    code, out, _ = cli("due")
    assert code == 0 and "juraev-2011" in out and "5 days left" in out


def test_cli_due_empty_is_exit_0(cli):
    code, out, _ = cli("due", "--json", today="2013-01-01")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cli("due", "--within", "3")
    assert code == 0 and "nothing due within 3 days" in out


def test_cli_snooze_dismiss_undo(cli):
    code, out, _ = cli("snooze", "juraev-2011")
    assert code == 0 and "2011-04-29" in out
    assert json.loads(cli("due", "--json")[1]) == []
    assert json.loads(cli("due", "--json", today="2011-04-29")[1])[0]["id"] == "juraev-2011"
    assert cli("dismiss", "juraev-2011")[0] == 0
    assert json.loads(cli("due", "--json", today="2011-04-29")[1]) == []
    code, out, _ = cli("due", "--all")
    assert "dismissed" in out
    assert cli("dismiss", "juraev-2011", "--undo")[0] == 0
    assert len(json.loads(cli("due", "--json")[1])) == 1
    code, _, err = cli("snooze", "nope")
    assert code == 2 and err.startswith("ua-writer: error:") and "nope" in err


def test_cli_calendar_writes_a_parseable_file(cli, tmp_path):
    target = tmp_path / "deadlines.ics"
    code, out, err = cli("calendar", "-o", str(target))
    assert code == 0, err
    assert "3 deadlines" in out
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) == 3
    code, _, err = cli("calendar", "-o", str(tmp_path / "missing" / "x.ics"))
    assert code == 2 and "does not exist" in err
