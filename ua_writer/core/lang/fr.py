"""French letter rules: "Berlin, le 3 mai 2011", "Monsieur le Procureur général," / "Madame la
Ministre," / "Madame, Monsieur,", and the closing formula that repeats the appellation ("Je vous
prie d’agréer, Monsieur le Procureur général, l’expression de ma haute considération."). French
typography: a no-break space before ":". No Qt, no I/O.
"""

from __future__ import annotations

import datetime as _dt

from ua_writer.core import formatting
from ua_writer.core.lang import LanguageRules, LocalFields, local_city
from ua_writer.core.model import Gender, Recipient

NBSP = "\u00a0"

#: English title (as in the UA) -> (masculine, feminine) French title with its article
TITLES = {
    "prosecutor general": ("le Procureur général", "la Procureure générale"),
    "general prosecutor": ("le Procureur général", "la Procureure générale"),
    "deputy prosecutor general": ("le Procureur général adjoint", "la Procureure générale adjointe"),
    "minister": ("le Ministre", "la Ministre"),
    "prime minister": ("le Premier ministre", "la Première ministre"),
    "president": ("le Président", "la Présidente"),
    "chair": ("le Président", "la Présidente"),
    "chairman": ("le Président", "la Présidente"),
    "chairperson": ("le Président", "la Présidente"),
    "chairwoman": ("le Président", "la Présidente"),
    "director": ("le Directeur", "la Directrice"),
    "judge": ("le Juge", "la Juge"),
    "ambassador": ("l’Ambassadeur", "l’Ambassadrice"),
    "governor": ("le Gouverneur", "la Gouverneure"),
    "mayor": ("le Maire", "la Maire"),
    "ombudsman": ("le Médiateur", "la Médiatrice"),
    "ombudsperson": ("le Médiateur", "la Médiatrice"),
}

GENERIC = "Madame, Monsieur"


#: how a French title begins -> the office (English key of TITLES)
OFFICES = {
    "procureur général": "prosecutor general", "procureure générale": "prosecutor general",
    "procureur général adjoint": "deputy prosecutor general",
    "procureure générale adjointe": "deputy prosecutor general",
    "ministre": "minister", "premier ministre": "prime minister",
    "première ministre": "prime minister", "président": "president", "présidente": "president",
    "directeur": "director", "directrice": "director", "juge": "judge",
    "ambassadeur": "ambassador", "ambassadrice": "ambassador", "gouverneur": "governor",
    "gouverneure": "governor", "maire": "mayor", "médiateur": "ombudsman",
    "médiatrice": "ombudsman", "défenseur des droits": "ombudsman",
    "défenseure des droits": "ombudsman",
}

class FrenchRules(LanguageRules):
    code = "fr"
    locale_tag = "fr_FR"
    words = {
        "closing": "Je vous prie d’agréer, {appellation}, l’expression de ma haute considération.",
        "closing_generic": "Je vous prie d’agréer, {appellation}, l’expression de mes salutations "
                           "distinguées.",
        "copies_heading": f"Copies à{NBSP}:",
        "copy_heading": f"Copie à{NBSP}:",
        "copy_marker": "COPIE",
        "copy_of": f"COPIE de la lettre adressée à{NBSP}: {{label}}",
        "copy_of_to": "COPIE de la lettre adressée {to}",
        "your_name": "[Votre nom]",
        "your_address": "[Votre adresse]",
        "untranslated": "[Texte en {language} — à traduire]",
        "subject_prefix": f"Objet{NBSP}: ",
    }
    salutation_mark = ","
    titles = TITLES
    offices = OFFICES

    def long_date(self, date: _dt.date) -> str:
        day = formatting.long_date(date, self.loc)
        if date.day == 1 and day.startswith("1 "):  # French writes the first day as "1er"
            day = "1er" + day[1:]
        return day

    def place_date(self, city: str, date: _dt.date) -> str:
        day = self.long_date(date)
        city = local_city(city, self.loc)
        return f"{city}, le {day}" if city else f"Le {day}"

    def to_phrase(self, recipient: Recipient) -> str | None:
        """"à Monsieur Yurii Ya. Chaika, Procureur général de la Fédération de Russie"."""
        f = self.fields(recipient)
        if not f.name or recipient.gender not in ("m", "f"):
            return None  # "au/à la …" needs the gender of the title or institution
        return "à " + ", ".join(p for p in (self.name_line(f, recipient.gender), self.own(f, "title")) if p)

    def name_line(self, f: LocalFields, gender: Gender) -> str | None:
        if f.name and gender in ("m", "f"):
            return f"{'Monsieur' if gender == 'm' else 'Madame'} {f.name}"
        return f.name

    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        g = recipient.gender
        if not f.is_institution and g in ("m", "f"):
            title = self.title_word(f, g)
            word = "Monsieur" if g == "m" else "Madame"
            return f"{word} {title}" if title else word
        return GENERIC

    def closing(self, recipient: Recipient) -> str:
        appellation = self.salutation(recipient).rstrip(",")
        key = "closing_generic" if appellation == GENERIC else "closing"
        return self.words[key].format(appellation=appellation)


RULES = FrenchRules()
