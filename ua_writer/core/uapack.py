"""Group packs (``.uapack``): a set of actions plus the group's template overrides in one zip file.

Layout (format ``ua-writer/uapack``, version 1)::

    manifest.json              {"format", "version", "created", "generator", "actions": [ids],
                                "files": {"<path>": {"sha256": hex, "size": bytes}}}
    actions/<id>.json          one action pack each (packs.py format ``ua-writer/action@1``)
    templates/<lang>/<name>    the exporter's ``<data dir>/templates/`` overrides, if any

Import is two steps: :func:`read_pack` checks *everything* first — zip-slip and odd paths, symlink
and encrypted entries, entry count, sizes and compression ratio (zip bombs), the manifest's format
and version, every file's SHA-256 and size, every action's validity — and returns an
:class:`ImportPlan` saying what is new, what changed and what would be overwritten;
:func:`apply_plan` then writes the actions in ONE store transaction and the templates via temp
file + rename. Any bad entry means nothing is applied. A changed action and any template (a new
one too: it rewrites every letter in its language) need explicit consent; the plan carries a
unified diff of each against what is in use now. Qt-free; must not import PySide6.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import re
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from ua_writer.core import packs, zipcheck
from ua_writer.core.atomic import atomic_write_bytes
from ua_writer.core.errors import PackError, UserFacingError
from ua_writer.core.i18n import _, ngettext, pgettext
from ua_writer.core.model import Action

FORMAT = "ua-writer/uapack"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
SUFFIX = ".uapack"
MANIFEST = "manifest.json"

#: limits that keep a hostile or broken file from filling the disk or memory
MAX_ARCHIVE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_ENTRY_BYTES = packs.MAX_PACK_BYTES          # 5 MB: as for a single action pack
MAX_TOTAL_BYTES = 64 * 1024 * 1024
#: a deflated JSON/Jinja file compresses ~5-20x; anything far beyond is a bomb, not a letter
MAX_RATIO = 100
RATIO_MIN_BYTES = 64 * 1024                     # tiny entries may compress absurdly well: fine
#: one path component of a template: no dot files, no separators, nothing exotic
_PART_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}$")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

Status = Literal["new", "changed", "unchanged"]


class UapackError(UserFacingError):
    """A group pack that cannot be written or read; the message names the file and the problem."""


@dataclass
class ExportSummary:
    path: Path
    actions: list[str]
    templates: list[str]
    bytes_written: int


@dataclass
class PlanItem:
    """One entry of an import: an action (``name`` = id) or a template (``name`` = path)."""

    kind: Literal["action", "template"]
    name: str
    status: Status
    title: str = ""
    #: for changed actions: the top-level pack fields that differ (e.g. ["deadline", "recipients"])
    changes: list[str] = field(default_factory=list)
    #: what exactly differs inside such a field, e.g. {"recipients": ["prosecutor-general: fax"],
    #: "appeals": ["ru"]}: a fax number that changed is named, not just "recipients"
    details: dict[str, list[str]] = field(default_factory=dict)
    #: for items that need consent: a unified diff of what is here now against the pack's version
    #: (a new template is compared with the template letters use today, usually the built-in one)
    diff: list[str] = field(default_factory=list)

    @property
    def needs_consent(self) -> bool:
        """A changed action, or any template the pack would install or change: every letter of
        every action would read differently, so the user must see it and say yes."""
        return self.status == "changed" or (self.kind == "template" and self.status == "new")

    def status_label(self) -> str:
        """"new", "changed" or "unchanged" in the UI language (Russian agrees with акция/шаблон)."""
        if self.kind == "action":
            labels = {"new": pgettext("action in a group pack", "new"),
                      "changed": pgettext("action in a group pack", "changed"),
                      "unchanged": pgettext("action in a group pack", "unchanged")}
        else:
            labels = {"new": pgettext("template in a group pack", "new"),
                      "changed": pgettext("template in a group pack", "changed"),
                      "unchanged": pgettext("template in a group pack", "unchanged")}
        return labels.get(self.status, self.status)

    def change_labels(self) -> list[str]:
        """The fields a changed action differs in, as words in the UI language, each with what
        differs inside it: ``recipients (prosecutor-general: fax)``."""
        out = []
        for key in self.changes:
            label = field_label(key)
            if self.details.get(key):
                label = f"{label} ({'; '.join(self.details[key])})"
            out.append(label)
        return out

    def describe(self) -> str:
        """One line of the plan in the UI language; in English (the CLI's pack-import) e.g.
        ``changed  action juraev-2011: Title (differs in deadline) — would overwrite yours``."""
        what = (_("action {name}") if self.kind == "action" else _("template {name}")).format(
            name=self.name)
        if self.title:
            what += f": {self.title}"
        if self.status == "changed":
            if self.changes:
                what = _("{item} (differs in {fields})").format(
                    item=what, fields=", ".join(self.change_labels()))
            what = _("{item} — would overwrite yours").format(item=what)
        return f"{self.status_label():8} {what}"


def field_label(key: str) -> str:
    """A top-level pack field as the plan names it: in English the key itself (so the CLI's plan
    reads as it always did), in other UI languages a plain word ("deadline" -> "крайний срок").
    Unknown keys are returned as they are."""
    labels = {
        "format": pgettext("pack field", "format"),
        "id": pgettext("pack field", "id"),
        "ua_number": pgettext("pack field", "ua_number"),
        "index": pgettext("pack field", "index"),
        "title": pgettext("pack field", "title"),
        "country": pgettext("pack field", "country"),
        "issue_date": pgettext("pack field", "issue_date"),
        "deadline": pgettext("pack field", "deadline"),
        "languages": pgettext("pack field", "languages"),
        "persons": pgettext("pack field", "persons"),
        "summary": pgettext("pack field", "summary"),
        "background": pgettext("pack field", "background"),
        "appeals": pgettext("pack field", "appeals"),
        "recipients": pgettext("pack field", "recipients"),
        "notes": pgettext("pack field", "notes"),
        "source": pgettext("pack field", "source"),
        "localized": pgettext("pack field", "localized"),
        # inside a recipient
        "name": pgettext("pack field", "name"),
        "organization": pgettext("pack field", "organization"),
        "address_lines": pgettext("pack field", "address_lines"),
        "fax": pgettext("pack field", "fax"),
        "email": pgettext("pack field", "email"),
        "salutation": pgettext("pack field", "salutation"),
        "gender": pgettext("pack field", "gender"),
        "is_copy": pgettext("pack field", "is_copy"),
        "note": pgettext("pack field", "note"),
        "copies_only": pgettext("pack field", "copies_only"),
    }
    return labels.get(key, key)


@dataclass
class ImportPlan:
    """What importing a pack would do. Built by :func:`read_pack`; nothing is written yet."""

    source: Path
    version: int
    items: list[PlanItem]
    actions: dict[str, Action] = field(repr=False, default_factory=dict)
    templates: dict[str, bytes] = field(repr=False, default_factory=dict)

    def _with(self, status: str) -> list[PlanItem]:
        return [i for i in self.items if i.status == status]

    @property
    def new(self) -> list[PlanItem]:
        return self._with("new")

    @property
    def changed(self) -> list[PlanItem]:
        return self._with("changed")

    @property
    def unchanged(self) -> list[PlanItem]:
        return self._with("unchanged")

    @property
    def needs_consent(self) -> list[PlanItem]:
        """The items that are only applied with explicit consent (``apply_plan(overwrite=True)``,
        ``pack-import --yes``): see :attr:`PlanItem.needs_consent`."""
        return [i for i in self.items if i.needs_consent]

    def without_consent(self) -> "ImportPlan":
        """The same plan without the items that need consent (what may be applied on a "no")."""
        return ImportPlan(self.source, self.version, [i for i in self.items if not i.needs_consent],
                          self.actions, self.templates)

    @property
    def has_work(self) -> bool:
        return bool(self.new or self.changed)

    def consent_diff(self) -> list[str]:
        """What the user is asked to accept, as text lines: the unified diff of every item that
        needs consent, each after a blank line (a new template against the template letters use
        today, or in full as added lines when there is none). ``pack-import`` prints these lines
        and the GUI's import dialog shows them: one implementation for both front ends."""
        lines: list[str] = []
        for item in self.needs_consent:
            lines += [""] + item.diff
        return lines

    def lines(self) -> list[str]:
        return [i.describe() for i in self.items]


@dataclass
class ApplyResult:
    added: list[str]
    updated: list[str]
    templates: list[str]


# -- paths ----------------------------------------------------------------------------------------

def _template_dir(templates_dir: str | os.PathLike | None) -> Path:
    if templates_dir is not None:
        return Path(templates_dir)
    from ua_writer import paths

    return paths.user_templates_dir()


def _safe_template_path(rel: str) -> PurePosixPath | None:
    """A template path relative to the templates folder, or None if it is not a plain one."""
    if not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
        return None
    p = PurePosixPath(rel)
    if len(p.parts) > 3 or any(not _PART_RE.match(part) or part in (".", "..") for part in p.parts):
        return None
    return p


def _entry_name_problem(name: str) -> str | None:
    """Why a zip member name is unsafe (zip-slip, absolute, drive, odd characters), or None."""
    if not name:
        return _("empty name")
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return _("control characters in the name")
    if "\\" in name:
        return _("backslash in the name")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("absolute path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return _("path leaves the pack ('..' or empty component)")
    return None


# -- export ---------------------------------------------------------------------------------------

def _template_files(folder: Path) -> dict[str, bytes]:
    """Regular, non-hidden files under the user templates folder (symlinks are not followed)."""
    out: dict[str, bytes] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink() or not path.is_file() or any(p.startswith(".") for p in rel.split("/")):
            continue
        if rel.endswith((".part", "~")):
            continue
        if _safe_template_path(rel) is None:
            raise UapackError(_("cannot pack the template {path}: use plain names like "
                                "ru/letter.j2").format(path=path))
        if path.stat().st_size > MAX_ENTRY_BYTES:
            raise UapackError(_("cannot pack the template {path}: it is larger than {size} MB").format(
                path=path, size=MAX_ENTRY_BYTES // 1024 // 1024))
        out[rel] = path.read_bytes()
    return out


def build_pack(actions: list[Action], templates: dict[str, bytes], *,
               now: _dt.datetime | None = None) -> bytes:
    """The bytes of a .uapack holding ``actions`` and ``templates`` (relative path -> content)."""
    from ua_writer import __version__

    if now is None:
        now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    files: dict[str, bytes] = {}
    for a in actions:
        files[f"actions/{a.id}.json"] = packs.dumps(a).encode("utf-8")
    for rel, data in sorted(templates.items()):
        files[f"templates/{rel}"] = data
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": now.isoformat().replace("+00:00", "Z"),
        "generator": f"ua-writer {__version__}",
        "actions": [a.id for a in actions],
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                  for name, data in files.items()},
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
                            .encode("utf-8"))] + list(files.items()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
    return buf.getvalue()


def export_pack(store, action_ids: list[str], path: str | os.PathLike, *,
                templates_dir: str | os.PathLike | None = None, include_templates: bool = True,
                now: _dt.datetime | None = None) -> ExportSummary:
    """Write the actions ``action_ids`` (and the user's template overrides) to ``path``."""
    if not action_ids:
        raise UapackError(_("name at least one action to pack"))
    seen: set[str] = set()
    actions = []
    for aid in action_ids:
        if aid in seen:
            continue
        seen.add(aid)
        actions.append(store.get_action(aid, with_address_book=False))  # NotFoundError names it
    templates = _template_files(_template_dir(templates_dir)) if include_templates else {}
    data = build_pack(actions, templates, now=now)
    target = Path(path)
    atomic_write_bytes(target, data, 0o600)  # private, as every export (README)
    return ExportSummary(target, [a.id for a in actions], sorted(templates), len(data))


# -- import: read and check everything ------------------------------------------------------------

def _shown(name: str, limit: int = 80, *, quoted: bool = True) -> str:
    """A bundle's entry name as an error shows it: control characters escaped (in quotes, or
    without them), and a name of thousands of characters cut to ``limit`` (the message stays
    one readable line)."""
    text = repr(name) if quoted else repr(name)[1:-1]
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _fail(source: Path, problem: str) -> UapackError:
    return UapackError(_("{source}: {problem}; nothing was imported").format(
        source=source, problem=problem))


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path) -> bytes:
    """Read one member, never more than its declared size (a lying header cannot flood memory)."""
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as e:
        raise _fail(source, _("{name} cannot be read ({error})").format(
            name=_shown(info.filename), error=e)) from None
    if len(data) != info.file_size:
        raise _fail(source, _("{name} is not the size its header says").format(name=_shown(info.filename)))
    return data


def _check_members(zf: zipfile.ZipFile, source: Path) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _fail(source, _("too many entries ({count} > {max})").format(
            count=len(infos), max=MAX_ENTRIES))
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        problem = _entry_name_problem(name)
        if problem:
            raise _fail(source, _("unsafe entry {name}: {problem}").format(
                name=_shown(name), problem=problem))
        if name.endswith("/"):
            continue  # a folder entry: nothing to extract
        mode = info.external_attr >> 16
        if stat.S_IFMT(mode) == stat.S_IFLNK:
            raise _fail(source, _("entry {name} is a symbolic link").format(name=_shown(name)))
        if info.flag_bits & 0x1:
            raise _fail(source, _("entry {name} is encrypted").format(name=_shown(name)))
        if name.casefold() in folded:
            raise _fail(source, _("entry {name} appears twice").format(name=_shown(name)))
        folded.add(name.casefold())
        if info.file_size > MAX_ENTRY_BYTES:
            raise _fail(source, _("entry {name} is too large ({size} bytes > {max} bytes)").format(
                name=_shown(name), size=info.file_size, max=MAX_ENTRY_BYTES))
        if (info.file_size > RATIO_MIN_BYTES
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise _fail(source, _("entry {name} expands {ratio}-fold (a zip bomb?)").format(
                name=_shown(name), ratio=info.file_size // max(info.compress_size, 1)))
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _fail(source, _("the pack expands to more than {size} MB").format(
                size=MAX_TOTAL_BYTES // 1024 // 1024))
        members[name] = info
    return members


def _manifest(zf, members, source: Path) -> dict:
    if MANIFEST not in members:
        raise _fail(source, _("no manifest.json: not a ua-writer group pack"))
    raw = _read_entry(zf, members[MANIFEST], source)
    try:
        m = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, RecursionError) as e:  # also an integer of more than 4,300 digits
        raise _fail(source, _("manifest.json is not valid JSON ({error})").format(
            error=str(e).split(";")[0])) from None
    if not isinstance(m, dict) or m.get("format") != FORMAT:
        raise _fail(source, _("manifest.json does not name the format {format}").format(
            format=repr(FORMAT)))
    version = m.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(source, _("manifest.json has no version number"))
    if version not in SUPPORTED_VERSIONS:
        known = ", ".join(map(str, SUPPORTED_VERSIONS))
        if version > VERSION:
            raise _fail(source, _("unknown pack version {version} (made by a newer ua-writer; please "
                                  "upgrade); this ua-writer reads version {known}").format(
                version=version, known=known))
        raise _fail(source, _("unknown pack version {version}; this ua-writer reads version "
                              "{known}").format(version=version, known=known))
    files = m.get("files")
    if not isinstance(files, dict):
        raise _fail(source, _("manifest.json has no file list"))
    for name, meta in files.items():
        if (not isinstance(meta, dict) or not isinstance(meta.get("sha256"), str)
                or not re.fullmatch(r"[0-9a-f]{64}", meta["sha256"])
                or not isinstance(meta.get("size"), int)):
            raise _fail(source, _("manifest.json: bad entry for {name} (needs sha256 and size)").format(
                name=_shown(name)))
    listed = m.get("actions", [])
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        raise _fail(source, _("manifest.json: 'actions' must be a list of ids"))
    return m


def _field_changes(old: Action, new: Action) -> list[str]:
    a, b = packs.action_to_dict(old), packs.action_to_dict(new)
    return [k for k in b if a.get(k) != b.get(k)]


def _recipient_changes(old: Action, new: Action) -> list[str]:
    """Per recipient, what differs: ``prosecutor-general: fax``, ``embassy added``,
    ``court removed``. A recipient whose id changed but who is the same official (the store's
    identity match, which keeps its drafts attached) is compared with its old self."""
    from ua_writer.core.store import match_recipients

    renamed = {n: o for o, n in match_recipients(old.recipients, new.recipients).items()}
    before = {r.id: packs.recipient_to_dict(r) for r in old.recipients}
    out: list[str] = []
    for r in new.recipients:
        old_id = renamed.get(r.id, r.id)
        if old_id not in before:
            out.append(_("{id} added").format(id=r.id))
            continue
        d = packs.recipient_to_dict(r)
        fields = [field_label(k) for k in d if k != "id" and before[old_id].get(k) != d.get(k)]
        if old_id != r.id:
            fields.insert(0, _("id was {old}").format(old=old_id))
        if fields:
            out.append(f"{r.id}: {', '.join(fields)}")
    kept = set(renamed.values()) | {r.id for r in new.recipients}
    out += [_("{id} removed").format(id=rid) for rid in before if rid not in kept]
    return out


def _change_details(old: Action, new: Action, changes: list[str]) -> dict[str, list[str]]:
    a, b = packs.action_to_dict(old), packs.action_to_dict(new)
    details: dict[str, list[str]] = {}
    for key in changes:
        if key == "recipients":
            details[key] = _recipient_changes(old, new)
        elif isinstance(a.get(key), dict) or isinstance(b.get(key), dict):
            x, y = a.get(key) or {}, b.get(key) or {}
            details[key] = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
    return {k: v for k, v in details.items() if v}


def read_pack(path: str | os.PathLike, store, *,
              templates_dir: str | os.PathLike | None = None) -> ImportPlan:
    """Check a .uapack completely and compare it with the store and the templates folder.

    Raises :class:`UapackError` (a UserFacingError) naming the problem; writes nothing.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise UapackError(_("{file}: file not found").format(file=source)) from None
    except OSError as e:
        raise UapackError(_("{file}: cannot read ({error})").format(file=source, error=e.strerror)) from None
    if source.is_dir():
        raise UapackError(_("{file}: is a folder, not a .uapack file").format(file=source))
    if size > MAX_ARCHIVE_BYTES:
        raise _fail(source, _("the file is too large for a group pack (> {size} MB)").format(
            size=MAX_ARCHIVE_BYTES // 1024 // 1024))
    try:
        with open(source, "rb") as fh:  # the end record alone: zipfile would first build an
            declared = zipcheck.entry_count(fh)  # object per entry (600,000: seconds, 340 MB)
    except OSError as e:
        raise UapackError(_("{file}: cannot read ({error})").format(file=source,
                                                                  error=e.strerror)) from None
    if declared is not None and declared > MAX_ENTRIES:
        raise _fail(source, _("too many entries ({count} > {max})").format(
            count=declared, max=MAX_ENTRIES))
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _fail(source, _("not a group pack (not a zip file)")) from None
    with zf:
        members = _check_members(zf, source)
        manifest = _manifest(zf, members, source)
        files = manifest["files"]
        present = set(members) - {MANIFEST}
        missing = sorted(set(files) - present)
        if missing:
            raise _fail(source, _("{name} is listed in the manifest but missing").format(name=_shown(missing[0])))
        extra = sorted(present - set(files))
        if extra:
            raise _fail(source, _("{name} is not listed in the manifest").format(name=_shown(extra[0])))
        actions: dict[str, Action] = {}
        templates: dict[str, bytes] = {}
        for name in sorted(present):
            if _entry_name_problem(name):  # also the manifest's keys (same set by now)
                raise _fail(source, _("unsafe entry {name}").format(name=_shown(name)))
            data = _read_entry(zf, members[name], source)
            meta = files[name]
            if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
                raise _fail(source, _("{name} does not match its SHA-256 in the manifest "
                                      "(damaged or altered)").format(name=_shown(name)))
            top, _slash, rest = name.partition("/")
            if top == "actions" and "/" not in rest and rest.endswith(".json"):
                try:
                    text = data.decode("utf-8-sig")
                    action = packs.loads(text, source=f"{source.name}:{_shown(name, quoted=False)}")
                except UnicodeDecodeError as e:
                    raise _fail(source, _("{name} is not UTF-8 text (byte {offset})").format(
                        name=name, offset=e.start)) from None
                except PackError as e:
                    raise UapackError(_("{message}; nothing was imported").format(
                        message=e.message)) from None
                if f"{action.id}.json" != rest:
                    raise _fail(source, _("{name} holds the action {id}; the file must be named "
                                          "{expected}").format(name=_shown(name), id=_shown(action.id),
                                                               expected=f"actions/{action.id}.json"))
                actions[action.id] = action
            elif top == "templates":
                rel = _safe_template_path(rest)
                if rel is None:
                    raise _fail(source, _("unsafe template path {path}").format(path=_shown(name)))
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    raise _fail(source, _("{name} is not UTF-8 text").format(name=_shown(name))) from None
                templates[rel.as_posix()] = data
            else:
                raise _fail(source, _("unexpected entry {name} (only actions/ and templates/)").format(
                    name=_shown(name)))
        if sorted(manifest.get("actions", [])) != sorted(actions):
            raise _fail(source, _("the manifest's action list does not match the action files"))
    return _plan(source, manifest["version"], actions, templates, store, _template_dir(templates_dir))


#: a diff longer than this is cut (the rest is counted): enough to see what a template says
MAX_DIFF_LINES = 400


def _unified(old: str, new: str, old_name: str, new_name: str) -> list[str]:
    import difflib

    lines = [packs.printable(line.rstrip("\n"))
             for line in difflib.unified_diff(old.splitlines(keepends=True),
                                              new.splitlines(keepends=True), old_name, new_name)]
    if len(lines) > MAX_DIFF_LINES:
        rest = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [ngettext("… {n} more line", "… {n} more lines", rest)
                                          .format(n=rest)]
    return lines


def _current_template(tdir: Path, rel: str) -> tuple[str, str]:
    """(text, name) of the template letters use today for ``rel``: the user's own file, else
    the built-in one, else nothing."""
    from ua_writer import paths

    for base, label in ((tdir, _("yours")), (paths.templates_dir(), _("built-in"))):
        candidate = base / rel
        try:
            if candidate.is_file() and not candidate.is_symlink():
                return candidate.read_text(encoding="utf-8", errors="replace"), f"{label}/{rel}"
        except OSError:
            continue
    return "", _("(none)")


def _plan(source, version, actions, templates, store, tdir: Path) -> ImportPlan:
    items: list[PlanItem] = []
    for aid in actions:
        new = actions[aid]
        if not store.has_action(aid):
            items.append(PlanItem("action", aid, "new", new.title))
            continue
        old = store.get_action(aid, with_address_book=False)
        if packs.dumps(old) == packs.dumps(new):
            items.append(PlanItem("action", aid, "unchanged", new.title))
        else:
            changes = _field_changes(old, new)
            items.append(PlanItem("action", aid, "changed", new.title, changes,
                                  _change_details(old, new, changes),
                                  _unified(packs.dumps(old), packs.dumps(new), f"yours/{aid}.json",
                                           f"{source.name}/{aid}.json")))
    for rel, data in sorted(templates.items()):
        target = tdir / rel
        if not target.exists():
            status: Status = "new"
        else:
            try:
                status = "unchanged" if target.read_bytes() == data else "changed"
            except OSError:
                status = "changed"
        item = PlanItem("template", rel, status)
        if item.needs_consent:
            text, name = _current_template(tdir, rel)
            item.diff = _unified(text, data.decode("utf-8"), name, f"{source.name}/templates/{rel}")
        items.append(item)
    return ImportPlan(source, version, items, actions, templates)


# -- import: apply --------------------------------------------------------------------------------

def _template_target(tdir: Path, rel: str) -> Path:
    """Where a template goes; refuses anything that resolves outside the templates folder
    (e.g. through a symlinked sub-folder)."""
    p = _safe_template_path(rel)
    if p is None:
        raise UapackError(_("unsafe template path {path}").format(path=_shown(rel)))
    target = tdir.joinpath(*p.parts)
    root = tdir.resolve()
    if root not in target.parent.resolve().parents and target.parent.resolve() != root:
        raise UapackError(_("the template {path} would be written outside {folder}").format(
            path=rel, folder=tdir))
    if target.is_symlink() or target.is_dir():
        raise UapackError(_("the template {path} is a link or a folder; remove it first").format(
            path=target))
    return target


def apply_plan(plan: ImportPlan, store, *, templates_dir: str | os.PathLike | None = None,
               overwrite: bool = False) -> ApplyResult:
    """Apply an :class:`ImportPlan`: actions in one store transaction, templates via temp + rename.

    Items that need consent (changed actions, new or changed templates) are only applied with
    ``overwrite=True``; otherwise nothing is applied and a UapackError lists them. Unchanged
    items are skipped.
    """
    if plan.needs_consent and not overwrite and not plan.changed:  # new templates only
        names = ", ".join(i.name for i in plan.needs_consent)
        n = len(plan.needs_consent)
        raise UapackError(ngettext(
            "{source}: the pack would install {n} letter template: {names}; it changes every "
            "letter in its language: review it and confirm (--yes); nothing was imported",
            "{source}: the pack would install {n} letter templates: {names}; they change every "
            "letter in their languages: review them and confirm (--yes); nothing was imported",
            n).format(source=plan.source, n=n, names=names))
    if plan.needs_consent and not overwrite:
        names = ", ".join((_("action {name}") if i.kind == "action" else _("template {name}"))
                          .format(name=i.name) for i in plan.needs_consent)
        n = len(plan.needs_consent)
        raise UapackError(ngettext(
            "{source}: the pack would overwrite {n} changed item(s): {names}; confirm to overwrite "
            "them (--yes); nothing was imported",
            "{source}: the pack would overwrite {n} changed item(s): {names}; confirm to overwrite "
            "them (--yes); nothing was imported", n).format(source=plan.source, n=n, names=names))
    tdir = _template_dir(templates_dir)
    todo = [i for i in plan.items if i.status in ("new", "changed")]
    actions = [plan.actions[i.name] for i in todo if i.kind == "action"]
    tmpl = [i.name for i in todo if i.kind == "template"]

    staged: list[tuple[str, Path]] = []
    try:
        for rel in tmpl:  # 1. stage every template next to its target
            target = _template_target(tdir, rel)
            try:
                from ua_writer import paths

                paths.make_private_dirs(target.parent, tdir.parent)  # 0700 at every level
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                           dir=target.parent)
                staged.append((tmp, target))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(plan.templates[rel])
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as e:
                raise UapackError(_("cannot write the template {path}: {error}; nothing was "
                                    "imported").format(path=target, error=e.strerror or e)) from None
        # 2. all actions in one transaction (all or none)
        if actions:
            store.save_actions(actions, origin="imported", replace=True)
        # 3. move the templates into place (same folder: a rename, not a copy)
        for tmp, target in list(staged):
            os.replace(tmp, target)
            staged.remove((tmp, target))
    finally:
        for tmp, _target in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    added = [i.name for i in todo if i.kind == "action" and i.status == "new"]
    updated = [i.name for i in todo if i.kind == "action" and i.status == "changed"]
    return ApplyResult(added, updated, tmpl)
