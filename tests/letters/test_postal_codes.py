"""One address, one postal code, in every language (issue 15, item 7: the Moscow Regional Court
was `123402 Moscow region` in English letters and `143402` in Russian ones)."""

from __future__ import annotations

import re

import pytest

from tests.letters.conftest import DAY, LANGS, UA_IDS
from ua_writer.core.compose import compose_letter
from ua_writer.core.lang import get_rules

POSTCODE = re.compile(r"(?<!\d)\d{6}(?!\d)")       # Russian postal codes: six digits


def _codes(lines):
    return {m for line in lines for m in POSTCODE.findall(line)}


@pytest.mark.parametrize("action_id", UA_IDS)
def test_every_language_prints_the_same_postal_code(seeds, berlin, action_id):
    action = seeds[action_id]
    for r in action.recipients:
        codes = {lang: _codes(get_rules(lang).addressee_block(r, sender_country="DE")) for lang in LANGS}
        assert len({frozenset(c) for c in codes.values()}) == 1, (r.id, codes)
        assert len(codes["ru"]) == 1, (r.id, codes)


def test_the_krasnogorsk_post_office_code(seeds, berlin):
    action = seeds["azimov-2011"]
    main = action.main_recipients()[0]
    for lang in LANGS:
        letter = compose_letter(action, "moscow-regional-court", lang, berlin, DAY, copy_of=main)
        assert _codes(letter.addressee) == {"143402"}, lang


def test_a_hand_checked_latin_address_serves_every_latin_letter():
    from ua_writer.core.model import LocalizedRecipient, Recipient

    r = Recipient(id="c", organization="Court", address_lines=["123402 Moscow region"], country="RU",
                  localized={"en": LocalizedRecipient(address_lines=["143402 Moscow region"])})
    for lang in ("en", "de", "fr", "es"):
        assert "143402 Moscow region" in get_rules(lang).addressee_block(r, sender_country="DE")


def test_one_country_line_rule_for_letter_and_envelope(seeds, berlin):
    """The letter in the window and the envelope name the country alike (issue 15, Typography:
    the letter said «РОССИЯ / RUSSIAN FEDERATION», the envelope «RUSSLAND / РОССИЯ»)."""
    from ua_writer.export.envelope import postal_lines

    action = seeds["juraev-2011"]
    r = action.recipient("prosecutor-general")
    for lang in LANGS:
        letter = compose_letter(action, r, lang, berlin, DAY)
        assert letter.addressee[-1] == postal_lines(r, lang, berlin)[-1] == "RUSSLAND / РОССИЯ"
