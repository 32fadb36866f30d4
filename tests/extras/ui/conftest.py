"""The GUI test fixtures of tests/ui (scripted prompts, an app on a temp data dir), reused."""

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from tests.ui.conftest import (FakePrompts, _english_ui, build_app, fake_prompts,  # noqa: E402,F401
                               select, window)
