"""Warnings as data (core/notices.py): a code plus parameters; the sentence is rendered in the UI
language where it is shown, callers decide by the code, and a Notice survives pickling (the mail
merge's worker processes)."""

from __future__ import annotations

import datetime as _dt
import pickle

import pytest

from ua_writer.core import i18n, notices
from ua_writer.core.notices import Notice


@pytest.fixture
def back_to_english():
    yield
    i18n.set_language("en")


def test_a_notice_is_its_sentence_and_its_data(back_to_english):
    n = Notice("pages", n=3)
    assert n == "the letter runs to 3 pages" and n.code == "pages" and n.params == {"n": 3}
    i18n.set_language("ru")
    assert n.render() == "письмо занимает 3 страницы"       # rendered where it is shown
    assert str(n) == "the letter runs to 3 pages"           # the text it was made with
    copy = pickle.loads(pickle.dumps(n))
    assert copy.code == "pages" and copy.params == {"n": 3} and copy == "письмо занимает 3 страницы"


def test_unknown_codes_are_bugs():
    with pytest.raises(KeyError):
        Notice("no-such-code")


def test_compose_and_the_pdf_layout_speak_in_notices(tmp_path):
    from tests.export.sample_letters import long_russian_letter
    from ua_writer.core.compose import compose_letter
    from ua_writer.core.store import open_store
    from ua_writer.export.pdf import layout_letter

    with open_store(tmp_path / "db.sqlite3") as store:
        action = store.get_action("juraev-2011")
    letter = compose_letter(action, "prosecutor-general", "ru", None, _dt.date(2011, 4, 1))
    assert [notices.code(w) for w in letter.warnings] == ["no_profile"]
    layout = layout_letter(long_russian_letter(), "a4")
    assert "pages" in [notices.code(w) for w in layout.warnings]
    assert notices.code("a plain sentence") is None and notices.render("a plain sentence") == "a plain sentence"


def test_envelopes_fax_covers_and_labels_speak_in_notices(tmp_path, back_to_english):
    """The add-ons' warnings are data too (issue #13): the envelope without a sender profile, the
    fax cover for a recipient without a fax, the label for a recipient without an address."""
    import dataclasses
    import io

    from ua_writer.core.model import Recipient
    from ua_writer.core.store import open_store
    from ua_writer.export import envelope, labels

    with open_store(tmp_path / "db.sqlite3") as store:
        action = store.get_action("juraev-2011")
    recipient = next(r for r in action.recipients if envelope.has_postal_address(r))
    lay = envelope.render_envelope(recipient, "ru", None, io.BytesIO())
    assert "envelope_no_return" in [notices.code(w) for w in lay.warnings]
    nowhere = Recipient(id="nowhere", title="Nobody")
    bare = dataclasses.replace(action, recipients=[nowhere])
    _addresses, warnings = labels.addresses_for([bare], None)
    assert [notices.code(w) for w in warnings] == ["label_no_address"]
    from ua_writer.core.compose import compose_letter
    from ua_writer.export import faxcover

    no_fax = dataclasses.replace(recipient, fax="")
    letter = compose_letter(dataclasses.replace(action, recipients=[no_fax]), no_fax.id, "ru", None,
                            _dt.date(2011, 4, 1))
    _pages, _letter_pages, fax_warnings = faxcover.render_fax(letter, no_fax, None, action, io.BytesIO(),
                                                              cover_only=True)
    assert "no_fax" in [notices.code(w) for w in fax_warnings]
    shown = lay.warnings + warnings + fax_warnings
    i18n.set_language("ru")
    assert all(w.render() != str(w) for w in shown if notices.code(w))  # in the UI's language
