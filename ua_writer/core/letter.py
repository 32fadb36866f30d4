"""The neutral composed Letter: the one structure every view renders (editor, PDF, DOCX, text, fax).

compose.py builds it; exporters and the editor only *render* it and never re-derive salutations,
dates or addresses. ``to_text``/``from_text`` give the editable plain-text form: blocks separated by
one blank line, in a fixed order, so an unedited text parses back to an equal Letter and an edited
one still maps onto the right blocks. No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass
class Letter:
    language: str                      # BCP-47-ish letter language, e.g. "ru"
    sender: list[str]                  # sender block lines (name, address, contacts)
    place_date: str                    # e.g. "Berlin, 3 May 2011" / "3 мая 2011 г."
    addressee: list[str]               # addressee block lines, in the letter language's conventions
    subject: str                       # subject line ("" for none)
    salutation: str                    # "Dear Prosecutor General," / "Уважаемый Юрий Яковлевич!"
    paragraphs: list[str]              # body paragraphs (appeal points included)
    closing: str                       # "Yours sincerely," / "С уважением,"
    signature: list[str]               # signer name (+ optional second line)
    copies_heading: str = ""           # "Copies to:" / "Копии:"
    copies: list[str] = field(default_factory=list)
    #: marker for a copy letter, e.g. "COPY" / "КОПИЯ" ("" for an original)
    copy_marker: str = ""
    #: metadata for exporters: title, author, subject, keywords, action_id, recipient_id, locale
    meta: dict[str, str] = field(default_factory=dict)
    #: things the user should know (missing profile, English fallback, ...): ``core.notices.Notice``s
    warnings: list[str] = field(default_factory=list)
    #: the untranslated block: the "[Text in English — please translate]" marker and the
    #: paragraphs behind it, as composed. A paragraph still equal to one of these is unfinished:
    #: renderers show it marked (never as ordinary body text) until the writer translates it.
    untranslated: list[str] = field(default_factory=list)

    def untranslated_indexes(self) -> list[int]:
        """Indexes of the paragraphs that are still the untranslated block (marker included)."""
        marks = set(self.untranslated)
        return [i for i, p in enumerate(self.paragraphs) if p in marks]

    @property
    def has_untranslated(self) -> bool:
        return bool(self.untranslated_indexes())

    # -- the editable text form ----------------------------------------------------------------
    def header_blocks(self) -> list[list[str]]:
        blocks = []
        if self.copy_marker:
            blocks.append([self.copy_marker])
        blocks += [list(self.sender), [self.place_date], list(self.addressee)]
        if self.subject:
            blocks.append([self.subject])
        blocks.append([self.salutation])
        return blocks

    def footer_blocks(self) -> list[list[str]]:
        blocks = [[self.closing] + list(self.signature)]
        if self.copies:
            blocks.append([self.copies_heading] + list(self.copies))
        return blocks

    def to_text(self) -> str:
        blocks = self.header_blocks() + [[p] for p in self.paragraphs] + self.footer_blocks()
        return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def _split_blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    cur: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def from_text(text: str, like: Letter) -> Letter:
    """Map an (edited) text back onto a Letter shaped like ``like`` (the composed original).

    Header blocks are taken positionally while they look like the original's header; the
    salutation is found by content; the closing block is the last block starting with the
    original's closing (or the last-but-copies block). Whatever lies between is body text, so an
    edit never loses words: at worst a changed header line travels as a body paragraph.
    """
    blocks = _split_blocks(text)
    if not blocks:
        return replace(like, paragraphs=[], signature=[], copies=[])

    header_len = len(like.header_blocks())
    # locate the salutation: the first block within the header zone equal to it, else positional
    sal_idx = None
    for i, b in enumerate(blocks[: header_len + 2]):
        if b[0].strip() == like.salutation.strip():
            sal_idx = i
            break
    if sal_idx is None:
        sal_idx = header_len - 1 if len(blocks) >= header_len else None

    # locate the copies block and the closing block from the end
    end = len(blocks)
    copies_heading, copies = like.copies_heading, []
    if like.copies_heading and end > 0 and blocks[end - 1][0].strip() == like.copies_heading.strip():
        copies = blocks[end - 1][1:]
        end -= 1
    closing_idx = None
    for i in range(end - 1, (sal_idx if sal_idx is not None else -1), -1):
        if blocks[i][0].strip() == like.closing.strip():
            closing_idx = i
            break

    new = replace(like)
    if sal_idx is not None:
        head = blocks[:sal_idx]
        i = 0
        if like.copy_marker:
            if head and head[0] == [like.copy_marker]:
                i = 1
            else:
                new.copy_marker = ""
        fields = ["sender", "place_date", "addressee"] + (["subject"] if like.subject else [])
        # a line typed under the date, the subject or the salutation after a single Enter
        # starts the body: those are one line each (a composed subject that wraps is one line)
        spill: list[list[str]] = []
        for name in fields:
            if i < len(head):
                val = head[i]
                if name in ("place_date", "subject"):
                    setattr(new, name, val[0])
                    spill += [[line] for line in val[1:]]
                else:
                    setattr(new, name, val)
                i += 1
            else:
                setattr(new, name, [] if name in ("sender", "addressee") else "")
        new.salutation = blocks[sal_idx][0]
        spill += [[line] for line in blocks[sal_idx][1:]]
        body_start = sal_idx + 1
        extra_head = spill + head[i:]
    else:
        body_start = 0
        extra_head = []
    body_end = closing_idx if closing_idx is not None else end
    paragraphs = [" ".join(b) if len(b) == 1 else "\n".join(b) for b in extra_head + blocks[body_start:body_end]]
    new.paragraphs = paragraphs
    if closing_idx is not None:
        new.closing = blocks[closing_idx][0]
        new.signature = blocks[closing_idx][1:] + [l for b in blocks[closing_idx + 1:end] for l in b]
    else:
        new.closing, new.signature = "", []
    new.copies_heading = copies_heading if copies else like.copies_heading
    new.copies = copies
    return new
