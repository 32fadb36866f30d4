"""Fixtures for the core tests."""

from __future__ import annotations

import pytest

from ua_writer.core import i18n


@pytest.fixture
def russian():
    """The UI language Russian for one test (English again afterwards, whatever happens)."""
    i18n.set_language("ru")
    try:
        yield
    finally:
        i18n.set_language("en")
