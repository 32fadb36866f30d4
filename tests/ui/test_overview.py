"""Issue 14 item 6: the Letters overview (deadlines coming up, drafts and sent letters across
actions; its model tested without a view; a row opens its letter) and the letter pane's note
that this letter was already sent."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ua_writer.services import overview, records
from ua_writer.services.overview import OverviewRow
from ua_writer.ui.models.overview_model import LettersOverviewModel

from .conftest import select

TODAY = dt.date(2011, 4, 1)


def test_model_without_a_view(qapp):
    rows = [OverviewRow("deadline", "a", "Soon", None, None, dt.date(2011, 4, 5),
                        deadline=dt.date(2011, 4, 5)),
            OverviewRow("draft", "b", "Drafted", "r1", "ru", dt.date(2011, 3, 30)),
            OverviewRow("sent", "c", "Sent one", "r2", "de", dt.date(2011, 3, 2), "fax")]
    model = LettersOverviewModel(TODAY, lambda aid, rid: f"{aid}:{rid}")
    model.set_rows(rows)
    M = LettersOverviewModel
    assert model.rowCount() == 3 and model.columnCount() == 5
    assert model.headerData(M.COL_ACTION, Qt.Orientation.Horizontal) == "Action"
    assert model.index(0, M.COL_STATE).data() == "4 days left"
    assert model.index(0, M.COL_STATE).data(Qt.ItemDataRole.ForegroundRole) is not None  # ≤ 7 days
    assert model.index(0, M.COL_DATE).data() == "Apr 5, 2011"
    assert model.index(0, M.COL_RECIPIENT).data() == ""
    assert model.index(0, 0).data(M.LetterRole) == ("a", None, None)
    assert model.index(1, M.COL_STATE).data() == "Draft"
    assert model.index(1, M.COL_RECIPIENT).data() == "b:r1"
    assert model.index(1, M.COL_LANGUAGE).data() == "Russian"
    assert model.index(2, M.COL_STATE).data() == "Sent by fax"
    assert model.index(2, 0).data(M.LetterRole) == ("c", "de", "r2")
    assert model.index(2, 0).data(M.KindRole) == "sent"
    assert model.index(2, 0).data(M.DateRole) == dt.date(2011, 3, 2)
    assert model.index(5, 0).data() is None


def test_service_lists_deadlines_drafts_and_sent(window):
    store = window.store
    rows = store.action_rows()
    dated = sorted((r for r in rows if r.deadline), key=lambda r: r.deadline)
    today = dated[0].deadline - dt.timedelta(days=3)
    a, b = dated[0], dated[1]
    ra = store.get_action(a.id).main_recipients()[0]
    store.save_draft(a.id, "en", ra.id, "Dear ...")
    records.mark_sent(store, b.id, store.get_action(b.id).main_recipients()[0].id, "en", "post", today)
    got = overview.letters_overview(store, today)
    kinds = [(r.kind, r.action_id) for r in got]
    assert ("deadline", a.id) in kinds and ("draft", a.id) in kinds and ("sent", b.id) in kinds
    # an action with a letter sent is not "coming up" any more; deadlines come first
    assert ("deadline", b.id) not in kinds
    assert got[0].kind == "deadline"
    assert all(0 <= r.days_left(today) <= overview.HORIZON_DAYS for r in got if r.kind == "deadline")
    assert overview.last_sent(store, a.id, "en", ra.id) is None


def test_overview_dock_opens_the_letter_and_follows_changes(window, qtbot):
    aid = window.action.id
    lp = window.letter_panel
    rid, lang = lp.current_recipient_id(), lp.current_language()
    window.registry["letters_overview"].trigger()
    dock = window.overview
    assert dock.objectName() == "lettersOverview" and dock.isVisible()
    def kinds():
        return [(dock.model.row(i).kind, dock.model.row(i).action_id) for i in range(dock.model.rowCount())]

    assert ("sent", aid) not in kinds()
    assert window.record_sent(rid, lang, "fax", window.today)
    # refreshed through apply_changes: the letter is listed as sent, its deadline no longer
    assert ("sent", aid) in kinds() and ("deadline", aid) not in kinds()
    # the pane says this letter went out
    assert lp.sent_note.isVisibleTo(window)
    assert "Apr 1, 2011" in lp.sent_note.text() and "fax" in lp.sent_note.text()
    # open another action, then the sent row brings the letter back
    other = next(r.id for r in window.store.action_rows() if r.id != aid)
    select(window, other)
    assert window.action.id == other
    row = next(i for i in range(dock.proxy.rowCount())
               if dock.proxy.index(i, 0).data(LettersOverviewModel.KindRole) == "sent")
    dock.view.activated.emit(dock.proxy.index(row, 0))
    assert window.action.id == aid
    assert (lp.current_language(), lp.current_recipient_id()) == (lang, rid)
    assert lp.sent_note.isVisibleTo(window)
    window.registry["letters_overview"].trigger()
    assert not dock.isVisible()


def test_sent_note_hidden_for_a_letter_not_sent(window):
    assert not window.letter_panel.sent_note.isVisibleTo(window)
