"""Fixtures for the extras (reminders, calendar, envelopes, labels, e-mail, group packs)."""

from __future__ import annotations

import datetime as dt

import pytest

from ua_writer.core.model import SenderProfile


@pytest.fixture
def store(data_dir):
    from ua_writer.core.store import open_store

    s = open_store()  # the same database the CLI fixture uses (data dir from the env)
    yield s
    s.close()


@pytest.fixture
def today():
    """Five days before the Juraev UA's deadline (2011-05-03)."""
    return dt.date(2011, 4, 28)


@pytest.fixture
def berlin_profile():
    return SenderProfile(name="Anna Kovač", address_lines=["Musterstraße 12", "10115 Berlin"],
                         city="Berlin", country="DE", email="anna@example.org",
                         languages=["en", "ru", "de"], names={"ru": "Анна Ковач"})


@pytest.fixture
def cli(capsys, data_dir):
    """Run ``ua-writer`` in-process with --data-dir: returns (exit code, stdout, stderr)."""
    from ..cli_run import run

    def run_here(*argv, today="2011-04-28"):
        return run(capsys, "--data-dir", str(data_dir), "--today", today, *argv)

    return run_here
