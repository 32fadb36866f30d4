"""English letter rules: British conventions ("3 May 2011", "Dear Prosecutor General,", "Yours
sincerely," — "Yours faithfully," after "Dear Sir or Madam,"), and appeal points turned from the
UA's instructions ("Urge the authorities…") into the writer's own sentences ("I urge the
authorities…"). No Qt, no I/O.
"""

from __future__ import annotations

import re

from ua_writer.core import formatting
from ua_writer.core.lang import LanguageRules, LocalFields
from ua_writer.core.model import Recipient

#: UA instruction verbs (imperative or "-ing" form) -> the letter writer's first person
_FIRST_PERSON = [
    (r"(?:call|calling)\s+(on|upon|for)", r"I call \1"),
    (r"(?:urge|urging)", "I urge"),
    (r"(?:remind|reminding)", "I remind"),
    (r"(?:ask|asking)", "I ask"),
    (r"(?:express|expressing)", "I express"),
    (r"(?:request|requesting)", "I request"),
    (r"(?:insist|insisting)", "I insist"),
    (r"(?:seek|seeking)", "I seek"),
    (r"(?:welcome|welcoming)", "I welcome"),
    (r"(?:acknowledge|acknowledging)", "I acknowledge"),
    (r"(?:stress|stressing)", "I stress"),
    (r"(?:emphasi[sz]e|emphasi[sz]ing)", "I emphasise"),
    (r"(?:point|pointing)\s+out", "I point out"),
    (r"(?:recall|recalling)", "I recall"),
    (r"(?:note|noting)", "I note"),
    (r"(?:demand|demanding)", "I demand"),
]
_FIRST_PERSON_RE = [(re.compile(rf"^{pat}\b(?!\s*:)", re.I), rep) for pat, rep in _FIRST_PERSON]

TITLES = {
    "prosecutor general": ("Prosecutor General", "Prosecutor General"),
    "general prosecutor": ("Prosecutor General", "Prosecutor General"),
    "deputy prosecutor general": ("Deputy Prosecutor General", "Deputy Prosecutor General"),
    "minister": ("Minister", "Minister"),
    "prime minister": ("Prime Minister", "Prime Minister"),
    "president": ("President", "President"),
    "chair": ("Chair", "Chair"),
    "chairman": ("Chair", "Chair"),
    "chairperson": ("Chair", "Chair"),
    "chairwoman": ("Chair", "Chair"),
    "director": ("Director", "Director"),
    "judge": ("Judge", "Judge"),
    "ambassador": ("Ambassador", "Ambassador"),
    "governor": ("Governor", "Governor"),
    "mayor": ("Mayor", "Mayor"),
    "ombudsman": ("Ombudsman", "Ombudsman"),
    "ombudsperson": ("Ombudsperson", "Ombudsperson"),
    "commissioner": ("Commissioner", "Commissioner"),
}


class EnglishRules(LanguageRules):
    code = "en"
    locale_tag = "en_GB"
    # the base class's defaults are English; English adds the closing for "Dear Sir or Madam"
    words = {**LanguageRules.words, "closing_faithfully": "Yours faithfully,"}
    salutation_mark = ","
    titles = TITLES

    def country_line(self, code: str) -> str:
        return formatting.latin_country_line(code)  # the Universal Postal Union's name

    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        if f.is_institution:
            return "Dear Sir or Madam"
        title = self.title_word(f, recipient.gender)
        if title:
            return f"Dear {title}"
        surname = f.name.split()[-1] if f.name and f.name.split() else ""  # " ": none
        if surname and recipient.gender in ("m", "f"):
            return f"Dear {'Mr' if recipient.gender == 'm' else 'Ms'} {surname}"
        if f.name:
            return f"Dear {f.name}"
        return "Dear Sir or Madam"

    def closing(self, recipient: Recipient) -> str:
        if self.salutation(recipient).startswith("Dear Sir or Madam"):
            return self.words["closing_faithfully"]
        return self.words["closing"]

    def appeal(self, text: str) -> str:
        text = " ".join(text.split())
        for pattern, rep in _FIRST_PERSON_RE:
            new, n = pattern.subn(rep, text, count=1)
            if n:
                text = new
                break
        if text and text[-1] not in ".!?…":
            text += "."
        return text


RULES = EnglishRules()
