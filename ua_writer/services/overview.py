"""The overview across actions: every letter drafted or sent, and the open deadlines coming up
(the GUI's Letters overview; rows any front end can show), plus when one letter went out.

Qt-free; imports core only. Reads the store; writes nothing.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ua_writer.core.model import SentRecord

#: an open action whose deadline is at most this many days away is listed as coming up
HORIZON_DAYS = 60

KINDS = ("deadline", "draft", "sent")


@dataclass(frozen=True)
class OverviewRow:
    kind: str  # one of KINDS
    action_id: str
    title: str
    #: the letter's recipient and language (None for a deadline row: the action's default letter)
    recipient_id: str | None
    language: str | None
    #: the deadline, the day the draft was last saved (local time) or the day it was sent
    when: _dt.date | None
    channel: str | None = None  # sent rows: post, fax, email
    deadline: _dt.date | None = None

    def days_left(self, today: _dt.date) -> int | None:
        return None if self.deadline is None else (self.deadline - today).days


def _local_day(stamp: str) -> _dt.date | None:
    try:
        when = _dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.date()


def letters_overview(store, today: _dt.date, *, horizon: int = HORIZON_DAYS,
                     titles: dict[str, str] | None = None) -> list[OverviewRow]:
    """Deadlines within ``horizon`` days (nearest first) of open actions with no letter sent yet,
    then drafts and sent letters, newest first. ``titles``: action id -> title to show (e.g. the
    UI language's); else the pack's title."""
    rows = {r.id: r for r in store.action_rows()}
    titles = titles or {}

    def title(aid: str) -> str:
        return titles.get(aid) or (rows[aid].title if aid in rows else aid)

    sent = store.sent()
    sent_actions = {s.action_id for s in sent}
    out: list[OverviewRow] = []
    for r in sorted(rows.values(), key=lambda r: (r.deadline or _dt.date.max, r.title.casefold())):
        days = r.days_left(today)
        if days is not None and 0 <= days <= horizon and r.id not in sent_actions:
            out.append(OverviewRow("deadline", r.id, title(r.id), None, None, r.deadline,
                                   deadline=r.deadline))
    letters: list[OverviewRow] = []
    for d in store.drafts():
        if d.action_id in rows:
            letters.append(OverviewRow("draft", d.action_id, title(d.action_id), d.recipient_id,
                                       d.language, _local_day(d.updated_at),
                                       deadline=rows[d.action_id].deadline))
    for s in sent:
        if s.action_id in rows:
            letters.append(OverviewRow("sent", s.action_id, title(s.action_id), s.recipient_id,
                                       s.language, s.sent_on, s.channel,
                                       deadline=rows[s.action_id].deadline))
    letters.sort(key=lambda r: (r.when or _dt.date.min), reverse=True)
    return out + letters


def last_sent(store, action_id: str, language: str, recipient_id: str) -> SentRecord | None:
    """The latest record of this letter going out, or None (arguments in the order of a draft's
    key: action, language, recipient)."""
    same = [s for s in store.sent(action_id)
            if s.recipient_id == recipient_id and s.language == language]
    return same[-1] if same else None
