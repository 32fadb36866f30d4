"""Mail-merge with the user's edits: what the user changed goes to every signer as written, the
rest stays as composed for each signer (their sender block, date line, gender agreement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from ua_writer.cli import main
from ua_writer.services import mailmerge as batch
from ua_writer.core.model import SenderProfile

pytest.importorskip("ua_writer.core.compose")

DAY = dt.date(2011, 5, 3)
ME = SenderProfile(name="Claire Martin", address_lines=["1 rue de la Paix", "75002 Paris"],
                   city="Paris", country="FR", gender="f", languages=["fr"])
HIM = SenderProfile(name="Paul Durand", address_lines=["2 quai Saint-Michel", "69002 Lyon"],
                    city="Lyon", country="FR", gender="m", languages=["fr"])


@pytest.fixture
def action():
    from ua_writer.core.store import open_store

    store = open_store()
    try:
        return store.get_action("juraev-2011")
    finally:
        store.close()


def _job(action, tmp_path, lang="fr"):
    return batch.BatchJob(action, "prosecutor-general", lang, tmp_path / "out", DAY)


def test_unedited_draft_gives_each_signer_the_template(action, tmp_path):
    job = _job(action, tmp_path)
    mine = batch.compose_for(job, ME)
    edits = batch.edits_from_text(job, ME, mine.to_text())
    assert not edits.changed
    job.edits = edits
    assert batch.compose_for(job, HIM) == batch.compose_for(_job(action, tmp_path), HIM)


def test_changed_paragraph_travels_and_untouched_ones_agree_with_each_signer(action, tmp_path):
    job = _job(action, tmp_path)
    mine = batch.compose_for(job, ME)
    # the French template thanks "... me tenir informée" for a woman, "informé" for a man
    assert any("informée" in p for p in mine.paragraphs)
    removed = mine.paragraphs[3]
    paragraphs = [p for p in mine.paragraphs if p != removed]  # a paragraph I deleted
    paragraphs[0] = "Notre groupe de Lyon suit ce cas depuis des mois."
    paragraphs.insert(2, "Un paragraphe ajouté par moi.")
    edited = replace(mine, paragraphs=paragraphs, salutation="Monsieur le Procureur,")
    job.edits = batch.edits_from_text(job, ME, edited.to_text())
    assert job.edits.changed
    his = batch.compose_for(job, HIM)
    plain = batch.compose_for(_job(action, tmp_path), HIM)
    assert his.paragraphs[0] == "Notre groupe de Lyon suit ce cas depuis des mois."
    assert "Un paragraphe ajouté par moi." in his.paragraphs
    assert removed not in his.paragraphs
    assert his.paragraphs == ["Notre groupe de Lyon suit ce cas depuis des mois.", plain.paragraphs[1],
                              "Un paragraphe ajouté par moi.", plain.paragraphs[2],
                              plain.paragraphs[4], plain.paragraphs[5]]
    assert his.salutation == "Monsieur le Procureur,"
    # what I left alone is composed for him: his gender, his sender block, date line, signature
    assert any("me tenir informé des suites" in p for p in his.paragraphs)
    assert not any("informée" in p for p in his.paragraphs)
    assert his.sender == plain.sender and his.place_date == plain.place_date
    assert his.signature == plain.signature and his.closing == plain.closing
    assert "Claire Martin" not in his.to_text()


def test_cli_from_draft_carries_the_saved_draft_to_every_signer(tmp_path, capsys):
    from docx import Document

    from ua_writer.core.store import open_store

    store = open_store()
    store.save_profile(ME)
    action = store.get_action("juraev-2011")
    job = _job(action, tmp_path, lang="en")
    mine = batch.compose_for(job, ME)
    text = mine.to_text().replace(mine.paragraphs[0], "Our school group in Lyon follows this case.")
    store.save_draft("juraev-2011", "en", "prosecutor-general", text)
    store.close()
    sheet = tmp_path / "signers.csv"
    sheet.write_text("name,city,country,gender\nPaul Durand,Lyon,FR,m\nZoe Petit,Lille,FR,f\n",
                     encoding="utf-8")
    out = tmp_path / "letters"
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "--lang", "en", "--to", "prosecutor-general", "-o", str(out), "--format", "docx",
                 "--from-draft"])
    assert code == 0, capsys.readouterr().err
    files = sorted(out.glob("*.docx"))
    assert len(files) == 2
    for f, name in zip(files, ("Paul Durand", "Zoe Petit")):
        body = "\n".join(p.text for p in Document(str(f)).paragraphs)
        assert "Our school group in Lyon follows this case." in body
        assert name in body and "Claire Martin" not in body


def test_cli_from_draft_to_a_copy_recipient_uses_the_main_letters_draft(tmp_path, capsys):
    """Copies are not edited on their own: the draft of the letter to the main recipient goes
    into every signer's copy letter, which is addressed to the copy recipient."""
    from docx import Document

    from ua_writer.core.store import open_store

    store = open_store()
    store.save_profile(ME)
    action = store.get_action("juraev-2011")
    mine = batch.compose_for(_job(action, tmp_path, lang="en"), ME)
    text = mine.to_text().replace(mine.paragraphs[0], "Our school group in Lyon follows this case.")
    store.save_draft("juraev-2011", "en", "prosecutor-general", text)
    store.close()
    sheet = tmp_path / "signers.csv"
    sheet.write_text("name,city,country,gender\nPaul Durand,Lyon,FR,m\n", encoding="utf-8")
    out = tmp_path / "copies"
    code = main(["--today", "2011-05-03", "batch", "juraev-2011", "--signers", str(sheet),
                 "--lang", "en", "--to", "moscow-city-court", "-o", str(out), "--format", "docx",
                 "--from-draft"])
    assert code == 0, capsys.readouterr().err
    (f,) = out.glob("*.docx")
    doc = Document(str(f))
    # the head (copy marker, sender, address, date) is a table laid out as the PDF's; the body follows
    head = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    body = "\n".join(head + [p.text for p in doc.paragraphs])
    assert "Our school group in Lyon follows this case." in body and "COPY" in body
    assert "Moscow City Court" in body and "Paul Durand" in body


def test_cli_from_draft_without_a_draft_is_one_clear_error(tmp_path, capsys):
    sheet = tmp_path / "signers.csv"
    sheet.write_text("name\nPaul Durand\n", encoding="utf-8")
    code = main(["batch", "juraev-2011", "--signers", str(sheet), "--lang", "en",
                 "--to", "prosecutor-general", "-o", str(tmp_path / "o"), "--from-draft"])
    err = capsys.readouterr().err
    assert code == 2 and "no saved draft" in err and err.count("\n") == 1


def test_worker_processes_speak_the_ui_language(action, tmp_path):
    """A worker started with "spawn" begins in English; _init_worker gives it the UI language of
    the process that started the batch, so per-letter failures read like the rest of the UI."""
    from ua_writer.core import i18n

    try:
        batch._init_worker(_job(action, tmp_path), None, None, "ru")
        assert i18n.current_language() == "ru"
        assert i18n._("the name is empty") == "имя не указано"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("closing", ["Bien à vous,", "Je vous prie d’agréer, Monsieur le Procureur, "
                                     "l’expression de ma haute et respectueuse considération."])
def test_a_changed_closing_goes_to_every_signer_above_their_own_name(action, tmp_path, closing):
    job = _job(action, tmp_path)
    mine = batch.compose_for(job, ME)
    text = mine.to_text().replace(mine.closing + "\n", closing + "\n", 1)
    job.edits = batch.edits_from_text(job, ME, text)
    assert job.edits.changed
    his = batch.compose_for(job, HIM)
    plain = batch.compose_for(_job(action, tmp_path), HIM)
    assert his.closing == closing
    assert his.signature == plain.signature and his.paragraphs == plain.paragraphs
    assert "Claire Martin" not in his.to_text()


def test_a_postscript_after_my_name_follows_every_signature(action, tmp_path):
    job = _job(action, tmp_path)
    mine = batch.compose_for(job, ME)
    end = mine.closing + "\n" + "\n".join(mine.signature) + "\n"  # closing and name, then copies
    assert mine.to_text().count(end) == 1
    text = mine.to_text().replace(end, end + "\nP.S. Merci de votre attention.\n")
    job.edits = batch.edits_from_text(job, ME, text)
    assert job.edits.changed
    his = batch.compose_for(job, HIM)
    plain = batch.compose_for(_job(action, tmp_path), HIM)
    assert his.signature == plain.signature + ["P.S. Merci de votre attention."]
    assert his.paragraphs == plain.paragraphs and his.closing == plain.closing


def test_drafts_the_merge_cannot_carry_are_a_clear_error(action, tmp_path):
    from ua_writer.core.errors import UserFacingError

    job = _job(action, tmp_path)
    mine = batch.compose_for(job, ME)
    with pytest.raises(UserFacingError, match="no text"):
        batch.edits_from_text(job, ME, "")
    no_end = mine.to_text().replace(mine.closing + "\n" + "\n".join(mine.signature), "Adieu.", 1)
    with pytest.raises(UserFacingError, match="closing line followed by your name"):
        batch.edits_from_text(job, ME, no_end)


def test_deleting_the_date_line_does_not_drop_the_subject(action, tmp_path):
    job = _job(action, tmp_path, lang="en")
    mine = batch.compose_for(job, ME)
    assert mine.subject
    job.edits = batch.edits_from_text(job, ME, mine.to_text().replace(mine.place_date + "\n", "", 1))
    assert batch.compose_for(job, HIM).subject == batch.compose_for(_job(action, tmp_path, "en"), HIM).subject
