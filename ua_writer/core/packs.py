"""Action packs: one UTF-8 JSON file per action, format ``ua-writer/action@1`` <-> model.Action.

Validation is strict (unknown keys are errors) and every error names the file, the field path and
the problem (PackError). Nothing here touches the store or Qt; dumping an Action gives back exactly
the pack format, key order included, so ``show --json`` round-trips through ``import``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from pathlib import Path
from typing import Any

from ua_writer.core.errors import PackError
from ua_writer.core.i18n import _
# the dates an action may carry: MIN_DATE, MAX_DATE (packs.MIN_DATE as before)
from ua_writer.core.limits import MAX_DATE, MIN_DATE
from ua_writer.core.model import Action, LocalizedRecipient, Person, Recipient

FORMAT = "ua-writer/action@1"
# \Z, not $: "$" also matches before a trailing newline ("juraev-2011\n" was an id; issue #16)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LANG_RE = re.compile(r"^[a-z]{2,3}\Z")
COUNTRY_RE = re.compile(r"^[A-Z]{2}\Z")
MAX_PACK_BYTES = 5 * 1024 * 1024
#: an id is part of file names (letter --to all, pack-export): well under any file-name limit
MAX_ID_CHARS = 100
#: the longest text a letter template can take as one value (letter_templates.MAX_VALUE): a
#: field that goes into letters may not be longer; background, notes and source are not capped
MAX_LETTER_TEXT = 20_000

ACTION_KEYS = (
    "format", "id", "ua_number", "index", "title", "country", "issue_date", "deadline",
    "languages", "persons", "summary", "background", "appeals", "recipients", "notes", "source",
    "localized",
)
PERSON_KEYS = ("name", "gender", "names", "forms")
RECIPIENT_KEYS = (
    "id", "name", "title", "organization", "address_lines", "country", "fax", "email",
    "salutation", "gender", "is_copy", "note", "copies_only", "localized",
)
LOCAL_RECIPIENT_KEYS = ("name", "title", "organization", "address_lines", "salutation", "note", "forms")
ACTION_LOCAL_KEYS = ("title", "subject", "summary", "background", "notes")


#: characters that must never reach a terminal, a file name or a calendar as they are: C0/C1
#: controls (ESC starts terminal escape sequences, NUL ends C strings) and the Unicode
#: bidirectional overrides and isolates that make text display in another order than it reads
_UNPRINTABLE = ("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                "\u2066-\u2069\ud800-\udfff]")


#: what a pack's text may not contain: _UNPRINTABLE but tab, newline and carriage return
_FORBIDDEN = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
              "\ud800-\udfff]")


@functools.cache
def _regex(pattern: str) -> re.Pattern:
    """``pattern`` compiled, on its first use: a class reaching into the surrogates takes ~4 M
    instructions to compile, which the GUI's start-up (this module comes with the store) need
    not pay (issue #16)."""
    return re.compile(pattern)


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text (see _FORBIDDEN), in words; None if it can."""
    m = _regex(_FORBIDDEN).search(value)
    if m is None:
        return None
    if "\udc80" <= m.group() <= "\udcff":  # how Python carries bytes that were not UTF-8
        return _("contains bytes that are not UTF-8 text at position {pos}").format(pos=m.start() + 1)
    return _("contains the control character U+{code:04X} at position {pos}; remove it").format(
        code=ord(m.group()), pos=m.start() + 1)


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` with every control, bidi-override and lone-surrogate character shown as an
    escape (``\\x1b``, ``\\u202e``) so that it can be printed, logged or written into a file
    name or an ``.ics`` line as what it is. ``newlines=False`` escapes newlines and tabs too."""
    def esc(m: re.Match) -> str:
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    out = _regex(_UNPRINTABLE).sub(esc, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return out


class _V:
    """Validation helpers bound to a source name, raising PackError with a field path."""

    def __init__(self, source: str | None):
        self.source = source

    def fail(self, field: str, problem: str) -> None:
        raise PackError(problem, source=self.source, field=field)

    def obj(self, value: Any, field: str, keys: tuple[str, ...], required: tuple[str, ...] = ()):
        if not isinstance(value, dict):
            self.fail(field, _("expected an object, got {kind}").format(kind=_kind(value)))
        unknown = [k for k in value if k not in keys]
        if unknown:
            self.fail(f"{field}.{unknown[0]}" if field else unknown[0],
                      _("unknown key (allowed: {keys})").format(keys=", ".join(keys)))
        for k in required:
            if value.get(k) in (None, ""):
                self.fail(f"{field}.{k}" if field else k, _("is required"))
        return value

    def text(self, value: Any, field: str, *, required: bool = False,
             limit: int | None = MAX_LETTER_TEXT) -> str | None:
        if value is None:
            if required:
                self.fail(field, _("is required"))
            return None
        if not isinstance(value, str):
            self.fail(field, _("expected a string, got {kind}").format(kind=_kind(value)))
        if required and not value.strip():
            self.fail(field, _("must not be empty"))
        if limit is not None and len(value) > limit:
            # said here, naming the field: a letter template would refuse it and seem to blame
            # the (built-in) template itself
            self.fail(field, _("is {n} characters long; a letter can take at most {max}").format(
                n=len(value), max=limit))
        self.clean(value, field)
        return value

    def clean(self, value: str, field: str) -> None:
        """No control characters (ESC, NUL, …; tabs and newlines are fine), no bidirectional
        overrides (a title that displays reversed) and no lone surrogates (not text at all):
        they would reach the terminal, the .ics file and file names."""
        problem = text_problem(value)
        if problem:
            self.fail(field, problem)

    def texts(self, value: Any, field: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(field, _("expected a list of strings, got {kind}").format(kind=_kind(value)))
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(f"{field}[{i}]", _("expected a string, got {kind}").format(kind=_kind(item)))
            self.clean(item, f"{field}[{i}]")
            if len(item) > MAX_LETTER_TEXT:
                self.fail(f"{field}[{i}]", _("is {n} characters long; a letter can take at most "
                                             "{max}").format(n=len(item), max=MAX_LETTER_TEXT))
        return list(value)

    def text_map(self, value: Any, field: str) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(field, _("expected an object, got {kind}").format(kind=_kind(value)))
        for k, v in value.items():
            self.lang(k, f"{field}.{k}")
            self.text(v, f"{field}.{k}", required=True)
        return dict(value)

    def date(self, value: Any, field: str) -> _dt.date | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(field, _("expected an ISO date string YYYY-MM-DD, got {kind}").format(
                kind=_kind(value)))
        try:
            day = _dt.date.fromisoformat(value)
        except ValueError:
            self.fail(field, _("not a valid ISO date (YYYY-MM-DD): {value}").format(
                value=repr(value)[:60]))
        if not MIN_DATE <= day <= MAX_DATE:  # reminders and calendars add days to it
            self.fail(field, _("{value} is outside {first} to {last}").format(
                value=value, first=MIN_DATE.isoformat(), last=MAX_DATE.isoformat()))
        return day

    def gender(self, value: Any, field: str):
        if value not in (None, "m", "f"):
            self.fail(field, _('must be "m", "f" or null, got {value}').format(value=repr(value)))
        return value

    def lang(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not LANG_RE.match(value):
            self.fail(field, _("not an ISO 639-1 language code: {value}").format(value=repr(value)))
        return value

    def country(self, value: Any, field: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not COUNTRY_RE.match(value):
            self.fail(field, _('not an ISO 3166 alpha-2 country code (e.g. "RU"): {value}').format(
                value=repr(value)))
        return value

    def boolean(self, value: Any, field: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(field, _("expected true or false, got {kind}").format(kind=_kind(value)))
        return value

    def slug(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.fail(field, _("must be a slug of a-z, 0-9 and single hyphens, got {value}").format(
                value=repr(value)[:120]))
        if len(value) > MAX_ID_CHARS:  # it becomes part of file names
            self.fail(field, _("is {n} characters long; at most {max}").format(
                n=len(value), max=MAX_ID_CHARS))
        return value


def _kind(value: Any) -> str:
    """What a JSON value is, in words ("null" and Python type names stay as they are)."""
    return {dict: _("an object"), list: _("a list"), str: _("a string"), bool: _("a boolean"),
            int: _("a number"), float: _("a number"), type(None): "null"}.get(type(value),
                                                                              type(value).__name__)


# -- loading ------------------------------------------------------------------------------------

def action_from_dict(data: Any, source: str | None = None) -> Action:
    """Validate a decoded pack and build an Action. Raises PackError naming field and problem."""
    v = _V(source)
    v.obj(data, "", ACTION_KEYS, required=("format", "id", "title"))
    if data["format"] != FORMAT:
        v.fail("format", _("unsupported format {found} (expected {expected})").format(
            found=repr(data["format"]), expected=repr(FORMAT)))
    action_id = v.slug(data["id"], "id")
    title = v.text(data["title"], "title", required=True)

    languages = v.texts(data.get("languages"), "languages")
    for i, lang in enumerate(languages):
        v.lang(lang, f"languages[{i}]")

    persons = []
    raw_persons = data.get("persons")
    raw_persons = [] if raw_persons is None else raw_persons
    if not isinstance(raw_persons, list):
        v.fail("persons", _("expected a list, got {kind}").format(kind=_kind(raw_persons)))
    for i, p in enumerate(raw_persons):
        f = f"persons[{i}]"
        v.obj(p, f, PERSON_KEYS, required=("name",))
        persons.append(Person(
            name=v.text(p["name"], f"{f}.name", required=True),
            gender=v.gender(p.get("gender"), f"{f}.gender"),
            names=v.text_map(p.get("names"), f"{f}.names"),
            forms=_forms(v, p.get("forms"), f"{f}.forms"),
        ))

    appeals: dict[str, list[str]] = {}
    raw_appeals = data.get("appeals")
    raw_appeals = {} if raw_appeals is None else raw_appeals
    if not isinstance(raw_appeals, dict):
        v.fail("appeals", _("expected an object of language -> list of points, got {kind}").format(
            kind=_kind(raw_appeals)))
    for lang, points in raw_appeals.items():
        v.lang(lang, f"appeals.{lang}")
        appeals[lang] = v.texts(points, f"appeals.{lang}")

    recipients = []
    raw_recipients = data.get("recipients")
    raw_recipients = [] if raw_recipients is None else raw_recipients
    if not isinstance(raw_recipients, list):
        v.fail("recipients", _("expected a list, got {kind}").format(kind=_kind(raw_recipients)))
    seen: set[str] = set()
    for i, r in enumerate(raw_recipients):
        rec = recipient_from_dict(r, source=source, field=f"recipients[{i}]")
        if rec.id in seen:
            v.fail(f"recipients[{i}].id", _("duplicate recipient id {id}").format(id=repr(rec.id)))
        seen.add(rec.id)
        recipients.append(rec)

    localized: dict[str, dict[str, str]] = {}
    raw_local = data.get("localized")
    raw_local = {} if raw_local is None else raw_local
    if not isinstance(raw_local, dict):
        v.fail("localized", _("expected an object, got {kind}").format(kind=_kind(raw_local)))
    for lang, fields in raw_local.items():
        f = f"localized.{lang}"
        v.lang(lang, f)
        v.obj(fields, f, ACTION_LOCAL_KEYS)
        localized[lang] = {k: v.text(val, f"{f}.{k}",
                                     limit=MAX_LETTER_TEXT if k in ("title", "summary") else None)
                           for k, val in fields.items() if val is not None}

    return Action(
        id=action_id,
        title=title,
        ua_number=v.text(data.get("ua_number"), "ua_number"),
        index=v.text(data.get("index"), "index"),
        country=v.country(data.get("country"), "country"),
        issue_date=v.date(data.get("issue_date"), "issue_date"),
        deadline=v.date(data.get("deadline"), "deadline"),
        languages=languages,
        persons=persons,
        summary=v.text(data.get("summary"), "summary"),
        background=v.text(data.get("background"), "background", limit=None),
        appeals=appeals,
        recipients=recipients,
        notes=v.text(data.get("notes"), "notes", limit=None),
        source=v.text(data.get("source"), "source", limit=None),
        localized=localized,
    )


def recipient_from_dict(r: Any, source: str | None = None, field: str = "recipient") -> Recipient:
    v = _V(source)
    f = field
    v.obj(r, f, RECIPIENT_KEYS, required=("id",))
    local: dict[str, LocalizedRecipient] = {}
    raw_local = r.get("localized") or {}
    if not isinstance(raw_local, dict):
        v.fail(f"{f}.localized", _("expected an object, got {kind}").format(kind=_kind(raw_local)))
    for lang, lr in raw_local.items():
        lf = f"{f}.localized.{lang}"
        v.lang(lang, lf)
        v.obj(lr, lf, LOCAL_RECIPIENT_KEYS)
        forms = lr.get("forms") or {}
        if not isinstance(forms, dict):
            v.fail(f"{lf}.forms", _("expected an object, got {kind}").format(kind=_kind(forms)))
        for k, val in forms.items():
            v.text(val, f"{lf}.forms.{k}", required=True)
        lines = lr.get("address_lines")
        local[lang] = LocalizedRecipient(
            name=v.text(lr.get("name"), f"{lf}.name"),
            title=v.text(lr.get("title"), f"{lf}.title"),
            organization=v.text(lr.get("organization"), f"{lf}.organization"),
            address_lines=None if lines is None else v.texts(lines, f"{lf}.address_lines"),
            salutation=v.text(lr.get("salutation"), f"{lf}.salutation"),
            note=v.text(lr.get("note"), f"{lf}.note"),
            forms=dict(forms),
        )
    return Recipient(
        id=v.slug(r["id"], f"{f}.id"),
        name=v.text(r.get("name"), f"{f}.name"),
        title=v.text(r.get("title"), f"{f}.title"),
        organization=v.text(r.get("organization"), f"{f}.organization"),
        address_lines=v.texts(r.get("address_lines"), f"{f}.address_lines"),
        country=v.country(r.get("country"), f"{f}.country"),
        fax=v.texts(r.get("fax"), f"{f}.fax"),
        email=v.texts(r.get("email"), f"{f}.email"),
        salutation=v.text(r.get("salutation"), f"{f}.salutation"),
        gender=v.gender(r.get("gender"), f"{f}.gender"),
        is_copy=v.boolean(r.get("is_copy"), f"{f}.is_copy"),
        note=v.text(r.get("note"), f"{f}.note"),
        copies_only=v.boolean(r.get("copies_only"), f"{f}.copies_only"),
        localized=local,
    )


def _forms(v: _V, value: Any, field: str) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        v.fail(field, _("expected an object of language -> {shape}, got {kind}").format(
            shape="{case: form}", kind=_kind(value)))
    out: dict[str, dict[str, str]] = {}
    for lang, cases in value.items():
        v.lang(lang, f"{field}.{lang}")
        if not isinstance(cases, dict):
            v.fail(f"{field}.{lang}", _("expected an object, got {kind}").format(kind=_kind(cases)))
        for k, val in cases.items():
            v.text(val, f"{field}.{lang}.{k}", required=True)
        out[lang] = dict(cases)
    return out


def loads(text: str, source: str | None = None) -> Action:
    """Parse pack JSON text. Raises PackError (with line/column for syntax errors)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise PackError(_("not valid JSON (line {line}, column {column}: {error})").format(
            line=e.lineno, column=e.colno, error=e.msg), source=source) from None
    except RecursionError:
        raise PackError(_("JSON nested too deeply"), source=source) from None
    except ValueError as e:  # e.g. an integer of more than 4,300 digits (int's own limit)
        raise PackError(_("not valid JSON ({error})").format(error=str(e).split(";")[0]),
                        source=source) from None
    action = action_from_dict(data, source=source)
    check_size(action, source)
    return action


def check_size(action: Action, source: str | None = None) -> str:
    """One size rule both ways: the pack as ua-writer writes it (``dumps``: indented) must fit
    MAX_PACK_BYTES, so whatever is imported can be exported and imported again. Returns the
    text. (A compact 4.4 MB file used to import, export as 12 MB and then be refused.)"""
    text = dumps(action)
    size = len(text.encode("utf-8"))
    if size > MAX_PACK_BYTES:
        raise PackError(_("the action is too large: written out it takes {size} MB, the limit for "
                          "an action pack is {limit} MB").format(
                              size=round(size / 1024 / 1024, 1), limit=MAX_PACK_BYTES // 1024 // 1024),
                        source=source)
    return text


def load(path: str | Path) -> Action:
    """Read and validate one pack file."""
    p = Path(path)
    name = str(p)
    try:
        if p.stat().st_size > MAX_PACK_BYTES:
            raise PackError(_("file is too large for an action pack (> {size} MB)").format(
                size=MAX_PACK_BYTES // 1024 // 1024), source=name)
        raw = p.read_bytes()
    except FileNotFoundError:
        raise PackError(_("file not found"), source=name) from None
    except IsADirectoryError:
        raise PackError(_("is a folder, not a file"), source=name) from None
    except PermissionError:
        raise PackError(_("permission denied"), source=name) from None
    except OSError as e:
        raise PackError(_("cannot read file ({error})").format(error=e.strerror), source=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PackError(_("not UTF-8 text (byte {offset})").format(offset=e.start), source=name) from None
    return loads(text, source=name)


# -- dumping ------------------------------------------------------------------------------------

def action_to_dict(a: Action) -> dict[str, Any]:
    """The pack format, keys in canonical order."""
    d: dict[str, Any] = {
        "format": FORMAT,
        "id": a.id,
        "ua_number": a.ua_number,
        "index": a.index,
        "title": a.title,
        "country": a.country,
        "issue_date": a.issue_date.isoformat() if a.issue_date else None,
        "deadline": a.deadline.isoformat() if a.deadline else None,
        "languages": list(a.languages),
        "persons": [_person_to_dict(p) for p in a.persons],
        "summary": a.summary,
        "background": a.background,
        "appeals": {k: list(v) for k, v in a.appeals.items()},
        "recipients": [recipient_to_dict(r) for r in a.recipients],
        "notes": a.notes,
        "source": a.source,
    }
    if a.localized:
        d["localized"] = {k: dict(v) for k, v in a.localized.items()}
    return d


def _person_to_dict(p: Person) -> dict[str, Any]:
    d: dict[str, Any] = {"name": p.name, "gender": p.gender, "names": dict(p.names)}
    if p.forms:
        d["forms"] = {k: dict(v) for k, v in p.forms.items()}
    return d


def recipient_to_dict(r: Recipient) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": r.id, "name": r.name, "title": r.title,
    }
    if r.organization is not None:
        d["organization"] = r.organization
    d.update({
        "address_lines": list(r.address_lines), "country": r.country,
        "fax": list(r.fax), "email": list(r.email), "salutation": r.salutation,
        "gender": r.gender, "is_copy": r.is_copy, "note": r.note,
    })
    if r.copies_only:
        d["copies_only"] = True
    if r.localized:
        d["localized"] = {}
        for lang, lr in r.localized.items():
            ld: dict[str, Any] = {}
            for k in ("name", "title", "organization", "address_lines", "salutation", "note"):
                val = getattr(lr, k)
                if val is not None:
                    ld[k] = list(val) if isinstance(val, list) else val
            if lr.forms:
                ld["forms"] = dict(lr.forms)
            d["localized"][lang] = ld
    return d


def dumps(a: Action) -> str:
    """Pack JSON text: UTF-8, human-readable, stable, ending with a newline."""
    return json.dumps(action_to_dict(a), ensure_ascii=False, indent=2) + "\n"
