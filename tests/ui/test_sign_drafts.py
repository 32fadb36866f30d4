"""A draft written before the sender profile existed: saving the profile offers (default yes) to
put the profile's name and address where the draft still says "[Ваше имя]"/"[Your name]";
other edits and hand-signed drafts stay exactly as they were."""

from __future__ import annotations

from .conftest import fill_profile, select, type_text

TYPED = " Прошу ответить мне лично"
HAND_SIGNED = "Jane Doe\nLondon\n\n1 April 2011\n\nDear Sir,\n\nI wrote this myself.\n\nYours,\nJane\n"


def _draft_with_placeholders(window, qtbot, fake_prompts):
    """Type into the Russian letter to the Prosecutor General while there is no profile."""
    # the first start asked for the profile once the loop ran; it was cancelled
    qtbot.waitUntil(lambda: ("dialog", "profileDialog") in fake_prompts.calls)
    lp = select(window, "juraev-2011", "ru", "prosecutor-general")
    assert lp.text().startswith("[Ваше имя]\n[Ваш адрес]\n")
    first = lp.composed_letter().paragraphs[0]
    cursor = lp.editor.textCursor()
    cursor.setPosition(len(lp.text()[:lp.text().index(first) + len(first)].encode("utf-16-le")) // 2)
    lp.editor.setTextCursor(cursor)
    lp.editor.setFocus()
    with qtbot.waitSignal(window.keeper.draft_saved, timeout=5000):
        type_text(qtbot, lp.editor, TYPED)
    # another letter of the same action that the user signed by hand
    window.store.save_draft("juraev-2011", "en", "prosecutor-general", HAND_SIGNED)
    return lp


def test_saving_the_profile_signs_placeholder_drafts(window, qtbot, fake_prompts):
    lp = _draft_with_placeholders(window, qtbot, fake_prompts)
    before = lp.text()
    fake_prompts.on_dialog = fill_profile
    with qtbot.waitSignal(window.keeper.draft_saved, timeout=5000):
        assert window.edit_profile()
    asked = [c for c in fake_prompts.calls if c[0] == "question"]
    assert len(asked) == 1 and asked[0][1] == "Sign your drafts?" and "1 draft was" in asked[0][2]
    # the editor shows the signed draft: name and address in, the typed words kept
    text = lp.text()
    assert text.startswith("Анна Ковач\nHauptstraße 1\n10115 Berlin\nГермания\n")
    assert "[Ваше имя]" not in text and "[Ваш адрес]" not in text
    assert TYPED.strip() in text and "С уважением,\nАнна Ковач" in text
    assert [ln for ln in before.splitlines() if ln not in text.splitlines()] == \
        ["[Ваше имя]", "[Ваш адрес]", "[Ваше имя]"]
    assert lp.is_edited()
    # on disk too; the hand-signed draft is untouched
    qtbot.waitUntil(lambda: window.store.get_draft("juraev-2011", "ru", "prosecutor-general").text == text)
    assert window.store.get_draft("juraev-2011", "en", "prosecutor-general").text == HAND_SIGNED
    # saving the profile again: nothing left to sign, nothing asked
    fake_prompts.calls.clear()
    assert window.edit_profile()
    assert "question" not in fake_prompts.kinds()


def test_declining_keeps_the_drafts_as_they_are(window, qtbot, fake_prompts):
    lp = _draft_with_placeholders(window, qtbot, fake_prompts)
    before = lp.text()
    fake_prompts.on_dialog = fill_profile
    fake_prompts.answer = False
    assert window.edit_profile()
    assert "question" in fake_prompts.kinds()
    assert lp.text() == before
    window.keeper.flush()
    assert window.store.get_draft("juraev-2011", "ru", "prosecutor-general").text == before
