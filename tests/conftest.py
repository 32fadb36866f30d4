"""Shared fixtures: tests never touch the real user dirs, and Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: the day the seed UAs were current; tests pass it explicitly where deadlines matter
SEED_TODAY = dt.date(2011, 4, 1)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Point the data dir (and HOME/XDG dirs) at a temp folder for every test."""
    from ua_writer import paths

    data = tmp_path / "ua-writer-data"
    monkeypatch.setenv("UA_WRITER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("UA_WRITER_TODAY", raising=False)
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)


@pytest.fixture
def data_dir(_isolated_data_dir):
    return _isolated_data_dir


@pytest.fixture
def seed_today():
    return SEED_TODAY


@pytest.fixture
def dd(tmp_path):
    """A data dir path (not created) for ``--data-dir`` in CLI tests."""
    return str(tmp_path / "data")
