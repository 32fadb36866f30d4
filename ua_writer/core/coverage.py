"""Appeal coverage: which of an action's appeal points an (edited) letter text still mentions.

A deliberately simple, robust heuristic shared by the editor's status line and the appeal
checklist: each point is reduced to its *significant* words (long enough, not a stop word), each
word to a short prefix stem (so Russian and German inflections still match: "экстрадиции" and
"экстрадировать" share "экстра"), keeping the stems that set it apart from the other points and
from words found everywhere in the letter (names); a point counts as mentioned when most of those
stems occur in the letter. It never claims more than it knows: a point with no significant words counts as mentioned.
Pure Python; no Qt, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
MIN_WORD = 4
STEM = 6
#: share of a point's stems that must occur in the text
THRESHOLD = 0.6

_STOP = set("""
about above after again against also because been before being below between both could does
doing down during each from further have having here into itself just more most other over same
should some such than that their them then there these they this those through under until very
were what when where which while will with would your yours please that authorities
если чтобы также этого этой этот этих которые который которая которых может могут быть было были
всех всем свой своих своей ваше ваши вашей вашего
""".split())


@dataclass(frozen=True)
class PointCoverage:
    point: str
    mentioned: bool
    score: float  # share of the point's significant stems found in the text, 0..1


def stems(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.casefold()):
        if len(w) < MIN_WORD or w.isdigit() or w in _STOP:
            continue
        out.add(w[:STEM])
    return out


def coverage(points: list[str], text: str, ignore: str = "") -> list[PointCoverage]:
    """Which ``points`` ``text`` mentions. Each point is judged by its *distinctive* stems: those
    not shared with the other points nor with ``ignore`` (e.g. the people's names, which appear all
    over a letter and say nothing about which appeal is made)."""
    have = stems(text)
    common = stems(ignore)
    per_point = [stems(p) for p in points]
    result = []
    for i, point in enumerate(points):
        own = per_point[i] - common
        others = set().union(*(s for j, s in enumerate(per_point) if j != i))
        want = (own - others) or own or per_point[i]
        if not want:
            result.append(PointCoverage(point, True, 1.0))
            continue
        score = len(want & have) / len(want)
        result.append(PointCoverage(point, score >= THRESHOLD, score))
    return result
