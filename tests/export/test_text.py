"""Plain text for web forms and e-mail: unwrapped paragraphs, blank lines between blocks."""

from __future__ import annotations

from tests.export.sample_letters import russian_letter
from ua_writer.core.letter import from_text
from ua_writer.export.text import letter_text, write_letter_txt


def test_text_is_the_letters_editable_form_unwrapped():
    letter = russian_letter()
    text = letter_text(letter)
    assert text == letter.to_text()
    for p in letter.paragraphs:
        assert f"\n\n{p}\n" in text            # one line per paragraph, blank line around it
    assert max(len(line) for line in text.splitlines()) > 200
    assert from_text(text, letter) == letter


def test_write_txt_is_utf8(tmp_path):
    letter = russian_letter()
    res = write_letter_txt(letter, tmp_path / "l.txt")
    assert res.format == "txt" and res.pages is None
    raw = (tmp_path / "l.txt").read_bytes()
    assert raw.decode("utf-8") == letter.to_text()
    assert res.bytes_written == len(raw)
