"""Deadline reminders and the iCalendar export of open deadlines.

Owns: which open actions are *due* (deadline within N days — the ``remind_days`` preference — and
nothing recorded as sent yet), the user's "remind me tomorrow" (snooze) and "done" (dismiss)
choices, and ``deadlines_ics()``: one all-day VEVENT per open action with a stable UID and an alarm
a few days before, for any calendar program. Everything takes an explicit ``today``.

Snooze/dismiss state lives in the store's settings under ``reminders``::

    {"snoozed": {"<action id>": "YYYY-MM-DD"},     # hidden while today < that date
     "dismissed": {"<action id>": "YYYY-MM-DD"}}   # hidden while the deadline is still that date

so a dismissed reminder comes back by itself when a UA's deadline is extended. Qt-free; the GUI
banner/tray icon and ``ua-writer due`` both read :func:`due`. Must not import PySide6.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ua_writer.core import packs
from ua_writer.core.errors import NotFoundError, UserFacingError
from ua_writer.core.i18n import _

SETTINGS_KEY = "reminders"
#: the calendar alarm fires this many days before the deadline
ALARM_DAYS_BEFORE = 3
#: UIDs are "<action id>@<UID_DOMAIN>": stable across exports, so calendars update, not duplicate
UID_DOMAIN = "deadlines.ua-writer.invalid"
PRODID = "-//ua-writer//Urgent Action deadlines//EN"


@dataclass(frozen=True)
class Reminder:
    """One open action whose deadline is near."""

    id: str
    title: str
    deadline: _dt.date
    days_left: int
    sent_count: int
    snoozed_until: _dt.date | None = None
    dismissed: bool = False

    @property
    def hidden(self) -> bool:
        return self.dismissed or self.snoozed_until is not None

    def to_json(self) -> dict:
        """The ``ua-writer due --json`` row."""
        return {"id": self.id, "title": self.title, "deadline": self.deadline.isoformat(),
                "days_left": self.days_left, "sent_count": self.sent_count}


def remind_days(store) -> int:
    """The ``remind_days`` preference as a non-negative int (a bad stored value -> the default)."""
    from ua_writer.core import settings

    return settings.get(store.prefs(), "remind_days")


def _state_from(raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    return {"snoozed": dict(raw.get("snoozed") or {}), "dismissed": dict(raw.get("dismissed") or {})}


def _state(store) -> dict:
    return _state_from(store.get_setting(SETTINGS_KEY, {}))


def _date(value) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def due(store, today: _dt.date, within: int | None = None, *,
        include_hidden: bool = False, include_sent: bool = False) -> list[Reminder]:
    """Open actions with ``0 <= days_left <= within`` (default: the ``remind_days`` preference)
    and nothing sent yet, soonest first. Snoozed and dismissed ones are left out unless
    ``include_hidden``; actions with letters already sent unless ``include_sent``."""
    if within is None:
        within = remind_days(store)
    if within < 0:
        raise UserFacingError(_("the number of days must not be negative, got {days}").format(
            days=within))
    state = _state(store)
    out: list[Reminder] = []
    # only rows whose deadline is in the window: the deadline index, not all 10,000 actions
    last = _plus_days(today, min(within, 36_500))
    for row in store.action_rows(deadline_from=today, deadline_to=last):
        left = row.days_left(today)
        if left is None or left < 0 or left > within:
            continue
        if row.sent_count and not include_sent:
            continue
        until = _date(state["snoozed"].get(row.id))
        snoozed = until if until is not None and until > today else None
        dismissed = state["dismissed"].get(row.id) == row.deadline.isoformat()
        rem = Reminder(row.id, row.title, row.deadline, left, row.sent_count, snoozed, dismissed)
        if rem.hidden and not include_hidden:
            continue
        out.append(rem)
    out.sort(key=lambda r: (r.deadline, r.title.casefold(), r.id))
    return out


def _prune(state: dict, store, today: _dt.date) -> dict:
    """Forget entries of deleted actions and expired snoozes, so the setting never grows."""
    live = {r.id: r for r in store.action_rows()}
    state["snoozed"] = {k: v for k, v in state["snoozed"].items()
                        if k in live and (_date(v) or today) > today}
    state["dismissed"] = {k: v for k, v in state["dismissed"].items()
                          if k in live and live[k].deadline is not None
                          and live[k].deadline.isoformat() == v}
    return state


def _require(store, action_id: str):
    if not store.has_action(action_id):
        raise NotFoundError(_("no action with id {id}").format(id=repr(action_id)))
    return next(r for r in store.action_rows() if r.id == action_id)


def _plus_days(day: _dt.date, days: int) -> _dt.date:
    """``day + days``, or the last representable date (never an OverflowError)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max


def snooze(store, action_id: str, today: _dt.date, days: int = 1) -> _dt.date:
    """"Remind me tomorrow": hide the reminder until ``today + days``; returns that date."""
    if days < 1:
        raise UserFacingError(_("snooze for at least one day, got {days}").format(days=days))
    _require(store, action_id)
    until = _plus_days(today, days)

    def change(raw):
        state = _prune(_state_from(raw), store, today)
        state["snoozed"][action_id] = until.isoformat()
        return state

    store.update_setting(SETTINGS_KEY, change, {})
    return until


def dismiss(store, action_id: str, today: _dt.date) -> None:
    """"Done": no more reminders for this action while its deadline stays the same."""
    row = _require(store, action_id)
    if row.deadline is None:
        raise UserFacingError(_("action {id} has no deadline to be reminded of").format(
            id=repr(action_id)))

    def change(raw):
        state = _prune(_state_from(raw), store, today)
        state["dismissed"][action_id] = row.deadline.isoformat()
        state["snoozed"].pop(action_id, None)
        return state

    store.update_setting(SETTINGS_KEY, change, {})


def restore(store, action_id: str, today: _dt.date) -> None:
    """Undo snooze and dismiss for one action."""
    _require(store, action_id)

    def change(raw):
        state = _prune(_state_from(raw), store, today)
        state["snoozed"].pop(action_id, None)
        state["dismissed"].pop(action_id, None)
        return state

    store.update_setting(SETTINGS_KEY, change, {})


# -- iCalendar ------------------------------------------------------------------------------------

def event_description(action) -> str:
    """Persons and recipients of an action, one per line, for the calendar event."""
    lines = []
    if action.persons:
        lines.append("Persons: " + ", ".join(p.name for p in action.persons))
    main = [r.label() for r in action.main_recipients() if not r.copies_only]
    copies = [r.label() for r in action.recipients if r.is_copy or r.copies_only]
    if main:
        lines.append("Write to: " + "; ".join(main))
    if copies:
        lines.append("Copies to: " + "; ".join(copies))
    refs = [x for x in (action.ua_number, action.index) if x]
    if refs:
        lines.append(" ".join(refs))
    return "\n".join(lines)


def deadlines_ics(store, today: _dt.date, *, now: _dt.datetime | None = None,
                  alarm_days: int = ALARM_DAYS_BEFORE) -> bytes:
    """An iCalendar (RFC 5545) file with one all-day event per open action (deadline >= today).

    ``now`` is the DTSTAMP (default: the current UTC time); pass it for reproducible output.
    """
    from icalendar import Alarm, Calendar, Event

    if now is None:
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Urgent Action deadlines")
    rows = sorted((r for r in store.action_rows(deadline_from=today) if r.status(today) == "open"),
                  key=lambda r: (r.deadline, r.id))
    for row in rows:
        action = store.get_action(row.id)
        ev = Event()
        ev.add("uid", f"{action.id}@{UID_DOMAIN}")
        ev.add("dtstamp", now)
        ev.add("dtstart", action.deadline)
        ev.add("dtend", action.deadline + _dt.timedelta(days=1))
        ev.add("summary", packs.printable(action.title, newlines=False))  # no ESC/RLO in calendars
        desc = event_description(action)
        if desc:
            ev.add("description", desc)
        ev.add("categories", ["Urgent Action"])
        ev.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Urgent Action deadline in {alarm_days} days: {action.title}")
        alarm.add("trigger", _dt.timedelta(days=-alarm_days))
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
