"""Drafts written before the sender profile existed get the profile's sender block and signature;
nothing else in them changes, and drafts whose sender block the user edited are left alone."""

from __future__ import annotations

import datetime as dt

from ua_writer import paths
from ua_writer.core import packs
from ua_writer.core.compose import compose_letter
from ua_writer.core.errors import NotFoundError
from ua_writer.core.model import Draft, SenderProfile
from ua_writer.core.signing import sign_drafts, sign_text

DAY = dt.date(2011, 4, 1)
PROFILE = SenderProfile(name="Anna Kovač", names={"ru": "Анна Ковач"},
                        address_lines=["Hauptstraße 1", "10115 Berlin"], city="Berlin", country="DE",
                        email="anna@example.org", gender="f")
EDIT = "Прошу ответить мне лично."


def _action(action_id="juraev-2011"):
    return packs.load(paths.bundled_actions_dir() / f"{action_id}.json")


def _letters(lang="ru", recipient="prosecutor-general"):
    a = _action()
    return (compose_letter(a, recipient, lang, SenderProfile(), DAY),
            compose_letter(a, recipient, lang, PROFILE, DAY))


def _edited(unsigned):
    """The placeholder letter with one paragraph added by the user."""
    text = unsigned.to_text()
    first = unsigned.paragraphs[0]
    return text.replace(first, first + "\n\n" + EDIT, 1)


def test_placeholder_sender_and_signature_are_replaced_and_edits_kept():
    unsigned, signed = _letters()
    assert unsigned.sender == ["[Ваше имя]", "[Ваш адрес]"] and unsigned.signature == ["[Ваше имя]"]
    draft = _edited(unsigned)
    out = sign_text(draft, unsigned, signed)
    assert out is not None
    assert "[Ваше имя]" not in out and "[Ваш адрес]" not in out
    assert out.startswith("Анна Ковач\nHauptstraße 1\n10115 Berlin\n")
    assert out.rstrip().endswith("С уважением,\nАнна Ковач\n\nКопия:\nМосковскому городскому суду")
    assert EDIT in out
    # exactly the sender block and the signature changed; every other line is the user's
    removed = [ln for ln in draft.splitlines() if ln not in out.splitlines()]
    assert removed == ["[Ваше имя]", "[Ваш адрес]", "[Ваше имя]"]
    # the date line keeps what the draft says (no town added behind the user's back)
    assert unsigned.place_date in out.splitlines()


def test_english_letter_too():
    unsigned, signed = _letters("en")
    out = sign_text(_edited(unsigned), unsigned, signed)
    assert out is not None and "[Your name]" not in out and out.startswith("Anna Kovač\n")


def test_a_sender_block_the_user_changed_is_left_alone():
    unsigned, signed = _letters()
    draft = _edited(unsigned).replace("[Ваш адрес]", "Москва, до востребования", 1)
    assert sign_text(draft, unsigned, signed) is None
    # a signed sender block with a placeholder signature left: also not a placeholder letter
    draft = _edited(unsigned).replace("[Ваше имя]\n[Ваш адрес]", "Анна\nМосква", 1)
    assert sign_text(draft, unsigned, signed) is None


def test_the_signature_is_kept_when_the_user_signed_by_hand():
    unsigned, signed = _letters()
    draft = _edited(unsigned).replace("С уважением,\n[Ваше имя]", "С уважением,\nАня", 1)
    out = sign_text(draft, unsigned, signed)
    assert out is not None and out.startswith("Анна Ковач\n") and "С уважением,\nАня\n" in out


def test_text_the_round_trip_would_move_is_not_touched():
    unsigned, signed = _letters()
    # a P.S. after the copies list would be merged elsewhere by to_text(): leave the draft alone
    draft = _edited(unsigned).replace("С уважением,\n[Ваше имя]", "С уважением,\n[Ваше имя]\n\nP.S. Жду ответа.", 1)
    assert sign_text(draft, unsigned, signed) is None


def test_sign_drafts_picks_only_placeholder_drafts():
    unsigned, _signed = _letters()
    en_unsigned, _ = _letters("en")
    actions = {"juraev-2011": _action()}

    def get_action(action_id):
        if action_id not in actions:
            raise NotFoundError(f"no action {action_id}")
        return actions[action_id]

    drafts = [
        Draft("juraev-2011", "ru", "prosecutor-general", _edited(unsigned), "t"),
        Draft("juraev-2011", "en", "prosecutor-general", "Dear sir, I wrote this all myself.", "t"),
        # (key, text) pairs work too; text after the copies list: not touched
        (("juraev-2011", "en", "prosecutor-general"), en_unsigned.to_text() + "\nP.S. Please reply.\n"),
        Draft("gone", "ru", "x", _edited(unsigned), "t"),                   # unknown action
        Draft("juraev-2011", "ru", "nobody", _edited(unsigned), "t"),       # unknown recipient
    ]
    found = sign_drafts(drafts, get_action, PROFILE, DAY)
    assert [f.key for f in found] == [("juraev-2011", "ru", "prosecutor-general")]
    assert found[0].template == compose_letter(_action(), "prosecutor-general", "ru", PROFILE, DAY).to_text()
    assert EDIT in found[0].text and "[Ваше имя]" not in found[0].text
    assert sign_drafts(drafts, get_action, SenderProfile(), DAY) == []
