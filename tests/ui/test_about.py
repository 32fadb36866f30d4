"""Help ▸ About: the version and where the changelog is (issue #17)."""

from __future__ import annotations

from ua_writer import __version__


def test_about_names_the_version_and_the_changelog(window, fake_prompts):
    window.registry["about"].trigger()
    kind, title, text = fake_prompts.calls[-1]
    assert kind == "info" and title == "About ua-writer"
    assert text.splitlines()[0] == f"ua-writer {__version__}"
    changelog = text.splitlines()[-1].split(": ", 1)[1]
    assert changelog.endswith("CHANGELOG.md")
    from pathlib import Path

    assert f"## {__version__} — " in Path(changelog).read_text(encoding="utf-8")
