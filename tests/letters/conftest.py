"""Fixtures for the letter-quality tests (issue 15): the bundled packs and a sender in Berlin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ua_writer.core import packs
from ua_writer.core.model import SenderProfile

ACTIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "actions"
UA_IDS = ("juraev-2011", "azimov-2011", "kasymakhunov-2012")
LANGS = ("ru", "en", "de", "fr", "es")
DAY = dt.date(2011, 4, 1)


@pytest.fixture(scope="session")
def seeds():
    return {p.stem: packs.load(p) for p in sorted(ACTIONS_DIR.glob("*.json"))}


@pytest.fixture
def berlin():
    return SenderProfile(name="Anna Kovač", address_lines=["Hauptstr. 1", "10115 Berlin"],
                         city="Berlin", country="DE", gender="f", names={"ru": "Анна Ковач"})


@pytest.fixture
def berlin_dd(capsys, dd):
    """A data dir with the Berlin sender profile, set through the CLI (for ``run(capsys, …)``)."""
    from tests.cli_run import run

    code, _out, err = run(capsys, "--data-dir", dd, "profile", "--set", "name=Anna Kovač",
                          "address_lines=Hauptstr. 1|10115 Berlin", "city=Berlin", "country=DE",
                          "gender=f", "names.ru=Анна Ковач")
    assert code == 0, err
    return dd


def plain(value):
    """``value`` (a string or list of strings) with no-break spaces as plain spaces, for
    comparing with hand-written text (typography.py adds the no-break spaces)."""
    if isinstance(value, str):
        return value.replace("\u00a0", " ").replace("\u202f", " ")
    return [plain(v) for v in value]
