"""The appeal-coverage heuristic (Qt-free) on the seeds' real appeal points."""

from __future__ import annotations

from ua_writer.core.coverage import coverage, stems


def test_stems_ignore_short_and_stop_words():
    assert stems("Please urge the authorities to release him") == {"urge", "releas"}
    assert stems("экстрадиции") == stems("экстрадировать") == {"экстра"}


def test_a_deleted_point_is_reported_even_when_names_remain():
    points = ["Призываю российские власти не выдавать Низомхона Джураева Таджикистану.",
              "Напоминаю российским властям об их обязанности не высылать никого в страну, где "
              "угрожают пытки."]
    intro = "Гражданину Таджикистана Низомхону Джураеву грозит выдача. Российские власти должны."
    names = "Nizomhon Juraev Низомхон Джураев Низомхона Джураева Низомхону Джураеву"
    full = "\n\n".join([intro, *points])
    assert [c.mentioned for c in coverage(points, full, names)] == [True, True]
    without_first = "\n\n".join([intro, points[1]])
    assert [c.mentioned for c in coverage(points, without_first, names)] == [False, True]
    paraphrased = intro + "\n\nЯ призываю вас не выдавать его Таджикистану.\n\n" + points[1]
    assert [c.mentioned for c in coverage(points, paraphrased, names)] == [True, True]


def test_empty_points_count_as_mentioned():
    assert coverage(["a b c"], "")[0].mentioned
