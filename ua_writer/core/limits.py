"""The dates an action may carry and "today" may be: deadlines plus reminders and calendar days
must stay valid dates. Apart from packs.py (which re-exports them) so that checking ``--today`` at
start-up does not import packs and the domain model (issue #16). No I/O, no Qt."""

from __future__ import annotations

import datetime as _dt

MIN_DATE = _dt.date(1900, 1, 1)
MAX_DATE = _dt.date(9000, 12, 31)
