"""Mail-merge: one letter per signer from a CSV sheet, rendered on every core. A service (the CLI's
``batch`` and the GUI's Letter ▸ Mail merge… both call it): letters are composed by
``services.letters`` (a copy recipient gets a copy letter composed for it) and written by
``services.exporters``. Qt-free.

**The signer sheet.** UTF-8 (with or without BOM; a legacy Windows encoding is detected and
warned about), ``,`` ``;`` or tab separated, first row a header. Columns (case-insensitive; the
aliases in ``COLUMN_ALIASES`` are accepted too; unknown columns are ignored with a warning):

==============  =====================================================================
``name``        required: the signer's name as signed (``full_name``, ``signer``, ``фио`` ...)
``name_<lang>`` optional: the name in another script, e.g. ``name_ru`` = "Анна Ковач"
``address``     street lines, separated by ``|`` or newlines inside quotes
                (``address2``/``address3`` columns are appended)
``postal_code`` joined with the city into one address line ("10115 Berlin"; "London SW1A 1AA"
                order for GB, IE, US, CA, AU)
``city``        also the place in the date line ("Berlin, 3 May 2011")
``country``     ISO 3166 alpha-2 (``DE``) or a country name in English, Russian or German
``email``       optional; ``phone`` and ``fax`` too
``gender``      ``m``/``f`` (also ``male``/``female``, ``м``/``ж``) or empty: the grammar of
                phrases like "Я обращаюсь"/"обратилась" depends on it in Russian
==============  =====================================================================

A bad row (no name, unknown gender or country, more fields than the header) is reported with
its line number and skipped; the rest are produced. ``read_signers`` returns a
:class:`SignerSheet`; only a sheet that cannot be read at all raises UserFacingError.

**Rendering.** ``BatchRun(job, signers)`` is a generator-style object: iterate it to render,
getting a :class:`BatchProgress` after every finished chunk; ``run.outcomes`` holds one
:class:`LetterOutcome` per signer. The GUI wraps it in its thread-pool runner, e.g.::

    run = BatchRun(job, sheet.signers)
    for p in run:                        # on a worker thread
        progress.emit(p.done, p.total)   # Qt signal
        if cancelled: run.cancel()
    report = run.report()                # counts, written paths, failures with line numbers

Letters are rendered by a ``ProcessPoolExecutor`` (``workers`` = CPU count by default) in
chunks; each worker warms up once (fonts registered, morphology dictionaries loaded, templates
compiled, by rendering the first letter to memory) and then writes its letters atomically, a
chunk at a time (``atomic.FileBatch``: one sync makes a chunk's files durable, then they are
renamed into place; a letter is reported written only after that). Small
batches (or ``workers=1``) render in-process. The pool uses ``fork`` where that is safe (no Qt
loaded, a single thread) and ``spawn`` otherwise, so calling it from the GUI is fine.
An export failure that concerns every letter (disk full, unwritable folder) stops the batch with
ExportError; a failure specific to one signer is recorded and the batch goes on.
``merge_pdfs`` joins the PDFs into one file (pypdf). Must not import Qt.

**The user's edits.** By default every letter is the template letter signed by its signer.
``BatchJob.edits`` (a :class:`LetterEdits`, e.g. from the saved draft: ``edits_from_text``)
carries what the user changed in the editor over to every signer's letter: a paragraph, the
subject, salutation or closing the user changed goes out as written; one left as composed stays
as composed *for each signer* (so the grammar that follows the signer's gender, and the
signer's own sender block, date line and signature, are right for every letter).
"""

from __future__ import annotations

import csv
import datetime as _dt
import errno
import io
import logging
import multiprocessing
import os
import re
import sys
import threading
import unicodedata
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ua_writer.core.errors import ExportError, UserFacingError
from ua_writer.core.i18n import _, current_language
from ua_writer.core.model import Action, SenderProfile
from ua_writer.services import exporters, letters
from ua_writer.services.letters import LetterEdits

log = logging.getLogger(__name__)

MAX_SHEET_BYTES = 20 * 1024 * 1024
FORMATS = ("pdf", "docx")

#: canonical column -> accepted header spellings (compared after ``_norm_header``)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full_name", "fullname", "signer", "signatory", "sender", "имя", "фио",
             "name_latin"),
    "address": ("address", "address1", "address_1", "address_lines", "street", "street_address",
                "адрес", "adresse", "strasse", "straße"),
    "address2": ("address2", "address_2", "address_line_2"),
    "address3": ("address3", "address_3", "address_line_3"),
    "postal_code": ("postal_code", "postalcode", "postcode", "post_code", "zip", "zip_code", "zipcode",
                    "plz", "индекс", "почтовый_индекс"),
    "city": ("city", "town", "place", "город", "ort", "stadt"),
    "country": ("country", "country_code", "страна", "land"),
    "email": ("email", "e_mail", "mail", "почта", "эл_почта"),
    "phone": ("phone", "telephone", "tel", "телефон"),
    "fax": ("fax", "факс"),
    "gender": ("gender", "sex", "пол", "geschlecht"),
}
_ALIAS = {alias: canon for canon, aliases in COLUMN_ALIASES.items() for alias in aliases}
_NAME_LANG = re.compile(r"^(?:name|имя)_([a-z]{2,3})$")
_GENDERS = {"m": "m", "male": "m", "man": "m", "masculine": "m", "м": "m", "муж": "m", "мужской": "m",
            "f": "f", "female": "f", "woman": "f", "feminine": "f", "w": "f", "ж": "f", "жен": "f",
            "женский": "f", "": None, "-": None, "x": None, "?": None}
#: countries whose address line puts the postal code after the city
_CITY_FIRST = {"GB", "IE", "US", "CA", "AU"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# -- the signer sheet -----------------------------------------------------------------------------

@dataclass
class Signer:
    """One good row: its 1-based line number in the file, the profile, a file-name stem."""

    line: int
    profile: SenderProfile
    stem: str


@dataclass
class BadRow:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class SignerSheet:
    signers: list[Signer] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


def _norm_header(h: str) -> str:
    h = unicodedata.normalize("NFC", h).strip().strip("\ufeff").casefold()
    return re.sub(r"[\s\-.:()/]+", "_", h).strip("_")


def _decode(raw: bytes, source: str) -> tuple[str, str | None]:
    """(text, warning or None)."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as e:
            raise UserFacingError(_("{file}: damaged UTF-16 text (byte {offset}); save it again as "
                                    "CSV UTF-8").format(file=source, offset=e.start)) from None
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
    except Exception:  # pragma: no cover - the library is a dependency
        best = None
    if best is None or best.encoding is None:
        raise UserFacingError(_("{file}: not a text file in a known encoding; save it as CSV "
                                "UTF-8").format(file=source))
    return str(best), _("{file} is not UTF-8; read it as {encoding} (save as CSV UTF-8 to be "
                        "sure)").format(file=source, encoding=best.encoding)


def _sniff_delimiter(text: str) -> str:
    header = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _country_code(value: str) -> str | None:
    v = value.strip()
    if not v:
        return ""
    if len(v) == 2 and v.isascii() and v.isalpha():
        return v.upper()
    key = v.casefold()
    for loc in ("en", "ru", "de", "fr", "es"):
        for code, name in _territories(loc).items():
            if name.casefold() == key:
                return code
    return None


_territory_cache: dict[str, dict[str, str]] = {}


def _territories(loc: str) -> dict[str, str]:
    if loc not in _territory_cache:
        from babel import Locale

        _territory_cache[loc] = {c: n for c, n in Locale(loc).territories.items()
                                 if len(c) == 2 and c.isalpha()}
    return _territory_cache[loc]


def safe_stem(name: str, max_len: int = 48) -> str:
    """A file-name-safe stem from a signer's name (letters of any script kept)."""
    s = unicodedata.normalize("NFC", name)
    s = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+', " ", s)
    s = re.sub(r"\s+", "-", s.strip()).strip(".-")
    return s[:max_len].rstrip(".-") or "signer"


def _split_lines(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[|\n\r]+", value or "") if p.strip()]


def _records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str] | None]]:
    """(first line, fields) for each CSV record of ``text``, or (first line, None) for a record
    that runs over several lines because a quote opened in it is never properly closed (an odd
    number of quote characters, or a closing quote not followed by a separator): that would take
    the signers on the following lines into this one's address. Reading then starts again on
    the line after that record's first line, so those signers are read as rows of their own."""
    lines = io.StringIO(text, newline="").readlines()
    pos = 0
    while pos < len(lines):
        reader = csv.reader(iter(lines[pos:]), delimiter=delimiter)
        prev = 0
        restart = None
        try:
            for row in reader:
                start, end = pos + prev + 1, pos + reader.line_num
                prev = reader.line_num
                if end > start and not _closed(lines[start - 1:end], delimiter):
                    restart = start
                    yield start, None
                    break
                yield start, row
        except csv.Error as e:
            raise UserFacingError(_("{file}: line {line}: not valid CSV ({error})").format(
                file=source, line=pos + reader.line_num, error=e)) from None
        if restart is None:
            return
        pos = restart


def _closed(record_lines: list[str], delimiter: str) -> bool:
    """True when the physical lines of one multi-line record hold properly closed quotes."""
    raw = "".join(record_lines)
    if raw.count('"') % 2:
        return False
    try:
        return len(list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter,
                                   strict=True))) == 1
    except csv.Error:
        return False


def parse_signers(text: str, source: str = "signers") -> SignerSheet:
    """Parse a signer sheet's text. See the module docstring for the columns."""
    sheet = SignerSheet()
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[str]]] = []
    unclosed: list[int] = []
    for start, row in _records(text, _sniff_delimiter(text), source):
        if row is None:  # an unclosed quote: reported, and the lines after it read again
            unclosed.append(start)
            continue
        if not any(c.strip() for c in row):
            continue
        if header is None:
            header, header_line = [_norm_header(c) for c in row], start
        else:
            rows.append((start, row))
    sheet.bad_rows.extend(BadRow(line, _(
        "a quote (\") opened in this row is not closed where the row ends, so it would swallow "
        "the lines after it; close the quote or remove it")) for line in unclosed)
    if header is None:
        raise UserFacingError(_("{file}: the file is empty; expected a header row such as "
                                "name,address,city,postal_code,country,email,gender").format(
                                    file=source))
    cols = [_column(h) for h in header]
    sheet.columns = [c for c in cols if c]
    if "name" not in cols:
        raise UserFacingError(_(
            "{file}: line {line}: no 'name' column (found: {columns}); expected a header row such "
            "as name,address,city,postal_code,country,email,gender").format(
                file=source, line=header_line, columns=", ".join(header) or _("none")))
    unknown = [h for h, c in zip(header, cols) if not c and h]
    if unknown:
        sheet.warnings.append(_("{file}: ignored unknown column(s): {columns}").format(
            file=source, columns=", ".join(unknown)))
    for line, row in rows:
        if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
            sheet.bad_rows.append(BadRow(line, _(
                "{n} fields but the header has {columns} (a separator inside a value needs "
                "quotes)").format(n=len(row), columns=len(header))))
            continue
        try:
            profile = _profile_from(cols, row)
        except ValueError as e:
            sheet.bad_rows.append(BadRow(line, str(e)))
            continue
        # the running number keeps stems unique (and in sheet order) even for equal names
        stem = f"{len(sheet.signers) + 1:04d}-{safe_stem(profile.name)}"
        sheet.signers.append(Signer(line, profile, stem))
    sheet.bad_rows.sort(key=lambda b: b.line)
    return sheet


def _column(header: str) -> str:
    if header in _ALIAS:
        return _ALIAS[header]
    m = _NAME_LANG.match(header)
    return f"name_{m.group(1)}" if m else ""


def _profile_from(cols: list[str], values: list[str]) -> SenderProfile:
    data: dict[str, str] = {}
    names: dict[str, str] = {}
    for col, value in zip(cols, values):
        value = unicodedata.normalize("NFC", value).strip()
        if not col or not value:
            continue
        if col.startswith("name_"):
            names[col[5:]] = value
        elif col in data and col != "name":
            data[col] += "\n" + value
        else:
            data.setdefault(col, value)
    name = " ".join(data.get("name", "").split())
    if not name:
        raise ValueError(_("the name is empty"))
    if len(name) > 200:
        raise ValueError(_("the name is longer than 200 characters"))
    gender_raw = data.get("gender", "").casefold()
    if gender_raw not in _GENDERS:
        raise ValueError(_("gender must be m or f (or empty), got {value}").format(
            value=repr(data["gender"])))
    country = _country_code(data.get("country", ""))
    if country is None:
        raise ValueError(_("unknown country {value}; use a two-letter code such as DE").format(
            value=repr(data["country"])))
    email = data.get("email", "")
    if email and not _EMAIL.match(email):
        raise ValueError(_("not an e-mail address: {value}").format(value=repr(email)))
    address = _split_lines(data.get("address", "")) + _split_lines(data.get("address2", "")) \
        + _split_lines(data.get("address3", ""))
    city, postal = data.get("city", ""), data.get("postal_code", "")
    if city or postal:
        place = f"{city} {postal}" if country in _CITY_FIRST else f"{postal} {city}"
        place = place.strip()
        if not any(city and city in ln for ln in address):
            address.append(place)
    return SenderProfile(name=name, address_lines=address, city=city, country=country or "",
                         email=email, phone=data.get("phone", ""), fax=data.get("fax", ""),
                         gender=_GENDERS[gender_raw], names=names)


def read_signers(path: str | os.PathLike) -> SignerSheet:
    """Read a signer sheet file (see the module docstring)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_SHEET_BYTES:
            raise UserFacingError(_("{file}: the signer sheet is larger than {size} MB").format(
                file=p, size=MAX_SHEET_BYTES // 2**20))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise UserFacingError(_("{file}: no such file").format(file=p)) from None
    except IsADirectoryError:
        raise UserFacingError(_("{file}: is a folder, not a CSV file").format(file=p)) from None
    except OSError as e:
        raise UserFacingError(_("{file}: cannot read it ({error})").format(
            file=p, error=e.strerror)) from None
    text, warning = _decode(raw, str(p))
    sheet = parse_signers(text, str(p))
    if warning:
        sheet.warnings.insert(0, warning)
    return sheet


# -- rendering ------------------------------------------------------------------------------------

@dataclass
class BatchJob:
    """What to write for every signer: the same action, recipient, language and date."""

    action: Action
    recipient_id: str
    language: str
    out_dir: Path
    date: _dt.date
    format: str = "pdf"
    page_size: str = "a4"
    align: str = "left"            # "left" (ragged right, as DIN 5008 advises) or "justify"
    window_side: str = "left"      # PDF: where the envelope window is ("left" or "right")
    #: for a copy recipient: the main recipient whose letter is copied (default: the first one)
    copy_of: str | None = None
    #: the user's edits carried over to every letter (None: the template letter)
    edits: LetterEdits | None = None

    def __post_init__(self):
        self.out_dir = Path(self.out_dir)
        if self.format not in FORMATS:
            raise UserFacingError(_("unknown format {value}; use {choices}").format(
                value=repr(self.format), choices=" or ".join(FORMATS)))


@dataclass
class LetterOutcome:
    line: int
    signer: str
    path: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchProgress:
    done: int
    total: int
    #: outcomes finished since the previous progress report
    finished: list[LetterOutcome] = field(default_factory=list)


@dataclass
class BatchReport:
    written: list[Path]
    failed: list[LetterOutcome]
    seconds: float
    workers: int


def compose_for(job: BatchJob, profile: SenderProfile):
    """The composed Letter of ``job`` signed by ``profile`` (with ``job.edits`` applied)."""
    letter = _compose_template(job, profile)
    return job.edits.apply(letter) if job.edits is not None else letter


def edited_letter_id(job: BatchJob) -> str:
    """The recipient whose letter the user edits for ``job``: its recipient, or for a copy
    recipient the main recipient whose letter is copied (copies are not edited on their own)."""
    recipient = letters.targets(job.action, job.recipient_id)[0]
    if letters.is_copy_target(recipient):
        return letters.main_recipient(job.action, job.copy_of).id
    return recipient.id


def edits_from_text(job: BatchJob, profile: SenderProfile, text: str) -> LetterEdits:
    """The edits in ``text`` — the letter to ``edited_letter_id(job)`` as the editor shows it,
    e.g. a saved draft — made by the user whose profile is ``profile`` (their own letter is what
    was edited). For a copy recipient the edits of the main letter go into every copy."""
    template = letters.compose(job.action, edited_letter_id(job), job.language, profile, job.date)
    return letters.edits_from_text(template, text)


def _compose_template(job: BatchJob, profile: SenderProfile):
    return letters.compose(job.action, job.recipient_id, job.language, profile, job.date,
                           copy_of=job.copy_of)


#: the chunk's FileBatch while a chunk is written (per thread: the GUI runs a batch on a worker)
_chunk = threading.local()


def render_to(job: BatchJob, letter, path: Path | None):
    """Write ``letter`` to ``path`` in the job's format; with ``path`` None render to memory.
    Each file is written atomically: inside a chunk (:func:`_write_chunk`) into the chunk's
    ``atomic.FileBatch`` — durable and renamed into place together when the chunk ends, one
    sync for the chunk instead of one per letter — otherwise on its own, fsynced."""
    opts = {"page_size": job.page_size, "align": job.align, "window_side": job.window_side}
    result = exporters.render(job.format, letter, **opts)
    if path is not None:
        payload = result[0] if isinstance(result, tuple) else result
        files = getattr(_chunk, "files", None)
        if files is not None:
            files.write(path, payload)
        else:
            from ua_writer.core.atomic import atomic_write_bytes

            atomic_write_bytes(path, payload)
    return result


def _write_chunk(job: BatchJob, signers: list[Signer]) -> list[LetterOutcome]:
    """Render a chunk of letters and commit their files together (atomic.FileBatch): a letter
    counts as written only once it is durable under its name; an ExportError (a full disk, also
    one the disk reports only at the sync) stops the batch with none of the chunk's files left."""
    from ua_writer.core.atomic import FileBatch

    with FileBatch(job.out_dir) as files:
        _chunk.files = files
        try:
            return [_render_one(job, s) for s in signers]
        finally:
            _chunk.files = None


def _render_one(job: BatchJob, signer: Signer) -> LetterOutcome:
    path = job.out_dir / f"{signer.stem}.{job.format}"
    try:
        render_to(job, compose_for(job, signer.profile), path)
    except ExportError:
        raise  # concerns the whole batch (folder, disk, fonts)
    except UserFacingError as e:
        return LetterOutcome(signer.line, signer.profile.name, None, e.message)
    return LetterOutcome(signer.line, signer.profile.name, path)


# worker-process state, set once by _init_worker
_worker_job: BatchJob | None = None


def _init_worker(job: BatchJob, warm: SenderProfile | None, data_dir: str | None,
                 language: str = "en") -> None:
    global _worker_job
    _worker_job = job
    # a worker started with "spawn" begins in English: speak the UI language of the one that
    # started it, so a letter that fails is reported in the same language as everything else
    from ua_writer.core import i18n

    i18n.set_language(language)
    if data_dir:
        from ua_writer import paths

        paths.set_data_dir(data_dir)
    if warm is not None:  # fonts, morphology, templates: once per process, not per letter
        try:
            render_to(job, compose_for(job, warm), None)
        except Exception:  # the real letters will report it
            pass


def _render_chunk(signers: list[Signer]) -> list[LetterOutcome]:
    assert _worker_job is not None
    return _write_chunk(_worker_job, signers)


def _mp_context():
    if sys.platform.startswith("linux") and threading.active_count() == 1 \
            and not any(m.startswith("PySide6") for m in sys.modules):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class BatchRun:
    """Iterate to render; see the module docstring. Not thread-safe except ``cancel()``."""

    #: below this many letters a pool costs more than it saves
    IN_PROCESS_BELOW = 24

    def __init__(self, job: BatchJob, signers: list[Signer], *, workers: int | None = None,
                 chunk_size: int | None = None):
        self.job = job
        self.signers = list(signers)
        n = len(self.signers)
        cpus = os.cpu_count() or 1
        self.workers = max(1, min(workers or cpus, cpus * 4))
        if n < self.IN_PROCESS_BELOW:
            self.workers = 1
        # several chunks per worker balance the load and give a smooth progress bar
        self.chunk_size = chunk_size or max(1, min(50, -(-n // (self.workers * 8)) if n else 1))
        self.outcomes: list[LetterOutcome] = []
        self.seconds = 0.0
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _prepare(self) -> None:
        out = self.job.out_dir
        try:
            out.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as e:
            raise ExportError(_("cannot create the folder {folder}: {error}").format(
                folder=out, error=e.strerror), e.errno) from None
        if not os.access(out, os.W_OK | os.X_OK):
            raise ExportError(_("cannot write to {folder}: permission denied; choose a folder you "
                                "can write to").format(folder=out), errno.EACCES)
        # one letter in memory first: template, recipient and font problems surface once, here
        if self.signers:
            render_to(self.job, compose_for(self.job, self.signers[0].profile), None)

    def __iter__(self) -> Iterator[BatchProgress]:
        import time

        t0 = time.perf_counter()
        self._prepare()
        total = len(self.signers)
        chunks = [self.signers[i:i + self.chunk_size] for i in range(0, total, self.chunk_size)]
        done = 0
        yield BatchProgress(0, total)
        try:
            if self.workers == 1:
                for chunk in chunks:
                    if self.cancelled:
                        break
                    res = _write_chunk(self.job, chunk)
                    self.outcomes += res
                    done += len(res)
                    yield BatchProgress(done, total, res)
            else:
                yield from self._pooled(chunks, total)
        finally:
            self.seconds = time.perf_counter() - t0
        self.outcomes.sort(key=lambda o: o.line)

    def _pooled(self, chunks: list[list[Signer]], total: int) -> Iterator[BatchProgress]:
        from ua_writer import paths

        workers = min(self.workers, len(chunks))
        data_dir = str(paths.data_dir(create=False))
        warm = self.signers[0].profile if self.signers else None
        done = 0
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                   initializer=_init_worker,
                                   initargs=(self.job, warm, data_dir, current_language()))
        try:
            pending: set[Future] = set()
            queue = list(reversed(chunks))
            # keep two chunks per worker in flight so cancel() takes effect quickly
            while queue or pending:
                while queue and len(pending) < workers * 2 and not self.cancelled:
                    pending.add(pool.submit(_render_chunk, queue.pop()))
                if not pending:
                    break
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    res = fut.result()  # ExportError propagates: the batch stops
                    self.outcomes += res
                    done += len(res)
                    yield BatchProgress(done, total, res)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def run(self) -> "BatchReport":
        for _ in self:
            pass
        return self.report()

    def report(self) -> BatchReport:
        return BatchReport([o.path for o in self.outcomes if o.ok and o.path],
                           [o for o in self.outcomes if not o.ok], self.seconds, self.workers)


def merge_pdfs(paths_in: list[Path], out: str | os.PathLike) -> int:
    """Join PDFs into one file, atomically; returns the page count."""
    from pypdf import PdfWriter

    from ua_writer.core.atomic import atomic_open

    writer = PdfWriter()
    for p in paths_in:
        writer.append(str(p))
    pages = len(writer.pages)
    with atomic_open(out) as fh:
        writer.write(fh)
    return pages


__all__ = ["BadRow", "BatchJob", "BatchProgress", "BatchReport", "BatchRun", "LetterOutcome",
           "Signer", "SignerSheet", "merge_pdfs", "parse_signers", "read_signers", "safe_stem"]
