"""Writing user template overrides for the sandbox tests (tests/core, tests/reliability).

A user template is ``<data dir>/templates/<lang>/<name>`` (letter_templates.template_folders);
the tests' data dir is a temp folder (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

from ua_writer import paths


def write_user_template(source: str | bytes, lang: str = "en", name: str = "letter.j2") -> Path:
    """Put ``source`` (text, or raw bytes for encoding tests) where compose looks for overrides."""
    folder = paths.user_templates_dir() / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(source, encoding="utf-8")
    return path


def body(inner: str) -> str:
    """A template overriding only the letter's body block with ``inner``."""
    return "{% block body %}" + inner + "{% endblock %}"
