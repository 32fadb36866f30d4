"""German letter rules: "Berlin, 3. Mai 2011", "Herrn …" / "Frau …" in the address, "Sehr geehrter
Herr Generalstaatsanwalt," / "Sehr geehrte Frau Ministerin," / "Sehr geehrte Damen und Herren,",
"Mit freundlichen Grüßen" (no comma), "Kopie an:" (one) / "Kopien an:" (several). No Qt, no I/O.
"""

from __future__ import annotations

from ua_writer.core.lang import LanguageRules, LocalFields
from ua_writer.core.model import Gender, Recipient

#: English title (as in the UA) -> (masculine, feminine) German title for the salutation
TITLES = {
    "prosecutor general": ("Generalstaatsanwalt", "Generalstaatsanwältin"),
    "general prosecutor": ("Generalstaatsanwalt", "Generalstaatsanwältin"),
    "deputy prosecutor general": ("stellvertretender Generalstaatsanwalt",
                                  "stellvertretende Generalstaatsanwältin"),
    "minister": ("Minister", "Ministerin"),
    "prime minister": ("Premierminister", "Premierministerin"),
    "president": ("Präsident", "Präsidentin"),
    "chair": ("Vorsitzender", "Vorsitzende"),
    "chairman": ("Vorsitzender", "Vorsitzende"),
    "chairperson": ("Vorsitzender", "Vorsitzende"),
    "chairwoman": ("Vorsitzender", "Vorsitzende"),
    "director": ("Direktor", "Direktorin"),
    "judge": ("Richter", "Richterin"),
    "ambassador": ("Botschafter", "Botschafterin"),
    "governor": ("Gouverneur", "Gouverneurin"),
    "mayor": ("Bürgermeister", "Bürgermeisterin"),
    "ombudsman": ("Ombudsmann", "Ombudsfrau"),
    "ombudsperson": ("Ombudsmann", "Ombudsfrau"),
}


#: how a German title begins -> the office (English key of TITLES)
OFFICES = {
    "generalstaatsanwalt": "prosecutor general", "generalstaatsanwältin": "prosecutor general",
    "stellvertretender generalstaatsanwalt": "deputy prosecutor general",
    "stellvertretende generalstaatsanwältin": "deputy prosecutor general",
    "minister": "minister", "ministerin": "minister", "außenminister": "minister",
    "außenministerin": "minister", "premierminister": "prime minister",
    "premierministerin": "prime minister", "ministerpräsident": "prime minister",
    "ministerpräsidentin": "prime minister", "präsident": "president", "präsidentin": "president",
    "vorsitzender": "chair", "vorsitzende": "chair", "direktor": "director",
    "direktorin": "director", "leiter": "director", "leiterin": "director", "richter": "judge",
    "richterin": "judge", "botschafter": "ambassador", "botschafterin": "ambassador",
    "gouverneur": "governor", "gouverneurin": "governor", "bürgermeister": "mayor",
    "bürgermeisterin": "mayor", "ombudsmann": "ombudsman", "ombudsfrau": "ombudsman",
    "menschenrechtsbeauftragter": "ombudsman", "menschenrechtsbeauftragte": "ombudsman",
}

class GermanRules(LanguageRules):
    code = "de"
    locale_tag = "de_DE"
    words = {
        "closing": "Mit freundlichen Grüßen",
        "copies_heading": "Kopien an:",
        "copy_heading": "Kopie an:",
        "copy_marker": "KOPIE",
        "copy_of": "KOPIE des Schreibens an: {label}",
        "copy_of_to": "KOPIE des Schreibens {to}",
        "your_name": "[Ihr Name]",
        "your_address": "[Ihre Anschrift]",
        "untranslated": "[Text auf {language} – bitte übersetzen]",
        "subject_prefix": "",
    }
    salutation_mark = ","
    titles = TITLES
    offices = OFFICES

    def name_line(self, f: LocalFields, gender: Gender) -> str | None:
        if f.name and gender in ("m", "f"):
            return f"{'Herrn' if gender == 'm' else 'Frau'} {f.name}"
        return f.name

    def to_phrase(self, recipient: Recipient) -> str | None:
        """"an Herrn Yurii Ya. Chaika, Generalstaatsanwalt der Russischen Föderation"."""
        f = self.fields(recipient)
        if not f.name or recipient.gender not in ("m", "f"):
            return None  # "an den/die/das …" needs the gender of the title or institution
        return "an " + ", ".join(p for p in (self.name_line(f, recipient.gender), self.own(f, "title")) if p)

    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        g = recipient.gender
        if not f.is_institution and g in ("m", "f"):
            title = self.title_word(f, g)
            surname = f.name.split()[-1] if f.name and f.name.split() else None  # " ": none
            word = title or surname
            if word:
                return f"Sehr geehrter Herr {word}" if g == "m" else f"Sehr geehrte Frau {word}"
        return "Sehr geehrte Damen und Herren"


RULES = GermanRules()
