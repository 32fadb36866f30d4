"""Russian forms for imported recipients and persons, suggested and always marked for review.

UAs about Russia, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan, Turkmenistan, Azerbaijan
and Armenia arrive in Latin script, but their letters are best written in Russian. For every
recipient whose office is in ``directory/offices.json`` (Prosecutor General, President, ministers,
the Investigative Committee, the penitentiary service, the human rights commissioner, the Supreme
Court, embassies …) this sets ``localized["ru"].title`` to the office's Russian nominative title
(the letter grammar, core/lang/ru.py, makes the dative), and suggests a Cyrillic spelling of
recipients' and persons' names with the rules of ``directory/translit_ru.json``. Every suggestion
is recorded in ``ImportResult.fields`` below LOW_CONFIDENCE, so the import review lists it as
doubtful; nothing here is trusted silently. No Qt.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

from ua_writer.core.importer import fields as F
from ua_writer.core.importer.result import GUESS, FieldInfo, ImportResult
from ua_writer.core.model import LocalizedRecipient

DIR = Path(__file__).with_name("directory")
#: confidence of a suggested Russian form: always below LOW_CONFIDENCE (0.6)
SUGGESTED = 0.55
_VOWELS = set("aeiouyəöüı")


@functools.cache
def _offices() -> dict:
    return json.loads((DIR / "offices.json").read_text(encoding="utf-8"))


@functools.cache
def _translit() -> dict:
    data = json.loads((DIR / "translit_ru.json").read_text(encoding="utf-8"))
    return {k: (sorted(v.items(), key=lambda kv: -len(kv[0])) if isinstance(v, dict) else v)
            for k, v in data.items() if not k.startswith("_")}


def _fold(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return re.sub(r"\s+", " ", "".join(c for c in t if not unicodedata.combining(c))).strip()


def office_title(title: str | None, country: str | None) -> str | None:
    """"Prosecutor General of the Republic of Belarus", "BY" -> "Генеральный прокурор Республики Беларусь"."""
    if not title or not country:
        return None
    data = _offices()
    state = data["states"].get(country)
    if not state:
        return None
    low = _fold(title)
    for office in data["offices"]:
        if office.get("countries") and country not in office["countries"]:
            continue
        if any(re.search(rf"(?<!\w){re.escape(_fold(m))}(?!\w)", low) for m in office["match"]):
            return office["ru"].replace("{state}", state)
    return None


def cyrillic(name: str | None) -> str | None:
    """A Cyrillic spelling of a Latin-script name ("Yurii Yakovlevich Chaika" -> "Юрий Яковлевич
    Чайка"), or None when the name is Cyrillic already or has letters the rules do not know."""
    if not name or re.search(r"[\u0400-\u04ff]", name) or not re.search(r"[A-Za-z]", name):
        return None
    parts = re.split(r"(\s+|-)", name)
    out = "".join(p if re.fullmatch(r"\s+|-", p) else _word(p) for p in parts)
    return None if re.search(r"[A-Za-z]", out) else out


def _word(word: str) -> str:
    t = _translit()
    low = word.lower().replace("’", "'")
    out: list[str] = []
    i = 0
    n = len(low)
    while i < n:
        prev_vowel = i > 0 and low[i - 1] in _VOWELS
        hit = None
        if i == 0:
            hit = next(((k, v) for k, v in t["initial"] if low.startswith(k)), None)
        if hit is None:
            for k, v in t["final"]:
                if i + len(k) == n and low.endswith(k):
                    after = dict(t["final_after_vowel"])
                    hit = (k, after[k]) if prev_vowel and k in after else (k, v)
                    break
        if hit is None and prev_vowel:
            for k, v in t["after_vowel"]:
                if low.startswith(k, i):
                    nxt = low[i + len(k)] if i + len(k) < n else ""
                    if k == "i" and nxt and nxt in _VOWELS:
                        continue
                    hit = (k, "й" if k == "i" and nxt and nxt not in _VOWELS else v)
                    break
        if hit is None:
            hit = next(((k, v) for k, v in t["rules"] if low.startswith(k, i)), (low[i], low[i]))
        out.append(hit[1])
        i += len(hit[0])
    res = "".join(out)
    if word[:1].isupper():
        res = res[:1].upper() + res[1:]
    return res


def suggest(result: ImportResult) -> None:
    """Add suggested Russian forms to ``result.action`` for the states in the office directory."""
    a = result.action
    states = _offices()["states"]
    action_country = a.country if a.country in states else None
    for k, r in enumerate(a.recipients):
        if r.localized.get("ru"):
            continue
        country = r.country if r.country in states else None
        if country is None:
            in_title = F.country_in_text(r.title or r.organization or "")
            country = in_title if in_title in states else action_country
        if country is None:
            continue
        loc = LocalizedRecipient()
        title = office_title(" ".join(x for x in (r.title, r.organization) if x), country)
        if title:
            loc.title = title
            result.fields[f"recipients[{k}].localized.ru.title"] = FieldInfo(
                SUGGESTED, None, f"{r.title or r.organization} → {title}")
        name = cyrillic(r.name)
        if name:
            loc.name = name
            result.fields[f"recipients[{k}].localized.ru.name"] = FieldInfo(GUESS, None, f"{r.name} → {name}")
        if loc.title or loc.name:
            r.localized["ru"] = loc
    if action_country or any("ru" in r.localized for r in a.recipients):
        for k, p in enumerate(a.persons):
            if "ru" in p.names:
                continue
            name = cyrillic(p.name)
            if name:
                p.names["ru"] = name
                result.fields[f"persons[{k}].names.ru"] = FieldInfo(GUESS, None, f"{p.name} → {name}")


__all__ = ["suggest", "office_title", "cyrillic", "SUGGESTED"]
