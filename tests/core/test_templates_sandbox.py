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

from ..user_templates import body, write_user_template

DAY = dt.date(2011, 5, 3)
ACTION = Action(id="a", title="T", persons=[Person(name="Nizomhon Juraev", gender="m")],
                appeals={"en": ["Urge them."]},
                recipients=[Recipient(id="r", title="Prosecutor General", gender="m")])


HOSTILE = {
    "syntax error": "{% block body %}{% if %}{% endblock %}",
    "unclosed block": "{% block body %}text",
    "mro escape": body("{{ ''.__class__.__mro__ }}"),
    "subclasses": body("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    "globals via method": body("{{ persons.case.__globals__ }}"),
    "private attribute": body("{{ persons._inflect }}"),
    "template internals": body("{{ self._TemplateReference__context }}"),
    "include parent dir": body("{% include '../../etc/passwd' %}"),
    "include absolute": body("{% include '/etc/passwd' %}"),
    "import module": body("{% import 'os' as os %}{{ os }}"),
    "undefined variable": body("{{ no_such_variable }}"),
    "undefined attribute": body("{{ persons.no_such_attribute }}"),
    "range 10**9": body("{% for i in range(10**9) %}x{% endfor %}"),
    "nested loops": body("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"),
    "filtered loops": body("{% for i in range(9999) %}{% for c in 'x' * 9999 if false %}{% endfor %}"
                            "{% endfor %}"),
    "huge string": body("{{ 'x' * 10**9 }}"),
    "huge power": body("{{ 2 ** 100000 }}"),
    "doubling": body("{% set ns = namespace(s='xx') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
                      "{% endfor %}{{ ns.s }}"),
    "nested lists": body("{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s] %}"
                          "{% endfor %}{{ ns.s }}"),
    "exponential macro": body("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
                               "{{ f(60) }}"),
    "infinite recursion": body("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
    "self include": body("{% include 'letter.j2' %}{% include 'letter.j2' %}"),
    "center": body("{{ 'x'|center(10**9) }}"),
    "ljust": body("{{ 'x'.ljust(10**9) }}"),
    "format width": body("{{ '{:999999999}'.format(1) }}"),
    "percent width": body("{{ '%999999999d' % 1 }}"),
    "replace blow-up": body("{% set a = 'a' * 10000 %}{{ a.replace('a', a) }}"),
    "join blow-up": body("{% set a = 'a' * 10000 %}{{ a.join(a) }}"),
    "too much output": body("{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxxxxxxxxxxxxxx"
                             "{% endfor %}{% endfor %}"),
    "set-block buffer": body("{% set x %}{% for i in range(9999) %}{% for j in range(9999) %}xxxxxxxxxx"
                              "{% endfor %}{% endfor %}{% endset %}"),
    "no body block": "{% block subject %}Hi{% endblock %}",
    "exception in helper": body("{{ persons.case('nominative') }}"),
    "division by zero": body("{{ 1 // 0 }}"),
    "list mutation": body("{% set l = [] %}{{ l.append(1) }}"),
}


@pytest.mark.parametrize("source", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_template_is_refused_quickly_with_the_file_named(source):
    path = write_user_template(source)
    start = time.monotonic()
    with pytest.raises(TemplateError) as info:
        compose_letter(ACTION, "r", "en", None, DAY)
    assert time.monotonic() - start < 5
    message = str(info.value)
    assert str(path) in message
    assert "Traceback" not in message and "root:" not in message
    assert isinstance(info.value, UserFacingError)


def test_syntax_error_names_the_line():
    path = write_user_template("{% block body %}\nfine\n{{ oops( }}\n{% endblock %}")
    with pytest.raises(TemplateError, match=rf"{path}, line 3 .*syntax error"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_runtime_error_in_an_included_file_names_that_file():
    write_user_template(body("before {% include 'part.j2' %} after"))
    part = write_user_template("\n\n{{ missing }}", name="part.j2")
    with pytest.raises(TemplateError, match=rf"{part}, line 3 .*'missing' is undefined"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_symlink_out_of_the_folder_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    write_user_template(body("{% include 'evil.j2' %}"))
    link = paths.user_templates_dir() / "en" / "evil.j2"
    try:
        os.symlink(secret, link)
    except OSError:
        pytest.skip("no symlinks here")
    with pytest.raises(TemplateError, match="outside the template folders") as info:
        compose_letter(ACTION, "r", "en", None, DAY)
    assert "TOP SECRET" not in str(info.value)


def test_oversized_and_non_utf8_files_are_refused():
    path = write_user_template(body("x" * 70_000))
    with pytest.raises(TemplateError, match=rf"{path} cannot be used: the file is larger"):
        compose_letter(ACTION, "r", "en", None, DAY)
    path = write_user_template(b"{% block body %}\xff\xfe{% endblock %}")
    with pytest.raises(TemplateError, match="not UTF-8"):
        compose_letter(ACTION, "r", "en", None, DAY)


def test_legitimate_jinja_still_works():
    write_user_template("{% block subject %}Re: {{ persons.nomn|upper }}{% endblock %}" + body(
        "{% macro para(t) %}{{ t }}{% endmacro %}"
        "{% set ns = namespace(n=0) %}{% for p in appeals %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "{{ para('Points: ' ~ ns.n) }}\n\n{{ '%s and %s' % ('A', 'B') }}\n\n"
        "{% for i in range(3) %}{{ loop.index }}{% endfor %} {{ [3, 1, 2]|sort|join(',') }} "
        "{{ 'a-b'.replace('-', '+') }} {{ '{} {}'.format(persons.gent, 12345678) }}"))
    letter = compose_letter(ACTION, "r", "en", None, DAY)
    assert letter.subject == "Re: NIZOMHON JURAEV"
    assert letter.paragraphs == ["Points: 1", "A and B", "123 1,2,3 a+b Nizomhon Juraev 12345678"]
