"""The e-mail subject survives RFC 2047 (issue 15, item 5: «Узбекистанагрозят») and carries no
second label ("Subject: Objet : …")."""

from __future__ import annotations

import email
from email.header import decode_header, make_header
from email.policy import default

import pytest

from tests.letters.conftest import DAY
from ua_writer.core.compose import compose_letter
from ua_writer.core.mail import MailDraft, draft_for, eml_bytes

SUBJECTS = [
    "Выходцу из Узбекистана грозят экстрадиция и пытки",
    "Россия выдает Таджикистану гражданина, ищущего убежища",
    "О выдаче Юсупа Касымахунова Узбекистану (UA 123/45) и ещё немного слов, чтобы строка "
    "сложилась трижды в заголовке письма",
    "Nizomhon Juraev – menace d’extradition vers le Tadjikistan",
    "Plain ASCII subject that is long enough to be folded by the email package somewhere or other",
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_every_space_of_the_subject_survives(subject):
    data = eml_bytes(MailDraft(to=["a@example.org"], cc=[], subject=subject, body="Text",
                               language="ru"))
    raw = data.split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert all(len(line) <= 78 for line in raw.split("\r\n"))
    # the modern parser, and the classic decoder many mail programs follow
    assert email.message_from_bytes(data, policy=default)["Subject"] == subject
    folded = raw.split("Subject: ", 1)[1].split("\r\nX-Unsent")[0].replace("\r\n", "")
    assert str(make_header(decode_header(folded))) == subject
    assert raw.count("Subject:") == 1


@pytest.mark.parametrize("lang", ["ru", "en", "de", "fr", "es"])
def test_the_subject_is_the_letters_without_its_label(seeds, berlin, lang):
    action = seeds["kasymakhunov-2012"]          # the bundled UA whose recipients have e-mail
    r = next(r for r in action.main_recipients() if r.email)
    letter = compose_letter(action, r, lang, berlin, DAY)
    draft = draft_for(letter, action, r, profile=berlin)
    assert draft.subject == letter.meta["subject_text"]
    assert not draft.subject.startswith(("Objet", "Asunto", "Subject"))
    assert letter.subject.endswith(draft.subject)
