"""Spanish letter rules: "Berlin, 3 de mayo de 2011", "Sr." / "Sra." in the address, "Señor Fiscal
General:" / "Señora Ministra:" / "Estimados señores:" (a colon after the salutation), "Atentamente,".
No Qt, no I/O.
"""

from __future__ import annotations

from ua_writer.core.lang import LanguageRules, LocalFields
from ua_writer.core.model import Gender, Recipient

#: English title (as in the UA) -> (masculine, feminine) Spanish title for the salutation
TITLES = {
    "prosecutor general": ("Fiscal General", "Fiscal General"),
    "general prosecutor": ("Fiscal General", "Fiscal General"),
    "deputy prosecutor general": ("Fiscal General Adjunto", "Fiscal General Adjunta"),
    "minister": ("Ministro", "Ministra"),
    "prime minister": ("Primer Ministro", "Primera Ministra"),
    "president": ("Presidente", "Presidenta"),
    "chair": ("Presidente", "Presidenta"),
    "chairman": ("Presidente", "Presidenta"),
    "chairperson": ("Presidente", "Presidenta"),
    "chairwoman": ("Presidente", "Presidenta"),
    "director": ("Director", "Directora"),
    "judge": ("Juez", "Jueza"),
    "ambassador": ("Embajador", "Embajadora"),
    "governor": ("Gobernador", "Gobernadora"),
    "mayor": ("Alcalde", "Alcaldesa"),
    "ombudsman": ("Defensor del Pueblo", "Defensora del Pueblo"),
    "ombudsperson": ("Defensor del Pueblo", "Defensora del Pueblo"),
}


#: how a Spanish title begins -> the office (English key of TITLES)
OFFICES = {
    "fiscal general": "prosecutor general", "fiscal general adjunto": "deputy prosecutor general",
    "fiscal general adjunta": "deputy prosecutor general", "ministro": "minister",
    "ministra": "minister", "primer ministro": "prime minister",
    "primera ministra": "prime minister", "presidente": "president", "presidenta": "president",
    "director": "director", "directora": "director", "juez": "judge", "jueza": "judge",
    "embajador": "ambassador", "embajadora": "ambassador", "gobernador": "governor",
    "gobernadora": "governor", "alcalde": "mayor", "alcaldesa": "mayor",
    "defensor del pueblo": "ombudsman", "defensora del pueblo": "ombudsman",
}

class SpanishRules(LanguageRules):
    code = "es"
    locale_tag = "es_ES"
    words = {
        "closing": "Atentamente,",
        "copies_heading": "Copias a:",
        "copy_heading": "Copia a:",
        "copy_marker": "COPIA",
        "copy_of": "COPIA de la carta dirigida a: {label}",
        "copy_of_to": "COPIA de la carta dirigida {to}",
        "your_name": "[Su nombre]",
        "your_address": "[Su dirección]",
        "untranslated": "[Texto en {language}: tradúzcalo, por favor]",
        "subject_prefix": "Asunto: ",
    }
    salutation_mark = ":"
    titles = TITLES
    offices = OFFICES

    def name_line(self, f: LocalFields, gender: Gender) -> str | None:
        if f.name and gender in ("m", "f"):
            return f"{'Sr.' if gender == 'm' else 'Sra.'} {f.name}"
        return f.name

    def to_phrase(self, recipient: Recipient) -> str | None:
        """"al Sr. Yurii Ya. Chaika, Fiscal General de la Federación de Rusia"."""
        f = self.fields(recipient)
        if not f.name or recipient.gender not in ("m", "f"):
            return None  # "al/a la …" needs the gender of the title or institution
        article = "al" if recipient.gender == "m" else "a la"
        return f"{article} " + ", ".join(p for p in (self.name_line(f, recipient.gender), self.own(f, "title")) if p)

    def make_salutation(self, recipient: Recipient, f: LocalFields) -> str:
        g = recipient.gender
        if f.is_institution:
            return "Estimados señores"
        if g in ("m", "f"):
            title = self.title_word(f, g)
            surname = f.name.split()[-1] if f.name and f.name.split() else None  # " ": none
            word = "Señor" if g == "m" else "Señora"
            if title:
                return f"{word} {title}"
            if surname:
                return f"Estimado señor {surname}" if g == "m" else f"Estimada señora {surname}"
        return "Estimado/a señor/a"


RULES = SpanishRules()
