"""A recipient whose name is only spaces composes in every language (no IndexError, exit 70).

Found by the pack fuzz (tests/reliability/test_fuzz.py) once issue #16's stricter pack rules
changed the examples it draws: German, Spanish and English salutations took the last word of a
blank name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ua_writer import paths
from ua_writer.core import compose, packs
from ua_writer.core.model import SenderProfile


@pytest.mark.parametrize("lang", ["ru", "en", "de", "fr", "es"])
@pytest.mark.parametrize("gender", ["m", "f", None])
def test_a_blank_recipient_name_composes(lang, gender):
    action = packs.load(paths.bundled_actions_dir() / "juraev-2011.json")
    action.recipients = [dataclasses.replace(r, name=" ", gender=gender, title=None, localized={})
                         for r in action.recipients]
    letter = compose.compose_letter(action, action.recipients[0], lang,
                                    SenderProfile(name="Anna Kovač"), dt.date(2011, 5, 3))
    assert letter.salutation and letter.paragraphs
