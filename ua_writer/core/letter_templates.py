"""Letter templates: the sandboxed Jinja2 environment, its folder loader and bounded rendering.

A letter template is ``letter.j2`` in ``<data dir>/templates/<lang>/`` (a user override, looked at
first) or in the bundled ``templates/<lang>/``. Templates are untrusted: a user may paste one from
anywhere. So rendering runs in Jinja2's ``ImmutableSandboxedEnvironment`` with ``StrictUndefined``
and autoescape off, the loader serves only files inside those two folders (no "..", no absolute
paths, no symlinks pointing out), and every render is *bounded*: the compiled template is
instrumented so that loop iterations, calls, outputs and ``{% include %}`` count against a budget,
every value a template builds is size-checked, ``range()`` and integer arguments are capped, and a
wall-clock deadline stops anything that still runs too long. Any failure — syntax error, unsafe
attribute, undefined variable, a file outside the folders, a budget exceeded — becomes a
:class:`TemplateError` naming the template file and line; nothing executes outside the sandbox and
no traceback reaches the user. Environments are cached per (language, folders).

This module knows nothing about letters beyond the block names; compose.py supplies the context.
No Qt.
"""

from __future__ import annotations

import os
import re
import threading
import time
from functools import lru_cache, wraps
from pathlib import Path

from jinja2 import (BaseLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError, nodes)
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.loaders import split_template_path
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace

from ua_writer import paths
from ua_writer.core.errors import TemplateError
from ua_writer.core.i18n import _, ngettext
from ua_writer.core.notices import Notice

TEMPLATE_NAME = "letter.j2"
BLOCKS = ("subject", "salutation", "body", "closing")

MAX_TEMPLATE_BYTES = 64 * 1024   # a template file
MAX_VALUE = 20_000               # characters + items of any one value a template builds
MAX_OUTPUT = 200_000             # characters one render may produce, all buffers included
MAX_TICKS = 100_000              # calls + loop iterations + outputs + range() items per render
MAX_INT = 10_000                 # largest integer argument, largest range()
MAX_PRODUCT = 2_000_000          # receiver size x argument size for str methods and "%"
MAX_SECONDS = 2.0                # wall clock per render
#: a str.format field or %-conversion with a width/precision of 1000+ (or "*")
_BIG_WIDTH = re.compile(r"\{[^{}]*:[^{}]*\d{4,}[^{}]*\}"
                        r"|%[-+ #0]*(?:\d{4,}|\*)|%[-+ #0]*\d*\.(?:\d{4,}|\*)")


class _Limit(Exception):
    """A bound was exceeded (becomes a TemplateError)."""


class _Budget(threading.local):
    active = False
    ticks = 0
    output = 0
    deadline = 0.0
    #: Notices for user templates skipped during this render (symlinks, other users' files)
    ignored: list = []


_budget = _Budget()


def _tick(n: int = 1) -> None:
    b = _budget
    if not b.active:
        return
    b.ticks += n
    if b.ticks > MAX_TICKS:
        raise _Limit(_("the template does too much work (a loop, recursion or include that is too "
                       "long)"))
    if time.monotonic() > b.deadline:
        raise _Limit(_("the template took longer than {seconds} s to render").format(
            seconds=f"{MAX_SECONDS:g}"))


def _size(value, limit: int = MAX_VALUE) -> int:
    """Characters + items of ``value``, counted through containers; stops early past ``limit``."""
    if type(value) is str:          # the usual case, a dozen times per letter
        return len(value)
    total, stack = 0, [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            total += len(v)
        elif isinstance(v, bool) or v is None:
            pass
        elif isinstance(v, int):
            total += v.bit_length() // 8
        elif isinstance(v, (list, tuple, set, frozenset, range)):
            total += len(v)
            if total <= limit and not isinstance(v, range):
                stack.extend(v)
        elif isinstance(v, dict):
            total += len(v)
            if total <= limit:
                stack.extend(v.keys())
                stack.extend(v.values())
        if total > limit:
            return total
    return total


def _check(value) -> None:
    if _budget.active and _size(value) > MAX_VALUE:
        raise _Limit(ngettext("a value the template builds is too large (more than {max} character)",
                              "a value the template builds is too large (more than {max} characters)",
                              MAX_VALUE).format(max=MAX_VALUE))


def _check_args(args, kwargs, *, cap_ints: bool = True) -> int:
    """Cap integer arguments and argument sizes; return the largest argument size."""
    largest = 0
    for a in list(args) + list(kwargs.values()):
        if isinstance(a, (Context, EvalContext)) or a is None or isinstance(a, bool):
            continue
        if cap_ints and isinstance(a, int) and abs(a) > MAX_INT:
            digits = int(a.bit_length() * 0.30103) + 1
            shown = str(a) if a.bit_length() < 64 else \
                ngettext("a number of about {n} digit", "a number of about {n} digits",
                         digits).format(n=digits)
            raise _Limit(_("{value} is too large as an argument in a letter template (limit "
                           "{max})").format(value=shown, max=MAX_INT))
        size = _size(a)
        if size > MAX_VALUE:
            raise _Limit(ngettext("an argument is too large (more than {max} character)",
                                  "an argument is too large (more than {max} characters)",
                                  MAX_VALUE).format(max=MAX_VALUE))
        largest = max(largest, size)
    return largest


#: str methods and filters whose integer arguments size what they build ("x".ljust(10**9))
_SIZING_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}
_SIZING_FILTERS = {"do_center", "do_indent", "do_wordwrap", "do_truncate", "do_batch", "do_slice"}


#: a format field whose spec holds a nested field: "{0:{1}}" takes its width from an argument
_NESTED_SPEC = re.compile(r"\{[^{}]*:[^{}]*\{")


def _check_str_call(receiver: str, name: str, largest_arg: int) -> None:
    if len(receiver) * max(1, largest_arg) > MAX_PRODUCT:
        raise _Limit(_("str.{name}() would build a string that is too large").format(name=name))
    if name in ("format", "format_map") and _BIG_WIDTH.search(receiver):
        raise _Limit(_("a format width or precision is too large"))


def _safe_range(*args) -> range:
    rng = range(*args)
    if len(rng) > MAX_INT:
        raise _Limit(ngettext("range() is limited to {max} number in letter templates",
                              "range() is limited to {max} numbers in letter templates",
                              MAX_INT).format(max=MAX_INT))
    _tick(len(rng))
    return rng


def _guard_filter(func):
    @wraps(func)  # keeps Jinja's pass_context/pass_environment marker
    def guarded(*args, **kwargs):
        _tick()
        values = [a for a in args
                  if not isinstance(a, (Context, EvalContext, ImmutableSandboxedEnvironment))]
        if func.__name__ == "do_join" and values and not isinstance(values[0], (str, list, tuple, dict)):
            # a range or generator: count it first, so the size check below sees what is joined
            seq = list(values[0]) if hasattr(values[0], "__iter__") else values[0]
            args = tuple(seq if a is values[0] else a for a in args)
            values[0] = seq
        largest = _check_args(values[1:], kwargs, cap_ints=func.__name__ in _SIZING_FILTERS)
        if values and isinstance(values[0], (str, list, tuple, dict)):
            _check(values[0])
            if _size(values[0]) * max(1, largest) > MAX_PRODUCT:
                raise _Limit(_("the filter {name} would build a value that is too large").format(
                    name=repr(func.__name__)))
            if func.__name__ == "do_format" and isinstance(values[0], str) \
                    and _BIG_WIDTH.search(values[0]):
                raise _Limit(_("a format width or precision is too large"))
        result = func(*args, **kwargs)
        _check(result)
        return result

    return guarded


class _LetterSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with work and size bounds (see the module docstring)."""

    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, folders: tuple[Path, ...]):
        super().__init__(loader=_FolderLoader(folders), undefined=StrictUndefined, autoescape=False,
                         trim_blocks=True, lstrip_blocks=True, auto_reload=True, cache_size=50)
        self.globals = {"range": _safe_range, "dict": dict, "namespace": Namespace,
                        "cycler": Cycler, "joiner": Joiner}
        self.filters = {name: _guard_filter(f) for name, f in self.filters.items()}

    # hooks the instrumented templates call (reached as environment.<name>, never from a template)
    @staticmethod
    def ua_tick() -> str:
        return ""

    @staticmethod
    def ua_value(value):
        return value

    @staticmethod
    def ua_out(value) -> str:
        text = str(value)
        b = _budget
        if b.active:
            b.output += len(text)
            if b.output > MAX_OUTPUT:
                raise _Limit(ngettext(
                    "the template produces too much text (more than {max} character)",
                    "the template produces too much text (more than {max} characters)",
                    MAX_OUTPUT).format(max=MAX_OUTPUT))
        return text

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        _tick()
        receiver = getattr(__obj, "__self__", None)
        if receiver is None and hasattr(__obj, "__wrapped__"):  # the sandbox's str.format wrapper
            receiver = getattr(__obj.__wrapped__, "__self__", None)
        name = getattr(__obj, "__name__", "")
        sizing = isinstance(receiver, (str, list, tuple, dict)) and name in _SIZING_METHODS
        if isinstance(receiver, str) and name in ("format", "format_map") \
                and _NESTED_SPEC.search(receiver):
            # "{0:{1}}".format("x", 10**9): the width is an argument (or a format_map value)
            sizing = True
            _check_args([v for a in args if isinstance(a, dict) for v in a.values()], {})
        largest = _check_args(args, kwargs, cap_ints=sizing)
        if isinstance(receiver, str):
            _check_str_call(receiver, getattr(__obj, "__name__", "?"), largest)
        result = super().call(__context, __obj, *args, **kwargs)
        _check(result)
        return result

    def call_binop(self, context, operator, left, right):
        _tick()
        for side in (left, right):
            _check(side)
        if operator == "**" and isinstance(right, int) and not isinstance(right, bool):
            base_bits = left.bit_length() if isinstance(left, int) else 64
            if abs(right) > 1024 or base_bits * abs(right) > 4096:
                raise _Limit(_("a power that is too large"))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                        and _size(seq) * max(n, 0) > MAX_VALUE:
                    raise _Limit(_("a repeated string or list that is too large"))
            if isinstance(left, int) and isinstance(right, int) \
                    and left.bit_length() + right.bit_length() > 4096:
                raise _Limit(_("a number that is too large"))
        if operator == "%" and isinstance(left, str):
            if _BIG_WIDTH.search(left):
                raise _Limit(_("a format width or precision is too large"))
            if len(left) * max(1, _size(right)) > MAX_PRODUCT:
                raise _Limit(_("a formatted string that is too large"))
        result = super().call_binop(context, operator, left, right)
        _check(result)
        return result

    def get_template(self, name, parent=None, globals=None):
        _tick()
        return super().get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        _tick()
        return super().select_template(names, parent, globals)

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        _instrument(tree)
        return tree


def _hook(name: str, *args: nodes.Expr, lineno: int | None = None) -> nodes.Call:
    call = nodes.Call(nodes.EnvironmentAttribute(name), list(args), [], None, None)
    line = lineno or next((a.lineno for a in args if getattr(a, "lineno", None)), None)
    if line:
        call.set_lineno(line)
    return call


def _instrument(tree: nodes.Template) -> None:
    """Make loops tick per iteration, count every output, size-check assignments and ``~``."""
    for node in list(tree.find_all(nodes.For)):
        node.body.insert(0, nodes.ExprStmt(_hook("ua_tick", lineno=node.lineno), lineno=node.lineno))
        if node.test is not None:
            node.test = _hook("ua_value", node.test)
    for node in list(tree.find_all(nodes.Output)):
        node.nodes = [_hook("ua_out", child) for child in node.nodes]
    for node in list(tree.find_all(nodes.Assign)):
        node.node = _hook("ua_value", node.node)
    for node in list(tree.find_all(nodes.With)):
        node.values = [_hook("ua_value", v) for v in node.values]
    concats = list(tree.find_all(nodes.Concat))
    for node in concats:
        node.nodes = [_hook("ua_value", n) for n in node.nodes]
    _wrap_concats(tree)


def _wrap_concats(node: nodes.Node) -> None:
    """Replace every ``a ~ b`` expression by a size-checked one (after its operands are checked)."""
    for field in node.fields:
        value = getattr(node, field, None)
        if isinstance(value, nodes.Concat):
            _wrap_concats(value)
            setattr(node, field, _hook("ua_value", value))
        elif isinstance(value, nodes.Node):
            _wrap_concats(value)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, nodes.Concat):
                    _wrap_concats(item)
                    value[i] = _hook("ua_value", item)
                elif isinstance(item, nodes.Node):
                    _wrap_concats(item)


class _FolderLoader(BaseLoader):
    """Templates from the given folders only, first match wins; nothing outside them."""

    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders

    def get_source(self, environment, template):
        pieces = split_template_path(template)  # refuses ".." and path separators
        if not pieces:
            raise TemplateNotFound(template)
        for i, folder in enumerate(self.folders):
            path = folder.joinpath(*pieces)
            if i == 0 and len(self.folders) > 1:
                # the user's own folder: a symlinked or foreign file there is skipped (said in
                # the letter's warnings), never followed; the bundled one is used instead
                why = next(filter(None, (paths.untrusted_entry(folder.joinpath(*pieces[:n]))
                                         for n in range(1, len(pieces) + 1))), None)
                if why:
                    _note_ignored(path, why)
                    continue
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(folder.resolve()):
                raise TemplateNotFound(template)  # a symlink pointing out of the folder
            try:
                stat = path.stat()
                if stat.st_size > MAX_TEMPLATE_BYTES:
                    raise _BadFile(str(path), _("the file is larger than {size} KB").format(
                        size=MAX_TEMPLATE_BYTES // 1024))
                source = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise _BadFile(str(path), _("the file is not UTF-8 text")) from None
            except OSError as e:
                raise _BadFile(str(path), _("cannot read the file ({error})").format(
                    error=e.strerror)) from None
            earlier = [f.joinpath(*pieces) for f in self.folders[:i]]
            mtime = (stat.st_mtime_ns, path.lstat().st_mtime_ns)

            def uptodate(path=path, mtime=mtime, earlier=earlier) -> bool:
                try:   # lstat too: a file replaced by a symlink is loaded (and refused) again
                    return ((path.stat().st_mtime_ns, path.lstat().st_mtime_ns) == mtime
                            and not any(os.path.lexists(p) for p in earlier))
                except OSError:
                    return False

            return source, str(path), uptodate
        raise TemplateNotFound(template)

    def list_templates(self):
        found = set()
        for folder in self.folders:
            if folder.is_dir():
                found.update(p.relative_to(folder).as_posix() for p in folder.rglob("*.j2")
                             if not (folder == self.folders[0] and len(self.folders) > 1
                                     and p.is_symlink()))
        return sorted(found)


def _note_ignored(path: Path, why: str) -> None:
    b = _budget
    if b.active and not any(n.params["path"] == str(path) for n in b.ignored):
        b.ignored.append(Notice("template_ignored", path=str(path), reason=why))


class _BadFile(Exception):
    def __init__(self, filename: str, reason: str):
        super().__init__(reason)
        self.filename = filename
        self.reason = reason


# -- public -------------------------------------------------------------------------------------

def _user_base() -> tuple[Path | None, Path, str | None]:
    """(``<data dir>/templates`` if it may be read, its path, why not: see
    ``paths.untrusted_entry``)."""
    base = paths.data_dir() / "templates"
    why = paths.untrusted_entry(base)
    return (None if why or not base.is_dir() else base), base, why


def _user_folder(lang: str) -> tuple[Path | None, list[Notice]]:
    """``<data dir>/templates/<lang>`` if it may be read, and the notices for what is skipped:
    a symlink (at templates/ or templates/<lang>) or a folder of another user's is never read."""
    base, where, why = _user_base()
    if why:
        return None, [Notice("template_ignored", path=str(where), reason=why)]
    if base is None:
        return None, []
    folder = base / lang
    why = paths.untrusted_entry(folder)
    if why:
        return None, [Notice("template_ignored", path=str(folder), reason=why)]
    return folder, []


def _folders(lang: str) -> tuple[tuple[Path, ...], list[Notice]]:
    """(where ``lang``'s templates are looked up, user override first — left out when it is a
    symlink or another user's, see :func:`_user_folder` —, the notices for what was skipped)."""
    user, notices = _user_folder(lang)
    return ((user,) if user is not None else ()) + (paths.templates_dir() / lang,), notices


def template_folders(lang: str) -> tuple[Path, ...]:
    """Where ``lang``'s templates are looked up, user override first."""
    return _folders(lang)[0]


def template_languages() -> list[str]:
    """Languages with a letter template, bundled or user override (symlinked overrides and
    other users' are not counted)."""
    langs = set()
    bundled = paths.templates_dir()
    langs.update(d.name for d in bundled.iterdir() if (d / TEMPLATE_NAME).is_file())
    base, _where, _why = _user_base()
    if base is not None and base.is_dir():
        langs.update(d.name for d in base.iterdir()
                     if paths.untrusted_entry(d) is None
                     and paths.untrusted_entry(d / TEMPLATE_NAME) is None
                     and (d / TEMPLATE_NAME).is_file())
    return sorted(l for l in langs if re.fullmatch(r"[a-z]{2,3}", l))


@lru_cache(maxsize=32)
def _environment(folders: tuple[Path, ...]) -> _LetterSandbox:
    return _LetterSandbox(folders)


def environment(lang: str) -> _LetterSandbox:
    return _environment(template_folders(lang))


def render_blocks(lang: str, context: dict) -> tuple[dict[str, str], str, list[Notice]]:
    """Render ``lang``'s letter.j2 blocks (subject, salutation, body, closing) with ``context``.

    Returns ({block: text} for the blocks the template defines, the template's file name, the
    Notices for user templates that were skipped: symlinks and other users' files are never read).
    Raises TemplateError for anything wrong with the template.
    """
    folders, ignored = _folders(lang)
    env = _environment(folders)
    default_file = str(next((f / TEMPLATE_NAME for f in folders if (f / TEMPLATE_NAME).is_file()),
                            folders[-1] / TEMPLATE_NAME))
    b = _budget
    b.active, b.ticks, b.output = True, 0, 0
    b.ignored = ignored
    b.deadline = time.monotonic() + MAX_SECONDS
    tmpl = None
    try:
        tmpl = env.get_template(TEMPLATE_NAME)
        ctx = tmpl.new_context(dict(context))
        out = {name: "".join(tmpl.blocks[name](ctx)) for name in BLOCKS if name in tmpl.blocks}
    except TemplateError:
        raise
    except _BadFile as e:
        raise _error(e.filename, None, e.reason) from None
    except TemplateSyntaxError as e:
        raise _error(e.filename or default_file, e.lineno,
                     _("syntax error: {message}").format(message=e.message)) from None
    except TemplateNotFound as e:
        if tmpl is None and e.name == TEMPLATE_NAME:
            looked = [str(f / TEMPLATE_NAME) for f in folders]
            while len(looked) > 1:  # "a and b and c"
                looked[:2] = [_("{first} and {second}").format(first=looked[0], second=looked[1])]
            raise TemplateError(_("there is no letter template for the language {lang} (looked for "
                                  "{files})").format(lang=repr(lang), files=looked[0])) from None
        raise _error(*_where(env, default_file),
                     _("it includes {name}, which does not exist or lies outside the template "
                       "folders").format(name=repr(e.name))) from None
    except (_Limit, SecurityError, UndefinedError, RecursionError, MemoryError, Exception) as e:
        filename, line = _where(env, default_file)
        raise _error(filename, line, _reason(e)) from None
    finally:
        b.active = False
    if "body" not in out:
        raise _error(tmpl.filename or default_file, None,
                     _("it defines no {block}").format(block="{% block body %}"))
    return out, tmpl.filename or default_file, list(b.ignored)


def _reason(e: BaseException) -> str:
    if isinstance(e, RecursionError):
        return _("it recurses too deeply")
    if isinstance(e, MemoryError):
        return _("it needs too much memory")
    if isinstance(e, SecurityError):
        return _("it tries something a letter template may not do ({error})").format(error=e)
    if isinstance(e, UndefinedError):
        return _("it uses something that is not defined ({error})").format(error=e)
    if isinstance(e, _Limit):
        return str(e)
    return f"{type(e).__name__}: {e}"


def _where(env: _LetterSandbox, default_file: str) -> tuple[str, int | None]:
    """File and line of the innermost template frame of the exception being handled."""
    try:
        env.handle_exception()  # re-raises with the traceback rewritten to template lines
    except BaseException as rewritten:  # noqa: BLE001 - we only read its traceback
        tb = rewritten.__traceback__
        found: tuple[str, int | None] = (default_file, None)
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(".j2"):
                found = (name, tb.tb_lineno)
            tb = tb.tb_next
        return found
    return default_file, None  # pragma: no cover - handle_exception always raises


def _error(filename: str, line: int | None, reason: str) -> TemplateError:
    where = _("{file}, line {line}").format(file=filename, line=line) if line else filename
    return TemplateError(_("The letter template {where} cannot be used: {reason}. Fix the file, or "
                           "delete it to use the built-in template.").format(where=where,
                                                                             reason=reason))
