"""bench/run.py: the PDF floor (a raw reportlab one-page letter) is measured in the same run and
reported as ``pdf_floor_ratio``; every key the bench had is still reported (issue #16)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS_BEFORE = {"startup_ms", "startup_bare_qt_ms", "startup_ratio", "pdf_letter_ms",
               "docx_letter_ms", "fax_packet_ms", "libreoffice_pdf_ms", "libreoffice_ratio",
               "batch_1000_s", "import_txt_ms", "import_pdf_ms", "list_filter_ms", "rss_mb"}


def _bench():
    spec = importlib.util.spec_from_file_location("ua_bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_key_is_kept_and_the_floor_ratio_added():
    run = _bench()
    assert KEYS_BEFORE <= set(run.TARGETS)
    assert run.TARGETS["pdf_floor_ratio"][:2] == ("<=", 1.5)
    assert run.TARGETS["batch_1000_s"][:2] == ("<=", 3)
    letters = next(keys for name, _fn, keys in run.BENCHES if name == "letters")
    assert {"pdf_letter_ms", "pdf_floor_ms", "pdf_floor_ratio"} <= set(letters)


def test_the_floor_is_a_one_page_pdf_of_the_same_letter(data_dir, tmp_path):
    from pypdf import PdfReader

    from ua_writer.core.compose import compose_letter
    from ua_writer.core.model import SenderProfile
    from ua_writer.core.store import open_store

    s = open_store()
    try:
        action = s.get_action("juraev-2011")
    finally:
        s.close()
    letter = compose_letter(action, action.recipient("prosecutor-general"), "ru",
                            SenderProfile(name="Anna Kovač"), dt.date(2011, 5, 3))
    target = tmp_path / "floor.pdf"
    _bench()._pdf_floor(letter, target)()
    reader = PdfReader(target)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Генеральному прокурору" in text or "Чайк" in text
