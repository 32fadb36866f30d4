"""E-mail drafts: recipients, RFC 6068 encoding, the length decision, the .eml draft, the CLI."""

from __future__ import annotations

import email
import email.policy
import importlib.util
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from ua_writer.core import mail
from ua_writer.core.errors import UserFacingError
from ua_writer.core.letter import Letter

HAS_COMPOSE = importlib.util.find_spec("ua_writer.core.compose") is not None


def letter(paragraphs=None, subject="О Мухаммаде Касымахунове") -> Letter:
    return Letter(language="ru", sender=["Анна Ковач", "Musterstraße 12", "10115 Berlin"],
                  place_date="28 апреля 2011 г.", addressee=["Генеральному прокурору", "Ю. Я. Чайке"],
                  subject=subject, salutation="Уважаемый Юрий Яковлевич!",
                  paragraphs=paragraphs or ["Прошу Вас не выдавать его & освободить; 100% срочно."],
                  closing="С уважением,", signature=["Анна Ковач"])


@pytest.fixture
def action(store):
    return store.get_action("kasymakhunov-2012")


def test_to_and_cc(action, berlin_profile):
    pg = action.recipient("prosecutor-general")
    d = mail.draft_for(letter(), action, pg, profile=berlin_profile)
    assert d.to == ["prgenproc@gov.ru"]
    assert d.cc == ["nikibor@vsrf.ru"]                    # the copy recipient with e-mail
    assert d.subject == "О Мухаммаде Касымахунове"
    assert d.body == letter().to_text()
    assert d.sender_email == "anna@example.org"
    # writing to the copy recipient itself: no Cc
    copy = mail.draft_for(letter(), action, action.recipient("supreme-court-chair"))
    assert copy.to == ["nikibor@vsrf.ru"] and copy.cc == []
    # no subject in the letter: the action's title in the letter language
    assert mail.draft_for(letter(subject=""), action, pg).subject == action.title_in("ru")


def test_recipient_without_email_names_the_ones_with(store):
    juraev = store.get_action("juraev-2011")
    with pytest.raises(UserFacingError, match="no e-mail address.*post or fax"):
        mail.draft_for(letter(), juraev, juraev.recipient("prosecutor-general"))
    kas = store.get_action("kasymakhunov-2012")
    kas.recipients[0].email = []
    with pytest.raises(UserFacingError, match="recipients with e-mail: mfa-third-cis-department"):
        mail.draft_for(letter(), kas, kas.recipients[0])
    kas.recipients[0].email = ["not an address"]
    with pytest.raises(UserFacingError, match="does not look like an e-mail address"):
        mail.draft_for(letter(), kas, kas.recipients[0])


def test_mailto_is_rfc6068_encoded_and_round_trips():
    d = mail.MailDraft(to=["a@example.org", "b+x@example.org"], cc=["c@example.org"],
                       subject="Re: 100% & more?", body="Строка 1\nLine 2 & 3 = ok?\n")
    url = mail.mailto_url(d)
    assert url.startswith("mailto:a@example.org,b+x@example.org?")
    assert " " not in url and "\n" not in url and "+" not in url.split("?", 1)[1]
    assert "%0D%0A" in url                                 # CRLF line breaks (RFC 6068 §5)
    assert "%26" in url and "%3D" in url and "%25" in url  # & = % never leak into the query
    parts = urlsplit(url)
    q = {k: [unquote(v) for v in vs] for k, vs in parse_qs(parts.query, keep_blank_values=True).items()}
    assert q["cc"] == ["c@example.org"]
    assert q["subject"] == ["Re: 100% & more?"]
    assert q["body"] == ["Строка 1\r\nLine 2 & 3 = ok?\r\n"]
    assert mail.mailto_url(d, with_body=False).count("body=") == 0


def test_short_letters_go_in_the_link_long_ones_to_the_clipboard(action):
    pg = action.recipient("prosecutor-general")
    short = mail.plan(mail.draft_for(letter(), action, pg))
    assert short.method == "mailto" and "body=" in short.url
    assert len(short.url) <= mail.MAILTO_SAFE_LENGTH
    long_letter = letter(paragraphs=["Прошу Вас освободить его немедленно. " * 20] * 4)
    d = mail.draft_for(long_letter, action, pg)
    p = mail.plan(d)
    assert p.method == "clipboard"
    assert "body=" not in p.url and "subject=" in p.url and p.body == d.body
    assert p.full_length > mail.MAILTO_SAFE_LENGTH >= len(p.url)


def test_eml_is_an_unsent_utf8_draft(action, berlin_profile, tmp_path):
    d = mail.draft_for(letter(), action, action.recipient("prosecutor-general"), profile=berlin_profile)
    target = tmp_path / "draft.eml"
    mail.write_eml(d, target)
    raw = target.read_bytes()
    assert b"\r\n" in raw and raw.isascii()               # 7-bit safe on the wire
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "prgenproc@gov.ru" and msg["Cc"] == "nikibor@vsrf.ru"
    assert msg["Subject"] == "О Мухаммаде Касымахунове"
    assert msg["From"].addresses[0].display_name == "Anna Kovač"
    assert msg["Content-Language"] == "ru"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n") == d.body


@pytest.mark.skipif(not HAS_COMPOSE, reason="ua_writer.core.compose not landed yet")
def test_cli_email_link_and_eml(cli, tmp_path):
    code, out, err = cli("email", "kasymakhunov-2012", "--to", "prosecutor-general", "--lang", "ru")
    assert code == 0, err
    url = out.strip()
    assert url.startswith("mailto:prgenproc@gov.ru?cc=nikibor%40vsrf.ru") or \
        url.startswith("mailto:prgenproc@gov.ru?cc=nikibor@vsrf.ru")
    if "body=" not in url:                                # a long letter: warned, short link
        assert "too long for a mailto: link" in err
    target = tmp_path / "k.eml"
    code, out, err = cli("email", "kasymakhunov-2012", "--to", "prosecutor-general", "--lang", "ru",
                         "--eml", str(target))
    assert code == 0, err
    assert "mark-sent kasymakhunov-2012 --to prosecutor-general --lang ru --channel email" in out
    msg = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and "Касымахунов" in msg.get_content()


@pytest.mark.skipif(not HAS_COMPOSE, reason="ua_writer.core.compose not landed yet")
def test_cli_email_uses_the_saved_draft(cli, store):
    store.save_draft("kasymakhunov-2012", "ru", "prosecutor-general", "Мой текст.\n")
    code, out, err = cli("email", "kasymakhunov-2012", "--to", "prosecutor-general", "--lang", "ru")
    assert code == 0, err
    assert "body=%D0%9C%D0%BE%D0%B9" in out               # "Мой" percent-encoded


def test_cli_email_errors(cli):
    code, _, err = cli("email", "kasymakhunov-2012", "--to", "nobody")
    assert code == 2 and "no recipient 'nobody'" in err
    if HAS_COMPOSE:
        code, _, err = cli("email", "juraev-2011", "--to", "prosecutor-general")
        assert code == 2 and "no e-mail address" in err
