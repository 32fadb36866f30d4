"""A broken or malicious user template is refused with a TemplateError naming the file: no code runs
outside the sandbox, nothing outside the template folders is read, nothing hangs."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from ua_writer import paths
from ua_writer.core.compose import compose_letter
from ua_writer.core.errors import TemplateError, UserFacingError
from ua_writer.core.model import Action, Person, Recipient

DAY = dt.date(2011, 5, 3)
ACTION = Action(id="a", title="T", persons=[Person(name="Nizomhon Juraev", gender="m")],
                appeals={"en": ["Urge them."]},
                recipients=[Recipient(id="r", title="Prosecutor General", gender="m")])


def _override(source: str | bytes, lang: str = "en", name: str = "letter.j2"):
    folder = paths.user_templates_dir() / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(source, encoding="utf-8")
    return path


def _body(inner: str) -> str:
    return "{% block body %}" + inner + "{% endblock %}"


HOSTILE = {
    "syntax error": "{% block body %}{% if %}{% endblock %}",
    "unclosed block": "{% block body %}text",
    "mro escape": _body("{{ ''.__class__.__mro__ }}"),
    "subclasses": _body("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    "globals via method": _body("{{ persons.case.__globals__ }}"),
    "private attribute": _body("{{ persons._inflect }}"),
    "template internals": _body("{{ self._TemplateReference__context }}"),
    "include parent dir": _body("{% include '../../etc/passwd' %}"),
    "include absolute": _body("{% include '/etc/passwd' %}"),
    "import module": _body("{% import 'os' as os %}{{ os }}"),
    "undefined variable": _body("{{ no_such_variable }}"),
    "undefined attribute": _body("{{ persons.no_such_attribute }}"),
    "range 10**9": _body("{% for i in range(10**9) %}x{% endfor %}"),
    "nested loops": _body("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"),
    "filtered loops": _body("{% for i in range(9999) %}{% for c in 'x' * 9999 if false %}{% endfor %}"
                            "{% endfor %}"),
    "huge string": _body("{{ 'x' * 10**9 }}"),
    "huge power": _body("{{ 2 ** 100000 }}"),
    "doubling": _body("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
                      "{% endfor %}{{ ns.s }}"),
    "nested lists": _body("{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s] %}"
                          "{% endfor %}{{ ns.s }}"),
    "exponential macro": _body("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                               "{{ f(60) }}"),
    "infinite recursion": _body("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
    "self include": _body("{% include 'letter.j2' %}{% include 'letter.j2' %}"),
    "center": _body("{{ 'x'|center(10**9) }}"),
    "ljust": _body("{{ 'x'.ljust(10**9) }}"),
    "format width": _body("{{ '{:999999999}'.format(1) }}"),
    "percent width": _body("{{ '%999999999d' % 1 }}"),
    "replace blow-up": _body("{% set a = 'a' * 10000 %}{{ a.replace('a', a) }}"),
    "join blow-up": _body("{% set a = 'a' * 10000 %}{{ a.join(a) }}"),
    "too much output": _body("{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxxxxxxxxxxxxxx"
                             "{% endfor %}{% endfor %}"),
    "set-block buffer": _body("{% set x %}{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxxxx"
                              "{% endfor %}{% endfor %}{% endset %}"),
    "no body block": "{% block subject %}Hi{% endblock %}",
    "exception in helper": _body("{{ persons.case('nominative') }}"),
    "division by zero": _body("{{ 1 // 0 }}"),
    "list mutation": _body("{% set l = [] %}{{ l.append(1) }}"),
}


@pytest.mark.parametrize("source", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_template_is_refused_quickly_with_the_file_named(source):
    path = _override(source)
    start = time.monotonic()
    with pytest.raises(TemplateError) as info:
        compose_letter(ACTION, "r", "en", None, DAY)
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert str(path) in message
    assert "Traceback" not in message and "root:" not in message
    assert isinstance(info.value, UserFacingError)


def test_syntax_error_names_the_line():
    path = _override("{% block body %}\nfine\n{{ oops( }}\n{% endblock %}")
    with pytest.raises(TemplateError, match=rf"{path}, line 3 .*syntax error"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_runtime_error_in_an_included_file_names_that_file():
    _override(_body("before {% include 'part.j2' %} after"))
    part = _override("\n\n{{ missing }}", name="part.j2")
    with pytest.raises(TemplateError, match=rf"{part}, line 3 .*'missing' is undefined"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_symlink_out_of_the_folder_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    _override(_body("{% include 'evil.j2' %}"))
    link = paths.user_templates_dir() / "en" / "evil.j2"
    try:
        os.symlink(secret, link)
    except OSError:
        pytest.skip("no symlinks here")
    with pytest.raises(TemplateError, match="outside the template folders") as info:
        compose_letter(ACTION, "r", "en", None, DAY)
    assert "TOP SECRET" not in str(info.value)


def test_oversized_and_non_utf8_files_are_refused():
    path = _override(_body("x" * 70_000))
    with pytest.raises(TemplateError, match=rf"{path} cannot be used: the file is larger"):
        compose_letter(ACTION, "r", "en", None, DAY)
    path = _override(b"{% block body %}\xff\xfe{% endblock %}")
    with pytest.raises(TemplateError, match="not UTF-8"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_legitimate_jinja_still_works():
    _override("{% block subject %}Re: {{ persons.nomn|upper }}{% endblock %}" + _body(
        "{% macro para(t) %}{{ t }}{% endmacro %}"
        "{% set ns = namespace(n=0) %}{% for p in appeals %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ para('Points: ' ~ ns.n) }}\n\n{{ '%s and %s' % ('A', 'B') }}\n\n"
        "{% for i in range(3) %}{{ loop.index }}{% endfor %} {{ [3, 1, 2]|sort|join(',') }} "
        "{{ 'a-b'.replace('-', '+') }} {{ '{} {}'.format(persons.gent, 12345678) }}"))
    letter = compose_letter(ACTION, "r", "en", None, DAY)
    assert letter.subject == "Re: NIZOMHON JURAEV"
    assert letter.paragraphs == ["Points: 1", "A and B", "123 1,2,3 a+b Nizomhon Juraev 12345678"]
