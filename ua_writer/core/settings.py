"""The preferences, declared once: key, type, default, label, allowed values (in the spirit of
Picard's options). The store's defaults (``DEFAULT_PREFS``), the Preferences dialog, the CLI's
fall-backs and every reader take them from here; nothing restates a default.

``SETTINGS`` is the table; ``default(key)``, ``check(key, value)`` (the value, coerced to the
declared type, or UserFacingError naming the allowed values) and ``get(prefs, key)`` (a stored
value, or the default when it is missing or no longer valid). ``user=True`` marks the ones the
Preferences dialog shows. Labels are translated when asked for (``label()``). No Qt, no I/O.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from ua_writer.core.errors import UserFacingError
from ua_writer.core.i18n import _


class Setting(NamedTuple):  # (not a frozen dataclass: ~5 M instructions less at start-up, issue #16)
    key: str
    type: type                      # str, int or float (a None default means "not set")
    default: object
    label: Callable[[], str]        # translated when called
    choices: tuple = ()             # allowed values (None among them: "not set"), () = any
    minimum: float | None = None
    maximum: float | None = None
    #: shown in the Preferences dialog (others are remembered for the user, e.g. the last folder)
    user: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("ui_language", str, None, lambda: _("Interface language"), choices=(None, "en", "ru"),
            user=True),
    Setting("page_size", str, "a4", lambda: _("Paper size"), choices=("a4", "letter"), user=True),
    # "auto": where the envelopes of the sender's country have it (lang.window_side_for: right
    # in France, Switzerland, Belgium…, left (DIN 5008) elsewhere)
    Setting("window_side", str, "auto", lambda: _("Envelope window"),
            choices=("auto", "left", "right"), user=True),
    Setting("remind_days", int, 7, lambda: _("Remind me of deadlines"), minimum=0, maximum=365,
            user=True),
    Setting("export_dir", str, None, lambda: _("Export folder")),
    Setting("label_sheet", str, "3x7", lambda: _("Label sheet"), choices=("3x7", "2x7")),
    # printer calibration for labels (+ moves right / down); export/labels.py checks the range
    Setting("label_offset_x_mm", float, 0.0, lambda: _("Label offset right (mm)")),
    Setting("label_offset_y_mm", float, 0.0, lambda: _("Label offset down (mm)")),
)
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
#: what the store returns for a preference never set
DEFAULT_PREFS: dict[str, object] = {s.key: s.default for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise UserFacingError(_("unknown preference {key}; known: {known}").format(
            key=repr(key), known=", ".join(BY_KEY))) from None


def default(key: str):
    return setting(key).default


def check(key: str, value):
    """``value`` coerced to ``key``'s type; UserFacingError if it is not allowed."""
    s = setting(key)
    if value is None or value == "":
        if s.default is None or None in s.choices:
            return None
        raise UserFacingError(_("{key} needs a value").format(key=key))
    try:
        value = s.type(value)
    except (TypeError, ValueError):
        raise UserFacingError(_("{key}: {value} is not a valid value").format(
            key=key, value=repr(value))) from None
    if s.choices and value not in s.choices:
        raise UserFacingError(_("{key}: {value} is not one of {choices}").format(
            key=key, value=repr(value), choices=", ".join(str(c) for c in s.choices if c is not None)))
    if (s.minimum is not None and value < s.minimum) or (s.maximum is not None and value > s.maximum):
        raise UserFacingError(_("{key}: {value} is outside {minimum}…{maximum}").format(
            key=key, value=value, minimum=s.minimum, maximum=s.maximum))
    return value


def get(prefs: dict, key: str):
    """The value of ``key`` in ``prefs`` (a store's ``prefs()``), or its default when missing
    or not valid any more."""
    try:
        return check(key, prefs.get(key, default(key)))
    except UserFacingError:
        return default(key)
